"""docs/examples/three-outlets: the fictional example of one story across outlets stays
valid, keeps showing what it is there to show, and quotes its own texts verbatim."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from synews_cli.cli import app
from synews_cli.curate.quotes_text import normalise

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "three-outlets"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["--data", str(EXAMPLE), *args])


def tables() -> dict[str, list[dict[str, Any]]]:
    """Every table of every TOML file of the example, merged by name."""
    merged: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(EXAMPLE.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for name, value in data.items():
            if name == "meta":
                merged.setdefault("meta", []).append(value)
            else:
                merged.setdefault(name, []).extend(value)
    return merged


def test_the_example_validates_without_warnings() -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().startswith("ok:"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_example_says_it_is_fictional() -> None:
    [meta] = tables()["meta"]
    assert meta["schema_version"] == 2
    assert "FICTIONAL" in meta["description"]
    assert "fictional" in (EXAMPLE / "README.md").read_text(encoding="utf-8").casefold()


def test_the_example_shows_what_it_is_for() -> None:
    data = tables()
    sources, events, claims = data["sources"], data["events"], data["claims"]
    assert len({s["outlet"] for s in sources if "copy_of" not in s}) >= 3
    assert any("copy_of" in s for s in sources)
    assert any(item.get("contradicts") for item in events + claims)
    assert any("text" in r for item in events + claims for r in item.get("reports", []))
    assert any("date" in r for e in events for r in e.get("reports", []))
    assert {"expected", "cancelled"} <= {e.get("status") for e in events}
    assert any(n.get("aliases") for n in data["names"])
    assert len(events) >= 8 and len(claims) >= 8


def test_every_statement_is_dated_no_later_than_its_sources() -> None:
    data = tables()
    published = {s["id"]: s["published"] for s in data["sources"]}
    for claim in data["claims"]:
        for source in claim.get("sources", [claim.get("source")]):
            assert claim["date"][:10] <= published[source], (claim["id"], source)


def _texts() -> dict[str, str]:
    return {
        s["id"]: normalise((EXAMPLE / s["text_file"]).read_text(encoding="utf-8"))
        for s in tables()["sources"]
        if "text_file" in s
    }


def _wordings() -> list[tuple[str, str, str]]:
    """(item id, source id, words) for every quote's text in each of its sources that has
    no wording of its own, and for every report's text."""
    texts = _texts()
    found = []
    data = tables()
    for item in data["events"] + data["claims"]:
        reports = item.get("reports", [])
        worded = {r["source"] for r in reports if "text" in r}
        if item.get("kind") == "quote":
            for source in item.get("sources", [item.get("source")]):
                if source in texts and source not in worded:
                    found.append((item["id"], source, item["text"]))
        found.extend((item["id"], r["source"], r["text"]) for r in reports if "text" in r)
    return found


@pytest.mark.parametrize(("item", "source", "words"), _wordings())
def test_quotes_and_reports_are_verbatim_in_their_own_source(
    item: str, source: str, words: str
) -> None:
    assert normalise(words) in _texts()[source], (item, source)


def test_verify_finds_no_misquote() -> None:
    result = run("verify", "-f", "plain")
    assert result.exit_code == 0, result.output
    assert "0 misquotes" in result.stderr, result.stderr
    assert "misquote" not in result.stdout
