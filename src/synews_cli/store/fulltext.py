"""The store's full-text index (the ``search`` table): ranking, highlighting, and the word
list behind prefixes and suggestions.

One FTS5 index answers ``synews search`` and every ``--search``: BM25 ranking with field
weights, Porter stemming over ``unicode61 remove_diacritics 2`` (case-, accent- and
punctuation-insensitive; ``extradite`` finds ``extradition``). Match expressions are built
by the query language (query/language.py), which quotes every term.

FTS5 matches a prefix against stems, so ``negotiat*`` (longer than ``negoti``, the stem of
``negotiations``) needs the dataset's words as written: those come from a second, unstemmed
index (``words``), made when a command that may need it first opens the store, and kept in
step from then on.
"""

import difflib
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from synews_cli.dates import DayRange
from synews_cli.errors import UsageError
from synews_cli.store.records import overlapping
from synews_cli.text import one_line

# BM25 weight of each indexed column: title, body, labels, who, note. A match in what an
# item *is* counts most, one in a note least.
WEIGHTS = (4.0, 2.0, 1.5, 1.0, 0.5)
COLUMNS = ("title", "body", "labels", "who", "note")
# A document's rowid is its item's rowid times 4 plus the code of the item's table.
TABLE_CODES = {"events": 1, "claims": 2, "people": 3}
MARK_OPEN = "\x01"  # highlight() markers: controls, which indexed text never contains
MARK_CLOSE = "\x02"
BULK_HIGHLIGHT = 200  # above this many rows, highlight every match in one pass
SUGGESTION_CUTOFF = 0.8  # difflib ratio: "Tartous" -> "Tartus" is 0.92, "hama" -> "sham" 0.75
WORDS_TOKENIZER = "unicode61 remove_diacritics 2"


class MatchError(UsageError):
    """FTS5 refused a match expression (the query language quotes every term, so this is
    rare: a bug, or an SQLite that behaves differently)."""

    def __init__(self, query: str, reason: str) -> None:
        super().__init__(
            f"search query {one_line(query)!r} cannot be searched: {reason}",
            hint="search for words, phrases in double quotes, -word, word* and OR",
        )


class Hit(NamedTuple):
    """A matching document: which item, and its BM25 score (lower is better, as FTS5 has it)."""

    rowid: int
    kind: str
    item_id: str
    score: float


class TextMatch(NamedTuple):
    """A search asked of the index: documents that match ``expression``, or, for a query of
    exclusions only, those that do not; ``query`` is what the user typed."""

    expression: str
    negate: bool = False
    query: str = ""

    def condition(self, kind: str) -> tuple[str, list[Any]]:
        """SQL selecting the rowids of items of ``kind`` (events, claims, people) that match."""
        code = TABLE_CODES[kind]
        inside = "NOT IN" if self.negate else "IN"
        sql = (
            f"rowid {inside} (SELECT rowid >> 2 FROM search WHERE search MATCH ?"
            f" AND rowid & 3 = {code})"
        )
        return sql, [self.expression]


# --- Writing documents -----------------------------------------------------------------------
#
# Building the index is a third of a first build, and most first commands never search text.
# So a store first built by a command that does not search keeps its documents in a plain
# table, ``waiting_documents``, and the first command that searches moves them into the
# index (``index_waiting``); from then on every change is indexed as it is written. Either
# every document is indexed or none is: the two tables are never both filled.

WAITING = "waiting_documents"
DOCUMENT_COLUMNS = (*COLUMNS, "kind", "item_id", "first_day", "last_day", "speaker_id")


