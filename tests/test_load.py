"""dataset/ and the store: files and folders -> a validated dataset, every problem located."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import Report, check_paths
from synews_cli.dataset.paths import active_paths, default_data_path
from synews_cli.errors import DataError, Problem
from synews_cli.store import load_dataset

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"
ROOT = Path(__file__).resolve().parents[1]


def only_problem(report: Report) -> Problem:
    """The single problem of a report (fixtures in broken/ hold one error kind each)."""
    assert report.dataset is None
    assert len(report.problems) == 1, [str(p) for p in report.problems]
    return report.problems[0]


# --- One test per error kind, each located by file:line: item: field -------------------------


def test_toml_syntax_error_names_file_and_line() -> None:
    """A TOML syntax error is reported with its file and line."""
    path = BROKEN / "syntax.toml"
    problem = only_problem(check_paths([path]))
    assert (problem.file, problem.line) == (str(path), 4)
    assert str(problem).startswith(f"{path}:4: TOML syntax error: ")
    assert "at line" not in problem.message  # the position is not repeated in the message


def test_unknown_table_suggests_the_known_one() -> None:
    """A misspelt table name is reported on its line with a did-you-mean."""
    path = BROKEN / "unknown_table.toml"
    problem = only_problem(check_paths([path]))
    assert str(problem).startswith(f"{path}:5: evnets: unknown table (did you mean 'events'?)")


def test_unknown_field_suggests_the_known_one() -> None:
    """A misspelt field (speker) is reported on its own line with a did-you-mean."""
    path = BROKEN / "unknown_field.toml"
    report = check_paths([path])
    assert report.dataset is None
    lines = [str(p) for p in report.problems]
    assert f"{path}:17: typo-claim: speker: unknown field (did you mean 'speaker'?)" in lines


def test_missing_required_field_is_named() -> None:
    """A missing required field is reported with the item's line, id and the field."""
    path = BROKEN / "missing_field.toml"
    problem = only_problem(check_paths([path]))
    assert str(problem) == f"{path}:11: no-title: title: missing required field 'title'"


def test_wrong_type_says_what_was_expected_and_found() -> None:
    """A value of the wrong type is reported on its line with the expected and found types."""
    path = BROKEN / "wrong_type.toml"
    problem = only_problem(check_paths([path]))
    assert str(problem).startswith(f"{path}:15: wrong-type: places: expected a list of strings")
    assert problem.message.endswith("found a string")


def test_integer_date_is_a_wrong_type_with_a_quoting_hint() -> None:
    """An unquoted year is refused with an example of a quoted date."""
    report = check_text("[[sources]]\nid='s'\noutlet='o'\npublished=2025\nkind='article'\n")
    assert any("dates are quoted strings" in p.message for p in report.problems)


def test_impossible_date_is_refused_on_its_line() -> None:
    """2025-02-30 is refused with the line of the date field and the reason."""
    path = BROKEN / "bad_date.toml"
    problem = only_problem(check_paths([path]))
    assert str(problem).startswith(f"{path}:14: bad-date: date: ")
    assert "day 30 does not exist in February 2025" in problem.message


def test_field_line_is_found_past_a_multiline_string(tmp_path: Path) -> None:
    """A line of a multi-line string starting with [sic] does not hide the fields after it."""
    path = tmp_path / "multiline.toml"
    path.write_text(
        '[[events]]\nid = "e"\ntitle = "x"\nsummary = """First line\n[sic] starts this line\n'
        'last line"""\ndate = "2025-02-30"\nsource = "s"\n\n'
        '[[sources]]\nid = "s"\noutlet = "O"\npublished = "2025"\nkind = "article"\n',
        encoding="utf-8",
    )
    problems = check_paths([path]).problems
    assert [(p.field, p.line) for p in problems] == [("date", 7)]


def test_interval_ending_before_it_starts_is_refused() -> None:
    """An interval whose end is before its start is a problem on the date's line."""
    path = BROKEN / "backwards_interval.toml"
    problem = only_problem(check_paths([path]))
    assert str(problem).startswith(f"{path}:14: backwards: date: ")
    assert "ends before it starts" in problem.message


