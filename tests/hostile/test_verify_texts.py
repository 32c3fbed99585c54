"""What `synews verify` may read when a dataset names its texts, and `synews extract` when
the user names an article: regular files only, of a bounded size, and for verify inside the
dataset file's folder (or `--texts DIR`) unless the user allows more; whatever is named,
synews never hangs, never eats memory and never echoes a file it was not allowed to read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_support import make_device, make_fifo, one_error, run, run_process

from synews_cli.curate import texts

SECRET = "hunter2-correct-horse"


def dataset(folder: Path, text_file: str, quote: str = "Hello there") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "data.toml"
    path.write_text(
        f'[[sources]]\nid = "s"\noutlet = "Daily"\npublished = "2024-03-05"\nkind = "article"\n'
        f"text_file = {json.dumps(text_file)}\n\n"
        f'[[people]]\nid = "p"\nname = "Pat Doe"\n\n'
        f'[[claims]]\nid = "c"\nspeaker = "p"\nkind = "quote"\ntext = "{quote}"\n'
        f'date = "2024-03-05"\nsource = "s"\n',
        encoding="utf-8",
    )
    return path


def verified(data: Path, *options: str) -> tuple[int, list[dict[str, object]], str]:
    result = run_process("--data", str(data), "verify", "-f", "json", *options, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout or "[]"), result.stderr


def unreadable(findings: list[dict[str, object]]) -> list[str]:
    return [str(f.get("message", "")) for f in findings if f.get("kind") == "unreadable"]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "private" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"\u201c{SECRET} Hello there\u201d\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["relative", "absolute", "link"])
def test_a_text_outside_the_dataset_folder_is_not_read(
    tmp_path: Path, secret: Path, how: str
) -> None:
    """`../private/secret.txt`, an absolute path, or a link inside the folder that points out
    of it: refused with a finding that says how to allow it, and nothing of the file shown."""
    folder = tmp_path / "story"
    if how == "relative":
        data = dataset(folder, "../private/secret.txt")
    elif how == "absolute":
        data = dataset(folder, str(secret))
    else:
        folder.mkdir()
        (folder / "text.txt").symlink_to(secret)
        data = dataset(folder, "text.txt")
    code, findings, stderr = verified(data)
    assert code == 0
    [message] = unreadable(findings)
    assert "outside" in message and "--allow-outside" in message
    assert SECRET not in json.dumps(findings) + stderr


def test_allow_outside_and_texts_dir_and_text_option_are_the_users_choice(
    tmp_path: Path, secret: Path
) -> None:
    data = dataset(tmp_path / "story", "../private/secret.txt")
    code, findings, _ = verified(data, "--allow-outside")
    assert unreadable(findings) == [] and code == 0
    inside_texts = dataset(tmp_path / "other", "secret.txt")
    _, findings, _ = verified(inside_texts, "--texts", str(secret.parent))
    assert unreadable(findings) == []
    _, findings, _ = verified(data, "--text", f"s={secret}")
    assert unreadable(findings) == []


def test_a_text_inside_a_subfolder_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "a.txt").write_text("\u201cHello there,\u201d she said.\n", "utf-8")
    code, findings, _ = verified(dataset(folder, "texts/a.txt"), "--strict")
    assert code == 0 and unreadable(findings) == []


def test_a_fifo_is_not_waited_for(tmp_path: Path) -> None:
    """A FIFO with no writer would block a plain open forever: it is refused at once."""
    folder = tmp_path / "story"
    folder.mkdir()
    make_fifo(folder / "text.txt")
    code, findings, _ = verified(dataset(folder, "text.txt"))
    assert code == 0
    assert unreadable(findings) and "not a regular file" in unreadable(findings)[0]


@pytest.mark.parametrize(("name", "major", "minor"), [("zero", 1, 5), ("tty", 5, 0)])
def test_a_device_is_not_read(tmp_path: Path, name: str, major: int, minor: int) -> None:
    """An endless device (zero) or a terminal: refused, not read until memory runs out."""
    folder = tmp_path / "story"
    folder.mkdir()
    make_device(folder / name, major, minor)
    _, findings, _ = verified(dataset(folder, name))
    [message] = unreadable(findings)  # a terminal may not even open without one
    assert "not a regular file" in message or "No such device" in message


def test_a_text_over_the_size_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over MAX_TEXT_BYTES (50 MB; lowered here), a text is refused, not read whole."""
    monkeypatch.setattr(texts, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")
    text, why = texts.read_text(path)
    assert text is None and why is not None and "larger than" in why
    path.write_text("word " * 100, encoding="utf-8")
    assert texts.read_text(path) == ("word " * 100, None)


def test_the_cap_is_what_the_docs_say() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    assert f"{texts.MAX_TEXT_BYTES // 1_000_000} MB" in doc


def test_cli_finding_for_a_refused_text_goes_through_the_runner(tmp_path: Path) -> None:
    data = dataset(tmp_path / "story", "/etc/passwd")
    result = run("--data", str(data), "verify", "-f", "plain")
    assert result.exit_code == 0, result.output
    assert "outside" in result.stdout and "root:" not in result.stdout
    assert os.path.exists(data)


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_extract_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    """`synews extract` on a FIFO (which would wait for a writer) or an endless device:
    refused at once, exit 1, one sentence."""
    path = tmp_path / "article.txt"
    if kind == "fifo":
        make_fifo(path)
    else:
        make_device(path, 1, 5)
    result = run_process("extract", str(path), "--published", "2025-10", timeout=60)
    assert result.returncode == 1
    assert "not a regular file" in one_error(result.stderr)
    assert result.stdout == ""


def test_extract_reads_a_pipe_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(texts, "MAX_TEXT_BYTES", 100)

    class Stdin:
        buffer = io.BytesIO(b"x" * 1000)

    monkeypatch.setattr("sys.stdin", Stdin())
    assert texts.read_stdin() == (None, "larger than 0 MB")
