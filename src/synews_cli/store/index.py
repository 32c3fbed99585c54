"""A persistent index of the parsed dataset: fast at archive scale, never stale, never the truth.

Why: parsing and validating TOML costs about 0.1 ms per item, so an archive of 200,000
events and statements takes seconds to read; a query should not pay that every time.

What: one SQLite file per dataset (the ``--data`` paths) under the user's cache folder. Each
TOML file's parse and validation result is stored with the file's path, size, modification
time, inode and a content hash: an unchanged file is never read again, a changed one is
parsed again on the next command (in parallel when many changed), and a file touched but not
changed is only hashed. Problems and warnings are stored too, so an invalid file stays
reported; cross-file rules (unique ids, references) are checked in SQL after every change.

One query path: the index only narrows. ``query.py`` asks a dataset for candidates with
hints (dates, speaker ids, words); the index answers with a SUPERSET of the matches (indexed
date ranges, speaker ids, substring scans of folded text), materialises only those, and the
same Python predicates, sort and limit as for an in-memory dataset decide. An invalid
dataset is reported by the same code as without a cache (``load.check_paths`` with the
stored per-file results).

When the index is missing, corrupt, locked for too long, on a read-only disk or from another
synews version, it is rebuilt, or synews reads the TOML as if there were no cache, without a
word. ``--no-cache`` or ``SYNEWS_NO_CACHE=1`` bypasses it; ``synews cache info|clear`` shows
and removes it.

Indexes derived from the data (such as ``synews search``'s full-text index) may be kept too:
:func:`derived_path` names a file unique to the current content of every file, and
:func:`store_derived` puts a built one there.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import sys
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from synews_cli import __version__, model
from synews_cli.dataset import merge
from synews_cli.dataset.parse import FileResult, parse_file
from synews_cli.dataset.paths import expand_paths
from synews_cli.dates import DayRange, EdtfDate, parse_edtf
from synews_cli.errors import DataError, Problem

if TYPE_CHECKING:
    from synews_cli.dataset.merge import LoadReport
    from synews_cli.dataset.parse import FileResult

# Bump when the layout of the index changes; the code fingerprint below covers the rest.
CACHE_FORMAT = 2
# Files whose code decides what a parse produces: a change to any of them rebuilds indexes.
_CODE_FILES = (
    "store/index.py",
    "dataset/parse.py",
    "dataset/specs.py",
    "model.py",
    "dates.py",
    "errors.py",
    "text.py",
    "query/filters.py",
    "render/records.py",  # and the two below: the JSON stored for each event
    "render/__init__.py",
    "render/jsonfmt.py",
)
# A stored stat is trusted only for files modified this long before they were last read:
# a file written twice within one tick of the filesystem clock keeps its stat ("racy git").
RACY_NS = 2_000_000_000
# Below this, a dataset is parsed in this process; above, by a pool of worker processes.
PARALLEL_BYTES = 4_000_000
MAX_WORKERS = 8  # each worker holds one parsed file; 8 keep the total memory modest
BUSY_TIMEOUT_S = 60.0
PROGRESS_AFTER_S = 1.0

OPEN_START = -1  # first_day of an open start: before every ordinal
OPEN_END = 1 << 30  # last_day of an open end: after every ordinal
KINDS = ("sources", "people", "events", "claims")

_SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE files (
    file_id INTEGER PRIMARY KEY,
    abspath TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER,
    hash TEXT,
    checked_ns INTEGER NOT NULL,
    parsed INTEGER NOT NULL,
    n_problems INTEGER NOT NULL,
    n_warnings INTEGER NOT NULL,
    problems BLOB NOT NULL,
    warnings BLOB NOT NULL,
    meta BLOB,
    extras BLOB NOT NULL
);
CREATE TABLE ids (file_id INTEGER NOT NULL, kind INTEGER NOT NULL, id TEXT NOT NULL);
CREATE INDEX ids_id ON ids (id);
CREATE INDEX ids_file ON ids (file_id);
CREATE TABLE sources (file_id INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL,
    record BLOB NOT NULL);
CREATE INDEX sources_id ON sources (id);
CREATE INDEX sources_file ON sources (file_id, seq);
CREATE TABLE people (file_id INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL,
    record BLOB NOT NULL);
CREATE INDEX people_id ON people (id);
CREATE INDEX people_file ON people (file_id, seq);
CREATE TABLE events (
    rowid INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL,
    first_day INTEGER NOT NULL, last_day INTEGER NOT NULL,
    source TEXT NOT NULL,
    places_key TEXT NOT NULL, actors_key TEXT NOT NULL, tags_key TEXT NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_file ON events (file_id, seq);
CREATE INDEX events_first ON events (first_day);
CREATE INDEX events_last ON events (last_day);
CREATE INDEX events_source ON events (source);
CREATE TABLE claims (
    rowid INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL,
    first_day INTEGER NOT NULL, last_day INTEGER NOT NULL,
    speaker TEXT NOT NULL, kind TEXT NOT NULL, status TEXT, source TEXT NOT NULL,
    topics_key TEXT NOT NULL, date TEXT NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX claims_id ON claims (id);
CREATE INDEX claims_file ON claims (file_id, seq);
CREATE INDEX claims_first ON claims (first_day);
CREATE INDEX claims_last ON claims (last_day);
CREATE INDEX claims_speaker ON claims (speaker);
CREATE INDEX claims_source ON claims (source);
-- Folded searchable text, apart from the records so that a scan reads only text.
CREATE TABLE event_text (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE claim_text (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL);
-- Each event as `-f json`/`jsonl` print it (listings.event_json), apart like its text: JSON
-- output of many events is mostly encoding, done once here. (A statement's JSON carries its
-- speaker's name and role, which another file may change: statements are encoded as shown.)
CREATE TABLE event_json (rowid INTEGER PRIMARY KEY, json TEXT NOT NULL);
-- A statement's `about` (field 0) and `evidence` (field 1) event ids.
CREATE TABLE refs (claim INTEGER NOT NULL, file_id INTEGER NOT NULL, field INTEGER NOT NULL,
    target TEXT NOT NULL);
CREATE INDEX refs_target ON refs (target, field);
CREATE INDEX refs_file ON refs (file_id);
"""
_TABLES = (
    "info",
    "files",
    "ids",
    "sources",
    "people",
    "events",
    "claims",
    "event_text",
    "claim_text",
    "event_json",
    "refs",
)


