"""Who speaks a sentence of reported speech: shared subjects, references back to a company,
joint names, described groups, sources behind documents (short made-up sentences)."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synews_cli.curate.extract import extract_article, interpret_who
from synews_cli.curate.extract.antecedents import is_generic_reference, organisation_before
from synews_cli.curate.extract.attribution import sentence_attribution, sentence_subject
from synews_cli.dates import parse_edtf


def _speaker(sentence: str) -> str | None:
    found = sentence_attribution(sentence, frozenset())
    return None if found is None else found.who.name


def test_and_said_shares_the_subject() -> None:
    """'X accused ..., and said ...': X said it; a speaker of its own after 'and' wins."""
    assert (
        _speaker(
            "Councillor Hamid Roshan accused the office of ignoring warnings, and said the "
            "inspectors knew."
        )
        == "Hamid Roshan"
    )
    assert _speaker("The storm damaged roofs, and officials said more rain was due.") == (
        "Officials"
    )


def test_a_thing_as_subject_gives_way_to_the_real_speaker() -> None:
    """'A recount has confirmed ..., the electoral board said': the board speaks."""
    assert (
        _speaker(
            "A recount in the city has confirmed the result by 212 votes, the electoral board said."
        )
        == "Electoral board"
    )


def test_according_to_a_document_from_someone() -> None:
    """'according to figures from the union': the union is the source."""
    assert _speaker("According to figures from the union, the workforce shrank.") == "Union"
    assert _speaker("According to the report, the workforce shrank.") is None


def test_sentence_subject() -> None:
    """The subject is the words before the first verb, when it can speak."""
    assert sentence_subject("The minister was unmoved", frozenset()) is not None
    assert sentence_subject("The weather was unkind", frozenset()) is None


def test_the_company_is_the_company_named_before() -> None:
    """'the company said' after 'Brenmark Power said ...' is Brenmark Power, flagged."""
    draft = extract_article(
        "Brenmark Power said on Friday it would halt construction of the wind farm.\n"
        '"We cannot build what we cannot connect," the company said in a statement.\n',
        published="2026-06-08",
    )
    quote = next(c for c in draft.claims if c.kind == "quote")
    assert quote.speaker == "brenmark-power"
    assert any("read as Brenmark Power" in r for r in quote.review)


def test_the_company_with_nobody_named_stays_generic() -> None:
    """With no company named before, 'the company' is a speaker of its own, unflagged."""
    draft = extract_article('"Orders fell," the company said.\n', published="2026-06-08")
    assert [c.speaker for c in draft.claims] == ["company"]


def test_company_names() -> None:
    """A company is a capitalised name ending in a company word; a person is not one."""
    assert organisation_before("Halvorsen Textiles will close; Tom Kerr said") == (
        "Halvorsen Textiles"
    )
    assert organisation_before("Shares in Acme Ltd fell.") == "Acme Ltd"
    assert organisation_before("Tom Kerr and Eva Kerr spoke.") is None
    assert is_generic_reference("In a statement, the firm", "Firm")
    assert not is_generic_reference("the Firm", "The Firm Ltd")


def test_joint_names_and_described_groups() -> None:
    """'Jan and Eva Kerr' speak together; 'Residents interviewed outside ...' are
    residents; 'Lawmakers clashed on Wednesday' is a clause, not a group."""
    joint = interpret_who("Jan and Eva Kerr")
    assert joint is not None and (joint.kind, joint.name) == ("group", "Jan and Eva Kerr")
    residents = interpret_who("Residents interviewed outside the town hall")
    assert residents is not None and (residents.kind, residents.name) == ("group", "Residents")
    assert interpret_who("Lawmakers clashed on Wednesday over a plan") is None


def test_they_after_a_joint_name() -> None:
    """'Jan and Eva Kerr said ...' then '"...," they said.': the Kerrs, not the company."""
    draft = extract_article(
        "Halvorsen Textiles will close the mill, the company said.\n"
        "Jan and Eva Kerr, who both worked at the mill, said they would sell their house.\n"
        '"We have nothing else to sell," they said.\n',
        published="2026-02-23",
    )
    quote = next(c for c in draft.claims if c.kind == "quote")
    assert quote.speaker == "jan-and-eva-kerr"


def test_a_clause_ending_in_a_weekday_is_nobody() -> None:
    """'Dockworkers walked off the job on Monday, ..., union leaders said': union leaders
    speak, never a person called Monday; a long descriptor before a name is a clause."""
    found = sentence_attribution(
        "Dockworkers at the port walked off the job on Monday, halting cargo traffic at the "
        "harbour, union leaders said.",
        frozenset(),
    )
    assert found is not None and (found.who.kind, found.who.name) == ("group", "Union leaders")
    assert interpret_who("Workers at the port walked off the job on Monday") is None


def test_plural_common_nouns_at_the_start_are_a_group() -> None:
    """'Truck drivers waiting outside the gates' and 'Many' are groups, not names."""
    drivers = interpret_who("Truck drivers waiting outside the gates")
    assert drivers is not None and (drivers.kind, drivers.name) == ("group", "Truck drivers")
    many = interpret_who("Many")
    assert many is not None and many.kind == "group"
    assert interpret_who("Jones") is None or interpret_who("Jones").kind != "group"


def test_a_company_in_an_appositive_is_an_organisation() -> None:
    """'The port's operator, Veldmar Logistics' is an organisation with that role."""
    who = interpret_who("The port's operator, Veldmar Logistics")
    assert who is not None and (who.kind, who.name) == ("organisation", "Veldmar Logistics")


