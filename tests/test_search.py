"""``synews search``: the query language, the FTS5 index, ranking, snippets, suggestions,
every output format, and the question the design card asks of the bundled story."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from typer.testing import CliRunner, Result

from synews_cli.cli import app
from synews_cli.dataset.merge import load_dataset
from synews_cli.errors import UsageError
from synews_cli.model import Dataset
from synews_cli.query.filters import DateFilter
from synews_cli.query.language import QuerySyntaxError, parse_query
from synews_cli.query.search import (
    Marked,
    SearchOptions,
    SearchRequest,
    build_index,
    hits_listing,
    make_hit,
    open_index,
    run_search,
    search,
)
from synews_cli.render import RenderOptions
from synews_cli.render.table import MATCH_STYLE, marked_text, render

DATA = Path(__file__).parent / "data"
STORY = DATA / "search_story.toml"
ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "events.toml"


@pytest.fixture(scope="module")
def story() -> Dataset:
    return load_dataset([str(STORY)])


@pytest.fixture(scope="module")
def index(story: Dataset) -> sqlite3.Connection:
    return open_index(story)


def ids(
    dataset: Dataset, query: str, conn: sqlite3.Connection | None = None, **kw: Any
) -> list[str]:
    """The ids of the hits of ``query``, best first."""
    outcome = search(dataset, SearchRequest(query=query, **kw), conn=conn)
    return [record["id"] for record in outcome.listing.records]


def cli(*args: str, data: Path = STORY) -> Result:
    return CliRunner().invoke(app, ["--data", str(data), "search", *args])


# --- The query language ---------------------------------------------------------------------


def test_words_must_all_match(story: Dataset, index: sqlite3.Connection) -> None:
    """Several words find only the items that contain every one of them, in any field."""
    assert ids(story, "naval Tartus", index) == ["haddad-golan"]
    assert set(ids(story, "Tartus", index)) == {"port-expansion", "haddad-golan", "nasser-markup"}


def test_words_may_match_in_different_fields(story: Dataset, index: sqlite3.Connection) -> None:
    """One word in the statement and another in the speaker's role still match the item."""
    assert ids(story, "Golan analyst", index) == ["haddad-golan"]


def test_exact_phrase(story: Dataset, index: sqlite3.Connection) -> None:
    """A quoted phrase needs its words next to each other, in order."""
    assert ids(story, '"naval base"', index) == ["haddad-golan"]
    assert ids(story, '"base naval"', index) == []


def test_excluded_word(story: Dataset, index: sqlite3.Connection) -> None:
    """-word leaves out the items that contain the word."""
    assert set(ids(story, "Tartus -naval", index)) == {"port-expansion", "nasser-markup"}
    assert set(ids(story, 'Tartus -"naval base"', index)) == {"port-expansion", "nasser-markup"}


def test_only_exclusions_list_everything_else_by_date(
    story: Dataset, index: sqlite3.Connection
) -> None:
    """A query of exclusions alone lists every other item, oldest first, people last."""
    found = ids(story, "-port", index)
    assert "port-expansion" not in found and "leila-haddad" not in found
    assert found[:2] == ["ferry-february", "ferry-may"]
    assert found[-2:] == ["ministry", "omar-nasser"]


def test_prefix(story: Dataset, index: sqlite3.Connection) -> None:
    """word* matches every word that starts with it."""
    assert set(ids(story, "extrad*", index)) == {"haddad-extradition", "nasser-extradite"}
    assert ids(story, "legit*", index) == ["ministry-legitimate"]
    assert ids(story, '"naval ba"*', index) == ["haddad-golan"]


def test_a_prefix_longer_than_a_stem(story: Dataset, index: sqlite3.Connection) -> None:
    """FTS5 matches a prefix against stems: legitimat* is longer than legitim, the stem of
    legitimate. The dataset's words that start with the prefix are searched too."""
    assert ids(story, "legitimat*", index) == ["ministry-legitimate"]
    assert ids(story, "legitimat*", index) == ids(story, "legit*", index)
    # A word found for the prefix is stemmed like a typed word: extradition finds extradite.
    assert set(ids(story, "extraditi*", index)) == {"haddad-extradition", "nasser-extradite"}
    assert ids(story, "legitimatx*", index) == []
    assert ids(story, "-legitimat* ministry", index) == ids(story, "-legit* ministry", index)


