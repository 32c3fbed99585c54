"""Every date rule of synews: the EDTF subset used in the data, and the dates users type.

Dataset dates are a documented subset of EDTF (ISO 8601-2): ``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``, each with an optional trailing ``~`` (approximate), ``?`` (uncertain) or
``%`` (both), and intervals ``A/B`` with open ends ``../B`` and ``A/..`` and unknown ends
``/B`` and ``A/``. Every date covers a range of days, first and last inclusive (``None`` on
an open side), which is what filtering and ordering use; its precision is kept for display.

An open side reaches forever (``../2024-12``: since always, up to December 2024); an
unknown side is a day nobody recorded (``/2024-12``: from some time, up to December 2024).
An unknown side cannot be matched, so the date covers the days of its known side only.

User input (``--since`` and friends) keeps the precision the user typed: ``2024-12``
means the whole of December 2024, ``last month`` the whole of last month. Dates relative to
today are worked out from a ``today`` the caller passes in; nothing here reads the clock.
"""

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta
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
    "2024, 2024-12, 2024-12-08, Dec 2024, 8 Dec 2024, 'December 8, 2024', 2024/12/08, "
    "2025-10~, today, yesterday, 'last week', 'this month', '2 months ago', "
    "2024-10/2025-03, 2024-12/.., ../2024-12"
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
    """A dataset date: one point, or an interval whose sides may be open or unknown (the
    side's point is ``None`` either way; ``start_unknown``/``end_unknown`` tell them apart).

    Made by ``EdtfDate.of`` (or ``parse_edtf``), which works out ``start`` and ``end`` once:
    every filter and sort reads them, for every item. An unknown side takes the days of the
    known one (``/2024-12`` covers December 2024), so it is matched and drawn only where
    something is known."""

    text: str
    lower: Point | None
    upper: Point | None
    is_interval: bool
    start: date | None  # the first day, None when open
    end: date | None  # the last day, None when open
    start_unknown: bool = False  # "/B": the start is not known (not open)
    end_unknown: bool = False  # "A/": the end is not known (not open)

    @classmethod
    def of(
        cls,
        text: str,
        lower: Point | None,
        upper: Point | None,
        is_interval: bool = False,
        *,
        start_unknown: bool = False,
        end_unknown: bool = False,
    ) -> "EdtfDate":
        first = lower or (upper if start_unknown else None)
        last = upper or (lower if end_unknown else None)
        return cls(
            text,
            lower,
            upper,
            is_interval,
            None if first is None else first.first_day,
            None if last is None else last.last_day,
            start_unknown,
            end_unknown,
        )

    @property
    def open_start(self) -> bool:
        """``../B``: reaches back forever (an unknown start does not)."""
        return self.lower is None and not self.start_unknown

    @property
    def open_end(self) -> bool:
        """``A/..``: reaches on forever (an unknown end does not)."""
        return self.upper is None and not self.end_unknown

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
        """``8 Dec 2024``, ``~Oct 2025``, ``Sep 2015 – Dec 2024``, ``Dec 2024 – `` (open end),
        ``? – Dec 2024`` (unknown start)."""
        if not self.is_interval:
            assert self.lower is not None
            return self.lower.display()
        left = "?" if self.start_unknown else "" if self.lower is None else self.lower.display()
        right = "?" if self.end_unknown else "" if self.upper is None else self.upper.display()
        if not left:
            return f"{EN_DASH} {right}"
        return f"{left} {EN_DASH} {right}"

    def prose(self, point: Callable[[Point], str] = Point.prose) -> str:
        """The date as a reader would write it: ``c. March 2025``, ``from December 2024``,
        ``until 2018``, ``until 2018 (start unknown)``, ``September 2015 – December 2024``.
        ``point`` words (or marks up) each end, so HTML can wrap them in ``<time>`` with the
        same wording."""
        if not self.is_interval:
            assert self.lower is not None
            return point(self.lower)
        if self.lower is None:
            assert self.upper is not None
            return "until " + point(self.upper) + (" (start unknown)" if self.start_unknown else "")
        if self.upper is None:
            return "from " + point(self.lower) + (" (end unknown)" if self.end_unknown else "")
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
    if left in (OPEN, "") and right in (OPEN, ""):
        raise DateFormatError(
            f"{text!r}: an interval needs at least one known end "
            "(.. is an open end, an empty side an unknown one)"
        )
    lower = None if left in (OPEN, "") else _parse_point(left)
    upper = None if right in (OPEN, "") else _parse_point(right)
    if lower is not None and upper is not None and upper.last_day < lower.first_day:
        raise DateFormatError(f"{text!r}: the interval ends before it starts")
    return EdtfDate.of(
        text, lower, upper, is_interval=True, start_unknown=left == "", end_unknown=right == ""
    )


