"""The terminal views of the story across outlets: sources, conflicts, facets (Rich).
Imported by table.py, only when a table is printed; the same rules hold (text, never
markup)."""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from synews_cli.render import Listing
from synews_cli.render.table import (
    CONFLICT_STYLE,
    DATE_STYLE,
    SUBDUED,
    TITLE_STYLE,
    footer,
    shown,
    text,
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_sources(listing: Listing, console: Console) -> None:
    """``synews sources``: each source, what cites it, and whose account it carries."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("Published", style=DATE_STYLE, no_wrap=True)
    table.add_column("Source", min_width=20, overflow="fold")
    table.add_column("Cited by", no_wrap=True)
    for record in listing.records:
        cell = text(record["outlet"], TITLE_STYLE)
        if record["title"]:
            cell.append("\n" + shown(record["title"]))
        where = [record["kind"], record["id"]]
        if record["copy_of"]:
            where.append(f"copy of {record['copy_of']}")
            if record["account"] != record["copy_of"]:
                where.append(f"one account with {record['account']}")
        cell.append("\n" + shown(" · ".join(where)), style=SUBDUED)
        if record["url"]:
            cell.append("\n" + shown(record["url"]), style="italic dim")
        cited = Text(_plural(record["events"], "event"))
        cited.append("\n" + _plural(record["statements"], "statement"))
        table.add_row(text(record["when"], DATE_STYLE), cell, cited)
    console.print(table)
    accounts = len({r["account"] for r in listing.records})
    line = footer(listing)
    line.append(f"  ({_plural(accounts, 'independent account')})", style=SUBDUED)
    console.print(line)


def render_conflicts(listing: Listing, console: Console) -> None:
    """``synews conflicts``: each disagreement, with both sides."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("Conflict", no_wrap=True, style=CONFLICT_STYLE)
    table.add_column("When", style=DATE_STYLE, no_wrap=True)
    table.add_column("What", min_width=20, overflow="fold")
    for conflict, record in zip(listing.items, listing.records, strict=True):
        body = text(record["what"], TITLE_STYLE)
        body.append(f"  {shown(record['id'])}", style=SUBDUED)
        if record["other"]:
            body.append("\ncontradicted by  ", style=CONFLICT_STYLE)
            body.append(shown(record["other_what"]), style=TITLE_STYLE)
            body.append(f"  {shown(record['other'])}", style=SUBDUED)
            body.append(f"  ({conflict.other.date.display()})", style=DATE_STYLE)
        else:
            for reported in record["reported"]:
                source = listing.links.sources.get(reported["source"])
                outlet = source.outlet if source else reported["source"]
                body.append(f"\n{shown(outlet)}: ", style=SUBDUED)
                body.append(shown(reported["when"]), style=DATE_STYLE)
        table.add_row(record["kind"], conflict.item.date.display(), body)
        table.add_section()
    console.print(table)
    console.print(footer(listing))


def render_facets(listing: Listing, console: Console) -> None:
    """``synews facets``: the values in use, most used first, with their other spellings."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), expand=False, pad_edge=False)
    table.add_column("Kind", no_wrap=True, style=SUBDUED)
    table.add_column("Value", overflow="fold", style=TITLE_STYLE)
    table.add_column("Items", justify="right", no_wrap=True)
    table.add_column("Also spelled", overflow="fold", style=SUBDUED)
    kind = None
    for record in listing.records:
        if kind is not None and record["kind"] != kind:
            table.add_section()
        shown_kind = record["kind"] if record["kind"] != kind else ""
        kind = record["kind"]
        table.add_row(
            shown_kind,
            text(record["value"]),
            str(record["items"]),
            text(", ".join(record["spellings"])),
        )
    console.print(table)
    console.print(footer(listing))


STORY_VIEWS: dict[str, Callable[[Listing, Console], None]] = {
    "sources": render_sources,
    "conflicts": render_conflicts,
    "facets": render_facets,
}
