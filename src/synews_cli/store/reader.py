"""Reading the dataset from the store: what every command above asks of it.

The query layer asks in terms of the data (a range of days, speaker ids, folded words, a
full-text match); the SQL is here. Items come back as model records, made only for the rows
a question selects; people and sources, which are few, are read once.
"""

import sqlite3
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from synews_cli.dates import DayRange, EdtfDate
from synews_cli.errors import Problem
from synews_cli.model import Claim, Event, Item, Meta, Name, Person, Source
from synews_cli.store import fulltext
from synews_cli.store.fulltext import TextMatch
from synews_cli.store.records import (
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    NAME_COLUMNS,
    PERSON_COLUMNS,
    SOURCE_COLUMNS,
    RecordReader,
    spellings,
)
from synews_cli.store.where import (
    ClaimFilter,
    EventFilter,
    chunks,
    claim_terms,
    event_terms,
    one_of,
)
from synews_cli.text import words

WORDED_TERMS = 16  # words of a name that narrow the rows read (worded)
# Where each kind of value lives: the table and its list column.
FACETS = {
    "place": ("events", "places"),
    "actor": ("events", "actors"),
    "tag": ("events", "tags"),
    "topic": ("claims", "topics"),
}


class Counts(NamedTuple):
    events: int
    claims: int
    people: int
    sources: int


