"""cache.py: the persistent index gives exactly what reading the TOML gives, and is never stale.

Every test runs with a private cache folder (tests/conftest.py sets XDG_CACHE_HOME).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner, Result

from synews_cli.cli import app
from synews_cli.dataset.merge import check_paths as load_check_paths
from synews_cli.dataset.merge import load_dataset as load_load_dataset
from synews_cli.errors import DataError
from synews_cli.query.filters import (
    ClaimQuery,
    DateFilter,
    EventQuery,
    select_claims,
    select_events,
)
from synews_cli.query.links import (
    claims_about,
    claims_by,
    claims_citing_evidence,
    items_from_source,
)
from synews_cli.query.people import PeopleQuery, select_people
from synews_cli.render.records import events_listing
from synews_cli.store import index as cache

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"


@pytest.fixture(scope="module")
def archive(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive of 1,500 events and 1,500 statements in 12 files (read-only)."""
    folder = tmp_path_factory.mktemp("archive")
    generate.generate(folder, events=1500, claims=1500, files=12, people=80, seed=7)
    return folder


@pytest.fixture
def copy(archive: Path, tmp_path: Path) -> Path:
    """A copy of the archive that a test may change."""
    target = tmp_path / "copy"
    shutil.copytree(archive, target)
    return target


def run(*args: str) -> Result:
    """The app through Typer's CliRunner."""
    return CliRunner().invoke(app, list(args))


def both(data: Path, *args: str) -> tuple[Result, Result]:
    """The same command through the index and with --no-cache."""
    return run("--data", str(data), *args), run("--no-cache", "--data", str(data), *args)


def index_files() -> list[Path]:
    return cache.index_files()


# --- The same answers as the straightforward path ----------------------------------------------

COMMANDS = [
    ("timeline", "-f", "jsonl"),
    ("timeline", "--since", "2025-03", "-f", "jsonl"),
    ("timeline", "--until", "2014", "--reverse", "-f", "plain"),
    ("timeline", "--on", "2020-06", "-f", "csv"),
    ("timeline", "--tag", "military", "--place", "Hama", "-f", "jsonl"),
    ("timeline", "--actor", "united states", "--since", "2019", "--limit", "7", "-f", "plain"),
    ("timeline", "--search", "ceasefire", "-f", "jsonl"),
    ("timeline", "--search", "ḥamā", "-f", "plain"),
    ("timeline", "--search", "a", "-f", "plain"),
    ("quotes", "-f", "jsonl"),
    ("quotes", "--speaker", "Anna Borshchevskaya", "-f", "plain"),
    ("quotes", "--speaker", "Borshchevskaya", "--speaker", "p00003", "-f", "jsonl"),
    ("quotes", "--search", "ceasefire", "-f", "jsonl"),
    ("quotes", "--search", "anna", "-f", "plain"),
    ("quotes", "--affiliation", "washington", "--since", "2024", "-f", "tsv"),
    ("quotes", "--topic", "russian bases", "--kind", "quote", "-f", "jsonl"),
    ("quotes", "--status", "disputed", "--reverse", "--limit", "5", "-f", "plain"),
    ("quotes", "--about", "e0000007", "-f", "plain"),
    ("quotes", "--affiliation", "no such organisation", "-f", "plain"),
    ("timeline", "--since", "2030", "-f", "json"),
    ("timeline", "--reverse", "--limit", "5", "-f", "json"),
    ("people", "-f", "jsonl"),
    ("people", "--affiliation", "institute", "--search", "an", "-f", "plain"),
    ("show", "e0000007", "-f", "json"),
    ("show", "p00001", "-f", "plain"),
    ("show", "c0000010", "-f", "plain"),
    ("show", "s0000-0", "-f", "plain"),
    ("check",),
    ("timeline", "--by", "year", "-f", "csv"),
    ("search", "ceasefire talks", "-f", "jsonl"),
]


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the comparisons below: the archive is indexed once."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_index_output_equals_reading_the_toml(
    archive: Path, args: tuple[str, ...], shared_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command and filter prints the same through the index as from the TOML."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))
    cached, direct = both(archive, *args)
    assert cached.exit_code == direct.exit_code == 0, (cached.output, direct.output)
    assert cached.stdout == direct.stdout
    assert cached.stderr == direct.stderr
    assert index_files(), "the index was used"


