"""synews edit: the editor chosen from VISUAL/EDITOR, called at the item's line in its own
form, then the check; refusals and failures as one line with a documented exit code."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from synews_cli.curate.editor import chosen_editor, editor_command
from synews_cli.dataset.paths import default_data_path

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good.toml"

# A stand-in editor: records its arguments (one JSON list per run) in $RECORD, and with
# $BREAK set, breaks the file it was given (a statement loses its speaker).
FAKE_EDITOR = """\
import json, os, sys
with open(os.environ["RECORD"], "a", encoding="utf-8") as out:
    out.write(json.dumps(sys.argv[1:]) + "\\n")
if os.environ.get("BREAK"):
    path = sys.argv[-1].split(":")[0]
    with open(path, encoding="utf-8") as file:
        text = file.read()
    with open(path, "w", encoding="utf-8") as file:
        file.write(text.replace('speaker = "jane-doe"', 'speaker = "nobody"', 1))
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of good.toml to edit, and fake editors named vim, code, subl and myeditor."""
    shutil.copy(GOOD, tmp_path / "story.toml")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("vim", "nvim", "nano", "code", "subl", "myeditor"):
        script = bin_dir / name
        script.write_text(f"#!{sys.executable}\n{FAKE_EDITOR}", encoding="utf-8")
        script.chmod(0o755)
    return tmp_path


def edit(
    workspace: Path, *args: str, data: str = "story.toml", **env: str
) -> tuple[subprocess.CompletedProcess[str], list[list[str]]]:
    """``synews --data DATA edit ARGS`` as a process in ``workspace``, with VISUAL and
    EDITOR only as given; returns the process and the editor's recorded runs."""
    record = workspace / "record.jsonl"
    record.unlink(missing_ok=True)
    environ = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    environ.update({"RECORD": str(record), "PATH": f"{workspace / 'bin'}:{environ['PATH']}"})
    environ.update(env)
    process = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", data, "edit", *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=workspace,
        timeout=120,
        check=False,
    )
    runs = []
    if record.exists():
        runs = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    return process, runs


def line_of(item: str) -> int:
    """The line of the ``[[...]]`` header of ``item`` in good.toml."""
    lines = GOOD.read_text(encoding="utf-8").splitlines()
    return lines.index(f'id = "{item}"')  # the header is the line before: 1-based, this


def test_vim_opens_at_the_line_then_the_check_passes(workspace: Path) -> None:
    """vim gets +LINE FILE; the unchanged file checks clean (exit 0, ok on stderr)."""
    process, runs = edit(workspace, "Jane Doe", EDITOR="vim")
    assert process.returncode == 0, process.stderr
    assert runs == [[f"+{line_of('jane-doe')}", "story.toml"]]
    assert process.stderr.startswith("ok: ")
    assert process.stdout == ""


def test_code_with_arguments_gets_the_goto_form(workspace: Path) -> None:
    """EDITOR='code --wait' is split: code gets --wait -g FILE:LINE."""
    process, runs = edit(workspace, "meeting", EDITOR="code --wait")
    assert process.returncode == 0, process.stderr
    assert runs == [["--wait", "-g", f"story.toml:{line_of('meeting')}"]]


def test_visual_wins_over_editor(workspace: Path) -> None:
    """VISUAL is used when both are set; subl gets FILE:LINE."""
    process, runs = edit(workspace, "meeting", VISUAL="subl", EDITOR="vim")
    assert process.returncode == 0, process.stderr
    assert runs == [[f"story.toml:{line_of('meeting')}"]]


def test_an_unknown_editor_gets_the_file_alone(workspace: Path) -> None:
    """An editor whose line syntax is unknown opens the file, without a guess at the line."""
    _, runs = edit(workspace, "meeting", EDITOR=str(workspace / "bin" / "myeditor"))
    assert runs == [["story.toml"]]


def test_a_problem_made_while_editing_is_printed_and_exits_1(workspace: Path) -> None:
    """After the editor, check runs on the dataset: a broken reference is listed, exit 1."""
    process, runs = edit(workspace, "doe-transactional", EDITOR="nano", BREAK="1")
    assert runs, process.stderr
    assert process.returncode == 1
    assert "story.toml:" in process.stderr and "nobody" in process.stderr
    assert "1 problem in story.toml" in process.stderr


def test_a_missing_editor_is_one_line_and_exit_2(workspace: Path) -> None:
    """An editor that is not installed: one error line naming it, exit 2, no traceback."""
    process, _ = edit(workspace, "meeting", EDITOR="no-such-editor-here")
    assert process.returncode == 2
    assert "cannot run the editor 'no-such-editor-here' ($EDITOR)" in process.stderr
    assert "Traceback" not in process.stderr


def test_a_failing_editor_exits_1_without_checking(workspace: Path) -> None:
    """An editor that exits non-zero: exit 1, and the file is not checked."""
    process, _ = edit(workspace, "meeting", EDITOR="false")
    assert process.returncode == 1
    assert "exited with status 1" in process.stderr
    assert "ok:" not in process.stderr


def test_an_ambiguous_name_lists_candidates_and_opens_nothing(workspace: Path) -> None:
    """Two people called Doe: the candidates and exit 2; the editor never runs."""
    process, runs = edit(workspace, "Doe", EDITOR="vim")
    assert process.returncode == 2
    assert "jane-doe" in process.stderr and "john-doe" in process.stderr
    assert runs == []


