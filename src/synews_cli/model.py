"""The data model: the immutable records every layer passes around. No I/O here.

The records are NamedTuples rather than frozen dataclasses: as immutable, compared and
hashed by value, and far cheaper to define at import and to make in bulk (on Python 3.11 a
frozen dataclass costs ~0.5 ms at import, and its ``__init__`` sets each field through
``object.__setattr__``). Start-up and archive loading both count (README, "Performance").
"""

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from synews_cli.dates import EdtfDate

SCHEMA_VERSION = 2  # of the data format (docs/data-format.md); every version 1 file reads
SCHEMA_VERSIONS = (1, 2)

SOURCE_KINDS = ("article", "interview", "statement", "report", "broadcast", "social-media", "other")
PERSON_KINDS = ("person", "organisation", "state", "group")
IDENTITIES = ("named", "anonymous", "pseudonym")
CLAIM_KINDS = ("quote", "paraphrase", "no-comment")
CLAIM_STATUSES = ("open", "came-true", "proved-false", "disputed")
EVENT_STATUSES = ("expected", "cancelled")  # none: it happened
NAME_KINDS = ("place", "actor", "tag", "topic")
CONFLICT_KINDS = ("dates", "contradicts")  # sources disagree on a date; items contradict


class Location(NamedTuple):
    """Where an item was defined, for messages that point at a file and line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


class Meta(NamedTuple):
    title: str
    description: str = ""
    schema_version: int = SCHEMA_VERSION


class Source(NamedTuple):
    id: str
    outlet: str
    published: EdtfDate
    kind: str = "article"
    title: str | None = None
    url: str | None = None
    author: str | None = None
    text_file: str | None = None
    copy_of: str | None = None  # the source this one reprints (a wire story, syndication)
    location: Location | None = None

    def citation(self) -> str:
        """``The National, "Title", 8 Oct 2025, by A. Author, https://...``; unknowns left out."""
        parts = [self.outlet]
        if self.title:
            parts.append(f"\u201c{self.title}\u201d")
        parts.append(self.published.display())
        if self.author:
            parts.append(f"by {self.author}")
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


class Person(NamedTuple):
    """A speaker: a named person, an anonymous or pseudonymous one, or a group that speaks."""

    id: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "person"
    identity: str = "named"
    identity_note: str | None = None
    note: str | None = None
    location: Location | None = None

    def label(self) -> str:
        """The name as shown beside a statement, with the anonymity marked."""
        if self.identity == "anonymous":
            return f"{self.name} (anonymous)"
        if self.identity == "pseudonym":
            return f"{self.name} (pseudonym)"
        return self.name

    def role_line(self) -> str:
        """Role and affiliation together, e.g. ``senior fellow, Washington Institute``."""
        if (
            self.role
            and self.affiliation
            and self.affiliation.casefold() not in self.role.casefold()
        ):
            return f"{self.role}, {self.affiliation}"
        return self.role or self.affiliation or ""


class Report(NamedTuple):
    """One source's account of an event or a statement, where it differs from the item's:
    its own date, its own wording (a statement's exact words in that outlet), a link, a
    note. Reports are kept side by side; the item's own fields stay the curator's reading."""

    source: str
    date: EdtfDate | None = None
    text: str | None = None
    url: str | None = None
    note: str | None = None


class Event(NamedTuple):
    id: str
    date: EdtfDate
    title: str
    source: str  # the first of ``sources``
    summary: str = ""
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    sources: tuple[str, ...] = ()  # every source that reports it, ``source`` first
    reports: tuple[Report, ...] = ()
    status: str | None = None  # expected, cancelled; None: it happened
    contradicts: tuple[str, ...] = ()  # items a curator marked as contradicting this one
    location: Location | None = None

    def cited(self) -> tuple[str, ...]:
        """Every source, ``source`` first (a record made without ``sources`` has its one)."""
        return self.sources or (self.source,)


class Claim(NamedTuple):
    """An attributed statement: a verbatim quote, a paraphrase or a declined comment."""

    id: str
    speaker: str
    kind: str
    text: str
    date: EdtfDate
    source: str  # the first of ``sources``
    context: str | None = None
    topics: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    status: str | None = None
    evidence: tuple[str, ...] = ()
    evidence_note: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()  # every source that reports it, ``source`` first
    reports: tuple[Report, ...] = ()
    contradicts: tuple[str, ...] = ()  # items a curator marked as contradicting this one
    location: Location | None = None

    def cited(self) -> tuple[str, ...]:
        """Every source, ``source`` first (a record made without ``sources`` has its one)."""
        return self.sources or (self.source,)


class Name(NamedTuple):
    """The chosen spelling of a place, actor, tag or topic, and the other spellings
    outlets use: filters match any of them, and outputs show ``name``."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    location: Location | None = None


Item = Event | Claim | Person | Source


def reported_dates(item: Event | Claim) -> tuple[tuple[str, EdtfDate], ...]:
    """Each source's date of the item: its report's own date, else the item's."""
    own = {r.source: r.date for r in item.reports if r.date is not None}
    return tuple((source, own.get(source, item.date)) for source in item.cited())


def dates_disagree(item: Event | Claim) -> bool:
    """Whether two of its sources give dates that share no day (a report's own date
    against another's, or against the item's)."""
    if not any(r.date is not None for r in item.reports):
        return False
    dates = [when for _, when in reported_dates(item)]
    starts = [d.start for d in dates if d.start is not None]
    ends = [d.end for d in dates if d.end is not None]
    return bool(starts and ends and min(ends) < max(starts))


def chronological(item: Event | Claim) -> tuple[date, date, str]:
    """The story's order: first day, then last day (an open start first, an open end
    last), then id."""
    start, end = item.date.sort_key()
    return (start, end, item.id)


class PersonSummary(NamedTuple):
    """A person with their statements counted and dated."""

    person: Person
    statements: int
    first: EdtfDate | None
    last: EdtfDate | None


class Accounts:
    """The independent account behind each source: the source it is a copy of, followed to
    the first that copies none (in a cycle, which check reports, the cycle's first id)."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources
        self._root: dict[str, str] = {}

    def of(self, source_id: str) -> str:
        chain: list[str] = []
        seen: set[str] = set()
        current = source_id
        while True:
            if current in self._root:
                root = self._root[current]
                break
            if current in seen:  # back at a source already followed: a cycle
                root = min(chain[chain.index(current) :])
                break
            seen.add(current)
            chain.append(current)
            source = self.sources.get(current)
            if source is None or source.copy_of is None:
                root = current
                break
            current = source.copy_of
        for member in chain:
            self._root[member] = root
        return root

    def count(self, item: Event | Claim) -> int:
        """How many independent accounts report the item."""
        return len({self.of(source) for source in item.cited()})
