"""Stage: assembly. The builder's working state becomes frozen draft records.

People in order of first appearance (or their ids in the dataset the draft extends),
events and claims, each with a deterministic, unique id (a slug, then ``-2``, ``-3`` on a
clash), and the source record with what was guessed about it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from synews_cli.curate.extract.builder import Builder
from synews_cli.curate.extract.calendar import DateValue
from synews_cli.curate.extract.draft import Draft, DraftClaim, DraftEvent, DraftPerson, DraftSource
from synews_cli.curate.extract.source import SourceOptions, article_byline, article_title
from synews_cli.curate.extract.text_helpers import fold, slug
from synews_cli.curate.extract.vocabulary import STOPWORDS


class _Ids:
    """Deterministic, unique ids: a slug, then -2, -3 ... on a clash."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self.next_number: dict[str, int] = {}

    def make(self, base: str, fallback: str) -> str:
        base = base.strip("-") or fallback
        if not base[0].isalnum():
            base = f"{fallback}-{base}"
        candidate = base
        number = self.next_number.get(base, 2)
        while candidate in self.taken:
            candidate = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.taken.add(candidate)
        return candidate


def _significant(text: str, count: int) -> str:
    """A slug of the first ``count`` words that are not stopwords."""
    folded = re.sub(r"['’]\w*", "", fold(text))
    words = [w for w in re.findall(r"[^\W_]+", folded) if w not in STOPWORDS]
    return slug(" ".join(words), max_words=count)


def assemble(b: Builder, *, article_name: str, source: SourceOptions, taken: set[str]) -> Draft:
    """Frozen draft records with deterministic ids."""
    ids = _Ids(taken | {source.id})
    person_ids, people = _draft_people(b, ids)
    event_ids: list[str] = []
    events: list[DraftEvent] = []
    for event in b.events:
        event_ids.append(ids.make(_significant(event.title, 5), "event"))
        reviews = [event.date.review] if event.date.review else []
        events.append(
            DraftEvent(
                event_ids[-1],
                event.date,
                event.title,
                event.summary,
                source.id,
                tuple(dict.fromkeys(reviews)),
                tuple(event.also),
            )
        )
    claims: list[DraftClaim] = []
    for claim in b.claims:
        pid = person_ids[claim.speaker]
        speaker = b.speakers[claim.speaker]
        who_words = pid.split("-")
        named = speaker.kind == "person" and speaker.identity != "anonymous"
        who = who_words[-1:] if named else who_words[-2:]  # "trad", "shop-owners"
        words = [w for w in _significant(claim.text, 12).split("-") if w and w not in who_words]
        date_value = claim.date or DateValue(source.published)
        reviews = [*claim.review, *([date_value.review] if date_value.review else [])]
        claims.append(
            DraftClaim(
                ids.make("-".join([*who, *words[:4]]), "claim"),
                pid,
                claim.kind,
                claim.text,
                date_value,
                source.id,
                context=claim.context,
                about=tuple(dict.fromkeys(event_ids[i] for i in claim.about)),
                review=tuple(dict.fromkeys(reviews)),
            )
        )
    return Draft(
        article=article_name,
        source_id=source.id,
        source=None if source.exists else _draft_source(b, source),
        people=tuple(people),
        events=tuple(events),
        claims=tuple(claims),
        skipped=tuple(b.skipped),
    )


def _draft_source(b: Builder, options: SourceOptions) -> DraftSource:
    reviews: list[str] = []
    outlet = options.outlet
    if outlet is None and b.outlet_guess:
        outlet = b.outlet_guess
        reviews.append(f'outlet guessed from "told {outlet}"; give --outlet to set it')
    if outlet is None:
        outlet = "Unknown outlet"
        reviews.append("the outlet is not known; give --outlet")
    reviews += [r for r in (options.published_review, options.text_file_review) if r]
    paragraphs = list(b.doc.paragraphs)
    return DraftSource(
        options.id,
        outlet,
        options.published,
        title=options.title or article_title(paragraphs),
        author=options.author or article_byline(paragraphs),
        url=options.url,
        text_file=options.text_file,
        review=tuple(reviews),
    )


def _draft_people(b: Builder, ids: _Ids) -> tuple[dict[int, str], list[DraftPerson]]:
    """Everyone who speaks in a claim, in order of first appearance."""
    speaking = list(dict.fromkeys(claim.speaker for claim in b.claims))
    # A surname two speakers share ("Delgado") is an alias of neither.
    alias_count = Counter(fold(a) for key in speaking for a in set(b.speakers[key].aliases))
    person_ids: dict[int, str] = {}
    people: list[DraftPerson] = []
    for key in speaking:
        speaker = b.speakers[key]
        if speaker.existing_id is not None:
            person_ids[key] = speaker.existing_id
            people.append(DraftPerson(speaker.existing_id, speaker.name, existing=True))
            continue
        base = slug(speaker.name)
        if speaker.kind == "person" and speaker.identity == "anonymous":
            described = re.sub(
                r"^(?:a|an|the|one of the|one of|some|many|two|three)\s+",
                "",
                speaker.description or speaker.name,
                flags=re.IGNORECASE,
            )
            base = slug(described, max_words=5)
        person_ids[key] = ids.make(base, "person")
        aliases = tuple(
            dict.fromkeys(
                a
                for a in speaker.aliases
                if fold(a) != fold(speaker.name) and alias_count[fold(a)] == 1
            )
        )
        people.append(
            DraftPerson(
                person_ids[key],
                speaker.name,
                role=speaker.role,
                affiliation=speaker.affiliation,
                aliases=aliases,
                kind=speaker.kind,
                identity=speaker.identity,
                identity_note=speaker.identity_note,
                note=speaker.note,
            )
        )
    return person_ids, people
