"""Every date rule of synews: the EDTF subset used in the data, and the dates users type.

Dataset dates are a documented subset of EDTF (ISO 8601-2): ``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``, each with an optional trailing ``~`` (approximate), ``?`` (uncertain) or
``%`` (both), and intervals ``A/B`` with open ends ``../B`` and ``A/..``. Every date covers
a range of days, first and last inclusive (``None`` on an open side), which is what
filtering and ordering use; its precision is kept for display.

User input (``--since`` and friends) keeps the precision the user typed: ``2024-12``
means the whole of December 2024.
"""

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

EN_DASH = "\u2013"
OPEN = ".."

# re.ASCII: only 0-9 are digits here (\d would also accept Arabic-Indic and other digits).
_POINT_RE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[~?%])?", re.ASCII
)

USER_DATE_EXAMPLES = (
    "2024, 2024-12, 2024-12-08, Dec 2024, 8 Dec 2024, 'December 8, 2024', 2024/12/08"
)


class DateFormatError(ValueError):
    """A date string that is not in the accepted form; the message says why."""


# The value types here are NamedTuples, not dataclasses: immutable, compared and hashed by
# value, and about seven times cheaper to define. On Python 3.11 each frozen dataclass costs
# ~0.5 ms at import, which start-up (README, "Performance") cannot afford.


class DayRange(NamedTuple):
    """An inclusive range of days; ``None`` is an open side. Ordered by start, then end."""

    start: date | None
    end: date | None


class Point(NamedTuple):
    """One calendar point at year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, monthrange(self.year, self.month)[1])
        return date(self.year, self.month, self.day)

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def qualifier(self) -> str:
        if self.approximate and self.uncertain:
            return "%"
        if self.approximate:
            return "~"
        return "?" if self.uncertain else ""

    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text + self.qualifier

    def display(self) -> str:
        """``8 Dec 2024``, ``Dec 2024``, ``2018``; ``~`` before when approximate, ``?`` after
        when uncertain."""
        if self.month is None:
            text = str(self.year)
        elif self.day is None:
            text = f"{MONTH_ABBR[self.month - 1]} {self.year}"
        else:
            text = f"{self.day} {MONTH_ABBR[self.month - 1]} {self.year}"
        if self.approximate:
            text = "~" + text
        if self.uncertain:
            text += "?"
        return text

    def prose(self) -> str:
        """``c. March 2025``, ``8 December 2024``, ``2018 (uncertain)``: for readers, not tables."""
        text = self.long_display()
        if self.approximate:
            text = "c. " + text
        if self.uncertain:
            text += " (uncertain)"
        return text

    def long_display(self) -> str:
        """``March 2025``, ``8 December 2024``: for prose such as TimelineJS' display dates."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        return f"{month} {self.year}" if self.day is None else f"{self.day} {month} {self.year}"


class EdtfDate(NamedTuple):
    """A dataset date: one point, or an interval whose sides may be open (``None``).

    Made by ``EdtfDate.of`` (or ``parse_edtf``), which works out ``start`` and ``end`` once:
    every filter and sort reads them, for every item."""

    text: str
    lower: Point | None
    upper: Point | None
    is_interval: bool
    start: date | None  # the first day, None when open
    end: date | None  # the last day, None when open

    @classmethod
    def of(
        cls, text: str, lower: Point | None, upper: Point | None, is_interval: bool = False
    ) -> "EdtfDate":
        return cls(
            text,
            lower,
            upper,
            is_interval,
            None if lower is None else lower.first_day,
            None if upper is None else upper.last_day,
        )

    @property
    def days(self) -> DayRange:
        return DayRange(self.start, self.end)

    @property
    def approximate(self) -> bool:
        return any(p is not None and p.approximate for p in (self.lower, self.upper))

    @property
    def uncertain(self) -> bool:
        return any(p is not None and p.uncertain for p in (self.lower, self.upper))

    def sort_key(self) -> tuple[date, date]:
        """First day, then last day; an open start sorts first, an open end last."""
        return (self.start or date.min, self.end or date.max)

    def display(self) -> str:
        """``8 Dec 2024``, ``~Oct 2025``, ``Sep 2015 – Dec 2024``, ``Dec 2024 – ``."""
        if not self.is_interval:
            assert self.lower is not None
            return self.lower.display()
        left = "" if self.lower is None else self.lower.display()
        right = "" if self.upper is None else self.upper.display()
        if not left:
            return f"{EN_DASH} {right}"
        return f"{left} {EN_DASH} {right}"

    def prose(self, point: Callable[[Point], str] = Point.prose) -> str:
        """The date as a reader would write it: ``c. March 2025``, ``from December 2024``,
        ``until 2018``, ``September 2015 – December 2024``. ``point`` words (or marks up)
        each end, so HTML can wrap them in ``<time>`` with the same wording."""
        if not self.is_interval:
            assert self.lower is not None
            return point(self.lower)
        if self.lower is None:
            assert self.upper is not None
            return "until " + point(self.upper)
        if self.upper is None:
            return "from " + point(self.lower)
        return f"{point(self.lower)} {EN_DASH} {point(self.upper)}"

    def __str__(self) -> str:
        return self.text


