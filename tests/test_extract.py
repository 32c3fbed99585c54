"""extract.py and `synews extract`: a reviewable draft of dataset TOML from an article.

The articles in tests/data/articles/ are short inventions, one per style of news writing.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from support import check_paths
from synews_cli.cli import app
from synews_cli.curate.extract import Calendar, extract_article, interpret_who, toml_string
from synews_cli.dates import Point, parse_edtf
from synews_cli.errors import UsageError
from synews_cli.store import load_dataset

ARTICLES = Path(__file__).parent / "data" / "articles"
DATASET = ARTICLES / "dataset.toml"
ROOT = Path(__file__).resolve().parents[1]
SHARED_ARTICLE = ROOT.parent / "shared" / "source-article.txt"

runner = CliRunner()


class Drafted:
    """A draft parsed back from its TOML, with lookups for the assertions."""

    def __init__(self, toml: str) -> None:
        self.toml = toml
        self.data: dict[str, Any] = tomllib.loads(toml)
        self.people = {p["id"]: p for p in self.data.get("people", [])}
        self.claims: list[dict[str, Any]] = self.data.get("claims", [])
        self.events: list[dict[str, Any]] = self.data.get("events", [])

    def claim(self, words: str) -> dict[str, Any]:
        """The one claim whose text contains ``words``."""
        found = [c for c in self.claims if words in c["text"]]
        assert len(found) == 1, (words, [c["text"] for c in self.claims])
        return found[0]

    def speaker(self, words: str) -> dict[str, Any]:
        """The drafted person who says ``words``."""
        return self.people[self.claim(words)["speaker"]]

    def review_before(self, claim_id: str) -> list[str]:
        """The '# review:' comments of the table whose id is ``claim_id``."""
        lines = self.toml.splitlines()
        at = lines.index(f'id = "{claim_id}"')
        start = max(i for i in range(at) if lines[i].startswith("[["))
        return [line for line in lines[start:at] if line.startswith("# review:")]


def draft(name: str, published: str | None = "2024-11-14", **options: Any) -> Drafted:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    return Drafted(
        extract_article(text, published=published, article_name=name, **options).to_toml()
    )


def extract_text(text: str, published: str = "2024-11-14") -> Drafted:
    return Drafted(extract_article(text, published=published).to_toml())


# --- Attribution styles ---------------------------------------------------------------------------


def test_attribution_after_the_quote() -> None:
    """ "...," said X / "...," X told <outlet> / "...," he said: each quote gets its speaker,
    and the text is exactly the quoted words without the attribution's comma."""
    d = draft("after_attribution.txt", published=None)
    okonkwo = d.speaker("We have waited three years")
    assert okonkwo["name"] == "Maria Okonkwo"
    assert okonkwo["role"] == "president" and okonkwo["affiliation"] == "Alden Dockworkers Union"
    finch = d.speaker("Every day the cranes stand still")
    assert finch["name"] == "Gerald Finch"
    assert (finch["role"], finch["affiliation"]) == ("spokesman", "Port Alden Authority")
    assert d.claim("We remain open to talks")["text"] == "We remain open to talks"
    assert d.speaker("We remain open to talks")["name"] == "Gerald Finch"


def test_according_to() -> None:
    """ "...," according to X, a crane operator: X speaks, with that role."""
    d = draft("after_attribution.txt", published=None)
    patel = d.speaker("Nobody here wants a long strike")
    assert patel["name"] == "Dev Patel" and patel["role"] == "crane operator"


def test_attribution_before_the_quote() -> None:
    """Mayor X said: "..." / According to Dr X, "..." / The minister, X, told reporters: "..."."""
    d = draft("before_attribution.txt")
    hartmann = d.speaker("This bridge connects")
    assert (hartmann["name"], hartmann["role"]) == ("Lena Hartmann", "Mayor")
    reyes = d.speaker("the bridge will cut commuting times")
    assert reyes["name"] == "Samuel Reyes"
    assert (reyes["role"], reyes["affiliation"]) == ("traffic engineer", "Eastfield University")
    ferreira = d.speaker("We learned hard lessons")
    assert ferreira["name"] == "Ana Lucia Ferreira"
    assert ferreira["role"] == "city's transport minister"


