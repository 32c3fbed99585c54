"""Stage: what the dataset the draft extends already knows (after walk, before assemble).

The walk drafts an article as if nothing were known. This stage reads the dataset from the
store, never the TOML files, and only what the draft touches (its speakers' statements, the
events whose dates overlap its candidates, its source's items), each question answered
through an index, so that an article costs about the same against 100,000 items as
against a hundred. It decides:

- which drafted speakers are the dataset's people (known_people);
- which drafted statements are recorded already (known_items): left out when they cite
  the draft's source already, else a ``[[reports]]`` entry of that statement;
- which candidate events are recorded already: a ``[[reports]]`` entry, with why;
- the places, actors, tags and topics of what is drafted, in the dataset's spelling
  (known_terms.Terms), and ``about`` links to the dataset's events a statement speaks of.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from synews_cli.curate.extract.builder import Builder, ClaimDraft
from synews_cli.curate.extract.known_items import (
    CandidateEvent,
    DraftedStatement,
    Recorded,
    RecordedStatements,
    matching_event,
)
from synews_cli.curate.extract.known_people import KnownPeople
from synews_cli.curate.extract.known_terms import Subject, Terms, stems
from synews_cli.model import Claim, Event
from synews_cli.store.reader import Dataset


@dataclass(frozen=True, slots=True)
class Facets:
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class About:
    """A link from a drafted statement to an event of the dataset, and why to check it."""

    event_id: str
    review: str | None


@dataclass
class Known:
    """What the dataset knows of a drafted article, by the builder's indexes."""

    person_ids: dict[int, str] = field(default_factory=dict)  # speaker key -> person id
    person_reviews: dict[int, str] = field(default_factory=dict)  # speaker key -> why
    claims: dict[int, Recorded] = field(default_factory=dict)  # claim index -> recorded
    events: dict[int, Recorded] = field(default_factory=dict)  # event index -> recorded
    event_facets: list[Facets] = field(default_factory=list)  # by event index
    claim_topics: list[tuple[str, ...]] = field(default_factory=list)  # by claim index
    claim_about: dict[int, list[About]] = field(default_factory=dict)  # claim index -> links


def nothing_known(b: Builder) -> Known:
    """A standalone draft: nothing is known."""
    return Known(event_facets=[Facets() for _ in b.events], claim_topics=[() for _ in b.claims])


def reconcile(b: Builder, dataset: Dataset, *, source_id: str, source_exists: bool) -> Known:
    """What ``dataset`` already knows of the article ``b`` walked."""
    known = Known()
    terms = Terms(dataset)
    cited_source = source_id if source_exists else None
    speaking = _paragraphs_of_speakers(b)
    people = KnownPeople(dataset, Subject(b.doc, terms), cited_source)
    for key, paragraphs in speaking.items():
        found = people.match(b.speakers[key], paragraphs)
        if found.person_id is not None:
            known.person_ids[key] = found.person_id
        if found.review is not None:
            known.person_reviews[key] = found.review
    statements = RecordedStatements(dataset, known.person_ids.values(), cited_source)
    _learn_speakers_from_source(b, known, statements)
    for index, claim in enumerate(b.claims):
        recorded = statements.find(_drafted(claim, known.person_ids.get(claim.speaker)))
        if recorded is not None and isinstance(recorded.item, Claim):
            person = dataset.person_by_id.get(recorded.item.speaker)
            known.claims[index] = replace(recorded, who=person.name if person else "")
        known.claim_topics.append(terms.find("topic", claim.context or claim.text))
    for index, event in enumerate(b.events):
        facets = Facets(
            terms.find("place", event.summary),
            terms.find("actor", event.summary),
            terms.find("tag", event.summary),
        )
        known.event_facets.append(facets)
        candidate = CandidateEvent(
            event.date.edtf, event.title, event.summary, facets.places, facets.actors
        )
        recorded = matching_event(dataset, candidate)
        if recorded is not None:
            known.events[index] = recorded
    _link_statements(b, known, dataset, statements)
    return known


def _drafted(claim: ClaimDraft, speaker: str | None) -> DraftedStatement:
    return DraftedStatement(speaker, claim.kind, claim.text, claim.context)


def _paragraphs_of_speakers(b: Builder) -> dict[int, list[int]]:
    """Each speaking speaker's paragraphs (where their statements are in the article), as
    the walk found them: searching the text for each statement costs the text's length
    times the statements' number, minutes on a long article."""
    found: dict[int, dict[int, None]] = {}
    for claim in b.claims:
        found.setdefault(claim.speaker, {})[claim.paragraph] = None
    return {speaker: list(paragraphs) for speaker, paragraphs in found.items()}


def _learn_speakers_from_source(b: Builder, known: Known, statements: RecordedStatements) -> None:
    """A speaker the dataset does not know by name, whose statement the draft's source
    already records (under a name a reviewer changed): that statement says who it is."""
    for claim in b.claims:
        if claim.speaker in known.person_ids:
            continue
        recorded = statements.find(_drafted(claim, None))
        if recorded is not None and isinstance(recorded.item, Claim):
            speaker = b.speakers[claim.speaker]
            known.person_ids[claim.speaker] = recorded.item.speaker
            known.person_reviews[claim.speaker] = (
                f"{speaker.name!r} read as {recorded.item.speaker}, who says this in the "
                f"source already ({recorded.item.id})"
            )


def _link_statements(
    b: Builder, known: Known, dataset: Dataset, statements: RecordedStatements
) -> None:
    """``about`` links to the dataset's events: the recorded event a statement's own
    sentence reports, and among the events the draft touches (those its candidates matched,
    those its speakers' statements are about) one the statement shares a place or actor
    and three other distinctive words with (the best one)."""
    pool_ids = {r.item.id for r in known.events.values()} | statements.about_events()
    pool = [_Described(event) for event in dataset.events_by_id(sorted(pool_ids)).values()]
    for index, claim in enumerate(b.claims):
        if index in known.claims:
            continue
        links: dict[str, About] = {}
        for event_index in claim.about:
            recorded = known.events.get(event_index)
            if recorded is not None:
                event = recorded.item
                why = f"the sentence's event is already recorded as {event.id!r}"
                links[event.id] = About(event.id, why)
        said = stems(f"{claim.text} {claim.context or ''}")
        best: tuple[int, str, About] | None = None
        for described in pool:
            event = described.event
            if event.id in links:
                continue
            found = described.spoken_of(said)
            if found is not None and (best is None or (found[0], event.id) > best[:2]):
                best = (found[0], event.id, About(event.id, found[1]))
        if best is not None:
            links[best[1]] = best[2]
        if links:
            known.claim_about[index] = list(links.values())


class _Described:
    """An event with its distinctive words, worked out once for every statement."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.words = stems(f"{event.title} {event.summary}")
        self.names = frozenset(w for v in (*event.places, *event.actors) for w in stems(v))

    def spoken_of(self, said: frozenset[str]) -> tuple[int, str] | None:
        """How strongly and why a statement of these words speaks of the event (a shared
        name and three other distinctive words), or None."""
        shared = sorted(said & self.words)
        other = [w for w in shared if w not in self.names]
        if len(other) >= 3 and len(shared) > len(other):
            event = self.event
            listed = ", ".join(shared[:6])
            return len(shared), f"about {event.id!r} ({event.title})? it shares the words {listed}"
        return None
