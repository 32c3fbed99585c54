"""query.py: selecting events, statements and people; matching names, values and dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from synews_cli.dataset.paths import default_data_path
from synews_cli.errors import UsageError
from synews_cli.query.filters import (
    ClaimQuery,
    DateFilter,
    EventQuery,
    select_claims,
    select_events,
)
from synews_cli.query.links import claims_about, claims_by, find_item
from synews_cli.query.people import PeopleQuery, resolve_speakers, select_people
from synews_cli.store import load_dataset
from synews_cli.store.reader import Store as Dataset
from synews_cli.text import contains_run, fold, words

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def good() -> Dataset:
    return load_dataset([DATA / "good.toml"])


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset([default_data_path()])


def event_ids(dataset: Dataset, **query: object) -> list[str]:
    return [e.id for e in select_events(dataset, EventQuery(**query))]  # type: ignore[arg-type]


def claim_ids(dataset: Dataset, **query: object) -> list[str]:
    return [c.id for c in select_claims(dataset, ClaimQuery(**query)).claims]  # type: ignore[arg-type]


def dates(**options: str) -> DateFilter:
    return DateFilter.from_options(**options)


# --- Folding and words -------------------------------------------------------------------------


def test_fold_removes_case_and_accents() -> None:
    """Folding makes comparison case- and accent-insensitive."""
    assert fold("Ḥamā") == "hama"
    assert fold("José MÜLLER") == "jose muller"
    assert fold("Straße") == "strasse"


def test_words_drop_punctuation() -> None:
    """Words are folded runs of letters and digits; hyphens and dots separate them."""
    assert words("al-Shara") == ("al", "shara")
    assert words("A. Zelin, Jr.") == ("a", "zelin", "jr")
    assert words("russian_bases") == ("russian", "bases")


def test_contains_run_matches_consecutive_words_only() -> None:
    """A needle matches consecutive words, or those words written together, nothing else."""
    hay = ("ahmad", "al", "shara")
    assert contains_run(hay, ("al", "shara"))
    assert contains_run(hay, ("alshara",))
    assert not contains_run(hay, ("ahmad", "shara"))
    assert not contains_run(hay, ("shar",))
    assert not contains_run(hay, ())


# --- Events: place, actor, tag -------------------------------------------------------------------


def test_place_matches_case_and_accent_insensitively(bundled: Dataset, good: Dataset) -> None:
    """--place hmeimim finds Hmeimim; --place hama finds Ḥamā."""
    hmeimim = event_ids(bundled, places=("hmeimim",))
    assert hmeimim
    assert all("Hmeimim" in bundled.events_by_id([i])[i].places for i in hmeimim)
    assert event_ids(good, places=("hama",)) == ["massacres"]
    assert event_ids(good, places=("HAMA",)) == ["massacres"]


def test_place_matches_a_whole_value_or_a_run_of_its_words(bundled: Dataset) -> None:
    """--place "golan heights" and --place golan find the Golan events; partial words do not."""
    golan = event_ids(bundled, places=("golan heights",))
    assert set(golan) == {
        "golan-disengagement-treaty",
        "golan-patrol-arrangement-2018",
        "russia-golan-concession",
    }
    assert event_ids(bundled, places=("golan",)) == golan
    assert event_ids(bundled, places=("gol",)) == []
    assert event_ids(bundled, places=("heights golan",)) == []


def test_place_word_does_not_match_a_longer_word(good: Dataset) -> None:
    """--place syria matches Syria and southern Syria but not Syrian coast."""
    assert event_ids(good, places=("syria",)) == ["air-campaign", "strikes"]


def test_actor_matches_whole_words(good: Dataset) -> None:
    """--actor russia matches Russia, not Russian Air Force; --actor "air force" matches a run."""
    assert event_ids(good, actors=("russia",)) == [
        "patrols",
        "air-campaign",
        "flight-uncertain",
        "meeting",
    ]
    assert event_ids(good, actors=("air force",)) == ["air-campaign"]


def test_actor_russia_on_the_bundled_dataset(bundled: Dataset) -> None:
    """--actor russia finds every event with Russia among its actors, and only those."""
    found = set(event_ids(bundled, actors=("russia",)))
    expected = {e.id for e in bundled.events() if "Russia" in e.actors}
    assert found == expected
    assert found


def test_tag_filter(good: Dataset) -> None:
    """--tag selects events carrying the tag."""
    assert event_ids(good, tags=("media",)) == ["return-visit"]


def test_values_of_one_option_are_alternatives(good: Dataset) -> None:
    """Two --place values select events at either place (OR)."""
    assert event_ids(good, places=("moscow", "damascus")) == ["regime-falls", "meeting"]


def test_different_options_must_all_match(good: Dataset) -> None:
    """--place and --actor together select events matching both (AND)."""
    assert event_ids(good, places=("golan heights",)) == ["patrols", "treaty"]
    assert event_ids(good, places=("golan heights",), actors=("israel",)) == ["treaty"]
    assert event_ids(good, places=("golan heights",), tags=("golan",)) == ["treaty"]
    assert event_ids(good, places=("golan heights",), actors=("nobody",)) == []


def test_search_looks_in_titles_summaries_and_lists(good: Dataset) -> None:
    """--search finds whole words of title, summary or list values, ignoring case and
    accents: the search language of synews search, not a substring."""
    assert event_ids(good, search="REBEL-HELD") == ["air-campaign"]
    assert event_ids(good, search="treaty") == ["treaty"]
    assert event_ids(good, search="hama") == ["massacres"]
    assert event_ids(good, search="media") == ["return-visit"]
    assert event_ids(good, search="ḥam") == []  # part of a word is not a word
    assert event_ids(good, search="ḥam*") == ["massacres"]


def test_search_speaks_the_query_language(good: Dataset) -> None:
    """--search takes OR, phrases, exclusions and prefixes, as synews search does."""
    assert event_ids(good, search="treaty OR hama") == ["treaty", "massacres"]
    assert event_ids(good, search='"rebel-held areas"') == event_ids(good, search="rebel-held")
    everything = event_ids(good)
    assert event_ids(good, search="-treaty") == [e for e in everything if e != "treaty"]
    with pytest.raises(UsageError, match="never closed"):
        event_ids(good, search='"rebel')


def test_events_are_ordered_by_first_day_last_day_then_id(good: Dataset) -> None:
    """The timeline is in order of first day, then last day, then id; open starts first."""
    assert event_ids(good) == [
        "patrols",
        "treaty",
        "air-campaign",
        "strikes",
        "regime-falls",
        "flight-uncertain",
        "massacres",
        "return-visit",
        "meeting",
    ]


def test_events_with_the_same_days_are_ordered_by_id(good: Dataset) -> None:
    """Two events covering the same days are ordered by id."""
    assert event_ids(good, places=("syrian coast", "latakia")) == ["flight-uncertain", "massacres"]
    assert event_ids(good, places=("syrian coast", "latakia"), reverse=True) == [
        "massacres",
        "flight-uncertain",
    ]


def test_reverse_is_the_exact_reverse(good: Dataset) -> None:
    """--reverse gives newest first: the same events in the opposite order."""
    assert event_ids(good, reverse=True) == list(reversed(event_ids(good)))


def test_limit_keeps_the_first_n_in_the_chosen_order(good: Dataset) -> None:
    """--limit applies after ordering, also after --reverse."""
    assert event_ids(good, limit=2) == ["patrols", "treaty"]
    assert event_ids(good, limit=1, reverse=True) == ["meeting"]


# --- Dates -------------------------------------------------------------------------------------


def test_on_a_day_finds_events_of_that_month(good: Dataset) -> None:
    """An event dated 2025-03 is shown for --on 2025-03-08, as is an open-ended one."""
    assert event_ids(good, dates=dates(on="2025-03-08")) == [
        "strikes",
        "flight-uncertain",
        "massacres",
    ]


def test_since_keeps_everything_overlapping(good: Dataset) -> None:
    """--since 2024-12 keeps ranges ending in December 2024 and drops those ended before."""
    found = event_ids(good, dates=dates(since="2024-12"))
    assert found[:3] == ["air-campaign", "strikes", "regime-falls"]
    assert "patrols" not in found
    assert "treaty" not in found


def test_since_and_until_bound_both_sides(good: Dataset) -> None:
    """--since and --until together select what overlaps the range between them."""
    assert event_ids(good, dates=dates(since="2016", until="2018")) == ["patrols", "air-campaign"]
    assert event_ids(good, dates=dates(until="1974")) == ["patrols", "treaty"]


def test_since_with_a_day_precision(good: Dataset) -> None:
    """--since 2025-10-16 keeps October 2025 items (they may fall later) but not 15 October."""
    found = event_ids(good, dates=dates(since="2025-10-16"))
    assert found == ["strikes", "return-visit"]


def test_month_names_are_accepted_in_filters(good: Dataset) -> None:
    """--on "8 Dec 2024" and --on 2024-12-08 select the same events."""
    assert event_ids(good, dates=dates(on="8 Dec 2024")) == event_ids(
        good, dates=dates(on="2024-12-08")
    )


def test_since_later_than_until_is_refused() -> None:
    """--since after --until leaves no day to match: a UsageError naming both."""
    with pytest.raises(UsageError, match="--since '2025' and --until '2024'"):
        dates(since="2025", until="2024")


def test_on_outside_since_and_until_is_refused() -> None:
    """--on outside the --since/--until range is refused."""
    with pytest.raises(UsageError, match="leave no day"):
        dates(since="2025", on="2024-06")


@pytest.mark.parametrize("option", ["since", "until", "on"])
def test_bad_date_names_the_option_and_value(option: str) -> None:
    """An unreadable date is a UsageError naming the option and the value."""
    with pytest.raises(UsageError, match=f"--{option}: 'soon'"):
        dates(**{option: "soon"})


def test_describe_lists_filters_as_typed(good: Dataset) -> None:
    """A query describes its filters as the user typed them (for the footer and notes)."""
    query = EventQuery(
        dates=dates(since="Dec 2024"), places=("Golan",), search="x", limit=3, reverse=True
    )
    assert query.describe() == [
        "--since Dec 2024",
        "--place 'Golan'",
        "--search 'x'",
        "--reverse",
        "--limit 3",
    ]


# --- Speakers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Trad",
        "trad",
        "Ruslan Trad",
        "RUSLAN TRAD",
        "ruslan-trad",
        "Mr Trad",
        "R. Trad",
    ],
)
def test_speaker_matches_surname_full_name_id_and_alias(bundled: Dataset, name: str) -> None:
    """Surnames, full names, ids and aliases in any case all find Ruslan Trad."""
    (match,) = resolve_speakers(bundled, [name])
    assert [p.id for p in match.people] == ["ruslan-trad"]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("BORSHCHEVSKAYA", "anna-borshchevskaya"),
        ("al-Shara", "ahmad-al-shara"),
        ("Al Shara", "ahmad-al-shara"),
        ("alshara", "ahmad-al-shara"),
        ("Ahmed al-Sharaa", "ahmad-al-shara"),
        ("Aaron Y. Zelin", "aaron-zelin"),
        ("hasan", "hasan"),
    ],
)
def test_speaker_matches_other_spellings(bundled: Dataset, name: str, person: str) -> None:
    """Hyphenated, spaced, joined and aliased spellings find the one person meant."""
    (match,) = resolve_speakers(bundled, [name])
    assert [p.id for p in match.people] == [person]


def test_speaker_matches_an_id_unlike_the_name(good: Dataset) -> None:
    """An id that shares no words with the name (mofa) still finds the person."""
    (match,) = resolve_speakers(good, ["mofa"])
    assert [p.name for p in match.people] == ["Ministry of Foreign Affairs"]


def test_speaker_matching_ignores_accents(good: Dataset) -> None:
    """--speaker "jose muller" finds José Müller."""
    (match,) = resolve_speakers(good, ["jose muller"])
    assert [p.id for p in match.people] == ["jose-muller"]


def test_partial_word_does_not_match_a_speaker(bundled: Dataset) -> None:
    """A fragment of a word (Tra) matches nobody: names match on whole words."""
    with pytest.raises(UsageError, match="matches nobody"):
        resolve_speakers(bundled, ["Tra"])


def test_ambiguous_speaker_matches_every_person(good: Dataset) -> None:
    """A name matching several people returns all of them, so the CLI can say so."""
    (match,) = resolve_speakers(good, ["Doe"])
    assert [p.id for p in match.people] == ["jane-doe", "john-doe"]
    assert claim_ids(good, speakers=("Doe",)) == [
        "john-strikes-end",
        "doe-bases-stay",
        "doe-transactional",
    ]


def test_unknown_speaker_is_a_usage_error_with_a_suggestion(bundled: Dataset) -> None:
    """A misspelt name is refused, suggesting the closest person."""
    with pytest.raises(UsageError) as caught:
        resolve_speakers(bundled, ["Trda"])
    assert "--speaker 'Trda' matches nobody" in caught.value.message
    assert "did you mean Ruslan Trad?" in caught.value.message
    assert caught.value.hint and "synews people" in caught.value.hint


def test_unknown_speaker_without_close_names_has_no_suggestion(bundled: Dataset) -> None:
    """A name close to nobody is refused without a misleading suggestion."""
    with pytest.raises(UsageError) as caught:
        resolve_speakers(bundled, ["Xqzwv"])
    assert "did you mean" not in caught.value.message


def test_speaker_trad_gives_exactly_trads_statements(bundled: Dataset) -> None:
    """--speaker Trad selects Trad's six statements and nobody else's."""
    found = claim_ids(bundled, speakers=("Trad",))
    assert sorted(found) == sorted(
        [
            "trad-bases-likely-retained",
            "trad-strategic-compromise",
            "trad-deterrence-limited",
            "trad-israeli-air-force-restrictions",
            "trad-extradition-highly-unlikely",
            "trad-litmus-test",
        ]
    )


def test_two_speakers_are_alternatives(bundled: Dataset) -> None:
    """Two --speaker values select the statements of either."""
    found = claim_ids(bundled, speakers=("Trad", "Zelin"))
    speakers = {bundled.claims_by_id([i])[i].speaker for i in found}
    assert speakers == {"ruslan-trad", "aaron-zelin"}


# --- Statements: other filters -------------------------------------------------------------------


def test_affiliation_selects_everyone_at_the_organisation(bundled: Dataset) -> None:
    """--affiliation "Washington Institute" gives Borshchevskaya's and Zelin's statements."""
    found = claim_ids(bundled, affiliations=("Washington Institute",))
    assert {bundled.claims_by_id([i])[i].speaker for i in found} == {
        "anna-borshchevskaya",
        "aaron-zelin",
    }
    assert len(found) == 7


def test_affiliation_is_case_and_accent_insensitive(good: Dataset) -> None:
    """--affiliation "universite libre" matches Université Libre."""
    assert claim_ids(good, affiliations=("universite libre",)) == ["muller-regime"]


def test_topic_matches_words(good: Dataset, bundled: Dataset) -> None:
    """--topic matches a topic's words: "russian bases" and russian-bases are the same."""
    assert claim_ids(good, topics=("russian-bases",)) == ["doe-bases-stay", "sami-protected"]
    trad = set(claim_ids(bundled, topics=("extradition",), speakers=("Trad",)))
    assert trad == {"trad-extradition-highly-unlikely", "trad-litmus-test"}


