"""``synews search``: one query across events, statements and people, best match first.

The search runs on an SQLite FTS5 index (BM25 ranking, Porter stemming over
``unicode61 remove_diacritics 2``: case-, accent- and punctuation-insensitive, and
``extradite`` finds ``extradition``). The index is built from a Dataset by
:func:`build_index` and queried by :func:`run_search`; both take a connection, so the index
can live in memory (as now) or be persisted by a cache and reused.

Snippets come from FTS5's own ``highlight()`` (so what is marked is exactly what matched,
stems included), cut to one line around the densest run of matches; the spans of the
matched words travel with the snippet so the terminal view can style them, while every
other format prints plain text.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import secrets
import sqlite3
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from synews_cli.errors import UsageError
from synews_cli.model import Claim, Dataset, Event, Person, PersonSummary
from synews_cli.query.filters import DateFilter
from synews_cli.query.language import ParsedQuery, Term, parse_query, word_spans
from synews_cli.query.people import SpeakerMatch, resolve_speakers, summarise_people
from synews_cli.render import Listing, RenderOptions
from synews_cli.render.output import OutputOptions, choose_format, emit, message, stdout_is_terminal
from synews_cli.render.records import claim_record, event_record, person_record
from synews_cli.text import fold, one_line

# --- The index ------------------------------------------------------------------------------

ITEM_TABLE = "search_item"
FTS_TABLE = "search_fts"
WORDS_TABLE = "search_words"  # built on first need, for suggestions
VOCABULARY_TABLE = "search_words_vocabulary"
PREFIX_WORDS = 64  # at most this many dataset words stand for one prefix term
TOKENIZER = "porter unicode61 remove_diacritics 2"

# The indexed fields of every kind, in FTS column order, and each column's BM25 weight:
# a match in what an item *is* (title, statement, name) counts most, one in a note least.
COLUMNS = ("title", "body", "labels", "who", "note")
WEIGHTS = (4.0, 2.0, 1.5, 1.0, 0.5)
FIELD_NAMES = {
    "event": ("title", "summary", "places, actors, tags", "", "note"),
    "claim": ("text", "context", "topics", "speaker", ""),
    "person": ("name", "role", "aliases", "", ""),
}
# Snippets from these fields say where they come from ("topics: extradition, diplomacy").
LABELLED_FIELDS = ("topics", "speaker", "note", "aliases")
# The fields that say what an item is: a snippet from elsewhere is shown below them.
MAIN_FIELDS = ("title", "text", "context", "name")
KINDS = ("event", "claim", "person")
KIND_ALIASES = {
    "event": "event",
    "events": "event",
    "claim": "claim",
    "claims": "claim",
    "statement": "claim",
    "statements": "claim",
    "quote": "claim",
    "quotes": "claim",
    "person": "person",
    "people": "person",
}
SORTS = ("relevance", "date")

OPEN_START = "0001-01-01"  # an open start sorts and filters as the earliest day
OPEN_END = "9999-12-31"
MARK_OPEN = "\x01"  # highlight() markers: controls, which indexed text never contains
MARK_CLOSE = "\x02"
SNIPPET_WIDTH = 160
BULK_HIGHLIGHT = 200  # above this many hits, highlight every match in one pass
TERMINAL_LIMIT = 20
BUILD_BATCH = 5000  # documents inserted at a time
SUGGESTION_CUTOFF = 0.8  # difflib ratio: "Tartous" -> "Tartus" is 0.92, "hama" -> "sham" 0.75


def _text(value: str | None) -> str:
    """Indexed text: one line, inert (so no marker character), composed accents."""
    if not value:
        return ""
    if not value.isprintable():  # tabs, line breaks, controls, bidirectional overrides
        value = one_line(value)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value


def _joined(values: Iterable[str]) -> str:
    return _text(", ".join(values))


def _dated(item: Event | Claim) -> tuple[str, str]:
    start, end = item.date.start, item.date.end
    return (
        OPEN_START if start is None else start.isoformat(),
        OPEN_END if end is None else end.isoformat(),
    )


def _documents(dataset: Dataset) -> Iterator[tuple[tuple[Any, ...], tuple[str, ...]]]:
    """(item row, indexed columns) for every event, statement and person; streamed one by
    one from the cache's index when the dataset is read through it (memory stays low)."""
    stream = getattr(dataset, "stream", None)
    events: Iterable[Event] = dataset.events if stream is None else stream("events")
    claims: Iterable[Claim] = dataset.claims if stream is None else stream("claims")
    for event in events:
        first, last = _dated(event)
        yield (
            ("event", event.id, 0, first, last, None),
            (
                _text(event.title),
                _text(event.summary),
                _joined((*event.places, *event.actors, *event.tags)),
                "",
                _text(event.note),
            ),
        )
    for claim in claims:
        first, last = _dated(claim)
        speaker = dataset.person_by_id.get(claim.speaker)
        who = ""
        if speaker is not None:
            who = _joined(part for part in (speaker.name, speaker.role_line()) if part)
        yield (
            ("claim", claim.id, 1, first, last, claim.speaker),
            (_text(claim.text), _text(claim.context), _joined(claim.topics), who, ""),
        )
    for person in dataset.people:
        yield (
            ("person", person.id, 2, None, None, None),
            (_text(person.name), _text(person.role_line()), _joined(person.aliases), "", ""),
        )


