"""Commands about the story across outlets: sources (the bibliography), conflicts (where
outlets disagree) and facets (the places, actors, tags and topics in use).

No ``from __future__ import annotations`` here (see browse.py).
"""

from typing import Annotated

import typer

from synews_cli.cli.app import state
from synews_cli.cli.options import (
    ConflictsFields,
    ConflictsFormat,
    FacetsFields,
    FacetsFormat,
    NoColorOption,
    OutputOption,
    RawOption,
    SourcesFields,
    SourcesFormat,
    output_options,
)
from synews_cli.cli.types import Choice
from synews_cli.cli.views import links
from synews_cli.model import CONFLICT_KINDS, NAME_KINDS

FACET_KINDS = {f"{kind}s": kind for kind in NAME_KINDS}  # places -> place ...


def sources(
    ctx: typer.Context,
    fmt: SourcesFormat = None,
    fields: SourcesFields = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The bibliography: every source, the account it belongs to, and what cites it."""
    from synews_cli.query.accounts import bibliography
    from synews_cli.render.output import choose_format, emit
    from synews_cli.render.story_records import sources_listing

    options = output_options(ctx, fmt, output, raw_cells, fields)
    chosen = choose_format(options, "sources")
    dataset = state(ctx).dataset(full_text=False)
    emit(sources_listing(bibliography(dataset), links(dataset), ()), options, chosen)


def conflicts(
    ctx: typer.Context,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="dates (an item's sources disagree on its date) or contradicts (items "
            "marked as contradicting each other); repeatable.",
            metavar="KIND",
            parser=Choice("--kind", CONFLICT_KINDS),
        ),
    ] = None,
    fmt: ConflictsFormat = None,
    fields: ConflictsFields = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Where outlets disagree: dates that share no day, and items that contradict each other."""
    from synews_cli.query.conflicts import find_conflicts
    from synews_cli.render.output import choose_format, emit
    from synews_cli.render.story_records import conflicts_listing

    kinds = tuple(kind or ())
    options = output_options(ctx, fmt, output, raw_cells, fields)
    chosen = choose_format(options, "conflicts")
    dataset = state(ctx).dataset(full_text=False)
    found = find_conflicts(dataset, kinds)
    filters = [f"--kind {k}" for k in kinds]
    emit(conflicts_listing(found, links(dataset), filters), options, chosen)


def facets(
    ctx: typer.Context,
    which: Annotated[
        list[str] | None,
        typer.Argument(
            help="places, actors, tags or topics (default: all four).",
            metavar="[places|actors|tags|topics]...",
            show_default=False,
            parser=Choice(
                "facets",
                tuple(FACET_KINDS),
                aliases={singular: plural for plural, singular in FACET_KINDS.items()},
            ),
        ),
    ] = None,
    fmt: FacetsFormat = None,
    fields: FacetsFields = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The places, actors, tags and topics in use, each in its chosen spelling, with counts."""
    from synews_cli.query.names import facets as values_in_use
    from synews_cli.render.output import choose_format, emit
    from synews_cli.render.story_records import facets_listing

    kinds = [FACET_KINDS[w] for w in dict.fromkeys(which or FACET_KINDS)]
    options = output_options(ctx, fmt, output, raw_cells, fields)
    chosen = choose_format(options, "facets")
    dataset = state(ctx).dataset(full_text=False)
    found = [facet for kind in kinds for facet in values_in_use(dataset, kind)]
    emit(facets_listing(found, links(dataset), list(which or ())), options, chosen)
