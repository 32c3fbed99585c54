"""dates.py: the EDTF subset of the data files and the dates users type."""

from __future__ import annotations

import contextlib
import warnings
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synews_cli.dates import (
    DateFormatError,
    DayRange,
    EdtfDate,
    Point,
    parse_edtf,
    parse_user_date,
)

# --- Parsing every EDTF form ---------------------------------------------------------------

EDTF_CASES = [
    # text, start, end, display, is_interval
    ("2018", date(2018, 1, 1), date(2018, 12, 31), "2018", False),
    ("2024-12", date(2024, 12, 1), date(2024, 12, 31), "Dec 2024", False),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "Feb 2024", False),
    ("2024-12-08", date(2024, 12, 8), date(2024, 12, 8), "8 Dec 2024", False),
    ("2025-10~", date(2025, 10, 1), date(2025, 10, 31), "~Oct 2025", False),
    ("2025-03?", date(2025, 3, 1), date(2025, 3, 31), "Mar 2025?", False),
    ("2025-03%", date(2025, 3, 1), date(2025, 3, 31), "~Mar 2025?", False),
    ("2015-09/2024-12", date(2015, 9, 1), date(2024, 12, 31), "Sep 2015 \u2013 Dec 2024", True),
    ("2024-12/..", date(2024, 12, 1), None, "Dec 2024 \u2013 ", True),
    ("../2018", None, date(2018, 12, 31), "\u2013 2018", True),
    (
        "2024-12-08/2024-12-08",
        date(2024, 12, 8),
        date(2024, 12, 8),
        "8 Dec 2024 \u2013 8 Dec 2024",
        True,
    ),
]


@pytest.mark.parametrize(("text", "start", "end", "shown", "interval"), EDTF_CASES)
def test_every_edtf_form_parses_to_its_days_and_display(
    text: str, start: date | None, end: date | None, shown: str, interval: bool
) -> None:
    """Each documented EDTF form covers its first and last day and displays as documented."""
    parsed = parse_edtf(text)
    assert (parsed.start, parsed.end) == (start, end)
    assert parsed.display() == shown
    assert parsed.is_interval is interval
    assert parsed.text == text


def test_precision_is_kept_per_side() -> None:
    """An interval keeps each side's own precision and qualifier."""
    parsed = parse_edtf("2015~/2024-12-08?")
    assert parsed.lower is not None and parsed.upper is not None
    assert (parsed.lower.precision, parsed.upper.precision) == ("year", "day")
    assert parsed.lower.approximate and not parsed.lower.uncertain
    assert parsed.upper.uncertain and not parsed.upper.approximate
    assert parsed.approximate and parsed.uncertain


def test_qualifiers_set_approximate_and_uncertain() -> None:
    """~ is approximate, ? is uncertain, % is both, and no mark is neither."""
    flags = {
        text: (parse_edtf(text).approximate, parse_edtf(text).uncertain)
        for text in ("2025", "2025~", "2025?", "2025%")
    }
    assert flags == {
        "2025": (False, False),
        "2025~": (True, False),
        "2025?": (False, True),
        "2025%": (True, True),
    }


def test_long_display_spells_out_the_month() -> None:
    """long_display writes the month in full at the point's precision."""
    assert parse_edtf("2024-12-08").lower.long_display() == "8 December 2024"  # type: ignore[union-attr]
    assert parse_edtf("2025-03").lower.long_display() == "March 2025"  # type: ignore[union-attr]
    assert parse_edtf("2018").lower.long_display() == "2018"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "day 30 does not exist"),
        ("2023-02-29", "day 29 does not exist"),
        ("2024-13", "month 13 does not exist"),
        ("2024-00", "month 00 does not exist"),
        ("0000", "year 0000"),
        ("2024-12/2015-09", "ends before it starts"),
        ("2024-12-09/2024-12-08", "ends before it starts"),
        ("../..", "at least one known end"),
        ("2024/2025/2026", "exactly one '/'"),
        ("", "is empty"),
        (" 2024", "surrounding spaces"),
        ("2024 ", "surrounding spaces"),
        ("24", "not a date"),
        ("2024-1", "not a date"),
        ("2024-12-8", "not a date"),
        ("Dec 2024", "not a date"),
        ("2024-12~?", "not a date"),
        ("2024-12-08T10:00", "not a date"),
        ("garbage", "not a date"),
        ("\u0662\u0660\u0662\u0664", "not a date"),  # Arabic-Indic digits
    ],
)
def test_edtf_refuses_malformed_and_impossible_dates(text: str, reason: str) -> None:
    """Impossible, malformed and backwards dates are refused with a reason."""
    with pytest.raises(DateFormatError, match=reason):
        parse_edtf(text)


def test_edtf_refuses_a_non_string() -> None:
    """A TOML value that is not a string (an integer year) is a DateFormatError."""
    with pytest.raises(DateFormatError, match="expected a date string"):
        parse_edtf(2024)  # type: ignore[arg-type]


# --- Bounds and ordering -------------------------------------------------------------------