def test_surname_and_honorific_resolve_to_the_full_name() -> None:
    """A later "Mr Reyes added:" is the Dr Samuel Reyes quoted before."""
    d = draft("before_attribution.txt")
    assert d.speaker("The real test comes in winter")["name"] == "Samuel Reyes"
    assert "Mr Reyes" in d.speaker("The real test comes in winter")["aliases"]


def test_pronoun_resolves_to_the_person_just_named() -> None:
    """ "Tom Becker was more cautious. He said, "..."": he is Tom Becker, flagged for review."""
    d = draft("before_attribution.txt")
    assert d.speaker("Traffic is good for business")["name"] == "Tom Becker"
    claim = d.claim("Traffic is good for business")
    assert d.review_before(claim["id"]) == ["# review: 'he' read as Tom Becker, named just before"]


def test_pronoun_resolves_to_the_last_matching_speaker() -> None:
    """ "Ms Okonkwo dismissed that argument. "...," she said": she is Ms Okonkwo, although a
    man spoke last; he and she each go to the last speaker of their gender."""
    d = draft("after_attribution.txt", published=None)
    assert d.speaker("The port made record profits")["name"] == "Maria Okonkwo"


def test_attribution_inside_a_quote() -> None:
    """ "...," he explained. "...": the second passage has the same speaker, no review."""
    d = draft("inside_and_multi.txt")
    claim = d.claim("The ground floor is still bare concrete.")
    assert d.speaker("The ground floor")["name"] == "Luis Delgado"
    assert d.review_before(claim["id"]) == []


def test_a_quote_over_several_paragraphs_is_one_claim() -> None:
    """A quote continued in the next paragraph is one claim; its text keeps the break as
    a newline and the continuing opening mark."""
    d = draft("inside_and_multi.txt")
    claim = d.claim("We lost everything")
    assert claim["text"] == (
        'We lost everything we could not carry.\n"But the neighbours came with buckets and '
        'shovels the next morning. Nobody waited for the government."'
    ).removesuffix('"')
    assert d.speaker("We lost everything")["name"] == "Rosa Delgado"


def test_a_standalone_quote_paragraph_goes_to_the_last_speaker_for_review() -> None:
    """A quote paragraph with no attribution follows the last speaker, with a review note."""
    d = draft("inside_and_multi.txt")
    claim = d.claim("Some days I think we should just leave.")
    assert d.speaker("Some days")["name"] == "Luis Delgado"
    assert d.review_before(claim["id"]) == [
        "# review: no attribution: a quote paragraph that follows Luis Delgado's words"
    ]


def test_shared_surnames_are_no_alias() -> None:
    """Two Delgados: the bare surname is an alias of neither."""
    d = draft("inside_and_multi.txt")
    for person in d.people.values():
        assert "Delgado" not in person.get("aliases", [])


def test_quoted_fragments_in_reported_speech() -> None:
    """'X said the decision was "finely balanced"': kind quote, the text only the quoted
    words, the sentence as context; called "..." works the same."""
    d = draft("fragments_paraphrase.txt")
    balanced = d.claim("finely balanced")
    assert balanced["kind"] == "quote" and balanced["text"] == "finely balanced"
    assert balanced["context"].startswith("Governor Helena Strand said the decision was")
    assert d.speaker("stubbornly high")["name"] == "Helena Strand"
    assert d.speaker("the right call for the wrong reasons")["name"] == "Jonas Vik"


