"""The format registry and its renderers: every format, every listing, hostile text."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from support import links
from synews_cli.dataset.paths import default_data_path
from synews_cli.dates import parse_edtf
from synews_cli.model import Event, Meta, Source
from synews_cli.query.filters import (
    ClaimQuery,
    DateFilter,
    EventQuery,
    select_claims,
    select_events,
)
from synews_cli.query.people import PeopleQuery, select_people
from synews_cli.render import FORMATS, Format, Links, Listing, RenderOptions, format_for_extension
from synews_cli.render.flat import cell
from synews_cli.render.records import claims_listing, events_listing, people_listing
from synews_cli.store import load_dataset
from synews_cli.store.reader import Store as Dataset
from synews_cli.text import escape_json_text, inert, neutralise_formula

DATA = Path(__file__).parent / "data"
KINDS = ("events", "claims", "people")
CORE_MACHINE = {"csv", "tsv", "json", "jsonl", "markdown"}

# Characters that must never reach an output: ESC, a C1 CSI, a bidi override and isolates.
FORBIDDEN = ("\x1b", "\x9b", "\u202e", "\u2066", "\u2069")


def listing_for(dataset: Dataset, kind: str, filters: tuple[str, ...] = ()) -> Listing:
    if kind == "events":
        return events_listing(select_events(dataset, EventQuery()), links(dataset), filters)
    if kind == "claims":
        return claims_listing(select_claims(dataset, ClaimQuery()).claims, links(dataset), filters)
    return people_listing(select_people(dataset, PeopleQuery()), links(dataset), filters)


def empty_listing(dataset: Dataset, kind: str) -> Listing:
    if kind == "events":
        return events_listing([], links(dataset), ("--search 'zz'",))
    if kind == "claims":
        return claims_listing([], links(dataset), ("--search 'zz'",))
    return people_listing([], links(dataset), ("--search 'zz'",))


def render(fmt: Format | str, listing: Listing, **options: Any) -> str:
    chosen = FORMATS[fmt] if isinstance(fmt, str) else fmt
    out = io.StringIO()
    chosen.renderer()(listing, out, RenderOptions(**options))
    return out.getvalue()


@pytest.fixture(scope="module")
def good() -> Dataset:
    return load_dataset([DATA / "good.toml"])


@pytest.fixture(scope="module")
def hostile() -> Dataset:
    return load_dataset([DATA / "hostile.toml"])


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset([default_data_path()])


def format_kind_pairs(kinds: tuple[str, ...] = KINDS) -> list[Any]:
    """Every registered format with every listing kind it supports."""
    return [
        pytest.param(name, kind, id=f"{name}-{kind}")
        for name, fmt in FORMATS.items()
        for kind in kinds
        if fmt.supports(kind)
    ]


# --- The registry ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_registered_renderer_can_be_imported(name: str) -> None:
    """Each format names a module and function that exist, with the renderer signature."""
    assert callable(FORMATS[name].renderer())
    assert FORMATS[name].name == name


def test_extensions_belong_to_one_format_each() -> None:
    """No file extension is claimed by two formats, and each maps back to its format."""
    seen: dict[str, str] = {}
    for fmt in FORMATS.values():
        for ext in fmt.extensions:
            assert ext.startswith(".") and ext == ext.lower()
            assert ext not in seen, f"{ext} claimed by {seen.get(ext)} and {fmt.name}"
            seen[ext] = fmt.name
            assert format_for_extension(ext.upper()) is fmt


def test_core_formats_are_registered() -> None:
    """The core formats exist with their usual extensions."""
    assert {"table", "plain", *CORE_MACHINE} <= set(FORMATS)
    assert format_for_extension(".csv") is FORMATS["csv"]
    assert format_for_extension(".json") is FORMATS["json"]
    assert format_for_extension(".txt") is FORMATS["plain"]
    assert format_for_extension(".xyz") is None


# --- Every format: empty input, Unicode, hostile text --------------------------------------------


@pytest.mark.parametrize(("name", "kind"), format_kind_pairs())
def test_every_format_renders_an_empty_listing(good: Dataset, name: str, kind: str) -> None:
    """Nothing matched: machine formats give a valid empty document, the others nothing."""
    output = render(name, empty_listing(good, kind))
    fmt = FORMATS[name]
    if not fmt.machine:
        assert output == ""
    elif name == "json":
        assert json.loads(output) == []
    elif name == "jsonl":
        assert output == ""
    elif name in ("csv", "tsv"):
        assert output.splitlines() == [
            (",\t"[name == "tsv"]).join(empty_listing(good, kind).columns)
        ]
    elif name == "markdown":
        assert len(output.splitlines()) == 2


@pytest.mark.parametrize(("name", "kind"), format_kind_pairs())
def test_every_format_keeps_unicode(good: Dataset, name: str, kind: str) -> None:
    """Accented names and places come out as the characters themselves."""
    output = render(name, listing_for(good, kind), width=200)
    expected = {"events": "Ḥamā", "claims": "José Müller", "people": "José Müller"}[kind]
    assert expected in output


@pytest.mark.parametrize(("name", "kind"), format_kind_pairs())
def test_every_format_keeps_hostile_text_inert(hostile: Dataset, name: str, kind: str) -> None:
    """No format lets a terminal escape, a C1 control or a bidi override through."""
    for terminal in (False, True):
        output = render(name, listing_for(hostile, kind), terminal=terminal, color=False, width=120)
        for char in FORBIDDEN:
            assert char not in output, f"{name} lets U+{ord(char):04X} through"


@pytest.mark.parametrize(("name", "kind"), format_kind_pairs(("events", "claims")))
def test_every_format_keeps_arabic_joiners_and_marks(
    hostile: Dataset, name: str, kind: str
) -> None:
    """ZWJ, ZWNJ and RLM in Arabic text survive in every format that shows the text."""
    output = render(name, listing_for(hostile, kind), width=200)
    if kind == "events":
        for mark in ("\u200d", "\u200c", "\u200f"):
            assert mark in output
    else:
        assert "\u200f" in output


# --- CSV and TSV -------------------------------------------------------------------------------


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("kind", KINDS)
def test_csv_round_trips_to_the_dataset(good: Dataset, kind: str) -> None:
    """CSV read back with the csv module equals the records, lists joined with '; '."""
    listing = listing_for(good, kind)
    rows = parse_csv(render("csv", listing))
    assert rows == [{c: cell(r.get(c)) for c in listing.columns} for r in listing.records]


def test_csv_uses_crlf_and_keeps_newlines_inside_quoted_fields(hostile: Dataset) -> None:
    """RFC 4180: records end in CRLF; a newline inside a field is kept, quoted."""
    output = render("csv", listing_for(hostile, "events"))
    assert output.endswith("\r\n")
    row = next(r for r in parse_csv(output) if r["id"] == "h-multiline")
    assert row["summary"] == "line one\nline two\ttabbed\nline three"


@pytest.mark.parametrize("kind", KINDS)
def test_tsv_round_trips_to_the_dataset(good: Dataset, kind: str) -> None:
    """TSV read back by splitting on tabs equals the records, one line per record."""
    listing = listing_for(good, kind)
    lines = render("tsv", listing).splitlines()
    assert lines[0].split("\t") == list(listing.columns)
    rows = [dict(zip(listing.columns, line.split("\t"), strict=True)) for line in lines[1:]]
    assert rows == [{c: cell(r.get(c)) for c in listing.columns} for r in listing.records]


@pytest.mark.parametrize("name", ["csv", "tsv"])
def test_formula_cells_are_neutralised(hostile: Dataset, name: str) -> None:
    """Cells starting with = + - @ get a leading ' so a spreadsheet shows them as text."""
    output = render(name, listing_for(hostile, "events"))
    rows = (
        parse_csv(output)
        if name == "csv"
        else [
            dict(zip(output.splitlines()[0].split("\t"), line.split("\t"), strict=True))
            for line in output.splitlines()[1:]
        ]
    )
    row = next(r for r in rows if r["id"] == "h-formula")
    assert row["title"] == '\'=HYPERLINK("https://evil","x")'
    assert row["summary"] == "'+963 11 555 0100"
    assert row["places"] == "'-5"
    assert row["actors"] == "'@SUM(A1:A2)"
    assert row["note"] == "'=1+1"
    assert row["id"] == "h-formula"


