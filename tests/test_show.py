"""synews show: an item by id, name or words; the candidates when several fit; show -f json
as data; file:line; the terminal view's wrapped lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from synews_cli.cli import app
from synews_cli.errors import Ambiguous, UsageError
from synews_cli.query.resolve import resolve_item
from synews_cli.store import load_dataset
from synews_cli.text import words

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good.toml"


def run(*args: str) -> Result:
    """The app through CliRunner, stdout and stderr apart."""
    return CliRunner().invoke(app, list(args))


def good(*args: str) -> Result:
    """The app on the small test dataset."""
    return run("--data", str(GOOD), *args)


@pytest.fixture
def accented(tmp_path: Path) -> Path:
    """good.toml with an accented event title and a second source of one outlet."""
    text = GOOD.read_text(encoding="utf-8").replace(
        'title = "Massacres on the coast"', 'title = "Massacres in Ḥamā"'
    )
    text += (
        '\n[[sources]]\nid = "radio-2"\noutlet = "Radio Example"\npublished = "2025"\n'
        'title = "A second programme"\nkind = "broadcast"\n'
    )
    path = tmp_path / "accented.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- Finding the item -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("meeting", "meeting"),  # the id
        ("Jane Doe", "jane-doe"),  # the name
        ("jane", "jane-doe"),  # a word of the name
        ("J. Doe", "jane-doe"),  # an alias
        ("pepe", "jose-muller"),  # an alias, another case
        ("Muller", "jose-muller"),  # the surname, without its accent
        ("MÜLLER", "jose-muller"),
        ("Leaders Moscow", "meeting"),  # title words, in any order
        ("strikes will end", "john-strikes-end"),  # a statement's words
        ("strikes", "strikes"),  # the whole id beats a statement that holds the word
        ("Radio Example", "src-interview"),  # a source's outlet
        ("shadow of an airbase", "src-article"),  # a source's title
        ("Regime-Falls", "regime-falls"),  # the id in another case
    ],
)
def test_show_finds_an_item_by_id_name_or_words(typed: str, expected: str) -> None:
    """An id, a name, an alias, a surname or title words each find their one item."""
    result = good("show", typed, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == expected


def test_show_by_name_on_the_bundled_dataset() -> None:
    """The issue's examples: a surname, a word of a title, words across title and id."""
    assert json.loads(run("show", "Trad", "-f", "json").stdout)["id"] == "ruslan-trad"
    assert json.loads(run("show", "putin", "-f", "json").stdout)["id"] == "putin-shara-meeting"
    meeting = run("show", "Putin meeting", "-f", "json")
    assert json.loads(meeting.stdout)["id"] == "putin-shara-meeting"


def test_accents_in_titles_are_folded(accented: Path) -> None:
    """A title written with accents is found by the word typed without them."""
    store = load_dataset([accented])
    try:
        assert resolve_item(store, "hama").id == "massacres"
        assert resolve_item(store, "ḤAMĀ").id == "massacres"
    finally:
        store.close()


def test_words_match_whole_not_as_prefixes() -> None:
    """Part of a word names nothing: 'Mosc' is not 'Moscow'."""
    result = good("show", "Mosc")
    assert result.exit_code == 2
    assert "nothing in the dataset has the id or the name 'Mosc'" in result.stderr


def test_several_matches_list_the_candidates_and_exit_2() -> None:
    """A surname two people share lists both, with ids and what they are, and a hint."""
    result = good("show", "Doe")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Error: 'Doe' names 2 items:" in result.stderr
    lines = result.stderr.splitlines()
    jane = next(line for line in lines if "jane-doe" in line)
    assert re.match(r"\s+person\s+jane-doe\s+Jane Doe, senior fellow, Example Institute", jane)
    assert any(re.match(r"\s+person\s+john-doe\s+John Doe", line) for line in lines)
    assert "hint: pass one of these ids" in result.stderr


def test_ambiguity_across_kinds_names_each_kind(accented: Path) -> None:
    """An outlet with two sources lists both sources; the error carries every candidate."""
    store = load_dataset([accented])
    try:
        with pytest.raises(Ambiguous) as raised:
            resolve_item(store, "radio example")
    finally:
        store.close()
    assert [(kind, item) for kind, item, _ in raised.value.candidates] == [
        ("source", "radio-2"),
        ("source", "src-interview"),
    ]
    assert raised.value.exit_code == 2


def test_nothing_matches_suggests_close_ids_and_names() -> None:
    """A misspelt name or id exits 2 with did-you-mean suggestions."""
    result = good("show", "Mueller")
    assert result.exit_code == 2
    assert "did you mean jose-muller (José Müller)" in result.stderr
    typo = good("show", "meetin")
    assert "did you mean meeting" in typo.stderr