def test_query_functions_agree_on_an_indexed_dataset(archive: Path) -> None:
    """select_* and the link queries give equal results on both kinds of dataset."""
    indexed = cache.load_dataset([str(archive)])
    plain = load_load_dataset([str(archive)])
    assert isinstance(indexed, cache.IndexedDataset)
    for query in (
        EventQuery(dates=DateFilter.from_options(since="2024-02", until="2025")),
        EventQuery(tags=("economy",), search="the"),
        EventQuery(limit=3, reverse=True),
    ):
        assert select_events(indexed, query) == select_events(plain, query)
    for claim_query in (
        ClaimQuery(speakers=("Borshchevskaya",), dates=DateFilter.from_options(on="2025")),
        ClaimQuery(search="said", kinds=("paraphrase",)),
        ClaimQuery(about=("e0000100",), statuses=("open", "came-true")),
    ):
        a, b = select_claims(indexed, claim_query), select_claims(plain, claim_query)
        assert a.claims == b.claims
        assert a.speaker_matches == b.speaker_matches
    assert select_people(indexed, PeopleQuery()) == select_people(plain, PeopleQuery())
    assert claims_about(indexed, "e0000100") == claims_about(plain, "e0000100")
    assert claims_by(indexed, "p00002") == claims_by(plain, "p00002")
    event = next(c.evidence[0] for c in plain.claims if c.evidence)
    assert claims_citing_evidence(indexed, event) == claims_citing_evidence(plain, event)
    assert items_from_source(indexed, "s0003-0") == items_from_source(plain, "s0003-0")
    # The whole dataset, materialised, is the same too (locations included).
    assert indexed.events == plain.events
    assert [c.location for c in indexed.claims] == [c.location for c in plain.claims]
    assert indexed.meta == plain.meta and indexed.files == plain.files
    assert indexed.people == plain.people and indexed.sources == plain.sources
    assert dict(indexed.event_by_id) == dict(plain.event_by_id)
    assert "e0000001" in indexed.claim_by_id or "e0000001" in indexed.event_by_id
    assert "nope" not in indexed.event_by_id
    with pytest.raises(KeyError):
        indexed.claim_by_id["nope"]
    assert indexed.item("p00001") == plain.item("p00001")


