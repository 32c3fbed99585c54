"""``--format html``: one self-contained page, readable offline, printable, without scripts.

The page makes no network request: the CSS is inline, there are no fonts, images or scripts,
and a Content-Security-Policy meta tag (``default-src 'none'``) forbids loading anything
should a later edit add a reference. Every piece of dataset text is escaped, after removing
control and bidirectional-override characters, so ``<script>`` in a title shows as text.

Timelines (``synews timeline``) are grouped by year, each event with its statements; quotes
(``synews quotes``) are grouped by speaker.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import TextIO
from urllib.parse import urlsplit

from synews_cli import __version__
from synews_cli.dates import MONTH_NAMES, EdtfDate, Point
from synews_cli.model import Claim, Event, Person, chronological
from synews_cli.render import Links, Listing, RenderOptions
from synews_cli.render.disputes import conflict_notes
from synews_cli.render.timelinejs import esc, prose_date
from synews_cli.text import fold

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@cache
def style() -> str:
    """The page's CSS (page.css), inlined: the page loads nothing."""
    return resources.files("synews_cli.render").joinpath("page.css").read_text("utf-8")


KIND_LABELS = {"quote": "Quote", "paraphrase": "Paraphrase", "no-comment": "No comment"}
KIND_NOTES = {
    "quote": "the speaker's own words, verbatim",
    "paraphrase": "the outlet's report of what was said",
    "no-comment": "declined to comment or did not respond",
}
MIDDLE_DOT = " \u00b7 "
STATUS_LABELS = {
    "open": "open",
    "came-true": "came true",
    "proved-false": "proved false",
    "disputed": "disputed",
}


def now_utc() -> datetime:
    """When the page was made: SOURCE_DATE_EPOCH if set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def generated_at(options: RenderOptions) -> datetime:
    moment = options.generated or now_utc()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links: a ``javascript:`` URL in the data must not become a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def time_tag(point: Point) -> str:
    text = point.edtf().rstrip("~?%")
    return f'<time datetime="{text}">{esc(point.prose())}</time>'


def date_html(when: EdtfDate) -> str:
    """The date with ``<time>`` elements, worded as :func:`prose_date` words it."""
    return when.prose(time_tag)


def badges(when: EdtfDate) -> list[str]:
    found = []
    if when.approximate:
        found.append("approximate")
    if when.uncertain:
        found.append("uncertain")
    if when.is_interval:
        found.append("span")
    if when.is_interval and (when.lower is None or when.upper is None):
        side = "start" if when.lower is None else "end"
        unknown = when.start_unknown or when.end_unknown
        found.append(f"{'unknown' if unknown else 'open'} {side}")
    return found


def date_classes(when: EdtfDate) -> list[str]:
    classes = []
    if when.is_interval:
        classes.append("interval")
    if when.approximate:
        classes.append("approximate")
    if when.uncertain:
        classes.append("uncertain")
    return classes


def extent(dates: Iterable[EdtfDate]) -> tuple[date, date] | None:
    """First and last known day: the scale that interval tracks are drawn against."""
    days = [d for when in dates for d in (when.start, when.end) if d is not None]
    return (min(days), max(days)) if days else None


def track_html(when: EdtfDate, scale: tuple[date, date] | None) -> str:
    """An interval drawn as a span on the story's scale; an open side fades to the edge."""
    if not when.is_interval or scale is None:
        return ""
    low, high = scale
    total = max((high - low).days, 1)
    start = max(when.start or low, low)
    end = min(when.end or high, high)
    left = (start - low).days / total * 100
    width = max((end - start).days / total * 100, 0.0)
    classes = ["span"]
    if when.open_start:
        classes.append("open-start")
    if when.open_end:
        classes.append("open-end")
    # Short spans keep a visible minimum (wider when a fade must show) inside the track.
    least = "1.5rem" if len(classes) > 1 else ".4rem"
    style = f"left:min({left:.2f}%,calc(100% - {least}));width:max({width:.2f}%,{least})"
    label = f"span: {prose_date(when)}, on a scale from {low.year} to {high.year}"
    return (
        f'<div class="track" role="img" aria-label="{esc(label)}">'
        f'<span class="{" ".join(classes)}" style="{style}"></span>'
        f"</div>"
        f'<div class="track-scale" aria-hidden="true"><span>{low.year}</span>'
        f"<span>{high.year}</span></div>"
    )


