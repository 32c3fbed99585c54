"""Terminal habits from git and gh: a pager for long output.

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
from rich.cells import cell_len
from typer.testing import CliRunner

from synews_cli.cli import app
from synews_cli.render import pager

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
