"""Full text through the cached store: ``synews search`` and every ``--search`` ask the store's
one FTS5 index, which answers as the same index built in memory (``--no-cache``), is never
stale, and gives way to memory on any trouble."""

from __future__ import annotations

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

from support import connected, integrity, the_store
from synews_cli import store as store_module
from synews_cli.cli import app
from synews_cli.query.filters import DateFilter
from synews_cli.query.search import SearchOutcome, SearchRequest, search
from synews_cli.store import fulltext, location, open_store, schema
from synews_cli.store.reader import Store
from synews_cli.store.records import RecordReader
from synews_cli.store.where import ClaimFilter

AN_HOUR_AGO = time.time() - 3600


@pytest.fixture(scope="module")
def pristine(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive of 2,000 events and 2,000 statements in 8 files (read-only)."""
    folder = tmp_path_factory.mktemp("archive")
    generate.generate(folder, events=2000, claims=2000, files=8, people=60, seed=7)
    for path in folder.glob("*.toml"):  # old enough for the store to trust their stat
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return folder


@pytest.fixture
def archive(pristine: Path, tmp_path: Path) -> Path:
    """A private copy of the archive, for tests that change it."""
    copy = tmp_path / "archive"
    shutil.copytree(pristine, copy)
    return copy


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the comparisons of the pristine archive: its store is built once."""
    return tmp_path_factory.mktemp("shared-cache")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def both(data: Path, *args: str) -> tuple[Result, Result]:
    """The same command through the cached store and with --no-cache."""
    return run("--data", str(data), *args), run("--no-cache", "--data", str(data), *args)


def searched(data: Path, query: str, *options: str) -> tuple[Result, Result]:
    """``synews search`` as JSON lines, cached and with --no-cache; equal, or the test fails."""
    cached, direct = both(data, "search", "-f", "jsonl", *options, "--", query)
    assert cached.exit_code == direct.exit_code == 0, (cached.output, direct.output)
    assert cached.stdout == direct.stdout, query
    assert cached.stderr == direct.stderr, query
    return cached, direct


def ids(result: Result) -> list[str]:
    """The ids of the hits printed as JSON lines."""
    import json

    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


store_files = location.store_files


def has_words_index(path: Path) -> bool:
    """Whether the store file keeps the unstemmed ``words`` index (made on first need)."""
    with connected(path) as conn:
        sql = "SELECT 1 FROM sqlite_master WHERE name = 'words'"
        return conn.execute(sql).fetchone() is not None


def outcome_key(outcome: SearchOutcome) -> tuple[Any, ...]:
    """Everything a user sees of an outcome: the hits (items, scores, snippets), the total,
    the speakers matched and the no-match note."""
    return (outcome.hits, outcome.total, outcome.speaker_matches, outcome.no_match)


def phrase_in(folder: Path) -> str:
    """Two adjacent words of an event title of the archive, as a phrase query."""
    store = open_store([str(folder)], cached=False)
    try:
        title = store.events()[3].title.split()
    finally:
        store.close()
    return f'"{title[1]} {title[2]}"'


# Queries as typed after `synews search`, then its options; {phrase} and {speaker} are
# filled in from the archive.
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    ("ceasefire", ()),
    ("{phrase}", ()),
    ('"the army"', ()),
    ("diplom*", ()),
    ("negotiat*", ()),
    ("ceasefire -talks", ()),
    ('-"the" -of', ()),
    ("Tartus OR Latakia troops", ()),
    ("ceasefire", ("--kind", "claim", "--speaker", "{speaker}")),
    ("convoy", ("--kind", "event", "--kind", "person")),
    ("sanctions", ("--since", "2020", "--until", "2023")),
    ("airstrike", ("--sort", "date")),
    ("drone", ("--sort", "date", "--limit", "7")),
    ("{surname}", ()),
    ("ceasfire", ()),  # no hit: a suggestion
    ("qwxzv", ()),  # no hit, nothing close
    ("ceasefire", ("--on", "1900")),  # no hit within the dates
]


