"""``synews db OUT.sqlite``: the dataset as a standalone, documented SQLite database.

For readers who want SQL, Datasette or sqlite-utils rather than the command line. The
schema is documented in docs/database.md; it is a public interface like the JSON field
names (add columns, never rename or remove one). Lists become link tables with a
``position`` so their order survives; dates keep their EDTF text next to their first and last
day; full-text indexes follow the sqlite-utils convention (``<table>_fts``, external content)
so Datasette offers a search box. The file is written to a temporary name in the same folder
and renamed into place: a failure leaves no partial file and an existing file untouched.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from synews_cli import __version__
from synews_cli.dates import EdtfDate
from synews_cli.errors import DataIOError, UsageError
from synews_cli.model import Dataset

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    outlet TEXT NOT NULL,
    title TEXT,
    published TEXT NOT NULL,
    published_start TEXT,
    published_end TEXT,
    kind TEXT NOT NULL,
    url TEXT,
    author TEXT,
    text_file TEXT,
    file TEXT,
    line INTEGER
);
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT,
    affiliation TEXT,
    kind TEXT NOT NULL,
    identity TEXT NOT NULL,
    identity_note TEXT,
    note TEXT,
    file TEXT,
    line INTEGER
);
CREATE TABLE person_aliases (
    person_id TEXT NOT NULL REFERENCES people (id),
    position INTEGER NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY (person_id, position)
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    date_display TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    approximate INTEGER NOT NULL,
    uncertain INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources (id),
    note TEXT,
    file TEXT,
    line INTEGER
);
CREATE INDEX events_start ON events (start);
CREATE INDEX events_source ON events (source_id);
CREATE TABLE event_places (
    event_id TEXT NOT NULL REFERENCES events (id),
    position INTEGER NOT NULL,
    place TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_places_place ON event_places (place);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (id),
    position INTEGER NOT NULL,
    actor TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_actors_actor ON event_actors (actor);
CREATE TABLE event_tags (
    event_id TEXT NOT NULL REFERENCES events (id),
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_tags_tag ON event_tags (tag);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    speaker_id TEXT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    context TEXT,
    date TEXT NOT NULL,
    date_display TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    approximate INTEGER NOT NULL,
    uncertain INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources (id),
    status TEXT,
    evidence_note TEXT,
    note TEXT,
    file TEXT,
    line INTEGER
);
CREATE INDEX claims_speaker ON claims (speaker_id);
CREATE INDEX claims_start ON claims (start);
CREATE INDEX claims_source ON claims (source_id);
CREATE TABLE claim_topics (
    claim_id TEXT NOT NULL REFERENCES claims (id),
    position INTEGER NOT NULL,
    topic TEXT NOT NULL,
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_topics_topic ON claim_topics (topic);
CREATE TABLE claim_about (
    claim_id TEXT NOT NULL REFERENCES claims (id),
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id),
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_about_event ON claim_about (event_id);
CREATE TABLE claim_evidence (
    claim_id TEXT NOT NULL REFERENCES claims (id),
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id),
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_evidence_event ON claim_evidence (event_id);
CREATE VIEW statements AS
    SELECT claims.id, claims.date, claims.date_display, claims.start, claims."end",
           people.name AS speaker_name, claims.speaker_id, claims.kind, claims.text,
           claims.context, claims.status, sources.outlet, claims.source_id
    FROM claims
    JOIN people ON people.id = claims.speaker_id
    JOIN sources ON sources.id = claims.source_id;
CREATE VIRTUAL TABLE events_fts USING fts5 (
    title, summary, content='events', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, context, content='claims', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE people_fts USING fts5 (
    name, role, affiliation, content='people', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
"""


def _date_columns(when: EdtfDate) -> tuple[Any, ...]:
    return (
        when.text,
        when.display(),
        None if when.start is None else when.start.isoformat(),
        None if when.end is None else when.end.isoformat(),
        int(when.approximate),
        int(when.uncertain),
    )


def _where(item: Any) -> tuple[str | None, int | None]:
    location = item.location
    return (None, None) if location is None else (location.file, location.line)


def _listed(item_id: str, values: Iterable[str]) -> list[tuple[str, int, str]]:
    return [(item_id, position, value) for position, value in enumerate(values)]


