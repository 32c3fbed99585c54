"""The one store: an SQLite database built from the TOML files, kept in step with them.

Every command reads the dataset through a store. Normally it lives in the user's cache
folder, one per dataset (per set of ``--data`` paths), so that a query of a large archive
reads only what changed since the last one; with ``--no-cache`` (or when the cache folder
cannot be used) the same store is built in memory, by the same code. ``synews db`` writes a
copy of it. schema.sql defines it; sync.py keeps it in step with the files; rules.py checks
what spans files; reader.py answers the questions of the layers above.
"""

import contextlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from synews_cli import files
from synews_cli.dataset.paths import expand_paths
from synews_cli.errors import DataError, Problem
from synews_cli.store import changes, fulltext, location, rules, schema
from synews_cli.store.reader import Store

# Told after each file is read: (files done, files to read).
OnFile = Callable[[int, int], None]

BUSY_TIMEOUT_S = 60.0


class Unavailable(Exception):
    """The cached store cannot be used this time; the store is built in memory instead."""


class Wanted(NamedTuple):
    """What a command will ask beyond the items: the full-text index, the words as
    written, the curator's warnings (``synews check``)."""

    full_text: bool
    words: bool
    warnings: bool = False

    def built(self, conn: sqlite3.Connection) -> bool:
        return (
            (not self.full_text or fulltext.is_built(conn))
            and (not self.words or fulltext.keeps_words(conn))
            and (not self.warnings or rules.warned(conn))
        )


def open_store(
    paths: Sequence[str],
    *,
    cached: bool = True,
    on_file: OnFile | None = None,
    full_text: bool = True,
    words: bool = False,
    warnings: bool = False,
) -> Store:
    """The dataset of ``paths`` (files and folders, as ``--data`` gives them), in step with
    its files: from the cache folder when ``cached`` and possible, else built in memory.
    ``on_file`` is told of each file read (for a progress bar); what the caller should tell
    the user (the cache could not be used, say) is in the store's ``notes``. A command that
    does not search text may leave the full-text index for later (``full_text`` false):
    a first build is a third faster. One that may ask for words as written (a prefix, a
    suggestion) asks for their index (``words``), made before the command reads. The
    curator's warnings (two people of one name, a statement recorded twice) are checked
    only for a command that shows them (``warnings``)."""
    wanted = Wanted(full_text or words, words, warnings)
    problems: list[Problem] = []
    given = [str(path) for path in expand_paths(paths, problems)]
    keys = changes.keys([os.path.abspath(name) for name in given])
    conn = path = None
    notes: list[str] = []
    if cached and keys:
        try:
            conn = _cached(paths, keys, notes, on_file, wanted)
            path = location.store_path(paths)
        except (Unavailable, sqlite3.Error, OSError) as error:
            notes.append(f"the cache cannot be used ({error}); reading the files")
    if conn is None:
        conn = _in_memory(keys, on_file, wanted)
    names_given = dict(zip(keys, given, strict=True))
    names = {
        file_id: names_given.get((stored, copy), stored)
        for file_id, stored, copy in conn.execute("SELECT file_id, path, copy FROM files")
    }
    conn.execute("BEGIN")  # one snapshot for everything the command reads
    conn.execute("SELECT 1 FROM meta LIMIT 1").fetchone()
    return Store(conn, names, problems, path, notes)


def open_as_left(paths: Sequence[str]) -> Store | None:
    """The cached store of ``paths`` as the last command left it, without looking at the
    files (for shell completion, which must be quick and never reads TOML); None when there
    is none, or one made by other code or for another dataset."""
    path = location.store_path(paths)
    if not path.is_file():
        return None
    conn = sqlite3.connect(path, timeout=0.5, isolation_level=None, check_same_thread=False)
    try:
        if not _is_current(conn, location.dataset_key(paths)):
            conn.close()
            return None
        names = dict(conn.execute("SELECT file_id, path FROM files").fetchall())
        conn.execute("BEGIN")
    except sqlite3.Error:
        conn.close()
        return None
    return Store(conn, names, path=path)


def load_dataset(paths: Sequence[str | os.PathLike[str]], *, cached: bool = False) -> Store:
    """The dataset of ``paths``, which must be valid: else a DataError lists every problem.
    (In memory unless ``cached``: for scripts and tests.)"""
    store = open_store([os.fspath(path) for path in paths], cached=cached)
    if not store.valid:
        problems, warnings = store.problems(), store.warnings()
        store.close()
        raise DataError(problems, warnings)
    return store


# --- In memory ------------------------------------------------------------------------------


def _in_memory(
    keys: Sequence[changes.FileKey], on_file: OnFile | None, wanted: Wanted
) -> sqlite3.Connection:
    from synews_cli.store import sync

    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN")
    schema.create(conn)
    sync.apply(conn, changes.plan(conn, keys), on_file, **wanted._asdict())
    conn.execute("COMMIT")
    return conn


