"""Choosing a format, writing to stdout or a file (atomically), and the messages around it."""

import errno
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TextIO, cast

from synews_cli import files
from synews_cli.errors import DataIOError, UsageError
from synews_cli.render import FORMATS, Format, Listing, RenderOptions, format_for_extension
from synews_cli.render.pager import paged
from synews_cli.text import bounded, one_line

STDOUT = "-"


class OutputOptions(NamedTuple):
    """The output flags every listing command shares."""

    format: str | None = None
    output: str | None = None
    raw_cells: bool = False
    color: bool | None = None  # False with --no-color
    protected: tuple[str, ...] = ()  # files never to write over: the dataset's
    fields: tuple[str, ...] | None = None  # --fields: only these, in this order


class Chunks:
    """Passes a renderer's many small writes on in pieces of about a megabyte: one write
    per piece is fast, and the whole output is never held at once (an export of 100,000
    events is some 70 MB of text)."""

    def __init__(self, out: TextIO, size: int = 1 << 20) -> None:
        self.out = out
        self.size = size
        self.parts: list[str] = []
        self.pending = 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.pending += len(text)
        if self.pending >= self.size:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.parts:
            self.out.write("".join(self.parts))
            self.parts.clear()
            self.pending = 0


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def choose_format(options: OutputOptions, listing_kind: str) -> Format:
    """``--format`` if given; else the output file's extension; else table on a terminal
    and plain in a pipe (plain also on a terminal with ``--fields``: the table has a layout
    of its own). ``--fields`` is checked here, against the listing and the format, before
    anything is read."""
    if options.format is not None:
        fmt = FORMATS.get(options.format)
        if fmt is None:
            raise UsageError(
                f"--format {options.format!r} is not a format; choose one of {', '.join(FORMATS)}"
            )
    elif options.output and options.output != STDOUT:
        suffix = Path(options.output).suffix
        found = format_for_extension(suffix)
        if found is None:
            known = sorted(ext for f in FORMATS.values() for ext in f.extensions)
            raise UsageError(
                f"--output {options.output!r}: cannot tell the format from the extension "
                f"{suffix or '(none)'!r}",
                hint=f"add --format, or use one of {' '.join(known)}",
            )
        fmt = found
    elif options.fields is None and stdout_is_terminal():
        fmt = FORMATS["table"]
    else:
        fmt = FORMATS["plain"]
    if not fmt.supports(listing_kind):
        kinds = ", ".join(sorted(fmt.kinds or ()))
        raise UsageError(f"--format {fmt.name} is for {kinds} only, not {listing_kind}")
    if options.fields is not None:
        from synews_cli.render.fields import check_fields

        check_fields(options.fields, listing_kind, fmt)
    return fmt


def emit(
    listing: Listing,
    options: OutputOptions,
    fmt: Format | None = None,
    *,
    empty_note: str | None = None,
) -> Format:
    """Render a listing to stdout or ``--output``, in ``fmt`` (else the format the options
    choose); returns the format used. When nothing matched, stderr says so: ``empty_note``,
    else which filters matched nothing."""
    fmt = fmt or choose_format(options, listing.kind)
    if options.fields is not None:
        from synews_cli.render.fields import keep_fields

        listing = keep_fields(listing, options.fields)
    to_file = options.output not in (None, STDOUT)
    render_options = RenderOptions(
        raw_cells=options.raw_cells,
        color=options.color,
        terminal=not to_file and fmt.name == "table" and stdout_is_terminal(),
    )
    if not to_file and not fmt.machine and not listing.records:
        note_empty(listing, empty_note)
        return fmt
    renderer = fmt.renderer()
    if to_file:
        assert options.output is not None
        path = Path(options.output)
        files.write_text(
            path, lambda out: renderer(listing, out, render_options), protected=options.protected
        )
        count = len(listing.records)
        message(f"wrote {count} {listing.noun(count)} to {path}")
    else:

        def write(out: TextIO) -> None:
            if fmt.name == "table":
                renderer(listing, out, render_options)
            else:
                chunks = Chunks(out)
                renderer(listing, cast(TextIO, chunks), render_options)
                chunks.flush()

        to_stdout(write)
        if not listing.records:
            note_empty(listing, empty_note)
    return fmt


def to_stdout(write: Callable[[TextIO], object]) -> None:
    """``write`` the output to stdout, flushed, through the pager on a terminal (pager.py);
    stdout that cannot take it (a full disk, a closed descriptor) is an I/O error, not a
    crash. (A reader that goes away, or quits the pager, is not an error: BrokenPipeError
    is left to the command line.)"""
    try:
        if not stdout_is_terminal() or not paged(write, sys.stdout):
            write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise DataIOError(f"cannot write the output: {error.strerror or error}") from None


class ClosedOutput:
    """What stdout is when the shell closed it (``synews timeline >&-``): anything written
    to it is an I/O error, as it would be on any other closed descriptor."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")

    def flush(self) -> None:
        """Nothing was written."""

    def isatty(self) -> bool:
        return False


def note_empty(listing: Listing, text: str | None = None) -> None:
    if text is None:
        filters = f" ({' '.join(listing.filters)})" if listing.filters else ""
        text = f"no {listing.plural} matched{filters}"
    message(text)


def message(text: str) -> None:
    """A message for the user: always stderr, never stdout, inert and one line of a
    readable length (it may echo a file name or a filter as typed, newlines and all)."""
    print(bounded(one_line(text)), file=sys.stderr)