def test_sort_key_orders_by_first_day_then_last_day() -> None:
    """The earlier first day sorts first; on the same first day the earlier last day does;
    an open start sorts before every start and an open end after every end."""
    texts = ["2024", "2024-12-08", "2024-12/..", "2024-12", "../2018", "2024-01", "1990/.."]
    ordered = sorted(texts, key=lambda t: parse_edtf(t).sort_key())
    assert ordered == [
        "../2018",
        "1990/..",
        "2024-01",
        "2024",
        "2024-12",
        "2024-12/..",
        "2024-12-08",
    ]


def test_days_gives_the_inclusive_range() -> None:
    """EdtfDate.days is the inclusive DayRange of the date."""
    assert parse_edtf("2025-03").days == DayRange(date(2025, 3, 1), date(2025, 3, 31))
    assert parse_edtf("2024-12/..").days == DayRange(date(2024, 12, 1), None)


# --- Overlap -------------------------------------------------------------------------------


MARCH_2025 = DayRange(date(2025, 3, 1), date(2025, 3, 31))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (MARCH_2025, DayRange(date(2025, 3, 8), date(2025, 3, 8)), True),
        (MARCH_2025, DayRange(date(2025, 3, 31), date(2025, 4, 5)), True),
        (MARCH_2025, DayRange(date(2025, 4, 1), None), False),
        (MARCH_2025, DayRange(None, date(2025, 2, 28)), False),
        (DayRange(None, date(2018, 12, 31)), DayRange(date(1900, 1, 1), date(1900, 1, 1)), True),
        (DayRange(date(2024, 12, 1), None), DayRange(date(2999, 1, 1), None), True),
        (DayRange(None, None), DayRange(date(2024, 1, 1), date(2024, 1, 1)), True),
    ],
)
def test_overlap_shares_at_least_one_day(a: DayRange, b: DayRange, expected: bool) -> None:
    """Ranges overlap when they share a day; open sides reach forever; overlap is symmetric
    (the store's rule, store/records.py ``overlapping``, as every date filter asks it)."""
    import sqlite3

    from synews_cli.store.records import OPEN_END, OPEN_START, overlapping

    def overlap(item: DayRange, window: DayRange) -> bool:
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE items (first_day INTEGER, last_day INTEGER)")
        first = OPEN_START if item.start is None else item.start.toordinal()
        last = OPEN_END if item.end is None else item.end.toordinal()
        conn.execute("INSERT INTO items VALUES (?, ?)", (first, last))
        terms, params = overlapping(window)
        where = " AND ".join(terms) or "1"
        return conn.execute(f"SELECT COUNT(*) FROM items WHERE {where}", params).fetchone()[0] == 1

    assert overlap(a, b) is expected
    assert overlap(b, a) is expected


# --- Dates typed by users ------------------------------------------------------------------

USER_CASES = [
    ("2024", Point(2024), "year"),
    ("2024-12", Point(2024, 12), "month"),
    ("2024-12-08", Point(2024, 12, 8), "day"),
    ("2024/12/08", Point(2024, 12, 8), "day"),
    ("2024/12", Point(2024, 12), "month"),
    ("Dec 2024", Point(2024, 12), "month"),
    ("December 2024", Point(2024, 12), "month"),
    ("8 Dec 2024", Point(2024, 12, 8), "day"),
    ("December 8, 2024", Point(2024, 12, 8), "day"),
    ("  2024-12  ", Point(2024, 12), "month"),
]


@pytest.mark.parametrize(("text", "point", "precision"), USER_CASES)
def test_user_dates_keep_the_precision_typed(text: str, point: Point, precision: str) -> None:
    """Every accepted user form parses to the point and precision the user typed."""
    parsed = parse_user_date(text)
    assert parsed.point == point
    assert parsed.point.precision == precision
    assert parsed.text == text


def test_user_month_covers_the_whole_month() -> None:
    """--since 2024-12 means the whole of December: first to last day."""
    assert parse_user_date("2024-12").days == DayRange(date(2024, 12, 1), date(2024, 12, 31))


def test_ambiguous_numeric_date_is_refused_with_an_iso_hint() -> None:
    """08/12/2024 could be either day order: it is refused and ISO is suggested."""
    with pytest.raises(DateFormatError, match="ambiguous") as caught:
        parse_user_date("08/12/2024")
    assert "2024-12-08" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "not a real date"),
        ("2024-13", "not a real date"),
        ("2024-12-32", "not a real date"),
        ("0000", "not a real date"),
        ("Feb 30 2025", "not a date synews understands"),
        ("", "is empty"),
        ("   ", "is empty"),
        ("garbage", "not a date synews understands"),
        ("Dec", "has no year"),
        ("8 Dec", "has no year"),
        ("Dec 99", "four digits"),
        ("1 Dec 99", "four digits"),
        ("2024-12/08", "mixes '-' and '/'"),
        ("2024-12-08 10:30", "time of day"),
        ("Dec 8 2024 10:30", "time of day"),
        ("12.08.2024", "ambiguous"),
        ("\u0662\u0660\u0662\u0664", "not a date"),  # Arabic-Indic digits are not ISO
    ],
)
def test_user_dates_refuse_impossible_and_garbage(text: str, reason: str) -> None:
    """Impossible dates, garbage and times are refused with a reason and the accepted forms."""
    with pytest.raises(DateFormatError, match=reason) as caught:
        parse_user_date(text)
    assert "accepted forms" in str(caught.value)


