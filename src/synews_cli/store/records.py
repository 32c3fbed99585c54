"""Rows of the store -> model records: the columns each record is read from, and the reading.

Every event or statement a query returns is made here, so this is kept plain and quick:
dates and lists are parsed once per distinct text (an archive repeats them), and a
record's location names its file as this run names it.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from synews_cli.dates import DayRange, EdtfDate, parse_edtf
from synews_cli.model import Claim, Event, Location, Name, Person, Report, Source
from synews_cli.text import words

OPEN_START = -1  # first_day of an open start: before every day number
OPEN_END = 1 << 30  # last_day of an open end: after every day number


def overlapping(days: DayRange | None) -> tuple[list[str], list[Any]]:
    """SQL for items (with ``first_day`` and ``last_day``) whose days overlap ``days``
    (every item when None): they share at least one day, an open side reaching forever.
    The one place of this rule; an open side of ``days`` asks nothing, so that the index
    of the other side is the one used."""
    terms: list[str] = []
    params: list[Any] = []
    if days is not None and days.start is not None:
        terms.append("last_day >= ?")
        params.append(days.start.toordinal())
    if days is not None and days.end is not None:
        terms.append("first_day <= ?")
        params.append(days.end.toordinal())
    return terms, params


# What each record is read from: the file first, then the record's fields in its order.
SOURCE_COLUMNS = (
    "file_id, line, id, outlet, published, kind, title, url, author, text_file, copy_of"
)
PERSON_COLUMNS = (
    "file_id, line, id, name, role, affiliation, aliases, kind, identity, identity_note, note"
)
EVENT_COLUMNS = (
    "file_id, line, id, date, title, source_id, summary, places, actors, tags, note, sources,"
    " reports, status, contradicts"
)
CLAIM_COLUMNS = (
    "file_id, line, id, speaker_id, kind, text, date, source_id, context, topics, about,"
    " status, evidence, evidence_note, note, sources, reports, contradicts"
)


NAME_COLUMNS = "file_id, line, name, kind, aliases"


Spellings = Mapping[str, Mapping[str, str]]  # kind -> a spelling's folded words -> the name


def spellings(rows: Iterable[Sequence[Any]]) -> dict[str, dict[str, str]]:
    """The chosen name of each spelling, by kind, from rows of (name, kind, aliases)."""
    found: dict[str, dict[str, str]] = {}
    for name, kind, aliases in rows:
        chosen = found.setdefault(kind, {})
        for spelling in (name, *json.loads(aliases)):
            chosen.setdefault(" ".join(words(spelling)), name)
    return found


class RecordReader:
    """Makes records from rows; remembers parsed dates and lists, and the files' names.
    Places, actors, tags and topics come out in their chosen spelling (``[[names]]``)."""

    def __init__(self, names: Mapping[int, str], chosen: Spellings | None = None) -> None:
        self.names = names
        self.chosen = chosen or {}
        self._dates: dict[str, EdtfDate] = {}
        self._lists: dict[str, tuple[str, ...]] = {"[]": ()}
        self._labels: dict[tuple[str, str], tuple[str, ...]] = {}

    def labels(self, encoded: str, kind: str) -> tuple[str, ...]:
        """A list of places (actors, tags, topics), each in its chosen spelling, once."""
        chosen = self.chosen.get(kind)
        if not chosen or encoded == "[]":
            return self.values(encoded)
        found = self._labels.get((kind, encoded))
        if found is None:
            named = (chosen.get(" ".join(words(v)), v) for v in self.values(encoded))
            found = self._labels[(kind, encoded)] = tuple(dict.fromkeys(named))
        return found

    def date(self, text: str) -> EdtfDate:
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = parse_edtf(text)
        return found

    def values(self, encoded: str) -> tuple[str, ...]:
        found = self._lists.get(encoded)
        if found is None:
            found = self._lists[encoded] = tuple(json.loads(encoded))
        return found

    def reports(self, encoded: str) -> tuple[Report, ...]:
        if encoded == "[]":
            return ()
        return tuple(
            Report(
                r["source"],
                None if r["date"] is None else self.date(r["date"]),
                r["text"],
                r["url"],
                r["note"],
            )
            for r in json.loads(encoded)
        )

    def location(self, file_id: int, line: int | None) -> Location:
        return Location(self.names.get(file_id, "?"), line)

    def source(self, row: Sequence[Any]) -> Source:
        file_id, line, id_, outlet, published, kind, title, url, author, text_file, copy_of = row
        return Source(
            id_,
            outlet,
            self.date(published),
            kind,
            title,
            url,
            author,
            text_file,
            copy_of,
            self.location(file_id, line),
        )

    def name(self, row: Sequence[Any]) -> Name:
        file_id, line, name, kind, aliases = row
        return Name(name, kind, self.values(aliases), self.location(file_id, line))

    def person(self, row: Sequence[Any]) -> Person:
        file_id, line, id_, name, role, affiliation, aliases, *rest = row
        kind, identity, identity_note, note = rest
        return Person(
            id_,
            name,
            role,
            affiliation,
            self.values(aliases),
            kind,
            identity,
            identity_note,
            note,
            self.location(file_id, line),
        )

    def event(self, row: Sequence[Any]) -> Event:
        file_id, line, id_, date, title, source, summary, places, actors, tags, *rest = row
        note, sources, reports, status, contradicts = rest
        return Event(
            id_,
            self.date(date),
            title,
            source,
            summary,
            self.labels(places, "place"),
            self.labels(actors, "actor"),
            self.labels(tags, "tag"),
            note,
            self.values(sources),
            self.reports(reports),
            status,
            self.values(contradicts),
            self.location(file_id, line),
        )

    def claim(self, row: Sequence[Any]) -> Claim:
        file_id, line, id_, speaker, kind, text, date, source, context, *rest = row
        topics, about, status, evidence, evidence_note, note, sources, reports, *rest = rest
        (contradicts,) = rest
        return Claim(
            id_,
            speaker,
            kind,
            text,
            self.date(date),
            source,
            context,
            self.labels(topics, "topic"),
            self.values(about),
            status,
            self.values(evidence),
            evidence_note,
            note,
            self.values(sources),
            self.reports(reports),
            self.values(contradicts),
            self.location(file_id, line),
        )
