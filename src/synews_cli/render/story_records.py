"""Records of the story across outlets, with stable field names (see the README): its
conflicts, its sources (the bibliography) and the values in use (facets)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from synews_cli.model import Claim, Event, Person
from synews_cli.render import Links, Listing
from synews_cli.render.records import reported_records

if TYPE_CHECKING:  # results of the query layer: read here, never asked for
    from synews_cli.query.accounts import Citations
    from synews_cli.query.conflicts import Conflict
    from synews_cli.query.names import Facet

CONFLICT_COLUMNS = ("kind", "id", "date", "what", "other", "other_date", "other_what", "details")


def _what(item: Event | Claim, people: Mapping[str, Person]) -> str:
    """An event's title; a statement's speaker and words."""
    if isinstance(item, Event):
        return item.title
    speaker = people.get(item.speaker)
    return f"{speaker.name if speaker else item.speaker}: {item.text}"


def conflict_record(conflict: Conflict, links: Links) -> dict[str, Any]:
    item, other = conflict.item, conflict.other
    reported = reported_records(item)
    outlets = {s: (links.sources[s].outlet if s in links.sources else s) for s in item.cited()}
    return {
        "kind": conflict.kind,
        "id": item.id,
        "item_kind": "event" if isinstance(item, Event) else "claim",
        "date": item.date.text,
        "what": _what(item, links.people),
        "other": None if other is None else other.id,
        "other_date": None if other is None else other.date.text,
        "other_what": None if other is None else _what(other, links.people),
        "details": "; ".join(f"{outlets[r['source']]} {r['when']}" for r in reported)
        if conflict.kind == "dates"
        else "",
        "reported": reported if conflict.kind == "dates" else [],
    }


def conflicts_listing(
    conflicts: Sequence[Conflict], links: Links, filters: Sequence[str]
) -> Listing:
    return Listing(
        kind="conflicts",
        singular="conflict",
        plural="conflicts",
        records=[conflict_record(c, links) for c in conflicts],
        columns=CONFLICT_COLUMNS,
        items=conflicts,
        links=links,
        filters=tuple(filters),
    )


SOURCE_COLUMNS = (
    "id",
    "outlet",
    "title",
    "published",
    "kind",
    "url",
    "author",
    "copy_of",
    "account",
    "events",
    "statements",
)


def source_record(found: Citations) -> dict[str, Any]:
    source = found.source
    return {
        "id": source.id,
        "outlet": source.outlet,
        "title": source.title,
        "published": source.published.text,
        "when": source.published.display(),
        "kind": source.kind,
        "url": source.url,
        "author": source.author,
        "copy_of": source.copy_of,
        "account": found.account,
        "events": found.events,
        "statements": found.statements,
    }


def sources_listing(sources: Sequence[Citations], links: Links, filters: Sequence[str]) -> Listing:
    return Listing(
        kind="sources",
        singular="source",
        plural="sources",
        records=[source_record(s) for s in sources],
        columns=SOURCE_COLUMNS,
        items=sources,
        links=links,
        filters=tuple(filters),
    )


FACET_COLUMNS = ("kind", "value", "items", "spellings")


def facets_listing(facets: Sequence[Facet], links: Links, filters: Sequence[str]) -> Listing:
    return Listing(
        kind="facets",
        singular="value",
        plural="values",
        records=[
            {"kind": f.kind, "value": f.value, "items": f.items, "spellings": list(f.spellings)}
            for f in facets
        ],
        columns=FACET_COLUMNS,
        items=facets,
        links=links,
        filters=tuple(filters),
    )
