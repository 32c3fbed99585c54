"""The Typer app and its global options; the state a command shares; errors at the edge.

Domain errors are raised deep in the library and translated here, once, into one line
on stderr and a documented exit code (see errors.py).

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each. Annotations in this
module must therefore be valid at run time.
"""

import importlib
import os
import sqlite3
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from synews_cli import __version__
from synews_cli.cli.messages import note, quiet_broken_pipe, report
from synews_cli.cli.types import Choice, NonEmpty
from synews_cli.errors import EXIT_DATA, DataError, DataIOError, SynewsError, UsageError

if TYPE_CHECKING:
    from synews_cli.store.reader import Store


class AppState:
    """Global options, and the store once opened (each command opens it at most once)."""

    def __init__(
        self, data: list[str] | None = None, color: bool | None = None, no_cache: bool = False
    ) -> None:
        self.data = [] if data is None else data
        self.color = color
        self.no_cache = no_cache  # --no-cache; SYNEWS_NO_CACHE=1 does the same
        self._store: Store | None = None
        # The exit code the command will give, once it knows it before its output (check
        # with problems, verify with misquotes): a reader that goes away does not change it.
        self.outcome = 0

    def paths(self) -> list[str]:
        from synews_cli.dataset.paths import active_paths

        return active_paths(self.data)

    def data_files(self) -> list[str]:
        """The files of the active dataset (which no output may replace)."""
        from synews_cli.dataset.paths import expand_paths

        return [str(path) for path in expand_paths(self.paths(), [])]

    def protected(self) -> list[str]:
        """What no output may write: the dataset's files, and its folders, where a new
        .toml file would become one of its files."""
        return [*self.data_files(), *(path for path in self.paths() if os.path.isdir(path))]

    def use_cache(self) -> bool:
        from synews_cli.store.location import disabled

        return not disabled(self.no_cache)

    def close(self) -> None:
        """At the end of the command (the root context closes): release the store."""
        if self._store is not None:
            self._store.close()

    def store(
        self,
        paths: list[str] | None = None,
        *,
        full_text: bool = True,
        words: bool = False,
        warnings: bool = False,
    ) -> "Store":
        """The store of ``paths`` (else of the active dataset), in step with its files,
        whether valid or not. A command that searches no text says so (``full_text``
        false): a first build leaves the full-text index for later; one that may ask for
        words as written (prefixes, suggestions) says so too (``words``), and one that
        shows the curator's warnings (``warnings``)."""
        if self._store is None:
            from synews_cli.cli.progress import ProgressBar
            from synews_cli.store import open_store

            self._store = open_store(
                paths or self.paths(),
                cached=self.use_cache(),
                on_file=ProgressBar(),
                full_text=full_text,
                words=words,
                warnings=warnings,
            )
            for text in self._store.notes:
                note(text)
        return self._store

    def store_path(self) -> Path | None:
        """The file of the store this command opened, when it opened a cached one."""
        return None if self._store is None else self._store.path

    def dataset(self, *, full_text: bool = True, words: bool = False) -> "Store":
        """The active dataset, which must be valid: else a DataError lists its problems."""
        store = self.store(full_text=full_text, words=words)
        if not store.valid:
            raise DataError(store.problems(), store.warnings())
        return store


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):
        obj = AppState()
        ctx.find_root().obj = obj
    return obj


def _report(error: SynewsError) -> None:
    try:
        report(error)
    except BrokenPipeError:  # stderr went away: the exit code still says what happened
        quiet_broken_pipe()


def _check_arguments(args: Any) -> None:
    """Every argument must be text: bytes that are not UTF-8 (``$'\\xff'``) reach Python as
    lone surrogates, which no file, database or terminal can take."""
    for arg in sys.argv[1:] if args is None else args:
        if isinstance(arg, str) and any("\udc80" <= ch <= "\udcff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(
                f"the argument '{shown}' is not UTF-8 text",
                hint="check your terminal's encoding (locale)",
            )


class _Damaged(Exception):
    """The cached store failed while a command read it (``path``)."""

    def __init__(self, path: Path, error: sqlite3.DatabaseError) -> None:
        super().__init__(str(error))
        self.path = path


def _too_large(error: sqlite3.DatabaseError) -> bool:
    """SQLite refused the question as too big to parse or bind (too deep an expression,
    too many values, too long a text): no sign of a damaged store."""
    if error.sqlite_errorname == "SQLITE_TOOBIG":
        return True
    text = str(error)
    too = ("too large", "too many", "too complex")  # depth, variables or terms, a pattern
    return error.sqlite_errorname == "SQLITE_ERROR" and any(word in text for word in too)


# Each command, in the order `synews --help` lists them: the module of cli/ that defines it,
# and its name there.
COMMANDS = {
    "check": ("curate", "check"),
    "timeline": ("browse", "timeline"),
    "quotes": ("browse", "quotes"),
    "people": ("browse", "people"),
    "search": ("browse", "search"),
    "show": ("browse", "show"),
    "sources": ("outlets", "sources"),
    "conflicts": ("outlets", "conflicts"),
    "facets": ("outlets", "facets"),
    "db": ("admin", "db"),
    "extract": ("curate", "extract"),
    "add": ("curate", "add"),
    "verify": ("curate", "verify"),
    "edit": ("curate", "edit"),
    "cache": ("admin", "cache_app"),
}


