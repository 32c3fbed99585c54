"""Files merged into one Dataset, with the rules across files: unique ids, known references."""

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from synews_cli import model
from synews_cli.dataset.parse import FileResult, parse_file
from synews_cli.dataset.paths import expand_paths
from synews_cli.dataset.specs import ARRAY_TABLES
from synews_cli.errors import DataError, Problem
from synews_cli.text import did_you_mean


class LoadReport(NamedTuple):
    """A dataset (None when there were problems) and everything found on the way."""

    dataset: model.Dataset | None
    problems: list[Problem]
    warnings: list[Problem]


ParseFile = Callable[[Path, list[Problem], list[Problem]], "FileResult | None"]


def check_paths(
    paths: Sequence[str | os.PathLike[str]], *, parse: ParseFile | None = None
) -> LoadReport:
    """Load and validate; never raises for bad data.

    ``parse`` replaces :func:`parse_file` (the cache passes one that returns a file's stored
    result); everything else is this same code, so both give the same report."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    files = expand_paths(paths, problems)
    parse = parse or parse_file
    results = [(path, parse(path, problems, warnings)) for path in files]
    parsed = [(str(path), result) for path, result in results if result is not None]
    dataset = merge(parsed, problems)
    return LoadReport(None if problems else dataset, problems, warnings)


def load_dataset(paths: Sequence[str | os.PathLike[str]]) -> model.Dataset:
    """Load and validate; raise DataError listing every problem."""
    report = check_paths(paths)
    if report.dataset is None:
        raise DataError(report.problems, report.warnings)
    return report.dataset


# --- Merging and cross-references -----------------------------------------------------------


def merge(parsed: Sequence[tuple[str, FileResult]], problems: list[Problem]) -> model.Dataset:
    """Merge files in order and check ids and references across all of them.

    cache.Index._validate mirrors these cross-file checks in SQL, to know without merging
    whether this would find a problem: a new check here needs its twin there."""
    meta: model.Meta | None = None
    sources: list[model.Source] = []
    people: list[model.Person] = []
    events: list[model.Event] = []
    claims: list[model.Claim] = []
    invalid: dict[str, set[str]] = {table: set() for table in ARRAY_TABLES}
    for _, result in parsed:
        meta = meta or result.meta
        sources += result.sources
        people += result.people
        events += result.events
        claims += result.claims
        for table, ids in result.invalid_ids.items():
            invalid[table] |= ids

    seen: dict[str, model.Location | None] = {}
    for kind_items in (sources, people, events, claims):
        for item in kind_items:
            first = seen.get(item.id)
            if item.id in seen:
                where = f" (first defined at {first})" if first else ""
                _add(problems, item.location, item.id, "id", f"duplicate id{where}")
            else:
                seen[item.id] = item.location

    source_ids = {s.id for s in sources}
    person_ids = {p.id for p in people}
    event_ids = {e.id for e in events}
    for event in events:
        _check_ref(problems, event, "source", [event.source], source_ids, "source", invalid)
    known = {"source": source_ids, "person": person_ids, "event": event_ids}
    tables = {"source": "sources", "person": "people", "event": "events"}
    for name, result in parsed:
        for line, label, key, ref, what in result.orphan_refs:
            if ref not in known[what] and ref not in invalid[tables[what]]:
                hint = did_you_mean(ref, known[what])
                problems.append(Problem(name, line, label, key, f"unknown {what} '{ref}'{hint}"))
    for claim in claims:
        _check_ref(problems, claim, "source", [claim.source], source_ids, "source", invalid)
        _check_ref(problems, claim, "speaker", [claim.speaker], person_ids, "person", invalid)
        _check_ref(problems, claim, "about", claim.about, event_ids, "event", invalid)
        _check_ref(problems, claim, "evidence", claim.evidence, event_ids, "event", invalid)

    return model.Dataset(
        meta=meta or model.Meta(title="Untitled dataset"),
        sources=tuple(sources),
        people=tuple(people),
        events=tuple(events),
        claims=tuple(claims),
        files=tuple(name for name, _ in parsed),
    )


def _add(
    problems: list[Problem], loc: model.Location | None, item: str, fld: str, msg: str
) -> None:
    problems.append(Problem(loc.file if loc else "?", loc.line if loc else None, item, fld, msg))


def _check_ref(
    problems: list[Problem],
    item: model.Event | model.Claim,
    fld: str,
    refs: Iterable[str],
    known: set[str],
    what: str,
    invalid: dict[str, set[str]],
) -> None:
    table = {"source": "sources", "person": "people", "event": "events"}[what]
    for ref in refs:
        if ref not in known and ref not in invalid[table]:
            hint = did_you_mean(ref, known)
            _add(problems, item.location, item.id, fld, f"unknown {what} '{ref}'{hint}")
