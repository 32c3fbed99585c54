"""Unknown sides (``/2019-06``, ``2021-03/``) against open ones (``../2019-06``, ``2021-03/..``):
parsed apart, matched apart, counted apart by ``timeline --by``, shown apart, and kept apart
by the store (tests/data/unknown_sides.toml)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from support import the_store
from synews_cli.cli import app
from synews_cli.dates import DateFormatError, Point, parse_edtf
from synews_cli.query.filters import (
    ClaimQuery,
    DateFilter,
    EventQuery,
    select_claims,
    select_events,
)
from synews_cli.query.overview import build_overview
from synews_cli.render.html import badges, track_html
from synews_cli.store import load_dataset
from synews_cli.store.reader import Store

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "data" / "unknown_sides.toml"
SIDES = {"u-open-start", "u-unknown-start", "u-unknown-end", "u-open-end"}

runner = CliRunner()


@pytest.fixture(scope="module")
def story() -> Store:
    return load_dataset([str(STORY)])


# --- Parsing and showing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "shown", "prose"),
    [
        ("/2024-12", date(2024, 12, 1), date(2024, 12, 31), "? – Dec 2024",
         "until December 2024 (start unknown)"),
        ("../2024-12", None, date(2024, 12, 31), "– Dec 2024", "until December 2024"),
        ("2024-12/", date(2024, 12, 1), date(2024, 12, 31), "Dec 2024 – ?",
         "from December 2024 (end unknown)"),
        ("2024-12/..", date(2024, 12, 1), None, "Dec 2024 – ", "from December 2024"),
        ("/2024-12-08~", date(2024, 12, 8), date(2024, 12, 8), "? – ~8 Dec 2024",
         "until c. 8 December 2024 (start unknown)"),
    ],
)  # fmt: skip
def test_unknown_and_open_sides_parse_and_show_apart(
    text: str, start: date | None, end: date | None, shown: str, prose: str
) -> None:
    """An unknown side takes the days of the known one; an open side has none; each reads apart."""
    when = parse_edtf(text)
    assert (when.start, when.end) == (start, end)
    assert when.display() == shown
    assert when.prose() == prose
    assert when.is_interval


def test_open_and_unknown_flags() -> None:
    """open_start/open_end are true only for '..', start_unknown/end_unknown only for ''."""
    assert parse_edtf("../2024").open_start and not parse_edtf("../2024").start_unknown
    assert parse_edtf("/2024").start_unknown and not parse_edtf("/2024").open_start
    assert parse_edtf("2024/..").open_end and not parse_edtf("2024/").open_end
    assert not parse_edtf("2024").open_start and not parse_edtf("2020/2024").open_end


@pytest.mark.parametrize("text", ["/", "/..", "../", "../..", "//2024", "/2024/"])
def test_no_known_side_is_refused(text: str) -> None:
    """An interval needs one known side, and one '/'."""
    with pytest.raises(DateFormatError):
        parse_edtf(text)


points = st.builds(
    lambda year, month, day: Point(year, month, day if month else None),
    st.integers(min_value=1, max_value=9999),
    st.one_of(st.none(), st.integers(min_value=1, max_value=12)),
    st.one_of(st.none(), st.integers(min_value=1, max_value=28)),
)


@given(points, st.sampled_from(["", ".."]), st.booleans())
def test_a_half_known_interval_round_trips(point: Point, side: str, known_first: bool) -> None:
    """An interval with one unknown or open side parses back to its text and known point,
    covering the known point's days when the other side is unknown."""
    text = f"{point.edtf()}/{side}" if known_first else f"{side}/{point.edtf()}"
    when = parse_edtf(text)
    assert when.text == text
    assert (when.lower if known_first else when.upper) == point
    if side == "":
        assert (when.start, when.end) == (point.first_day, point.last_day)
    else:
        assert (when.end if known_first else when.start) is None


# --- Matching ------------------------------------------------------------------------------------


def matched(dataset: Store, **options: str) -> set[str]:
    query = EventQuery(dates=DateFilter.from_options(**options))
    return {event.id for event in select_events(dataset, query)} & SIDES


def test_on_a_year_before_an_unknown_start_matches_only_the_open_start(story: Store) -> None:
    """--on 2016: an open start reaches it; an unknown start, known only in June 2019, does not."""
    assert matched(story, on="2016") == {"u-open-start"}
    assert matched(story, on="2019-06") == {"u-open-start", "u-unknown-start"}


