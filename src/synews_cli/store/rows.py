"""One TOML file -> the rows the store keeps of it: read once, parsed, turned into tuples.

This runs in a worker process when many files changed, so everything here is a plain tuple
that pickles cheaply, and nothing here touches the database.
"""

import json
import time
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from synews_cli.dataset import parse
from synews_cli.dates import EdtfDate, parse_edtf
from synews_cli.model import Claim, Event, Name, Person, Report, Source
from synews_cli.store.changes import Stat, digest, read_stable
from synews_cli.store.records import OPEN_END, OPEN_START
from synews_cli.text import one_line, words

# Where the day numbers (first_day, last_day) are in an event's row and a statement's.
EVENT_DAYS = slice(20, 22)
CLAIM_DAYS = slice(23, 25)


class FileRows(NamedTuple):
    """Everything the store writes for one file. Item rows are the table's columns up to
    ``file_id``; the store adds that and ``seq``, the entry's place in the file."""

    path: str
    stat: Stat | None  # None: the file changed while it was read, or could not be read
    digest: str | None
    checked_ns: int
    readable: bool
    meta: tuple[str, str, int] | None  # title, description, schema version
    problems: list[tuple[Any, ...]]  # (seq, line, item, field, message, warning)
    sources: list[tuple[Any, ...]]
    people: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    claims: list[tuple[Any, ...]]
    names: list[tuple[Any, ...]]
    about: list[tuple[str, int, str]]  # (claim id, position, event id)
    evidence: list[tuple[str, int, str]]
    invalid_ids: list[tuple[str, str]]  # (table, id)
    loose_refs: list[tuple[Any, ...]]  # (seq, line, item, field, target, kind)
    event_docs: list[tuple[str, ...]]  # the full-text columns of each event, in order
    person_docs: list[tuple[str, ...]]
    claim_docs: list[tuple[str, ...]]  # a statement's: title, body, labels (who: see sync.py)
    speaker_texts: list[str]  # what statements hold of each person (speaker_text)


def file_rows(path: str) -> FileRows:
    """Read, parse and validate one file (``path`` absolute); its rows for the store."""
    checked_ns = time.time_ns()
    try:
        data, stat = read_stable(path)
    except OSError as error:
        return _rows(path, None, None, checked_ns, parse.unreadable(path, error))
    return _rows(path, stat, digest(data), checked_ns, parse.parse(path, data))


def _rows(
    path: str, stat: Stat | None, hashed: str | None, checked_ns: int, result: parse.FileResult
) -> FileRows:
    keys: dict[str, str] = {}
    problems = [
        (seq, p.line, p.item, p.field, p.message, int(p.warning))
        for seq, p in enumerate([*result.problems, *result.warnings])
    ]
    meta = result.meta
    about: list[tuple[str, int, str]] = []
    evidence: list[tuple[str, int, str]] = []
    for claim in result.claims:
        about += [(claim.id, position, target) for position, target in enumerate(claim.about)]
        evidence += [(claim.id, position, e) for position, e in enumerate(claim.evidence)]
    return FileRows(
        path=path,
        stat=stat,
        digest=hashed,
        checked_ns=checked_ns,
        readable=result.readable,
        meta=None if meta is None else (meta.title, meta.description, meta.schema_version),
        problems=problems,
        sources=[source_row(path, s) for s in result.sources],
        people=[person_row(path, p) for p in result.people],
        events=[event_row(path, e, keys) for e in result.events],
        claims=[claim_row(path, c, keys) for c in result.claims],
        names=[name_row(path, n) for n in result.names],
        about=about,
        evidence=evidence,
        invalid_ids=result.invalid_ids,
        loose_refs=[(seq, *ref) for seq, ref in enumerate(result.orphan_refs)],
        event_docs=[event_document(e) for e in result.events],
        person_docs=[person_document(p) for p in result.people],
        claim_docs=[claim_document(c) for c in result.claims],
        speaker_texts=[speaker_text(p) for p in result.people],
    )


# --- Columns ---------------------------------------------------------------------------------


@lru_cache(maxsize=65536)  # an archive repeats its dates: each text is worked out once
def _date_columns(text: str) -> tuple[Any, ...]:
    when = parse_edtf(text)
    return (
        text,
        when.display(),
        None if when.start is None else when.start.isoformat(),
        None if when.end is None else when.end.isoformat(),
        int(when.approximate),
        int(when.uncertain),
        OPEN_START if when.start is None else when.start.toordinal(),
        OPEN_END if when.end is None else when.end.toordinal(),
    )


def date_columns(when: EdtfDate) -> tuple[Any, ...]:
    """date, date_display, start, end, approximate, uncertain."""
    return _date_columns(when.text)[:6]


