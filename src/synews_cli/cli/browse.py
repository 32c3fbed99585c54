"""Commands that read the story: timeline, quotes, people, search, show.

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each. Annotations in this
module must therefore be valid at run time.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from synews_cli.cli.app import state
from synews_cli.cli.completion import (
    complete_actors,
    complete_affiliations,
    complete_event_ids,
    complete_ids,
    complete_places,
    complete_speakers,
    complete_tags,
    complete_topics,
)
from synews_cli.cli.options import (
    LimitOption,
    MinSourcesOption,
    NoColorOption,
    OnOption,
    OutputOption,
    PeopleFields,
    PeopleFormat,
    QuotesFields,
    QuotesFormat,
    RawOption,
    ReverseOption,
    SearchFields,
    SearchFormat,
    SinceOption,
    SourceOption,
    TimelineFields,
    TimelineFormat,
    UntilOption,
    date_filter,
    output_options,
)
from synews_cli.cli.types import Choice, NonEmpty
from synews_cli.cli.views import links, note_ambiguous, nothing_note, searching
from synews_cli.model import CLAIM_KINDS, CLAIM_STATUSES, EVENT_STATUSES, Person

if TYPE_CHECKING:
    pass

SHOW_FORMATS = ("table", "plain", "json")
TERMINAL_HITS = 20  # synews search on a terminal; every hit in a pipe or a file
HIT_KINDS = ("event", "claim", "person")
HIT_KIND_ALIASES = {
    "events": "event",
    "claims": "claim",
    "statement": "claim",
    "statements": "claim",
    "quote": "claim",
    "quotes": "claim",
    "people": "person",
}

# --- timeline ------------------------------------------------------------------------------


def timeline(
    ctx: typer.Context,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    place: Annotated[
        list[str] | None,
        typer.Option(
            "--place",
            help="Where (repeatable, any matches).",
            metavar="PLACE",
            parser=NonEmpty("--place", "give a place, such as --place Tartus"),
            autocompletion=complete_places,
        ),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            help="Who acted (repeatable).",
            metavar="ACTOR",
            parser=NonEmpty("--actor", "give an actor, such as --actor Russia"),
            autocompletion=complete_actors,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            help="Tag (repeatable).",
            metavar="TAG",
            parser=NonEmpty("--tag", "give a tag"),
            autocompletion=complete_tags,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="happened, expected (announced, not yet happened) or cancelled (repeatable).",
            metavar="STATUS",
            parser=Choice("--status", ("happened", *EVENT_STATUSES)),
        ),
    ] = None,
    source: SourceOption = None,
    min_sources: MinSourcesOption = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Search query (as in 'synews search') in title, summary, places, actors, "
            "tags or note.",
            metavar="QUERY",
            parser=NonEmpty(
                "--search", "give words to search for; 'synews search --help' shows the syntax"
            ),
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
            parser=Choice(
                "--by",
                ("year", "month"),
                aliases={"years": "year", "months": "month"},
                refusal="is not a period",
                hint="use --by year or --by month",
            ),
        ),
    ] = None,
    fmt: TimelineFormat = None,
    fields: TimelineFields = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The dated story: events in chronological order."""
    from synews_cli.query.filters import EventQuery, select_events
    from synews_cli.render.output import choose_format, emit
    from synews_cli.render.records import events_listing

    query = EventQuery(
        dates=date_filter(since, until, on),
        places=tuple(place or ()),
        actors=tuple(actor or ()),
        tags=tuple(tag or ()),
        statuses=tuple(status or ()),
        sources=tuple(source or ()),
        min_sources=min_sources,
        search=search,
        limit=limit,
        reverse=reverse,
    )
    options = output_options(ctx, fmt, output, raw_cells, fields)
    if by is not None:
        from synews_cli.query.overview import build_overview
        from synews_cli.render.records import periods_listing

        unit = by
        chosen = choose_format(options, "periods")
        dataset = state(ctx).dataset(**searching(search))
        overview = build_overview(dataset, query, unit=unit)
        filters = [*query.describe(), f"--by {unit}"]
        emit(periods_listing(overview, links(dataset, chosen), filters), options, chosen)
        return
    chosen = choose_format(options, "events")
    dataset = state(ctx).dataset(**searching(search))
    events = select_events(dataset, query)
    found = links(dataset, chosen, events=events)
    note = None if events else nothing_note(dataset, query, "events")
    emit(events_listing(events, found, query.describe()), options, chosen, empty_note=note)


