"""Commands that read the story: timeline, quotes, people, search, show.

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each. Annotations in this
module must therefore be valid at run time.
"""

from typing import Annotated

import typer

from synews_cli.cli.app import handled, state
from synews_cli.cli.options import (
    FormatOption,
    LimitOption,
    NoColorOption,
    OnOption,
    OutputOption,
    RawOption,
    ReverseOption,
    SinceOption,
    UntilOption,
    date_filter,
    output_options,
)

# --- timeline ------------------------------------------------------------------------------


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
    from synews_cli.query.filters import EventQuery, select_events
    from synews_cli.render.output import emit
    from synews_cli.render.records import events_listing

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
        from synews_cli.query.overview import build_overview, check_unit, periods_listing

        unit = check_unit(by)  # a usage error comes before any loading
        dataset = state(ctx).dataset()
        overview = build_overview(dataset, query, unit=unit)
        emit(periods_listing(dataset, overview, [*query.describe(), f"--by {unit}"]), options)
        return
    dataset = state(ctx).dataset()
    events = select_events(dataset, query)
    emit(events_listing(dataset, events, query.describe()), options)


# --- quotes --------------------------------------------------------------------------------


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
    from synews_cli.query.filters import ClaimQuery, select_claims
    from synews_cli.render.output import emit, message
    from synews_cli.render.records import claims_listing

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
    from synews_cli.query.people import PeopleQuery, select_people
    from synews_cli.render.output import emit
    from synews_cli.render.records import people_listing

    query = PeopleQuery(affiliations=tuple(affiliation or ()), search=search, limit=limit)
    options = output_options(ctx, fmt, output, raw_cells)
    dataset = state(ctx).dataset()
    emit(people_listing(dataset, select_people(dataset, query), query.describe()), options)


# --- search --------------------------------------------------------------------------------


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
    from synews_cli.query.search import SearchRequest, default_limit, emit_search
    from synews_cli.query.search import search as run

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
    from synews_cli.render.detail import render_detail

    dataset = state(ctx).dataset()
    render_detail(dataset, item_id, fmt=fmt, color=state(ctx).color)
