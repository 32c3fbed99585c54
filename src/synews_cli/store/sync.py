"""Keeping the store in step with the TOML files, one file at a time, never stale.

Each file is stored with its path, size, modification time, inode and a hash of the bytes
that were parsed. An unchanged file is not read at all; a touched but identical file is
only hashed; a changed or new file is parsed again (many at once by a pool of processes),
its old rows replaced by its new ones in
one transaction; a file that went away is dropped. Then what depends on other files is
brought up to date: the full-text documents of statements (they hold their speaker's name)
and the rules across files. Files are read and written one at a time, so building the store
of a large archive never holds the archive in memory.
"""

import contextlib
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from synews_cli import __version__
from synews_cli.store import fulltext, rows, rules, schema
from synews_cli.store.changes import FileKey, Plan
from synews_cli.store.records import PERSON_COLUMNS, RecordReader

# Below this, files are parsed in this process; above, by a pool of worker processes.
PARALLEL_BYTES = 4_000_000
MAX_WORKERS = 8  # each worker holds one parsed file; 8 keep the total memory modest


# Told after each file is parsed: (files done, files to do).
OnFile = Callable[[int, int], None]


def apply(
    conn: sqlite3.Connection,
    todo: Plan,
    on_file: OnFile | None = None,
    *,
    full_text: bool = True,
    words: bool = False,
    warnings: bool = False,
) -> None:
    """Write what ``todo`` says, inside the caller's transaction; with ``full_text``, leave
    every document in the full-text index (fulltext.py, "Writing documents"), with
    ``words``, the unstemmed index too, and with ``warnings``, the curator's warnings
    (rules.py ``check``)."""
    full_text = full_text or words
    doc_table = fulltext.documents_table(conn, full_text=full_text)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS changed (file_id INTEGER PRIMARY KEY)")
    # People a change defines, changes or removes, with what statements said of them before.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS speakers (id TEXT PRIMARY KEY, before TEXT)")
    # The statements of this change, with the speaker's text their document was written
    # with (NULL: not written yet, the speaker being unknown so far).
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS claim_docs"
        " (rowid INTEGER PRIMARY KEY, title TEXT, body TEXT, labels TEXT, who TEXT)"
    )
    for table in ("changed", "speakers", "claim_docs"):
        conn.execute(f"DELETE FROM temp.{table}")
    for file_id in todo.gone:
        delete_file(conn, file_id, doc_table)
    conn.executemany(
        "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, inode=?, checked_ns=? WHERE file_id=?",
        todo.touched,
    )
    conn.executemany("UPDATE files SET position=? WHERE file_id=?", todo.moved)
    # Into an empty store, rows go faster without indexes, which are made after.
    fresh = conn.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None
    if fresh:
        schema.drop_indexes(conn)
    who = speakers_known(conn)
    for done, found in enumerate(parse_all(todo.to_parse, todo.size), start=1):
        write_file(conn, found, todo.positions[found[0]], who, doc_table)
        if on_file is not None:
            on_file(done, len(todo.to_parse))
    if fresh:
        schema.create_indexes(conn)
    if todo.to_parse or todo.gone:
        index_statements(conn, doc_table)
    # The rules read files in their order; the curator's warnings are checked when asked.
    if todo.to_parse or todo.gone or todo.moved or (warnings and not rules.warned(conn)):
        rules.check(conn, warnings=warnings)
    if full_text and doc_table != "search":
        fulltext.index_waiting(conn)
    if words:
        fulltext.make_words(conn)
    write_meta(conn)


# --- One file ----------------------------------------------------------------------------


_PEOPLE = RecordReader({})  # people as records, to say what statements hold of them