@pytest.mark.parametrize("name", ["csv", "tsv"])
def test_raw_cells_keeps_formulas_as_written(hostile: Dataset, name: str) -> None:
    """--raw-cells turns the neutralising off."""
    output = render(name, listing_for(hostile, "events"), raw_cells=True)
    assert "'=HYPERLINK" not in output
    assert '=HYPERLINK("https://evil"' in output or '=HYPERLINK(""https://evil""' in output
    assert "'-5" not in output


def test_formula_cells_are_neutralised_in_claims_and_people(hostile: Dataset) -> None:
    """Topics and roles that look like formulas are neutralised too."""
    claims = parse_csv(render("csv", listing_for(hostile, "claims")))
    assert next(r for r in claims if r["id"] == "h-claim-markup")["topics"] == "'=2+2"
    people = parse_csv(render("csv", listing_for(hostile, "people")))
    assert next(r for r in people if r["id"] == "h-anna")["role"] == "'=cmd|' /C calc'!A0"


def test_neutralise_formula_only_touches_triggers() -> None:
    """Only cells starting with = + - @ tab or CR are prefixed."""
    assert [neutralise_formula(v) for v in ("=1", "+1", "-1", "@a", "\t1", "a=1", "", "–1")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\t1",
        "a=1",
        "",
        "–1",
    ]