@pytest.fixture(scope="module")
def fills(pristine: Path, generate: ModuleType) -> dict[str, str]:
    """What the queries' {phrase}, {speaker} and {surname} stand for."""
    speaker = generate.person_name(5)
    return {"phrase": phrase_in(pristine), "speaker": speaker, "surname": speaker.split()[1]}


def filled(fills: dict[str, str], text: str, options: tuple[str, ...]) -> SearchRequest:
    """A query of QUERIES and its options, filled in, as the SearchRequest of the command."""
    return request(text.format(**fills), tuple(option.format(**fills) for option in options))


def request(query: str, options: tuple[str, ...]) -> SearchRequest:
    """The SearchRequest of ``synews search`` with these options."""
    values: dict[str, list[str]] = {}
    for name, value in zip(options[::2], options[1::2], strict=True):
        values.setdefault(name, []).append(value)
    return SearchRequest(
        query=query,
        kinds=tuple(values.get("--kind", ())),
        speakers=tuple(values.get("--speaker", ())),
        dates=DateFilter.from_options(
            since=values.get("--since", [None])[0],
            until=values.get("--until", [None])[0],
            on=values.get("--on", [None])[0],
        ),
        sort=values.get("--sort", ["relevance"])[0],
        limit=int(values["--limit"][0]) if "--limit" in values else None,
    )


# --- The same answers -----------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=[" ".join((q, *o)) for q, o in QUERIES])
def test_cached_search_prints_as_no_cache(
    pristine: Path,
    fills: dict[str, str],
    shared_cache: Path,
    query: tuple[str, tuple[str, ...]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Phrase, prefix, exclusion, OR, filters, --sort date, --limit and the no-hit notes
    print the same through the cached store as with --no-cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))
    text, options = query
    options = tuple(option.format(**fills) for option in options)
    cached, _ = searched(pristine, text.format(**fills), *options)
    if text == "ceasfire":
        assert 'did you mean "ceasefire"' in cached.stderr
    assert store_files()


def test_search_outcomes_agree(pristine: Path, fills: dict[str, str]) -> None:
    """The library's search gives the same hits, scores, snippets, totals and notes on the
    cached store as on the store built in memory."""
    cached = open_store([str(pristine)], cached=True)
    plain = open_store([str(pristine)], cached=False)
    try:
        for text, options in QUERIES:
            wanted = filled(fills, text, options)
            assert outcome_key(search(cached, wanted)) == outcome_key(search(plain, wanted)), wanted
        no_hit = search(cached, SearchRequest(query="ceasfire")).no_match
        assert no_hit is not None and no_hit.suggestion == "ceasefire"
    finally:
        cached.close()
        plain.close()


def test_results_are_not_trivial(pristine: Path, fills: dict[str, str]) -> None:
    """The comparisons above are meaningful: most queries find many hits of every kind."""
    store = open_store([str(pristine)], cached=True)
    try:
        totals = [search(store, filled(fills, text, options)).total for text, options in QUERIES]
        assert sum(1 for total in totals if total > 10) >= 9, totals
        assert totals[-3:-1] == [0, 0]  # the two words that occur nowhere
        every = search(store, SearchRequest(query="a*")).hits
        assert {hit.kind for hit in every} == {"event", "claim", "person"}
    finally:
        store.close()


@pytest.mark.parametrize(
    "query",
    ["ceasefire", "diplom*", '"of the" OR convoy', "sanctions -russian", "-the -of -a"],
)
def test_search_and_the_listings_search_alike(pristine: Path, query: str) -> None:
    """`synews search --kind event` and `timeline --search` (and `--kind claim` and
    `quotes --search`) find the same items: one index, one language."""
    for kind, listing in (("event", "timeline"), ("claim", "quotes")):
        for flags in ((), ("--no-cache",)):
            found = run(
                *flags,
                "--data",
                str(pristine),
                "search",
                "-f",
                "jsonl",
                "--kind",
                kind,
                "--",
                query,
            )
            listed = run(*flags, "--data", str(pristine), listing, "--search", query, "-f", "jsonl")
            assert found.exit_code == listed.exit_code == 0, (found.output, listed.output)
            assert sorted(ids(found)) == sorted(ids(listed)), (kind, query)
            assert ids(found), (kind, query)


