"""The dataset's fields: what each table holds, each field's kind, and how a checked entry
becomes a model record. docs/data-format.md describes the same rules for people."""

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from synews_cli import model
from synews_cli.dates import DateFormatError, EdtfDate, parse_edtf
from synews_cli.text import did_you_mean

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

Convert = Callable[[Any], Any]  # a field's value as TOML gives it -> as the record holds it


class FieldSpec(NamedTuple):
    """A field: how its value is checked and converted (ValueError says what is wrong),
    and whether an entry must have it."""

    convert: Convert
    required: bool = False


def type_name(value: Any) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, found {type_name(value)}")
    if not value.strip():
        raise ValueError("is empty")
    return value


def identifier(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, found {type_name(value)}")
    if not ID_RE.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid id: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit"
        )
    return value


# An archive repeats its dates: each distinct one is parsed once (they never change).
_parsed_date = lru_cache(maxsize=65536)(parse_edtf)


def date(value: Any) -> EdtfDate:
    if not isinstance(value, str):
        extra = (
            ""
            if isinstance(value, (list, dict))
            else ' (dates are quoted strings: date = "2024-12-08")'
        )
        raise ValueError(f"expected a string, found {type_name(value)}{extra}")
    try:
        return _parsed_date(value)
    except DateFormatError as error:
        raise ValueError(str(error)) from None


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, found {type_name(value)}")
    return value


def texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f'expected a list of strings such as ["a", "b"], found {type_name(value)}')
    for element in value:
        if not isinstance(element, str):
            raise ValueError(f"expected a list of strings, found {type_name(element)} in it")
    return tuple(value)


def identifiers(value: Any) -> tuple[str, ...]:
    found = texts(value)
    for element in found:
        if not ID_RE.fullmatch(element):
            raise ValueError(f"{element!r} is not a valid id")
    return found


def some_identifiers(value: Any) -> tuple[str, ...]:
    """A list of ids that names at least one."""
    found = identifiers(value)
    if not found:
        raise ValueError('is empty: name at least one, such as ["a-source"]')
    return found


REPORT_FIELDS: dict[str, FieldSpec] = {}  # filled below, once its converters exist


def reports(value: Any) -> tuple[model.Report, ...]:
    """``[[events.reports]]`` / ``[[claims.reports]]``: each a table with a ``source`` and
    what that source says differently (date, text, url, note)."""
    if not isinstance(value, list):
        raise ValueError(f"expected an array of tables ([[...reports]]), found {type_name(value)}")
    found = []
    for number, entry in enumerate(value, start=1):
        if not isinstance(entry, dict):
            raise ValueError(f"report {number} must be a table, found {type_name(entry)}")
        fields: dict[str, Any] = {}
        for key, raw in entry.items():
            spec = REPORT_FIELDS.get(key)
            if spec is None:
                raise ValueError(
                    f"report {number}: unknown field {key!r}{did_you_mean(key, REPORT_FIELDS)}"
                )
            try:
                fields[key] = spec.convert(raw)
            except ValueError as error:
                raise ValueError(f"report {number}: {key}: {error}") from None
        if "source" not in fields:
            raise ValueError(f"report {number}: missing required field 'source'")
        found.append(model.Report(**fields))
    return tuple(found)