def _statements() -> list[str]:
    return [statement for statement in _SCHEMA.split(";") if statement.strip()]


def _is_index(statement: str) -> bool:
    return statement.lstrip().startswith("CREATE INDEX")


def _index_names() -> list[str]:
    return [statement.split()[2] for statement in _statements() if _is_index(statement)]


class CacheUnavailable(Exception):
    """The index cannot be used this time; the caller reads the TOML instead."""


# --- Where the cache lives ----------------------------------------------------------------------


def disabled(no_cache: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """``--no-cache``, or ``SYNEWS_NO_CACHE`` set to anything but empty or 0."""
    env = os.environ if environ is None else environ
    return no_cache or env.get("SYNEWS_NO_CACHE", "") not in ("", "0")


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/synews``, else the platform's cache folder."""
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        base = Path(xdg)
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path.home() / ".cache"
    return base / "synews"


def _dataset_key(paths: Sequence[str | os.PathLike[str]]) -> str:
    return "\0".join(os.path.abspath(os.fspath(p)) for p in paths)


def index_path(paths: Sequence[str | os.PathLike[str]], directory: Path | None = None) -> Path:
    """The index file of the dataset made of ``paths`` (the arguments, not their files:
    a file added to a folder is indexed into the same place)."""
    key = _dataset_key(paths).encode("utf-8", "surrogatepass")
    name = f"index-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.sqlite"
    return (directory or cache_dir()) / name


def _fingerprint() -> str:
    """This synews: the cache format, the version and the code that parses."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = [str(CACHE_FORMAT), __version__]
    for name in _CODE_FILES:
        try:
            st = os.stat(os.path.join(here, name))
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:-")
    return ";".join(parts)


# --- Records <-> compact bytes ----------------------------------------------------------------


class _Codec:
    """A model record as a marshalled tuple of its fields, in field order: dates as their
    text, the location as its line (the file name is the one of this run)."""

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.names: tuple[str, ...] = cls._fields
        types = cls.__annotations__
        self.dates = tuple(i for i, name in enumerate(self.names) if "EdtfDate" in str(types[name]))
        self.location = self.names.index("location")
        self.make = cls._make

    def pack(self, item: Any) -> bytes:
        values = list(item)
        for i in self.dates:
            values[i] = values[i].text
        location = values[self.location]
        values[self.location] = None if location is None else location.line
        return marshal.dumps(tuple(values))

    def unpack(self, blob: bytes, file_name: str, dates: dict[str, EdtfDate]) -> Any:
        values = marshal.loads(blob)
        if len(self.dates) == 1 and self.location == len(values) - 1:
            # The common shape (one date, the location last) without a list: this runs for
            # every item a query materialises.
            at = self.dates[0]
            text = values[at]
            parsed = dates.get(text)
            if parsed is None:
                parsed = dates[text] = parse_edtf(text)
            location = model.Location(file_name, values[-1])
            return self.make((*values[:at], parsed, *values[at + 1 : -1], location))
        items = list(values)
        for i in self.dates:
            text = items[i]
            parsed = dates.get(text)
            if parsed is None:
                parsed = dates[text] = parse_edtf(text)
            items[i] = parsed
        items[self.location] = model.Location(file_name, items[self.location])
        return self.make(items)


CODECS = {
    "sources": _Codec(model.Source),
    "people": _Codec(model.Person),
    "events": _Codec(model.Event),
    "claims": _Codec(model.Claim),
}


def _pack_problems(problems: Sequence[Problem], name: str) -> bytes:
    rows = []
    for problem in problems:
        values = list(problem)
        if values[0] == name:
            values[0] = None  # the file's own name: given again when read back
        rows.append(tuple(values))
    return marshal.dumps(rows)


def _unpack_problems(blob: bytes, name: str) -> list[Problem]:
    return [
        Problem(*((name if row[0] is None else row[0]), *row[1:])) for row in marshal.loads(blob)
    ]


def _key(values: Iterable[str], memo: dict[str, str]) -> str:
    """List values as their words run together, for a substring pre-filter of
    ``query.value_matches`` (a run of words is a substring of the words joined)."""
    from synews_cli.text import words

    parts = []
    for value in values:
        joined = memo.get(value)
        if joined is None:
            joined = memo[value] = "".join(words(value))
        parts.append(joined)
    return "\x1f".join(parts)


def _text(values: Iterable[str | None]) -> str:
    """Folded text for the substring pre-filter of ``--search`` (``query.fold``, without
    its cache: these texts are seen once)."""
    from synews_cli.text import fold

    fold_once = fold.__wrapped__
    return "\x1f".join(fold_once(value) for value in values if value)


def _days(when: EdtfDate) -> tuple[int, int]:
    return (
        OPEN_START if when.start is None else when.start.toordinal(),
        OPEN_END if when.end is None else when.end.toordinal(),
    )


# --- Parsing one file (in this process or in a worker) -----------------------------------------


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _stat_key(st: os.stat_result | None) -> tuple[int, int, int, int] | None:
    if st is None:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def index_file(name: str) -> tuple[Any, ...]:
    """Read, parse and validate one file with ``load.parse_file``; its rows for the index.

    A plain tuple, so that a worker process can send it back cheaply."""

    checked_ns = time.time_ns()
    path = Path(name)
    try:
        st: os.stat_result | None = os.stat(name)
        digest: str | None = _digest(path.read_bytes())
    except OSError:
        st, digest = None, None
    problems: list[Problem] = []
    warnings: list[Problem] = []
    result = parse_file(path, problems, warnings)
    rows: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in KINDS}
    refs: list[tuple[int, int, str]] = []
    meta: tuple[Any, ...] | None = None
    extras = None
    memo: dict[str, str] = {}
    if result is not None:
        from synews_cli.render.records import event_json

        extras = {
            name: getattr(result, name)
            for name in result.__slots__
            if name not in KINDS and name != "meta"
        }
        if result.meta is not None:
            meta = tuple(result.meta)
        for seq, source in enumerate(result.sources):
            rows["sources"].append((seq, source.id, CODECS["sources"].pack(source)))
        for seq, person in enumerate(result.people):
            rows["people"].append((seq, person.id, CODECS["people"].pack(person)))
        for seq, event in enumerate(result.events):
            first, last = _days(event.date)
            text = _text((event.title, event.summary, *event.places, *event.actors, *event.tags))
            rows["events"].append(
                (
                    seq,
                    event.id,
                    first,
                    last,
                    event.source,
                    _key(event.places, memo),
                    _key(event.actors, memo),
                    _key(event.tags, memo),
                    CODECS["events"].pack(event),
                    text,
                    event_json(event),
                )
            )
        for seq, claim in enumerate(result.claims):
            first, last = _days(claim.date)
            rows["claims"].append(
                (
                    seq,
                    claim.id,
                    first,
                    last,
                    claim.speaker,
                    claim.kind,
                    claim.status,
                    claim.source,
                    _key(claim.topics, memo),
                    claim.date.text,
                    CODECS["claims"].pack(claim),
                    _text((claim.text, claim.context)),
                )
            )
            refs += [(seq, 0, target) for target in claim.about]
            refs += [(seq, 1, target) for target in claim.evidence]
    return (
        name,
        _stat_key(st),
        digest,
        checked_ns,
        result is not None,
        _pack_problems(problems, name),
        len(problems),
        _pack_problems(warnings, name),
        len(warnings),
        None if meta is None else marshal.dumps(meta),
        marshal.dumps(extras),
        rows,
        refs,
    )


class _Progress:
    """``indexing 12/100 files`` on stderr, only on a terminal and only after a second."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self.shown = False
        try:
            self.enabled = sys.stderr.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def step(self) -> None:
        self.done += 1
        if not self.enabled or time.monotonic() - self.start < PROGRESS_AFTER_S:
            return
        width = 30
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\rsynews: indexing [{bar}] {self.done}/{self.total} files")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _workers(count: int, size: int) -> int:
    if count < 2 or size < PARALLEL_BYTES:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cpus, count))