def test_duplicate_id_points_at_the_first_definition() -> None:
    """A repeated id is reported at the repeat, naming where it was first defined."""
    path = BROKEN / "duplicate_id.toml"
    problem = only_problem(check_paths([path]))
    assert str(problem) == f"{path}:17: twice: id: duplicate id (first defined at {path}:11)"


def test_duplicate_id_across_files_and_kinds_is_refused() -> None:
    """A source in one file and a person in another may not share an id."""
    first, second = BROKEN / "duplicate_across_a.toml", BROKEN / "duplicate_across_b.toml"
    assert check_paths([first]).dataset is not None
    assert check_paths([second]).dataset is not None
    problem = only_problem(check_paths([first, second]))
    assert str(problem) == f"{second}:3: shared-id: id: duplicate id (first defined at {first}:5)"


def test_unknown_references_are_each_reported_with_suggestions() -> None:
    """Unknown sources, people and events are each reported, with the closest known id."""
    path = BROKEN / "unknown_refs.toml"
    report = check_paths([path])
    assert report.dataset is None
    assert [str(p) for p in report.problems] == [
        f"{path}:21: cites-nothing: source: unknown source 'sauce'",
        f"{path}:27: says-nothing: speaker: unknown person 'speakr' (did you mean 'speaker'?)",
        f"{path}:27: says-nothing: about: unknown event 'known-evnt' (did you mean 'known-event'?)",
    ]


def test_file_that_is_not_utf8_is_refused_with_its_line() -> None:
    """A Latin-1 file is refused, naming the line and the offending byte."""
    path = BROKEN / "not_utf8.toml"
    problem = only_problem(check_paths([path]))
    assert (problem.line, problem.file) == (2, str(path))
    assert "not UTF-8 (byte 0xe9)" in problem.message


def test_path_that_is_not_toml_is_refused() -> None:
    """A file whose name does not end in .toml is refused."""
    problem = only_problem(check_paths([BROKEN / "not_toml.txt"]))
    assert "not a TOML file" in problem.message


def test_path_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    """A missing path is a problem naming the path, not an exception."""
    missing = tmp_path / "nowhere.toml"
    problem = only_problem(check_paths([missing]))
    assert str(problem) == f"{missing}: no such file or folder"


def test_folder_without_toml_files_is_refused(tmp_path: Path) -> None:
    """An empty folder is a problem, not an empty dataset."""
    problem = only_problem(check_paths([tmp_path]))
    assert "no *.toml files" in problem.message


def test_unsupported_schema_version_is_refused(tmp_path: Path) -> None:
    """A schema_version other than 1 or 2 is refused on its line."""
    path = tmp_path / "v3.toml"
    path.write_text('[meta]\ntitle = "t"\nschema_version = 3\n', encoding="utf-8")
    problem = only_problem(check_paths([path]))
    assert str(problem).startswith(f"{path}:3: meta: schema_version: schema version 3")
    assert "reads versions 1 and 2" in str(problem)


def test_invalid_enum_value_suggests_the_closest_choice(tmp_path: Path) -> None:
    """A misspelt kind is refused with the choices and a did-you-mean."""
    path = tmp_path / "kind.toml"
    path.write_text('[[people]]\nid = "p"\nname = "P"\nkind = "persn"\n', encoding="utf-8")
    problem = only_problem(check_paths([path]))
    assert str(problem).startswith(f"{path}:4: p: kind: 'persn' is not one of person")
    assert "(did you mean 'person'?)" in problem.message


def test_invalid_id_is_refused(tmp_path: Path) -> None:
    """An id with spaces is refused with the id rules."""
    path = tmp_path / "id.toml"
    path.write_text('[[people]]\nid = "two words"\nname = "P"\n', encoding="utf-8")
    problem = only_problem(check_paths([path]))
    assert "is not a valid id" in problem.message
    assert problem.line == 2


