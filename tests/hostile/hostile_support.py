"""What the hostile tests share: synews run in-process and as a real process, and the special
files they aim it at, made inside a temporary folder (never the machine's own ``/dev``)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from synews_cli.cli import app

DATA = Path(__file__).parents[1] / "data"
GOOD = DATA / "good.toml"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """The app through Typer's CliRunner (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, list(args), env=env)


def run_process(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """synews as a real process: ``python -m synews_cli ARGS``."""
    return subprocess.run(
        [sys.executable, "-m", "synews_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def one_error(stderr: str) -> str:
    """The one error sentence on stderr (and no traceback)."""
    assert "Traceback" not in stderr, stderr
    assert stderr.count("Error: ") == 1, stderr
    return stderr


def make_device(path: Path, major: int, minor: int) -> Path:
    """A character device node (``1, 3`` is null, ``1, 7`` full) at ``path``; skipped where
    the test may not make one (not root, or a container without the capability)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return path


def make_fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    try:
        os.mkfifo(path)
    except OSError as error:
        pytest.skip(f"cannot make a FIFO here: {error}")
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files an atomic write may leave behind in ``folder``."""
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".tmp"))
