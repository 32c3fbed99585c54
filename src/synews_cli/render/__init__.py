"""The output layer: one registry of formats shared by every listing command.

A command builds a :class:`Listing` (records with stable field names, the model objects for
the rich views, and the :class:`Links` they show beside them, resolved beforehand: renderers
never ask the dataset anything) and hands it to :func:`synews_cli.render.output.emit`. The
registry below is the only place that knows which formats exist, which file extensions they
own and which listings they can render. Renderer modules are imported only when used, so a
command that prints plain text never imports Rich.
"""

import importlib
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import Any, NamedTuple, TextIO

from synews_cli.model import Claim, Meta, Person, Source

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class Links(NamedTuple):
    """What the views show beside the items, resolved before rendering: the dataset's
    title, the people and sources items cite, for the pages (html, timelinejs) the
    statements about each event and the titles of the events statements name, and the
    items each one contradicts or is contradicted by."""

    meta: Meta = Meta("")
    people: Mapping[str, Person] = _EMPTY
    sources: Mapping[str, Source] = _EMPTY
    statements_about: Mapping[str, Sequence[Claim]] = _EMPTY
    event_titles: Mapping[str, str] = _EMPTY
    contradicts: Mapping[str, Sequence[str]] = _EMPTY  # both ways: item -> the others


class Listing(NamedTuple):
    """What a listing command found, ready for any format."""

    kind: str  # "events", "claims", "people", "periods", ...
    singular: str
    plural: str
    records: Sequence[dict[str, Any]]
    columns: tuple[str, ...]
    items: Sequence[Any] = ()
    links: Links = Links()
    filters: tuple[str, ...] = ()
    extra: Mapping[str, Any] = _EMPTY

    def noun(self, count: int | None = None) -> str:
        count = len(self.records) if count is None else count
        return self.singular if count == 1 else self.plural


class RenderOptions(NamedTuple):
    """Settings a renderer may need; one object so every renderer has one signature."""

    raw_cells: bool = False  # csv/tsv: keep cells that look like spreadsheet formulas as they are
    color: bool | None = None  # None: let the console decide (NO_COLOR, FORCE_COLOR, a terminal)
    width: int | None = None
    terminal: bool = False  # the output is a terminal (affects the table view only)
    generated: datetime | None = None  # when the output was made (html shows it)


Renderer = Callable[[Listing, TextIO, RenderOptions], None]


class Format(NamedTuple):
    name: str
    module: str  # renderer module under synews_cli.render
    function: str
    extensions: tuple[str, ...] = ()
    kinds: frozenset[str] | None = None  # None: every listing
    machine: bool = True  # prints a valid empty document when nothing matched
    description: str = ""
    pages: bool = False  # shows statements with their events: Links needs them resolved

    def renderer(self) -> Renderer:
        module = importlib.import_module(f"synews_cli.render.{self.module}")
        function: Renderer = getattr(module, self.function)
        return function

    def supports(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "table",
            "table",
            "render",
            (),
            machine=False,
            description="a coloured view for reading in a terminal",
        ),
        Format(
            "plain",
            "flat",
            "render_plain",
            (".txt",),
            machine=False,
            description="one record per line, tab-separated, no colour",
        ),
        Format("csv", "flat", "render_csv", (".csv",), description="RFC 4180 CSV with a header"),
        Format(
            "tsv", "flat", "render_tsv", (".tsv", ".tab"), description="tab-separated with a header"
        ),
        Format("json", "jsonfmt", "render_json", (".json",), description="one JSON array"),
        Format(
            "jsonl",
            "jsonfmt",
            "render_jsonl",
            (".jsonl", ".ndjson"),
            description="one JSON object per line",
        ),
        Format(
            "markdown",
            "flat",
            "render_markdown",
            (".md", ".markdown"),
            description="a GitHub-flavoured Markdown table",
        ),
        Format(
            "html",
            "html",
            "render_html",
            (".html", ".htm"),
            kinds=frozenset({"events", "claims"}),
            description="one self-contained HTML page: the timeline, or the quotes by speaker",
            pages=True,
        ),
        # No extension: `-o story.json` stays plain JSON; ask for this one by name.
        Format(
            "timelinejs",
            "timelinejs",
            "render_timelinejs",
            (),
            kinds=frozenset({"events"}),
            description="JSON for Knight Lab's TimelineJS",
            pages=True,
        ),
    )
}


def formats_for(*kinds: str) -> tuple[Format, ...]:
    """The formats that render at least one of these listings, in the registry's order:
    the choices of a command's --format."""
    return tuple(f for f in FORMATS.values() if any(f.supports(kind) for kind in kinds))


def format_for_extension(suffix: str) -> Format | None:
    suffix = suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return None