def test_only_the_hits_are_materialised(pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search makes records of its hits (those it shows) only, never of every event or
    statement of the store."""
    store = open_store([str(pristine)], cached=True)
    made: list[str] = []
    for kind in ("event", "claim"):
        original = getattr(RecordReader, kind)

        def counting(self: RecordReader, row: Any, _kind: str = kind, _f: Any = original) -> Any:
            made.append(_kind)
            return _f(self, row)

        monkeypatch.setattr(RecordReader, kind, counting)
    try:
        outcome = search(store, SearchRequest(query="ceasefire", limit=5))
        assert outcome.total > 100 and len(outcome.hits) == 5
        assert len(made) <= 5
        made.clear()
        outcome = search(store, SearchRequest(query="ceasefire"))
        assert len(made) == sum(hit.kind != "person" for hit in outcome.hits) < 4000
        made.clear()
        assert search(store, SearchRequest(query="ceasfire")).no_match is not None
        assert made == []
    finally:
        store.close()


# --- Never stale ----------------------------------------------------------------------------


def _add_to_first_summary(path: Path, words: str) -> str:
    """Put ``words`` at the start of the file's first event summary; returns the old text."""
    text = path.read_text(encoding="utf-8")
    marker = 'summary = "'
    path.write_text(text.replace(marker, marker + words + " ", 1), encoding="utf-8")
    return text


def test_an_edit_changes_what_search_finds(archive: Path) -> None:
    """After an edit, search (and --search) finds the new text at once, and no longer finds
    it once the edit is undone."""
    cached, _ = searched(archive, "zanzibar")
    assert cached.stdout == ""
    path = sorted(archive.glob("*.toml"))[3]
    original = _add_to_first_summary(path, "Zanzibar")
    cached, _ = searched(archive, "zanzibar")
    assert len(ids(cached)) == 1
    listed, direct = both(archive, "timeline", "--search", "zanzibar", "-f", "jsonl")
    assert ids(listed) == ids(cached) and listed.stdout == direct.stdout
    path.write_text(original, encoding="utf-8")
    cached, _ = searched(archive, "zanzibar")
    assert cached.stdout == ""
    assert len(store_files()) == 1


def _person_in_another_file(folder: Path) -> tuple[str, str, Path]:
    """A person (id, name) defined in one file, some of whose statements are in others."""
    store = open_store([str(folder)], cached=False)
    try:
        for person in store.people:
            assert person.location is not None
            home = person.location.file
            claims = store.claims(ClaimFilter(speakers=frozenset({person.id})))
            if any(c.location is not None and c.location.file != home for c in claims):
                return person.id, person.name, Path(home)
    finally:
        store.close()
    raise AssertionError("no person is quoted in another file")


def test_renaming_a_person_changes_their_statements_in_other_files(archive: Path) -> None:
    """A statement's document holds its speaker's name: renaming the speaker in the file that
    defines them changes what searching the name finds in the unchanged files too."""
    person, name, home = _person_in_another_file(archive)
    searched(archive, "Quagmire")  # the store is built before the rename
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace(f'name = "{name}"', 'name = "Zebulon Quagmire"', 1), "utf-8")
    cached, _ = searched(archive, "Quagmire", "--kind", "claim")
    store = open_store([str(archive)], cached=False)
    try:
        spoken = store.claims(ClaimFilter(speakers=frozenset({person})))
    finally:
        store.close()
    assert sorted(ids(cached)) == sorted(claim.id for claim in spoken)
    assert any(c.location is not None and Path(c.location.file) != home for c in spoken)
    searched(archive, "Zebulon Quagmire", "--kind", "person")
    # Back to the old name: the new one finds nothing, anywhere.
    home.write_text(text, encoding="utf-8")
    cached, _ = searched(archive, "Quagmire")
    assert cached.stdout == ""
    searched(archive, name, "--kind", "claim")


# --- The index left for later ------------------------------------------------------------


def waiting(path: Path) -> int:
    """How many documents of the store file wait for the full-text index."""
    with connected(path) as conn:
        return int(conn.execute("SELECT count(*) FROM waiting_documents").fetchone()[0])


