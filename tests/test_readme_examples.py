"""The README's examples are real: their output is what synews prints today."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def example_output(command: str) -> str:
    """The lines shown after ``$ command`` in a console block, up to the next prompt."""
    block = re.search(
        rf"^\$ {re.escape(command)}\n(?P<out>(?:(?!\$ |```).*\n)*)", README, re.MULTILINE
    )
    assert block is not None, f"no README example for {command!r}"
    return block["out"]


def run_pipeline(command: str, tmp_path: Path) -> str:
    """Run a README command line, with ``synews`` being this checkout's synews."""
    synews = f"{shlex.quote(sys.executable)} -m synews_cli"
    shell_line = re.sub(r"^synews\b", synews, command)
    env = {**os.environ, "COLUMNS": "90", "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        ["bash", "-c", shell_line], capture_output=True, text=True, env=env, check=True
    )
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()).strip("\n") + "\n"


@pytest.mark.parametrize(
    "command",
    [
        "synews timeline --since 2024-12 --until 2025-03 | cut -f1,3,6",
        "synews quotes --speaker Trad --limit 2 --no-color",
        "synews search extradition | cut -f1,2,5,6",
        *(
            f"synews --data docs/examples/three-outlets {rest}"
            for rest in (
                "timeline --place Qarsk --min-sources 2 | cut -f1",
                "conflicts | cut -f1,2,5",
                "sources | cut -f1,8,9",
                "add docs/examples/drafts/gazette-2025-10-22.toml --dry-run 2>&1",
            )
        ),
    ],
)
def test_readme_example_output_is_current(command: str, tmp_path: Path) -> None:
    """A README example prints exactly what the README shows."""
    shown = example_output(command)
    if "--no-color" in command:  # the terminal view: force it, since stdout is a pipe here
        command = command.replace("--no-color", "--no-color -f table")
    assert run_pipeline(command, tmp_path) == shown