def sources_html(links: Links, item: Event | Claim) -> str:
    """``Source: citation`` or ``Sources: citation; citation``."""
    cited = item.cited()
    label = "Sources" if len(cited) > 1 else "Source"
    return f'<p class="source">{label}: {"; ".join(citation_html(links, s) for s in cited)}</p>'


def conflicts_html(item: Event | Claim, links: Links) -> str:
    """What the item disagrees with (render/disputes.py), one line each; empty when none."""
    notes = conflict_notes(item, links)
    return "".join(f'<p class="conflict">\u26a0 {esc(note)}</p>' for note in notes)


def citation_html(links: Links, source_id: str) -> str:
    source = links.sources.get(source_id)
    if source is None:
        return esc(source_id)
    url = safe_url(source.url)
    if url is None:  # no link, or one that must not be clickable (javascript:, data:)
        return esc(source.citation())
    text = esc(source._replace(url=None).citation())
    return f'{text}, <a href="{esc(url)}" rel="noreferrer">{esc(url)}</a>'


def year_of(when: EdtfDate) -> int:
    start = when.start or when.end
    assert start is not None
    return start.year


# --- Pieces of the page ------------------------------------------------------------------------


def head(title: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="synews {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{style()}</style>\n</head>\n"
    )


def masthead(listing: Listing, kicker: str, counts: str, options: RenderOptions) -> str:
    title = listing.links.meta.title
    description = listing.links.meta.description
    moment = generated_at(options)
    filters = (
        " ".join(f"<code>{esc(f)}</code>" for f in listing.filters)
        if listing.filters
        else "none: the whole dataset"
    )
    parts = [
        '<header class="masthead">',
        f'<p class="kicker">{esc(kicker)}</p>',
        f"<h1>{esc(title or 'synews')}</h1>",
    ]
    if description:
        parts.append(f'<p class="description">{esc(description)}</p>')
    parts += [
        '<dl class="meta">',
        f"<dt>Showing</dt><dd>{counts}</dd>",
        f"<dt>Filters</dt><dd>{filters}</dd>",
        f'<dt>Generated</dt><dd><time datetime="{moment.strftime("%Y-%m-%dT%H:%M:%SZ")}">'
        f"{moment.day} {MONTH_NAMES[moment.month - 1]} {moment.year}, "
        f"{moment.hour:02d}:{moment.minute:02d} UTC</time>"
        f" by synews {esc(__version__)}</dd>",
        "</dl>",
        "</header>",
    ]
    return "\n".join(parts)


LEGEND_EVENTS = (
    (
        '<span class="dot"></span>',
        "An event, dated as precisely as its source allows: a year, a month or a day",
    ),
    (
        '<span class="dot bar"></span>',
        "A span of time; the bar beneath it shows where the span falls in the story",
    ),
    (
        '<span class="dot approx"></span>',
        '<b>c.</b> and <span class="badge">approximate</span>: an approximate date',
    ),
    (
        '<span class="dot"></span><b class="q">?</b>',
        '<span class="badge">uncertain</span>: the source is not sure of the date',
    ),
    (
        '<span class="fade"></span>',
        "<b>from</b> or <b>until</b> and a fading bar: a span with an open end or start",
    ),
)


def legend(*, events: bool) -> str:
    """What the markers, badges and statement styles mean, in words (no colour needed)."""
    rows = list(LEGEND_EVENTS) if events else []
    rows += [
        (
            f'<span class="statement {kind}"><span class="label">{KIND_LABELS[kind]}</span></span>',
            KIND_NOTES[kind],
        )
        for kind in ("quote", "paraphrase", "no-comment")
    ]
    rows.append(
        ("<b>(anonymous)</b>", "also <b>(pseudonym)</b>: how the source identifies the speaker")
    )
    items = "".join(
        f'<li><span class="sample">{sample}</span><span>{meaning}</span></li>'
        for sample, meaning in rows
    )
    return (
        '<section class="legend" aria-labelledby="legend-heading">'
        '<h2 id="legend-heading">How to read this page</h2>'
        f"<ul>{items}</ul></section>"
    )


