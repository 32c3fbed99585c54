"""What synews says on stderr: notes, errors with their hints, the problems of a dataset.

Every message may echo what the user typed or what the data holds, so every line goes
through the same sanitiser as the listings (text.py ``inert``): no escape sequence or
bidirectional override reaches the terminal from a file name, an id or a key.
"""

import os
import sys

from synews_cli.errors import Ambiguous, DataError, Problem, SynewsError
from synews_cli.text import bounded, inert

MAX_PROBLEMS_SHOWN = 25


def say(line: str) -> None:
    print(bounded(inert(line)), file=sys.stderr)


def note(text: str) -> None:
    say(f"synews: note: {text}")


def error_line(message: str, hint: str | None = None) -> None:
    say(f"Error: {message}")
    if hint:
        say(f"  hint: {hint}")


def print_problems(problems: list[Problem], warnings: list[Problem], *, limit: int | None) -> None:
    shown = problems if limit is None else problems[:limit]
    for problem in shown:
        say(str(problem))
    if limit is not None and len(problems) > limit:
        say(f"... and {len(problems) - limit} more")
    for warning in warnings:
        say(str(warning))


def report(error: SynewsError) -> None:
    """A domain error, as the user reads it: its problems, one line, and a hint."""
    if isinstance(error, DataError):
        print_problems(error.problems, [], limit=MAX_PROBLEMS_SHOWN)
    if isinstance(error, Ambiguous):
        say(f"Error: {error.message}:")
        print_candidates(error.candidates, error.more)
        if error.hint:
            say(f"  hint: {error.hint}")
        return
    error_line(error.message, error.hint)


def print_candidates(candidates: list[tuple[str, str, str]], more: int) -> None:
    """Kind, id and what each item is, in columns: the items an ambiguous name fits."""
    kind_width = max((len(kind) for kind, _, _ in candidates), default=0)
    id_width = max((len(item_id) for _, item_id, _ in candidates), default=0)
    for kind, item_id, description in candidates:
        say(f"  {kind.ljust(kind_width)}  {item_id.ljust(id_width)}  {description}")
    if more:
        say(f"  ... and {more} more")


def quiet_broken_pipe() -> None:
    """The reader went away (``| head -1``): stop quietly, and keep Python's final flush
    of stdout from raising again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
