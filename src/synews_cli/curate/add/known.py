"""The dataset's items as ``synews add`` compares them: looked up in the store by id, and read
back from their file as written.

The store shows places, actors, tags and topics in their chosen spelling; a draft keeps its
outlet's. So an item the draft names is taken from its own file, parsed by the same parser
as every data file; only the files holding an id the draft uses are read, once each, so a
large archive costs a few lookups, not a second reading of every file.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from synews_cli import model
from synews_cli.dataset import parse
from synews_cli.errors import DataIOError

if TYPE_CHECKING:
    from synews_cli.store.reader import Store

# As many ids as there are: a limit no dataset reaches (SQLite's is a 64-bit integer).
_ALL = 2**62

TABLES = {
    model.Event: "events",
    model.Claim: "claims",
    model.Person: "people",
    model.Source: "sources",
}


class Recorded(NamedTuple):
    """An item of the dataset: its table and record (with its file and line)."""

    table: str
    record: Any


class Known:
    """The items of a valid dataset, by id."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self.names: tuple[model.Name, ...] = store.names
        self._files: dict[str, dict[str, Recorded]] = {}

    def get(self, item_id: str) -> Recorded | None:
        """The item as its file writes it, or None when the dataset has no such id."""
        item = self.store.item(item_id)
        if item is None or item.location is None:
            return None
        file = item.location.file
        if file not in self._files:
            self._files[file] = _read(file)
        return self._files[file].get(item_id)

    def table_of(self, item_id: str) -> str | None:
        item = self.store.item(item_id)
        return None if item is None else TABLES[type(item)]

    def file_of(self, item_id: str) -> str | None:
        item = self.store.item(item_id)
        return None if item is None or item.location is None else item.location.file

    def ids(self, tables: tuple[str, ...]) -> list[str]:
        """The ids of these tables (and of no other), for suggestions."""
        return self.store.ids_starting("", _ALL, tables=tables)


def _read(file: str) -> dict[str, Recorded]:
    try:
        data = Path(file).read_bytes()
    except OSError as error:
        raise DataIOError(f"cannot read {file}: {error.strerror or error}") from None
    result = parse.parse(file, data)
    found: dict[str, Recorded] = {}
    for table in ("sources", "people", "events", "claims"):
        for record in getattr(result, table):
            found.setdefault(record.id, Recorded(table, record))
    return found
