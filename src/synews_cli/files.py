"""Writing a file the user named, all at once or not at all: the one atomic-write helper.

A regular file is written to a temporary file in the same folder and renamed into place at
the end, so a failure leaves no partial file and an existing file untouched; the new file
keeps the mode of the one it replaces (a new one gets the umask's), and a link to a file
is followed, so the file is replaced and the link kept. A device, a FIFO or a
``/dev/stdout`` is written in place: it is never replaced by a file. A file of the dataset
being read is never written over. A temporary file's name holds the writer's process id, so
what a killed writer left behind is removed by the next write beside it.
"""

import contextlib
import glob
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, TextIO

from synews_cli.errors import DataIOError, UsageError


class Destination(NamedTuple):
    """Where a write goes: ``path`` replaced atomically, or written in place (``direct``)."""

    path: Path
    direct: bool = False


def destination(path: Path, *, protected: Sequence[str] = (), force: bool = True) -> Destination:
    """Where writing ``path`` goes. A folder, a link to nothing, a file of the dataset
    (``protected``: its files and folders; a ``.toml`` file in one of its folders would be
    one) and, unless ``force``, a read-only file are refused."""
    _refuse_joining(path, protected)
    try:
        st = os.stat(path)  # through links
    except FileNotFoundError:
        if os.path.islink(path):
            raise DataIOError(
                f"cannot write {path}: it is a link to {os.readlink(path)}, which does not exist",
                hint="remove the link, or give another name",
            ) from None
        return Destination(path)
    except OSError as error:
        raise DataIOError(f"cannot write {path}: {error.strerror or error}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{path} is a folder", hint="give a file name, such as story.csv")
    for name in protected:
        with contextlib.suppress(OSError):
            data = os.stat(name)
            if (data.st_dev, data.st_ino) == (st.st_dev, st.st_ino):
                raise UsageError(
                    f"{path} is a file of the dataset being read; synews never writes over it",
                    hint="give another name",
                )
    special = str(path).startswith(("/dev/", "/proc/"))
    if not stat.S_ISREG(st.st_mode) or special:
        return Destination(path, direct=True)
    if not force and (not os.access(path, os.W_OK) or not st.st_mode & 0o222):
        raise DataIOError(
            f"cannot write {path}: it is read-only", hint="make it writable, or give another name"
        )
    return Destination(Path(os.path.realpath(path)))


def _refuse_joining(path: Path, protected: Sequence[str]) -> None:
    """A ``.toml`` file right inside a folder of the dataset is read as one of its files:
    writing one there would put an output (or an unreviewed draft) in the data."""
    if not path.name.lower().endswith(".toml"):
        return
    parent = os.path.realpath(path.parent if str(path.parent) else ".")
    for name in protected:
        if os.path.isdir(name) and os.path.realpath(name) == parent:
            raise UsageError(
                f"{path} would be a file of the dataset being read (a .toml file in its "
                f"folder {name}); synews never writes there",
                hint="write it outside the --data folders (a draft goes in with synews add)",
            )


@contextlib.contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; renamed over ``path`` when the block ends
    without an error, removed when it raises."""
    import tempfile  # only when writing a file

    folder = path.parent if str(path.parent) else Path(".")
    remove_leftovers(folder, f".{glob.escape(path.name)}.*.tmp")
    try:
        handle, name = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.", suffix=f".{os.getpid()}.tmp"
        )
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


def write_text(
    path: Path, write: Callable[[TextIO], None], *, protected: Sequence[str] = ()
) -> None:
    """``write`` the file's text (UTF-8, newlines as written): atomically to a regular
    file, in place to a device or FIFO (see :func:`destination`)."""
    target = destination(path, protected=protected, force=False)
    if target.direct:
        try:
            with open(target.path, "w", encoding="utf-8", newline="") as handle:
                write(handle)
        except OSError as error:
            raise DataIOError(f"cannot write {path}: {error.strerror or error}") from None
        return
    with replaced(target.path) as temp, open(temp, "w", encoding="utf-8", newline="") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())


def write_all(texts: Mapping[Path, str], *, unchanged: Mapping[Path, str | None] = {}) -> None:
    """Several files, each replaced atomically, all or none as far as a file system
    allows: every temporary file is written (and synced) before the first is renamed into
    place, so a failure while writing leaves every file as it was. ``unchanged`` holds the
    text each file had when the new texts were made from it (None: it did not exist); one
    that another program changed since is not written over, nor is any other."""
    targets = {}
    for path in texts:
        target = destination(path, force=False)
        if target.direct:
            raise DataIOError(f"cannot write {path}: not a regular file")
        targets[path] = target.path
    with contextlib.ExitStack() as stack:
        for path, text in texts.items():
            temp = stack.enter_context(replaced(targets[path]))
            with open(temp, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        for path, before in unchanged.items():
            _check_unchanged(path, before)


def _check_unchanged(path: Path, before: str | None) -> None:
    try:
        now: bytes | None = path.read_bytes()
    except FileNotFoundError:
        now = None
    except OSError as error:
        raise DataIOError(f"cannot read {path}: {error.strerror or error}") from None
    if now != (None if before is None else before.encode("utf-8")):
        raise DataIOError(
            f"{path} changed while synews was writing it; nothing was written",
            hint="run the command again: it starts from the file as it is now",
        )


@contextlib.contextmanager
def locked(
    folders: Sequence[str], waiting: Callable[[str], None] = lambda folder: None
) -> Iterator[None]:
    """Hold an exclusive lock on each folder (in one order, so two holders cannot wait on
    each other), for writers of the same files to take turns: the others wait, told by
    ``waiting(folder)``. Where the system has no flock, or a folder cannot be opened,
    nothing is locked."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    with contextlib.ExitStack() as stack:
        for folder in sorted({os.path.realpath(f) for f in folders}):
            try:
                handle = os.open(folder, os.O_RDONLY)
            except OSError:
                continue
            stack.callback(os.close, handle)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting(folder)
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced; else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_leftovers(folder: Path, pattern: str) -> None:
    """Remove the temporary files matching ``pattern`` in ``folder`` that a process killed
    half-way left behind: their names hold the writer's process id (``….PID.tmp``, and
    ``….PID.tmp-wal`` beside a database), and that process is gone."""
    with contextlib.suppress(OSError):
        for entry in folder.glob(pattern):
            pid = entry.name.split(".")[-2]
            if pid.isdigit() and not _alive(int(pid)) and time.time() - entry.lstat().st_mtime > 1:
                with contextlib.suppress(OSError):
                    entry.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True