def _filled(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None


def documents_table(conn: sqlite3.Connection, *, full_text: bool) -> str:
    """Where a change writes its documents: the index, unless it is not built (documents
    are waiting) or, for a command that does not search (``full_text`` false), not begun."""
    if _filled(conn, WAITING) or (not full_text and not _filled(conn, "search")):
        return WAITING
    return "search"


def is_built(conn: sqlite3.Connection) -> bool:
    """Whether every document is in the index (none is waiting)."""
    return not _filled(conn, WAITING)


def index_waiting(conn: sqlite3.Connection) -> None:
    """Move every waiting document into the index."""
    columns = ", ".join(DOCUMENT_COLUMNS)
    add_documents_from(
        conn,
        "search",
        f"SELECT rowid, {columns} FROM {WAITING} ORDER BY rowid",
        f"SELECT rowid FROM {WAITING}",
    )
    conn.execute(f"DELETE FROM {WAITING}")


def add_documents(
    conn: sqlite3.Connection, table: str, documents: Sequence[tuple[Any, ...]]
) -> None:
    """Add documents to ``table`` (documents_table): (rowid, title, body, labels, who, note,
    kind, item_id, first_day, last_day, speaker_id)."""
    conn.executemany(
        f"INSERT INTO {table} (rowid, {', '.join(DOCUMENT_COLUMNS)})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        documents,
    )
    if documents and table == "search" and keeps_words(conn):
        conn.executemany(
            f"INSERT INTO words (rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
            [document[:6] for document in documents],
        )


def add_documents_from(
    conn: sqlite3.Connection, table: str, select_sql: str, rowids_sql: str
) -> None:
    """Add the documents ``select_sql`` gives (the columns of add_documents) to ``table``;
    ``rowids_sql`` gives their rowids."""
    conn.execute(f"INSERT INTO {table} (rowid, {', '.join(DOCUMENT_COLUMNS)}) {select_sql}")
    if table == "search" and keeps_words(conn):
        columns = ", ".join(COLUMNS)
        conn.execute(
            f"INSERT INTO words (rowid, {columns}) SELECT rowid, {columns} FROM search"
            f" WHERE rowid IN ({rowids_sql})"
        )


def remove_documents(
    conn: sqlite3.Connection, table: str, rowids_sql: str, params: Sequence[Any]
) -> None:
    """Remove from ``table`` the documents whose rowids ``rowids_sql`` (a SELECT) gives."""
    if table == "search" and keeps_words(conn):
        columns = ", ".join(COLUMNS)
        conn.execute(
            f"INSERT INTO words (words, rowid, {columns}) SELECT 'delete', rowid, {columns}"
            f" FROM search WHERE rowid IN ({rowids_sql})",
            params,
        )
    conn.execute(f"DELETE FROM {table} WHERE rowid IN ({rowids_sql})", params)


# --- Asking ----------------------------------------------------------------------------------


def execute(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any], match: TextMatch
) -> list[Any]:
    """Run a query that holds ``match``; FTS5's refusal of it becomes a MatchError."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as error:
        raise MatchError(match.query, str(error)) from None


def ranked(
    conn: sqlite3.Connection,
    match: TextMatch,
    *,
    kinds: Sequence[str] = (),
    window: DayRange | None = None,
    speakers: Sequence[str] = (),
    by_date: bool = False,
) -> list[Hit]:
    """Every matching document, best first (BM25, ties by date), or by date."""
    weights = ", ".join(str(w) for w in WEIGHTS)
    if not match.negate:
        sql = (
            f"SELECT rowid, kind, item_id, bm25(search, {weights}) AS score, first_day, last_day"
            " FROM search WHERE search MATCH ?"
        )
    else:  # nothing but exclusions: every item without them, all equally relevant
        sql = (
            "SELECT rowid, kind, item_id, 0.0 AS score, first_day, last_day FROM search"
            " WHERE rowid NOT IN (SELECT rowid FROM search WHERE search MATCH ?)"
        )
    params: list[Any] = [match.expression]
    if kinds:
        sql += f" AND kind IN ({', '.join('?' * len(kinds))})"
        params += kinds
    if speakers:
        sql += f" AND kind = 'claim' AND speaker_id IN ({', '.join('?' * len(speakers))})"
        params += speakers
    terms, values = overlapping(window)
    sql += "".join(f" AND {term}" for term in terms)
    params += values
    dated = "first_day IS NULL, first_day, last_day"
    order = f"{dated}, score" if by_date else f"score, {dated}"
    sql = f"SELECT rowid, kind, item_id, score FROM ({sql}) ORDER BY {order}, rowid & 3, item_id"
    return [Hit(*row) for row in execute(conn, sql, params, match)]


def highlighted(
    conn: sqlite3.Connection, match: TextMatch, rowids: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """The indexed columns of ``rowids``, matched words between the marker characters."""
    if not rowids:
        return {}
    if match.negate:  # nothing to mark: the columns as they are
        select, where, params = ", ".join(COLUMNS), "", []
    else:
        select = ", ".join(
            f"highlight(search, {index}, '{MARK_OPEN}', '{MARK_CLOSE}')"
            for index in range(len(COLUMNS))
        )
        where, params = "search MATCH ? AND ", [match.expression]
    if len(rowids) > BULK_HIGHLIGHT:  # one pass over every match beats a lookup per row
        wanted = set(rowids)
        sql = f"SELECT rowid, {select} FROM search"
        if where:
            sql += " WHERE search MATCH ?"
        rows = execute(conn, sql, params, match)
        return {row[0]: tuple(row[1:]) for row in rows if row[0] in wanted}
    sql = f"SELECT {select} FROM search WHERE {where}rowid = ?"
    return {rowid: tuple(execute(conn, sql, [*params, rowid], match)[0]) for rowid in rowids}


def has_match(conn: sqlite3.Connection, word: str) -> bool:
    """Does any document hold ``word`` (as the index stems it)?"""
    quoted = TextMatch('"' + word.replace('"', '""') + '"', query=word)
    sql = "SELECT 1 FROM search WHERE search MATCH ? LIMIT 1"
    return bool(execute(conn, sql, [quoted.expression], quoted))


# --- The words as written -----------------------------------------------------------------


def make_words(conn: sqlite3.Connection) -> None:
    """Add the unstemmed index to the store, once, inside the caller's write transaction
    (a change keeps it in step from then on)."""
    if not keeps_words(conn):
        _make_words(conn, "main")


def words_table(conn: sqlite3.Connection) -> str:
    """The vocabulary of the unstemmed index: the store's when it keeps one (a command that
    may need it asks for it when it opens the store, so that it is made under the write
    lock, before the command's snapshot), else one made for this connection only. A
    command never writes the store while it reads: a slow reader (a pager) must not hold a
    lock that other synews processes wait for. Returns the name of its vocabulary table."""
    if _exists(conn, "main", "words"):
        return "words_vocabulary"
    if not _exists(conn, "temp", "words"):
        _make_words(conn, "temp")
    return "temp.words_vocabulary"


def _make_words(conn: sqlite3.Connection, schema: str) -> None:
    """A contentless index (the text is in ``search``), filled from every document."""
    columns = ", ".join(COLUMNS)
    conn.execute(
        f"CREATE VIRTUAL TABLE {schema}.words USING fts5({columns}, content = '',"
        f" tokenize = '{WORDS_TOKENIZER}')"
    )
    conn.execute(
        f"INSERT INTO {schema}.words (rowid, {columns}) SELECT rowid, {columns} FROM main.search"
    )
    # fts5vocab names the other schema only from temp.
    table = "words" if schema == "main" else f"{schema}, words"
    conn.execute(f"CREATE VIRTUAL TABLE {schema}.words_vocabulary USING fts5vocab({table}, row)")


def _exists(conn: sqlite3.Connection, schema: str, name: str) -> bool:
    sql = f"SELECT 1 FROM {schema}.sqlite_master WHERE name = ?"
    return conn.execute(sql, (name,)).fetchone() is not None


def keeps_words(conn: sqlite3.Connection) -> bool:
    """Whether the store keeps an unstemmed index that changes must keep in step."""
    return _exists(conn, "main", "words")


def words_starting(conn: sqlite3.Connection, prefix: str, limit: int) -> list[str] | None:
    """The dataset's words (folded, unstemmed) that start with ``prefix``; None when there
    are more than ``limit``."""
    vocabulary = words_table(conn)
    rows = conn.execute(
        f"SELECT term FROM {vocabulary} WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
        (prefix, prefix + "\U0010ffff", limit + 1),
    ).fetchall()
    if len(rows) > limit:
        return None
    return [row[0] for row in rows]


def closest_word(conn: sqlite3.Connection, folded: str) -> str | None:
    """The dataset word most like ``folded``, or None; more frequent words win ties."""
    vocabulary = words_table(conn)
    matcher = difflib.SequenceMatcher(b=folded)
    low, high = max(3, len(folded) - 2), len(folded) + 2
    best: tuple[float, int, str] | None = None
    for candidate, count in conn.execute(f"SELECT term, doc FROM {vocabulary} ORDER BY term"):
        if not low <= len(candidate) <= high:
            continue
        matcher.set_seq1(candidate)
        if (
            matcher.real_quick_ratio() < SUGGESTION_CUTOFF
            or matcher.quick_ratio() < SUGGESTION_CUTOFF
        ):
            continue
        ratio = matcher.ratio()
        if ratio >= SUGGESTION_CUTOFF and (best is None or (ratio, count) > best[:2]):
            best = (ratio, count, candidate)
    return None if best is None else best[2]


def marked_columns(conn: sqlite3.Connection, word: str, limit: int = 20) -> list[tuple[str, ...]]:
    """Columns of documents holding ``word``, with it marked: how the dataset writes it."""
    marked = ", ".join(
        f"highlight(search, {index}, '{MARK_OPEN}', '{MARK_CLOSE}')"
        for index in range(len(COLUMNS))
    )
    sql = f"SELECT {marked} FROM search WHERE search MATCH ? LIMIT ?"
    quoted = TextMatch('"' + word.replace('"', '""') + '"', query=word)
    return [tuple(row) for row in execute(conn, sql, [quoted.expression, limit], quoted)]
