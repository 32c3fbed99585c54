"""``synews verify``: every quote checked, character for character, against its source's text.

What is checked is what is recorded: a quote's ``text`` against its first source, and each
of its reports' ``text`` against that report's own source (an outlet's translation is its
own wording, so the quote's text is never checked against another outlet's text).

A misquote is the worst error a fact-checker can publish, so the comparison forgives only
what typesetting changes and the words do not (quotation marks, apostrophes, dashes and
whitespace; see :func:`synews_cli.curate.quotes_text.normalise`). Coverage runs the other way:
every quoted passage of a text that no claim records is listed, using the same passage
finder as ``synews extract`` so that the two tools agree on what a quotation is.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from synews_cli.curate.quotes_text import (
    Document,
    Passage,
    claim_text,
    contains_words,
    covers,
    normalise,
    normalise_char,
    parse_document,
    speech_passages,
)
from synews_cli.curate.texts import read_text
from synews_cli.curate.where_texts import text_path
from synews_cli.model import Claim
from synews_cli.store.reader import Dataset

# Most serious first; the order findings are listed in within a source.
KINDS = ("misquote", "not-quoted", "unreadable", "missing", "unverified")
SEVERITY = {
    "misquote": "error",
    "not-quoted": "warning",
    "unreadable": "warning",
    "missing": "warning",
    "unverified": "note",
}
_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
_WORD_RE = re.compile(r"\w+")
_SENTENCE_RE = re.compile(r"[^.!?\u2026\n]+(?:[.!?\u2026]+|$)")

Segment = tuple[str, str]  # ("=", same) ("-", only in the claim) ("+", only in the text)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing ``verify`` reports. ``segments`` is the word diff of a misquote."""

    kind: str
    source: str
    message: str
    claim: str | None = None
    location: str | None = None
    expected: str | None = None
    found: str | None = None
    segments: tuple[Segment, ...] = ()

    @property
    def severity(self) -> str:
        return SEVERITY[self.kind]

    @property
    def diff(self) -> str | None:
        """The diff as one line of text: ``[-claim's words-]{+text's words+}``."""
        if not self.segments:
            return None
        marks = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
        return "".join(f"{marks[op][0]}{text}{marks[op][1]}" for op, text in self.segments)

    def record(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "claim": self.claim,
            "source": self.source,
            "location": self.location,
            "message": self.message,
            "expected": self.expected,
            "found": self.found,
            "diff": self.diff,
        }


@dataclass(frozen=True)
class VerifyReport:
    """Every finding, and the counts the summary line needs."""

    findings: tuple[Finding, ...]
    quotes_checked: int = 0
    passages: int = 0
    sources_with_text: int = 0
    sources: int = 0

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)

    def exit_code(self, *, strict: bool = False) -> int:
        """1 on any misquote; with ``strict`` also on any warning (missing coverage, a quote
        not between quotation marks, an unreadable text)."""
        if self.count("misquote"):
            return 1
        if strict and any(f.severity == "warning" for f in self.findings):
            return 1
        return 0

    def summary(self) -> str:
        """One line for stderr: what was checked and what was found."""
        misquotes = self.count("misquote")
        unquoted = self.count("not-quoted")
        missing = self.count("missing")
        unverified = self.count("unverified")
        unreadable = self.count("unreadable")
        if self.sources_with_text:
            verbatim = self.quotes_checked - misquotes
            parts = [
                f"{verbatim} of {self.quotes_checked} quote{_s(self.quotes_checked)} verbatim "
                f"in {self.sources_with_text} source text{_s(self.sources_with_text)}",
                f"{misquotes} misquote{_s(misquotes)}",
            ]
            if unquoted:
                parts.append(f"{unquoted} not between quotation marks in the text")
            parts.append(
                f"{missing} of {self.passages} quoted passage{_s(self.passages)} not recorded"
            )
        else:
            parts = ["no source has a text to check its quotes against"]
        if unreadable:
            parts.append(f"{unreadable} text{_s(unreadable)} unreadable")
        if unverified:
            parts.append(f"{unverified} source{_s(unverified)} without a text (unverified)")
        return "verify: " + "; ".join(parts)


def _s(count: int) -> str:
    return "" if count == 1 else "s"


# --- Checking one quote ----------------------------------------------------------------------


@dataclass(frozen=True)
class SourceText:
    """A source's text, scanned once: its document, passages and normalised forms."""

    doc: Document
    passages: tuple[Passage, ...]
    normalised: str
    normalised_passages: tuple[str, ...]

    @classmethod
    def scan(cls, text: str) -> SourceText:
        doc = parse_document(text)
        passages = tuple(speech_passages(doc))
        return cls(
            doc,
            passages,
            normalise(doc.text),
            tuple(normalise(p.text) for p in passages),
        )


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """The outcome for one quote: ``ok``, ``not-quoted`` or ``misquote`` (with the
    closest passage of the text and where it starts)."""

    status: str
    closest: str | None = None
    offset: int | None = None
    segments: tuple[Segment, ...] = ()


