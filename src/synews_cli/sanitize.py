"""Keeping untrusted dataset text inert in every output.

Dataset text may hold terminal escape sequences, bidirectional overrides, Rich markup,
HTML or spreadsheet formulas. Markup is never interpreted (renderers use literal text);
what could act on a terminal or a spreadsheet is removed or neutralised here.
"""

from __future__ import annotations

import re

# C0 and C1 controls other than tab and newline, and DEL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates: they can make a line display differently
# from what it says ("Trojan Source"). Marks such as LRM/RLM and joiners (ZWJ, ZWNJ) are
# legitimate in Arabic and other scripts and stay.
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_WHITESPACE_CONTROLS_RE = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
# JSON escapes C0 itself; these it would leave raw.
_JSON_UNSAFE_RE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """Remove controls (keeping tab and newline) and bidirectional overrides."""
    return _UNSAFE_RE.sub("", text)


def one_line(text: str) -> str:
    """Inert text on one line: tabs, newlines and other line breaks become single spaces."""
    return inert(_WHITESPACE_CONTROLS_RE.sub(" ", text))


def neutralise_formula(cell: str) -> str:
    """OWASP's advice against CSV injection: prefix a cell that a spreadsheet would
    evaluate with a single quote."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def escape_json_text(encoded: str) -> str:
    """Escape, in already-encoded JSON, the characters json.dumps leaves raw but a
    terminal or a browser would act on. The JSON still decodes to the original text."""
    if encoded.isascii() and "\x7f" not in encoded:  # a quick check: nothing to escape
        return encoded
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
