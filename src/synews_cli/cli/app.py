"""The Typer app and its global options; the state a command shares; errors at the edge.

Domain errors are raised deep in the library and translated here, once, into one line
on stderr and a documented exit code (see errors.py).

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each. Annotations in this
module must therefore be valid at run time.
"""

import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from synews_cli import __version__
from synews_cli.errors import DataError, Problem, SynewsError

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
        from synews_cli.dataset.paths import active_paths

        return active_paths(self.data)

    def use_cache(self) -> bool:
        from synews_cli.store.index import disabled

        return not disabled(self.no_cache)

    def close(self) -> None:
        """At the end of the command (the root context closes): release the dataset."""
        if self._dataset is not None:
            self._dataset.close()

    def dataset(self) -> "Dataset":
        """Through the index (cache.py) unless it is disabled: the same data either way."""
        if self._dataset is None:
            from synews_cli.store.index import load_dataset

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
