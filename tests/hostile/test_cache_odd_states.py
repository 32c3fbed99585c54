"""The cache folder in states no synews left it in: a store that records no dataset, a
folder where a store should be, a link out of the cache folder. `cache info` and `cache
clear` say what they find and touch nothing outside the folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hostile_support import GOOD, run

from synews_cli.store import location


def test_cache_info_on_a_store_that_records_no_dataset() -> None:
    assert run("--data", str(GOOD), "timeline").exit_code == 0
    [store] = location.store_files()
    conn = sqlite3.connect(store)
    conn.execute("DELETE FROM meta WHERE key IN ('store_dataset', 'store_valid')")
    conn.commit()
    conn.close()
    info = run("cache", "info")
    assert info.exit_code == 0, info.output
    assert store.name in info.stdout
    again = run("--data", str(GOOD), "timeline")  # made again for its dataset
    assert again.exit_code == 0 and again.stderr == ""


def test_cache_clear_removes_an_empty_folder_in_a_stores_place() -> None:
    """A folder where a store should be keeps synews from making it: clear removes it when
    it is empty, and never deletes what is inside one."""
    folder = location.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    empty = folder / "index-0123456789abcdef.sqlite"
    empty.mkdir()
    full = folder / "index-fedcba9876543210.sqlite"
    (full / "inside").mkdir(parents=True)
    (full / "inside" / "file").write_text("x", encoding="utf-8")
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0, cleared.output
    assert not empty.exists()
    assert (full / "inside" / "file").read_text(encoding="utf-8") == "x"


def test_cache_clear_touches_only_the_names_synews_makes() -> None:
    """Files and folders that merely start like synews's own are someone else's."""
    folder = location.cache_dir()
    (folder / "index-mine" / "sub").mkdir(parents=True)
    (folder / "index-mine" / "sub" / "precious.txt").write_text("keep", encoding="utf-8")
    for name in ("index-notes.txt", "derived-work.csv", "index-0123.sqlite", ".index-x.tmp"):
        (folder / name).write_text("keep", encoding="utf-8")
    assert run("--data", str(GOOD), "timeline").exit_code == 0
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and "removed 1 index file " in cleared.stderr
    assert location.store_files() == []
    assert (folder / "index-mine" / "sub" / "precious.txt").exists()
    for name in ("index-notes.txt", "derived-work.csv", "index-0123.sqlite", ".index-x.tmp"):
        assert (folder / name).read_text(encoding="utf-8") == "keep", name


def test_cache_clear_does_not_follow_a_link_out_of_the_folder(tmp_path: Path) -> None:
    """A link named like a store is removed as a link: what it points at stays."""
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep", encoding="utf-8")
    folder = location.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index-fedcba9876543210.sqlite").symlink_to(outside)
    assert run("cache", "clear").exit_code == 0
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert not (folder / "index-fedcba9876543210.sqlite").is_symlink()


def test_a_file_in_place_of_the_cache_folder_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    info = run("cache", "info")
    assert info.exit_code == 0 and "not a folder" in info.stdout
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and "not a folder" in cleared.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder"
