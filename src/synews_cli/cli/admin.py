"""Commands that manage what synews keeps: db, and the cache.

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each. Annotations in this
module must therefore be valid at run time.
"""

from typing import Annotated

import typer

from synews_cli.cli.app import state
from synews_cli.cli.types import NonEmpty

# --- db ------------------------------------------------------------------------------------


def db(
    ctx: typer.Context,
    out: Annotated[
        str,
        typer.Argument(
            help="The SQLite file to write.",
            metavar="OUT.sqlite",
            parser=NonEmpty("OUT.sqlite", "give a file name, such as story.sqlite"),
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUT.sqlite if it exists.")
    ] = False,
) -> None:
    """Write the dataset as a standalone SQLite database (docs/database.md)."""
    from pathlib import Path

    from synews_cli.render.output import message
    from synews_cli.store.export import describe_counts, write_copy

    app_state = state(ctx)
    counts = write_copy(
        app_state.dataset(), Path(out), force=force, protected=app_state.protected()
    )
    message(f"wrote {describe_counts(counts)} to {out}")


# --- cache ---------------------------------------------------------------------------------

cache_app = typer.Typer(
    name="cache",
    help="Show or remove the stores that keep queries of large datasets fast.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@cache_app.command("info")
def cache_info(ctx: typer.Context) -> None:
    """Where the stores are kept, and what each holds."""
    from synews_cli.store.location import (
        cache_dir,
        describe,
        disabled,
        not_a_folder,
        store_files,
    )
    from synews_cli.text import one_line

    folder = cache_dir()
    found = store_files(folder)
    print(f"cache folder: {one_line(str(folder))}")
    if not_a_folder(folder):
        print("  not a folder: synews cannot keep stores there, and reads the files instead")
    if disabled(state(ctx).no_cache):
        print("the cache is disabled (--no-cache or SYNEWS_NO_CACHE)")
    if not found:
        print("no index files")
    for path in found:
        info = describe(path)
        print(f"{path.name}: {info.size / 1e6:.1f} MB")
        if not info.readable:
            print("  unreadable (it will be rebuilt when next used)")
            continue
        dataset = ", ".join(name for name in info.dataset if name) or "(not recorded)"
        print(f"  dataset: {one_line(dataset)}")
        counts = info.counts
        print(
            f"  {counts['files']} files, {counts['events']} events, {counts['claims']} "
            f"statements, {counts['people']} people, {counts['sources']} sources"
        )
        state_word = "valid" if info.valid else "has problems"
        version_word = "" if info.current else "; from another synews version: rebuilt when used"
        print(f"  data {state_word}{version_word}")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every store (they are rebuilt when next needed)."""
    from synews_cli.render.output import message
    from synews_cli.store.location import cache_dir, clear, not_a_folder

    if not_a_folder(cache_dir()):
        message(f"{cache_dir()} is not a folder; there is nothing of synews's to remove")
        return
    removed, freed = clear()
    message(
        f"removed {removed} index file{'s' if removed != 1 else ''} "
        f"({freed / 1e6:.1f} MB) from {cache_dir()}"
    )