def indexed(path: Path) -> int:
    with connected(path) as conn:
        return int(conn.execute("SELECT count(*) FROM search").fetchone()[0])


def test_a_command_that_searches_no_text_leaves_the_index_for_later(archive: Path) -> None:
    """timeline builds the store with every document waiting; the first search indexes them
    all and answers as --no-cache, and from then on changes are indexed as they come."""
    listed, direct = both(archive, "timeline", "-f", "jsonl")
    assert listed.exit_code == 0 and listed.stdout == direct.stdout
    documents = waiting(the_store())
    assert documents >= 4000 and indexed(the_store()) == 0
    searched(archive, "ceasefire")
    assert waiting(the_store()) == 0 and indexed(the_store()) == documents
    _add_to_first_summary(sorted(archive.glob("*.toml"))[2], "Zanzibar")
    both(archive, "quotes", "--speaker", "nobody-at-all")  # searches no text
    assert waiting(the_store()) == 0
    cached, _ = searched(archive, "zanzibar")
    assert len(ids(cached)) == 1


def test_changes_while_documents_wait_are_searched_right(archive: Path) -> None:
    """Files edited while the documents wait (a speaker renamed in one file, an event
    edited in another) are searched as --no-cache searches them."""
    _, name, home = _person_in_another_file(archive)
    run("--data", str(archive), "people")
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace(f'name = "{name}"', 'name = "Zebulon Quagmire"', 1), "utf-8")
    _add_to_first_summary(sorted(archive.glob("*.toml"))[5], "Zanzibar")
    run("--data", str(archive), "timeline", "--since", "2025")
    assert waiting(the_store()) > 0
    cached, _ = searched(archive, "Quagmire", "--kind", "claim")
    assert ids(cached) and waiting(the_store()) == 0
    searched(archive, "zanzibar")
    searched(archive, name)


@pytest.mark.parametrize(
    "command",
    [
        ["timeline", "--search", "ceasefire"],
        ["quotes", "--search", "convoy OR ceasefire"],
        ["people", "--search", "minister"],
        ["timeline", "--by", "year", "--search", "ceasefire"],
    ],
)
def test_every_search_option_builds_the_index(pristine: Path, command: list[str]) -> None:
    """Each --search opens the store with its index, after a command that left it for later."""
    run("--data", str(pristine), "show", "nothing-by-that-id")
    assert waiting(the_store()) > 0
    cached, direct = both(pristine, *command, "-f", "jsonl")
    assert cached.exit_code == direct.exit_code == 0, cached.output
    assert cached.stdout == direct.stdout
    assert waiting(the_store()) == 0


def test_the_index_is_asked_only_when_built(pristine: Path) -> None:
    """A store opened without its full-text index refuses a full-text question outright,
    rather than answer from an empty index."""
    store = open_store([str(pristine)], full_text=False)
    try:
        with pytest.raises(RuntimeError, match="full-text index is not built"):
            store.has_word("ceasefire")
    finally:
        store.close()


def test_db_copies_a_built_index(pristine: Path, tmp_path: Path) -> None:
    """synews db after a command that left the index for later: the copy has every
    document indexed and none waiting."""
    run("--data", str(pristine), "timeline")
    out = tmp_path / "copy.sqlite"
    assert run("--data", str(pristine), "db", str(out)).exit_code == 0
    assert waiting(out) == 0 and indexed(out) == indexed(the_store()) > 0


def test_a_prefix_query_makes_the_words_index(archive: Path) -> None:
    """A store is built without the unstemmed word list; the first command that may need
    it (`synews search`, or a --search with a prefix) makes it, in the store, before it
    reads, and it answers as the in-memory one."""
    listed, direct = both(archive, "quotes", "--search", "ceasefire", "-f", "jsonl")
    assert listed.stdout == direct.stdout
    assert not has_words_index(the_store())
    listed, direct = both(archive, "timeline", "--search", "negotiat*", "-f", "jsonl")
    assert listed.stdout and listed.stdout == direct.stdout
    assert has_words_index(the_store())
    searched(archive, "negotiat*")  # reused


