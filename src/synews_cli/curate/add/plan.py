"""What adding a draft would do: the merge plan, decided item by item against the dataset.

Each draft item is new, already there (equal content, as parsed values), renamed (an event
or statement whose id the dataset gives to a different item) or a conflict (a person or
source redefined, or the same event or statement told otherwise). Each ``[[reports]]`` entry
is a report to add under an item, already there, or a conflict. References are checked
against the dataset and the draft together. Nothing here reads or writes a file beyond the
records it is given.
"""

import os
from collections.abc import Sequence
from typing import Any, NamedTuple

from synews_cli import model
from synews_cli.curate.add.draft import KIND_WORDS, Draft, DraftError, DraftItem, DraftReport
from synews_cli.curate.add.known import Known, Recorded
from synews_cli.dataset.specs import REFERENCES
from synews_cli.errors import Problem
from synews_cli.text import did_you_mean, words

# The fields that say which item an event or a statement is: the same id with other values
# of these is another item (renamed); with these equal, the same item told otherwise.
IDENTITY = {"events": ("date", "title"), "claims": ("speaker", "text")}
# Fields whose values may be ids of events or statements, which a rename rewrites.
ITEM_REFS = ("about", "evidence", "contradicts")
KIND_OF_REF: dict[str, tuple[str, ...]] = {
    "source": ("sources",),
    "person": ("people",),
    "event": ("events",),
    "item": ("events", "claims"),
}


class NewReport(NamedTuple):
    """A report to write under an item of the dataset, right after the item's tables."""

    item: str
    table: str  # events or claims
    file: str
    line: int | None  # of the item's [[table]] header
    raw: dict[str, Any]
    report: model.Report
    draft_line: int | None
    recorded: Any  # the item's record as the dataset has it


class Plan(NamedTuple):
    draft: Draft
    new: tuple[DraftItem, ...]  # with renamed ids and references rewritten
    reports: tuple[NewReport, ...]
    renamed: dict[str, str]
    already: tuple[DraftItem | DraftReport, ...]

    @property
    def empty(self) -> bool:
        return not self.new and not self.reports


def rebase(text_file: str, draft_folder: str, folder: str) -> str:
    """A relative ``text_file`` of the draft, relative to ``folder`` instead: the same file."""
    if os.path.isabs(text_file) or os.path.abspath(draft_folder) == os.path.abspath(folder):
        return text_file
    return os.path.relpath(os.path.join(draft_folder, text_file), folder)


def make_plan(draft: Draft, dataset: Known, target: str) -> Plan:
    """Decide each item and report of ``draft``; a DraftError lists every conflict and
    unknown reference."""
    problems: list[Problem] = []
    draft_folder = os.path.dirname(draft.path)
    new: list[DraftItem] = []
    already: list[DraftItem | DraftReport] = []
    renamed: dict[str, str] = {}
    drafted = {item.key for item in draft.items if item.table != "names"}
    known_names = {_bare(name) for name in dataset.names}
    for item in draft.items:
        if item.table == "names":
            (already if _bare(item.record) in known_names else new).append(item)
            continue
        if item.table == "sources" and "text_file" in item.raw:
            item = _with_text_file(item, draft_folder, os.path.dirname(target), dataset)
        found = dataset.get(item.key)
        if found is None:
            new.append(item)
        elif found.table == item.table and _contains(found.record, item.record):
            already.append(item)
        elif item.table in IDENTITY and not _same_item(item, found):
            renamed[item.key] = _free_id(item.key, dataset, drafted)
            drafted.add(renamed[item.key])
            new.append(item)
        else:
            problems.append(_conflict(draft.path, item, found))
    new = [_rewritten(item, renamed) for item in new]
    new_ids = {item.key: item for item in new if item.table != "names"}
    reports: list[NewReport] = []
    given: set[tuple[str, str]] = set()  # (item, fields): a report given twice is added once
    first: dict[tuple[str, str], NewReport] = {}  # (item, source): its first new report
    for entry in draft.reports:
        of = renamed.get(entry.of, entry.of)
        if of in new_ids and new_ids[of].table in IDENTITY:
            new_ids[of] = _with_report(new_ids[of], entry, already)
        else:
            decided = _report_of_recorded(draft.path, entry, dataset, problems)
            if isinstance(decided, NewReport):
                key = (decided.item, repr(sorted(decided.raw.items())))
                earlier = first.setdefault((decided.item, decided.report.source), decided)
                if key in given:
                    continue
                if earlier is not decided:  # as against a report the dataset has
                    problems.append(_second_report(draft.path, entry, earlier))
                    continue
                given.add(key)
                reports.append(decided)
            elif decided:
                already.append(entry)
    new = [new_ids.get(item.key, item) if item.table != "names" else item for item in new]
    problems += _unknown_refs(draft, new, reports, dataset)
    if problems:
        raise DraftError(
            problems,
            f"{draft.path} cannot be added as it is: {len(problems)} "
            f"problem{'s' if len(problems) != 1 else ''}; nothing was written",
            "fix the draft at the lines above; an id the dataset has keeps its content "
            "there: give the draft's item another id, or record another source's account "
            "of a recorded item as [[reports]]",
        )
    return Plan(draft, tuple(new), tuple(reports), renamed, tuple(already))


