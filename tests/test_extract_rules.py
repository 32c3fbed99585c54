"""The rules of extract's stages, each on short sentences made up to try to break it:
speaker phrases (who), attribution by a colon, dates by tense, the lines about an article.
"""

from __future__ import annotations

import pytest

from synews_cli.curate.extract import Calendar, extract_article, interpret_who
from synews_cli.curate.extract.attribution import colon_attribution
from synews_cli.curate.extract.dating import date_sentences
from synews_cli.curate.extract.source import article_byline, article_title, is_meta_line
from synews_cli.curate.extract.text_helpers import is_name_word, surname
from synews_cli.curate.extract.vocabulary import PH_CLOSE, PH_OPEN
from synews_cli.dates import Point

# --- who: names with particles --------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Ahmed al-Sharaa", "Ahmed al-Sharaa"),
        ("Bashar al-Assad", "Bashar al-Assad"),
        ("Abdel Fattah el-Sisi", "Abdel Fattah el-Sisi"),
        ("Jan van der Berg", "Jan van der Berg"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("Mohammed bin Salman", "Mohammed bin Salman"),
        ("Abu Mohammed al-Jolani", "Abu Mohammed al-Jolani"),
        ("Luiz Inacio Lula da Silva", "Luiz Inacio Lula da Silva"),
        ("Charles de Gaulle", "Charles de Gaulle"),
        ("Massimo d'Alema", "Massimo d'Alema"),
    ],
)
def test_names_keep_their_particles(phrase: str, name: str) -> None:
    """A lowercase particle inside a name is part of it, not a descriptor before it."""
    who = interpret_who(phrase)
    assert who is not None and (who.kind, who.name, who.role) == ("name", name, None)


def test_titled_surname_with_particle() -> None:
    """'Mr al-Sharaa' and 'Mr van der Berg': the title is a title, the rest the name."""
    for phrase, name in (("Mr al-Sharaa", "al-Sharaa"), ("Mr van der Berg", "van der Berg")):
        who = interpret_who(phrase)
        assert who is not None and (who.name, who.title, who.gender) == (name, "Mr", "m")


def test_particles_only_inside_names() -> None:
    """A particle word with no name before it does not start one; 'al-' alone is no name."""
    assert not is_name_word("al-")
    assert not is_name_word("de")
    assert is_name_word("al-Sharaa") and is_name_word("el-Sisi")
    assert not is_name_word("well-known")  # a hyphenated word, not a particle
    who = interpret_who("analyst Jan de Vries")
    assert who is not None and (who.name, who.role) == ("Jan de Vries", "analyst")
    assert surname("Jan van der Berg") == "van der Berg"
    assert surname("Ahmed al-Sharaa") == "al-Sharaa"


def test_quote_by_a_speaker_with_a_particle_is_drafted() -> None:
    """The user's report: 'Ahmed al-Sharaa said on Monday that "..."' drafts the quote."""
    draft = extract_article(
        'Ahmed al-Sharaa said on Monday that "no foreign base is permanent".\n'
        '"We will decide," Mr al-Sharaa said.\n',
        published="2025-11-20",
    )
    speakers = {c.text: c.speaker for c in draft.claims}
    assert speakers == {
        "no foreign base is permanent": "ahmed-al-sharaa",
        "We will decide": "ahmed-al-sharaa",
    }


# --- who: groups, possessives, organisations -------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["Officials in Damascus", "Residents of the old town", "Western diplomats in Beirut"],
)
def test_a_group_placed_somewhere_is_a_group(phrase: str) -> None:
    """'Officials in Damascus' is an anonymous group, not a person called Damascus."""
    who = interpret_who(phrase)
    assert who is not None and (who.kind, who.name) == ("group", phrase)


def test_a_place_after_a_name_is_not_a_group() -> None:
    """'President of France Emmanuel Macron' is no group: the prefix is not one."""
    who = interpret_who("Emmanuel Macron")
    assert who is not None and who.kind == "name"
    assert interpret_who("Officials") is not None


def test_possessive_speakers() -> None:
    """'Ms Petrakis's office' is an organisation of Petrakis; 'Mr Oduya's campaign manager'
    an unnamed person whose role is campaign manager; a named appositive is no
    description."""
    office = interpret_who("Ms Petrakis's office")
    assert office is not None and office.kind == "organisation"
    assert office.affiliation == "Petrakis"
    manager = interpret_who("Mr Oduya's campaign manager")
    assert manager is not None and manager.kind == "description"
    assert (manager.role, manager.affiliation) == ("campaign manager", "Oduya")
    named = interpret_who("Mr Hale's neighbour, Peter Quinn")
    assert named is None or named.kind == "name"  # never a description of Hale's


