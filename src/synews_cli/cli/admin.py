"""Commands that manage what synews keeps: db, and the cache.

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each. Annotations in this
module must therefore be valid at run time.
"""

from typing import Annotated

import typer

from synews_cli.cli.app import handled, state

# --- db ------------------------------------------------------------------------------------


@handled
def db(
    ctx: typer.Context,
    out: Annotated[str, typer.Argument(help="The SQLite file to write.", metavar="OUT.sqlite")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUT.sqlite if it exists.")
    ] = False,
) -> None:
    """Write the dataset as a standalone SQLite database (docs/database.md)."""
    from synews_cli.render.output import message
    from synews_cli.store.export import describe_counts, write_database

    counts = write_database(state(ctx).dataset(), out, force=force)
    message(f"wrote {describe_counts(counts)} to {out}")


# --- cache ---------------------------------------------------------------------------------

cache_app = typer.Typer(
    name="cache",
    help="Show or remove the index that makes queries of large datasets fast.",
    no_args_is_help=True,
)


@cache_app.command("info")
@handled
def cache_info(ctx: typer.Context) -> None:
    """Where the index is kept, and what each index file holds."""
    from synews_cli.store.index import cache_dir, describe, disabled, index_files

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
    from synews_cli.render.output import message
    from synews_cli.store.index import cache_dir, clear

    removed, freed = clear()
    message(
        f"removed {removed} index file{'s' if removed != 1 else ''} "
        f"({freed / 1e6:.1f} MB) from {cache_dir()}"
    )
