"""dates.py: dates relative to a given today, EDTF forms and intervals typed on the command
line, and how --since/--until/--on use them (query/filters.py, cli/types.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from synews_cli.cli import app
from synews_cli.cli.types import cli_today
from synews_cli.dates import DateFormatError, DayRange, Point, parse_user_date
from synews_cli.errors import UsageError
from synews_cli.query.filters import DateFilter

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "data" / "unknown_sides.toml"

# A Wednesday; 2025-03-31 a Monday at a month's end; 2024-02-29 a leap day; 2025-01-01 a
# Wednesday in ISO week 1 whose Monday is in the year before.
WEDNESDAY = date(2025, 10, 15)


def days(text: str, today: date) -> tuple[date | None, date | None]:
    parsed = parse_user_date(text, today=today)
    return parsed.start, parsed.end


# --- Relative forms ---------------------------------------------------------------------

RELATIVE_CASES = [
    # text, today, first day, last day
    ("today", WEDNESDAY, date(2025, 10, 15), date(2025, 10, 15)),
    ("now", WEDNESDAY, date(2025, 10, 15), date(2025, 10, 15)),
    ("yesterday", WEDNESDAY, date(2025, 10, 14), date(2025, 10, 14)),
    ("tomorrow", WEDNESDAY, date(2025, 10, 16), date(2025, 10, 16)),
    ("yesterday", date(2025, 1, 1), date(2024, 12, 31), date(2024, 12, 31)),
    ("yesterday", date(2024, 3, 1), date(2024, 2, 29), date(2024, 2, 29)),
    ("this week", WEDNESDAY, date(2025, 10, 13), date(2025, 10, 19)),
    ("last week", WEDNESDAY, date(2025, 10, 6), date(2025, 10, 12)),
    ("next week", WEDNESDAY, date(2025, 10, 20), date(2025, 10, 26)),
    ("last week", date(2025, 10, 13), date(2025, 10, 6), date(2025, 10, 12)),  # a Monday
    ("last week", date(2025, 10, 19), date(2025, 10, 6), date(2025, 10, 12)),  # a Sunday
    ("last week", date(2025, 1, 1), date(2024, 12, 23), date(2024, 12, 29)),
    ("this week", date(2025, 1, 1), date(2024, 12, 30), date(2025, 1, 5)),
    ("this month", WEDNESDAY, date(2025, 10, 1), date(2025, 10, 31)),
    ("last month", date(2025, 3, 31), date(2025, 2, 1), date(2025, 2, 28)),
    ("last month", date(2024, 3, 31), date(2024, 2, 1), date(2024, 2, 29)),
    ("last month", date(2025, 1, 15), date(2024, 12, 1), date(2024, 12, 31)),
    ("next month", date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 31)),
    ("this year", WEDNESDAY, date(2025, 1, 1), date(2025, 12, 31)),
    ("last year", date(2024, 2, 29), date(2023, 1, 1), date(2023, 12, 31)),
    ("next year", WEDNESDAY, date(2026, 1, 1), date(2026, 12, 31)),
    ("3 days ago", WEDNESDAY, date(2025, 10, 12), date(2025, 10, 12)),
    ("1 day ago", date(2025, 3, 1), date(2025, 2, 28), date(2025, 2, 28)),
    ("a day ago", WEDNESDAY, date(2025, 10, 14), date(2025, 10, 14)),
    ("0 days ago", WEDNESDAY, date(2025, 10, 15), date(2025, 10, 15)),
    ("a week ago", WEDNESDAY, date(2025, 10, 6), date(2025, 10, 12)),
    ("2 weeks ago", date(2025, 1, 8), date(2024, 12, 23), date(2024, 12, 29)),
    ("1 month ago", date(2025, 3, 31), date(2025, 2, 1), date(2025, 2, 28)),
    ("2 months ago", date(2025, 1, 31), date(2024, 11, 1), date(2024, 11, 30)),
    ("an month ago", WEDNESDAY, date(2025, 9, 1), date(2025, 9, 30)),
    ("12 months ago", date(2024, 2, 29), date(2023, 2, 1), date(2023, 2, 28)),
    ("25 months ago", WEDNESDAY, date(2023, 9, 1), date(2023, 9, 30)),
    ("one year ago", date(2024, 2, 29), date(2023, 1, 1), date(2023, 12, 31)),
    ("10 years ago", WEDNESDAY, date(2015, 1, 1), date(2015, 12, 31)),
    ("  Last   MONTH ", date(2025, 3, 31), date(2025, 2, 1), date(2025, 2, 28)),
    ("2 Months Ago", date(2025, 3, 31), date(2025, 1, 1), date(2025, 1, 31)),
    ("TODAY", WEDNESDAY, date(2025, 10, 15), date(2025, 10, 15)),
]


@pytest.mark.parametrize(("text", "today", "first", "last"), RELATIVE_CASES)
def test_relative_forms_cover_their_whole_period(
    text: str, today: date, first: date, last: date
) -> None:
    """Each relative form covers the day, ISO week, month or year it names, from today."""
    assert days(text, today) == (first, last)


def test_relative_forms_keep_their_precision() -> None:
    """A month back is a month-precision point, a day back a day; a week is no calendar point."""
    assert parse_user_date("last month", today=WEDNESDAY).point == Point(2025, 9)
    assert parse_user_date("3 days ago", today=WEDNESDAY).point == Point(2025, 10, 12)
    assert parse_user_date("last year", today=WEDNESDAY).point == Point(2024)
    assert parse_user_date("last week", today=WEDNESDAY).point is None


def test_relative_forms_without_today_are_refused() -> None:
    """A caller that gives no today gets an error, never a date read from the clock."""
    with pytest.raises(DateFormatError, match="relative to today"):
        parse_user_date("yesterday")


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("last year", date(1, 6, 1)),
        ("yesterday", date(1, 1, 1)),
        ("tomorrow", date(9999, 12, 31)),
        ("next month", date(9999, 12, 5)),
        ("99999999999 days ago", WEDNESDAY),
        ("3000 years ago", WEDNESDAY),
        ("9" * 5000 + " weeks ago", WEDNESDAY),
    ],
)
def test_relative_forms_out_of_range_are_refused(text: str, today: date) -> None:
    """A relative date before year 1 or after 9999 is an error with the accepted forms."""
    with pytest.raises(DateFormatError, match="out of range") as caught:
        parse_user_date(text, today=today)
    assert "accepted forms" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["last day", "2 fortnights ago", "last", "ago", "-2 days ago", "weeks ago", "this"]
)
def test_near_miss_relative_forms_are_refused(text: str) -> None:
    """Words that only look relative are not dates."""
    with pytest.raises(DateFormatError, match="accepted forms"):
        parse_user_date(text, today=WEDNESDAY)


def months_back(day: date, count: int) -> date:
    """``day`` minus ``count`` months, the day clamped to the month's length."""
    months = day.year * 12 + day.month - 1 - count
    year, month = divmod(months, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


todays = st.dates(min_value=date(100, 1, 1), max_value=date(9000, 12, 31))


@given(todays, st.integers(min_value=0, max_value=1000))
def test_months_ago_is_the_month_holding_today_minus_n_months(today: date, n: int) -> None:
    """'N months ago' is one whole month, and it holds today minus N months."""
    first, last = days(f"{n} months ago", today)
    assert first is not None and last is not None
    back = months_back(today, n)
    assert first == back.replace(day=1)
    assert first <= back <= last
    assert (last + timedelta(days=1)).day == 1 and last.month == first.month


@given(todays, st.integers(min_value=0, max_value=5000))
def test_weeks_ago_is_the_iso_week_holding_today_minus_n_weeks(today: date, n: int) -> None:
    """'N weeks ago' runs Monday to Sunday and holds today minus N weeks."""
    first, last = days(f"{n} weeks ago", today)
    assert first is not None and last is not None
    assert first.isoweekday() == 1 and last - first == timedelta(days=6)
    assert first <= today - timedelta(weeks=n) <= last


@given(todays, st.integers(min_value=0, max_value=30000))
def test_days_ago_is_one_day(today: date, n: int) -> None:
    """'N days ago' is exactly today minus N days."""
    back = today - timedelta(days=n)
    assert days(f"{n} days ago", today) == (back, back)


@given(todays)
def test_last_and_this_periods_touch(today: date) -> None:
    """Last week, month and year each end the day before this one starts."""
    for unit in ("week", "month", "year"):
        _, last_end = days(f"last {unit}", today)
        this_start, this_end = days(f"this {unit}", today)
        assert last_end is not None and this_start is not None and this_end is not None
        assert last_end + timedelta(days=1) == this_start
        assert this_start <= today <= this_end


# --- EDTF forms and intervals typed by users ------------------------------------------------

EDTF_USER_CASES = [
    # text, first day, last day
    ("2025-10~", date(2025, 10, 1), date(2025, 10, 31)),
    ("2025-10?", date(2025, 10, 1), date(2025, 10, 31)),
    ("2025-10%", date(2025, 10, 1), date(2025, 10, 31)),
    ("2024~", date(2024, 1, 1), date(2024, 12, 31)),
    ("2025-10/2025-11", date(2025, 10, 1), date(2025, 11, 30)),
    ("2024/2025", date(2024, 1, 1), date(2025, 12, 31)),
    ("2025-10/..", date(2025, 10, 1), None),
    ("../2025-10", None, date(2025, 10, 31)),
    (" 2025-10 / 2025-11 ", date(2025, 10, 1), date(2025, 11, 30)),
    ("Dec 2024/Mar 2025", date(2024, 12, 1), date(2025, 3, 31)),
    ("2024-12-08/2024-12-08", date(2024, 12, 8), date(2024, 12, 8)),
    ("2025-02~/2025-03?", date(2025, 2, 1), date(2025, 3, 31)),
    ("last month/..", date(2025, 9, 1), None),
    ("2025-01/yesterday", date(2025, 1, 1), date(2025, 10, 14)),
]


@pytest.mark.parametrize(("text", "first", "last"), EDTF_USER_CASES)
def test_edtf_forms_and_intervals_cover_their_days(
    text: str, first: date | None, last: date | None
) -> None:
    """A qualified date covers the same days as the plain one; an interval its whole span."""
    assert parse_user_date(text, today=WEDNESDAY).days == DayRange(first, last)


def test_qualifiers_are_kept_on_the_point() -> None:
    """2025-10~ is the month of October, marked approximate."""
    assert parse_user_date("2025-10~").point == Point(2025, 10, approximate=True)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-11/2025-10", "ends before it starts"),
        ("../..", "at least one side"),
        ("/2025-10", "empty side"),
        ("2025-10/", "empty side"),
        ("2025-10/garbage", "not an interval of two dates"),
        ("2025-10/2025-11/2025-12", "ambiguous"),
        ("2025-13/..", "not a real date"),
        ("12/2024", "ambiguous"),
        ("08/12/2024", "ambiguous"),
        ("2025-10~~", "accepted forms"),
        ("~2025-10", "accepted forms"),
        ("Dec 2024/Jan 2025/Feb 2025", "one '/'"),
    ],
)
def test_bad_intervals_are_refused_with_a_reason(text: str, reason: str) -> None:
    """Backwards, empty, doubled or malformed intervals are refused, naming why."""
    with pytest.raises(DateFormatError, match=reason) as caught:
        parse_user_date(text, today=WEDNESDAY)
    assert "accepted forms" in str(caught.value)


