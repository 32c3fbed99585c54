"""The data model: frozen records and the Dataset that holds them. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from synews_cli.dates import EdtfDate

SCHEMA_VERSION = 1

SOURCE_KINDS = ("article", "interview", "statement", "report", "broadcast", "social-media", "other")
PERSON_KINDS = ("person", "organisation", "state", "group")
IDENTITIES = ("named", "anonymous", "pseudonym")
CLAIM_KINDS = ("quote", "paraphrase", "no-comment")
CLAIM_STATUSES = ("open", "came-true", "proved-false", "disputed")


@dataclass(frozen=True, slots=True)
class Location:
    """Where an item was defined, for messages that point at a file and line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    description: str = ""
    schema_version: int = SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    outlet: str
    published: EdtfDate
    kind: str = "article"
    title: str | None = None
    url: str | None = None
    author: str | None = None
    text_file: str | None = None
    location: Location | None = field(default=None, compare=False)

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


@dataclass(frozen=True, slots=True)
class Person:
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
    location: Location | None = field(default=None, compare=False)

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


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: EdtfDate
    title: str
    source: str
    summary: str = ""
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Claim:
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
    location: Location | None = field(default=None, compare=False)


Item = Event | Claim | Person | Source


@dataclass(frozen=True)
class Dataset:
    """A validated, merged dataset. Lookups by id are built once, read-only."""

    meta: Meta
    sources: tuple[Source, ...] = ()
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    files: tuple[str, ...] = ()
    source_by_id: Mapping[str, Source] = field(init=False, repr=False, compare=False)
    person_by_id: Mapping[str, Person] = field(init=False, repr=False, compare=False)
    event_by_id: Mapping[str, Event] = field(init=False, repr=False, compare=False)
    claim_by_id: Mapping[str, Claim] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, items in (
            ("source_by_id", self.sources),
            ("person_by_id", self.people),
            ("event_by_id", self.events),
            ("claim_by_id", self.claims),
        ):
            object.__setattr__(self, name, MappingProxyType({item.id: item for item in items}))

    def item(self, item_id: str) -> Item | None:
        """Any item by id (ids are unique across kinds)."""
        for table in (self.event_by_id, self.claim_by_id, self.person_by_id, self.source_by_id):
            found = table.get(item_id)
            if found is not None:
                return found
        return None

    def all_ids(self) -> list[str]:
        return [*self.event_by_id, *self.claim_by_id, *self.person_by_id, *self.source_by_id]
