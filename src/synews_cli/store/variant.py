"""A store of the dataset with some of its files' text replaced, and files added: what
``synews add`` checks before it writes anything.

It is a copy of the command's own store, brought in step with the other files by the same
code that keeps every store in step (changes.py, sync.py): only the replaced and added files
are parsed, and the rules across files run once, so a merge into a large archive costs about
what a command costs after one file changed.
"""

import os
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path

from synews_cli.store import changes, sync
from synews_cli.store.reader import Store


def with_files(
    store: Store, replaced: Mapping[str, str], added: Sequence[str], folder: Path
) -> Store:
    """The store of ``store``'s files, each one named in ``replaced`` (as the store names it)
    read from the file it maps to instead, and the files ``added`` after them. Its database
    is a file in ``folder`` (the caller removes it); problems name the files read."""
    conn = sqlite3.connect(folder / "merged.sqlite", isolation_level=None, check_same_thread=False)
    store.conn.backup(conn)
    rows = conn.execute("SELECT file_id, path, copy FROM files ORDER BY position").fetchall()
    keys: list[changes.FileKey] = []
    names: dict[changes.FileKey, str] = {}
    for file_id, path, copy in rows:
        name = store.file_names[file_id]
        key = (os.path.abspath(replaced[name]), 0) if name in replaced else (path, copy)
        keys.append(key)
        names[key] = replaced.get(name, name)
    for name in added:
        key = (os.path.abspath(name), 0)
        keys.append(key)
        names[key] = name
    conn.execute("BEGIN")
    try:
        sync.apply(conn, changes.plan(conn, keys), full_text=False)
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        raise
    file_names = {
        file_id: names.get((path, copy), path)
        for file_id, path, copy in conn.execute("SELECT file_id, path, copy FROM files")
    }
    conn.execute("BEGIN")
    return Store(conn, file_names)