# --- Dates typed by users -------------------------------------------------------------

_ISO_USER_RE = re.compile(
    r"(?P<year>\d{4})(?:[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?)?(?P<q>[~?%])?",
    re.ASCII,
)
# Digits and separators only (at least one digit: punctuation alone has no order to doubt).
_NUMERIC_ONLY_RE = re.compile(r"(?=.*\d)[\d\s./-]+", re.ASCII | re.DOTALL)
_YEARS_RE = re.compile(r"-?\d+", re.ASCII)  # one number: a year of the wrong size, or negative
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")
# Relative to today; matched on the casefolded text with its spaces collapsed.
_RELATIVE_RE = re.compile(
    r"(?P<word>today|now|yesterday|tomorrow)"
    r"|(?P<which>last|this|next) (?P<unit>week|month|year)"
    r"|(?P<count>\d+|an?|one) (?P<units>day|week|month|year)s? ago",
    re.ASCII,
)
_WORD_OFFSETS = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
_WHICH_OFFSETS = {"last": -1, "this": 0, "next": 1}


class UserDate(NamedTuple):
    """A date a user typed: the days it covers (``None`` on an open side of an interval),
    and the calendar point when it is one (a week or an interval is not)."""

    text: str
    start: date | None
    end: date | None
    point: Point | None = None

    @property
    def days(self) -> DayRange:
        return DayRange(self.start, self.end)


def _user_error(text: str, reason: str) -> DateFormatError:
    return DateFormatError(f"{text!r} {reason}; accepted forms: {USER_DATE_EXAMPLES}")


def _ambiguous(text: str) -> DateFormatError:
    """All digits, not year first: ``08/12/2024`` is a day either way round."""
    return DateFormatError(
        f"{text!r} is ambiguous (day/month or month/day?): write it as ISO, "
        f"year first, such as 2024-12-08; accepted forms: {USER_DATE_EXAMPLES}"
    )


def _of_point(text: str, point: Point) -> UserDate:
    return UserDate(text, point.first_day, point.last_day, point)


def parse_user_date(text: str, *, today: date | None = None) -> UserDate:
    """Parse a date typed on the command line, keeping its precision.

    A point (ISO, month names, or relative to ``today``: ``last month`` is that whole
    month, ``last week`` the Monday to Sunday before this week's), or an interval of two
    such points, either side of which may be open (``..``): ``2024-10/2025-03``,
    ``2024-12/..``. Relative forms need ``today``, which the caller reads from its clock.
    """
    raw = text
    text = text.strip()
    if "/" in text and _ISO_USER_RE.fullmatch(text) is None:
        return _parse_user_interval(raw, text, today)
    return _parse_user_point(raw, text, today)


def counts_from_today(text: str) -> bool:
    """Whether ``text`` (a point, or either side of an interval) is a date relative to today
    (``yesterday``, ``last month``, ``3 days ago``): only then need the caller read its clock
    (or a day fixed for tests), so that a bad one never matters to ``2024``."""
    return any(
        _RELATIVE_RE.fullmatch(" ".join(side.casefold().split())) for side in text.split("/")
    )


