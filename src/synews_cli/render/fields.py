"""The fields of each listing, with what they mean, and ``--fields``: keeping some of them.

One catalog per listing kind, in the order the records carry them. It is what ``--fields
help`` prints, what a bad ``--fields`` name is checked against, and what the tests hold the
records (records.py, story_records.py, verify's findings) and the README to. A field that
holds records of its own (a statement's ``reports``) has no flat form: only json and jsonl
take it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from synews_cli.errors import UsageError
from synews_cli.model import (
    CLAIM_KINDS,
    CLAIM_STATUSES,
    CONFLICT_KINDS,
    EVENT_STATUSES,
    IDENTITIES,
    NAME_KINDS,
    PERSON_KINDS,
    SOURCE_KINDS,
)
from synews_cli.render import Format, Listing
from synews_cli.render.records import LazyRecords
from synews_cli.text import closest, inert

SELECTABLE = ("plain", "csv", "tsv", "markdown", "json", "jsonl")  # formats --fields applies to
NESTED_FORMATS = ("json", "jsonl")  # the formats that take a field holding records


def _either(values: Sequence[str]) -> str:
    """``a, b or c``."""
    return f"{', '.join(values[:-1])} or {values[-1]}" if len(values) > 1 else "".join(values)


class Field(NamedTuple):
    name: str
    meaning: str
    nested: bool = False  # holds records: json and jsonl only


_DATE = (
    Field("date", "the date as written (EDTF: 2025-10, 2025-10-14, 2025-10-14/2025-10-16)"),
    Field("when", "the date for reading (14 Oct 2025)"),
    Field("start", "the first day it may be (ISO), empty when open"),
    Field("end", "the last day it may be (ISO), empty when open"),
)
_REPORTS = Field(
    "reports", "each source's own account: source, date, when, text, url, note", nested=True
)
_CONFLICTS = Field(
    "conflicts", "the items it contradicts, and its sources' dates when they disagree", True
)
_ACCOUNTS = Field("accounts", "how many independent accounts tell it (copies count as one)")

EVENT_FIELDS = (
    Field("id", "the event's id"),
    *_DATE,
    Field("title", "what happened, in a line"),
    Field("summary", "what happened, in a few sentences"),
    Field("places", "where"),
    Field("actors", "who acted"),
    Field("tags", "the curator's tags"),
    Field("source", "the first source's id"),
    Field("sources", "every source's id, the first first"),
    _ACCOUNTS,
    _REPORTS,
    Field("status", f"{_either(EVENT_STATUSES)} (empty: it happened)"),
    _CONFLICTS,
    Field("note", "the curator's note"),
)
CLAIM_FIELDS = (
    Field("id", "the statement's id"),
    *_DATE,
    Field("speaker", "the speaker's person id"),
    Field("speaker_name", "the speaker's name"),
    Field("speaker_role", "the speaker's role (job, title)"),
    Field("speaker_affiliation", "the speaker's organisation"),
    Field("speaker_identity", _either(IDENTITIES)),
    Field("kind", _either(CLAIM_KINDS)),
    Field("text", "the words (a quote's exact words)"),
    Field("context", "where and to whom it was said"),
    Field("topics", "what it is about, in topics"),
    Field("about", "the ids of the events it is about"),
    Field("status", _either(CLAIM_STATUSES)),
    Field("evidence", "the ids of the events that settle it"),
    Field("evidence_note", "how they settle it"),
    Field("source", "the first source's id"),
    Field("sources", "every source's id, the first first"),
    Field("outlet", "the outlet of the first source (of source)"),
    Field("outlets", "the outlet of each source, in the order of sources"),
    _ACCOUNTS,
    _REPORTS,
    _CONFLICTS,
)
PERSON_FIELDS = (
    Field("id", "the person's id"),
    Field("name", "the name"),
    Field("role", "the role (job, title)"),
    Field("affiliation", "the organisation"),
    Field("kind", _either(PERSON_KINDS)),
    Field("identity", _either(IDENTITIES)),
    Field("identity_note", "why the name is withheld or invented"),
    Field("statements", "how many statements they made"),
    Field("first", "the date of the first statement (EDTF)"),
    Field("last", "the date of the last statement (EDTF)"),
    Field("aliases", "other names"),
)
PERIOD_FIELDS = (
    Field("period", "the year or month"),
    Field("events", "how many events in it"),
    Field("statements", "how many statements in it"),
)
SOURCE_FIELDS = (
    Field("id", "the source's id"),
    Field("outlet", "who published it"),
    Field("title", "its title"),
    Field("published", "when (EDTF)"),
    Field("when", "when, for reading"),
    Field("kind", _either(SOURCE_KINDS)),
    Field("url", "where it is"),
    Field("author", "who wrote it"),
    Field("copy_of", "the source it reprints"),
    Field("account", "the original it belongs to (itself when it copies none)"),
    Field("events", "how many events cite it"),
    Field("statements", "how many statements cite it"),
)
CONFLICT_FIELDS = (
    Field("kind", _either(CONFLICT_KINDS)),
    Field("id", "the item's id"),
    Field("item_kind", "event or claim"),
    Field("date", "the item's date (EDTF)"),
    Field("what", "an event's title, or a statement's speaker and words"),
    Field("other", "the item it contradicts"),
    Field("other_date", "the other item's date"),
    Field("other_what", "the other item's title, or speaker and words"),
    Field("details", "the sources' dates, in words"),
    Field("reported", "each source's date: source, date, when", nested=True),
)
FACET_FIELDS = (
    Field("kind", _either(NAME_KINDS)),
    Field("value", "the chosen spelling"),
    Field("items", "how many events or statements have it"),
    Field("spellings", "the other spellings in use"),
)
FINDING_FIELDS = (
    Field("kind", "misquote, not-quoted, unreadable, missing or unverified"),
    Field("severity", "error, warning or note"),
    Field("claim", "the statement's id"),
    Field("source", "the source's id"),
    Field("location", "where in the source's text"),
    Field("message", "what is wrong, in words"),
    Field("expected", "the words recorded"),
    Field("found", "the words in the text"),
    Field("diff", "the difference, word by word: [-recorded-]{+in the text+}"),
)


def _hit_fields() -> tuple[Field, ...]:
    """A hit's own fields, then those of the event, statement or person it is (a field
    the item lacks is empty; one that means different things for each says so); the
    item's own ``kind`` is ``item_kind``."""
    own = (
        Field("kind", "event, claim or person"),
        Field("id", "the item's id"),
        Field("score", "how well it matches (higher is better)"),
        Field("snippet", "the matching words in their context"),
    )
    meanings: dict[str, dict[str, str]] = {}  # name -> item kind -> meaning
    nested: set[str] = set()
    for item, fields in (
        ("event", EVENT_FIELDS),
        ("claim", CLAIM_FIELDS),
        ("person", PERSON_FIELDS),
    ):
        for field in fields:
            if field.name not in ("id", "kind"):
                meanings.setdefault(field.name, {})[item] = field.meaning
                if field.nested:
                    nested.add(field.name)
    borrowed = []
    for name, by_item in meanings.items():
        if len(by_item) > 1 and len(set(by_item.values())) == 1:  # the same for every item
            meaning = next(iter(by_item.values()))
        else:
            meaning = "; ".join(f"{item}: {text}" for item, text in by_item.items())
        borrowed.append(Field(name, meaning, name in nested))
    item_kind = Field("item_kind", "a claim's kind (quote, ...) or a person's (person, ...)")
    return (*own, *borrowed, item_kind)


