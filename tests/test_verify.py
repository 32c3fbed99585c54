"""verify.py and `synews verify`: quotes checked against their sources' texts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from synews_cli.cli import app
from synews_cli.curate.quotes_text import normalise
from synews_cli.curate.verify import SourceText, check_quote, verify_dataset, word_diff
from synews_cli.store import load_dataset

DATA = Path(__file__).parent / "data"
CLEAN = DATA / "verify_dataset.toml"
ARTICLE = DATA / "verify_article.txt"

runner = CliRunner()

SOURCE = """\
[[sources]]
id = "s"
outlet = "Test"
published = "2024-03-05"
kind = "article"
{text_file}

[[people]]
id = "p"
name = "Pat Doe"
"""


def write_dataset(folder: Path, quotes: list[str], *, text_file: str | None = None) -> Path:
    """A dataset in ``folder`` citing one source, with one quote claim per text."""
    folder.mkdir(parents=True, exist_ok=True)
    line = f'text_file = "{text_file}"' if text_file else ""
    parts = [SOURCE.format(text_file=line)]
    for number, quote in enumerate(quotes):
        escaped = quote.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        parts.append(
            f'[[claims]]\nid = "c{number}"\nspeaker = "p"\nkind = "quote"\n'
            f'text = "{escaped}"\ndate = "2024-03-05"\nsource = "s"\n'
        )
    path = folder / "data.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def findings(path: Path, texts: dict[str, Path] | None = None) -> list[tuple[str, str | None]]:
    """(kind, claim) of every finding for the dataset at ``path``."""
    report = verify_dataset(load_dataset([path]), texts=texts)
    return [(f.kind, f.claim) for f in report.findings]


def scanned(text: str) -> SourceText:
    """A text ready for check_quote."""
    return SourceText.scan(text)


# --- One quote -----------------------------------------------------------------------------------


def test_a_verbatim_quote_passes() -> None:
    """A quote that is in the text between quotation marks is fine."""
    assert check_quote("It hurts", scanned("\u201cIt hurts,\u201d he said.")).status == "ok"


def test_curly_and_straight_marks_dashes_and_spaces_are_typesetting() -> None:
    """Curly versus straight apostrophes and quotes, dash kinds and line breaks pass."""
    text = scanned(
        "\u201cWe won\u2019t sign \u2014 not now,\nnot \u2018ever\u2019,\u201d she said."
    )
    assert check_quote("We won't sign - not now, not 'ever'", text).status == "ok"
    assert check_quote("We won\u2019t sign \u2013 not now", text).status == "ok"


def test_a_changed_word_is_a_misquote_with_the_word_marked() -> None:
    """One changed word: a misquote, with the closest passage and the word diff."""
    text = scanned("\u201cRussia has protected us, but we need more guarantees,\u201d he said.")
    result = check_quote("Russia has protected us, and we need more guarantees", text)
    assert result.status == "misquote"
    assert result.closest == "Russia has protected us, but we need more guarantees"
    assert ("-", "and") in result.segments and ("+", "but") in result.segments


def test_a_dropped_clause_is_a_misquote() -> None:
    """Leaving words out of the middle of a quote is not quoting it."""
    text = scanned("\u201cIt would signal to other partners that protection is conditional.\u201d")
    result = check_quote("It would signal that protection is conditional", text)
    assert result.status == "misquote"
    assert ("+", " to other partners") in result.segments


def test_case_is_not_typesetting() -> None:
    """Only marks, dashes and whitespace are forgiven: a changed capital is a misquote."""
    assert check_quote("it hurts", scanned("\u201cIt hurts,\u201d he said.")).status == "misquote"


def test_a_quote_must_match_whole_words() -> None:
    """'limit' is not in a text that says 'limited'."""
    assert check_quote("limit", scanned("It is \u201climited\u201d, he said.")).status == (
        "misquote"
    )


def test_words_outside_quotation_marks_are_flagged() -> None:
    """Words that are in the text but not quoted: the speaker's words, or a paraphrase?"""
    text = scanned("He said the bases would stay. \u201cOther words,\u201d he added.")
    assert check_quote("the bases would stay", text).status == "not-quoted"


def test_nothing_close_is_said_plainly() -> None:
    """A quote unlike anything in the text has no closest passage."""
    result = check_quote("zebra quantum marmalade", scanned("\u201cIt hurts,\u201d he said."))
    assert result.status == "misquote" and result.closest is None


