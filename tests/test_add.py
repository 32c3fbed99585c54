"""synews add: a reviewed draft merged into the dataset, checked first, written all at once."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from synews_cli.cli import app
from synews_cli.store import load_dataset

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "three-outlets"
DRAFTS = ROOT / "tests" / "data" / "drafts" / "three-outlets"
OUTLETS = ("wire-2025-10-14", "lamp-2025-10-14", "herald-2025-10-16", "monitor-2025-10-20")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """The app through Typer's CliRunner (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, list(args), env=env)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder, by name, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A dataset of the example's [meta] and [[names]] only (its people come with the
    drafts), the articles' texts beside it, and the drafts in a folder of their own."""
    data = tmp_path / "data"
    data.mkdir()
    text = (EXAMPLE / "story.toml").read_text(encoding="utf-8")
    (data / "story.toml").write_text(text[: text.index("[[people]]")], encoding="utf-8")
    for article in EXAMPLE.glob("*.txt"):
        shutil.copy(article, data)
    shutil.copytree(DRAFTS, tmp_path / "drafts")
    return data


def add(data: Path, draft: str | Path, *more: str) -> Result:
    return run("--data", str(data), "add", str(draft), *more)


def draft(tmp_path: Path, text: str, name: str = "draft.toml") -> Path:
    path = tmp_path / "drafts" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def records(paths: list[Path]) -> tuple[dict[tuple[str, str], Any], set[frozenset[str]]]:
    """A dataset as records, wherever each is written: locations left out, a report that
    says nothing but its source taken as what it is (one of the item's sources), and
    ``contradicts`` as the pairs it makes (it is symmetric: either side may write it)."""
    store = load_dataset(paths)
    found: dict[tuple[str, str], Any] = {}
    for kind, items in (
        ("sources", store.sources),
        ("people", store.people),
        ("names", store.names),
        ("events", store.events()),
        ("claims", store.claims()),
    ):
        for item in items:
            item = item._replace(location=None)
            if kind in ("events", "claims"):
                said = tuple(r for r in item.reports if r != type(r)(r.source))
                item = item._replace(contradicts=(), reports=said)
            found[(kind, getattr(item, "id", None) or item.name)] = item
    pairs = {frozenset(pair) for pair in store.contradictions()}
    meta = store.meta
    store.close()
    found[("meta", "")] = meta
    return found, pairs


# --- The three-outlet example, built one article at a time ------------------------------------


def test_the_three_outlet_example_is_built_from_its_drafts(story: Path) -> None:
    """Adding the four reviewed drafts in turn gives the curated example, record for record
    (after the one edit add never makes: evidence that came later, on a recorded claim)."""
    for outlet in OUTLETS:
        result = add(story, story.parent / "drafts" / f"{outlet}.toml")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
    assert "1 source, 2 people, 3 events, 4 statements to" in result.stderr
    assert "1 report to " in result.stderr
    assert "already in the dataset: person tomas-vey, person anouk-salter, name Karsk" in (
        result.stderr
    )
    wire = story / "wire-2025-10-14.toml"
    text = wire.read_text(encoding="utf-8")
    marker = 'status = "disputed"\n'
    wire.write_text(
        text.replace(marker, marker + 'evidence = ["frigates-seen-at-qarsk"]\n'), encoding="utf-8"
    )
    assert records([story]) == records([EXAMPLE])
    checked = run("--data", str(story), "check")
    assert checked.exit_code == 0 and "10 events, 12 statements, 7 people, 4 sources" in (
        checked.stderr
    )
    verified = run("--data", str(story), "verify")
    assert verified.exit_code == 0, verified.stderr


def test_a_report_goes_right_after_its_item_and_its_reports(story: Path) -> None:
    """A report is written after the item's own reports, before the next item's lines."""
    for outlet in OUTLETS:
        assert add(story, story.parent / "drafts" / f"{outlet}.toml").exit_code == 0
    text = (story / "wire-2025-10-14.toml").read_text(encoding="utf-8")
    talks = text[text.index('id = "karsk-talks-open"') :]
    talks = talks[: talks.index("[[claims]]")]
    assert [line for line in talks.splitlines() if line.startswith("source = ")] == [
        'source = "wire-2025-10-14"',
        'source = "lamp-2025-10-14"',
        'source = "herald-2025-10-16"',
        'source = "monitor-2025-10-20"',
    ]