def _parse_point(text: str) -> Point:
    match = _POINT_RE.fullmatch(text)
    if match is None:
        raise DateFormatError(
            f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally followed by ~ (approximate) or ? (uncertain)"
        )
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if year == 0:
        raise DateFormatError(f"{text!r}: year 0000 does not exist")
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(f"{text!r}: month {month:02d} does not exist")
    if month is not None and day is not None:
        last = monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateFormatError(
                f"{text!r}: day {day:02d} does not exist in {MONTH_NAMES[month - 1]} {year}"
            )
    qualifier = match["q"]
    return Point(
        year,
        month,
        day,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def parse_edtf(text: str) -> EdtfDate:
    """Parse a dataset date. Raises DateFormatError with a reason a person can act on."""
    if not isinstance(text, str):
        raise DateFormatError(f'expected a date string such as "2024-12", not {text!r}')
    if not text.strip():
        raise DateFormatError(f'{text!r} is empty: write a date such as "2024-12"')
    if text.strip() != text:
        raise DateFormatError(f"{text!r} is not a date: remove the surrounding spaces")
    if "/" not in text:
        point = _parse_point(text)
        return EdtfDate.of(text, point, point)
    if text.count("/") > 1:
        raise DateFormatError(f"{text!r}: an interval has exactly one '/'")
    left, right = text.split("/")
    if left == OPEN and right == OPEN:
        raise DateFormatError(f"{text!r}: an interval needs at least one known end")
    lower = None if left == OPEN else _parse_point(left)
    upper = None if right == OPEN else _parse_point(right)
    if lower is not None and upper is not None and upper.last_day < lower.first_day:
        raise DateFormatError(f"{text!r}: the interval ends before it starts")
    return EdtfDate.of(text, lower, upper, is_interval=True)


# --- Dates typed by users -------------------------------------------------------------

_ISO_USER_RE = re.compile(
    r"(?P<year>\d{4})(?:[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?)?", re.ASCII
)
_NUMERIC_ONLY_RE = re.compile(r"[\d\s./-]+", re.ASCII)
_YEARS_RE = re.compile(r"-?\d+", re.ASCII)  # one number: a year of the wrong size, or negative
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")


class UserDate(NamedTuple):
    """A date a user typed, at the precision they typed it."""

    text: str
    point: Point

    @property
    def days(self) -> DayRange:
        return DayRange(self.point.first_day, self.point.last_day)


def _user_error(text: str, reason: str) -> DateFormatError:
    return DateFormatError(f"{text!r} {reason}; accepted forms: {USER_DATE_EXAMPLES}")


def parse_user_date(text: str) -> UserDate:
    """Parse a date typed on the command line, keeping its precision.

    ISO forms are parsed here; month-name forms (``Dec 2024``, ``December 8, 2024``) go
    through python-dateutil, imported only then. All-numeric forms that do not start
    with the year (``08/12/2024``) are refused: day-month and month-day orders disagree.
    """
    raw = text
    text = text.strip()
    if not text:
        raise _user_error(raw, "is empty")
    iso = _ISO_USER_RE.fullmatch(text)
    if iso is not None:
        if "-" in text and "/" in text:
            raise _user_error(raw, "mixes '-' and '/'")
        parts = [iso["year"], iso["month"], iso["day"]]
        canonical = "-".join(f"{int(p):02d}" if i else p for i, p in enumerate(parts) if p)
        try:
            return UserDate(raw, _parse_point(canonical))
        except DateFormatError as error:
            raise _user_error(raw, f"is not a real date ({error})") from None
    if _YEARS_RE.fullmatch(text):
        raise _user_error(raw, "is not a year synews knows: years are 0001 to 9999, in four digits")
    if _NUMERIC_ONLY_RE.fullmatch(text):
        raise DateFormatError(
            f"{raw!r} is ambiguous (day/month or month/day?): write it as ISO, "
            f"year first, such as 2024-12-08; accepted forms: {USER_DATE_EXAMPLES}"
        )
    if _TIME_RE.search(text):
        raise _user_error(raw, "has a time of day; give a date only")
    return UserDate(raw, _parse_with_dateutil(raw, text))


def _parse_with_dateutil(raw: str, text: str) -> Point:
    """Parse a month-name date and find which fields the user gave.

    Parsing twice with two different defaults shows which fields came from the text:
    those are the ones that agree.
    """
    import warnings
    from datetime import datetime

    from dateutil import parser

    default_a = datetime(2000, 1, 1)
    default_b = datetime(2004, 2, 2)
    # dateutil reads a stray word as a time-zone name and says so with a warning, which
    # would reach the user's terminal as a line of Python; a time zone is no date either.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            a = parser.parse(text, default=default_a)
            b = parser.parse(text, default=default_b)
        except (ValueError, OverflowError, TypeError, LookupError):
            raise _user_error(raw, "is not a date synews understands") from None
    if caught or a.tzinfo is not None:
        raise _user_error(raw, "has a time zone or a word that is not part of a date")
    if not any(ch.isalpha() for ch in text):
        raise _user_error(raw, "is not a date synews understands")
    has_year = a.year == b.year
    has_month = a.month == b.month
    has_day = a.day == b.day
    if not has_year:
        raise _user_error(raw, "has no year")
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text, re.ASCII):
        # dateutil would guess the century of "Dec 99"; guessing is what synews refuses.
        raise _user_error(raw, "needs the year in four digits")
    if has_day and not has_month:
        raise _user_error(raw, "has a day but no month")
    if a.year < 1:
        raise _user_error(raw, "is out of range")
    return Point(a.year, a.month if has_month else None, a.day if has_day else None)
