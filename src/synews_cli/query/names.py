"""One place, actor, tag or topic however outlets spell it (``[[names]]``): the spellings a
filter value stands for, the values in use (``synews facets``), and the closest known
values to one that matched nothing.

Records already come out of the store in their chosen spelling; a filter must still match
what the files wrote, so each wanted value is widened to every spelling of the names it
matches (as a run of words, the rule of every list filter)."""

from collections.abc import Sequence
from typing import NamedTuple

from synews_cli.model import Name
from synews_cli.store.reader import Dataset
from synews_cli.text import closest, contains_run, fold, words


def spellings(names: Sequence[Name], kind: str, wanted: Sequence[str]) -> tuple[str, ...]:
    """``wanted``, and every spelling of each name of ``kind`` that one of them matches."""
    if not wanted:
        return ()
    found = list(wanted)
    phrases = [words(value) for value in wanted]
    for name in names:
        if name.kind != kind:
            continue
        every = (name.name, *name.aliases)
        if any(contains_run(words(spelling), phrase) for spelling in every for phrase in phrases):
            found.extend(every)
    return tuple(dict.fromkeys(found))


class Facet(NamedTuple):
    """A value in use: its chosen spelling, how many items have it, and the other spellings
    the files use for it."""

    kind: str
    value: str
    items: int
    spellings: tuple[str, ...]


def facets(dataset: Dataset, kind: str) -> list[Facet]:
    """The values of one kind in use, most used first, then alphabetically."""
    found = [
        Facet(kind, value, count, tuple(sorted(written - {value}, key=fold)))
        for value, (count, written) in dataset.facet(kind).items()
    ]
    found.sort(key=lambda f: (-f.items, fold(f.value), f.value))
    return found


def unknown_values(dataset: Dataset, kind: str, wanted: Sequence[str]) -> list[str]:
    """A sentence for each wanted value that no value of ``kind`` contains, with the
    closest known spellings: why a filter matched nothing, when that is why."""
    if not wanted:
        return []
    chosen: dict[str, str] = {}  # every spelling in use or named -> its chosen spelling
    for value, (_, written) in dataset.facet(kind).items():
        chosen.update(dict.fromkeys((value, *written), value))
    for name in dataset.names:
        if name.kind == kind:
            for spelling in (name.name, *name.aliases):
                chosen.setdefault(spelling, name.name)
    notes = []
    for value in wanted:
        phrase = words(value)
        if any(contains_run(words(s), phrase) for s in chosen):
            continue
        by_fold = {fold(w): chosen[s] for s in sorted(chosen) for w in words(s) if len(w) > 3}
        by_fold.update({fold(s): chosen[s] for s in sorted(chosen)})  # whole spellings first
        matches = closest(fold(value), by_fold, count=6, cutoff=0.6)
        close = list(dict.fromkeys(by_fold[c] for c in matches))[:3]
        hint = f": did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        notes.append(f"no {kind} is called {value!r}{hint}")
    return notes
