"""Where stores are kept (the user's cache folder), and `synews cache info|clear`."""

import contextlib
import os
import re
import sqlite3
import stat
import sys
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from synews_cli.store.schema import fingerprint

SUFFIXES = ("", "-wal", "-shm", "-journal")
_STORE = re.compile(r"index-[0-9a-f]{16}\.sqlite")  # what store_path names


def disabled(no_cache: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """``--no-cache``, or ``SYNEWS_NO_CACHE`` set to anything but empty or 0."""
    env = os.environ if environ is None else environ
    return no_cache or env.get("SYNEWS_NO_CACHE", "") not in ("", "0")


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's cache folder for synews, by the XDG Base Directory rule: ``synews`` in
    ``$XDG_CACHE_HOME`` when that is an absolute path, else in the platform's cache folder
    (``~/.cache``; ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows)."""
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "synews"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "synews"
    if sys.platform == "win32":
        return Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "synews"
    return Path.home() / ".cache" / "synews"


def not_a_folder(folder: Path) -> bool:
    """Whether ``folder``, or a folder on its way, is something else (a file)."""
    try:
        return not stat.S_ISDIR(folder.stat().st_mode)
    except FileNotFoundError:  # not made yet: synews makes it
        return False
    except OSError:  # NotADirectoryError: a file on the way
        return True


def dataset_key(paths: Sequence[str]) -> str:
    """The dataset as the store knows it: its ``--data`` paths, absolute."""
    return "\0".join(os.path.abspath(path) for path in paths)


def store_path(paths: Sequence[str], directory: Path | None = None) -> Path:
    """The store of the dataset made of ``paths`` (the arguments, not their files: a file
    added to a folder goes into the same store)."""
    key = dataset_key(paths).encode("utf-8", "surrogatepass")
    name = f"index-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.sqlite"
    return (directory or cache_dir()) / name


def remove(path: Path) -> None:
    """A store file and what SQLite keeps beside it."""
    for suffix in SUFFIXES:
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def store_files(directory: Path | None = None) -> list[Path]:
    folder = directory or cache_dir()
    try:
        found = folder.glob("index-*.sqlite")
        return sorted(p for p in found if _STORE.fullmatch(p.name) and p.is_file())
    except OSError:
        return []


class StoreInfo(NamedTuple):
    """What ``synews cache info`` says of one store."""

    path: Path
    size: int  # bytes, with its write-ahead log
    readable: bool
    dataset: tuple[str, ...] = ()
    current: bool = False  # made by this synews
    valid: bool = False
    counts: Mapping[str, int] = {}


def describe(path: Path) -> StoreInfo:
    """What one store holds, read without changing it."""
    size = sum(
        os.path.getsize(f"{path}{suffix}")
        for suffix in ("", "-wal", "-shm")
        if os.path.isfile(f"{path}{suffix}")
    )
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            counts = {
                table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                for table in ("files", "events", "claims", "people", "sources")
            }
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return StoreInfo(path, size, readable=False)
    return StoreInfo(
        path,
        size,
        readable=True,
        dataset=tuple(meta.get("store_dataset", "").split("\0")),
        current=meta.get("store_fingerprint") == fingerprint(),
        valid=meta.get("store_valid") == "1",
        counts=counts,
    )


# The names synews gives what it keeps in the cache folder: stores (and SQLite's files
# beside them), stores being built (named for the building process), and the search
# indexes of synews 0.1. `cache clear` removes these and nothing else.
_OURS = re.compile(
    r"(?:index-[0-9a-f]{16}\.sqlite"
    r"|\.index-[0-9a-f]{16}\.sqlite\.\d+\.tmp"
    r"|derived-[\w-]+-[0-9a-f]{8}-[0-9a-f]+\.sqlite)"
    r"(?:-wal|-shm|-journal)?"
)


def clear(directory: Path | None = None) -> tuple[int, int]:
    """Remove every store and what was left of interrupted builds; (stores removed, bytes
    freed). Only names synews makes are touched; a folder in a store's place is removed
    only when empty."""
    folder = directory or cache_dir()
    removed = freed = 0
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return 0, 0
    for entry in entries:
        if not _OURS.fullmatch(entry.name):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                entry.rmdir()
                size = 0
            else:
                size = entry.lstat().st_size
                entry.unlink()
        except OSError:
            continue
        freed += size
        if entry.name.startswith("index-") and entry.name.endswith(".sqlite"):
            removed += 1
    return removed, freed