# --- JSON --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_json_round_trips_to_the_records(good: Dataset, kind: str) -> None:
    """json.loads of the JSON output gives back the records exactly."""
    listing = listing_for(good, kind)
    assert json.loads(render("json", listing)) == list(listing.records)


@pytest.mark.parametrize("kind", KINDS)
def test_jsonl_has_one_record_per_line(good: Dataset, kind: str) -> None:
    """Each JSON Lines line is one record."""
    listing = listing_for(good, kind)
    lines = render("jsonl", listing).splitlines()
    assert [json.loads(line) for line in lines] == list(listing.records)


def test_json_is_utf8_not_ascii_escaped(good: Dataset) -> None:
    """Non-ASCII text is written as itself, not as \\u escapes."""
    output = render("json", listing_for(good, "claims"))
    assert "José Müller" in output
    assert "\\u00e9" not in output


def test_json_escapes_controls_but_decodes_to_the_original(hostile: Dataset) -> None:
    """ESC, C1 and bidi characters are \\u-escaped in JSON, and decode to the dataset's text."""
    listing = listing_for(hostile, "events")
    output = render("json", listing)
    assert "\\u001b[31mred" in output
    assert "\\u202e" in output
    assert json.loads(output) == list(listing.records)
    for line in render("jsonl", listing).splitlines():
        assert json.loads(line) in listing.records


@pytest.mark.parametrize(
    ("char", "escaped"),
    [("\x7f", "\\u007f"), ("\x9b", "\\u009b"), ("\u2028", "\\u2028"), ("\u202e", "\\u202e")],
)
def test_json_escapes_what_json_leaves_raw_even_in_ascii_text(char: str, escaped: str) -> None:
    """DEL is ASCII: the shortcut for ASCII-only output must not skip it."""
    encoded = json.dumps({"text": f"plain {char} text"}, ensure_ascii=False)
    safe = escape_json_text(encoded)
    assert char not in safe and escaped in safe
    assert json.loads(safe) == {"text": f"plain {char} text"}
    assert escape_json_text('{"text": "plain"}') == '{"text": "plain"}'


# --- Markdown ----------------------------------------------------------------------------------


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


@pytest.mark.parametrize("kind", KINDS)
def test_markdown_has_one_row_per_record_and_fixed_columns(hostile: Dataset, kind: str) -> None:
    """Every record is one table row with exactly one cell per column."""
    listing = listing_for(hostile, kind)
    lines = render("markdown", listing).splitlines()
    assert len(lines) == 2 + len(listing.records)
    for line in lines:
        assert unescaped_pipes(line) == len(listing.columns) + 1


def test_markdown_escapes_pipes_markup_and_newlines(hostile: Dataset) -> None:
    """A | in text is escaped; newlines become <br>; brackets and HTML are escaped."""
    output = render("markdown", listing_for(hostile, "events"))
    assert "pipe \\| in title" in output
    assert "line one<br>line two" in output
    assert "\\[sic\\]" in output
    assert "\\<script\\>" in output


