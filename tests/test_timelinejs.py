"""``--format timelinejs``: JSON in the format Knight Lab's TimelineJS 3 loads.

The structure is checked field by field against the documented format
(https://timeline.knightlab.com/docs/json-format.html): a ``title`` slide without a date,
``events`` slides with ``start_date`` (required) and ``end_date`` date objects (``year``,
``month``, ``day``), ``text`` (``headline``, ``text``), ``group``, ``display_date`` and
``unique_id``.
"""

from __future__ import annotations

import calendar
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from synews_cli.cli import app
from synews_cli.dates import parse_edtf
from synews_cli.render.timelinejs import date_object, group_label, prose_date

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "data" / "html_story.toml"
BUNDLED = ROOT / "data" / "events.toml"

TOP_LEVEL = {"title", "events", "eras", "scale"}
SLIDE_FIELDS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
DATE_FIELDS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
# Tags synews itself writes into text fields; anything else would have come from the data.
OWN_TAGS = {"p", "b", "i", "br", "small"}

runner = CliRunner()


def export(*args: str, data: Path = STORY) -> dict[str, Any]:
    result = runner.invoke(app, ["--data", str(data), "timeline", "-f", "timelinejs", *args])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {slide["unique_id"]: slide for slide in document["events"]}


def check_date_object(value: Any) -> None:
    """A TimelineJS date: year required; month needs a year; day needs a month; all valid."""
    assert isinstance(value, dict) and value
    assert set(value) <= DATE_FIELDS
    assert isinstance(value["year"], int)
    if "day" in value:
        assert "month" in value
    if "month" in value:
        assert isinstance(value["month"], int) and 1 <= value["month"] <= 12
    if "day" in value:
        last = calendar.monthrange(value["year"], value["month"])[1]
        assert isinstance(value["day"], int) and 1 <= value["day"] <= last


def check_text_object(value: Any) -> None:
    assert isinstance(value, dict) and set(value) <= {"headline", "text"}
    assert all(isinstance(v, str) for v in value.values())