def test_empty_string_is_refused(tmp_path: Path) -> None:
    """A required text field that is blank is a problem."""
    path = tmp_path / "blank.toml"
    path.write_text('[[people]]\nid = "p"\nname = "  "\n', encoding="utf-8")
    problem = only_problem(check_paths([path]))
    assert (problem.item, problem.field, problem.message) == ("p", "name", "is empty")


def test_table_written_as_single_table_is_refused(tmp_path: Path) -> None:
    """[events] instead of [[events]] is a problem that says how to write it."""
    path = tmp_path / "single.toml"
    path.write_text('[events]\nid = "e"\n', encoding="utf-8")
    problem = only_problem(check_paths([path]))
    assert "write [[events]]" in problem.message
    assert problem.line == 1


# --- All problems in one run -------------------------------------------------------------------


def test_every_problem_in_a_file_is_reported_in_one_run() -> None:
    """Several problems in one file are all reported, not only the first."""
    path = BROKEN / "many_problems.toml"
    report = check_paths([path])
    assert report.dataset is None
    text = "\n".join(str(p) for p in report.problems)
    assert f"{path}:9: s: kind: 'articel'" in text
    assert f"{path}:13: first-bad: date: '2024-13': month 13 does not exist" in text
    assert f"{path}:20: second-bad: title: expected a string, found an integer" in text
    assert f"{path}:23: third-bad: text: missing required field 'text'" in text
    assert f"{path}:25: third-bad: speaker: unknown person 'nobody'" in text


def test_problems_from_every_file_are_reported_together() -> None:
    """Loading several broken files reports the problems of each of them."""
    paths = [BROKEN / "bad_date.toml", BROKEN / "missing_field.toml", BROKEN / "not_utf8.toml"]
    report = check_paths(paths)
    assert {p.file for p in report.problems} == {str(p) for p in paths}


def test_an_invalid_item_causes_no_false_unknown_reference(tmp_path: Path) -> None:
    """An item that exists but is invalid is not also reported as unknown where it is cited."""
    path = tmp_path / "cascade.toml"
    path.write_text(
        '[[sources]]\nid = "s"\noutlet = "o"\npublished = "2025"\nkind = "articel"\n\n'
        '[[people]]\nid = "p"\nname = "P"\nkind = "persn"\n\n'
        '[[events]]\nid = "e"\ndate = "2024-13"\ntitle = "x"\nsource = "s"\n\n'
        '[[claims]]\nid = "c"\nspeaker = "p"\nkind = "quote"\ntext = "t"\ndate = "2024"\n'
        'source = "s"\nabout = ["e"]\n',
        encoding="utf-8",
    )
    report = check_paths([path])
    assert [(p.item, p.field) for p in report.problems] == [
        ("s", "kind"),
        ("p", "kind"),
        ("e", "date"),
    ]


def test_load_dataset_raises_data_error_with_every_problem() -> None:
    """load_dataset raises DataError carrying every problem found."""
    with pytest.raises(DataError) as caught:
        load_dataset([BROKEN / "many_problems.toml"])
    assert len(caught.value.problems) == 5
    assert caught.value.exit_code == 1


def test_deeply_nested_toml_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """Pathologically nested arrays are reported as a problem instead of crashing."""
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    report = check_paths([path])
    assert report.dataset is None
    assert report.problems and report.problems[0].file == str(path)


# --- Warnings ----------------------------------------------------------------------------------


def test_controls_and_bidi_overrides_are_warnings_that_do_not_block() -> None:
    """ESC, C1 controls and bidi overrides are warnings; the dataset still loads."""
    path = DATA / "hostile.toml"
    report = check_paths([path])
    assert report.problems == []
    assert report.dataset is not None
    assert all(w.warning for w in report.warnings)
    text = "\n".join(str(w) for w in report.warnings)
    assert f"{path}:39: h-escape: title: warning: control character U+001B" in text
    assert "U+009B" in text
    assert f"{path}:77: h-bidi: title: warning: bidirectional control U+202E" in text
    assert "U+2066" in text


