"""The merged files, made in memory, checked by the store's own rules, then written.

New items are appended to the target file; a report goes right after its item's tables in
the file that defines the item. Everything else in every file is kept byte for byte: the
new lines are inserted into the text, never re-serialised from a parsed document. The
merged files are checked by opening a store of them (the same rules as ``synews check``),
written to a temporary folder; each problem is told where the user can fix it (a line the
draft added: the draft's line).
"""

import bisect
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import tomlkit

from synews_cli import files, model
from synews_cli.curate.add.draft import ITEM_TABLES
from synews_cli.curate.add.plan import NewReport, Plan
from synews_cli.dataset import parse
from synews_cli.dataset.headers import headers
from synews_cli.errors import DataError, Problem, UsageError
from synews_cli.model import Location
from synews_cli.store import variant
from synews_cli.store.reader import Store
from synews_cli.text import BIDI_RE

_INLINE_REPORTS_RE = re.compile(r"^[ \t]*[\"']?reports[\"']?[ \t]*=")


class Block(NamedTuple):
    """Lines a merge inserted: where they start in the merged text (1-based), how many,
    and the draft line they come from."""

    start: int
    size: int
    draft_line: int | None


class Change(NamedTuple):
    """One file the merge writes: its merged text, the blocks of lines it inserted, and
    the text it was made from (None for a new file)."""

    path: str
    new: bool
    text: str
    blocks: tuple[Block, ...]
    before: str | None


def render(header: str, fields: dict[str, Any]) -> str:
    """One ``[[header]]`` table in TOML (its reports after it), through tomlkit. Controls
    are escaped by tomlkit; bidirectional controls too, here (as extract writes them), so
    the file reads the same in an editor as it does to synews."""
    plain = {key: value for key, value in fields.items() if key != "reports"}
    text = f"[[{header}]]\n{tomlkit.dumps(plain)}"
    for report in fields.get("reports", []):
        text += f"\n[[{header}.reports]]\n{tomlkit.dumps(report)}"
    # Every value tomlkit writes here is a basic string, where \uXXXX is an escape.
    return BIDI_RE.sub(lambda match: f"\\u{ord(match.group()):04X}", text)


def build(plan: Plan, target: str, texts: dict[str, str]) -> list[Change]:
    """The files the plan changes, with their merged texts. ``texts`` holds the text of
    every file the plan writes to that exists (the target, when it does, and the files of
    the items given reports)."""
    inserts: dict[str, list[tuple[int, str, int | None]]] = {}
    by_item: dict[tuple[str, int | None], list[NewReport]] = {}
    for report in plan.reports:
        by_item.setdefault((report.file, report.line), []).append(report)
    layouts: dict[str, _Layout] = {}
    for (file, line), reports in by_item.items():
        if file not in layouts:  # once per file: a draft may report every item of it
            layouts[file] = _Layout(texts[file])
        layout = layouts[file]
        at = layout.after_item(line, reports[0].table)
        if any(_INLINE_REPORTS_RE.match(text) for text in layout.lines[(line or 1) : at]):
            raise UsageError(
                f"{file}:{line}: {reports[0].item} writes its reports inline "
                "(reports = [...]): synews add cannot add one after them",
                hint=f"write them as [[{reports[0].table}.reports]] tables, or add the "
                "report by hand",
            )
        for report in reports:
            block = "\n" + render(f"{reports[0].table}.reports", report.raw)
            inserts.setdefault(file, []).append((at, block, report.draft_line))
    if plan.new:
        existing = texts.get(target)
        if existing is not None:
            _refuse_inline_tables(target, existing, {item.table for item in plan.new})
        at = len(_lines(existing)) if existing is not None else 0
        name = "".join(ch if ch.isprintable() else "?" for ch in os.path.basename(plan.draft.path))
        header = f"{'' if existing is None else chr(10)}# Added by synews add from {name}\n"
        inserts.setdefault(target, []).append((at, header, None))
        order = {table: number for number, table in enumerate(ITEM_TABLES)}
        for item in sorted(plan.new, key=lambda item: order[item.table]):
            inserts[target].append((at, "\n" + render(item.table, item.raw), item.line))
    return [
        _apply(file, texts.get(file), blocks, new=file not in texts)
        for file, blocks in inserts.items()
    ]