def build_index(conn: sqlite3.Connection, dataset: Dataset) -> None:
    """Create and fill the search tables in ``conn`` (replacing any previous ones)."""
    conn.executescript(
        f"""
        DROP TABLE IF EXISTS {ITEM_TABLE};
        DROP TABLE IF EXISTS {FTS_TABLE};
        DROP TABLE IF EXISTS {VOCABULARY_TABLE};
        DROP TABLE IF EXISTS {WORDS_TABLE};
        CREATE TABLE {ITEM_TABLE} (
            rowid INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            item_id TEXT NOT NULL,
            kind_order INTEGER NOT NULL,
            first_day TEXT,
            last_day TEXT,
            speaker TEXT
        );
        CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
            {", ".join(COLUMNS)}, tokenize = '{TOKENIZER}'
        );
        """
    )
    items: list[tuple[Any, ...]] = []
    texts: list[tuple[Any, ...]] = []
    with conn:
        # In batches: the indexed text of a whole archive is never in memory at once.
        for rowid, (item, columns) in enumerate(_documents(dataset), start=1):
            items.append((rowid, *item))
            texts.append((rowid, *columns))
            if len(items) >= BUILD_BATCH:
                _insert(conn, items, texts)
        _insert(conn, items, texts)


def _insert(conn: sqlite3.Connection, items: list[Any], texts: list[Any]) -> None:
    conn.executemany(f"INSERT INTO {ITEM_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)", items)
    conn.executemany(
        f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
        texts,
    )
    items.clear()
    texts.clear()


def open_index(dataset: Dataset) -> sqlite3.Connection:
    """An in-memory index of ``dataset``."""
    conn = sqlite3.connect(":memory:")
    try:
        build_index(conn, dataset)
    except sqlite3.OperationalError as error:  # an SQLite built without FTS5
        raise UsageError(
            f"search needs SQLite's FTS5 extension, which this Python lacks ({error})",
            hint="use a Python whose sqlite3 module includes FTS5 (python.org and most "
            "distributions' builds do)",
        ) from None
    return conn


# --- The index, persisted through the cache -------------------------------------------------

# Bump when the tables above change: an older file is then never read. (Even the bundled
# dataset is persisted: opening its file takes 0.1 ms, building it in memory 1 ms, and the
# first query that finds nothing 2 ms more for the word list.)
SEARCH_FORMAT = 1
INFO_TABLE = "search_info"


def persisted_name() -> str:
    """The name of the persisted index among the cache's derived files."""
    return f"search-v{SEARCH_FORMAT}"


def _code_fingerprint() -> str:
    """What decides the indexed text and its tokens besides the data (which the file's path
    covers): this module, SQLite (its tokenizer) and Python (its Unicode tables)."""
    try:
        st = os.stat(__file__)
        here = f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        here = "-"
    version = ".".join(str(part) for part in sys.version_info[:3])
    return f"{SEARCH_FORMAT};{sqlite3.sqlite_version};{version};{here}"


