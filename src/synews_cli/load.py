"""Files and directories -> a validated Dataset, with every problem collected, not only the first.

Each problem names its file, line (where known), item id and field. tomllib gives no
positions for values, so a light scan of the text finds the line of each ``[[table]]``
header and, only when a problem needs it, the line of a key inside it.
"""

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from synews_cli import model
from synews_cli.dates import DateFormatError, parse_edtf
from synews_cli.errors import DataError, Problem
from synews_cli.sanitize import BIDI_RE, CONTROL_RE

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

_TOML_LINE_RE = re.compile(r"at line (\d+)")
_SUSPECT_RE = re.compile(f"{CONTROL_RE.pattern}|{BIDI_RE.pattern}")
_HEADER_RE = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\][ \t]*(?:#.*)?$", re.M)
_TABLE_RE = re.compile(r"^[ \t]*\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\][ \t]*(?:#.*)?$", re.M)
# Any table header, to stop a key search at the next table; a line of a multi-line string
# that merely starts with "[" (an editorial "[sic]") is not one.
_ANY_HEADER_RE = re.compile(r"^[ \t]*\[\[?[ \t]*[A-Za-z0-9_.\"' -]+[ \t]*\]\]?[ \t]*(?:#.*)?$")


# --- Field specifications ----------------------------------------------------------------

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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string."""
    import difflib  # only when there is a problem to explain

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


# --- Positions ---------------------------------------------------------------------------


class _Positions:
    """Line numbers of the tables in one file's text, for messages."""

    __slots__ = ("_lines", "headers", "tables", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.headers: dict[str, list[int]] = {}  # table -> 1-based lines of its entries
        self.tables: dict[str, int] = {}
        self._lines: list[str] | None = None

    @classmethod
    def scan(cls, text: str) -> "_Positions":
        """One pass per pattern; lines are counted from the previous match on, so a file of
        many thousand entries is scanned in linear time."""
        positions = cls(text)
        line, offset = 1, 0
        for match in _HEADER_RE.finditer(text):
            line += text.count("\n", offset, match.start())
            offset = match.start()
            positions.headers.setdefault(match.group(1), []).append(line)
        line, offset = 1, 0
        for match in _TABLE_RE.finditer(text):
            line += text.count("\n", offset, match.start())
            offset = match.start()
            positions.tables.setdefault(match.group(1), line)
        return positions

    def item_line(self, table: str, index: int) -> int | None:
        lines = self.headers.get(table, [])
        return lines[index] if index < len(lines) else None

    def key_line(self, start_line: int | None, key: str) -> int | None:
        """The line of ``key = ...`` in the table that starts at ``start_line``."""
        if start_line is None:
            return None
        if self._lines is None:
            self._lines = self.text.splitlines()
        lines = self._lines
        pattern = re.compile(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=")
        for number in range(start_line, len(lines)):
            line = lines[number]
            if _ANY_HEADER_RE.match(line):
                break
            if pattern.match(line):
                return number + 1
        return start_line


# --- Per-file validation ------------------------------------------------------------------


class _FileResult:
    """What one file holds, as records, and what merging it with the others must know."""

    __slots__ = ("claims", "events", "invalid_ids", "meta", "orphan_refs", "people", "sources")

    def __init__(
        self,
        meta: model.Meta | None = None,
        sources: list[model.Source] | None = None,
        people: list[model.Person] | None = None,
        events: list[model.Event] | None = None,
        claims: list[model.Claim] | None = None,
        invalid_ids: dict[str, set[str]] | None = None,
        orphan_refs: list[tuple[int | None, str, str, str, str]] | None = None,
    ) -> None:
        self.meta = meta
        self.sources = [] if sources is None else sources
        self.people = [] if people is None else people
        self.events = [] if events is None else events
        self.claims = [] if claims is None else claims
        # Ids of entries that were found invalid (and already reported): citing them is
        # not also reported as a reference to an unknown id.
        self.invalid_ids = {} if invalid_ids is None else invalid_ids
        # References made by invalid entries, checked across files like any other, so one
        # run reports an unknown speaker even in a claim that also lacks its text:
        # (line, item, field, referenced id, what it should be).
        self.orphan_refs = [] if orphan_refs is None else orphan_refs


class _Validator:
    """Checks one file's parsed TOML against SPECS and builds model records."""

    def __init__(self, path: str, text: str, problems: list[Problem], warnings: list[Problem]):
        self.path = path
        self.positions = _Positions.scan(text)
        self.problems = problems
        self.warnings = warnings

    def problem(
        self,
        line: int | None,
        item: str | None,
        fld: str | None,
        message: str,
        *,
        warn: bool = False,
    ) -> None:
        target = self.warnings if warn else self.problems
        target.append(Problem(self.path, line, item, fld, message, warning=warn))

    def validate(self, document: dict[str, Any]) -> _FileResult:
        result = _FileResult()
        for table, value in document.items():
            if table == "meta":
                result.meta = self._meta(value)
            elif table in ARRAY_TABLES:
                self._array(table, value, result)
            else:
                line = self.positions.tables.get(table) or self.positions.item_line(table, 0)
                hint = did_you_mean(table, SPECS)
                self.problem(line, None, table, f"unknown table{hint}; known: {', '.join(SPECS)}")
        return result

    def _meta(self, value: Any) -> model.Meta | None:
        line = self.positions.tables.get("meta")
        if not isinstance(value, dict):
            self.problem(line, None, "meta", "must be a table: [meta]")
            return None
        fields = self._fields("meta", value, line, "meta")
        if fields is None:
            return None
        version = fields["schema_version"]
        if version != model.SCHEMA_VERSION:
            self.problem(
                self.positions.key_line(line, "schema_version"),
                "meta",
                "schema_version",
                f"schema version {version} is not supported; this synews reads version "
                f"{model.SCHEMA_VERSION}",
            )
            return None
        return model.Meta(fields["title"], fields.get("description") or "", version)

    def _array(self, table: str, value: Any, result: _FileResult) -> None:
        if not isinstance(value, list):
            line = self.positions.tables.get(table)
            self.problem(line, None, table, f"must be an array of tables: write [[{table}]]")
            return
        builders: dict[str, Callable[[dict[str, Any], model.Location], None]] = {
            "sources": lambda f, loc: result.sources.append(_source(f, loc)),
            "people": lambda f, loc: result.people.append(_person(f, loc)),
            "events": lambda f, loc: result.events.append(_event(f, loc)),
            "claims": lambda f, loc: result.claims.append(_claim(f, loc)),
        }
        for index, entry in enumerate(value):
            line = self.positions.item_line(table, index)
            if not isinstance(entry, dict):
                self.problem(line, None, table, f"entry {index + 1} must be a table")
                continue
            raw_id = entry.get("id")
            label = raw_id if isinstance(raw_id, str) and raw_id else f"{table}[{index + 1}]"
            fields = self._fields(table, entry, line, label)
            if fields is not None:
                builders[table](fields, model.Location(self.path, line))
            else:
                if isinstance(raw_id, str):
                    result.invalid_ids.setdefault(table, set()).add(raw_id)
                result.orphan_refs.extend(
                    (self.positions.key_line(line, key), item, key, ref, what)
                    for _, item, key, ref, what in _raw_refs(table, entry, line, label)
                )

    def _fields(
        self, table: str, entry: dict[str, Any], line: int | None, label: str
    ) -> dict[str, Any] | None:
        """Check every field of one entry; the converted fields, or None if any is wrong."""
        specs = SPECS[table]
        ok = True
        converted: dict[str, Any] = {}
        for key, value in entry.items():
            spec = specs.get(key)
            if spec is None:
                hint = did_you_mean(key, specs)
                self.problem(self.positions.key_line(line, key), label, key, f"unknown field{hint}")
                ok = False
                continue
            try:
                converted[key] = _convert(spec.kind, value)
            except ValueError as error:
                self.problem(self.positions.key_line(line, key), label, key, str(error))
                ok = False
                continue
            self._check_text(value, line, label, key)
        for key, spec in specs.items():
            if spec.required and key not in entry:
                self.problem(line, label, key, f"missing required field '{key}'")
                ok = False
        return converted if ok else None

    def _check_text(self, value: Any, line: int | None, label: str, key: str) -> None:
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if not isinstance(text, str) or not _SUSPECT_RE.search(text):
                continue  # one search for the common, clean case
            control = CONTROL_RE.search(text)
            if control:
                self.problem(
                    self.positions.key_line(line, key),
                    label,
                    key,
                    f"control character U+{ord(control.group()):04X} in text "
                    "(it is removed on output)",
                    warn=True,
                )
            bidi = BIDI_RE.search(text)
            if bidi:
                self.problem(
                    self.positions.key_line(line, key),
                    label,
                    key,
                    f"bidirectional control U+{ord(bidi.group()):04X} in text can make it "
                    "display differently from what it says (it is neutralised on output)",
                    warn=True,
                )


REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (("source", "source"),),
    "claims": (
        ("source", "source"),
        ("speaker", "person"),
        ("about", "event"),
        ("evidence", "event"),
    ),
}


def _raw_refs(
    table: str, entry: dict[str, Any], line: int | None, label: str
) -> list[tuple[int | None, str, str, str, str]]:
    """The well-formed references of an entry that failed validation."""
    found = []
    for key, what in REFERENCES.get(table, ()):
        value = entry.get(key)
        values = value if isinstance(value, list) else [value]
        for ref in values:
            if isinstance(ref, str) and ID_RE.fullmatch(ref):
                found.append((line, label, key, ref, what))
    return found


def _type_name(value: Any) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _convert(kind: Kind | tuple[str, ...], value: Any) -> Any:
    """Check one value's type and convert it; ValueError says what is wrong."""
    if isinstance(kind, tuple):
        if not isinstance(value, str) or value not in kind:
            shown = repr(value) if isinstance(value, str) else _type_name(value)
            hint = did_you_mean(value, kind) if isinstance(value, str) else ""
            raise ValueError(f"{shown} is not one of {', '.join(kind)}{hint}")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected an integer, found {_type_name(value)}")
        return value
    if kind in ("str", "id", "date"):
        if not isinstance(value, str):
            extra = ""
            if kind == "date" and not isinstance(value, (list, dict)):
                extra = ' (dates are quoted strings: date = "2024-12-08")'
            raise ValueError(f"expected a string, found {_type_name(value)}{extra}")
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
                f'expected a list of strings such as ["a", "b"], found {_type_name(value)}'
            )
        for element in value:
            if not isinstance(element, str):
                raise ValueError(f"expected a list of strings, found {_type_name(element)} in it")
            if kind == "idlist" and not ID_RE.fullmatch(element):
                raise ValueError(f"{element!r} is not a valid id")
        return tuple(value)
    raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover


def _source(f: dict[str, Any], loc: model.Location) -> model.Source:
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


def _person(f: dict[str, Any], loc: model.Location) -> model.Person:
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


def _event(f: dict[str, Any], loc: model.Location) -> model.Event:
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


def _claim(f: dict[str, Any], loc: model.Location) -> model.Claim:
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


# --- Files ---------------------------------------------------------------------------------


def expand_paths(paths: Sequence[str | os.PathLike[str]], problems: list[Problem]) -> list[Path]:
    """Files as given, directories as their ``*.toml`` files in name order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                problems.append(
                    Problem(str(path), None, None, None, "no *.toml files in this folder")
                )
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() != ".toml":
                problems.append(
                    Problem(
                        str(path),
                        None,
                        None,
                        None,
                        "not a TOML file: synews reads files ending in .toml",
                    )
                )
            else:
                files.append(path)
        else:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    None,
                    "no such file or folder",
                )
            )
    return files


def parse_file(path: Path, problems: list[Problem], warnings: list[Problem]) -> _FileResult | None:
    """Read, decode, parse and validate one file; None when it cannot be read at all."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(name, None, None, None, f"cannot read: {error.strerror or error}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                name,
                line,
                None,
                None,
                f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            )
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_LINE_RE.search(message)
        at_line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", message)
        problems.append(Problem(name, at_line, None, None, f"TOML syntax error: {message}"))
        return None
    except RecursionError:
        problems.append(Problem(name, None, None, None, "TOML syntax error: nested too deeply"))
        return None
    return _Validator(name, text, problems, warnings).validate(document)


