"""Stage: the state of the walk, and resolving who a reference means.

The :class:`Builder` holds every speaker met so far, who spoke last, and the claims and
events drafted. It resolves a speaker reference (a full name, a surname, a pronoun, ``the
minister``, a description) to one speaker, creating one when needed, with a note when the
resolution is a guess. Speakers are indexed by the words of their names, so that resolving
a reference costs the same in a long article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from synews_cli.curate.extract.antecedents import is_generic_reference, organisation_before
from synews_cli.curate.extract.attribution import sentence_subject
from synews_cli.curate.extract.calendar import Calendar, DateValue
from synews_cli.curate.extract.text_helpers import (
    capitalise,
    clean,
    content_words,
    ends_with,
    fold,
    is_cap,
    is_name_word,
    name_words,
    surname,
)
from synews_cli.curate.extract.vocabulary import (
    ANONYMITY_RE,
    AUX,
    NAME_PARTICLES,
    PH_RE,
    PSEUDONYM_RE,
    STOPWORDS,
    TITLES,
)
from synews_cli.curate.extract.who import (
    Who,
    interpret_who,
    is_adverbial,
    strip_leading_conjunction,
)
from synews_cli.curate.quotes_text import Document, Passage


@dataclass
class Speaker:
    """A speaker while the draft is built (mutable here, frozen as DraftPerson at the end)."""

    key: int
    name: str
    kind: str = "person"
    identity: str = "named"
    identity_note: str | None = None
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    gender: str | None = None
    description: str = ""

    def tails(self) -> set[tuple[str, ...]]:
        """The name's words, and for a named person every ending of them (the surname)."""
        found: set[tuple[str, ...]] = set()
        for form in (self.name, *self.aliases):
            words = name_words(form)
            if self.kind == "person" and self.identity != "anonymous":
                found.update(words[i:] for i in range(len(words)))
            elif words:
                found.add(words)
        return found


