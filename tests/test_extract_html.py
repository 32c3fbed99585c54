"""`synews extract page.html`: a saved web page's article text and metadata, offline.

The pages in tests/data/pages/ are made up and carry the furniture of real pages (cookie
banners, navigation, bylines, datelines, captions, related links, comments): none of it
may become a statement, and nothing may reach the network.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from synews_cli.cli import app
from synews_cli.curate.extract import extract_article, is_html, read_page

PAGES = Path(__file__).parent / "data" / "pages"
runner = CliRunner()


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _draft(page: str, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["extract", str(PAGES / page), *args])
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = tomllib.loads(result.stdout)
    return data


def test_page_metadata_fills_the_source() -> None:
    """Title, author, site name, canonical URL and date come from the page's metadata,
    and --published is not needed."""
    source = _draft("wire_article.html")["sources"][0]
    assert source["title"] == "Harbour to close for repairs"
    assert source["author"] == "Ann Lee"
    assert source["outlet"] == "The Karsk Wire"
    assert source["url"] == "https://wire.example/2026/03/harbour-repairs"
    assert source["published"] == "2026-03-04"


def test_page_furniture_is_not_speech() -> None:
    """Only the article's own quotes and reports become claims: not the cookie banner,
    the caption, the related links or the comments."""
    claims = _draft("wire_article.html")["claims"]
    texts = " ".join(c["text"] for c in claims)
    furniture_words = ("Accept all", "Crumbling", "We will fight", "scandal", "Typical", "never")
    for furniture in furniture_words:
        assert furniture not in texts
    assert "The sea wall is older than anyone working here" in texts
    kinds = sorted(c["kind"] for c in claims)
    assert kinds == ["no-comment", "paraphrase", "paraphrase", "quote", "quote"]


def test_options_win_over_the_page() -> None:
    """--published and --outlet given by the user are kept."""
    source = _draft("wire_article.html", "--published", "2026-03-05", "--outlet", "Mine")[
        "sources"
    ][0]
    assert (source["published"], source["outlet"]) == ("2026-03-05", "Mine")


def test_page_without_a_date_needs_published() -> None:
    """A page that gives no date: exit 2 with a hint, as for a plain text; with
    --published it drafts."""
    result = runner.invoke(app, ["extract", str(PAGES / "no_date.htm")])
    assert result.exit_code == 2 and "--published" in result.stderr
    drafted = _draft("no_date.htm", "--published", "2025-06-02")
    assert drafted["claims"][0]["speaker"] == "lena-holt"


def test_empty_page_is_one_clear_error(tmp_path: Path) -> None:
    """A page with no article text: exit 1 naming the file, no traceback."""
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>x</title></head><body><div></div></body></html>")
    result = runner.invoke(app, ["extract", str(empty), "--published", "2025"])
    assert result.exit_code == 1 and "empty.html" in result.stderr
    assert "Traceback" not in result.stderr


def test_html_detected_by_content() -> None:
    """A page is known by its extension or its first tag; plain text is not a page."""
    assert is_html("page.HTM", "")
    assert is_html("-", "\ufeff  <!DOCTYPE html><html></html>")
    assert is_html("saved.txt", "<!-- saved -->\n<html lang='en'>")
    assert not is_html("article.txt", 'He said: "<html> is a tag."')


def test_stdin_page() -> None:
    """A page on stdin is read as a page."""
    html = (PAGES / "wire_article.html").read_text()
    result = runner.invoke(app, ["extract", "-"], input=html)
    assert result.exit_code == 0, result.stderr
    assert 'outlet = "The Karsk Wire"' in result.stdout


def test_hostile_metadata_is_tamed() -> None:
    """A URL that is not http(s) is dropped; markup in the title does not pass as TOML."""
    html = (
        '<html><head><title>A\nB "quoted" title</title>'
        "<link rel='canonical' href='javascript:alert(1)'></head><body><article>"
        "<p>The mayor said on Monday that the bridge would reopen next spring after repairs.</p>"
        "</article></body></html>"
    )
    page = read_page(html, "x.html")
    assert page.url is None
    draft = extract_article(page.text, published="2025-06-02", page=page)
    data = tomllib.loads(draft.to_toml())
    assert "\n" not in data["sources"][0].get("title", "")


def test_other_commands_do_not_import_the_page_libraries() -> None:
    """Start-up stays light: only extract's page path imports trafilatura and htmldate."""
    code = (
        "import sys\n"
        "from synews_cli.cli import app\n"
        "import synews_cli.curate.extract\n"
        "print(sorted(m for m in ('trafilatura', 'htmldate', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