def test_a_named_appositive_subject_is_who_he_means() -> None:
    """'A spokesman, Yusuf bin Tariq, dismissed the claims. "...," he told reporters': he
    is bin Tariq (flagged), not the man quoted before."""
    draft = extract_article(
        '"We will respond," Abu Karim al-Masri told Reuters.\n'
        "A government spokesman, Yusuf bin Tariq, dismissed the claims. "
        '"These are the same threats," he told reporters.\n',
        published="2026-02-02",
    )
    last = draft.claims[-1]
    assert last.speaker == "yusuf-bin-tariq"
    assert any("read as Yusuf bin Tariq" in r for r in last.review)


def test_since_a_past_event_is_not_anchored_to_a_future_one() -> None:
    """'since the ceasefire took effect' never takes the date of a talk still to come."""
    draft = extract_article(
        "At least 37 people have been killed since the ceasefire took effect.\n"
        "Ceasefire talks are scheduled to resume on 16 February.\n",
        published="2026-02-02",
    )
    assert all(not e.date.edtf.startswith("2026-02-16/") for e in draft.events)


def test_a_person_of_an_organisation() -> None:
    """'Ruth Amankwah of the Corvale Patients' Forum' is Ruth Amankwah, affiliated; 'Bank of
    England' stays an organisation."""
    ruth = interpret_who("Ruth Amankwah of the Corvale Patients' Forum")
    assert ruth is not None and (ruth.kind, ruth.name) == ("name", "Ruth Amankwah")
    assert ruth.affiliation == "Corvale Patients' Forum"
    lee = interpret_who("Dr Lee of the Arlen Institute")
    assert lee is not None and (lee.name, lee.affiliation) == ("Lee", "Arlen Institute")
    bank = interpret_who("Bank of England")
    assert bank is not None and bank.kind == "organisation"


def test_titles_with_of_are_roles() -> None:
    """'Secretary of State Antony Blinken' is Antony Blinken; 'Prime Minister of Japan'
    and 'Duke of Edinburgh' name nobody (never a person called Japan)."""
    blinken = interpret_who("Secretary of State Antony Blinken")
    assert blinken is not None and (blinken.name, blinken.role) == (
        "Antony Blinken",
        "Secretary of State",
    )
    wong = interpret_who("Minister for Foreign Affairs Penny Wong")
    assert wong is not None and wong.name == "Penny Wong"
    for phrase in ("Prime Minister of Japan", "Duke of Edinburgh"):
        who = interpret_who(phrase)
        assert who is None or who.kind != "name"


def test_someone_of_someone_named_before() -> None:
    """'His spokesman', 'Her lawyers', 'Its chief executive': an unnamed person or group,
    never None and never a name; 'His house' is no speaker."""
    spokesman = interpret_who("His spokesman")
    assert spokesman is not None and (spokesman.kind, spokesman.role) == (
        "description",
        "spokesman",
    )
    lawyers = interpret_who("Her lawyers")
    assert lawyers is not None and lawyers.kind == "group"
    chief = interpret_who("Its chief executive")
    assert chief is not None and chief.kind == "description"
    assert interpret_who("His house") is None