class Builder:
    """Walks the sentences once, in order, keeping who spoke last. Speakers are indexed by
    the words of their names, so that resolving a name costs the same in a long article."""

    def __init__(
        self,
        doc: Document,
        passages: Sequence[Passage],
        calendar: Calendar,
    ) -> None:
        self.doc = doc
        self.passages = passages
        self.calendar = calendar
        self.speakers: list[Speaker] = []
        self.recent: dict[int, None] = {}  # speaker keys, most recent last (ordered)
        self.claims: list[ClaimDraft] = []
        self.events: list[EventDraft] = []
        self.skipped: list[str] = []
        self.paragraph_speaker: dict[int, int] = {}  # paragraph -> who was quoted in it
        self.current: tuple[int, int] = (0, 0)  # sentence, paragraph
        self.pending: tuple[int, int, Who] | None = None
        self.lower_words = frozenset(re.findall(r"\b[a-z][a-z-]+\b", doc.text))
        self.pseudonyms = {
            m.group("name"): m.group("note") for m in PSEUDONYM_RE.finditer(doc.text)
        }
        self.full_names: dict[str, list[str]] = {}  # last word -> full names, most used first
        for full in _full_names(doc.text):
            self.full_names.setdefault(name_words(full)[-1], []).append(full)
        self.outlet_guess = _outlet_guess(doc.text)
        self._by_words: dict[tuple[str, ...], set[int]] = {}  # a name, or its tail for people
        self._by_first_word: dict[str, set[tuple[tuple[str, ...], int]]] = {}  # for mentions
        self._by_description: dict[tuple[str, str], int] = {}
        self._rank: dict[int, int] = {}  # speaker key -> when last spoken or named
        self._counter = 0

    # -- the index

    def _index(self, speaker: Speaker) -> None:
        named_person = speaker.kind == "person" and speaker.identity != "anonymous"
        for form in (speaker.name, *speaker.aliases):
            words = name_words(form)
            if not words:
                continue
            tails = [words[i:] for i in range(len(words))] if named_person else [words]
            for tail in tails:
                self._by_words.setdefault(tail, set()).add(speaker.key)
            if named_person and len(words) > 1:
                self._by_first_word.setdefault(words[0], set()).add((words, speaker.key))
        self._by_description.setdefault(
            (speaker.kind, fold(speaker.description or speaker.name)), speaker.key
        )

    def _find(self, name: str) -> Speaker | None:
        """The most recent speaker whose name (or its end, for people) is ``name``."""
        keys = self._by_words.get(name_words(name))
        if not keys:
            return None
        return self.speakers[max(keys, key=self._recency)]

    def _recency(self, key: int) -> tuple[int, int]:
        return (self._rank.get(key, -1), key)

    # -- resolving references

    def speaker(self, who: Who) -> tuple[Speaker, str | None]:
        """Resolve a reference to a speaker, creating one when needed; and, when the
        resolution is a guess, why (for a ``# review:`` comment)."""
        if who.kind == "pronoun":
            return self._pronoun(who)
        if who.kind == "organisation" and is_generic_reference(who.text, who.name):
            paragraph = self.current[1]
            end = self.doc.offsets[paragraph] + len(self.doc.paragraphs[paragraph])
            named = organisation_before(self.doc.text[:end]) if self.doc.paragraphs else None
            if named is not None:
                speaker = (
                    self._find(named) or self.speaker(Who("organisation", named, name=named))[0]
                )
                return speaker, f"{who.text!r} read as {named}, named before"
        if who.kind == "name":
            return self._named(who)
        if who.kind == "definite":
            found = self._by_role(who.name)
            if found is not None:
                return found, f"{who.name!r} read as {found.name}"
        kind = _PERSON_KIND.get(who.kind, "person")
        known = self._by_description.get((kind, fold(who.name)))
        if known is not None:
            return self.speakers[known], None
        return self._new_described(who), None

    def unattributed(self, paragraph: int, fragment: bool) -> tuple[Speaker, str | None] | None:
        """A quote with no attribution in its sentence: the speaker already quoted in the
        paragraph (``"...," she explained. "..."``); for a standalone quote paragraph,
        the last speaker, flagged. A fragment with nobody to speak it: None."""
        if paragraph in self.paragraph_speaker:
            return self.speakers[self.paragraph_speaker[paragraph]], None
        if fragment or not self.recent:
            return None
        speaker = self.speakers[next(reversed(self.recent))]
        return speaker, f"no attribution: a quote paragraph that follows {speaker.name}'s words"

    def observe(self, skeleton: str) -> None:
        """Known speakers named in the sentence (outside quotes) become the most recent:
        ``Ms Doe dismissed that. "...," she said.``"""
        words = name_words(PH_RE.sub(" ", skeleton))
        mentioned: dict[int, None] = {}
        for index, word in enumerate(words):
            for form, key in self._by_first_word.get(word, ()):
                if words[index : index + len(form)] == form:
                    mentioned[key] = None
        for key in mentioned:
            self.spoke(self.speakers[key])

    def note_subject(self, skeleton: str) -> None:
        """A sentence that names a person as its subject without quoting them
        (``Local shop owner Tom Becker was more cautious.``): a pronoun that follows may
        refer to them."""
        who = _subject_name(skeleton, self.lower_words)
        if who is None:  # "A government spokesman, Yusuf bin Tariq, dismissed the claims."
            who = sentence_subject(skeleton, self.lower_words)
            who = who if who is not None and who.kind == "name" else None
        if who is None:
            return
        known = self._find(who.name)
        if known is not None:
            known.gender = known.gender or who.gender  # "Ms Doe ..."
            self.spoke(known)
            return
        self.pending = (self.current[0], self.current[1], who)

    def _pending_for(self, who: Who) -> Speaker | None:
        if self.pending is None:
            return None
        sentence, paragraph, subject = self.pending
        index, current_paragraph = self.current
        if not (paragraph == current_paragraph or sentence == index - 1):
            return None
        if who.gender and subject.gender and who.gender != subject.gender:
            return None
        self.pending = None
        speaker, _ = self._named(replace(subject, gender=subject.gender or who.gender))
        return speaker

    def _pronoun(self, who: Who) -> tuple[Speaker, str | None]:
        singular = who.text in ("he", "she", "i")
        if singular:
            pending = self._pending_for(who)
            if pending is not None:
                return pending, f"{who.text!r} read as {pending.name}, named just before"
        for key in reversed(self.recent):
            speaker = self.speakers[key]
            if singular:
                if speaker.kind != "person":
                    continue
                if who.gender and speaker.gender and who.gender != speaker.gender:
                    continue
                if who.gender and speaker.gender is None:
                    speaker.gender = who.gender  # a guess the first time: say so
                    return speaker, f"{who.text!r} read as {speaker.name}, the last speaker"
                return speaker, None
            if speaker.kind != "person" or who.text == "we":
                return speaker, None
        if self.recent:
            speaker = self.speakers[next(reversed(self.recent))]
            return speaker, f"{who.text!r} could not be matched; attributed to the last speaker"
        speaker = Speaker(len(self.speakers), "Unidentified speaker", identity="anonymous")
        speaker.description = "unidentified speaker"
        return self._add(speaker), f"{who.text!r} refers to nobody named before"

    def _by_role(self, phrase: str) -> Speaker | None:
        """``the minister``: a recent speaker whose name, role or affiliation says so."""
        wanted = content_words(re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE))
        if not wanted:
            return None
        for key in list(reversed(self.recent))[:50]:
            speaker = self.speakers[key]
            described = [speaker.name, speaker.role, speaker.affiliation, speaker.description]
            if wanted <= content_words(" ".join(filter(None, described))):
                return speaker
        return None

    def _named(self, who: Who) -> tuple[Speaker, str | None]:
        name = who.name
        known = self._find(name)
        if known is not None:
            return self._update(known, who), None
        full = name
        if len(name.split()) == 1:
            # A surname alone ("Mr Trad"): the full name used elsewhere in the article.
            wanted = name_words(name)
            for candidate in self.full_names.get(wanted[-1] if wanted else "", []):
                words = name_words(candidate)
                if ends_with(words, wanted) and len(words) > len(wanted):
                    full = candidate
                    break
        speaker = Speaker(len(self.speakers), full, gender=who.gender)
        if full != name:
            speaker.aliases.append(name)
        if full in self.pseudonyms or name in self.pseudonyms:
            speaker.identity = "pseudonym"
            speaker.identity_note = self.pseudonyms.get(full) or self.pseudonyms.get(name)
        self._update(speaker, who, index=False)
        note = None
        if full != name:
            note = f"named here only as {name!r}; the full name is from elsewhere in the article"
        return self._add(speaker), note

    def _update(self, speaker: Speaker, who: Who, *, index: bool = True) -> Speaker:
        """What a new mention says about a known speaker: role, notes, titled names."""
        if who.role and not speaker.role:
            speaker.role = who.role
        if who.affiliation and not speaker.affiliation:
            speaker.affiliation = who.affiliation
        if who.note and not speaker.note:
            speaker.note = who.note
        if who.identity_note and not speaker.identity_note:
            speaker.identity_note = who.identity_note
            if re.search(r"real name", who.identity_note, re.IGNORECASE):
                speaker.identity = "pseudonym"
        speaker.gender = speaker.gender or who.gender
        aliases = list(speaker.aliases)
        if speaker.kind == "person" and speaker.identity == "named" and " " in speaker.name:
            aliases.append(surname(speaker.name))
        if who.title and who.name and fold(f"{who.title} {who.name}") != fold(speaker.name):
            aliases.append(f"{who.title} {who.name}")
        if aliases != speaker.aliases:
            speaker.aliases = list(dict.fromkeys(aliases))
            if index:
                self._index(speaker)
        return speaker

    def _new_described(self, who: Who) -> Speaker:
        kind = _PERSON_KIND.get(who.kind, "person")
        name = capitalise(who.name)
        if kind != "person":
            name = capitalise(re.sub(r"^the\s+", "", who.name, flags=re.IGNORECASE))
        speaker = Speaker(len(self.speakers), name, kind=kind, gender=who.gender)
        speaker.description = who.name
        speaker.role = who.role
        speaker.affiliation = who.affiliation
        if kind in ("person", "group"):
            speaker.identity = "anonymous"
            speaker.identity_note = who.identity_note or _UNNAMED
        if kind == "person":
            role = re.sub(r"^(?:a|an|the)\s+", "", who.name, flags=re.IGNORECASE)
            speaker.role = f"{role}; {who.role}" if who.role else role
            speaker.note = who.note
        return self._add(speaker)

    def _add(self, speaker: Speaker) -> Speaker:
        self.speakers.append(speaker)
        self._index(speaker)
        return speaker

    def note_anonymity(self, speaker: Speaker, skeleton: str) -> None:
        """``..., speaking on condition of anonymity because ...``: why a speaker is not
        named, when the sentence says so outside its quotes."""
        if speaker.identity != "anonymous" or speaker.identity_note != _UNNAMED:
            return
        found = ANONYMITY_RE.search(PH_RE.sub(" ", skeleton))
        if found is not None:
            speaker.identity_note = clean(found.group()).rstrip(" .")

    def spoke(self, speaker: Speaker, *, paragraph: int | None = None) -> None:
        """``speaker`` spoke (or was named) last: pronouns that follow refer to them."""
        if paragraph is not None:
            self.paragraph_speaker[paragraph] = speaker.key
        if self.pending and name_words(self.pending[2].name) in speaker.tails():
            self.pending = None
        self.recent.pop(speaker.key, None)
        self.recent[speaker.key] = None
        self._counter += 1
        self._rank[speaker.key] = self._counter