def test_prefix_words_are_few_or_none(index: sqlite3.Connection, monkeypatch: Any) -> None:
    """Past PREFIX_WORDS dataset words, a prefix is short enough to lie within the stems
    and is searched as FTS5 does; phrases are never expanded."""
    from synews_cli.query import search as search_module

    [term] = parse_query("extrad*").terms
    assert sorted(search_module.prefix_words(index, term)) == ["extradite", "extradition"]
    monkeypatch.setattr(search_module, "PREFIX_WORDS", 1)
    assert search_module.prefix_words(index, term) == []
    [phrase] = parse_query('"naval ba"*').terms
    assert search_module.prefix_words(index, phrase) == []


def test_or(story: Dataset, index: sqlite3.Connection) -> None:
    """OR between two words finds items with either."""
    assert set(ids(story, "Latakia OR Jableh", index)) == {"port-mention", "fishing-season"}


def test_or_binds_tighter_than_and(story: Dataset, index: sqlite3.Connection) -> None:
    """``a OR b c`` means (a or b) and c."""
    assert ids(story, "Latakia OR Jableh grain", index) == ["port-mention"]
    assert ids(story, "grain Latakia OR Jableh", index) == ["port-mention"]


def test_and_is_accepted_and_changes_nothing(story: Dataset, index: sqlite3.Connection) -> None:
    """An explicit AND is the same as a space."""
    assert ids(story, "naval AND Tartus", index) == ids(story, "naval Tartus", index)


def test_stemming(story: Dataset, index: sqlite3.Connection) -> None:
    """Porter stemming: extradite finds extradition and the other way round."""
    assert set(ids(story, "extradite", index)) == {"haddad-extradition", "nasser-extradite"}
    assert set(ids(story, "extradition", index)) == {"haddad-extradition", "nasser-extradite"}
    assert ids(story, "recognise", index) == ["ministry-legitimate"]


def test_whole_words_not_substrings(story: Dataset, index: sqlite3.Connection) -> None:
    """port does not find airport: matching is by word (or by stem)."""
    assert "airport-reopens" not in ids(story, "port", index)
    assert ids(story, "airport", index) == ["airport-reopens"]


@pytest.mark.parametrize("query", ["hama", "HAMA", "Ḥamā", "hama!", "(hama)", "Cafe", "CAFÉ"])
def test_case_accent_and_punctuation_insensitive(
    story: Dataset, index: sqlite3.Connection, query: str
) -> None:
    """Case, accents and punctuation around words do not matter."""
    assert ids(story, query, index) == ["cafe-opens"]


def test_accents_in_names(story: Dataset, index: sqlite3.Connection) -> None:
    """Leila finds Leïla Haddad, her entry first, then her statements."""
    found = ids(story, "LEILA", index)
    assert found[0] == "leila-haddad"
    assert set(found[1:]) == {"haddad-extradition", "haddad-golan"}


def test_punctuation_inside_a_word_makes_a_phrase(
    story: Dataset, index: sqlite3.Connection
) -> None:
    """L.Haddad is the words l and haddad next to each other (the alias L. Haddad)."""
    assert ids(story, "L.Haddad", index, kinds=("person",)) == ["leila-haddad"]


@pytest.mark.parametrize(
    "query", ["title:Tartus", "NEAR(port grain)", "port AND", "^port", "port NOT grain", "{port}"]
)
def test_fts_syntax_is_searched_as_words(story: Dataset, query: str) -> None:
    """FTS5 operators and column filters typed in a query are words, never syntax."""
    result = cli(query)
    assert result.exit_code == 0, result.stderr


def test_parse_query_structure() -> None:
    """The parser groups OR alternatives, keeps exclusions apart and marks prefixes."""
    parsed = parse_query('Tartus OR Latakia "naval base" -Israel extrad* AND x')
    groups = [[t.text for t in group] for group in parsed.groups]
    assert groups == [["Tartus", "Latakia"], ["naval base"], ["extrad"], ["x"]]
    assert [t.text for t in parsed.excluded] == ["Israel"]
    assert [t.prefix for t in parsed.terms] == [False, False, False, True, False]
    assert parsed.match_expression() == (
        '(("Tartus" OR "Latakia") AND "naval base" AND "extrad"* AND "x") NOT ("Israel")'
    )


def test_quotes_in_terms_are_escaped() -> None:
    """A double quote can never end the FTS5 string a term becomes."""
    parsed = parse_query('abc"def"')
    assert [t.fts() for t in parsed.terms] == ['"abc"', '"def"']


