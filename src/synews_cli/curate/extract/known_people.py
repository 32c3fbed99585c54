"""Who in a drafted article the dataset already knows.

A named speaker is the dataset's person when their full name is that person's name or an
alias, or, for a speaker the article names only by surname (``Mr Trad``), when the surname
with or without the title is one; a surname two people share matches neither (the draft
says so). An organisation or a state is matched by name. A description is matched by its
words: ``the Russian defence minister`` is the one named person whose role and affiliation
hold all its words (a definite description only: ``a minister`` is nobody in particular).

Groups and anonymous people (``residents``, ``officials``, ``a shop owner``) are matched
only when the words AND the subject agree: every word of the phrase is in the group's
name, aliases, role or affiliation, and the place or body that qualifies the group (the
proper nouns of those fields: ``Hmeimim`` of ``Many inhabitants of Hmeimim``; else the
places and actors of the events its statements are about) is what the article speaks of
where they speak (known_terms.Subject), or the group already speaks in the draft's own
source (the same article, drafted before). A generic group with no subject at all is never
matched: a new group is drafted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from synews_cli.curate.extract.builder import Speaker
from synews_cli.curate.extract.known_terms import Subject, stem, stems
from synews_cli.curate.extract.vocabulary import (
    GROUP_NOUNS,
    ORG_WORDS,
    QUANTIFIERS,
    ROLE_NOUNS,
    STOPWORDS,
    TITLES,
)
from synews_cli.model import Person
from synews_cli.query.people import person_matches_name
from synews_cli.store.reader import Dataset
from synews_cli.store.where import ClaimFilter
from synews_cli.text import fold, words

_NOT_QUALIFIERS = GROUP_NOUNS | ORG_WORDS | QUANTIFIERS | ROLE_NOUNS | STOPWORDS | TITLES
_CAPITALISED_RE = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """A speaker's person in the dataset (or None), and why to check it."""

    person_id: str | None
    review: str | None = None