_UNNAMED = "not named in the article"
_PERSON_KIND = {"group": "group", "organisation": "organisation", "state": "state"}


def _subject_name(skeleton: str, lower_words: frozenset[str]) -> Who | None:
    """The person a sentence starts with, when it starts with one (a run of capitalised
    words, after at most a few descriptor words, followed by a lowercase verb)."""
    text = skeleton.strip()
    segments = text.split(", ", 1)
    if len(segments) == 2 and is_adverbial(segments[0]):
        text = segments[1]
    tokens = strip_leading_conjunction(text).split()
    for first in range(min(6, len(tokens))):
        if first and is_cap(tokens[first - 1]) and first - 1 > 0:
            break  # a run already began: it was not a name
        end = first
        while end < len(tokens) and (
            is_name_word(tokens[end]) or (tokens[end].lower() in NAME_PARTICLES and end > first)
        ):
            end += 1
        if end - first < 2 and not (
            end - first == 1
            and first > 0
            and tokens[first - 1].strip(".") in ("Mr", "Mrs", "Ms", "Dr")
        ):
            continue
        if (
            end >= len(tokens)
            or tokens[end].lower() in STOPWORDS - AUX
            or not tokens[end].islower()
        ):
            return None
        if any(t.endswith((",", ".", ";", ":")) for t in tokens[:end]):
            return None
        who = interpret_who(" ".join(tokens[:end]), lower_words)
        if who is None or who.kind != "name":
            return None
        if len(who.name.split()) < 2 and not who.title:
            return None
        return who
    return None