def test_reported_speech_is_a_paraphrase() -> None:
    """'Economists said the bank would ...' is a paraphrase by a group; 'He said the bank
    had ...' is one by the last speaker; ', she said,' in mid-sentence too."""
    d = draft("fragments_paraphrase.txt")
    cut = d.claim("The bank would probably cut rates")
    assert cut["kind"] == "paraphrase"
    assert d.speaker("The bank would probably cut rates")["kind"] == "group"
    assert d.claim("The bank had ignored signs")["kind"] == "paraphrase"
    assert d.speaker("The bank had ignored signs")["name"] == "Jonas Vik"
    prices = d.claim("Prices of food and energy")
    assert prices["text"] == (
        "Prices of food and energy are still rising, and wages have not kept pace."
    )
    assert d.speaker("Prices of food and energy")["name"] == "Helena Strand"


def test_no_comment() -> None:
    """'did not respond to a request for comment' and 'declined to comment' are no-comment
    claims by the organisation; 'declined to speak' by a group."""
    d = draft("described_speakers.txt")
    licensing = d.claim("declined to comment")
    assert licensing["kind"] == "no-comment"
    assert d.speaker("declined to comment")["kind"] == "organisation"
    shoppers = d.speaker("declined to speak on the record")
    assert (shoppers["name"], shoppers["kind"]) == ("Many shoppers", "group")
    regional = draft("inside_and_multi.txt").claim("did not respond")
    assert regional["kind"] == "no-comment"


def test_an_unnamed_described_speaker_is_anonymous() -> None:
    """'one of the oldest stallholders, who declined to give her name ...': an anonymous
    person whose role is the description and whose identity_note says why."""
    d = draft("described_speakers.txt")
    trader = d.speaker("Most of us cannot afford")
    assert trader["identity"] == "anonymous"
    assert trader["role"] == "one of the oldest stallholders"
    assert trader["identity_note"] == "declined to give her name out of fear of reprisals"
    assert d.speaker("many traders had already left".capitalize()) == trader


def test_a_pseudonym() -> None:
    """'Karim, not his real name': identity pseudonym, and the note says so."""
    d = draft("described_speakers.txt")
    karim = d.speaker("I have sold noodles here")
    assert (karim["name"], karim["identity"]) == ("Karim", "pseudonym")
    assert karim["identity_note"] == "not his real name"
    assert d.speaker("Where would I go?") == karim


def test_british_single_quotes() -> None:
    """Single quotation marks (and apostrophes inside them) work as double ones do."""
    d = draft("british_single_quotes.txt")
    assert d.speaker("We could not let it become")["name"] == "Margaret Hale"
    assert d.claim("It's the only place left")["text"] == (
        "It's the only place left where everybody knows everybody."
    )
    assert d.speaker("It was never about the beer")["name"] == "Peter Quinn"
    assert d.speaker("It was about having somewhere")["name"] == "Peter Quinn"


def test_headline_and_scare_quotes_are_not_speech() -> None:
    """Scare quotes in the headline and after 'so-called' are not claims; they are listed
    at the end of the draft for the reviewer."""
    d = draft("headline_scare_quotes.txt")
    texts = [c["text"] for c in d.claims if c["kind"] == "quote"]
    assert texts == ["The battery barely lasts a day", "It's a good phone, not a great one"]
    assert "#   \u201csmartest phone ever made\u201d" in d.toml


def test_wire_style() -> None:
    """Wire copy: a dateline, 'Sen. X, D-Calif.' with its abbreviations, a quote split by
    its attribution (flagged), 'added Carter' after a dash, a trailing ', aides said', and
    anonymity explained after the verb."""
    d = draft("wire_style.txt", published="2025-03-12")
    lopez = d.speaker("The plan")
    assert lopez["name"] == "Maria Lopez" and "Sen. Maria Lopez" in lopez["aliases"]
    second = d.claim("is doomed from the start.")
    assert d.speaker("is doomed") == lopez
    assert d.review_before(second["id"]) == [
        "# review: continues the quote before it in the sentence (one claim or two?)"
    ]
    assert d.speaker("This is about priorities")["name"] == "John Carter"
    clash = d.claim("Lawmakers clashed on Wednesday")
    assert clash["kind"] == "paraphrase" and not clash["text"].startswith("WASHINGTON")
    assert d.speaker("Lawmakers clashed")["name"] == "Congressional aides"
    spokesperson = d.speaker("We are reviewing the proposal")
    assert spokesperson["identity_note"].startswith("speaking on condition of anonymity")
    assert d.claim("has been contacted for comment")["kind"] == "no-comment"
    assert d.data["sources"][0]["author"] == "Jane Smith and Omar Reyes"
    assert "#   \u201cefficiency agenda\u201d" in d.toml  # so-called: not speech