class LoadReport(NamedTuple):
    """A dataset (None when there were problems) and everything found on the way."""

    dataset: model.Dataset | None
    problems: list[Problem]
    warnings: list[Problem]


ParseFile = Callable[[Path, list[Problem], list[Problem]], "_FileResult | None"]


def check_paths(
    paths: Sequence[str | os.PathLike[str]], *, parse: ParseFile | None = None
) -> LoadReport:
    """Load and validate; never raises for bad data.

    ``parse`` replaces :func:`parse_file` (the cache passes one that returns a file's stored
    result); everything else is this same code, so both give the same report."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    files = expand_paths(paths, problems)
    parse = parse or parse_file
    results = [(path, parse(path, problems, warnings)) for path in files]
    parsed = [(str(path), result) for path, result in results if result is not None]
    dataset = merge(parsed, problems)
    return LoadReport(None if problems else dataset, problems, warnings)


def load_dataset(paths: Sequence[str | os.PathLike[str]]) -> model.Dataset:
    """Load and validate; raise DataError listing every problem."""
    report = check_paths(paths)
    if report.dataset is None:
        raise DataError(report.problems, report.warnings)
    return report.dataset


# --- Merging and cross-references -----------------------------------------------------------


def merge(parsed: Sequence[tuple[str, _FileResult]], problems: list[Problem]) -> model.Dataset:
    """Merge files in order and check ids and references across all of them.

    cache.Index._validate mirrors these cross-file checks in SQL, to know without merging
    whether this would find a problem: a new check here needs its twin there."""
    meta: model.Meta | None = None
    sources: list[model.Source] = []
    people: list[model.Person] = []
    events: list[model.Event] = []
    claims: list[model.Claim] = []
    invalid: dict[str, set[str]] = {table: set() for table in ARRAY_TABLES}
    for _, result in parsed:
        meta = meta or result.meta
        sources += result.sources
        people += result.people
        events += result.events
        claims += result.claims
        for table, ids in result.invalid_ids.items():
            invalid[table] |= ids

    seen: dict[str, model.Location | None] = {}
    for kind_items in (sources, people, events, claims):
        for item in kind_items:
            first = seen.get(item.id)
            if item.id in seen:
                where = f" (first defined at {first})" if first else ""
                _add(problems, item.location, item.id, "id", f"duplicate id{where}")
            else:
                seen[item.id] = item.location

    source_ids = {s.id for s in sources}
    person_ids = {p.id for p in people}
    event_ids = {e.id for e in events}
    for event in events:
        _check_ref(problems, event, "source", [event.source], source_ids, "source", invalid)
    known = {"source": source_ids, "person": person_ids, "event": event_ids}
    tables = {"source": "sources", "person": "people", "event": "events"}
    for name, result in parsed:
        for line, label, key, ref, what in result.orphan_refs:
            if ref not in known[what] and ref not in invalid[tables[what]]:
                hint = did_you_mean(ref, known[what])
                problems.append(Problem(name, line, label, key, f"unknown {what} '{ref}'{hint}"))
    for claim in claims:
        _check_ref(problems, claim, "source", [claim.source], source_ids, "source", invalid)
        _check_ref(problems, claim, "speaker", [claim.speaker], person_ids, "person", invalid)
        _check_ref(problems, claim, "about", claim.about, event_ids, "event", invalid)
        _check_ref(problems, claim, "evidence", claim.evidence, event_ids, "event", invalid)

    return model.Dataset(
        meta=meta or model.Meta(title="Untitled dataset"),
        sources=tuple(sources),
        people=tuple(people),
        events=tuple(events),
        claims=tuple(claims),
        files=tuple(name for name, _ in parsed),
    )


def _add(
    problems: list[Problem], loc: model.Location | None, item: str, fld: str, msg: str
) -> None:
    problems.append(Problem(loc.file if loc else "?", loc.line if loc else None, item, fld, msg))


def _check_ref(
    problems: list[Problem],
    item: model.Event | model.Claim,
    fld: str,
    refs: Iterable[str],
    known: set[str],
    what: str,
    invalid: dict[str, set[str]],
) -> None:
    table = {"source": "sources", "person": "people", "event": "events"}[what]
    for ref in refs:
        if ref not in known and ref not in invalid[table]:
            hint = did_you_mean(ref, known)
            _add(problems, item.location, item.id, fld, f"unknown {what} '{ref}'{hint}")


def default_data_path() -> Path:
    """The bundled dataset: inside the installed package, or data/ in a source checkout."""
    packaged = Path(__file__).parent / "data" / "events.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "events.toml"


def active_paths(
    cli_paths: Sequence[str] | None, environ: dict[str, str] | None = None
) -> list[str]:
    """``--data`` wins over ``SYNEWS_DATA``, which wins over the bundled dataset."""
    if cli_paths:
        return list(cli_paths)
    env = (environ if environ is not None else os.environ).get("SYNEWS_DATA", "")
    from_env = [part for part in env.split(os.pathsep) if part]
    return from_env or [str(default_data_path())]
