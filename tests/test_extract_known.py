"""extract against the dataset it extends (curate/extract/known*.py): people, groups,
sources, statements and events already recorded are cited or reported, not drafted again.

The articles and datasets here are short inventions, each made to pass or to break one rule.
"""

from __future__ import annotations

import json
import tempfile
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from synews_cli.cli import app
from synews_cli.curate.extract import Draft, extract_article
from synews_cli.curate.extract.known_items import CandidateEvent, event_match
from synews_cli.dates import parse_edtf
from synews_cli.model import Event
from synews_cli.store import load_dataset
from synews_cli.store.reader import Store

runner = CliRunner()

GAZETTE = "gazette-2024-05-02"
BASE: dict[str, list[dict[str, Any]]] = {
    "sources": [
        {"id": GAZETTE, "outlet": "Gazette", "published": "2024-05-02", "kind": "article"},
    ],
    "people": [
        {
            "id": "maria-delgado",
            "name": "Maria Delgado",
            "role": "mayor of Millbrook",
            "aliases": ["Delgado", "Mayor Delgado"],
        },
        {
            "id": "tom-becker",
            "name": "Tom Becker",
            "role": "defence minister",
            "affiliation": "Government of Ardania",
        },
        {"id": "anna-kern", "name": "Anna Kern", "role": "engineer"},
        {"id": "jonas-kern", "name": "Jonas Kern", "role": "engineer"},
        {
            "id": "millbrook-residents",
            "name": "Residents of Millbrook",
            "aliases": ["Millbrook residents"],
            "kind": "group",
            "identity": "anonymous",
        },
        {"id": "analysts", "name": "Analysts", "kind": "group", "identity": "anonymous"},
        {"id": "greenpeace", "name": "Greenpeace", "kind": "organisation"},
        {
            "id": "water-board",
            "name": "Water Board",
            "kind": "organisation",
            "affiliation": "Millbrook council",
        },
    ],
    "events": [
        {
            "id": "bridge-closed",
            "date": "2024-04-30",
            "title": "The Old Mill bridge is closed to traffic",
            "summary": "Engineers closed the Old Mill bridge to all traffic after cracks were "
            "found in its main span.",
            "places": ["Millbrook", "Old Mill bridge"],
            "actors": ["Millbrook Council"],
            "tags": ["infrastructure", "bridge"],
            "source": GAZETTE,
        },
    ],
    "claims": [
        {
            "id": "delgado-bridge-safe",
            "speaker": "maria-delgado",
            "kind": "quote",
            "text": "We will not reopen the bridge until engineers tell us it is safe",
            "date": "2024-05-01",
            "source": GAZETTE,
            "topics": ["road safety"],
            "about": ["bridge-closed"],
        },
        {
            "id": "analysts-cracks",
            "speaker": "analysts",
            "kind": "paraphrase",
            "text": "The cracks had been visible for years.",
            "date": "2024-05-01",
            "source": GAZETTE,
            "about": ["bridge-closed"],
        },
    ],
    "names": [
        {"name": "Millbrook", "kind": "place", "aliases": ["Millbrok"]},
    ],
}


