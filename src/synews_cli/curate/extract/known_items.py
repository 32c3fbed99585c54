"""Statements and events of a drafted article that the dataset already records.

A statement is recorded when the same speaker has one with the same words, compared as
``verify`` compares them (quotation marks, apostrophes, dashes, whitespace and the
attribution's trailing comma or full stop normalised; case and accents folded); a reported
statement also when it was drafted from the same sentence (its ``context``). A quote of at
least :data:`MIN_CONTAINED_WORDS` words that one of the speaker's recorded quotes contains
(or that contains one) is the same utterance quoted in part: quoted words are verbatim, and
a run of four or more of one speaker's words is not said twice by chance; shorter ones
(``"limited"``) are not matched so. A reported statement (paraphrase, declined comment)
whose recorded words, six or more, are in the drafted sentence is that statement (a
reviewer trims what the rules drafted). A statement whose speaker the dataset does not know is
matched only against statements the draft's own source already records (a reviewer may
have renamed the speaker): those tell who the speaker is. And any statement the draft's
source records with the same words (a quote of four words or more, or from the same
sentence) is that statement, whoever speaks it there: the reviewer's reading stands.

An event is a candidate's when their dates share a day and they share what happened:
at least one place or actor and, besides names, distinctive words of title and summary
(two when their dates are the same, three when one date is more precise than the other: a
day inside a month could be any of thirty events); or, without a shared name, four
distinctive words, which must make half of the shorter one's unless the dates are the
same; or the same summary (the same sentence).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from synews_cli.curate.extract.known_terms import stems
from synews_cli.curate.quotes_text import contains_words, core
from synews_cli.dates import DateFormatError, EdtfDate, parse_edtf
from synews_cli.model import Claim, Event
from synews_cli.store.reader import Dataset
from synews_cli.store.where import ClaimFilter, EventFilter
from synews_cli.text import fold

MIN_CONTAINED_WORDS = 4  # a quote's words
MIN_REPORTED_WORDS = 6  # a reported statement's words (more of them are common words)


def text_key(text: str) -> str:
    """A statement's words as verify compares them, case and accents folded too."""
    return fold(core(text))


@dataclass(frozen=True, slots=True)
class DraftedStatement:
    """What the reconciling needs of a drafted statement."""

    speaker: str | None  # the dataset's id of its speaker; None: a new speaker
    kind: str
    text: str
    context: str | None


@dataclass(frozen=True, slots=True)
class Recorded:
    """The dataset's record of a drafted statement or event, and how it was matched."""

    item: Claim | Event
    why: str
    who: str = ""  # a statement's speaker, by name

    @property
    def cites(self) -> tuple[str, ...]:
        return self.item.cited()


class RecordedStatements:
    """The statements of the draft's speakers, and of its source, by their words."""

    def __init__(self, dataset: Dataset, speakers: Iterable[str], source_id: str | None) -> None:
        wanted = frozenset(speakers)
        claims = dataset.claims(ClaimFilter(speakers=wanted)) if wanted else []
        if source_id is not None:
            claims += dataset.claims(ClaimFilter(sources=(source_id,)))
        self._by_text: dict[tuple[str, str], list[Claim]] = {}
        self._by_context: dict[tuple[str, str], list[Claim]] = {}
        self._texts: dict[str, list[tuple[str, Claim]]] = {}  # speaker -> (words, claim)
        self._in_source: dict[str, list[Claim]] = {}
        seen: set[str] = set()
        for claim in claims:
            if claim.id in seen:
                continue
            seen.add(claim.id)
            self._by_text.setdefault((claim.speaker, text_key(claim.text)), []).append(claim)
            if claim.context:
                key = (claim.speaker, text_key(claim.context))
                self._by_context.setdefault(key, []).append(claim)
            if source_id is not None and source_id in claim.cited():
                for text in filter(None, (claim.text, claim.context)):
                    self._in_source.setdefault(text_key(text), []).append(claim)
            self._texts.setdefault(claim.speaker, []).append((text_key(claim.text), claim))
        self.source_id = source_id
        self._about = {event for claim in claims for event in claim.about}

    def about_events(self) -> set[str]:
        """The events the statements read are about."""
        return set(self._about)

    def find(self, drafted: DraftedStatement) -> Recorded | None:
        """The recorded statement ``drafted`` is, if any."""
        key = text_key(drafted.text)
        context = text_key(drafted.context) if drafted.context else None
        if drafted.speaker is None:
            return self._by_source(drafted, key, context)
        same = [c for c in self._by_text.get((drafted.speaker, key), [])]
        if drafted.kind != "quote":
            for text in filter(None, (key, context)):  # the same sentence, reported again
                same += [
                    c
                    for c in self._by_context.get((drafted.speaker, text), [])
                    if c.kind == drafted.kind
                ]
        if same:
            return Recorded(_citing_first(same, self.source_id), "the same words")
        for recorded_key, claim in self._texts.get(drafted.speaker, []):
            if claim.kind != drafted.kind or len(recorded_key.split()) < MIN_CONTAINED_WORDS:
                continue
            if drafted.kind != "quote":
                # A reported statement trimmed by its reviewer: its words are in the sentence.
                if len(recorded_key.split()) < MIN_REPORTED_WORDS:
                    continue
                if contains_words(context or key, recorded_key):
                    return Recorded(claim, "the recorded words are in this sentence")
                continue
            if len(key.split()) < MIN_CONTAINED_WORDS:
                break
            if contains_words(recorded_key, key):
                return Recorded(claim, "a part of a longer recorded quote")
            if contains_words(key, recorded_key):
                return Recorded(claim, "a longer quotation of a recorded quote")
        return self._by_source(drafted, key, context)

    def _by_source(
        self, drafted: DraftedStatement, key: str, context: str | None
    ) -> Recorded | None:
        """The statement the draft's source already records with these words, whoever
        speaks it there (a reviewer may have renamed the speaker, or read "he" otherwise).
        A quote must have the same words and, when shorter than four words, the same
        sentence; a reported statement the same text or sentence."""
        candidates = self._in_source.get(key, []) + (
            self._in_source.get(context, []) if context else []
        )
        for claim in candidates:
            if claim.kind != drafted.kind:
                continue
            if drafted.kind == "quote":
                if text_key(claim.text) != key:
                    continue
                same_sentence = (
                    context is not None
                    and claim.context is not None
                    and (text_key(claim.context) == context)
                )
                if len(key.split()) < MIN_CONTAINED_WORDS and not same_sentence:
                    continue
            return Recorded(claim, "the same words in this source")
        return None