def test_a_document_from_someone_and_trailing_however() -> None:
    """'A statement from the interior ministry' is the ministry; 'Mayor Ana Diaz, however'
    is Ana Diaz with no 'however' in her role."""
    ministry = interpret_who("A statement from the interior ministry")
    assert ministry is not None and (ministry.kind, ministry.name) == (
        "organisation",
        "Interior ministry",
    )
    diaz = interpret_who("Mayor Ana Diaz, however")
    assert diaz is not None and diaz.name == "Ana Diaz" and "however" not in (diaz.role or "")


def test_saying_after_a_comma_is_the_subjects_speech() -> None:
    """'The minister resigned on Tuesday, saying she could ...' is her paraphrase; a
    'saying' with no speaking subject drafts nothing."""
    draft = extract_article(
        "The housing minister resigned on Tuesday, saying she could no longer defend the "
        "reforms.\n",
        published="2025-03-04",
    )
    assert [(c.kind, c.text) for c in draft.claims] == [
        ("paraphrase", "She could no longer defend the reforms.")
    ]
    nothing = extract_article(
        "The storm hit on Tuesday, saying nothing of what came next.\n", published="2025-03-04"
    )
    assert nothing.claims == ()


def test_a_clause_in_the_appositives_is_no_speaker() -> None:
    """'Raj Patel, was expected to replace her, two sources said': the sources speak."""
    found = sentence_attribution(
        "Whitby's former deputy, Raj Patel, was expected to replace her, two government "
        "sources said.",
        frozenset(),
    )
    assert found is not None and found.who.kind == "group"
    assert interpret_who("Hasan, not his real name") is not None


_NEW_RULE_PIECES = st.sampled_from(
    [
        "Ahmed al-Sharaa",
        " van der ",
        " bin ",
        "Mr ",
        "'s ",
        " office",
        " of the ",
        " in Damascus",
        "Officials",
        " and ",
        " the company",
        " Brenmark Power",
        ", saying ",
        " said",
        " was more cautious: ",
        '"We will see."',
        "Published: ",
        "By Jane Doe\n",
        "KARSK, Oct 14 (Wire) - ",
        " between March and April",
        " by the end of the month",
        " will ",
        " on 30 June",
        " on Monday",
        ". ",
        "\n",
        ",",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_NEW_RULE_PIECES, st.text(max_size=8)), max_size=30))
def test_new_rules_never_break_a_draft(pieces: list[str]) -> None:
    """Any mix of particles, possessives, colons, company references and date phrases
    drafts TOML that parses, every claim by a drafted person, every date valid EDTF."""
    data = tomllib.loads(extract_article("".join(pieces), published="2025-11-20").to_toml())
    people = {p["id"] for p in data.get("people", [])}
    for claim in data.get("claims", []):
        assert claim["speaker"] in people
    for item in (*data.get("claims", []), *data.get("events", [])):
        parse_edtf(item["date"])


def test_titles_of_works_are_not_speech() -> None:
    """'the documentary "Silent Valley"' and 'code-named "Clear Water"' are titles; 'called
    the plan "reckless"' is still the speaker's word."""
    draft = extract_article(
        'The festival said it had cancelled the documentary "Silent Valley".\n'
        'The operation, code-named "Clear Water", began in 2022, officials said.\n'
        'Ms Lind called the plan "reckless".\n',
        published="2025-10-18",
    )
    assert [c.text for c in draft.claims if c.kind == "quote"] == ["reckless"]


def test_words_quoted_in_a_clause_about_others_are_flagged() -> None:
    """'investigating messages that called the film "propaganda"': whose words? flagged;
    'said in a statement that it was "..."' is the speaker's own, not flagged."""
    flagged = extract_article(
        'Police said they were investigating messages that called the film "propaganda".\n',
        published="2025-10-18",
    )
    assert any("whose words" in r for r in flagged.claims[0].review)
    own = extract_article(
        'The ministry said in a statement that it was "studying the judgment".\n',
        published="2025-10-18",
    )
    assert not any("whose words" in r for r in own.claims[0].review)
