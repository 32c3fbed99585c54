"""The draft's frozen records, and their TOML for review.

:func:`extract_article` returns a :class:`Draft`; :meth:`Draft.to_toml` renders it with a
comment for the words each date was read from and a ``# review:`` note wherever the rules
were unsure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from synews_cli import __version__
from synews_cli.curate.extract.calendar import DateValue
from synews_cli.text import BIDI_RE, one_line


@dataclass(frozen=True, slots=True)
class DraftSource:
    id: str
    outlet: str
    published: str
    kind: str = "article"
    title: str | None = None
    author: str | None = None
    url: str | None = None
    text_file: str | None = None
    review: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftPerson:
    id: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "person"
    identity: str = "named"
    identity_note: str | None = None
    note: str | None = None
    review: tuple[str, ...] = ()
    existing: bool = False  # already in the dataset the draft extends: not written


@dataclass(frozen=True, slots=True)
class DraftEvent:
    id: str
    date: DateValue
    title: str
    summary: str
    source: str
    review: tuple[str, ...] = ()
    also: tuple[DateValue, ...] = ()
    places: tuple[str, ...] = ()  # values the dataset already uses, in its spelling
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftClaim:
    id: str
    speaker: str
    kind: str
    text: str
    date: DateValue
    source: str
    context: str | None = None
    about: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftReport:
    """A drafted item the dataset already records, told again by the draft's source: a
    ``[[reports]]`` table, which ``synews add`` makes a report of that item."""

    of: str
    source: str
    date: str | None = None  # this source's date, only when it differs from the item's
    text: str | None = None  # this source's wording, only when it differs
    review: tuple[str, ...] = ()
    wording: str | None = None  # the sentence, shown in a comment for the reviewer


@dataclass(frozen=True)
class Draft:
    """Everything ``extract`` found; :meth:`to_toml` renders it for review."""

    article: str
    source_id: str
    source: DraftSource | None  # None: the source is already in the dataset
    people: tuple[DraftPerson, ...]
    events: tuple[DraftEvent, ...]
    claims: tuple[DraftClaim, ...]
    skipped: tuple[str, ...] = ()
    reports: tuple[DraftReport, ...] = ()
    recorded: tuple[str, ...] = ()  # ids of items recorded from this source already: left out

    @property
    def new_people(self) -> tuple[DraftPerson, ...]:
        return tuple(p for p in self.people if not p.existing)

    def describe(self) -> str:
        """``27 statements, 1 new person, 11 candidate events``."""
        claims, people, events = len(self.claims), len(self.new_people), len(self.events)
        described = (
            f"{claims} statement{'s' if claims != 1 else ''}, "
            f"{people} new {'person' if people == 1 else 'people'}, "
            f"{events} candidate event{'s' if events != 1 else ''}"
        )
        if self.reports:
            reports = len(self.reports)
            described += f", {reports} report{'s' if reports != 1 else ''} of recorded items"
        if self.recorded:
            described += f" ({len(self.recorded)} already recorded from this source, left out)"
        return described

    def to_toml(self) -> str:
        return render_toml(self)


_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_TOML_ESCAPES["\r"] = "\\r"


def toml_string(value: str) -> str:
    """A TOML basic string: escapes for backslash, quote, every control character (C0, DEL
    and C1) and the bidirectional overrides and isolates, so that the draft is inert on a
    terminal and the file says what it shows; lone surrogates (which no file can hold)
    become U+FFFD."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif code < 0x20 or 0x7F <= code <= 0x9F or BIDI_RE.match(ch):
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def comment(text: str) -> str:
    """Text safe inside a TOML comment and on a terminal: one line, no control character
    (C0, DEL, C1), bidirectional override or lone surrogate."""
    cleaned = re.sub("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]", " ", one_line(text))
    return re.sub(r"\s+", " ", cleaned).strip()


def _date_line(value: DateValue) -> str:
    """``date = "2025-03"  # "in March"``: the words a date was read from, kept."""
    if not value.expression:
        return f"date = {toml_string(value.edtf)}  # publication date: the text does not say when"
    return f"date = {toml_string(value.edtf)}  # \u201c{comment(value.expression)}\u201d"