class LazyCommands(MutableMapping[str, Any]):
    """The commands, each built by Typer only when it is asked for (Click's lazy loading of
    subcommands): a run builds and imports the one command it runs; --help builds all."""

    def __init__(self) -> None:
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in COMMANDS:
                raise KeyError(name)
            module, attribute = COMMANDS[name]
            found = getattr(importlib.import_module(f"synews_cli.cli.{module}"), attribute)
            if not isinstance(found, typer.Typer):  # a command alone: Typer makes it one
                single = typer.Typer(
                    add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False
                )
                single.command(name=name)(found)
                found = single
            self.built[name] = typer.main.get_command(found)
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(COMMANDS), **self.built})

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self.built))


class Commands(TyperGroup):
    """synews's commands, and the one place where domain errors become a message and an
    exit code: those of option values (types.py), raised before a command runs, reach
    ``main``; those raised while it runs reach ``invoke``. (Click reports unknown options
    and missing arguments itself.) A cached store that fails while it is read (a damaged
    page) is removed and the command run once more, which builds it again."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands()

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get("_SYNEWS_COMPLETE"):  # the shell asks for completions
            return self.complete(*args, **kwargs)
        try:
            _check_arguments(kwargs.get("args", args[0] if args else None))
            try:
                return super().main(*args, **kwargs)
            except _Damaged as damaged:
                from synews_cli.store.location import remove

                note(f"the cached store was damaged ({damaged}); building it again")
                remove(damaged.path)
                return super().main(*args, **kwargs)
        except _Damaged as damaged:
            report(DataIOError(f"the cached store {damaged.path} cannot be read: {damaged}"))
            sys.exit(EXIT_DATA)
        except SynewsError as error:
            _report(error)
            sys.exit(error.exit_code)

    def complete(self, *args: Any, **kwargs: Any) -> Any:
        """A Tab in the shell, in Typer's protocol, which its scripts speak (Typer registers
        it only with add_completion; typer.completion imports it without re-exporting
        it). Whatever goes wrong (variables missing or garbled) gives no completions and
        no message, which the shell would print over the prompt."""
        from typer.completion import completion_init  # type: ignore[attr-defined]

        completion_init()
        try:
            return super().main(*args, **kwargs)
        except Exception:
            sys.exit(1)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SynewsError as error:
            _report(error)
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:  # the reader went away (| head): not an error in itself
            quiet_broken_pipe()
            raise typer.Exit(state(ctx).outcome) from None
        except sqlite3.DatabaseError as error:
            if _too_large(error):  # the question, not the store
                _report(
                    UsageError(
                        f"the question is too large for the store: {error}",
                        hint="ask with fewer values or words",
                    )
                )
                raise typer.Exit(UsageError.exit_code) from None
            path = state(ctx).store_path()
            if path is None:  # the store in memory: a bug, reported as one
                raise
            raise _Damaged(path, error) from None


app = typer.Typer(
    name="synews",
    cls=Commands,
    help="Query a curated, sourced dataset of news events and attributed statements.",
    no_args_is_help=True,
    # Typer's own pair detects the shell and ignores a shell named after it (--show-completion
    # fish printed bash's): main_options declares them taking the shell, with Typer's code.
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: Rich costs 60 ms of start-up for `synews --help`.
    rich_markup_mode=None,
    epilog="Exit codes: 0 success (also when nothing matched), 1 invalid data or an I/O "
    "failure, 2 usage error. Run 'synews COMMAND --help' for a command's options.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --- Global options --------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        print(f"synews {__version__}")
        raise typer.Exit()


SHELLS = ("bash", "zsh", "fish")


def _show_completion(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> None:
    if value is not None and not ctx.resilient_parsing:
        from typer.completion import show_callback

        show_callback(ctx, param, value)  # prints the script and exits


def _install_completion(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> None:
    if value is not None and not ctx.resilient_parsing:
        from typer.completion import install_callback

        try:
            install_callback(ctx, param, value)  # writes the shell's start-up file and exits
        except OSError as error:  # a folder where a file goes, a full disk, no permission
            where = error.filename or "the shell's start-up file"
            raise DataIOError(
                f"cannot install completion for {value}: {where}: {error.strerror or error}",
                hint=f"print the script with 'synews --show-completion {value}' and install "
                "it by hand (see README, Shell completion)",
            ) from None


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
            parser=NonEmpty("--data", "give a dataset file or folder, such as --data story/"),
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
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page the output (else a terminal pages it with SYNEWS_PAGER, PAGER "
            "or less -FRX).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
            help="Install completion of commands, options, ids and names for SHELL "
            "(bash, zsh or fish), in its start-up file.",
            metavar="SHELL",
            parser=Choice("--install-completion", SHELLS),
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            callback=_show_completion,
            is_eager=True,
            expose_value=False,
            help="Print the completion script for SHELL (bash, zsh or fish).",
            metavar="SHELL",
            parser=Choice("--show-completion", SHELLS),
        ),
    ] = None,
) -> None:
    """Query a curated, sourced dataset of news events and attributed statements.

    The bundled dataset covers Russia's military bases in Syria after the fall of Bashar
    al-Assad. Use --data or SYNEWS_DATA to query your own TOML files.
    Exit codes: 0 success (also when nothing matched), 1 invalid data or I/O failure,
    2 usage error.
    """
    from synews_cli.render import pager

    pager.allow(not no_pager)
    ctx.obj = AppState(data=list(data or []), color=False if no_color else None, no_cache=no_cache)
    ctx.call_on_close(ctx.obj.close)
