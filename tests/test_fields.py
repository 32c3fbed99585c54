"""--fields (choosing and ordering columns), the fields of each listing, each command's
--format choices, and the quote exports' outlet, speaker_role and speaker_affiliation."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from support import links
from synews_cli.cli import app
from synews_cli.errors import UsageError
from synews_cli.query.accounts import bibliography
from synews_cli.query.conflicts import find_conflicts
from synews_cli.query.filters import ClaimQuery, EventQuery, select_claims, select_events
from synews_cli.query.names import facets
from synews_cli.query.people import PeopleQuery, select_people, summarise_people
from synews_cli.query.search import SearchRequest, search
from synews_cli.render import FORMATS, Listing, RenderOptions, formats_for
from synews_cli.render.fields import FIELDS, SELECTABLE, check_fields, keep_fields
from synews_cli.render.flat import render_csv
from synews_cli.render.output import OutputOptions, choose_format
from synews_cli.render.records import (
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    PEOPLE_COLUMNS,
    claims_listing,
    events_listing,
    hits_listing,
    people_listing,
)
from synews_cli.store import load_dataset
from synews_cli.store.reader import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"

# Every command with an output format, and the listings it prints.
LISTING_COMMANDS: dict[str, tuple[str, ...]] = {
    "timeline": ("events", "periods"),
    "quotes": ("claims",),
    "people": ("people",),
    "search": ("hits",),
    "sources": ("sources",),
    "conflicts": ("conflicts",),
    "facets": ("facets",),
    "verify": ("findings",),
}
FLAT = ("csv", "tsv", "markdown", "plain")

# Hostile values: a comma, quotes, a newline, a tab and a leading = in one field.
NASTY_TEXT = '=SUM(A1:A9), "quoted"\nnext line\tafter a tab'
NASTY_OUTLET = '=HYPERLINK("http://evil.example"), Coast "Wire"'

STORY = f"""
[meta]
title = "Fields"
schema_version = 2

[[sources]]
id = "wire"
outlet = {json.dumps(NASTY_OUTLET)}
published = "2025-10-16"
kind = "report"

[[sources]]
id = "herald"
outlet = "The Harbour Herald"
published = "2025-10-17"
kind = "article"

[[sources]]
id = "lamp"
outlet = "The Lamp"
published = "2025-10-18"
kind = "article"
copy_of = "herald"

[[people]]
id = "both"
name = "Mara Velt"
role = "foreign minister"
affiliation = "Government of Lira"

[[people]]
id = "role-only"
name = "Ilan Dorr"
role = "harbour master"

[[people]]
id = "affiliation-only"
name = "Port Workers"
kind = "group"
affiliation = "Dockers' Union"

[[people]]
id = "neither"
name = "Sela Quist"

[[events]]
id = "talks"
date = "2025-10-15"
title = "Talks on the port"
sources = ["wire", "herald"]
places = ["Port Lira", "Capital"]

[[events.reports]]
source = "herald"
date = "2025-10-17"

[[claims]]
id = "one-source"
speaker = "role-only"
kind = "quote"
text = {json.dumps(NASTY_TEXT)}
date = "2025-10-15"
source = "herald"
about = ["talks"]

[[claims]]
id = "several-sources"
speaker = "both"
kind = "quote"
text = "The port stays open"
date = "2025-10-16"
sources = ["wire", "herald", "lamp"]
topics = ["port", "law"]

[[claims]]
id = "by-group"
speaker = "affiliation-only"
kind = "paraphrase"
text = "The docks will strike"
date = "2025-10-17"
source = "lamp"

[[claims]]
id = "by-nobody-special"
speaker = "neither"
kind = "paraphrase"
text = "Nothing changes at the port"
date = "2025-10-17"
source = "herald"
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fields") / "story.toml"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dataset(story: Path) -> Store:
    return load_dataset([str(story)])


