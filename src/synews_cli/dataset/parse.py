"""One TOML file -> its records and every problem in it, each with file, line, item and field.

tomllib gives no positions for values, so a light scan of the text finds the line of each
``[[table]]`` header and, only when a problem needs it, the line of a key inside it.
"""

import bisect
import re
import tomllib
from collections.abc import Callable, Collection
from typing import Any

from synews_cli import model
from synews_cli.dataset import specs
from synews_cli.dataset.headers import headers
from synews_cli.dataset.specs import ARRAY_TABLES, ID_RE, REFERENCES, SPECS
from synews_cli.errors import Problem
from synews_cli.text import BIDI_RE, CONTROL_RE, did_you_mean

_TOML_LINE_RE = re.compile(r"at line (\d+)")
_SUSPECT_RE = re.compile(f"{CONTROL_RE.pattern}|{BIDI_RE.pattern}")
# The escapes by which a TOML string can hold what _SUSPECT_RE looks for, when the text
# itself holds none: a file with neither needs no check of each value.
_ESCAPE_RE = re.compile(r"\\[bfeuU]")

# --- Positions ---------------------------------------------------------------------------


class _Positions:
    """Line numbers of the tables in one file's text, for messages."""

    __slots__ = ("_lines", "headers", "starts", "tables", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.headers: dict[str, list[int]] = {}  # table -> 1-based lines of its entries
        self.tables: dict[str, int] = {}
        self.starts: list[int] = []  # the line of every header, sub-tables' too
        self._lines: list[str] | None = None

    @classmethod
    def scan(cls, text: str) -> "_Positions":
        """One pass over the headers (headers.py: never a line of a multi-line string)."""
        positions = cls(text)
        for header in headers(text):
            positions.starts.append(header.line)
            if len(header.name) != 1:
                continue
            if header.array:
                positions.headers.setdefault(header.name[0], []).append(header.line)
            else:
                positions.tables.setdefault(header.name[0], header.line)
        return positions

    def item_line(self, table: str, index: int) -> int | None:
        lines = self.headers.get(table, [])
        return lines[index] if index < len(lines) else None

    def key_line(self, start_line: int | None, key: str) -> int | None:
        """The line of ``key = ...`` in the table that starts at ``start_line``."""
        if start_line is None:
            return None
        if self._lines is None:
            self._lines = self.text.split("\n")  # TOML ends lines at \n only
        lines = self._lines
        following = bisect.bisect_right(self.starts, start_line)
        end = self.starts[following] - 1 if following < len(self.starts) else len(lines)
        pattern = re.compile(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=")
        for number in range(start_line, end):
            if pattern.match(lines[number]):
                return number + 1
        return start_line


def header_lines(text: str) -> dict[str, list[int]]:
    """The 1-based line of each ``[[table]]`` entry of a file's text, by table."""
    return _Positions.scan(text).headers


# --- Per-file validation ------------------------------------------------------------------


class FileResult:
    """What one file holds, as records, and what the rules across files must know of it."""

    __slots__ = (
        "claims",
        "events",
        "invalid_ids",
        "meta",
        "names",
        "orphan_refs",
        "people",
        "problems",
        "readable",
        "sources",
        "warnings",
    )

    def __init__(self) -> None:
        self.readable = True  # False: the file could not be read, decoded or parsed at all
        self.meta: model.Meta | None = None
        self.sources: list[model.Source] = []
        self.people: list[model.Person] = []
        self.events: list[model.Event] = []
        self.claims: list[model.Claim] = []
        self.names: list[model.Name] = []
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        # Ids of entries that were found invalid (and already reported): citing them is
        # not also reported as a reference to an unknown id.
        self.invalid_ids: list[tuple[str, str]] = []  # (table, id)
        # References made by invalid entries, checked across files like any other, so one
        # run reports an unknown speaker even in a claim that also lacks its text:
        # (line, item, field, referenced id, what it should be).
        self.orphan_refs: list[tuple[int | None, str, str, str, str]] = []


class _Validator:
    """Checks one file's parsed TOML against SPECS and builds model records."""

    def __init__(self, path: str, text: str, result: FileResult, skip: Collection[str] = ()):
        self.path = path
        self.skip = skip
        self.positions = _Positions.scan(text)
        self.result = result
        self.suspect = bool(_SUSPECT_RE.search(text) or _ESCAPE_RE.search(text))

    def problem(
        self,
        line: int | None,
        item: str | None,
        fld: str | None,
        message: str,
        *,
        warn: bool = False,
    ) -> None:
        target = self.result.warnings if warn else self.result.problems
        target.append(Problem(self.path, line, item, fld, message, warning=warn))

    def validate(self, document: dict[str, Any]) -> None:
        result = self.result
        for table, value in document.items():
            if table == "meta":
                result.meta = self._meta(value)
            elif table in ARRAY_TABLES:
                self._array(table, value, result)
            elif table in self.skip:
                continue
            else:
                line = self.positions.tables.get(table) or self.positions.item_line(table, 0)
                hint = did_you_mean(table, SPECS)
                self.problem(line, None, table, f"unknown table{hint}; known: {', '.join(SPECS)}")

    def _meta(self, value: Any) -> model.Meta | None:
        line = self.positions.tables.get("meta")
        if not isinstance(value, dict):
            self.problem(line, None, "meta", "must be a table: [meta]")
            return None
        fields = self._fields("meta", value, line, "meta")
        if fields is None:
            return None
        version = fields["schema_version"]
        if version not in model.SCHEMA_VERSIONS:
            readable = " and ".join(map(str, model.SCHEMA_VERSIONS))
            self.problem(
                self.positions.key_line(line, "schema_version"),
                "meta",
                "schema_version",
                f"schema version {version} is not supported; this synews reads versions {readable}",
            )
            return None
        return model.Meta(fields["title"], fields.get("description") or "", version)

    def _array(self, table: str, value: Any, result: FileResult) -> None:
        if not isinstance(value, list):
            line = self.positions.tables.get(table)
            self.problem(line, None, table, f"must be an array of tables: write [[{table}]]")
            return
        builders: dict[str, Callable[[dict[str, Any], model.Location], None]] = {
            "sources": lambda f, loc: result.sources.append(specs.source(f, loc)),
            "people": lambda f, loc: result.people.append(specs.person(f, loc)),
            "events": lambda f, loc: result.events.append(specs.event(f, loc)),
            "claims": lambda f, loc: result.claims.append(specs.claim(f, loc)),
            "names": lambda f, loc: result.names.append(specs.name(f, loc)),
        }
        for index, entry in enumerate(value):
            line = self.positions.item_line(table, index)
            if not isinstance(entry, dict):
                self.problem(line, None, table, f"entry {index + 1} must be a table")
                continue
            raw_id = entry.get("name" if table == "names" else "id")
            label = raw_id if isinstance(raw_id, str) and raw_id else f"{table}[{index + 1}]"
            fields = self._fields(table, entry, line, label)
            if fields is not None:
                builders[table](fields, model.Location(self.path, line))
            else:
                if isinstance(raw_id, str) and table != "names":
                    result.invalid_ids.append((table, raw_id))
                result.orphan_refs.extend(
                    (self.positions.key_line(line, key), item, key, ref, what)
                    for _, item, key, ref, what in raw_refs(table, entry, line, label)
                )

    def _fields(
        self, table: str, entry: dict[str, Any], line: int | None, label: str
    ) -> dict[str, Any] | None:
        """Check every field of one entry; the converted fields, or None if any is wrong."""
        fields = SPECS[table]
        ok = True
        converted: dict[str, Any] = {}
        for key, value in entry.items():
            spec = fields.get(key)
            if spec is None:
                hint = did_you_mean(key, fields)
                self.problem(self.positions.key_line(line, key), label, key, f"unknown field{hint}")
                ok = False
                continue
            try:
                converted[key] = spec.convert(value)
            except ValueError as error:
                self.problem(self.positions.key_line(line, key), label, key, str(error))
                ok = False
                continue
            if self.suspect:
                self._check_text(value, line, label, key)
        for key, spec in fields.items():
            if spec.required and key not in entry:
                self.problem(line, label, key, f"missing required field '{key}'")
                ok = False
        wrong = specs.entry_problem(table, converted) if ok else None
        if wrong is not None:
            self.problem(line, label, *wrong)
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


def raw_refs(
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


def parse(name: str, data: bytes, *, skip: Collection[str] = ()) -> FileResult:
    """Decode, parse and validate one file's bytes; every problem is in the result. Tables
    in ``skip`` are left to the caller (a draft's ``[[reports]]``, see curate/add)."""
    result = FileResult()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        message = f"not UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"
        result.problems.append(Problem(name, line, None, None, message))
        result.readable = False
        return result
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_LINE_RE.search(message)
        at_line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", message)
        result.problems.append(Problem(name, at_line, None, None, f"TOML syntax error: {message}"))
        result.readable = False
        return result
    except RecursionError:
        result.problems.append(
            Problem(name, None, None, None, "TOML syntax error: nested too deeply")
        )
        result.readable = False
        return result
    _Validator(name, text, result, skip).validate(document)
    return result


def unreadable(name: str, error: OSError) -> FileResult:
    """The result for a file that could not be read."""
    result = FileResult()
    result.readable = False
    reason = error.strerror or str(error)
    result.problems.append(Problem(name, None, None, None, f"cannot read: {reason}"))
    return result
