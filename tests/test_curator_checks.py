"""`synews check` helps a curator: two people of one name, one statement recorded twice,
sources that copy each other in a circle (warnings); a statement or a report dated after
the source that reports it (an error)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from support import steps
from synews_cli.cli import app
from synews_cli.store import curator_rules

HEAD = """\
[meta]
title = "Curator checks"
schema_version = 2

[[sources]]
id = "herald-1016"
outlet = "The Harbour Herald"
published = "2025-10-16"
kind = "article"

[[sources]]
id = "monitor-1020"
outlet = "Delta Monitor"
published = "2025-10"
kind = "article"

[[people]]
id = "trad"
name = "Ruslan Trad"
aliases = ["Trad"]

[[people]]
id = "velt"
name = "Mara Velt"
"""

QUOTE = """
[[claims]]
id = "{id}"
speaker = "{speaker}"
kind = "quote"
text = "{text}"
date = "{date}"
sources = [{sources}]
"""


def claim(
    id: str,
    text: str,
    *,
    speaker: str = "velt",
    date: str = "2025-10-15",
    sources: str = '"herald-1016"',
) -> str:
    return QUOTE.format(id=id, speaker=speaker, text=text, date=date, sources=sources)


def person(id: str, name: str, extra: str = "") -> str:
    return f'\n[[people]]\nid = "{id}"\nname = "{name}"\n{extra}\n'


def check(tmp_path: Path, body: str, *options: str) -> Result:
    path = tmp_path / "data.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return CliRunner().invoke(app, [*options, "--data", str(path), "check"])


def warnings(result: Result) -> list[str]:
    """The warnings `check` printed on stderr."""
    return [line for line in result.stderr.splitlines() if ": warning: " in line]


def test_a_clean_dataset_has_no_warnings(tmp_path: Path) -> None:
    """The base dataset, with a statement of each speaker: nothing to say."""
    result = check(tmp_path, claim("c1", "There is no deadline for the ships to leave"))
    assert result.exit_code == 0, result.output
    assert warnings(result) == [] and "warning" not in result.stderr


# --- Two people of one name -------------------------------------------------------------------


def test_two_people_of_one_name_are_a_warning_on_the_later(tmp_path: Path) -> None:
    """'ruslan TRÁD' is 'Ruslan Trad' up to case and accents: a warning with file:line."""
    result = check(tmp_path, person("trad-2", "ruslan  TRÁD"))
    assert result.exit_code == 0, result.output
    [line] = warnings(result)
    assert line.startswith(f"{tmp_path / 'data.toml'}:")
    assert line.split(":")[1].isdigit()
    assert line.endswith(
        "trad-2: name: warning: same name as 'trad' (Ruslan Trad): the same person twice? "
        "merge them or tell them apart with a role"
    )
    assert "1 warning" in result.stderr


def test_an_alias_that_is_another_persons_name_is_a_warning(tmp_path: Path) -> None:
    """An alias 'Trad' shared by two people names the spelling."""
    result = check(tmp_path, person("omar", "Omar Trad", 'aliases = ["trad"]'))
    [line] = warnings(result)
    assert "omar: aliases: warning: same name as 'trad' (Ruslan Trad), 'trad':" in line


@pytest.mark.parametrize(
    "body",
    [
        person("other", "Ruslan Tradd"),  # a different name
        person("a1", "A resident", 'identity = "anonymous"')
        + person("a2", "A Resident", 'identity = "anonymous"'),
        person("g1", "Experts", 'kind = "group"') + person("g2", "experts", 'kind = "group"'),
        person("t1", "Sam Lee", 'role = "analyst"') + person("t2", "Sam Lee", 'role = "diver"'),
    ],
    ids=["other-name", "anonymous", "groups", "told-apart-by-role"],
)
def test_people_that_are_not_one_person_twice(tmp_path: Path, body: str) -> None:
    """Different names, anonymous speakers, groups, and a role that tells two apart."""
    result = check(tmp_path, body)
    assert result.exit_code == 0, result.output
    assert warnings(result) == []


def test_a_role_on_one_side_only_does_not_tell_them_apart(tmp_path: Path) -> None:
    """'Sam Lee' with no role may be either Sam Lee: a warning."""
    body = person("t1", "Sam Lee", 'role = "analyst"') + person("t2", "Sam Lee")
    [line] = warnings(check(tmp_path, body))
    assert "t2: name: warning: same name as 't1' (Sam Lee):" in line


# --- One statement recorded twice -------------------------------------------------------------


@pytest.mark.parametrize(
    ("second", "how"),
    [
        ("there is NO deadline - for the ships to leave!", "the same words as 'c1'"),
        ("No deadline for the ships", "its words are part of 'c1'"),
        ("He said: There is no deadline for the ships to leave, not now", "holds the words of"),
    ],
    ids=["same", "inside", "holds"],
)
def test_one_statement_twice_is_a_warning_on_the_later(
    tmp_path: Path, second: str, how: str
) -> None:
    """Case, accents and punctuation aside; on the later statement, naming the earlier."""
    body = claim("c1", "There is no deadline for the ships to leave") + claim("c2", second)
    result = check(tmp_path, body)
    assert result.exit_code == 0, result.output
    [line] = warnings(result)
    assert f"c2: text: warning: {how}" in line and "'c1'" in line, line
    assert "by the same speaker" in line


@pytest.mark.parametrize(
    "body",
    [
        claim("c1", "There is no deadline for the ships")
        + claim("c2", "There is no deadline for the ships", speaker="trad"),
        claim("c1", "No") + claim("c2", "No"),
        claim("c1", "We will see") + claim("c2", "We will see, he said, and left"),
        claim("c1", "There is no deadline") + claim("c2", "There is no deadlines at all"),
        claim("c1", "the ships will leave the port") + claim("c2", "ships will leave the portal"),
    ],
    ids=["other-speaker", "short-same", "short-inside", "part-of-a-word", "not-whole-words"],
)
def test_statements_that_are_not_one_statement_twice(tmp_path: Path, body: str) -> None:
    """Other speakers, fewer than four words, and runs that do not end on a word boundary."""
    result = check(tmp_path, body)
    assert result.exit_code == 0, result.output
    assert warnings(result) == []


def test_declined_comments_repeat(tmp_path: Path) -> None:
    """An office that did not respond twice did so twice."""
    body = (claim("c1", "Did not respond to a request for comment") * 2).replace(
        'kind = "quote"', 'kind = "no-comment"'
    )
    body = body.replace('id = "c1"', 'id = "c2"', 1)
    assert warnings(check(tmp_path, body)) == []


def _store(statements: list[str]) -> sqlite3.Connection:
    """A bare store holding one speaker's statements (the rule reads only these columns)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE files (file_id INTEGER, position INTEGER)")
    conn.execute(
        "CREATE TABLE claims (file_id INTEGER, line INTEGER, id TEXT, speaker_id TEXT,"
        " text TEXT, kind TEXT, seq INTEGER)"
    )
    conn.execute("INSERT INTO files VALUES (1, 0)")
    conn.executemany(
        "INSERT INTO claims VALUES (1, ?, ?, 'p', ?, 'quote', ?)",
        [(n, f"c{n}", text, n) for n, text in enumerate(statements)],
    )
    return conn