def run(*args: str) -> Result:
    """The app through Typer's CliRunner (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, list(args))


def on(story: Path, *args: str) -> Result:
    """A command on the story, which must succeed."""
    result = run("--data", str(story), *args)
    assert result.exit_code == 0, result.stderr
    return result


def as_json(story: Path, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(on(story, *args, "-f", "json").stdout)
    return found


def table_of(fmt: str, text: str) -> tuple[list[str] | None, list[list[str]]]:
    """The header (None for plain, which has none) and the rows of a flat output."""
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        return rows[0], rows[1:]
    lines = text.splitlines()
    if fmt == "plain":
        return None, [line.split("\t") for line in lines]
    if fmt == "tsv":
        return lines[0].split("\t"), [line.split("\t") for line in lines[1:]]
    assert fmt == "markdown"

    def cells(line: str) -> list[str]:
        return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]

    return cells(lines[0]), [cells(line) for line in lines[2:]]


def keyed(fmt: str, text: str, names: list[str]) -> list[dict[str, Any]]:
    """The records of any --fields output, as dicts in the order the output gave."""
    if fmt == "json":
        found: list[dict[str, Any]] = json.loads(text)
        return found
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    header, rows = table_of(fmt, text)
    assert header is None or header == names
    assert all(len(row) == len(names) for row in rows)
    return [dict(zip(names, row, strict=True)) for row in rows]


# --- --fields in every format ------------------------------------------------------------------

CHOSEN = {
    "timeline": ["title", "id", "places", "date"],
    "quotes": ["text", "speaker", "id", "outlet"],
    "people": ["statements", "name", "id"],
}


@pytest.mark.parametrize("fmt", [*FLAT, "json", "jsonl"])
@pytest.mark.parametrize("command", list(CHOSEN))
def test_fields_keeps_only_the_named_fields_in_order(story: Path, command: str, fmt: str) -> None:
    """--fields keeps the named fields, in the order given, with the values of the full
    output: the JSON record, or the same column of the flat output without --fields."""
    names = CHOSEN[command]
    full = as_json(story, command)
    result = on(story, command, "--fields", ",".join(names), "-f", fmt)
    found = keyed(fmt, result.stdout, names)
    assert len(found) == len(full) > 0
    if fmt in ("json", "jsonl"):
        assert found == [{name: whole[name] for name in names} for whole in full]
        return
    header, rows = table_of(fmt, on(story, command, "-f", fmt).stdout)
    columns = header or list(DEFAULT_COLUMNS[command])
    for record, row in zip(found, rows, strict=True):
        assert list(record) == names
        assert record == {name: row[columns.index(name)] for name in names}


def test_fields_accepts_spaces_around_names(story: Path) -> None:
    """`--fields 'id, date'` is the same as `--fields id,date`."""
    spaced = on(story, "quotes", "--fields", " id , date ", "-f", "csv").stdout
    assert spaced == on(story, "quotes", "--fields", "id,date", "-f", "csv").stdout
    assert spaced.splitlines()[0] == "id,date"


DEFAULT_COLUMNS = {"timeline": EVENT_COLUMNS, "quotes": CLAIM_COLUMNS, "people": PEOPLE_COLUMNS}
OTHER_RUNS = {
    "timeline --by": (("timeline", "--by", "month"), "periods", ["statements", "period"]),
    "search": (("search", "port"), "hits", ["id", "kind", "speaker_name", "outlet"]),
    "sources": (("sources",), "sources", ["account", "outlet", "id"]),
    "conflicts": (("conflicts",), "conflicts", ["details", "id", "kind"]),
    "facets": (("facets",), "facets", ["items", "value"]),
    "verify": (("verify",), "findings", ["source", "kind", "message"]),
}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("case", list(OTHER_RUNS))
def test_fields_on_every_other_listing(story: Path, case: str, fmt: str) -> None:
    """Every other listing command keeps the named fields, in order, in flat and JSON formats."""
    args, kind, names = OTHER_RUNS[case]
    assert set(names) <= {field.name for field in FIELDS[kind]}
    result = on(story, *args, "--fields", ",".join(names), "-f", fmt)
    found = keyed(fmt, result.stdout, names)
    assert found, result.stderr
    assert all(list(record) == names for record in found)


def test_fields_output_to_a_file_follows_the_extension(story: Path, tmp_path: Path) -> None:
    """-o x.csv with --fields writes the chosen columns, in order, to the file."""
    target = tmp_path / "quotes.csv"
    on(story, "quotes", "--fields", "id,outlet", "-o", str(target))
    assert target.read_text(encoding="utf-8").splitlines()[0] == "id,outlet"


def test_fields_without_a_format_is_plain_even_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With --fields and no --format, a terminal gets plain (the table has its own layout)."""
    monkeypatch.setattr("synews_cli.render.output.stdout_is_terminal", lambda: True)
    assert choose_format(OutputOptions(), "claims").name == "table"
    assert choose_format(OutputOptions(fields=("id",)), "claims").name == "plain"


