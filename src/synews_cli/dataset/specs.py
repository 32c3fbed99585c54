"""The dataset's fields: what each table holds, each field's kind, and how a checked entry
becomes a model record. docs/data-format.md describes the same rules for people."""

import re
from typing import Any, NamedTuple

from synews_cli import model
from synews_cli.dates import DateFormatError, parse_edtf
from synews_cli.text import did_you_mean

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

Kind = str  # "id", "str", "date", "strlist", "idlist", "int", or an enum tuple


class FieldSpec(NamedTuple):
    kind: Kind | tuple[str, ...]
    required: bool = False


SPECS: dict[str, dict[str, FieldSpec]] = {
    "meta": {
        "title": FieldSpec("str", required=True),
        "description": FieldSpec("str"),
        "schema_version": FieldSpec("int", required=True),
    },
    "sources": {
        "id": FieldSpec("id", required=True),
        "outlet": FieldSpec("str", required=True),
        "title": FieldSpec("str"),
        "published": FieldSpec("date", required=True),
        "kind": FieldSpec(model.SOURCE_KINDS, required=True),
        "url": FieldSpec("str"),
        "author": FieldSpec("str"),
        "text_file": FieldSpec("str"),
    },
    "people": {
        "id": FieldSpec("id", required=True),
        "name": FieldSpec("str", required=True),
        "role": FieldSpec("str"),
        "affiliation": FieldSpec("str"),
        "aliases": FieldSpec("strlist"),
        "kind": FieldSpec(model.PERSON_KINDS),
        "identity": FieldSpec(model.IDENTITIES),
        "identity_note": FieldSpec("str"),
        "note": FieldSpec("str"),
    },
    "events": {
        "id": FieldSpec("id", required=True),
        "date": FieldSpec("date", required=True),
        "title": FieldSpec("str", required=True),
        "summary": FieldSpec("str"),
        "places": FieldSpec("strlist"),
        "actors": FieldSpec("strlist"),
        "tags": FieldSpec("strlist"),
        "source": FieldSpec("id", required=True),
        "note": FieldSpec("str"),
    },
    "claims": {
        "id": FieldSpec("id", required=True),
        "speaker": FieldSpec("id", required=True),
        "kind": FieldSpec(model.CLAIM_KINDS, required=True),
        "text": FieldSpec("str", required=True),
        "context": FieldSpec("str"),
        "date": FieldSpec("date", required=True),
        "source": FieldSpec("id", required=True),
        "topics": FieldSpec("strlist"),
        "about": FieldSpec("idlist"),
        "status": FieldSpec(model.CLAIM_STATUSES),
        "evidence": FieldSpec("idlist"),
        "evidence_note": FieldSpec("str"),
        "note": FieldSpec("str"),
    },
}
ARRAY_TABLES = ("sources", "people", "events", "claims")

REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (("source", "source"),),
    "claims": (
        ("source", "source"),
        ("speaker", "person"),
        ("about", "event"),
        ("evidence", "event"),
    ),
}


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


def convert(kind: Kind | tuple[str, ...], value: Any) -> Any:
    """Check one value's type and convert it; ValueError says what is wrong."""
    if isinstance(kind, tuple):
        if not isinstance(value, str) or value not in kind:
            shown = repr(value) if isinstance(value, str) else type_name(value)
            hint = did_you_mean(value, kind) if isinstance(value, str) else ""
            raise ValueError(f"{shown} is not one of {', '.join(kind)}{hint}")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected an integer, found {type_name(value)}")
        return value
    if kind in ("str", "id", "date"):
        if not isinstance(value, str):
            extra = ""
            if kind == "date" and not isinstance(value, (list, dict)):
                extra = ' (dates are quoted strings: date = "2024-12-08")'
            raise ValueError(f"expected a string, found {type_name(value)}{extra}")
        if kind == "id" and not ID_RE.fullmatch(value):
            raise ValueError(
                f"{value!r} is not a valid id: use letters, digits, '-', '_' and '.', "
                "starting with a letter or digit"
            )
        if kind == "date":
            try:
                return parse_edtf(value)
            except DateFormatError as error:
                raise ValueError(str(error)) from None
        if kind == "str" and not value.strip():
            raise ValueError("is empty")
        return value
    if kind in ("strlist", "idlist"):
        if not isinstance(value, list):
            raise ValueError(
                f'expected a list of strings such as ["a", "b"], found {type_name(value)}'
            )
        for element in value:
            if not isinstance(element, str):
                raise ValueError(f"expected a list of strings, found {type_name(element)} in it")
            if kind == "idlist" and not ID_RE.fullmatch(element):
                raise ValueError(f"{element!r} is not a valid id")
        return tuple(value)
    raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover


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
    return model.Event(
        id=f["id"],
        date=f["date"],
        title=f["title"],
        source=f["source"],
        summary=f.get("summary", ""),
        places=f.get("places", ()),
        actors=f.get("actors", ()),
        tags=f.get("tags", ()),
        note=f.get("note"),
        location=loc,
    )


def claim(f: dict[str, Any], loc: model.Location) -> model.Claim:
    return model.Claim(
        id=f["id"],
        speaker=f["speaker"],
        kind=f["kind"],
        text=f["text"],
        date=f["date"],
        source=f["source"],
        context=f.get("context"),
        topics=f.get("topics", ()),
        about=f.get("about", ()),
        status=f.get("status"),
        evidence=f.get("evidence", ()),
        evidence_note=f.get("evidence_note"),
        note=f.get("note"),
        location=loc,
    )