def one_of(choices: tuple[str, ...]) -> Convert:
    """A word from ``choices``."""

    def choose(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            shown = repr(value) if isinstance(value, str) else type_name(value)
            hint = did_you_mean(value, choices) if isinstance(value, str) else ""
            raise ValueError(f"{shown} is not one of {', '.join(choices)}{hint}")
        return value

    return choose


SPECS: dict[str, dict[str, FieldSpec]] = {
    "meta": {
        "title": FieldSpec(text, required=True),
        "description": FieldSpec(text),
        "schema_version": FieldSpec(integer, required=True),
    },
    "sources": {
        "id": FieldSpec(identifier, required=True),
        "outlet": FieldSpec(text, required=True),
        "title": FieldSpec(text),
        "published": FieldSpec(date, required=True),
        "kind": FieldSpec(one_of(model.SOURCE_KINDS), required=True),
        "url": FieldSpec(text),
        "author": FieldSpec(text),
        "text_file": FieldSpec(text),
        "copy_of": FieldSpec(identifier),
    },
    "people": {
        "id": FieldSpec(identifier, required=True),
        "name": FieldSpec(text, required=True),
        "role": FieldSpec(text),
        "affiliation": FieldSpec(text),
        "aliases": FieldSpec(texts),
        "kind": FieldSpec(one_of(model.PERSON_KINDS)),
        "identity": FieldSpec(one_of(model.IDENTITIES)),
        "identity_note": FieldSpec(text),
        "note": FieldSpec(text),
    },
    "events": {
        "id": FieldSpec(identifier, required=True),
        "date": FieldSpec(date, required=True),
        "title": FieldSpec(text, required=True),
        "summary": FieldSpec(text),
        "places": FieldSpec(texts),
        "actors": FieldSpec(texts),
        "tags": FieldSpec(texts),
        "source": FieldSpec(identifier),
        "sources": FieldSpec(some_identifiers),
        "reports": FieldSpec(reports),
        "status": FieldSpec(one_of(model.EVENT_STATUSES)),
        "contradicts": FieldSpec(identifiers),
        "note": FieldSpec(text),
    },
    "claims": {
        "id": FieldSpec(identifier, required=True),
        "speaker": FieldSpec(identifier, required=True),
        "kind": FieldSpec(one_of(model.CLAIM_KINDS), required=True),
        "text": FieldSpec(text, required=True),
        "context": FieldSpec(text),
        "date": FieldSpec(date, required=True),
        "source": FieldSpec(identifier),
        "sources": FieldSpec(some_identifiers),
        "reports": FieldSpec(reports),
        "topics": FieldSpec(texts),
        "about": FieldSpec(identifiers),
        "status": FieldSpec(one_of(model.CLAIM_STATUSES)),
        "evidence": FieldSpec(identifiers),
        "evidence_note": FieldSpec(text),
        "contradicts": FieldSpec(identifiers),
        "note": FieldSpec(text),
    },
    "names": {
        "name": FieldSpec(text, required=True),
        "kind": FieldSpec(one_of(model.NAME_KINDS), required=True),
        "aliases": FieldSpec(texts),
    },
}
ARRAY_TABLES = ("sources", "people", "events", "claims", "names")
REPORT_FIELDS.update(
    source=FieldSpec(identifier, required=True),
    date=FieldSpec(date),
    text=FieldSpec(text),
    url=FieldSpec(text),
    note=FieldSpec(text),
)


def cited(fields: dict[str, Any]) -> tuple[str, ...]:
    """Every source an event or a statement names: ``source``, then ``sources``, then the
    sources of its reports, each once."""
    named = [
        fields.get("source"),
        *fields.get("sources", ()),
        *(r.source for r in fields.get("reports", ())),
    ]
    return tuple(dict.fromkeys(name for name in named if name is not None))


def entry_problem(table: str, fields: dict[str, Any]) -> tuple[str, str] | None:
    """What is wrong with an entry whose fields are each right: (field, message)."""
    # Without making the list: a report always names its source (read once per item).
    names_a_source = fields.get("source") or fields.get("sources") or fields.get("reports")
    if table in ("events", "claims") and not names_a_source:
        return "source", "missing required field 'source' (or 'sources', or a report)"
    return None


REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "sources": (("copy_of", "source"),),
    "events": (("source", "source"), ("sources", "source"), ("contradicts", "item")),
    "claims": (
        ("source", "source"),
        ("sources", "source"),
        ("speaker", "person"),
        ("about", "event"),
        ("evidence", "event"),
        ("contradicts", "item"),
    ),
}


def source(f: dict[str, Any], loc: model.Location) -> model.Source:
    return model.Source(
        id=f["id"],
        outlet=f["outlet"],
        published=f["published"],
        kind=f["kind"],
        title=f.get("title"),
        url=f.get("url"),
        author=f.get("author"),
        text_file=f.get("text_file"),
        copy_of=f.get("copy_of"),
        location=loc,
    )


def person(f: dict[str, Any], loc: model.Location) -> model.Person:
    return model.Person(
        id=f["id"],
        name=f["name"],
        role=f.get("role"),
        affiliation=f.get("affiliation"),
        aliases=f.get("aliases", ()),
        kind=f.get("kind", "person"),
        identity=f.get("identity", "named"),
        identity_note=f.get("identity_note"),
        note=f.get("note"),
        location=loc,
    )


def event(f: dict[str, Any], loc: model.Location) -> model.Event:
    sources = cited(f)
    return model.Event(
        id=f["id"],
        date=f["date"],
        title=f["title"],
        source=sources[0],
        summary=f.get("summary", ""),
        places=f.get("places", ()),
        actors=f.get("actors", ()),
        tags=f.get("tags", ()),
        note=f.get("note"),
        sources=sources,
        reports=f.get("reports", ()),
        status=f.get("status"),
        contradicts=f.get("contradicts", ()),
        location=loc,
    )


def claim(f: dict[str, Any], loc: model.Location) -> model.Claim:
    sources = cited(f)
    return model.Claim(
        id=f["id"],
        speaker=f["speaker"],
        kind=f["kind"],
        text=f["text"],
        date=f["date"],
        source=sources[0],
        context=f.get("context"),
        topics=f.get("topics", ()),
        about=f.get("about", ()),
        status=f.get("status"),
        evidence=f.get("evidence", ()),
        evidence_note=f.get("evidence_note"),
        note=f.get("note"),
        sources=sources,
        reports=f.get("reports", ()),
        contradicts=f.get("contradicts", ()),
        location=loc,
    )


def name(f: dict[str, Any], loc: model.Location) -> model.Name:
    return model.Name(f["name"], f["kind"], f.get("aliases", ()), loc)