def speaker_html(person: Person) -> str:
    text = f'<span class="speaker">{esc(person.label())}</span>'
    role = person.role_line()
    if role:
        text += f', <span class="role">{esc(role)}</span>'
    return text


def _titles(links: Links, event_ids: Iterable[str]) -> list[str]:
    return [links.event_titles.get(e, e) for e in event_ids]


def statement_html(
    claim: Claim, links: Links, *, with_speaker: bool, under: Event | None = None
) -> str:
    """One statement, its kind visible in words as well as in style. Under an event its id
    names both (a statement about two events appears twice; ':' is never in a dataset id)."""
    anchor = f"claim-{claim.id}" if under is None else f"event-{under.id}:claim-{claim.id}"
    parts = [f'<li class="statement {esc(claim.kind)}" id="{esc(anchor)}">']
    label = KIND_LABELS.get(claim.kind, claim.kind)
    parts.append(
        f'<p class="meta-line"><span class="label">{esc(label)}</span> \u00b7 '
        f"{date_html(claim.date)}"
        + (f" \u00b7 {esc(STATUS_LABELS.get(claim.status, claim.status))}" if claim.status else "")
        + "</p>"
    )
    if claim.kind == "quote":
        parts.append(f'<blockquote><p class="text">\u201c{esc(claim.text)}\u201d</p></blockquote>')
        if claim.context and claim.context.strip() != claim.text.strip():
            parts.append(f'<p class="context">{esc(claim.context)}</p>')
    else:
        parts.append(f'<p class="text">{esc(claim.text)}</p>')
        if claim.context:
            parts.append(f'<p class="context">{esc(claim.context)}</p>')
    person = links.people.get(claim.speaker)
    if with_speaker and person is not None:
        parts.append(f'<p class="attribution">\u2014 {speaker_html(person)}</p>')
    details = []
    if claim.about and with_speaker is False:  # under an event, "about" is the event itself
        details.append("about: " + esc("; ".join(_titles(links, claim.about))))
    if claim.topics:
        details.append("topics: " + esc(", ".join(claim.topics)))
    if claim.evidence:
        details.append("evidence: " + esc("; ".join(_titles(links, claim.evidence))))
    if claim.evidence_note:
        details.append("evidence note: " + esc(claim.evidence_note))
    if details:
        parts.append(f'<p class="meta-line">{MIDDLE_DOT.join(details)}</p>')
    parts.append(sources_html(links, claim))
    parts.append(conflicts_html(claim, links))
    if claim.note:
        parts.append(f'<p class="note">Note: {esc(claim.note)}</p>')
    parts.append("</li>")
    return "".join(parts)


def facts_html(event: Event) -> str:
    rows = []
    if event.places:
        rows.append(f"<dt>Where</dt><dd>{esc(', '.join(event.places))}</dd>")
    if event.actors:
        rows.append(f"<dt>Who</dt><dd>{esc(', '.join(event.actors))}</dd>")
    if event.tags:
        tags = "".join(f'<span class="tag">{esc(t)}</span>' for t in event.tags)
        rows.append(f"<dt>Tags</dt><dd>{tags}</dd>")
    return f'<dl class="facts">{"".join(rows)}</dl>' if rows else ""


