"""``synews search`` through the cache: a persisted full-text index that gives the answers of
the in-memory one, is never stale, and gives way to the in-memory one on any trouble."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from synews_cli.cli import app
from synews_cli.dataset import merge as load
from synews_cli.query import search as search_module
from synews_cli.query.filters import DateFilter
from synews_cli.query.search import SearchOutcome, SearchRequest, persisted_name, search
from synews_cli.store import index as cache


@pytest.fixture(scope="module")
def pristine(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive of 2,000 events and 2,000 statements in 8 files."""
    folder = tmp_path_factory.mktemp("archive")
    generate.generate(folder, events=2000, claims=2000, files=8, people=60, seed=7)
    return folder


@pytest.fixture
def archive(pristine: Path, tmp_path: Path) -> Path:
    """A private copy of the archive, for tests that change it."""
    copy = tmp_path / "archive"
    copy.mkdir()
    for path in pristine.glob("*.toml"):
        (copy / path.name).write_bytes(path.read_bytes())
    return copy


def derived_files() -> list[Path]:
    return sorted(cache.cache_dir().glob("derived-*"))


def outcome_key(outcome: SearchOutcome) -> tuple[Any, ...]:
    """Everything a user sees of an outcome: records, total, and the no-match note."""
    return (outcome.listing.records, outcome.total, outcome.no_match)


def phrase_in(folder: Path) -> str:
    """Two adjacent words of an event title of the archive, as a phrase query."""
    dataset = load.load_dataset([str(folder)])
    title = dataset.events[3].title.split()
    return f'"{title[1]} {title[2]}"'


def requests(folder: Path, generate: ModuleType) -> list[SearchRequest]:
    speaker = generate.person_name(5)
    return [
        SearchRequest(query="ceasefire"),
        SearchRequest(query=phrase_in(folder)),
        SearchRequest(query='"the army"'),
        SearchRequest(query="diplom*"),
        SearchRequest(query="ceasefire -talks"),
        SearchRequest(query='-"the" -of'),
        SearchRequest(query="Tartus OR Latakia troops"),
        SearchRequest(query="ceasefire", kinds=("claim",), speakers=(speaker,)),
        SearchRequest(query="convoy", kinds=("event", "person")),
        SearchRequest(query="sanctions", dates=DateFilter.from_options(since="2020", until="2023")),
        SearchRequest(query="airstrike", sort="date"),
        SearchRequest(query="drone", sort="date", limit=7),
        SearchRequest(query=speaker.split()[1]),
        SearchRequest(query="ceasfire"),  # no hit: a suggestion
        SearchRequest(query="qwxzv"),  # no hit, nothing close
        SearchRequest(query="ceasefire", dates=DateFilter.from_options(on="1900")),
    ]


# --- The same answers -----------------------------------------------------------------------


def test_persisted_index_answers_as_the_in_memory_one(pristine: Path, generate: ModuleType) -> None:
    """Phrase, prefix, exclusion, OR, filters, --sort date, --limit and the no-hit suggestion
    give the same records, totals and notes from the persisted index as from memory."""
    indexed = cache.load_dataset([str(pristine)])
    plain = load.load_dataset([str(pristine)])
    assert isinstance(indexed, cache.IndexedDataset)
    cases = requests(pristine, generate)
    for request in cases:
        persisted = search(indexed, request)
        in_memory = search(plain, request, persist=False)
        assert outcome_key(persisted) == outcome_key(in_memory), request
    assert len(derived_files()) == 1
    assert search(indexed, cases[-3]).no_match == search(plain, cases[-3]).no_match
    assert search(indexed, cases[-3]).no_match.suggestion == "ceasefire"  # type: ignore[union-attr]


def test_results_are_not_trivial(pristine: Path, generate: ModuleType) -> None:
    """The comparison above is meaningful: most queries find many hits of every kind."""
    indexed = cache.load_dataset([str(pristine)])
    totals = [search(indexed, r).total for r in requests(pristine, generate)]
    assert sum(1 for total in totals if total > 10) >= 8
    kinds = {r["kind"] for r in search(indexed, SearchRequest(query="a*")).listing.records}
    assert kinds == {"event", "claim", "person"}


