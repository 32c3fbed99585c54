"""benchmarks/generate.py: a reproducible synthetic archive that synews accepts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from support import check_paths
from synews_cli.dates import parse_edtf

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "generate.py"


def test_generated_archive_passes_check(generate: ModuleType, tmp_path: Path) -> None:
    """The archive is valid: every id unique, every reference known, across files."""
    summary = generate.generate(
        tmp_path, events=600, claims=500, files=6, people=40, seed=3, json_file=None
    )
    assert len(summary.files) == 6
    report = check_paths([tmp_path])
    assert report.problems == []
    assert report.dataset is not None
    assert len(report.dataset.events()) == 600
    assert len(report.dataset.claims()) == 500
    assert len(report.dataset.people) == 40
    assert len({c.speaker for c in report.dataset.claims()}) > 10


def test_same_seed_same_archive(generate: ModuleType, tmp_path: Path) -> None:
    """A seed gives the same bytes every time; another seed gives other data."""
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate.generate(a, events=200, claims=200, files=3, people=20, seed=5)
    generate.generate(b, events=200, claims=200, files=3, people=20, seed=5)
    generate.generate(c, events=200, claims=200, files=3, people=20, seed=6)
    for path in sorted(a.glob("*.toml")):
        assert path.read_bytes() == (b / path.name).read_bytes()
    assert (a / "archive-0001.toml").read_bytes() != (c / "archive-0001.toml").read_bytes()


def test_dates_of_every_precision(generate: ModuleType, tmp_path: Path) -> None:
    """Day, month and year dates, qualifiers and intervals (also open ones) all occur."""
    generate.generate(tmp_path, events=1500, claims=10, files=2, people=5, seed=1)
    report = check_paths([tmp_path])
    assert report.dataset is not None
    dates = [e.date for e in report.dataset.events()]
    points = [d.lower for d in dates if not d.is_interval and d.lower is not None]
    assert {p.precision for p in points} == {"day", "month", "year"}
    assert any(d.approximate for d in dates) and any(d.uncertain for d in dates)
    assert any(d.is_interval and d.start and d.end for d in dates)
    assert any(d.is_interval and d.start is None for d in dates)
    assert any(d.is_interval and d.end is None for d in dates)


def test_text_has_realistic_lengths(generate: ModuleType, tmp_path: Path) -> None:
    """Titles are a line, summaries and statements a few sentences."""
    generate.generate(tmp_path, events=300, claims=300, files=2, people=10, seed=2)
    dataset = check_paths([tmp_path]).dataset
    assert dataset is not None
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    assert 30 < mean([len(e.title) for e in dataset.events()]) < 120
    assert 150 < mean([len(e.summary) for e in dataset.events()]) < 600
    assert 60 < mean([len(c.text) for c in dataset.claims()]) < 400


def test_json_holds_the_same_data(generate: ModuleType, tmp_path: Path) -> None:
    """The one-file JSON (for jq) has the same items, with each date's first and last day."""
    data = tmp_path / "all.json"
    generate.generate(
        tmp_path / "toml", events=120, claims=90, files=2, people=9, seed=4, json_file=data
    )
    document = json.loads(data.read_text(encoding="utf-8"))
    dataset = check_paths([tmp_path / "toml"]).dataset
    assert dataset is not None
    assert sorted(e["id"] for e in document["events"]) == sorted(e.id for e in dataset.events())
    assert sorted(c["id"] for c in document["claims"]) == sorted(c.id for c in dataset.claims())
    assert len(document["people"]) == 9
    for item in document["events"] + document["claims"]:
        parsed = parse_edtf(item["date"])
        assert item["start"] == (parsed.start.isoformat() if parsed.start else None)
        assert item["end"] == (parsed.end.isoformat() if parsed.end else None)


def test_people_names_are_distinct(generate: ModuleType) -> None:
    """Every generated person has a different name (so --speaker NAME finds one person)."""
    names = [generate.person_name(i) for i in range(3000)]
    assert len(set(names)) == len(names)


def test_command_line_and_synews_check(tmp_path: Path) -> None:
    """The script runs from the command line, and `synews check` accepts what it writes."""
    out = tmp_path / "archive"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            str(out),
            "--events",
            "300",
            "--files",
            "4",
            "--people",
            "30",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 300 events, 300 claims, 30 people" in done.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", str(out), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.startswith("ok: 300 events, 300 statements, 30 people")