def delete_file(conn: sqlite3.Connection, file_id: int, doc_table: str) -> None:
    """Remove a file's rows and documents (from ``doc_table``: the index, or the table of
    those waiting for it); its people are remembered, to index their statements again."""
    leaving = conn.execute(f"SELECT {PERSON_COLUMNS} FROM people WHERE file_id=?", (file_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO temp.speakers VALUES (?, ?)",
        [(person.id, rows.speaker_text(person)) for person in map(_PEOPLE.person, leaving)],
    )
    for table, code in (("events", 1), ("claims", 2), ("people", 3)):
        rowids = f"SELECT rowid * 4 + {code} FROM {table} WHERE file_id=?"
        fulltext.remove_documents(conn, doc_table, rowids, (file_id,))
    for table in (
        "sources",
        "people",
        "events",
        "claims",
        "names",
        "claim_about",
        "claim_evidence",
        "problems",
        "invalid_ids",
        "loose_refs",
        "files",
    ):
        conn.execute(f"DELETE FROM {table} WHERE file_id=?", (file_id,))


def speakers_known(conn: sqlite3.Connection) -> dict[str, str]:
    """What statements hold of each person the store knows before a change."""
    people = conn.execute(f"SELECT {PERSON_COLUMNS} FROM people")
    return {person.id: rows.speaker_text(person) for person in map(_PEOPLE.person, people)}


def write_file(
    conn: sqlite3.Connection,
    found: tuple[FileKey, rows.FileRows],
    position: int,
    who: dict[str, str],
    doc_table: str,
) -> None:
    """Replace what the store holds of one file by its new rows, and its documents in
    ``doc_table``. ``who``: what statements hold of each speaker known so far; the
    statements of known speakers are indexed at once, the others once every file of the
    change is stored (index_statements)."""
    key, got = found
    path, copy = key
    old = conn.execute("SELECT file_id FROM files WHERE path=? AND copy=?", (path, copy)).fetchone()
    if old is not None:
        delete_file(conn, old[0], doc_table)
    stat = got.stat if got.stat is not None else (None, None, None, None)
    meta = got.meta if got.meta is not None else (None, None, None)
    cursor = conn.execute(
        "INSERT INTO files (path, copy, position, size, mtime_ns, ctime_ns, inode, hash,"
        " checked_ns, readable, title, description, schema_version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (path, copy, position, *stat, got.digest, got.checked_ns, int(got.readable), *meta),
    )
    file_id = cursor.lastrowid
    assert file_id is not None
    conn.execute("INSERT INTO temp.changed VALUES (?)", (file_id,))
    conn.executemany(
        "INSERT INTO problems (rule, file_id, seq, line, item, field, message, warning)"
        " VALUES (0, ?, ?, ?, ?, ?, ?, ?)",
        [(file_id, *problem) for problem in got.problems],
    )
    conn.executemany(
        "INSERT INTO invalid_ids VALUES (?, ?, ?)", [(file_id, *i) for i in got.invalid_ids]
    )
    conn.executemany(
        "INSERT INTO loose_refs VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(file_id, *ref) for ref in got.loose_refs],
    )
    _insert(conn, "sources", got.sources, file_id)
    people = _insert(conn, "people", got.people, file_id)
    events = _insert(conn, "events", got.events, file_id)
    claims = _insert(conn, "claims", got.claims, file_id)
    _insert(conn, "names", got.names, file_id)
    for table, links in (("claim_about", got.about), ("claim_evidence", got.evidence)):
        rows_ = [(*link, file_id) for link in links]
        conn.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", rows_)
    conn.executemany(
        "INSERT OR IGNORE INTO temp.speakers VALUES (?, NULL)", [(row[0],) for row in got.people]
    )
    for row, text in zip(got.people, got.speaker_texts, strict=True):
        who.setdefault(row[0], text)
    waiting: list[tuple[Any, ...]] = []
    said_now: list[tuple[Any, ...]] = []
    for rowid, row, (title, body, labels) in zip(claims, got.claims, got.claim_docs, strict=True):
        said = who.get(row[1])  # row[1]: the speaker
        waiting.append((rowid, title, body, labels, said))
        if said is not None:
            document = (title, body, labels, said, "", "claim", row[0], *row[rows.CLAIM_DAYS])
            said_now.append((rowid * 4 + 2, *document, row[1]))
    conn.executemany("INSERT INTO temp.claim_docs VALUES (?, ?, ?, ?, ?)", waiting)
    fulltext.add_documents(conn, doc_table, said_now)
    fulltext.add_documents(
        conn,
        doc_table,
        [
            (rowid * 4 + 1, *document, "event", row[0], *row[rows.EVENT_DAYS], None)
            for rowid, row, document in zip(events, got.events, got.event_docs, strict=True)
        ],
    )
    fulltext.add_documents(
        conn,
        doc_table,
        [
            (rowid * 4 + 3, *document, "person", row[0], None, None, None)
            for rowid, row, document in zip(people, got.people, got.person_docs, strict=True)
        ],
    )


def _insert(
    conn: sqlite3.Connection, table: str, items: list[tuple[Any, ...]], file_id: int
) -> range:
    """Insert a file's items with rowids of their own (the full-text index refers to them);
    returns those rowids."""
    if not items:
        return range(0)
    first = conn.execute(f"SELECT COALESCE(MAX(rowid), 0) + 1 FROM {table}").fetchone()[0]
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    marks = ", ".join("?" * (len(columns) + 1))
    conn.executemany(
        f"INSERT INTO {table} (rowid, {', '.join(columns)}) VALUES ({marks})",
        [(first + seq, *row, file_id, seq) for seq, row in enumerate(items)],
    )
    return range(first, first + len(items))


def index_statements(conn: sqlite3.Connection, doc_table: str) -> None:
    """Bring the statements' documents in line with the speakers as every file now defines
    them (a statement's document holds its speaker's name, aliases and role): write those of
    changed files still waiting, again those written with a speaker's text that is not the
    final one, and again those of unchanged files whose speaker's text changed."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS who (speaker TEXT PRIMARY KEY, text TEXT)")
    conn.execute("DELETE FROM temp.who")
    people = conn.execute(
        f"SELECT {', '.join('p.' + c.strip() for c in PERSON_COLUMNS.split(','))}"
        " FROM people p JOIN files f USING (file_id) ORDER BY f.position, p.seq"
    )
    conn.executemany(  # the first definition of a person is theirs
        "INSERT OR IGNORE INTO temp.who VALUES (?, ?)",
        [(person.id, rows.speaker_text(person)) for person in map(_PEOPLE.person, people)],
    )
    final = "coalesce((SELECT text FROM temp.who WHERE speaker = c.speaker_id), '')"
    stale = (
        "SELECT d.rowid * 4 + 2 FROM temp.claim_docs d JOIN claims c ON c.rowid = d.rowid"
        f" WHERE d.who IS NOT NULL AND d.who IS NOT {final}"
    )
    fulltext.remove_documents(conn, doc_table, stale, ())
    conn.execute(f"UPDATE temp.claim_docs SET who = NULL WHERE rowid * 4 + 2 IN ({stale})")
    spoken = (
        "SELECT rowid * 4 + 2 FROM claims"
        " WHERE file_id NOT IN (SELECT file_id FROM temp.changed)"
        " AND speaker_id IN (SELECT s.id FROM temp.speakers s LEFT JOIN temp.who w"
        " ON w.speaker = s.id WHERE s.before IS NOT w.text)"
    )
    conn.execute(  # their text stays as it is
        "INSERT INTO temp.claim_docs SELECT rowid >> 2, title, body, labels, NULL"
        f" FROM {doc_table} WHERE rowid IN ({spoken})"
    )
    fulltext.remove_documents(conn, doc_table, spoken, ())
    fulltext.add_documents_from(
        conn,
        doc_table,
        f"SELECT d.rowid * 4 + 2, d.title, d.body, d.labels, {final}, '', 'claim',"
        " c.id, c.first_day, c.last_day, c.speaker_id FROM temp.claim_docs d"
        " JOIN claims c ON c.rowid = d.rowid WHERE d.who IS NULL ORDER BY d.rowid",
        "SELECT rowid * 4 + 2 FROM temp.claim_docs WHERE who IS NULL",
    )


def write_meta(conn: sqlite3.Connection) -> None:
    """The public ``meta`` rows: the dataset's title and description (from the first file
    that has a [meta] table), the versions, when the store was last brought in step, and
    its files."""
    first = conn.execute(
        "SELECT title, description, schema_version FROM files WHERE title IS NOT NULL"
        " ORDER BY position LIMIT 1"
    ).fetchone()
    title, description, version = first if first is not None else ("Untitled dataset", "", 1)
    paths = [row[0] for row in conn.execute("SELECT path FROM files ORDER BY position")]
    invalid = "SELECT 1 FROM problems WHERE NOT warning LIMIT 1"
    values = {
        "title": title,
        "description": description or "",
        "dataset_schema_version": str(version),
        "database_schema_version": str(schema.DATABASE_SCHEMA_VERSION),
        "synews_version": __version__,
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": "\n".join(paths),
        "store_valid": "0" if conn.execute(invalid).fetchone() else "1",
    }
    conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())


# --- Parsing, here or in worker processes ---------------------------------------------------


def _parse_one(key: FileKey) -> tuple[FileKey, rows.FileRows]:
    return key, rows.file_rows(key[0])


def _quiet_worker() -> None:
    """Ctrl-C reaches the whole process group: the main process stops the pool and says so
    once; a worker has nothing to add, and stops at once when the pool ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _workers(count: int, size: int) -> int:
    if count < 2 or size < PARALLEL_BYTES:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cpus, count))


def parse_all(keys: list[FileKey], size: int) -> Iterator[tuple[FileKey, rows.FileRows]]:
    """Every file's rows, from a pool of processes when there is enough to do."""
    workers = _workers(len(keys), size)
    pool = None
    if workers > 1:
        import multiprocessing

        method = "fork" if sys.platform.startswith("linux") else None
        with contextlib.suppress(OSError, ImportError, ValueError):  # no semaphores here
            pool = multiprocessing.get_context(method).Pool(workers, _quiet_worker)
    if pool is None:
        yield from map(_parse_one, keys)
        return
    with pool:
        yield from pool.imap_unordered(_parse_one, keys)
