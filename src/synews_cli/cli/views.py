"""What the listing commands share: what a listing needs from the store, what the views
show beside the items, and the notes on stderr about a query.

No ``from __future__ import annotations`` here (see browse.py).
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from synews_cli.model import Claim, Event

if TYPE_CHECKING:
    from synews_cli.query.filters import ClaimQuery, EventQuery
    from synews_cli.query.people import SpeakerMatch
    from synews_cli.render import Format, Links
    from synews_cli.store.reader import Dataset


def searching(search: str | None) -> dict[str, bool]:
    """What a listing's --search asks of the store: its full-text index, and for a prefix
    (``negotiat*``) the words as written."""
    return {"full_text": search is not None, "words": search is not None and "*" in search}


# --- What the views show beside the items ------------------------------------------------


def links(
    dataset: "Dataset",
    fmt: "Format | None" = None,
    *,
    events: Sequence["Event"] = (),
    claims: Sequence["Claim"] = (),
) -> "Links":
    """The people and sources every view may cite; for the pages (html, timelinejs) also
    the statements about each event and the titles of the events statements name."""
    from synews_cli.render import Links

    about: dict[str, list[Claim]] = {}
    titles: dict[str, str] = {}
    if fmt is not None and fmt.pages:
        from synews_cli.query.links import event_titles, statements_about

        about = statements_about(dataset, [event.id for event in events])
        said = [*claims, *(claim for found in about.values() for claim in found)]
        titles = event_titles(dataset, said)
    contradicts: dict[str, list[str]] = {}
    for item, other in dataset.contradictions():
        for one, two in ((item, other), (other, item)):
            if two not in contradicts.setdefault(one, []):
                contradicts[one].append(two)
    return Links(
        dataset.meta, dataset.person_by_id, dataset.source_by_id, about, titles, contradicts
    )


def nothing_note(dataset: "Dataset", query: "EventQuery | ClaimQuery", plural: str) -> str | None:
    """Why a listing is empty when a value it asks for is in no item, with the closest
    known values; None leaves the usual note."""
    from synews_cli.query.filters import why_nothing

    notes = why_nothing(dataset, query)
    if not notes:
        return None
    return f"no {plural} matched ({' '.join(query.describe())}): {'; '.join(notes)}"


def note_ambiguous(matches: Sequence["SpeakerMatch"]) -> None:
    """A note on stderr for each --speaker that matched several people."""
    from synews_cli.render.output import message

    for match in matches:
        if len(match.people) > 1:
            names = ", ".join(p.name for p in match.people)
            message(f"note: --speaker {match.name!r} matches {len(match.people)} people: {names}")