def _parse_all(names: list[str], size: int) -> Iterator[tuple[Any, ...]]:
    """Every file's rows, from a pool of processes when there is enough to do."""
    progress = _Progress(len(names))
    try:
        workers = _workers(len(names), size)
        if workers == 1:
            for name in names:
                yield index_file(name)
                progress.step()
            return
        import multiprocessing

        method = "fork" if sys.platform.startswith("linux") else None
        try:
            pool = multiprocessing.get_context(method).Pool(workers)
        except (OSError, ImportError, ValueError):  # no semaphores here, for one: do it alone
            for name in names:
                yield index_file(name)
                progress.step()
            return
        with pool:
            for rows in pool.imap_unordered(index_file, names):
                yield rows
                progress.step()
    finally:
        progress.close()


# --- The index -----------------------------------------------------------------------------------


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise CacheUnavailable(f"no index at {path}")
    uri = path.as_uri() + ("" if create else "?mode=rw")
    conn = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-32000")  # 32 MB: building indexes spills less
    conn.execute("PRAGMA temp_store=MEMORY")
    return conn


class _Plan:
    """What a synchronisation has to do."""

    def __init__(self) -> None:
        self.to_parse: list[str] = []
        self.size = 0
        self.touched: list[tuple[Any, ...]] = []
        self.moved: list[tuple[int, int]] = []
        self.gone: list[int] = []
        self.positions: dict[str, int] = {}

    @property
    def empty(self) -> bool:
        return not (self.to_parse or self.touched or self.moved or self.gone)


