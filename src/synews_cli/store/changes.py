"""What changed since the store last read the dataset's files: the question every command
asks first, answered from file names, sizes, times and inodes, without reading a file that
did not change (so it is kept apart from writing the changes, sync.py).
"""

import os
import sqlite3
import time
from collections.abc import Sequence
from typing import Any

# A stored stat is trusted only for files modified this long before they were last read:
# a file written twice within one tick of the filesystem clock keeps its stat ("racy git").
RACY_NS = 2_000_000_000
READ_ATTEMPTS = 3

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stat_key(st: os.stat_result) -> Stat:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def digest(data: bytes) -> str:
    import hashlib  # only when a file has to be read

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_stable(path: str) -> tuple[bytes, Stat | None]:
    """The file's bytes, and its identity if it did not change while being read: the
    bytes that are hashed are the bytes that are parsed, and a file rewritten meanwhile is
    read again; if it keeps changing, its identity is not given (None), so that the next
    command reads it again rather than trust it."""
    for _ in range(READ_ATTEMPTS):
        before = stat_key(os.stat(path))
        with open(path, "rb") as handle:
            data = handle.read()
            after = stat_key(os.fstat(handle.fileno()))
        if before == after == stat_key(os.stat(path)) and len(data) == after[0]:
            return data, after
    return data, None


# A file of the dataset: its absolute path, and which time it is given (0, or 1, 2 ... for a
# file given again, whose ids are then reported as the duplicates they are).
FileKey = tuple[str, int]


def keys(paths: Sequence[str]) -> list[FileKey]:
    """The store's keys for the dataset's files (absolute paths), in order."""
    seen: dict[str, int] = {}
    found = []
    for path in paths:
        copy = seen.get(path, 0)
        seen[path] = copy + 1
        found.append((path, copy))
    return found


class Plan:
    """What bringing the store in step has to do."""

    def __init__(self) -> None:
        self.to_parse: list[FileKey] = []
        self.size = 0
        self.touched: list[tuple[Any, ...]] = []  # (size, mtime, ctime, inode, checked, id)
        self.moved: list[tuple[int, int]] = []  # (position, file_id)
        self.gone: list[int] = []
        self.positions: dict[FileKey, int] = {}

    @property
    def empty(self) -> bool:
        return not (self.to_parse or self.touched or self.moved or self.gone)


def plan(conn: sqlite3.Connection, files: Sequence[FileKey]) -> Plan:
    """Which files to parse, which were only touched or moved, which are gone."""
    stored = {
        (row[1], row[2]): row
        for row in conn.execute(
            "SELECT file_id, path, copy, position, size, mtime_ns, ctime_ns, inode, hash,"
            " checked_ns FROM files"
        )
    }
    found = Plan()
    for position, key in enumerate(files):
        found.positions[key] = position
        row = stored.pop(key, None)
        try:
            st: os.stat_result | None = os.stat(key[0])
        except OSError:
            st = None
        if row is not None and st is not None:
            if row[3] != position:
                found.moved.append((position, row[0]))
            now = stat_key(st)
            if now == tuple(row[4:8]) and st.st_mtime_ns < row[9] - RACY_NS:
                continue  # unchanged: trusted without reading
            checked_ns = time.time_ns()
            try:
                data, stable = read_stable(key[0])
            except OSError:
                data, stable = b"", None
            if stable is not None and digest(data) == row[8]:
                # Touched or copied, not changed: remember the new stat, parse nothing.
                found.touched.append((*stable, checked_ns, row[0]))
                continue
        found.to_parse.append(key)
        found.size += st.st_size if st is not None else 0
    found.gone = [row[0] for row in stored.values()]
    return found