def _refuse_inline_tables(target: str, text: str, tables: set[str]) -> None:
    """New ``[[table]]`` tables cannot be appended to a file that writes that table as an
    inline array (``claims = [...]``, a key before the first header): say so, naming the
    file, rather than let TOML's error blame the draft."""
    found = headers(text)
    top = _lines(text)[: found[0].line - 1 if found else None]
    for table in sorted(tables):
        pattern = re.compile(rf"^[ \t]*[\"']?{table}[\"']?[ \t]*=")
        if any(pattern.match(line) for line in top):
            raise UsageError(
                f"{target} writes its {table} inline ({table} = [...]): synews add cannot "
                f"append [[{table}]] tables to it",
                hint=f"choose another file with --into, or rewrite its {table} as "
                f"[[{table}]] tables",
            )


class _Layout:
    """A file's lines and where its tables begin, worked out once."""

    def __init__(self, text: str) -> None:
        self.lines = _lines(text)
        self.headers = headers(text)  # quoted names too, never a line of a string
        self.header_lines = [header.line for header in self.headers]

    def after_item(self, line: int | None, table: str) -> int:
        """The index of the line before which a report of the item whose header is at
        ``line`` goes: after the item's last line (its reports included), before the
        blank lines and comments that lead to the next table."""
        lines = self.lines
        start = (line or 1) - 1
        end = len(lines)
        following = bisect.bisect_right(self.header_lines, start + 1)
        for header in self.headers[following:]:
            if header.name != (table, "reports"):
                end = header.line - 1
                break
        while end > start + 1 and (
            not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
        return end


def _lines(text: str) -> list[str]:
    """The lines of a text, each with its end: TOML ends lines at \n (or \r\n) only, so a
    U+2028 or a lone \r inside a string does not start a line here either."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _apply(
    path: str, original: str | None, inserts: list[tuple[int, str, int | None]], *, new: bool
) -> Change:
    """``original`` with each block inserted before its line (blocks at one line in order)."""
    lines = [] if original is None else _lines(original)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n" if lines[-1].endswith("\r") else newline  # its CR is kept
    out: list[str] = []
    blocks: list[Block] = []
    pending = sorted(enumerate(inserts), key=lambda pair: (pair[1][0], pair[0]))
    position = 0
    for _, (at, block, draft_line) in pending:
        out.extend(lines[position:at])
        position = at
        added = _lines(block)
        blocks.append(Block(len(out) + 1, len(added), draft_line))
        out.extend(part.replace("\n", newline) if newline != "\n" else part for part in added)
    out.extend(lines[position:])
    return Change(path, new, "".join(out), tuple(blocks), original)


# --- Checking the merged dataset -------------------------------------------------------------


def check(plan: Plan, store: Store, changes: Sequence[Change]) -> None:
    """Make a store of the merged files (a copy of ``store``, with the changed files read
    from a temporary folder): a DataError lists every problem of the result, each where the
    user can fix it."""
    with tempfile.TemporaryDirectory(prefix="synews-add-") as folder:
        temps: dict[str, Change] = {}
        for number, change in enumerate(changes):
            temp = Path(folder, str(number), os.path.basename(change.path))
            temp.parent.mkdir()
            temp.write_text(change.text, encoding="utf-8", newline="")
            temps[str(temp)] = change
        replaced = {change.path: temp for temp, change in temps.items() if not change.new}
        added = [temp for temp, change in temps.items() if change.new]
        merged = variant.with_files(store, replaced, added, Path(folder))
        try:
            problems = [] if merged.valid else merged.problems()
        finally:
            merged.close()
        origins = _Origins(plan, temps)
        problems = [origins.where(problem) for problem in problems]
        problems += _misplaced(plan, temps)
    if problems:
        count = len(problems)
        error = DataError(problems)
        error.message = (
            f"adding {plan.draft.path} would leave the dataset with {count} "
            f"problem{'s' if count != 1 else ''}; nothing was written"
        )
        error.hint = "fix the draft (or the dataset) at the lines above and run synews add again"
        raise error


class _Origins:
    """Where each line of the merged files comes from, by bisection over the inserted
    blocks (in the order of their lines): a problem per report of a large draft is told
    without going through every block for each."""

    def __init__(self, plan: Plan, temps: dict[str, Change]) -> None:
        self.draft = plan.draft.path
        self.temps = temps
        self.starts = {temp: [b.start for b in change.blocks] for temp, change in temps.items()}
        self.shifts: dict[str, list[int]] = {}
        for temp, change in temps.items():
            total, shifts = 0, []
            for block in change.blocks:
                total += block.size
                shifts.append(total)  # lines inserted up to and including this block
            self.shifts[temp] = shifts
        self.reports: dict[tuple[str, int | None], NewReport] = {}
        for report in plan.reports:
            self.reports.setdefault((report.file, report.line), report)

    def where(self, problem: Problem) -> Problem:
        """A problem of a merged file, told at the line of the file or of the draft it is
        on; one of the reports of an item given a report, at the draft's [[reports]]
        entry."""
        problem = self._at_origin(problem)
        report = self.reports.get((problem.file, problem.line))
        if report is not None and problem.field == "reports":
            where = f" ({report.item} is at {report.file}:{report.line})"
            return problem._replace(
                file=self.draft, line=report.draft_line, message=problem.message + where
            )
        return problem

    def _at_origin(self, problem: Problem) -> Problem:
        message = problem.message
        for temp in self.temps:

            def place(match: re.Match[str], temp: str = temp) -> str:
                return str(Location(*self.origin(temp, int(match[1]))))

            message = re.sub(rf"{re.escape(temp)}:(\d+)", place, message)
        found = self.temps.get(problem.file)
        if found is None:
            return problem._replace(message=message)
        if problem.line is None:
            return problem._replace(message=message, file=found.path)
        file, line = self.origin(problem.file, problem.line)
        return problem._replace(file=file, line=line, message=message)

    def origin(self, temp: str, line: int) -> tuple[str, int | None]:
        """Where line ``line`` of a merged file comes from: the draft, or the file as it
        was."""
        change = self.temps[temp]
        index = bisect.bisect_right(self.starts[temp], line) - 1
        if index >= 0:
            block = change.blocks[index]
            if line < block.start + block.size:
                return self.draft, block.draft_line
        return change.path, line - (self.shifts[temp][index] if index >= 0 else 0)


def _misplaced(plan: Plan, temps: dict[str, Change]) -> list[Problem]:
    """Each item given a report must read back as it was, plus that report: else the
    report's lines landed elsewhere (a file whose layout the text scan misread)."""
    wanted: dict[str, list[NewReport]] = {}
    for report in plan.reports:
        wanted.setdefault(report.item, []).append(report)
    if not wanted:
        return []
    found: dict[str, model.Event | model.Claim] = {}
    for temp, change in temps.items():
        result = parse.parse(temp, change.text.encode("utf-8"))
        found.update((event.id, event) for event in result.events)
        found.update((claim.id, claim) for claim in result.claims)
    problems = []
    for item, reports in wanted.items():
        before = reports[0]
        merged = found.get(item)
        old = before.recorded
        added = tuple(report.report for report in reports)
        expected = old._replace(
            reports=old.reports + added,
            sources=tuple(dict.fromkeys((*old.cited(), *(r.source for r in added)))),
            location=None,
        )
        if merged is None or merged._replace(location=None) != expected:
            problems.append(
                Problem(
                    before.file,
                    before.line,
                    item,
                    "reports",
                    "synews add cannot tell where this item's tables end in the file: "
                    "add the report by hand",
                )
            )
    return problems


def write(changes: Sequence[Change]) -> None:
    """Every changed file written at once (files.py: temporary files, then replaced), none
    if one of them was changed since it was read."""
    files.write_all(
        {Path(change.path): change.text for change in changes},
        unchanged={Path(change.path): change.before for change in changes},
    )
