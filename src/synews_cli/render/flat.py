"""Flat formats: plain, csv, tsv and markdown, all driven by a listing's columns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from synews_cli.render import Listing, RenderOptions
from synews_cli.text import inert, neutralise_formula, one_line

LIST_SEPARATOR = "; "


def cell(value: Any) -> str:
    """A field as text: lists joined with '; ', None as empty (also in a list)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return str(value)


def _rows(listing: Listing) -> Iterator[list[str]]:
    """Each record's cells, one record at a time: an archive's rows are never all held."""
    columns = listing.columns
    for record in listing.records:
        yield [cell(record.get(c)) for c in columns]


def render_plain(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    """One record per line, tab-separated, nothing wrapped or cut: for grep, cut and sort."""
    for row in _rows(listing):
        out.write("\t".join(one_line(value) for value in row) + "\n")


def _spreadsheet_cell(value: str, options: RenderOptions) -> str:
    return value if options.raw_cells else neutralise_formula(value)


def render_csv(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    """RFC 4180: CRLF line ends, quoted where needed; newlines inside a field are kept."""
    import csv  # here, not at the top: the plain format shares this module

    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(listing.columns)
    for row in _rows(listing):
        writer.writerow([_spreadsheet_cell(inert(value), options) for value in row])


def render_tsv(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    """Tab-separated with a header; tabs and line breaks inside values become spaces."""
    out.write("\t".join(listing.columns) + "\n")
    for row in _rows(listing):
        out.write("\t".join(_spreadsheet_cell(one_line(v), options) for v in row) + "\n")


_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|~&$#"})


def markdown_cell(value: str) -> str:
    """Escape what Markdown would interpret, so the text shows as written."""
    lines = inert(value).replace("\r\n", "\n").split("\n")
    return "<br>".join(line.translate(_MARKDOWN_SPECIAL) for line in lines)


def render_markdown(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    out.write("| " + " | ".join(listing.columns) + " |\n")
    out.write("|" + "|".join(" --- " for _ in listing.columns) + "|\n")
    for row in _rows(listing):
        out.write("| " + " | ".join(markdown_cell(v) for v in row) + " |\n")