class Index:
    """One dataset's index file: synchronise it with the files, then read from it."""

    def __init__(self, path: Path, key: str, conn: sqlite3.Connection | None = None) -> None:
        self.path = path
        self.key = key
        self.conn = conn or self._open()

    def _open(self) -> sqlite3.Connection:
        fingerprint = _fingerprint()
        for attempt in (1, 2):
            conn: sqlite3.Connection | None = None
            try:
                conn = _connect(self.path, create=True)
                if not self._current(conn, fingerprint):
                    conn.execute("BEGIN IMMEDIATE")
                    if not self._current(conn, fingerprint):
                        self._create(conn, fingerprint)
                    conn.execute("COMMIT")
                return conn
            except sqlite3.OperationalError as error:
                # Locked for too long, read-only, no space: this time, do without.
                if conn is not None:
                    conn.close()
                raise CacheUnavailable(str(error)) from None
            except sqlite3.DatabaseError as error:
                # Not a database, or damaged: remove it and start again, once.
                if conn is not None:
                    conn.close()
                self._remove()
                if attempt == 2:
                    raise CacheUnavailable(str(error)) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _create(self, conn: sqlite3.Connection, fingerprint: str, *, indexes: bool = True) -> None:
        """Replace whatever the file holds by an empty index of this synews."""
        existing = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        for table in _TABLES:
            if table in existing:
                conn.execute(f"DROP TABLE {table}")
        for statement in _statements():
            if indexes or not _is_index(statement):
                conn.execute(statement)
        conn.executemany(
            "INSERT INTO info VALUES (?, ?)",
            [
                ("fingerprint", fingerprint),
                ("dataset", self.key),
                ("valid", "0"),
                ("built", str(time.time())),
            ],
        )

    def _current(self, conn: sqlite3.Connection, fingerprint: str) -> bool:
        try:
            rows = dict(
                conn.execute("SELECT key, value FROM info WHERE key IN ('fingerprint', 'dataset')")
            )
        except sqlite3.OperationalError:
            return False  # no info table: a new or foreign file
        return rows.get("fingerprint") == fingerprint and rows.get("dataset") == self.key

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(str(self.path) + suffix)

    def close(self) -> None:
        self.conn.close()

    # -- synchronising -----------------------------------------------------------------------

    def sync(self, files: Sequence[Path]) -> None:
        """Bring the index in line with ``files``: parse what changed, drop what went.

        A first look without a lock; when something changed, the look is repeated under the
        write lock (another synews may have done the work meanwhile) and the changes are
        written in one transaction, so a reader never sees half an update."""
        if self._plan(files).empty:
            return
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._apply(self._plan(files))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _apply(self, plan: _Plan) -> None:
        """Write what ``plan`` says, inside the caller's transaction."""
        conn = self.conn
        was_valid = self.valid()
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS changed (file_id INTEGER PRIMARY KEY)")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS removed (kind INTEGER, id TEXT)")
        conn.execute("DELETE FROM temp.changed")
        conn.execute("DELETE FROM temp.removed")
        for file_id in plan.gone:
            self._delete_file(file_id)
        conn.executemany(
            "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, inode=?, checked_ns=?"
            " WHERE file_id=?",
            plan.touched,
        )
        conn.executemany("UPDATE files SET position=? WHERE file_id=?", plan.moved)
        # Into an empty index, rows go faster without indexes, which are built after.
        fresh = conn.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None
        if fresh:
            for name in _index_names():
                conn.execute(f"DROP INDEX IF EXISTS {name}")
        for rows in _parse_all(plan.to_parse, plan.size):
            key = os.path.abspath(rows[0])
            self._store(rows, key, plan.positions[key])
        if fresh:
            for statement in _statements():
                if _is_index(statement):
                    conn.execute(statement)
        if plan.to_parse or plan.gone:
            self._validate(only_changes=was_valid and not fresh)

    def _plan(self, files: Sequence[Path]) -> _Plan:
        """Which files to parse, which were only touched or moved, which are gone."""
        stored = {
            row[1]: row
            for row in self.conn.execute(
                "SELECT file_id, abspath, position, size, mtime_ns, ctime_ns, inode, hash,"
                " checked_ns FROM files"
            )
        }
        plan = _Plan()
        for position, path in enumerate(files):
            name = str(path)
            key = os.path.abspath(name)
            plan.positions[key] = position
            row = stored.pop(key, None)
            try:
                st: os.stat_result | None = os.stat(name)
            except OSError:
                st = None
            if row is not None and st is not None:
                if row[2] != position:
                    plan.moved.append((position, row[0]))
                if _stat_key(st) == tuple(row[3:7]) and st.st_mtime_ns < row[8] - RACY_NS:
                    continue  # unchanged: trusted without reading
                checked_ns = time.time_ns()
                try:
                    digest: str | None = _digest(Path(name).read_bytes())
                except OSError:
                    digest = None
                if digest is not None and digest == row[7]:
                    # Touched or copied, not changed: remember the new stat, parse nothing.
                    plan.touched.append((*(_stat_key(st) or ()), checked_ns, row[0]))
                    continue
            plan.to_parse.append(name)
            plan.size += st.st_size if st is not None else 0
        plan.gone = [row[0] for row in stored.values()]
        return plan

    def _delete_file(self, file_id: int) -> None:
        conn = self.conn
        # What others may cite: checked by _validate(only_changes=True).
        for kind, table in enumerate(KINDS[:3]):
            conn.execute(
                f"INSERT INTO temp.removed SELECT {kind}, id FROM {table} WHERE file_id=?",
                (file_id,),
            )
        for table in ("event_text", "event_json"):
            conn.execute(
                f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM events WHERE file_id=?)",
                (file_id,),
            )
        conn.execute(
            "DELETE FROM claim_text WHERE rowid IN (SELECT rowid FROM claims WHERE file_id=?)",
            (file_id,),
        )
        for table in ("ids", "sources", "people", "events", "claims", "refs", "files"):
            conn.execute(f"DELETE FROM {table} WHERE file_id=?", (file_id,))

    def _store(self, rows: tuple[Any, ...], key: str, position: int) -> None:
        (
            _name,
            stat,
            digest,
            checked_ns,
            parsed,
            problems,
            n_problems,
            warnings,
            n_warnings,
            meta,
            extras,
            items,
            refs,
        ) = rows
        conn = self.conn
        old = conn.execute("SELECT file_id FROM files WHERE abspath=?", (key,)).fetchone()
        if old is not None:
            self._delete_file(old[0])
        size, mtime_ns, ctime_ns, inode = stat if stat is not None else (None, None, None, None)
        cursor = conn.execute(
            "INSERT INTO files (abspath, position, size, mtime_ns, ctime_ns, inode, hash,"
            " checked_ns, parsed, n_problems, n_warnings, problems, warnings, meta, extras)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                position,
                size,
                mtime_ns,
                ctime_ns,
                inode,
                digest,
                checked_ns,
                int(parsed),
                n_problems,
                n_warnings,
                problems,
                warnings,
                meta,
                extras,
            ),
        )
        file_id = cursor.lastrowid
        conn.execute("INSERT INTO temp.changed VALUES (?)", (file_id,))
        ids = [(file_id, kind, row[1]) for kind, table in enumerate(KINDS) for row in items[table]]
        conn.executemany("INSERT INTO ids VALUES (?, ?, ?)", ids)
        for table in ("sources", "people"):
            conn.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?, ?)",
                [(file_id, *row) for row in items[table]],
            )
        next_event = conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM events").fetchone()[0]
        conn.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(next_event + i, file_id, *row[:-2]) for i, row in enumerate(items["events"])],
        )
        for table, column in (("event_text", -2), ("event_json", -1)):  # the last two
            conn.executemany(
                f"INSERT INTO {table} VALUES (?, ?)",
                [(next_event + i, row[column]) for i, row in enumerate(items["events"])],
            )
        next_claim = conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM claims").fetchone()[0]
        conn.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(next_claim + i, file_id, *row[:-1]) for i, row in enumerate(items["claims"])],
        )
        conn.executemany(
            "INSERT INTO claim_text VALUES (?, ?)",
            [(next_claim + i, row[-1]) for i, row in enumerate(items["claims"])],
        )
        conn.executemany(
            "INSERT INTO refs VALUES (?, ?, ?, ?)",
            [(next_claim + seq, file_id, fld, target) for seq, fld, target in refs],
        )

    def _validate(self, *, only_changes: bool = False) -> None:
        """Store whether ``load.merge`` would find nothing wrong: no problem in any file, no
        duplicate id, no reference to an unknown source, person or event. (These mirror the
        cross-file checks of ``load.merge``; when they fail, merge itself reports.)

        ``only_changes``: the index was valid before this transaction, so a new problem can
        only involve a file written now (temp.changed) or an id it no longer defines
        (temp.removed); checking those is enough, and fast at any size."""
        problem = self._problem_in_changes() if only_changes else self._problem_anywhere()
        conn = self.conn
        conn.execute("UPDATE info SET value=? WHERE key='valid'", ("0" if problem else "1",))
        conn.execute("UPDATE info SET value=? WHERE key='built'", (str(time.time()),))

    def _problem_anywhere(self) -> bool:
        checks = (
            "SELECT 1 FROM files WHERE n_problems > 0 OR NOT parsed",
            "SELECT 1 FROM ids GROUP BY id HAVING COUNT(*) > 1",
            "SELECT 1 FROM events e"
            " WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = e.source)",
            "SELECT 1 FROM claims c"
            " WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = c.source)"
            " OR NOT EXISTS (SELECT 1 FROM people p WHERE p.id = c.speaker)",
            "SELECT 1 FROM refs r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.target)",
        )
        return any(self.conn.execute(sql + " LIMIT 1").fetchone() for sql in checks)

    def _problem_in_changes(self) -> bool:
        changed = "file_id IN (SELECT file_id FROM temp.changed)"
        checks = (
            f"SELECT 1 FROM files WHERE {changed} AND (n_problems > 0 OR NOT parsed)",
            f"SELECT 1 FROM ids a WHERE a.{changed}"
            " AND EXISTS (SELECT 1 FROM ids b WHERE b.id = a.id AND b.rowid <> a.rowid)",
            f"SELECT 1 FROM events e WHERE e.{changed}"
            " AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = e.source)",
            f"SELECT 1 FROM claims c WHERE c.{changed}"
            " AND (NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = c.source)"
            " OR NOT EXISTS (SELECT 1 FROM people p WHERE p.id = c.speaker))",
            f"SELECT 1 FROM refs r WHERE r.{changed}"
            " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.target)",
            # Ids that went away, still cited by a file that did not change.
            "SELECT 1 FROM temp.removed r WHERE r.kind = 0"
            " AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = r.id)"
            " AND (EXISTS (SELECT 1 FROM events e WHERE e.source = r.id)"
            " OR EXISTS (SELECT 1 FROM claims c WHERE c.source = r.id))",
            "SELECT 1 FROM temp.removed r WHERE r.kind = 1"
            " AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = r.id)"
            " AND EXISTS (SELECT 1 FROM claims c WHERE c.speaker = r.id)",
            "SELECT 1 FROM temp.removed r WHERE r.kind = 2"
            " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.id)"
            " AND EXISTS (SELECT 1 FROM refs f WHERE f.target = r.id)",
        )
        return any(self.conn.execute(sql + " LIMIT 1").fetchone() for sql in checks)

    # -- reading ------------------------------------------------------------------------------

    def snapshot(self) -> None:
        """Read everything that follows from one consistent state of the index."""
        self.conn.execute("BEGIN")
        self.conn.execute("SELECT 1 FROM info LIMIT 1").fetchone()

    def valid(self) -> bool:
        row = self.conn.execute("SELECT value FROM info WHERE key='valid'").fetchone()
        return row is not None and row[0] == "1"

    def file_names(self, files: Sequence[Path]) -> dict[int, str]:
        """file_id -> the name this run gives the file (as in locations and messages); a
        file another synews indexed meanwhile keeps its absolute path."""
        given = {os.path.abspath(str(p)): str(p) for p in files}
        return {
            file_id: given.get(key, key)
            for file_id, key in self.conn.execute("SELECT file_id, abspath FROM files")
        }

    def warnings(self, names: Mapping[int, str]) -> list[Problem]:
        found: list[Problem] = []
        for file_id, blob in self.conn.execute(
            "SELECT file_id, warnings FROM files WHERE n_warnings > 0 ORDER BY position"
        ):
            found += _unpack_problems(blob, names[file_id])
        return found

    def stored_result(self, names: Mapping[int, str]) -> Any:
        """A ``parse`` for ``load.check_paths`` that returns each file's stored result."""

        by_name = {name: file_id for file_id, name in names.items()}
        dates: dict[str, EdtfDate] = {}

        def parse(
            path: Path, problems: list[Problem], warnings: list[Problem]
        ) -> FileResult | None:
            file_id = by_name.get(str(path))
            if file_id is None:
                return parse_file(path, problems, warnings)
            row = self.conn.execute(
                "SELECT parsed, problems, warnings, meta, extras FROM files WHERE file_id=?",
                (file_id,),
            ).fetchone()
            name = str(path)
            problems += _unpack_problems(row[1], name)
            warnings += _unpack_problems(row[2], name)
            if not row[0]:
                return None
            items: dict[str, list[Any]] = {}
            for kind in KINDS:
                codec = CODECS[kind]
                items[kind] = [
                    codec.unpack(blob, name, dates)
                    for (blob,) in self.conn.execute(
                        f"SELECT record FROM {kind} WHERE file_id=? ORDER BY seq", (file_id,)
                    )
                ]
            meta = None if row[3] is None else model.Meta(*marshal.loads(row[3]))
            extras: dict[str, Any] = {**items, **marshal.loads(row[4])}
            return FileResult(meta=meta, **extras)

        return parse

    def dataset(self, names: Mapping[int, str]) -> IndexedDataset:
        conn = self.conn
        meta = model.Meta(title="Untitled dataset")
        for (blob,) in conn.execute(
            "SELECT meta FROM files WHERE meta IS NOT NULL ORDER BY position LIMIT 1"
        ):
            meta = model.Meta(*marshal.loads(blob))
        dates: dict[str, EdtfDate] = {}
        small: dict[str, tuple[Any, ...]] = {}
        for kind in ("sources", "people"):
            codec = CODECS[kind]
            small[kind] = tuple(
                codec.unpack(blob, names[file_id], dates)
                for file_id, blob in conn.execute(
                    f"SELECT t.file_id, t.record FROM {kind} t JOIN files f USING (file_id)"
                    " ORDER BY f.position, t.seq"
                )
            )
        ordered = [
            names[file_id]
            for (file_id,) in conn.execute(
                "SELECT file_id FROM files WHERE parsed ORDER BY position"
            )
        ]
        return IndexedDataset(
            _Reader(conn, names, dates),
            meta=meta,
            sources=small["sources"],
            people=small["people"],
            files=tuple(ordered),
        )