def test_the_bundled_dataset_is_refused_with_a_hint(tmp_path: Path) -> None:
    """Without --data or SYNEWS_DATA, edit refuses: the bundled file belongs to the install."""
    environ = {k: v for k, v in os.environ.items() if k != "SYNEWS_DATA"}
    process = subprocess.run(
        [sys.executable, "-m", "synews_cli", "edit", "ruslan-trad"],
        capture_output=True,
        text=True,
        env={**environ, "EDITOR": "false"},
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert process.returncode == 2
    assert "the bundled dataset" in process.stderr and "--data" in process.stderr


@pytest.mark.parametrize("named", ["file", "folder", "link"])
def test_the_bundled_dataset_is_refused_by_any_name(workspace: Path, named: str) -> None:
    """--data naming the bundled file or its folder, or a data folder holding a link to
    it: refused all the same (exit 2), and the editor never runs."""
    bundled = default_data_path()
    if named == "link":
        (workspace / "mine").mkdir()
        (workspace / "mine" / "story.toml").symlink_to(bundled)
        data = str(workspace / "mine")
    else:
        data = str(bundled if named == "file" else bundled.parent)
    process, runs = edit(workspace, "ruslan-trad", data=data, EDITOR="vim")
    assert process.returncode == 2, process.stderr
    assert "the bundled dataset" in process.stderr
    assert not runs


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        (["vi"], ["vi", "+7", "f.toml"]),
        (["/usr/bin/nvim", "-p"], ["/usr/bin/nvim", "-p", "+7", "f.toml"]),
        (["emacsclient", "-t"], ["emacsclient", "-t", "+7", "f.toml"]),
        (["micro"], ["micro", "+7", "f.toml"]),
        (["kak"], ["kak", "+7", "f.toml"]),
        (["codium"], ["codium", "-g", "f.toml:7"]),
        (["Code.exe", "--wait"], ["Code.exe", "--wait", "-g", "f.toml:7"]),
        (["hx"], ["hx", "f.toml:7"]),
        (["ed"], ["ed", "f.toml"]),
    ],
)
def test_each_editor_is_told_the_line_its_own_way(editor: list[str], expected: list[str]) -> None:
    """The line goes as +LINE, -g FILE:LINE, FILE:LINE, or not at all for unknown editors."""
    assert editor_command(editor, "f.toml", 7) == expected


def test_a_file_name_like_an_option_is_not_taken_for_one() -> None:
    """A data file called '-c.toml' reaches the editor as ./-c.toml."""
    assert editor_command(["vim"], "-c.toml", 3) == ["vim", "+3", os.path.join(".", "-c.toml")]


def test_the_editor_variables_in_order() -> None:
    """VISUAL, then EDITOR, then vi; blank values are skipped; quotes split like a shell."""
    assert chosen_editor({"VISUAL": "subl -w", "EDITOR": "vim"}) == (["subl", "-w"], "VISUAL")
    assert chosen_editor({"VISUAL": "  ", "EDITOR": "vim"}) == (["vim"], "EDITOR")
    assert chosen_editor({}) == (["vi"], "default")
    assert chosen_editor({"EDITOR": "'/opt/My Editor/bin/ed' -x"}) == (
        ["/opt/My Editor/bin/ed", "-x"],
        "EDITOR",
    )


def test_the_hint_after_a_failed_editor_is_a_command_that_can_be_pasted(
    workspace: Path,
) -> None:
    """A data file named like an option, with spaces and shell syntax: the hint's `synews
    check` command quotes it, so pasting it checks that file and runs nothing else."""
    name = "-my story; $(touch pwned).toml"
    shutil.copy(GOOD, workspace / name)
    environ = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    process = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", name, "edit", "meeting"],
        capture_output=True,
        text=True,
        env={**environ, "EDITOR": "false"},
        cwd=workspace,
        timeout=120,
        check=False,
    )
    assert process.returncode == 1
    hint = process.stderr.split("hint: run ", 1)[1].split(" when", 1)[0]
    assert shlex.split(hint) == ["synews", "check", f"./{name}"]


def test_an_editor_killed_by_a_signal_says_which(workspace: Path) -> None:
    """An editor that crashes: the signal by its name, not a negative status."""
    crash = workspace / "bin" / "crasher"
    crash.write_text("#!/bin/sh\nkill -SEGV $$\n", encoding="utf-8")
    crash.chmod(0o755)
    process, _ = edit(workspace, "meeting", EDITOR="crasher")
    assert process.returncode == 1
    assert "killed by SIGSEGV" in process.stderr and "-11" not in process.stderr


def test_a_link_leading_out_of_the_data_folder_is_not_opened(workspace: Path) -> None:
    """A data folder holding a link to a file elsewhere (a dataset from someone else could
    point it at any file of yours): edit refuses it, as add does, and no editor runs."""
    (workspace / "elsewhere").mkdir()
    outside = workspace / "elsewhere" / "yours.toml"
    shutil.copy(GOOD, outside)
    (workspace / "theirs").mkdir()
    (workspace / "theirs" / "story.toml").symlink_to(outside)
    process, runs = edit(workspace, "jane-doe", data="theirs", EDITOR="vim")
    assert process.returncode == 2, process.stderr
    assert "leads outside the dataset's folders" in process.stderr
    assert "Traceback" not in process.stderr
    assert not runs
    assert outside.read_bytes() == GOOD.read_bytes()