# --- In the cache folder --------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-32000")  # 32 MB: writing many rows spills less
    conn.execute("PRAGMA temp_store=MEMORY")
    return conn


def _cached(
    paths: Sequence[str],
    keys: Sequence[changes.FileKey],
    notes: list[str],
    on_file: OnFile | None,
    wanted: Wanted,
) -> sqlite3.Connection:
    """The store in the cache folder, in step with the files. A damaged one is removed and
    built again, once; one that is locked for too long, read-only or out of space is given
    up for this time (Unavailable)."""
    path = location.store_path(paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    files.remove_leftovers(path.parent, ".index-*.tmp*")  # of builds killed half-way
    dataset = location.dataset_key(paths)
    for attempt in (1, 2):
        if not any(os.path.exists(f"{path}{suffix}") for suffix in location.SUFFIXES):
            with contextlib.suppress(OSError, sqlite3.Error):  # else: built in place below
                _build_new(path, dataset, keys, on_file, wanted)
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(path)
            _make_current(conn, dataset)
            _sync(conn, keys, on_file, wanted)
            return conn
        except sqlite3.DatabaseError as error:
            if conn is not None:
                conn.close()
            if isinstance(error, sqlite3.OperationalError) or attempt == 2:
                raise Unavailable(str(error)) from None
            notes.append(f"the cached store {path} was damaged ({error}); building it again")
            location.remove(path)
    raise AssertionError("unreachable")  # pragma: no cover


def _make_current(conn: sqlite3.Connection, dataset: str) -> None:
    """Make sure the store was made by this synews for this dataset; else empty it."""
    if _is_current(conn, dataset):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not _is_current(conn, dataset):
            _reset(conn)
            schema.create(conn)
            _stamp(conn, dataset)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _is_current(conn: sqlite3.Connection, dataset: str) -> bool:
    try:
        values = dict(
            conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('store_fingerprint', 'store_dataset')"
            )
        )
    except sqlite3.OperationalError:
        return False  # no meta table: a new or foreign file
    return values.get("store_fingerprint") == schema.fingerprint() and (
        values.get("store_dataset") == dataset
    )


def _reset(conn: sqlite3.Connection) -> None:
    """Drop everything a store (of any version) holds."""
    objects = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        " AND type IN ('view', 'table') ORDER BY type = 'table', sql LIKE 'CREATE VIRTUAL%' DESC"
    ).fetchall()
    for kind, name in objects:
        with contextlib.suppress(sqlite3.OperationalError):  # a shadow table, gone already
            conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')


def _stamp(conn: sqlite3.Connection, dataset: str) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        [("store_fingerprint", schema.fingerprint()), ("store_dataset", dataset)],
    )


def _sync(
    conn: sqlite3.Connection,
    keys: Sequence[changes.FileKey],
    on_file: OnFile | None,
    wanted: Wanted,
) -> None:
    """A first look without a lock; when something changed (or an index is wanted and not
    built), the look is repeated under the write lock (another synews may have done the
    work meanwhile) and the changes are written in one transaction, so a reader never sees
    half an update."""
    if changes.plan(conn, keys).empty:
        if wanted.built(conn):
            return
        if wanted._replace(words=False).built(conn):  # only the word list is missing
            # It can be made for this run alone, so a store that cannot be written is no
            # reason to read the files again.
            with contextlib.suppress(sqlite3.OperationalError):
                _write(conn, keys, on_file, wanted)
            return
    _write(conn, keys, on_file, wanted)


def _write(
    conn: sqlite3.Connection,
    keys: Sequence[changes.FileKey],
    on_file: OnFile | None,
    wanted: Wanted,
) -> None:
    from synews_cli.store import sync  # writing the changes: only when there are some

    conn.execute("BEGIN IMMEDIATE")
    try:
        sync.apply(conn, changes.plan(conn, keys), on_file, **wanted._asdict())
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _build_new(
    path: Path,
    dataset: str,
    keys: Sequence[changes.FileKey],
    on_file: OnFile | None,
    wanted: Wanted,
) -> None:
    """A first store: built in a private file, without a journal and with its indexes made
    at the end (much faster than through the write-ahead log), then linked into place only
    if no store appeared meanwhile: a file another synews may have open is never replaced."""
    from synews_cli.store import sync

    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        conn = sqlite3.connect(str(temp), isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA cache_size=-32000")
            conn.execute("BEGIN")
            schema.create(conn)
            _stamp(conn, dataset)
            sync.apply(conn, changes.plan(conn, keys), on_file, **wanted._asdict())
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        with contextlib.suppress(FileExistsError):  # another synews was first: keep its store
            os.link(temp, path)
    finally:
        location.remove(temp)
