"""Options that several commands share, so each reads and behaves the same everywhere.

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each. Annotations in this
module must therefore be valid at run time.
"""

from typing import Annotated, Any

import typer

from synews_cli.cli.app import state
from synews_cli.cli.completion import complete_sources
from synews_cli.cli.types import Choice, DateOption, NonEmpty
from synews_cli.dates import UserDate
from synews_cli.render import FORMATS

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, plain, csv, tsv, json, jsonl, markdown, html, timelinejs "
        "[default: table on a terminal, plain in a pipe or from the -o extension]",
        show_default=False,
        metavar="FORMAT",
        parser=Choice("--format", FORMATS, refusal="is not a format; choose one of {choices}"),
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically) instead of stdout; '-' is stdout.",
        metavar="FILE",
        parser=NonEmpty("--output", "give a file name, or - for stdout"),
    ),
]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw-cells",
        help="csv/tsv: keep cells starting with = + - @ as they are (no leading ' added).",
    ),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=1, help="Show at most N items.", metavar="N")
]
SinceOption = Annotated[
    UserDate | None,
    typer.Option(
        "--since",
        help="From DATE on: 2024, 2024-12, 2024-12-08, 'Dec 2024', '8 Dec 2024'.",
        metavar="DATE",
        parser=DateOption("--since"),
    ),
]
UntilOption = Annotated[
    UserDate | None,
    typer.Option(
        "--until", help="Up to DATE, inclusive.", metavar="DATE", parser=DateOption("--until")
    ),
]
OnOption = Annotated[
    UserDate | None,
    typer.Option(
        "--on",
        help="On DATE, at its precision: --on 2025-10 is all of October.",
        metavar="DATE",
        parser=DateOption("--on"),
    ),
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        help="Reported by this source id or outlet (repeatable, any matches).",
        metavar="ID|OUTLET",
        parser=NonEmpty("--source", "give a source id or an outlet, such as --source Reuters"),
        autocompletion=complete_sources,
    ),
]
MinSourcesOption = Annotated[
    int | None,
    typer.Option(
        "--min-sources",
        min=1,
        help="Reported by at least N independent accounts (a reprint of a wire story "
        "counts with the story).",
        metavar="N",
    ),
]


def _no_color(ctx: typer.Context, value: bool) -> None:
    if value:
        state(ctx).color = False


NoColorOption = Annotated[
    bool,
    typer.Option(
        "--no-color",
        callback=_no_color,
        help="No colour (also a global option; NO_COLOR=1 does the same).",
    ),
]
ReverseOption = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]


def output_options(ctx: typer.Context, fmt: str | None, output: str | None, raw: bool) -> Any:
    from synews_cli.render.output import OutputOptions

    app = state(ctx)
    protected = tuple(app.data_files()) if output not in (None, "-") else ()
    return OutputOptions(
        format=fmt, output=output, raw_cells=raw, color=app.color, protected=protected
    )


def date_filter(since: UserDate | None, until: UserDate | None, on: UserDate | None) -> Any:
    from synews_cli.query.filters import DateFilter

    return DateFilter.from_options(since=since, until=until, on=on)