# --- Plain -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_plain_is_one_line_per_record_with_tab_separated_fields(
    hostile: Dataset, kind: str
) -> None:
    """Plain output has one line per record and exactly one field per column."""
    listing = listing_for(hostile, kind)
    lines = render("plain", listing).split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == len(listing.records)
    for line in lines[:-1]:
        assert len(line.split("\t")) == len(listing.columns)
        assert "\r" not in line


def test_plain_keeps_markup_literal(hostile: Dataset) -> None:
    """Plain output shows markup and editorial brackets as written."""
    output = render("plain", listing_for(hostile, "events"))
    assert "[bold red]x[/] and [link=https://evil]click[/link]" in output
    assert "He said [sic] that [the base] would stay." in output
    assert "[31mred[0m alert" in output


# --- The table view ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_table_never_interprets_markup(hostile: Dataset, kind: str) -> None:
    """[bold red], [sic] and [the base] appear literally in the table view."""
    output = render("table", listing_for(hostile, kind), width=200, color=False, terminal=True)
    expected = {
        "events": ["[bold red]x[/]", "[link=https://evil]click[/link]", "[sic]", "[the base]"],
        "claims": ["[bold]not bold[/bold]", "[sic]"],
        "people": ["[bold]Вашингтона[/bold]"],
    }[kind]
    for literal in expected:
        assert literal in output


def test_table_removes_escapes_and_bidi_but_keeps_arabic_marks(hostile: Dataset) -> None:
    """ESC and the bidi override are removed; ZWJ, ZWNJ, LRM and RLM survive."""
    output = render("table", listing_for(hostile, "events"), width=200, color=False)
    assert "[31mred[0m alert" in output
    assert "invoicetxt.exe" in output
    for mark in ("\u200d", "\u200c", "\u200e", "\u200f"):
        assert mark in output
    assert "قاعدة حميميم" in output
    assert "Латакия" in output


def test_table_with_colour_styles_only_its_own_text(hostile: Dataset) -> None:
    """On a colour terminal the only escapes are Rich's styles, never the data's."""
    output = render("table", listing_for(hostile, "events"), width=200, terminal=True)
    assert "\x1b[" in output  # the view is styled
    assert "\x1b[31mred" not in output
    assert "\x1b[2J" not in output


