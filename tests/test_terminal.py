"""Terminal habits from git and gh: a pager for long output, a readable width, ids in view.

Paging is tested through a real pseudo-terminal with fake pagers (Python scripts) that
record what they were given; conftest turns paging off for every other test."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import select
import shlex
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from synews_cli.cli import app
from synews_cli.render import pager
from synews_cli.render.table import MEASURE

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "data" / "good.toml"
OUTLETS = ROOT / "docs" / "examples" / "three-outlets"
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")

RECORDER = """\
import json, os, sys
data = sys.stdin.buffer.read()
record = os.environ["PAGER_RECORD"]
with open(record, "wb") as out:
    out.write(data)
with open(record + ".json", "w") as out:
    json.dump({"argv": sys.argv[1:], "LESS": os.environ.get("LESS")}, out)
sys.stdout.write("the pager ran\\n")
"""
QUITTER = """\
import sys
sys.stdin.readline()
"""
WAITER = """\
import os, sys, time
sys.stdin.buffer.read()
open(os.environ["PAGER_READY"], "w").close()
while not os.path.exists(os.environ["PAGER_RELEASE"]):
    time.sleep(0.05)
"""


def script(tmp_path: Path, name: str, body: str) -> str:
    """A fake pager: a Python script, as the command line a pager variable would hold."""
    path = tmp_path / f"{name}.py"
    path.write_text(body, encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(path))}"


def in_terminal(
    *args: str,
    rows: int = 24,
    columns: int = 100,
    env: dict[str, str] | None = None,
    unset: tuple[str, ...] = (),
    interrupt_when: Path | None = None,
    release: Path | None = None,
) -> tuple[int, str, str]:
    """synews with stdout on a pseudo-terminal of ``rows`` x ``columns``; returns (exit code,
    what reached the terminal, stderr). With ``interrupt_when``, once that file exists
    synews gets SIGINT (as Ctrl-C sends it) and then ``release`` is created."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environ = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), **(env or {})}
    for name in unset:
        environ.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "synews_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=environ,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if interrupt_when is not None and interrupt_when.exists():
            process.send_signal(signal.SIGINT)
            assert release is not None
            release.touch()
            interrupt_when = None
        ready, _, _ = select.select([master], [], [], 0.1)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    process.stderr.close()
    code = process.wait(timeout=60)
    os.close(master)
    return code, b"".join(chunks).decode().replace("\r\n", "\n"), stderr


def plain_ids(*args: str) -> list[str]:
    """The ids a listing holds, from its JSON."""
    result = CliRunner().invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return [record["id"] for record in json.loads(result.stdout)]


@pytest.fixture
def recorder(tmp_path: Path) -> tuple[str, Path]:
    """A fake pager that records its input (and its arguments and LESS) in a file."""
    return script(tmp_path, "recorder", RECORDER), tmp_path / "paged.txt"


@pytest.fixture(scope="module")
def long_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset whose terminal view is far more than a pipe's buffer holds."""
    path = tmp_path_factory.mktemp("long") / "long.toml"
    parts = ['[[sources]]\nid = "s"\noutlet = "o"\npublished = "2025"\nkind = "article"\n']
    for number in range(600):
        parts.append(
            f'[[events]]\nid = "e{number}"\ndate = "2024-12"\ntitle = "Event {number}"\n'
            f'summary = "{"word " * 30}"\nsource = "s"\n'
        )
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


# --- Paging -------------------------------------------------------------------------------------


def test_long_output_goes_whole_and_coloured_through_the_pager(
    recorder: tuple[str, Path],
) -> None:
    """A timeline taller than the window reaches the pager whole, styled for the terminal."""
    command, record = recorder
    code, shown, stderr = in_terminal(
        "timeline", rows=30, env={"SYNEWS_PAGER": command, "PAGER_RECORD": str(record)}
    )
    assert (code, stderr) == (0, "")
    assert "the pager ran" in shown
    paged = record.read_text(encoding="utf-8")
    assert "\x1b[" in paged  # coloured, though the pager reads a pipe
    text = ESCAPE.sub("", paged)
    assert f"{len(plain_ids('timeline'))} events" in text
    for event_id in plain_ids("timeline"):
        assert event_id in text
    assert text.rstrip().endswith("(no filters)")  # the footer: nothing was cut off
    assert max(cell_len(line) for line in text.splitlines()) <= 100


