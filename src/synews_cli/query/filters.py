"""Selecting events and statements: a query record + a dataset -> records in date order.

One matching vocabulary serves every command (text.py): text is folded (case and accents
removed) before comparison, names and list values match on whole runs of words, dates match
when ranges of days overlap, and ``--search`` is the search language (language.py) on the
store's full-text index.

The store selects by what it can index exactly (days, ids, kinds, full text) and narrows
by the folded words of places, actors, tags and topics; the predicates here then decide on
those values, and the order and limit are applied here.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple, TypeVar

from synews_cli.dates import DateFormatError, DayRange, UserDate, parse_user_date
from synews_cli.errors import UsageError
from synews_cli.model import Accounts, Claim, Event, chronological
from synews_cli.query.accounts import resolve_sources
from synews_cli.query.language import compile_search
from synews_cli.query.names import spellings, unknown_values
from synews_cli.query.people import SpeakerMatch, people_with_affiliation, resolve_speakers
from synews_cli.store.reader import Dataset
from synews_cli.store.where import ClaimFilter, EventFilter
from synews_cli.text import suggest_ids, value_matches, words

# --- Dates --------------------------------------------------------------------------------


class DateFilter(NamedTuple):
    """``--since``/``--until``/``--on``: the range of days an item must overlap, and the
    options as typed, for ``describe``."""

    window: DayRange | None = None  # None when no date was given
    given: tuple[str, ...] = ()  # ("--since 2024-12", ...)

    @classmethod
    def from_options(
        cls,
        *,
        since: UserDate | str | None = None,
        until: UserDate | str | None = None,
        on: UserDate | str | None = None,
        today: date | None = None,
    ) -> "DateFilter":
        """The window of the three options (dates, or text to parse as dates, relative ones
        from ``today``): --since takes a date's first day, --until its last, --on both. A
        bad date, an open side where a day is needed, or a combination that leaves no day
        is a UsageError."""
        parsed: dict[str, UserDate | None] = {}
        for name, value in (("since", since), ("until", until), ("on", on)):
            if not isinstance(value, str):
                parsed[name] = value
                continue
            try:
                parsed[name] = parse_user_date(value, today=today)
            except DateFormatError as error:
                raise UsageError(f"--{name}: {error}") from None
        if all(d is None for d in parsed.values()):
            return cls()
        since_, until_, on_ = parsed["since"], parsed["until"], parsed["on"]
        if since_ is not None and since_.start is None:
            raise open_side_error("--since", since_, "start", "--until")
        if until_ is not None and until_.end is None:
            raise open_side_error("--until", until_, "end", "--since")
        starts = [d.start for d in (since_, on_) if d is not None and d.start is not None]
        ends = [d.end for d in (until_, on_) if d is not None and d.end is not None]
        days = DayRange(max(starts) if starts else None, min(ends) if ends else None)
        if days.start is not None and days.end is not None and days.start > days.end:
            given = [f"--{n} {v.text!r}" for n, v in parsed.items() if v is not None]
            raise UsageError(
                f"{' and '.join(given)} leave no day to match: --since must not be later "
                "than --until, and --on must fall between them",
            )
        return cls(days, tuple(f"--{n} {v.text}" for n, v in parsed.items() if v is not None))

    @property
    def days(self) -> DayRange:
        return DayRange(None, None) if self.window is None else self.window

    @property
    def active(self) -> bool:
        return self.window is not None

    def describe(self) -> list[str]:
        return list(self.given)


def open_side_error(option: str, typed: UserDate, side: str, other: str) -> UsageError:
    """--since needs a first day and --until a last one; ``../2024-12`` has no first day."""
    return UsageError(
        f"{option} {typed.text!r} has an open {side}: there is no day to "
        + ("start from" if side == "start" else "end at"),
        hint=f"use {other} {typed.text!r} or --on {typed.text!r}",
    )


def described_rest(query: "EventQuery | ClaimQuery") -> list[str]:
    """The options events and statements share after their own filters, as typed."""
    parts = [f"--source {s!r}" for s in query.sources]
    if query.min_sources:
        parts.append(f"--min-sources {query.min_sources}")
    if query.search:
        parts.append(f"--search {query.search!r}")
    if query.reverse:
        parts.append("--reverse")
    if query.limit:
        parts.append(f"--limit {query.limit}")
    return parts


Found = TypeVar("Found", Event, Claim)


def enough_accounts(dataset: Dataset, found: list[Found], least: int | None) -> list[Found]:
    """The items reported by at least ``least`` independent accounts (copies of one wire
    story count once)."""
    if not least or least <= 1:
        return found
    accounts = Accounts(dataset.source_by_id)
    return [item for item in found if accounts.count(item) >= least]


def joined_words(values: Sequence[str]) -> tuple[str, ...]:
    """Each wanted phrase as its words run together: a run of a value's words is always a
    substring of the value's words run together (the store's match keys), so these narrow
    without ever leaving a match out."""
    return tuple("".join(words(value)) for value in values)


# --- Events -------------------------------------------------------------------------------


class EventQuery(NamedTuple):
    dates: DateFilter = DateFilter()
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # expected, cancelled, happened
    sources: tuple[str, ...] = ()  # source ids or outlets
    min_sources: int | None = None  # independent accounts
    search: str | None = None
    limit: int | None = None
    reverse: bool = False

    def describe(self) -> list[str]:
        """The applied filters, as a user would type them."""
        parts = self.dates.describe()
        parts += [f"--place {p!r}" for p in self.places]
        parts += [f"--actor {a!r}" for a in self.actors]
        parts += [f"--tag {t!r}" for t in self.tags]
        parts += [f"--status {s}" for s in self.statuses]
        return parts + described_rest(self)


event_order = chronological


def event_values_match(event: Event, query: EventQuery) -> bool:
    """Places, actors and tags: each option must match (AND), any of its values (OR)."""
    return not (
        (query.places and not value_matches(event.places, query.places))
        or (query.actors and not value_matches(event.actors, query.actors))
        or (query.tags and not value_matches(event.tags, query.tags))
    )


def every_spelling(dataset: Dataset, query: EventQuery) -> EventQuery:
    """The query with each place, actor and tag widened to every spelling of its name."""
    if not (query.places or query.actors or query.tags) or not dataset.names:
        return query
    return query._replace(
        places=spellings(dataset.names, "place", query.places),
        actors=spellings(dataset.names, "actor", query.actors),
        tags=spellings(dataset.names, "tag", query.tags),
    )


def select_events(dataset: Dataset, query: EventQuery) -> list[Event]:
    query = every_spelling(dataset, query)
    where = EventFilter(
        days=query.dates.window,
        places=joined_words(query.places),
        actors=joined_words(query.actors),
        tags=joined_words(query.tags),
        sources=resolve_sources(dataset, query.sources),
        match=compile_search(dataset, query.search) if query.search else None,
    )
    found = [event for event in dataset.events(where) if event_values_match(event, query)]
    if query.statuses:
        found = [e for e in found if (e.status or "happened") in query.statuses]
    found = enough_accounts(dataset, found, query.min_sources)
    found.sort(key=event_order, reverse=query.reverse)
    return found[: query.limit] if query.limit else found


# --- Claims -------------------------------------------------------------------------------


class ClaimQuery(NamedTuple):
    dates: DateFilter = DateFilter()
    speakers: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    min_sources: int | None = None
    search: str | None = None
    limit: int | None = None
    reverse: bool = False

    def describe(self) -> list[str]:
        parts = [f"--speaker {s!r}" for s in self.speakers]
        parts += [f"--affiliation {a!r}" for a in self.affiliations]
        parts += [f"--topic {t!r}" for t in self.topics]
        parts += [f"--about {a}" for a in self.about]
        parts += [f"--kind {k}" for k in self.kinds]
        parts += [f"--status {s}" for s in self.statuses]
        return parts + self.dates.describe() + described_rest(self)


claim_order = chronological


class ClaimSelection(NamedTuple):
    claims: list[Claim]
    speaker_matches: list[SpeakerMatch]


def check_events(dataset: Dataset, option: str, event_ids: Iterable[str]) -> None:
    """Every id must name an event; else a UsageError with the closest ids."""
    wanted = list(event_ids)
    known = dataset.events_by_id(wanted)
    for event_id in wanted:
        if event_id not in known:
            raise UsageError(
                f"{option} {event_id!r} is not an event id"
                f"{suggest_ids(dataset.event_ids(), event_id)}",
                hint="'synews timeline -f plain' lists event ids",
            )


def select_claims(dataset: Dataset, query: ClaimQuery) -> ClaimSelection:
    check_events(dataset, "--about", query.about)
    speaker_matches = resolve_speakers(dataset, query.speakers)
    speakers: set[str] | None = None
    if query.speakers:
        speakers = {p.id for m in speaker_matches for p in m.people}
    if query.affiliations:
        affiliated = people_with_affiliation(dataset, query.affiliations)
        speakers = affiliated if speakers is None else speakers & affiliated
    topics = spellings(dataset.names, "topic", query.topics)
    where = ClaimFilter(
        days=query.dates.window,
        speakers=None if speakers is None else frozenset(speakers),
        kinds=query.kinds,
        statuses=query.statuses,
        topics=joined_words(topics),
        about=query.about,
        sources=resolve_sources(dataset, query.sources),
        match=compile_search(dataset, query.search) if query.search else None,
    )
    found = [
        claim
        for claim in dataset.claims(where)
        if not topics or value_matches(claim.topics, topics)
    ]
    found = enough_accounts(dataset, found, query.min_sources)
    found.sort(key=claim_order, reverse=query.reverse)
    return ClaimSelection(found[: query.limit] if query.limit else found, speaker_matches)


def why_nothing(dataset: Dataset, query: EventQuery | ClaimQuery) -> list[str]:
    """For a query that found nothing: each place, actor, tag or topic it names that no
    item has, with the closest known spellings."""
    wanted = (
        {"place": query.places, "actor": query.actors, "tag": query.tags}
        if isinstance(query, EventQuery)
        else {"topic": query.topics}
    )
    return [
        note for kind, values in wanted.items() for note in unknown_values(dataset, kind, values)
    ]
