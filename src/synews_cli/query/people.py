"""Who is who: matching speakers by name, and summarising what each person said."""

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple, cast

from synews_cli.dates import EdtfDate
from synews_cli.errors import UsageError
from synews_cli.model import Dataset, Person, PersonSummary
from synews_cli.text import contains_run, fold, words


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise UsageError(f"--limit: {limit} is not a positive number", hint="use --limit 1 or more")


def _search_in(needle: str, haystacks: Iterable[str]) -> bool:
    folded = fold(needle)
    return any(folded in fold(text) for text in haystacks)


def _narrower(dataset: Dataset, name: str) -> Callable[..., Any] | None:
    """The dataset's pre-filter ``name``, if it has one (an indexed dataset does)."""
    return cast("Callable[..., Any] | None", getattr(dataset, name, None))


# --- People and speakers ------------------------------------------------------------------


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
    import difflib  # only to explain a name that matched nobody

    close = difflib.get_close_matches(fold(name), list(keys), n=5, cutoff=0.6)
    suggested: list[str] = []
    for key in close:
        label = keys[key].name
        if label not in suggested:
            suggested.append(label)
    return f"; did you mean {' or '.join(suggested[:3])}?" if suggested else ""


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


def summarise_people(dataset: Dataset) -> dict[str, PersonSummary]:
    # Only each statement's speaker, date and id count here: an index gives just those.
    dated = _narrower(dataset, "claim_dates")
    triples: Iterable[tuple[str, EdtfDate, str]] = (
        dated() if dated is not None else ((c.speaker, c.date, c.id) for c in dataset.claims)
    )
    by_speaker: dict[str, list[tuple[EdtfDate, str]]] = {}
    for speaker, when, claim_id in triples:
        by_speaker.setdefault(speaker, []).append((when, claim_id))
    summaries = {}
    for person in dataset.people:
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
    _check_limit(query.limit)
    folded_affiliations = [fold(a) for a in query.affiliations]

    def matches(person: Person) -> bool:
        if folded_affiliations and not any(
            a in fold(person.affiliation or "") for a in folded_affiliations
        ):
            return False
        fields = (*person_names(person), person.role or "", person.affiliation or "")
        return not query.search or _search_in(query.search, fields)

    summaries = summarise_people(dataset)
    found = sorted(
        (summaries[p.id] for p in dataset.people if matches(p)),
        key=lambda s: (fold(s.person.name), s.person.id),
    )
    return found[: query.limit] if query.limit else found
