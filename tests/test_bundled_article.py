"""The bundled dataset, data/events.toml, against the article it was curated from.

The article is not part of the repository: it is read from ``<repo>/../shared/source-article.txt``
or from the path in ``SYNEWS_ARTICLE``; tests that need it are skipped when it is absent.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from synews_cli.dates import parse_edtf

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "events.toml"

# Only quotation marks and apostrophes are normalised; every other character must match.
_QUOTE_TRANSLATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"'}
)
_OPENING = ("\u201c", '"')
_CLOSING = ("\u201d", '"')

# Speakers the article names (or describes), as they must be findable in the dataset.
NAMED_SPEAKERS = ("Borshchevskaya", "Trad", "Zelin", "Debo", "Hasan", "Shara")


def normalise(text: str) -> str:
    """Straighten curly quotation marks and apostrophes, and nothing else."""
    return text.translate(_QUOTE_TRANSLATION)


def _strip_end(text: str) -> str:
    return normalise(text).strip().rstrip(",.").strip()


def quoted_passages(article: str) -> list[str]:
    """Every passage between an opening and a closing double quotation mark.

    A paragraph that ends inside an open quotation continues into the next paragraph when
    that paragraph opens with a quotation mark (the usual typographic convention); the
    passage then keeps the line break and the reopening mark, as the article has them.
    """
    paragraphs = article.split("\n")
    passages: list[str] = []
    current: list[str] | None = None
    for index, paragraph in enumerate(paragraphs):
        position = 0
        if current is not None:
            # Continuing from the previous paragraph: the reopening mark belongs to the text.
            current.append("\n")
            current.append(paragraph[:1])
            position = 1
        while position < len(paragraph):
            char = paragraph[position]
            if current is None:
                if char in _OPENING:
                    current = []
            elif char in _CLOSING:
                passages.append("".join(current))
                current = None
            else:
                current.append(char)
            position += 1
        if current is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
            if not following.startswith(_OPENING):
                passages.append("".join(current))
                current = None
    return passages


def covers(claim_text: str, passage: str) -> bool:
    """True when a claim's text and an article passage are equal or one contains the other."""
    a, b = _strip_end(claim_text), _strip_end(passage)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def quote_in_article(text: str, article: str) -> bool:
    """True when a quote's text occurs verbatim in the article, up to quotation marks."""
    return normalise(text) in normalise(article)


@pytest.fixture(scope="module")
def dataset() -> dict[str, Any]:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def article() -> str:
    env = os.environ.get("SYNEWS_ARTICLE")
    path = Path(env) if env else ROOT.parent / "shared" / "source-article.txt"
    if not path.is_file():
        pytest.skip(f"source article not found at {path} (set SYNEWS_ARTICLE to its path)")
    return path.read_text(encoding="utf-8")


def _quotes(dataset: dict[str, Any]) -> list[dict[str, Any]]:
    return [claim for claim in dataset.get("claims", []) if claim["kind"] == "quote"]


def test_every_quote_is_verbatim_in_the_article(dataset: dict[str, Any], article: str) -> None:
    """Every quote claim's text occurs in the article, differing at most in quotation marks."""
    quotes = _quotes(dataset)
    assert quotes
    missing = [claim["id"] for claim in quotes if not quote_in_article(claim["text"], article)]
    assert missing == []


def test_the_verbatim_check_catches_a_changed_word(dataset: dict[str, Any], article: str) -> None:
    """Changing any one word of a multi-word quote makes the verbatim check fail."""
    for claim in _quotes(dataset):
        words = claim["text"].split(" ")
        for position in range(len(words)):
            changed = [*words[:position], "CHANGED", *words[position + 1 :]]
            assert not quote_in_article(" ".join(changed), article), (claim["id"], position)


def test_every_speaker_in_the_article_is_in_the_dataset(
    dataset: dict[str, Any], article: str
) -> None:
    """Every speaker the article names or describes has a person entry."""
    names = [
        " ".join([person["name"], *person.get("aliases", [])])
        for person in dataset.get("people", [])
    ]
    for speaker in NAMED_SPEAKERS:
        assert speaker in article, speaker
        assert any(speaker in name for name in names), speaker
    for described in ("shop owner", "Russian military representative", "HTS source"):
        assert described in article, described
        assert any(described.casefold() in name.casefold() for name in names), described
    kinds = {person["name"]: person.get("kind", "person") for person in dataset["people"]}
    assert kinds.get("Israel") == "state"
    assert kinds.get("Ministry of Foreign Affairs") == "organisation"


def test_every_quoted_passage_is_recorded(dataset: dict[str, Any], article: str) -> None:
    """Every passage the article puts in double quotation marks is covered by a quote claim."""
    passages = quoted_passages(article)
    assert len(passages) >= 10
    texts = [claim["text"] for claim in _quotes(dataset)]
    unrecorded = [p for p in passages if not any(covers(text, p) for text in texts)]
    assert unrecorded == []


def test_a_quotation_across_a_paragraph_break_is_one_passage() -> None:
    """A paragraph ending inside a quotation continues into a paragraph that reopens it."""
    text = "\u201cOne. Two.\n\u201cThree,\u201d he said.\nAfter \u201cfour\u201d."
    assert quoted_passages(text) == ["One. Two.\n\u201cThree,", "four"]


def test_every_date_parses(dataset: dict[str, Any]) -> None:
    """Every date in the dataset is in the documented EDTF subset."""
    dates = [source["published"] for source in dataset.get("sources", [])]
    dates += [item["date"] for key in ("events", "claims") for item in dataset.get(key, [])]
    assert dates
    for text in dates:
        parse_edtf(text)


def test_every_reference_resolves(dataset: dict[str, Any]) -> None:
    """Ids are unique across kinds and every source, speaker, about and evidence id exists."""
    ids: list[str] = [
        item["id"] for key in ("sources", "people", "events", "claims") for item in dataset[key]
    ]
    assert len(ids) == len(set(ids))
    sources = {item["id"] for item in dataset["sources"]}
    people = {item["id"] for item in dataset["people"]}
    events = {item["id"] for item in dataset["events"]}
    for item in [*dataset["events"], *dataset["claims"]]:
        assert item["source"] in sources, item["id"]
    for claim in dataset["claims"]:
        assert claim["speaker"] in people, claim["id"]
        for ref in [*claim.get("about", []), *claim.get("evidence", [])]:
            assert ref in events, (claim["id"], ref)
