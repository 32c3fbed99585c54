"""``synews search``: the query language, the FTS5 index, ranking, snippets, suggestions,
every output format, and the question the design card asks of the bundled story."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from typer.testing import CliRunner, Result

from support import links
from synews_cli.cli import app
from synews_cli.errors import UsageError
from synews_cli.model import Person
from synews_cli.query.filters import DateFilter
from synews_cli.query.language import QuerySyntaxError, parse_query
from synews_cli.query.people import summarise_people
from synews_cli.query.search import Marked, SearchOutcome, SearchRequest, search
from synews_cli.render import Listing, RenderOptions
from synews_cli.render.records import hits_listing
from synews_cli.render.table import MATCH_STYLE, marked_text, render
from synews_cli.store import load_dataset
from synews_cli.store.reader import Store as Dataset

DATA = Path(__file__).parent / "data"
STORY = DATA / "search_story.toml"
ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "events.toml"


@pytest.fixture(scope="module")
def story() -> Dataset:
    return load_dataset([str(STORY)])


def listing(dataset: Dataset, outcome: SearchOutcome) -> Listing:
    """The hits as the command lists them."""
    people = [hit.item for hit in outcome.hits if isinstance(hit.item, Person)]
    return hits_listing(outcome.hits, links(dataset), summarise_people(dataset, people))


def records(dataset: Dataset, query: str, **kw: Any) -> Sequence[dict[str, Any]]:
    return listing(dataset, search(dataset, SearchRequest(query=query, **kw))).records


def ids(dataset: Dataset, query: str, **kw: Any) -> list[str]:
    """The ids of the hits of ``query``, best first."""
    return [record["id"] for record in records(dataset, query, **kw)]


def cli(*args: str, data: Path = STORY) -> Result:
    return CliRunner().invoke(app, ["--data", str(data), "search", *args])


# --- The query language ---------------------------------------------------------------------


def test_words_must_all_match(story: Dataset) -> None:
    """Several words find only the items that contain every one of them, in any field."""
    assert ids(story, "naval Tartus") == ["haddad-golan"]
    assert set(ids(story, "Tartus")) == {"port-expansion", "haddad-golan", "nasser-markup"}


def test_words_may_match_in_different_fields(story: Dataset) -> None:
    """One word in the statement and another in the speaker's role still match the item."""
    assert ids(story, "Golan analyst") == ["haddad-golan"]


def test_exact_phrase(story: Dataset) -> None:
    """A quoted phrase needs its words next to each other, in order."""
    assert ids(story, '"naval base"') == ["haddad-golan"]
    assert ids(story, '"base naval"') == []


def test_excluded_word(story: Dataset) -> None:
    """-word leaves out the items that contain the word."""
    assert set(ids(story, "Tartus -naval")) == {"port-expansion", "nasser-markup"}
    assert set(ids(story, 'Tartus -"naval base"')) == {"port-expansion", "nasser-markup"}


def test_only_exclusions_list_everything_else_by_date(
    story: Dataset,
) -> None:
    """A query of exclusions alone lists every other item, oldest first, people last."""
    found = ids(story, "-port")
    assert "port-expansion" not in found and "leila-haddad" not in found
    assert found[:2] == ["ferry-february", "ferry-may"]
    assert found[-2:] == ["ministry", "omar-nasser"]


def test_prefix(story: Dataset) -> None:
    """word* matches every word that starts with it."""
    assert set(ids(story, "extrad*")) == {"haddad-extradition", "nasser-extradite"}
    assert ids(story, "legit*") == ["ministry-legitimate"]
    assert ids(story, '"naval ba"*') == ["haddad-golan"]


def test_a_prefix_longer_than_a_stem(story: Dataset) -> None:
    """FTS5 matches a prefix against stems: legitimat* is longer than legitim, the stem of
    legitimate. The dataset's words that start with the prefix are searched too."""
    assert ids(story, "legitimat*") == ["ministry-legitimate"]
    assert ids(story, "legitimat*") == ids(story, "legit*")
    # A word found for the prefix is stemmed like a typed word: extradition finds extradite.
    assert set(ids(story, "extraditi*")) == {"haddad-extradition", "nasser-extradite"}
    assert ids(story, "legitimatx*") == []
    assert ids(story, "-legitimat* ministry") == ids(story, "-legit* ministry")


