"""``synews show ID``: every field of one item and what links to it, as text, JSON or a
terminal view. What links to the item is resolved before (query/links.py).

The JSON is data: the record the item's listing gives (timeline, quotes, people or
sources: the same field names), with ``type``, the links as lists of ids and
``defined_at`` (``file:line``) added; README, "show -f json", lists them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from synews_cli.errors import UsageError
from synews_cli.model import Accounts, Claim, Event, Item, Location, Person, Report, Source
from synews_cli.render import Links
from synews_cli.render.disputes import conflict_notes
from synews_cli.render.records import claim_record, event_record, person_record
from synews_cli.render.story_records import source_record
from synews_cli.text import escape_json_text, one_line

if TYPE_CHECKING:
    from synews_cli.query.links import ItemLinks


@dataclass
class Detail:
    """One item laid out for display: labelled fields, then lists of linked items."""

    kind: str
    id: str
    heading: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, list[str]]] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict)

    def add(self, label: str, value: object) -> None:
        if value in (None, "", (), []):
            return
        if isinstance(value, Location):  # a NamedTuple, but one value: file:line
            value = str(value)
        elif isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        self.fields.append((label, str(value)))


def _source_line(links: Links, source_id: str) -> str:
    source = links.sources.get(source_id)
    return source.citation() if source else source_id


def _claim_line(links: Links, claim: Claim) -> str:
    speaker = links.people[claim.speaker]
    said = f"\u201c{claim.text}\u201d" if claim.kind == "quote" else f"({claim.kind}) {claim.text}"
    return f"{claim.date.display()}  {speaker.label()}: {said}  [{claim.id}]"


def _event_line(event: Event) -> str:
    return f"{event.date.display()}  {event.title}  [{event.id}]"


def _date_text(item: Event | Claim) -> str:
    when = item.date
    start = when.start.isoformat() if when.start else "open"
    end = when.end.isoformat() if when.end else "open"
    unknown = ["start unknown"] if when.start_unknown else []
    unknown += ["end unknown"] if when.end_unknown else []
    return f"{when.display()}  ({'; '.join([when.text, *unknown])}; {start} to {end})"


def _add_sources(detail: Detail, links: Links, item: Event | Claim) -> None:
    """The item's source (or each of its sources), and what each reports differently."""
    cited = item.cited()
    if len(cited) == 1:
        detail.add("source", _source_line(links, cited[0]))
    else:
        detail.add("sources", "; ".join(_source_line(links, source) for source in cited))
    if item.reports:
        detail.links.append(("reports", [_report_line(links, r) for r in item.reports]))


def _report_line(links: Links, report: Report) -> str:
    """``The Harbour Herald: 16 Oct 2025; “its words”; a note  [herald]``."""
    source = links.sources.get(report.source)
    said = [report.date.display()] if report.date is not None else []
    if report.text:
        said.append(f"\u201c{report.text}\u201d")
    said += [part for part in (report.note, report.url) if part]
    outlet = source.outlet if source else report.source
    if said:
        outlet += ": " + "; ".join(said)
    return f"{outlet}  [{report.source}]"


def _ids(items: Sequence[Event | Claim]) -> list[str]:
    return [item.id for item in items]


def detail_record(item: Item, linked: ItemLinks, links: Links) -> dict[str, Any]:
    """The item's listing record, its type, what links to it (ids) and where it is defined."""
    record: dict[str, Any]
    accounts = Accounts(links.sources)
    if isinstance(item, Event):
        record = {"type": "event", **event_record(item, links.contradicts, accounts)}
        record["statements_about"] = _ids(linked.about)
        record["evidence_for"] = _ids(linked.evidence_for)
    elif isinstance(item, Claim):
        people = links.people
        record = {
            "type": "claim",
            **claim_record(item, people, links.contradicts, accounts, links.sources),
        }
    elif isinstance(item, Person):
        assert linked.summary is not None
        record = {"type": "person", **person_record(linked.summary)}
        record["statement_ids"] = _ids(linked.said)
    else:
        assert linked.citations is not None
        record = {"type": "source", **source_record(linked.citations)}
        record["event_ids"] = _ids(linked.events)
        record["statement_ids"] = _ids(linked.said)
    if isinstance(item, Event | Claim):
        record["contradicts"] = list(links.contradicts.get(item.id, ()))
    record["defined_at"] = None if item.location is None else str(item.location)
    return record


def build_detail(item: Item, linked: ItemLinks, links: Links) -> Detail:
    detail = _build_detail(item, linked, links)
    detail.record = detail_record(item, linked, links)
    return detail


