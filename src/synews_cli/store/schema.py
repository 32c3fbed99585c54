"""The schema (schema.sql, the one definition of the store's tables) and what identifies
the code that fills it."""

import os
import sqlite3
import sys
import unicodedata
import zlib
from functools import cache
from pathlib import Path

from synews_cli import __version__

# The version of the documented schema (docs/database.md); `meta.database_schema_version`.
DATABASE_SCHEMA_VERSION = 2
PACKAGE = Path(__file__).resolve().parents[1]


@cache
def statements() -> tuple[str, ...]:
    """Every statement of schema.sql, in order."""
    from importlib import resources  # only to create a store

    text = resources.files("synews_cli.store").joinpath("schema.sql").read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
    return tuple(part.strip() for part in "\n".join(lines).split(";\n") if part.strip())


def is_index(statement: str) -> bool:
    return statement.startswith("CREATE INDEX")


def index_names() -> list[str]:
    return [statement.split()[2] for statement in statements() if is_index(statement)]


def create(conn: sqlite3.Connection) -> None:
    """Create every table, view and index in an empty database."""
    for statement in statements():
        conn.execute(statement)


def create_indexes(conn: sqlite3.Connection) -> None:
    for statement in statements():
        if is_index(statement):
            conn.execute(statement)


def drop_indexes(conn: sqlite3.Connection) -> None:
    for name in index_names():
        conn.execute(f"DROP INDEX IF EXISTS {name}")


@cache
def fingerprint() -> str:
    """This synews: its version, the SQLite and Unicode it runs on (the full-text tokenizer
    and the folding of words), and every file of its code (name, size, time). A store made
    by other code is rebuilt, so it can never hold what this code would not write; no list
    of "files that matter" to keep up to date."""
    code = []
    for folder, _, names in sorted(os.walk(PACKAGE)):
        for name in sorted(names):
            if name.endswith((".py", ".sql")):
                st = os.stat(os.path.join(folder, name))
                where = os.path.relpath(os.path.join(folder, name), PACKAGE)
                code.append(f"{where}:{st.st_size}:{st.st_mtime_ns}")
    digest = f"{zlib.crc32(chr(10).join(code).encode()):08x}"
    python = ".".join(map(str, sys.version_info[:2]))
    return (
        f"{__version__};schema {DATABASE_SCHEMA_VERSION};sqlite {sqlite3.sqlite_version};"
        f"python {python};unicode {unicodedata.unidata_version};code {digest}"
    )
