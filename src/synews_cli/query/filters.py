"""Selecting events and statements: a query record + a Dataset -> ordered records.

One matching vocabulary serves every command (``text.py``): text is folded (case and accents
removed) before comparison, names and list values match on whole runs of words, and dates
match when ranges of days overlap.

One query path, whatever holds the data: the predicates here decide on *candidates*. An
in-memory Dataset's candidates are all its items; a dataset read from the index has
``narrow_events``/``narrow_claims``, which return a SUPERSET of the matches from the hints
given here (day range, speaker ids, folded words), and the same predicates, order and limit
then decide. A hint may only ever widen, never decide.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from synews_cli.dates import DateFormatError, DayRange, EdtfDate, UserDate, parse_user_date
from synews_cli.errors import UsageError
from synews_cli.model import CLAIM_KINDS, CLAIM_STATUSES, Claim, Dataset, Event
from synews_cli.query.people import (
    SpeakerMatch,
    _check_limit,
    _narrower,
    _search_in,
    person_names,
    resolve_speakers,
)
from synews_cli.text import fold, suggest_ids, value_matches, words

# --- Dates --------------------------------------------------------------------------------


class DateFilter(NamedTuple):
    """``--since``/``--until``/``--on``: the range of days an item must overlap, worked
    out once by ``from_options`` (``matches`` runs for every candidate item), and the
    options as typed, for ``describe``. The query records here are NamedTuples for
    start-up (see model.py)."""

    window: DayRange | None = None  # None when no date was given
    given: tuple[str, ...] = ()  # ("--since 2024-12", ...)

    @classmethod
    def from_options(
        cls, *, since: str | None = None, until: str | None = None, on: str | None = None
    ) -> "DateFilter":
        """Parse the three options; a bad value or an empty combination is a UsageError."""
        parsed: dict[str, UserDate | None] = {}
        for name, value in (("since", since), ("until", until), ("on", on)):
            if value is None:
                parsed[name] = None
                continue
            try:
                parsed[name] = parse_user_date(value)
            except DateFormatError as error:
                raise UsageError(f"--{name}: {error}") from None
        if all(d is None for d in parsed.values()):
            return cls()
        starts = [d.point.first_day for d in (parsed["since"], parsed["on"]) if d is not None]
        ends = [d.point.last_day for d in (parsed["until"], parsed["on"]) if d is not None]
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

    def matches(self, when: EdtfDate) -> bool:
        """``when.days.overlaps(self.window)``, without making a DayRange per item."""
        window = self.window
        if window is None:
            return True
        if when.end is not None and window.start is not None and when.end < window.start:
            return False
        return not (when.start is not None and window.end is not None and window.end < when.start)

    def describe(self) -> list[str]:
        return list(self.given)


# --- Events -------------------------------------------------------------------------------


class EventQuery(NamedTuple):
    dates: DateFilter = DateFilter()
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    search: str | None = None
    limit: int | None = None
    reverse: bool = False

    def describe(self) -> list[str]:
        """The applied filters, as a user would type them."""
        parts = self.dates.describe()
        parts += [f"--place {p!r}" for p in self.places]
        parts += [f"--actor {a!r}" for a in self.actors]
        parts += [f"--tag {t!r}" for t in self.tags]
        if self.search:
            parts.append(f"--search {self.search!r}")
        if self.reverse:
            parts.append("--reverse")
        if self.limit:
            parts.append(f"--limit {self.limit}")
        return parts


def event_order(event: Event) -> tuple[date, date, str]:
    start, end = event.date.sort_key()
    return (start, end, event.id)


def event_matches(event: Event, query: EventQuery) -> bool:
    """Every option must match (AND); the values of one option are alternatives (OR)."""
    if not query.dates.matches(event.date):
        return False
    if query.places and not value_matches(event.places, query.places):
        return False
    if query.actors and not value_matches(event.actors, query.actors):
        return False
    if query.tags and not value_matches(event.tags, query.tags):
        return False
    return not query.search or _search_in(
        query.search, (event.title, event.summary, *event.places, *event.actors, *event.tags)
    )


def _joined_words(values: Sequence[str]) -> tuple[str, ...]:
    """Each wanted phrase as its words run together: a ``contains_run`` match is always a
    substring of the value's words run together, so these can only widen a pre-filter."""
    return tuple("".join(words(value)) for value in values)