def day_numbers(when: EdtfDate) -> tuple[int, int]:
    """first_day and last_day: what an index orders and compares."""
    first, last = _date_columns(when.text)[6:]
    return first, last


def _json(values: tuple[str, ...]) -> str:
    """A list of strings as ``json.dumps(values, ensure_ascii=False)`` writes it, string by
    string (one encoder call per list costs three times as much, on every list of every
    item of an archive)."""
    return "[" + ", ".join(map(encode_basestring, values)) + "]"


def reports_json(reports: tuple[Report, ...]) -> str:
    """The reports as a JSON array of objects (source, date, text, url, note; null when
    not given)."""
    if not reports:
        return "[]"
    return json.dumps(
        [{**r._asdict(), "date": None if r.date is None else r.date.text} for r in reports],
        ensure_ascii=False,
    )


def match_key(values: Iterable[str], memo: dict[str, str]) -> str:
    """Each value's folded words run together, separated by U+001F: a run of a value's words
    (what ``text.value_matches`` looks for) is always a substring of it, so a filter can
    narrow with ``instr`` before the exact match decides."""
    parts = []
    for value in values:
        joined = memo.get(value)
        if joined is None:
            joined = memo[value] = "".join(words(value))
        parts.append(joined)
    return "\x1f".join(parts)


def _line(item: Source | Person | Event | Claim | Name) -> int | None:
    return None if item.location is None else item.location.line


def source_row(path: str, s: Source) -> tuple[Any, ...]:
    published = date_columns(s.published)
    return (
        s.id,
        s.outlet,
        s.title,
        s.published.text,
        published[2],
        published[3],
        s.kind,
        s.url,
        s.author,
        s.text_file,
        s.copy_of,
        path,
        _line(s),
    )


def person_row(path: str, p: Person) -> tuple[Any, ...]:
    return (
        p.id,
        p.name,
        p.role,
        p.affiliation,
        p.kind,
        p.identity,
        p.identity_note,
        p.note,
        path,
        _line(p),
        _json(p.aliases),
    )


def event_row(path: str, e: Event, keys: dict[str, str]) -> tuple[Any, ...]:
    return (
        e.id,
        *date_columns(e.date),
        e.title,
        e.summary,
        e.source,
        e.note,
        path,
        _line(e),
        _json(e.places),
        _json(e.actors),
        _json(e.tags),
        _json(e.sources),
        reports_json(e.reports),
        e.status,
        _json(e.contradicts),
        *day_numbers(e.date),
        match_key(e.places, keys),
        match_key(e.actors, keys),
        match_key(e.tags, keys),
    )


def claim_row(path: str, c: Claim, keys: dict[str, str]) -> tuple[Any, ...]:
    date = date_columns(c.date)
    return (
        c.id,
        c.speaker,
        c.kind,
        c.text,
        c.context,
        *date,
        c.source,
        c.status,
        c.evidence_note,
        c.note,
        path,
        _line(c),
        _json(c.topics),
        _json(c.about),
        _json(c.evidence),
        _json(c.sources),
        reports_json(c.reports),
        _json(c.contradicts),
        *day_numbers(c.date),
        match_key(c.topics, keys),
    )


def name_row(path: str, n: Name) -> tuple[Any, ...]:
    return (n.name, n.kind, _json(n.aliases), path, _line(n))


# --- Full-text documents ---------------------------------------------------------------------


def indexed_text(value: str | None) -> str:
    """Text as the full-text index holds it: one line, inert (so a snippet's markers are
    never in it), accents composed (so what a snippet marks is what the reader sees)."""
    if not value:
        return ""
    if not value.isprintable():  # tabs, line breaks, controls, bidirectional overrides
        value = one_line(value)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value


def indexed_list(values: Iterable[str]) -> str:
    return indexed_text(", ".join(values))


def event_document(e: Event) -> tuple[str, ...]:
    """title, body, labels, who, note."""
    labels = indexed_list((*e.places, *e.actors, *e.tags))
    return (indexed_text(e.title), indexed_text(e.summary), labels, "", indexed_text(e.note))


def person_document(p: Person) -> tuple[str, ...]:
    role = indexed_text(p.role_line())
    return (indexed_text(p.name), role, indexed_list(p.aliases), "", "")


def claim_document(c: Claim) -> tuple[str, ...]:
    """title, body and labels: the rest of a statement's document (who said it) is its
    speaker's :func:`speaker_text`, which another file may define, so it is added once every
    file of a change is stored."""
    return (indexed_text(c.text), indexed_text(c.context), indexed_list(c.topics))


def speaker_text(p: Person) -> str:
    """What a statement's ``who`` column holds of its speaker: name, aliases and role."""
    return indexed_list(part for part in (p.name, *p.aliases, p.role_line()) if part)