def _vocabulary(store: Store) -> list[tuple[Any, ...]]:
    """The unstemmed word list as the store holds it: each word, in how many documents and
    how many times."""
    store.words_starting("", 1)  # made on first need
    return store.conn.execute("SELECT term, doc, cnt FROM words_vocabulary").fetchall()


def _make_words_index(path: Path) -> None:
    """The ``words`` index as fulltext.words_table means to keep it in the store: every
    document of ``search``, unstemmed, with its vocabulary (made here because synews does
    not manage to: see test_a_prefix_query_makes_the_words_index)."""
    columns = ", ".join(fulltext.COLUMNS)
    with connected(path) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            f"CREATE VIRTUAL TABLE words USING fts5({columns}, content = '',"
            f" tokenize = '{fulltext.WORDS_TOKENIZER}')"
        )
        conn.execute(f"INSERT INTO words (rowid, {columns}) SELECT rowid, {columns} FROM search")
        conn.execute("CREATE VIRTUAL TABLE words_vocabulary USING fts5vocab(words, row)")
        conn.execute("COMMIT")


def test_prefix_search_stays_right_once_the_words_index_exists(archive: Path) -> None:
    """After the word list exists in the store, every change keeps it in step: prefixes and
    suggestions find added words, forget removed ones, and the list equals one made afresh."""
    searched(archive, "diplom*")
    if not has_words_index(the_store()):  # see test_a_prefix_query_makes_the_words_index
        _make_words_index(the_store())
    searched(archive, "diplom*")
    store = open_store([str(archive)], cached=True)
    try:
        assert fulltext.keeps_words(store.conn)
    finally:
        store.close()
    files = sorted(archive.glob("*.toml"))
    # A word only a prefix finds (its stem, "zanzibar", is shorter than the prefix typed).
    original = _add_to_first_summary(files[2], "Zanzibarations")
    found, _ = searched(archive, "zanzibarat*")
    assert len(ids(found)) == 1
    typo, _ = searched(archive, "zanzibaratoins")  # suggested back
    assert 'did you mean "Zanzibarations"' in typo.stderr
    listed, direct = both(archive, "timeline", "--search", "zanzibarat*", "-f", "jsonl")
    assert listed.stdout == direct.stdout and ids(listed) == ids(found)
    # A person renamed (in their statements' documents too), a file added, then deleted.
    _person, name, home = _person_in_another_file(archive)
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace(f'name = "{name}"', 'name = "Zebulonius Quagmire"', 1), "utf-8")
    added = archive / "zz-added.toml"
    added.write_text('[[people]]\nid = "added"\nname = "Xanthippe Added"\n', encoding="utf-8")
    for query in ("zebulon*", "xanth*", "diplom*", "negotiat*", "zanzibarat*"):
        found, _ = searched(archive, query)
        assert ids(found), query
    added.unlink()
    found, _ = searched(archive, "xanth*")
    assert found.stdout == ""
    # The word taken out again.
    files[2].write_text(original, encoding="utf-8")
    cached, _ = searched(archive, "zanzibarat*")
    assert cached.stdout == ""
    cached, _ = searched(archive, "zanzibaratoins")
    assert "did you mean" not in cached.stderr
    cached_store = open_store([str(archive)], cached=True)
    plain = open_store([str(archive)], cached=False)
    try:
        assert _vocabulary(cached_store) == _vocabulary(plain)
    finally:
        cached_store.close()
        plain.close()


def test_two_datasets_keep_their_own_store(archive: Path, pristine: Path) -> None:
    """Searching one dataset neither removes nor changes the store of another."""
    _add_to_first_summary(sorted(archive.glob("*.toml"))[1], "Zanzibar")
    found = [searched(folder, "zanzibar")[0] for folder in (pristine, archive)]
    assert len(store_files()) == 2
    assert ids(found[0]) == [] and len(ids(found[1])) == 1
    again = [searched(folder, "zanzibar")[0] for folder in (pristine, archive)]
    assert [r.stdout for r in again] == [r.stdout for r in found]