# --- --fields help and bad names ----------------------------------------------------------------


@pytest.mark.parametrize("command", list(LISTING_COMMANDS))
def test_fields_help_lists_the_fields_and_exits_0(command: str) -> None:
    """`--fields help` prints each field of the listing with its meaning, on stdout, exit 0."""
    extra = ("x",) if command == "search" else ()
    result = run(command, *extra, "--fields", "help")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    for kind in LISTING_COMMANDS[command]:
        for field in FIELDS[kind]:
            assert any(re.match(rf"{field.name}\s+{re.escape(field.meaning)}", x) for x in lines)


def test_fields_help_runs_before_the_dataset_is_read(tmp_path: Path) -> None:
    """`--fields help` needs no dataset: a missing one is not an error (a real process)."""
    result = subprocess.run(
        [
            *(sys.executable, "-m", "synews_cli", "--data", str(tmp_path / "none.toml")),
            *("quotes", "--fields", "help"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("id ")
    assert "speaker_affiliation" in result.stdout


@pytest.mark.parametrize(
    ("args", "bad"),
    [
        (("quotes", "--fields", "id,speker"), "speker"),
        (("people", "--fields", "name,Text"), "Text"),
        (("timeline", "--fields", "id,\x1b[31mred"), "red"),
        (("timeline", "--by", "year", "--fields", "id"), "id"),
    ],
)
def test_a_bad_field_is_a_usage_error_listing_the_fields(
    story: Path, args: tuple[str, ...], bad: str
) -> None:
    """An unknown field exits 2 naming it and listing the fields of that listing."""
    result = run("--data", str(story), *args, "-f", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert bad in result.stderr and "\x1b" not in result.stderr
    kind = "periods" if "--by" in args else LISTING_COMMANDS[args[0]][0]
    assert ", ".join(field.name for field in FIELDS[kind]) in result.stderr


def test_a_misspelt_field_gets_a_did_you_mean(story: Path) -> None:
    """A field one letter off is named with the closest field."""
    result = run("--data", str(story), "quotes", "--fields", "speker_name")
    assert "did you mean speaker_name?" in result.stderr


@pytest.mark.parametrize(
    ("value", "why"),
    [(",", "--fields is empty"), ("id,date,id", "names id twice"), ("id,reports", "reports")],
)
def test_empty_repeated_and_nested_fields_are_refused_in_csv(
    story: Path, value: str, why: str
) -> None:
    """No field at all, a field named twice, or a field of records in csv: usage errors."""
    result = run("--data", str(story), "quotes", "--fields", value, "-f", "csv")
    assert result.exit_code == 2
    assert why in result.stderr


def test_nested_fields_are_kept_in_json(story: Path) -> None:
    """json takes the fields that hold records (reports, conflicts) too."""
    found = as_json(story, "timeline", "--fields", "id,reports,conflicts")
    assert found[0]["reports"][0]["source"] == "herald"
    assert found[0]["conflicts"][0]["kind"] == "dates"


@pytest.mark.parametrize(
    "args",
    [("-f", "table"), ("-f", "html"), ("-f", "timelinejs"), ("-o", "page.html")],
)
def test_fields_with_a_format_of_its_own_layout_is_a_usage_error(
    story: Path, args: tuple[str, ...]
) -> None:
    """--fields with table, html or timelinejs exits 2 and says which formats take it."""
    result = run("--data", str(story), "timeline", "--fields", "id", *args)
    assert result.exit_code == 2
    assert "--fields does not apply" in result.stderr
    assert ", ".join(SELECTABLE) in result.stderr


# --- The field catalogs and the records ----------------------------------------------------------


def listings(dataset: Store) -> dict[str, list[Listing]]:
    """A listing of every kind of the story (verify aside: its records come from Finding)."""
    from synews_cli.query.overview import build_overview
    from synews_cli.render.records import periods_listing
    from synews_cli.render.story_records import (
        conflicts_listing,
        facets_listing,
        sources_listing,
    )

    found = links(dataset)
    people = select_people(dataset, PeopleQuery())
    hits = search(dataset, SearchRequest(query="port OR Velt OR talks"))
    summaries = summarise_people(dataset, [p.person for p in people])
    kinds = ("place", "actor", "tag", "topic")
    return {
        "events": [events_listing(select_events(dataset, EventQuery()), found)],
        "claims": [claims_listing(select_claims(dataset, ClaimQuery()).claims, found)],
        "people": [people_listing(people, found)],
        "periods": [periods_listing(build_overview(dataset, EventQuery(), unit="year"), found)],
        "hits": [hits_listing(hits.hits, found, summaries)],
        "sources": [sources_listing(bibliography(dataset), found, ())],
        "conflicts": [conflicts_listing(find_conflicts(dataset, ()), found, ())],
        "facets": [facets_listing([f for k in kinds for f in facets(dataset, k)], found, ())],
    }


def test_every_record_carries_exactly_the_fields_of_its_catalog(dataset: Store) -> None:
    """The catalog --fields checks against is what the records hold (search: over all hits)."""
    for kind, found in listings(dataset).items():
        keys: dict[str, None] = {}
        for listing in found:
            assert listing.records, kind
            for record in listing.records:
                keys.update(dict.fromkeys(record))
        catalog = [field.name for field in FIELDS[kind]]
        if kind == "hits":
            assert set(keys) == set(catalog), kind
        else:
            assert list(keys) == catalog, kind
        assert set(found[0].columns) <= set(catalog), kind


def test_findings_carry_the_fields_of_their_catalog() -> None:
    """verify's findings hold exactly the catalog's fields, in its order."""
    from synews_cli.curate.verify import Finding

    record = Finding(kind="missing", source="s", message="m").record()
    assert list(record) == [field.name for field in FIELDS["findings"]]


def test_the_readme_documents_every_field() -> None:
    """Each field of each listing is named in the README's field lists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Field names") :]
    missing = {
        f"{kind}: {field.name}"
        for kind, fields in FIELDS.items()
        for field in fields
        if f"`{field.name}`" not in section
    }
    assert not missing


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_keep_fields_keeps_any_choice_in_any_order(dataset: Store, data: st.DataObject) -> None:
    """Any permutation of any fields: every record has exactly those, in that order."""
    listing = claims_listing(select_claims(dataset, ClaimQuery()).claims, links(dataset))
    catalog = [field.name for field in FIELDS["claims"]]
    names = data.draw(st.lists(st.sampled_from(catalog), min_size=1, unique=True))
    kept = keep_fields(listing, names)
    assert kept.columns == tuple(names)
    for whole, record in zip(listing.records, kept.records, strict=True):
        assert list(record) == names
        assert record == {name: whole[name] for name in names}
    assert kept.records[1:] == list(kept.records)[1:]


@pytest.mark.parametrize("name", list(FORMATS))
def test_check_fields_accepts_exactly_the_selectable_formats(name: str) -> None:
    """check_fields takes plain, csv, tsv, markdown, json and jsonl, and no other format."""
    if name in SELECTABLE:
        assert check_fields(["id"], "events", FORMATS[name]) == ("id",)
    else:
        with pytest.raises(UsageError):
            check_fields(["id"], "events", FORMATS[name])


# --- Hostile values with --fields ----------------------------------------------------------------


def test_hostile_values_come_out_safe_in_csv(story: Path) -> None:
    """csv with --fields: commas, quotes and newlines round-trip; a leading = is defused."""
    _, rows = table_of("csv", on(story, "quotes", "--fields", "text,outlet", "-f", "csv").stdout)
    assert rows[0][0] == "'" + NASTY_TEXT
    assert rows[1][1] == "'" + NASTY_OUTLET  # several-sources: the wire's outlet
    raw = on(story, "quotes", "--fields", "text", "-f", "csv", "--raw-cells").stdout
    assert table_of("csv", raw)[1][0] == [NASTY_TEXT]


@pytest.mark.parametrize("fmt", ["tsv", "plain", "markdown"])
def test_hostile_values_stay_in_their_cell_in_other_flat_formats(story: Path, fmt: str) -> None:
    """tsv, plain and markdown with --fields: one line per record, one cell per field."""
    output = on(story, "quotes", "--fields", "text,outlet,id", "-f", fmt).stdout
    _, rows = table_of(fmt, output)
    assert len(rows) == 4
    text, _, identifier = rows[0]
    outlet = rows[1][1]
    assert identifier == "one-source"
    assert "next line" in text and "after a tab" in text
    if fmt == "tsv":
        assert text.startswith("'=SUM") and outlet == "'" + NASTY_OUTLET
    if fmt == "markdown":
        assert "<br>" in text and 'Coast "Wire"' in outlet


def test_hostile_values_round_trip_in_json(story: Path) -> None:
    """json with --fields keeps the values exactly as the data has them."""
    [first, *_] = as_json(story, "quotes", "--fields", "text,outlet")
    assert first == {"text": NASTY_TEXT, "outlet": "The Harbour Herald"}
    second = as_json(story, "quotes", "--fields", "outlet,outlets")[1]
    assert second["outlet"] == NASTY_OUTLET


def test_render_csv_of_kept_fields_neutralises_formulas(dataset: Store) -> None:
    """The csv renderer defuses formulas in kept fields as in the full listing."""
    listing = claims_listing(select_claims(dataset, ClaimQuery()).claims, links(dataset))
    out = io.StringIO()
    render_csv(keep_fields(listing, ["outlets", "id"]), out, RenderOptions())
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == ["outlets", "id"]
    assert rows[2][0].startswith("'=HYPERLINK")


# --- outlet, speaker_role, speaker_affiliation ---------------------------------------------------


def test_outlet_is_that_of_the_only_source(story: Path) -> None:
    """A statement with one source: outlet and outlets are that source's outlet."""
    record = as_json(story, "quotes")[0]
    assert record["id"] == "one-source"
    assert record["outlet"] == "The Harbour Herald"
    assert record["outlets"] == ["The Harbour Herald"]


def test_outlet_is_that_of_the_first_source_and_outlets_follow_sources(story: Path) -> None:
    """Several sources: outlet is the first source's; outlets are each source's, in order."""
    record = as_json(story, "quotes")[1]
    assert record["sources"] == ["wire", "herald", "lamp"]
    assert record["outlet"] == NASTY_OUTLET
    assert record["outlets"] == [NASTY_OUTLET, "The Harbour Herald", "The Lamp"]
    _, rows = table_of("csv", on(story, "quotes", "-f", "csv", "--raw-cells").stdout)
    header = table_of("csv", on(story, "quotes", "-f", "csv").stdout)[0]
    assert header is not None
    row = dict(zip(header, rows[1], strict=True))
    assert row["outlet"] == NASTY_OUTLET
    assert row["sources"] == "wire; herald; lamp"


@pytest.mark.parametrize(
    ("claim", "role", "affiliation"),
    [
        ("several-sources", "foreign minister", "Government of Lira"),
        ("one-source", "harbour master", None),
        ("by-group", None, "Dockers' Union"),
        ("by-nobody-special", None, None),
    ],
)
def test_speaker_role_and_affiliation_are_separate(
    story: Path, claim: str, role: str | None, affiliation: str | None
) -> None:
    """speaker_role is the role alone and speaker_affiliation the organisation alone."""
    records = {r["id"]: r for r in as_json(story, "quotes")}
    assert records[claim]["speaker_role"] == role
    assert records[claim]["speaker_affiliation"] == affiliation
    csv_rows = on(story, "quotes", "--fields", "id,speaker_role,speaker_affiliation", "-f", "csv")
    header, rows = table_of("csv", csv_rows.stdout)
    assert header == ["id", "speaker_role", "speaker_affiliation"]
    assert [claim, role or "", affiliation or ""] in rows


def test_default_flat_columns_carry_outlet_and_both_speaker_fields(story: Path) -> None:
    """The quotes csv, without --fields, has outlet, speaker_role and speaker_affiliation."""
    header = table_of("csv", on(story, "quotes", "-f", "csv").stdout)[0]
    assert header is not None
    assert {"outlet", "speaker_role", "speaker_affiliation"} <= set(header)


# --- Each command's --format: help, errors and completion ----------------------------------------


def help_formats(command: str) -> list[str]:
    """The formats a command's --help lists for --format."""
    text = " ".join(run(command, "--help").stdout.split())
    match = re.search(r"--format FORMAT ([a-z, ]+?)(?: \(| \[)", text)
    assert match, text
    return [name.strip() for name in match.group(1).split(",")]


def format_parameter(command: str) -> tuple[Any, Any]:
    """The Click command and its --format parameter."""
    group = typer.main.get_command(app)
    click_command = group.commands[command]  # type: ignore[attr-defined]
    [param] = [p for p in click_command.params if "--format" in p.opts]
    return click_command, param


@pytest.mark.parametrize("command", list(LISTING_COMMANDS))
def test_help_lists_exactly_the_formats_of_the_command(command: str) -> None:
    """--help lists the formats the command's listings support, no more, no fewer."""
    expected = [f.name for f in formats_for(*LISTING_COMMANDS[command])]
    assert help_formats(command) == expected


@pytest.mark.parametrize("command", list(LISTING_COMMANDS))
def test_a_format_of_another_command_is_refused_by_name(command: str) -> None:
    """A format the command lacks, or none at all, is exit 2 listing exactly its formats."""
    expected = ", ".join(f.name for f in formats_for(*LISTING_COMMANDS[command]))
    others = [name for name in FORMATS if name not in expected.split(", ")]
    extra = ("x",) if command == "search" else ()
    for value in [*others, "yaml"]:
        result = run(command, *extra, "-f", value)
        assert result.exit_code == 2
        takes = "this command takes" if value in FORMATS else "choose one of"
        assert f"{takes} {expected}\n" in result.stderr
        assert result.stderr.count("\n") <= 2


@pytest.mark.parametrize("command", list(LISTING_COMMANDS))
def test_completion_offers_exactly_the_formats_of_the_command(command: str) -> None:
    """Shell completion of --format offers the command's formats, filtered by what is typed."""
    click_command, param = format_parameter(command)
    ctx = click_command.make_context(command, [], resilient_parsing=True)
    offered = [item.value for item in param.shell_complete(ctx, "")]
    assert offered == [f.name for f in formats_for(*LISTING_COMMANDS[command])]
    assert [item.value for item in param.shell_complete(ctx, "js")] == ["json", "jsonl"]


def test_every_command_with_a_format_is_a_listing_or_show() -> None:
    """No command grows a --format outside the listings this file checks (show has its own)."""
    from synews_cli.cli.app import COMMANDS

    with_format = {
        name for name in COMMANDS if name != "cache" and "--format" in run(name, "--help").stdout
    }
    assert with_format - {"show"} == set(LISTING_COMMANDS)


@pytest.mark.parametrize(
    ("command", "fmt"),
    [(command, f.name) for command, kinds in LISTING_COMMANDS.items() for f in formats_for(*kinds)],
)
def test_every_listed_format_works(story: Path, command: str, fmt: str) -> None:
    """Each format a command lists renders its listing (exit 0, something or a note)."""
    extra = ("port",) if command == "search" else ()
    result = run("--data", str(story), command, *extra, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout or result.stderr


def test_a_field_in_the_wrong_case_is_suggested_in_the_right_one() -> None:
    """--fields ID is not a field (names are lower case), and the error says which is."""
    result = CliRunner().invoke(app, ["quotes", "--fields", "ID,Speaker_Name", "-f", "csv"])
    assert result.exit_code == 2
    assert "did you mean id?" in result.stderr