# --- Items ---------------------------------------------------------------------------------


def _bare(record: Any) -> Any:
    return record._replace(location=None)


def _with_text_file(
    item: DraftItem, draft_folder: str, target_folder: str, dataset: Known
) -> DraftItem:
    """The source with its text file named from the folder of the file it will be in."""
    existing = dataset.file_of(item.key)
    folder = os.path.dirname(existing) if existing is not None else target_folder
    text_file = rebase(item.raw["text_file"], draft_folder, folder)
    return item._replace(
        raw={**item.raw, "text_file": text_file},
        record=item.record._replace(text_file=text_file),
    )


def _contains(recorded: Any, drafted: Any) -> bool:
    """Whether the dataset's item says all the draft's item says: equal fields, and for an
    event or a statement its sources and reports among the recorded ones (other outlets may
    have been added since)."""
    if not isinstance(drafted, (model.Event, model.Claim)):
        return bool(_bare(recorded) == _bare(drafted))

    def plain(record: model.Event | model.Claim) -> model.Event | model.Claim:
        return record._replace(location=None, source="", sources=(), reports=())

    return (
        plain(recorded) == plain(drafted)
        and set(drafted.cited()) <= set(recorded.cited())
        and set(drafted.reports) <= set(recorded.reports)
    )


def _same_item(item: DraftItem, found: Recorded) -> bool:
    """Whether a drafted event or statement is the recorded one (told otherwise, maybe)."""
    if found.table != item.table:
        return False
    if item.table == "claims":
        mine, theirs = item.record, found.record
        return bool(mine.speaker == theirs.speaker and words(mine.text) == words(theirs.text))
    return all(getattr(item.record, key) == getattr(found.record, key) for key in ("date", "title"))


def _free_id(key: str, dataset: Known, taken: set[str]) -> str:
    number = 2
    while f"{key}-{number}" in taken or dataset.table_of(f"{key}-{number}") is not None:
        number += 1
    return f"{key}-{number}"


def _differing(recorded: Any, drafted: Any) -> list[str]:
    return [
        name
        for name in drafted._fields
        if name not in ("location", "source") and getattr(recorded, name) != getattr(drafted, name)
    ]


def _conflict(path: str, item: DraftItem, found: Recorded) -> Problem:
    where = found.record.location
    if found.table != item.table:
        what = (
            f"is a {KIND_WORDS[found.table][0]} in the dataset ({where}), not a "
            + (KIND_WORDS[item.table][0])
        )
        return Problem(path, item.line, item.key, "id", what)
    fields = ", ".join(_differing(found.record, item.record)) or "reports"
    return Problem(
        path,
        item.line,
        item.key,
        None,
        f"the dataset has another {KIND_WORDS[item.table][0]} with this id ({where}): "
        f"{fields} differ{'s' if ',' not in fields else ''}",
    )


def _rewritten(item: DraftItem, renamed: dict[str, str]) -> DraftItem:
    """The item under its new id, its references to renamed draft items rewritten."""
    if not renamed or item.table not in IDENTITY:
        return item
    raw = dict(item.raw)
    raw["id"] = renamed.get(item.key, item.key)
    for key in ITEM_REFS:
        if isinstance(raw.get(key), list):
            raw[key] = [renamed.get(ref, ref) for ref in raw[key]]
    return item._replace(key=raw["id"], raw=raw)


# --- Reports -------------------------------------------------------------------------------


def _with_report(
    item: DraftItem, entry: DraftReport, already: list[DraftItem | DraftReport]
) -> DraftItem:
    """A draft item with one more report (unless it holds that one already)."""
    reports = list(item.raw.get("reports", []))
    if entry.raw in reports or (set(entry.raw) == {"source"} and _cites(item.raw, entry)):
        already.append(entry)
        return item
    return item._replace(raw={**item.raw, "reports": [*reports, entry.raw]})


