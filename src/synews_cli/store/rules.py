"""The rules across files, checked in the store after every change: ids are unique, and
every reference names a source, person or event that exists.

What one file says on its own is checked when it is read (dataset/parse.py); these rules
need every file at once, so they run here, on the store's indexes. Each rule first asks
the cheap question (is anything wrong at all?) and only then lists the items, in the order
a reader expects: duplicates, then events' sources, then the references of invalid
entries, then statements' sources, speakers, subjects and evidence, then the further
sources of events and of statements (``sources`` beyond the first, and reports), each in
file order.
Unknown ids come with the closest known one. Then the rules that help a curator
(curator_rules.py): statements and reports dated after their source (problems) and, when
``synews check`` asks, its warnings.
"""

import sqlite3
from collections.abc import Iterator
from typing import NamedTuple

from synews_cli.text import did_you_mean, fold

KINDS = ("sources", "people", "events", "claims")
# What a reference must name -> the tables of such items.
TARGETS = {
    "source": ("sources",),
    "person": ("people",),
    "event": ("events",),
    "item": ("events", "claims"),  # an event or a statement
}
WHATS = {"item": "event or statement"}


class Finding(NamedTuple):
    """One problem across files; ``first_*`` is where a duplicate id was first defined."""

    file_id: int
    line: int | None
    item: str | None
    field: str
    message: str
    first_file_id: int | None = None
    first_line: int | None = None
    warning: bool = False  # a curator's warning (curator_rules.py): no change to the exit code


def check(conn: sqlite3.Connection, *, warnings: bool = False) -> None:
    """Replace the stored findings of the rules with what they find now; with ``warnings``,
    also the curator's warnings (only ``synews check`` shows them: see ``warned``)."""
    from synews_cli.store import curator_rules  # it imports Finding from here

    conn.execute("DELETE FROM problems WHERE rule = 1")
    known = _KnownIds(conn)
    findings = [
        *duplicates(conn),
        *unknown_refs(conn, known, "events", "source_id", "source", "source"),
        *loose_refs(conn, known),
        *claim_refs(conn, known),
        *further_sources(conn, known, "events"),
        *further_sources(conn, known, "claims"),
        *unknown_refs(conn, known, "sources", "copy_of", "copy_of", "source"),
        *contradictions(conn, known, "events"),
        *contradictions(conn, known, "claims"),
        *name_clashes(conn),
        *curator_rules.late_statements(conn),
        *curator_rules.late_reports(conn),
    ]
    if warnings:
        findings += curator_rules.warnings(conn)
    conn.executemany(
        "INSERT INTO problems (rule, file_id, seq, line, item, field, message, warning,"
        " first_file_id, first_line) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                f.file_id,
                seq,
                f.line,
                f.item,
                f.field,
                f.message,
                int(f.warning),
                f.first_file_id,
                f.first_line,
            )
            for seq, f in enumerate(findings)
        ],
    )
    conn.execute(
        "INSERT OR REPLACE INTO meta VALUES ('curator_warnings', ?)", (str(int(warnings)),)
    )


def warned(conn: sqlite3.Connection) -> bool:
    """Whether the stored findings include the curator's warnings."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'curator_warnings'").fetchone()
    return row is not None and row[0] == "1"


class _KnownIds:
    """The ids of one kind, and those of invalid entries, read only when a rule needs them
    (to suggest the closest id: only when something is wrong)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._ids: dict[str, set[str]] = {}
        self._invalid: dict[str, set[str]] = {}

    def ids(self, table: str) -> set[str]:
        if table not in self._ids:
            self._ids[table] = {row[0] for row in self.conn.execute(f"SELECT id FROM {table}")}
        return self._ids[table]

    def invalid(self, table: str) -> set[str]:
        if table not in self._invalid:
            sql = "SELECT id FROM invalid_ids WHERE kind = ?"
            self._invalid[table] = {row[0] for row in self.conn.execute(sql, (table,))}
        return self._invalid[table]

    def unknown(self, ref: str, what: str) -> str | None:
        """The message for a reference to an unknown id, or None when it is known (or names
        an invalid entry, already reported)."""
        tables = TARGETS[what]
        if any(ref in self.ids(t) or ref in self.invalid(t) for t in tables):
            return None
        known = sorted(set().union(*(self.ids(t) for t in tables)))
        return f"unknown {WHATS.get(what, what)} '{ref}'{did_you_mean(ref, known)}"


