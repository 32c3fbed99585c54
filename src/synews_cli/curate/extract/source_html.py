"""The article as a saved web page: its text and what the page says about itself.

A page holds far more than the article: navigation, cookie banners, related-link boxes,
captions, comment sections. None of that may become a statement, so the article's text is
taken with trafilatura (built for exactly this), and the page's metadata (headline,
author, site name, canonical URL, publication date, the date with htmldate) fills the
drafted source. Both libraries are imported here only, when a page is read: every other
command starts without them. Nothing is fetched: the page is parsed from the string given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from synews_cli.errors import DataIOError

_HTML_SUFFIXES = frozenset((".html", ".htm", ".xhtml", ".shtml"))
_HTML_START_RE = re.compile(
    r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


# Lines a page puts inside its article that are not of it: links to other stories, share
# and sign-up prompts, advertisement labels, photo credits.
_FURNITURE_LINE_RE = re.compile(
    r"(?:read more|related|see also|also read|more on this|watch|listen|recommended|"
    r"share this(?: article)?|sign up|subscribe|advertisement|photo|image|video)\b\s*[:|\u2014-]"
    r"|advertisement$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Page:
    """A saved page read: the article's text, one paragraph per line, and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    published: str | None = None  # ISO date, from the page's metadata
    url: str | None = None


def is_html(path: str, text: str) -> bool:
    """A web page, by its extension or by how it starts (``<!DOCTYPE html>``, ``<html>``)."""
    if path != "-" and Path(path).suffix.lower() in _HTML_SUFFIXES:
        return True
    return _HTML_START_RE.match(text[:4096]) is not None


def read_page(html: str, name: str) -> Page:
    """The article text and metadata of a saved page; DataIOError when the page holds no
    article text."""
    import htmldate
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
        )
    except Exception as error:  # hostile markup makes lxml raise anything (AssertionError)
        raise _unparsable(name, error) from None
    fields: dict[str, object] = {}
    if isinstance(document, dict):
        fields = document
    elif document is not None:
        fields = document.as_dict()
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DataIOError(
            f"cannot read {name}: the page holds no article text",
            hint="save the article's own page, or paste its text into a .txt file",
        )
    published = _iso_date(fields.get("date"))
    if published is None:
        try:
            found = htmldate.find_date(html, original_date=True, extensive_search=False)
        except Exception:  # as above: the date is then the user's to give
            found = None
        published = _iso_date(found)
    return Page(
        # one paragraph per line, blank lines between: never read as hard-wrapped text
        text="\n\n".join(
            line.strip()
            for line in text.splitlines()
            if line.strip() and not _FURNITURE_LINE_RE.match(line.strip())
        ),
        title=_field(fields.get("title")),
        author=_field(fields.get("author")),
        site_name=_field(fields.get("sitename")),
        published=published,
        url=_url(fields.get("url")),
    )


def _unparsable(name: str, error: Exception) -> DataIOError:
    why = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return DataIOError(
        f"cannot read {name}: the page's markup cannot be parsed ({why})",
        hint="save the article's own page again, or paste its text into a .txt file",
    )


def _field(value: object) -> str | None:
    """A metadata value as one clean line, or None."""
    if not isinstance(value, str):
        return None
    cleaned = re.sub(r"\s+", " ", value).strip()
    return cleaned[:300] or None


def _iso_date(value: object) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    return None


def _url(value: object) -> str | None:
    """Only an absolute http(s) URL: a page can claim anything."""
    text = _field(value)
    return text if text and re.fullmatch(r"https?://[^\s\"'<>]+", text) else None