def event_candidates(dataset: Dataset, query: EventQuery) -> Iterable[Event]:
    """All events, or, from an index, a superset of those that match ``query``."""
    narrow = _narrower(dataset, "narrow_events")
    if narrow is None:
        return dataset.events
    found: Iterable[Event] = narrow(
        days=query.dates.days if query.dates.active else None,
        search=fold(query.search) if query.search else None,
        places=_joined_words(query.places),
        actors=_joined_words(query.actors),
        tags=_joined_words(query.tags),
    )
    return found


def select_events(dataset: Dataset, query: EventQuery) -> list[Event]:
    _check_limit(query.limit)
    found = sorted(
        (e for e in event_candidates(dataset, query) if event_matches(e, query)),
        key=event_order,
        reverse=query.reverse,
    )
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
        parts += self.dates.describe()
        if self.search:
            parts.append(f"--search {self.search!r}")
        if self.reverse:
            parts.append("--reverse")
        if self.limit:
            parts.append(f"--limit {self.limit}")
        return parts


def _check_choices(option: str, values: Sequence[str], choices: Sequence[str]) -> None:
    for value in values:
        if value not in choices:
            import difflib

            close = difflib.get_close_matches(value, choices, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise UsageError(
                f"{option} {value!r} is not one of {', '.join(choices)}{hint}",
            )


def claim_order(claim: Claim) -> tuple[date, date, str]:
    start, end = claim.date.sort_key()
    return (start, end, claim.id)


class ClaimSelection(NamedTuple):
    claims: list[Claim]
    speaker_matches: list[SpeakerMatch]


def select_claims(dataset: Dataset, query: ClaimQuery) -> ClaimSelection:
    _check_limit(query.limit)
    _check_choices("--kind", query.kinds, CLAIM_KINDS)
    _check_choices("--status", query.statuses, CLAIM_STATUSES)
    for event_id in query.about:
        if event_id not in dataset.event_by_id:
            raise UsageError(
                f"--about {event_id!r} is not an event id"
                f"{suggest_ids(dataset.event_by_id, event_id)}",
                hint="'synews timeline -f plain' lists event ids",
            )
    speaker_matches = resolve_speakers(dataset, query.speakers)
    speaker_ids = {p.id for m in speaker_matches for p in m.people}
    folded_affiliations = [fold(a) for a in query.affiliations]
    candidates = _claim_candidates(dataset, query, speaker_ids, folded_affiliations)

    def matches(claim: Claim) -> bool:
        if not query.dates.matches(claim.date):
            return False
        speaker = dataset.person_by_id[claim.speaker]
        if query.speakers and claim.speaker not in speaker_ids:
            return False
        if folded_affiliations and not any(
            a in fold(speaker.affiliation or "") for a in folded_affiliations
        ):
            return False
        if query.topics and not value_matches(claim.topics, query.topics):
            return False
        if query.about and not set(query.about) & set(claim.about):
            return False
        if query.kinds and claim.kind not in query.kinds:
            return False
        if query.statuses and claim.status not in query.statuses:
            return False
        return not query.search or _search_in(
            query.search, (claim.text, claim.context or "", *person_names(speaker))
        )

    found = sorted(filter(matches, candidates), key=claim_order, reverse=query.reverse)
    return ClaimSelection(found[: query.limit] if query.limit else found, speaker_matches)


def _claim_candidates(
    dataset: Dataset,
    query: ClaimQuery,
    speaker_ids: set[str],
    folded_affiliations: Sequence[str],
) -> Iterable[Claim]:
    """All statements, or, from an index, a superset of those that match ``query``."""
    narrow = _narrower(dataset, "narrow_claims")
    if narrow is None:
        return dataset.claims
    allowed: set[str] | None = set(speaker_ids) if query.speakers else None
    if folded_affiliations:
        affiliated = {
            p.id
            for p in dataset.people
            if any(a in fold(p.affiliation or "") for a in folded_affiliations)
        }
        allowed = affiliated if allowed is None else allowed & affiliated
    search_speakers: set[str] = set()
    if query.search:
        search_speakers = {
            p.id for p in dataset.people if _search_in(query.search, person_names(p))
        }
    found: Iterable[Claim] = narrow(
        days=query.dates.days if query.dates.active else None,
        speakers=allowed,
        kinds=query.kinds,
        statuses=query.statuses,
        topics=_joined_words(query.topics),
        about=query.about,
        search=fold(query.search) if query.search else None,
        search_speakers=search_speakers,
    )
    return found