def _build_detail(item: Item, linked: ItemLinks, links: Links) -> Detail:
    if isinstance(item, Event):
        detail = Detail("event", item.id, item.title)
        detail.add("date", _date_text(item))
        detail.add("summary", item.summary)
        detail.add("places", item.places)
        detail.add("actors", item.actors)
        detail.add("tags", item.tags)
        detail.add("status", item.status)
        _add_sources(detail, links, item)
        detail.add("conflicts", conflict_notes(item, links))
        detail.add("note", item.note)
        detail.add("defined at", item.location)
        about = [_claim_line(links, c) for c in linked.about]
        detail.links.append(("statements about it", about))
        if linked.evidence_for:
            evidence = [_claim_line(links, c) for c in linked.evidence_for]
            detail.links.append(("statements it bears out or refutes", evidence))
        return detail
    if isinstance(item, Claim):
        speaker = links.people[item.speaker]
        detail = Detail("statement", item.id, f"{speaker.label()}, {item.kind}")
        detail.add("speaker", f"{speaker.label()} [{speaker.id}]")
        detail.add("role", speaker.role_line())
        detail.add("kind", item.kind)
        detail.add("text", f"\u201c{item.text}\u201d" if item.kind == "quote" else item.text)
        detail.add("context", item.context)
        detail.add("date", _date_text(item))
        detail.add("topics", item.topics)
        detail.add("status", item.status)
        detail.add("evidence note", item.evidence_note)
        detail.add("note", item.note)
        _add_sources(detail, links, item)
        detail.add("conflicts", conflict_notes(item, links))
        detail.add("defined at", item.location)
        detail.links.append(("events it is about", [_event_line(e) for e in linked.events]))
        if item.evidence:
            detail.links.append(("evidence", [_event_line(e) for e in linked.evidence]))
        return detail
    if isinstance(item, Person):
        detail = Detail("person", item.id, item.label())
        detail.add("name", item.name)
        detail.add("role", item.role)
        detail.add("affiliation", item.affiliation)
        detail.add("aliases", item.aliases)
        detail.add("kind", item.kind)
        detail.add("identity", item.identity)
        detail.add("identity note", item.identity_note)
        detail.add("note", item.note)
        detail.add("defined at", item.location)
        detail.links.append(("statements", [_claim_line(links, c) for c in linked.said]))
        return detail
    assert isinstance(item, Source)
    detail = Detail("source", item.id, item.outlet)
    detail.add("outlet", item.outlet)
    detail.add("title", item.title or "(unknown)")
    detail.add("published", item.published.display())
    detail.add("kind", item.kind)
    detail.add("author", item.author)
    detail.add("url", item.url)
    detail.add("text file", item.text_file)
    detail.add("copy of", item.copy_of)
    detail.add("citation", item.citation())
    detail.add("defined at", item.location)
    detail.links.append(("events", [_event_line(e) for e in linked.events]))
    detail.links.append(("statements", [_claim_line(links, c) for c in linked.said]))
    return detail


def render_plain(detail: Detail) -> str:
    lines = [f"{detail.kind} {detail.id}: {one_line(detail.heading)}"]
    width = max((len(label) for label, _ in detail.fields), default=0)
    for label, value in detail.fields:
        lines.append(f"  {label.ljust(width)}  {one_line(value)}")
    for title, entries in detail.links:
        lines.append(f"{title} ({len(entries)}):")
        lines.extend(f"  - {one_line(entry)}" for entry in entries)
    return "\n".join(lines) + "\n"


def render_json(detail: Detail) -> str:
    return escape_json_text(json.dumps(detail.record, ensure_ascii=False, indent=2)) + "\n"


def render_rich(detail: Detail, color: bool | None, out: TextIO) -> None:
    from rich.table import Table
    from rich.text import Text

    from synews_cli.render import RenderOptions
    from synews_cli.render.output import stdout_is_terminal
    from synews_cli.render.table import make_console, shown

    # Styled only on a terminal: `show ID -f table > file` must not write escape codes.
    options = RenderOptions(color=color, terminal=stdout_is_terminal())
    console = make_console(out, options)
    heading = Text(f"{detail.kind} ", style="dim")
    heading.append(shown(detail.heading), style="bold")
    heading.append(f"  [{detail.id}]", style="cyan")
    console.print(heading)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in detail.fields:
        grid.add_row(Text(label), Text(shown(value)))
    console.print(grid)
    for title, entries in detail.links:
        console.print(Text(f"\n{title} ({len(entries)})", style="bold"))
        # A grid, so that an entry wrapped over several lines keeps its indent.
        listed = Table.grid(padding=(0, 1))
        listed.add_column(no_wrap=True)
        listed.add_column(overflow="fold")
        for entry in entries:
            listed.add_row(Text("  \u2022"), Text(shown(entry)))
        console.print(listed)


def render_detail(detail: Detail, *, fmt: str | None, color: bool | None) -> None:
    from synews_cli.render.output import stdout_is_terminal, to_stdout

    chosen = fmt or ("table" if stdout_is_terminal() else "plain")
    if chosen == "table":
        to_stdout(lambda out: render_rich(detail, color, out))
    elif chosen == "plain":
        to_stdout(lambda out: out.write(render_plain(detail)))
    elif chosen == "json":
        to_stdout(lambda out: out.write(render_json(detail)))
    else:
        raise UsageError(f"--format {chosen!r}: show prints table, plain or json")