def test_about_selects_statements_about_an_event(good: Dataset) -> None:
    """--about EVENT_ID selects the statements tied to that event."""
    assert claim_ids(good, about=("meeting",)) == ["doe-bases-stay", "doe-transactional"]
    assert claim_ids(good, about=("meeting", "massacres")) == [
        "shop-owner-afraid",
        "doe-bases-stay",
        "doe-transactional",
        "sami-protected",
    ]


def test_unknown_about_id_is_a_usage_error_with_suggestions(good: Dataset) -> None:
    """--about with an unknown id is refused, suggesting close event ids."""
    with pytest.raises(UsageError) as caught:
        select_claims(good, ClaimQuery(about=("meting",)))
    assert "--about 'meting' is not an event id" in caught.value.message
    assert "did you mean meeting" in caught.value.message
    assert caught.value.exit_code == 2


def test_kind_filter(good: Dataset) -> None:
    """--kind selects by kind (an unknown one is refused by the command: test_cli)."""
    assert claim_ids(good, kinds=("no-comment",)) == ["ministry-no-comment"]
    assert claim_ids(good, kinds=("paraphrase", "no-comment")) == [
        "shop-owner-afraid",
        "doe-bases-stay",
        "ministry-no-comment",
    ]


def test_status_filter_and_its_refusal(good: Dataset) -> None:
    """--status selects by status (an unknown one is refused by the command: test_cli)."""
    assert claim_ids(good, statuses=("came-true",)) == ["muller-regime"]
    assert claim_ids(good, statuses=("open", "disputed")) == [
        "shop-owner-afraid",
        "doe-bases-stay",
    ]