def test_when_said_comes_from_the_attribution() -> None:
    """'..., the minister said on Tuesday' dates the claim; otherwise it is the
    publication date, and the draft says so."""
    d = extract_text(
        '"We will not accept these cuts," Finance Minister Ravi Menon said on Tuesday.\n'
        '"The numbers add up," he said.\n'
    )
    assert d.claim("We will not accept")["date"] == "2024-11-12"
    assert d.claim("The numbers add up")["date"] == "2024-11-14"
    assert 'date = "2024-11-12"  # \u201con Tuesday\u201d' in d.toml
    assert "publication date: the text does not say when" in d.toml
    menon = d.speaker("We will not accept")
    assert (menon["name"], menon["role"]) == ("Ravi Menon", "Finance Minister")


# --- Dates ----------------------------------------------------------------------------------------

PUBLISHED = Point(2024, 11, 14)  # a Thursday


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("in March", "2024-03"),
        ("in December", "2023-12"),
        ("in November", "2024-11"),
        ("last March", "2024-03"),
        ("last November", "2023-11"),
        ("on October 15", "2024-10-15"),
        ("on 15 October", "2024-10-15"),
        ("on December 2", "2023-12-02"),
        ("on October 15, 2022", "2022-10-15"),
        ("on 3 May 2021", "2021-05-03"),
        ("in March 2020", "2020-03"),
        ("this month", "2024-11"),
        ("last month", "2024-10"),
        ("this year", "2024"),
        ("last year", "2023"),
        ("next year", "2025"),
        ("yesterday", "2024-11-13"),
        ("today", "2024-11-14"),
        ("on Tuesday", "2024-11-12"),
        ("on Thursday", "2024-11-14"),
        ("last Thursday", "2024-11-07"),
        ("next Monday", "2024-11-18"),
        ("last week", "2024-11-04/2024-11-10"),
        ("in 2018", "2018"),
        ("the 2018 arrangement", "2018"),
        ("since 2011", "2011/.."),
        ("since March", "2024-03/.."),
        ("until 2019", "../2019"),
        ("in the 1990s", "1990/1999"),
        ("between 2015 and 2018", "2015/2018"),
        ("three years ago", "2021"),
        ("about three years ago", "2021~"),
        ("some 20 years ago", "2004~"),
        ("two months ago", "2024-09"),
        ("for nearly a decade", "2014~/2024-11-14"),
        ("over the past five years", "2019/2024-11-14"),
    ],
)
def test_date_expressions(words: str, expected: str) -> None:
    """Each date expression resolves against the publication date at the precision its
    words support: a month without a year is the latest such month not after publication,
    and 'about', 'nearly', 'some' make it approximate."""
    hits = Calendar(PUBLISHED).find(f"It happened {words}, officials said.")
    assert [h.value for h in hits] == [expected]
    parse_edtf(expected)


def test_month_words_that_are_not_months() -> None:
    """'may' and 'march' in lower case are a verb and a noun, not dates."""
    assert Calendar(PUBLISHED).find("They may march on the capital.") == []


def test_weekdays_need_a_day_of_publication() -> None:
    """With only a month of publication, a weekday is dated to it and flagged."""
    [hit] = Calendar(Point(2025, 10)).find("It happened on Tuesday.")
    assert hit.value == "2025-10" and hit.review and "day of publication" in hit.review


