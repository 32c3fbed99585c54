"""extract and add used as a hostile user would: races, drafts in odd places, TOML laid out
in every style the format allows, and messages that must point at the right thing."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_support import one_error, run

from support import steps
from synews_cli.curate.add import merge, prepare, write
from synews_cli.curate.add.draft import DraftError, read_draft
from synews_cli.curate.add.known import Known
from synews_cli.curate.add.plan import make_plan
from synews_cli.errors import DataIOError
from synews_cli.store import load_dataset

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "three-outlets"
WIRE = "wire-2025-10-14.toml"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A writable copy of the three-outlet example."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "story"))


def report_draft(folder: Path, name: str, source: str, note: str) -> Path:
    """A draft of a new source and its report of the example's karsk-talks-open."""
    path = folder / f"{name}.toml"
    path.write_text(
        f'[[sources]]\nid = "{source}"\noutlet = "Outlet {name}"\ntitle = "T"\n'
        f'published = "2025-10-22"\nkind = "article"\n\n'
        f'[[reports]]\nof = "karsk-talks-open"\nsource = "{source}"\nnote = "{note}"\n',
        encoding="utf-8",
    )
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder, by name, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


# --- Races ---------------------------------------------------------------------------------


def test_a_file_changed_after_the_plan_is_not_written_over(story: Path, tmp_path: Path) -> None:
    """An edit made to a target between add's reading and its writing is kept: nothing is
    written, and the error says to run add again."""
    draft = report_draft(tmp_path, "late", "late-src", "late")
    store = load_dataset([story])
    try:
        addition = prepare(str(draft), store=store, paths=[str(story)], into=None)
    finally:
        store.close()
    edited = (story / WIRE).read_text(encoding="utf-8") + "# an edit made meanwhile\n"
    (story / WIRE).write_text(edited, encoding="utf-8")
    before = snapshot(story)
    with pytest.raises(DataIOError, match="changed while"):
        write(addition)
    assert snapshot(story) == before
    assert not [p for p in story.iterdir() if p.name.startswith(".")]


