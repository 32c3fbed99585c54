"""Stage: dating the whole article, before any claim is drafted.

An anchored expression (``a few days after the vote``) can only be dated once the other
dates of the article are known, wherever they come in the text; so every sentence is dated
first, and the walk then reads each sentence's dates from this pass. A date later than
publication in a sentence that does not look ahead is flagged for review here too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from synews_cli.curate.extract.calendar import Calendar, DateHit
from synews_cli.curate.extract.text_helpers import content_words
from synews_cli.curate.extract.vocabulary import PH_RE
from synews_cli.dates import Point, parse_edtf


def date_sentences(calendar: Calendar, skeletons: Sequence[str]) -> list[list[DateHit]]:
    """The date expressions of each sentence (by its skeleton), every one with a value."""
    hits_by_sentence: list[list[DateHit]] = []
    for index, skeleton in enumerate(skeletons):
        hits = calendar.find(skeleton)
        for hit in hits:
            hit.sentence = index
        hits_by_sentence.append(hits)
    _look_ahead(calendar, skeletons, hits_by_sentence)
    _resolve_anchors(calendar, skeletons, hits_by_sentence)
    _flag_future(calendar, skeletons, hits_by_sentence)
    return hits_by_sentence


_FUTURE_RE = re.compile(
    r"\b(?:will|shall|next|tomorrow|coming|upcoming|due to|plans? to|planning to|expected to|"
    r"scheduled|set to|intends? to|going to|is due|are due|due (?:on|in|at|by)|"
    r"(?:is|are|be|remains?) (?:widely )?expected)\b|"
    r"\w['\u2019]ll\b",
    re.IGNORECASE,
)
# Reported future ("said the men would apply for bail on Wednesday"): ahead of when it was
# said, usually ahead of publication too, but not always.
_REPORTED_FUTURE_RE = re.compile(r"\b(?:would|was due|were due|was to|were to)\b", re.IGNORECASE)
_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|[a-z]+ed|began|met|said|told|held|took|went|came|gave|made|saw|"
    r"found|left|won|lost|fell|rose|sold|bought|built|brought|spoke|wrote|ran|became|struck|"
    r"chose|drove|flew|grew|knew|shot|stood|broke|sent|spent|paid|led|kept|ago|last|earlier|"
    r"previously|yesterday|since)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK_RE = re.compile(
    r"[,;:()\u2014\u2013]|\b(?:that|when|after|before|and|but|while|because|since|as|who|which)\b",
    re.IGNORECASE,
)


def clause_bounds(skeleton: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause that holds ``skeleton[start:end]`` starts and ends: from the last
    break before it to the first after it (``the plant will close in June`` in ``He said
    that the plant will close in June, and ...``)."""
    breaks = [m for m in _CLAUSE_BREAK_RE.finditer(skeleton) if m.end() <= start]
    after = next((m for m in _CLAUSE_BREAK_RE.finditer(skeleton, end)), None)
    return (breaks[-1].end() if breaks else 0, after.start() if after else len(skeleton))


def _look_ahead(
    calendar: Calendar, skeletons: Sequence[str], hits: Sequence[list[DateHit]]
) -> None:
    """A date without a year in a clause about the future is the next such date, not the
    last: ``will close at the end of June``, ``talks are due on 30 June``. Past tense
    (and no tense) keeps the most recent one not after publication."""
    for skeleton, sentence_hits in zip(skeletons, hits, strict=True):
        for hit in sentence_hits:
            clause_start, clause_end = clause_bounds(skeleton, hit.start, hit.end)
            clause = skeleton[clause_start:clause_end]
            before = skeleton[clause_start : hit.start]
            # The verb before the date tells its tense ("voted on Thursday to strike next
            # month": Thursday is past); words after it only when none before does.
            if _FUTURE_RE.search(before) or (
                not _PAST_RE.search(before) and _FUTURE_RE.search(skeleton[hit.end : clause_end])
            ):
                look_ahead(calendar.pub, hit)
            elif _REPORTED_FUTURE_RE.search(clause) and look_ahead(calendar.pub, hit):
                note = "reported future ('would'): read as after publication; check the year"
                hit.review = f"{hit.review}; {note}" if hit.review else note
            elif _is_deadline(hit) and not _FUTURE_RE.search(clause):
                note = "a deadline ('by'): read as the latest such date; check the year"
                hit.review = f"{hit.review}; {note}" if hit.review else note
            elif hit.pattern in _YEARLESS and not _PAST_RE.search(
                clause if len(clause.split()) >= 4 else skeleton
            ):
                # "the first berth opens in January": a timetable or a habit?
                note = (
                    "no tense says which side of publication: read as the latest such date; "
                    "if the sentence looks ahead, it is the next one"
                )
                hit.review = f"{hit.review}; {note}" if hit.review else note


def _flag_future(
    calendar: Calendar, skeletons: Sequence[str], hits: Sequence[list[DateHit]]
) -> None:
    """A date after publication in a sentence that does not look ahead is probably wrong."""
    last_day = calendar.pub.last_day
    for skeleton, sentence_hits in zip(skeletons, hits, strict=True):
        if _FUTURE_RE.search(skeleton) or _REPORTED_FUTURE_RE.search(skeleton):
            continue  # looks ahead (reported future is flagged where it is read)
        for hit in sentence_hits:
            start = parse_edtf(hit.value).start if hit.value else None
            if start is not None and start > last_day:
                note = "later than the publication date, in a sentence about the past"
                hit.review = f"{hit.review}; {note}" if hit.review else note


def _resolve_anchors(
    calendar: Calendar, skeletons: Sequence[str], hits: Sequence[list[DateHit]]
) -> None:
    """Date the anchored expressions, in order, from the other dates of the article."""
    words = [content_words(PH_RE.sub(" ", s)) for s in skeletons]
    frequency: Counter[str] = Counter()
    for sentence_words in words:
        frequency.update(sentence_words)
    total = max(1, len(skeletons))
    idf = {w: math.log((total + 1) / count) for w, count in frequency.items()}
    lowered = [s.lower() for s in skeletons]
    dated = [
        (hit, words[index], lowered[index])
        for index, sentence_hits in enumerate(hits)
        for hit in sentence_hits
    ]
    for sentence_hits in hits:
        for hit in sentence_hits:
            if hit.anchor is not None and hit.value is None:
                calendar.resolve_anchored(hit, dated, idf)


_YEARLESS = frozenset(("day-month", "month", "weekday"))


def _is_deadline(hit: DateHit) -> bool:
    """``by September``: a date without a year that something must happen by."""
    return hit.pattern in _YEARLESS and hit.text.lower().startswith(("by ", "before "))


def look_ahead(published: Point, hit: DateHit) -> bool:
    """Re-read a date without a year (``on 30 June``, ``at the end of June``, ``on
    Monday``) in a clause about the future: the next such date not before publication,
    not the last one. True when the value changed."""
    if hit.pattern not in _YEARLESS or not hit.value or "/" in hit.value:
        return False
    if re.search(r"\b(?:last|this|next|ago|\d{4})\b", hit.text, re.IGNORECASE):
        return False  # the words already say which one
    point = parse_edtf(hit.value).lower
    if point is None or point.last_day >= published.first_day:
        return False
    if hit.pattern == "weekday" and point.day is not None and point.month is not None:
        when = date(point.year, point.month, point.day) + timedelta(days=7)
        hit.value = Point(when.year, when.month, when.day, approximate=point.approximate).edtf()
    else:
        hit.value = Point(
            point.year + 1, point.month, point.day, approximate=point.approximate
        ).edtf()
    return True