def test_the_kind_noun_before_an_organisation() -> None:
    """'the shipping company Nordline' is Nordline; 'the ministry' stays the ministry."""
    who = interpret_who("the shipping company Nordline")
    assert who is not None and (who.kind, who.name, who.role) == (
        "organisation",
        "Nordline",
        "shipping company",
    )
    ministry = interpret_who("the ministry")
    assert ministry is not None and ministry.name == "Ministry"


# --- attribution: a colon after a clause about someone ---------------------------------------


def _colon(sentence: str) -> str | None:
    skeleton = sentence.replace("QUOTE", f"{PH_OPEN}0{PH_CLOSE}")
    at = skeleton.index(PH_OPEN)
    found = colon_attribution(skeleton, 0, at, frozenset())
    return None if found is None else found.who.name


def test_colon_after_a_description_names_the_subject() -> None:
    """The subject of the clause before the colon speaks the quote after it."""
    assert _colon("Her counterpart, Viktor Orlov, was more cautious: QUOTE") == "Viktor Orlov"
    assert _colon("A rebel spokesman, reached by telephone, gave another account: QUOTE") == (
        "A rebel spokesman"
    )


def test_colon_after_a_thing_is_nobody() -> None:
    """'The reason was simple:' and 'The statement was clear:' name no speaker; no colon,
    no rule."""
    assert _colon("The reason was simple: QUOTE") is None
    assert _colon("The statement was clear: QUOTE") is None
    assert _colon("Viktor Orlov was more cautious QUOTE") is None


def test_colon_quote_goes_to_the_new_speaker_in_a_draft() -> None:
    """The user's report: the quote after the colon is not given to the previous speaker."""
    draft = extract_article(
        "Anna Berg, the foreign minister, said the meeting went well.\n"
        'Her counterpart, Viktor Orlov, was more cautious: "We shall see what comes of it."\n',
        published="2025-11-20",
    )
    quote = next(c for c in draft.claims if c.kind == "quote")
    assert quote.speaker == "viktor-orlov"


# --- dates: tense decides which side of publication ------------------------------------------


def _dates(sentence: str, published: Point) -> list[str | None]:
    return [hit.value for hit in date_sentences(Calendar(published), [sentence])[0]]


NOV_20 = Point(2025, 11, 20)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He met Putin in Moscow on October 15.", "2025-10-15"),
        ("The port will close at the end of June.", "2026-06"),
        ("Talks are due on 30 June.", "2026-06-30"),
        ("Talks were held on 30 June.", "2025-06-30"),
        ("He said on Monday that the plant will close.", "2025-11-17"),
        ("The leaders will meet on Monday.", "2025-11-24"),
        ("The vote is expected in March.", "2026-03"),
        ("The vote took place in March.", "2025-03"),
        ("The council will meet in November.", "2025-11"),  # this month: still ahead
        ("The ministry said it will publish the figures in December.", "2025-12"),
    ],
)
def test_tense_chooses_the_year(sentence: str, expected: str) -> None:
    """Past tense: the latest such date not after publication; future: the next one."""
    assert _dates(sentence, NOV_20)[-1] == expected


def test_words_that_say_the_year_are_kept() -> None:
    """'last March', 'next June' and a written year are not moved by the tense rule."""
    assert _dates("It will be reviewed, as it was last March.", NOV_20) == ["2025-03"]
    assert _dates("The plant will close in June 2025.", NOV_20) == ["2025-06"]


def test_reported_future_is_flagged() -> None:
    """'would ... on Wednesday' reads ahead of publication, with a note to check it."""
    hits = date_sentences(Calendar(NOV_20), ["He said they would apply for bail on Wednesday."])
    assert hits[0][0].value == "2025-11-26"
    assert hits[0][0].review and "would" in hits[0][0].review


def test_since_is_an_open_interval() -> None:
    """'since August 2024' is an open interval from August 2024, not publication."""
    assert _dates("Prices have risen since August 2024.", NOV_20) == ["2024-08/.."]


# --- source: the lines about an article are not its title -------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Published: November 20, 2025",
        "Updated: 3 March 2026 10:14 GMT",
        "Last modified on 4 May 2024",
        "By Jane Doe",
        "KARSK, Oct 14 (Wire) -",
        "November 20, 2025",
        "4 min read",
    ],
)
def test_meta_lines(line: str) -> None:
    """Publication stamps, bylines, datelines and bare dates are about the article."""
    assert is_meta_line(line)


def test_headline_is_not_a_meta_line() -> None:
    """A headline with a date in it is still a headline."""
    assert not is_meta_line("Talks on fishing quotas resume in Brekkvik after 2023 collapse")
    paragraphs = ["Published: November 20, 2025", "By Jane Doe", "Harbour to close in June"]
    assert article_title(paragraphs) == "Harbour to close in June"
    assert article_byline(paragraphs) == "Jane Doe"
    assert article_title(["Published: November 20, 2025", "The port closed on Monday."]) is None


