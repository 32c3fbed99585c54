"""``synews extract``: a first draft of dataset TOML from an English news article.

Typing every quotation of an article into TOML by hand is the slowest and most error-prone
step of curation. This package drafts it, by rule (no model; trafilatura only to take a
saved page's article text and metadata): every quoted passage with its speaker, reported speech as
paraphrases, declined comments, people with their roles, and candidate events for the
sentences that carry a date, each date resolved against the publication date. What the
rules are unsure of carries a ``# review:`` comment; a person reviews and merges the draft.

The rules follow the usual styles of news writing, not any one article: attribution after
a quote (``"...," he said.``, ``"...," said Jane Doe.``), before it (``Ms Doe said: "..."``),
inside it, ``told <outlet>``, ``according to``; titles and honorifics; later references by
surname, pronoun or role; speakers introduced by description; quotations running over
several paragraphs; quoted fragments inside reported speech.

The stages, one module each, in the order :func:`extract_article` runs them: source (the
publication date; source_html for a saved web page), sentences, dating (with calendar),
then walk, which for each sentence finds its attributions (attribution), reads their
speaker phrases (who, names) and resolves them to speakers (builder, antecedents for
``the company``); then known, which reconciles the draft with the dataset it extends
(known_people, known_items, known_terms); last assemble, which makes the
:class:`Draft` that draft renders as TOML. vocabulary, date_patterns and text_helpers hold
the words and helpers they share.
Imports between the modules point one way, and none imports from this one.
"""

from __future__ import annotations

from datetime import date

from synews_cli.curate.extract.assemble import assemble
from synews_cli.curate.extract.builder import Builder
from synews_cli.curate.extract.calendar import Calendar
from synews_cli.curate.extract.draft import Draft, toml_string
from synews_cli.curate.extract.known import nothing_known, reconcile
from synews_cli.curate.extract.source import (
    SourceOptions,
    check_source_id,
    default_source_id,
    publication_date,
    read_article,
    relative_text_file,
)
from synews_cli.curate.extract.source_html import Page, is_html, read_page
from synews_cli.curate.extract.vocabulary import PH_CLOSE, PH_OPEN
from synews_cli.curate.extract.walk import walk
from synews_cli.curate.extract.who import Who, interpret_who
from synews_cli.curate.quotes_text import parse_document, speech_passages
from synews_cli.store.reader import Dataset

__all__ = [
    "Calendar",
    "Draft",
    "Who",
    "extract_article",
    "interpret_who",
    "is_html",
    "read_article",
    "read_page",
    "relative_text_file",
    "toml_string",
]


_PAGE_TEXT_FILE = (
    "text_file is the saved page: synews verify checks the quotes against it, and reports "
    "the page's other quoted passages (menus, comments) as missing"
)


def extract_article(
    text: str,
    *,
    published: str | None = None,
    source_id: str | None = None,
    outlet: str | None = None,
    article_name: str = "article.txt",
    text_file: str | None = None,
    text_file_review: str | None = None,
    dataset: Dataset | None = None,
    today: date | None = None,
    page: Page | None = None,
) -> Draft:
    """Draft people, claims and events from an article's text.

    ``published`` is EDTF or a typed date (relative ones count from ``today``); without
    it the dataset's source or a dateline in the text must give it. ``dataset``, when
    given, is the dataset the draft extends: its ids are avoided, and what it records
    already (people, statements, events) is cited, reported again or left out (see
    known.py). ``page``, for a saved web page, is its text and metadata: they fill the
    source where the options do not. Raises UsageError on a bad option."""
    page_date = page.published if page is not None and published is None else None
    if page is not None:
        text, published, outlet = page.text, published or page.published, outlet or page.site_name
    text = text.replace(PH_OPEN, " ").replace(PH_CLOSE, " ")
    doc = parse_document(text)
    taken = set(dataset.ids()) if dataset else set()
    existing = dataset.source_by_id.get(source_id) if dataset and source_id else None
    if source_id is not None and existing is None:
        check_source_id(source_id, taken)
    point, pub_text, pub_review = publication_date(
        published,
        doc,
        existing_source_date=existing.published if existing else None,
        today=today,
    )
    builder = Builder(doc, speech_passages(doc), Calendar(point))
    walk(builder)
    source = SourceOptions(
        id=source_id or default_source_id(outlet, article_name, pub_text),
        exists=existing is not None,
        outlet=outlet,
        text_file=text_file,
        text_file_review="; ".join(r for r in (text_file_review, page and _PAGE_TEXT_FILE) if r)
        or None,
        published=pub_text,
        published_review="publication date from the page's metadata" if page_date else pub_review,
        title=page.title if page else None,
        author=page.author if page else None,
        url=page.url if page else None,
    )
    known = (
        reconcile(builder, dataset, source_id=source.id, source_exists=source.exists)
        if dataset is not None
        else nothing_known(builder)
    )
    return assemble(builder, article_name=article_name, source=source, taken=taken, known=known)