@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
def test_any_iso_interval_covers_its_two_days(one: date, other: date) -> None:
    """Two ISO days joined by '/' parse to exactly those days, in order; backwards is refused."""
    text = f"{one.isoformat()}/{other.isoformat()}"
    if other < one:
        with pytest.raises(DateFormatError, match="ends before"):
            parse_user_date(text)
    else:
        assert parse_user_date(text).days == DayRange(one, other)


user_points = st.builds(
    lambda year, month, day, qualifier: (year, month, day if month else None, qualifier),
    st.integers(min_value=1, max_value=9999),
    st.one_of(st.none(), st.integers(min_value=1, max_value=12)),
    st.one_of(st.none(), st.integers(min_value=1, max_value=28)),
    st.sampled_from(["", "~", "?", "%"]),
)


@given(user_points)
def test_an_edtf_point_typed_by_a_user_round_trips(
    fields: tuple[int, int | None, int | None, str],
) -> None:
    """Any EDTF point a data file may hold, typed on the command line, is that point."""
    year, month, day, qualifier = fields
    point = Point(
        year, month, day, approximate=qualifier in ("~", "%"), uncertain=qualifier in ("?", "%")
    )
    parsed = parse_user_date(point.edtf())
    assert parsed.point == point
    assert parsed.days == DayRange(point.first_day, point.last_day)


