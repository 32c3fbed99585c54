"""Disagreement kept, never overwritten: the items whose sources give dates that share no
day, and the pairs of items a curator marked as contradicting each other (``contradicts``,
symmetric: a pair is listed once, whichever side names the other)."""

from typing import NamedTuple

from synews_cli.model import CONFLICT_KINDS, Claim, Event, chronological, dates_disagree
from synews_cli.store.reader import Dataset
from synews_cli.store.where import ClaimFilter, EventFilter


class Conflict(NamedTuple):
    kind: str  # dates: the item's sources disagree on its date; contradicts: with ``other``
    item: Event | Claim
    other: Event | Claim | None = None


def find_conflicts(dataset: Dataset, kinds: tuple[str, ...] = ()) -> list[Conflict]:
    """Every conflict (of ``kinds``; all when empty), in the story's order."""
    items: list[Event | Claim] = [
        *dataset.events(EventFilter(disputed=True)),
        *dataset.claims(ClaimFilter(disputed=True)),
    ]
    items.sort(key=chronological)
    found: list[Conflict] = []
    if not kinds or "dates" in kinds:
        found += [Conflict("dates", item) for item in items if dates_disagree(item)]
    if not kinds or "contradicts" in kinds:
        found += _contradictions(dataset, items)
    found.sort(key=lambda c: (chronological(c.item), CONFLICT_KINDS.index(c.kind)))
    return found


def _contradictions(dataset: Dataset, items: list[Event | Claim]) -> list[Conflict]:
    wanted = {other for item in items for other in item.contradicts}
    known: dict[str, Event | Claim] = {item.id: item for item in items}
    missing = sorted(wanted - known.keys())
    known.update(dataset.events_by_id(missing))
    known.update(dataset.claims_by_id(missing))
    seen: set[frozenset[str]] = set()
    found = []
    for item in items:
        for other_id in item.contradicts:
            pair = frozenset((item.id, other_id))
            other = known.get(other_id)
            if other is None or len(pair) < 2 or pair in seen:
                continue  # an unknown id or the item itself: check reports it
            seen.add(pair)
            first, second = sorted((item, other), key=chronological)
            found.append(Conflict("contradicts", first, second))
    return found