def test_claim_search_covers_text_context_and_speaker(good: Dataset) -> None:
    """--search looks in the statement, its context and the speaker's names."""
    assert claim_ids(good, search="TALKS") == ["doe-transactional"]
    assert claim_ids(good, search="pepe") == ["muller-regime"]
    assert claim_ids(good, search="dusk") == ["shop-owner-afraid"]


def test_claim_dates_overlap(good: Dataset) -> None:
    """--on 2024-12-08 finds the statement of that day and the one dated 2024."""
    assert claim_ids(good, dates=dates(on="2024-12-08")) == ["muller-regime", "john-strikes-end"]


def test_claim_filters_combine(good: Dataset) -> None:
    """Speaker, kind, topic and dates all have to match together."""
    assert claim_ids(good, speakers=("Jane Doe",), kinds=("quote",)) == ["doe-transactional"]
    assert claim_ids(good, speakers=("Doe",), dates=dates(until="2024")) == ["john-strikes-end"]
    assert claim_ids(good, speakers=("Doe",), topics=("security",), kinds=("paraphrase",)) == []


def test_claims_reverse_and_limit(good: Dataset) -> None:
    """--reverse and --limit work for statements as for events."""
    forward = claim_ids(good)
    assert claim_ids(good, reverse=True) == list(reversed(forward))
    assert claim_ids(good, limit=2) == forward[:2]


