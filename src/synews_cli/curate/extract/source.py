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
from synews_cli.curate.quotes_text import Document
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
    for paragraph in (*doc.paragraphs[:6], *doc.paragraphs[-2:]):
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
    whether the dataset already has the source."""

    id: str
    exists: bool
    outlet: str | None
    text_file: str | None
    text_file_review: str | None
    published: str
    published_review: str | None


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