def test_short_output_is_not_paged(recorder: tuple[str, Path]) -> None:
    """Output that fits above the prompt is written straight to the terminal."""
    command, record = recorder
    code, shown, stderr = in_terminal(
        "quotes",
        "--limit",
        "1",
        rows=40,
        env={"SYNEWS_PAGER": command, "PAGER_RECORD": str(record)},
    )
    assert (code, stderr) == (0, "")
    assert not record.exists()
    assert "1 statement" in ESCAPE.sub("", shown)


def test_a_window_is_full_one_line_before_its_last_row() -> None:
    """Output as tall as the window pages (the prompt needs the last row); one line less
    does not; long lines count the rows they wrap to."""
    out = pager.PagedOutput(io.StringIO(), "unused", height=5, width=10)
    assert not out.fills_window("1\n2\n3\n4\n")
    assert out.fills_window("5\n")
    wrapped = pager.PagedOutput(io.StringIO(), "unused", height=5, width=10)
    assert not wrapped.fills_window("x" * 20 + "\n" + "y" * 19 + "\n")
    assert wrapped.fills_window("z\n")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")))),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=2, max_value=12),
    st.data(),
)
def test_whether_output_pages_does_not_depend_on_how_it_was_written(
    lines: list[str], width: int, height: int, data: st.DataObject
) -> None:
    """However a renderer splits its writes, the output pages exactly when it would as one
    write: the rows are counted across the pieces."""
    whole = "\n".join(lines)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(whole)), max_size=8)))
    pieces = [whole[a:b] for a, b in zip([0, *cuts], [*cuts, len(whole)], strict=True)]
    at_once = pager.PagedOutput(io.StringIO(), "unused", height=height, width=width)
    in_pieces = pager.PagedOutput(io.StringIO(), "unused", height=height, width=width)
    assert any(in_pieces.fills_window(piece) for piece in pieces) == at_once.fills_window(whole)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)), st.integers(1, 50))
def test_rows_of_plain_text_are_its_length_over_the_width_and_styles_take_none(
    line: str, width: int
) -> None:
    """A printable ASCII line fills ceil(length / width) rows (at least one), styled or not."""
    rows = max(1, -(-len(line) // width))
    assert pager.display_rows(line, width) == rows
    styled = "".join(f"\x1b[1;3{n % 8}m{char}\x1b[0m" for n, char in enumerate(line))
    assert pager.display_rows(styled, width) == rows


@pytest.mark.parametrize(
    ("line", "rows"),
    [
        ("", 1),
        ("a" * 10, 1),
        ("a" * 11, 2),
        ("\x1b[1;36m" + "a" * 10 + "\x1b[0m", 1),  # escapes take no cells
        ("\t" * 2, 2),  # a tab goes to the next multiple of 8
        ("漢" * 5, 1),
        ("漢" * 6, 2),  # wide characters take two cells
        ("e\u0301" * 10, 1),  # combining accents take none
    ],
)
def test_display_rows_counts_what_the_terminal_shows(line: str, rows: int) -> None:
    """Rows are counted as a terminal 10 columns wide lays the line out."""
    assert pager.display_rows(line, 10) == rows


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-pager"], {}),
        ([], {"SYNEWS_PAGER": "cat"}),
        ([], {"SYNEWS_PAGER": ""}),
        ([], {"SYNEWS_PAGER": "  "}),
    ],
)
def test_paging_can_be_turned_off(
    recorder: tuple[str, Path], args: list[str], env: dict[str, str]
) -> None:
    """--no-pager, SYNEWS_PAGER=cat and an empty SYNEWS_PAGER write straight to the terminal
    (even with PAGER set)."""
    command, record = recorder
    code, shown, stderr = in_terminal(
        *args, "timeline", rows=30, env={"PAGER": command, "PAGER_RECORD": str(record), **env}
    )
    assert (code, stderr) == (0, "")
    assert not record.exists()
    assert ESCAPE.sub("", shown).rstrip().endswith("(no filters)")


