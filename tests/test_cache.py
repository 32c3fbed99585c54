"""store/: the one store, kept in the cache folder, answers exactly as the same store built in
memory (``--no-cache``), and is never stale.

Every test runs with a private cache folder (tests/conftest.py sets XDG_CACHE_HOME).
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from support import check_paths, connected, integrity, the_store
from synews_cli import store as store_module
from synews_cli.cli import app
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
from synews_cli.store import load_dataset, location, open_store, schema, sync
from synews_cli.store.reader import Store
from synews_cli.store.where import ClaimFilter, EventFilter

# The store's modules that read files (a function may live in one and be imported by others).
STORE_MODULES = [
    importlib.import_module(f"synews_cli.store.{name}")
    for name in ("changes", "rows", "sync")
    if importlib.util.find_spec(f"synews_cli.store.{name}") is not None
]
DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"
AN_HOUR_AGO = time.time() - 3600


def age(folder: Path) -> None:
    """Give every file of ``folder`` a modification time well in the past, so that the store
    trusts its stat without reading it (a file modified just before it was read is read
    again: the racy-stat check)."""
    for path in folder.glob("*.toml"):
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))


@pytest.fixture(scope="module")
def archive(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive of 1,500 events and 1,500 statements in 12 files (read-only)."""
    folder = tmp_path_factory.mktemp("archive")
    generate.generate(folder, events=1500, claims=1500, files=12, people=80, seed=7)
    age(folder)
    return folder


@pytest.fixture
def copy(archive: Path, tmp_path: Path) -> Path:
    """A copy of the archive that a test may change (modification times kept)."""
    target = tmp_path / "copy"
    shutil.copytree(archive, target)
    return target


def run(*args: str) -> Result:
    """The app through Typer's CliRunner."""
    return CliRunner().invoke(app, list(args))


def both(data: Path, *args: str) -> tuple[Result, Result]:
    """The same command through the cached store and with --no-cache."""
    return run("--data", str(data), *args), run("--no-cache", "--data", str(data), *args)


def synews(*args: str) -> subprocess.CompletedProcess[str]:
    """synews in a process of its own, as a user runs it (stderr is a pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "synews_cli", *args], capture_output=True, text=True, check=False
    )


store_files = location.store_files


def notes(stderr: str, expected: str = "") -> list[str]:
    """The notes of synews on ``stderr``: at most one, and besides it only ``expected`` (what
    the same command says with --no-cache)."""
    lines = stderr.splitlines(keepends=True)
    found = [line for line in lines if line.startswith("synews: note: ")]
    assert len(found) <= 1, stderr
    assert "".join(line for line in lines if line not in found) == expected, stderr
    return found


# --- The same answers through the cached store and with --no-cache --------------------------

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
    ("timeline", "--search", '"of the"', "-f", "jsonl"),
    ("timeline", "--search", "Tartus OR Latakia convoy", "-f", "plain"),
    ("timeline", "--search", "ceasefire -talks", "-f", "jsonl"),
    ("timeline", "--search", "negotiat*", "-f", "plain"),
    ("timeline", "--search", "-the -of", "-f", "plain"),
    ("quotes", "-f", "jsonl"),
    ("quotes", "--speaker", "Anna Borshchevskaya", "-f", "plain"),
    ("quotes", "--speaker", "Borshchevskaya", "--speaker", "p00003", "-f", "jsonl"),
    ("quotes", "--search", "ceasefire", "-f", "jsonl"),
    ("quotes", "--search", "anna", "-f", "plain"),
    ("quotes", "--search", '"the army" OR diplom*', "-f", "jsonl"),
    ("quotes", "--search", "sanctions -russian", "--since", "2020", "-f", "plain"),
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
    """One cache folder for the comparisons below: the archive's store is built once."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_cached_output_equals_no_cache(
    archive: Path, args: tuple[str, ...], shared_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command and filter prints the same through the cached store as with --no-cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))
    cached, direct = both(archive, *args)
    assert cached.exit_code == direct.exit_code == 0, (cached.output, direct.output)
    assert cached.stdout == direct.stdout
    assert cached.stderr == direct.stderr
    assert store_files(), "the cached store was used"


def test_the_comparisons_are_not_trivial(archive: Path) -> None:
    """The listings compared above find something: the --search queries of the query
    language (phrase, OR, exclusion, prefix) each select some but not all events."""
    store = open_store([str(archive)], cached=False)
    try:
        everything = len(store.events())
        for query in ('"of the"', "Tartus OR Latakia convoy", "negotiat*"):
            found = select_events(store, EventQuery(search=query))
            assert 0 < len(found) < everything, query
        without = select_events(store, EventQuery(search="ceasefire -talks"))
        assert 0 < len(without) < len(select_events(store, EventQuery(search="ceasefire")))
    finally:
        store.close()