FIELDS: dict[str, tuple[Field, ...]] = {
    "events": EVENT_FIELDS,
    "claims": CLAIM_FIELDS,
    "people": PERSON_FIELDS,
    "periods": PERIOD_FIELDS,
    "hits": _hit_fields(),
    "sources": SOURCE_FIELDS,
    "conflicts": CONFLICT_FIELDS,
    "facets": FACET_FIELDS,
    "findings": FINDING_FIELDS,
}


_NOUNS = {"claims": "statements", "hits": "search hits", "periods": "the --by counts"}


def describe_fields(kind: str) -> list[str]:
    """One line per field: its name, what it means, and whether it is json/jsonl only."""
    fields = FIELDS[kind]
    width = max(len(field.name) for field in fields)
    return [
        f"{field.name:<{width}}  {field.meaning}" + ("  (json, jsonl only)" if field.nested else "")
        for field in fields
    ]


def check_fields(names: Sequence[str], kind: str, fmt: Format) -> tuple[str, ...]:
    """The names, checked against the listing's fields and the format: a usage error names
    the bad value and lists what is allowed."""
    if fmt.name not in SELECTABLE:
        raise UsageError(
            f"--fields does not apply to --format {fmt.name}, which has its own layout",
            hint=f"use it with {', '.join(SELECTABLE)}",
        )
    if not names:
        raise UsageError("--fields is empty", hint="name fields, such as --fields id,date")
    fields = {field.name: field for field in FIELDS[kind]}
    for name in names:
        field = fields.get(name)
        if field is None:
            close = closest(name.casefold(), fields)  # names are lower case: ID -> id
            mean = f"; did you mean {close[0]}?" if close else ""
            raise UsageError(
                f"--fields: {inert(name)!r} is not a field of {_NOUNS.get(kind, kind)}{mean}",
                hint=f"the fields are {', '.join(fields)} ('--fields help' says what they mean)",
            )
        if field.nested and fmt.name not in NESTED_FORMATS:
            raise UsageError(
                f"--fields: {name} holds records of its own, which --format {fmt.name} cannot show",
                hint="use --format json or jsonl for it",
            )
    if len(set(names)) != len(names):
        twice = next(name for name in names if names.count(name) > 1)
        raise UsageError(f"--fields names {twice} twice", hint="name each field once")
    return tuple(names)


def keep_fields(listing: Listing, names: Iterable[str]) -> Listing:
    """The listing with only these fields, in this order, for every format that takes
    --fields (the flat ones follow ``columns``, json the records' keys)."""
    kept = tuple(names)
    # A field a record lacks is None; each record is cut down when used, one at a time.
    records = LazyRecords(listing.records, lambda record: {name: record.get(name) for name in kept})
    return listing._replace(records=records, columns=kept)
