"""A dataset from someone else: escape sequences in keys, ids and table names never reach
the terminal; odd line ends do not shift the lines `check` names; what a data folder holds
that is not a TOML file is reported, not skipped or read; `extract` prints no raw controls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile_support import GOOD, make_fifo, run, run_process

# Anything a terminal acts on: C0 controls but tab and newline, DEL, C1, bidi controls.
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def written(tmp_path: Path, text: str, name: str = "data.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "toml",
    [
        '[meta]\ntitle = "T"\nschema_version = 1\n"\\u001b]0;PWNED\\u0007" = 1\n',
        '[[events]]\nid = "e1"\ndate = "2024"\ntitle = "T"\nsummary = "S"\n'
        'source = "s"\n"\\u001b[43mBAD" = 1\n',
        '["\\u001b[2Jtable"]\nx = 1\n',
        '[[claims]]\nid = "\\u001b[43mBAD\\u009b31m"\nspeaker = "p"\nkind = "quote"\n'
        'text = "t"\ndate = "2024"\nsource = "s"\n',
        '[[events]]\nid = "e1"\ndate = "2024"\ntitle = "T"\nsummary = "S"\n'
        'source = "\\u202eevil\\u001b[0m"\n',
    ],
    ids=["meta-key", "event-key", "table-name", "claim-id", "reference"],
)
def test_check_never_echoes_an_escape_sequence(tmp_path: Path, toml: str) -> None:
    """Every message naming a key, an id, a table or a reference shows it inert."""
    result = run_process("check", str(written(tmp_path, toml)))
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() or result.stderr.strip()
    assert not ACTIVE.search(result.stdout), result.stdout
    assert not ACTIVE.search(result.stderr), result.stderr


def test_a_suggestion_and_an_ambiguity_note_are_inert(tmp_path: Path) -> None:
    """A "did you mean" for an id, and the note that a name matches several people, quote
    data text: inert too."""
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace(
        'id = "jane-doe"\nname = "Jane Doe"', 'id = "jane-doe"\nname = "Doe \\u001b[41m"'
    )
    text = text.replace(
        'id = "john-doe"\nname = "John Doe"', 'id = "john-doe"\nname = "Doe \\u009b1m"'
    )
    data = written(tmp_path, text)
    for args in (["quotes", "--speaker", "Doe"], ["show", "jane-doee"], ["people", "-f", "table"]):
        result = run("--data", str(data), *args)
        assert not ACTIVE.search(result.stderr), (args, result.stderr)
        assert not ACTIVE.search(result.stdout), (args, result.stdout)


@pytest.mark.parametrize(
    ("line_end", "line"),
    [("\u2028", 6), ("\u2029", 6), ("\x85", 6), ("\x0c", 4), ("\x1c", 4)],
)
def test_check_names_the_right_line_after_an_odd_line_end(
    tmp_path: Path, line_end: str, line: int
) -> None:
    """TOML ends lines at \\n only: after a raw U+2028, U+2029 or NEL inside a value, a later
    problem is on the line TOML counts (6); a raw form feed or file separator, which TOML
    refuses in a string, is a syntax error on its own line (4)."""
    body = (
        '[[events]]\nid = "e1"\ndate = "2024"\n'
        f'title = "one{line_end}two{line_end}three"\nsummary = "S"\nbogus = 1\n'
    )
    result = run("check", str(written(tmp_path, body)))
    assert result.exit_code == 1
    out = result.stdout + result.stderr
    what = "e1: bogus: unknown field" if line == 6 else "TOML syntax error"
    assert f"data.toml:{line}: {what}" in out, out


def test_what_a_data_folder_holds_besides_toml_files_is_reported(tmp_path: Path) -> None:
    """A link to nothing, a FIFO and a folder, each named *.toml: each reported as a
    problem with its name (the FIFO never opened), exit 1."""
    folder = tmp_path / "data"
    folder.mkdir()
    written(folder, GOOD.read_text(encoding="utf-8"), "a.toml")
    (folder / "b.toml").symlink_to(folder / "gone.toml")
    make_fifo(folder / "c.toml")
    (folder / "d.toml").mkdir()
    result = run_process("check", str(folder), timeout=60)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    for name, why in (("b.toml", "link"), ("c.toml", "regular file"), ("d.toml", "folder")):
        assert re.search(rf"{name}.*{why}", out), (name, out)


def test_extract_prints_no_raw_controls(tmp_path: Path) -> None:
    """An article holding C1 controls and bidi overrides: the draft on the terminal (and in
    the file) holds them escaped, and still parses as TOML with the same text."""
    import tomllib

    article = written(
        tmp_path,
        "\u201cWe will stay\u202e in the \x9b31mbase,\u201d said Colonel Ivan Petrov,"
        " a spokesman.\n",
        "article.txt",
    )
    result = run("extract", str(article), "--published", "2024-11-14")
    assert result.exit_code == 0, result.output
    assert not ACTIVE.search(result.stdout), result.stdout
    draft = tomllib.loads(result.stdout)
    assert any("\u202e" in claim["text"] for claim in draft.get("claims", []))


@pytest.mark.parametrize(
    ("args", "expected", "not_expected"),
    [
        (["timeline", "--on", "99999"], "year", "day/month"),
        (["timeline", "--on", "-0044"], "year", "day/month"),
        (["search", "x* -y*"], "x*", "each word occurs"),
    ],
)
def test_messages_say_what_is_wrong(args: list[str], expected: str, not_expected: str) -> None:
    result = run("--data", str(GOOD), *args)
    assert expected in result.stderr, result.stderr
    assert not_expected not in result.stderr, result.stderr


def test_an_empty_date_is_called_empty(tmp_path: Path) -> None:
    body = '[[events]]\nid = "e1"\ndate = ""\ntitle = "T"\nsummary = "S"\nsource = "s"\n'
    result = run("check", str(written(tmp_path, body)))
    assert result.exit_code == 1
    assert "empty" in result.stdout + result.stderr
    assert "surrounding spaces" not in result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "plain"])
def test_an_empty_search_says_why_once(fmt: str) -> None:
    """No hit: one note on stderr, whatever the format (a machine format still prints its
    empty document)."""
    result = run("--data", str(GOOD), "search", "Zzzq", "-f", fmt)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        'no match for "Zzzq"; "Zzzq" does not occur in the dataset'
    ]


def test_a_query_with_quotation_marks_is_quoted_once() -> None:
    result = run("--data", str(GOOD), "search", '"the the"')
    assert result.stderr.startswith("no match for '\"the the\"'"), result.stderr


@pytest.mark.parametrize(
    ("args", "option"),
    [(["--data", ""], "--data"), (["timeline", "-o", ""], "--output"), (["db", ""], "OUT")],
)
def test_an_empty_path_is_a_usage_error(args: list[str], option: str) -> None:
    """An empty name would quietly mean the current folder."""
    given = [*args, "timeline"] if args[0] == "--data" else ["--data", str(GOOD), *args]
    result = run(*given)
    assert result.exit_code == 2
    assert option in result.stderr and "is empty" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--search", ""],
        ["timeline", "--place", " "],
        ["timeline", "--actor", ""],
        ["timeline", "--tag", ""],
        ["quotes", "--speaker", ""],
        ["quotes", "--topic", ""],
        ["quotes", "--affiliation", ""],
        ["people", "--affiliation", ""],
        ["people", "--search", "  "],
    ],
)
def test_an_empty_filter_is_a_usage_error(args: list[str]) -> None:
    """An empty value would match everything for one filter and nothing for another: it
    is refused, naming the option."""
    result = run("--data", str(GOOD), *args)
    assert result.exit_code == 2, result.output
    assert f"{args[1]} is empty" in result.stderr and result.stdout == ""
