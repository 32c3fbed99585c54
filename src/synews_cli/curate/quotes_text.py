"""Finding quoted passages in article text, shared by ``extract`` and ``verify``.

One implementation of "what counts as a quotation" keeps the two tools agreeing: what
``extract`` drafts as a quote is exactly what ``verify`` expects to be covered.

The text is first split into paragraphs (hard-wrapped lines are joined back), then scanned
for double quotation marks (curly, straight, guillemets). An opening mark at the start of a
paragraph while a quote is still open continues that quote across the paragraph break, the
newspaper convention for a long quotation. Articles written with single quotation marks
(a British house style) are scanned for those instead, taking care with apostrophes.
Scare quotes in headline-like lines (short, no closing punctuation) are not speech.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

DOUBLE_OPEN = "\u201c\u201e\u00ab\u201f"  # “ „ « ‟
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018\u201b\u2039"  # ‘ ‛ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ (also the apostrophe) ›
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"

QUOTE_CHARS = (
    "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u2033`\u00b4"
)
DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_QUOTE_TABLE = str.maketrans({**dict.fromkeys(QUOTE_CHARS, "'"), **dict.fromkeys(DASH_CHARS, "-")})
_WS_RE = re.compile(r"\s+")
_LINE_START_QUOTE_RE = re.compile(r"\n[ \t]*[" + re.escape(QUOTE_CHARS) + r"]")
_Test = Callable[[str, int], bool]
_TERMINAL = ".?!:;\u2026\"'\u201d\u2019)\u00bb"
_SENTENCE_END = ".?!:;\u2026"
HEADLINE_MAX_WORDS = 14


@dataclass(frozen=True, slots=True)
class Passage:
    """A quoted passage: ``text`` is the words between the marks, as the article has them.

    ``start``/``end`` are offsets of the opening mark and just past the closing mark in the
    joined document (``"\\n".join(paragraphs)``). A passage running over several paragraphs
    keeps each break as ``"\\n"`` and the continuing paragraph's opening mark, as printed.
    ``closed`` is False when a paragraph ended inside the quote and the next did not
    continue it: the text then runs to the end of that paragraph.
    """

    text: str
    start: int
    end: int
    closed: bool = True

    @property
    def paragraphs(self) -> int:
        return self.text.count("\n") + 1


@dataclass(frozen=True)
class Document:
    """An article as the scanner sees it: paragraphs joined by single newlines, with the
    line of the original text each paragraph starts on (for messages)."""

    text: str
    paragraphs: tuple[str, ...]
    offsets: tuple[int, ...]  # where each paragraph starts in ``text``
    lines: tuple[int, ...]  # 1-based line of each paragraph in the original text

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (0 for an empty document)."""
        return max(0, bisect.bisect_right(self.offsets, offset) - 1)

    def line_at(self, offset: int) -> int:
        """The original line on which the paragraph holding ``offset`` starts."""
        return self.lines[self.paragraph_at(offset)] if self.lines else 1