def test_prefix_words_are_few_or_none(story: Dataset, monkeypatch: Any) -> None:
    """Past PREFIX_WORDS dataset words, a prefix is short enough to lie within the stems
    and is searched as FTS5 does; phrases are never expanded."""
    from synews_cli.query import language

    assert story.words_starting("extrad", 64) == ["extradite", "extradition"]
    assert story.words_starting("extrad", 1) is None
    expanded = language.text_match(story, parse_query("extrad*")).expression
    assert '"extradite"' in expanded and '"extradition"' in expanded
    monkeypatch.setattr(language, "PREFIX_WORDS", 1)
    assert language.text_match(story, parse_query("extrad*")).expression == '"extrad"*'
    monkeypatch.setattr(language, "PREFIX_WORDS", 64)
    assert language.text_match(story, parse_query('"naval ba"*')).expression == '"naval ba"*'


def test_or(story: Dataset) -> None:
    """OR between two words finds items with either."""
    assert set(ids(story, "Latakia OR Jableh")) == {"port-mention", "fishing-season"}


def test_or_binds_tighter_than_and(story: Dataset) -> None:
    """``a OR b c`` means (a or b) and c."""
    assert ids(story, "Latakia OR Jableh grain") == ["port-mention"]
    assert ids(story, "grain Latakia OR Jableh") == ["port-mention"]


def test_and_is_accepted_and_changes_nothing(story: Dataset) -> None:
    """An explicit AND is the same as a space."""
    assert ids(story, "naval AND Tartus") == ids(story, "naval Tartus")


def test_stemming(story: Dataset) -> None:
    """Porter stemming: extradite finds extradition and the other way round."""
    assert set(ids(story, "extradite")) == {"haddad-extradition", "nasser-extradite"}
    assert set(ids(story, "extradition")) == {"haddad-extradition", "nasser-extradite"}
    assert ids(story, "recognise") == ["ministry-legitimate"]


def test_whole_words_not_substrings(story: Dataset) -> None:
    """port does not find airport: matching is by word (or by stem)."""
    assert "airport-reopens" not in ids(story, "port")
    assert ids(story, "airport") == ["airport-reopens"]


@pytest.mark.parametrize("query", ["hama", "HAMA", "Ḥamā", "hama!", "(hama)", "Cafe", "CAFÉ"])
def test_case_accent_and_punctuation_insensitive(story: Dataset, query: str) -> None:
    """Case, accents and punctuation around words do not matter."""
    assert ids(story, query) == ["cafe-opens"]


def test_accents_in_names(story: Dataset) -> None:
    """Leila finds Leïla Haddad, her entry first, then her statements."""
    found = ids(story, "LEILA")
    assert found[0] == "leila-haddad"
    assert set(found[1:]) == {"haddad-extradition", "haddad-golan"}


def test_punctuation_inside_a_word_makes_a_phrase(
    story: Dataset,
) -> None:
    """L.Haddad is the words l and haddad next to each other (the alias L. Haddad)."""
    assert ids(story, "L.Haddad", kinds=("person",)) == ["leila-haddad"]


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


def test_ranking_order_is_relevance(story: Dataset) -> None:
    """Two uses in the title beat one in the summary, which beats a tag."""
    events = ids(story, "port", kinds=("event",))
    assert events == ["port-expansion", "port-mention", "port-tag-only"]


def test_scores_decrease(story: Dataset) -> None:
    """Hits come best first: the scores never increase down the list."""
    found = records(story, "port")
    scores = [r["score"] for r in found]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_ties_are_broken_by_date(story: Dataset) -> None:
    """Equally relevant items come in date order, oldest first."""
    found = records(story, "ferry")
    assert [r["id"] for r in found] == ["ferry-february", "ferry-may"]
    assert found[0]["score"] == found[1]["score"]


def test_sort_by_date(story: Dataset) -> None:
    """--sort date lists the hits chronologically, undated people last."""
    found = ids(story, "port", sort="date")
    assert found == [
        "haddad-golan",
        "port-expansion",
        "haddad-extradition",
        "port-mention",
        "port-tag-only",
        "leila-haddad",
    ]


# --- Filters --------------------------------------------------------------------------------