BUNDLED_COMMANDS = [
    ("timeline", "-f", "jsonl"),
    ("quotes", "-f", "jsonl"),
    ("people", "-f", "jsonl"),
    ("check",),
    ("show", "russian-air-campaign", "-f", "json"),
    ("timeline", "--search", "Tartus OR Hmeimim", "-f", "jsonl"),
    ("quotes", "--search", "base* -Israel", "-f", "plain"),
    ("search", "naval base", "-f", "jsonl"),
]


@pytest.mark.parametrize("args", BUNDLED_COMMANDS, ids=[" ".join(c) for c in BUNDLED_COMMANDS])
def test_bundled_dataset_through_the_store(args: tuple[str, ...]) -> None:
    """The bundled dataset reads the same through its cached store (and the store is then
    reused, not built again)."""
    for _ in range(2):
        cached = run(*args)
        direct = run("--no-cache", *args)
        assert cached.exit_code == direct.exit_code == 0, cached.output
        assert cached.stdout == direct.stdout and cached.stderr == direct.stderr
    assert len(store_files()) == 1


def test_query_functions_agree_on_a_cached_store(archive: Path) -> None:
    """select_*, the link queries and the reader give equal results from the cached store
    and from the store built in memory."""
    cached = open_store([str(archive)], cached=True)
    plain = open_store([str(archive)], cached=False)
    try:
        assert store_files()
        for query in (
            EventQuery(dates=DateFilter.from_options(since="2024-02", until="2025")),
            EventQuery(tags=("economy",), search="the"),
            EventQuery(search="diplom* OR convoy -the"),
            EventQuery(limit=3, reverse=True),
        ):
            assert select_events(cached, query) == select_events(plain, query)
        for claim_query in (
            ClaimQuery(speakers=("Borshchevskaya",), dates=DateFilter.from_options(on="2025")),
            ClaimQuery(search="said", kinds=("paraphrase",)),
            ClaimQuery(search='"the army"'),
            ClaimQuery(about=("e0000100",), statuses=("open", "came-true")),
        ):
            a, b = select_claims(cached, claim_query), select_claims(plain, claim_query)
            assert a.claims == b.claims
            assert a.speaker_matches == b.speaker_matches
        assert select_people(cached, PeopleQuery()) == select_people(plain, PeopleQuery())
        assert claims_about(cached, "e0000100") == claims_about(plain, "e0000100")
        assert claims_by(cached, "p00002") == claims_by(plain, "p00002")
        event = next(c.evidence[0] for c in plain.claims() if c.evidence)
        assert claims_citing_evidence(cached, event) == claims_citing_evidence(plain, event)
        assert items_from_source(cached, "s0003-0") == items_from_source(plain, "s0003-0")
        # The whole dataset, read back, is the same too (locations included).
        assert cached.events() == plain.events() and len(plain.events()) == 1500
        assert cached.claims() == plain.claims()
        assert [c.location for c in cached.claims()] == [c.location for c in plain.claims()]
        assert cached.meta == plain.meta and cached.files == plain.files
        assert cached.people == plain.people and cached.sources == plain.sources
        assert cached.counts() == plain.counts()
        assert sorted(cached.ids()) == sorted(plain.ids())
        assert cached.problems() == plain.problems() == []
        assert cached.warnings() == plain.warnings()
        days = DateFilter.from_options(since="2022").window
        assert cached.events(EventFilter(days=days)) == plain.events(EventFilter(days=days))
        speakers = ClaimFilter(speakers=frozenset({"p00002", "p00005"}))
        assert cached.claims(speakers) == plain.claims(speakers)
        assert cached.item("p00001") == plain.item("p00001") is not None
        assert cached.item("e0000007") == plain.item("e0000007") is not None
        assert cached.item("nope") is None
    finally:
        cached.close()
        plain.close()