# --- How the options use them -----------------------------------------------------------------


def window(today: date = WEDNESDAY, **options: str) -> DayRange:
    return DateFilter.from_options(today=today, **options).days


def test_since_takes_the_first_day_and_until_the_last() -> None:
    """--since 'last month' starts on its first day, --until on its last, --on is all of it."""
    today = date(2025, 3, 31)
    assert window(today, since="last month") == DayRange(date(2025, 2, 1), None)
    assert window(today, until="last month") == DayRange(None, date(2025, 2, 28))
    assert window(today, on="last month") == DayRange(date(2025, 2, 1), date(2025, 2, 28))


def test_intervals_give_since_their_start_until_their_end_and_on_their_span() -> None:
    """2025-10/2025-11: --since from 1 October, --until to 30 November, --on both."""
    assert window(since="2025-10/2025-11") == DayRange(date(2025, 10, 1), None)
    assert window(until="2025-10/2025-11") == DayRange(None, date(2025, 11, 30))
    assert window(on="2025-10/2025-11") == DayRange(date(2025, 10, 1), date(2025, 11, 30))
    assert window(on="../2025-10") == DayRange(None, date(2025, 10, 31))
    assert window(since="2025-10/..") == DayRange(date(2025, 10, 1), None)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("since", "../2025-10", "open start"), ("until", "2025-10/..", "open end")],
)
def test_an_open_side_where_a_day_is_needed_is_a_usage_error(
    option: str, value: str, message: str
) -> None:
    """--since ../2025-10 has no day to start from: refused, pointing to --until or --on."""
    with pytest.raises(UsageError, match=message) as caught:
        DateFilter.from_options(**{option: value})
    assert caught.value.hint is not None and "--on" in caught.value.hint


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({"SYNEWS_TODAY": "2024-02-29"}, date(2024, 2, 29)), ({"SYNEWS_TODAY": " "}, None)],
)
def test_cli_today_is_the_clock_unless_fixed(environ: dict[str, str], expected: date) -> None:
    """SYNEWS_TODAY fixes the CLI's today; unset or blank, it is the clock's."""
    assert cli_today(environ) == (expected or date.today())