def check_document(document: dict[str, Any]) -> None:
    """Every field against the documented format."""
    assert set(document) <= TOP_LEVEL
    assert document.get("scale", "human") in ("human", "cosmological")
    title = document["title"]
    assert set(title) <= SLIDE_FIELDS
    check_text_object(title["text"])
    assert isinstance(document["events"], list)
    ids = [slide["unique_id"] for slide in document["events"]]
    assert len(ids) == len(set(ids))
    for slide in document["events"]:
        assert set(slide) <= SLIDE_FIELDS
        check_date_object(slide["start_date"])
        if "end_date" in slide:
            check_date_object(slide["end_date"])
            start = slide["start_date"]
            end = slide["end_date"]
            assert (end["year"], end.get("month", 12)) >= (start["year"], start.get("month", 1))
        check_text_object(slide["text"])
        for key in ("group", "display_date", "unique_id"):
            if key in slide:
                assert isinstance(slide[key], str) and slide[key]


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def parse_html(fragment: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(fragment)
    collector.close()
    return collector


# --- Structure ----------------------------------------------------------------------------------


def test_story_export_matches_the_documented_format() -> None:
    """The fixture story exports with every field where the format documents it."""
    check_document(export())


def test_bundled_export_matches_the_documented_format() -> None:
    """The bundled story exports every event, in the documented format."""
    document = export(data=BUNDLED)
    check_document(document)
    assert len(document["events"]) == 19


def test_title_slide_comes_from_meta_and_has_no_date() -> None:
    """The title slide holds the dataset's title and description, and the filters used."""
    document = export("--since", "2024")
    title = document["title"]
    assert "start_date" not in title
    assert "&lt;script&gt;" in title["text"]["headline"]
    assert "A test story" in title["text"]["text"]
    assert "--since 2024" in title["text"]["text"]


def test_events_keep_listing_order_and_ids() -> None:
    """unique_id is the event id, in the order the timeline lists them."""
    plain = runner.invoke(app, ["--data", str(STORY), "timeline", "-f", "plain"]).stdout
    listed = [line.split("\t")[0] for line in plain.splitlines()]
    assert [slide["unique_id"] for slide in export()["events"]] == listed


# --- Dates --------------------------------------------------------------------------------------


def test_date_objects_carry_only_the_precision_the_date_has() -> None:
    """A year gives only year, a month year and month, a day all three."""
    slides = by_id(export())
    assert slides["h-year"]["start_date"] == {"year": 1974}
    assert slides["h-approx"]["start_date"] == {"year": 2025, "month": 3}
    assert slides["h-day"]["start_date"] == {"year": 2024, "month": 12, "day": 8}
    assert "end_date" not in slides["h-day"]


def test_display_date_only_where_needed() -> None:
    """Exact points have no display_date; approximate, uncertain and spans have one."""
    slides = by_id(export())
    assert "display_date" not in slides["h-year"]
    assert "display_date" not in slides["h-day"]
    assert slides["h-approx"]["display_date"] == "c. March 2025"
    assert slides["h-uncertain"]["display_date"] == "June 2025 (uncertain)"
    assert slides["h-both"]["display_date"] == "c. 15 October 2025 (uncertain)"


def test_closed_interval_has_start_and_end() -> None:
    """A closed interval has both dates and a display date naming both ends."""
    slide = by_id(export())["h-span"]
    assert slide["start_date"] == {"year": 2015, "month": 9}
    assert slide["end_date"] == {"year": 2024, "month": 12}
    assert slide["display_date"] == "September 2015 \u2013 December 2024"


def test_open_start_is_placed_at_its_known_end() -> None:
    """TimelineJS needs a start: ../2024-12 starts at its only known date, with no end date,
    and says 'until'."""
    slide = by_id(export())["h-open-start"]
    assert slide["start_date"] == {"year": 2024, "month": 12}
    assert "end_date" not in slide
    assert slide["display_date"] == "until December 2024"


def test_open_end_has_no_end_date() -> None:
    """2024-12/.. starts in December 2024, has no end date, and says 'from'."""
    slide = by_id(export())["h-open-end"]
    assert slide["start_date"] == {"year": 2024, "month": 12}
    assert "end_date" not in slide
    assert slide["display_date"] == "from December 2024"


def test_date_helpers() -> None:
    """date_object and prose_date follow the date's precision and qualifiers."""
    point = parse_edtf("2025-10-15").lower
    assert point is not None
    assert date_object(point) == {"year": 2025, "month": 10, "day": 15}
    assert prose_date(parse_edtf("2018?")) == "2018 (uncertain)"
    assert prose_date(parse_edtf("2015~/2016")) == "c. 2015 \u2013 2016"


# --- Text and escaping --------------------------------------------------------------------------


def test_text_is_html_escaped() -> None:
    """Headlines and texts are HTML (TimelineJS renders them): dataset text is escaped, so the
    only tags are the ones synews writes."""
    for slide in export()["events"]:
        for field in ("headline", "text"):
            parsed = parse_html(slide["text"][field])
            assert parsed.tags <= OWN_TAGS, (slide["unique_id"], parsed.tags)
    slide = by_id(export())["h-year"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in slide["text"]["headline"]
    assert "<script>alert(1)</script>" in parse_html(slide["text"]["headline"]).text


def test_quotes_ampersands_markup_and_escapes() -> None:
    """Double quotes and & are escaped; Rich markup stays literal; ESC is removed."""
    text = by_id(export())["h-year"]["text"]["text"]
    assert "&quot;quotes&quot; &amp; ampersands" in text
    assert "[bold]markup[/bold]" in text
    raw = runner.invoke(app, ["--data", str(STORY), "timeline", "-f", "timelinejs"]).stdout
    assert "\x1b" not in raw and "\\u001b" not in raw


def test_statements_about_the_event_are_in_its_text() -> None:
    """The statements about an event appear in its text, quotes in quotation marks and
    paraphrases marked as reported; line breaks become <br>."""
    text = by_id(export())["h-day"]["text"]["text"]
    assert "<i>reported:</i> The base will stay [for now]." in text
    assert "\u201cWe said &lt;script&gt;" in text
    assert "&quot;more&quot;<br>Second paragraph." in text
    assert "An official (anonymous)" in text


def test_group_is_the_first_tag_without_markup_characters() -> None:
    """group is the first tag; < > & (which TimelineJS would turn back into markup) become
    look-alikes; an event without tags has no group."""
    slides = by_id(export())
    assert slides["h-year"]["group"] == "\u2039b\u203amilitary\u2039/b\u203a \uff06 more"
    assert slides["h-span"]["group"] == "military"
    assert "group" not in slides["h-open-end"]
    assert group_label(()) is None


# --- The command --------------------------------------------------------------------------------


def test_filters_apply() -> None:
    """The usual timeline filters choose the slides."""
    document = export("--since", "2025")
    assert [s["unique_id"] for s in document["events"]] == [
        "h-open-end",
        "h-approx",
        "h-uncertain",
        "h-both",
    ]


def test_empty_export_is_still_a_document() -> None:
    """Nothing matched: a document with an empty events list, exit 0."""
    document = export("--search", "no such text")
    assert document["events"] == []
    check_document(document)


def test_json_extension_stays_plain_json(tmp_path: Path) -> None:
    """-o story.json writes the plain JSON list; TimelineJS needs --format timelinejs."""
    target = tmp_path / "story.json"
    result = runner.invoke(app, ["--data", str(STORY), "timeline", "-o", str(target)])
    assert result.exit_code == 0
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), list)
    result = runner.invoke(
        app, ["--data", str(STORY), "timeline", "-f", "timelinejs", "-o", str(target)]
    )
    assert result.exit_code == 0
    check_document(json.loads(target.read_text(encoding="utf-8")))


def test_quotes_cannot_be_exported_to_timelinejs() -> None:
    """TimelineJS is for events: quotes -f timelinejs is a usage error."""
    result = runner.invoke(app, ["--data", str(STORY), "quotes", "-f", "timelinejs"])
    assert result.exit_code == 2
    assert "timelinejs is for events only" in result.stderr


@pytest.mark.parametrize("data", [STORY, BUNDLED])
def test_output_is_utf8_json_with_a_final_newline(data: Path) -> None:
    """The export is one JSON document, not ASCII-escaped, ending with a newline."""
    result = runner.invoke(app, ["--data", str(data), "timeline", "-f", "timelinejs"])
    assert result.stdout.endswith("}\n")
    assert "\u2013" in result.stdout or "\u201c" in result.stdout
