"""Stage: sentences and their skeletons.

The document is split into sentences with quoted passages kept whole (a quote's own full
stops do not end the sentence around it). Each sentence's skeleton replaces its passages
with numbered placeholders, so that the attribution rules see only the words outside the
quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from synews_cli.curate.extract.vocabulary import (
    ABBREVIATIONS,
    OPENING_QUOTES,
    PH_CLOSE,
    PH_OPEN,
    REPORTING_VERBS,
)
from synews_cli.curate.quotes_text import Document, Passage


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the document; quoted passages are atomic (a quote's own full stops
    do not end the sentence around it)."""

    start: int
    end: int
    passages: tuple[int, ...]  # indexes into the passage list
    paragraph: int


def split_sentences(doc: Document, passages: Sequence[Passage]) -> list[Sentence]:
    """Sentences of the whole document, with the passages each holds."""
    text = doc.text
    sentences: list[Sentence] = []
    by_start = {p.start: i for i, p in enumerate(passages)}
    start = 0
    held: list[int] = []
    i = 0
    n = len(text)

    def close(end: int) -> None:
        nonlocal start, held
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            sentences.append(
                Sentence(start + lead, start + trail, tuple(held), doc.paragraph_at(start + lead))
            )
        start = end
        held = []

    while i < n:
        if i in by_start:
            index = by_start[i]
            passage = passages[index]
            held.append(index)
            i = passage.end
            inner = passage.text.rstrip()
            if inner and inner[-1] in ".!?\u2026" and _new_sentence_follows(text, i, inner[-1]):
                close(i)
            continue
        ch = text[i]
        if ch == "\n":
            close(i)
            i += 1
            start = i
            continue
        if ch in ".!?\u2026" and _ends_sentence(text, i):
            j = i + 1
            while j < n and text[j] in ".!?\u2026)]":
                j += 1
            close(j)
            i = j
            continue
        i += 1
    close(n)
    return sentences


def _ends_sentence(text: str, i: int) -> bool:
    j = i + 1
    while j < len(text) and text[j] in ".!?\u2026)]":
        j += 1
    if j < len(text) and text[j] not in " \t\n":
        return False
    k = j
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and not (
        text[k].isupper() or text[k].isdigit() or text[k] in OPENING_QUOTES or text[k] == "\n"
    ):
        return False
    return not (text[i] == "." and abbreviation_before(text, i))


def _new_sentence_follows(text: str, i: int, last: str) -> bool:
    """After a quote ending in . ? ! - does a new sentence start, or an attribution?"""
    rest = text[i : i + 80]
    stripped = rest.lstrip(" \t")
    if not stripped or stripped[0] == "\n":
        return True
    if not (stripped[0].isupper() or stripped[0] in OPENING_QUOTES):
        return False
    if last in "?!" or last == "\u2026":
        words = stripped.split()[:6]
        lowered = [w.lower().strip(".,") for w in words]
        if any(w in REPORTING_VERBS for w in lowered[:5]):
            return False
    return True


def abbreviation_before(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` the end of an abbreviation rather than of a sentence?"""
    word = re.search(r"([\w.-]+)$", text[max(0, dot - 16) : dot])
    if word is None:
        return False
    token = word.group(1).lower().rsplit("-", 1)[-1]
    return (
        token in ABBREVIATIONS
        or re.fullmatch(r"[a-z]", token) is not None
        or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token) is not None
        or re.fullmatch(r"[dri]-[a-z]{2,5}", word.group(1).lower()) is not None  # D-Calif.
    )


def sentence_skeleton(doc: Document, sentence: Sentence, passages: Sequence[Passage]) -> str:
    """The sentence with each passage replaced by a placeholder (its local index)."""
    pieces: list[str] = []
    position = sentence.start
    for local, index in enumerate(sentence.passages):
        passage = passages[index]
        pieces.append(doc.text[position : passage.start])
        pieces.append(f"{PH_OPEN}{local}{PH_CLOSE}")
        position = passage.end
    pieces.append(doc.text[position : sentence.end])
    skeleton = "".join(pieces).replace("\n", " ")
    dateline = _DATELINE_RE.match(skeleton)  # "WASHINGTON (AP) — ": blanked, offsets kept
    return " " * dateline.end() + skeleton[dateline.end() :] if dateline else skeleton


# "WASHINGTON (AP) — ", "KARSK, Oct 14 (Wire) - ", "GENEVA, 14 October (Reuters) -"
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z .,'’-]{2,40}(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
    r"(?:,?\s+\d{4})?)?\s*(?:\([^)]{1,30}\))?\s*[\u2014\u2013-]+\s+"
)