def test_lowercase_or_is_a_word() -> None:
    """Only OR in capitals is the operator; or is searched for."""
    assert len(parse_query("Tartus or Latakia").groups) == 3


def test_punctuation_only_terms_are_ignored() -> None:
    """A lone dash or an empty phrase adds nothing to the query."""
    assert [t.text for t in parse_query('Tartus - "" ...').terms] == ["Tartus"]


# --- Malformed queries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "position", "problem"),
    [
        ('"Tartus base', 0, "never closed"),
        ('Tartus "naval base', 7, "never closed"),
        ('Tartus -"naval', 8, "never closed"),
        ("OR Tartus", 0, "OR needs a word before it"),
        ("Tartus OR", 7, "OR needs a word after it"),
        ("Tartus OR OR Latakia", 10, "OR needs a word before it"),
        ("Tartus OR -Latakia", 10, "excluded"),
        ("Tartus *", 7, "a * must follow"),
    ],
)
def test_malformed_query_marks_the_position(query: str, position: int, problem: str) -> None:
    """A malformed query is a usage error that echoes the query with ^ under the problem."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    error = caught.value
    assert error.position == position
    assert problem in error.message
    lines = error.message.split("\n")
    assert lines[1] == f"    {query}"
    assert lines[2] == "    " + " " * position + "^"
    assert error.exit_code == 2


def test_caret_under_wide_characters() -> None:
    """The ^ counts wide characters as two columns so it stays under the quote."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query('港口 "naval')
    assert caught.value.message.split("\n")[2] == "    " + " " * 5 + "^"


def test_malformed_query_on_the_command_line() -> None:
    """The CLI prints the marked query and a hint on stderr and exits 2, nothing on stdout."""
    result = cli('Tartus "naval base')
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: search query: this quotation mark is never closed"
    assert lines[1] == '    Tartus "naval base'
    assert lines[2] == "           ^"
    assert lines[3].startswith("  hint: ")


@pytest.mark.parametrize("query", ["", "   ", "-", "...", '""'])
def test_query_without_words_is_a_usage_error(query: str) -> None:
    """A query with nothing to search for is refused with exit 2."""
    with pytest.raises(UsageError):
        parse_query(query)
    assert cli("--", query).exit_code == 2


# --- Ranking --------------------------------------------------------------------------------


def test_ranking_order_is_relevance(story: Dataset, index: sqlite3.Connection) -> None:
    """Two uses in the title beat one in the summary, which beats a tag."""
    events = ids(story, "port", index, kinds=("event",))
    assert events == ["port-expansion", "port-mention", "port-tag-only"]


def test_scores_decrease(story: Dataset, index: sqlite3.Connection) -> None:
    """Hits come best first: the scores never increase down the list."""
    records = search(story, SearchRequest(query="port"), conn=index).listing.records
    scores = [r["score"] for r in records]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_ties_are_broken_by_date(story: Dataset, index: sqlite3.Connection) -> None:
    """Equally relevant items come in date order, oldest first."""
    records = search(story, SearchRequest(query="ferry"), conn=index).listing.records
    assert [r["id"] for r in records] == ["ferry-february", "ferry-may"]
    assert records[0]["score"] == records[1]["score"]


def test_sort_by_date(story: Dataset, index: sqlite3.Connection) -> None:
    """--sort date lists the hits chronologically, undated people last."""
    found = ids(story, "port", index, sort="date")
    assert found == [
        "haddad-golan",
        "port-expansion",
        "haddad-extradition",
        "port-mention",
        "port-tag-only",
        "leila-haddad",
    ]


# --- Filters --------------------------------------------------------------------------------


def test_kind_filter(story: Dataset, index: sqlite3.Connection) -> None:
    """--kind keeps one kind of item; plurals and 'statement' are accepted."""
    assert ids(story, "Tartus", index, kinds=("event",)) == ["port-expansion"]
    assert set(ids(story, "Tartus", index, kinds=("statements",))) == {
        "haddad-golan",
        "nasser-markup",
    }
    assert ids(story, "port", index, kinds=("people",)) == ["leila-haddad"]


def test_unknown_kind_is_a_usage_error() -> None:
    """An unknown --kind exits 2 with the closest kind."""
    result = cli("port", "--kind", "evnt")
    assert result.exit_code == 2
    assert "did you mean event?" in result.stderr


