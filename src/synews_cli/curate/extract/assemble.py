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
from synews_cli.curate.extract.draft import (
    Draft,
    DraftClaim,
    DraftEvent,
    DraftPerson,
    DraftReport,
    DraftSource,
)
from synews_cli.curate.extract.known import Known
from synews_cli.curate.extract.known_items import Recorded, text_key
from synews_cli.curate.extract.source import SourceOptions, article_byline, article_title
from synews_cli.curate.extract.text_helpers import fold, slug
from synews_cli.curate.extract.vocabulary import STOPWORDS
from synews_cli.model import Claim


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


def assemble(
    b: Builder, *, article_name: str, source: SourceOptions, taken: set[str], known: Known
) -> Draft:
    """Frozen draft records with deterministic ids; what ``known`` says is recorded becomes
    a report of the recorded item, or is left out when it cites the source already."""
    ids = _Ids(taken | {source.id})
    drafted = [i for i in range(len(b.claims)) if i not in known.claims]
    person_ids, people = _draft_people(b, ids, drafted, known)
    reports: list[DraftReport] = []
    recorded: list[str] = []
    event_ids: dict[int, str] = {}
    events: list[DraftEvent] = []
    for index, event in enumerate(b.events):
        match = known.events.get(index)
        if match is not None:
            event_ids[index] = match.item.id
            _report(match, source.id, event.date, None, event.summary, reports, recorded)
            continue
        event_ids[index] = ids.make(_significant(event.title, 5), "event")
        reviews = [event.date.review] if event.date.review else []
        facets = known.event_facets[index]
        events.append(
            DraftEvent(
                event_ids[index],
                event.date,
                event.title,
                event.summary,
                source.id,
                tuple(dict.fromkeys(reviews)),
                tuple(event.also),
                places=facets.places,
                actors=facets.actors,
                tags=facets.tags,
            )
        )
    claims: list[DraftClaim] = []
    reviewed: set[int] = set()
    for index, claim in enumerate(b.claims):
        date_value = claim.date or DateValue(source.published)
        match = known.claims.get(index)
        if match is not None:
            wording = claim.context or claim.text
            _report(match, source.id, date_value, claim.text, wording, reports, recorded)
            continue
        pid = person_ids[claim.speaker]
        speaker = b.speakers[claim.speaker]
        who_words = pid.split("-")
        named = speaker.kind == "person" and speaker.identity != "anonymous"
        who = who_words[-1:] if named else who_words[-2:]  # "trad", "shop-owners"
        words = [w for w in _significant(claim.text, 12).split("-") if w and w not in who_words]
        reviews = [*claim.review, *([date_value.review] if date_value.review else [])]
        if (
            claim.speaker in known.person_reviews
            and claim.speaker in known.person_ids
            and (claim.speaker not in reviewed)
        ):
            reviewed.add(claim.speaker)  # why the speaker was read so: on their first claim
            reviews.insert(0, known.person_reviews[claim.speaker])
        links = known.claim_about.get(index, [])
        about = [event_ids[i] for i in claim.about] + [link.event_id for link in links]
        reviews += [link.review for link in links if link.review]
        claims.append(
            DraftClaim(
                ids.make("-".join([*who, *words[:4]]), "claim"),
                pid,
                claim.kind,
                claim.text,
                date_value,
                source.id,
                context=claim.context,
                about=tuple(dict.fromkeys(about)),
                review=tuple(dict.fromkeys(reviews)),
                topics=known.claim_topics[index],
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
        reports=tuple(reports),
        recorded=tuple(dict.fromkeys(recorded)),
    )


def _report(
    match: Recorded,
    source_id: str,
    date: DateValue,
    text: str | None,
    wording: str,
    reports: list[DraftReport],
    recorded: list[str],
) -> None:
    """A drafted item the dataset records: left out when it cites the source already,
    else a report of it. Its date is given only when the article dates it (a statement
    merely dated to the publication would make a false conflict) and it differs; its
    wording only when it differs, normalised."""
    item = match.item
    if any(r.of == item.id for r in reports):
        return  # told twice in the article: one report
    if source_id in item.cited():
        recorded.append(item.id)
        return
    own_date = date.edtf if date.expression and date.edtf != item.date.text else None
    own_text = None
    if isinstance(item, Claim) and text is not None and text_key(text) != text_key(item.text):
        own_text = text
    if isinstance(item, Claim):
        what = f"{match.who or item.speaker}, {item.date.display()}"
    else:
        what = f"{item.date.display()}, {item.title}"
    review = f'already recorded as "{item.id}" ({what}): {match.why}; this source tells it again'

    reports.append(DraftReport(item.id, source_id, own_date, own_text, (review,), wording))


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


def _draft_people(
    b: Builder, ids: _Ids, drafted: list[int], known: Known
) -> tuple[dict[int, str], list[DraftPerson]]:
    """Everyone who speaks in a drafted claim, in order of first appearance: the dataset's
    id of those it knows, a new person for the others."""
    speaking = list(dict.fromkeys(b.claims[index].speaker for index in drafted))
    # A surname two speakers share ("Delgado") is an alias of neither.
    alias_count = Counter(fold(a) for key in speaking for a in set(b.speakers[key].aliases))
    person_ids: dict[int, str] = {}
    people: list[DraftPerson] = []
    for key in speaking:
        speaker = b.speakers[key]
        if key in known.person_ids:
            person_ids[key] = known.person_ids[key]
            people.append(DraftPerson(known.person_ids[key], speaker.name, existing=True))
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
                review=tuple(r for r in (known.person_reviews.get(key),) if r),
            )
        )
    return person_ids, people
