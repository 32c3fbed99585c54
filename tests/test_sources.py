"""Several sources per event and statement, and each source's own account (reports): read
from the files, kept by the store, printed in every format, refused when wrong."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from support import check_paths
from synews_cli.cli import app
from synews_cli.store import open_store

DATA = Path(__file__).parent / "data"
STORY = DATA / "many_sources.toml"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("cached", [False, True])
def test_an_item_keeps_every_source_and_report(cached: bool) -> None:
    store = open_store([str(STORY)], cached=cached)
    try:
        events = {e.id: e for e in store.events()}
        claims = {c.id: c for c in store.claims()}
    finally:
        store.close()
    talks = events["talks"]
    assert (talks.source, talks.sources) == ("national", ("national", "herald"))
    [report] = talks.reports
    assert (report.source, report.date and report.date.text, report.text) == (
        "herald",
        "2025-10-16",
        None,
    )
    quote = claims["minister-port-stays"]
    assert quote.sources == ("national", "herald")
    assert quote.reports[0].text == "The port remains under the existing agreements"
    reported = claims["minister-no-deadline"]  # named only by its report
    assert (reported.source, reported.sources) == ("wire", ("wire",))


def test_json_carries_sources_and_reports() -> None:
    result = run("--data", str(STORY), "timeline", "-f", "json")
    assert result.exit_code == 0, result.output
    [talks] = json.loads(result.stdout)
    assert talks["source"] == "national" and talks["sources"] == ["national", "herald"]
    assert talks["reports"] == [
        {
            "source": "herald",
            "date": "2025-10-16",
            "when": "16 Oct 2025",
            "text": None,
            "url": None,
            "note": "the Herald dates the talks to the next day",
        }
    ]
    quotes = {
        c["id"]: c for c in json.loads(run("--data", str(STORY), "quotes", "-f", "json").stdout)
    }
    assert quotes["minister-port-stays"]["reports"][0]["text"].startswith("The port remains")


def test_flat_formats_join_the_sources() -> None:
    result = run("--data", str(STORY), "quotes", "-f", "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["minister-port-stays"]["sources"] == "national; herald"
    assert "reports" not in rows["minister-port-stays"]


def test_the_cached_and_uncached_answers_agree() -> None:
    for args in (
        ["timeline", "-f", "jsonl"],
        ["quotes", "-f", "jsonl"],
        ["show", "talks", "-f", "json"],
    ):
        cached = run("--data", str(STORY), *args)
        direct = run("--no-cache", "--data", str(STORY), *args)
        assert cached.exit_code == 0 and cached.stdout == direct.stdout, args


def test_db_has_a_row_per_source_and_report(tmp_path: Path) -> None:
    out = tmp_path / "story.sqlite"
    assert run("--data", str(STORY), "db", str(out)).exit_code == 0
    conn = sqlite3.connect(out)
    try:
        sources = conn.execute(
            "SELECT item_kind, item_id, position, source_id FROM item_sources ORDER BY 1, 2, 3"
        ).fetchall()
        reports = conn.execute(
            "SELECT item_id, source_id, date, text FROM reports ORDER BY item_id"
        ).fetchall()
    finally:
        conn.close()
    assert ("event", "talks", 1, "herald") in sources
    assert ("claim", "minister-no-deadline", 0, "wire") in sources
    assert ("talks", "herald", "2025-10-16", None) in reports
    assert len(reports) == 3


def _problems(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "data.toml"
    head = STORY.read_text(encoding="utf-8").split("[[events]]")[0]
    path.write_text(head + body, encoding="utf-8")
    report = check_paths([path])
    return [f"{p.item}: {p.field}: {p.message}" for p in report.problems]


EVENT = '[[events]]\nid = "e"\ndate = "2025"\ntitle = "T"\n'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (EVENT + 'sources = ["national", "nowhere"]\n', "e: sources: unknown source 'nowhere'"),
        (EVENT + "sources = []\n", "e: sources: is empty"),
        (EVENT, "e: source: missing required field 'source'"),
        (
            EVENT + 'source = "national"\n[[events.reports]]\ndate = "2025"\n',
            "report 1: missing required field 'source'",
        ),
        (
            EVENT + 'source = "national"\n[[events.reports]]\nsource = "herald"\ntxt = "x"\n',
            "unknown field 'txt' (did you mean 'text'?)",
        ),
        (
            EVENT + 'source = "national"\n[[events.reports]]\nsource = "gone"\n',
            "e: sources: unknown source 'gone'",
        ),
        (
            EVENT + 'source = "national"\n[[events.reports]]\nsource = "herald"\ndate = "soon"\n',
            "report 1: date:",
        ),
    ],
)
def test_wrong_sources_and_reports_are_problems(tmp_path: Path, body: str, expected: str) -> None:
    problems = _problems(tmp_path, body)
    assert any(expected in problem for problem in problems), problems


def test_a_version_1_file_reads_unchanged() -> None:
    """The bundled dataset (version 1) gives each item its one source as its sources."""
    result = run("timeline", "-f", "json")
    events = json.loads(result.stdout)
    assert events and all(e["sources"] == [e["source"]] and e["reports"] == [] for e in events)