def parse_document(text: str) -> Document:
    """Split an article into paragraphs and join them into one scannable string.

    Each line is a paragraph unless the text is hard-wrapped (blank lines between blocks
    whose lines mostly do not end a sentence); then each block is one paragraph.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    paragraphs: list[str] = []
    lines: list[int] = []
    line_no = 1
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if not block:
            return
        stripped = [(n, line.strip()) for n, line in block if line.strip()]
        if len(stripped) > 1 and _looks_wrapped([s for _, s in stripped]):
            paragraphs.append(" ".join(s for _, s in stripped))
            lines.append(stripped[0][0])
        else:
            for n, s in stripped:
                paragraphs.append(s)
                lines.append(n)
        block.clear()

    for raw_line in text.split("\n"):
        if raw_line.strip():
            block.append((line_no, raw_line))
        else:
            flush()
        line_no += 1
    flush()
    offsets: list[int] = []
    position = 0
    for paragraph in paragraphs:
        offsets.append(position)
        position += len(paragraph) + 1
    return Document("\n".join(paragraphs), tuple(paragraphs), tuple(offsets), tuple(lines))


def _looks_wrapped(lines: list[str]) -> bool:
    inner = lines[:-1]
    open_ended = sum(1 for line in inner if not line.endswith(tuple(_TERMINAL)))
    return open_ended * 2 > len(inner)


def document(text: str) -> str:
    """The article as the scanner sees it: paragraphs joined by single newlines."""
    return parse_document(text).text


def headline_like(paragraph: str) -> bool:
    """A short line without closing punctuation: a headline, crosshead or caption, whose
    quotation marks are scare quotes rather than speech."""
    stripped = paragraph.strip().rstrip(QUOTE_CHARS + " ")
    if not stripped:
        return True
    if stripped[-1] in _SENTENCE_END or len(stripped) > 40 * HEADLINE_MAX_WORDS:
        return False
    return len(stripped.split()) <= HEADLINE_MAX_WORDS


def quote_style(doc: str) -> str:
    """``double`` unless the article quotes mostly with single marks (then ``single``)."""
    doubles = sum(1 for i, ch in enumerate(doc) if _is_double_open(doc, i) and ch != "\u201d")
    singles = len(re.findall(r"(?:^|[\s(\[\u2014-])[\u2018']\w", doc, flags=re.MULTILINE))
    if singles >= 2 and singles > 2 * doubles:
        return "single"
    return "double"


def find_passages(doc: str) -> list[Passage]:
    """Every quoted passage of a document built by :func:`document`, in order."""
    if quote_style(doc) == "single":
        return _scan(doc, _is_single_open, _is_single_close)
    return _scan(doc, _is_double_open, _is_double_close)


def speech_passages(doc: Document) -> list[Passage]:
    """The passages that may be speech: those outside headline-like lines."""
    found = []
    headlines: dict[int, bool] = {}
    for passage in find_passages(doc.text):
        first = doc.paragraph_at(passage.start)
        last = doc.paragraph_at(max(passage.start, passage.end - 1))
        if first == last:
            if first not in headlines:
                headlines[first] = headline_like(doc.paragraphs[first])
            if headlines[first]:
                continue
        found.append(passage)
    return found


def _is_double_open(doc: str, i: int) -> bool:
    ch = doc[i]
    if ch in DOUBLE_OPEN:
        return True
    if ch != STRAIGHT_DOUBLE:
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else ""
    return nxt != "" and not nxt.isspace()


def _is_double_close(doc: str, i: int) -> bool:
    ch = doc[i]
    if ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE:
        return True
    if ch == "\u201c":
        # A typo'd closing mark: it follows a word and is followed by a space or punctuation.
        prev = doc[i - 1] if i > 0 else " "
        nxt = doc[i + 1] if i + 1 < len(doc) else " "
        return not prev.isspace() and (nxt.isspace() or nxt in ",.;:?!)")
    return False


def _is_single_open(doc: str, i: int) -> bool:
    ch = doc[i]
    if ch not in (*SINGLE_OPEN, STRAIGHT_SINGLE):
        return False
    prev = doc[i - 1] if i > 0 else " "
    nxt = doc[i + 1] if i + 1 < len(doc) else " "
    return (prev.isspace() or prev in "([\u2014-") and not nxt.isspace()


def _is_single_close(doc: str, i: int) -> bool:
    ch = doc[i]
    if ch not in (*SINGLE_CLOSE, STRAIGHT_SINGLE):
        return False
    prev = doc[i - 1] if i > 0 else " "
    nxt = doc[i + 1] if i + 1 < len(doc) else " "
    if prev.isspace() or nxt.isalnum():
        return False  # an apostrophe inside a word, or an opening mark
    if prev in ",.?!;:\u2026-\u2014":
        return True
    # "the players' union": a plural possessive, not the end of a quotation.
    following = doc[i + 1 : i + 3]
    return not (
        prev == "s" and len(following) == 2 and following[0] == " " and following[1].islower()
    )


def _scan(doc: str, is_open: _Test, is_close: _Test) -> list[Passage]:
    passages: list[Passage] = []
    open_at: int | None = None
    n = len(doc)
    i = 0
    while i < n:
        ch = doc[i]
        if ch == "\n":
            if open_at is not None:
                nxt = i + 1
                if nxt < n and is_open(doc, nxt):
                    i = nxt + 1  # the quote goes on in the next paragraph
                    continue
                passages.append(_passage(doc, open_at, i, closed=False))
                open_at = None
            i += 1
            continue
        if open_at is None:
            if is_open(doc, i):
                open_at = i
        elif is_close(doc, i):
            passages.append(_passage(doc, open_at, i + 1, closed=True))
            open_at = None
        elif is_open(doc, i) and doc[i] != STRAIGHT_DOUBLE and doc[i] != STRAIGHT_SINGLE:
            # A new opening mark inside an open quote: the previous one was never closed.
            passages.append(_passage(doc, open_at, i, closed=False))
            open_at = i
        i += 1
    if open_at is not None:
        passages.append(_passage(doc, open_at, n, closed=False))
    return [p for p in passages if p.text.strip()]


def _passage(doc: str, start: int, end: int, *, closed: bool) -> Passage:
    inner = doc[start + 1 : end - 1] if closed else doc[start + 1 : end]
    return Passage(inner.strip(" \t"), start, end, closed)


def claim_text(passage_text: str) -> str:
    """The curated convention for a quote's text: the words between the marks, without a
    trailing comma that belongs to the attribution (``"...," he said``)."""
    return passage_text.rstrip().removesuffix(",").rstrip()


def normalise(text: str) -> str:
    """Fold what typesetting changes and the words do not: quotation marks, apostrophes,
    dashes and whitespace. A quotation mark that opens a continued paragraph is dropped."""
    text = _LINE_START_QUOTE_RE.sub("\n", text)
    return _WS_RE.sub(" ", text.translate(_QUOTE_TABLE)).strip()


def normalise_char(ch: str) -> str:
    """One character as :func:`normalise` folds it (whitespace becomes a space)."""
    return " " if ch.isspace() else ch.translate(_QUOTE_TABLE)


def core(text: str) -> str:
    """Normalised, without the trailing ``,`` or ``.`` that belongs to the attribution."""
    return normalise(text).rstrip(" ,.").strip()


def contains_words(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` and does not start or end inside a word."""
    if not needle:
        return False
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = start == 0 or not (haystack[start - 1].isalnum() and needle[0].isalnum())
        after_ok = end == len(haystack) or not (haystack[end].isalnum() and needle[-1].isalnum())
        if before_ok and after_ok:
            return True
        start = haystack.find(needle, start + 1)
    return False


def covers(claim_text: str, passage_text: str) -> bool:
    """A claim covers a passage when, normalised, one contains the other (whole words)."""
    a, b = core(claim_text), core(passage_text)
    if not a or not b:
        return False
    return contains_words(b, a) or contains_words(a, b)