def test_date_filters(story: Dataset, index: sqlite3.Connection) -> None:
    """--since/--until/--on keep the items whose dates overlap; undated people drop out."""
    since = DateFilter.from_options(since="2025-04")
    assert set(ids(story, "port", index, dates=since)) == {"port-mention", "port-tag-only"}
    on = DateFilter.from_options(on="2025-03")
    assert set(ids(story, "port", index, dates=on)) == {"port-expansion", "haddad-extradition"}
    result = cli("port", "--until", "2025-01")
    assert result.stdout.split("\t")[1] == "haddad-golan"


def test_speaker_filter(story: Dataset, index: sqlite3.Connection) -> None:
    """--speaker keeps the statements of the people it names."""
    assert ids(story, "extradite", index, speakers=("Haddad",)) == ["haddad-extradition"]
    assert ids(story, "Tartus", index, speakers=("omar-nasser",)) == ["nasser-markup"]


def test_speaker_errors() -> None:
    """An unknown speaker, or --speaker with --kind event, is a usage error."""
    unknown = cli("port", "--speaker", "Hadad")
    assert unknown.exit_code == 2 and "Leïla Haddad" in unknown.stderr
    mixed = cli("port", "--speaker", "Haddad", "--kind", "event")
    assert mixed.exit_code == 2 and "--speaker" in mixed.stderr


def test_bad_sort_is_a_usage_error() -> None:
    """--sort accepts relevance or date only."""
    result = cli("port", "--sort", "dates")
    assert result.exit_code == 2 and "did you mean date?" in result.stderr


def test_limit_and_the_note_on_what_was_left(story: Dataset) -> None:
    """--limit keeps the best N and says on stderr how many there were."""
    result = cli("port", "--limit", "2")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2
    assert "showing 2 of 6 hits" in result.stderr


def test_default_limit_is_20_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --limit, a terminal shows 20 hits; a pipe or a file gets every hit."""
    from synews_cli.query import search as search_module
    from synews_cli.render.output import OutputOptions

    monkeypatch.setattr(search_module, "stdout_is_terminal", lambda: True)
    assert search_module.default_limit(OutputOptions()) == 20
    assert search_module.default_limit(OutputOptions(output="hits.csv")) is None
    monkeypatch.setattr(search_module, "stdout_is_terminal", lambda: False)
    assert search_module.default_limit(OutputOptions()) is None


def test_pipe_gets_every_hit() -> None:
    """In a pipe (a real subprocess) nothing is cut at 20."""
    done = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", str(BUNDLED), "search", "Russia"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(done.stdout.splitlines()) > 20
    assert "showing" not in done.stderr


# --- No match -------------------------------------------------------------------------------


def test_did_you_mean() -> None:
    """A misspelt word gets the closest dataset word, as written there, and exit 0."""
    result = cli("Tartous")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == 'no match for "Tartous"; did you mean "Tartus"?\n'


def test_did_you_mean_keeps_the_rest_of_the_query() -> None:
    """Only the absent words are replaced in the suggestion."""
    result = cli('"naval basse" -Golan')
    assert 'did you mean ""naval base" -Golan"?' in result.stderr


def test_did_you_mean_with_accents() -> None:
    """The suggestion is spelt as the dataset spells it, accents included."""
    assert 'did you mean "Leïla"?' in cli("Leyla").stderr


def test_absent_word_without_suggestion() -> None:
    """A word nothing resembles is named as absent."""
    assert cli("xylophone").stderr == (
        'no match for "xylophone"; "xylophone" does not occur in the dataset\n'
    )


def test_words_that_never_meet() -> None:
    """Words that all occur, but never in one item, are told apart from misspellings."""
    assert "each word occurs, but no item matches the whole query" in cli("Latakia Jableh").stderr


def test_no_match_because_of_filters() -> None:
    """When the filters leave nothing, the message names them."""
    result = cli("Jableh", "--kind", "claim")
    assert result.stderr == 'no match for "Jableh" with --kind claim\n'


@pytest.mark.parametrize(("fmt", "expected"), [("json", "[]\n"), ("csv", None), ("jsonl", "")])
def test_no_match_in_machine_formats(fmt: str, expected: str | None) -> None:
    """Machine formats still print a valid empty document when nothing matched."""
    result = cli("Tartous", "-f", fmt)
    assert result.exit_code == 0
    if expected is None:
        assert result.stdout.splitlines() == ["kind,id,score,date,speaker_name,snippet"]
    else:
        assert result.stdout == expected
    assert "did you mean" in result.stderr


# --- Snippets and highlighting --------------------------------------------------------------


def test_marked_parse() -> None:
    """highlight() markers become plain text and spans."""
    marked = Marked.parse("a \x01bc\x02 d \x01e\x02")
    assert marked.text == "a bc d e"
    assert marked.spans == ((2, 4), (7, 8))


def test_crop_keeps_spans_on_the_words() -> None:
    """A long text is cut around the matches, with ellipses, and spans still fit."""
    words = [f"w{i}" for i in range(200)]
    text = " ".join(words)
    start = text.index("w150")
    marked = Marked(text, ((start, start + 4),)).crop(60)
    assert marked.text.startswith("…") and marked.text.endswith("…")
    assert len(marked.text) <= 62
    (span,) = marked.spans
    assert marked.text[span[0] : span[1]] == "w150"


def test_snippet_shows_the_stemmed_match(story: Dataset, index: sqlite3.Connection) -> None:
    """The snippet spans mark the words that matched, stems included."""
    result = run_search(index, parse_query("extradition"), SearchOptions())
    hit = next(make_hit(raw, story) for raw in result.hits if raw.item_id == "nasser-extradite")
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.spans] == ["extradite"]


def test_snippet_says_which_field_when_not_the_main_one(
    story: Dataset, index: sqlite3.Connection
) -> None:
    """A match only in the topics or the speaker's role says so in the snippet."""
    records = search(story, SearchRequest(query="justice"), conn=index).listing.records
    assert {r["snippet"] for r in records} == {"topics: justice"}
    records = search(story, SearchRequest(query="analyst", kinds=("claim",)), conn=index)
    assert records.listing.records[0]["snippet"].startswith("speaker: Leïla Haddad")