def _parse_user_interval(raw: str, text: str, today: date | None) -> UserDate:
    """``A/B``, ``A/..``, ``../B``: --since takes the start, --until the end, --on both."""
    if text.count("/") > 1:
        if _NUMERIC_ONLY_RE.fullmatch(text):
            raise _ambiguous(raw)
        raise _user_error(raw, "is not a date or an interval: an interval has one '/'")
    halves = [part.strip() for part in text.split("/")]
    if _NUMERIC_ONLY_RE.fullmatch(text) and not all(
        h in (OPEN, "") or re.match(r"\d{4}(?!\d)", h, re.ASCII) for h in halves
    ):
        raise _ambiguous(raw)
    sides: list[UserDate | None] = []
    for side in halves:
        if not side:
            raise _user_error(
                raw, "has an empty side: write .. for an open one, such as ../2024-12"
            )
        try:
            sides.append(None if side == OPEN else _parse_user_point(side, side, today))
        except DateFormatError as error:
            raise DateFormatError(f"{raw!r} is not an interval of two dates: {error}") from None
    lower, upper = sides
    if lower is None and upper is None:
        raise _user_error(raw, "needs at least one side that is not ..")
    start = None if lower is None else lower.start
    end = None if upper is None else upper.end
    if start is not None and end is not None and end < start:
        raise _user_error(raw, "ends before it starts")
    return UserDate(raw, start, end)


def _parse_user_point(raw: str, text: str, today: date | None) -> UserDate:
    if not text:
        raise _user_error(raw, "is empty")
    if text == OPEN:
        raise _user_error(raw, "is an open end alone: put a date on its other side")
    iso = _ISO_USER_RE.fullmatch(text)
    if iso is not None:
        if "-" in text and "/" in text:
            raise _user_error(raw, "mixes '-' and '/'")
        parts = [iso["year"], iso["month"], iso["day"]]
        canonical = "-".join(f"{int(p):02d}" if i else p for i, p in enumerate(parts) if p)
        try:
            return _of_point(raw, _parse_point(canonical + (iso["q"] or "")))
        except DateFormatError as error:
            raise _user_error(raw, f"is not a real date ({error})") from None
    relative = _RELATIVE_RE.fullmatch(" ".join(text.casefold().split()))
    if relative is not None:
        if today is None:
            raise _user_error(raw, "is relative to today, and no today was given")
        try:
            return _relative_date(raw, relative, today)
        except (ValueError, OverflowError):
            raise _user_error(raw, "is out of range: years are 0001 to 9999") from None
    if _YEARS_RE.fullmatch(text):
        raise _user_error(raw, "is not a year synews knows: years are 0001 to 9999, in four digits")
    if _NUMERIC_ONLY_RE.fullmatch(text):
        raise _ambiguous(raw)
    if _TIME_RE.search(text):
        raise _user_error(raw, "has a time of day; give a date only")
    return _of_point(raw, _parse_with_dateutil(raw, text))


def _relative_date(raw: str, match: re.Match[str], today: date) -> UserDate:
    """The day, ISO week (Monday to Sunday), month or year ``match`` names, from ``today``.
    Raises ValueError or OverflowError when that falls outside years 1 to 9999."""
    if match["word"]:
        return _of_point(raw, _day_point(today + timedelta(days=_WORD_OFFSETS[match["word"]])))
    if match["which"]:
        unit, offset = match["unit"], _WHICH_OFFSETS[match["which"]]
    else:
        unit, count = match["units"], match["count"]
        offset = -(1 if count in ("a", "an", "one") else int(count))
    if unit == "day":
        return _of_point(raw, _day_point(today - timedelta(days=-offset)))
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) - timedelta(weeks=-offset)
        return UserDate(raw, monday, monday + timedelta(days=6))
    if unit == "month":
        months = today.year * 12 + today.month - 1 + offset
        return _of_point(raw, _checked(Point(months // 12, months % 12 + 1)))
    return _of_point(raw, _checked(Point(today.year + offset)))


def _day_point(day: date) -> Point:
    return Point(day.year, day.month, day.day)


def _checked(point: Point) -> Point:
    if not 1 <= point.year <= 9999:
        raise ValueError(f"year {point.year} is out of range")
    return point


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
