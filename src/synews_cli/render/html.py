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
from typing import TextIO
from urllib.parse import urlsplit

from synews_cli import __version__
from synews_cli.dates import MONTH_NAMES, EdtfDate, Point
from synews_cli.model import Claim, Dataset, Event, Person
from synews_cli.query.filters import event_order
from synews_cli.query.links import claims_about
from synews_cli.render import Listing, RenderOptions
from synews_cli.render.timelinejs import esc, prose_date
from synews_cli.text import fold

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

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

STYLE = """
:root {
  --ink: #1b1b1b; --muted: #4d4d4d; --paper: #fdfcf9; --card: #ffffff; --rule: #d6d3cc;
  --accent: #0b4f8a; --accent-soft: #dce8f3; --quote: #1c6434; --paraphrase: #7a4d00;
  --nocomment: #5c5c5c; --track: #e7e4dd;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #ecebe7; --muted: #b9b7b0; --paper: #161615; --card: #1f1f1d; --rule: #3b3a36;
    --accent: #8cc2f2; --accent-soft: #1d3347; --quote: #8fd6a4; --paraphrase: #f0c26b;
    --nocomment: #bdbdbd; --track: #34332f;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 1.0625rem/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
}
.page { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1, h2, h3, h4, .kicker, .when, .meta, .legend, nav, .badge, .label, footer {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: clamp(1.6rem, 4.5vw, 2.4rem); line-height: 1.2; margin: .2rem 0 .8rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 1rem; }
h3 { font-size: 1.15rem; line-height: 1.35; margin: .25rem 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .5rem; color: var(--muted); }
p { margin: 0 0 .6rem; }
a { color: var(--accent); }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; color: var(--accent);
  font-weight: 700; margin: 0; }
.description { font-size: 1.1rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .9rem;
  color: var(--muted); margin: 1rem 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.legend { border: 1px solid var(--rule); background: var(--card); border-radius: .5rem;
  padding: .75rem 1rem; font-size: .88rem; margin: 1.5rem 0; }
.legend h2 { font-size: 1rem; margin: 0 0 .5rem; }
.legend ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .35rem;
  grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); }
.legend li { display: flex; gap: .5rem; align-items: baseline; }
.legend .sample { flex: none; width: 7.5rem; display: inline-flex; justify-content: center;
  align-items: center; gap: .2rem; }
.legend .statement { margin: 0; padding: .1rem 0 .1rem .5rem; }
.dot { display: inline-block; width: .95rem; height: .95rem; border-radius: 50%;
  background: var(--accent); }
.dot.bar { height: 1.6rem; border-radius: .5rem; }
.dot.approx { background: transparent; border: 2px dashed var(--accent); }
.q { color: var(--accent); }
.fade { display: inline-block; width: 3rem; height: .5rem; border-radius: .25rem;
  background: linear-gradient(to right, transparent, var(--accent)); }
nav.years .count { color: var(--muted); }
nav.years { font-size: .9rem; margin: 1rem 0; }
nav.years ol { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
  gap: .4rem; }
nav.years a { display: inline-block; padding: .1rem .55rem; border: 1px solid var(--rule);
  border-radius: 1rem; text-decoration: none; }
.year-heading { position: relative; padding-left: 2.25rem; }
.year-heading::before { content: ""; position: absolute; left: .55rem; top: 50%; width: 1rem;
  height: 1rem; margin-top: -.5rem; border-radius: 50%; background: var(--accent); }
ol.events { list-style: none; margin: 0; padding: 0 0 0 2.25rem; position: relative; }
ol.events::before { content: ""; position: absolute; left: .95rem; top: 0; bottom: 0; width: 2px;
  background: var(--rule); }
li.event { position: relative; margin: 0 0 1.25rem; }
.marker { position: absolute; left: -1.7rem; top: .45rem; width: .95rem; height: .95rem;
  border-radius: 50%; background: var(--accent); border: 2px solid var(--paper); }
.interval > .marker { height: 2.6rem; border-radius: .5rem; }
.approximate > .marker { background: var(--paper); border: 2px dashed var(--accent); }
.uncertain > .marker::after { content: "?"; position: absolute; left: 1.1rem; top: -.3rem;
  font: 700 .8rem system-ui, sans-serif; color: var(--accent); }
article { background: var(--card); border: 1px solid var(--rule); border-radius: .5rem;
  padding: .85rem 1rem .6rem; }
.when { font-size: .9rem; font-weight: 600; color: var(--accent); margin: 0; display: flex;
  flex-wrap: wrap; gap: .35rem; align-items: center; }
.badge { font-size: .72rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  border: 1px solid currentColor; border-radius: .25rem; padding: 0 .3rem; color: var(--muted); }
.track { position: relative; height: .5rem; background: var(--track); border-radius: .25rem;
  margin: .5rem 0 .1rem; }
.track .span { position: absolute; top: 0; bottom: 0; min-width: .4rem; background: var(--accent);
  border-radius: .25rem; }
.track .open-start { border-top-left-radius: 0; border-bottom-left-radius: 0;
  background: linear-gradient(to right, transparent, var(--accent) min(2.5rem, 70%)); }
.track .open-end { border-top-right-radius: 0; border-bottom-right-radius: 0;
  background: linear-gradient(to left, transparent, var(--accent) min(2.5rem, 70%)); }
.track-scale { display: flex; justify-content: space-between; font-size: .72rem;
  color: var(--muted); font-family: system-ui, sans-serif; margin-bottom: .4rem; }
.summary, .text, .context { white-space: pre-line; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem;
  font-size: .9rem; margin: .4rem 0; }
dl.facts dt { font-family: system-ui, sans-serif; font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.tag { display: inline-block; font-family: system-ui, sans-serif; font-size: .8rem;
  background: var(--accent-soft); border-radius: .25rem; padding: 0 .35rem;
  margin: 0 .2rem .2rem 0; }
.source, .note { font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
ul.statements { list-style: none; margin: 0; padding: 0; }
.statement { border-left: 4px solid var(--quote); padding: .3rem 0 .3rem .8rem; margin: 0 0 .8rem; }
.statement.paraphrase { border-left-style: dashed; border-left-color: var(--paraphrase); }
.statement.no-comment { border-left-style: dotted; border-left-color: var(--nocomment); }
.label { font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; }
.quote .label { color: var(--quote); }
.paraphrase .label { color: var(--paraphrase); }
.no-comment .label { color: var(--nocomment); }
blockquote { margin: .2rem 0; font-size: 1.05rem; }
.paraphrase .text, .no-comment .text { font-style: italic; }
.context { font-size: .9rem; color: var(--muted); }
.attribution { font-size: .9rem; margin: .2rem 0; }
.speaker { font-weight: 700; }
.role, .statement .meta-line { color: var(--muted); font-size: .85rem; }
section.person { margin: 0 0 2rem; }
section.person > h2 { margin-bottom: .2rem; }
.person-role { color: var(--muted); margin: 0 0 .8rem; }
.empty { font-style: italic; color: var(--muted); }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--rule);
  padding-top: .8rem; }
@media (max-width: 30rem) {
  body { font-size: 1rem; }
  .page { padding: 1rem .75rem 3rem; }
  ol.events { padding-left: 1.6rem; }
  ol.events::before { left: .55rem; }
  .marker { left: -1.4rem; }
  .year-heading { padding-left: 1.6rem; }
  .year-heading::before { left: .15rem; }
  article { padding: .7rem .75rem .5rem; }
  dl.facts, dl.meta { grid-template-columns: 1fr; }
  .legend .sample { width: 6.2rem; }
  dl.facts dd, dl.meta dd { margin-bottom: .3rem; }
}
@media print {
  :root { --ink: #000; --muted: #333; --paper: #fff; --card: #fff; --rule: #999;
    --accent: #000; --accent-soft: #eee; --quote: #000; --paraphrase: #000; --nocomment: #000;
    --track: #ddd; }
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  nav.years { display: none; }
  article, .statement, .legend { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .track, .track .span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


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
        found.append("open start" if when.lower is None else "open end")
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
    if when.lower is None:
        classes.append("open-start")
    if when.upper is None:
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


def citation_html(dataset: Dataset | None, source_id: str) -> str:
    source = dataset.source_by_id.get(source_id) if dataset else None
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
        f"<style>{STYLE}</style>\n</head>\n"
    )


def masthead(listing: Listing, kicker: str, counts: str, options: RenderOptions) -> str:
    dataset = listing.dataset
    title = dataset.meta.title if dataset else listing.title
    description = dataset.meta.description if dataset else ""
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


def _titles(dataset: Dataset, event_ids: Iterable[str]) -> list[str]:
    return [dataset.event_by_id[e].title if e in dataset.event_by_id else e for e in event_ids]


def statement_html(
    claim: Claim, dataset: Dataset, *, with_speaker: bool, under: Event | None = None
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
    person = dataset.person_by_id.get(claim.speaker)
    if with_speaker and person is not None:
        parts.append(f'<p class="attribution">\u2014 {speaker_html(person)}</p>')
    details = []
    if claim.about and with_speaker is False:  # under an event, "about" is the event itself
        details.append("about: " + esc("; ".join(_titles(dataset, claim.about))))
    if claim.topics:
        details.append("topics: " + esc(", ".join(claim.topics)))
    if claim.evidence:
        details.append("evidence: " + esc("; ".join(_titles(dataset, claim.evidence))))
    if claim.evidence_note:
        details.append("evidence note: " + esc(claim.evidence_note))
    if details:
        parts.append(f'<p class="meta-line">{MIDDLE_DOT.join(details)}</p>')
    parts.append(f'<p class="source">Source: {citation_html(dataset, claim.source)}</p>')
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


def event_html(event: Event, dataset: Dataset | None, scale: tuple[date, date] | None) -> str:
    classes = " ".join(["event", *date_classes(event.date)])
    when = date_html(event.date) + "".join(
        f' <span class="badge">{b}</span>' for b in badges(event.date)
    )
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
    parts.append(f'<p class="source">Source: {citation_html(dataset, event.source)}</p>')
    if event.note:
        parts.append(f'<p class="note">Note: {esc(event.note)}</p>')
    statements = claims_about(dataset, event.id) if dataset else []
    if statements and dataset is not None:
        count = len(statements)
        parts.append(
            f"<h4>{count} statement{'s' if count != 1 else ''} about this</h4>"
            '<ul class="statements">'
            + "".join(
                statement_html(c, dataset, with_speaker=True, under=event) for c in statements
            )
            + "</ul>"
        )
    parts += ["</article>", "</li>"]
    return "\n".join(p for p in parts if p)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def timeline_body(listing: Listing) -> tuple[str, str]:
    """The year-grouped events, and the counts line for the header."""
    events: Sequence[Event] = listing.items
    dataset = listing.dataset
    scale = extent(e.date for e in events)
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(year_of(event.date), []).append(event)
    # Years run the way the listing runs (--reverse: newest first); an open start such as
    # ../2024-12 sorts first in the listing but belongs to its known year.
    newest_first = len(events) > 1 and event_order(events[0]) > event_order(events[-1])
    groups = sorted(by_year.items(), reverse=newest_first)
    statements = {c.id for e in events for c in (claims_about(dataset, e.id) if dataset else [])}
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
            + "\n".join(event_html(e, dataset, scale) for e in items)
            + "\n</ol></section>"
        )
    return "\n".join(sections), counts


def quotes_body(listing: Listing) -> tuple[str, str]:
    """Statements grouped by speaker (speakers in alphabetical order, statements as listed)."""
    claims: Sequence[Claim] = listing.items
    dataset = listing.dataset
    assert dataset is not None
    by_speaker: dict[str, list[Claim]] = {}
    for claim in claims:
        by_speaker.setdefault(claim.speaker, []).append(claim)
    people = sorted(
        (dataset.person_by_id[p] for p in by_speaker if p in dataset.person_by_id),
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
            + "".join(statement_html(c, dataset, with_speaker=False) for c in said)
            + "</ul></section>"
        )
    return "\n".join(sections), counts


def page(listing: Listing, options: RenderOptions, *, kicker: str, events: bool) -> str:
    body, counts = timeline_body(listing) if events else quotes_body(listing)
    dataset = listing.dataset
    title = (dataset.meta.title if dataset else listing.title) or "synews"
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
