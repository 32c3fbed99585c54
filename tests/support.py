"""Helpers the tests share: the dataset of some files, with every problem, in one call."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NamedTuple

from synews_cli.errors import Problem
from synews_cli.render import Links
from synews_cli.store import location, open_store
from synews_cli.store.reader import Store


class Report(NamedTuple):
    """What ``synews check`` would say: the dataset (None when it has problems), and every
    problem and warning."""

    dataset: Store | None
    problems: list[Problem]
    warnings: list[Problem]


def check_paths(paths: Sequence[str | os.PathLike[str]], *, cached: bool = False) -> Report:
    """Open the store of ``paths`` (in memory unless ``cached``) and report on it."""
    store = open_store([os.fspath(path) for path in paths], cached=cached, warnings=True)
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


# --- The store file in the (test's own) cache folder ------------------------------------------


def the_store() -> Path:
    """The one store in the cache folder."""
    [path] = location.store_files()
    return path


@contextlib.contextmanager
def connected(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection of our own to a store file (each statement committed), closed at the end."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def integrity(path: Path) -> str:
    """``ok`` for a sound store file, else what SQLite says is wrong with it."""
    try:
        with connected(path) as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as error:
        return str(error)


# --- Counting work -------------------------------------------------------------------------------


def steps(work: Callable[[], Any]) -> int:
    """Lines of Python that ``work`` runs."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count