def test_kind_filter(story: Dataset) -> None:
    """--kind keeps one kind of item; plurals, 'statement' and capitals are accepted."""
    assert ids(story, "Tartus", kinds=("event",)) == ["port-expansion"]
    found = cli("Tartus", "--kind", "statements", "-f", "plain").stdout.splitlines()
    assert {line.split("\t")[1] for line in found} == {"haddad-golan", "nasser-markup"}
    people = cli("port", "--kind", "People", "-f", "plain").stdout.splitlines()
    assert [line.split("\t")[1] for line in people] == ["leila-haddad"]


def test_unknown_kind_is_a_usage_error() -> None:
    """An unknown --kind exits 2 with the closest kind."""
    result = cli("port", "--kind", "evnt")
    assert result.exit_code == 2
    assert "did you mean event?" in result.stderr


def test_date_filters(story: Dataset) -> None:
    """--since/--until/--on keep the items whose dates overlap; undated people drop out."""
    since = DateFilter.from_options(since="2025-04")
    assert set(ids(story, "port", dates=since)) == {"port-mention", "port-tag-only"}
    on = DateFilter.from_options(on="2025-03")
    assert set(ids(story, "port", dates=on)) == {"port-expansion", "haddad-extradition"}
    result = cli("port", "--until", "2025-01")
    assert result.stdout.split("\t")[1] == "haddad-golan"


def test_speaker_filter(story: Dataset) -> None:
    """--speaker keeps the statements of the people it names."""
    assert ids(story, "extradite", speakers=("Haddad",)) == ["haddad-extradition"]
    assert ids(story, "Tartus", speakers=("omar-nasser",)) == ["nasser-markup"]


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


def test_default_limit_is_20_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without --limit, a terminal shows 20 hits; a pipe or a file gets every hit."""
    from synews_cli.cli import browse
    from synews_cli.render import output

    monkeypatch.setattr(browse, "TERMINAL_HITS", 2)
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    shown = cli("port", "-f", "plain")
    assert len(shown.stdout.splitlines()) == 2 and "showing 2 of 6 hits" in shown.stderr
    assert cli("port", "-o", str(tmp_path / "hits.csv")).exit_code == 0
    assert len((tmp_path / "hits.csv").read_text().splitlines()) == 7
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: False)
    assert len(cli("port").stdout.splitlines()) == 6


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
    assert "did you mean '\"naval base\" -Golan'?" in result.stderr


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


def test_snippet_shows_the_stemmed_match(story: Dataset) -> None:
    """The snippet spans mark the words that matched, stems included."""
    outcome = search(story, SearchRequest(query="extradition"))
    hit = next(hit for hit in outcome.hits if hit.id == "nasser-extradite")
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.spans] == ["extradite"]


def test_snippet_says_which_field_when_not_the_main_one(
    story: Dataset,
) -> None:
    """A match only in the topics or the speaker's role says so in the snippet."""
    assert {r["snippet"] for r in records(story, "justice")} == {"topics: justice"}
    found = records(story, "analyst", kinds=("claim",))
    assert found[0]["snippet"].startswith("speaker: Leïla Haddad")


def test_marked_text_styles_spans_not_markup() -> None:
    """The table styles the matched words by span; brackets in the text stay literal."""
    line = marked_text(Marked("[bold]Tartus[/bold] calm", ((6, 12),)))
    assert isinstance(line, Text)
    assert line.plain == "[bold]Tartus[/bold] calm"
    assert [(s.start, s.end, str(s.style)) for s in line.spans] == [(6, 12, MATCH_STYLE)]


def test_table_highlights_in_a_terminal(story: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the matched words are styled (an escape sequence before them)."""
    monkeypatch.setenv("TERM", "xterm")
    hits = listing(story, search(story, SearchRequest(query="extradite")))
    out = io.StringIO()
    render(hits, out, RenderOptions(terminal=True, width=100))
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


# --- The listing ------------------------------------------------------------------------------


def test_hits_listing_kind(story: Dataset) -> None:
    """The listing is of kind "hits" with the documented columns."""
    outcome = search(story, SearchRequest(query="port", limit=1))
    hits = listing(story, outcome)
    assert hits.kind == "hits" and hits.noun() == "hit"
    assert hits.columns == ("kind", "id", "score", "date", "speaker_name", "snippet")
    assert outcome.total == 6 and len(hits.records) == 1


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
    debo = search(dataset, SearchRequest(query="extradition")).hits[2]
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
