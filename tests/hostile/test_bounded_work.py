"""Hostile sizes cost in proportion to the input, or are refused: no quadratic path, no
runaway. Python code is measured in steps (lines run, counted by a tracer) at two sizes, so
the tests assert how the cost grows, never how long it takes; a regular expression, whose
steps no tracer sees, must finish on a large input under a generous alarm."""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hostile_support import GOOD, run

from support import steps
from synews_cli.curate.extract.vocabulary import PSEUDONYM_RE
from synews_cli.curate.verify import SourceText, check_quote
from synews_cli.errors import UsageError
from synews_cli.query.search import Marked


def growth(make: Callable[[int], Callable[[], Any]], size: int) -> float:
    """How the steps grow when the input grows four times: about 4 for linear work, 16 for
    quadratic."""
    return steps(make(size * 4)) / max(1, steps(make(size)))


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when the work runs away."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise AssertionError(f"still running after {seconds} s: runaway work")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_cropping_a_snippet_is_linear_in_its_matches() -> None:
    """A text with thousands of matched words (every "the" of a long summary)."""

    def make(count: int) -> Callable[[], Any]:
        text = "the cat " * count
        spans = tuple((8 * index, 8 * index + 3) for index in range(count))
        return lambda: Marked(text, spans).crop(160)

    assert growth(make, 2000) < 6


def test_checking_a_quote_against_a_text_on_one_line_is_linear() -> None:
    """A text of one endless sentence is cut into windows: a quote costs in proportion to
    the text, not to its square."""

    def make(words: int) -> Callable[[], Any]:
        text = SourceText.scan(" ".join(f"word{index % 97}" for index in range(words)))
        return lambda: check_quote("a sentence that is nowhere in the text at all", text)

    assert growth(make, 1500) < 6


def test_the_pseudonym_rule_does_not_backtrack_on_a_long_capitalised_run() -> None:
    """200 KB of one capitalised token, and of capitalised words: one try per word."""
    token = "A" + "b" * 200_000
    words = " ".join(["Abc"] * 40_000)
    with alarm(30):
        assert PSEUDONYM_RE.search(token) is None
        assert PSEUDONYM_RE.search(words) is None
        assert PSEUDONYM_RE.search(words + ", not his real name") is not None


def _dataset(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "data.toml"
    path.write_text(
        '[[sources]]\nid = "s"\noutlet = "Daily"\npublished = "2024"\nkind = "article"\n\n'
        '[[people]]\nid = "p"\nname = "Pat Doe"\n\n' + body,
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("unit", ["month", "year"])
def test_an_overview_across_millennia_is_refused(tmp_path: Path, unit: str) -> None:
    """Events dated 0001 and 9999: a chart of thousands of empty rows is a usage error."""
    body = "".join(
        f'[[events]]\nid = "e{year}"\ndate = "{year:04d}"\ntitle = "T"\nsummary = "S"\n'
        'source = "s"\n\n'
        for year in (1, 9999)
    )
    result = run("--data", str(_dataset(tmp_path, body)), "timeline", "--by", unit)
    assert result.exit_code == 2, result.output
    assert "at most 3,000" in result.stderr and result.stdout == ""


def test_a_huge_quote_in_the_table_view_is_cut(tmp_path: Path) -> None:
    """A 2 MB statement: the table shows a bounded part of it, and says so."""
    body = (
        '[[claims]]\nid = "c"\nspeaker = "p"\nkind = "quote"\n'
        f'text = "{"word " * 400_000}"\ndate = "2024"\nsource = "s"\n'
    )
    result = run("--data", str(_dataset(tmp_path, body)), "quotes", "-f", "table")
    assert result.exit_code == 0, result.output
    assert 0 < len(result.stdout) < 60_000


def test_too_many_search_terms_are_refused() -> None:
    """A thousand prefix terms would expand to thousands of words: refused, with the limit."""
    query = " ".join(f"w{index}*" for index in range(1000))
    result = run("search", query)
    assert result.exit_code == 2
    assert "at most 64" in result.stderr


def test_show_by_the_words_of_a_long_statement(tmp_path: Path) -> None:
    """A statement of 2,000 words pasted whole names it, and as many words that name nothing
    are a plain usage error: neither is taken for a damaged cache."""
    text = " ".join(f"w{index}" for index in range(2000))
    body = (
        '[[claims]]\nid = "c"\nspeaker = "p"\nkind = "quote"\n'
        f'text = "{text}"\ndate = "2024"\nsource = "s"\n'
    )
    data = str(_dataset(tmp_path, body))
    found = run("--data", data, "show", text, "-f", "json")
    assert found.exit_code == 0, found.stderr
    assert json.loads(found.stdout)["id"] == "c"
    missing = run("--data", data, "show", text.replace("w", "v"))
    assert missing.exit_code == 2, missing.stderr
    assert "damaged" not in missing.stderr and "nothing in the dataset" in missing.stderr


@pytest.mark.parametrize(
    ("command", "option"), [("timeline", "--place"), ("timeline", "--tag"), ("quotes", "--topic")]
)
def test_thousands_of_values_of_one_filter(tmp_path: Path, command: str, option: str) -> None:
    """Three thousand values of a filter (any of them matches) are one question to the
    store, not an expression SQLite refuses as too deep and synews takes for damage."""
    body = (
        '[[events]]\nid = "e"\ndate = "2024"\ntitle = "T"\nsource = "s"\n'
        'places = ["v2999"]\ntags = ["v2999"]\n\n'
        '[[claims]]\nid = "c"\nspeaker = "p"\nkind = "quote"\ntext = "t"\ndate = "2024"\n'
        'source = "s"\ntopics = ["v2999"]\n'
    )
    args = [word for index in range(3000) for word in (option, f"v{index}")]
    result = run("--data", str(_dataset(tmp_path, body)), command, *args, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert "damaged" not in result.stderr
    found = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert found == ["c" if command == "quotes" else "e"]


def test_a_question_too_large_for_sqlite_is_not_taken_for_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a query grow past what SQLite parses (here: the values of a filter all ORed),
    that is a usage error saying so, and the cached store is neither called damaged nor
    removed."""
    from synews_cli.store import where

    monkeypatch.setattr(where, "ORED_VALUES", 100_000)
    data = str(_dataset(tmp_path, ""))
    assert run("--data", data, "timeline").exit_code == 0
    args = [word for index in range(3000) for word in ("--place", f"v{index}")]
    result = run("--data", data, "timeline", *args)
    assert result.exit_code == 2, result.stderr
    assert "damaged" not in result.stderr and "too large" in result.stderr
    assert result.stderr.count("Error: ") == 1


def test_a_name_of_many_words_that_names_nothing_costs_little_more() -> None:
    """A name that names nothing gets "did you mean" ids for its first words only: four
    times the words is not four times the work of comparing each with every id."""
    from synews_cli.query.resolve import resolve_item
    from synews_cli.store import load_dataset

    dataset = load_dataset([GOOD])

    def make(count: int) -> Callable[[], Any]:
        text = " ".join(f"qzx{index}" for index in range(count))

        def resolve() -> None:
            with contextlib.suppress(UsageError):
                resolve_item(dataset, text)

        return resolve

    assert growth(make, 50) < 2