class KnownPeople:
    """The dataset's people, indexed by the words of their names and descriptions."""

    def __init__(self, dataset: Dataset, subject: Subject, source_id: str | None) -> None:
        self.dataset = dataset
        self.subject = subject
        self.source_id = source_id
        self._by_word: dict[str, list[Person]] = {}
        self._by_stem: dict[str, list[Person]] = {}
        for person in dataset.people:
            for word in {w for form in (person.name, *person.aliases) for w in words(form)}:
                self._by_word.setdefault(word, []).append(person)
            for word in _described_stems(person):
                self._by_stem.setdefault(word, []).append(person)

    def match(self, speaker: Speaker, paragraphs: Sequence[int]) -> PersonMatch:
        """The dataset's person for a drafted speaker who speaks in ``paragraphs``."""
        if speaker.kind == "person" and speaker.identity != "anonymous":
            return self._named(speaker)
        if speaker.kind in ("organisation", "state"):
            return self._organisation(speaker, paragraphs)
        return self._described(speaker, paragraphs)

    # -- by name

    def _candidates(self, form: str) -> list[Person]:
        found = words(form)
        return self._by_word.get(found[-1], []) if found else []

    def _named(self, speaker: Speaker) -> PersonMatch:
        # A full name is matched as it is: its surname alone could be someone else's.
        forms = [speaker.name]
        if len(words(speaker.name)) == 1:
            forms += [a for a in speaker.aliases if len(words(a)) <= 2]  # "Mr Trad"
        found = _unique(
            p
            for form in forms
            for p in self._candidates(form)
            if p.kind == "person" and p.identity != "anonymous" and person_matches_name(p, form)
        )
        if len(found) == 1:
            person = found[0]
            if len(words(speaker.name)) == 1 and words(speaker.name) != words(person.name):
                why = f"{speaker.name!r} read as {person.name} by this one name: check"
                return PersonMatch(person.id, why)
            return PersonMatch(person.id)
        if not found:
            # A body the walk took for a person ("Hayat Tahrir Al Sham said"): its full name.
            bodies = _unique(
                p
                for p in self._candidates(speaker.name)
                if p.kind != "person"
                and any(words(n) == words(speaker.name) for n in (p.name, *p.aliases))
            )
            if len(bodies) == 1:
                return PersonMatch(bodies[0].id)
        if len(found) > 1:
            ids = ", ".join(p.id for p in found)
            return PersonMatch(None, f"{speaker.name!r} may be any of {ids}: drafted as new")
        return PersonMatch(None)

    def _organisation(self, speaker: Speaker, paragraphs: Sequence[int]) -> PersonMatch:
        found = _unique(
            p
            for p in self._candidates(speaker.name)
            if p.kind in ("organisation", "state") and person_matches_name(p, speaker.name)
        )
        if len(found) != 1:
            return PersonMatch(None)
        person = found[0]
        qualifiers = _qualifiers(person) - stems(speaker.name)
        # "The Ministry of Foreign Affairs": whose? The one of the place the article is about.
        if not qualifiers or self._agrees(person, qualifiers, paragraphs):
            return PersonMatch(person.id)
        return PersonMatch(None)

    # -- by description

    def _described(self, speaker: Speaker, paragraphs: Sequence[int]) -> PersonMatch:
        phrase = speaker.description or speaker.name
        wanted = stems(phrase) - _QUANTIFIER_STEMS
        if not wanted:
            return PersonMatch(None)
        head = stem(words(phrase)[-1]) if words(phrase) else ""
        candidates = _unique(
            p for p in self._by_stem.get(head, []) if wanted <= _described_stems(p)
        )
        if speaker.kind == "group":
            candidates = [p for p in candidates if p.kind == "group"]
        else:
            candidates = [p for p in candidates if p.kind == "person"]
        named = [p for p in candidates if p.identity != "anonymous"]
        if speaker.kind == "person" and fold(phrase).startswith("the ") and len(named) == 1:
            person = named[0]
            return PersonMatch(
                person.id, f"{phrase!r} read as {person.name} ({person.role_line()}) by role"
            )
        unnamed = [p for p in candidates if p.identity == "anonymous"]
        agreeing = [p for p in unnamed if self._agrees(p, _qualifiers(p) - wanted, paragraphs)]
        if len(agreeing) == 1:
            return PersonMatch(agreeing[0].id)
        return PersonMatch(None)

    def _agrees(
        self, person: Person, qualifiers: frozenset[str], paragraphs: Sequence[int]
    ) -> bool:
        """The group's subject is the article's where it speaks, or the group already
        speaks in the draft's source."""
        if self.source_id is not None:
            where = ClaimFilter(speakers=frozenset({person.id}), sources=(self.source_id,))
            if self.dataset.claims(where):
                return True
        if not qualifiers:
            qualifiers = self._subject_of_statements(person)
        return self.subject.agrees(qualifiers, paragraphs)

    def _subject_of_statements(self, person: Person) -> frozenset[str]:
        """The places and actors of the events a speaker's statements are about."""
        claims = self.dataset.claims(ClaimFilter(speakers=frozenset({person.id})))
        about = sorted({event for claim in claims for event in claim.about})
        found: set[str] = set()
        for event in self.dataset.events_by_id(about).values():
            for value in (*event.places, *event.actors):
                found.update(stems(value))
        return frozenset(found)


_QUANTIFIER_STEMS = frozenset(stem(w) for w in QUANTIFIERS)


def _described_stems(person: Person) -> frozenset[str]:
    """Every distinctive word a person is known by: name, aliases, role, affiliation."""
    fields = (person.name, *person.aliases, person.role or "", person.affiliation or "")
    return frozenset(w for text in fields for w in stems(text))


def _qualifiers(person: Person) -> frozenset[str]:
    """The proper nouns that say which group, body or anonymous person this is (the place
    of ``Many inhabitants of Hmeimim``, the country of ``Syrian government``)."""
    found: set[str] = set()
    fields = (person.name, *person.aliases, person.role or "", person.affiliation or "")
    for text in fields:
        for token in _CAPITALISED_RE.findall(text):
            if not token[0].isupper():
                continue
            for word in words(token):
                if word not in _NOT_QUALIFIERS and len(word) > 1:
                    found.add(stem(word))
    return frozenset(found)


def _unique(people: Iterable[Person]) -> list[Person]:
    return list({p.id: p for p in people}.values())