def duplicates(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Every definition of an id after its first, across kinds (sources, people, events,
    statements, each in file order)."""
    suspects: set[str] = set()
    for table in KINDS:
        sql = f"SELECT id FROM {table} GROUP BY id HAVING COUNT(*) > 1"
        suspects.update(row[0] for row in conn.execute(sql))
    for index, table in enumerate(KINDS):
        for other in KINDS[index + 1 :]:  # a join walks both id indexes (IN would copy one)
            sql = f"SELECT DISTINCT a.id FROM {table} a JOIN {other} b ON b.id = a.id"
            suspects.update(row[0] for row in conn.execute(sql))
    if not suspects:
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS suspects (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.suspects")
    conn.executemany("INSERT INTO temp.suspects VALUES (?)", [(s,) for s in suspects])
    first: dict[str, tuple[int, int | None]] = {}
    for table in KINDS:
        sql = (
            f"SELECT t.id, t.file_id, t.line FROM {table} t JOIN files f USING (file_id)"
            " WHERE t.id IN (SELECT id FROM temp.suspects) ORDER BY f.position, t.seq"
        )
        for item, file_id, line in conn.execute(sql).fetchall():
            if item in first:
                where = first[item]
                yield Finding(file_id, line, item, "id", "duplicate id", where[0], where[1])
            else:
                first[item] = (file_id, line)


def unknown_refs(
    conn: sqlite3.Connection, known: _KnownIds, table: str, column: str, field: str, what: str
) -> Iterator[Finding]:
    """Items of ``table`` whose ``column`` names no ``what``."""
    (target,) = TARGETS[what]
    missing = [
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT {column} FROM {table} WHERE {column} NOT IN (SELECT id FROM {target})"
        )
    ]
    if not missing:
        return
    marks = ", ".join("?" * len(missing))
    sql = (
        f"SELECT t.file_id, t.line, t.id, t.{column} FROM {table} t JOIN files f USING (file_id)"
        f" WHERE t.{column} IN ({marks}) ORDER BY f.position, t.seq"
    )
    for file_id, line, item, ref in conn.execute(sql, missing).fetchall():
        message = known.unknown(ref, what)
        if message is not None:
            yield Finding(file_id, line, item, field, message)


def loose_refs(conn: sqlite3.Connection, known: _KnownIds) -> Iterator[Finding]:
    """The references of entries that were invalid, checked like any other."""
    sql = (
        "SELECT r.file_id, r.line, r.item, r.field, r.target, r.kind FROM loose_refs r"
        " JOIN files f USING (file_id) ORDER BY f.position, r.seq"
    )
    for file_id, line, item, field, target, what in conn.execute(sql).fetchall():
        message = known.unknown(target, what)
        if message is not None:
            yield Finding(file_id, line, item, field, message)


def claim_refs(conn: sqlite3.Connection, known: _KnownIds) -> Iterator[Finding]:
    """Statements' sources, speakers, and the events they are about or cite as evidence,
    statement by statement in file order."""
    wrong: set[tuple[str, str]] = set()  # (field, id)
    for column, field, target in (
        ("source_id", "source", "sources"),
        ("speaker_id", "speaker", "people"),
    ):
        sql = (
            f"SELECT DISTINCT {column} FROM claims WHERE {column} NOT IN (SELECT id FROM {target})"
        )
        wrong.update((field, row[0]) for row in conn.execute(sql))
    for table, field in (("claim_about", "about"), ("claim_evidence", "evidence")):
        sql = (
            f"SELECT DISTINCT event_id FROM {table} a"
            " WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.event_id)"
        )
        wrong.update((field, row[0]) for row in conn.execute(sql))
    if not wrong:
        return
    sql = (
        "SELECT c.file_id, c.line, c.id, c.source_id, c.speaker_id, c.about, c.evidence"
        " FROM claims c JOIN files f USING (file_id) ORDER BY f.position, c.seq"
    )
    import json  # only for an invalid dataset: the lists of every statement

    whats = {"source": "source", "speaker": "person", "about": "event", "evidence": "event"}
    for file_id, line, item, source, speaker, about, evidence in conn.execute(sql):
        refs = [("source", source), ("speaker", speaker)]
        refs += [("about", ref) for ref in json.loads(about)]
        refs += [("evidence", ref) for ref in json.loads(evidence)]
        for field, ref in refs:
            if (field, ref) in wrong:
                message = known.unknown(ref, whats[field])
                if message is not None:
                    yield Finding(file_id, line, item, field, message)


def further_sources(conn: sqlite3.Connection, known: _KnownIds, table: str) -> Iterator[Finding]:
    """The sources an item names beyond its first (``sources``, its reports' sources) that
    no source defines. Only items with more than one source are read: ``["id"]`` is the
    id and four characters (ids need no escaping in JSON)."""
    sql = (
        f"SELECT t.file_id, t.line, t.id, value.value FROM {table} t"
        " JOIN files f USING (file_id), json_each(t.sources) AS value"
        " WHERE length(t.sources) > length(t.source_id) + 4 AND value.key > 0"
        " AND value.value NOT IN (SELECT id FROM sources) ORDER BY f.position, t.seq, value.key"
    )
    for file_id, line, item, ref in conn.execute(sql).fetchall():
        message = known.unknown(ref, "source")
        if message is not None:
            yield Finding(file_id, line, item, "sources", message)


def contradictions(conn: sqlite3.Connection, known: _KnownIds, table: str) -> Iterator[Finding]:
    """``contradicts`` must name another event or statement."""
    sql = (
        f"SELECT t.file_id, t.line, t.id, value.value FROM {table} t"
        " JOIN files f USING (file_id), json_each(t.contradicts) AS value"
        " WHERE t.contradicts != '[]' AND (value.value = t.id"
        " OR (NOT EXISTS (SELECT 1 FROM events e WHERE e.id = value.value)"
        " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = value.value)))"
        " ORDER BY f.position, t.seq, value.key"
    )
    for file_id, line, item, ref in conn.execute(sql).fetchall():
        if ref == item:
            yield Finding(file_id, line, item, "contradicts", "an item cannot contradict itself")
            continue
        message = known.unknown(ref, "item")
        if message is not None:
            yield Finding(file_id, line, item, "contradicts", message)


def name_clashes(conn: sqlite3.Connection) -> Iterator[Finding]:
    """A spelling may stand for one name of each kind: a second ``[[names]]`` entry that
    claims it (as its name or an alias) would leave a filter two ways to read it."""
    sql = (
        "SELECT n.file_id, n.line, n.name, n.kind, n.aliases FROM names n"
        " JOIN files f USING (file_id) ORDER BY f.position, n.seq"
    )
    rows = conn.execute(sql).fetchall()
    if not rows:
        return
    import json  # only for a dataset with names

    owner: dict[tuple[str, str], str] = {}
    for file_id, line, name, kind, aliases in rows:
        for spelling in dict.fromkeys((name, *json.loads(aliases))):
            key = (kind, fold(spelling))
            first = owner.setdefault(key, name)
            if first != name:
                yield Finding(
                    file_id,
                    line,
                    name,
                    "aliases" if spelling != name else "name",
                    f"the {kind} spelling {spelling!r} already stands for {first!r}",
                )