_PARTICLES = "(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + ")"


def _full_names(text: str) -> list[str]:
    """Names of two or more capitalised words used in the article, most frequent first."""
    found: Counter[str] = Counter()
    pattern = re.compile(
        rf"(?<![\w'’])((?:[A-Z][\w'’-]+)(?:\s+(?:(?:{_PARTICLES}\s+){{0,2}}|{_PARTICLES}[-'’])"
        r"[A-Z][\w'’-]+){1,3})"
    )
    for match in pattern.finditer(text):
        words = match.group(1).split()
        while words and words[0].lower().strip(".") in TITLES | {
            "the",
            "a",
            "an",
            "but",
            "and",
            "in",
            "on",
            "at",
            "as",
            "for",
            "by",
            "if",
            "it",
            "this",
            "that",
        }:
            words.pop(0)
        if len(words) >= 2:
            found[" ".join(words)] += 1
    return [name for name, _ in found.most_common()]


def _outlet_guess(text: str) -> str | None:
    """The outlet people talk to (``told The National``): the likely publisher."""
    found = Counter(
        m.group(1).rstrip(".")
        for m in re.finditer(
            r"\btold\s+((?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})", text
        )
    )
    if not found:
        return None
    outlet, count = found.most_common(1)[0]
    return outlet if count >= 2 else None


@dataclass
class ClaimDraft:
    speaker: int
    kind: str
    text: str
    context: str | None = None
    date: DateValue | None = None
    review: list[str] = field(default_factory=list)
    about: list[int] = field(default_factory=list)
    paragraph: int = 0  # of its sentence, set by the walk: never searched for again


@dataclass
class EventDraft:
    date: DateValue
    title: str
    summary: str
    also: list[DateValue] = field(default_factory=list)
