"""The command line: flags -> a query and an output choice -> the library. Thin on purpose.

Domain errors are raised deep in the library and translated here, once, into one line
on stderr and a documented exit code (see errors.py). Heavy modules (Rich, dateutil,
renderers) are imported by the code paths that need them, not at start-up.

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each (measured: 3 ms of
start-up). Annotations in this module must therefore be valid at run time; name types
imported only for type checking in quotes (``"Dataset"``).
"""

import contextlib
import functools
import gc
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from synews_cli import __version__
from synews_cli.errors import EXIT_DATA, DataError, Problem, SynewsError

if TYPE_CHECKING:
    from synews_cli.model import Dataset

app = typer.Typer(
    name="synews",
    help="Query a curated, sourced dataset of news events and attributed statements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: Rich costs 60 ms of start-up for `synews --help`.
    rich_markup_mode=None,
    epilog="Exit codes: 0 success (also when nothing matched), 1 invalid data or an I/O "
    "failure, 2 usage error. Run 'synews COMMAND --help' for a command's options.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

MAX_PROBLEMS_SHOWN = 25


class AppState:
    """Global options, and the dataset once loaded (each command loads at most once)."""

    def __init__(
        self, data: list[str] | None = None, color: bool | None = None, no_cache: bool = False
    ) -> None:
        self.data = [] if data is None else data
        self.color = color
        self.no_cache = no_cache  # --no-cache; SYNEWS_NO_CACHE=1 does the same
        self._dataset: Dataset | None = None

    def paths(self) -> list[str]:
        from synews_cli.load import active_paths

        return active_paths(self.data)

    def use_cache(self) -> bool:
        from synews_cli.cache import disabled

        return not disabled(self.no_cache)

    def close(self) -> None:
        """At the end of the command (the root context closes): release the dataset."""
        if self._dataset is not None:
            self._dataset.close()

    def dataset(self) -> "Dataset":
        """Through the index (cache.py) unless it is disabled: the same data either way."""
        if self._dataset is None:
            from synews_cli.cache import load_dataset

            self._dataset = load_dataset(self.paths(), use_cache=self.use_cache())
        return self._dataset


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):
        obj = AppState()
        ctx.find_root().obj = obj
    return obj


# --- Errors at the edge ---------------------------------------------------------------------


def error_line(message: str, hint: str | None = None) -> None:
    print(f"Error: {message}", file=sys.stderr)
    if hint:
        print(f"  hint: {hint}", file=sys.stderr)


def print_problems(problems: list[Problem], warnings: list[Problem], *, limit: int | None) -> None:
    shown = problems if limit is None else problems[:limit]
    for problem in shown:
        print(problem, file=sys.stderr)
    if limit is not None and len(problems) > limit:
        print(f"... and {len(problems) - limit} more", file=sys.stderr)
    for warning in warnings:
        print(warning, file=sys.stderr)