def _build_file(dataset: Dataset, target: Path) -> None:
    """Build the index, word list included, in a private file next to ``target``, then
    rename it into place: a reader never sees half an index, and two processes building at
    once each rename a complete one (the last wins; both are the same)."""
    from synews_cli.store.index import store_derived

    temp = target.with_name(f"{target.stem}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        conn = sqlite3.connect(temp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")  # a private file: nothing to roll back
            conn.execute("PRAGMA synchronous=OFF")
            build_index(conn, dataset)
            with conn:
                conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")
            ensure_vocabulary(conn)
            with conn:
                conn.execute(f"CREATE TABLE {INFO_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
                conn.execute(
                    f"INSERT INTO {INFO_TABLE} VALUES ('fingerprint', ?)", (_code_fingerprint(),)
                )
        finally:
            conn.close()
        store_derived(temp, target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _open_built(target: Path) -> sqlite3.Connection | None:
    """A read-only connection to a persisted index, or None if it is absent, not one, or
    built by other code (then it is built again). ``immutable``: the file never changes
    once renamed into place, so no locking."""
    try:
        conn = sqlite3.connect(f"{target.as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        sql = f"SELECT value FROM {INFO_TABLE} WHERE key = 'fingerprint'"
        row = conn.execute(sql).fetchone()
        if row is not None and row[0] == _code_fingerprint():
            return conn
    except sqlite3.Error:
        pass
    conn.close()
    return None


def persisted_index(dataset: Dataset) -> tuple[sqlite3.Connection, Path] | None:
    """The persisted index of ``dataset`` (built first if there is none yet for its current
    content), read-only; None when the dataset is not read through the cache or anything
    fails (the caller then builds the index in memory)."""
    from synews_cli.store.index import derived_path

    try:
        target = derived_path(dataset, persisted_name())
        if target is None:
            return None
        conn = _open_built(target) if target.exists() else None
        if conn is None:  # none yet, or damaged: (re)build it
            _build_file(dataset, target)
            conn = _open_built(target)
        return None if conn is None else (conn, target)
    except (sqlite3.Error, OSError):
        return None


# --- Running a query ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SearchOptions:
    """What to keep and in which order; ``speakers`` are person ids (statements only)."""

    kinds: tuple[str, ...] = ()
    dates: DateFilter = field(default_factory=DateFilter)
    speakers: tuple[str, ...] = ()
    sort: str = "relevance"
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class RawHit:
    """One row of the index that matched: its marked-up columns, not yet cut to a snippet."""

    kind: str
    item_id: str
    score: float
    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RawResult:
    hits: list[RawHit]
    total: int


def _filters(options: SearchOptions) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if options.kinds:
        clauses.append(f"i.kind IN ({', '.join('?' * len(options.kinds))})")
        params += list(options.kinds)
    if options.speakers:
        clauses.append(
            f"i.kind = 'claim' AND i.speaker IN ({', '.join('?' * len(options.speakers))})"
        )
        params += list(options.speakers)
    if options.dates.active:
        days = options.dates.days
        clauses.append("i.last_day >= ? AND i.first_day <= ?")
        params += [
            OPEN_START if days.start is None else days.start.isoformat(),
            OPEN_END if days.end is None else days.end.isoformat(),
        ]
    return clauses, params


def _order(options: SearchOptions) -> str:
    by_date = "i.first_day IS NULL, i.first_day, i.last_day"
    if options.sort == "date":
        return f"{by_date}, score, i.kind_order, i.item_id"
    return f"score, {by_date}, i.kind_order, i.item_id"


def run_search(conn: sqlite3.Connection, parsed: ParsedQuery, options: SearchOptions) -> RawResult:
    """Every matching row in order (BM25, ties by date; or by date), the first ``limit``
    with their columns highlighted."""
    clauses, params = _filters(options)

    def expand(term: Term) -> list[str]:
        return prefix_words(conn, term)

    match = parsed.match_expression(expand)
    weights = ", ".join(str(w) for w in WEIGHTS)
    if match is not None:
        sql = (
            f"SELECT i.rowid, i.kind, i.item_id, bm25({FTS_TABLE}, {weights}) AS score "
            f"FROM {FTS_TABLE} JOIN {ITEM_TABLE} AS i ON i.rowid = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH ?"
        )
        params = [match, *params]
    else:
        # Nothing but exclusions: every item without them, all equally relevant.
        sql = (
            f"SELECT i.rowid, i.kind, i.item_id, 0.0 AS score FROM {ITEM_TABLE} AS i "
            f"WHERE i.rowid NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)"
        )
        params = [parsed.excluded_expression(expand), *params]
    for clause in clauses:
        sql += f" AND {clause}"
    sql += f" ORDER BY {_order(options)}"
    rows = _execute(conn, parsed, sql, params)
    shown = rows if options.limit is None else rows[: options.limit]
    columns = _highlighted(conn, match, [row[0] for row in shown])
    hits = [
        RawHit(kind, item_id, 0.0 if score == 0 else -score, columns[rowid])
        for rowid, kind, item_id, score in shown
    ]
    return RawResult(hits, len(rows))


def _execute(
    conn: sqlite3.Connection, parsed: ParsedQuery, sql: str, params: Sequence[Any]
) -> list[Any]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as error:
        raise UsageError(
            f"search query {one_line(parsed.text)!r} cannot be searched: {error}",
            hint="search for words, phrases in double quotes, -word, word* and OR",
        ) from None


def _highlighted(
    conn: sqlite3.Connection, match: str | None, rowids: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """The columns of ``rowids`` with matched words between the marker characters."""
    if not rowids:
        return {}
    if match is None:  # nothing to mark: the columns as they are
        select = ", ".join(COLUMNS)
        where = ""
    else:
        select = ", ".join(
            f"highlight({FTS_TABLE}, {index}, '{MARK_OPEN}', '{MARK_CLOSE}')"
            for index in range(len(COLUMNS))
        )
        where = f"{FTS_TABLE} MATCH ? AND "
    query = () if match is None else (match,)
    if len(rowids) > BULK_HIGHLIGHT:  # one pass over every match beats a lookup per row
        wanted = set(rowids)
        sql = f"SELECT rowid, {select} FROM {FTS_TABLE}"
        if match is not None:
            sql += f" WHERE {FTS_TABLE} MATCH ?"
        return {row[0]: tuple(row[1:]) for row in conn.execute(sql, query) if row[0] in wanted}
    sql = f"SELECT {select} FROM {FTS_TABLE} WHERE {where}rowid = ?"
    return {rowid: tuple(conn.execute(sql, (*query, rowid)).fetchone()) for rowid in rowids}


# --- Snippets -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Marked:
    """Plain text and the spans (start, end) of the matched words in it."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def parse(cls, marked: str) -> Marked:
        """Split highlight() output into text and spans."""
        text: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        start = 0
        for index, piece in enumerate(marked.split(MARK_OPEN)):
            if index == 0:
                text.append(piece)
                length += len(piece)
                continue
            inside, _, after = piece.partition(MARK_CLOSE)
            start = length
            text.append(inside)
            length += len(inside)
            spans.append((start, length))
            text.append(after)
            length += len(after)
        return cls("".join(text), tuple(spans))

    def prefixed(self, label: str) -> Marked:
        shift = len(label)
        return Marked(label + self.text, tuple((s + shift, e + shift) for s, e in self.spans))

    def matched(self) -> set[str]:
        return {fold(self.text[start:end]) for start, end in self.spans}

    def crop(self, width: int = SNIPPET_WIDTH) -> Marked:
        """At most about ``width`` characters, around the densest run of matches, cut at
        spaces, with ``…`` where text was left out."""
        text = self.text
        if len(text) <= width:
            return self
        anchor = 0
        if self.spans:
            reach = width * 3 // 4

            def density(span: tuple[int, int]) -> int:
                return sum(1 for s in self.spans if span[0] <= s[0] and s[1] <= span[0] + reach)

            anchor = max(self.spans, key=lambda s: (density(s), -s[0]))[0]
        start = max(0, anchor - width // 4)
        if start > 0:
            space = text.find(" ", start, anchor)
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.rfind(" ", start + width // 2, end)
            end = space if space >= 0 else end
        lead = "…" if start > 0 else ""
        tail = "…" if end < len(text) else ""
        shift = len(lead) - start
        spans = tuple(
            (max(s, start) + shift, min(e, end) + shift)
            for s, e in self.spans
            if e > start and s < end
        )
        return Marked(lead + text[start:end] + tail, spans)


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the item, its relevance and where the query matched it."""

    kind: str
    item: Event | Claim | Person
    score: float
    snippet: Marked
    field: str  # the item's field the snippet comes from
    headline: Marked  # the event title, statement text or name, highlighted

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def in_main_field(self) -> bool:
        return self.field in MAIN_FIELDS


def make_hit(raw: RawHit, dataset: Dataset, *, item: Event | Claim | None = None) -> Hit:
    """Pick the column that matched best (most distinct words, then weight) as snippet;
    ``item``: the hit's item if the caller has it already."""
    found: Event | Claim | Person
    if item is not None:
        found = item
    elif raw.kind == "event":
        found = dataset.event_by_id[raw.item_id]
    elif raw.kind == "claim":
        found = dataset.claim_by_id[raw.item_id]
    else:
        found = dataset.person_by_id[raw.item_id]
    marked = [Marked.parse(c) if MARK_OPEN in c else Marked(c) for c in raw.columns]
    scored = [(len(m.matched()), WEIGHTS[i], i) for i, m in enumerate(marked) if m.spans]
    best = max(scored)[2] if scored else 0
    snippet = marked[best].crop()
    name = FIELD_NAMES[raw.kind][best]
    if name in LABELLED_FIELDS:
        snippet = snippet.prefixed(f"{name}: ")
    return Hit(
        kind=raw.kind,
        item=found,
        score=raw.score,
        snippet=snippet,
        field=name,
        headline=marked[0].crop(),
    )


# --- Suggestions ----------------------------------------------------------------------------


def _has_match(conn: sqlite3.Connection, word: str) -> bool:
    found = conn.execute(
        f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT 1",
        ('"' + word.replace('"', '""') + '"',),
    ).fetchone()
    return found is not None


def ensure_vocabulary(conn: sqlite3.Connection) -> None:
    """The dataset's words, unstemmed and folded, with how many items use each and their
    length: a plain table, built by SQLite from the indexed text (an unstemmed FTS5 index
    read through ``fts5vocab``, then dropped). An in-memory index builds it on first need
    (only a query that finds nothing pays for it); a persisted one is built with it."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = ?", (VOCABULARY_TABLE,)
    ).fetchone()
    if exists:
        return
    every_column = " || ' ' || ".join(COLUMNS)
    with conn:
        conn.execute(f"DROP TABLE IF EXISTS {WORDS_TABLE}")
        conn.execute(
            f"CREATE VIRTUAL TABLE {WORDS_TABLE} USING fts5(words, content = '', "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        conn.execute(
            f"INSERT INTO {WORDS_TABLE} (rowid, words) SELECT rowid, {every_column} "
            f"FROM {FTS_TABLE}"
        )
        conn.execute(
            f"CREATE VIRTUAL TABLE temp.{VOCABULARY_TABLE}_rows "
            f"USING fts5vocab(main, {WORDS_TABLE}, row)"
        )
        conn.execute(
            f"CREATE TABLE {VOCABULARY_TABLE} (term TEXT PRIMARY KEY, doc INTEGER NOT NULL, "
            "size INTEGER NOT NULL) WITHOUT ROWID"
        )
        conn.execute(
            f"INSERT INTO {VOCABULARY_TABLE} SELECT term, doc, length(term) "
            f"FROM temp.{VOCABULARY_TABLE}_rows"
        )
        conn.execute(f"CREATE INDEX {VOCABULARY_TABLE}_size ON {VOCABULARY_TABLE} (size)")
        conn.execute(f"DROP TABLE temp.{VOCABULARY_TABLE}_rows")
        conn.execute(f"DROP TABLE {WORDS_TABLE}")


def prefix_words(conn: sqlite3.Connection, term: Term) -> list[str]:
    """The dataset's words that a one-word prefix term starts, to search as words too.

    FTS5 matches a prefix against *stems*: ``negotiat*`` is longer than ``negoti``, the stem
    of ``negotiations``, and would find nothing. Each word found here is stemmed as a typed
    word is, so ``negotiat*`` finds what ``negotiations`` finds. Past PREFIX_WORDS words
    the prefix is short enough to lie within the stems, and stays as it is."""
    if term.phrase or len(term.words) != 1:
        return []
    ensure_vocabulary(conn)
    start = term.words[0]
    rows = conn.execute(
        f"SELECT term FROM {VOCABULARY_TABLE} WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
        (start, start + "\U0010ffff", PREFIX_WORDS + 1),
    ).fetchall()
    if len(rows) > PREFIX_WORDS:
        return []
    return [row[0] for row in rows if row[0] != start]


def closest_word(conn: sqlite3.Connection, word: str) -> str | None:
    """The dataset word most like ``word`` (folded), or None; more frequent words win ties."""
    ensure_vocabulary(conn)
    wanted = fold(word)
    rows = conn.execute(
        f"SELECT term, doc FROM {VOCABULARY_TABLE} WHERE size BETWEEN ? AND ? ORDER BY term",
        (max(3, len(wanted) - 2), len(wanted) + 2),
    )
    matcher = difflib.SequenceMatcher(b=wanted)
    best: tuple[float, int, str] | None = None
    for candidate, count in rows:
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


def as_written(conn: sqlite3.Connection, word: str) -> str:
    """``word`` as the dataset writes it (``tartus`` -> ``Tartus``), from a highlight."""
    marked = ", ".join(
        f"highlight({FTS_TABLE}, {index}, '{MARK_OPEN}', '{MARK_CLOSE}')"
        for index in range(len(COLUMNS))
    )
    rows = conn.execute(
        f"SELECT {marked} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT 20", (f'"{word}"',)
    )
    for row in rows:
        for column in row:
            found = Marked.parse(column)
            for start, end in found.spans:
                if fold(found.text[start:end]) == fold(word):
                    return found.text[start:end]
    return word


@dataclass(frozen=True, slots=True)
class NoMatch:
    """Why nothing matched: the words absent from the dataset and a corrected query."""

    missing: tuple[str, ...]
    suggestion: str | None


def explain_no_match(conn: sqlite3.Connection, parsed: ParsedQuery) -> NoMatch:
    """Check each wanted word on its own; offer the closest dataset word for the absent."""
    missing: list[str] = []
    replacements: list[tuple[int, int, str]] = []
    for term in parsed.terms:
        if term.prefix:
            continue
        for start, end, _ in word_spans(term.text):
            typed = term.text[start:end]
            if _has_match(conn, typed):
                continue
            missing.append(typed)
            close = closest_word(conn, typed)
            if close is not None and fold(close) != fold(typed):
                replacements.append((term.start + start, term.start + end, as_written(conn, close)))
    suggestion = None
    if replacements:
        suggestion = parsed.text
        for start, end, close in sorted(replacements, reverse=True):
            suggestion = suggestion[:start] + close + suggestion[end:]
    return NoMatch(tuple(missing), suggestion)


# --- The command ----------------------------------------------------------------------------

HITS_COLUMNS = ("kind", "id", "score", "date", "speaker_name", "snippet")


def hit_record(
    hit: Hit, dataset: Dataset, summaries: dict[str, PersonSummary] | None
) -> dict[str, Any]:
    """``kind``, ``id``, ``score``, ``snippet``, then the item's own listing fields (its own
    ``kind``, a statement's quote/paraphrase or a person's person/organisation, becomes
    ``item_kind``)."""
    fields: dict[str, Any]
    if isinstance(hit.item, Event):
        fields = event_record(hit.item)
    elif isinstance(hit.item, Claim):
        fields = claim_record(hit.item, dataset)
    else:
        assert summaries is not None
        fields = person_record(summaries[hit.item.id])
    fields.pop("id")
    item_kind = fields.pop("kind", None)
    record: dict[str, Any] = {
        "kind": hit.kind,
        "id": hit.item.id,
        "score": float(f"{hit.score:.4g}"),
        "snippet": hit.snippet.text,
        **fields,
    }
    if item_kind is not None:
        record["item_kind"] = item_kind
    return record


def _summaries(dataset: Dataset, person_ids: set[str]) -> dict[str, PersonSummary] | None:
    """Statement counts and dates for the people among the hits only."""
    if not person_ids:
        return None
    # Their statements only: from the cache's index by speaker, without materialising all.
    narrow = getattr(dataset, "narrow_claims", None)
    candidates = dataset.claims if narrow is None else narrow(speakers=person_ids)
    part = Dataset(
        dataset.meta,
        people=tuple(p for p in dataset.people if p.id in person_ids),
        claims=tuple(c for c in candidates if c.speaker in person_ids),
    )
    return summarise_people(part)


def hits_listing(dataset: Dataset, hits: Sequence[Hit], filters: Sequence[str] = ()) -> Listing:
    summaries = _summaries(dataset, {h.item.id for h in hits if h.kind == "person"})
    return Listing(
        kind="hits",
        singular="hit",
        plural="hits",
        records=[hit_record(hit, dataset, summaries) for hit in hits],
        columns=HITS_COLUMNS,
        items=hits,
        dataset=dataset,
        filters=tuple(filters),
        title=dataset.meta.title,
    )


@dataclass(frozen=True, kw_only=True)
class SearchRequest:
    """The command's arguments, as typed."""

    query: str
    kinds: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    dates: DateFilter = field(default_factory=DateFilter)
    sort: str = "relevance"
    limit: int | None = None

    def describe(self) -> list[str]:
        parts = [f'"{one_line(self.query)}"']
        parts += [f"--kind {k}" for k in self.kinds]
        parts += [f"--speaker {s!r}" for s in self.speakers]
        parts += self.dates.describe()
        if self.sort != "relevance":
            parts.append(f"--sort {self.sort}")
        if self.limit:
            parts.append(f"--limit {self.limit}")
        return parts


@dataclass(frozen=True)
class SearchOutcome:
    listing: Listing
    total: int
    speaker_matches: list[SpeakerMatch]
    no_match: NoMatch | None = None


def normalise_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    """``--kind`` values as event/claim/person (plurals, statement and quote accepted)."""
    found: list[str] = []
    for value in kinds:
        kind = KIND_ALIASES.get(value.strip().lower())
        if kind is None:
            close = difflib.get_close_matches(value.lower(), list(KIND_ALIASES), n=1)
            hint = f"; did you mean {KIND_ALIASES[close[0]]}?" if close else ""
            raise UsageError(f"--kind {value!r} is not one of {', '.join(KINDS)}{hint}")
        if kind not in found:
            found.append(kind)
    return tuple(found)


def search(
    dataset: Dataset,
    request: SearchRequest,
    *,
    conn: sqlite3.Connection | None = None,
    persist: bool = True,
) -> SearchOutcome:
    """Parse, check the options, run the query on ``conn``, else on the persisted index
    (``persist``, a dataset read through the cache), else on a fresh in-memory one."""
    parsed = parse_query(request.query)
    if request.sort not in SORTS:
        close = difflib.get_close_matches(request.sort, SORTS, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise UsageError(f"--sort {request.sort!r} is not one of {', '.join(SORTS)}{hint}")
    if request.limit is not None and request.limit < 1:
        raise UsageError(f"--limit: {request.limit} is not a positive number")
    kinds = normalise_kinds(request.kinds)
    if request.speakers and kinds and "claim" not in kinds:
        raise UsageError(
            f"--speaker finds statements, but --kind {' '.join(kinds)} leaves them out",
            hint="add --kind claim, or leave out --speaker",
        )
    matches = resolve_speakers(dataset, request.speakers)
    options = SearchOptions(
        kinds=kinds,
        dates=request.dates,
        speakers=tuple(p.id for m in matches for p in m.people),
        sort=request.sort,
        limit=request.limit,
    )
    if conn is None and persist:
        persisted = persisted_index(dataset)
        if persisted is not None:
            index, path = persisted
            try:
                return _outcome(dataset, index, parsed, options, request, matches)
            except sqlite3.Error:  # damaged after all: remove it, and answer from memory
                with contextlib.suppress(OSError):
                    path.unlink()
            finally:
                index.close()
    if conn is None:
        conn = open_index(dataset)
    return _outcome(dataset, conn, parsed, options, request, matches)


def _outcome(
    dataset: Dataset,
    conn: sqlite3.Connection,
    parsed: ParsedQuery,
    options: SearchOptions,
    request: SearchRequest,
    matches: list[SpeakerMatch],
) -> SearchOutcome:
    """The one query path, whichever index ``conn`` holds."""
    result = run_search(conn, parsed, options)
    items = _items(dataset, result.hits)
    hits = [make_hit(raw, dataset, item=items.get((raw.kind, raw.item_id))) for raw in result.hits]
    no_match = explain_no_match(conn, parsed) if not hits else None
    listing = hits_listing(dataset, hits, request.describe())
    return SearchOutcome(listing, result.total, matches, no_match)


def _items(dataset: Dataset, hits: Sequence[RawHit]) -> dict[tuple[str, str], Event | Claim]:
    """The events and statements of ``hits``, materialised together when the dataset is
    read through the cache (else make_hit looks each up in the dataset's maps)."""
    find = getattr(dataset, "items_by_id", None)
    if find is None:
        return {}
    found: dict[tuple[str, str], Event | Claim] = {}
    for kind, table in (("event", "events"), ("claim", "claims")):
        wanted = [hit.item_id for hit in hits if hit.kind == kind]
        if wanted:
            found.update(((kind, item_id), item) for item_id, item in find(table, wanted).items())
    return found


def no_match_message(request: SearchRequest, no_match: NoMatch) -> str:
    """``no match for "Tartous"; did you mean "Tartus"?`` and the like."""
    text = f'no match for "{one_line(request.query)}"'
    filters = [part for part in request.describe()[1:] if not part.startswith("--sort")]
    if no_match.suggestion is not None:
        return f'{text}; did you mean "{one_line(no_match.suggestion)}"?'
    if no_match.missing:
        absent = ", ".join(f'"{one_line(word)}"' for word in no_match.missing)
        verb = "does" if len(no_match.missing) == 1 else "do"
        return f"{text}; {absent} {verb} not occur in the dataset"
    if filters:
        return f"{text} with {' '.join(filters)}"
    return f"{text}; each word occurs, but no item matches the whole query"


def emit_search(outcome: SearchOutcome, request: SearchRequest, options: OutputOptions) -> None:
    """Print the hits, or, when there are none, a valid empty document where the format
    has one and the reason on stderr."""
    for match in outcome.speaker_matches:
        if len(match.people) > 1:
            names = ", ".join(p.name for p in match.people)
            message(f"note: --speaker {match.name!r} matches {len(match.people)} people: {names}")
    listing = outcome.listing
    if listing.records:
        emit(listing, options)
        shown = len(listing.records)
        if outcome.total > shown:
            message(f"showing {shown} of {outcome.total} hits; --limit N shows more")
        return
    fmt = choose_format(options, listing.kind)
    if options.output not in (None, "-"):
        emit(listing, options)
    elif fmt.machine:
        fmt.renderer()(listing, sys.stdout, RenderOptions(raw_cells=options.raw_cells))
        sys.stdout.flush()
    assert outcome.no_match is not None
    message(no_match_message(request, outcome.no_match))


def default_limit(options: OutputOptions) -> int | None:
    """20 hits on a terminal, every hit in a pipe or a file."""
    to_file = options.output not in (None, "-")
    return TERMINAL_LIMIT if not to_file and stdout_is_terminal() else None
