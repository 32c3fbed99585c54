"""``--format timelinejs``: the JSON that Knight Lab's TimelineJS (version 3) loads.

The format (https://timeline.knightlab.com/docs/json-format.html): an object with ``title``
(a slide without a date) and ``events`` (slides). A slide has ``start_date`` (required) and
``end_date``, date objects with ``year``, ``month`` and ``day`` (numbers or strings); ``text``
with ``headline`` and ``text``; ``group``; ``display_date``; ``unique_id``.

How synews fills it in:

- A date object carries only the fields the date's precision supports: ``2025-03`` gives
  ``{"year": 2025, "month": 3}``, never an invented day.
- ``display_date`` is set for approximate and uncertain dates (``c. March 2025``,
  ``2018 (uncertain)``) and for intervals (``September 2015 – December 2024``).
- TimelineJS needs a ``start_date``. An interval with an open start (``../2024-12``) is
  placed at its only known date, as ``start_date`` with no ``end_date``, and displayed as
  ``until December 2024``; an open end (``2024-12/..``) has no ``end_date`` and is
  displayed as ``from December 2024``.
- TimelineJS renders ``text.headline`` and ``text.text`` as HTML, so dataset text is
  HTML-escaped there. It strips markup from ``group`` and ``display_date`` and then inserts
  them as HTML, which no escaping survives; so ``group`` (the first tag) has ``<``, ``>``
  and ``&`` replaced by look-alikes (‹ › ＆), and ``display_date`` is built from dates only.
"""

from __future__ import annotations

import html
import json
from typing import Any, TextIO

from synews_cli import __version__
from synews_cli.dates import EdtfDate, Point
from synews_cli.model import Claim, Event
from synews_cli.render import Links, Listing, RenderOptions
from synews_cli.render.disputes import conflict_notes
from synews_cli.text import escape_json_text, inert, one_line

_GROUP_LOOKALIKES = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06"})


def esc(text: str) -> str:
    """Dataset text made safe to put inside HTML: controls removed, then escaped."""
    return html.escape(inert(text), quote=True)


def esc_lines(text: str) -> str:
    """Escaped, with line breaks kept as ``<br>`` (HTML would run the lines together)."""
    return "<br>".join(esc(line) for line in text.replace("\r\n", "\n").split("\n"))


def prose_date(when: EdtfDate) -> str:
    """A date as a reader would write it, at the precision it has (see EdtfDate.prose)."""
    return when.prose()


def needs_display_date(when: EdtfDate) -> bool:
    return when.is_interval or when.approximate or when.uncertain


def date_object(point: Point) -> dict[str, int]:
    """Only the fields the point's precision supports."""
    fields = {"year": point.year}
    if point.month is not None:
        fields["month"] = point.month
        if point.day is not None:
            fields["day"] = point.day
    return fields


def group_label(tags: tuple[str, ...]) -> str | None:
    if not tags:
        return None
    label = one_line(tags[0]).strip().translate(_GROUP_LOOKALIKES)
    return label or None


def _list_line(label: str, values: tuple[str, ...]) -> str:
    return f"<b>{label}:</b> {esc(', '.join(values))}"


def _statement_html(claim: Claim, links: Links) -> str:
    speaker = links.people[claim.speaker]
    who = esc(speaker.label())
    role = speaker.role_line()
    if role:
        who += f" ({esc(role)})"
    if claim.kind == "quote":
        said = f"\u201c{esc_lines(claim.text)}\u201d"
    elif claim.kind == "paraphrase":
        said = f"<i>reported:</i> {esc_lines(claim.text)}"
    else:
        said = f"<i>no comment:</i> {esc_lines(claim.text)}"
    return f"<p>{who}: {said}</p>"


def event_text(event: Event, links: Links) -> str:
    """The slide's body: summary, where and who, the statements about it, the source."""
    parts: list[str] = []
    if event.summary:
        parts.append(f"<p>{esc_lines(event.summary)}</p>")
    facts = [
        _list_line(label, values)
        for label, values in (("Where", event.places), ("Who", event.actors), ("Tags", event.tags))
        if values
    ]
    if facts:
        parts.append("<p>" + "<br>".join(facts) + "</p>")
    parts.extend(_statement_html(c, links) for c in links.statements_about.get(event.id, ()))
    cited = event.cited()
    citations = "; ".join(links.sources[s].citation() if s in links.sources else s for s in cited)
    label = "Sources" if len(cited) > 1 else "Source"
    parts.append(f"<p><small>{label}: {esc(citations)}</small></p>")
    parts.extend(f"<p><strong>\u26a0 {esc(n)}</strong></p>" for n in conflict_notes(event, links))
    if event.note:
        parts.append(f"<p><small>Note: {esc(event.note)}</small></p>")
    return "".join(parts)


def event_slide(event: Event, links: Links) -> dict[str, Any]:
    when = event.date
    known = when.lower if when.lower is not None else when.upper
    assert known is not None  # a date always has at least one known side
    slide: dict[str, Any] = {"start_date": date_object(known)}
    if when.lower is not None and when.upper is not None and when.is_interval:
        slide["end_date"] = date_object(when.upper)
    headline = f"{event.status.capitalize()}: {event.title}" if event.status else event.title
    slide["text"] = {"headline": esc(headline), "text": event_text(event, links)}
    group = group_label(event.tags)
    if group is not None:
        slide["group"] = group
    if needs_display_date(when):
        slide["display_date"] = prose_date(when)
    slide["unique_id"] = event.id
    return slide


def title_slide(listing: Listing) -> dict[str, Any]:
    meta = listing.links.meta
    parts = []
    if meta.description:
        parts.append(f"<p>{esc_lines(meta.description)}</p>")
    filters = " ".join(listing.filters) if listing.filters else "none (the whole dataset)"
    parts.append(
        f"<p><small>Filters: {esc(filters)}. Exported by synews {__version__}.</small></p>"
    )
    return {"text": {"headline": esc(meta.title or "Timeline"), "text": "".join(parts)}}


def timeline_document(listing: Listing) -> dict[str, Any]:
    """The whole TimelineJS document for an events listing."""
    return {
        "title": title_slide(listing),
        "events": [event_slide(event, listing.links) for event in listing.items],
        "scale": "human",
    }


def render_timelinejs(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    document = timeline_document(listing)
    out.write(escape_json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")