@pytest.mark.parametrize(
    "make",
    [
        # Every statement starts with the same words, and each holds the shorter ones'.
        lambda n: [f"I do not think that {'we will go ' * (i % 50)}x{i}" for i in range(n)],
        # Distinct statements of common words.
        lambda n: [f"the ships will stay at the pier number {i} until spring" for i in range(n)],
    ],
    ids=["shared-start", "distinct"],
)
def test_one_speakers_statements_are_compared_in_linear_work(
    make: Callable[[int], list[str]],
) -> None:
    """Four times the statements of one speaker cost about four times the work, not 16."""

    def work(size: int) -> Callable[[], Any]:
        conn = _store(make(size))
        return lambda: list(curator_rules.same_statements(conn))

    small, large = steps(work(500)), steps(work(2000))
    assert large / small < 6, (small, large)


def test_the_bound_still_finds_a_repeat(tmp_path: Path) -> None:
    """The bound keeps finding what it compares: a fragment among many statements."""
    conn = _store(
        [f"the ships will stay at the pier number {i} until spring" for i in range(300)]
        + ["at the pier number 7 until"]
    )
    [finding] = curator_rules.same_statements(conn)
    assert (finding.item, finding.warning) == ("c300", True)
    assert "its words are part of 'c7'" in finding.message


# --- Copies in a circle -----------------------------------------------------------------------


SOURCE = '\n[[sources]]\nid = "{id}"\noutlet = "O"\npublished = "2025"\nkind = "article"\n{more}'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            SOURCE.format(id="a", more='copy_of = "b"\n')
            + SOURCE.format(id="b", more='copy_of = "a"\n'),
            "a: copy_of: warning: copies go round in a circle ('a' -> 'b' -> 'a')",
        ),
        (
            SOURCE.format(id="a", more='copy_of = "a"\n'),
            "a: copy_of: warning: copies go round in a circle ('a' -> 'a')",
        ),
        (
            SOURCE.format(id="x", more='copy_of = "b"\n')
            + SOURCE.format(id="b", more='copy_of = "c"\n')
            + SOURCE.format(id="c", more='copy_of = "b"\n'),
            "b: copy_of: warning: copies go round in a circle ('b' -> 'c' -> 'b')",
        ),
    ],
    ids=["two", "itself", "a-copy-of-a-circle"],
)
def test_copies_in_a_circle_are_one_warning(tmp_path: Path, body: str, expected: str) -> None:
    result = check(tmp_path, body)
    assert result.exit_code == 0, result.output
    [line] = warnings(result)
    assert expected in line, line


def test_a_chain_of_copies_is_fine(tmp_path: Path) -> None:
    body = (
        SOURCE.format(id="a", more="")
        + SOURCE.format(id="b", more='copy_of = "a"\n')
        + SOURCE.format(id="c", more='copy_of = "b"\n')
    )
    assert warnings(check(tmp_path, body)) == []


# --- Dated after the source that reports it (an error) ----------------------------------------


