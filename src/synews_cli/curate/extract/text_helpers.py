"""Small text helpers shared by the stages.

Folding names to comparable words, slugs for ids, capitalisation, comma-separated segments
and the content words used to match an anchor or a role to what the article said before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from synews_cli.curate.extract.vocabulary import NAME_PARTICLES, STOPWORDS, WORD_RE


def slug(text: str, *, max_words: int = 6) -> str:
    """An id-safe slug: ``Ahmad Al Shara`` -> ``ahmad-al-shara``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return "-".join(words[:max_words])


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", fold(text)))


def ends_with(words: Sequence[str], tail: Sequence[str]) -> bool:
    return bool(tail) and len(tail) <= len(words) and tuple(words[-len(tail) :]) == tuple(tail)


def is_cap(token: str) -> bool:
    stripped = token.lstrip("\"'(\u201c\u2018")
    return bool(stripped) and stripped[0].isupper()


_PARTICLE_PREFIX_RE = re.compile(
    r"(?:" + "|".join(sorted(NAME_PARTICLES | {"d", "l", "o"}, key=len, reverse=True)) + r")"
    r"[-'\u2019](?=[^\W\d_])"
)


def is_name_word(token: str) -> bool:
    """A word that can be part of a name: capitalised, or a lowercase particle joined to a
    capitalised word (``al-Sharaa``, ``el-Sisi``, ``d'Alema``)."""
    if is_cap(token):
        return True
    stripped = token.lstrip("\"'(\u201c\u2018")
    prefix = _PARTICLE_PREFIX_RE.match(stripped.lower())
    return prefix is not None and stripped[prefix.end() : prefix.end() + 1].isupper()


def name_run_start(words: Sequence[str]) -> int:
    """Where the trailing run of name words of ``words`` starts (``len(words)`` when the
    last word is not a name word). Lowercase particles (``van der``, ``bin``) belong to
    the run when a name word follows them and one precedes them: ``Jan van der Berg``,
    not ``officials in Damascus`` (``in`` is not a particle) nor ``said de Villiers``."""
    start = len(words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if is_name_word(word):
            start = index
            continue
        if (
            start < len(words)
            and word.lower() in NAME_PARTICLES
            and index > 0
            and _particle_joins(words, index)
        ):
            start = index
            continue
        break
    return start


def surname(name: str) -> str:
    """The last word of a name with the particles before it: ``van der Berg``."""
    words = name.split()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _particle_joins(words: Sequence[str], index: int) -> bool:
    """Is the particle at ``index`` inside a name (a name word before it, past any other
    particles)?"""
    before = index - 1
    while before >= 0 and words[before].lower() in NAME_PARTICLES:
        before -= 1
    return before >= 0 and is_name_word(words[before])


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def split_segments(text: str) -> list[str]:
    """Comma (and dash) separated segments, not splitting inside parentheses."""
    segments: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if depth == 0 and ch in ",;\u2014\u2013":
            segments.append("".join(current))
            current = []
            continue
        current.append(ch)
    segments.append("".join(current))
    return [s.strip(" ()") for s in segments if s.strip(" ()")]


def content_words(text: str) -> frozenset[str]:
    """Lower-case words that carry meaning, plural -s dropped: for matching anchors."""
    found = set()
    for word in WORD_RE.findall(text.lower()):
        word = re.sub(r"['’]s$", "", word)
        if word in STOPWORDS or len(word) < 3 or word.isdigit():
            continue
        found.add(word.rstrip("s") if len(word) > 4 else word)
    return frozenset(found)
