"""Small text helpers shared by the stages.

Folding names to comparable words, slugs for ids, capitalisation, comma-separated segments
and the content words used to match an anchor or a role to what the article said before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from synews_cli.curate.extract.vocabulary import STOPWORDS, WORD_RE


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