# --- Properties ----------------------------------------------------------------------------

points = st.builds(
    lambda year, month, day, approximate, uncertain: Point(
        year,
        month,
        None if month is None or day is None else min(day, 28),
        approximate,
        uncertain,
    ),
    st.integers(1, 9999),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 31),
    st.booleans(),
    st.booleans(),
)


@given(points)
def test_point_edtf_round_trips(point: Point) -> None:
    """Point.edtf() parses back to the same point, bounds and display."""
    parsed = parse_edtf(point.edtf())
    assert parsed.lower == point
    assert (parsed.start, parsed.end) == (point.first_day, point.last_day)
    assert parsed.display() == point.display()


@given(points, points)
def test_interval_edtf_round_trips(a: Point, b: Point) -> None:
    """An interval of two points parses back to them, or is refused when it runs backwards."""
    lower, upper = a, b
    text = f"{lower.edtf()}/{upper.edtf()}"
    if upper.last_day < lower.first_day:
        with pytest.raises(DateFormatError):
            parse_edtf(text)
        return
    parsed = parse_edtf(text)
    assert (parsed.lower, parsed.upper) == (lower, upper)
    assert EdtfDate.of(text, lower, upper, is_interval=True).display() == parsed.display()


@given(st.text())
def test_edtf_parser_raises_only_date_format_errors(text: str) -> None:
    """Arbitrary text is either a date or a DateFormatError, never another exception."""
    try:
        parsed = parse_edtf(text)
    except DateFormatError:
        return
    assert parsed.start is None or parsed.end is None or parsed.start <= parsed.end


@given(st.text(alphabet="0123456789-/.~?% ", max_size=24))
def test_edtf_parser_on_date_like_text(text: str) -> None:
    """Date-like text is parsed or refused, never anything else."""
    with contextlib.suppress(DateFormatError):
        parse_edtf(text)


@settings(max_examples=300)
@given(st.text())
def test_user_date_parser_raises_only_date_format_errors(text: str) -> None:
    """Arbitrary typed text is a date or a DateFormatError, never another exception."""
    try:
        parsed = parse_user_date(text)
    except DateFormatError:
        return
    assert parsed.point.first_day <= parsed.point.last_day


date_like = st.lists(
    st.one_of(
        st.integers(0, 99999).map(str),
        st.sampled_from(
            ["Dec", "December", "feb", "Sept", "Monday", "of", "the", "st", "th", "AD", "pm"]
        ),
        st.sampled_from(["-", "/", ".", ",", " ", ":", "'", "T"]),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=500)
@given(date_like)
def test_user_date_parser_on_generated_date_like_strings(text: str) -> None:
    """Strings built from numbers, month names and separators never raise anything else."""
    try:
        parsed = parse_user_date(text)
    except DateFormatError:
        return
    # An interval ("1000/1000") has no single point: its known days are its start and end.
    days = [parsed.point, parsed.start, parsed.end]
    assert all(1 <= day.year <= 9999 for day in days if day is not None)


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("2024-12-08", "8 December 2024"),
        ("2025-03~", "c. March 2025"),
        ("2018?", "2018 (uncertain)"),
        ("2015-09/2024-12", "September 2015 \u2013 December 2024"),
        ("2024-12/..", "from December 2024"),
        ("../2018", "until 2018"),
    ],
)
def test_prose_words_a_date_at_its_precision(text: str, prose: str) -> None:
    """EdtfDate.prose writes a date for readers, never more precise than the date is."""
    assert parse_edtf(text).prose() == prose


def test_prose_lets_the_caller_render_each_end() -> None:
    """EdtfDate.prose words an interval the same way whatever renders its ends."""
    assert parse_edtf("2015/2016").prose(lambda p: f"<{p.year}>") == "<2015> \u2013 <2016>"


def test_dates_are_immutable_values() -> None:
    a, b = parse_edtf("2024-12~"), parse_edtf("2024-12~")
    assert a == b and hash(a) == hash(b) and a is not b
    with pytest.raises(AttributeError):
        a.text = "2025"  # type: ignore[misc]
    assert (a.start, a.end) == (date(2024, 12, 1), date(2024, 12, 31))


@pytest.mark.parametrize("text", ["Dec202410T", "Dec102024AD", "8pm AD", "8 Dec 2024 UTC"])
def test_a_time_zone_or_stray_word_is_refused_without_a_python_warning(text: str) -> None:
    """dateutil warns about a word it takes for a time zone: that warning must not reach the
    user (it prints as a line of Python source), and the text is no date."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DateFormatError):
            parse_user_date(text)