def test_parallel_build_gives_the_same_store(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing in worker processes stores exactly what parsing here stores."""
    commands = [("timeline", "-f", "jsonl"), ("quotes", "-f", "jsonl"), ("check",)]
    commands.append(("search", "ceasefire OR diplom*", "-f", "jsonl"))
    expected = [run("--no-cache", "--data", str(archive), *args) for args in commands]
    used: list[int] = []

    def two(count: int, size: int) -> int:
        used.append(2)
        return 2

    monkeypatch.setattr(sync, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(sync, "_workers", two)
    for args, direct in zip(commands, expected, strict=True):
        cached = run("--data", str(archive), *args)
        assert (cached.exit_code, cached.stdout) == (direct.exit_code, direct.stdout)
    assert used, "the store was built by the pool"
    assert integrity(the_store()) == "ok"


# --- Never stale ------------------------------------------------------------------------------


def patch_everywhere(monkeypatch: pytest.MonkeyPatch, name: str, replacement: Any) -> Any:
    """Replace the function ``name`` in every module of the store that refers to it (one
    may import it from another); returns the original."""
    original = None
    for module in STORE_MODULES:
        if hasattr(module, name):
            original = original or getattr(module, name)
            monkeypatch.setattr(module, name, replacement)
    assert original is not None, name
    return original


class Reads:
    """Which files the store read: parsed (file_rows), or read at all (parsed or hashed)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: list[str] = []
        self.read: list[str] = []
        monkeypatch.setattr(sync, "_workers", lambda count, size: 1)  # parse in this process
        file_rows = read_stable = None

        def parsing(path: str) -> Any:
            self.parsed.append(Path(path).name)
            return file_rows(path)  # type: ignore[misc]

        def reading(path: str) -> Any:
            self.read.append(Path(path).name)
            return read_stable(path)  # type: ignore[misc]

        file_rows = patch_everywhere(monkeypatch, "file_rows", parsing)
        read_stable = patch_everywhere(monkeypatch, "read_stable", reading)

    @property
    def hashed(self) -> list[str]:
        """Files read but not parsed."""
        return [name for name in self.read if name not in self.parsed]


def _titles(data: Path) -> str:
    result = run("--data", str(data), "timeline", "-f", "plain")
    assert result.exit_code == 0, result.output
    return result.stdout


def _direct_titles(data: Path) -> str:
    return run("--no-cache", "--data", str(data), "timeline", "-f", "plain").stdout


def _second_file(folder: Path) -> Path:
    return sorted(folder.glob("*.toml"))[1]


def _retitle(path: Path, new: str) -> None:
    """Give the file's first event the title ``new``."""
    text = path.read_text(encoding="utf-8")
    first_title = text.split("[[events]]", 1)[1].split('title = "', 1)[1].split('"')[0]
    path.write_text(text.replace(first_title, new, 1), encoding="utf-8")


def test_second_run_reads_nothing(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged archive is neither parsed nor even read again: its files' stat is
    trusted."""
    expected = _titles(copy)
    reads = Reads(monkeypatch)
    assert _titles(copy) == expected
    store = open_store([str(copy)])
    assert store.counts().events == 1500
    store.close()
    assert (reads.read, reads.parsed) == ([], [])


def test_an_edited_file_is_read_again(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing a title shows at once, and only that file is parsed again."""
    before = _titles(copy)
    path = _second_file(copy)
    _retitle(path, "A title nobody wrote before")
    reads = Reads(monkeypatch)
    after = _titles(copy)
    assert "A title nobody wrote before" in after and after != before
    assert reads.parsed == [path.name] and set(reads.read) == {path.name}
    assert after == _direct_titles(copy)


def test_json_output_follows_edits(copy: Path) -> None:
    """The JSON of events and statements printed from the store is never stale after an
    edit, and equals the JSON printed with --no-cache."""
    for args in (("timeline", "-f", "jsonl"), ("quotes", "-f", "json")):
        assert run("--data", str(copy), *args).exit_code == 0
    path = _second_file(copy)
    _retitle(path, "A title nobody wrote before")
    text = path.read_text(encoding="utf-8")
    head, claims = text.split("[[claims]]", 1)
    path.write_text(
        head + "[[claims]]" + claims.replace('text = "', 'text = "Freshly edited: ', 1),
        encoding="utf-8",
    )
    for args, marker in (
        (("timeline", "-f", "jsonl"), "A title nobody wrote before"),
        (("quotes", "-f", "json"), "Freshly edited: "),
        (("show", "e0000007", "-f", "json"), ""),
    ):
        cached, direct = both(copy, *args)
        assert cached.exit_code == direct.exit_code == 0
        assert marker in cached.stdout and cached.stdout == direct.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("timeline", "-f", "jsonl"), 0),
        (("check",), 0),
        (("quotes", "--limit", "3", "-f", "plain"), 0),
        (("search", "diplom*", "-f", "plain"), 0),
        (("search", "ceasfire"), 0),  # no match: the word list is asked for a suggestion
        (("show", "nope"), 2),
        (("quotes", "--about", "nope"), 2),
    ],
)
def test_each_command_closes_the_store(copy: Path, args: tuple[str, ...], code: int) -> None:
    """The write-ahead log is folded back and removed when synews ends, even after a change
    and after a usage error: a log left behind would slow every later read (and grow).
    Through a real process, which ends as a user's does (main() freezes the garbage
    collector at exit)."""
    path = _second_file(copy)
    for edit in ("", "# an edit\n"):
        path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
        result = synews("--data", str(copy), *args)
        assert result.returncode == code, result.stderr
        assert "note" not in result.stderr
        store = the_store()
        leftovers = [p.name for p in store.parent.iterdir() if p.name.endswith(("-wal", "-shm"))]
        assert leftovers == []