def test_word_diff_keeps_each_sides_characters() -> None:
    """The diff compares normalised words but shows each side as written."""
    assert word_diff("it\u2019s fine", "it's fine") == (("=", "it's fine"),)


# --- A dataset -----------------------------------------------------------------------------------


def test_the_clean_fixture_has_no_errors() -> None:
    """The fixture's quotes (straight marks for curly, a multi-paragraph quote) all pass,
    every passage is recorded, and the source without a text is listed as unverified."""
    report = verify_dataset(load_dataset([CLEAN]))
    assert [(f.kind, f.source) for f in report.findings] == [("unverified", "no-text-source")]
    assert report.quotes_checked == 3 and report.passages == 3
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 0


def test_misquotes_carry_the_claims_file_and_line(tmp_path: Path) -> None:
    """A misquote names the claim, its file:line in the dataset, and the text's line."""
    (tmp_path / "a.txt").write_text("Title\n\n\u201cIt hurts the town,\u201d he said.\n")
    path = write_dataset(tmp_path, ["It hurts the city"], text_file="a.txt")
    report = verify_dataset(load_dataset([path]))
    misquote = next(f for f in report.findings if f.kind == "misquote")
    assert misquote.claim == "c0"
    claim_line = path.read_text().splitlines().index("[[claims]]") + 1
    assert misquote.location == f"{path}:{claim_line}"
    assert "a.txt:3" in misquote.message
    assert misquote.diff == "It hurts the [-city-]{+town+}"
    assert report.exit_code() == 1


def test_coverage_lists_passages_no_claim_records(tmp_path: Path) -> None:
    """Every quoted passage no claim covers is missing; a covering claim may be shorter
    or longer, and the trailing comma does not matter."""
    (tmp_path / "a.txt").write_text(
        "\u201cOne two three,\u201d he said. \u201cFour five.\u201d \u201cSix,\u201d she said.\n"
    )
    path = write_dataset(tmp_path, ["One two three", "Four five."], text_file="a.txt")
    report = verify_dataset(load_dataset([path]))
    missing = [f for f in report.findings if f.kind == "missing"]
    assert [f.found for f in missing] == ["Six"]
    assert missing[0].location and missing[0].location.endswith("a.txt:1")
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_text_file_is_relative_to_the_toml_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """text_file is found from the dataset file's folder, whatever the current folder."""
    (tmp_path / "data" / "texts").mkdir(parents=True)
    (tmp_path / "data" / "texts" / "a.txt").write_text("\u201cHello there,\u201d he said.")
    path = write_dataset(tmp_path / "data", ["Hello there"], text_file="texts/a.txt")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert findings(path) == []


def test_an_unreadable_text_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    """A missing or non-UTF-8 text file is reported; the run goes on."""
    path = write_dataset(tmp_path, ["Hello"], text_file="nowhere.txt")
    assert findings(path) == [("unreadable", None)]
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe caf\xe9")
    path = write_dataset(tmp_path, ["Hello"], text_file="bad.txt")
    report = verify_dataset(load_dataset([path]))
    assert report.findings[0].kind == "unreadable"
    assert "not UTF-8" in report.findings[0].message
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_text_option_overrides_text_file(tmp_path: Path) -> None:
    """--text ID=FILE gives a source without text_file its text."""
    (tmp_path / "other.txt").write_text("\u201cHello,\u201d he said.")
    path = write_dataset(tmp_path, ["Hello"])
    assert findings(path) == [("unverified", None)]
    assert findings(path, {"s": tmp_path / "other.txt"}) == []


# --- Reports: each outlet's wording against its own text ----------------------------------------

TWO_SOURCES = """\
[[sources]]
id = "national"
outlet = "The National"
published = "2025-10-16"
kind = "article"
text_file = "national.txt"

[[sources]]
id = "herald"
outlet = "The Herald"
published = "2025-10-16"
kind = "article"
text_file = "herald.txt"

[[people]]
id = "minister"
name = "A Minister"

[[claims]]
id = "bases-stay"
speaker = "minister"
kind = "quote"
text = "The bases will stay under the current agreements"
date = "2025-10-15"
sources = ["national", "herald"]
"""


