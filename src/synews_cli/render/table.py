"""The terminal views (Rich). Imported only when a table is printed.

Every piece of dataset text goes into a ``rich.text.Text`` built from the plain string,
never through markup, so ``[bold]`` or ``[sic]`` in the data prints as written; controls
and bidirectional overrides are removed first (Rich passes ESC through).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from synews_cli.model import Accounts, Claim, Event, Person, PersonSummary
from synews_cli.render import Links, Listing, RenderOptions
from synews_cli.render.disputes import conflict_notes
from synews_cli.render.flat import cell
from synews_cli.text import inert

DATE_STYLE = "cyan"
YEAR_STYLE = "bold magenta"
TITLE_STYLE = "bold"
SUBDUED = "dim"
KIND_STYLES = {"quote": "green", "paraphrase": "yellow", "no-comment": "red"}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Rich would exit with status 1 here; let the CLI stop quietly with 0, as it does
        for every other format when the reader goes away (``| head -1``)."""
        raise BrokenPipeError


MIN_WIDTH = 20
# The widest a view gets, however wide the terminal: lines longer than this are hard to
# read, and a wide terminal only stretched the tables' padding.
MEASURE = 100


def make_console(out: TextIO, options: RenderOptions) -> Console:
    """A console that never interprets markup, emoji codes or highlights numbers."""
    kwargs: dict[str, Any] = {
        "file": out,
        "markup": False,
        "emoji": False,
        "highlight": False,
        "soft_wrap": False,
    }
    if options.width:
        kwargs["width"] = options.width
    elif os.environ.get("COLUMNS", "").strip().isdigit():
        # COLUMNS=0 is no width at all (Rich would print nothing), and a few columns too
        # few to lay out a row: take the usual 80, or at least MIN_WIDTH.
        columns = int(os.environ["COLUMNS"])
        kwargs["width"] = 80 if columns == 0 else max(columns, MIN_WIDTH)
    # NO_COLOR (https://no-color.org) alone would leave Rich printing bold and dim: like
    # --no-color, it means no escape sequences at all.
    if options.color is False or os.environ.get("NO_COLOR"):
        kwargs["no_color"] = True
        kwargs["color_system"] = None
    if options.terminal:
        kwargs["force_terminal"] = True
    console = _Console(**kwargs)
    console.width = min(console.width, MEASURE)
    return console


MAX_SHOWN = 5_000  # characters of one text in a terminal view (-f plain shows all)


def shown(value: str) -> str:
    """Text for the terminal view: inert, and no longer than a reader can use (a text of
    megabytes would take gigabytes to lay out)."""
    value = inert(value)
    if len(value) > MAX_SHOWN:
        more = len(value) - MAX_SHOWN
        return value[:MAX_SHOWN] + f"… ({more:,} more characters: -f plain shows them)"
    return value


def text(value: str | None, style: str = "") -> Text:
    return Text(shown(value or ""), style=style)


def footer(listing: Listing) -> Text:
    count = len(listing.records)
    line = Text(f"{count} {listing.noun(count)}", style="bold")
    if listing.filters:
        line.append(" matched  ", style=SUBDUED)
        line.append(" ".join(shown(f) for f in listing.filters), style=SUBDUED)
    else:
        line.append("  (no filters)", style=SUBDUED)
    return line


CONFLICT_STYLE = "yellow"
STATUS_STYLE = "bold reverse"


def item_id(value: str) -> Text:
    """An item's id as the views show it, to copy into ``show`` or ``--about``: dimmed, and
    one word, so that wrapping moves it whole to the next line rather than splitting it."""
    return Text(shown(value), style=SUBDUED)


