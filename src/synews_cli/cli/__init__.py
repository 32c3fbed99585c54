"""The command line: flags -> a query and an output choice -> the library. Thin on purpose.

The commands live by what they are for (browse, curate, admin); this module lists them in
the order ``synews --help`` shows them and runs the app.
"""

import contextlib
import gc
import os
import sys
import warnings
from collections.abc import Iterator, Sequence

import typer

from synews_cli.cli import admin, browse, curate
from synews_cli.cli.app import app, error_line, quiet_broken_pipe
from synews_cli.errors import EXIT_DATA, SynewsError

for command in (
    curate.check,
    browse.timeline,
    browse.quotes,
    browse.people,
    browse.search,
    browse.show,
    admin.db,
    curate.extract,
    curate.verify,
):
    app.command()(command)
app.add_typer(admin.cache_app)

__all__ = ["app", "main"]


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