@pytest.mark.parametrize("value", ["2024-02-30", "20240229", "yesterday", "2024-W09-4", "2024-2-9"])
def test_a_bad_fixed_today_is_a_usage_error(value: str) -> None:
    """SYNEWS_TODAY takes YYYY-MM-DD only, and says so."""
    with pytest.raises(UsageError, match="SYNEWS_TODAY") as caught:
        cli_today({"SYNEWS_TODAY": value})
    assert caught.value.hint is not None and "YYYY-MM-DD" in caught.value.hint


# --- Through the CLI ----------------------------------------------------------------------------

runner = CliRunner()


def ids(*args: str, today: str = "2025-03-31") -> list[str]:
    result = runner.invoke(
        app,
        ["--data", str(STORY), "timeline", "-f", "plain", "--tag", "recent", *args],
        env={"SYNEWS_TODAY": today},
    )
    assert result.exit_code == 0, result.stderr
    return [line.split("\t")[0] for line in result.stdout.splitlines()]


def test_cli_relative_dates_count_from_the_injected_today() -> None:
    """With today fixed at 31 March 2025, --on 'last month' is February 2025."""
    assert ids("--on", "last month") == ["u-feb"]
    assert ids("--on", "last month", today="2025-04-01") == ["u-mar", "u-mar-day"]
    assert ids("--on", "last week", today="2025-03-19") == ["u-mar", "u-mar-day"]
    assert ids("--on", "2 weeks ago", today="2025-03-19") == ["u-mar"]
    assert ids("--since", "yesterday", "--until", "today", today="2025-03-13") == [
        "u-mar",
        "u-mar-day",
    ]