def test_pager_falls_back_to_PAGER(recorder: tuple[str, Path]) -> None:
    """Without SYNEWS_PAGER, PAGER pages."""
    command, record = recorder
    code, _, stderr = in_terminal(
        "timeline",
        rows=30,
        env={"PAGER": command, "PAGER_RECORD": str(record)},
        unset=("SYNEWS_PAGER",),
    )
    assert (code, stderr) == (0, "")
    assert record.exists()


@pytest.mark.parametrize(("less", "expected"), [(None, "FRX"), ("-i", "-i")])
def test_the_default_pager_is_less_FRX(tmp_path: Path, less: str | None, expected: str) -> None:
    """With neither variable set, `less -FRX` pages, with LESS=FRX unless LESS is set."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "less"
    fake.write_text(f"#!{sys.executable}\n{RECORDER}", encoding="utf-8")
    fake.chmod(0o755)
    record = tmp_path / "paged.txt"
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PAGER_RECORD": str(record)}
    if less is not None:
        env["LESS"] = less
    code, _, stderr = in_terminal("timeline", rows=30, env=env, unset=("SYNEWS_PAGER", "PAGER"))
    assert (code, stderr) == (0, "")
    called = json.loads(Path(f"{record}.json").read_text(encoding="utf-8"))
    assert called == {"argv": ["-FRX"], "LESS": expected}


def test_a_pipe_is_never_paged(recorder: tuple[str, Path]) -> None:
    """With stdout a pipe, the pager is not run and the output is as it always was."""
    command, record = recorder
    env = {**os.environ, "SYNEWS_PAGER": command, "PAGER_RECORD": str(record)}
    paged = subprocess.run(
        [sys.executable, "-m", "synews_cli", "timeline"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    direct = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--no-pager", "timeline"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not record.exists()
    assert paged.stdout == direct.stdout
    assert "\t" in paged.stdout and "\x1b" not in paged.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "plain"])
def test_a_pager_that_quits_early_ends_synews_quietly(
    tmp_path: Path, long_dataset: Path, fmt: str
) -> None:
    """A pager that stops reading (q in less, head) ends synews with 0 and nothing on stderr."""
    command = script(tmp_path, "quitter", QUITTER)
    code, _, stderr = in_terminal(
        "--data", str(long_dataset), "timeline", "-f", fmt, env={"SYNEWS_PAGER": command}
    )
    assert (code, stderr) == (0, "")


def test_a_pager_that_cannot_start_leaves_the_output_on_the_terminal(tmp_path: Path) -> None:
    """A missing pager: one note on stderr, and the whole output written directly."""
    missing = str(tmp_path / "no-such-pager")
    code, shown, stderr = in_terminal("timeline", rows=30, env={"SYNEWS_PAGER": missing})
    assert code == 0
    assert stderr.count("\n") == 1 and "cannot start the pager" in stderr
    assert missing in stderr
    assert ESCAPE.sub("", shown).rstrip().endswith("(no filters)")


def test_a_shell_line_that_cannot_run_says_so(tmp_path: Path) -> None:
    """A pager given as a shell line whose command is missing: the shell's own message and
    one note from synews, not a silent empty screen."""
    missing = shlex.quote(str(tmp_path / "no-such-pager"))
    code, _, stderr = in_terminal(
        "timeline", rows=30, env={"SYNEWS_PAGER": f"{missing} --flag 'x'"}
    )
    assert code == 0
    assert "Traceback" not in stderr
    assert stderr.count("could not be run") == 1
    assert stderr.rstrip().endswith("set SYNEWS_PAGER=cat to stop paging")


def test_ctrl_c_while_the_pager_shows_the_output_is_the_pagers(tmp_path: Path) -> None:
    """Ctrl-C once the output is complete is left to the pager: synews waits for it and
    exits 0, with nothing on stderr."""
    command = script(tmp_path, "waiter", WAITER)
    ready, release = tmp_path / "ready", tmp_path / "release"
    env = {"SYNEWS_PAGER": command, "PAGER_READY": str(ready), "PAGER_RELEASE": str(release)}
    code, _, stderr = in_terminal(
        "timeline", rows=30, env=env, interrupt_when=ready, release=release
    )
    assert (code, stderr) == (0, "")
    assert release.exists()


def test_ctrl_c_while_writing_waits_for_the_pager(
    monkeypatch: pytest.MonkeyPatch, recorder: tuple[str, Path]
) -> None:
    """Ctrl-C while output is still being made stops it, lets the pager show what it got
    and end, and only then goes on (to the one "interrupted" line)."""
    command, record = recorder
    monkeypatch.setenv("SYNEWS_PAGER", command)
    monkeypatch.setenv("PAGER_RECORD", str(record))
    monkeypatch.setenv("LINES", "10")

    def write(out: Any) -> None:
        for number in range(50):
            out.write(f"line {number}\n")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pager.paged(write, io.StringIO())
    # The pager had ended (and written its record) before the interrupt went on.
    assert record.read_text(encoding="utf-8").splitlines()[-1] == "line 49"


def test_paging_needs_a_terminal_and_is_off_with_no_pager(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pager_command follows SYNEWS_PAGER, then PAGER, then less -FRX; cat and empty are off."""
    assert pager.pager_command({}) == "less -FRX"
    assert pager.pager_command({"PAGER": "more"}) == "more"
    assert pager.pager_command({"PAGER": "more", "SYNEWS_PAGER": "most"}) == "most"
    assert pager.pager_command({"PAGER": "more", "SYNEWS_PAGER": ""}) is None
    assert pager.pager_command({"PAGER": "cat"}) is None
    assert pager.pager_command({"PAGER": ""}) is None
    out = io.StringIO()
    monkeypatch.setenv("SYNEWS_PAGER", "less")
    pager.allow(False)
    try:
        assert pager.paged(lambda stream: stream.write("x"), out) is False
    finally:
        pager.allow(True)
    assert out.getvalue() == ""