def quiet_broken_pipe() -> None:
    """The reader went away (``| head -1``): stop quietly, and keep Python's final flush
    of stdout from raising again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


F = TypeVar("F", bound=Callable[..., Any])


def handled(function: F) -> F:
    """Translate domain errors into one message and an exit code, for every command."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DataError as error:
            print_problems(error.problems, [], limit=MAX_PROBLEMS_SHOWN)
            error_line(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except SynewsError as error:
            error_line(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            quiet_broken_pipe()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


# --- Shared options --------------------------------------------------------------------------

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, plain, csv, tsv, json, jsonl, markdown, html, timelinejs "
        "[default: table on a terminal, plain in a pipe or from the -o extension]",
        show_default=False,
        metavar="FORMAT",
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically) instead of stdout; '-' is stdout.",
        metavar="FILE",
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
    str | None,
    typer.Option(
        "--since",
        help="From DATE on: 2024, 2024-12, 2024-12-08, 'Dec 2024', '8 Dec 2024'.",
        metavar="DATE",
    ),
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Up to DATE, inclusive.", metavar="DATE")
]
OnOption = Annotated[
    str | None,
    typer.Option(
        "--on", help="On DATE, at its precision: --on 2025-10 is all of October.", metavar="DATE"
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
    from synews_cli.output import OutputOptions

    return OutputOptions(format=fmt, output=output, raw_cells=raw, color=state(ctx).color)


def date_filter(since: str | None, until: str | None, on: str | None) -> Any:
    from synews_cli.query import DateFilter

    return DateFilter.from_options(since=since, until=until, on=on)


# --- Global options --------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        print(f"synews {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            "-d",
            help="A dataset file or folder of *.toml (repeatable). Replaces SYNEWS_DATA "
            "and the bundled dataset.",
            metavar="PATH",
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (NO_COLOR=1 does the same).")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read the TOML files, not the index kept in the cache folder "
            "(SYNEWS_NO_CACHE=1 does the same).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Query a curated, sourced dataset of news events and attributed statements.

    The bundled dataset covers Russia's military bases in Syria after the fall of Bashar
    al-Assad. Use --data or SYNEWS_DATA to query your own TOML files.
    Exit codes: 0 success (also when nothing matched), 1 invalid data or I/O failure,
    2 usage error.
    """
    ctx.obj = AppState(data=list(data or []), color=False if no_color else None, no_cache=no_cache)
    ctx.call_on_close(ctx.obj.close)


# --- check ---------------------------------------------------------------------------------


@app.command()
@handled
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or folders to check [default: the active dataset].", metavar="[PATH]..."
        ),
    ] = None,
) -> None:
    """Validate dataset files: every problem, with file, line, item and field."""
    from synews_cli.cache import check_paths, item_counts

    targets = list(paths) if paths else state(ctx).paths()
    report = check_paths(targets, use_cache=state(ctx).use_cache())
    if report.dataset is not None:
        ctx.call_on_close(report.dataset.close)
    print_problems(report.problems, report.warnings, limit=None)
    if report.problems:
        count = len(report.problems)
        error_line(
            f"{count} problem{'s' if count != 1 else ''} in {', '.join(targets)}",
            "fix the lines above; docs/data-format.md describes every field",
        )
        raise typer.Exit(EXIT_DATA)
    dataset = report.dataset
    assert dataset is not None
    warned = f", {len(report.warnings)} warnings" if report.warnings else ""
    counts = item_counts(dataset)
    print(
        f"ok: {counts['events']} events, {counts['claims']} statements, "
        f"{counts['people']} people, {counts['sources']} sources "
        f"in {len(dataset.files)} file{'s' if len(dataset.files) != 1 else ''}{warned}",
        file=sys.stderr,
    )


# --- timeline ------------------------------------------------------------------------------


@app.command()
@handled
def timeline(
    ctx: typer.Context,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    place: Annotated[
        list[str] | None,
        typer.Option("--place", help="Where (repeatable, any matches).", metavar="PLACE"),
    ] = None,
    actor: Annotated[
        list[str] | None, typer.Option("--actor", help="Who acted (repeatable).", metavar="ACTOR")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="Tag (repeatable).", metavar="TAG")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", help="Text in title, summary, places, actors or tags.", metavar="TEXT"
        ),
    ] = None,
    limit: LimitOption = None,
    reverse: ReverseOption = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Count events and statements per year or month, as a bar chart "
            "(csv/json: the counts).",
            metavar="year|month",
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The dated story: events in chronological order."""
    from synews_cli.listings import events_listing
    from synews_cli.output import emit
    from synews_cli.query import EventQuery, select_events

    query = EventQuery(
        dates=date_filter(since, until, on),
        places=tuple(place or ()),
        actors=tuple(actor or ()),
        tags=tuple(tag or ()),
        search=search,
        limit=limit,
        reverse=reverse,
    )
    options = output_options(ctx, fmt, output, raw_cells)
    if by is not None:
        from synews_cli.overview import build_overview, check_unit, periods_listing

        unit = check_unit(by)  # a usage error comes before any loading
        dataset = state(ctx).dataset()
        overview = build_overview(dataset, query, unit=unit)
        emit(periods_listing(dataset, overview, [*query.describe(), f"--by {unit}"]), options)
        return
    dataset = state(ctx).dataset()
    events = select_events(dataset, query)
    emit(events_listing(dataset, events, query.describe()), options)


# --- quotes --------------------------------------------------------------------------------


@app.command()
@handled
def quotes(
    ctx: typer.Context,
    speaker: Annotated[
        list[str] | None,
        typer.Option("--speaker", help="Name, surname, alias or id (repeatable).", metavar="NAME"),
    ] = None,
    affiliation: Annotated[
        list[str] | None,
        typer.Option("--affiliation", help="Speaker's organisation.", metavar="ORG"),
    ] = None,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", help="Topic (repeatable).", metavar="TOPIC")
    ] = None,
    about: Annotated[
        list[str] | None,
        typer.Option("--about", help="Statements about EVENT_ID.", metavar="EVENT_ID"),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="quote, paraphrase or no-comment.", metavar="KIND"),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", help="open, came-true, proved-false or disputed.", metavar="STATUS"
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", help="Text in the statement or speaker.", metavar="TEXT"),
    ] = None,
    limit: LimitOption = None,
    reverse: ReverseOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Who said what: attributed statements in date order."""
    from synews_cli.listings import claims_listing
    from synews_cli.output import emit, message
    from synews_cli.query import ClaimQuery, select_claims

    query = ClaimQuery(
        dates=date_filter(since, until, on),
        speakers=tuple(speaker or ()),
        affiliations=tuple(affiliation or ()),
        topics=tuple(topic or ()),
        about=tuple(about or ()),
        kinds=tuple(kind or ()),
        statuses=tuple(status or ()),
        search=search,
        limit=limit,
        reverse=reverse,
    )
    options = output_options(ctx, fmt, output, raw_cells)
    dataset = state(ctx).dataset()
    selection = select_claims(dataset, query)
    for match in selection.speaker_matches:
        if len(match.people) > 1:
            names = ", ".join(p.name for p in match.people)
            message(f"note: --speaker {match.name!r} matches {len(match.people)} people: {names}")
    emit(claims_listing(dataset, selection.claims, query.describe()), options)


# --- people --------------------------------------------------------------------------------


@app.command()
@handled
def people(
    ctx: typer.Context,
    affiliation: Annotated[
        list[str] | None,
        typer.Option("--affiliation", help="Organisation (repeatable).", metavar="ORG"),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", help="Text in name, alias, role or affiliation.", metavar="TEXT"
        ),
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Who's who: every speaker, with how often and when they spoke."""
    from synews_cli.listings import people_listing
    from synews_cli.output import emit
    from synews_cli.query import PeopleQuery, select_people

    query = PeopleQuery(affiliations=tuple(affiliation or ()), search=search, limit=limit)
    options = output_options(ctx, fmt, output, raw_cells)
    dataset = state(ctx).dataset()
    emit(people_listing(dataset, select_people(dataset, query), query.describe()), options)


# --- search --------------------------------------------------------------------------------


@app.command()
@handled
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help='Words (all must match), "exact phrase", -word (exclude), word* (prefix), '
            'a OR b. Quote the whole query for the shell: synews search \'"naval base" '
            "-Israel'; put -- before a query that starts with -.",
            metavar="QUERY",
            show_default=False,
        ),
    ],
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="event, claim or person (repeatable).", metavar="KIND"),
    ] = None,
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            "--speaker", help="Statements by this name, alias or id (repeatable).", metavar="NAME"
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    sort: Annotated[
        str,
        typer.Option("--sort", help="relevance (best first) or date.", metavar="relevance|date"),
    ] = "relevance",
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=1,
            help="Show at most N hits (default: 20 on a terminal, all in a pipe or a file).",
            metavar="N",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Search events, statements and people at once, best match first."""
    from synews_cli.search import SearchRequest, default_limit, emit_search
    from synews_cli.search import search as run

    options = output_options(ctx, fmt, output, raw_cells)
    request = SearchRequest(
        query=" ".join(query),
        kinds=tuple(kind or ()),
        speakers=tuple(speaker or ()),
        dates=date_filter(since, until, on),
        sort=sort,
        limit=limit if limit is not None else default_limit(options),
    )
    emit_search(run(state(ctx).dataset(), request), request, options)


# --- show ----------------------------------------------------------------------------------


@app.command()
@handled
def show(
    ctx: typer.Context,
    item_id: Annotated[
        str, typer.Argument(help="An event, statement, person or source id.", metavar="ID")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, plain or json [default: table on a terminal, plain in a pipe]",
            show_default=False,
            metavar="FORMAT",
        ),
    ] = None,
    no_color: NoColorOption = False,
) -> None:
    """Everything about one item, and what links to it."""
    from synews_cli.detail import render_detail

    dataset = state(ctx).dataset()
    render_detail(dataset, item_id, fmt=fmt, color=state(ctx).color)


# --- db ------------------------------------------------------------------------------------


@app.command()
@handled
def db(
    ctx: typer.Context,
    out: Annotated[str, typer.Argument(help="The SQLite file to write.", metavar="OUT.sqlite")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUT.sqlite if it exists.")
    ] = False,
) -> None:
    """Write the dataset as a standalone SQLite database (docs/database.md)."""
    from synews_cli.dbexport import describe_counts, write_database
    from synews_cli.output import message

    counts = write_database(state(ctx).dataset(), out, force=force)
    message(f"wrote {describe_counts(counts)} to {out}")


# --- cache ---------------------------------------------------------------------------------

cache_app = typer.Typer(
    name="cache",
    help="Show or remove the index that makes queries of large datasets fast.",
    no_args_is_help=True,
)
app.add_typer(cache_app)


@cache_app.command("info")
@handled
def cache_info(ctx: typer.Context) -> None:
    """Where the index is kept, and what each index file holds."""
    from synews_cli.cache import cache_dir, describe, disabled, index_files

    folder = cache_dir()
    files = index_files(folder)
    print(f"cache folder: {folder}")
    if disabled(state(ctx).no_cache):
        print("the cache is disabled (--no-cache or SYNEWS_NO_CACHE)")
    if not files:
        print("no index files")
    for path in files:
        info = describe(path)
        print(f"{path.name}: {info['bytes'] / 1e6:.1f} MB")
        if info.get("unreadable"):
            print("  unreadable (it will be rebuilt when next used)")
            continue
        print(f"  dataset: {', '.join(info['dataset'])}")
        print(
            f"  {info['files']} files, {info['events']} events, {info['claims']} statements, "
            f"{info['people']} people, {info['sources']} sources"
        )
        state_word = "valid" if info["valid"] else "has problems"
        version_word = "" if info["current"] else "; from another synews version: rebuilt when used"
        print(f"  data {state_word}{version_word}")


@cache_app.command("clear")
@handled
def cache_clear() -> None:
    """Remove every index file (they are rebuilt when next needed)."""
    from synews_cli.cache import cache_dir, clear
    from synews_cli.output import message

    removed, freed = clear()
    message(
        f"removed {removed} index file{'s' if removed != 1 else ''} "
        f"({freed / 1e6:.1f} MB) from {cache_dir()}"
    )


# --- extract and verify (curation tools) ---------------------------------------------------


@app.command()
@handled
def extract(
    ctx: typer.Context,
    article: Annotated[
        str,
        typer.Argument(
            help="A plain-text English news article ('-' for stdin).", metavar="ARTICLE.txt"
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="The source id to cite; a [[sources]] entry is drafted when the active "
            "dataset does not have it.",
            metavar="ID",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="The article's date (EDTF such as 2025-10, or '20 Oct 2025'), for relative "
            "dates; required when the text does not say.",
            metavar="DATE",
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="The publisher, for the drafted source.", metavar="NAME"),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the draft to FILE (atomically) instead of stdout.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Draft dataset TOML (people, statements, candidate events) from an article, for review."""
    from pathlib import Path
    from typing import TextIO

    from synews_cli.extract import extract_article, read_article, relative_text_file
    from synews_cli.output import message, write_atomically

    app_state = state(ctx)
    extends = app_state.data or os.environ.get("SYNEWS_DATA")  # the bundled data: no
    to_file = bool(output and output != "-")
    where = None if to_file else "text_file is relative to the current folder: fix it if needed"
    draft = extract_article(
        read_article(article),
        published=published,
        source_id=source,
        outlet=outlet,
        article_name=article if article != "-" else "stdin",
        text_file=relative_text_file(article, output),
        text_file_review=where,
        dataset=app_state.dataset() if extends else None,
    )
    rendered = draft.to_toml()
    counts = draft.describe()
    if to_file:
        assert output is not None

        def write(out: TextIO) -> None:
            out.write(rendered)

        write_atomically(Path(output), write)
        message(f"wrote a draft of {counts} to {output}; review it, then run synews check")
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()
        message(f"drafted {counts}; review it, then run synews check")