def test_anchored_dates_take_the_date_of_what_they_name() -> None:
    """'A few days after the vote' is dated from the sentence that dates the vote;
    'about 10 months after' it is approximate, at month precision."""
    d = extract_text(
        "The vote of no confidence took place in December.\n"
        "A few days after the vote, parliament was dissolved.\n"
        "About 10 months after the vote, the new parliament met.\n",
        published="2025-10",
    )
    dates = {e["title"]: e["date"] for e in d.events}
    assert dates["A few days after the vote"] == "2024-12"
    assert dates["About 10 months after the vote"] == "2025-10~"
    assert "# review: 'the vote' read as the date of 'in December' (2024-12)" in d.toml


def test_dated_sentences_become_candidate_events_with_the_words_kept() -> None:
    """Each narrative sentence with a date is a candidate event; the date's words are kept
    in a comment, and a date in another clause of the sentence is an event of its own,
    flagged ("began in March and spread ... this month")."""
    d = draft("dates.txt")
    assert len(d.events) == 14
    assert 'date = "2024-03"  # \u201cin March\u201d' in d.toml
    spread = d.toml.index('date = "2024-11"  # \u201cthis month\u201d')
    assert "# review: another date of the same sentence" in d.toml[spread - 200 : spread]
    by_title = {e["title"]: e["date"] for e in d.events}
    assert by_title["The opposition leader was arrested on Tuesday"] == "2024-11-12"
    assert by_title["About 10 months after the constitution was rewritten"] == "2020~"
    assert by_title["The commission will publish its report next week"] == ("2024-11-18/2024-11-24")
    assert d.claims == []  # "announced the final results" is an act, not speech


def test_published_can_be_typed() -> None:
    """--published takes EDTF or a typed date such as '14 Nov 2024'."""
    text = "It happened yesterday, officials said."
    typed = extract_article(text, published="14 Nov 2024")
    assert typed.events[0].date.edtf == "2024-11-13"
    assert typed.to_toml() == extract_article(text, published="2024-11-14").to_toml()


def test_published_from_a_dateline() -> None:
    """Without --published, a 'Published: March 4, 2024' line dates the article."""
    d = draft("after_attribution.txt", published=None)
    assert d.data["sources"][0]["published"] == "2024-03-04"
    assert d.events[0]["date"] == "2024-03-04"  # "on Monday" in a Monday article


def test_published_is_required_when_the_text_does_not_say() -> None:
    """No --published and no dateline: a usage error that says what to give."""
    with pytest.raises(UsageError, match="--published is required"):
        extract_article("Officials said nothing.")
    with pytest.raises(UsageError, match="--published"):
        extract_article("Officials said nothing.", published="soon")


# --- The draft as a file -------------------------------------------------------------------------


def test_ids_are_deterministic() -> None:
    """The same article gives the same draft, ids included."""
    first = draft("after_attribution.txt", published=None).toml
    assert draft("after_attribution.txt", published=None).toml == first


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_every_draft_passes_check(name: str, tmp_path: Path) -> None:
    """Each test article's draft is a valid dataset on its own."""
    path = tmp_path / "draft.toml"
    path.write_text(draft(name).toml, encoding="utf-8")
    report = check_paths([path])
    assert report.problems == [], [str(p) for p in report.problems]
    assert report.warnings == []


def test_draft_merged_with_the_dataset_it_extends(tmp_path: Path) -> None:
    """With the dataset: its people and source are reused, its ids avoided, and the draft
    passes check merged with it."""
    dataset = load_dataset([DATASET])
    result = draft(
        "after_attribution.txt",
        published=None,
        source_id="coastal-herald-2024-03-04",
        dataset=dataset,
    )
    assert "sources" not in result.data
    assert "okonkwo" not in result.people  # reused, not drafted again
    assert result.claim("We have waited three years")["speaker"] == "okonkwo"
    assert all(c["source"] == "coastal-herald-2024-03-04" for c in result.claims)
    path = tmp_path / "draft.toml"
    path.write_text(result.toml, encoding="utf-8")
    report = check_paths([DATASET, path])
    assert report.problems == [], [str(p) for p in report.problems]