def _fields(pairs: Sequence[tuple[str, str | Sequence[str] | None]]) -> list[str]:
    lines = []
    for key, value in pairs:
        if not value:
            continue
        rendered = toml_string(value) if isinstance(value, str) else toml_list(value)
        lines.append(f"{key} = {rendered}")
    return lines


def _table(name: str, reviews: Sequence[str], body: list[str]) -> list[str]:
    return [f"[[{name}]]", *(f"# review: {comment(r)}" for r in reviews), *body, ""]


def render_toml(draft: Draft) -> str:
    """The draft as TOML for review: comments say what to check."""
    lines = [
        f"# Draft from {comment(draft.article)} by `synews extract` (synews {__version__}).",
        "# Review every item before merging: speakers, dates and each '# review:' note.",
        "# Then run `synews check` and `synews verify` on the merged dataset.",
        f"# {draft.describe()}.",
        "",
    ]
    if draft.source is None:
        lines += [f"# Source {comment(draft.source_id)}: already in the dataset.", ""]
    else:
        s = draft.source
        body = _fields([("id", s.id), ("outlet", s.outlet), ("title", s.title)])
        body += _fields([("published", s.published), ("kind", s.kind), ("author", s.author)])
        body += _fields([("url", s.url)])
        if s.text_file:
            body.append(f"text_file = {toml_string(s.text_file)}  # relative to this file")
        lines += _table("sources", s.review, body)
    existing = [p.id for p in draft.people if p.existing]
    if existing:
        lines += [f"# Speakers already in the dataset: {comment(', '.join(existing))}", ""]
    if draft.new_people:
        lines += ["# --- People " + "-" * 78, ""]
    for p in draft.new_people:
        body = _fields(
            [
                ("id", p.id),
                ("name", p.name),
                ("role", p.role),
                ("affiliation", p.affiliation),
                ("aliases", p.aliases),
                ("kind", None if p.kind == "person" else p.kind),
                ("identity", None if p.identity == "named" else p.identity),
                ("identity_note", p.identity_note),
                ("note", p.note),
            ]
        )
        lines += _table("people", p.review, body)
    if draft.events:
        lines += ["# --- Candidate events " + "-" * 68, ""]
    for e in draft.events:
        body = [*_fields([("id", e.id)]), _date_line(e.date)]
        body += [f"# also in this sentence: {_date_line(other)[7:]}" for other in e.also]
        body += _fields([("title", e.title), ("summary", e.summary), ("source", e.source)])
        body += _fields([("places", e.places), ("actors", e.actors), ("tags", e.tags)])
        lines += _table("events", e.review, body)
    if draft.claims:
        lines += ["# --- Statements " + "-" * 74, ""]
    for c in draft.claims:
        body = _fields(
            [
                ("id", c.id),
                ("speaker", c.speaker),
                ("kind", c.kind),
                ("text", c.text),
                ("context", c.context),
            ]
        )
        body.append(_date_line(c.date))
        body += _fields([("source", c.source), ("topics", c.topics), ("about", c.about)])
        lines += _table("claims", c.review, body)
    if draft.reports:
        lines += ["# --- Reports of items already in the dataset " + "-" * 45, ""]
        lines += [
            "# Each [[reports]] is an item the dataset records, told again by this source:",
            "# `synews add` makes it a report of that item ([[events.reports]] or",
            "# [[claims.reports]]); `synews check` reads the draft only without them.",
            "",
        ]
    for r in draft.reports:
        body = _fields([("of", r.of), ("source", r.source), ("date", r.date), ("text", r.text)])
        if r.wording:
            body.append(f"# this source: \u201c{comment(r.wording)}\u201d")
        lines += [*(f"# review: {comment(why)}" for why in r.review), *_table("reports", (), body)]
    if draft.recorded:
        lines.append(f"# Already recorded from {comment(draft.source_id)} (not drafted again):")
        lines.append(f"#   {comment(', '.join(draft.recorded))}")
        lines.append("")
    if draft.skipped:
        lines.append("# Quoted passages not drafted (nobody speaks them: scare quotes?):")
        lines += [f"#   \u201c{comment(passage)}\u201d" for passage in draft.skipped]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
