"""JSON (one array) and JSON Lines (one object per line): UTF-8, not ASCII-escaped."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from synews_cli.render import Listing, RenderOptions
from synews_cli.text import escape_json_text

# One encoder for every record: json.dumps with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def encode_record(record: dict[str, Any]) -> str:
    """One record as one line of JSON, with what terminals and browsers act on escaped."""
    return escape_json_text(_ENCODE(record))


def _encoded(listing: Listing) -> Iterable[str]:
    return map(encode_record, listing.records)


def render_json(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    if not listing.records:
        out.write("[]\n")
        return
    separator = "[\n  "
    for line in _encoded(listing):
        out.write(separator + line)
        separator = ",\n  "
    out.write("\n]\n")


def render_jsonl(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    for line in _encoded(listing):
        out.write(line + "\n")