def test_a_store_of_other_code_is_rebuilt(pristine: Path) -> None:
    """A store whose fingerprint (synews, SQLite, Python, Unicode) differs is built again,
    its full-text index with it."""
    expected, _ = searched(pristine, "ceasefire")
    with connected(the_store()) as conn:
        conn.execute("UPDATE meta SET value = 'other' WHERE key = 'store_fingerprint'")
        conn.execute("DELETE FROM search")  # what the other code's index would answer
    cached = run("--data", str(pristine), "search", "-f", "jsonl", "ceasefire")
    assert cached.exit_code == 0 and cached.stdout == expected.stdout
    with connected(the_store()) as conn:
        stamp = conn.execute("SELECT value FROM meta WHERE key = 'store_fingerprint'").fetchone()
    assert stamp == (schema.fingerprint(),)


# --- Giving way to memory -------------------------------------------------------------------


def test_a_store_that_is_not_one_is_replaced(pristine: Path) -> None:
    """A file that is not a store gives the right answer, and the next search uses the
    store built again."""
    expected, _ = searched(pristine, "ceasefire talks")
    target = the_store()
    target.write_bytes(b"not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    outcome = run("--data", str(pristine), "search", "-f", "jsonl", "ceasefire talks")
    assert outcome.exit_code == 0 and outcome.stdout == expected.stdout
    assert integrity(target) == "ok"
    again = run("--data", str(pristine), "search", "-f", "jsonl", "ceasefire talks")
    assert again.stdout == expected.stdout and again.stderr == ""
    assert store_files() == [target]


def test_a_store_cut_short_is_replaced(pristine: Path) -> None:
    """A store file cut short (a full disk, a crash of the copy) gives the right answer,
    and the next search uses the store built again."""
    expected, _ = searched(pristine, "ceasefire talks")
    target = the_store()
    with open(target, "r+b") as handle:
        handle.truncate(target.stat().st_size // 3)
    for _ in range(2):
        outcome = run("--data", str(pristine), "search", "-f", "jsonl", "ceasefire talks")
        assert outcome.exit_code == 0, outcome.output
        assert outcome.stdout == expected.stdout
    assert integrity(target) == "ok"


def _read_only_connect(path: Path) -> sqlite3.Connection:
    """What store._connect gives when the store file cannot be written."""
    return sqlite3.connect(
        f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
    )


def test_a_read_only_store_searches_without_writing(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store that cannot be written still answers prefixes and suggestions (with a word
    list of its own for the run), writes nothing, and says nothing."""
    both(archive, "quotes", "--search", "ceasefire")  # a store without its word list
    path = the_store()
    assert not has_words_index(path)
    monkeypatch.setattr(store_module, "_connect", _read_only_connect)
    for query in ("negotiat*", "ceasfire", "diplom* -the"):
        cached, direct = both(archive, "search", "-f", "jsonl", query)
        assert cached.exit_code == direct.exit_code == 0
        assert (cached.stdout, cached.stderr) == (direct.stdout, direct.stderr)
    assert not has_words_index(path)


def test_when_the_cache_cannot_be_used_search_runs_in_memory(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unusable cache (the folder cannot be made, an SQLite error such as a full disk)
    is no error for the user: the store is built in memory, with at most one note."""
    expected, _ = searched(pristine, "ceasefire OR diplom*")
    suggested, _ = searched(pristine, "ceasfire")

    def full(*_args: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "_cached", full)
        cases = [("ceasefire OR diplom*", expected), ("ceasfire", suggested)]
        for query, wanted in cases:
            outcome = run("--data", str(pristine), "search", "-f", "jsonl", query)
            assert outcome.exit_code == 0 and outcome.stdout == wanted.stdout
            assert outcome.stderr.count("synews: note:") == 1
            assert outcome.stderr.replace(outcome.stderr.splitlines(True)[0], "", 1) == (
                wanted.stderr
            )
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    outcome = run("--data", str(pristine), "search", "-f", "jsonl", "ceasefire OR diplom*")
    assert outcome.exit_code == 0 and outcome.stdout == expected.stdout
    assert outcome.stderr.count("\n") <= 1


def test_command_line_with_and_without_cache(
    pristine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command prints the same through the cached store, with --no-cache and with
    SYNEWS_NO_CACHE=1; only the first writes a store."""
    data = ["--data", str(pristine)]
    for query in (["ceasefire OR talks", "-f", "jsonl"], ["-f", "tsv", "--sort", "date", "drone*"]):
        location.clear()
        direct = run(*data, "--no-cache", "search", *query)
        assert store_files() == []
        monkeypatch.setenv("SYNEWS_NO_CACHE", "1")
        by_env = run(*data, "search", *query)
        monkeypatch.delenv("SYNEWS_NO_CACHE")
        assert store_files() == []
        cached = run(*data, "search", *query)
        assert len(store_files()) == 1
        assert cached.exit_code == direct.exit_code == by_env.exit_code == 0
        assert cached.stdout == direct.stdout == by_env.stdout
        assert cached.stdout
    missing = [run(*data, *flag, "search", "ceasfire") for flag in ((), ("--no-cache",))]
    assert missing[0].stderr == missing[1].stderr
    assert 'did you mean "ceasefire"' in missing[0].stderr


def test_bundled_dataset_is_searched_through_its_store() -> None:
    """The bundled dataset gets its (tiny) store and searches as without it."""
    for query in ("Tartus", "naval base*", "Tartous"):
        cached = run("search", query, "-f", "jsonl")
        direct = run("--no-cache", "search", query, "-f", "jsonl")
        assert cached.exit_code == direct.exit_code == 0
        assert (cached.stdout, cached.stderr) == (direct.stdout, direct.stderr)
    assert ids(run("search", "Tartus", "-f", "jsonl"))
    assert len(store_files()) == 1


def test_a_reader_stuck_on_its_output_holds_no_lock(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`synews search ... | less` left open: the search waits on its output with the store
    open, and another synews that must write the store (a file changed) does not wait for
    it. (The word list a prefix needs is made before the search reads, never while it
    reads.)"""
    both(archive, "quotes", "--search", "ceasefire")  # a store without its word list
    command = [sys.executable, "-m", "synews_cli", "--data", str(archive), "search"]
    reader = subprocess.Popen(
        [*command, "diplom* OR the", "-f", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert reader.stdout is not None
        first = reader.stdout.read(1)  # it reads the store and writes: past its sync
        _add_to_first_summary(sorted(archive.glob("*.toml"))[1], "Zanzibar")
        monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 3.0)
        writer, direct = both(archive, "search", "zanzibar", "-f", "jsonl")
        assert writer.stderr == "" and writer.stdout == direct.stdout != ""
        rest, errors = reader.communicate(timeout=120)
    finally:
        reader.kill()
    assert reader.returncode == 0 and errors == b""
    assert len(first + rest) > 1 << 20  # far more than a pipe holds: it did wait


def test_a_reading_store_never_writes_its_word_list(pristine: Path) -> None:
    """Opened without asking for the word list, a store answers a prefix with a list of its
    own for the connection: reading never takes the write lock."""
    store = open_store([str(pristine)])
    try:
        assert store.words_starting("negotiat", 64)
    finally:
        store.close()
    assert not has_words_index(the_store())


@pytest.mark.parametrize("built", [False, True], ids=["no store yet", "store without words"])
def test_two_processes_searching_at_once(pristine: Path, built: bool) -> None:
    """Two synews processes that search a prefix at once, with no store yet or a store
    without its word list (both may try to make it): both answer alike and right, and one
    sound store remains, without temporary files."""
    if built:
        assert run("--data", str(pristine), "check").exit_code == 0
        assert not has_words_index(the_store())
    command = [sys.executable, "-m", "synews_cli", "--data", str(pristine), "search"]
    processes = [
        subprocess.Popen(
            [*command, "ceasefire diplom*", "-f", "jsonl"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1"},
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert [err for _, err in outputs] == [b"", b""]
    direct = run(
        "--data", str(pristine), "--no-cache", "search", "ceasefire diplom*", "-f", "jsonl"
    )
    assert outputs[0][0] == outputs[1][0] == direct.stdout.encode()
    assert direct.stdout.count("\n") > 10
    path = the_store()
    assert integrity(path) == "ok"
    assert [p.name for p in path.parent.iterdir()] == [path.name]
