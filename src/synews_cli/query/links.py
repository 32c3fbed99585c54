"""Links between items: statements about an event, by a person, citing evidence, from a
source; and any item by its id."""

from collections.abc import Iterable
from typing import Any, cast

from synews_cli.errors import UsageError
from synews_cli.model import Claim, Dataset, Event, Person
from synews_cli.query.filters import claim_order, event_order
from synews_cli.query.people import _narrower
from synews_cli.text import suggest_ids

# --- Links between items --------------------------------------------------------------------


def _linked_claims(dataset: Dataset, **hints: Any) -> Iterable[Claim]:
    narrow = _narrower(dataset, "narrow_claims")
    return dataset.claims if narrow is None else cast("Iterable[Claim]", narrow(**hints))


def claims_about(dataset: Dataset, event_id: str) -> list[Claim]:
    candidates = _linked_claims(dataset, about=(event_id,))
    return sorted((c for c in candidates if event_id in c.about), key=claim_order)


def claims_by(dataset: Dataset, person_id: str) -> list[Claim]:
    candidates = _linked_claims(dataset, speakers={person_id})
    return sorted((c for c in candidates if c.speaker == person_id), key=claim_order)


def claims_citing_evidence(dataset: Dataset, event_id: str) -> list[Claim]:
    candidates = _linked_claims(dataset, evidence=(event_id,))
    return sorted((c for c in candidates if event_id in c.evidence), key=claim_order)


def items_from_source(dataset: Dataset, source_id: str) -> tuple[list[Event], list[Claim]]:
    narrow = _narrower(dataset, "narrow_events")
    candidates = dataset.events if narrow is None else narrow(sources=(source_id,))
    events = sorted((e for e in candidates if e.source == source_id), key=event_order)
    linked = _linked_claims(dataset, sources=(source_id,))
    claims = sorted((c for c in linked if c.source == source_id), key=claim_order)
    return events, claims


def find_item(dataset: Dataset, item_id: str) -> Event | Claim | Person | object:
    """Any item by id; an unknown id is a UsageError with the closest ids."""
    item = dataset.item(item_id)
    if item is None:
        raise UsageError(
            f"no event, statement, person or source has the id {item_id!r}"
            f"{suggest_ids(dataset.all_ids(), item_id)}",
            hint="ids are listed by 'synews timeline -f plain', 'synews quotes -f plain' "
            "and 'synews people -f plain'",
        )
    return item