def strip_styles(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def footer_of(output: str) -> str:
    return [line for line in output.splitlines() if line.strip()][-1].rstrip()


@pytest.mark.parametrize("width", [60, 80, 160])
@pytest.mark.parametrize("kind", KINDS)
def test_table_fits_the_width_and_ends_with_the_footer(
    bundled: Dataset, kind: str, width: int
) -> None:
    """At 60, 80 and 160 columns every line fits and the footer gives the count and filters."""
    listing = listing_for(bundled, kind, ("--since 2024-12",))
    output = render("table", listing, width=width, color=False)
    for line in output.splitlines():
        assert cell_len(line) <= width, line
    count = len(listing.records)
    assert footer_of(output) == f"{count} {listing.noun(count)} matched  --since 2024-12"


def test_table_footer_without_filters(good: Dataset) -> None:
    """Without filters the footer says so."""
    output = render("table", listing_for(good, "events"), width=100, color=False)
    assert footer_of(output) == "9 events  (no filters)"


@pytest.mark.parametrize("width", [60, 80, 160])
def test_table_wraps_long_summaries_without_losing_words(bundled: Dataset, width: int) -> None:
    """A long summary wraps within the width and every one of its words is shown."""
    event = max(bundled.events(), key=lambda e: len(e.summary))
    listing = events_listing([event], links(bundled))
    output = render("table", listing, width=width, color=False)
    lines = output.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    shown = " ".join(line.strip() for line in lines)
    for word in event.summary.split():
        assert word in shown
    if width < 100:
        assert sum(1 for line in lines if line.strip()) > 4  # it did wrap


def year_headings(output: str) -> list[str]:
    return [
        line.strip() for line in output.splitlines() if re.fullmatch(r"\s*(\d{4}|earlier)\s*", line)
    ]


def test_table_groups_events_by_year_in_order(good: Dataset) -> None:
    """Each year heads its events once, in order; open starts come first under 'earlier'."""
    listing = listing_for(good, "events")
    output = render("table", listing, width=100, color=False)
    assert year_headings(output) == ["earlier", "1974", "2015", "2024", "2025"]
    reverse = events_listing(select_events(good, EventQuery(reverse=True)), links(good))
    output = render("table", reverse, width=100, color=False)
    assert year_headings(output) == ["2025", "2024", "2015", "1974", "earlier"]


def test_table_shows_statement_kinds_visibly(good: Dataset) -> None:
    """Quotes are in quotation marks; paraphrases and declined comments are labelled."""
    output = render("table", listing_for(good, "claims"), width=160, color=False)
    assert "\u201ctransactional\u201d" in output
    assert "reported: Doe said the bases would probably stay." in output
    assert "no comment: Did not respond" in output
    assert "(anonymous)" in output and "(pseudonym)" in output


# --- Properties: arbitrary text in any field ---------------------------------------------------


def one_event_listing(title: str, summary: str, place: str) -> Listing:
    source = Source(id="s", outlet="o", published=parse_edtf("2025"))
    event = Event(
        id="e",
        date=parse_edtf("2024-12"),
        title=title,
        source="s",
        summary=summary,
        places=(place,),
    )
    return events_listing([event], Links(Meta(title="t"), sources={"s": source}))


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text(), st.text())
def test_flat_formats_hold_any_text(title: str, summary: str, place: str) -> None:
    """Any text stays one plain line, parses back from CSV/TSV/JSON, and is never active."""
    listing = one_event_listing(title, summary, place)
    record = listing.records[0]

    plain = render("plain", listing)
    assert plain.count("\n") == 1 and plain.endswith("\n")
    assert len(plain[:-1].split("\t")) == len(listing.columns)

    (row,) = parse_csv(render("csv", listing))
    for column in ("title", "summary", "places"):
        assert row[column] == neutralise_formula(inert(cell(record[column])))

    tsv_lines = render("tsv", listing).split("\n")
    assert len(tsv_lines) == 3 and tsv_lines[2] == ""

    assert json.loads(render("json", listing)) == [record]
    assert json.loads(render("jsonl", listing)) == record

    for name in ("plain", "csv", "tsv", "json", "jsonl", "markdown"):
        output = render(name, listing)
        for char in FORBIDDEN:
            assert char not in output


@settings(max_examples=60, deadline=None)
@given(st.text(), st.integers(min_value=40, max_value=160))
def test_table_holds_any_text_within_the_width(title: str, width: int) -> None:
    """Any title renders in the table view within the width, with no escape or bidi override."""
    output = render("table", one_event_listing(title, title, title), width=width, color=False)
    for char in FORBIDDEN:
        assert char not in output
    assert footer_of(output) == "1 event  (no filters)"


def test_date_filter_is_described_in_the_footer(good: Dataset) -> None:
    """The footer repeats the filters exactly as the query describes them."""
    query = EventQuery(dates=DateFilter.from_options(since="Dec 2024"), places=("Syria",))
    listing = events_listing(select_events(good, query), links(good), query.describe())
    output = render("table", listing, width=100, color=False)
    assert footer_of(output) == "2 events matched  --since Dec 2024 --place 'Syria'"


# --- Output a piece at a time --------------------------------------------------------------------


def test_chunks_pass_every_write_on_in_order_a_piece_at_a_time() -> None:
    """A renderer's writes reach stdout in order, in pieces, not all at the end."""
    from synews_cli.render.output import Chunks

    class Recording(io.StringIO):
        calls = 0

        def write(self, text: str) -> int:
            Recording.calls += 1
            return super().write(text)

    out = Recording()
    chunks = Chunks(out, size=50)
    pieces = [f"line {n}\n" for n in range(100)]
    for piece in pieces:
        chunks.write(piece)
    assert 0 < Recording.calls < len(pieces)  # flushed along the way, in pieces
    chunks.flush()
    assert out.getvalue() == "".join(pieces)


def test_event_records_are_made_when_used(good: Dataset) -> None:
    """Going through an events listing's records once does not keep them all; indexing
    into them still works, and both give the same records."""
    listing = events_listing(good.events(), links(good))
    streamed = list(listing.records)
    assert streamed == [listing.records[i] for i in range(len(listing.records))]
    assert streamed[0]["id"] == good.events()[0].id