# --- The dataset, read lazily -------------------------------------------------------------------


class _Reader:
    """Materialises events and statements from the index, each once."""

    def __init__(
        self, conn: sqlite3.Connection, names: Mapping[int, str], dates: dict[str, EdtfDate]
    ) -> None:
        self.conn = conn
        self.names = names
        self.dates = dates
        self.made: dict[str, dict[int, Any]] = {kind: {} for kind in CODECS}
        self.rowid_of: dict[str, dict[str, int]] = {kind: {} for kind in CODECS}

    def rows(self, kind: str, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Items of ``kind`` from ``SELECT rowid, file_id, record ...``."""
        unpack = CODECS[kind].unpack
        made = self.made[kind]
        rowid_of = self.rowid_of[kind]
        names = self.names
        dates = self.dates
        found = []
        for rowid, file_id, blob in self.conn.execute(sql, params):
            item = made.get(rowid)
            if item is None:
                item = made[rowid] = unpack(blob, names[file_id], dates)
                rowid_of[item.id] = rowid
            found.append(item)
        return found


class _LazyItems(Mapping[str, Any]):
    """``event_by_id`` / ``claim_by_id`` without materialising every record."""

    def __init__(self, reader: _Reader, kind: str) -> None:
        self.reader = reader
        self.kind = kind

    def __getitem__(self, item_id: str) -> Any:
        found = self.reader.rows(
            self.kind,
            f"SELECT rowid, file_id, record FROM {self.kind} WHERE id=? LIMIT 1",
            (item_id,),
        )
        if not found:
            raise KeyError(item_id)
        return found[0]

    def __contains__(self, item_id: object) -> bool:
        if not isinstance(item_id, str):
            return False
        sql = f"SELECT 1 FROM {self.kind} WHERE id=? LIMIT 1"
        return self.reader.conn.execute(sql, (item_id,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        sql = (
            f"SELECT t.id FROM {self.kind} t JOIN files f USING (file_id)"
            " ORDER BY f.position, t.seq"
        )
        return iter([row[0] for row in self.reader.conn.execute(sql)])

    def __len__(self) -> int:
        return int(self.reader.conn.execute(f"SELECT COUNT(*) FROM {self.kind}").fetchone()[0])


def _any_instr(column: str, needles: Sequence[str], params: list[Any]) -> str:
    params.extend(needles)
    return "(" + " OR ".join(f"instr({column}, ?) > 0" for _ in needles) + ")"


class IndexedDataset(model.Dataset):
    """A Dataset whose events and statements stay in the index until asked for.

    People, sources and the meta are read at once (they are few). ``events`` and ``claims``
    materialise everything on first use; ``narrow_events`` / ``narrow_claims`` give
    ``query.py`` a superset of the matches of a query, which its predicates then decide."""

    _reader: _Reader
    _all: dict[str, tuple[Any, ...]]

    def __init__(
        self,
        reader: _Reader,
        *,
        meta: model.Meta,
        sources: tuple[model.Source, ...],
        people: tuple[model.Person, ...],
        files: tuple[str, ...],
    ) -> None:
        super().__init__(meta, sources, people, files=files)
        self._reader = reader
        self._all = {}

    def _everything(self, kind: str) -> tuple[Any, ...]:
        cached: dict[str, tuple[Any, ...]] = self._all
        if kind not in cached:
            cached[kind] = tuple(
                self._reader.rows(
                    kind,
                    f"SELECT t.rowid, t.file_id, t.record FROM {kind} t"
                    " JOIN files f USING (file_id) ORDER BY f.position, t.seq",
                )
            )
        return cached[kind]

    @property
    def events(self) -> tuple[model.Event, ...]:
        """Every event, materialised on first use (queries use ``narrow_events``)."""
        return self._everything("events")

    @property
    def claims(self) -> tuple[model.Claim, ...]:
        """Every statement, materialised on first use (queries use ``narrow_claims``)."""
        return self._everything("claims")

    @property
    def event_by_id(self) -> Mapping[str, model.Event]:
        return _LazyItems(self._reader, "events")

    @property
    def claim_by_id(self) -> Mapping[str, model.Claim]:
        return _LazyItems(self._reader, "claims")

    def stream(self, kind: str) -> Iterator[Any]:
        """Every event or statement (``kind`` "events" or "claims") in order, one at a time
        and kept by nobody: for building a derived index without holding the archive."""
        if kind not in ("events", "claims"):
            raise ValueError(f"no items of kind {kind!r}")
        codec, names, dates = CODECS[kind], self._reader.names, self._reader.dates
        sql = (
            f"SELECT t.file_id, t.record FROM {kind} t JOIN files f USING (file_id)"
            " ORDER BY f.position, t.seq"
        )
        for file_id, blob in self._reader.conn.execute(sql):
            yield codec.unpack(blob, names[file_id], dates)

    def items_by_id(self, kind: str, ids: Iterable[str]) -> dict[str, Any]:
        """Events or statements (``kind`` "events" or "claims") by id, materialising only
        those: a few queries instead of one per id (``synews search``'s hits)."""
        if kind not in ("events", "claims"):
            raise ValueError(f"no items of kind {kind!r}")
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Any] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            sql = (
                f"SELECT rowid, file_id, record FROM {kind}"
                f" WHERE id IN ({', '.join('?' * len(chunk))})"
            )
            for item in self._reader.rows(kind, sql, chunk):
                found.setdefault(item.id, item)
        return found

    def close(self) -> None:
        """Close the index. The last connection to close folds the write-ahead log back into
        the index file and removes it: left open, every later reader would look pages up
        in the log."""
        self._reader.conn.close()

    def stored_json(self, kind: str, items: Sequence[Any]) -> list[str] | None:
        """The JSON the index keeps for ``items``, in their order: events this dataset
        materialised, as ``listings.event_json`` encodes them. None for anything else."""
        if kind != "events":
            return None
        made, rowid_of = self._reader.made[kind], self._reader.rowid_of[kind]
        rowids = []
        for item in items:
            rowid = rowid_of.get(item.id)
            if rowid is None or made.get(rowid) is not item:
                return None
            rowids.append(rowid)
        found: dict[int, str] = {}
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT rowid, json FROM event_json WHERE rowid IN ({marks})"
            found.update(self._reader.conn.execute(sql, chunk))
        if len(found) < len(set(rowids)):
            return None
        return [found[rowid] for rowid in rowids]

    def counts(self) -> dict[str, int]:
        """How many items of each kind, without materialising them."""
        conn = self._reader.conn
        return {
            "events": int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]),
            "claims": int(conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]),
            "people": len(self.people),
            "sources": len(self.sources),
        }

    def narrow_events(
        self,
        *,
        days: DayRange | None = None,
        search: str | None = None,
        places: Sequence[str] = (),
        actors: Sequence[str] = (),
        tags: Sequence[str] = (),
        sources: Sequence[str] = (),
    ) -> list[model.Event]:
        """A superset of the events that match: see ``query.event_candidates``."""
        where: list[str] = []
        params: list[Any] = []
        _date_terms(days, where, params)
        for column, needles in (("places_key", places), ("actors_key", actors), ("tags_key", tags)):
            if needles:
                where.append(_any_instr(column, needles, params))
        if sources:
            where.append(f"source IN ({', '.join('?' * len(sources))})")
            params += sources
        if search is not None:
            where.append("rowid IN (SELECT rowid FROM event_text WHERE instr(text, ?) > 0)")
            params.append(search)
        sql = "SELECT rowid, file_id, record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._reader.rows("events", sql, params)

    def narrow_claims(
        self,
        *,
        days: DayRange | None = None,
        speakers: Iterable[str] | None = None,
        kinds: Sequence[str] = (),
        statuses: Sequence[str] = (),
        topics: Sequence[str] = (),
        about: Sequence[str] = (),
        evidence: Sequence[str] = (),
        sources: Sequence[str] = (),
        search: str | None = None,
        search_speakers: Iterable[str] = (),
    ) -> list[model.Claim]:
        """A superset of the statements that match: see ``query.claim_candidates``."""
        where: list[str] = []
        params: list[Any] = []
        _date_terms(days, where, params)
        if speakers is not None:
            wanted = sorted(set(speakers))
            where.append(f"speaker IN ({', '.join('?' * len(wanted))})")
            params += wanted
        for column, values in (("kind", kinds), ("status", statuses), ("source", sources)):
            if values:
                where.append(f"{column} IN ({', '.join('?' * len(values))})")
                params += values
        if topics:
            where.append(_any_instr("topics_key", topics, params))
        for fld, targets in ((0, about), (1, evidence)):
            if targets:
                where.append(
                    f"rowid IN (SELECT claim FROM refs WHERE field = {fld} AND target IN"
                    f" ({', '.join('?' * len(targets))}))"
                )
                params += targets
        if search is not None:
            named = sorted(set(search_speakers))
            term = "rowid IN (SELECT rowid FROM claim_text WHERE instr(text, ?) > 0)"
            params.append(search)
            if named:
                term = f"({term} OR speaker IN ({', '.join('?' * len(named))}))"
                params += named
            where.append(term)
        sql = "SELECT rowid, file_id, record FROM claims"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._reader.rows("claims", sql, params)

    def claim_dates(self) -> list[tuple[str, EdtfDate, str]]:
        """(speaker, date, id) of every statement, for people summaries, without
        materialising statements."""
        dates = self._reader.dates
        found = []
        for speaker, claim_id, text in self._reader.conn.execute(
            "SELECT speaker, id, date FROM claims"
        ):
            parsed = dates.get(text)
            if parsed is None:
                parsed = dates[text] = parse_edtf(text)
            found.append((speaker, parsed, claim_id))
        return found