# --- quotes --------------------------------------------------------------------------------


def quotes(
    ctx: typer.Context,
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            "--speaker",
            help="Name, surname, alias or id (repeatable).",
            metavar="NAME",
            parser=NonEmpty("--speaker", "give a name, surname, alias or id"),
            autocompletion=complete_speakers,
        ),
    ] = None,
    affiliation: Annotated[
        list[str] | None,
        typer.Option(
            "--affiliation",
            help="Speaker's organisation.",
            metavar="ORG",
            parser=NonEmpty(
                "--affiliation", "give an organisation, such as --affiliation 'Example Institute'"
            ),
            autocompletion=complete_affiliations,
        ),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            help="Topic (repeatable).",
            metavar="TOPIC",
            parser=NonEmpty("--topic", "give a topic"),
            autocompletion=complete_topics,
        ),
    ] = None,
    about: Annotated[
        list[str] | None,
        typer.Option(
            "--about",
            help="Statements about EVENT_ID.",
            metavar="EVENT_ID",
            parser=NonEmpty("--about", "give an event id"),
            autocompletion=complete_event_ids,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="quote, paraphrase or no-comment.",
            metavar="KIND",
            parser=Choice("--kind", CLAIM_KINDS),
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="open, came-true, proved-false or disputed.",
            metavar="STATUS",
            parser=Choice("--status", CLAIM_STATUSES),
        ),
    ] = None,
    source: SourceOption = None,
    min_sources: MinSourcesOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Search query (as in 'synews search') in the statement, its context and "
            "topics, or its speaker.",
            metavar="QUERY",
            parser=NonEmpty(
                "--search", "give words to search for; 'synews search --help' shows the syntax"
            ),
        ),
    ] = None,
    limit: LimitOption = None,
    reverse: ReverseOption = False,
    fmt: QuotesFormat = None,
    fields: QuotesFields = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Who said what: attributed statements in date order."""
    from synews_cli.query.filters import ClaimQuery, select_claims
    from synews_cli.render.output import choose_format, emit
    from synews_cli.render.records import claims_listing

    query = ClaimQuery(
        dates=date_filter(since, until, on),
        speakers=tuple(speaker or ()),
        affiliations=tuple(affiliation or ()),
        topics=tuple(topic or ()),
        about=tuple(about or ()),
        kinds=tuple(kind or ()),
        statuses=tuple(status or ()),
        sources=tuple(source or ()),
        min_sources=min_sources,
        search=search,
        limit=limit,
        reverse=reverse,
    )
    options = output_options(ctx, fmt, output, raw_cells, fields)
    chosen = choose_format(options, "claims")
    dataset = state(ctx).dataset(**searching(search))
    selection = select_claims(dataset, query)
    note_ambiguous(selection.speaker_matches)
    found = links(dataset, chosen, claims=selection.claims)
    note = None if selection.claims else nothing_note(dataset, query, "statements")
    listing = claims_listing(selection.claims, found, query.describe())
    emit(listing, options, chosen, empty_note=note)


# --- people --------------------------------------------------------------------------------


def people(
    ctx: typer.Context,
    affiliation: Annotated[
        list[str] | None,
        typer.Option(
            "--affiliation",
            help="Organisation (repeatable).",
            metavar="ORG",
            parser=NonEmpty(
                "--affiliation", "give an organisation, such as --affiliation 'Example Institute'"
            ),
            autocompletion=complete_affiliations,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Search query (as in 'synews search') in name, alias, role or affiliation.",
            metavar="QUERY",
            parser=NonEmpty(
                "--search", "give words to search for; 'synews search --help' shows the syntax"
            ),
        ),
    ] = None,
    limit: LimitOption = None,
    fmt: PeopleFormat = None,
    fields: PeopleFields = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Who's who: every speaker, with how often and when they spoke."""
    from synews_cli.query.people import PeopleQuery, select_people
    from synews_cli.render.output import choose_format, emit
    from synews_cli.render.records import people_listing

    query = PeopleQuery(affiliations=tuple(affiliation or ()), search=search, limit=limit)
    options = output_options(ctx, fmt, output, raw_cells, fields)
    chosen = choose_format(options, "people")
    dataset = state(ctx).dataset(**searching(search))
    found = select_people(dataset, query)
    emit(people_listing(found, links(dataset, chosen), query.describe()), options, chosen)


