"""Helpers the tests share: the dataset of some files, with every problem, in one call."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple

from synews_cli.errors import Problem
from synews_cli.render import Links
from synews_cli.store import open_store
from synews_cli.store.reader import Store


class Report(NamedTuple):
    """What ``synews check`` would say: the dataset (None when it has problems), and every
    problem and warning."""

    dataset: Store | None
    problems: list[Problem]
    warnings: list[Problem]


def check_paths(paths: Sequence[str | os.PathLike[str]], *, cached: bool = False) -> Report:
    """Open the store of ``paths`` (in memory unless ``cached``) and report on it."""
    store = open_store([os.fspath(path) for path in paths], cached=cached)
    problems, warnings = store.problems(), store.warnings()
    if problems:
        store.close()
        return Report(None, problems, warnings)
    return Report(store, problems, warnings)


def links(dataset: Store) -> Links:
    """Everything any view may show beside any item of ``dataset``: every statement about
    each event, and every event's title."""
    from synews_cli.query.links import statements_about

    events = dataset.events()
    about = statements_about(dataset, [event.id for event in events])
    titles = {event.id: event.title for event in events}
    return Links(dataset.meta, dataset.person_by_id, dataset.source_by_id, about, titles)