def test_dateline_date_is_not_an_event() -> None:
    """'KARSK, Nov 20 (Wire) -' gives the place and date of filing, not an event."""
    draft = extract_article(
        "KARSK, Nov 14 (Wire) - The mayor resigned, officials said.\n", published="2025-11-14"
    )
    assert draft.events == ()


# --- dates: ranges, period ends, one event per dated clause ----------------------------------


def test_month_ranges_and_period_ends() -> None:
    """'between March and April' is an interval; 'by the end of the month' one up to it;
    a range across the new year starts the year before."""
    july = Point(2026, 7, 16)
    assert _dates("Cases peaked between March and April.", july) == ["2026-03/2026-04"]
    assert _dates("Cases rose from November to February.", july) == ["2025-11/2026-02"]
    assert _dates("They hope to finish by the end of the month.", july) == ["../2026-07"]
    assert _dates("It opens at the end of next year.", july) == ["2027"]
    assert _dates("Prices fell between May 2024 and June 2025.", july) == ["2024-05/2025-06"]


def test_each_dated_clause_is_an_event() -> None:
    """Two clauses with their own dates: two candidate events, the second flagged; two
    dates in one clause: one event, the other noted."""
    two = extract_article(
        "The valley has been contested since 2019, and rebels seized the town in August 2020.\n",
        published="2026-07-16",
    )
    assert [e.date.edtf for e in two.events] == ["2019/..", "2020-08"]
    assert two.events[1].date.review and "another date" in two.events[1].date.review
    one = extract_article("The ferry sank on 3 May 2021 in 40 metres of water.\n", published="2026")
    assert len(one.events) == 1


# --- reported speech after a quoted fragment --------------------------------------------------


def test_and_said_after_a_fragment_is_a_paraphrase() -> None:
    """'X called the meeting "a first step" and said ...': a quote and a paraphrase, both
    X's; without 'and said' only the quote."""
    draft = extract_article(
        'The minister, Ilse Marrow, called the meeting "a necessary first step" and said a '
        "new accord could be signed before the end of the year.\n",
        published="2026-03-12",
    )
    kinds = {(c.kind, c.speaker) for c in draft.claims}
    assert kinds == {("quote", "ilse-marrow"), ("paraphrase", "ilse-marrow")}
    assert any(c.text.startswith("A new accord could be signed") for c in draft.claims)
    only = extract_article(
        'The minister, Ilse Marrow, called the meeting "a necessary first step".\n',
        published="2026-03-12",
    )
    assert [c.kind for c in only.claims] == ["quote"]


def test_published_line_wins_over_updated() -> None:
    """'Updated: ...' above 'Published: ...': the article was published on the second."""
    draft = extract_article(
        "Updated: 5 March 2026\n\nPublished: 3 March 2026\n\nThe mill closed on Monday.\n"
    )
    assert draft.source is not None and draft.source.published == "2026-03-03"


def test_no_tense_is_flagged() -> None:
    """'the first berth opens in January': no tense says which January, so the reading is
    flagged; a past tense needs no flag."""
    hits = date_sentences(Calendar(NOV_20), ["The first berth opens in January."])[0]
    assert hits[0].value == "2025-01" and hits[0].review and "no tense" in hits[0].review
    past = date_sentences(Calendar(NOV_20), ["The first berth opened in January."])[0]
    assert past[0].review is None


def test_the_verb_before_the_date_sets_its_tense() -> None:
    """'voted on Thursday to strike next month': Thursday is past, next month ahead;
    'on 30 June, the port will close': ahead."""
    friday = Point(2026, 2, 13)
    assert _dates("Teachers voted on Thursday to strike next month.", friday) == [
        "2026-02-12",
        "2026-03",
    ]
    assert _dates("On 30 June the port will close.", friday) == ["2026-06-30"]


def test_a_deadline_without_a_year_is_flagged() -> None:
    """'had offered to hire teachers by September': past reading, flagged."""
    hits = date_sentences(
        Calendar(Point(2026, 2, 13)), ["The district had offered to hire teachers by September."]
    )[0]
    assert hits[0].value == "2025-09" and hits[0].review and "deadline" in hits[0].review


def test_told_takes_one_object() -> None:
    """'told reporters the district had offered ...': the district stays in the text."""
    draft = extract_article(
        "Paul Ferris told reporters the district had offered to hire more teachers.\n",
        published="2026-02-13",
    )
    assert draft.claims[0].text == "The district had offered to hire more teachers."
