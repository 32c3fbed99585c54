"""What a shell can do to synews's streams and arguments: a reader that stops early, a closed
or full stdout, bytes that are not text, a terminal of no width. Each gives a documented exit
code and at most one sentence on stderr."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_support import DATA, GOOD, make_device, one_error, run

BROKEN = DATA / "broken"
SYNEWS = [sys.executable, "-m", "synews_cli"]


def shell(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )


def quoted(args: list[str]) -> str:
    return " ".join(f"'{arg}'" for arg in args)


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")


@needs_bash
def test_check_of_bad_data_into_head_still_exits_1(tmp_path: Path) -> None:
    """`synews check bad.toml | head -1` with pipefail fails, as the whole output would: a
    reader that goes away does not change what the exit code says about the data."""
    command = quoted([*SYNEWS, "check", str(BROKEN / "bad_date.toml"), str(BROKEN)])
    result = shell(f"set -o pipefail; {command} 2>&1 | head -1; echo status=$?", tmp_path)
    assert result.stdout.splitlines()[-1] == "status=1", result.stdout


@needs_bash
def test_verify_with_misquotes_into_head_still_exits_1(tmp_path: Path) -> None:
    data = DATA / "verify_dataset.toml"
    command = quoted([*SYNEWS, "--data", str(data), "verify", "--strict", "-f", "plain"])
    full = shell(f"{command} >/dev/null 2>&1; echo status=$?", tmp_path)
    piped = shell(f"set -o pipefail; {command} 2>&1 | head -1; echo status=$?", tmp_path)
    assert piped.stdout.splitlines()[-1] == full.stdout.splitlines()[-1]


@needs_bash
def test_a_closed_stdout_is_an_io_error(tmp_path: Path) -> None:
    command = quoted([*SYNEWS, "--data", str(GOOD), "timeline"])
    result = shell(f"{command} >&-; echo status=$?", tmp_path)
    assert result.stdout.splitlines()[-1] == "status=1", result.stdout + result.stderr
    assert "cannot write" in one_error(result.stderr)


def test_a_full_stdout_is_an_io_error(tmp_path: Path) -> None:
    """stdout on a device that refuses writes (a "full" device made here): exit 1."""
    device = make_device(tmp_path / "full", 1, 7)
    with open(device, "w", encoding="utf-8") as full:
        result = subprocess.run(
            [*SYNEWS, "--data", str(GOOD), "timeline", "-f", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 1
    assert "cannot write" in one_error(result.stderr)


@pytest.mark.parametrize(
    "args",
    [[b"show", b"\xff"], [b"timeline", b"--search", b"\xffx"], [b"quotes", b"--speaker", b"\xc3"]],
)
def test_an_argument_that_is_not_utf8_is_a_usage_error(args: list[bytes]) -> None:
    command = [os.fsencode(part) for part in SYNEWS] + [b"--data", os.fsencode(GOOD), *args]
    result = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert result.returncode == 2
    stderr = result.stderr.decode("utf-8", "replace")
    assert "UTF-8" in one_error(stderr) and result.stdout == b""


@pytest.mark.parametrize("columns", ["0", "1", "-5", "abc"])
def test_a_terminal_of_no_width_still_gets_the_table(columns: str) -> None:
    result = run("--data", str(GOOD), "timeline", "-f", "table", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert "Jane" in result.stdout or "2024" in result.stdout


@needs_bash
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["cache", "info"]])
def test_a_closed_stdout_is_an_io_error_for_every_command(tmp_path: Path, args: list[str]) -> None:
    """Help, version and cache info write stdout without a listing's own handling."""
    command = quoted([*SYNEWS, *args])
    result = shell(f"{command} >&-; echo status=$?", tmp_path)
    assert result.stdout.splitlines()[-1] == "status=1", result.stdout + result.stderr
    assert "cannot write the output" in one_error(result.stderr)


@pytest.mark.parametrize("fmt", ["plain", "json", "csv"])
def test_a_stdout_that_cannot_encode_the_data_is_one_error(tmp_path: Path, fmt: str) -> None:
    """A stdout in ASCII (PYTHONIOENCODING, an old locale) and a name with an accent: one
    sentence saying so and what to set (exit 1), not an "internal error"."""
    result = subprocess.run(
        [*SYNEWS, "--data", str(GOOD), "people", "-f", fmt],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=120,
        check=False,
    )
    stderr = result.stderr.decode("ascii", errors="replace")
    assert result.returncode == 1, stderr
    one_error(stderr)
    assert "internal error" not in stderr
    assert "ascii" in stderr and "PYTHONIOENCODING=utf-8" in stderr