def check_quote(quote: str, text: SourceText) -> QuoteCheck:
    """Is ``quote`` in the text, verbatim up to typesetting, and between quotation marks?"""
    wanted = normalise(quote)
    if wanted and contains_words(text.normalised, wanted):
        if any(contains_words(p, wanted) for p in text.normalised_passages):
            return QuoteCheck("ok")
        return QuoteCheck("not-quoted")
    closest, offset = closest_passage(quote, text)
    if closest is None:
        return QuoteCheck("misquote")
    return QuoteCheck("misquote", closest, offset, word_diff(quote, closest))


def _candidates(text: SourceText, width: int) -> list[tuple[str, int]]:
    """Stretches of the text a quote may have been taken from: the quoted passages and
    every sentence (offsets into the document). A stretch longer than ``width`` is cut into
    windows of ``width`` that overlap by half, so that comparing a quote with a text costs
    in proportion to the text, whatever its sentences (a text on one line of 500,000
    characters has one)."""
    found: list[tuple[str, int]] = []
    stretches = [(p.text, p.start + 1) for p in text.passages]
    for match in _SENTENCE_RE.finditer(text.doc.text):
        chunk = match.group()
        stripped = chunk.strip()
        if stripped:
            stretches.append((stripped, match.start() + chunk.index(stripped[0])))
    for stretch, offset in stretches:
        if len(stretch) <= width:
            found.append((stretch, offset))
            continue
        for start in range(0, len(stretch) - width // 2, width // 2):
            found.append((stretch[start : start + width], offset + start))
    return found


def closest_passage(quote: str, text: SourceText) -> tuple[str | None, int | None]:
    """The stretch of the text most like ``quote``: the candidate holding most of the
    quote's words in order (then most of its characters), narrowed to the part that
    matched. None when nothing is close: most words differ."""
    wanted = normalise(quote)
    wanted_words = _WORD_RE.findall(wanted.casefold())
    if not wanted:
        return None, None
    best: tuple[float, float, int, str, int] | None = None
    for candidate, offset in _candidates(text, max(400, 3 * len(quote))):
        folded = normalise(candidate)
        words = _WORD_RE.findall(folded.casefold())
        word_matcher = difflib.SequenceMatcher(None, wanted_words, words, autojunk=False)
        word_score = sum(b.size for b in word_matcher.get_matching_blocks()) / max(
            1, len(wanted_words)
        )
        char_matcher = difflib.SequenceMatcher(None, wanted, folded, autojunk=False)
        char_score = char_matcher.ratio()
        key = (word_score, char_score, -len(candidate))
        if best is None or key > best[:3]:
            best = (word_score, char_score, -len(candidate), candidate, offset)
    if best is None:
        return None, None
    word_score, char_score = best[0], best[1]
    close = word_score >= 0.5 or (len(wanted_words) <= 3 and char_score >= 0.6)
    if not close:
        return None, None
    candidate, offset = best[3], best[4]
    start, end = _matched_span(wanted, candidate)
    return candidate[start:end], offset + start


def _matched_span(wanted: str, candidate: str) -> tuple[int, int]:
    """The part of ``candidate`` the quote lines up with, widened to whole words."""
    folded = "".join(normalise_char(ch) for ch in candidate)
    matcher = difflib.SequenceMatcher(None, wanted, folded, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3] or [
        b for b in matcher.get_matching_blocks() if b.size
    ]
    if not blocks:
        return 0, len(candidate)
    start = blocks[0].b - blocks[0].a  # where the quote's first character would be
    end = blocks[-1].b + blocks[-1].size + (len(wanted) - blocks[-1].a - blocks[-1].size)
    start = max(0, min(start, blocks[0].b))
    end = min(len(candidate), max(end, blocks[-1].b + blocks[-1].size))
    while start > 0 and candidate[start - 1].isalnum():
        start -= 1
    while end < len(candidate) and candidate[end].isalnum():
        end += 1
    return start, end


def word_diff(expected: str, found: str) -> tuple[Segment, ...]:
    """Word-level differences, compared after normalising: removed and added pieces keep
    their side's characters, equal stretches are shown as the text has them. Adjacent
    pieces of the same kind are merged."""
    a = _TOKEN_RE.findall(expected)
    b = _TOKEN_RE.findall(found)
    fold_a = [normalise_char(t) if t.isspace() else normalise(t) or " " for t in a]
    fold_b = [normalise_char(t) if t.isspace() else normalise(t) or " " for t in b]
    matcher = difflib.SequenceMatcher(None, fold_a, fold_b, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("=", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            segments.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("+", "".join(b[j1:j2])))
    merged: list[Segment] = []
    for kind, piece in segments:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + piece)
        else:
            merged.append((kind, piece))
    return tuple(merged)


# --- Checking a dataset ----------------------------------------------------------------------


class Wording(NamedTuple):
    """One recorded wording of a quote to check against one source's text: the claim's own
    ``text`` (against its first source), or a report's (against that report's source)."""

    claim: Claim
    text: str
    report: int | None = None  # the report's number (from 1), None for the claim's text


def wordings(claims: Sequence[Claim]) -> dict[str, list[Wording]]:
    """{source id: the quote wordings to check against its text}, in the claims' order.
    Only what is recorded is checked: a claim's text against its first source, each
    report's text against that report's source (never the claim's text against a report's
    source: that outlet's words may differ, in a translation say)."""
    by_source: dict[str, list[Wording]] = {}
    for claim in claims:
        if claim.kind != "quote":
            continue
        by_source.setdefault(claim.source, []).append(Wording(claim, claim.text))
        for number, report in enumerate(claim.reports, start=1):
            if report.text is not None:
                by_source.setdefault(report.source, []).append(Wording(claim, report.text, number))
    return by_source


def verify_source(
    source_id: str,
    quotes: Sequence[Wording],
    text: SourceText,
    *,
    text_name: str,
) -> tuple[list[Finding], int]:
    """Findings for one source whose text is known, and how many quotes were checked."""
    findings: list[Finding] = []
    for quote in quotes:
        claim = quote.claim
        result = check_quote(quote.text, text)
        where = str(claim.location) if claim.location else None
        whose = "" if quote.report is None else f"report {quote.report} ({source_id}): "
        if result.status == "not-quoted":
            findings.append(
                Finding(
                    "not-quoted",
                    source_id,
                    f"{whose}the words are in the text but not between quotation marks: "
                    "a paraphrase, or the speaker's words?",
                    claim=claim.id,
                    location=where,
                    expected=quote.text,
                )
            )
        elif result.status == "misquote":
            if result.closest is None:
                message = "not in the text, and nothing in it is close"
            else:
                line = text.doc.line_at(result.offset or 0)
                changed = sum(
                    1
                    for i, (op, _) in enumerate(result.segments)
                    if op != "=" and (i == 0 or result.segments[i - 1][0] == "=")
                )
                message = (
                    f"not verbatim: {changed} difference{_s(changed)} from the closest "
                    f"passage ({text_name}:{line})"
                )
            findings.append(
                Finding(
                    "misquote",
                    source_id,
                    whose + message,
                    claim=claim.id,
                    location=where,
                    expected=quote.text,
                    found=result.closest,
                    segments=result.segments,
                )
            )
    for passage in text.passages:
        if any(covers(quote.text, passage.text) for quote in quotes):
            continue
        findings.append(
            Finding(
                "missing",
                source_id,
                "quoted in the text, but no claim records it",
                location=f"{text_name}:{text.doc.line_at(passage.start)}",
                found=claim_text(passage.text),
            )
        )
    return findings, len(quotes)


def verify_dataset(
    dataset: Dataset,
    *,
    texts: Mapping[str, Path] | None = None,
    folder: Path | None = None,
    allow_outside: bool = False,
) -> VerifyReport:
    """Check every source: the quotes' wordings it reports (a claim's text, for its first
    source; a report's) against its text, and the text's passages against them. Sources
    without a text are listed as unverified."""
    overrides = dict(texts or {})
    position = {name: index for index, name in enumerate(dataset.files)}

    def in_file_order(claim: Claim) -> tuple[int, int]:
        where = claim.location
        return (0, 0) if where is None else (position.get(where.file, 0), where.line or 0)

    by_source = wordings(sorted(dataset.claims(), key=in_file_order))
    findings: list[Finding] = []
    checked = passages = with_text = 0
    for source in dataset.sources:
        recorded = by_source.get(source.id, [])
        quotes = len(recorded)
        where = str(source.location) if source.location else None
        place = text_path(source, overrides, texts=folder, allow_outside=allow_outside)
        path = place.path
        if path is None:
            findings.append(
                Finding(
                    "unverified",
                    source.id,
                    f"no text to check its {quotes} quote{_s(quotes)} against: add text_file "
                    f"to the source, or pass --text {source.id}=FILE",
                    location=where,
                )
            )
            continue
        raw, error = (None, place.refused) if place.refused else read_text(path)
        if raw is None:
            findings.append(
                Finding(
                    "unreadable",
                    source.id,
                    f"cannot read its text {path}: {error}; its {quotes} quote{_s(quotes)} "
                    "are unverified",
                    location=where,
                )
            )
            continue
        scanned = SourceText.scan(raw)
        found, count = verify_source(source.id, recorded, scanned, text_name=str(path))
        findings.extend(found)
        checked += count
        passages += len(scanned.passages)
        with_text += 1
    order = {source.id: index for index, source in enumerate(dataset.sources)}
    findings.sort(key=lambda f: (order.get(f.source, 0), KINDS.index(f.kind)))
    return VerifyReport(tuple(findings), checked, passages, with_text, len(dataset.sources))
