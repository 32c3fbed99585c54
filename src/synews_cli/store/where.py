"""What a filter asks of the store, in SQL: the terms of a WHERE clause and their
parameters. The reader runs them; the query layer builds the filters."""

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from synews_cli.dates import DayRange
from synews_cli.store.fulltext import TextMatch
from synews_cli.store.records import overlapping

CHUNK = 500  # ids per query (SQLite limits the number of parameters)
ORED_VALUES = 32  # filter values asked as ORs; more as one JSON array (_holds_any)
# Items with something to disagree about (the partial indexes *_disputed answer it).
DISPUTED = "(reports != '[]' OR contradicts != '[]')"


class EventFilter(NamedTuple):
    """Which events to read. Every field narrows; the words and days may give more than
    the query wants (a superset), which its own predicates then decide."""

    days: DayRange | None = None
    places: tuple[str, ...] = ()  # each a wanted value's folded words run together
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    disputed: bool = False  # only items with reports or contradictions
    match: TextMatch | None = None


class ClaimFilter(NamedTuple):
    """Which statements to read; see EventFilter."""

    days: DayRange | None = None
    speakers: frozenset[str] | None = None  # person ids; None: anyone
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    about: tuple[str, ...] = ()  # event ids
    evidence: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    disputed: bool = False
    match: TextMatch | None = None


def event_terms(where: EventFilter) -> tuple[list[str], list[Any]]:
    """The terms and parameters that select the events ``where`` wants (a superset)."""
    terms, params = overlapping(where.days)
    for column, wanted in (
        ("places_key", where.places),
        ("actors_key", where.actors),
        ("tags_key", where.tags),
    ):
        _holds_any(column, wanted, terms, params)
    _cites(where.sources, terms, params)
    if where.disputed:
        terms.append(DISPUTED)
    if where.match is not None:
        condition, values = where.match.condition("events")
        terms.append(condition)
        params += values
    return terms, params


def claim_terms(where: ClaimFilter) -> tuple[list[str], list[Any]]:
    """The terms and parameters that select the statements ``where`` wants (a superset)."""
    terms, params = overlapping(where.days)
    if where.speakers is not None:
        one_of("speaker_id", sorted(where.speakers), terms, params, always=True)
    one_of("kind", where.kinds, terms, params)
    one_of("status", where.statuses, terms, params)
    _cites(where.sources, terms, params)
    if where.disputed:
        terms.append(DISPUTED)
    _holds_any("topics_key", where.topics, terms, params)
    for table, targets in (("claim_about", where.about), ("claim_evidence", where.evidence)):
        if targets:
            marks = ", ".join("?" * len(targets))
            terms.append(f"id IN (SELECT claim_id FROM {table} WHERE event_id IN ({marks}))")
            params += targets
    if where.match is not None:
        condition, values = where.match.condition("claims")
        terms.append(condition)
        params += values
    return terms, params


def one_of(
    column: str, values: Sequence[str], terms: list[str], params: list[Any], *, always: bool = False
) -> None:
    """``column`` is one of ``values`` (with ``always``, even when there are none)."""
    if values or always:
        terms.append(f"{column} IN ({', '.join('?' * len(values))})")
        params += values


def _holds_any(column: str, wanted: Sequence[str], terms: list[str], params: list[Any]) -> None:
    """``column`` (a folded key) holds one of ``wanted``. A few values are ORed; more are
    one JSON array, since SQLite refuses an expression of a thousand ORs as too deep."""
    wanted = list(dict.fromkeys(wanted))
    if not wanted:
        return
    if len(wanted) <= ORED_VALUES:
        terms.append("(" + " OR ".join(f"instr({column}, ?) > 0" for _ in wanted) + ")")
        params += wanted
        return
    terms.append(f"EXISTS (SELECT 1 FROM json_each(?) WHERE instr({column}, value) > 0)")
    params.append(json.dumps(wanted))


def _cites(sources: Sequence[str], terms: list[str], params: list[Any]) -> None:
    """The item names one of ``sources``, first or among its further sources (only an item
    with more than one is read further: ``["id"]`` is its id and four characters)."""
    if not sources:
        return
    marks = ", ".join("?" * len(sources))
    terms.append(
        f"(source_id IN ({marks}) OR (length(sources) > length(source_id) + 4"
        f" AND EXISTS (SELECT 1 FROM json_each(sources) WHERE value IN ({marks}))))"
    )
    params += [*sources, *sources]


def chunks(ids: Sequence[str]) -> list[list[str]]:
    unique = list(dict.fromkeys(ids))
    return [unique[start : start + CHUNK] for start in range(0, len(unique), CHUNK)]
