"""The cache folder in states no synews left it in: a store that records no dataset, a
folder where a store should be, a link out of the cache folder. `cache info` and `cache
clear` say what they find and touch nothing outside the folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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


def test_cache_clear_removes_a_folder_named_like_a_store() -> None:
    folder = location.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    odd = folder / "index-0123456789abcdef.sqlite"
    (odd / "inside").mkdir(parents=True)
    (odd / "inside" / "file").write_text("x", encoding="utf-8")
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0, cleared.output
    assert not odd.exists()


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