class Store:
    """The dataset as the store holds it, read through one connection and one snapshot.

    ``names`` gives each stored file the name this run gives it (as typed in ``--data``),
    for locations and messages; ``path_problems`` are those of the paths themselves (a
    missing file, a folder without TOML), found before any file was read."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        names: Mapping[int, str],
        path_problems: Sequence[Problem] = (),
        path: Path | None = None,
        notes: Sequence[str] = (),
    ) -> None:
        self.conn = conn
        self.path = path  # the file in the cache folder; None: in memory
        self.notes = list(notes)  # what the user should be told about how it was opened
        self.file_names = names
        self.path_problems = list(path_problems)

    @cached_property
    def records(self) -> RecordReader:
        """What makes records of rows, with the dataset's chosen spellings."""
        rows = self.conn.execute("SELECT name, kind, aliases FROM names").fetchall()
        return RecordReader(self.file_names, spellings(rows))

    def close(self) -> None:
        """End the snapshot (keeping what a query added, such as the word list) and close
        the connection. The last one to close folds the write-ahead log back into the store:
        left open, every later reader would look pages up in the log."""
        try:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
        except sqlite3.Error:
            pass
        finally:
            self.conn.close()

    # -- the dataset as a whole ---------------------------------------------------------------

    @cached_property
    def meta(self) -> Meta:
        values = dict(self.conn.execute("SELECT key, value FROM meta"))
        return Meta(
            values.get("title", "Untitled dataset"),
            values.get("description", ""),
            int(values.get("dataset_schema_version", "1")),
        )

    @cached_property
    def files(self) -> tuple[str, ...]:
        """The files the dataset was read from (those that could be read), in order."""
        sql = "SELECT file_id FROM files WHERE readable ORDER BY position"
        return tuple(self.file_names[row[0]] for row in self.conn.execute(sql))

    def problems(self) -> list[Problem]:
        """Every problem: the paths', each file's (in file order), then the rules'."""
        return [*self.path_problems, *self._stored(warning=False)]

    def warnings(self) -> list[Problem]:
        return list(self._stored(warning=True))

    @property
    def valid(self) -> bool:
        if self.path_problems:
            return False
        sql = "SELECT 1 FROM problems WHERE NOT warning LIMIT 1"
        return self.conn.execute(sql).fetchone() is None

    def _stored(self, *, warning: bool) -> list[Problem]:
        sql = (
            "SELECT p.file_id, p.line, p.item, p.field, p.message, p.first_file_id,"
            " p.first_line FROM problems p JOIN files f USING (file_id)"
            " WHERE p.warning = ? ORDER BY p.rule, CASE p.rule WHEN 0 THEN f.position END,"
            " p.seq"
        )
        found = []
        for file_id, line, item, field, message, first_file, first_line in self.conn.execute(
            sql, (int(warning),)
        ):
            if first_file is not None:
                first = self.records.location(first_file, first_line)
                message = f"{message} (first defined at {first})"
            found.append(Problem(self.file_names[file_id], line, item, field, message, warning))
        return found

    def counts(self) -> Counts:
        def count(table: str) -> int:
            return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return Counts(count("events"), count("claims"), count("people"), count("sources"))

    # -- people and sources, read once -------------------------------------------------------

    @cached_property
    def sources(self) -> tuple[Source, ...]:
        return tuple(map(self.records.source, self._ordered("sources", SOURCE_COLUMNS)))

    @cached_property
    def people(self) -> tuple[Person, ...]:
        return tuple(map(self.records.person, self._ordered("people", PERSON_COLUMNS)))

    @cached_property
    def names(self) -> tuple[Name, ...]:
        """The ``[[names]]`` entries: chosen spellings and their aliases."""
        return tuple(map(self.records.name, self._ordered("names", NAME_COLUMNS)))

    @cached_property
    def source_by_id(self) -> Mapping[str, Source]:
        return MappingProxyType({source.id: source for source in self.sources})

    @cached_property
    def person_by_id(self) -> Mapping[str, Person]:
        return MappingProxyType({person.id: person for person in self.people})

    def _ordered(self, table: str, columns: str) -> list[Any]:
        """Every row of a small table, in dataset order."""
        qualified = ", ".join(f"t.{column.strip()}" for column in columns.split(","))
        sql = (
            f"SELECT {qualified} FROM {table} t JOIN files f USING (file_id)"
            " ORDER BY f.position, t.seq"
        )
        return self.conn.execute(sql).fetchall()

    # -- events and statements -----------------------------------------------------------------

    def events(self, where: EventFilter | None = None) -> list[Event]:
        """The events ``where`` selects (all without it)."""
        where = where or EventFilter()
        terms, params = event_terms(where)
        return self._events(terms, params, where.match)

    def claims(self, where: ClaimFilter | None = None) -> list[Claim]:
        """The statements ``where`` selects (all without it)."""
        where = where or ClaimFilter()
        terms, params = claim_terms(where)
        return self._claims(terms, params, where.match)

    def events_by_id(self, ids: Sequence[str]) -> dict[str, Event]:
        """Events by id, read in a few queries (a search's hits, a statement's links)."""
        found: dict[str, Event] = {}
        for chunk in chunks(ids):
            for event in self._events([f"id IN ({', '.join('?' * len(chunk))})"], chunk):
                found.setdefault(event.id, event)
        return found

    def claims_by_id(self, ids: Sequence[str]) -> dict[str, Claim]:
        found: dict[str, Claim] = {}
        for chunk in chunks(ids):
            for claim in self._claims([f"id IN ({', '.join('?' * len(chunk))})"], chunk):
                found.setdefault(claim.id, claim)
        return found

    def _events(
        self, terms: list[str], params: Sequence[Any], match: TextMatch | None = None
    ) -> list[Event]:
        return list(map(self.records.event, self._rows("events", terms, params, match)))

    def _claims(
        self, terms: list[str], params: Sequence[Any], match: TextMatch | None = None
    ) -> list[Claim]:
        return list(map(self.records.claim, self._rows("claims", terms, params, match)))

    def _rows(
        self, table: str, terms: list[str], params: Sequence[Any], match: TextMatch | None
    ) -> list[Any]:
        """Rows of events or claims, in no set order (the query layer orders what it
        selects; asking SQLite for an order can make it read the whole table through an
        index); FTS5's refusal of a match is a MatchError."""
        columns = EVENT_COLUMNS if table == "events" else CLAIM_COLUMNS
        sql = f"SELECT {columns} FROM {table}"
        if terms:
            sql += " WHERE " + " AND ".join(terms)
        if match is not None:
            return fulltext.execute(self._index, sql, params, match)
        return self.conn.execute(sql, params).fetchall()

    def speaker_dates(
        self, speakers: Sequence[str] | None = None
    ) -> list[tuple[str, EdtfDate, str]]:
        """(speaker, date, statement id) of every statement (or those of ``speakers``): what
        people summaries count, without making the statements."""
        terms: list[str] = []
        params: list[Any] = []
        if speakers is not None:
            one_of("speaker_id", sorted(speakers), terms, params, always=True)
        sql = "SELECT speaker_id, date, id FROM claims"
        if terms:
            sql += " WHERE " + " AND ".join(terms)
        date = self.records.date
        return [(speaker, date(text), id_) for speaker, text, id_ in self.conn.execute(sql, params)]

    def facet(self, kind: str) -> dict[str, tuple[int, set[str]]]:
        """The values of one kind in use (places, actors, tags or topics), each in its
        chosen spelling: how many items have it, and the spellings written."""
        table, column = FACETS[kind]
        chosen = self.records.chosen.get(kind, {})
        sql = (
            f"SELECT t.rowid, value.value FROM {table} t, json_each(t.{column}) AS value"
            f" WHERE t.{column} != '[]'"
        )
        items: dict[str, tuple[set[int], set[str]]] = {}
        for rowid, written in self.conn.execute(sql):
            name = chosen.get(" ".join(words(written)), written)
            rowids, spelled = items.setdefault(name, (set(), set()))
            rowids.add(rowid)
            spelled.add(written)
        return {name: (len(rowids), spelled) for name, (rowids, spelled) in items.items()}

    def spellings_in_use(self, kind: str) -> dict[str, str]:
        """Every spelling of one kind the items write, once, with its chosen spelling: what
        ``extract`` fills in (SQLite keeps each spelling once, so this makes far fewer
        Python objects than ``facet``, which counts the items)."""
        table, column = FACETS[kind]
        chosen = self.records.chosen.get(kind, {})
        sql = (
            f"SELECT DISTINCT value.value FROM {table} t, json_each(t.{column}) AS value"
            f" WHERE t.{column} != '[]'"
        )
        return {
            written: chosen.get(" ".join(words(written)), written)
            for (written,) in self.conn.execute(sql)
        }

    def contradictions(self) -> list[tuple[str, str]]:
        """Every (item, other) pair a ``contradicts`` list writes, as written."""
        sql = " UNION ALL ".join(
            f"SELECT t.id, value.value FROM {table} t INDEXED BY {table}_contradicting,"
            f" json_each(t.contradicts) AS value WHERE t.contradicts != '[]'"
            for table in ("events", "claims")
        )
        return [(str(item), str(other)) for item, other in self.conn.execute(sql)]

    def citations(self) -> tuple[dict[str, int], dict[str, int]]:
        """How many events, and how many statements, cite each source."""
        found = []
        for table in ("events", "claims"):
            sql = (
                f"SELECT value.value, count(*) FROM {table} t, json_each(t.sources) AS value"
                " GROUP BY value.value"
            )
            found.append(dict(self.conn.execute(sql).fetchall()))
        return found[0], found[1]

    # -- any item -------------------------------------------------------------------------------

    def item(self, item_id: str) -> Item | None:
        """Any item by id (ids are unique across kinds)."""
        return (
            self.events_by_id([item_id]).get(item_id)
            or self.claims_by_id([item_id]).get(item_id)
            or self.person_by_id.get(item_id)
            or self.source_by_id.get(item_id)
        )

    def ids(self) -> list[str]:
        """Every id, for suggestions."""
        sql = " UNION ALL ".join(
            f"SELECT id FROM {table}" for table in ("events", "claims", "people", "sources")
        )
        return [row[0] for row in self.conn.execute(sql)]

    def event_ids(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT id FROM events")]

    def ids_starting(
        self,
        prefix: str,
        limit: int,
        tables: Sequence[str] = ("events", "claims", "people", "sources"),
    ) -> list[str]:
        """Ids of ``tables`` (events, claims, people, sources) that start with ``prefix``
        (exactly), in order: for completion, a range on each table's id index."""
        sql = " UNION ".join(f"SELECT id FROM {t} WHERE id >= ?1 AND id < ?2" for t in tables)
        rows = self.conn.execute(
            f"{sql} ORDER BY id LIMIT ?3", (prefix, prefix + "\U0010ffff", limit)
        )
        return [row[0] for row in rows]

    def worded(self, kind: str, wanted: Sequence[str]) -> list[Event] | list[Claim]:
        """Events (``kind`` events) whose title, or statements whose text, may hold each of
        the folded ``wanted`` words, in it or in the id: a superset the query layer decides
        on. A row all ASCII must hold each word (``lower`` folds ASCII as text.fold does);
        one that is not is always read. A few of the longest words narrow the rows as well
        as all would: a statement pasted whole has hundreds, which SQLite would refuse as an
        expression too deep."""
        column = "title" if kind == "events" else "text"
        text = f"({column} || ' ' || id)"
        ascii_words = {word for word in wanted if word.isascii()}
        params = sorted(ascii_words, key=lambda word: (-len(word), word))[:WORDED_TERMS]
        terms = [f"instr(lower({text}), ?) > 0" for _ in params]
        where = [f"(length(CAST({text} AS BLOB)) != length({text}) OR {' AND '.join(terms)})"]
        if not terms:
            where = [f"length(CAST({text} AS BLOB)) != length({text})"]
        return self._events(where, params) if kind == "events" else self._claims(where, params)

    # -- full text (fulltext.py) ------------------------------------------------------------

    @cached_property
    def _index(self) -> sqlite3.Connection:
        """The connection, for a question to the full-text index, which must be built: a
        command that searches opens the store with ``full_text`` (open_store)."""
        if not fulltext.is_built(self.conn):
            raise RuntimeError("the full-text index is not built; open the store with full_text")
        return self.conn

    def ranked(
        self,
        match: TextMatch,
        *,
        kinds: Sequence[str] = (),
        window: DayRange | None = None,
        speakers: Sequence[str] = (),
        by_date: bool = False,
    ) -> list[fulltext.Hit]:
        """Every item whose document matches, best first (or by date)."""
        return fulltext.ranked(
            self._index, match, kinds=kinds, window=window, speakers=speakers, by_date=by_date
        )

    def highlighted(self, match: TextMatch, rowids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        return fulltext.highlighted(self._index, match, rowids)

    def has_word(self, word: str) -> bool:
        return fulltext.has_match(self._index, word)

    def words_starting(self, prefix: str, limit: int) -> list[str] | None:
        return fulltext.words_starting(self._index, prefix, limit)

    def closest_word(self, folded: str) -> str | None:
        return fulltext.closest_word(self._index, folded)

    def marked_columns(self, word: str) -> list[tuple[str, ...]]:
        return fulltext.marked_columns(self._index, word)


class Dataset(Protocol):
    """What the layers above (query, curate, the commands) may ask of a dataset: this and
    nothing else. ``Store`` answers it from SQLite; a test may answer it otherwise."""

    @property
    def meta(self) -> Meta: ...
    @property
    def files(self) -> tuple[str, ...]: ...
    @property
    def valid(self) -> bool: ...
    def problems(self) -> list[Problem]: ...
    def warnings(self) -> list[Problem]: ...
    def counts(self) -> Counts: ...
    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def people(self) -> tuple[Person, ...]: ...
    @property
    def names(self) -> tuple[Name, ...]: ...
    @property
    def source_by_id(self) -> Mapping[str, Source]: ...
    @property
    def person_by_id(self) -> Mapping[str, Person]: ...
    def events(self, where: EventFilter | None = None) -> list[Event]: ...
    def claims(self, where: ClaimFilter | None = None) -> list[Claim]: ...
    def events_by_id(self, ids: Sequence[str]) -> dict[str, Event]: ...
    def claims_by_id(self, ids: Sequence[str]) -> dict[str, Claim]: ...
    def speaker_dates(
        self, speakers: Sequence[str] | None = None
    ) -> list[tuple[str, EdtfDate, str]]: ...
    def item(self, item_id: str) -> Item | None: ...
    def ids(self) -> list[str]: ...
    def event_ids(self) -> list[str]: ...
    def ids_starting(
        self,
        prefix: str,
        limit: int,
        tables: Sequence[str] = ("events", "claims", "people", "sources"),
    ) -> list[str]: ...
    def worded(self, kind: str, wanted: Sequence[str]) -> list[Event] | list[Claim]: ...
    def facet(self, kind: str) -> dict[str, tuple[int, set[str]]]: ...
    def spellings_in_use(self, kind: str) -> dict[str, str]: ...
    def citations(self) -> tuple[dict[str, int], dict[str, int]]: ...
    def contradictions(self) -> list[tuple[str, str]]: ...
    def ranked(
        self,
        match: TextMatch,
        *,
        kinds: Sequence[str] = (),
        window: DayRange | None = None,
        speakers: Sequence[str] = (),
        by_date: bool = False,
    ) -> list[fulltext.Hit]: ...
    def highlighted(
        self, match: TextMatch, rowids: Sequence[int]
    ) -> dict[int, tuple[str, ...]]: ...
    def has_word(self, word: str) -> bool: ...
    def words_starting(self, prefix: str, limit: int) -> list[str] | None: ...
    def closest_word(self, folded: str) -> str | None: ...
    def marked_columns(self, word: str) -> list[tuple[str, ...]]: ...
    def close(self) -> None: ...
