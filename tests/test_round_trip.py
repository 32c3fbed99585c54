"""extract -> add -> extract: an article already added drafts nothing new (issue 15)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from synews_cli.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "three-outlets"
ARTICLES = (
    ("wire-2025-10-14", "2025-10-14", "Coast Wire"),
    ("herald-2025-10-16", "2025-10-16", "The Harbour Herald"),
    ("monitor-2025-10-20", "2025-10-20", "Delta Monitor"),
)


def run(*args: str) -> Result:
    """The app through Typer's CliRunner (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, list(args))


def tables(draft: Path) -> dict[str, int]:
    """How many entries of each top-level table a draft holds."""
    parsed = tomllib.loads(draft.read_text(encoding="utf-8"))
    return {key: len(value) for key, value in parsed.items() if isinstance(value, list)}


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """The example's [meta] and [[names]] only, with the articles' texts beside them."""
    data = tmp_path / "story"
    data.mkdir()
    text = (EXAMPLE / "story.toml").read_text(encoding="utf-8")
    (data / "story.toml").write_text(text[: text.index("[[people]]")], encoding="utf-8")
    for article in EXAMPLE.glob("*.txt"):
        shutil.copy(article, data)
    return data


def extract(story: Path, source: str, published: str, outlet: str, out: Path) -> Result:
    return run(
        "--data",
        str(story),
        "extract",
        str(story / f"{source}.txt"),
        "--source",
        source,
        "--published",
        published,
        "--outlet",
        outlet,
        "-o",
        str(out),
    )


def test_an_article_added_once_drafts_nothing_new_when_extracted_again(
    story: Path, tmp_path: Path
) -> None:
    """Each outlet's article, drafted, added unreviewed and drafted again, gives no new
    statement, person, event or source the second time, and adding that second draft
    changes no file."""
    for source, published, outlet in ARTICLES:
        first = tmp_path / f"first-{source}.toml"
        assert extract(story, source, published, outlet, first).exit_code == 0
        assert tables(first).get("claims", 0) > 0, f"{source}: the first draft found nothing"
        added = run("--data", str(story), "add", str(first))
        assert added.exit_code == 0, added.stderr

        again = tmp_path / f"again-{source}.toml"
        result = extract(story, source, published, outlet, again)
        assert result.exit_code == 0, result.stderr
        drafted = tables(again)
        for table in ("claims", "people", "events", "sources"):
            assert drafted.get(table, 0) == 0, f"{source}: {table} drafted again: {drafted}"
        assert "already recorded from this source" in result.stderr

        before = {path: path.read_bytes() for path in story.iterdir()}
        repeat = run("--data", str(story), "add", str(again))
        assert repeat.exit_code == 0, repeat.stderr
        assert {path: path.read_bytes() for path in story.iterdir()} == before
    checked = run("--data", str(story), "check")
    assert checked.exit_code == 0, checked.stderr


def test_a_second_outlet_telling_a_recorded_statement_becomes_a_report(
    story: Path, tmp_path: Path
) -> None:
    """An article that repeats a recorded quote drafts a [[reports]] entry of it, and
    adding that draft writes the report under the recorded statement."""
    wire, published, outlet = ARTICLES[0]
    first = tmp_path / "wire.toml"
    assert extract(story, wire, published, outlet, first).exit_code == 0
    assert run("--data", str(story), "add", str(first)).exit_code == 0
    recorded = tomllib.loads(first.read_text(encoding="utf-8"))["claims"][0]

    shutil.copy(story / f"{wire}.txt", story / "reprint-2025-10-15.txt")
    second = tmp_path / "reprint.toml"
    result = extract(story, "reprint-2025-10-15", "2025-10-15", "The Reprint", second)
    assert result.exit_code == 0, result.stderr
    parsed = tomllib.loads(second.read_text(encoding="utf-8"))
    assert not parsed.get("claims"), "a recorded statement was drafted again"
    assert recorded["id"] in {report["of"] for report in parsed.get("reports", [])}

    added = run("--data", str(story), "add", str(second))
    assert added.exit_code == 0, added.stderr
    shown = run("--data", str(story), "show", recorded["id"], "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    assert "reprint-2025-10-15" in shown.stdout


def test_a_draft_citing_a_recorded_source_goes_to_that_sources_file(
    story: Path, tmp_path: Path
) -> None:
    """A draft with no [[sources]] entry (its --source is recorded) is added to the file
    that holds that source, without --into."""
    wire, published, outlet = ARTICLES[0]
    first = tmp_path / "wire.toml"
    assert extract(story, wire, published, outlet, first).exit_code == 0
    assert run("--data", str(story), "add", str(first)).exit_code == 0
    wire_file = next(path for path in story.glob("*.toml") if path.name != "story.toml")

    more = story / f"{wire}-more.txt"
    more.write_text(
        'Harbourmaster Lena Dorsk said on Tuesday: "The quay will reopen to fishing boats '
        'before the winter."\n',
        encoding="utf-8",
    )
    second = tmp_path / "more.toml"
    result = run("--data", str(story), "extract", str(more), "--source", wire, "-o", str(second))
    assert result.exit_code == 0, result.stderr
    parsed = tomllib.loads(second.read_text(encoding="utf-8"))
    assert "sources" not in parsed and parsed["claims"][0]["source"] == wire

    added = run("--data", str(story), "add", str(second))
    assert added.exit_code == 0, added.stderr
    assert "The quay will reopen" in wire_file.read_text(encoding="utf-8")
