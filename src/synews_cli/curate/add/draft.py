"""A reviewed draft, read and checked on its own: dataset tables plus ``[[reports]]``.

A draft is dataset TOML (docs/data-format.md), checked by the same parser as every data
file, plus one table only drafts have: ``[[reports]]``, each another source's account of an
event or statement the dataset (or the draft) already holds. Every problem is a
``DraftError``: a usage error (exit 2), since the draft is what the user typed.
"""

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from synews_cli import model
from synews_cli.curate.texts import read_text
from synews_cli.dataset import parse
from synews_cli.dataset.specs import ID_RE, REPORT_FIELDS
from synews_cli.errors import EXIT_USAGE, DataError, Problem, UsageError
from synews_cli.text import did_you_mean

# The tables of a draft's items, in the order a new file lists them.
ITEM_TABLES = ("sources", "people", "names", "events", "claims")
KIND_WORDS = {
    "sources": ("source", "sources"),
    "people": ("person", "people"),
    "names": ("name", "names"),
    "events": ("event", "events"),
    "claims": ("statement", "statements"),
}


class DraftError(DataError):
    """The draft cannot be added as it is: every problem, each with its file and line."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: list[Problem], message: str, hint: str) -> None:
        super().__init__(problems)
        self.message = message
        self.hint = hint


class DraftItem(NamedTuple):
    """One entry of the draft: its table, id (a name's spelling for ``[[names]]``), its
    fields as written and as a record, and its line."""

    table: str
    key: str
    raw: dict[str, Any]
    record: Any  # the model record of ``table``
    line: int | None


class DraftReport(NamedTuple):
    """One ``[[reports]]`` entry: the item it is of, and the report it becomes."""

    of: str
    raw: dict[str, Any]  # the report's fields as written, without ``of``
    report: model.Report
    line: int | None


class Draft(NamedTuple):
    path: str
    items: tuple[DraftItem, ...]
    reports: tuple[DraftReport, ...]


def read_draft(path: str) -> Draft:
    """The draft at ``path``, checked as a data file is, and its ``[[reports]]``."""
    # Checked on the file opened, never blocking (a FIFO swapped in after a check would
    # never end), and bounded in size, as every text a user names.
    text, why = read_text(Path(path))
    if text is None:
        raise UsageError(
            f"cannot read the draft {path}: {why}",
            hint="give the reviewed draft that synews extract wrote",
        )
    data = text.encode("utf-8")
    result = parse.parse(path, data, skip=("reports",))
    problems = list(result.problems)
    if not result.readable:
        raise _invalid(path, problems)
    text = data.decode("utf-8").removeprefix("\ufeff")
    document = tomllib.loads(text)
    lines = parse.header_lines(text)
    if "meta" in document:
        problems.append(
            Problem(path, None, None, "meta", "a draft adds items, not [meta]: remove it")
        )
    reports = _reports(path, document.get("reports", []), lines.get("reports", []), problems)
    if problems:
        raise _invalid(path, problems)
    records: dict[str, Sequence[Any]] = {
        "sources": result.sources,
        "people": result.people,
        "names": result.names,
        "events": result.events,
        "claims": result.claims,
    }
    items: list[DraftItem] = []
    for table in ITEM_TABLES:
        for raw, record in zip(document.get(table, []), records[table], strict=True):
            key = raw["name"] if table == "names" else raw["id"]
            items.append(DraftItem(table, key, raw, record, record.location.line))
    first: dict[str, DraftItem] = {}
    for item in items:
        if item.table != "names" and first.setdefault(item.key, item) is not item:
            twice = f"id used twice in the draft (first at line {first[item.key].line})"
            problems.append(Problem(path, item.line, item.key, "id", twice))
    if problems:
        raise _invalid(path, problems)
    return Draft(path, tuple(items), tuple(reports))


def _reports(path: str, value: Any, lines: list[int], problems: list[Problem]) -> list[DraftReport]:
    """The ``[[reports]]`` entries, each checked as a dataset's report is, plus ``of``."""
    if not isinstance(value, list):
        problems.append(Problem(path, None, None, "reports", "write [[reports]] tables"))
        return []
    found = []
    for index, entry in enumerate(value):
        line = lines[index] if index < len(lines) else None
        label = f"reports[{index + 1}]"
        if not isinstance(entry, dict):
            problems.append(Problem(path, line, label, None, "must be a table"))
            continue
        of = entry.get("of")
        fields: dict[str, Any] = {}
        ok = True
        if not isinstance(of, str) or not ID_RE.fullmatch(of):
            why = "missing" if of is None else f"{of!r} is not an id"
            problems.append(
                Problem(path, line, label, "of", f"{why}: name the event or statement it reports")
            )
            ok = False
        for key, raw in entry.items():
            if key == "of":
                continue
            spec = REPORT_FIELDS.get(key)
            if spec is None:
                hint = did_you_mean(key, [*REPORT_FIELDS, "of"])
                problems.append(Problem(path, line, label, key, f"unknown field{hint}"))
                ok = False
                continue
            try:
                fields[key] = spec.convert(raw)
            except ValueError as error:
                problems.append(Problem(path, line, label, key, str(error)))
                ok = False
        if "source" not in entry:
            problems.append(Problem(path, line, label, "source", "missing required field"))
            ok = False
        if ok:
            raw_fields = {key: raw for key, raw in entry.items() if key != "of"}
            found.append(DraftReport(str(of), raw_fields, model.Report(**fields), line))
    return found


def _invalid(path: str, problems: list[Problem]) -> DraftError:
    count = len(problems)
    return DraftError(
        problems,
        f"the draft {path} has {count} problem{'s' if count != 1 else ''}; nothing was added",
        "fix the draft (docs/data-format.md, 'Drafts and synews add') and run synews add again",
    )
