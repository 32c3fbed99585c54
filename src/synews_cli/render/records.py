"""Model records -> Listings with stable, documented field names (see the README).

The JSON field names here are a public interface: scripts depend on them. Add fields,
never rename or remove one; a new field gets its line in render/fields.py (what it means,
for ``--fields``) and in the README.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache, partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, overload

from synews_cli.dates import EdtfDate
from synews_cli.model import (
    Accounts,
    Claim,
    Event,
    Meta,
    Person,
    PersonSummary,
    Report,
    Source,
    dates_disagree,
    reported_dates,
)
from synews_cli.render import Links, Listing

if TYPE_CHECKING:  # results of the layers beside this one: read here, never asked for
    from synews_cli.curate.verify import Finding
    from synews_cli.query.overview import Overview, PeriodCount
    from synews_cli.query.search import Hit

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
    "sources",
    "status",
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
    "speaker_affiliation",
    "kind",
    "text",
    "context",
    "topics",
    "about",
    "status",
    "evidence",
    "evidence_note",
    "source",
    "sources",
    "outlet",
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


def conflict_records(
    item: Event | Claim, contradicts: Mapping[str, Sequence[str]]
) -> list[dict[str, Any]]:
    """What the item disagrees with: the items it contradicts (either side may say so),
    and its sources' dates when they share no day."""
    found: list[dict[str, Any]] = [
        {"kind": "contradicts", "with": other} for other in contradicts.get(item.id, ())
    ]
    if dates_disagree(item):
        found.append({"kind": "dates", "reported": reported_records(item)})
    return found


def reported_records(item: Event | Claim) -> list[dict[str, Any]]:
    """Each source's date of the item: ``source``, ``date`` and ``when``."""
    return [
        {"source": source, "date": when.text, "when": when.display()}
        for source, when in reported_dates(item)
    ]


NO_LINKS: Mapping[str, Sequence[str]] = MappingProxyType({})
NO_SOURCES: Mapping[str, Source] = MappingProxyType({})


def event_record(
    event: Event,
    contradicts: Mapping[str, Sequence[str]] = NO_LINKS,
    accounts: Accounts | None = None,
) -> dict[str, Any]:
    return {
        "id": event.id,
        **date_fields(event.date),
        "title": event.title,
        "summary": event.summary,
        "places": list(event.places),
        "actors": list(event.actors),
        "tags": list(event.tags),
        "source": event.source,
        "sources": list(event.sources),
        "accounts": (accounts or Accounts({})).count(event),
        "reports": [report_record(report) for report in event.reports],
        "status": event.status,
        "conflicts": conflict_records(event, contradicts),
        "note": event.note,
    }


def claim_record(
    claim: Claim,
    people: Mapping[str, Person],
    contradicts: Mapping[str, Sequence[str]] = NO_LINKS,
    accounts: Accounts | None = None,
    sources: Mapping[str, Source] = NO_SOURCES,
) -> dict[str, Any]:
    """The statement, its speaker's name, role and affiliation, and the outlet of each of
    its sources (``outlet``: that of ``source``, the first; a source not in ``sources`` has
    none)."""
    speaker = people[claim.speaker]
    outlets = [_outlet(sources, source) for source in claim.sources]
    return {
        "id": claim.id,
        **date_fields(claim.date),
        "speaker": claim.speaker,
        "speaker_name": speaker.name,
        "speaker_role": speaker.role,
        "speaker_affiliation": speaker.affiliation,
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
        "sources": list(claim.sources),
        "outlet": _outlet(sources, claim.source),
        "outlets": outlets,
        "accounts": (accounts or Accounts({})).count(claim),
        "reports": [report_record(report) for report in claim.reports],
        "conflicts": conflict_records(claim, contradicts),
    }


def _outlet(sources: Mapping[str, Source], source_id: str | None) -> str | None:
    found = None if source_id is None else sources.get(source_id)
    return None if found is None else found.outlet


def report_record(report: Report) -> dict[str, Any]:
    """One source's account: its date (and the date's display), wording, link and note."""
    return {
        "source": report.source,
        "date": None if report.date is None else report.date.text,
        "when": None if report.date is None else report.date.display(),
        "text": report.text,
        "url": report.url,
        "note": report.note,
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


class LazyRecords(Sequence[dict[str, Any]]):
    """Records made when used: a renderer that goes through them once gets each in turn,
    never all at once (an export of 100,000 events)."""

    def __init__(self, items: Sequence[Any], make: Callable[[Any], dict[str, Any]]) -> None:
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self._make, self._items)


