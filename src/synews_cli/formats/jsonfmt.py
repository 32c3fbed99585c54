"""JSON (one array) and JSON Lines (one object per line): UTF-8, not ASCII-escaped."""

from __future__ import annotations

import json
from typing import Any, TextIO

from synews_cli.formats import Listing, RenderOptions
from synews_cli.sanitize import escape_json_text

# One encoder for every record: json.dumps with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _encode(record: dict[str, Any]) -> str:
    return escape_json_text(_ENCODE(record))


def render_json(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    if not listing.records:
        out.write("[]\n")
        return
    out.write("[\n")
    last = len(listing.records) - 1
    for index, record in enumerate(listing.records):
        out.write("  " + _encode(record) + (",\n" if index < last else "\n"))
    out.write("]\n")


def render_jsonl(listing: Listing, out: TextIO, options: RenderOptions) -> None:
    for record in listing.records:
        out.write(_encode(record) + "\n")
