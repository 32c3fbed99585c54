"""``synews timeline --by year|month``: how many events and statements fall in each period.

Pure functions: a Dataset and an EventQuery in, a list of :class:`PeriodCount` out. The rules,
documented in the README:

- Events are those ``synews timeline`` would list with the same filters (before ``--limit``).
- Statements are those whose date matches the same date filter (``--since``/``--until``/
  ``--on``); when ``--place``, ``--actor``, ``--tag`` or ``--search`` narrow the events, only
  statements ``about`` one of the matching events are counted.
- An item counts once in every period its range of days overlaps, so an interval spanning
  three years adds one to each of the three.
- The chart runs from the earliest to the latest *known* day among the counted items (an
  open side of an interval is not known), cut to the date filter's range. An open side
  reaches to that edge and no further, so no period is ever unbounded; periods in between
  with nothing in them are kept, with zero counts.
- ``--reverse`` lists the newest period first; ``--limit N`` keeps the first N periods.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from synews_cli.dates import EdtfDate
from synews_cli.errors import UsageError
from synews_cli.model import Claim, Event
from synews_cli.query.filters import DateFilter, EventQuery, select_events
from synews_cli.store.reader import Dataset
from synews_cli.store.where import ClaimFilter

PERIOD_COLUMNS = ("period", "events", "statements")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A calendar year (``month`` is None) or a calendar month."""

    year: int
    month: int | None = None

    @property
    def label(self) -> str:
        """``2024`` or ``2024-12``: sortable, and what ``--since``/``--on`` accept."""
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Period:
        if self.month is None:
            return Period(self.year + 1)
        if self.month == 12:
            return Period(self.year + 1, 1)
        return Period(self.year, self.month + 1)


@dataclass(frozen=True, slots=True)
class PeriodCount:
    period: Period
    events: int = 0
    statements: int = 0


@dataclass(frozen=True, slots=True)
class Overview:
    """The counts, and what was counted (each item once, however many periods it spans)."""

    unit: str
    periods: tuple[PeriodCount, ...]
    events: tuple[Event, ...]
    statements: tuple[Claim, ...]


def period_of(day: date, unit: str) -> Period:
    return Period(day.year) if unit == "year" else Period(day.year, day.month)


def known_days(when: EdtfDate) -> list[date]:
    """The days a date pins down: both ends of a point or closed interval, one of an open one."""
    return [day for day in (when.start, when.end) if day is not None]


def bounds(dates: Iterable[EdtfDate], window: DateFilter | None = None) -> tuple[date, date] | None:
    """The first and last known day among ``dates``, cut to the filter's range; None when
    there is nothing to chart."""
    days = [day for when in dates for day in known_days(when)]
    if not days:
        return None
    low, high = min(days), max(days)
    if window is not None and window.active:
        limits = window.days
        if limits.start is not None:
            low = max(low, limits.start)
        if limits.end is not None:
            high = min(high, limits.end)
    return (low, high) if low <= high else None


MAX_PERIODS = 3_000  # rows of one chart: 250 years by month, 3,000 by year


def periods_between(low: date, high: date, unit: str) -> list[Period]:
    """Every period from the one holding ``low`` to the one holding ``high``, none skipped;
    more than MAX_PERIODS is a usage error (dates far apart, such as 0001 and 9999, would
    make a chart of thousands of empty rows)."""
    first, last = period_of(low, unit), period_of(high, unit)
    count = (
        last.year - first.year + 1
        if unit == "year"
        else ((last.year - first.year) * 12 + (last.month or 1) - (first.month or 1) + 1)
    )
    if count > MAX_PERIODS:
        raise UsageError(
            f"--by {unit} from {first.label} to {last.label} would draw {count:,} {unit}s; "
            f"synews draws at most {MAX_PERIODS:,}",
            hint="narrow it with --since and --until"
            + (", or count --by year" if unit == "month" else ""),
        )
    found = [first]
    while found[-1] < last:
        found.append(found[-1].next())
    return found


def count_periods(
    events: Sequence[Event],
    statements: Sequence[Claim],
    *,
    unit: str,
    window: DateFilter | None = None,
) -> list[PeriodCount]:
    """Count each item in every period its days overlap, within the bounded range."""
    span = bounds([*(e.date for e in events), *(c.date for c in statements)], window)
    if span is None:
        return []
    low, high = span
    periods = periods_between(low, high, unit)
    index = {period: position for position, period in enumerate(periods)}
    tallies = [[0, 0] for _ in periods]
    for column, dates in ((0, (e.date for e in events)), (1, (c.date for c in statements))):
        for when in dates:
            start = max(when.start or low, low)
            end = min(when.end or high, high)
            if start > end:
                continue  # outside the charted range (cut away by the date filter)
            for position in range(index[period_of(start, unit)], index[period_of(end, unit)] + 1):
                tallies[position][column] += 1
    return [
        PeriodCount(p, events=t[0], statements=t[1]) for p, t in zip(periods, tallies, strict=True)
    ]


def statements_for(dataset: Dataset, query: EventQuery, events: Sequence[Event]) -> list[Claim]:
    """The statements the overview counts beside ``events`` (see the module docstring)."""
    narrowed = bool(query.places or query.actors or query.tags or query.search)
    wanted = {event.id for event in events}
    return [
        claim
        for claim in dataset.claims(ClaimFilter(days=query.dates.window))
        if not narrowed or wanted.intersection(claim.about)
    ]


def build_overview(dataset: Dataset, query: EventQuery, *, unit: str) -> Overview:
    """Select with the timeline's filters, count per period, then apply --reverse and --limit
    to the periods."""
    events = select_events(dataset, query._replace(limit=None, reverse=False))
    statements = statements_for(dataset, query, events)
    periods = count_periods(events, statements, unit=unit, window=query.dates)
    if query.reverse:
        periods.reverse()
    if query.limit:
        periods = periods[: query.limit]
    return Overview(unit, tuple(periods), tuple(events), tuple(statements))
