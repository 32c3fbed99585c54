"""Model records -> Listings with stable, documented field names (see the README).

The JSON field names here are a public interface: scripts depend on them. Add fields,
never rename or remove one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache, partial
from typing import Any, overload

from synews_cli.dates import EdtfDate
from synews_cli.model import Claim, Dataset, Event, PersonSummary
from synews_cli.render import Listing

EVENT_COLUMNS = (
    "id",
    "date",
    "when",
    "start",
    "end",
    "title",
    "summary",
    "places",
    "actors",
    "tags",
    "source",
    "note",
)
CLAIM_COLUMNS = (
    "id",
    "date",
    "when",
    "start",
    "end",
    "speaker",
    "speaker_name",
    "speaker_role",
    "kind",
    "text",
    "context",
    "topics",
    "about",
    "status",
    "evidence",
    "evidence_note",
    "source",
)
PEOPLE_COLUMNS = (
    "id",
    "name",
    "role",
    "affiliation",
    "kind",
    "identity",
    "identity_note",
    "statements",
    "first",
    "last",
    "aliases",
)


def _iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())


@lru_cache(maxsize=8192)
def date_fields(when: EdtfDate) -> dict[str, Any]:
    """The date's four fields. Cached: an archive has far fewer distinct dates than items.
    Callers spread the result (``**date_fields(d)``) and never change it."""
    return {
        "date": when.text,
        "when": when.display(),
        "start": _iso(when.start),
        "end": _iso(when.end),
    }


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        **date_fields(event.date),
        "title": event.title,
        "summary": event.summary,
        "places": list(event.places),
        "actors": list(event.actors),
        "tags": list(event.tags),
        "source": event.source,
        "note": event.note,
    }


def event_json(event: Event) -> str:
    """The event as ``-f json``/``jsonl`` print it; the index keeps this for each event."""
    from synews_cli.render.jsonfmt import encode_record

    return encode_record(event_record(event))


class _Records(Sequence[dict[str, Any]]):
    """Records made when used: JSON output of events the index encoded never needs them,
    and a renderer that goes through them once gets each in turn, never all at once."""

    def __init__(self, items: Sequence[Any], make: Callable[[Any], dict[str, Any]]) -> None:
        self._items = items
        self._make = make
        self._made: list[dict[str, Any]] | None = None

    def _all(self) -> list[dict[str, Any]]:
        if self._made is None:
            self._made = [self._make(item) for item in self._items]
        return self._made

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        return self._all()[index]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._made is not None:
            return iter(self._made)
        return map(self._make, self._items)


def claim_record(claim: Claim, dataset: Dataset) -> dict[str, Any]:
    speaker = dataset.person_by_id[claim.speaker]
    return {
        "id": claim.id,
        **date_fields(claim.date),
        "speaker": claim.speaker,
        "speaker_name": speaker.name,
        "speaker_role": speaker.role_line(),
        "speaker_identity": speaker.identity,
        "kind": claim.kind,
        "text": claim.text,
        "context": claim.context,
        "topics": list(claim.topics),
        "about": list(claim.about),
        "status": claim.status,
        "evidence": list(claim.evidence),
        "evidence_note": claim.evidence_note,
        "source": claim.source,
    }


def person_record(summary: PersonSummary) -> dict[str, Any]:
    person = summary.person
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "affiliation": person.affiliation,
        "kind": person.kind,
        "identity": person.identity,
        "identity_note": person.identity_note,
        "statements": summary.statements,
        "first": None if summary.first is None else summary.first.text,
        "last": None if summary.last is None else summary.last.text,
        "aliases": list(person.aliases),
    }


def events_listing(
    dataset: Dataset, events: Sequence[Event], filters: Sequence[str] = ()
) -> Listing:
    stored = getattr(dataset, "stored_json", None)  # an index keeps each event's JSON
    encoded = stored("events", events) if stored is not None else None
    return Listing(
        kind="events",
        singular="event",
        plural="events",
        records=_Records(events, event_record),
        encoded=encoded,
        columns=EVENT_COLUMNS,
        items=events,
        dataset=dataset,
        filters=tuple(filters),
        title=dataset.meta.title,
    )


def claims_listing(
    dataset: Dataset, claims: Sequence[Claim], filters: Sequence[str] = ()
) -> Listing:
    return Listing(
        kind="claims",
        singular="statement",
        plural="statements",
        records=_Records(claims, partial(claim_record, dataset=dataset)),
        columns=CLAIM_COLUMNS,
        items=claims,
        dataset=dataset,
        filters=tuple(filters),
        title=dataset.meta.title,
    )


def people_listing(
    dataset: Dataset, people: Sequence[PersonSummary], filters: Sequence[str] = ()
) -> Listing:
    return Listing(
        kind="people",
        singular="person",
        plural="people",
        records=[person_record(p) for p in people],
        columns=PEOPLE_COLUMNS,
        items=people,
        dataset=dataset,
        filters=tuple(filters),
        title=dataset.meta.title,
    )