def _date_terms(days: DayRange | None, where: list[str], params: list[Any]) -> None:
    if days is None:
        return
    if days.start is not None:
        where.append("last_day >= ?")
        params.append(days.start.toordinal())
    if days.end is not None:
        where.append("first_day <= ?")
        params.append(days.end.toordinal())


# --- Entry points ----------------------------------------------------------------------------


def _build_new(path: Path, key: str, files: Sequence[Path]) -> None:
    """A first index: built in a private file, without journal and with indexes made at the
    end (much faster than through the write-ahead log), then linked into place only if no
    index appeared meanwhile: a file another synews may have open is never replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        conn = sqlite3.connect(str(temp), isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA cache_size=-32000")
            index = Index(path, key, conn=conn)
            conn.execute("BEGIN")
            index._create(conn, _fingerprint(), indexes=False)
            index._apply(index._plan(files))
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        with contextlib.suppress(FileExistsError):  # another synews was first: keep its index
            os.link(temp, path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(str(temp) + suffix)


def _open_synced(paths: Sequence[str], files: Sequence[Path]) -> Index:
    path = index_path(paths)
    key = _dataset_key(paths)
    if not any(os.path.exists(str(path) + suffix) for suffix in ("", "-wal", "-shm", "-journal")):
        with contextlib.suppress(OSError, sqlite3.Error):  # else: built in place, or not at all
            _build_new(path, key, files)
    index = Index(path, key)
    try:
        index.sync(files)
        index.snapshot()
    except BaseException:
        index.close()
        raise
    return index


def check_paths(paths: Sequence[str], *, use_cache: bool = True) -> LoadReport:
    """``load.check_paths`` through the index: the same report, from what is stored."""

    if not use_cache:
        return merge.check_paths(paths)
    problems: list[Problem] = []
    files = expand_paths(paths, problems)
    if not files or len({os.path.abspath(str(f)) for f in files}) < len(files):
        # Nothing to keep (no index file for a bad path), or a file given twice: its
        # duplicate ids are for load.merge to report, as ever.
        return merge.check_paths(paths)
    try:
        index = _open_synced(paths, files)
        names = index.file_names(files)
        if not problems and index.valid():
            return merge.LoadReport(index.dataset(names), [], index.warnings(names))
        return merge.check_paths(paths, parse=index.stored_result(names))
    except (CacheUnavailable, sqlite3.Error, OSError, ValueError, EOFError):
        return merge.check_paths(paths)


def load_dataset(paths: Sequence[str], *, use_cache: bool = True) -> model.Dataset:
    """``load.load_dataset`` through the index; raises DataError listing every problem."""
    report = check_paths(paths, use_cache=use_cache)
    if report.dataset is None:
        raise DataError(report.problems, report.warnings)
    return report.dataset


def item_counts(dataset: model.Dataset) -> dict[str, int]:
    """Counts of each kind; an indexed dataset counts without materialising."""
    if isinstance(dataset, IndexedDataset):
        return dataset.counts()
    return {
        "events": len(dataset.events),
        "claims": len(dataset.claims),
        "people": len(dataset.people),
        "sources": len(dataset.sources),
    }


# --- synews cache info | clear ---------------------------------------------------------------


def index_files(directory: Path | None = None) -> list[Path]:
    folder = directory or cache_dir()
    try:
        return sorted(folder.glob("index-*.sqlite"))
    except OSError:
        return []


def describe(path: Path) -> dict[str, Any]:
    """What one index file holds, read without changing it."""
    size = sum(
        os.path.getsize(str(path) + suffix)
        for suffix in ("", "-wal", "-shm")
        if os.path.exists(str(path) + suffix)
    )
    info: dict[str, Any] = {"path": str(path), "bytes": size}
    try:
        conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=1.0)
        try:
            rows = dict(conn.execute("SELECT key, value FROM info"))
            info["dataset"] = rows.get("dataset", "").split("\0")
            info["current"] = rows.get("fingerprint") == _fingerprint()
            info["valid"] = rows.get("valid") == "1"
            info["built"] = float(rows.get("built", "0") or 0)
            for table in ("files", "events", "claims", "people", "sources"):
                info[table] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        info["unreadable"] = True
    return info


def clear(directory: Path | None = None) -> tuple[int, int]:
    """Remove every index file, and what was derived from them; (index files removed,
    bytes freed). Everything in the folder is synews's own, and rebuilt when needed."""
    folder = directory or cache_dir()
    removed = freed = 0
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return 0, 0
    for entry in entries:
        if not entry.is_file() or not entry.name.startswith(("index-", "derived-", ".index-")):
            continue
        try:
            size = entry.stat().st_size
            entry.unlink()
        except OSError:
            continue
        freed += size
        if entry.name.startswith("index-") and entry.name.endswith(".sqlite"):
            removed += 1
    return removed, freed