def events_listing(events: Sequence[Event], links: Links, filters: Sequence[str] = ()) -> Listing:
    return Listing(
        kind="events",
        singular="event",
        plural="events",
        records=LazyRecords(
            events,
            partial(event_record, contradicts=links.contradicts, accounts=Accounts(links.sources)),
        ),
        columns=EVENT_COLUMNS,
        items=events,
        links=links,
        filters=tuple(filters),
    )


def claims_listing(claims: Sequence[Claim], links: Links, filters: Sequence[str] = ()) -> Listing:
    return Listing(
        kind="claims",
        singular="statement",
        plural="statements",
        records=LazyRecords(
            claims,
            partial(
                claim_record,
                people=links.people,
                contradicts=links.contradicts,
                accounts=Accounts(links.sources),
                sources=links.sources,
            ),
        ),
        columns=CLAIM_COLUMNS,
        items=claims,
        links=links,
        filters=tuple(filters),
    )


def people_listing(
    people: Sequence[PersonSummary], links: Links, filters: Sequence[str] = ()
) -> Listing:
    return Listing(
        kind="people",
        singular="person",
        plural="people",
        records=[person_record(p) for p in people],
        columns=PEOPLE_COLUMNS,
        items=people,
        links=links,
        filters=tuple(filters),
    )


# --- timeline --by ---------------------------------------------------------------------------

PERIOD_COLUMNS = ("period", "events", "statements")


def period_record(count: PeriodCount) -> dict[str, object]:
    return {"period": count.period.label, "events": count.events, "statements": count.statements}


def periods_listing(overview: Overview, links: Links, filters: Sequence[str] = ()) -> Listing:
    """The overview as a listing every shared format renders (columns period, events,
    statements; the table format draws bars)."""
    return Listing(
        kind="periods",
        singular=overview.unit,
        plural=f"{overview.unit}s",
        records=[period_record(c) for c in overview.periods],
        columns=PERIOD_COLUMNS,
        items=overview.periods,
        links=links,
        filters=tuple(filters),
        extra={
            "unit": overview.unit,
            "events": len(overview.events),
            "statements": len(overview.statements),
        },
    )


# --- synews search ---------------------------------------------------------------------------

HITS_COLUMNS = ("kind", "id", "score", "date", "speaker_name", "snippet")


def hit_record(hit: Hit, links: Links, summaries: Mapping[str, PersonSummary]) -> dict[str, Any]:
    """``kind``, ``id``, ``score``, ``snippet``, then the item's own listing fields (its own
    ``kind``, a statement's quote/paraphrase or a person's person/organisation, becomes
    ``item_kind``)."""
    fields: dict[str, Any]
    if isinstance(hit.item, Event):
        fields = event_record(hit.item, links.contradicts, Accounts(links.sources))
    elif isinstance(hit.item, Claim):
        fields = claim_record(
            hit.item, links.people, links.contradicts, Accounts(links.sources), links.sources
        )
    else:
        fields = person_record(summaries[hit.item.id])
    fields.pop("id")
    item_kind = fields.pop("kind", None)
    record: dict[str, Any] = {
        "kind": hit.kind,
        "id": hit.item.id,
        "score": float(f"{hit.score:.4g}"),
        "snippet": hit.snippet.text,
        **fields,
    }
    if item_kind is not None:
        record["item_kind"] = item_kind
    return record


def hits_listing(
    hits: Sequence[Hit],
    links: Links,
    summaries: Mapping[str, PersonSummary],
    filters: Sequence[str] = (),
) -> Listing:
    """``summaries``: statement counts and dates of the people among the hits."""
    return Listing(
        kind="hits",
        singular="hit",
        plural="hits",
        records=[hit_record(hit, links, summaries) for hit in hits],
        columns=HITS_COLUMNS,
        items=hits,
        links=links,
        filters=tuple(filters),
    )


# --- synews verify ---------------------------------------------------------------------------


FINDING_COLUMNS = (
    "kind",
    "severity",
    "claim",
    "source",
    "location",
    "message",
    "expected",
    "found",
    "diff",
)


def findings_listing(findings: Sequence[Finding]) -> Listing:
    """The findings of ``synews verify``, for every output format."""
    return Listing(
        kind="findings",
        singular="finding",
        plural="findings",
        records=[f.record() for f in findings],
        columns=FINDING_COLUMNS,
        items=findings,
        links=Links(Meta("synews verify")),
    )
