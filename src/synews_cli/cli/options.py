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
from synews_cli.errors import UsageError
from synews_cli.render import FORMATS, formats_for


class _FormatChoice(Choice):
    """One of a command's formats; a format of other commands is named as such."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__("--format", choices, refusal="is not a format; choose one of {choices}")

    def __call__(self, value: str) -> str:
        folded = value.strip().casefold()
        if folded in FORMATS and folded not in self.choices:
            kinds = ", ".join(sorted(FORMATS[folded].kinds or ()))
            raise UsageError(
                f"--format {folded} is for {kinds} only; this command takes "
                + ", ".join(self.choices)
            )
        return super().__call__(value)


def format_option(*kinds: str, not_with: str = "") -> Any:
    """``--format/-f`` for a command whose listings are of these kinds (timeline: events,
    and periods ``not_with`` --by). Its choices come from the registry, once: --help lists them, a
    value that is not one is a usage error naming them (and the closest), and shell
    completion offers them, so none of the three promises a format the command refuses."""
    formats = formats_for(*kinds)
    choices = tuple(f.name for f in formats)
    partial = [f.name for f in formats if not all(f.supports(kind) for kind in kinds)]
    note = f" ({' and '.join(partial)} not {not_with})" if partial else ""

    def complete(incomplete: str) -> list[str]:
        return [name for name in choices if name.startswith(incomplete.casefold())]

    return typer.Option(
        "--format",
        "-f",
        help=f"{', '.join(choices)}{note} "
        "[default: table on a terminal, plain in a pipe or from the -o extension]",
        show_default=False,
        metavar="FORMAT",
        parser=_FormatChoice(choices),
        autocompletion=complete,
    )


def _list_fields(kinds: tuple[str, ...]) -> Any:
    """``--fields help``: the fields of the command's listings on stdout, and exit 0."""

    def callback(value: str | None) -> str | None:
        if value is None or value.strip().casefold() != "help":
            return value
        from synews_cli.render.fields import describe_fields

        for number, kind in enumerate(kinds):
            if number:
                print(f"\nwith {LISTING_VARIANTS.get(kind, kind)}:")
            print("\n".join(describe_fields(kind)))
        raise typer.Exit()

    return callback


LISTING_VARIANTS = {"periods": "--by year|month"}  # a second listing of one command


def fields_option(*kinds: str) -> Any:
    """``--fields a,b,c`` for a command whose listings are of these kinds."""
    return typer.Option(
        "--fields",
        help="Only these fields, in this order (comma-separated), in plain, csv, tsv, "
        "markdown, json and jsonl; 'help' lists them.",
        metavar="FIELD,...",
        is_eager=True,
        callback=_list_fields(kinds),
    )


TimelineFormat = Annotated[str | None, format_option("events", "periods", not_with="with --by")]
QuotesFormat = Annotated[str | None, format_option("claims")]
PeopleFormat = Annotated[str | None, format_option("people")]
SearchFormat = Annotated[str | None, format_option("hits")]
SourcesFormat = Annotated[str | None, format_option("sources")]
ConflictsFormat = Annotated[str | None, format_option("conflicts")]
FacetsFormat = Annotated[str | None, format_option("facets")]
VerifyFormat = Annotated[str | None, format_option("findings")]
TimelineFields = Annotated[str | None, fields_option("events", "periods")]
QuotesFields = Annotated[str | None, fields_option("claims")]
PeopleFields = Annotated[str | None, fields_option("people")]
SearchFields = Annotated[str | None, fields_option("hits")]
SourcesFields = Annotated[str | None, fields_option("sources")]
ConflictsFields = Annotated[str | None, fields_option("conflicts")]
FacetsFields = Annotated[str | None, fields_option("facets")]
VerifyFields = Annotated[str | None, fields_option("findings")]
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
        help="From DATE on: 2024, 2024-12, 2024-12-08, 'Dec 2024', '8 Dec 2024', yesterday, "
        "'last month', '2 weeks ago', 2024-10/2025-03 (its start).",
        metavar="DATE",
        parser=DateOption("--since"),
    ),
]
UntilOption = Annotated[
    UserDate | None,
    typer.Option(
        "--until",
        help="Up to DATE, inclusive: --until 'last month' ends on its last day.",
        metavar="DATE",
        parser=DateOption("--until"),
    ),
]
OnOption = Annotated[
    UserDate | None,
    typer.Option(
        "--on",
        help="On DATE, at its precision: --on 2025-10 is all of October, --on 'last week' "
        "Monday to Sunday of the week before this one.",
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


def output_options(
    ctx: typer.Context, fmt: str | None, output: str | None, raw: bool, fields: str | None = None
) -> Any:
    """The output flags as one value; ``fields`` as typed (checked by choose_format, which
    knows the listing and the format)."""
    from synews_cli.render.output import OutputOptions

    app = state(ctx)
    protected = tuple(app.protected()) if output not in (None, "-") else ()
    return OutputOptions(
        format=fmt,
        output=output,
        raw_cells=raw,
        color=app.color,
        protected=protected,
        fields=None if fields is None else _field_names(fields),
    )


def _field_names(value: str) -> tuple[str, ...]:
    """``id, date,,text`` -> ``("id", "date", "text")``: spaces and empty items dropped."""
    return tuple(name.strip() for name in value.split(",") if name.strip())


def date_filter(since: UserDate | None, until: UserDate | None, on: UserDate | None) -> Any:
    from synews_cli.query.filters import DateFilter

    return DateFilter.from_options(since=since, until=until, on=on)