def toml_value(value: Any) -> str:
    """A string or a list of strings in TOML (JSON's string escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def write_dataset(path: Path, data: dict[str, list[dict[str, Any]]]) -> Path:
    """A dataset file of ``data`` (tables of items; an item's ``reports`` nested)."""
    lines = ["[meta]", 'title = "Test"', "schema_version = 2", ""]
    for table in ("sources", "people", "events", "claims", "names"):
        for item in data.get(table, []):
            lines.append(f"[[{table}]]")
            lines += [f"{k} = {toml_value(v)}" for k, v in item.items() if k != "reports"]
            for report in item.get("reports", []):
                lines.append(f"[[{table}.reports]]")
                lines += [f"{k} = {toml_value(v)}" for k, v in report.items()]
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Store:
    """The made-up Millbrook dataset, in the store."""
    return load_dataset([write_dataset(tmp_path / "base.toml", BASE)])


def extract(text: str, dataset: Store | None, source: str = "herald-2024-05-08") -> Draft:
    return extract_article(
        text, published="2024-05-08", source_id=source, outlet="Herald", dataset=dataset
    )


def parsed_draft(draft: Draft) -> dict[str, Any]:
    return tomllib.loads(draft.to_toml())


def speaker_of(draft: Draft, words: str) -> str:
    """The speaker id of the one drafted statement whose text holds ``words``."""
    [claim] = [c for c in draft.claims if words in c.text]
    return claim.speaker


# --- People ----------------------------------------------------------------------------------


def test_person_known_by_full_name_is_cited(base: Store) -> None:
    """A speaker named as the dataset names them is cited by id, not drafted."""
    draft = extract('"The budget is tight," said Maria Delgado.', base)
    assert speaker_of(draft, "budget") == "maria-delgado"
    assert draft.new_people == ()


@pytest.mark.parametrize("who", ["Mayor Delgado", "Ms Delgado"])
def test_person_known_by_alias_or_title_and_surname(base: Store, who: str) -> None:
    """An alias, or a title with the surname, is the dataset's person."""
    draft = extract(f'"The budget is tight," {who} said.', base)
    assert speaker_of(draft, "budget") == "maria-delgado"
    [claim] = draft.claims  # read by one name: the reviewer is asked to check
    assert any("read as Maria Delgado by this one name" in r for r in claim.review)


def test_a_body_read_as_a_name_is_the_dataset_organisation(base: Store) -> None:
    """'said Greenpeace' reads like a person's name; the dataset knows it as a body."""
    draft = extract('"The river must come first," said Greenpeace.', base)
    assert speaker_of(draft, "river") == "greenpeace" and draft.new_people == ()


def test_a_different_first_name_is_someone_else(base: Store) -> None:
    """Peter Delgado shares a surname with Maria Delgado, not an identity."""
    draft = extract('"The budget is tight," said Peter Delgado.', base)
    assert [p.name for p in draft.new_people] == ["Peter Delgado"]


def test_a_surname_two_people_share_is_drafted_with_a_review(base: Store) -> None:
    """'Mr Kern' could be either Kern: a new person, and the draft says who it may be."""
    draft = extract('"The span is sound," Mr Kern said.', base)
    [person] = draft.new_people
    assert any("anna-kern" in r and "jonas-kern" in r for r in person.review)


def test_person_known_by_role(base: Store) -> None:
    """'the defence minister' is the one person whose role says so, with a review."""
    draft = extract('"We are ready," the defence minister said.', base)
    assert speaker_of(draft, "ready") == "tom-becker"
    [claim] = draft.claims
    assert any("by role" in r for r in claim.review)


def test_an_indefinite_role_is_nobody_in_particular(base: Store) -> None:
    """'a defence minister' is not Tom Becker."""
    draft = extract('"We are ready," a defence minister said.', base)
    assert speaker_of(draft, "ready") != "tom-becker"


# --- Groups ------------------------------------------------------------------------------------


def test_group_matched_when_the_article_is_about_its_place(base: Store) -> None:
    """'residents' in an article about Millbrook are the Millbrook residents."""
    text = (
        "Traffic in Millbrook crawled on Tuesday.\n\n"
        "Residents said the detour added an hour to every trip."
    )
    draft = extract(text, base)
    assert speaker_of(draft, "detour") == "millbrook-residents"


def test_group_not_matched_in_an_article_about_another_place(base: Store) -> None:
    """'residents' of an article about Riverton are new, even when Millbrook is named."""
    text = (
        "Riverton opened its new ferry on Tuesday, a year after Millbrook lost its bridge.\n\n"
        "In Riverton, the queues were long.\n\n"
        "Residents said the ferry added an hour to every trip."
    )
    draft = extract(text, base)
    assert speaker_of(draft, "ferry added") != "millbrook-residents"
    assert [p.kind for p in draft.new_people] == ["group"]


def test_group_named_with_another_place_is_new(base: Store) -> None:
    """'Riverton residents' are not the residents of Millbrook."""
    draft = extract("Millbrook is quiet. Riverton residents said the bridge was missed.", base)
    assert speaker_of(draft, "missed") != "millbrook-residents"


def test_generic_group_takes_its_subject_from_its_statements(base: Store) -> None:
    """'Analysts' (no place in the name) are the dataset's analysts in an article about
    the places of the events they spoke about, and new ones elsewhere."""
    about_millbrook = "Millbrook waits for its bridge. Analysts said repairs would take a year."
    assert speaker_of(extract(about_millbrook, base), "take a year") == "analysts"
    elsewhere = "In Riverton, fishing boats stayed in port. Analysts said prices would rise."
    assert speaker_of(extract(elsewhere, base), "would rise") != "analysts"


# --- Sources -----------------------------------------------------------------------------------


def test_an_existing_source_is_cited_not_drafted(base: Store) -> None:
    """--source naming the dataset's source drafts no [[sources]] entry."""
    draft = extract('"The budget is tight," said Maria Delgado.', base, source=GAZETTE)
    assert draft.source is None
    assert "sources" not in parsed_draft(draft)
    assert all(c.source == GAZETTE for c in draft.claims)


# --- Statements already recorded -----------------------------------------------------------


RECORDED_QUOTE = '"We will not reopen the bridge until engineers tell us it is safe," said Delgado.'


def test_statement_recorded_from_the_same_source_is_left_out(base: Store) -> None:
    """The same words of the same speaker, already citing this source: left out."""
    draft = extract(RECORDED_QUOTE, base, source=GAZETTE)
    assert draft.claims == () and draft.reports == ()
    assert draft.recorded == ("delgado-bridge-safe",)
    assert "delgado-bridge-safe" in draft.to_toml()  # named in a comment


def test_statement_recorded_from_another_source_is_a_report(base: Store) -> None:
    """The same words from a new source: a [[reports]] entry of the statement, with its
    review line first."""
    draft = extract(RECORDED_QUOTE, base)
    assert draft.claims == ()
    data = parsed_draft(draft)
    assert data["reports"] == [{"of": "delgado-bridge-safe", "source": "herald-2024-05-08"}]
    lines = draft.to_toml().splitlines()
    at = lines.index("[[reports]]")
    assert lines[at - 1].startswith('# review: already recorded as "delgado-bridge-safe" (')
    assert "Maria Delgado, 1 May 2024" in lines[at - 1]


def test_typesetting_and_case_do_not_make_a_new_statement(base: Store) -> None:
    """Curly quotes, spacing, a full stop or case: the same statement (verify's rule)."""
    text = (
        "\u201cWe will NOT reopen the bridge until engineers tell us it is  safe.\u201d "
        "said Delgado."
    )
    draft = extract(text, base)
    assert draft.claims == () and [r.of for r in draft.reports] == ["delgado-bridge-safe"]


def test_part_of_a_recorded_quote_is_reported_with_its_wording(base: Store) -> None:
    """A quote of four words or more inside a longer recorded one is that statement; the
    report keeps this source's shorter wording."""
    draft = extract('"until engineers tell us it is safe," Ms Delgado said.', base)
    [report] = draft.reports
    assert report.of == "delgado-bridge-safe"
    assert report.text == "until engineers tell us it is safe"


def test_a_reported_statement_trimmed_by_its_reviewer_is_recorded(base: Store) -> None:
    """A paraphrase whose recorded words (six or more) are in the drafted sentence is that
    statement: a reviewer trims what the rules draft."""
    draft = extract(
        "Analysts said in Millbrook that the cracks had been visible for years, which the "
        "council denies.",
        base,
    )
    assert draft.claims == () and [r.of for r in draft.reports] == ["analysts-cracks"]


def test_a_short_fragment_of_a_recorded_quote_is_not_matched(base: Store) -> None:
    """One word ('safe') recurs by chance: it is drafted as a statement of its own."""
    draft = extract('Delgado called the old bridge "safe".', base)
    assert [c.text for c in draft.claims] == ["safe"] and draft.reports == ()


def test_another_speaker_with_the_same_words_is_a_new_statement(base: Store) -> None:
    """Same words, another speaker: not the recorded statement."""
    draft = extract(
        '"We will not reopen the bridge until engineers tell us it is safe," said Tom Becker.',
        base,
    )
    assert len(draft.claims) == 1 and draft.reports == ()


def test_a_report_gives_the_date_only_when_the_article_dates_it(base: Store) -> None:
    """A statement the article dates (on Monday) differently: the report's date; one
    merely dated to the publication: no date (it would be a false conflict)."""
    undated = extract(RECORDED_QUOTE, base)
    assert [r.date for r in undated.reports] == [None]
    dated = extract(
        '"We will not reopen the bridge until engineers tell us it is safe," Delgado said '
        "on Monday.",
        base,
    )
    assert [r.date for r in dated.reports] == ["2024-05-06"]
    assert 'date = "2024-05-06"' in dated.to_toml()


# --- Events ------------------------------------------------------------------------------------


def test_event_already_recorded_is_a_report_with_why(base: Store) -> None:
    """A dated sentence telling a recorded event: a report of it, whose review names the
    event (id, date, title) and why it matched."""
    text = "On April 30, engineers closed the Old Mill bridge in Millbrook after finding cracks."
    draft = extract(text, base)
    assert draft.events == ()
    [report] = draft.reports
    assert report.of == "bridge-closed"
    [review] = report.review
    assert '"bridge-closed" (30 Apr 2024, The Old Mill bridge is closed to traffic)' in review
    assert "Millbrook" in review


def test_another_event_on_the_same_day_in_the_same_town_is_new(base: Store) -> None:
    """The same day and town but another happening: a candidate event of its own."""
    draft = extract("On April 30, the Millbrook library closed for repairs.", base)
    assert len(draft.events) == 1 and draft.reports == ()


def candidate(
    date: str, title: str, places: tuple[str, ...] = (), actors: tuple[str, ...] = ()
) -> CandidateEvent:
    """A made-up candidate event whose summary is its title."""
    return CandidateEvent(date, title, title, places, actors)


RECORDED = Event(
    "summit",
    parse_edtf("2025-10-15"),
    "Al Shara meets Putin in Moscow",
    "national",
    summary="The Syrian president met Vladimir Putin in Moscow and promised to respect "
    "previous deals.",
    places=("Moscow",),
    actors=("Vladimir Putin", "Ahmad Al Shara"),
)
RECORDED_MONTH = RECORDED._replace(
    id="bases",
    date=parse_edtf("2025-10"),
    title="Russia still operates three bases in Syria",
    summary="Russia operates an airbase at Hmeimim, a naval station in Tartus and a "
    "smaller base in Qamishli.",
    places=("Hmeimim", "Tartus", "Qamishli"),
    actors=("Russia",),
)


@pytest.mark.parametrize(
    ("made_up", "recorded", "matches"),
    [
        # the same day, a shared place and two shared words: the same event
        (candidate("2025-10-15", "The presidents met in Moscow", ("Moscow",)), RECORDED, True),
        # the same day and place, but one shared word only
        (
            candidate("2025-10-15", "Snow fell in Moscow on the presidents", ("Moscow",)),
            RECORDED,
            False,
        ),
        # words shared, but no place or actor, and too few words
        (candidate("2025-10-15", "Presidents met and kept promises"), RECORDED, False),
        # many words shared without names: the same sentence told again
        (
            candidate(
                "2025-10-15", "The Syrian president met Putin, promising to respect previous deals"
            ),
            RECORDED,
            True,
        ),
        # the same month, no shared name, four shared words: the same event
        (
            candidate("2025-10", "Russia operates a smaller naval station and an airbase"),
            RECORDED_MONTH,
            True,
        ),
        # a day inside the month, no shared name, three shared words
        (
            candidate("2025-10-20", "Farmers near the naval station say it operates at night"),
            RECORDED_MONTH,
            False,
        ),
        # a day inside a month event, sharing a place and two words: not enough
        (
            candidate("2025-10-20", "Troops left the smaller base in Qamishli", ("Qamishli",)),
            RECORDED_MONTH,
            False,
        ),
        # a day inside a month event, sharing a place and three words
        (
            candidate(
                "2025-10-20",
                "Russia still operates its smaller base and naval station",
                ("Qamishli",),
                ("Russia",),
            ),
            RECORDED_MONTH,
            True,
        ),
    ],
)
def test_event_matching_rule(made_up: CandidateEvent, recorded: Event, matches: bool) -> None:
    """Made-up candidates that should and should not be a recorded event."""
    when = parse_edtf(made_up.date)
    assert (event_match(made_up, when, recorded) is not None) is matches


# --- Places, actors, tags, topics, about ---------------------------------------------------


def test_values_in_use_are_filled_in_the_dataset_spelling(base: Store) -> None:
    """A drafted event's places, actors and tags, and a statement's topics, are the values
    the dataset uses that its sentence names, in any spelling, written as the dataset does."""
    text = (
        "On May 6, the millbrook council opened a second bridge in Millbrok for infrastructure "
        "works.\n\n"
        "Delgado said road safety came first."
    )
    draft = extract(text, base)
    [event] = draft.events
    assert event.places == ("Millbrook",)
    assert event.actors == ("Millbrook Council",)
    assert event.tags == ("bridge", "infrastructure")
    [claim] = draft.claims
    assert claim.topics == ("road safety",)
    data = parsed_draft(draft)
    assert data["events"][0]["places"] == ["Millbrook"]


def test_about_links_to_the_event_a_statement_speaks_of(base: Store) -> None:
    """A statement that shares an event's distinctive words links to it, marked for review."""
    text = (
        "Delgado said the cracks found in the main span of the Old Mill bridge in Millbrook "
        "would keep traffic away for months."
    )
    draft = extract(text, base)
    [claim] = draft.claims
    assert claim.about == ("bridge-closed",)
    assert any("bridge-closed" in r for r in claim.review)


def test_about_links_follow_a_matched_event(base: Store) -> None:
    """A statement in the sentence of a recorded event is about that event, and the event
    is reported once however often the article tells it."""
    text = (
        "On April 30, engineers closed the Old Mill bridge in Millbrook after finding cracks, "
        "Delgado said.\n\n"
        "Delgado said the bridge in Millbrook was closed on April 30 after engineers found "
        "cracks in the main span."
    )
    draft = extract(text, base)
    assert [c.about for c in draft.claims] == [("bridge-closed",), ("bridge-closed",)]
    assert all(any("bridge-closed" in r for r in c.review) for c in draft.claims)
    assert [r.of for r in draft.reports] == ["bridge-closed"] and draft.recorded == ()


# --- The round trip ------------------------------------------------------------------------------

FOLLOW_UP = """\
Millbrook bridge repairs to start in June
Published: May 8, 2024
On May 6, the Millbrook council voted to rebuild the main span of the Old Mill bridge.
"We will not reopen the bridge until engineers tell us it is safe," said Maria Delgado.
"The council must find the money for the new span," Ms Delgado added.
"The new span will carry twice the traffic," said Peter Lang, an engineer at the council.
In Millbrook, residents said the detour was costing them an hour a day.
Analysts said the repairs would cost more than the budget allows.
The Water Board did not respond to a request for comment.
"""


def merged(base_data: dict[str, list[dict[str, Any]]], draft: Draft) -> dict[str, Any]:
    """The dataset after the draft is reviewed and added: its items appended, each report
    folded into the item it reports (as ``synews add`` does)."""
    data = json.loads(json.dumps(base_data))
    drafted = parsed_draft(draft)
    for table in ("sources", "people", "events", "claims"):
        for item in drafted.get(table, []):
            item.pop("text_file", None)
            data.setdefault(table, []).append(item)
    items = {item["id"]: item for table in ("events", "claims") for item in data[table]}
    for report in drafted.get("reports", []):
        item = items[report.pop("of")]
        item["sources"] = list(dict.fromkeys([item["source"], *item.get("sources", [])]))
        item["sources"].append(report["source"])
        item.setdefault("reports", []).append(report)
    return data


def test_round_trip_drafts_nothing_new(tmp_path: Path, base: Store) -> None:
    """extract, add, extract the same article again: no new statement, person or event,
    and no report (those of the first draft are present)."""
    first = extract(FOLLOW_UP, base, source="herald-2024-05-08")
    assert first.claims and first.reports and first.source is not None
    assert {"Peter Lang"} <= {p.name for p in first.new_people}
    path = write_dataset(tmp_path / "merged.toml", merged(BASE, first))
    again = extract(FOLLOW_UP, load_dataset([path]), source="herald-2024-05-08")
    assert again.source is None
    assert again.claims == () and again.new_people == () and again.events == ()
    assert again.reports == ()
    assert len(again.recorded) == len(first.claims) + len(first.reports) + len(first.events)


def test_round_trip_survives_a_renamed_person(tmp_path: Path, base: Store) -> None:
    """A reviewer who renames a drafted person (and their id): the second extraction learns
    who speaks from the statements the source already records."""
    first = extract(FOLLOW_UP, base, source="herald-2024-05-08")
    data = merged(BASE, first)
    [lang] = [p for p in data["people"] if p["name"] == "Peter Lang"]
    old_id, lang["id"], lang["name"] = lang["id"], "p-lang", "Dr Peter J. Lang-Meyer"
    for claim in data["claims"]:
        if claim["speaker"] == old_id:
            claim["speaker"] = "p-lang"
    path = write_dataset(tmp_path / "merged.toml", data)
    again = extract(FOLLOW_UP, load_dataset([path]), source="herald-2024-05-08")
    assert again.claims == () and again.new_people == ()


def test_round_trip_survives_a_statement_given_to_another_speaker(
    tmp_path: Path, base: Store
) -> None:
    """A reviewer who gives a drafted statement to another known person: the second
    extraction finds the words in the source and leaves them out."""
    first = extract(FOLLOW_UP, base, source="herald-2024-05-08")
    data = merged(BASE, first)
    [money] = [c for c in data["claims"] if "find the money" in c["text"]]
    assert money["speaker"] == "maria-delgado"
    money["speaker"] = "tom-becker"
    path = write_dataset(tmp_path / "merged.toml", data)
    again = extract(FOLLOW_UP, load_dataset([path]), source="herald-2024-05-08")
    assert again.claims == () and again.new_people == ()
    assert money["id"] in again.recorded


SHARED_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "source-article.txt"


@pytest.mark.skipif(not SHARED_ARTICLE.is_file(), reason="the source article is not present")
def test_the_bundled_article_again_drafts_nothing() -> None:
    """The article the bundled story was curated from (and edited by hand), extracted
    again with its source: every statement, person and event is known; nothing is drafted."""
    result = runner.invoke(
        app, ["extract", str(SHARED_ARTICLE), "--source", "national-hmeimim-2025-10"]
    )
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(result.stdout)
    assert not {"people", "claims", "events", "reports", "sources"} & set(data)
    assert result.stderr.startswith("drafted 0 statements, 0 new people, 0 candidate events")


# --- The command -------------------------------------------------------------------------------

TRAD_FOLLOW_UP = (
    "Published: October 21, 2025\n"
    '"Moscow will not give up its bases lightly," said Ruslan Trad, a Russia-Syria specialist.\n'
)


def test_cli_reads_the_bundled_dataset_by_default(tmp_path: Path) -> None:
    """Without --data, extract extends the bundled story: Ruslan Trad is cited by his id."""
    article = tmp_path / "follow-up.txt"
    article.write_text(TRAD_FOLLOW_UP, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--source", "herald-2025-10-21"])
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(result.stdout)
    assert data["claims"][0]["speaker"] == "ruslan-trad"
    assert "people" not in data


def test_cli_existing_source_and_recorded_quote(tmp_path: Path) -> None:
    """The bundled source id is used as it is, and a quote it records is left out."""
    article = tmp_path / "again.txt"
    article.write_text(
        "\u201cThe fall of the Assad regime was not the strategic defeat for Russia to the "
        "extent that people have portrayed,\u201d said Anna Borshchevskaya.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(article), "--source", "national-hmeimim-2025-10"])
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(result.stdout)
    assert "sources" not in data and "claims" not in data
    assert "borshchevskaya-not-strategic-defeat" in result.stdout
    assert "already recorded from this source" in result.stderr


def test_cli_no_dataset_drafts_standalone(tmp_path: Path) -> None:
    """--no-dataset: nothing is read, so Ruslan Trad is drafted as a new person."""
    article = tmp_path / "follow-up.txt"
    article.write_text(TRAD_FOLLOW_UP, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--no-dataset"])
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(result.stdout)
    assert [p["name"] for p in data["people"]] == ["Ruslan Trad"]


def test_cli_no_dataset_with_data_is_a_usage_error(tmp_path: Path) -> None:
    """--no-dataset with --data contradicts itself: exit 2, with a hint."""
    article = tmp_path / "follow-up.txt"
    article.write_text(TRAD_FOLLOW_UP, encoding="utf-8")
    result = runner.invoke(app, ["--data", str(tmp_path), "extract", str(article), "--no-dataset"])
    assert result.exit_code == 2
    assert "--no-dataset" in result.stderr and "hint:" in result.stderr


# --- Never raises ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def base_in_memory() -> Store:
    """The made-up dataset, loaded once for the property tests (the store is in memory)."""
    with tempfile.TemporaryDirectory() as folder:
        return load_dataset([write_dataset(Path(folder) / "base.toml", BASE)])


_PIECES = st.sampled_from(
    [
        '"We will not reopen the bridge until engineers tell us it is safe,"',
        " said Delgado.",
        " Ms Delgado said",
        " residents said",
        " Analysts said",
        " the defence minister said",
        " Mr Kern said",
        " In Millbrook,",
        " in Riverton",
        " On April 30,",
        " engineers closed the Old Mill bridge",
        " cracks",
        " Millbrok",
        "\u201c",
        "\u201d",
        '"',
        ".",
        ",",
        "\n\n",
        " the ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=30))
def test_extract_against_a_dataset_never_raises(pieces: list[str]) -> None:
    """Any text drafts against a dataset into TOML that parses, whose statements name a
    drafted or a known speaker and whose reports name a known item."""
    dataset = base_in_memory()
    draft = extract("".join(pieces), dataset)
    data = tomllib.loads(draft.to_toml())
    known = set(dataset.ids())
    drafted = {p["id"] for p in data.get("people", [])}
    for claim in data.get("claims", []):
        assert claim["speaker"] in drafted | known
        assert set(claim.get("about", [])) <= known | {e["id"] for e in data.get("events", [])}
    for report in data.get("reports", []):
        assert report["of"] in known and report["source"] == draft.source_id


# --- Bounded work ------------------------------------------------------------------------------


def test_work_grows_linearly_with_what_the_draft_touches(tmp_path: Path) -> None:
    """Four times the statements of a speaker the article quotes, and four times the
    events on the day it dates, cost about four times the work, not sixteen."""
    from support import steps

    article = (
        "On April 30, engineers closed the Old Mill bridge in Millbrook after finding cracks.\n"
        '"The new span will carry twice the traffic across the river," said Maria Delgado.\n'
        '"We have waited long enough for this bridge," Ms Delgado said.\n'
    )

    def work(size: int) -> Any:
        data = json.loads(json.dumps(BASE))
        data["events"] += [
            {
                "id": f"e{n}",
                "date": "2024-04-30",
                "title": f"Market stall {n} opens in Millbrook",
                "summary": f"Stall number {n} opened at the Millbrook market selling fruit.",
                "places": ["Millbrook"],
                "source": GAZETTE,
            }
            for n in range(size)
        ]
        data["claims"] += [
            {
                "id": f"c{n}",
                "speaker": "maria-delgado",
                "kind": "quote",
                "text": f"Stall number {n} at the market will stay open until spring",
                "date": "2024-05-01",
                "source": GAZETTE,
                "about": [f"e{n}"],
            }
            for n in range(size)
        ]
        dataset = load_dataset([write_dataset(tmp_path / f"d{size}.toml", data)])
        return lambda: extract(article, dataset)

    small, large = steps(work(100)), steps(work(400))
    assert large / small < 6, (small, large)


def test_cli_residents_of_another_town_are_not_the_bundled_groups(tmp_path: Path) -> None:
    """'residents said' in an article about Qamishli is a new group, not the bundled
    'Many inhabitants of Hmeimim'; in an article about Hmeimim it is that group."""
    qamishli = tmp_path / "qamishli.txt"
    qamishli.write_text(
        "Published: October 21, 2025\n"
        "Russian troops have been seen packing up at the smaller base in Qamishli, unlike "
        "at Hmeimim.\n"
        "In Qamishli, the market was quiet on Monday.\n"
        "Residents said the convoys had left before dawn.\n",
        encoding="utf-8",
    )
    hmeimim = tmp_path / "hmeimim.txt"
    hmeimim.write_text(
        "Published: October 21, 2025\n"
        "In Hmeimim, the shops still close early.\n"
        "Residents said the town was quieter than ever.\n",
        encoding="utf-8",
    )
    speakers = []
    for article in (qamishli, hmeimim):
        result = runner.invoke(app, ["extract", str(article), "--source", "herald-2025-10-21"])
        assert result.exit_code == 0, result.stderr
        speakers.append(tomllib.loads(result.stdout)["claims"][0]["speaker"])
    assert speakers[0] != "hmeimim-inhabitants"
    assert speakers[1] == "hmeimim-inhabitants"


def test_cli_a_draft_with_reports_points_to_add(tmp_path: Path) -> None:
    """A quote the bundled story records, told by a new source: a [[reports]] entry, and
    the message says to merge the draft with synews add."""
    article = tmp_path / "herald.txt"
    article.write_text(
        '"Moscow has historically imposed restrictions on Israeli Air Force movements but has '
        'never prevented strikes entirely, using this dynamic as leverage over both parties," '
        "Mr Trad said.\n",
        encoding="utf-8",
    )
    args = ["extract", str(article), "--source", "herald-2025-10-21", "--published", "2025-10-21"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(result.stdout)
    assert data["reports"] == [
        {"of": "trad-israeli-air-force-restrictions", "source": "herald-2025-10-21"}
    ]
    assert "review it, then run synews add" in result.stderr
