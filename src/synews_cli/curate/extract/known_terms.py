"""The words a drafted article shares with the dataset it extends.

Comparing a sentence with an event, or a speaker phrase with a group, asks which
distinctive words they share: :func:`stems` folds a text to those (stopwords, numbers and
calendar words dropped; plurals, ``-ing``/``-ed`` and demonyms reduced, so that
``Russian`` meets ``Russia`` and ``meeting`` meets ``meets``). :class:`Terms` holds the
places, actors, tags and topics the dataset already uses, in every spelling it knows
(the values as written, the ``[[names]]`` aliases, and for an actor who is also a person
that person's aliases), indexed by first word so that finding them in a sentence costs the
same whatever the size of the dataset. :class:`Subject` answers what an article is about:
which places it names, and how often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from synews_cli.curate.extract.vocabulary import STOPWORDS, word_set
from synews_cli.curate.quotes_text import Document, headline_like
from synews_cli.model import NAME_KINDS
from synews_cli.store.reader import Dataset
from synews_cli.text import words

# Words that say when or that someone spoke, not what happened.
_CALENDAR = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday today yesterday tomorrow week weeks month months year years day "
    "days ago last next earlier later now also still would could say said says told tell "
    "according one two three four five six seven eight nine ten many some few several most "
    "other such while since until during including just like"
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A folded word reduced to what its forms share (a light stemmer, not a dictionary)."""
    word = re.sub(r"['’]s$", "", word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 4 and word.endswith("ian"):
        return word[:-1]  # syrian -> syria
    if len(word) > 4 and word.endswith("i") and not word.endswith("ii"):
        return word[:-1]  # israeli -> israel
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def stem_tokens(text: str) -> list[str]:
    """Every word of ``text``, folded and stemmed, in order (for runs of words)."""
    return [stem(w) for w in words(text)]


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """The distinctive words of ``text``, stemmed: no stopwords, numbers or calendar words."""
    return frozenset(
        stem(w)
        for w in words(text)
        if len(w) > 2 and not w.isdigit() and w not in STOPWORDS and w not in _CALENDAR
    )


class Terms:
    """The values of each kind (place, actor, tag, topic) the dataset uses, by every
    spelling it knows, to be found in a sentence and written in the dataset's spelling."""

    def __init__(self, dataset: Dataset) -> None:
        self._first: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
        people = {tuple(words(p.name)): p for p in dataset.people}
        for kind in NAME_KINDS:
            spelled: dict[tuple[str, ...], str] = {}
            for written, value in sorted(dataset.spellings_in_use(kind).items()):
                spelled.setdefault(words(value), value)
                spelled.setdefault(words(written), value)
                person = people.get(words(value)) if kind == "actor" else None
                for alias in person.aliases if person else ():
                    if len(words(alias)) > 1:  # "Al Shara", not a bare surname
                        spelled.setdefault(words(alias), value)
            for name in dataset.names:
                if name.kind == kind:
                    for form in (name.name, *name.aliases):
                        spelled.setdefault(words(form), name.name)
            index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
            for form_words, value in spelled.items():
                if form_words:
                    index.setdefault(form_words[0], []).append((form_words, value))
            for entries in index.values():
                entries.sort(key=lambda entry: -len(entry[0]))  # the longest spelling first
            self._first[kind] = index

    def find(self, kind: str, text: str) -> tuple[str, ...]:
        """The values of ``kind`` that ``text`` names (as a run of words, in any known
        spelling), in the dataset's spelling, in order of first mention."""
        index = self._first.get(kind, {})
        tokens = words(text)
        found: dict[str, None] = {}
        position = 0
        while position < len(tokens):
            step = 1
            for form, value in index.get(tokens[position], ()):
                if tuple(tokens[position : position + len(form)]) == form:
                    found[value] = None
                    step = len(form)
                    break
            position += step
        return tuple(found)

    def spellings(self, kind: str) -> Iterable[tuple[str, ...]]:
        """Every spelling of every value of ``kind``, as folded words."""
        for entries in self._first.get(kind, {}).values():
            for form, _ in entries:
                yield form


_PLACE_LIKE_RE = re.compile(
    r"\b(?i:in|at|near|from|outside|inside)\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})"
)


class Subject:
    """What an article is about: the places it names (the dataset's, and any capitalised
    name after ``in``/``at``/``near``/``from``), counted, and each paragraph's own."""

    def __init__(self, doc: Document, terms: Terms) -> None:
        self.doc = doc
        self._tokens = [stem_tokens(p) for p in doc.paragraphs]
        places = {tuple(stem(w) for w in form) for form in terms.spellings("place")}
        for paragraph in doc.paragraphs:
            if headline_like(paragraph):
                continue
            for match in _PLACE_LIKE_RE.finditer(paragraph):
                found = tuple(stem_tokens(match.group(1)))
                if found and not set(found) & _CALENDAR:
                    places.add(found)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for place in places:
            if place:
                by_first.setdefault(place[0], []).append(place)
        # Each paragraph's places, found in one pass over its words.
        self._named: list[set[tuple[str, ...]]] = [
            {
                place
                for at, token in enumerate(tokens)
                for place in by_first.get(token, ())
                if tuple(tokens[at : at + len(place)]) == place
            }
            for tokens in self._tokens
        ]
        self.counts: Counter[tuple[str, ...]] = Counter(
            place for named in self._named for place in named
        )

    def named_in(self, paragraph: int) -> set[tuple[str, ...]]:
        """The places a paragraph names."""
        return self._named[paragraph] if 0 <= paragraph < len(self._named) else set()

    def agrees(self, place_words: frozenset[str], paragraphs: Iterable[int]) -> bool:
        """Whether the article speaks of a place (any of ``place_words``, stemmed) where
        these paragraphs are: the nearest paragraph at or before each (at most
        :data:`NEARBY` back) that names a place decides, by naming this one or only others;
        with none, the place must be among those the article names most often."""
        if not place_words:
            return False
        decided = False
        for paragraph in paragraphs:
            for back in range(paragraph, max(-1, paragraph - NEARBY - 1), -1):
                tokens = self._tokens[back] if 0 <= back < len(self._tokens) else []
                if place_words & set(tokens):
                    return True
                if self.named_in(back):
                    decided = True  # other places here: not this one
                    break
        if decided:
            return False
        ours = max(
            (sum(1 for tokens in self._tokens if word in tokens) for word in place_words),
            default=0,
        )
        most = max(self.counts.values(), default=0)
        return ours > 0 and ours >= most


NEARBY = 2  # paragraphs back that still set the scene of a statement