def test_arabic_joiners_and_marks_are_not_warned_about() -> None:
    """ZWJ, ZWNJ, LRM and RLM are legitimate text, not warnings."""
    report = check_paths([DATA / "hostile.toml"])
    assert not [w for w in report.warnings if w.item in ("h-arabic-text", "h-claim-arabic")]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 file with a BOM (as some editors save it) loads."""
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeff[meta]\ntitle = 't'\nschema_version = 1\n".encode())
    report = check_paths([path])
    assert report.problems == []


# --- Building the model ------------------------------------------------------------------------


def test_good_dataset_loads_every_kind_with_locations() -> None:
    """A valid file gives records of every kind, each with its file and header line."""
    path = DATA / "good.toml"
    dataset = load_dataset([path])
    assert (len(dataset.sources), len(dataset.people)) == (2, 6)
    assert (len(dataset.events()), len(dataset.claims())) == (9, 7)
    event = dataset.events_by_id(["air-campaign"])["air-campaign"]
    assert event.location is not None
    assert (event.location.file, event.location.line) == (str(path), 70)
    assert event.date.days.start == date(2015, 9, 1)
    assert event.places == ("Syria",)
    assert event.note == "Start month from general knowledge."
    person = dataset.person_by_id["sami"]
    assert (person.identity, person.kind, person.aliases) == ("pseudonym", "person", ())
    claim = dataset.claims_by_id(["john-strikes-end"])["john-strikes-end"]
    assert (claim.status, claim.evidence) == ("proved-false", ("strikes",))
    assert dataset.meta.title == "Test story"
    assert dataset.item("src-interview") == dataset.source_by_id["src-interview"]


def test_folder_files_are_merged_in_name_order() -> None:
    """A folder's *.toml files merge; references cross files; the first file's meta wins."""
    dataset = load_dataset([DATA / "good_split"])
    assert dataset.meta.title == "Split story"
    assert [Path(f).name for f in dataset.files] == ["01-sources.toml", "02-items.toml"]
    assert dataset.claims_by_id(["split-claim"])["split-claim"].about == ("split-event",)


def test_files_and_folders_merge_together() -> None:
    """A folder and a file given together form one dataset."""
    dataset = load_dataset([DATA / "good_split", DATA / "extra.toml"])
    assert {event.id for event in dataset.events()} == {"split-event", "extra-event"}
    assert len(dataset.files) == 3


def test_extra_file_alone_reports_its_missing_source() -> None:
    """A file that relies on another one fails alone, naming the missing source."""
    report = check_paths([DATA / "extra.toml"])
    assert [p.message for p in report.problems] == ["unknown source 'split-source'"]


def test_bundled_dataset_is_valid() -> None:
    """The dataset shipped with synews loads with no problems and no warnings."""
    report = check_paths([default_data_path()])
    assert report.problems == []
    assert report.warnings == []
    assert report.dataset is not None
    assert len(report.dataset.events()) > 10


def test_bundled_dataset_is_found_from_a_source_checkout() -> None:
    """default_data_path points at an existing events.toml."""
    path = default_data_path()
    assert path.is_file()
    assert path.name == "events.toml"


# --- Which files are active --------------------------------------------------------------------


def test_data_option_wins_over_environment() -> None:
    """--data paths are used even when SYNEWS_DATA is set."""
    assert active_paths(["a.toml"], {"SYNEWS_DATA": "b.toml"}) == ["a.toml"]


def test_environment_replaces_bundled_dataset() -> None:
    """SYNEWS_DATA, split on the path separator, replaces the bundled dataset."""
    import os

    env = {"SYNEWS_DATA": f"a.toml{os.pathsep}dir{os.pathsep}"}
    assert active_paths(None, env) == ["a.toml", "dir"]


def test_bundled_dataset_is_the_default() -> None:
    """Without --data or SYNEWS_DATA the bundled dataset is active."""
    assert active_paths(None, {}) == [str(default_data_path())]
    assert active_paths([], {"SYNEWS_DATA": ""}) == [str(default_data_path())]


def test_environment_is_read_from_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """active_paths reads SYNEWS_DATA from the real environment by default."""
    monkeypatch.setenv("SYNEWS_DATA", str(DATA / "good.toml"))
    assert active_paths(None) == [str(DATA / "good.toml")]


# --- Properties: the loader reports, it never raises ---------------------------------------------


def check_text(text: str | bytes) -> Report:
    """check_paths on a temporary .toml file holding ``text``."""
    with tempfile.TemporaryDirectory(prefix="synews-test-") as folder:
        path = Path(folder) / "fuzz.toml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return check_paths([path])


TOML_PIECES = st.sampled_from(
    [
        "[meta]",
        "[[sources]]",
        "[[people]]",
        "[[events]]",
        "[[claims]]",
        "[[evnets]]",
        "[events]",
        "[meta.x]",
        'title = "t"',
        "schema_version = 1",
        "schema_version = 2",
        'id = "a"',
        'id = "b"',
        "id = 3",
        'id = ""',
        'outlet = "o"',
        'published = "2025"',
        'kind = "article"',
        'kind = "quote"',
        'name = "N"',
        'date = "2024-12"',
        'date = "2025-02-30"',
        'date = "2024/2023"',
        "date = 2024-12-08",
        'source = "a"',
        'speaker = "b"',
        'text = "x"',
        'about = ["a"]',
        "about = [1]",
        "places = []",
        'places = "x"',
        'aliases = ["x", "y"]',
        "speker = 1",
        'note = "\\u001b[31m\\u202e"',
        "x = {a = 1}",
        "",
        "# comment",
        "= broken",
    ]
)
toml_ish = st.lists(st.one_of(TOML_PIECES, TOML_PIECES, st.text(max_size=20)), max_size=30).map(
    "\n".join
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(toml_ish)
def test_loader_reports_instead_of_raising_on_toml_ish_text(text: str) -> None:
    """Any TOML-ish text gives a Report: a dataset or problems, never an exception."""
    report = check_text(text)
    assert isinstance(report, Report)
    assert (report.dataset is None) == bool(report.problems)
    for problem in report.problems:
        assert str(problem)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_loader_reports_instead_of_raising_on_arbitrary_bytes(data: bytes) -> None:
    """Any bytes in a .toml file give a Report, never an exception."""
    report = check_text(data)
    assert isinstance(report, Report)
    assert (report.dataset is None) == bool(report.problems)


def test_references_of_an_invalid_entry_are_checked_in_the_same_run(tmp_path: Path) -> None:
    """A claim that is invalid for one reason still has its unknown speaker reported."""
    path = tmp_path / "refs.toml"
    path.write_text(
        '[[sources]]\nid = "s"\noutlet = "O"\npublished = "2025"\nkind = "article"\n\n'
        '[[claims]]\nid = "c"\nspeaker = "nobody"\nkind = "quote"\ndate = "2025"\n'
        'source = "s"\nabout = ["no-such-event"]\n',
        encoding="utf-8",
    )
    report = check_paths([path])
    messages = [str(p) for p in report.problems]
    assert any("c: text: missing required field" in m for m in messages)
    assert f"{path}:9: c: speaker: unknown person 'nobody'" in messages
    assert f"{path}:13: c: about: unknown event 'no-such-event'" in messages


def test_a_loaded_dataset_is_read_only() -> None:
    """Records, and the people and sources a dataset gives by id, cannot be changed."""
    dataset = load_dataset([DATA / "good.toml"])
    person = dataset.people[0]
    with pytest.raises(TypeError):
        dataset.person_by_id["x"] = person  # type: ignore[index]
    with pytest.raises(AttributeError):
        dataset.events()[0].title = "changed"  # type: ignore[misc]
    assert dataset.person_by_id[person.id] is person