def event_html(event: Event, links: Links, scale: tuple[date, date] | None) -> str:
    status = [f"status-{event.status}"] if event.status else []
    classes = " ".join(["event", *date_classes(event.date), *status])
    when = date_html(event.date) + "".join(
        f' <span class="badge">{b}</span>' for b in badges(event.date)
    )
    if event.status:
        when += f' <span class="badge status">{esc(event.status)}</span>'
    parts = [
        f'<li class="{classes}" id="event-{esc(event.id)}">',
        '<span class="marker" aria-hidden="true"></span>',
        "<article>",
        f'<p class="when">{when}</p>',
        track_html(event.date, scale),
        f"<h3>{esc(event.title)}</h3>",
    ]
    if event.summary:
        parts.append(f'<p class="summary">{esc(event.summary)}</p>')
    parts.append(facts_html(event))
    parts.append(sources_html(links, event))
    parts.append(conflicts_html(event, links))
    if event.note:
        parts.append(f'<p class="note">Note: {esc(event.note)}</p>')
    statements = links.statements_about.get(event.id, ())
    if statements:
        count = len(statements)
        parts.append(
            f"<h4>{count} statement{'s' if count != 1 else ''} about this</h4>"
            '<ul class="statements">'
            + "".join(statement_html(c, links, with_speaker=True, under=event) for c in statements)
            + "</ul>"
        )
    parts += ["</article>", "</li>"]
    return "\n".join(p for p in parts if p)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def timeline_body(listing: Listing) -> tuple[str, str]:
    """The year-grouped events, and the counts line for the header."""
    events: Sequence[Event] = listing.items
    links = listing.links
    scale = extent(e.date for e in events)
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(year_of(event.date), []).append(event)
    # Years run the way the listing runs (--reverse: newest first); an open start such as
    # ../2024-12 sorts first in the listing but belongs to its known year.
    newest_first = len(events) > 1 and chronological(events[0]) > chronological(events[-1])
    groups = sorted(by_year.items(), reverse=newest_first)
    statements = {c.id for e in events for c in links.statements_about.get(e.id, ())}
    counts = (
        f"{_plural(len(events), 'event')}, with {_plural(len(statements), 'statement')} about them"
    )
    if not events:
        return '<p class="empty">No events matched these filters.</p>', counts
    nav = (
        '<nav class="years" aria-label="Years"><ol>'
        + "".join(
            f'<li><a href="#year-{year}">{year} '
            f'<span class="count">\u00b7 {len(items)}</span></a></li>'
            for year, items in groups
        )
        + "</ol></nav>"
    )
    sections = [nav]
    for year, items in groups:
        sections.append(
            f'<section class="year" aria-labelledby="year-{year}">'
            f'<h2 class="year-heading" id="year-{year}">{year}</h2>'
            '<ol class="events">\n'
            + "\n".join(event_html(e, links, scale) for e in items)
            + "\n</ol></section>"
        )
    return "\n".join(sections), counts


def quotes_body(listing: Listing) -> tuple[str, str]:
    """Statements grouped by speaker (speakers in alphabetical order, statements as listed)."""
    claims: Sequence[Claim] = listing.items
    links = listing.links
    by_speaker: dict[str, list[Claim]] = {}
    for claim in claims:
        by_speaker.setdefault(claim.speaker, []).append(claim)
    people = sorted(
        (links.people[p] for p in by_speaker if p in links.people),
        key=lambda p: (fold(p.name), p.id),
    )
    counts = f"{_plural(len(claims), 'statement')} by {_plural(len(people), 'speaker')}"
    if not claims:
        return '<p class="empty">No statements matched these filters.</p>', counts
    sections = []
    for person in people:
        said = by_speaker[person.id]
        details = [person.role_line()] if person.role_line() else []
        if person.kind != "person":
            details.append(person.kind)
        if person.identity_note:
            details.append(person.identity_note)
        sections.append(
            f'<section class="person" id="person-{esc(person.id)}">'
            f"<h2>{esc(person.label())}</h2>"
            + (f'<p class="person-role">{esc("; ".join(details))}</p>' if details else "")
            + '<ul class="statements">'
            + "".join(statement_html(c, links, with_speaker=False) for c in said)
            + "</ul></section>"
        )
    return "\n".join(sections), counts


def page(listing: Listing, options: RenderOptions, *, kicker: str, events: bool) -> str:
    body, counts = timeline_body(listing) if events else quotes_body(listing)
    title = listing.links.meta.title or "synews"
    return (
        head(f"{title} \u2014 {kicker}")
        + '<body>\n<div class="page">\n'
        + masthead(listing, kicker, counts, options)
        + "\n<main>\n"
        + legend(events=events)
        + "\n"
        + body
        + "\n</main>\n"
        + "<footer><p>Made with synews from a curated, sourced dataset. Every event and "
        "statement cites its source; dates are no more precise than the source.</p></footer>\n"
        + "</div>\n</body>\n</html>\n"
    )


def render_html(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    if listing.kind == "claims":
        out.write(page(listing, options, kicker="Who said what", events=False))
    else:
        out.write(page(listing, options, kicker="Timeline", events=True))
