"""`synews db`: a copy of the store, a standalone and documented SQLite database."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from synews_cli.cli import app
from synews_cli.store import load_dataset
from synews_cli.store.export import write_copy

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "events.toml"
SCHEMA = ROOT / "src" / "synews_cli" / "store" / "schema.sql"
DOCS = ROOT / "docs" / "database.md"


def run(*args: str) -> Result:
    """The app through Typer's CliRunner."""
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """The bundled dataset written with `synews db`."""
    out = tmp_path / "story.sqlite"
    result = run("db", str(out))
    assert result.exit_code == 0, result.output
    return out


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)


def test_row_counts_match_the_dataset(exported: Path) -> None:
    """Every item and every list value becomes one row."""
    dataset = load_dataset([BUNDLED])
    with connect(exported) as conn:

        def count(table: str) -> int:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        assert count("events") == len(dataset.events())
        assert count("claims") == len(dataset.claims())
        assert count("people") == len(dataset.people)
        assert count("sources") == len(dataset.sources)
        assert count("event_places") == sum(len(e.places) for e in dataset.events())
        assert count("event_actors") == sum(len(e.actors) for e in dataset.events())
        assert count("event_tags") == sum(len(e.tags) for e in dataset.events())
        assert count("claim_topics") == sum(len(c.topics) for c in dataset.claims())
        assert count("claim_about") == sum(len(c.about) for c in dataset.claims())
        assert count("claim_evidence") == sum(len(c.evidence) for c in dataset.claims())
        assert count("person_aliases") == sum(len(p.aliases) for p in dataset.people)


def test_values_and_order_survive(exported: Path) -> None:
    """Fields, dates and list order read back as they are in the dataset."""
    dataset = load_dataset([BUNDLED])
    event = dataset.events()[0]
    claim = next(c for c in dataset.claims() if len(c.about) > 1)
    with connect(exported) as conn:
        row = conn.execute(
            'SELECT date, start, "end", title, source_id, line FROM events WHERE id = ?',
            (event.id,),
        ).fetchone()
        assert row == (
            event.date.text,
            None if event.date.start is None else event.date.start.isoformat(),
            None if event.date.end is None else event.date.end.isoformat(),
            event.title,
            event.source,
            event.location.line if event.location else None,
        )
        about = [
            r[0]
            for r in conn.execute(
                "SELECT event_id FROM claim_about WHERE claim_id = ? ORDER BY position",
                (claim.id,),
            )
        ]
        assert about == list(claim.about)
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        assert meta["title"] == dataset.meta.title
        assert meta["database_schema_version"] == "2"


def test_references_hold(exported: Path) -> None:
    """Every reference names an existing row, ids are unique, and the file is sound."""
    dangling = (
        "SELECT speaker_id FROM claims WHERE speaker_id NOT IN (SELECT id FROM people)",
        "SELECT source_id FROM claims WHERE source_id NOT IN (SELECT id FROM sources)",
        "SELECT source_id FROM events WHERE source_id NOT IN (SELECT id FROM sources)",
        "SELECT event_id FROM claim_about WHERE event_id NOT IN (SELECT id FROM events)",
        "SELECT event_id FROM claim_evidence WHERE event_id NOT IN (SELECT id FROM events)",
        "SELECT claim_id FROM claim_about WHERE claim_id NOT IN (SELECT id FROM claims)",
    )
    with connect(exported) as conn:
        for sql in dangling:
            assert conn.execute(sql).fetchall() == [], sql
        for table in ("events", "claims", "people", "sources"):
            sql = f"SELECT id FROM {table} GROUP BY id HAVING COUNT(*) > 1"
            assert conn.execute(sql).fetchall() == [], table
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_full_text_search(exported: Path) -> None:
    """The full-text index finds words, stemmed, accent- and case-insensitively, with each
    item's kind and id, and joins back to the item's own table."""
    with connect(exported) as conn:
        events = conn.execute(
            "SELECT item_id FROM search WHERE search MATCH ? AND kind = 'event' ORDER BY rank",
            ("hmeimim",),
        ).fetchall()
        assert ("national-first-visit",) in events
        claims = conn.execute(
            "SELECT claims.id FROM search JOIN claims ON claims.rowid = search.rowid >> 2"
            " WHERE search MATCH 'extradite' AND search.kind = 'claim'"
        ).fetchall()
        assert ("hts-extradition-request",) in claims
        people = conn.execute(
            "SELECT item_id FROM search WHERE search MATCH 'title : TRAD' AND kind = 'person'"
        ).fetchall()
        assert people == [("ruslan-trad",)]


def test_statements_view(exported: Path) -> None:
    """The `statements` view joins each statement to its speaker and outlet."""
    with connect(exported) as conn:
        rows = conn.execute(
            "SELECT speaker_name, outlet FROM statements WHERE speaker_id = 'ruslan-trad'"
        ).fetchall()
    assert rows and all(row == ("Ruslan Trad", "The National") for row in rows)


def test_refuses_to_overwrite_without_force(exported: Path) -> None:
    """An existing file is kept unless --force is given; nothing else is left behind."""
    before = exported.read_bytes()
    refused = run("db", str(exported))
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert exported.read_bytes() == before
    replaced = run("db", str(exported), "--force")
    assert replaced.exit_code == 0
    assert "19 events, 29 statements, 14 people, 1 source to" in replaced.stderr
    assert sorted(p.name for p in exported.parent.iterdir()) == [exported.name]


def test_a_folder_or_missing_folder_is_an_error(tmp_path: Path) -> None:
    """A folder as OUT is a usage error; a missing parent folder is an I/O error."""
    assert run("db", str(tmp_path)).exit_code == 2
    missing = run("db", str(tmp_path / "no" / "such" / "x.sqlite"))
    assert missing.exit_code == 1
    assert "cannot write" in missing.stderr


def test_failure_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If writing fails half-way, no file and no temporary file remain."""
    from synews_cli.store import export

    def broken(path: Path) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(export, "_finish", broken)
    out = tmp_path / "x.sqlite"
    with pytest.raises(Exception, match="cannot write"):
        write_copy(load_dataset([BUNDLED]), out, force=False)
    assert list(tmp_path.iterdir()) == []


def test_export_of_an_indexed_archive(tmp_path: Path) -> None:
    """An archive read through the index exports every item too."""
    data = ROOT / "tests" / "data" / "good_split"
    out = tmp_path / "split.sqlite"
    assert run("--data", str(data), "db", str(out)).exit_code == 0
    dataset = load_dataset([data])
    with connect(out) as conn:
        assert conn.execute("SELECT COUNT(*) FROM claims").fetchone() == (len(dataset.claims()),)


def test_schema_is_documented() -> None:
    """Every table, view and column of the schema (store/schema.sql) appears in
    docs/database.md."""
    text = DOCS.read_text(encoding="utf-8")
    schema = SCHEMA.read_text(encoding="utf-8")
    for name in re.findall(r"CREATE (?:VIRTUAL )?(?:TABLE|VIEW) (\w+)", schema):
        assert f"`{name}`" in text, name
    for table, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\)", schema, re.S):
        for line in body.strip().splitlines():
            column = line.strip().split()[0].strip('"')
            if column not in ("PRIMARY", "FOREIGN", "UNIQUE", "--"):
                assert f"`{column}`" in text, (table, column)
