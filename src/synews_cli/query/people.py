"""Who is who: matching speakers by name, and summarising what each person said."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from synews_cli.dates import EdtfDate
from synews_cli.errors import UsageError
from synews_cli.model import Person, PersonSummary
from synews_cli.query.language import compile_search
from synews_cli.store.reader import Dataset
from synews_cli.text import closest, contains_run, fold, inert, words


def person_names(person: Person) -> list[str]:
    return [person.name, *person.aliases]


def person_matches_name(person: Person, name: str) -> bool:
    """Id, full name, a run of consecutive words of the name, or an alias."""
    wanted = words(name)
    if not wanted:
        return False
    if wanted == words(person.id):
        return True
    return any(contains_run(words(candidate), wanted) for candidate in person_names(person))


class SpeakerMatch(NamedTuple):
    """What one ``--speaker`` value matched; several people means it was ambiguous."""

    name: str
    people: tuple[Person, ...]


def resolve_speakers(dataset: Dataset, names: Sequence[str]) -> list[SpeakerMatch]:
    """Match each name to people; a name that matches nobody is a UsageError."""
    matches = []
    for name in names:
        found = tuple(p for p in dataset.people if person_matches_name(p, name))
        if not found:
            raise UsageError(
                f"--speaker {name!r} matches nobody in the dataset{_suggest_people(dataset, name)}",
                hint="'synews people' lists every speaker",
            )
        matches.append(SpeakerMatch(name, found))
    return matches


def _suggest_people(dataset: Dataset, name: str) -> str:
    """``; did you mean Ruslan Trad?``, from names, aliases and single words of names."""
    keys: dict[str, Person] = {}
    for person in dataset.people:
        for candidate in person_names(person):
            keys.setdefault(fold(candidate), person)
            for word in words(candidate):
                if len(word) > 2:
                    keys.setdefault(word, person)
    suggested: list[str] = []
    for key in closest(fold(name), keys, count=5):
        label = inert(keys[key].name)
        if label not in suggested:
            suggested.append(label)
    return f"; did you mean {' or '.join(suggested[:3])}?" if suggested else ""


def people_with_affiliation(dataset: Dataset, affiliations: Iterable[str]) -> set[str]:
    """Ids of the people whose affiliation contains any of ``affiliations`` (folded)."""
    wanted = [fold(a) for a in affiliations]
    return {p.id for p in dataset.people if any(a in fold(p.affiliation or "") for a in wanted)}


# --- People -------------------------------------------------------------------------------


class PeopleQuery(NamedTuple):
    affiliations: tuple[str, ...] = ()
    search: str | None = None
    limit: int | None = None

    def describe(self) -> list[str]:
        parts = [f"--affiliation {a!r}" for a in self.affiliations]
        if self.search:
            parts.append(f"--search {self.search!r}")
        if self.limit:
            parts.append(f"--limit {self.limit}")
        return parts


def summarise_people(
    dataset: Dataset, people: Sequence[Person] | None = None
) -> dict[str, PersonSummary]:
    """Each person (of ``people``, else everyone) with their statements counted and their
    first and last dates, read without making the statements."""
    chosen = dataset.people if people is None else people
    ids = None if people is None else [p.id for p in people]
    by_speaker: dict[str, list[tuple[EdtfDate, str]]] = {}
    for speaker, when, claim_id in dataset.speaker_dates(ids):
        by_speaker.setdefault(speaker, []).append((when, claim_id))
    summaries = {}
    for person in chosen:
        claims = sorted(by_speaker.get(person.id, []), key=lambda c: (*c[0].sort_key(), c[1]))
        summaries[person.id] = PersonSummary(
            person,
            len(claims),
            claims[0][0] if claims else None,
            max((c[0] for c in claims), key=lambda d: (d.end or date.max, d.start or date.min))
            if claims
            else None,
        )
    return summaries


def select_people(dataset: Dataset, query: PeopleQuery) -> list[PersonSummary]:
    chosen = list(dataset.people)
    if query.affiliations:
        affiliated = people_with_affiliation(dataset, query.affiliations)
        chosen = [p for p in chosen if p.id in affiliated]
    if query.search:
        hits = dataset.ranked(compile_search(dataset, query.search), kinds=("person",))
        found = {hit.item_id for hit in hits}
        chosen = [p for p in chosen if p.id in found]
    summaries = summarise_people(dataset)
    ordered = sorted(
        (summaries[p.id] for p in chosen), key=lambda s: (fold(s.person.name), s.person.id)
    )
    return ordered[: query.limit] if query.limit else ordered