def two_sources(folder: Path, herald: str, report: str | None) -> Path:
    """The National quotes the minister in English, the Herald in its own translation:
    ``herald`` is the Herald's text, ``report`` its recorded wording (None: no report)."""
    (folder / "national.txt").write_text(
        "\u201cThe bases will stay under the current agreements,\u201d the minister said.\n",
        encoding="utf-8",
    )
    (folder / "herald.txt").write_text(herald, encoding="utf-8")
    body = TWO_SOURCES
    if report is not None:
        body += f'\n[[claims.reports]]\nsource = "herald"\ntext = "{report}"\n'
    path = folder / "data.toml"
    path.write_text(body, encoding="utf-8")
    return path


HERALD = "\u201cThe bases remain under existing agreements,\u201d the minister told the Herald.\n"


def test_a_reports_wording_is_checked_against_its_own_source(tmp_path: Path) -> None:
    """The Herald's wording is in the Herald's text: no misquote, and its passage is
    recorded (not missing)."""
    path = two_sources(tmp_path, HERALD, "The bases remain under existing agreements")
    report = verify_dataset(load_dataset([path]))
    assert report.findings == ()
    assert report.quotes_checked == 2 and report.exit_code(strict=True) == 0


def test_a_reports_wording_not_in_its_source_is_a_misquote(tmp_path: Path) -> None:
    """A changed word in the Herald's wording: a misquote naming the Herald and the claim."""
    path = two_sources(tmp_path, HERALD, "The bases remain under the existing agreements")
    report = verify_dataset(load_dataset([path]))
    [misquote] = [f for f in report.findings if f.kind == "misquote"]
    assert (misquote.source, misquote.claim) == ("herald", "bases-stay")
    assert misquote.message.startswith("report 1 (herald): not verbatim: 1 difference")
    assert misquote.expected == "The bases remain under the existing agreements"
    assert misquote.found == "The bases remain under existing agreements"
    code, out, _ = invoke("--data", str(path), "verify", "-f", "plain")
    assert code == 1 and out.startswith("misquote\terror\tbases-stay\therald\t")


def test_the_claims_text_is_not_checked_against_a_reports_source(tmp_path: Path) -> None:
    """The Herald's text has its own wording only: the claim's English words are checked
    against the National alone, with or without a report (which has no text)."""
    path = two_sources(tmp_path, HERALD, "The bases remain under existing agreements")
    kinds = [(f.kind, f.source) for f in verify_dataset(load_dataset([path])).findings]
    assert ("misquote", "herald") not in kinds
    path = two_sources(tmp_path, "The minister did not speak to the Herald.\n", None)
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[claims.reports]]\nsource = "herald"\n',
        encoding="utf-8",
    )
    report = verify_dataset(load_dataset([path]))
    assert report.findings == () and report.quotes_checked == 1


# --- The command ---------------------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_exit_zero_and_summary_on_a_clean_dataset() -> None:
    """A clean dataset: exit 0, the summary on stderr, unverified sources on stdout."""
    code, out, err = invoke("--data", str(CLEAN), "verify", "-f", "plain")
    assert code == 0
    assert "3 of 3 quotes verbatim" in err and "1 source without a text" in err
    assert out.startswith("unverified\tnote\t\tno-text-source\t")


def test_cli_exit_one_on_a_misquote(tmp_path: Path) -> None:
    """Any misquote makes the exit code 1."""
    (tmp_path / "a.txt").write_text("\u201cIt hurts the town,\u201d he said.")
    path = write_dataset(tmp_path, ["It hurts the city"], text_file="a.txt")
    code, out, err = invoke("--data", str(path), "verify", "-f", "plain")
    assert code == 1
    assert "1 misquote" in err and out.startswith("misquote\terror\tc0\ts\t")


def test_cli_strict_makes_missing_coverage_an_error(tmp_path: Path) -> None:
    """Missing coverage is a warning (exit 0) unless --strict (exit 1)."""
    (tmp_path / "a.txt").write_text("\u201cOne,\u201d he said. \u201cTwo,\u201d she said.")
    path = write_dataset(tmp_path, ["One"], text_file="a.txt")
    assert invoke("--data", str(path), "verify", "-f", "plain")[0] == 0
    assert invoke("--data", str(path), "verify", "--strict", "-f", "plain")[0] == 1