def test_marked_text_styles_spans_not_markup() -> None:
    """The table styles the matched words by span; brackets in the text stay literal."""
    line = marked_text(Marked("[bold]Tartus[/bold] calm", ((6, 12),)))
    assert isinstance(line, Text)
    assert line.plain == "[bold]Tartus[/bold] calm"
    assert [(s.start, s.end, str(s.style)) for s in line.spans] == [(6, 12, MATCH_STYLE)]


def test_table_highlights_in_a_terminal(
    story: Dataset, index: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal the matched words are styled (an escape sequence before them)."""
    monkeypatch.setenv("TERM", "xterm")
    listing = search(story, SearchRequest(query="extradite"), conn=index).listing
    out = io.StringIO()
    render(listing, out, RenderOptions(terminal=True, width=100))
    shown = out.getvalue()
    assert "\x1b[1;4;33mextradite\x1b[0m" in shown
    assert "\x1b[1;4;33mExtradition\x1b[0m" in shown


def test_table_without_colour_keeps_markup_literal() -> None:
    """--no-color: the table shows kinds, dates, ids and bracketed text as written."""
    result = CliRunner().invoke(
        app, ["--data", str(STORY), "--no-color", "search", "calm", "-f", "table"]
    )
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "[bold]really[/bold]" in result.stdout
    assert "nasser-markup" in result.stdout and "Jun 2025" in result.stdout
    assert "1 hit matched" in result.stdout


# --- Output formats -------------------------------------------------------------------------


def test_plain_is_tab_separated_without_marks() -> None:
    """plain: kind, id, score, date, speaker and a one-line snippet with no markers."""
    result = cli("naval", "-f", "plain")
    (line,) = result.stdout.splitlines()
    kind, item_id, score, date, speaker, snippet = line.split("\t")
    assert (kind, item_id, date, speaker) == ("claim", "haddad-golan", "2024-12", "Leïla Haddad")
    assert float(score) > 0
    assert snippet.startswith("The Golan Heights") and "[" not in snippet
    assert "\x01" not in result.stdout and "\x02" not in result.stdout


def test_json_carries_the_item_fields() -> None:
    """json: kind, id, score, snippet and the item's own listing fields."""
    result = cli("port", "-f", "json")
    records = json.loads(result.stdout)
    assert [r["kind"] for r in records[:2]] == ["event", "person"]
    event = records[0]
    assert event["id"] == "port-expansion"
    assert event["title"] == "Port expansion at Tartus: a new port terminal"
    assert event["tags"] == ["economy", "port"] and event["when"] == "Mar 2025"
    assert isinstance(event["score"], float) and event["snippet"]
    person = records[1]
    assert person["item_kind"] == "person" and person["statements"] == 2
    claim = next(r for r in records if r["kind"] == "claim")
    assert claim["item_kind"] == "quote" and claim["speaker"] == "leila-haddad"
    assert claim["speaker_name"] == "Leïla Haddad"


def test_jsonl_one_object_per_hit() -> None:
    """jsonl: one JSON object per line, same order as json."""
    lines = cli("port", "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [
        r["id"] for r in json.loads(cli("port", "-f", "json").stdout)
    ]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv(fmt: str) -> None:
    """csv/tsv: a header and one row per hit."""
    result = cli("Tartus", "-f", fmt)
    delimiter = "," if fmt == "csv" else "\t"
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=delimiter))
    assert rows[0] == ["kind", "id", "score", "date", "speaker_name", "snippet"]
    assert len(rows) == 4