def test_a_statement_after_its_sources_publication_is_an_error(tmp_path: Path) -> None:
    body = claim("late", "There is no deadline", date="2025-10-20")
    result = check(tmp_path, body)
    assert result.exit_code == 1
    assert (
        "late: date: dated 2025-10-20, after 'herald-1016' was published (2025-10-16): "
        "a source cannot report what had not been said"
    ) in result.stderr
    assert "warning" not in result.stderr


def test_each_source_of_a_statement_is_checked(tmp_path: Path) -> None:
    """Dated 2025-10-18: after the Herald (its second source), not after the Monitor."""
    body = claim("late", "x", date="2025-10-18", sources='"monitor-1020", "herald-1016"')
    result = check(tmp_path, body)
    assert result.exit_code == 1
    assert "late: date: dated 2025-10-18, after 'herald-1016' was published" in result.stderr
    assert "monitor-1020' was published" not in result.stderr


@pytest.mark.parametrize(
    "date",
    ["2025-10-16", "2025-10", "2025-10~", "2025", "../2025-12", "2025-10-01/2025-12-31", "2024"],
)
def test_a_statement_that_may_be_before_its_source_is_fine(tmp_path: Path, date: str) -> None:
    """Its first day is on or before the publication's: a month, a year, an interval."""
    result = check(tmp_path, claim("c", "x", date=date))
    assert result.exit_code == 0, result.output


def test_a_report_after_its_own_source_is_an_error(tmp_path: Path) -> None:
    """A statement's report dated after its source: field 'reports'; events' too."""
    body = (
        claim("c", "x", sources='"herald-1016", "monitor-1020"')
        + '\n[[claims.reports]]\nsource = "herald-1016"\ndate = "2025-10-17"\n'
        + '\n[[events]]\nid = "e"\ndate = "2025-10-01"\ntitle = "T"\nsource = "monitor-1020"\n'
        + '\n[[events.reports]]\nsource = "monitor-1020"\ndate = "2025-11"\n'
    )
    result = check(tmp_path, body)
    assert result.exit_code == 1
    assert (
        "e: reports: report 1 (monitor-1020): dated 2025-11, after 'monitor-1020' was "
        "published (2025-10): a source cannot report what had not happened"
    ) in result.stderr
    assert (
        "c: reports: report 1 (herald-1016): dated 2025-10-17, after 'herald-1016' was "
        "published (2025-10-16): a source cannot report what had not been said"
    ) in result.stderr


@pytest.mark.parametrize(
    "body",
    [
        # An event's own date may come after its source: it was announced.
        '\n[[events]]\nid = "e"\ndate = "2025-12"\ntitle = "T"\nsource = "herald-1016"\n',
        # A report of an expected or a cancelled event is written before it happens.
        '\n[[events]]\nid = "e"\ndate = "2025-12"\ntitle = "T"\nsource = "herald-1016"\n'
        'status = "expected"\n[[events.reports]]\nsource = "herald-1016"\ndate = "2025-12-01"\n',
        '\n[[events]]\nid = "e"\ndate = "2025-12"\ntitle = "T"\nsource = "herald-1016"\n'
        'status = "cancelled"\n[[events.reports]]\nsource = "herald-1016"\ndate = "2025-12"\n',
        # A report dated before its own source, of a statement dated before all of them.
        claim("c", "x", sources='"herald-1016", "monitor-1020"')
        + '\n[[claims.reports]]\nsource = "monitor-1020"\ndate = "2025-10-19"\n',
    ],
    ids=["event-date", "expected", "cancelled", "report-before"],
)
def test_what_may_be_dated_after_its_source(tmp_path: Path, body: str) -> None:
    result = check(tmp_path, body)
    assert result.exit_code == 0, result.output


# --- Cached and uncached -----------------------------------------------------------------------


def test_the_cached_and_uncached_checks_agree(tmp_path: Path) -> None:
    """Every kind of finding, with and without the cache; a query in between (which does
    not check the warnings) changes nothing."""
    body = (
        person("trad-2", "Ruslan Trad")
        + claim("c1", "There is no deadline for the ships to leave")
        + claim("c2", "no deadline for the ships")
        + SOURCE.format(id="a", more='copy_of = "a"\n')
    )
    cached = check(tmp_path, body)
    assert cached.exit_code == 0 and len(warnings(cached)) == 3, cached.output
    direct = check(tmp_path, body, "--no-cache")
    assert (direct.exit_code, direct.stderr) == (cached.exit_code, cached.stderr)
    path = tmp_path / "data.toml"
    path.write_text(HEAD + body + claim("c3", "Something else was said today"), "utf-8")
    quotes = CliRunner().invoke(app, ["--data", str(path), "quotes"])
    assert quotes.exit_code == 0 and "warning" not in quotes.stderr
    again = CliRunner().invoke(app, ["--data", str(path), "check"])
    assert warnings(again) == warnings(cached)
    late = claim("late", "x", date="2026")
    errors = [check(tmp_path, body + late, *options) for options in ([], ["--no-cache"])]
    assert errors[0].exit_code == errors[1].exit_code == 1
    assert errors[0].stderr == errors[1].stderr