# --- search --------------------------------------------------------------------------------


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
        typer.Option(
            "--kind",
            help="event, claim or person (repeatable).",
            metavar="KIND",
            parser=Choice("--kind", HIT_KINDS, aliases=HIT_KIND_ALIASES),
        ),
    ] = None,
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            "--speaker",
            help="Statements by this name, alias or id (repeatable).",
            metavar="NAME",
            parser=NonEmpty("--speaker", "give a name, surname, alias or id"),
            autocompletion=complete_speakers,
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            help="relevance (best first) or date.",
            metavar="relevance|date",
            parser=Choice("--sort", ("relevance", "date")),
        ),
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
    fmt: SearchFormat = None,
    fields: SearchFields = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Search events, statements and people at once, best match first."""
    from synews_cli.query.people import summarise_people
    from synews_cli.query.search import SearchRequest, no_match_message
    from synews_cli.query.search import search as run
    from synews_cli.render.output import STDOUT, choose_format, emit, message, stdout_is_terminal
    from synews_cli.render.records import hits_listing

    options = output_options(ctx, fmt, output, raw_cells, fields)
    to_file = options.output not in (None, STDOUT)
    if limit is None and not to_file and stdout_is_terminal():
        limit = TERMINAL_HITS
    request = SearchRequest(
        query=" ".join(query),
        kinds=tuple(kind or ()),
        speakers=tuple(speaker or ()),
        dates=date_filter(since, until, on),
        sort=sort,
        limit=limit,
    )
    chosen = choose_format(options, "hits")
    dataset = state(ctx).dataset(words=True)  # prefixes and suggestions
    outcome = run(dataset, request)
    note_ambiguous(outcome.speaker_matches)
    people = [hit.item for hit in outcome.hits if isinstance(hit.item, Person)]
    summaries = summarise_people(dataset, people) if people else {}
    listing = hits_listing(outcome.hits, links(dataset, chosen), summaries, request.describe())
    if outcome.hits:
        emit(listing, options, chosen)
        if outcome.total > len(outcome.hits):
            message(f"showing {len(outcome.hits)} of {outcome.total} hits; --limit N shows more")
        return
    assert outcome.no_match is not None
    why = no_match_message(request, outcome.no_match)
    if to_file or chosen.machine:  # a valid empty document, and the reason on stderr
        emit(listing, options, chosen, empty_note=why)
    if to_file or not chosen.machine:
        message(why)


# --- show ----------------------------------------------------------------------------------


def show(
    ctx: typer.Context,
    item_id: Annotated[
        str,
        typer.Argument(
            help="An event, statement, person or source: its id, or words of its name, "
            "title or text ('Trad', 'Putin meeting'); several matches are listed.",
            metavar="ITEM",
            autocompletion=complete_ids,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, plain or json [default: table on a terminal, plain in a pipe]",
            show_default=False,
            metavar="FORMAT",
            parser=Choice("--format", SHOW_FORMATS, refusal="is not a format of show: {choices}"),
        ),
    ] = None,
    no_color: NoColorOption = False,
) -> None:
    """Everything about one item, and what links to it."""
    from synews_cli.query.links import links_of
    from synews_cli.query.resolve import resolve_item
    from synews_cli.render.detail import build_detail, render_detail

    dataset = state(ctx).dataset(full_text=False)
    item = resolve_item(dataset, item_id)
    detail = build_detail(item, links_of(dataset, item), links(dataset))
    render_detail(detail, fmt=fmt, color=state(ctx).color)