@app.command()
@handled
def verify(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None,
        typer.Option(
            "--text",
            help="The text of source ID is in FILE (repeatable); wins over its text_file.",
            metavar="ID=FILE",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 also on warnings: quoted passages no claim records, quotes not "
            "between quotation marks, unreadable texts.",
        ),
    ] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Check every quote against its source's text: misquotes, and quotes not recorded."""
    from synews_cli.output import message
    from synews_cli.verify import emit_findings, parse_text_options, verify_dataset

    dataset = state(ctx).dataset()
    report = verify_dataset(dataset, texts=parse_text_options(text or [], dataset))
    emit_findings(report, output_options(ctx, fmt, output, raw_cells))
    message(report.summary())
    code = report.exit_code(strict=strict)
    if code:
        raise typer.Exit(code)


# Global options that take a value: the word after them is not a command name.
_VALUE_OPTIONS = ("--data", "-d")


def invoked_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, when it plainly runs one: global options, then a known
    command name. None when help, the version, completion or an unknown word comes first."""
    names = {_command_name(info) for info in app.registered_commands}
    names.update(filter(None, (_group_name(group) for group in app.registered_groups)))
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in ("-h", "--help", "--version", "--"):
            return None
        if word in _VALUE_OPTIONS:
            index += 2
        elif word.startswith("-"):
            index += 1
        else:
            return word if word in names else None
    return None


def _command_name(info: typer.models.CommandInfo) -> str:
    if info.name:
        return info.name
    assert info.callback is not None
    return typer.main.get_command_name(info.callback.__name__)


def _group_name(info: typer.models.TyperInfo) -> str | None:
    if isinstance(info.name, str):
        return info.name
    inner = info.typer_instance.info.name if info.typer_instance else None
    return inner if isinstance(inner, str) else None


@contextlib.contextmanager
def only_command(name: str | None) -> Iterator[None]:
    """Let Typer build just the command that runs: it builds every registered command's
    parameters on each run, ~3 ms of start-up for the ten that do not (README,
    "Performance"). Help and errors for the command itself are the same."""
    if name is None:
        yield
        return
    commands, groups = app.registered_commands, app.registered_groups
    app.registered_commands = [c for c in commands if _command_name(c) == name]
    app.registered_groups = [g for g in groups if _group_name(g) == name]
    try:
        yield
    finally:
        app.registered_commands, app.registered_groups = commands, groups


def main() -> None:
    """The console script: run the app; never let a traceback reach the user."""
    # Typer, Click and this module live as long as the process: moved out of the garbage
    # collector's sight, they are not traversed again by every collection that the imports
    # and records to come set off, nor at exit (~8 ms of start-up). Records hold no cycles,
    # so fewer, larger collections lose nothing and save ~13% of a query that materialises
    # 30,000 of them (README, "Performance").
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    if not sys.warnoptions:
        # A library's warning prints as a line of Python source: users get sentences. (The
        # recipe in Python's warnings documentation; `python -W` still shows them.)
        warnings.simplefilter("ignore")
    try:
        # Shell completion (Click reads _SYNEWS_COMPLETE) needs every command.
        completing = "_SYNEWS_COMPLETE" in os.environ
        with only_command(None if completing else invoked_command(sys.argv[1:])):
            app(prog_name="synews")
    except BrokenPipeError:
        quiet_broken_pipe()
        sys.exit(0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except SynewsError as error:  # raised outside a command, e.g. in a callback
        error_line(error.message, error.hint)
        sys.exit(error.exit_code)
    except Exception as error:
        error_line(
            f"internal error: {type(error).__name__}: {error}",
            "this is a bug in synews; please report it with the command you ran",
        )
        sys.exit(EXIT_DATA)
    finally:
        # The process ends now: Python's last collections would traverse every record
        # still alive to find nothing to free (~0.1 s after 30,000 records).
        gc.freeze()