def fill(conn: sqlite3.Connection, dataset: Dataset) -> None:
    """Create the schema in an empty database and insert every item of ``dataset``."""
    conn.executescript(SCHEMA)
    conn.execute("BEGIN")
    meta = dataset.meta
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("title", meta.title),
            ("description", meta.description),
            ("dataset_schema_version", str(meta.schema_version)),
            ("database_schema_version", str(SCHEMA_VERSION)),
            ("synews_version", __version__),
            ("generated", datetime.now(UTC).isoformat(timespec="seconds")),
            ("files", "\n".join(dataset.files)),
        ],
    )
    conn.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                s.id,
                s.outlet,
                s.title,
                s.published.text,
                None if s.published.start is None else s.published.start.isoformat(),
                None if s.published.end is None else s.published.end.isoformat(),
                s.kind,
                s.url,
                s.author,
                s.text_file,
                *_where(s),
            )
            for s in dataset.sources
        ],
    )
    conn.executemany(
        "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                p.id,
                p.name,
                p.role,
                p.affiliation,
                p.kind,
                p.identity,
                p.identity_note,
                p.note,
                *_where(p),
            )
            for p in dataset.people
        ],
    )
    conn.executemany(
        "INSERT INTO person_aliases VALUES (?, ?, ?)",
        [row for p in dataset.people for row in _listed(p.id, p.aliases)],
    )
    events = dataset.events
    conn.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (e.id, *_date_columns(e.date), e.title, e.summary, e.source, e.note, *_where(e))
            for e in events
        ],
    )
    for table in ("places", "actors", "tags"):
        conn.executemany(
            f"INSERT INTO event_{table} VALUES (?, ?, ?)",
            [row for e in events for row in _listed(e.id, getattr(e, table))],
        )
    claims = dataset.claims
    conn.executemany(
        "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                c.id,
                c.speaker,
                c.kind,
                c.text,
                c.context,
                *_date_columns(c.date),
                c.source,
                c.status,
                c.evidence_note,
                c.note,
                *_where(c),
            )
            for c in claims
        ],
    )
    for table, attribute in (("topics", "topics"), ("about", "about"), ("evidence", "evidence")):
        conn.executemany(
            f"INSERT INTO claim_{table} VALUES (?, ?, ?)",
            [row for c in claims for row in _listed(c.id, getattr(c, attribute))],
        )
    for table in ("events", "claims", "people"):
        conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        for table in ("events", "claims", "people", "sources")
    }


def describe_counts(found: dict[str, int]) -> str:
    """``19 events, 29 statements, 14 people, 1 source``."""
    nouns = (
        ("events", "event", "events"),
        ("claims", "statement", "statements"),
        ("people", "person", "people"),
        ("sources", "source", "sources"),
    )
    return ", ".join(f"{found[key]} {one if found[key] == 1 else many}" for key, one, many in nouns)


def write_database(dataset: Dataset, out: str | os.PathLike[str], *, force: bool) -> dict[str, int]:
    """Write ``dataset`` to ``out`` atomically; refuse to replace a file without ``force``.
    Returns the number of rows of each main table."""
    path = Path(out)
    if path.is_dir():
        raise UsageError(f"{path} is a folder", hint="give a file name such as story.sqlite")
    if path.exists() and not force:
        raise UsageError(
            f"{path} exists; synews db does not replace a file unless asked",
            hint="add --force to replace it, or choose another name",
        )
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
    except OSError as error:
        raise DataIOError(
            f"cannot write {path}: {error.strerror or error}",
            hint="check that the folder exists and is writable",
        ) from None
    temp = Path(temp_name)
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=OFF")  # a new file: nothing to roll back to
            fill(conn, dataset)
            found = counts(conn)
        finally:
            conn.close()
        umask = os.umask(0)
        os.umask(umask)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, (OSError, sqlite3.Error)):
            raise DataIOError(f"cannot write {path}: {error}") from None
        raise
    return found


def row_counts(path: str | os.PathLike[str], tables: Sequence[str]) -> dict[str, int]:
    """Rows per table of a written database (for tests and messages)."""
    conn = sqlite3.connect(Path(path).as_uri() + "?mode=ro", uri=True)
    try:
        return {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}
    finally:
        conn.close()
