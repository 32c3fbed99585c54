"""Paging, as git and gh do it: on a terminal, output taller than the window goes through
``$SYNEWS_PAGER``, else ``$PAGER``, else ``less -FRX``; ``cat`` or an empty value, and the
global ``--no-pager``, turn it off. Output that is not a terminal is never paged.

The output is held until it is taller than the window (less its last line, where the
shell's prompt comes back): a short listing is written as before and starts no process.
The views decide colour and width by stdout, which stays the terminal the pager writes to,
so what reaches the pager is what the terminal would have shown.
"""

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import IO, TextIO, cast

from synews_cli.text import inert

DEFAULT_PAGER = "less -FRX"
# As git does: less quits on short output (F), passes colour (R), leaves the text on the
# screen (X). Only when the user has no LESS of their own.
LESS_DEFAULT = "FRX"
# A command with these characters is a shell line; any other is run as it is split.
SHELL_CHARACTERS = set("|&;<>()$`\\\"'*?[]#~=%{}\n")
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


class _Switch:
    """``--no-pager``: the CLI sets it for every run (a run in the same process, as in
    the tests, must not inherit the previous one's)."""

    allowed = True


_switch = _Switch()


def allow(allowed: bool) -> None:
    _switch.allowed = allowed


def pager_command(environ: Mapping[str, str]) -> str | None:
    """The pager to use, or None when paging is off (``cat``, or an empty value)."""
    for name in ("SYNEWS_PAGER", "PAGER"):
        if name in environ:
            command = environ[name].strip()
            break
    else:
        command = DEFAULT_PAGER
    return None if command in ("", "cat") else command


def display_rows(line: str, width: int) -> int:
    """How many rows of a terminal ``width`` wide one line fills: escape sequences take
    none, a tab goes to the next multiple of 8, East Asian wide characters take two."""
    cells = 0
    for char in _ESCAPE.sub("", line):
        if char == "\t":
            cells += 8 - cells % 8
        elif not (unicodedata.combining(char) or unicodedata.category(char) == "Cf"):
            cells += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return max(1, -(-cells // width))


class PagedOutput:
    """stdout on a terminal: held until it would not fit in the window, then handed to the
    pager, and from then on passed straight through."""

    def __init__(self, stdout: TextIO, command: str, *, height: int, width: int) -> None:
        self.stdout = stdout
        self.command = command
        self.height = max(height, 2)
        self.width = max(width, 1)
        self.encoding = getattr(stdout, "encoding", None) or "utf-8"
        self.errors = getattr(stdout, "errors", None) or "strict"
        self.held: list[str] = []
        self.rows = 0  # rows the complete lines held fill
        self.partial = ""  # the line being written, not yet ended
        self.process: subprocess.Popen[str] | None = None
        self.pipe: IO[str] | None = None
        self.direct = False  # the pager could not be started

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.pipe is not None:
            self.pipe.write(text)
        elif self.direct:
            self.stdout.write(text)
        else:
            self.held.append(text)
            if self.fills_window(text):
                self.start()
        return len(text)

    def fills_window(self, text: str) -> bool:
        """Whether the output held, with ``text``, no longer fits above the prompt.
        Counting stops there, so a long output costs no more than a window to measure."""
        lines = (self.partial + text).split("\n")
        self.partial = lines.pop()
        most = 8 * self.width * self.height  # characters of a line worth measuring
        for line in lines:
            self.rows += display_rows(line[:most], self.width)
            if self.rows >= self.height:
                return True
        # The line not yet ended counts too: it may already fill the window alone.
        return (
            bool(self.partial)
            and self.rows + display_rows(self.partial[:most], self.width) >= self.height
        )

    def flush(self) -> None:
        if self.pipe is not None:
            self.pipe.flush()
        elif self.direct:
            self.stdout.flush()

    def start(self) -> None:
        """Too tall for the window: start the pager and give it what was held."""
        held, self.held = "".join(self.held), []
        self.stdout.flush()  # anything written before comes first
        try:
            self.process = _spawn(self.command, self.encoding, self.errors)
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.note(f"cannot start the pager {self.command!r} ({reason})")
            self.direct = True
            self.stdout.write(held)
            return
        self.pipe = self.process.stdin
        self.write(held)

    def finish(self) -> None:
        """The output is complete: write what is held, or let the pager show the rest and
        wait until the reader quits it."""
        if self.process is None:
            self.stdout.write("".join(self.held))
            self.held = []
            self.stdout.flush()
            return
        assert self.pipe is not None
        with _ignoring_interrupts():  # the output is complete: Ctrl-C is the pager's now
            self.pipe.close()
            self.ended()

    def abandon(self) -> None:
        """The output stops early (the reader quit, Ctrl-C): close the pipe without a word
        and wait for the pager, which leaves the terminal as it found it."""
        if self.process is None:
            return
        assert self.pipe is not None
        with _ignoring_interrupts():  # closing may wait for the pager to read
            with suppress(OSError):  # what was still buffered has no reader
                self.pipe.close()
            self.ended()

    def ended(self) -> None:
        """Wait for the pager. A shell line whose command was not found or cannot run
        (the shell's 127 and 126) showed nothing: say so, once."""
        assert self.process is not None
        if self.process.wait() in (126, 127):
            self.note(f"the pager {self.command!r} could not be run")

    def note(self, text: str) -> None:
        message = f"synews: note: {text}; set SYNEWS_PAGER=cat to stop paging"
        print(inert(message), file=sys.stderr)


def _spawn(command: str, encoding: str, errors: str) -> "subprocess.Popen[str]":
    environ = dict(os.environ)
    environ.setdefault("LESS", LESS_DEFAULT)
    shell = any(char in SHELL_CHARACTERS for char in command)
    return subprocess.Popen(
        command if shell else shlex.split(command),
        shell=shell,
        stdin=subprocess.PIPE,
        env=environ,
        encoding=encoding,
        errors=errors,
    )


@contextmanager
def _ignoring_interrupts() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


def paged(write: Callable[[TextIO], object], stdout: TextIO) -> bool:
    """``write`` the output through the pager when paging is on; False when it is off and
    the caller writes as before. A reader who quits the pager early ends the output with
    BrokenPipeError, as a closed pipe does."""
    command = pager_command(os.environ) if _switch.allowed else None
    if command is None:
        return False
    size = shutil.get_terminal_size()
    out = PagedOutput(stdout, command, height=size.lines, width=size.columns)
    try:
        write(cast(TextIO, out))  # a TextIO in all that renderers use of one
        out.finish()
    except BaseException:  # the reader quit (BrokenPipeError), Ctrl-C, SIGTERM, an error
        out.abandon()
        raise
    return True
