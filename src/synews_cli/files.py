"""Writing a file the user named, all at once or not at all: the one atomic-write helper.

Output is written to a temporary file in the same folder and renamed into place at the end,
so a failure leaves no partial file and an existing file untouched; the new file keeps the
mode of the one it replaces (a new one gets the umask's).
"""

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from synews_cli.errors import DataIOError


@contextlib.contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; renamed over ``path`` when the block ends
    without an error, removed when it raises."""
    import tempfile  # only when writing a file

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
    except OSError as error:
        raise DataIOError(
            f"cannot write {path}: {error.strerror or error}",
            hint="check that the folder exists and is writable",
        ) from None
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DataIOError(f"cannot write {path}: {error.strerror or error}") from None
        raise


def write_text(path: Path, write: Callable[[TextIO], None]) -> None:
    """``write`` the file's text (UTF-8, newlines as written) atomically."""
    with replaced(path) as temp, open(temp, "w", encoding="utf-8", newline="") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced; else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