def _event_cell(event: Event, links: Links) -> Group:
    title = text(event.title, TITLE_STYLE)
    if event.status:
        title = Text.assemble((event.status.upper(), STATUS_STYLE), " ", title)
    parts: list[Text] = [title, item_id(event.id)]
    if event.summary:
        parts.append(text(event.summary))
    details = Text(style=SUBDUED)
    for label, values in (("", event.places), ("", event.actors)):
        if values:
            if details:
                details.append(" · ")
            details.append(label + shown(", ".join(values)))
    if event.tags:
        if details:
            details.append(" · ")
        details.append(shown(" ".join(f"#{t}" for t in event.tags)), style="blue")
    if details:
        parts.append(details)
    cited = event.cited()
    accounts = Accounts(links.sources).count(event)
    label = "source: " if len(cited) == 1 else "sources: "
    if accounts < len(cited):
        label = f"sources ({accounts} independent): "
    cite = Text(label, style=SUBDUED)
    citations = (links.sources[s].citation() if s in links.sources else s for s in cited)
    cite.append(shown("; ".join(citations)), style="italic dim")
    parts.append(cite)
    parts.extend(text("\u26a0 " + note, CONFLICT_STYLE) for note in conflict_notes(event, links))
    if event.note:
        note = Text("note: ", style=SUBDUED)
        note.append(shown(event.note), style="italic dim")
        parts.append(note)
    return Group(*parts)


def render_events(listing: Listing, console: Console) -> None:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=False, pad_edge=False)
    table.add_column("when", justify="right", no_wrap=True, style=DATE_STYLE, min_width=10)
    table.add_column("event", ratio=1, overflow="fold")
    heading: str | None = None
    for index, event in enumerate(listing.items):
        # Events with an open start sort first (last with --reverse): they form their own
        # group, so the year headings stay in order.
        start = event.date.start
        event_heading = str(start.year) if start else "earlier"
        if event_heading != heading:
            if index:
                table.add_row("", "")
            table.add_row(Text(event_heading, style=YEAR_STYLE), "")
            heading = event_heading
        table.add_row(text(event.date.display(), DATE_STYLE), _event_cell(event, listing.links))
    console.print(table)
    console.print(footer(listing))


def statement_text(claim: Claim) -> Text:
    """Quotes in quotation marks; paraphrases and declined comments visibly marked."""
    if claim.kind == "quote":
        body = Text("\u201c", style="green")
        body.append(shown(claim.text))
        body.append("\u201d", style="green")
        return body
    label = "reported: " if claim.kind == "paraphrase" else "no comment: "
    body = Text(label, style=KIND_STYLES[claim.kind])
    body.append(shown(claim.text), style="italic")
    return body


def speaker_cell(person: Person) -> Text:
    name = text(person.name, "bold")
    if person.identity != "named":
        name.append(f" ({person.identity})", style="magenta")
    role = person.role_line()
    if role:
        name.append("\n")
        name.append(shown(role), style=SUBDUED)
    return name