def _citing_first(claims: Sequence[Claim], source_id: str | None) -> Claim:
    """The one that already cites ``source_id``, else the first."""
    return next((c for c in claims if source_id in c.cited()), claims[0])


@dataclass(frozen=True, slots=True)
class CandidateEvent:
    """What the matching needs of a drafted event."""

    date: str
    title: str
    summary: str
    places: tuple[str, ...]
    actors: tuple[str, ...]


def parsed(date: str) -> EdtfDate | None:
    try:
        return parse_edtf(date)
    except DateFormatError:
        return None


def matching_event(dataset: Dataset, candidate: CandidateEvent) -> Recorded | None:
    """The dataset's event the candidate is, by the rule of the module's docstring: of
    those whose dates share a day with it, the one sharing the most words."""
    when = parsed(candidate.date)
    if when is None or (when.start is None and when.end is None):
        return None
    best: tuple[int, Recorded] | None = None
    for event in dataset.events(EventFilter(days=when.days)):
        found = event_match(candidate, when, event)
        if found is not None and (best is None or found[0] > best[0]):
            best = (found[0], Recorded(event, found[1]))
    return best[1] if best else None


def event_match(candidate: CandidateEvent, when: EdtfDate, event: Event) -> tuple[int, str] | None:
    """How strongly (shared words) and why a candidate is ``event``, or None. The dates
    are known to overlap."""
    if fold(" ".join(candidate.summary.split())) == fold(" ".join(event.summary.split())):
        return (1000, "the same sentence")
    names = {fold(v) for v in (*event.places, *event.actors)}
    shared_names = [v for v in (*candidate.places, *candidate.actors) if fold(v) in names]
    name_words = {w for v in (*event.places, *event.actors, *shared_names) for w in stems(v)}
    ours = stems(f"{candidate.title} {candidate.summary}") - name_words
    theirs = stems(f"{event.title} {event.summary}") - name_words
    shared = sorted(ours & theirs)
    needed = _words_needed(when, event.date)
    if shared_names and len(shared) >= needed:
        names_said = ", ".join(dict.fromkeys(shared_names))
        return (len(shared) + len(shared_names), f"shares {names_said} and {_listed(shared)}")
    smaller = min(len(ours), len(theirs))
    if len(shared) >= 4 and (when.days == event.date.days or len(shared) * 2 >= smaller):
        return (len(shared), f"shares {_listed(shared)}")
    return None


def _words_needed(candidate: EdtfDate, recorded: EdtfDate) -> int:
    """Distinctive words (besides names) two events with overlapping dates must share: two
    when their dates are the same, three when one is more precise than the other (a day
    inside a month could be any of thirty events)."""
    return 2 if candidate.days == recorded.days else 3


def _listed(found: Sequence[str]) -> str:
    shown = ", ".join(f"'{w}'" for w in found[:5])
    return f"the words {shown}" + (" ..." if len(found) > 5 else "")
