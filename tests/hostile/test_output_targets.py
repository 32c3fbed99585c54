"""Where `-o` and `synews db` write: a regular file atomically; a device, a FIFO or a link in
the way they are meant to be written; never over the dataset; never a read-only file unless
asked; no temporary file left behind, even by a writer that was killed."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import threading
import time
from pathlib import Path

import pytest
from hostile_support import GOOD, leftovers, make_device, make_fifo, one_error, run, run_process

from synews_cli import files


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    """-o FIFO writes the listing into the FIFO (a reader gets it all); the FIFO stays one."""
    fifo = make_fifo(tmp_path / "events.csv")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_process("--data", str(GOOD), "timeline", "-f", "csv", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith(b"id,date,")
    assert received[0].count(b"\n") >= 10
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def test_a_null_device_stays_a_device(tmp_path: Path) -> None:
    """-o a character device (a null device made here) writes to it: it is not replaced by
    a regular file."""
    device = make_device(tmp_path / "null", 1, 3)
    result = run("--data", str(GOOD), "timeline", "-f", "csv", "-o", str(device))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert leftovers(tmp_path) == []


def test_a_full_device_is_an_io_error(tmp_path: Path) -> None:
    """-o a device that refuses writes (a "full" device made here): exit 1 and a sentence."""
    device = make_device(tmp_path / "full", 1, 7)
    result = run_process("--data", str(GOOD), "timeline", "-f", "json", "-o", str(device))
    assert result.returncode == 1
    assert "cannot write" in one_error(result.stderr)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_link_to_a_file_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = run("--data", str(GOOD), "timeline", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("id,date,")
    assert leftovers(tmp_path) == []


def test_a_link_to_nothing_is_refused(tmp_path: Path) -> None:
    """A dangling link is not followed to create a file wherever it points."""
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "elsewhere" / "nowhere.csv")
    for args in (["timeline", "-o", str(link)], ["db", str(link)]):
        result = run("--data", str(GOOD), *args)
        assert result.exit_code == 1, (args, result.output)
        assert "link" in one_error(result.stderr)
        assert link.is_symlink() and not (tmp_path / "elsewhere").exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    result = run("--data", str(GOOD), "timeline", "-f", "csv", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "folder" in one_error(result.stderr)


def test_dash_is_stdout_and_db_refuses_it() -> None:
    listed = run("--data", str(GOOD), "timeline", "-f", "jsonl", "-o", "-")
    assert listed.exit_code == 0 and listed.stdout.startswith("{")
    copied = run("--data", str(GOOD), "db", "-")
    assert copied.exit_code == 2 and copied.stdout == ""
    assert "stdout" in one_error(copied.stderr)


def test_db_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = make_fifo(tmp_path / "copy.sqlite")
    result = run("--data", str(GOOD), "db", str(fifo), "--force")
    assert result.exit_code == 2
    assert "not a regular file" in one_error(result.stderr)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "story" / "data.toml"
    path.parent.mkdir()
    shutil.copyfile(GOOD, path)
    return path


def _aliases(path: Path) -> list[Path]:
    """The same file by other names: as given, through `..`, and through a link."""
    link = path.parent.parent / "alias.toml"
    link.symlink_to(path)
    return [path, path.parent / ".." / path.parent.name / path.name, link]


@pytest.mark.parametrize(
    "command", [["timeline", "-f", "json"], ["quotes", "-f", "csv"], ["people", "-f", "markdown"]]
)
def test_output_never_replaces_the_dataset(data_file: Path, command: list[str]) -> None:
    """-o naming a file of the dataset being read, by any name, is refused: exit 2, and the
    file is untouched."""
    before = data_file.read_bytes()
    for name in _aliases(data_file):
        result = run("--data", str(data_file.parent), *command, "-o", str(name))
        assert result.exit_code == 2, (name, result.output)
        assert "dataset" in one_error(result.stderr)
    assert data_file.read_bytes() == before


def test_db_never_replaces_the_dataset_even_with_force(data_file: Path) -> None:
    before = data_file.read_bytes()
    for name in _aliases(data_file):
        result = run("--data", str(data_file), "db", str(name), "--force")
        assert result.exit_code == 2, (name, result.output)
        assert "dataset" in one_error(result.stderr)
    assert data_file.read_bytes() == before


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    """A file without write permission is a choice someone made: -o refuses it (even for
    root, who could write it), and db replaces it only with --force, as any file."""
    target = tmp_path / "kept.csv"
    target.write_text("kept\n", encoding="utf-8")
    target.chmod(0o444)
    result = run("--data", str(GOOD), "timeline", "-o", str(target))
    assert result.exit_code == 1
    assert "read-only" in one_error(result.stderr)
    assert target.read_text(encoding="utf-8") == "kept\n"
    copy = tmp_path / "kept.sqlite"
    copy.write_text("kept\n", encoding="utf-8")
    copy.chmod(0o444)
    refused = run("--data", str(GOOD), "db", str(copy))
    assert refused.exit_code == 2 and "--force" in one_error(refused.stderr)
    if os.access(copy, os.W_OK) or os.access(tmp_path, os.W_OK):  # the folder decides
        assert run("--data", str(GOOD), "db", str(copy), "--force").exit_code == 0
        assert copy.read_bytes().startswith(b"SQLite format 3")


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """SystemExit (what SIGTERM becomes) or Ctrl-C during a write: the old file stays, and
    the temporary file is removed."""
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    for stop in (SystemExit(143), KeyboardInterrupt()):
        with pytest.raises(type(stop)), files.replaced(target) as temp:
            temp.write_text("half", encoding="utf-8")
            raise stop
        assert target.read_text(encoding="utf-8") == "old\n"
        assert leftovers(tmp_path) == []


def test_sigterm_unwinds_like_ctrl_c() -> None:
    """The console script turns SIGTERM into an exit that runs the clean-up code."""
    from synews_cli.cli import _terminated

    with pytest.raises(SystemExit) as stopped:
        _terminated(signal.SIGTERM, None)
    assert stopped.value.code == 128 + signal.SIGTERM


def test_what_a_killed_writer_left_is_removed_by_the_next_write(tmp_path: Path) -> None:
    """A temporary file named for a process that no longer exists goes at the next write of
    that file; one of a live process (this one), and other files, stay."""
    dead = tmp_path / ".out.csv.k3j4.999999999.tmp"
    alive = tmp_path / f".out.csv.a1b2.{os.getpid()}.tmp"
    other = tmp_path / ".notes.txt.x9y8.999999999.tmp"
    for path in (dead, alive, other):
        path.write_text("half", encoding="utf-8")
        os.utime(path, (time.time() - 60, time.time() - 60))
    result = run("--data", str(GOOD), "timeline", "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    assert not dead.exists() and alive.exists() and other.exists()