def test_markdown() -> None:
    """markdown: a table whose brackets are escaped."""
    result = cli("calm", "-f", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == "| kind | id | score | date | speaker_name | snippet |"
    assert "\\[bold\\]really\\[/bold\\]" in lines[2]


def test_output_file(tmp_path: Path) -> None:
    """-o FILE writes the format of its extension and confirms on stderr."""
    target = tmp_path / "hits.json"
    result = cli("Tartus", "-o", str(target))
    assert result.exit_code == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3
    assert f"wrote 3 hits to {target}" in result.stderr


def test_formats_for_other_listings_only_are_refused() -> None:
    """A format that cannot show hits (TimelineJS, events only) is a usage error."""
    result = cli("Tartus", "-f", "timelinejs")
    assert result.exit_code == 2


# --- The index as a boundary ----------------------------------------------------------------


def test_index_can_live_in_a_file(story: Dataset, tmp_path: Path) -> None:
    """build_index and run_search only share a connection: a file index built once serves
    later connections, suggestions included."""
    path = tmp_path / "index.sqlite"
    with sqlite3.connect(path) as conn:
        build_index(conn, story)
    conn.close()
    again = sqlite3.connect(path)
    try:
        outcome = search(story, SearchRequest(query="naval"), conn=again)
        assert [r["id"] for r in outcome.listing.records] == ["haddad-golan"]
        missing = search(story, SearchRequest(query="Tartous"), conn=again)
        assert missing.no_match is not None and missing.no_match.suggestion == "Tartus"
    finally:
        again.close()


def test_hits_listing_kind(story: Dataset, index: sqlite3.Connection) -> None:
    """The listing is of kind "hits" with the documented columns."""
    result = run_search(index, parse_query("port"), SearchOptions(limit=1))
    listing = hits_listing(story, [make_hit(raw, story) for raw in result.hits])
    assert listing.kind == "hits" and listing.noun() == "hit"
    assert listing.columns == ("kind", "id", "score", "date", "speaker_name", "snippet")
    assert result.total == 6


# --- The bundled story ----------------------------------------------------------------------


def test_bundled_extradition_question() -> None:
    """`synews search extradition` on the bundled story: the HTS source's request, Trad's
    "highly unlikely" and Debo's "we will get him ourselves", in that order of relevance."""
    dataset = load_dataset([str(BUNDLED)])
    found = ids(dataset, "extradition")
    wanted = [
        "hts-extradition-request",
        "trad-extradition-highly-unlikely",
        "debo-political-mistake",
    ]
    assert found[:3] == wanted
    debo = search(dataset, SearchRequest(query="extradition")).listing.items[2]
    assert "we will get him ourselves" in debo.snippet.text
    assert [debo.snippet.text[s:e] for s, e in debo.snippet.spans] == ["extradite"]


def test_bundled_through_the_command_line() -> None:
    """The same question through a real process, in a pipe."""
    done = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", str(BUNDLED), "search", "extradition"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = [line.split("\t")[1] for line in done.stdout.splitlines()]
    assert found[:3] == [
        "hts-extradition-request",
        "trad-extradition-highly-unlikely",
        "debo-political-mistake",
    ]


def test_search_command_in_help() -> None:
    """`synews search --help` documents the syntax."""
    result = CliRunner().invoke(app, ["search", "--help"])
    assert result.exit_code == 0
    assert "exact phrase" in result.stdout and "--sort" in result.stdout