def test_text_without_words_is_a_usage_error() -> None:
    """Punctuation alone names nothing, without a traceback."""
    store = load_dataset([GOOD])
    try:
        with pytest.raises(UsageError):
            resolve_item(store, "--- !!")
    finally:
        store.close()


def test_hostile_text_in_the_name_stays_inert() -> None:
    """An escape sequence typed as the name never reaches stderr raw."""
    result = good("show", "\x1b[31mDoe")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr


# --- show -f json ---------------------------------------------------------------------------


def test_json_of_an_event_has_the_timeline_fields_and_its_links() -> None:
    """An event: the timeline record, the statements about it and citing it, as ids."""
    timeline = {r["id"]: r for r in json.loads(good("timeline", "-f", "json").stdout)}
    detail = json.loads(good("show", "strikes", "-f", "json").stdout)
    assert detail["type"] == "event"
    assert {k: v for k, v in detail.items() if k in timeline["strikes"]} == timeline["strikes"]
    assert detail["statements_about"] == ["john-strikes-end"]
    assert detail["evidence_for"] == ["john-strikes-end"]
    assert detail["contradicts"] == []


def test_json_of_a_statement_has_the_quotes_fields() -> None:
    """A statement: the quotes record (speaker, about, evidence and sources as ids)."""
    quotes = {r["id"]: r for r in json.loads(good("quotes", "-f", "json").stdout)}
    detail = json.loads(good("show", "john-strikes-end", "-f", "json").stdout)
    assert detail["type"] == "claim"
    assert {k: v for k, v in detail.items() if k in quotes["john-strikes-end"]} == quotes[
        "john-strikes-end"
    ]
    assert (detail["speaker"], detail["about"], detail["evidence"]) == (
        "john-doe",
        ["strikes"],
        ["strikes"],
    )


def test_json_of_a_person_and_a_source_list_their_items() -> None:
    """A person: the people record and their statements' ids; a source: what cites it."""
    people = {r["id"]: r for r in json.loads(good("people", "-f", "json").stdout)}
    person = json.loads(good("show", "jane-doe", "-f", "json").stdout)
    assert person["type"] == "person"
    assert {k: v for k, v in person.items() if k in people["jane-doe"]} == people["jane-doe"]
    assert sorted(person["statement_ids"]) == ["doe-bases-stay", "doe-transactional"]
    source = json.loads(good("show", "src-interview", "-f", "json").stdout)
    assert source["type"] == "source"
    assert source["event_ids"] == ["regime-falls"]
    assert sorted(source["statement_ids"]) == ["john-strikes-end", "muller-regime"]
    assert (source["events"], source["statements"]) == (1, 2)


@pytest.mark.parametrize("item", ["meeting", "jane-doe", "doe-transactional", "src-article"])
def test_defined_at_is_file_colon_line_pointing_at_the_item(item: str) -> None:
    """defined_at (JSON) and 'defined at' (views) are file:line, the line of the item's table."""
    detail = json.loads(good("show", item, "-f", "json").stdout)
    file, line = detail["defined_at"].rsplit(":", 1)
    assert Path(file) == GOOD
    lines = GOOD.read_text(encoding="utf-8").splitlines()
    assert lines[int(line) - 1].startswith("[[")
    assert lines[int(line)] == f'id = "{item}"'
    plain = good("show", item, "-f", "plain").stdout
    assert re.search(rf"\n  defined at +{re.escape(detail['defined_at'])}\n", plain), plain


def test_show_refuses_a_format_it_cannot_print_before_reading() -> None:
    """csv is a usage error naming the formats show prints."""
    result = run("--data", "/nonexistent.toml", "show", "x", "-f", "csv")
    assert result.exit_code == 2
    assert "table, plain, json" in result.stderr


# --- The terminal view ----------------------------------------------------------------------


def test_wrapped_link_lines_keep_their_indent() -> None:
    """A statement too long for the width continues under its own first character."""
    result = CliRunner().invoke(
        app, ["show", "putin-shara-meeting", "-f", "table"], env={"COLUMNS": "60"}
    )
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if "Nader Debo" in line)
    assert lines[start].startswith("  \u2022 ")
    following = lines[start + 1 : start + 4]
    assert following and all(line.startswith("    ") for line in following), following


@settings(max_examples=60, deadline=None)
@given(typed=st.text(min_size=1, max_size=20))
def test_any_text_finds_one_item_or_a_usage_error(typed: str) -> None:
    """Whatever is typed, show either finds an item holding the words or says why not."""
    store = load_dataset([GOOD])
    try:
        try:
            item = resolve_item(store, typed)
        except UsageError:  # Ambiguous is one
            return
    finally:
        store.close()
    held = words(" ".join(map(str, item)))
    # Each word, or (names, as every name filter) the words run together: "A:N" is "an".
    assert set(words(typed)) <= set(held) or "".join(words(typed)) in "".join(held)
