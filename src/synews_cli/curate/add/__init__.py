"""``synews add``: merge a reviewed draft into the dataset, in one checked step.

draft.py reads the draft; plan.py decides each item against the dataset; target.py says
which files may be written; merge.py makes the merged texts, checks them with the store's
rules and writes them all at once. Nothing is written unless all of it is right.
"""

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from synews_cli.curate.add import merge, target
from synews_cli.curate.add.draft import KIND_WORDS, DraftItem, read_draft
from synews_cli.curate.add.known import Known
from synews_cli.curate.add.plan import Plan, make_plan
from synews_cli.dataset.paths import expand_paths
from synews_cli.errors import DataIOError, UsageError
from synews_cli.text import one_line

if TYPE_CHECKING:
    from synews_cli.store.reader import Store

__all__ = ["Addition", "prepare"]


class Addition(NamedTuple):
    """What adding a draft does: the plan, the file new items go to, the merged files."""

    plan: Plan
    target: str
    target_new: bool
    changes: tuple[merge.Change, ...]

    def describe(self) -> list[str]:
        """The plan in words, one line each."""
        plan = self.plan
        into = f"{self.target}{' (a new file)' if self.target_new else ''}"
        lines = [f"adding {plan.draft.path}:"]
        for table, items in _by_table(plan.new).items():
            names = ", ".join(item.key for item in items)
            lines.append(f"  new {_count(table, len(items))} -> {into}: {names}")
        for report in plan.reports:
            kind = KIND_WORDS[report.table][0]
            lines.append(
                f"  report from {report.raw['source']} -> {kind} {report.item} "
                f"({report.file}:{report.line})"
            )
        for item in plan.new:
            text_file = item.raw.get("text_file") if item.table == "sources" else None
            if isinstance(text_file, str) and (
                os.path.isabs(text_file) or ".." in Path(text_file).parts
            ):
                lines.append(
                    f"  note: {item.key}'s text_file {text_file} is outside the data folder: "
                    "synews verify reads it only with --allow-outside; move the text beside "
                    f"{self.target} and fix text_file"
                )
        for old, new in plan.renamed.items():
            lines.append(f"  renamed {old} -> {new} (the dataset's {old} is another item)")
        if plan.already:
            there = [
                f"report of {entry.of} from {entry.report.source}"
                if not isinstance(entry, DraftItem)
                else f"{KIND_WORDS[entry.table][0]} {entry.key}"
                for entry in plan.already
            ]
            lines.append(f"  already in the dataset: {', '.join(there)}")
        # One line each, whatever a file name or a draft's text_file holds: a newline
        # would add a line of its own to the plan (a fake "nothing was written").
        return [one_line(line) for line in lines]

    def summary(self) -> str:
        """What was written, in one line."""
        parts = []
        added = _by_table(self.plan.new)
        if added:
            counts = ", ".join(_count(table, len(items)) for table, items in added.items())
            parts.append(f"{counts} to {self.target}")
        files: dict[str, int] = {}
        for report in self.plan.reports:
            files[report.file] = files.get(report.file, 0) + 1
        parts += [
            f"{count} report{'s' if count != 1 else ''} to {file}" for file, count in files.items()
        ]
        return one_line("added " + "; ".join(parts))


def prepare(draft_path: str, *, store: "Store", paths: Sequence[str], into: str | None) -> Addition:
    """Read the draft, plan the merge, make and check the merged files: everything but the
    writing. ``store`` is the dataset of ``paths``, which must be valid."""
    data_files = [str(path) for path in expand_paths(paths, [])]
    for name in data_files:
        if os.path.exists(draft_path) and os.path.samefile(name, draft_path):
            raise UsageError(
                f"the draft {draft_path} is one of the dataset's files ({name})",
                hint="keep drafts outside the --data folders, then run synews add DRAFT",
            )
    draft = read_draft(draft_path)
    dataset = Known(store)
    try:
        file, new = target.choose(
            into, paths=paths, data_files=data_files, draft=draft, dataset=dataset
        )
    except target.NoTarget:
        # A draft whose items the dataset has already (an article extracted again) needs
        # no file: only a draft with new items does.
        if make_plan(draft, dataset, "").new:
            raise
        file, new = "", False
    plan = make_plan(draft, dataset, file)
    for report in plan.reports:
        target.writable(report.file, paths)
    if plan.empty:
        return Addition(plan, file, new, ())
    written = {report.file for report in plan.reports}
    if plan.new and not new:
        written.add(file)
    texts = {name: _read(name) for name in written}
    changes = merge.build(plan, file, texts)
    merge.check(plan, store, changes)
    return Addition(plan, file, new, tuple(changes))


def write(addition: Addition) -> None:
    merge.write(addition.changes)


def _read(name: str) -> str:
    try:
        return Path(name).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataIOError(f"cannot read {name}: {error}") from None


def _leaves_folder(text_file: str) -> bool:
    return os.path.isabs(text_file) or ".." in Path(text_file).parts


def _by_table(items: Sequence[DraftItem]) -> dict[str, list[DraftItem]]:
    found: dict[str, list[DraftItem]] = {}
    for item in items:
        found.setdefault(item.table, []).append(item)
    return found


def _count(table: str, count: int) -> str:
    one, many = KIND_WORDS[table]
    return f"{count} {one if count == 1 else many}"