def test_same_size_same_mtime_edit_is_still_seen(copy: Path) -> None:
    """An edit that keeps size and modification time is caught (ctime and the racy check)."""
    _titles(copy)
    path = _second_file(copy)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace('kind = "quote"', 'kind = "quota"', 1)  # same length, now invalid
    assert len(changed) == len(text) and changed != text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    cached, direct = both(copy, "check")
    assert cached.exit_code == direct.exit_code == 1
    assert "'quota' is not one of quote, paraphrase, no-comment" in cached.stderr
    assert cached.stderr == direct.stderr


def test_a_touched_file_is_hashed_not_parsed(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new modification time with the same content costs a hash, not a parse."""
    before = _titles(copy)
    path = _second_file(copy)
    future = time.time_ns() + 10_000_000_000
    os.utime(path, ns=(future, future))
    reads = Reads(monkeypatch)
    assert _titles(copy) == before
    assert reads.parsed == []
    assert set(reads.hashed) == {path.name}


def test_a_file_changing_while_read_is_read_again(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that changed while it was being read is not trusted: the next run reads it
    again and sees what it holds now."""
    before = _titles(copy)
    path = _second_file(copy)
    old = path.read_bytes()
    _retitle(path, "A title nobody wrote before")
    with monkeypatch.context() as patch:
        read_stable = None

        def changing(name: str) -> Any:
            if Path(name) == path:
                return old, None  # the old bytes, read while the file was rewritten
            return read_stable(name)  # type: ignore[misc]

        read_stable = patch_everywhere(patch, "read_stable", changing)
        patch.setattr(sync, "_workers", lambda count, size: 1)
        assert _titles(copy) == before
    after = _titles(copy)
    assert "A title nobody wrote before" in after
    assert after == _direct_titles(copy)


def test_a_replaced_file_is_read_again(copy: Path, tmp_path: Path) -> None:
    """A file replaced by another (a rename over it, a new inode) is read again, even with
    the same size and modification time."""
    before = _titles(copy)
    path = _second_file(copy)
    stat = path.stat()
    replacement = tmp_path / "replacement.toml"
    head, events = path.read_text(encoding="utf-8").split("[[events]]", 1)
    title = events.split('title = "', 1)[1].split('"', 1)[0]
    new_title = "Replaced" + title[len("Replaced") :]  # same length
    changed = head + "[[events]]" + events.replace(title, new_title, 1)
    replacement.write_text(changed, encoding="utf-8")
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(replacement, path)
    assert path.stat().st_size == stat.st_size and path.stat().st_ino != stat.st_ino
    after = _titles(copy)
    assert after != before and new_title in after
    assert after == _direct_titles(copy)


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
    assert more == _direct_titles(copy)
    cached, direct = both(copy, "quotes", "--speaker", "Extra Person", "-f", "plain")
    assert cached.stdout == direct.stdout and "added later" in cached.stdout
    cached, direct = both(copy, "search", "added later", "-f", "jsonl")
    assert cached.stdout == direct.stdout and "extra-claim" in cached.stdout
    added.unlink()
    assert _titles(copy) == full
    assert run("--data", str(copy), "show", "extra-event").exit_code == 2
    cached, direct = both(copy, "search", "added later", "-f", "jsonl")
    assert cached.stdout == direct.stdout and "extra-claim" not in cached.stdout


FRONT = """
[meta]
title = "A dataset with a new front file"
description = "Its first file now."
schema_version = 1

[[events]]
id = "front-event"
date = "2001-01-01"
title = "An event from a file that sorts first"
source = "s0000-0"
"""


def test_a_file_added_in_front_and_a_renamed_file(copy: Path) -> None:
    """A file that sorts first moves every other file down (and gives the dataset its
    title); a file renamed is the same items in another place. Both read as --no-cache."""
    commands = [
        ("timeline", "-f", "jsonl"),
        ("timeline", "-f", "timelinejs", "--limit", "3"),
        ("quotes", "--limit", "20", "-f", "plain"),
        ("show", "s0000-0", "-f", "plain"),
        ("check",),
    ]
    _titles(copy)
    front = copy / "00-front.toml"
    front.write_text(FRONT, encoding="utf-8")
    renamed = _second_file(copy)
    renamed.rename(copy / "archive-9999.toml")
    for args in commands:
        cached, direct = both(copy, *args)
        assert (cached.exit_code, cached.stdout, cached.stderr) == (
            direct.exit_code,
            direct.stdout,
            direct.stderr,
        ), args
        assert cached.exit_code == 0, cached.output
    assert "A dataset with a new front file" in both(copy, *commands[1])[0].stdout
    front.unlink()
    for args in commands:
        cached, direct = both(copy, *args)
        assert (cached.exit_code, cached.stdout, cached.stderr) == (
            direct.exit_code,
            direct.stdout,
            direct.stderr,
        ), args
    assert "A dataset with a new front file" not in both(copy, *commands[1])[0].stdout


def test_a_missing_data_file_is_reported_as_without_cache(copy: Path) -> None:
    """A --data file that is not there (never, or no longer) is reported the same way."""
    given = _second_file(copy)
    args = ("--data", str(copy / "nowhere.toml"), "--data", str(copy), "check")
    for _ in range(2):
        cached, direct = run(*args), run("--no-cache", *args)
        assert cached.exit_code == direct.exit_code == 1
        assert "nowhere.toml" in cached.stderr and cached.stderr == direct.stderr
    args = ("--data", str(copy), "--data", str(given), "check")
    assert run(*args).exit_code == 1  # stored: the file given twice, its ids duplicated
    given.unlink()
    cached, direct = run(*args), run("--no-cache", *args)
    assert cached.exit_code == direct.exit_code == 1
    assert given.name in cached.stderr and cached.stderr == direct.stderr


def test_an_invalid_file_stays_reported() -> None:
    """Problems are stored with the file: an unchanged invalid file is reported every time."""
    for path in sorted(BROKEN.glob("*.toml")):
        for _ in range(2):  # the second run reads the store
            cached, direct = both(path, "check")
            assert cached.exit_code == direct.exit_code, path.name
            assert cached.stderr == direct.stderr
            assert cached.exit_code == 1 or path.name.startswith("duplicate_across")
    pair = [BROKEN / "duplicate_across_a.toml", BROKEN / "duplicate_across_b.toml"]
    for _ in range(2):
        cached_report = check_paths(pair, cached=True)
        direct_report = check_paths(pair)
        assert [str(p) for p in cached_report.problems] == [str(p) for p in direct_report.problems]
        assert cached_report.problems and cached_report.dataset is None


def test_load_dataset_raises_the_same_error() -> None:
    """An invalid dataset raises DataError with the same problems through the cached store
    as in memory."""
    path = BROKEN / "many_problems.toml"
    with pytest.raises(DataError) as through_cache:
        load_dataset([path], cached=True)
    with pytest.raises(DataError) as direct:
        load_dataset([path])
    assert store_files()
    assert [str(p) for p in through_cache.value.problems] == [str(p) for p in direct.value.problems]
    assert through_cache.value.problems


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
    cached, direct = both(copy, "check")
    assert cached.exit_code == direct.exit_code == 0
    assert cached.stderr == direct.stderr


def test_a_removed_target_breaks_references_in_unchanged_files(copy: Path) -> None:
    """Taking the people out of the file that defines them is reported as unknown people in
    the unchanged files that quote them."""
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
    first.unlink()  # the whole file gone: the same, through the cache
    cached, direct = both(copy, "check")
    assert cached.exit_code == direct.exit_code == 1
    assert "unknown person" in cached.stderr and cached.stderr == direct.stderr


def test_a_file_given_twice_is_reported_as_without_cache() -> None:
    """The same file twice (itself and through its folder) gives the same duplicate-id report."""
    good = DATA / "good_split"
    args = ["--data", str(good), "--data", str(good / "02-items.toml"), "check"]
    for _ in range(2):
        cached = run(*args)
        direct = run("--no-cache", *args)
        assert cached.exit_code == direct.exit_code == 1
        assert "duplicate id" in cached.stderr and cached.stderr == direct.stderr


def test_the_cached_verdict_always_equals_no_cache(copy: Path) -> None:
    """After each edit, the store brought up to date (only what changed is read again) gives
    the verdict and the exact `check` output of building it afresh, and records that verdict
    for `synews cache info`."""
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
    assert len(edits) == 8
    assert run("--data", str(copy), "check").exit_code == 0
    verdicts = []
    for path, change in edits:
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        truth = check_paths([copy]).dataset is not None
        verdicts.append(truth)
        assert (check_paths([copy], cached=True).dataset is not None) == truth, path.name
        cached, direct = both(copy, "check")
        assert (cached.exit_code, cached.stdout, cached.stderr) == (
            direct.exit_code,
            direct.stdout,
            direct.stderr,
        ), path.name
        assert cached.exit_code == (0 if truth else 1)
        assert location.describe(the_store()).valid == truth, path.name
    assert verdicts == [True, False, True, False, True, False, True, False]


def test_one_store_per_dataset(copy: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dataset (its --data paths, however written) has one store, whatever its files do;
    another dataset has its own, and each answers for its own files."""
    _titles(copy)
    first = the_store()
    path = _second_file(copy)
    _retitle(path, "A title nobody wrote before")
    assert "A title nobody wrote before" in _titles(copy)
    assert store_files() == [first]
    monkeypatch.chdir(copy.parent)
    assert "A title nobody wrote before" in _titles(Path(copy.name))  # relative: same store
    assert store_files() == [first]
    assert "A title nobody wrote before" not in _titles(archive)
    assert len(store_files()) == 2
    assert "A title nobody wrote before" in _titles(copy)


# --- Never the wrong answer: damage, other versions, fallbacks ----------------------------


def test_a_store_of_another_dataset_is_rebuilt(
    copy: Path, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two datasets whose stores had the same name (a collision of the name's hash) never
    answer for each other: the store says which dataset it holds, and is rebuilt for the
    other."""
    _retitle(_second_file(copy), "A title nobody wrote before")
    shared = tmp_path / "shared" / "index-0000000000000000.sqlite"
    monkeypatch.setattr(location, "store_path", lambda paths, directory=None: shared)
    for _ in range(2):
        for data in (archive, copy):
            cached, direct = both(data, "timeline", "-f", "plain")
            assert cached.exit_code == 0 and cached.stdout == direct.stdout
            notes(cached.stderr)
    assert "A title nobody wrote before" in _titles(copy)
    assert "A title nobody wrote before" not in _titles(archive)


def test_a_corrupt_store_is_rebuilt(archive: Path) -> None:
    """Garbage in the store file: synews builds it again (saying so at most once) and answers
    right; the next run uses the new store silently."""
    expected = _titles(archive)
    path = the_store()
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    result = run("--data", str(archive), "timeline", "-f", "plain")
    assert result.exit_code == 0 and result.stdout == expected
    notes(result.stderr)
    assert integrity(the_store()) == "ok"
    again = run("--data", str(archive), "timeline", "-f", "plain")
    assert again.stdout == expected and again.stderr == ""


def _damage(path: Path, table: str | None) -> None:
    """Overwrite 64 bytes of the store file at the start of a page in its middle (of the
    middle page of ``table``'s b-tree, when given): that page's header is no longer one."""
    with connected(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        if table is None:
            page = conn.execute("PRAGMA page_count").fetchone()[0] // 2 + 1
        else:
            try:
                pages = [
                    row[0]
                    for row in conn.execute(
                        "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,)
                    )
                ]
            except sqlite3.OperationalError:
                pytest.skip("this SQLite has no dbstat table")
            page = pages[len(pages) // 2]
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(b"\xa5" * 64)
    assert integrity(path) != "ok", "the store is damaged"


@pytest.mark.parametrize("table", ["events", "claims", "search_content"])
def test_a_damaged_store_is_rebuilt(archive: Path, table: str | None) -> None:
    """64 bytes overwritten in the middle of what the commands read (the events, the
    statements, the full-text index): every command still answers as with --no-cache, and
    the store is sound afterwards. (A damaged page no command reads stays unnoticed until
    one does: SQLite checks the pages it reads, and a full check at every run would cost
    more than the queries.)"""
    commands = [
        ("timeline", "-f", "jsonl"),
        ("quotes", "-f", "jsonl"),
        ("people", "-f", "plain"),
        ("search", "ceasefire OR diplom*", "-f", "jsonl"),
        ("check",),
    ]
    expected = [run("--no-cache", "--data", str(archive), *args) for args in commands]
    _titles(archive)
    run("--data", str(archive), "search", "ceasefire")  # the full-text index is built
    _damage(the_store(), table)
    for args, direct in zip(commands, expected, strict=True):
        cached = run("--data", str(archive), *args)
        assert cached.exit_code == direct.exit_code, (args, cached.output)
        assert cached.stdout == direct.stdout, args
        notes(cached.stderr, direct.stderr)
    assert integrity(the_store()) == "ok"


def test_a_store_from_another_version_is_rebuilt(archive: Path) -> None:
    """A store written by another synews (another fingerprint) is rebuilt, not read."""
    expected = _titles(archive)
    path = the_store()
    with connected(path) as conn:
        conn.execute("UPDATE meta SET value = 'synews 0.0' WHERE key = 'store_fingerprint'")
        conn.execute("DELETE FROM events")  # what an old store would answer from
    info = run("cache", "info")
    assert "from another synews version" in info.stdout
    result = run("--data", str(archive), "timeline", "-f", "plain")
    assert result.exit_code == 0 and result.stdout == expected
    notes(result.stderr)
    with connected(path) as conn:
        stamp = conn.execute("SELECT value FROM meta WHERE key = 'store_fingerprint'").fetchone()
        assert stamp == (schema.fingerprint(),)
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == (1500,)
    assert "from another synews version" not in run("cache", "info").stdout


def test_unwritable_cache_folder_falls_back_to_memory(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the cache folder cannot be created, synews builds the store in memory, answers
    right, and says so in at most one note."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    for args in (("timeline", "-f", "plain"), ("search", "ceasefire", "-f", "jsonl")):
        cached, direct = both(archive, *args)
        assert cached.exit_code == direct.exit_code == 0
        assert cached.stdout == direct.stdout
        notes(cached.stderr)
    assert blocker.read_text() == "not a folder"


def _read_only_connect(path: Path) -> sqlite3.Connection:
    """What store._connect gives when the store file cannot be written."""
    return sqlite3.connect(
        f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
    )


def test_a_read_only_store_is_used_or_bypassed(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that cannot be written: an up-to-date one still answers; one that would need
    writing (the files changed, or another version made it) is bypassed, never stale."""
    expected = _titles(copy)
    path = the_store()
    monkeypatch.setattr(store_module, "_connect", _read_only_connect)
    result = run("--data", str(copy), "timeline", "-f", "plain")
    assert result.exit_code == 0 and result.stdout == expected
    assert result.stderr == ""  # used, not bypassed
    # Stale: a file changed, and the store cannot take the change.
    _retitle(_second_file(copy), "A title nobody wrote before")
    result = run("--data", str(copy), "timeline", "-f", "plain")
    assert result.exit_code == 0 and result.stdout == _direct_titles(copy)
    assert "A title nobody wrote before" in result.stdout
    notes(result.stderr)
    # From another version, and it cannot be rebuilt.
    with connected(path) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'store_fingerprint'")
    result = run("--data", str(copy), "timeline", "-f", "plain")
    assert result.exit_code == 0 and result.stdout == _direct_titles(copy)
    notes(result.stderr)


def test_a_locked_store_is_bypassed(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While another connection holds the write lock too long, synews builds the store in
    memory and answers right; a store that needs no change is read despite the lock."""
    expected = _titles(copy)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(the_store(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        unchanged = run("--data", str(copy), "timeline", "-f", "plain")
        _retitle(_second_file(copy), "A title nobody wrote before")
        changed = run("--data", str(copy), "timeline", "-f", "plain")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert unchanged.exit_code == 0 and unchanged.stdout == expected
    assert unchanged.stderr == ""  # read from the store: readers do not wait for a writer
    assert changed.exit_code == 0 and "A title nobody wrote before" in changed.stdout
    assert changed.stdout == _direct_titles(copy)
    notes(changed.stderr)
    assert _titles(copy) == changed.stdout  # and the store catches up once free


def test_no_cache_option_and_environment(archive: Path) -> None:
    """--no-cache and SYNEWS_NO_CACHE=1 build the store in memory and write no store file."""
    assert run("--no-cache", "--data", str(archive), "timeline", "-f", "plain").exit_code == 0
    assert run("--no-cache", "--data", str(archive), "search", "diplom*").exit_code == 0
    assert store_files() == []
    for value in ("1", "yes"):
        result = CliRunner().invoke(
            app, ["--data", str(archive), "people", "-f", "plain"], env={"SYNEWS_NO_CACHE": value}
        )
        assert result.exit_code == 0 and store_files() == []
    assert not location.cache_dir().exists() or list(location.cache_dir().iterdir()) == []
    assert location.disabled(environ={"SYNEWS_NO_CACHE": "0"}) is False
    assert location.disabled(environ={"SYNEWS_NO_CACHE": ""}) is False
    assert location.disabled(environ={"SYNEWS_NO_CACHE": "yes"}) is True
    assert location.disabled(True, environ={}) is True
    result = CliRunner().invoke(app, ["cache", "info"], env={"SYNEWS_NO_CACHE": "1"})
    assert "the cache is disabled" in result.stdout


def test_cache_info_and_clear(archive: Path) -> None:
    """`synews cache info` lists the stores and what they hold; `synews cache clear` removes
    them and whatever interrupted builds and older synews versions left behind."""
    _titles(archive)
    info = run("cache", "info")
    assert info.exit_code == 0
    assert str(location.cache_dir()) in info.stdout
    assert str(archive) in info.stdout
    assert "12 files, 1500 events, 1500 statements, 80 people" in info.stdout
    assert "data valid" in info.stdout
    folder = location.cache_dir()
    leftovers = [
        folder / ".index-0123456789abcdef.sqlite.4242.tmp",
        folder / ".index-0123456789abcdef.sqlite.4242.tmp-wal",
        folder / "derived-search-0123abcd-5f2e9a07.sqlite",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half a store")
    unrelated = folder / "notes.txt"
    unrelated.write_text("not synews's")
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and "removed 1 index file " in cleared.stderr
    assert store_files() == []
    assert [p.name for p in folder.iterdir()] == [unrelated.name]
    assert "no index files" in run("cache", "info").stdout
    assert _titles(archive) == _direct_titles(archive)  # rebuilt when next needed
    assert len(store_files()) == 1


def test_an_unreadable_store_is_listed_then_rebuilt(archive: Path) -> None:
    """`synews cache info` says a damaged store is unreadable; the next command rebuilds it."""
    expected = _titles(archive)
    the_store().write_bytes(b"garbage" * 1000)
    info = run("cache", "info")
    assert info.exit_code == 0 and "unreadable" in info.stdout
    assert _titles(archive) == expected
    assert "unreadable" not in run("cache", "info").stdout


def test_leftovers_of_killed_builds_are_removed(archive: Path) -> None:
    """A build killed half-way leaves a temporary file: the next synews removes it, unless
    its process still runs (it may be building right now)."""
    _titles(archive)
    folder = location.cache_dir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])  # a pid no process has now
    dead.wait()
    gone = folder / f".index-0123456789abcdef.sqlite.{dead.pid}.tmp"
    alive = folder / f".index-0123456789abcdef.sqlite.{os.getpid()}.tmp"
    for leftover in (gone, alive):
        leftover.write_bytes(b"half a store")
        os.utime(leftover, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert _titles(archive) == _direct_titles(archive)
    assert not gone.exists() and alive.exists()


def test_cache_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """XDG_CACHE_HOME when absolute (the store goes there), else the platform's cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert location.cache_dir() == tmp_path / "synews"
    assert run("--data", str(DATA / "good.toml"), "check").exit_code == 0
    [store] = location.store_files(tmp_path / "synews")
    assert store == location.store_path([str(DATA / "good.toml")])
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    fallback = location.cache_dir()
    assert fallback.name == "synews" and fallback.is_absolute()


def test_progress_only_on_a_terminal(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress bar appears on a terminal after the delay (and is wiped at the end), and
    never in a pipe."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    from synews_cli.cli import progress

    monkeypatch.setattr(progress, "SHOW_AFTER_S", 0.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = progress.ProgressBar()
    for done in range(1, 4):
        bar(done, 3)
    assert "indexing" in terminal.getvalue() and "3/3 files" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    bar = progress.ProgressBar()
    bar(1, 3)
    bar(3, 3)
    assert pipe.getvalue() == ""
    # A whole build on a terminal shows it too.
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    store = open_store([str(archive)], on_file=progress.ProgressBar())
    store.close()
    assert "12/12 files" in terminal.getvalue()


def test_a_big_build_is_silent_in_a_pipe(archive: Path) -> None:
    """Building the store in a real process writes nothing to a non-terminal stderr."""
    done = synews("--data", str(archive), "people", "-f", "plain")
    assert done.returncode == 0 and done.stderr == ""
    assert store_files()


def test_two_processes_building_at_once(archive: Path) -> None:
    """Two synews processes building the same store at once both answer right; the store
    is sound afterwards, and no temporary file is left."""
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
    path = the_store()
    assert integrity(path) == "ok"
    with connected(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == (1500,)
        assert conn.execute("SELECT COUNT(*) FROM files").fetchone() == (12,)
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert run("--data", str(archive), "quotes", "-f", "jsonl").stdout == expected


def test_a_store_opened_by_the_library_is_a_store(archive: Path) -> None:
    """open_store and load_dataset give a Store, cached or not; closing it ends its
    snapshot and leaves no write-ahead log behind."""
    for cached in (True, False):
        store = load_dataset([archive], cached=cached)
        assert isinstance(store, Store) and store.valid
        assert store.counts().events == 1500
        store.close()
    assert [p.name for p in location.cache_dir().iterdir()] == [the_store().name]
