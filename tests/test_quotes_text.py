"""quotes_text.py: the one passage finder that extract and verify share."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from synews_cli.curate.quotes_text import (
    claim_text,
    contains_words,
    core,
    covers,
    document,
    find_passages,
    headline_like,
    normalise,
    parse_document,
    speech_passages,
)


def texts(article: str) -> list[str]:
    """The passage texts of an article, in order."""
    return [p.text for p in find_passages(document(article))]


# --- Paragraphs ----------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    return list(parse_document(text).paragraphs)


def test_each_line_is_a_paragraph() -> None:
    """Lines that end sentences are paragraphs of their own; blank lines are dropped."""
    assert paragraphs("One.\nTwo.\n\n  Three.  \n") == ["One.", "Two.", "Three."]


def test_hard_wrapped_blocks_are_joined() -> None:
    """A block whose lines mostly stop mid-sentence is one paragraph, re-joined with spaces."""
    text = "The minister said the\nplan would work.\n\nA new paragraph\nstarts here."
    assert paragraphs(text) == [
        "The minister said the plan would work.",
        "A new paragraph starts here.",
    ]


def test_windows_line_ends_and_byte_order_mark() -> None:
    """CRLF line ends and a leading BOM do not leak into the paragraphs."""
    assert paragraphs("\ufeffOne.\r\nTwo.\r\n") == ["One.", "Two."]


def test_paragraph_lines_point_into_the_original_text() -> None:
    """Each paragraph knows the original line it starts on, for file:line messages."""
    doc = parse_document("Title\n\nFirst line.\n\nSecond line.\n")
    assert doc.lines == (1, 3, 5)
    assert doc.line_at(doc.offsets[2] + 3) == 5
    assert doc.paragraph_at(doc.offsets[1]) == 1


# --- Passages ------------------------------------------------------------------------------------


def test_curly_straight_and_guillemet_quotes() -> None:
    """Curly, straight and guillemet double quotation marks all delimit passages."""
    article = '\u201cOne,\u201d he said. "Two," she said. \u00abThree\u00bb, they said.'
    assert texts(article) == ["One,", "Two,", "Three"]


def test_apostrophes_inside_a_double_quote() -> None:
    """Apostrophes, curly or straight, do not end a double-quoted passage."""
    assert texts("\u201cIt\u2019s the players\u2019 union, isn't it?\u201d she asked.") == [
        "It\u2019s the players\u2019 union, isn't it?"
    ]


def test_a_quote_continued_over_paragraphs_keeps_the_break_and_the_mark() -> None:
    """An opening mark at the start of the next paragraph continues the quote: the text
    keeps the break as a newline and the continuing mark, as the dataset does."""
    article = "\u201cFirst part.\n\u201cSecond part,\u201d he said."
    assert texts(article) == ["First part.\n\u201cSecond part,"]
    passage = find_passages(document(article))[0]
    assert passage.paragraphs == 2 and passage.closed


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    """A quote never closed runs to the end of its paragraph and is marked unclosed."""
    passages = find_passages(document("\u201cNo end here.\nNext paragraph."))
    assert [(p.text, p.closed) for p in passages] == [("No end here.", False)]


def test_single_quote_style_with_apostrophes() -> None:
    """An article quoting with single marks is scanned for those, and apostrophes and
    plural possessives do not end a passage."""
    article = (
        "\u2018We can\u2019t stop now,\u2019 said Ann. \u2018It\u2019s the workers\u2019 "
        "money,\u2019 she added.\n'It was never about the beer,' he said."
    )
    assert texts(article) == [
        "We can\u2019t stop now,",
        "It\u2019s the workers\u2019 money,",
        "It was never about the beer,",
    ]


def test_headline_scare_quotes_are_not_speech() -> None:
    """Quotation marks in a short line without closing punctuation are scare quotes."""
    doc = parse_document(
        "Firm\u2019s \u201crevolutionary\u201d phone flops\n\n\u201cIt is bad,\u201d he said."
    )
    assert [p.text for p in speech_passages(doc)] == ["It is bad,"]
    assert headline_like("A 'deal with the devil'")
    assert not headline_like("\u201cWe will stay safe.\u201d")


# --- Comparing -----------------------------------------------------------------------------------


def test_normalise_folds_only_typesetting() -> None:
    """Curly and straight marks, dashes and whitespace fold; letters and case do not."""
    assert (
        normalise("It\u2019s \u201cfine\u201d \u2014 really\n  fine") == "It's 'fine' - really fine"
    )
    assert normalise("Fine") != normalise("fine")


def test_normalise_drops_a_continuing_paragraph_mark() -> None:
    """The opening mark of a continued paragraph is typesetting too."""
    assert normalise("end.\n\u201cStart") == normalise("end. Start")


def test_claim_text_drops_only_the_attribution_comma() -> None:
    """The dataset's convention: the words between the marks minus a trailing comma."""
    assert claim_text("It used to be full of life,") == "It used to be full of life"
    assert claim_text("Are you sure?") == "Are you sure?"
    assert claim_text("We can stay safe.") == "We can stay safe."


def test_covers_one_containing_the_other() -> None:
    """A claim covers a passage when one contains the other, trailing , and . aside."""
    assert covers("full of life", "It used to be full of life,")
    assert covers("It used to be full of life, he said", "full of life")
    assert covers("stay safe", "We can stay safe.")
    assert not covers("empty", "full of life")
    assert not covers("", "anything")


def test_covers_needs_whole_words() -> None:
    """'limit' is not a quote of 'limited': containment stops at word boundaries."""
    assert not covers("limit", "limited")
    assert contains_words("is limited, he said", "limited")
    assert not contains_words("unlimited", "limited")
    assert core("  Done,. ") == "Done"


# --- Never raises --------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"ab .,?!:\n\"'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\r"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=200))
def test_passages_are_inside_the_document(article: str) -> None:
    """Any text scans without error; every passage lies inside the document."""
    doc = parse_document(article)
    for passage in speech_passages(doc):
        assert 0 <= passage.start < passage.end <= len(doc.text)
        assert passage.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalise_is_idempotent(text: str) -> None:
    """Normalising twice changes nothing more."""
    once = normalise(text)
    assert normalise(once) == once