def test_cli_edtf_interval_options() -> None:
    """--on 2025-02/2025-03 spans both months; --since takes the interval's start."""
    assert ids("--on", "2025-02/2025-03") == ["u-feb", "u-mar", "u-mar-day"]
    assert ids("--since", "2025-02~/2025-03", "--until", "2025-02") == ["u-feb"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--since", "fortnight"], "--since: 'fortnight'"),
        (["--until", "2025-11/2025-10"], "--until: '2025-11/2025-10'"),
        (["--on", "3 eons ago"], "--on: '3 eons ago'"),
        (["--since", "../2025-10"], "--since '../2025-10' has an open start"),
    ],
)
def test_cli_bad_dates_exit_2_naming_option_and_value(args: list[str], named: str) -> None:
    """A bad date is a usage error naming the option and value, with the accepted forms."""
    result = runner.invoke(app, ["--data", str(STORY), "timeline", *args])
    assert result.exit_code == 2
    assert named in result.stderr
    assert "last week" in result.stderr or "--on" in result.stderr
    assert result.stdout == ""


def test_cli_bad_fixed_today_exits_2() -> None:
    """A malformed SYNEWS_TODAY is a usage error, not a traceback."""
    result = runner.invoke(
        app, ["--data", str(STORY), "timeline", "--on", "today"], env={"SYNEWS_TODAY": "soon"}
    )
    assert result.exit_code == 2
    assert "SYNEWS_TODAY 'soon' is not a day" in result.stderr


def test_subprocess_reads_synews_today() -> None:
    """A real process takes its today from SYNEWS_TODAY, and a bad date exits 2 on stderr."""
    command = [sys.executable, "-m", "synews_cli", "--data", str(STORY), "timeline", "-f", "plain"]
    command += ["--tag", "recent"]
    env = {**os.environ, "SYNEWS_TODAY": "2025-03-31"}
    done = subprocess.run(
        [*command, "--on", "last month"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == ["u-feb"]
    bad = subprocess.run(
        [*command, "--since", "last fortnight"], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 2
    assert "--since: 'last fortnight'" in bad.stderr and "2 months ago" in bad.stderr
    assert bad.stdout == "" and "Traceback" not in bad.stderr


def test_a_bad_fixed_today_matters_only_to_relative_dates() -> None:
    """SYNEWS_TODAY is read only when a date counts from today: a bad value leaves
    `--on 2024` and an interval of calendar dates alone, and is named for `--on yesterday`."""
    env = {"SYNEWS_TODAY": "garbage"}
    for value in ("2024", "2024-10/2025-03", "../2024-12", "Dec 2024"):
        result = runner.invoke(app, ["--data", str(STORY), "timeline", "--on", value], env=env)
        assert result.exit_code == 0, (value, result.stderr)
    for value in ("yesterday", "2024/today", "3 DAYS AGO"):
        result = runner.invoke(app, ["--data", str(STORY), "timeline", "--on", value], env=env)
        assert result.exit_code == 2 and "SYNEWS_TODAY" in result.stderr, value


@pytest.mark.parametrize("text", ["..", ".", "-", "//", "../../..", ". - ."])
def test_punctuation_without_a_digit_is_not_called_ambiguous(text: str) -> None:
    """No digit, so no day/month order to doubt: the error says it is not a date (and an
    open end alone says a date must go on its other side)."""
    with pytest.raises(DateFormatError) as caught:
        parse_user_date(text, today=date(2025, 3, 31))
    assert "ambiguous" not in str(caught.value)
    if text == "..":
        assert "open end" in str(caught.value)
