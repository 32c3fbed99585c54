"""``synews db OUT.sqlite``: a copy of the store, for SQL tools, Datasette and sqlite-utils.

The copy is the store itself (``VACUUM INTO``), so its schema is schema.sql, documented in
docs/database.md; only a valid dataset is copied. It is written under a temporary name in
the same folder and renamed into place: a failure leaves no partial file and an existing file
untouched.
"""

import os
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from synews_cli import files
from synews_cli.errors import DataIOError, UsageError
from synews_cli.store.reader import Counts, Store


def write_copy(store: Store, out: Path, *, force: bool, protected: Sequence[str] = ()) -> Counts:
    """Copy the store to ``out``; refuse to replace a file without ``force``, and to
    write anything but a file (stdout, a device) or over a file of the dataset (its
    files, and ``protected``: its folders, see files.destination)."""
    if str(out) == "-":
        raise UsageError("synews db writes a file, not stdout", hint="give a file name")
    # Read-only or not, an existing file is replaced only with --force (said below).
    target = files.destination(out, protected=[*store.files, *protected], force=True)
    if target.direct:
        raise UsageError(
            f"{out} is not a regular file; synews db writes a database file",
            hint="give a file name such as story.sqlite",
        )
    if os.path.lexists(out) and not force:
        raise UsageError(
            f"{out} exists; synews db does not replace a file unless asked",
            hint="add --force to replace it, or choose another name",
        )
    out = target.path
    counts = store.counts()
    if store.conn.in_transaction:
        store.conn.execute("COMMIT")  # VACUUM runs outside a transaction
    try:
        with files.replaced(out) as temp:
            temp.unlink()
            store.conn.execute("VACUUM INTO ?", (str(temp),))
            _finish(temp)
    except sqlite3.Error as error:
        raise DataIOError(f"cannot write {out}: {error}") from None
    return counts


def _finish(path: Path) -> None:
    """A standalone file (no write-ahead log beside it), stamped with when it was made."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        made = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'generated'", (made,))
    finally:
        conn.close()


def describe_counts(found: Counts) -> str:
    """``19 events, 29 statements, 14 people, 1 source``."""
    nouns = (
        (found.events, "event", "events"),
        (found.claims, "statement", "statements"),
        (found.people, "person", "people"),
        (found.sources, "source", "sources"),
    )
    return ", ".join(f"{count} {one if count == 1 else many}" for count, one, many in nouns)
