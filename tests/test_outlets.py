"""One story across outlets: copies of a wire story, spellings, contradictions, planned
events. Read from tests/data/outlets.toml, kept by the store, refused when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from support import check_paths
from synews_cli.cli import app
from synews_cli.store import open_store

DATA = Path(__file__).parent / "data"
STORY = DATA / "outlets.toml"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["--data", str(STORY), *args])


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cached", [False, True])
def test_the_new_fields_are_read_and_stored(cached: bool) -> None:
    store = open_store([str(STORY)], cached=cached)
    try:
        assert store.valid, store.problems()
        sources = store.source_by_id
        events = {e.id: e for e in store.events()}
        claims = {c.id: c for c in store.claims()}
        names = store.names
    finally:
        store.close()
    assert sources["courier-1015"].copy_of == "gazette-1014"
    assert sources["herald-1016"].copy_of is None
    assert events["second-round"].status == "expected"
    assert events["ships-leave"].status is None
    assert events["base-still-used"].contradicts == ("ships-leave",)
    assert claims["orlov-ships-stay"].contradicts == ("velt-no-deadline",)
    assert [(n.name, n.kind, n.aliases) for n in names][:1] == [
        ("Port Lira", "place", ("Lira harbour", "Port Leera"))
    ]
    assert names[0].location is not None and names[0].location.line is not None


def _problems(tmp_path: Path, extra: str) -> list[str]:
    path = tmp_path / "data.toml"
    path.write_text(STORY.read_text(encoding="utf-8") + extra, encoding="utf-8")
    report = check_paths([path])
    return [f"{p.line}: {p.item}: {p.field}: {p.message}" for p in report.problems]


EVENT = '\n[[events]]\nid = "e"\ndate = "2025"\ntitle = "T"\nsource = "herald-1016"\n'
SOURCE = '\n[[sources]]\nid = "s"\noutlet = "O"\npublished = "2025"\nkind = "article"\n'


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (SOURCE + 'copy_of = "wire-101"\n', "s: copy_of: unknown source 'wire-101'"),
        (EVENT + 'contradicts = ["talk"]\n', "e: contradicts: unknown event or statement 'talk'"),
        (EVENT + 'contradicts = ["e"]\n', "e: contradicts: an item cannot contradict itself"),
        (EVENT + 'status = "planned"\n', "e: status: 'planned' is not one of expected, cancelled"),
        (
            '\n[[names]]\nname = "Lira"\nkind = "place"\naliases = ["Port Leera"]\n',
            "Lira: aliases: the place spelling 'Port Leera' already stands for 'Port Lira'",
        ),
        ('\n[[names]]\nname = "Lira"\nkind = "city"\n', "Lira: kind: 'city' is not one of"),
        ('\n[[names]]\nkind = "place"\n', "names[4]: name: missing required field 'name'"),
    ],
)
def test_wrong_new_fields_are_reported(tmp_path: Path, extra: str, expected: str) -> None:
    found = _problems(tmp_path, extra)
    assert any(expected in problem for problem in found), found
    assert all(not problem.startswith("None") for problem in found), found  # each has a line


def test_a_spelling_may_stand_for_one_name_of_each_kind(tmp_path: Path) -> None:
    """'NA' as a place and as an actor is two names, not a clash."""
    assert (
        _problems(tmp_path, '\n[[names]]\nname = "North Area"\nkind = "place"\naliases = ["NA"]\n')
        == []
    )


def test_an_invalid_source_still_has_its_copy_of_checked(tmp_path: Path) -> None:
    found = _problems(
        tmp_path, SOURCE.replace('kind = "article"', 'kind = "blog"') + 'copy_of = "nope"\n'
    )
    assert any("copy_of: unknown source 'nope'" in p for p in found), found


def test_check_is_clean_on_the_story() -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
