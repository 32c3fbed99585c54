"""One story across outlets: copies of a wire story, spellings, contradictions, planned
events. Read from tests/data/outlets.toml, kept by the store, refused when wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from support import check_paths
from synews_cli.cli import app
from synews_cli.store import open_store

DATA = Path(__file__).parent / "data"
STORY = DATA / "outlets.toml"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["--data", str(STORY), *args])


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cached", [False, True])
def test_the_new_fields_are_read_and_stored(cached: bool) -> None:
    store = open_store([str(STORY)], cached=cached)
    try:
        assert store.valid, store.problems()
        sources = store.source_by_id
        events = {e.id: e for e in store.events()}
        claims = {c.id: c for c in store.claims()}
        names = store.names
    finally:
        store.close()
    assert sources["courier-1015"].copy_of == "gazette-1014"
    assert sources["herald-1016"].copy_of is None
    assert events["second-round"].status == "expected"
    assert events["ships-leave"].status is None
    assert events["base-still-used"].contradicts == ("ships-leave",)
    assert claims["orlov-ships-stay"].contradicts == ("velt-no-deadline",)
    assert [(n.name, n.kind, n.aliases) for n in names][:1] == [
        ("Port Lira", "place", ("Lira harbour", "Port Leera"))
    ]
    assert names[0].location is not None and names[0].location.line is not None


def _problems(tmp_path: Path, extra: str) -> list[str]:
    path = tmp_path / "data.toml"
    path.write_text(STORY.read_text(encoding="utf-8") + extra, encoding="utf-8")
    report = check_paths([path])
    return [f"{p.line}: {p.item}: {p.field}: {p.message}" for p in report.problems]


EVENT = '\n[[events]]\nid = "e"\ndate = "2025"\ntitle = "T"\nsource = "herald-1016"\n'
SOURCE = '\n[[sources]]\nid = "s"\noutlet = "O"\npublished = "2025"\nkind = "article"\n'


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (SOURCE + 'copy_of = "wire-101"\n', "s: copy_of: unknown source 'wire-101'"),
        (EVENT + 'contradicts = ["talk"]\n', "e: contradicts: unknown event or statement 'talk'"),
        (EVENT + 'contradicts = ["e"]\n', "e: contradicts: an item cannot contradict itself"),
        (EVENT + 'status = "planned"\n', "e: status: 'planned' is not one of expected, cancelled"),
        (
            '\n[[names]]\nname = "Lira"\nkind = "place"\naliases = ["Port Leera"]\n',
            "Lira: aliases: the place spelling 'Port Leera' already stands for 'Port Lira'",
        ),
        ('\n[[names]]\nname = "Lira"\nkind = "city"\n', "Lira: kind: 'city' is not one of"),
        ('\n[[names]]\nkind = "place"\n', "names[4]: name: missing required field 'name'"),
    ],
)
def test_wrong_new_fields_are_reported(tmp_path: Path, extra: str, expected: str) -> None:
    found = _problems(tmp_path, extra)
    assert any(expected in problem for problem in found), found
    assert all(not problem.startswith("None") for problem in found), found  # each has a line


def test_a_spelling_may_stand_for_one_name_of_each_kind(tmp_path: Path) -> None:
    """'NA' as a place and as an actor is two names, not a clash."""
    assert (
        _problems(tmp_path, '\n[[names]]\nname = "North Area"\nkind = "place"\naliases = ["NA"]\n')
        == []
    )


def test_an_invalid_source_still_has_its_copy_of_checked(tmp_path: Path) -> None:
    found = _problems(
        tmp_path, SOURCE.replace('kind = "article"', 'kind = "blog"') + 'copy_of = "nope"\n'
    )
    assert any("copy_of: unknown source 'nope'" in p for p in found), found


def test_check_is_clean_on_the_story() -> None:
    result = run("check")
    assert result.exit_code == 0, result.output


# --- Names across outlets ---------------------------------------------------------------------


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [line.split("\t")[0] for line in result.stdout.splitlines()]


@pytest.mark.parametrize("spelling", ["Port Lira", "port leera", "Lira harbour", "LEERA"])
def test_a_place_filter_matches_every_spelling(spelling: str) -> None:
    assert ids(run("timeline", "--place", spelling, "-f", "plain")) == [
        "ships-leave",
        "talks",
        "base-still-used",
    ]


def test_actor_and_topic_filters_match_aliases() -> None:
    assert ids(run("timeline", "--actor", "NA", "-f", "plain")) == ["ships-leave", "talks"]
    assert ids(run("quotes", "--topic", "pull-out", "-f", "plain")) == [
        "velt-no-deadline",
        "orlov-ships-stay",
    ]


def test_outputs_show_the_chosen_spelling() -> None:
    events = json.loads(run("timeline", "-f", "json").stdout)
    places = {e["id"]: e["places"] for e in events}
    assert places["ships-leave"] == ["Port Lira"]  # written "Port Leera"
    assert places["talks"] == ["Port Lira", "Capital City"]  # written "Lira harbour"
    assert "Port Leera" not in run("timeline", "-f", "html").stdout
    claims = json.loads(run("quotes", "-f", "json").stdout)
    assert [c["topics"] for c in claims] == [["withdrawal"], ["withdrawal"]]


def test_two_spellings_of_one_name_on_one_item_show_once(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    text = STORY.read_text(encoding="utf-8").replace(
        'places = ["Port Leera"]', 'places = ["Port Leera", "Lira harbour", "Elsewhere"]'
    )
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(path), "show", "ships-leave"])
    assert "Port Lira, Elsewhere" in result.stdout


def test_a_filter_that_matches_nothing_suggests_known_values() -> None:
    result = run("timeline", "--place", "Capitol")
    assert result.exit_code == 0
    assert "no place is called 'Capitol': did you mean 'Capital City'?" in result.stderr
    result = run("quotes", "--topic", "withdrawl", "-f", "json")
    assert result.stdout.strip() == "[]"
    assert "did you mean 'withdrawal'?" in result.stderr
    # A known value that matches nothing with the other filters is not "unknown".
    result = run("timeline", "--place", "Capital City", "--since", "2026")
    assert "no place is called" not in result.stderr and "no events matched" in result.stderr


def test_facets_count_items_under_the_chosen_spelling() -> None:
    result = run("facets", "-f", "json")
    assert result.exit_code == 0, result.output
    found = {(f["kind"], f["value"]): f for f in json.loads(result.stdout)}
    assert found[("place", "Port Lira")]["items"] == 3
    assert found[("place", "Port Lira")]["spellings"] == ["Lira harbour", "Port Leera"]
    assert found[("actor", "Northern Alliance")]["items"] == 2
    assert found[("topic", "withdrawal")]["items"] == 2
    assert ids(run("facets", "place", "-f", "plain")) == ["place", "place"]


@pytest.mark.parametrize("fmt", ["table", "plain", "csv", "tsv", "json", "jsonl", "markdown"])
@pytest.mark.parametrize("command", ["facets", "sources", "conflicts"])
def test_the_story_commands_print_every_format(command: str, fmt: str) -> None:
    result = run(command, "-f", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


@pytest.mark.parametrize("command", ["facets", "sources", "conflicts"])
def test_the_story_commands_refuse_page_formats(command: str) -> None:
    result = run(command, "-f", "html")
    assert result.exit_code == 2


def test_facets_refuses_an_unknown_kind() -> None:
    result = run("facets", "cities")
    assert result.exit_code == 2
    assert "'cities' is not one of places, actors, tags, topics" in result.stderr


# --- Independent accounts and --source ----------------------------------------------------------


def test_copies_of_one_wire_story_count_as_one_account() -> None:
    events = {e["id"]: e for e in json.loads(run("timeline", "-f", "json").stdout)}
    assert len(events["ships-leave"]["sources"]) == 4
    assert events["ships-leave"]["accounts"] == 2  # the wire and its two reprints, the Herald
    assert ids(run("timeline", "--min-sources", "2", "-f", "plain")) == ["ships-leave", "talks"]
    assert ids(run("timeline", "--min-sources", "3", "-f", "plain")) == []
    assert ids(run("quotes", "--min-sources", "2", "-f", "plain")) == ["velt-no-deadline"]


def test_source_filters_by_id_or_outlet() -> None:
    assert ids(run("timeline", "--source", "gazette-1014", "-f", "plain")) == ["ships-leave"]
    assert ids(run("timeline", "--source", "delta monitor", "-f", "plain")) == [
        "talks",
        "base-still-used",
    ]
    assert ids(run("quotes", "--source", "Monitor", "-f", "plain")) == [
        "velt-no-deadline",
        "orlov-ships-stay",
    ]


def test_an_unknown_source_is_a_usage_error_with_a_suggestion() -> None:
    result = run("timeline", "--source", "Delta Monitr")
    assert result.exit_code == 2
    assert "--source 'Delta Monitr' is neither a source id nor an outlet" in result.stderr
    assert "Delta Monitor" in result.stderr


def test_min_sources_must_be_positive() -> None:
    assert run("timeline", "--min-sources", "0").exit_code == 2


def test_the_bibliography_counts_what_cites_each_source() -> None:
    result = run("sources", "-f", "json")
    found = {s["id"]: s for s in json.loads(result.stdout)}
    assert (found["herald-1016"]["events"], found["herald-1016"]["statements"]) == (4, 1)
    assert found["courier-1015"]["copy_of"] == "gazette-1014"
    assert found["courier-1015"]["account"] == "wire-1014"
    assert found["monitor-1020"]["account"] == "monitor-1020"


def test_a_copy_of_cycle_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    text = STORY.read_text(encoding="utf-8").replace(
        'kind = "report"\n', 'kind = "report"\ncopy_of = "courier-1015"\n', 1
    )
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(path), "sources", "-f", "json"])
    accounts = {s["account"] for s in json.loads(result.stdout) if s["copy_of"]}
    assert accounts == {"courier-1015"}  # the cycle's first id, the same for each member


# --- Planned events -------------------------------------------------------------------------------


def test_status_filters_and_marks() -> None:
    assert ids(run("timeline", "--status", "expected", "-f", "plain")) == ["second-round"]
    assert ids(run("timeline", "--status", "happened", "-f", "plain")) == [
        "ships-leave",
        "talks",
        "base-still-used",
    ]
    assert run("timeline", "--status", "planned").exit_code == 2
    table = run("timeline", "-f", "table", "--no-color").stdout
    assert "EXPECTED Second round" in table and "CANCELLED Navy parade" in table
    page = run("timeline", "-f", "html").stdout
    assert "status-cancelled" in page and '<span class="badge status">expected</span>' in page
    slides = json.loads(run("timeline", "-f", "timelinejs").stdout)["events"]
    headlines = [s["text"]["headline"] for s in slides]
    assert "Expected: Second round of talks due" in headlines
    assert json.loads(run("timeline", "-f", "json").stdout)[-1]["status"] == "expected"


# --- Conflicts ------------------------------------------------------------------------------------


def test_conflicts_lists_each_pair_once_and_date_disagreements() -> None:
    result = run("conflicts", "-f", "json")
    assert result.exit_code == 0, result.output
    found = [(c["kind"], c["id"], c["other"]) for c in json.loads(result.stdout)]
    assert found == [
        ("contradicts", "ships-leave", "base-still-used"),
        ("dates", "talks", None),
        ("contradicts", "velt-no-deadline", "orlov-ships-stay"),
    ]
    [dates] = [c for c in json.loads(result.stdout) if c["kind"] == "dates"]
    assert [r["date"] for r in dates["reported"]] == ["2025-10-15", "2025-10-17"]
    only = run("conflicts", "--kind", "dates", "-f", "plain")
    assert ids(only) == ["dates"]


def test_a_pair_written_on_both_sides_is_one_conflict(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    text = STORY.read_text(encoding="utf-8").replace(
        'tags = ["navy"]\n', 'tags = ["navy"]\ncontradicts = ["base-still-used"]\n', 1
    )
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(path), "conflicts", "-f", "json"])
    pairs = [c for c in json.loads(result.stdout) if c["kind"] == "contradicts"]
    assert len(pairs) == 2


def test_dates_that_overlap_are_no_conflict(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    text = STORY.read_text(encoding="utf-8").replace('date = "2025-10-17"', 'date = "2025-10"')
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(path), "conflicts", "--kind", "dates"])
    assert result.exit_code == 0
    assert "no conflicts matched" in result.stderr


def test_conflicts_show_on_both_sides_everywhere() -> None:
    events = {e["id"]: e for e in json.loads(run("timeline", "-f", "json").stdout)}
    assert events["ships-leave"]["conflicts"] == [
        {"kind": "contradicts", "with": "base-still-used"}
    ]
    assert events["base-still-used"]["conflicts"] == [
        {"kind": "contradicts", "with": "ships-leave"}
    ]
    assert events["talks"]["conflicts"][0]["kind"] == "dates"
    assert "contradicts base-still-used" in run("show", "ships-leave").stdout
    assert "sources disagree on the date" in run("timeline", "-f", "table").stdout
    assert 'class="conflict"' in run("timeline", "-f", "html").stdout
    claims = {c["id"]: c for c in json.loads(run("quotes", "-f", "json").stdout)}
    assert claims["velt-no-deadline"]["conflicts"] == [
        {"kind": "contradicts", "with": "orlov-ships-stay"}
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["conflicts", "-f", "json"],
        ["sources", "-f", "json"],
        ["facets", "-f", "json"],
        ["timeline", "--place", "Leera", "--min-sources", "2", "-f", "json"],
    ],
)
def test_the_cached_and_uncached_answers_agree(args: list[str]) -> None:
    cached = run(*args)
    fresh = CliRunner().invoke(app, ["--no-cache", "--data", str(STORY), *args])
    assert cached.exit_code == fresh.exit_code == 0
    assert cached.stdout == fresh.stdout