# --- A readable width, columns sized to their content -------------------------------------------

VIEWS = [
    ["timeline"],
    ["timeline", "--by", "year"],
    ["quotes"],
    ["people"],
    ["search", "base"],
    ["sources"],
    ["facets"],
    ["show", "assad-falls"],
]
OUTLET_VIEWS = [["timeline"], ["quotes"], ["conflicts"], ["sources"], ["people"]]


def table(*args: str, columns: int, color: bool = False, data: Path | None = None) -> str:
    """A terminal view at ``columns`` wide (COLUMNS pins Rich's width, as on a terminal)."""
    env = {"COLUMNS": str(columns), **({"FORCE_COLOR": "1"} if color else {})}
    data_args = ["--data", str(data)] if data else []
    result = CliRunner().invoke(app, [*data_args, *args, "-f", "table"], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("columns", [200, 100, 80, 60])
@pytest.mark.parametrize(
    ("args", "data"),
    [*((args, None) for args in VIEWS), *((args, OUTLETS) for args in OUTLET_VIEWS)],
    ids=lambda value: " ".join(value) if isinstance(value, list) else Path(str(value)).name,
)
def test_no_line_is_wider_than_the_measure_or_the_terminal(
    args: list[str], data: Path | None, columns: int
) -> None:
    """At 200 columns no line passes the readable measure; at 80 and 60 none passes the
    terminal's edge. (The story across outlets has conflicts, copies and reports.)"""
    output = table(*args, columns=columns, data=data)
    widest = max(cell_len(line) for line in output.splitlines())
    assert widest <= min(columns, MEASURE)
    if columns >= MEASURE and data is None and args in (["timeline"], ["quotes"], ["people"]):
        assert widest >= MEASURE - 10  # long text uses the measure, not less


def test_the_speaker_column_is_as_wide_as_the_longest_name() -> None:
    """One short name: a Speaker column of that name's width, not a share of the terminal."""
    output = table("quotes", "--speaker", "Debo", columns=200)
    header = next(line for line in output.splitlines() if "Speaker" in line)
    gap = header.index("Statement") - header.index("Speaker")
    assert gap <= max(12, len("Nader Debo")) + 4  # the column and its padding (it was 48)


def test_the_people_view_is_sized_to_its_names() -> None:
    """A dataset of short names gets a narrow Person column, not half the terminal."""
    output = table("people", columns=200, data=GOOD)
    header = next(line for line in output.splitlines() if "Person" in line)
    longest = max(
        len(record[key] or "")
        for record in json.loads(
            CliRunner().invoke(app, ["--data", str(GOOD), "people", "-f", "json"]).stdout
        )
        for key in ("name", "id")
    )
    assert header.index("Said") - header.index("Person") <= max(longest + 14, 24)


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_wrapped_lines_keep_their_indent(columns: int) -> None:
    """In the timeline every line of an event starts at the event's column, wrapped or not;
    in the quotes no text crosses into the gap before the statements."""
    output = table("timeline", columns=columns)
    lines = [
        line
        for line in output.splitlines()[:-1]  # the footer is the last line
        if line.strip() and not re.fullmatch(r"\s*(\d{4}|earlier)\s*", line)
    ]
    indents = [len(line) - len(line.lstrip()) for line in lines]
    start = max(indents)  # where a continuation line starts: the event's column
    assert start >= 12
    for line, indent in zip(lines, indents, strict=True):
        assert indent == start or (line[start - 2 : start] == "  " and line[start] != " "), line
    quotes = table("quotes", columns=columns).splitlines()
    header = next(line for line in quotes if "Statement" in line)
    start = header.index("Statement")
    rows = [line for line in quotes[quotes.index(header) + 2 :] if line.strip()][:-1]
    assert rows and all(line[start - 1] == " " for line in rows if len(line) >= start)


# --- Ids in view --------------------------------------------------------------------------------


def dimmed_text(output: str) -> str:
    """``output`` without its escapes, with every character not styled dim blanked out, so
    that an id found in it is dimmed and on one line."""
    kept: list[str] = []
    dim = False
    for piece in re.split(r"(\x1b\[[0-9;]*m)", output):
        if piece.startswith("\x1b["):
            codes = piece[2:-1].split(";")
            if codes == ["0"] or codes == [""]:
                dim = False
            elif "2" in codes:
                dim = True
            elif "22" in codes:
                dim = False
            continue
        kept.append("".join(ch if dim or ch == "\n" else " " for ch in piece))
    return "".join(kept)


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize(
    ("args", "data"),
    [
        (["timeline"], None),
        (["quotes"], None),
        (["people"], None),
        (["search", "base"], None),
        (["sources"], None),
        *((args, OUTLETS) for args in OUTLET_VIEWS),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_every_listing_shows_each_id_dimmed_and_whole(
    args: list[str], data: Path | None, columns: int
) -> None:
    """Each item's id is in the terminal view, dimmed, on one line (no ellipsis, no fold)."""
    data_args = ["--data", str(data)] if data else []
    result = CliRunner().invoke(app, [*data_args, *args, "-f", "json"])
    ids = {record["id"] for record in json.loads(result.stdout)}
    ids |= {r["other"] for r in json.loads(result.stdout) if r.get("other")}
    assert ids
    dimmed = dimmed_text(table(*args, columns=columns, color=True, data=data))
    for item_id in ids:
        assert re.search(rf"(?<![\w-]){re.escape(item_id)}(?![\w-])", dimmed), item_id


def test_ids_in_a_narrow_terminal_are_never_cut_short() -> None:
    """At 60 columns a long id may fold to a second line, but every character is shown."""
    output = table("people", columns=60)
    text = "".join(line.strip() for line in output.splitlines())
    for item_id in plain_ids("people"):
        assert item_id in text
