"""Links between items: statements about an event, by a person, citing evidence, from a
source; any item by its id; and everything that links to one item, for ``synews show``.

Renderers never ask the dataset anything: what they show beside an item is resolved here
first, in a few queries for a whole listing."""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from synews_cli.errors import UsageError
from synews_cli.model import Accounts, Claim, Event, Item, Person, PersonSummary, Source
from synews_cli.query.accounts import Citations
from synews_cli.query.filters import claim_order, event_order
from synews_cli.query.people import summarise_people
from synews_cli.store.reader import Dataset
from synews_cli.store.where import ClaimFilter, EventFilter
from synews_cli.text import suggest_ids


def claims_about(dataset: Dataset, event_id: str) -> list[Claim]:
    return sorted(dataset.claims(ClaimFilter(about=(event_id,))), key=claim_order)


def claims_by(dataset: Dataset, person_id: str) -> list[Claim]:
    return sorted(dataset.claims(ClaimFilter(speakers=frozenset({person_id}))), key=claim_order)


def claims_citing_evidence(dataset: Dataset, event_id: str) -> list[Claim]:
    return sorted(dataset.claims(ClaimFilter(evidence=(event_id,))), key=claim_order)


def items_from_source(dataset: Dataset, source_id: str) -> tuple[list[Event], list[Claim]]:
    events = sorted(dataset.events(EventFilter(sources=(source_id,))), key=event_order)
    claims = sorted(dataset.claims(ClaimFilter(sources=(source_id,))), key=claim_order)
    return events, claims


def statements_about(dataset: Dataset, event_ids: Iterable[str]) -> dict[str, list[Claim]]:
    """For each event, the statements about it, in date order: for the pages that show an
    event with what was said of it."""
    wanted = list(dict.fromkeys(event_ids))
    found: dict[str, list[Claim]] = {event_id: [] for event_id in wanted}
    for start in range(0, len(wanted), 500):
        for claim in dataset.claims(ClaimFilter(about=tuple(wanted[start : start + 500]))):
            for event_id in claim.about:
                if event_id in found and claim not in found[event_id]:
                    found[event_id].append(claim)
    for claims in found.values():
        claims.sort(key=claim_order)
    return found


def event_titles(dataset: Dataset, claims: Iterable[Claim]) -> dict[str, str]:
    """The titles of the events statements are about or cite as evidence."""
    ids = {event_id for claim in claims for event_id in (*claim.about, *claim.evidence)}
    return {event.id: event.title for event in dataset.events_by_id(sorted(ids)).values()}


def find_item(dataset: Dataset, item_id: str) -> Item:
    """Any item by id; an unknown id is a UsageError with the closest ids."""
    item = dataset.item(item_id)
    if item is None:
        raise UsageError(
            f"no event, statement, person or source has the id {item_id!r}"
            f"{suggest_ids(dataset.ids(), item_id)}",
            hint="ids are listed by 'synews timeline -f plain', 'synews quotes -f plain' "
            "and 'synews people -f plain'",
        )
    return item


class ItemLinks(NamedTuple):
    """Everything that links to one item (``synews show``), by what kind of link it is."""

    about: Sequence[Claim] = ()  # an event: statements about it
    evidence_for: Sequence[Claim] = ()  # an event: statements it bears out or refutes
    said: Sequence[Claim] = ()  # a person: their statements; a source: its statements
    events: Sequence[Event] = ()  # a statement: the events it is about; a source: its events
    evidence: Sequence[Event] = ()  # a statement: its evidence
    summary: PersonSummary | None = None  # a person: their statements counted and dated
    citations: Citations | None = None  # a source: its account, and what cites it


def links_of(dataset: Dataset, item: Item) -> ItemLinks:
    if isinstance(item, Event):
        return ItemLinks(
            about=claims_about(dataset, item.id),
            evidence_for=claims_citing_evidence(dataset, item.id),
        )
    if isinstance(item, Claim):
        found = dataset.events_by_id([*item.about, *item.evidence])
        return ItemLinks(
            events=[found[e] for e in item.about if e in found],
            evidence=[found[e] for e in item.evidence if e in found],
        )
    if isinstance(item, Person):
        summary = summarise_people(dataset, [item])[item.id]
        return ItemLinks(said=claims_by(dataset, item.id), summary=summary)
    assert isinstance(item, Source)
    events, claims = items_from_source(dataset, item.id)
    account = Accounts(dataset.source_by_id).of(item.id)
    return ItemLinks(
        said=claims, events=events, citations=Citations(item, account, len(events), len(claims))
    )
