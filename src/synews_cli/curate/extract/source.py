"""The article as a source: its text, path, publication date and source id.

The publication date comes first: every relative date in the article is resolved against
it. It is ``--published``, else the date of the dataset's source, else a dateline in the
text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from synews_cli.curate.extract.calendar import Calendar
from synews_cli.curate.extract.text_helpers import slug
from synews_cli.curate.quotes_text import Document, headline_like
from synews_cli.curate.texts import read_stdin, read_text
from synews_cli.dates import DateFormatError, EdtfDate, Point, parse_edtf, parse_user_date
from synews_cli.errors import DataIOError, UsageError


def read_article(path: str) -> str:
    """The article's text (``-`` is stdin): a regular file or a pipe, UTF-8, at most
    MAX_TEXT_BYTES (curate/texts.py); anything else is a DataIOError."""
    text, why = read_stdin() if path == "-" else read_text(Path(path))
    if text is None:
        name = "standard input" if path == "-" else path
        raise DataIOError(
            f"cannot read {name}: {why}", hint="give the path of a plain-text UTF-8 article"
        )
    return text


def relative_text_file(article: str, output: str | None) -> str | None:
    """The article's path relative to where the draft is written (or the current folder)."""
    if article == "-":
        return None
    base = Path(output).resolve().parent if output and output != "-" else Path.cwd()
    try:
        return Path(os.path.relpath(Path(article).resolve(), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(article).resolve().as_posix()


_PUBLISHED_LINE_RE = re.compile(
    r"^(?:published|updated|posted|date|first published)\b[:\s]*", re.IGNORECASE
)


def _typed_publication_date(value: str, today: date | None) -> Point:
    """``--published 'Dec 2024'`` or ``yesterday``: one day, month or year."""
    try:
        typed = parse_user_date(value, today=today).point
    except DateFormatError as error:
        raise UsageError(f"--published: {error}") from None
    if typed is None:  # a week, or an interval
        raise UsageError(f"--published {value!r}: give one day, month or year")
    return typed


_FIRST_PUBLISHED_RE = re.compile(r"^(?:first\s+)?(?:published|posted)\b", re.IGNORECASE)


def publication_date(
    published: str | None,
    doc: Document,
    *,
    existing_source_date: EdtfDate | None,
    today: date | None = None,
) -> tuple[Point, str, str | None]:
    """The publication date (point, EDTF, review note): ``--published`` (``yesterday``
    counts from ``today``), else the date of the dataset's source, else a dateline in the
    text (``Published: 4 March 2024``)."""
    if published is not None:
        value = published.strip()
        try:
            edtf = parse_edtf(value)
        except DateFormatError:
            typed = _typed_publication_date(value, today)
            return typed, typed.edtf(), None
        if edtf.is_interval or edtf.lower is None:
            raise UsageError(f"--published {published!r}: give one date, not an interval")
        return edtf.lower, value, None
    if existing_source_date is not None and existing_source_date.lower is not None:
        return existing_source_date.lower, existing_source_date.text, None
    calendar = Calendar(Point(9999))
    candidates = (*doc.paragraphs[:6], *doc.paragraphs[-2:])
    # "Published: ..." before "Updated: ..." wherever each stands; then any dateline.
    first_published = [p for p in candidates if _FIRST_PUBLISHED_RE.match(p)]
    for paragraph in (*first_published, *candidates):
        if len(paragraph.split()) > 14 and not _PUBLISHED_LINE_RE.match(paragraph):
            continue
        for hit in calendar.find(paragraph):
            if hit.value and hit.pattern in ("full", "iso", "month-year") and "/" not in hit.value:
                point = parse_edtf(hit.value).lower
                if point is not None:
                    return point, hit.value, f"publication date read from the text: {hit.text!r}"
    raise UsageError(
        "--published is required: the article does not say when it was published",
        hint="give the article's date, e.g. --published 2025-10-20 or --published 2025-10",
    )


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """What the source record is drafted from: the options, the publication date, and
    whether the dataset already has the source; title, author and url when a web page's
    metadata gives them."""

    id: str
    exists: bool
    outlet: str | None
    text_file: str | None
    text_file_review: str | None
    published: str
    published_review: str | None
    title: str | None = None
    author: str | None = None
    url: str | None = None


# Lines at the top of an article that are about it, not of it: publication and update
# stamps, bylines, datelines standing alone, photo credits, reading times.
_META_LINE_RE = re.compile(
    r"^(?:(?:first\s+)?published|updated|last\s+(?:modified|updated)|posted|modified|date|"
    r"photo|image|credit|source|filed)\b\s*(?:on|at)?\s*[:\s]"
    r"|^by\s+[A-Z]"
    r"|^\d+\s+min(?:ute)?s?\s+read\b"
    r"|^[A-Z][A-Z .,'\u2019-]{2,40},?\s+(?:\w+\.?\s+\d{1,2}|\d{1,2}\s+\w+\.?)?\s*"
    r"(?:\([^)]{1,30}\))?\s*[\u2014\u2013-]+\s*$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^By\s+([A-Z][\w'\u2019.-]+(?:\s+(?:[A-Z][\w'\u2019.-]+|and|de|van|von|al|bin|da|di|"
    r"el|le|la|der|du)){1,5})(?=\s*(?:$|[,|\u2014\u2013-]|\s+(?:in|for)\b))"
)


def is_meta_line(paragraph: str) -> bool:
    """Is the line about the article (``Published: 20 November 2025``, ``By Jane Doe``,
    ``KARSK, Oct 14 (Wire) -``) rather than part of it? Then it is not its title."""
    line = paragraph.strip()
    if _META_LINE_RE.match(line):
        return True
    calendar = Calendar(Point(9999))
    found = calendar.find(line)
    # A line that is a date and little else: "November 20, 2025", "20.11.2025 14:05".
    leftover = line
    for hit in found:
        leftover = leftover.replace(hit.text, " ")
    return bool(found) and len(re.findall(r"[A-Za-z]{2,}", leftover)) <= 1


def article_title(paragraphs: list[str]) -> str | None:
    """The headline: the first short line without closing punctuation that is not a
    publication stamp, byline or dateline; None when the article starts with its text."""
    for paragraph in paragraphs[:4]:
        if is_meta_line(paragraph):
            continue
        if headline_like(paragraph) and len(paragraph.split()) >= 3:
            return paragraph.strip()
        return None
    return None


def article_byline(paragraphs: list[str]) -> str | None:
    """The author of a ``By Jane Doe`` line near the top."""
    for paragraph in paragraphs[:6]:
        match = _BYLINE_RE.match(paragraph.strip())
        if match:
            return match.group(1)
    return None


def check_source_id(source_id: str, taken: set[str]) -> None:
    from synews_cli.dataset.specs import ID_RE

    if not ID_RE.fullmatch(source_id):
        raise UsageError(
            f"--source {source_id!r} is not a valid id",
            hint="use letters, digits, '-', '_' and '.', starting with a letter or digit",
        )
    if source_id in taken:
        raise UsageError(
            f"--source {source_id!r} is already the id of another item in the dataset",
            hint="ids are unique across kinds; choose another source id",
        )


def default_source_id(outlet: str | None, article_name: str, published: str) -> str:
    base = slug(outlet or Path(article_name).stem or "article", max_words=4) or "article"
    if not base[0].isalnum():
        base = "source-" + base
    return f"{base}-{published.rstrip('~?%')}"