def test_until_before_the_known_end(story: Store) -> None:
    """--until 2019-05 keeps the open start only; --since 2019-06 keeps both (their end)."""
    assert matched(story, until="2019-05") == {"u-open-start"}
    assert "u-unknown-start" in matched(story, since="2019-06")


def test_unknown_end_is_matched_at_its_known_start(story: Store) -> None:
    """--on 2023 reaches an open end, not an unknown one; --on 2021-03 both."""
    assert matched(story, on="2023") == {"u-open-end"}
    assert matched(story, on="2021-03") == {"u-unknown-end", "u-open-end"}
    assert matched(story, since="2021-04") == {"u-open-end"}


def test_statements_with_unknown_starts_are_matched_the_same_way(story: Store) -> None:
    """A statement dated /2019-06 is not said in 2016; one dated ../2019-06 may be."""
    query = ClaimQuery(dates=DateFilter.from_options(on="2016"))
    assert [claim.id for claim in select_claims(story, query).claims] == ["u-c-open-start"]


def test_unknown_start_sorts_at_its_known_end(story: Store) -> None:
    """The timeline orders an unknown start by its known end: after 2015, not before it."""
    order = [event.id for event in select_events(story, EventQuery())]
    assert order[:3] == ["u-open-start", "u-2015", "u-unknown-start"]


def test_by_year_counts_an_unknown_start_only_at_its_end(story: Store) -> None:
    """--by year: the open start counts in 2015 to 2019, the unknown start in 2019 only;
    the unknown end in 2021 only, the open end in every year to the last."""
    events = [e for e in select_events(story, EventQuery()) if e.id in SIDES | {"u-2015"}]
    assert len(events) == 5
    found = build_overview(story, EventQuery(), unit="year")
    counts = {p.period.label: (p.events, p.statements) for p in found.periods}
    assert counts["2015"] == (2, 1)  # u-2015, the open start; the open-start statement
    assert counts["2016"] == (1, 1)
    assert counts["2019"] == (2, 2)
    assert counts["2020"] == (0, 0)  # kept, empty: the open end has not begun
    assert counts["2021"] == (2, 0)
    assert counts["2022"] == (1, 0)
    assert counts["2025"] == (4, 0)


def test_cli_by_year_and_on(story: Store) -> None:
    """Through the CLI: --on 1990 leaves out the unknown start; --by year starts in 2015."""
    result = runner.invoke(app, ["--data", str(STORY), "timeline", "--on", "1990", "-f", "plain"])
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["u-open-start"]
    result = runner.invoke(app, ["--data", str(STORY), "timeline", "--by", "year", "-f", "csv"])
    assert result.stdout.splitlines()[1] == "2015,2,1"


# --- Through the store, and on the page --------------------------------------------------


def test_the_distinction_survives_the_cached_store() -> None:
    """Read back from the cache file, the dates are still unknown or open as written."""
    first = load_dataset([str(STORY)], cached=True)
    first.close()
    again = load_dataset([str(STORY)], cached=True)
    dates = {event.id: event.date for event in again.events()}
    assert dates["u-unknown-start"].start_unknown
    assert dates["u-open-start"].open_start
    assert dates["u-unknown-end"].end_unknown and dates["u-open-end"].open_end
    assert matched(again, on="2016") == {"u-open-start"}
    again.close()
    with sqlite3.connect(the_store()) as db:
        rows = dict(db.execute("SELECT id, date_display FROM events WHERE date LIKE '%/%'"))
    assert rows["u-unknown-start"] == "? – Jun 2019"
    assert rows["u-open-start"] == "– Jun 2019"


def test_json_and_html_name_the_side() -> None:
    """JSON shows '? – Jun 2019' with the days matched; HTML badges say unknown, not open."""
    result = runner.invoke(app, ["--data", str(STORY), "timeline", "-f", "json"])
    records = {r["id"]: r for r in json.loads(result.stdout)}
    assert records["u-unknown-start"]["when"] == "? – Jun 2019"
    assert records["u-unknown-start"]["start"] == "2019-06-01"
    assert records["u-open-start"]["start"] is None
    assert badges(parse_edtf("/2019-06"))[-1] == "unknown start"
    assert badges(parse_edtf("../2019-06"))[-1] == "open start"
    scale = (date(2015, 1, 1), date(2025, 12, 31))
    assert "open-start" not in track_html(parse_edtf("/2019-06"), scale)
    assert "open-start" in track_html(parse_edtf("../2019-06"), scale)