def _cites(raw: dict[str, Any], entry: DraftReport) -> bool:
    named = [
        raw.get("source"),
        *raw.get("sources", []),
        *(r["source"] for r in raw.get("reports", [])),
    ]
    return entry.report.source in named


def _second_report(path: str, entry: DraftReport, earlier: NewReport) -> Problem:
    fields = ", ".join(
        f
        for f in ("date", "text", "url", "note")
        if getattr(earlier.report, f) != getattr(entry.report, f)
    )
    return Problem(
        path,
        entry.line,
        f"reports of {entry.of}",
        None,
        f"the draft has another report from {entry.report.source} (line "
        f"{earlier.draft_line}): {fields} differ{'s' if ',' not in fields else ''}; keep one",
    )


def _report_of_recorded(
    path: str, entry: DraftReport, dataset: Known, problems: list[Problem]
) -> NewReport | bool | None:
    """The report to add to a recorded item; True when it is there already; None when it
    cannot be added (the problem is in ``problems``)."""
    found = dataset.get(entry.of)
    if found is None or found.table not in IDENTITY:
        what = "no such event or statement" if found is None else "not an event or statement"
        choices = dataset.ids(("events", "claims"))
        hint = did_you_mean(entry.of, choices)
        problems.append(Problem(path, entry.line, f"reports of {entry.of}", "of", what + hint))
        return None
    record = found.record
    same_source = [r for r in record.reports if r.source == entry.report.source]
    if entry.report in same_source:
        return True
    if set(entry.raw) == {"source"} and entry.report.source in record.cited():
        return True  # nothing to say but the source, which the item names already
    if same_source:
        fields = ", ".join(
            f
            for f in ("date", "text", "url", "note")
            if getattr(same_source[0], f) != getattr(entry.report, f)
        )
        problems.append(
            Problem(
                path,
                entry.line,
                f"reports of {entry.of}",
                None,
                f"{record.location} has another report from {entry.report.source}: "
                f"{fields} differ{'s' if ',' not in fields else ''}",
            )
        )
        return None
    location = record.location
    if location.line is None:
        problems.append(
            Problem(
                path,
                entry.line,
                f"reports of {entry.of}",
                None,
                f"synews add cannot find the line of {entry.of} in {location.file}: "
                "add the report there by hand",
            )
        )
        return None
    return NewReport(
        entry.of,
        found.table,
        location.file,
        location.line,
        entry.raw,
        entry.report,
        entry.line,
        record,
    )


# --- References ------------------------------------------------------------------------------


def _unknown_refs(
    draft: Draft, new: Sequence[DraftItem], reports: Sequence[NewReport], dataset: Known
) -> list[Problem]:
    """Every reference of what will be written that names nothing of its kind."""
    drafted = {item.key: item.table for item in new if item.table != "names"}
    found = []
    # A draft may name one unknown id a thousand times: the ids to suggest from, and each
    # suggestion, are worked out once.
    choices: dict[str, list[str]] = {}
    suggestions: dict[tuple[str, str], str] = {}

    def suggestion(ref: str, what: str) -> str:
        tables = KIND_OF_REF[what]
        if what not in choices:
            choices[what] = [k for k, t in drafted.items() if t in tables] + dataset.ids(tables)
        if (ref, what) not in suggestions:
            suggestions[(ref, what)] = did_you_mean(ref, choices[what])
        return suggestions[(ref, what)]

    def check(line: int | None, label: str, key: str, ref: Any, what: str) -> None:
        if not isinstance(ref, str):
            return
        table = drafted[ref] if ref in drafted else dataset.table_of(ref)
        if table not in KIND_OF_REF[what]:
            words_ = "event or statement" if what == "item" else what
            if table is None:
                why = "neither the draft nor the dataset defines it"
                message = f"unknown {words_} {ref!r}{suggestion(ref, what)}: {why}"
            else:
                article = "an" if words_[0] in "aeiou" else "a"
                message = (
                    f"{ref!r} is a {KIND_WORDS[table][0]}, not {article} {words_}"
                    f"{suggestion(ref, what)}"
                )
            found.append(Problem(draft.path, line, label, key, message))

    for item in new:
        for key, what in REFERENCES.get(item.table, ()):
            value = item.raw.get(key)
            for ref in value if isinstance(value, list) else [value]:
                if ref is not None:
                    check(item.line, item.key, key, ref, what)
        for report in item.raw.get("reports", []):
            check(item.line, item.key, "reports", report.get("source"), "source")
    for report in reports:
        check(
            report.draft_line, f"reports of {report.item}", "source", report.raw["source"], "source"
        )
    return found
