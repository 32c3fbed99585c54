"""What an item disagrees with, in words, for every view that shows an item (terminal,
HTML, TimelineJS, show): the items it contradicts, and its sources' dates when they share
no day. Plain strings; each view escapes and styles them."""

from synews_cli.model import Claim, Event, dates_disagree, reported_dates
from synews_cli.render import Links


def conflict_notes(item: Event | Claim, links: Links) -> list[str]:
    """``contradicted by base-still-used (Ships seen at the northern pier)``,
    ``sources disagree on the date: The Harbour Herald 15 Oct 2025; Delta Monitor 17 Oct
    2025``."""
    notes = []
    for other in links.contradicts.get(item.id, ()):
        title = links.event_titles.get(other)
        notes.append(f"contradicts {other}" + (f" ({title})" if title else ""))
    if dates_disagree(item):
        dates = "; ".join(
            f"{_outlet(links, source)} {when.display()}" for source, when in reported_dates(item)
        )
        notes.append(f"sources disagree on the date: {dates}")
    return notes


def _outlet(links: Links, source_id: str) -> str:
    source = links.sources.get(source_id)
    return source.outlet if source is not None else source_id
