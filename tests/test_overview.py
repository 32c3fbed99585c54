"""``synews timeline --by year|month``: counts per period (overview.py and its table view).

tests/data/overview_story.toml is small enough to count by hand: events in 2019, an open
start up to June 2019, nothing in 2020, an interval Nov 2021 - Feb 2022, March 2022 (a day
and an approximate month), an open end from May 2022; statements in May 2019, 2021,
March 2022 and June 2022 (the last about no event).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from support import links
from synews_cli.cli import app
from synews_cli.query.filters import (
    ClaimQuery,
    DateFilter,
    EventQuery,
    select_claims,
    select_events,
)
from synews_cli.query.overview import (
    Period,
    PeriodCount,
    build_overview,
    count_periods,
    periods_between,
)
from synews_cli.render.records import periods_listing
from synews_cli.render.table import bar
from synews_cli.store import load_dataset
from synews_cli.store.reader import Store as Dataset

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "data" / "overview_story.toml"
BUNDLED = ROOT / "data" / "events.toml"

runner = CliRunner()


@pytest.fixture(scope="module")
def story() -> Dataset:
    return load_dataset([str(STORY)])


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset([str(BUNDLED)])


def counts(periods: list[PeriodCount] | tuple[PeriodCount, ...]) -> list[tuple[str, int, int]]:
    return [(c.period.label, c.events, c.statements) for c in periods]


def overview(
    dataset: Dataset,
    unit: str,
    *,
    since: str | None = None,
    until: str | None = None,
    on: str | None = None,
    **options: Any,
) -> list[tuple[str, int, int]]:
    dates = DateFilter.from_options(since=since, until=until, on=on)
    return counts(build_overview(dataset, EventQuery(dates=dates, **options), unit=unit).periods)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(STORY), *args])
    return result.exit_code, result.stdout, result.stderr


# --- Periods --------------------------------------------------------------------------------


def test_period_labels_and_succession() -> None:
    """Years label as YYYY and months as YYYY-MM; December is followed by January."""
    assert Period(2024).label == "2024"
    assert Period(2024, 12).label == "2024-12"
    assert Period(2024, 12).next() == Period(2025, 1)
    assert Period(2024).next() == Period(2025)


def test_periods_between_skips_nothing() -> None:
    """Every month from the first day's month to the last day's month is listed once."""
    months = periods_between(date(2021, 11, 20), date(2022, 2, 1), "month")
    assert [p.label for p in months] == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert [p.label for p in periods_between(date(2019, 5, 1), date(2019, 5, 1), "year")] == [
        "2019"
    ]


def test_unit_names_are_checked() -> None:
    """year and month (any case, singular or plural) are accepted; anything else is a
    usage error naming the option."""
    for typed in ("Year", "years", "MONTH", "months"):
        result = runner.invoke(app, ["--data", str(STORY), "timeline", "--by", typed, "-f", "csv"])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("period,events,statements")
    refused = runner.invoke(app, ["--data", str(STORY), "timeline", "--by", "week"])
    assert refused.exit_code == 2 and "--by 'week'" in refused.stderr


# --- Counting -------------------------------------------------------------------------------


def test_counts_by_year_match_the_hand_count(story: Dataset) -> None:
    """2019: the 2019 event and the open start; 2020 empty but present; 2021 and 2022 count
    the interval in both years."""
    assert overview(story, "year") == [
        ("2019", 2, 1),
        ("2020", 0, 0),
        ("2021", 1, 1),
        ("2022", 4, 2),
    ]


def test_open_ends_are_bounded_by_the_dated_items(story: Dataset) -> None:
    """By month the chart runs from Jan 2019 (first known day) to Jun 2022 (last known day):
    the open end stops there and the open start begins there."""
    months = overview(story, "month")
    assert months[0][0] == "2019-01" and months[-1][0] == "2022-06"
    assert len(months) == 42
    by_label = {label: (events, statements) for label, events, statements in months}
    assert by_label["2019-01"] == (2, 0)  # the year 2019 and the open start
    assert by_label["2019-07"] == (1, 0)  # only the year 2019: the open start ended in June
    assert by_label["2022-05"] == (1, 0) and by_label["2022-06"] == (1, 1)
    assert by_label["2020-06"] == (0, 0)


def test_date_filter_cuts_the_range_and_the_statements(story: Dataset) -> None:
    """--since 2022-01 starts the chart in January 2022 and counts only statements from then."""
    assert overview(story, "month", since="2022-01") == [
        ("2022-01", 1, 0),
        ("2022-02", 1, 0),
        ("2022-03", 2, 1),
        ("2022-04", 0, 0),
        ("2022-05", 1, 0),
        ("2022-06", 1, 1),
    ]


def test_a_filter_beyond_the_data_does_not_add_empty_periods(story: Dataset) -> None:
    """--until 2030 ends the chart at the last known day (2022), not in 2030."""
    assert overview(story, "year", until="2030")[-1][0] == "2022"
    assert overview(story, "year", since="1900")[0][0] == "2019"


def test_event_filters_narrow_statements_to_those_about_matching_events(story: Dataset) -> None:
    """--place Hmeimim matches one event; only the statement about it is counted."""
    assert overview(story, "year", places=("Hmeimim",)) == [("2022", 1, 1)]
    assert overview(story, "year", tags=("military",)) == [("2021", 1, 1), ("2022", 2, 1)]


def test_reverse_and_limit_apply_to_periods(story: Dataset) -> None:
    """--reverse lists the newest period first; --limit N keeps the first N periods."""
    assert [p for p, _, _ in overview(story, "year", reverse=True)] == [
        "2022",
        "2021",
        "2020",
        "2019",
    ]
    assert [p for p, _, _ in overview(story, "year", limit=2)] == ["2019", "2020"]


def test_nothing_matched_gives_no_periods(story: Dataset) -> None:
    """A filter that matches nothing yields no periods at all (never an unbounded range)."""
    assert overview(story, "year", search="no such words") == []
    assert count_periods([], [], unit="month") == []


@pytest.mark.parametrize("unit", ["year", "month"])
def test_every_count_equals_the_on_filter_count(bundled: Dataset, unit: str) -> None:
    """For the bundled story, each period's counts are exactly what `timeline --on PERIOD`
    and `quotes --on PERIOD` select: the chart agrees with the date filters."""
    for label, events, statements in overview(bundled, unit):
        on = DateFilter.from_options(on=label)
        assert events == len(select_events(bundled, EventQuery(dates=on))), label
        assert statements == len(select_claims(bundled, ClaimQuery(dates=on)).claims), label


def test_bundled_story_is_densest_in_october_2025(bundled: Dataset) -> None:
    """The bundled article's month of publication has the most statements, and the chart
    has no gaps between its first and last month."""
    months = overview(bundled, "month")
    busiest = max(months, key=lambda row: row[2])
    assert busiest[0] == "2025-10"
    labels = [label for label, _, _ in months]
    assert labels == [
        p.label for p in periods_between(date(1974, 1, 1), date(2025, 10, 1), "month")
    ]


def test_listing_has_the_documented_columns(story: Dataset) -> None:
    """The periods listing has columns period, events, statements, and the totals in extra."""
    result = build_overview(story, EventQuery(), unit="year")
    listing = periods_listing(result, links(story), ["--by year"])
    assert listing.kind == "periods" and listing.columns == ("period", "events", "statements")
    assert listing.records[0] == {"period": "2019", "events": 2, "statements": 1}
    assert listing.extra["events"] == 6 and listing.extra["statements"] == 4
    assert listing.noun(2) == "years"


# --- The command ------------------------------------------------------------------------------


def test_plain_output_is_one_period_per_line() -> None:
    """-f plain prints period, events and statements tab-separated."""
    code, out, _ = run("timeline", "--by", "year", "-f", "plain")
    assert code == 0
    assert out.splitlines() == ["2019\t2\t1", "2020\t0\t0", "2021\t1\t1", "2022\t4\t2"]


def test_csv_output_has_a_header() -> None:
    """-f csv has the header period,events,statements and one row per period."""
    code, out, _ = run("timeline", "--by", "month", "--since", "2022-03", "-f", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["period", "events", "statements"]
    assert rows[1] == ["2022-03", "2", "1"]


def test_json_output_is_a_list_of_period_objects() -> None:
    """-f json is a list of objects with exactly period, events and statements."""
    code, out, _ = run("timeline", "--by", "year", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data[1] == {"period": "2020", "events": 0, "statements": 0}
    assert all(set(row) == {"period", "events", "statements"} for row in data)
    assert all(isinstance(row["events"], int) for row in data)


def test_table_output_draws_bars_and_keeps_empty_periods() -> None:
    """The table view draws a bar per count, shows an empty period with 0 and no bar, and
    says how items spanning periods are counted."""
    code, out, _ = run("--no-color", "timeline", "--by", "year", "-f", "table")
    assert code == 0
    lines = out.splitlines()
    row_2020 = next(line for line in lines if line.startswith("2020"))
    assert "\u2588" not in row_2020 and " 0 " in f"{row_2020} "
    row_2022 = next(line for line in lines if line.startswith("2022"))
    assert "\u2588" in row_2022
    assert "4 years, 2019 to 2022: 6 events, 4 statements" in out
    assert "an item counts in every year it spans" in out


def test_hostile_filter_text_stays_inert_in_the_table(story: Dataset) -> None:
    """Filter text with Rich markup and an escape is printed literally, without the ESC."""
    from synews_cli.render import RenderOptions
    from synews_cli.render.table import render

    result = build_overview(story, EventQuery(), unit="year")
    listing = periods_listing(result, links(story), ["--search '[bold]x\x1b[31m'", "--by year"])
    out = io.StringIO()
    render(listing, out, RenderOptions(color=False, width=80))
    assert "--search '[bold]x[31m' --by year" in out.getvalue()
    assert "\x1b" not in out.getvalue()


def test_bad_unit_is_a_usage_error() -> None:
    """--by week exits 2 with a message naming the option and a hint."""
    code, _, err = run("timeline", "--by", "week")
    assert code == 2
    assert "--by 'week' is not a period" in err and "--by year" in err


def test_html_and_timelinejs_refuse_periods() -> None:
    """The counts are data, not a story: --by with -f html or timelinejs is a usage error."""
    for fmt in ("html", "timelinejs"):
        code, _, err = run("timeline", "--by", "year", "-f", fmt)
        assert code == 2 and "periods" in err


def test_no_match_says_so_on_stderr() -> None:
    """Nothing matched: exit 0, an empty JSON list, and a note on stderr."""
    code, out, err = run("timeline", "--by", "month", "--search", "nothing here", "-f", "json")
    assert code == 0 and json.loads(out) == []
    assert "no months matched" in err


def test_by_works_in_a_real_pipe() -> None:
    """Through a real subprocess and pipe, --by year prints plain counts by default."""
    result = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", str(STORY), "timeline", "--by", "year"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "2019\t2\t1"


# --- The bar ----------------------------------------------------------------------------------


def test_bar_lengths() -> None:
    """Zero draws nothing, the maximum fills the width, and a tiny count still shows."""
    assert bar(0, 10, 20) == ""
    assert bar(10, 10, 20) == "\u2588" * 20
    assert bar(1, 1000, 20) != ""
    assert bar(5, 10, 4) == "\u2588\u2588"