def render_claims(listing: Listing, console: Console) -> None:
    links = listing.links
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_lines=False)
    table.add_column("When", style=DATE_STYLE, no_wrap=True)
    # As wide as the longest name (roles wrap under it), and no more than a quarter of the
    # view: the statements need the room.
    names = (speaker_cell(links.people[claim.speaker]).plain for claim in listing.items)
    longest = max((cell_len(name.split("\n")[0]) for name in names), default=12)
    width = max(12, min(longest, console.width // 4))
    table.add_column("Speaker", min_width=12, max_width=width, overflow="fold")
    table.add_column("Statement", min_width=20, overflow="fold")
    for claim in listing.items:
        body = statement_text(claim)
        if claim.context and claim.kind == "quote" and claim.context.strip() != claim.text:
            body.append("\n")
            body.append(shown(claim.context), style=SUBDUED)
        meta = Text(style=SUBDUED)
        if claim.topics:
            meta.append(shown(" ".join(f"#{t}" for t in claim.topics)), style="blue")
        if claim.status:
            meta.append(f"  [{claim.status}]" if meta else f"[{claim.status}]", style="bold")
        outlets = (links.sources[s].outlet if s in links.sources else s for s in claim.cited())
        meta.append(("  " if meta else "") + shown(", ".join(outlets)))
        body.append("\n")
        body.append(meta)
        for note in conflict_notes(claim, links):
            body.append("\n\u26a0 " + shown(note), style=CONFLICT_STYLE)
        body.append("\n")
        body.append(item_id(claim.id))
        speaker = speaker_cell(links.people[claim.speaker])
        table.add_row(text(claim.date.display(), DATE_STYLE), speaker, body)
        table.add_section()
    console.print(table)
    console.print(footer(listing))


def render_people(listing: Listing, console: Console) -> None:
    """Each person as the quotes show a speaker (name, then role), with the id under the
    name; the columns of counts and dates leave the rest of the width to them."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    # Wide enough for every id, where the counts and dates leave the room.
    longest = max((cell_len(shown(s.person.id)) for s in listing.items), default=0)
    room = console.width - 34  # Said, First and Last, with their padding
    table.add_column("Person", min_width=min(longest, room) if room > 12 else None, overflow="fold")
    table.add_column("Said", justify="right", no_wrap=True)
    table.add_column("First", style=DATE_STYLE)  # wraps ("15 Oct" over "2025") when narrow
    table.add_column("Last", style=DATE_STYLE)
    summary: PersonSummary
    for summary in listing.items:
        person = summary.person
        cell = text(person.name, "bold")
        if person.identity != "named":
            cell.append(f" ({person.identity})", style="magenta")
        cell.append("\n")
        cell.append(item_id(person.id))
        role = person.role_line()
        if role:
            cell.append("\n" + shown(role))
        if person.identity_note:
            cell.append("\n" + shown(person.identity_note), style="italic dim")
        table.add_row(
            cell,
            str(summary.statements),
            text(summary.first.display() if summary.first else "", DATE_STYLE),
            text(summary.last.display() if summary.last else "", DATE_STYLE),
        )
        table.add_section()
    console.print(table)
    console.print(footer(listing))


def render_generic(listing: Listing, console: Console) -> None:
    """Any other listing: its columns as a table."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in listing.columns:
        table.add_column(column, overflow="fold")
    for record in listing.records:
        table.add_row(*(text(cell(record.get(c))) for c in listing.columns))
    console.print(table)
    console.print(footer(listing))


_EIGHTHS = ("", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589")


def bar(value: int, maximum: int, width: int) -> str:
    """A bar of ``width`` cells for ``maximum``, in eighths of a cell; any non-zero value
    shows at least a sliver, so a sparse period never looks empty."""
    if value <= 0 or maximum <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    return "\u2588" * (eighths // 8) + _EIGHTHS[eighths % 8]


def render_periods(listing: Listing, console: Console) -> None:
    """``timeline --by``: events and statements per period as bars on one shared scale."""
    records = listing.records
    maximum = max(max(r["events"], r["statements"]) for r in records)
    digits = len(str(maximum))
    label_width = max(len(str(r["period"])) for r in records)
    width = max(4, (console.width - label_width - 2 * digits - 8) // 2)
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=True, expand=False)
    table.add_column(listing.singular, no_wrap=True, style=DATE_STYLE, header_style="bold")
    for name, style in (("events", "cyan"), ("statements", "magenta")):
        table.add_column("", justify="right", no_wrap=True)
        table.add_column(name, no_wrap=True, style=style, header_style=f"bold {style}")
    for record in records:
        cells: list[Text] = [text(str(record["period"]), DATE_STYLE)]
        for name in ("events", "statements"):
            count = int(record[name])
            cells.append(Text(str(count), style=SUBDUED if count == 0 else ""))
            cells.append(Text(bar(count, maximum, width)))
        table.add_row(*cells)
    console.print(table)
    extra = listing.extra
    line = Text(f"{len(records)} {listing.noun()}", style="bold")
    first, last = records[0]["period"], records[-1]["period"]
    if first != last:
        line.append(f", {shown(str(first))} to {shown(str(last))}", style="bold")
    line.append(f": {extra.get('events', 0)} events, {extra.get('statements', 0)} statements")
    console.print(line)
    note = f"an item counts in every {listing.singular} it spans \u00b7 "
    note += " ".join(shown(f) for f in listing.filters) if listing.filters else "(no filters)"
    console.print(Text(note, style=SUBDUED))


VIEWS: dict[str, Callable[[Listing, Console], None]] = {
    "events": render_events,
    "claims": render_claims,
    "people": render_people,
    "periods": render_periods,
}


def render(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    if not listing.records:
        return
    console = make_console(out, options)
    if listing.kind in ("sources", "conflicts", "facets"):
        from synews_cli.render.story_table import STORY_VIEWS  # it imports this module

        STORY_VIEWS[listing.kind](listing, console)
        return
    VIEWS.get(listing.kind, render_generic)(listing, console)


# --- synews search ---------------------------------------------------------------------------

MATCH_STYLE = "bold underline yellow"


def marked_text(marked: Any, style: str = "") -> Text:
    """A search snippet (``.text``, ``.spans``) with the matched words styled by span,
    never through markup."""
    line = Text(shown(marked.text), style=style)
    if line.plain == marked.text:  # spans index the text as it was; keep them aligned
        for start, end in marked.spans:
            line.stylize(MATCH_STYLE, start, end)
    return line


def render_hits(listing: Listing, console: Console) -> None:
    """``synews search``: kind, date, and the matched words in context, best first."""
    people = listing.links.people
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("Kind", no_wrap=True)
    table.add_column("When", style=DATE_STYLE, no_wrap=True)
    table.add_column("Hit", min_width=20, overflow="fold")
    for hit in listing.items:
        body = Text()
        if hit.kind == "claim":
            body.append(shown(people[hit.item.speaker].label()), style="bold")
            body.append(": ")
        main = TITLE_STYLE if hit.kind != "claim" else ""
        if hit.in_main_field:
            body.append(marked_text(hit.snippet, main))
        else:  # what the item is first, then where the query matched it
            body.append(marked_text(hit.headline, main))
            body.append("\n")
            body.append(marked_text(hit.snippet, SUBDUED))
        body.append("\n")
        body.append(item_id(hit.item.id))
        when = "" if hit.kind == "person" else hit.item.date.display()
        table.add_row(text(hit.kind), text(when, DATE_STYLE), body)
    console.print(table)
    console.print(footer(listing))


VIEWS["hits"] = render_hits  # kept at the end: a view of its own, apart from the others


# --- synews verify -------------------------------------------------------------------------

FINDING_STYLES = {"error": "bold red", "warning": "yellow", "note": "dim"}
DIFF_STYLES = {"=": "", "-": "red strike", "+": "bold green"}


def render_findings(listing: Listing, console: Console) -> None:
    """``synews verify``: each finding, where it is, and for a misquote the words that
    differ (struck out: the claim's; bold: the text's)."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("Finding", no_wrap=True)
    table.add_column("Where", overflow="fold", max_width=40)
    table.add_column("Details", min_width=20, overflow="fold")
    for finding in listing.items:
        where = text(finding.location or finding.source)
        if finding.claim:
            where.append("\n")
            where.append(item_id(finding.claim))
        details = text(finding.message)
        if finding.segments and (console.no_color or console.color_system is None):
            details.append("\n" + shown(finding.diff or ""))  # [-claim's-]{+text's+}
        elif finding.segments:
            details.append("\n")
            for op, piece in finding.segments:
                details.append(shown(piece), style=DIFF_STYLES[op])
        elif finding.found:
            details.append(f"\n\u201c{shown(finding.found)}\u201d", style=SUBDUED)
        table.add_row(text(finding.kind, FINDING_STYLES[finding.severity]), where, details)
    console.print(table)
    console.print(footer(listing))


VIEWS["findings"] = render_findings