def test_a_text_file_is_named_from_the_file_it_is_written_to(story: Path) -> None:
    """The draft names its text relative to itself; the data file, relative to itself."""
    assert add(story, story.parent / "drafts" / "wire-2025-10-14.toml").exit_code == 0
    text = (story / "wire-2025-10-14.toml").read_text(encoding="utf-8")
    assert 'text_file = "wire-2025-10-14.txt"' in text


def test_adding_a_draft_twice_changes_nothing_the_second_time(story: Path) -> None:
    """The second run says there is nothing to add, and leaves every byte as it was."""
    wire = story.parent / "drafts" / "wire-2025-10-14.toml"
    assert add(story, wire).exit_code == 0
    before = snapshot(story)
    mtime = (story / "wire-2025-10-14.toml").stat().st_mtime_ns
    again = add(story, wire)
    assert again.exit_code == 0
    assert "nothing to add: every item of" in again.stderr
    assert snapshot(story) == before
    assert (story / "wire-2025-10-14.toml").stat().st_mtime_ns == mtime


def test_a_draft_whose_reports_are_there_already_adds_nothing(story: Path) -> None:
    """Reports already recorded (the same words from the same source) are not added again."""
    for outlet in OUTLETS:
        assert add(story, story.parent / "drafts" / f"{outlet}.toml").exit_code == 0
    before = snapshot(story)
    for outlet in OUTLETS:
        again = add(story, story.parent / "drafts" / f"{outlet}.toml")
        assert again.exit_code == 0 and "nothing to add" in again.stderr
    assert snapshot(story) == before


