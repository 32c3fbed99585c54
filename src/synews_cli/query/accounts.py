"""Sources as accounts: a wire story reprinted by ten outlets is ten sources and one
account (``copy_of``). Counts of sources are counts of independent accounts; ``--source``
picks items by a source id or an outlet's name; the bibliography (``synews sources``)."""

from collections.abc import Sequence
from typing import NamedTuple

from synews_cli.errors import UsageError
from synews_cli.model import Accounts, Source
from synews_cli.store.reader import Dataset
from synews_cli.text import closest, fold, value_matches


def resolve_sources(dataset: Dataset, wanted: Sequence[str]) -> tuple[str, ...]:
    """``--source``: each value is a source id or (a run of the words of) an outlet's name;
    the ids of the sources it names. One that names none is a UsageError."""
    sources = dataset.sources
    found: list[str] = []
    for value in wanted:
        if value in dataset.source_by_id:
            found.append(value)
            continue
        by_outlet = [s.id for s in sources if value_matches([s.outlet], [value])]
        if not by_outlet:
            names = {fold(s.outlet): s.outlet for s in sources} | {s.id: s.id for s in sources}
            close = [names[c] for c in closest(fold(value), names, count=3, cutoff=0.5)]
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise UsageError(
                f"--source {value!r} is neither a source id nor an outlet{hint}",
                hint="'synews sources' lists them",
            )
        found.extend(by_outlet)
    return tuple(dict.fromkeys(found))


class Citations(NamedTuple):
    source: Source
    account: str  # the id of the independent account it belongs to
    events: int  # how many events cite it
    statements: int


def bibliography(dataset: Dataset) -> list[Citations]:
    """Every source, in dataset order, with its account and how many items cite it."""
    accounts = Accounts(dataset.source_by_id)
    events, statements = dataset.citations()
    return [
        Citations(s, accounts.of(s.id), events.get(s.id, 0), statements.get(s.id, 0))
        for s in dataset.sources
    ]