# --- People ------------------------------------------------------------------------------------


def test_people_are_sorted_by_name_with_counts_and_dates(good: Dataset) -> None:
    """select_people lists everyone by folded name, with statement counts, first and last."""
    found = select_people(good, PeopleQuery())
    assert [s.person.id for s in found] == [
        "shop-owner",
        "jane-doe",
        "john-doe",
        "jose-muller",
        "mofa",
        "sami",
    ]
    jane = next(s for s in found if s.person.id == "jane-doe")
    assert jane.statements == 2
    assert jane.first is not None and jane.first.text == "2025-10"
    muller = next(s for s in found if s.person.id == "jose-muller")
    assert (muller.statements, muller.last.text if muller.last else None) == (1, "2024")


def test_people_affiliation_and_search(good: Dataset, bundled: Dataset) -> None:
    """--affiliation and --search narrow the people listing."""
    wi = select_people(bundled, PeopleQuery(affiliations=("Washington Institute",)))
    assert [s.person.id for s in wi] == ["aaron-zelin", "anna-borshchevskaya"]
    assert [s.person.id for s in select_people(good, PeopleQuery(search="pepe"))] == ["jose-muller"]
    assert len(select_people(good, PeopleQuery(limit=2))) == 2


# --- Links and ids -----------------------------------------------------------------------------


def test_links_between_items(good: Dataset) -> None:
    """claims_about and claims_by follow the references, in date order."""
    assert [c.id for c in claims_about(good, "strikes")] == ["john-strikes-end"]
    assert [c.id for c in claims_by(good, "jane-doe")] == ["doe-bases-stay", "doe-transactional"]


def test_find_item_unknown_id_suggests_close_ids(good: Dataset) -> None:
    """An unknown id is a UsageError listing the closest ids."""
    with pytest.raises(UsageError, match="did you mean meeting"):
        find_item(good, "meting")
    assert find_item(good, "sami") is good.person_by_id["sami"]