def test_cli_json_output(tmp_path: Path) -> None:
    """-f json prints every finding with stable field names."""
    (tmp_path / "a.txt").write_text("\u201cIt hurts the town,\u201d he said. \u201cMore.\u201d")
    path = write_dataset(tmp_path, ["It hurts the city"], text_file="a.txt")
    code, out, _ = invoke("--data", str(path), "verify", "-f", "json")
    records = json.loads(out)
    assert code == 1
    assert [r["kind"] for r in records] == ["misquote", "missing", "missing"]
    assert set(records[0]) == {
        "kind",
        "severity",
        "claim",
        "source",
        "location",
        "message",
        "expected",
        "found",
        "diff",
    }
    assert records[0]["expected"] == "It hurts the city"
    assert records[0]["found"] == "It hurts the town"


def test_cli_json_is_an_empty_array_when_all_is_well(tmp_path: Path) -> None:
    """Machine formats print a valid empty document when there is nothing to report."""
    (tmp_path / "a.txt").write_text("\u201cHello,\u201d he said.")
    path = write_dataset(tmp_path, ["Hello"], text_file="a.txt")
    assert invoke("--data", str(path), "verify", "-f", "json")[1] == "[]\n"


def test_cli_text_option_and_output_file(tmp_path: Path) -> None:
    """--text gives a text; -o writes the findings to a file in the format of its extension."""
    (tmp_path / "a.txt").write_text("\u201cHello,\u201d he said. \u201cUnrecorded.\u201d")
    path = write_dataset(tmp_path, ["Hello"])
    out_file = tmp_path / "findings.csv"
    text = f"s={tmp_path / 'a.txt'}"
    code, out, _ = invoke("--data", str(path), "verify", "--text", text, "-o", str(out_file))
    assert code == 0 and out == ""
    assert out_file.read_text().startswith("kind,severity,claim,source,location,message")
    assert "Unrecorded." in out_file.read_text()


@pytest.mark.parametrize("value", ["no-equals-sign", "=a.txt", "s="])
def test_cli_malformed_text_option_is_a_usage_error(value: str) -> None:
    """--text without ID=FILE: exit 2 with a message naming the value."""
    code, _, err = invoke("--data", str(CLEAN), "verify", "--text", value)
    assert code == 2 and "is not ID=FILE" in err


def test_cli_unknown_source_id_is_a_usage_error() -> None:
    """--text for a source the dataset does not have: exit 2, with a suggestion."""
    code, _, err = invoke("--data", str(CLEAN), "verify", "--text", "harbour-articel=x.txt")
    assert code == 2
    assert "no source 'harbour-articel'" in err and "harbour-article" in err


def test_cli_table_view_marks_the_differences(tmp_path: Path) -> None:
    """The terminal view lists each finding with the differing words."""
    (tmp_path / "a.txt").write_text("\u201cIt hurts the town,\u201d he said.")
    path = write_dataset(tmp_path, ["It hurts the city"], text_file="a.txt")
    code, out, _ = invoke("--no-color", "--data", str(path), "verify", "-f", "table")
    assert code == 1
    assert "misquote" in out and "city" in out and "town" in out


def test_subprocess_exit_codes(tmp_path: Path) -> None:
    """The real command exits 1 on a misquote and keeps the summary off stdout."""
    (tmp_path / "a.txt").write_text("\u201cIt hurts the town,\u201d he said.")
    path = write_dataset(tmp_path, ["It hurts the city"], text_file="a.txt")
    result = subprocess.run(
        [sys.executable, "-m", "synews_cli", "--data", str(path), "verify", "-f", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout.splitlines()[0])["kind"] == "misquote"
    assert result.stderr.startswith("verify: 0 of 1 quote verbatim")


_TEXT = st.text(
    st.sampled_from([*"ab .,?!\n\"'-", "\u201c", "\u201d", "\u2019", "\u2014"]), max_size=120
)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_check_quote_never_raises(quote: str, text: str) -> None:
    """Any quote against any text gives a status; a misquote's diff rebuilds both sides
    (up to typesetting, as the equal stretches are shown as the text has them)."""
    result = check_quote(quote, scanned(text))
    assert result.status in ("ok", "not-quoted", "misquote")
    if result.segments:
        claim_side = "".join(t for op, t in result.segments if op != "+")
        assert re.findall(r"\w+", normalise(claim_side)) == re.findall(r"\w+", normalise(quote))
        assert "".join(t for op, t in result.segments if op != "-") == result.closest