# --- For indexes derived from the data (e.g. `synews search`'s full-text index) ------------


def derived_path(dataset: model.Dataset, name: str) -> Path | None:
    """Where an index derived from ``dataset`` may be kept between runs, or None.

    For a dataset read through the index, a path in the cache folder that is unique to the
    current content of every file (and to this synews): build the derived index into a
    temporary file in the same folder, rename it to this path, and reuse it while it exists.
    It can never be stale, since any change gives another path; ``synews cache clear``
    removes it. For other datasets (``--no-cache``, a fallback), None: build in memory."""
    if not isinstance(dataset, IndexedDataset):
        return None
    import hashlib

    digest = hashlib.blake2b(digest_size=12)
    digest.update(_fingerprint().encode())
    conn = dataset._reader.conn
    for abspath, content in conn.execute("SELECT abspath, hash FROM files ORDER BY position"):
        digest.update(f"\0{abspath}\0{content}".encode("utf-8", "surrogatepass"))
    # The dataset (its --data paths) is part of the name, so that storing one dataset's
    # derived index removes only that dataset's older ones, not another dataset's.
    row = conn.execute("SELECT value FROM info WHERE key='dataset'").fetchone()
    key = (row[0] if row else "").encode("utf-8", "surrogatepass")
    safe = "".join(ch for ch in name if ch.isalnum() or ch in "-_") or "index"
    return cache_dir() / f"derived-{safe}-{zlib.crc32(key):08x}-{digest.hexdigest()}.sqlite"


def store_derived(built: Path, target: Path) -> None:
    """Rename a derived index built at ``built`` (in the cache folder) to ``target`` (from
    :func:`derived_path`), and remove the older ones of the same name."""
    os.replace(built, target)
    prefix = target.name.rsplit("-", 1)[0] + "-"
    for other in target.parent.glob(prefix + "*.sqlite"):
        if other != target:
            with contextlib.suppress(OSError):
                other.unlink()