def test_parallel_build_gives_the_same_index(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing in worker processes stores exactly what parsing here stores."""
    monkeypatch.setattr(cache, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(cache, "_workers", lambda count, size: 2)
    indexed = cache.load_dataset([str(archive)])
    plain = load_load_dataset([str(archive)])
    assert indexed.claims == plain.claims and indexed.events == plain.events


def test_second_run_reads_nothing(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged archive is not parsed again: only what changed is read."""
    cache.load_dataset([str(archive)])
    calls: list[str] = []
    original = cache.index_file
    monkeypatch.setattr(cache, "index_file", lambda name: calls.append(name) or original(name))
    cache.load_dataset([str(archive)])
    assert calls == []


# --- Invalidation ---------------------------------------------------------------------------------


def _titles(data: Path) -> str:
    result = run("--data", str(data), "timeline", "-f", "plain")
    assert result.exit_code == 0, result.output
    return result.stdout


def _first_file(folder: Path) -> Path:
    return sorted(folder.glob("*.toml"))[1]


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = cache.index_file

    def counting(name: str) -> tuple[object, ...]:
        calls.append(Path(name).name)
        return original(name)

    monkeypatch.setattr(cache, "index_file", counting)
    return calls


def test_an_edited_file_is_read_again(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing a title shows at once, and only that file is parsed again."""
    before = _titles(copy)
    path = _first_file(copy)
    text = path.read_text(encoding="utf-8")
    first_title = text.split("[[events]]", 1)[1].split('title = "', 1)[1].split('"')[0]
    path.write_text(text.replace(first_title, "A title nobody wrote before", 1), encoding="utf-8")
    calls = _count_parses(monkeypatch)
    after = _titles(copy)
    assert "A title nobody wrote before" in after and after != before
    assert calls == [path.name]
    assert after == run("--no-cache", "--data", str(copy), "timeline", "-f", "plain").stdout


def test_event_json_comes_from_the_index_and_follows_edits(copy: Path) -> None:
    """JSON output of indexed events prints the JSON the index keeps for them: equal to
    encoding the records, and never stale after an edit."""
    dataset = cache.load_dataset([str(copy)])
    assert isinstance(dataset, cache.IndexedDataset)
    events = select_events(dataset, EventQuery(limit=5))
    listing = events_listing(dataset, events)
    assert listing.encoded is not None
    assert [json.loads(line) for line in listing.encoded] == list(listing.records)
    # Events that the index did not give (read from the TOML) get no stored JSON.
    plain = load_load_dataset([str(copy)])
    assert dataset.stored_json("events", plain.events[:3]) is None
    assert dataset.stored_json("claims", dataset.claims[:3]) is None

    path = _first_file(copy)
    text = path.read_text(encoding="utf-8")
    first_title = text.split("[[events]]", 1)[1].split('title = "', 1)[1].split('"')[0]
    path.write_text(text.replace(first_title, "A title nobody wrote before", 1), encoding="utf-8")
    cached, direct = both(copy, "timeline", "-f", "jsonl")
    assert "A title nobody wrote before" in cached.stdout
    assert cached.stdout == direct.stdout


@pytest.mark.parametrize(
    "args", [("timeline", "-f", "jsonl"), ("check",), ("quotes", "--limit", "3", "-f", "plain")]
)
def test_each_command_closes_the_index(copy: Path, args: tuple[str, ...]) -> None:
    """The write-ahead log is folded back and removed when synews ends, even after a change:
    a log left behind would slow every later read (and grow). Through a real process, which
    ends as a user's does (main() freezes the garbage collector at exit)."""
    path = _first_file(copy)
    for edit in ("", "# an edit\n"):
        path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "synews_cli", "--data", str(copy), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        [index] = index_files()
        leftovers = [p.name for p in index.parent.iterdir() if p.name.endswith(("-wal", "-shm"))]
        assert leftovers == []


def test_same_size_same_mtime_edit_is_still_seen(copy: Path) -> None:
    """An edit that keeps size and modification time is caught (ctime and the racy check)."""
    _titles(copy)
    path = _first_file(copy)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace('kind = "quote"', 'kind = "quota"', 1)  # same length, now invalid
    assert len(changed) == len(text) and changed != text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = run("--data", str(copy), "check")
    assert result.exit_code == 1
    assert "'quota' is not one of quote, paraphrase, no-comment" in result.stderr


def test_a_touched_file_is_hashed_not_parsed(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new modification time with the same content costs a hash, not a parse."""
    before = _titles(copy)
    path = _first_file(copy)
    future = time.time_ns() + 10_000_000_000
    os.utime(path, ns=(future, future))
    calls = _count_parses(monkeypatch)
    assert _titles(copy) == before
    assert calls == []


def test_a_replaced_file_is_read_again(copy: Path, tmp_path: Path) -> None:
    """A file replaced by another (a rename over it) is read again."""
    before = _titles(copy)
    path = _first_file(copy)
    replacement = tmp_path / "replacement.toml"
    head, events = path.read_text(encoding="utf-8").split("[[events]]", 1)
    changed = head + "[[events]]" + events.replace('title = "', 'title = "Replaced: ', 1)
    replacement.write_text(changed, encoding="utf-8")
    os.replace(replacement, path)
    after = _titles(copy)
    assert after != before and "Replaced: " in after


EXTRA = """
[[sources]]
id = "extra-source"
outlet = "Extra Outlet"
published = "2025-05"
kind = "report"

[[people]]
id = "extra-person"
name = "Extra Person"

[[events]]
id = "extra-event"
date = "2025-05-02"
title = "An event from a file added later"
source = "extra-source"

[[claims]]
id = "extra-claim"
speaker = "extra-person"
kind = "quote"
text = "A statement from a file added later"
date = "2025-05"
source = "extra-source"
about = ["extra-event"]
"""


def test_an_added_and_a_deleted_file(copy: Path) -> None:
    """A file added to the folder appears; removed again, it disappears."""
    full = _titles(copy)
    added = copy / "zz-added.toml"
    added.write_text(EXTRA, encoding="utf-8")
    more = _titles(copy)
    assert "An event from a file added later" in more
    assert more == run("--no-cache", "--data", str(copy), "timeline", "-f", "plain").stdout
    cached, direct = both(copy, "quotes", "--speaker", "Extra Person", "-f", "plain")
    assert cached.stdout == direct.stdout and "added later" in cached.stdout
    added.unlink()
    assert _titles(copy) == full
    assert run("--data", str(copy), "show", "extra-event").exit_code == 2


def test_an_invalid_file_stays_reported(tmp_path: Path) -> None:
    """Problems are stored with the file: an unchanged invalid file is reported every time."""
    for path in sorted(BROKEN.glob("*.toml")):
        for _ in range(2):  # the second run reads the index
            cached, direct = both(path, "check")
            assert cached.exit_code == direct.exit_code
            assert cached.stderr == direct.stderr
    pair = [str(BROKEN / "duplicate_across_a.toml"), str(BROKEN / "duplicate_across_b.toml")]
    for _ in range(2):
        cached = cache.check_paths(pair)
        direct = load_check_paths(pair)
        assert [str(p) for p in cached.problems] == [str(p) for p in direct.problems]
        assert cached.problems


def _first_event_id(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("[[events]]\nid = ", 1)[1].split("\n", 1)[0]


def test_cross_file_problems_appear_when_one_file_changes(copy: Path) -> None:
    """A duplicate id made by editing one file is caught, and gone when undone."""
    assert run("--data", str(copy), "check").exit_code == 0
    files = sorted(copy.glob("*.toml"))
    original = files[5].read_text(encoding="utf-8")
    taken = _first_event_id(files[3])
    files[5].write_text(
        original.replace(f"id = {_first_event_id(files[5])}", f"id = {taken}", 1),
        encoding="utf-8",
    )
    cached, direct = both(copy, "check")
    assert cached.exit_code == direct.exit_code == 1
    assert "duplicate id" in cached.stderr and cached.stderr == direct.stderr
    files[5].write_text(original, encoding="utf-8")
    assert run("--data", str(copy), "check").exit_code == 0


def test_a_removed_target_breaks_references_in_unchanged_files(copy: Path) -> None:
    """Deleting the file that defines people others quote is reported as unknown people."""
    assert run("--data", str(copy), "check").exit_code == 0
    first = sorted(copy.glob("*.toml"))[0]  # holds the meta, sources and the first people
    first.write_text(
        first.read_text(encoding="utf-8").replace("[[people]]", "[[ignored]]"),
        encoding="utf-8",
    )
    cached, direct = both(copy, "check")
    assert cached.exit_code == direct.exit_code == 1
    assert "unknown person" in cached.stderr
    assert cached.stderr == direct.stderr


# --- Never the truth: fallbacks -------------------------------------------------------------------


def test_a_corrupt_index_is_rebuilt(archive: Path) -> None:
    """Garbage in the index file: synews rebuilds it, says nothing, and answers right."""
    expected = _titles(archive)
    for path in index_files():
        path.write_bytes(b"this is not a database" * 100)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    result = run("--data", str(archive), "timeline", "-f", "plain")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == expected
    with sqlite3.connect(index_files()[0]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_index_from_another_version_is_rebuilt(archive: Path) -> None:
    """An index written by another synews (another fingerprint) is rebuilt, not read."""
    expected = _titles(archive)
    path = index_files()[0]
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE info SET value = 'synews 0.0' WHERE key = 'fingerprint'")
        conn.execute("DELETE FROM events")  # what an old index would answer from
    assert _titles(archive) == expected


def test_unwritable_cache_folder_falls_back_quietly(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the cache folder cannot be created, synews reads the TOML and says nothing."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = run("--data", str(archive), "timeline", "-f", "plain")
    assert result.exit_code == 0 and result.stderr == ""
    assert (
        result.stdout == run("--no-cache", "--data", str(archive), "timeline", "-f", "plain").stdout
    )


def test_read_only_index_is_used_or_bypassed(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only index file: a fresh one still answers; a stale one is bypassed quietly."""
    expected = _titles(archive)
    path = index_files()[0]
    original = cache._connect

    def read_only(target: Path, *, create: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(
            target.as_uri() + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
        return conn

    monkeypatch.setattr(cache, "_connect", read_only)
    assert _titles(archive) == expected
    # Stale: the fingerprint no longer matches and the file cannot be rewritten.
    monkeypatch.setattr(cache, "_connect", original)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE info SET value = 'old' WHERE key = 'fingerprint'")
    monkeypatch.setattr(cache, "_connect", read_only)
    result = run("--data", str(archive), "timeline", "-f", "plain")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == expected


def test_a_locked_index_is_bypassed(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While another process holds the write lock too long, synews reads the TOML."""
    expected = _titles(archive)
    monkeypatch.setattr(cache, "BUSY_TIMEOUT_S", 0.05)
    path = index_files()[0]
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        copy_path = sorted(archive.glob("*.toml"))[0]
        os.utime(copy_path)  # a new stat: synews must take the lock to record it
        result = run("--data", str(archive), "timeline", "-f", "plain")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == expected


def test_no_cache_option_and_environment(archive: Path) -> None:
    """--no-cache and SYNEWS_NO_CACHE=1 read the TOML and write no index."""
    assert run("--no-cache", "--data", str(archive), "timeline", "-f", "plain").exit_code == 0
    assert index_files() == []
    result = CliRunner().invoke(
        app, ["--data", str(archive), "people", "-f", "plain"], env={"SYNEWS_NO_CACHE": "1"}
    )
    assert result.exit_code == 0 and index_files() == []
    assert cache.disabled(environ={"SYNEWS_NO_CACHE": "0"}) is False
    assert cache.disabled(environ={"SYNEWS_NO_CACHE": "yes"}) is True


def test_cache_info_and_clear(archive: Path) -> None:
    """`synews cache info` lists index files; `synews cache clear` removes them."""
    _titles(archive)
    info = run("cache", "info")
    assert info.exit_code == 0
    assert str(cache.cache_dir()) in info.stdout
    assert str(archive) in info.stdout and "1500 events" in info.stdout
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and "removed 1 index file" in cleared.stderr
    assert index_files() == []
    assert "no index files" in run("cache", "info").stdout


def test_cache_folder_follows_xdg_and_platform(tmp_path: Path) -> None:
    """XDG_CACHE_HOME when absolute, else the platform's cache folder."""
    assert cache.cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "synews"
    fallback = cache.cache_dir({"XDG_CACHE_HOME": "relative/path"})
    assert fallback.name == "synews" and fallback.is_absolute()


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress bar appears on a terminal after the delay, and never in a pipe."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(cache, "PROGRESS_AFTER_S", 0.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = cache._Progress(3)
    for _ in range(3):
        progress.step()
    progress.close()
    assert "indexing" in terminal.getvalue() and "3/3 files" in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    progress = cache._Progress(3)
    progress.step()
    progress.close()
    assert pipe.getvalue() == ""


def test_a_big_build_is_silent_in_a_pipe(archive: Path) -> None:
    """Building the index in a real process writes nothing to a non-terminal stderr."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", str(archive), "people", "-f", "plain"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == ""


def test_two_processes_building_at_once(archive: Path) -> None:
    """Two synews processes building the same index at once both answer right; the index
    is sound afterwards."""
    expected = run("--no-cache", "--data", str(archive), "quotes", "-f", "jsonl").stdout
    command = [sys.executable, "-m", "synews_cli", "--data", str(archive), "quotes", "-f", "jsonl"]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert err == ""
        assert out == expected
    paths = index_files()
    assert len(paths) == 1
    with sqlite3.connect(paths[0]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == (1500,)
        assert conn.execute("SELECT COUNT(*) FROM files").fetchone() == (12,)
    assert run("--data", str(archive), "quotes", "-f", "jsonl").stdout == expected


def test_load_dataset_raises_the_same_error(tmp_path: Path) -> None:
    """An invalid dataset raises DataError with the same problems as without the cache."""
    path = BROKEN / "many_problems.toml"
    with pytest.raises(DataError) as through_index:
        cache.load_dataset([str(path)])
    with pytest.raises(DataError) as direct:
        load_load_dataset([str(path)])
    assert [str(p) for p in through_index.value.problems] == [str(p) for p in direct.value.problems]


def test_bundled_dataset_through_the_index() -> None:
    """The bundled dataset reads the same from the index (and the index is then reused)."""
    for _ in range(2):
        cached = run("quotes", "-f", "jsonl")
        direct = run("--no-cache", "quotes", "-f", "jsonl")
        assert cached.stdout == direct.stdout and cached.exit_code == 0
    assert len(index_files()) == 1


def test_derived_path_follows_the_content(copy: Path) -> None:
    """A derived index path exists only for an indexed dataset and changes with the data."""
    assert cache.derived_path(load_load_dataset([str(copy)]), "search") is None
    first = cache.derived_path(cache.load_dataset([str(copy)]), "search")
    assert first is not None and first.parent == cache.cache_dir()
    assert cache.derived_path(cache.load_dataset([str(copy)]), "search") == first
    path = sorted(copy.glob("*.toml"))[2]
    path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    second = cache.derived_path(cache.load_dataset([str(copy)]), "search")
    assert second is not None and second != first
    first.write_bytes(b"old")
    built = first.parent / "building.tmp"
    built.write_bytes(b"new")
    cache.store_derived(built, second)
    assert second.read_bytes() == b"new" and not first.exists()
    removed, _ = cache.clear()
    assert removed == 1 and not second.exists()


def test_a_file_given_twice_is_reported_as_without_cache() -> None:
    """The same file twice (itself and through its folder) gives the same duplicate-id report."""
    good = DATA / "good_split"
    args = ["--data", str(good), "--data", str(good / "02-items.toml"), "check"]
    cached = run(*args)
    direct = run("--no-cache", *args)
    assert cached.exit_code == direct.exit_code == 1
    assert "duplicate id" in cached.stderr and cached.stderr == direct.stderr


def test_checking_only_the_changes_agrees_with_checking_everything(copy: Path) -> None:
    """After each edit, the quick check of what changed gives the verdict of the full check
    and of reading the TOML."""
    files = sorted(copy.glob("*.toml"))
    originals = {path: path.read_text(encoding="utf-8") for path in files}
    first_event = _first_event_id(files[4])
    cited = originals[files[9]].split("about = [", 1)[1].split(",")[0].split("]")[0]
    edits = [
        (files[2], lambda t: t + "# only a comment\n"),
        (files[5], lambda t: t.replace(_first_event_id(files[5]), first_event, 1)),
        (files[5], lambda t: originals[files[5]]),
        (files[0], lambda t: t.replace("[[people]]", "[[ignored]]")),
        (files[0], lambda t: originals[files[0]]),
        (files[7], lambda t: t.replace("[[sources]]", "[[ignored]]")),
        (files[7], lambda t: originals[files[7]]),
    ]
    edits += [
        (path, lambda t: t.replace(f"id = {cited}", 'id = "renamed-event"', 1))
        for path in files
        if f"id = {cited}" in originals[path]
    ]
    cache.load_dataset([str(copy)])
    verdicts = []
    for path, change in edits:
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        truth = load_check_paths([str(copy)]).dataset is not None
        verdicts.append(truth)
        assert (cache.check_paths([str(copy)]).dataset is not None) == truth, path.name
        index = cache.Index(cache.index_path([str(copy)]), cache._dataset_key([str(copy)]))
        try:
            assert index.valid() == truth
            assert index._problem_anywhere() == (not truth)
        finally:
            index.close()
    assert verdicts == [True, False, True, False, True, False, True, False]