def test_a_new_source_is_drafted_with_its_outlet(tmp_path: Path) -> None:
    """--source that the dataset lacks is drafted, with --outlet and the text file."""
    result = draft(
        "before_attribution.txt",
        source_id="bridge-2024",
        outlet="Millbrook Gazette",
        text_file="before_attribution.txt",
    )
    [source] = result.data["sources"]
    assert source == {
        "id": "bridge-2024",
        "outlet": "Millbrook Gazette",
        "title": "New bridge opens after years of delays",
        "published": "2024-11-14",
        "kind": "article",
        "text_file": "before_attribution.txt",
    }


def test_bad_source_ids_are_usage_errors() -> None:
    """--source must be a valid id, and not the id of something else in the dataset."""
    with pytest.raises(UsageError, match="not a valid id"):
        extract_article("x", published="2024", source_id="no spaces")
    with pytest.raises(UsageError, match="already the id"):
        extract_article("x", published="2024", source_id="okonkwo", dataset=load_dataset([DATASET]))


def test_toml_strings_escape_what_they_must() -> None:
    """Quotes, backslashes and control characters are escaped; the result parses back."""
    value = 'a "quote" \\ back\tslash\x01\x7f \u2028 end'
    assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value


def test_who_phrases() -> None:
    """Speaker phrases: pronouns, titles, descriptors before a name, groups, organisations."""
    assert interpret_who("she") is not None and interpret_who("she").kind == "pronoun"  # type: ignore[union-attr]
    who = interpret_who("Russia-Syria specialist and author Ruslan Trad")
    assert who is not None and (who.name, who.role) == (
        "Ruslan Trad",
        "Russia-Syria specialist and author",
    )
    president = interpret_who("Syrian President Ahmad Al Shara")
    assert president is not None and president.name == "Ahmad Al Shara"
    assert president.role == "Syrian President"
    mr = interpret_who("Mr Trad")
    assert mr is not None and (mr.name, mr.title, mr.gender) == ("Trad", "Mr", "m")
    group = interpret_who("Experts")
    assert group is not None and group.kind == "group"
    ministry = interpret_who("The Ministry of Foreign Affairs")
    assert ministry is not None and (ministry.kind, ministry.name) == (
        "organisation",
        "Ministry of Foreign Affairs",
    )
    assert interpret_who("The") is None
    assert interpret_who("the negotiations were merely") is None


# --- The command ----------------------------------------------------------------------------------


def test_cli_writes_the_draft_to_stdout() -> None:
    """synews extract prints the draft; the counts go to stderr."""
    result = runner.invoke(
        app, ["extract", str(ARTICLES / "fragments_paraphrase.txt"), "--published", "2024-11-14"]
    )
    assert result.exit_code == 0
    assert tomllib.loads(result.stdout)["claims"]
    assert result.stderr.startswith("drafted 7 statements, 4 new people")


