"""The data model: immutable records and the Dataset that holds them. No I/O here.

The records are NamedTuples rather than frozen dataclasses: as immutable, compared and
hashed by value, and far cheaper to define at import and to make in bulk (on Python 3.11 a
frozen dataclass costs ~0.5 ms at import, and its ``__init__`` sets each field through
``object.__setattr__``). Start-up and archive loading both count (README, "Performance").
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from synews_cli.dates import EdtfDate

SCHEMA_VERSION = 1

SOURCE_KINDS = ("article", "interview", "statement", "report", "broadcast", "social-media", "other")
PERSON_KINDS = ("person", "organisation", "state", "group")
IDENTITIES = ("named", "anonymous", "pseudonym")
CLAIM_KINDS = ("quote", "paraphrase", "no-comment")
CLAIM_STATUSES = ("open", "came-true", "proved-false", "disputed")


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

    @property
    def is_named(self) -> bool:
        return self.identity == "named"

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


class Event(NamedTuple):
    id: str
    date: EdtfDate
    title: str
    source: str
    summary: str = ""
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    location: Location | None = None


class Claim(NamedTuple):
    """An attributed statement: a verbatim quote, a paraphrase or a declined comment."""

    id: str
    speaker: str
    kind: str
    text: str
    date: EdtfDate
    source: str
    context: str | None = None
    topics: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    status: str | None = None
    evidence: tuple[str, ...] = ()
    evidence_note: str | None = None
    note: str | None = None
    location: Location | None = None


Item = Event | Claim | Person | Source


class PersonSummary(NamedTuple):
    """A person with their statements counted and dated."""

    person: Person
    statements: int
    first: EdtfDate | None
    last: EdtfDate | None


class Dataset:
    """A validated, merged dataset. Lookups by id are built once; nothing changes after.

    A plain class with read-only properties (see the module docstring): ``cache.py``'s
    IndexedDataset reads its events and statements lazily behind the same properties."""

    def __init__(
        self,
        meta: Meta,
        sources: tuple[Source, ...] = (),
        people: tuple[Person, ...] = (),
        events: tuple[Event, ...] = (),
        claims: tuple[Claim, ...] = (),
        files: tuple[str, ...] = (),
    ) -> None:
        self._meta = meta
        self._sources = sources
        self._people = people
        self._events = events
        self._claims = claims
        self._files = files
        self._source_by_id = MappingProxyType({s.id: s for s in sources})
        self._person_by_id = MappingProxyType({p.id: p for p in people})
        self._event_by_id = MappingProxyType({e.id: e for e in events})
        self._claim_by_id = MappingProxyType({c.id: c for c in claims})

    @property
    def meta(self) -> Meta:
        return self._meta

    @property
    def sources(self) -> tuple[Source, ...]:
        return self._sources

    @property
    def people(self) -> tuple[Person, ...]:
        return self._people

    @property
    def events(self) -> tuple[Event, ...]:
        return self._events

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self._claims

    @property
    def files(self) -> tuple[str, ...]:
        """The files the dataset was read from, in order."""
        return self._files

    @property
    def source_by_id(self) -> Mapping[str, Source]:
        return self._source_by_id

    @property
    def person_by_id(self) -> Mapping[str, Person]:
        return self._person_by_id

    @property
    def event_by_id(self) -> Mapping[str, Event]:
        return self._event_by_id

    @property
    def claim_by_id(self) -> Mapping[str, Claim]:
        return self._claim_by_id

    def close(self) -> None:
        """Release what the dataset holds open: nothing here (an indexed one has a
        connection to close)."""

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(meta={self.meta!r}, {len(self.sources)} sources, "
            f"{len(self.people)} people, {len(self.events)} events, "
            f"{len(self.claims)} claims, files={self.files!r})"
        )

    def item(self, item_id: str) -> Item | None:
        """Any item by id (ids are unique across kinds)."""
        for table in (self.event_by_id, self.claim_by_id, self.person_by_id, self.source_by_id):
            found = table.get(item_id)
            if found is not None:
                return found
        return None

    def all_ids(self) -> list[str]:
        return [*self.event_by_id, *self.claim_by_id, *self.person_by_id, *self.source_by_id]
