"""One item named the way people name things (``synews show Trad``, ``synews edit
"Putin meeting"``): by its id, or by words of its name, title or text.

The rule, in order:

1. The exact id.
2. Otherwise every item the words name: a person by their name or an alias as a run of
   words (``Trad``, ``Ruslan Trad``, ``al-Sharaa``), a source by a run of words of its
   outlet or title, an event whose title and id hold each word, a statement whose text and
   id hold each word (in any order). Words are compared folded (case and accents removed,
   text.py) and whole: ``Put`` names nothing.
3. Among those, the items the words name wholly (the id in another case, the whole name,
   an alias, the outlet, the title, the text) come first; then people and sources named
   by a run of words of a name (``Muller``: the person, not the statements whose ids
   hold his name); then the rest. The first of these groups that is not empty decides.
4. One item: that item. Several: ``Ambiguous``, which lists them (exit 2). None: a usage
   error with the closest ids and names.
"""

from typing import NamedTuple

from synews_cli.errors import Ambiguous, UsageError
from synews_cli.model import Claim, Event, Item, Person
from synews_cli.query.people import person_matches_name, person_names
from synews_cli.store.reader import Dataset
from synews_cli.text import closest, contains_run, fold, inert, one_line, words

LISTED = 20  # candidates an ambiguous name lists
DESCRIPTION = 72  # characters of a candidate's description
SUGGESTED_WORDS = 8  # words of a name that names nothing, looked up for "did you mean"


WHOLE, NAME, WORDS = 0, 1, 2  # how an item is named, best first (rule 3)


class Match(NamedTuple):
    item: Item
    rank: int  # WHOLE: the whole id, name, alias, outlet, title or text; NAME; WORDS


def kind_of(item: Item) -> str:
    if isinstance(item, Event):
        return "event"
    if isinstance(item, Claim):
        return "statement"
    return "person" if isinstance(item, Person) else "source"


def describe(item: Item, people: dict[str, Person]) -> str:
    """One line that says what the item is, for a list of candidates."""
    if isinstance(item, Event):
        text = f"{item.date.display()}  {item.title}"
    elif isinstance(item, Claim):
        speaker = people.get(item.speaker)
        text = f"{item.date.display()}  {speaker.name if speaker else item.speaker}: {item.text}"
    elif isinstance(item, Person):
        text = ", ".join(part for part in (item.name, item.role_line()) if part)
    else:
        text = item.citation()
    text = one_line(text)
    return text if len(text) <= DESCRIPTION else text[: DESCRIPTION - 1].rstrip() + "\u2026"


def named(dataset: Dataset, text: str) -> list[Match]:
    """Every item ``text`` names (rule 2), each with how (rule 3)."""
    wanted = words(text)
    if not wanted:
        return []
    found: list[Match] = []
    for person in dataset.people:
        if person_matches_name(person, text):
            whole = any(words(name) == wanted for name in (person.id, *person_names(person)))
            found.append(Match(person, WHOLE if whole else NAME))
    for source in dataset.sources:
        spellings = [words(value) for value in (source.outlet, source.title or "")]
        if any(contains_run(spelled, wanted) for spelled in spellings):
            whole = wanted in spellings or wanted == words(source.id)
            found.append(Match(source, WHOLE if whole else NAME))
    for kind in ("events", "claims"):
        for item in dataset.worded(kind, wanted):
            assert isinstance(item, Event | Claim)
            own = words(item.title if isinstance(item, Event) else item.text)
            if set(wanted) <= {*own, *words(item.id)}:
                found.append(Match(item, WHOLE if wanted in (own, words(item.id)) else WORDS))
    return found


def resolve_item(dataset: Dataset, text: str) -> Item:
    """The one item ``text`` names (see the module's rule); else Ambiguous or UsageError."""
    item = dataset.item(text)
    if item is not None:
        return item
    matches = named(dataset, text)
    best = min((m.rank for m in matches), default=WORDS)
    chosen = [m for m in matches if m.rank == best]
    if len(chosen) == 1:
        return chosen[0].item
    if not chosen:
        raise UsageError(
            f"nothing in the dataset has the id or the name {inert(text)!r}"
            f"{_suggestions(dataset, text)}",
            hint="give an id, or words of a name, a title or a statement; "
            "'synews search WORDS' searches every field",
        )
    people = {p.id: p for p in dataset.people}
    ordered = sorted(chosen, key=lambda m: (_KINDS.index(kind_of(m.item)), m.item.id))
    candidates = [(kind_of(m.item), m.item.id, describe(m.item, people)) for m in ordered[:LISTED]]
    raise Ambiguous(
        f"{inert(text)!r} names {len(chosen)} items",
        candidates=candidates,
        more=len(chosen) - len(candidates),
        hint=f"pass one of these ids instead, such as {inert(candidates[0][1])!r}",
    )


_KINDS = ("person", "source", "event", "statement")


def _suggestions(dataset: Dataset, text: str) -> str:
    """``; did you mean ruslan-trad (Ruslan Trad)?``: the ids closest to ``text``, or to one
    of its words, among ids, the words of ids, names, aliases and outlets."""
    keys: dict[str, str] = {}  # folded spelling -> id
    names: dict[str, str] = {}  # id -> the name to show beside it
    for person in dataset.people:
        names[person.id] = person.name
        for spelling in person_names(person):
            keys.setdefault(fold(spelling), person.id)
            keys.update({w: person.id for w in words(spelling) if len(w) > 2 and w not in keys})
    for source in dataset.sources:
        names[source.id] = source.outlet
        keys.setdefault(fold(source.outlet), source.id)
    for item_id in dataset.ids():
        keys.setdefault(fold(item_id), item_id)
        keys.update({w: item_id for w in words(item_id) if len(w) > 3 and w not in keys})
    close: list[str] = []
    # The whole text and its first words, each once: difflib compares each with every key,
    # and a name of a thousand words that names nothing needs no more suggestions.
    queries = list(dict.fromkeys((fold(text), *words(text))))[: SUGGESTED_WORDS + 1]
    for query in queries:
        for key in closest(query, keys, count=3, cutoff=0.7):
            if keys[key] not in close:
                close.append(keys[key])
    shown = [
        f"{inert(item_id)} ({inert(names[item_id])})" if item_id in names else inert(item_id)
        for item_id in close[:3]
    ]
    return f"; did you mean {', '.join(shown)}?" if shown else ""