def test_two_adds_at_once_both_land(story: Path, tmp_path: Path) -> None:
    """Two synews add processes on one dataset, started together: each report is in the
    file afterwards (the second waits for the first, then plans on what it wrote)."""
    drafts = [report_draft(tmp_path, f"d{n}", f"src-{n}", f"note {n}") for n in range(3)]
    command = [sys.executable, "-m", "synews_cli", "--no-cache", "--data", str(story), "add"]
    processes = [
        subprocess.Popen([*command, str(d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for d in drafts
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    text = (story / WIRE).read_text(encoding="utf-8")
    assert all(f'source = "src-{n}"' in text for n in range(3))
    assert run("--data", str(story), "check").exit_code == 0


# --- Outputs that would join the dataset ------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "{article}", "--published", "2025-10-20"],
        ["quotes", "-f", "json"],
        ["db"],
    ],
)
def test_an_output_named_toml_in_a_data_folder_is_refused(
    story: Path, tmp_path: Path, command: list[str]
) -> None:
    """-o NEW.toml inside a --data folder would make the output (an unreviewed draft, a
    listing) a file of the dataset: a usage error, and nothing written."""
    article = tmp_path / "article.txt"
    article.write_text('"We are ready," said Tomas Vey on Monday.\n', encoding="utf-8")
    before = snapshot(story)
    args = [part.format(article=article) for part in command]
    target = str(story / "draft.toml")
    result = run("--data", str(story), *args, *([target] if args == ["db"] else ["-o", target]))
    assert result.exit_code == 2, result.stderr
    assert "file of the dataset" in one_error(result.stderr)
    assert snapshot(story) == before


def test_an_output_in_a_data_folder_not_named_toml_is_written(story: Path) -> None:
    """Only a .toml file joins the dataset: a CSV beside the data is written as asked."""
    result = run("--data", str(story), "quotes", "-f", "csv", "-o", str(story / "quotes.csv"))
    assert result.exit_code == 0, result.stderr
    assert (story / "quotes.csv").read_text(encoding="utf-8").startswith("id,")


# --- What messages name -------------------------------------------------------------------------


def test_a_report_of_a_person_suggests_no_person(story: Path, tmp_path: Path) -> None:
    """`of` naming a person is refused, and the suggestion is an event or a statement,
    never the person it refuses."""
    draft = tmp_path / "draft.toml"
    draft.write_text(
        '[[reports]]\nof = "tomas-vey"\nsource = "wire-2025-10-14"\nnote = "n"\n', encoding="utf-8"
    )
    before = snapshot(story)
    result = run("--data", str(story), "add", str(draft))
    assert result.exit_code == 2, result.stderr
    assert "not an event or statement" in result.stderr
    assert "did you mean 'tomas-vey'" not in result.stderr
    assert snapshot(story) == before


# --- TOML laid out in every style the format allows ---------------------------------------------

TRICKY = '''[[sources]]
id = "src-a"
outlet = "A"
title = "A"
published = "2025-10-10"
kind = "article"

[[events]]
id = "e1"
date = "2025-10-01"
title = "E one"
source = "src-a"
summary = """
A summary that quotes a header:
[[events]]
and goes on."""
note = \'\'\'
[claims] too \'\'\'

[["events"]]  # a quoted table name
id = "e2"
date = "2025-10-05"
title = "E two"
source = "{source}"

[[ 'events' ]]
id = "e3"
date = "2025-10-06"
title = "E three"
source = "src-a"
'''


def test_lines_are_right_after_strings_that_look_like_headers(tmp_path: Path) -> None:
    """A line of a multi-line string that looks like a table header is not one, and a
    quoted table name is one: a problem of the item after them is told at its own line."""
    (tmp_path / "a.toml").write_text(TRICKY.format(source="nope"), encoding="utf-8")
    result = run("--data", str(tmp_path), "check")
    assert result.exit_code == 1
    assert "a.toml:20: e2: source: unknown source 'nope'" in result.stderr


@pytest.mark.parametrize("of", ["e1", "e2", "e3"])
def test_a_report_lands_under_its_item_whatever_the_strings_and_quoting(
    tmp_path: Path, of: str
) -> None:
    """A report of an item followed by a header-like string line, or by a quoted table
    name, is added right under that item, and only lines are added."""
    data = tmp_path / "data"
    data.mkdir()
    original = TRICKY.format(source="src-a")
    (data / "a.toml").write_text(original, encoding="utf-8")
    draft = report_draft(tmp_path, "d", "src-b", "said so").read_text(encoding="utf-8")
    (tmp_path / "d.toml").write_text(draft.replace("karsk-talks-open", of), encoding="utf-8")
    result = run(
        "--data", str(data), "add", str(tmp_path / "d.toml"), "--into", str(data / "b.toml")
    )
    assert result.exit_code == 0, result.stderr
    store = load_dataset([data])
    try:
        reported = {event.id: [r.source for r in event.reports] for event in store.events()}
    finally:
        store.close()
    assert reported == {e: (["src-b"] if e == of else []) for e in ("e1", "e2", "e3")}
    merged = (data / "a.toml").read_text(encoding="utf-8").splitlines()
    assert [line for line in merged if line not in original.splitlines()] == [
        "[[events.reports]]",
        'source = "src-b"',
        'note = "said so"',
    ]


def test_a_target_writing_its_tables_inline_is_named(tmp_path: Path) -> None:
    """A target whose statements are an inline array (claims = [...]) cannot take a new
    [[claims]] table: a usage error naming the target and its table, not a TOML error
    blamed on the draft; nothing written."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.toml").write_text(
        'sources = [ { id = "src-a", outlet = "A", title = "A", published = "2025-10-10",'
        ' kind = "article" } ]\n\n[[people]]\nid = "p1"\nname = "Pat"\n',
        encoding="utf-8",
    )
    draft = report_draft(tmp_path, "d", "src-b", "n").read_text(encoding="utf-8")
    (tmp_path / "d.toml").write_text(draft[: draft.index("[[reports]]")], encoding="utf-8")
    before = snapshot(data)
    result = run(
        "--data", str(data), "add", str(tmp_path / "d.toml"), "--into", str(data / "a.toml")
    )
    assert result.exit_code == 2, result.stderr
    assert "writes its sources inline" in one_error(result.stderr)
    assert snapshot(data) == before


def test_a_crlf_file_without_its_last_newline_keeps_crlf(tmp_path: Path) -> None:
    """A CRLF file whose last line (a comment) has no line end gets CRLF there too when
    items are appended: no bare LF in a CRLF file."""
    data = tmp_path / "data"
    data.mkdir()
    text = (
        '[[sources]]\r\nid = "src-a"\r\noutlet = "A"\r\ntitle = "A"\r\n'
        'published = "2025-10-10"\r\nkind = "article"\r\n# the end'
    )
    (data / "a.toml").write_bytes(text.encode("utf-8"))
    draft = report_draft(tmp_path, "d", "src-b", "n").read_text(encoding="utf-8")
    (tmp_path / "d.toml").write_text(draft[: draft.index("[[reports]]")], encoding="utf-8")
    result = run(
        "--data", str(data), "add", str(tmp_path / "d.toml"), "--into", str(data / "a.toml")
    )
    assert result.exit_code == 0, result.stderr
    after = (data / "a.toml").read_bytes()
    assert after.startswith(text.encode("utf-8") + b"\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_extract_never_writes_over_its_article(tmp_path: Path) -> None:
    """-o naming the article being read (by any name, a link too) is refused: the draft's
    text_file names that article, which verify needs; nothing is written."""
    article = tmp_path / "article.txt"
    article.write_text('"We are ready," said Tomas Vey on Monday.\n', encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(article)
    for output in (article, tmp_path / "link.txt"):
        result = run(
            "extract", str(article), "--no-dataset", "--published", "2025-10-20", "-o", str(output)
        )
        assert result.exit_code == 2, result.stderr
        assert "the article being read" in one_error(result.stderr)
        assert article.read_text(encoding="utf-8").startswith('"We are ready,"')


def test_a_newline_in_an_output_name_cannot_forge_a_message_line(tmp_path: Path) -> None:
    """extract's "wrote a draft ... to PATH" is one line on stderr whatever PATH holds, so
    a name with a newline cannot print a line of its own after it."""
    article = tmp_path / "article.txt"
    article.write_text('"We are ready," said Tomas Vey on Monday.\n', encoding="utf-8")
    output = tmp_path / "draft\nError: forged.toml"
    result = run(
        "extract", str(article), "--no-dataset", "--published", "2025-10-20", "-o", str(output)
    )
    assert result.exit_code == 0, result.stderr
    assert output.exists()
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not any(line.startswith("Error") for line in result.stderr.splitlines())


def test_a_huge_value_echoed_in_a_message_is_shortened(story: Path, tmp_path: Path) -> None:
    """A 2 MB id in a draft (or a data file) is echoed on stderr shortened, with how much
    was left out: a message stays a line a person can read."""
    huge = "a" * 2_000_000
    draft = tmp_path / "draft.toml"
    draft.write_text(f'[[reports]]\nof = "{huge}"\nsource = "wire-2025-10-14"\n', encoding="utf-8")
    result = run("--data", str(story), "add", str(draft))
    assert result.exit_code == 2
    assert len(result.stderr) < 5_000
    assert "more characters" in one_error(result.stderr)
    (story / "extra.toml").write_text(
        f'[[claims]]\nid = "c-new"\nspeaker = "{huge}"\nkind = "quote"\ntext = "x"\n'
        'date = "2025-10-14"\nsource = "wire-2025-10-14"\n',
        encoding="utf-8",
    )
    result = run("--data", str(story), "check")
    assert result.exit_code == 1
    assert len(result.stderr) < 5_000
    assert "extra.toml:1: c-new: speaker: unknown person 'aaaa" in result.stderr


# --- Bounded work ---------------------------------------------------------------------------------


class CountingText(str):
    """A text that counts the searches made in it."""

    searches = 0

    def find(self, *args: Any, **kwargs: Any) -> int:
        CountingText.searches += 1
        return super().find(*args, **kwargs)


def test_speakers_paragraphs_come_from_the_walk_not_a_search() -> None:
    """Where each statement is comes from the walk, not from searching the article for
    it once per statement (minutes on a long article), and a quote a headline repeats
    is placed in its own paragraph, not the headline's."""
    from synews_cli.curate.extract.builder import Builder
    from synews_cli.curate.extract.calendar import Calendar
    from synews_cli.curate.extract.known import _paragraphs_of_speakers
    from synews_cli.curate.extract.source import publication_date
    from synews_cli.curate.extract.walk import walk
    from synews_cli.curate.quotes_text import parse_document, speech_passages

    article = (
        "Rates stay where they are\n\n"
        'Markets waited all week. "Rates stay where they are," said Ana Ruiz, the governor.\n\n'
        '"We need lower rates now," said Ben Cole, the minister.\n'
    )
    doc = parse_document(article)
    point = publication_date("2025-10-20", doc, existing_source_date=None, today=None)[0]
    builder = Builder(doc, speech_passages(doc), Calendar(point))
    walk(builder)
    builder.doc = dataclasses.replace(doc, text=CountingText(doc.text))
    CountingText.searches = 0
    found = _paragraphs_of_speakers(builder)
    assert CountingText.searches == 0
    by_name = {builder.speakers[key].name: paragraphs for key, paragraphs in found.items()}
    assert by_name == {"Ana Ruiz": [1], "Ben Cole": [2]}


def test_the_plan_is_one_line_per_entry_whatever_the_draft_holds(
    story: Path, tmp_path: Path
) -> None:
    """A text_file (or a draft's file name) holding a newline cannot add a line to the
    plan, such as a fake 'dry run: nothing was written'."""
    draft = tmp_path / "draft\nadded 9 sources.toml"
    draft.write_text(
        '[[sources]]\nid = "tf-src"\noutlet = "O"\ntitle = "T"\npublished = "2025-10-22"\n'
        'kind = "article"\ntext_file = "/etc/x\\ndry run: nothing was written"\n',
        encoding="utf-8",
    )
    result = run("--data", str(story), "add", str(draft), "--dry-run")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("adding ") and lines[0].endswith(".toml:")
    assert [line for line in lines if "dry run" in line] == [
        line for line in lines if line.startswith("  note: ")
    ] + ["dry run: nothing was written"]


def test_a_reference_to_an_item_of_another_kind_says_what_it_is(
    story: Path, tmp_path: Path
) -> None:
    """`about` naming a person is refused saying it is a person, not that nothing
    defines it (the dataset does)."""
    draft = tmp_path / "draft.toml"
    draft.write_text(
        '[[claims]]\nid = "newc"\nspeaker = "tomas-vey"\nkind = "quote"\ntext = "x"\n'
        'date = "2025-10-14"\nsource = "wire-2025-10-14"\nabout = ["tomas-vey"]\n',
        encoding="utf-8",
    )
    result = run("--data", str(story), "add", str(draft))
    assert result.exit_code == 2
    assert "newc: about: 'tomas-vey' is a person, not an event" in result.stderr
    assert "neither the draft nor the dataset defines it" not in result.stderr


def test_a_page_the_html_parser_chokes_on_is_a_read_error(tmp_path: Path) -> None:
    """Markup on which the page libraries fail (lxml asserts on '<math><p></p><svg>
    <script>') is a page that cannot be read (exit 1, one error), not an internal error."""
    page = tmp_path / "page.html"
    page.write_text("<math><p></p><svg><script><p>", encoding="utf-8")
    result = run("extract", str(page), "--no-dataset", "--published", "2025-10-20")
    assert result.exit_code == 1, result.stderr
    assert "cannot read" in one_error(result.stderr)
    assert "internal error" not in result.stderr


def _many_reports(tmp_path: Path, count: int, field: str) -> tuple[Path, Path]:
    """A data folder of one file of ``count`` events, and a draft of a report of each
    from a new source, with ``field`` (``{n}`` is the event's number)."""
    data = tmp_path / f"data{count}"
    data.mkdir()
    (data / "a.toml").write_text(
        '[[sources]]\nid = "s1"\noutlet = "O"\ntitle = "T"\npublished = "2025-10-20"\n'
        'kind = "article"\n\n'
        + "".join(
            f'[[events]]\nid = "e{n}"\ndate = "2025-10-01"\ntitle = "Event {n}"\nsource = "s1"\n\n'
            for n in range(count)
        ),
        encoding="utf-8",
    )
    draft = tmp_path / f"draft{count}.toml"
    draft.write_text(
        '[[sources]]\nid = "s2"\noutlet = "P"\ntitle = "U"\npublished = "2025-10-21"\n'
        'kind = "article"\n\n'
        + "".join(
            f'[[reports]]\nof = "e{n}"\nsource = "s2"\n{field.format(n=n)}\n\n'
            for n in range(count)
        ),
        encoding="utf-8",
    )
    return data, draft


def test_adding_many_reports_to_one_file_is_linear(tmp_path: Path) -> None:
    """A draft of reports of every event of a file costs in proportion to their number:
    each report's place is found without scanning the file (or the reports) again."""

    def make(count: int) -> Callable[[], Any]:
        data, draft = _many_reports(tmp_path, count, 'note = "n{n}"')
        store = load_dataset([data])
        read = read_draft(str(draft))
        known = Known(store)
        texts = {str(data / "a.toml"): (data / "a.toml").read_text(encoding="utf-8")}

        def work() -> None:
            """The plan and the merged text (the check after them reads a store)."""
            merge.build(make_plan(read, known, str(data / "b.toml")), str(data / "b.toml"), texts)

        return work

    small, large = make(400), make(1600)
    assert steps(large) / steps(small) < 6


def test_one_unknown_id_named_many_times_is_looked_up_once(story: Path, tmp_path: Path) -> None:
    """A draft whose every event contradicts the same unknown id costs in proportion to
    its events: the ids to suggest from and the suggestion are found once."""
    store = load_dataset([story])
    known = Known(store)

    def make(count: int) -> Callable[[], Any]:
        draft = tmp_path / f"draft{count}.toml"
        draft.write_text(
            "".join(
                f'[[events]]\nid = "new{n}"\ndate = "2025-10-01"\ntitle = "New {n}"\n'
                'source = "wire-2025-10-14"\ncontradicts = ["nope"]\n\n'
                for n in range(count)
            ),
            encoding="utf-8",
        )
        read = read_draft(str(draft))

        def work() -> None:
            with pytest.raises(DraftError, match="problem"):
                make_plan(read, known, str(story / WIRE))

        return work

    try:
        assert steps(make(800)) / steps(make(200)) < 6
    finally:
        store.close()


def test_a_problem_per_report_is_told_in_linear_time(tmp_path: Path) -> None:
    """Every report of a large draft dated after its source: each problem is placed at
    its draft line without going through every inserted block (or report) for each."""
    from synews_cli.errors import DataError

    def make(count: int) -> Callable[[], Any]:
        data, draft = _many_reports(tmp_path, count, 'date = "2025-10-30"')
        store = load_dataset([data])
        read = read_draft(str(draft))
        plan = make_plan(read, Known(store), str(data / "b.toml"))
        texts = {str(data / "a.toml"): (data / "a.toml").read_text(encoding="utf-8")}
        changes = merge.build(plan, str(data / "b.toml"), texts)

        def work() -> None:
            with pytest.raises(DataError) as raised:
                merge.check(plan, store, changes)
            assert len(raised.value.problems) == count
            assert raised.value.problems[-1].file == str(draft)

        return work

    assert steps(make(1200)) / steps(make(300)) < 6


def test_two_different_reports_from_one_source_in_a_draft_conflict(
    story: Path, tmp_path: Path
) -> None:
    """Two [[reports]] of one item from one source that say different things conflict, as
    they do when the dataset has the first (docs/data-format.md): nothing is written."""
    draft = tmp_path / "draft.toml"
    draft.write_text(
        '[[sources]]\nid = "dd-src"\noutlet = "D"\ntitle = "T"\npublished = "2025-10-22"\n'
        'kind = "article"\n\n'
        '[[reports]]\nof = "karsk-talks-open"\nsource = "dd-src"\nnote = "one"\n\n'
        '[[reports]]\nof = "karsk-talks-open"\nsource = "dd-src"\nnote = "two"\n',
        encoding="utf-8",
    )
    before = snapshot(story)
    result = run("--data", str(story), "add", str(draft))
    assert result.exit_code == 2, result.stderr
    assert "draft.toml:13: reports of karsk-talks-open" in result.stderr
    assert "another report from dd-src (line 8)" in result.stderr
    assert snapshot(story) == before
