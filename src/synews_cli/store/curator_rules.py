"""Rules that help a curator: what is probably a slip rather than a broken reference.

One is an error, checked after every change like the rules of rules.py: a source cannot
report what had not yet been said or done, so a statement dated after a source that reports
it was published, or a report dated after its own source, is wrong.

The others are warnings, for ``synews check`` only (they cost a pass over every name and
every statement's words, which no other command needs; the store checks them when asked,
rules.py ``check``): two people of the same name, one statement recorded twice by one
speaker, and sources that reprint each other in a circle.
"""

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from typing import NamedTuple

from synews_cli.dates import DateFormatError, parse_edtf
from synews_cli.store.rules import Finding  # rules.py imports this module when it runs
from synews_cli.text import fold, words

# A statement of fewer words is never compared: "No", "We will see" are said more than once.
MIN_WORDS = 4
# How many statements of one speaker sharing a statement's first words are compared with it
# in full: the bound that keeps a speaker's thousands of "I do not think ..." linear.
MAX_COMPARED = 50


# --- Errors: dated after the source that reports it --------------------------------------------


def late_statements(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Statements whose first day comes after the last day of a source that reports them
    (each of their ``sources``), in file order."""
    # The first source is the indexed column; further ones only for items that have some
    # (``["id"]`` is the id and four characters, as in rules.further_sources).
    sql = (
        "SELECT c.file_id, c.line, c.id, c.date, s.id, s.published, f.position, c.seq, 0"
        " FROM claims c JOIN files f USING (file_id) JOIN sources s ON s.id = c.source_id"
        " WHERE c.start > s.published_end"
        " UNION ALL"
        " SELECT c.file_id, c.line, c.id, c.date, s.id, s.published, f.position, c.seq,"
        " value.key FROM claims c JOIN files f USING (file_id), json_each(c.sources) AS value"
        " JOIN sources s ON s.id = value.value"
        " WHERE length(c.sources) > length(c.source_id) + 4 AND value.key > 0"
        " AND c.start > s.published_end"
        " ORDER BY 7, 8, 9"
    )
    for file_id, line, item, when, source, published, *_ in conn.execute(sql).fetchall():
        yield Finding(
            file_id,
            line,
            item,
            "date",
            f"dated {when}, after {source!r} was published ({published}): "
            "a source cannot report what had not been said",
        )


def late_reports(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Reports dated after their own source was published, events' then statements', in
    file order. An event announced (``expected``) or called off (``cancelled``) is reported
    before its date, so its reports are not checked."""
    for table, done in (("events", "had not happened"), ("claims", "had not been said")):
        planned = " AND t.status IS NULL" if table == "events" else ""
        sql = (
            f"SELECT t.file_id, t.line, t.id, value.key, s.id, s.published, s.published_end,"
            f" json_extract(value.value, '$.date') AS said FROM {table} t"
            " JOIN files f USING (file_id), json_each(t.reports) AS value"
            " JOIN sources s ON s.id = json_extract(value.value, '$.source')"
            f" WHERE t.reports != '[]' AND said IS NOT NULL AND s.published_end IS NOT NULL"
            f"{planned} ORDER BY f.position, t.seq, value.key"
        )
        for file_id, line, item, key, source, published, last, said in conn.execute(sql):
            first = _first_day(said)
            if first is not None and first > date.fromisoformat(last):
                yield Finding(
                    file_id,
                    line,
                    item,
                    "reports",
                    f"report {key + 1} ({source}): dated {said}, after {source!r} was "
                    f"published ({published}): a source cannot report what {done}",
                )


def _first_day(text: str) -> date | None:
    try:
        return parse_edtf(text).start
    except DateFormatError:  # reported when its file was read
        return None


# --- Warnings -------------------------------------------------------------------------------


def warnings(conn: sqlite3.Connection) -> list[Finding]:
    """Every curator's warning: people, then statements, then sources."""
    return [*same_names(conn), *same_statements(conn), *copy_cycles(conn)]


def same_names(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Two people whose names or aliases are one spelling, up to case, accents and spacing:
    on the later one, naming the earlier. Anonymous speakers and groups are left out (their
    names are descriptions, "A resident", "Experts", that fit many), and so are two people a
    role or affiliation tells apart (both have one, and they differ)."""
    sql = (
        "SELECT p.file_id, p.line, p.id, p.name, p.role, p.affiliation, p.aliases"
        " FROM people p JOIN files f USING (file_id)"
        " WHERE p.identity != 'anonymous' AND p.kind != 'group' ORDER BY f.position, p.seq"
    )
    # spelling -> (the first person with it, the first with each role)
    first: dict[str, tuple[tuple[str, str], dict[str | None, tuple[str, str]]]] = {}
    for file_id, line, person, name, role, affiliation, aliases in conn.execute(sql):
        what = _role_key(role, affiliation)
        found: tuple[str, str, str, str] | None = None  # field, spelling, earlier id, name
        spellings = [("name", name), *(("aliases", a) for a in json.loads(aliases))]
        for field, spelling in spellings:
            key = key_of(spelling)
            if not key:
                continue
            entry = first.get(key)
            if entry is None:
                first[key] = ((person, name), {what: (person, name)})
                continue
            earliest, by_role = entry
            by_role.setdefault(what, (person, name))
            # One with no role may be anyone of that name; one with a role, anyone with no
            # role or the same role.
            other = earliest if what is None else by_role.get(None) or by_role.get(what)
            if found is None and other is not None and other[0] != person:
                found = (field, spelling, other[0], other[1])
        if found is not None:
            field, spelling, earlier, earlier_name = found
            shared = "" if key_of(spelling) == key_of(earlier_name) else f", {spelling!r}"
            yield Finding(
                file_id,
                line,
                person,
                field,
                f"same name as {earlier!r} ({earlier_name}){shared}: the same person twice? "
                "merge them or tell them apart with a role",
                warning=True,
            )


def key_of(spelling: str) -> str:
    """A name as the rule compares it: folded, its spaces collapsed."""
    return " ".join(fold(spelling).split())


def _role_key(role: str | None, affiliation: str | None) -> str | None:
    return key_of(" ".join(part for part in (role, affiliation) if part)) or None


class _Said(NamedTuple):
    """A statement's place, id and folded words."""

    file_id: int
    line: int | None
    id: str
    words: tuple[str, ...]


_HOW = {
    "same": "the same words as {earlier!r}",
    "holds": "holds the words of {earlier!r}",
    "inside": "its words are part of {earlier!r}",
}


def same_statements(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Two statements of one speaker with the same words, or one's words a run of the
    other's (case, accents and punctuation aside; at least MIN_WORDS words): on the later
    one, naming the earlier. Declined comments are left out.

    The work is linear in the words of the statements: exact repeats are found by their
    words as a key; a run is looked for only in statements holding the shorter one's first
    MIN_WORDS words (a set intersection per statement), and each statement is compared in
    full with at most MAX_COMPARED shorter ones that it holds the first words of."""
    sql = (
        "SELECT c.file_id, c.line, c.id, c.speaker_id, c.text FROM claims c"
        " JOIN files f USING (file_id) WHERE c.kind != 'no-comment' ORDER BY f.position, c.seq"
    )
    by_speaker: dict[str, list[tuple[int, _Said]]] = {}
    for index, (file_id, line, item, speaker, text) in enumerate(conn.execute(sql)):
        folded = words(text)
        if len(folded) >= MIN_WORDS:
            by_speaker.setdefault(speaker, []).append((index, _Said(file_id, line, item, folded)))
    found: list[tuple[int, Finding]] = []
    for statements in by_speaker.values():
        said = [s for _, s in statements]
        for later, (earlier, how) in repeats(said).items():
            s, other = said[later], said[earlier].id
            message = _HOW[how].format(earlier=other) + (
                ", by the same speaker: one statement recorded twice? keep one, with both sources"
            )
            found.append(
                (
                    statements[later][0],
                    Finding(s.file_id, s.line, s.id, "text", message, warning=True),
                )
            )
    found.sort(key=lambda pair: pair[0])
    yield from (finding for _, finding in found)


def repeats(said: Sequence[_Said]) -> dict[int, tuple[int, str]]:
    """For each statement (by index, in file order) that repeats an earlier one: the
    earliest such, and how (``same``, ``holds`` it, or is ``inside`` it)."""
    best: dict[int, tuple[int, str]] = {}

    def note(later: int, earlier: int, how: str) -> None:
        if said[later].id != said[earlier].id and (later not in best or earlier < best[later][0]):
            best[later] = (earlier, how)

    first: dict[tuple[str, ...], int] = {}
    unique: list[int] = []
    for index, s in enumerate(said):
        seen = first.setdefault(s.words, index)
        if seen == index:
            unique.append(index)
        else:
            note(index, seen, "same")
    heads: dict[tuple[str, ...], list[int]] = {}
    for index in sorted(unique, key=lambda i: len(said[i].words)):  # shortest first
        heads.setdefault(said[index].words[:MIN_WORDS], []).append(index)
    padded = {index: f" {' '.join(said[index].words)} " for index in unique}
    for outer in unique:
        w = said[outer].words
        if len(w) <= MIN_WORDS:
            continue
        compared = 0
        for head in heads.keys() & set(zip(w, w[1:], w[2:], w[3:], strict=False)):
            for inner in heads[head]:
                if compared >= MAX_COMPARED or len(said[inner].words) >= len(w):
                    break
                compared += 1
                if padded[inner] in padded[outer]:
                    if outer > inner:
                        note(outer, inner, "holds")
                    else:
                        note(inner, outer, "inside")
    return best


def copy_cycles(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Sources whose ``copy_of`` leads back to themselves (a reprints b, b reprints a): once
    per circle, on its source first in file order, naming the circle."""
    sql = (
        "SELECT s.file_id, s.line, s.id, s.copy_of FROM sources s JOIN files f USING (file_id)"
        " WHERE s.copy_of IS NOT NULL ORDER BY f.position, s.seq"
    )
    rows = conn.execute(sql).fetchall()
    copies: dict[str, str] = {}
    where: dict[str, tuple[int, int, int | None]] = {}  # id -> (order, file_id, line)
    for order, (file_id, line, source, original) in enumerate(rows):
        copies.setdefault(source, original)
        where.setdefault(source, (order, file_id, line))
    done: set[str] = set()
    circles: list[list[str]] = []
    for start in copies:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node in copies and node not in done:
            if node in on_path:
                circle = path[path.index(node) :]
                first = min(range(len(circle)), key=lambda i: where[circle[i]][0])
                circles.append(circle[first:] + circle[:first])
                break
            path.append(node)
            on_path.add(node)
            node = copies[node]
        done.update(path)
    for circle in sorted(circles, key=lambda c: where[c[0]][0]):
        _, file_id, line = where[circle[0]]
        ring = " -> ".join(repr(source) for source in [*circle, circle[0]])
        yield Finding(
            file_id,
            line,
            circle[0],
            "copy_of",
            f"copies go round in a circle ({ring}): which source is the original?",
            warning=True,
        )