def test_only_the_hits_are_materialised(pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search on the persisted index never reads every event or statement of the cache."""
    indexed = cache.load_dataset([str(pristine)])
    search(indexed, SearchRequest(query="ceasefire"))  # builds the persisted index

    def everything(self: cache.IndexedDataset, kind: str) -> tuple[Any, ...]:
        raise AssertionError(f"materialised every {kind}")

    monkeypatch.setattr(cache.IndexedDataset, "_everything", everything)
    again = cache.load_dataset([str(pristine)])
    assert search(again, SearchRequest(query="ceasefire")).total > 0
    assert search(again, SearchRequest(query="ceasfire")).no_match is not None
    name = next(p.name for p in again.people if p.id == "p00001")
    assert search(again, SearchRequest(query=name.split()[1], kinds=("person",))).total > 0


def test_the_persisted_index_is_reused(pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second search, in another process as in this one, opens the file built by the first."""
    indexed = cache.load_dataset([str(pristine)])
    first = search(indexed, SearchRequest(query="ceasefire"))
    built = derived_files()

    def fail(*_args: Any) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(search_module, "_build_file", fail)
    again = search(cache.load_dataset([str(pristine)]), SearchRequest(query="ceasefire"))
    assert outcome_key(again) == outcome_key(first) and derived_files() == built
    assert built[0].name.startswith(f"derived-{persisted_name()}-")


# --- Never stale ----------------------------------------------------------------------------


def test_a_change_to_the_data_gives_a_new_index(archive: Path) -> None:
    """After an edit, the search sees the new text at once, and the old index is removed."""
    assert search(cache.load_dataset([str(archive)]), SearchRequest(query="zanzibar")).total == 0
    old = derived_files()
    path = sorted(archive.glob("*.toml"))[3]
    text = path.read_text(encoding="utf-8")
    marker = 'summary = "'
    path.write_text(text.replace(marker, marker + "Zanzibar ", 1), encoding="utf-8")
    indexed = cache.load_dataset([str(archive)])
    found = search(indexed, SearchRequest(query="zanzibar"))
    assert found.total == 1
    in_memory = search(load.load_dataset([str(archive)]), SearchRequest(query="zanzibar"))
    assert outcome_key(found) == outcome_key(in_memory)
    assert len(derived_files()) == 1 and derived_files() != old


def test_two_datasets_keep_their_own_index(archive: Path, pristine: Path) -> None:
    """Searching one dataset does not remove the persisted index of another."""
    search(cache.load_dataset([str(pristine)]), SearchRequest(query="ceasefire"))
    search(cache.load_dataset([str(archive)]), SearchRequest(query="ceasefire"))
    assert len(derived_files()) == 2


def test_an_index_of_other_code_is_rebuilt(pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index whose fingerprint (search code, SQLite, Python) differs is built again."""
    indexed = cache.load_dataset([str(pristine)])
    search(indexed, SearchRequest(query="ceasefire"))
    target = derived_files()[0]
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("UPDATE search_info SET value = 'other' WHERE key = 'fingerprint'")
    conn.close()
    outcome = search(cache.load_dataset([str(pristine)]), SearchRequest(query="ceasefire"))
    assert outcome.total > 0
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT value FROM search_info").fetchone()[0] != "other"
    conn.close()


# --- Falling back to memory ----------------------------------------------------------------


def test_a_damaged_index_is_replaced(pristine: Path) -> None:
    """A file that is not an index, or is cut short, gives the in-memory answer, and the
    next search builds it again."""
    plain = load.load_dataset([str(pristine)])
    expected = outcome_key(search(plain, SearchRequest(query="ceasefire talks")))
    search(cache.load_dataset([str(pristine)]), SearchRequest(query="ceasefire"))
    target = derived_files()[0]
    size = target.stat().st_size
    target.write_bytes(b"not a database" * 100)
    outcome = search(cache.load_dataset([str(pristine)]), SearchRequest(query="ceasefire talks"))
    assert outcome_key(outcome) == expected
    assert target.stat().st_size == size  # rebuilt at once
    with open(target, "r+b") as handle:
        handle.truncate(size // 3)
    outcome = search(cache.load_dataset([str(pristine)]), SearchRequest(query="ceasefire talks"))
    assert outcome_key(outcome) == expected
    search(cache.load_dataset([str(pristine)]), SearchRequest(query="ceasefire"))
    assert derived_files() == [target] and target.stat().st_size == size


def test_a_build_that_fails_falls_back_to_memory(
    pristine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the index cannot be written (read-only or full disk), the search runs in memory."""

    def fail(*_args: Any) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(search_module, "_build_file", fail)
    indexed = cache.load_dataset([str(pristine)])
    plain = load.load_dataset([str(pristine)])
    for query in ("ceasefire", "ceasfire"):
        assert outcome_key(search(indexed, SearchRequest(query=query))) == outcome_key(
            search(plain, SearchRequest(query=query))
        )
    assert derived_files() == []


def test_an_sqlite_error_while_building_falls_back_to_memory(
    pristine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SQLite error while building (locked, no space) is no error for the user."""

    def fail(*_args: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(search_module, "_build_file", fail)
    indexed = cache.load_dataset([str(pristine)])
    assert search(indexed, SearchRequest(query="ceasefire")).total > 0


def test_no_index_without_the_cache(pristine: Path) -> None:
    """A dataset read without the cache (--no-cache, SYNEWS_NO_CACHE) is searched in memory,
    and nothing is written."""
    outcome = search(load.load_dataset([str(pristine)]), SearchRequest(query="ceasefire"))
    assert outcome.total > 0 and derived_files() == []


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def test_command_line_with_and_without_cache(
    pristine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command prints the same with the persisted index, --no-cache and
    SYNEWS_NO_CACHE=1; only the first writes an index."""
    data = ["--data", str(pristine)]
    for query in (["ceasefire OR talks", "-f", "jsonl"], ["-f", "tsv", "--sort", "date", "drone*"]):
        cache.clear()
        direct = run(*data, "--no-cache", "search", *query)
        assert derived_files() == []
        monkeypatch.setenv("SYNEWS_NO_CACHE", "1")
        by_env = run(*data, "search", *query)
        monkeypatch.delenv("SYNEWS_NO_CACHE")
        assert derived_files() == []
        cached = run(*data, "search", *query)
        assert len(derived_files()) == 1
        assert cached.exit_code == direct.exit_code == by_env.exit_code == 0
        assert cached.stdout == direct.stdout == by_env.stdout
    missing = [run(*data, *flag, "search", "ceasfire") for flag in ((), ("--no-cache",))]
    assert missing[0].stderr == missing[1].stderr
    assert 'did you mean "ceasefire"' in missing[0].stderr


def test_bundled_dataset_is_persisted_too() -> None:
    """The bundled dataset gets its (tiny) persisted index and answers as without it."""
    cached = run("search", "Tartus", "-f", "jsonl")
    direct = run("--no-cache", "search", "Tartus", "-f", "jsonl")
    assert cached.exit_code == 0 and cached.stdout == direct.stdout
    assert len(derived_files()) == 1


def test_two_processes_building_at_once(pristine: Path) -> None:
    """Two synews processes that both find no index build it at once; both answer, and one
    complete index remains, without temporary files."""
    cache.load_dataset([str(pristine)])  # the parsed-data index, so both race on search only
    command = [sys.executable, "-m", "synews_cli", "--data", str(pristine), "search"]
    env = {**os.environ, "NO_COLOR": "1"}
    processes = [
        subprocess.Popen(
            [*command, "ceasefire", "-f", "jsonl"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0, 0]
    assert outputs[0][0] == outputs[1][0] and outputs[0][0].count(b"\n") > 100
    assert [p.suffix for p in derived_files()] == [".sqlite"]
    plain = load.load_dataset([str(pristine)])
    direct = run("--data", str(pristine), "--no-cache", "search", "ceasefire", "-f", "jsonl")
    assert outputs[0][0].decode() == direct.stdout
    assert search(plain, SearchRequest(query="ceasefire")).total == outputs[0][0].count(b"\n")