def test_cli_output_file_passes_check_and_verify(tmp_path: Path) -> None:
    """-o writes the draft atomically; its text_file points at the article, so the draft
    passes check and verify as it is (the article lies outside the draft's folder, which
    the user allows: a text_file is read only inside it unless told otherwise)."""
    out = tmp_path / "drafts" / "draft.toml"
    out.parent.mkdir()
    article = ARTICLES / "inside_and_multi.txt"
    result = runner.invoke(
        app, ["extract", str(article), "--published", "2024-11-14", "-o", str(out)]
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert runner.invoke(app, ["check", str(out)]).exit_code == 0
    verified = runner.invoke(
        app, ["--data", str(out), "verify", "--allow-outside", "--strict", "-f", "plain"]
    )
    assert verified.exit_code == 0, verified.stdout + verified.stderr
    assert "0 misquotes" in verified.stderr


def test_cli_with_data_reuses_its_people(tmp_path: Path) -> None:
    """With --data, the draft extends that dataset and passes check merged with it."""
    out = tmp_path / "draft.toml"
    article = str(ARTICLES / "after_attribution.txt")
    args = ["--data", str(DATASET), "extract", article, "--source", "coastal-herald-2024-03-04"]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert 'speaker = "okonkwo"' in out.read_text()
    assert runner.invoke(app, ["check", str(DATASET), str(out)]).exit_code == 0


def test_cli_missing_published_is_exit_2() -> None:
    """Without a date to resolve relative dates: exit 2 and a hint."""
    result = runner.invoke(app, ["extract", str(ARTICLES / "dates.txt")])
    assert result.exit_code == 2
    assert "--published is required" in result.stderr and "hint:" in result.stderr


def test_cli_unreadable_article_is_exit_1(tmp_path: Path) -> None:
    """A missing or non-UTF-8 article: exit 1 with the file named."""
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--published", "2024"])
    assert missing.exit_code == 1 and "nope.txt" in missing.stderr
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    bad = runner.invoke(app, ["extract", str(tmp_path / "latin1.txt"), "--published", "2024"])
    assert bad.exit_code == 1 and "not UTF-8" in bad.stderr


def test_subprocess_reads_stdin() -> None:
    """'-' reads the article from stdin."""
    result = subprocess.run(
        [sys.executable, "-m", "synews_cli", "extract", "-", "--published", "2024-11-14"],
        input='"Hello there," said Jane Roe.\n',
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = tomllib.loads(result.stdout)
    assert data["people"][0]["name"] == "Jane Roe"
    assert data["claims"][0]["text"] == "Hello there"


# --- The answer key -------------------------------------------------------------------------------


@pytest.mark.skipif(not SHARED_ARTICLE.is_file(), reason="the source article is not present")
def test_the_source_article_meets_the_targets() -> None:
    """On the article the bundled dataset was curated from, the eval's targets are met."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import extract_eval

    figures = extract_eval.evaluate(SHARED_ARTICLE.read_text(encoding="utf-8"))
    for name, (hit, total) in figures.rows():
        assert total and hit / total >= extract_eval.TARGETS[name], (name, hit, total)


# --- Never raises ---------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "said",
        " he said",
        "Mr Smith",
        "Jane Doe",
        "according to",
        "told",
        " in March",
        " on Tuesday",
        " about 10 months after the vote",
        " since",
        " 2019",
        "\u201c",
        "\u201d",
        '"',
        "'",
        "\u2018",
        "\u2019",
        ",",
        ".",
        ":",
        "\n",
        "\n\n",
        " the ",
        " a ",
        "who declined to give his name",
        "not his real name",
        "did not respond to a request for comment",
        "\x00",
        "\ue000",
        "\\",
        "\t",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40))
def test_extract_never_raises_and_always_renders_toml(pieces: list[str]) -> None:
    """Any text, news-like or not, drafts without error into TOML that parses and
    passes the schema's checks."""
    draft_toml = extract_article("".join(pieces), published="2024-11-14").to_toml()
    data = tomllib.loads(draft_toml)
    for claim in data.get("claims", []):
        parse_edtf(claim["date"])
        assert claim["speaker"] in {p["id"] for p in data.get("people", [])}
    for event in data.get("events", []):
        parse_edtf(event["date"])


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_extract_handles_arbitrary_unicode(text: str) -> None:
    """Arbitrary Unicode, control characters included, still renders parsable TOML."""
    tomllib.loads(extract_article(text, published="2024-11-14").to_toml())


def test_relative_dates_never_leave_the_calendar() -> None:
    """Dates near the ends of the calendar do not crash the arithmetic."""
    for published in (Point(1, 1, 1), Point(9999, 12, 31)):
        for words in ("yesterday", "next week", "about 10 months after the vote", "last year"):
            for hit in Calendar(published).find(f"It happened {words}."):
                assert hit.value is None or parse_edtf(hit.value)