def test_dry_run_prints_the_plan_and_writes_nothing(story: Path) -> None:
    """--dry-run: the plan on stderr (what, and to which file), no file written."""
    assert add(story, story.parent / "drafts" / "wire-2025-10-14.toml").exit_code == 0
    before = snapshot(story)
    result = add(story, story.parent / "drafts" / "herald-2025-10-16.toml", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"new 2 events -> {story / 'herald-2025-10-16.toml'} (a new file)" in result.stderr
    assert "report from herald-2025-10-16 -> event karsk-lease-signed (" in result.stderr
    assert "already in the dataset: person ilse-marren" in result.stderr
    assert "dry run: nothing was written" in result.stderr
    assert snapshot(story) == before


# --- Ids the dataset has already ---------------------------------------------------------------

SOURCE = """
[[sources]]
id = "gazette-1"
outlet = "The Gazette"
published = "2025-10-20"
kind = "article"
"""


def test_an_event_whose_id_is_another_event_is_renamed_with_its_references(story: Path) -> None:
    """The same id for another event: the draft's is renamed (id-2), and the draft's
    references to it follow; the dataset's event is left alone."""
    assert add(story, story.parent / "drafts" / "wire-2025-10-14.toml").exit_code == 0
    path = draft(
        story.parent,
        SOURCE
        + """
[[events]]
id = "karsk-talks-open"
date = "2025-10-19"
title = "Dockers open talks with the port authority"
source = "gazette-1"

[[claims]]
id = "marren-lease-under-review"
speaker = "ilse-marren"
kind = "paraphrase"
text = "The dockers' talks are going well."
date = "2025-10-19"
source = "gazette-1"
about = ["karsk-talks-open", "karsk-lease-signed"]
""",
    )
    result = add(story, path)
    assert result.exit_code == 0, result.stderr
    assert "renamed karsk-talks-open -> karsk-talks-open-2" in result.stderr
    assert "renamed marren-lease-under-review -> marren-lease-under-review-2" in result.stderr
    dataset = load_dataset([story])
    renamed = dataset.claims_by_id(["marren-lease-under-review-2"])["marren-lease-under-review-2"]
    assert renamed.about == ("karsk-talks-open-2", "karsk-lease-signed")
    assert dataset.events_by_id(["karsk-talks-open"])["karsk-talks-open"].date.text == "2025-10-13"
    dataset.close()


def test_a_person_redefined_is_a_conflict_naming_both_places(story: Path) -> None:
    """A person of the dataset given other fields: exit 2, the draft's line and the
    dataset's, and the fields that differ; nothing is written."""
    assert add(story, story.parent / "drafts" / "wire-2025-10-14.toml").exit_code == 0
    before = snapshot(story)
    path = draft(
        story.parent,
        SOURCE + '\n[[people]]\nid = "tomas-vey"\nname = "Tomas Vey"\nrole = "ambassador"\n',
    )
    result = add(story, path)
    assert result.exit_code == 2
    assert f"{path}:8: tomas-vey: the dataset has another person with this id (" in result.stderr
    assert f"{story / 'wire-2025-10-14.toml'}:" in result.stderr
    assert "role, affiliation, aliases, note differ" in result.stderr
    assert snapshot(story) == before


def test_the_same_event_told_otherwise_is_a_conflict(story: Path) -> None:
    """Same id, date and title, other fields (a new source named in the item itself): a
    conflict to resolve by hand (or with [[reports]]), exit 2."""
    assert add(story, story.parent / "drafts" / "wire-2025-10-14.toml").exit_code == 0
    before = snapshot(story)
    path = draft(
        story.parent,
        SOURCE
        + """
[[events]]
id = "transitional-government"
date = "2025-06"
title = "Estavia's transitional government takes office"
source = "gazette-1"
""",
    )
    result = add(story, path)
    assert result.exit_code == 2
    assert "transitional-government: the dataset has another event with this id" in result.stderr
    assert "[[reports]]" in result.stderr
    assert snapshot(story) == before


def test_a_different_report_from_the_same_source_is_a_conflict(story: Path) -> None:
    """An item that has a report from a source, given another report from it: exit 2."""
    for outlet in OUTLETS:
        assert add(story, story.parent / "drafts" / f"{outlet}.toml").exit_code == 0
    before = snapshot(story)
    path = draft(
        story.parent,
        '[[reports]]\nof = "vey-ships-stay"\nsource = "monitor-2025-10-20"\ntext = "Other words"\n',
    )
    result = add(story, path)
    assert result.exit_code == 2
    assert f"{path}:1: reports of vey-ships-stay: " in result.stderr
    assert "has another report from monitor-2025-10-20: text, note differ" in result.stderr
    assert snapshot(story) == before


# --- Bad input: a clear message, a documented exit code, and nothing written --------------------


def test_a_draft_that_is_not_toml_is_a_usage_error(story: Path) -> None:
    """Not TOML: exit 2, the draft's line, nothing written."""
    before = snapshot(story)
    path = draft(story.parent, '[[sources]]\nid = "x"\noutlet = "unterminated\n')
    result = add(story, path)
    assert result.exit_code == 2
    assert f"{path}:3: TOML syntax error" in result.stderr
    assert "nothing was added" in result.stderr
    assert snapshot(story) == before


def test_unknown_references_are_usage_errors_with_their_lines(story: Path) -> None:
    """A speaker, an event and a reported item that neither the draft nor the dataset
    defines: each named with its line, exit 2."""
    before = snapshot(story)
    path = draft(
        story.parent,
        SOURCE
        + """
[[claims]]
id = "said"
speaker = "nobody"
kind = "quote"
text = "Words"
date = "2025-10-20"
source = "gazette-1"
about = ["no-such-event"]

[[reports]]
of = "no-such-item"
source = "gazette-1"
""",
    )
    result = add(story, path)
    assert result.exit_code == 2
    assert f"{path}:8: said: speaker: unknown person 'nobody'" in result.stderr
    assert f"{path}:8: said: about: unknown event 'no-such-event'" in result.stderr
    assert f"{path}:17: reports of no-such-item: of: no such event or statement" in result.stderr
    assert snapshot(story) == before


def test_a_report_with_an_unknown_field_is_a_usage_error(story: Path) -> None:
    """[[reports]] fields are checked like a dataset report's, with a did-you-mean."""
    path = draft(story.parent, '[[reports]]\nof = "x"\nsource = "y"\ntxt = "z"\n')
    result = add(story, path)
    assert result.exit_code == 2
    assert f"{path}:1: reports[1]: txt: unknown field (did you mean 'text'?)" in result.stderr


def test_a_dataset_that_does_not_validate_is_refused(story: Path) -> None:
    """An invalid dataset: its problems listed, as check lists them, exit 1."""
    (story / "broken.toml").write_text('[[people]]\nid = "x"\n', encoding="utf-8")
    before = snapshot(story)
    result = add(story, story.parent / "drafts" / "wire-2025-10-14.toml")
    assert result.exit_code == 1
    assert f"{story / 'broken.toml'}:1: x: name: missing required field 'name'" in result.stderr
    assert snapshot(story) == before


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cached", "no-cache"])
def test_a_merged_result_that_does_not_validate_is_refused_at_the_draft_line(
    story: Path, cache: list[str]
) -> None:
    """A statement dated after its (new) source: exit 1, told at the draft's line (with the
    store in the cache folder or in memory)."""
    assert add(story, story.parent / "drafts" / "wire-2025-10-14.toml").exit_code == 0
    before = snapshot(story)
    path = draft(
        story.parent,
        SOURCE
        + """
[[claims]]
id = "vey-later"
speaker = "tomas-vey"
kind = "quote"
text = "Words said later"
date = "2025-11-02"
source = "gazette-1"
""",
    )
    result = run(*cache, "--data", str(story), "add", str(path))
    assert result.exit_code == 1
    assert f"{path}:8: vey-later: " in result.stderr
    assert "after" in result.stderr and "nothing was written" in result.stderr
    assert snapshot(story) == before


def test_a_report_dated_after_its_source_is_told_at_the_draft_line(story: Path) -> None:
    """A report added to a recorded item that breaks a rule: the draft's [[reports]] line."""
    assert add(story, story.parent / "drafts" / "wire-2025-10-14.toml").exit_code == 0
    before = snapshot(story)
    path = draft(
        story.parent,
        SOURCE + '\n[[reports]]\nof = "vey-ships-stay"\nsource = "gazette-1"\ndate = "2025-12"\n',
    )
    result = add(story, path)
    assert result.exit_code == 1
    assert f"{path}:8: " in result.stderr
    assert snapshot(story) == before


def test_the_bundled_dataset_is_read_only(tmp_path: Path) -> None:
    """Without --data or SYNEWS_DATA there is nothing add may write: exit 2, with a hint."""
    path = draft(tmp_path, SOURCE)
    result = run("add", str(path))
    assert result.exit_code == 2
    assert "the bundled dataset is read-only" in result.stderr
    assert "--data FOLDER" in result.stderr


def test_a_target_outside_the_data_folders_is_refused(story: Path, tmp_path: Path) -> None:
    """--into a file outside every data folder: exit 2, nothing written anywhere."""
    outside = tmp_path / "elsewhere.toml"
    before = snapshot(story)
    result = add(story, draft(tmp_path, SOURCE), "--into", str(outside))
    assert result.exit_code == 2
    assert "outside the dataset's folders" in result.stderr
    assert not outside.exists()
    assert snapshot(story) == before


def test_a_link_leading_outside_the_data_folder_is_refused(story: Path, tmp_path: Path) -> None:
    """A data file that is a link to a file elsewhere: add does not write through it."""
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text("# someone else's file\n", encoding="utf-8")
    (story / "linked.toml").symlink_to(elsewhere)
    result = add(story, draft(tmp_path, SOURCE), "--into", str(story / "linked.toml"))
    assert result.exit_code == 2
    assert "a link that leads outside the dataset's folders" in result.stderr
    assert elsewhere.read_text(encoding="utf-8") == "# someone else's file\n"


def test_into_a_new_file_in_a_data_folder(story: Path, tmp_path: Path) -> None:
    """--into a new .toml file in a data folder: created, with the draft's items."""
    result = add(story, draft(tmp_path, SOURCE), "--into", str(story / "gazette.toml"))
    assert result.exit_code == 0, result.stderr
    assert f"added 1 source to {story / 'gazette.toml'}" in result.stderr
    assert 'id = "gazette-1"' in (story / "gazette.toml").read_text(encoding="utf-8")


def test_a_read_only_target_is_refused(story: Path, tmp_path: Path) -> None:
    """A target the user may not write: exit 2, before anything is written."""
    target = story / "story.toml"
    target.chmod(0o444)
    try:
        if os.access(target, os.W_OK):
            pytest.skip("running as root: a read-only mode does not stop writing")
        before = snapshot(story)
        result = add(story, draft(tmp_path, SOURCE), "--into", str(target))
        assert result.exit_code == 2
        assert "it is read-only" in result.stderr
        assert snapshot(story) == before
    finally:
        target.chmod(0o644)


def test_an_unwritable_target_is_refused(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even as root, a file the system says cannot be written is refused, exit 2."""
    target = story / "story.toml"
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == target else real(path, mode)
    )
    result = add(story, draft(tmp_path, SOURCE), "--into", str(target))
    assert result.exit_code == 2
    assert f"cannot write {target}: it is read-only" in result.stderr


def test_data_of_files_only_needs_into(story: Path, tmp_path: Path) -> None:
    """--data naming files only: a new source has no folder to go to without --into."""
    result = run("--data", str(story / "story.toml"), "add", str(draft(tmp_path, SOURCE)))
    assert result.exit_code == 2
    assert "--into FILE" in result.stderr


def test_a_draft_inside_the_data_folder_is_refused(story: Path) -> None:
    """A draft kept among the data files would be read as data: exit 2, with a hint."""
    path = story / "draft.toml"
    path.write_text(SOURCE, encoding="utf-8")
    result = add(story, path)
    assert result.exit_code == 2
    assert "is one of the dataset's files" in result.stderr


# --- The target's own lines are kept -------------------------------------------------------------

COMMENTED = """# A hand-kept file: its comments, spacing and quoting stay as they are.
[[sources]]
id = 'wire'   # the wire
outlet = "Wire"
published = "2025-10-14"
kind = "article"

[[events]]
id = "talks"
date = "2025-10-13"
title = "Talks open"
source = "wire"

[[events.reports]]
source = "wire"
note = "a first report"   # kept

# ---- the next section: its comment stays with it ----

[[claims]]
id   =   "said"
speaker = "someone"
kind = "quote"
text = '''Words,
over two lines'''
date = "2025-10-14"
source = "wire"
[[people]]
id = "someone"
name = "Some One"
"""


def only_adds_lines(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with lines inserted and none changed or removed."""
    matcher = difflib.SequenceMatcher(
        None, before.splitlines(keepends=True), after.splitlines(keepends=True), autojunk=False
    )
    return all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


def test_the_target_keeps_its_comments_and_formatting(story: Path, tmp_path: Path) -> None:
    """Reports and items are added as new lines; every other byte of the file stays."""
    (story / "hand.toml").write_text(COMMENTED, encoding="utf-8")
    path = draft(
        tmp_path,
        SOURCE
        + """
[[reports]]
of = "talks"
source = "gazette-1"
date = "2025-10-14"

[[reports]]
of = "said"
source = "gazette-1"
""",
    )
    result = add(story, path, "--into", str(story / "hand.toml"))
    assert result.exit_code == 0, result.stderr
    after = (story / "hand.toml").read_text(encoding="utf-8")
    assert only_adds_lines(COMMENTED, after)
    assert after.index('name = "Some One"') < after.index("# Added by synews add")  # at the end
    assert after.index('source = "gazette-1"\ndate = "2025-10-14"') < (  # after its item
        after.index("# ---- the next section")
    )
    dataset = load_dataset([story])
    said = dataset.claims_by_id(["said"])["said"]
    assert said.sources == ("wire", "gazette-1")
    assert said.text == "Words,\nover two lines"
    talks = dataset.events_by_id(["talks"])["talks"]
    assert [r.source for r in talks.reports] == ["wire", "gazette-1"]
    dataset.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    gaps=st.lists(
        st.sampled_from(["\n", "# a comment\n", "  # indented [[events]] in a comment\n"]),
        max_size=4,
    ),
    ending=st.sampled_from(["", "\n"]),
    crlf=st.booleans(),
)
def test_reports_only_add_lines_whatever_the_layout(
    tmp_path_factory: pytest.TempPathFactory, gaps: list[str], ending: str, crlf: bool
) -> None:
    """Blank lines and comments between items, a last line without its newline, CRLF
    line ends: a report is inserted as whole lines, and nothing else changes."""
    folder = tmp_path_factory.mktemp("layout")
    data = folder / "data"
    data.mkdir()
    gap = "".join(gaps)
    text = (
        '[meta]\ntitle = "t"\nschema_version = 2\n'
        + gap
        + '[[sources]]\nid = "s"\noutlet = "O"\npublished = "2025"\nkind = "article"\n'
        + gap
        + '[[events]]\nid = "e"\ndate = "2024"\ntitle = "T"\nsource = "s"\n'
        + gap
        + '[[events]]\nid = "f"\ndate = "2024"\ntitle = "U"\nsource = "s"'
        + ending
    )
    if crlf:
        text = text.replace("\n", "\r\n")
    (data / "a.toml").write_bytes(text.encode("utf-8"))
    path = folder / "draft.toml"
    path.write_text(
        '[[reports]]\nof = "e"\nsource = "s"\nnote = "n"\n'
        '[[reports]]\nof = "f"\nsource = "s"\nnote = "m"\n',
        encoding="utf-8",
    )
    result = add(data, path)
    assert result.exit_code == 0, result.stderr
    after = (data / "a.toml").read_bytes().decode("utf-8")
    assert only_adds_lines(
        text if text.endswith("\n") else text + ("\r\n" if crlf else "\n"), after
    )
    dataset = load_dataset([data])
    found = dataset.events_by_id(["e", "f"])
    assert [r.note for r in found["e"].reports] == ["n"]
    assert [r.note for r in found["f"].reports] == ["m"]
    dataset.close()


# --- Writing all at once --------------------------------------------------------------------------


def test_an_interrupted_write_leaves_every_file_intact(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the temporary files are written, at the first rename: every
    original as it was, no temporary file left, exit 1."""
    for outlet in OUTLETS[:3]:
        assert add(story, story.parent / "drafts" / f"{outlet}.toml").exit_code == 0
    before = snapshot(story)

    def fail(source: Any, target: Any) -> None:
        assert Path(source).read_bytes()  # the temporary file was written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = add(story, story.parent / "drafts" / "monitor-2025-10-20.toml")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert snapshot(story) == before
    assert not [p for p in story.iterdir() if p.name.startswith(".")]


def test_add_as_a_real_process(story: Path) -> None:
    """python -m synews_cli add: the plan and the summary on stderr, nothing on stdout."""
    result = subprocess.run(
        [
            *(sys.executable, "-m", "synews_cli", "--data", str(story), "add"),
            str(story.parent / "drafts" / "wire-2025-10-14.toml"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "added 1 source, 3 people, 5 events, 4 statements to" in result.stderr
    assert "run synews check" in result.stderr
    again = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", str(story), "add", "/no/such/draft.toml"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert again.returncode == 2
    assert "cannot read the draft /no/such/draft.toml" in again.stderr
    assert "Traceback" not in again.stderr


def test_hostile_text_is_written_as_escapes_and_reads_back_the_same(
    story: Path, tmp_path: Path
) -> None:
    """Controls, bidirectional overrides, quotes and markup in a draft's text: written as
    TOML escapes (nothing raw that could hide in an editor), read back unchanged."""
    hostile = 'say "hi" [bold]x[/] =SUM(A1) \u202eevil\u2066 \x1b[31m \\u202e \u2028 end'
    body = SOURCE + '\n[[people]]\nid = "p"\nname = "P"\nnote = ' + json_string(hostile) + "\n"
    result = add(story, draft(tmp_path, body), "--into", str(story / "new.toml"))
    assert result.exit_code == 0, result.stderr
    raw = (story / "new.toml").read_text(encoding="utf-8")
    assert "\u202e" not in raw and "\x1b" not in raw and "\u2066" not in raw
    dataset = load_dataset([story])
    assert dataset.person_by_id["p"].note == hostile
    dataset.close()


def json_string(text: str) -> str:
    """A TOML basic string of ``text`` (JSON's escapes are TOML's, but for \\u2028)."""
    import json

    return json.dumps(text)


def test_an_id_twice_in_the_draft_is_a_usage_error(story: Path, tmp_path: Path) -> None:
    """Two items of the draft under one id: exit 2, both lines."""
    body = SOURCE + SOURCE.replace("The Gazette", "Another")
    path = draft(tmp_path, body)
    result = add(story, path)
    assert result.exit_code == 2
    assert f"{path}:8: gazette-1: id: id used twice in the draft (first at line 2)" in (
        result.stderr
    )


def test_help_documents_the_exit_codes() -> None:
    """synews add --help says what each exit code means."""
    result = run("add", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "0 added (or nothing to add)" in text
    assert "2 a bad draft" in text and "--dry-run" in text and "--into" in text


def test_a_bare_report_of_a_source_the_item_names_is_there_already(story: Path) -> None:
    """[[reports]] with only of and source, for an item that has a (fuller) report from
    that source: nothing to add, not a conflict."""
    for outlet in OUTLETS:
        assert add(story, story.parent / "drafts" / f"{outlet}.toml").exit_code == 0
    path = draft(
        story.parent, '[[reports]]\nof = "vey-ships-stay"\nsource = "monitor-2025-10-20"\n'
    )
    result = add(story, path)
    assert result.exit_code == 0
    assert "nothing to add" in result.stderr


def test_synews_data_names_the_dataset_too(story: Path, tmp_path: Path) -> None:
    """SYNEWS_DATA is the dataset when --data is not given, as for every command."""
    text = SOURCE.replace("kind", 'text_file = "../article.txt"\nkind')
    result = run("add", str(draft(tmp_path, text)), env={"SYNEWS_DATA": str(story)})
    assert result.exit_code == 0, result.stderr
    assert (story / "gazette-1.toml").is_file()
    assert "note: gazette-1's text_file ../article.txt is outside the data folder" in (
        result.stderr
    )


def test_a_report_given_twice_is_added_once(story: Path) -> None:
    """The same [[reports]] entry twice in a draft: one report written."""
    assert add(story, story.parent / "drafts" / "wire-2025-10-14.toml").exit_code == 0
    entry = '\n[[reports]]\nof = "vey-ships-stay"\nsource = "gazette-1"\nnote = "n"\n'
    result = add(
        story, draft(story.parent, SOURCE + entry + entry), "--into", str(story / "g.toml")
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("report from gazette-1 -> statement vey-ships-stay") == 1
    dataset = load_dataset([story])
    claim = dataset.claims_by_id(["vey-ships-stay"])["vey-ships-stay"]
    assert [r.source for r in claim.reports] == ["gazette-1"]
    dataset.close()


def test_a_draft_that_is_a_fifo_is_refused_without_waiting(story: Path, tmp_path: Path) -> None:
    """A FIFO as the draft: refused at once (reading it would never end), exit 2."""
    fifo = tmp_path / "draft.toml"
    os.mkfifo(fifo)
    result = add(story, fifo)
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_a_draft_is_read_up_to_the_limit_of_any_text(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft larger than the limit on the texts synews reads is refused (exit 2), not
    read whole into memory."""
    from synews_cli.curate import texts

    monkeypatch.setattr(texts, "MAX_TEXT_BYTES", 100)
    big = draft(tmp_path, "# " + "x" * 200 + "\n", "big.toml")
    result = add(story, big)
    assert result.exit_code == 2, result.stderr
    assert "larger than" in result.stderr


def test_an_item_with_inline_reports_is_left_to_the_curator(story: Path, tmp_path: Path) -> None:
    """An item whose reports are an inline array cannot take a [[...reports]] table after
    them: exit 2, the item's file and line, nothing written."""
    (story / "inline.toml").write_text(
        '[[sources]]\nid = "w"\noutlet = "W"\npublished = "2025"\nkind = "article"\n\n'
        '[[events]]\nid = "e"\ndate = "2024"\ntitle = "T"\nreports = [{ source = "w" }]\n',
        encoding="utf-8",
    )
    before = snapshot(story)
    result = add(story, draft(tmp_path, SOURCE + '\n[[reports]]\nof = "e"\nsource = "gazette-1"\n'))
    assert result.exit_code == 2
    assert f"{story / 'inline.toml'}:7: e writes its reports inline" in result.stderr
    assert snapshot(story) == before


def test_the_bundled_dataset_named_with_data_is_read_only_too(tmp_path: Path) -> None:
    """--data naming the bundled file itself: still refused, exit 2 (dry run: the check
    comes first, so the test cannot write it even if it failed)."""
    from synews_cli.dataset.paths import default_data_path

    bundled = default_data_path()
    before = bundled.read_bytes()
    path = draft(tmp_path, '[[reports]]\nof = "assad-falls"\nsource = "x"\n')
    result = run("--data", str(bundled), "add", str(path), "--into", str(bundled), "--dry-run")
    assert result.exit_code == 2
    assert "the bundled dataset is read-only" in result.stderr
    assert bundled.read_bytes() == before
