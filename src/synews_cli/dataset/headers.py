"""Where the tables of a TOML text begin: every header line, ``[name]`` or ``[[name]]``,
dotted and quoted names too, and never a line of a multi-line string that merely looks like
one (a summary quoting ``[[events]]``, an editorial ``[sic]``).

tomllib gives no positions, so the text is scanned. A file without multi-line strings is
scanned for header lines alone (a single-line string cannot hold a line start); one with
them is tokenised (strings and comments skipped whole), both in linear time.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

# One key of a table name: bare, "basic" or 'literal'.
_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_HEADER = (
    rf"^[ \t]*\[(?P<array>\[)?[ \t]*(?P<name>{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*)[ \t]*\]"
    r"(?(array)\])[ \t]*(?:#[^\n]*)?\r?$"
)
_HEADER_RE = re.compile(_HEADER, re.M)
# A header, or something to skip whole: a multi-line string (its closing delimiter may
# be followed by one or two more quotes, which belong to the string), a one-line string,
# a comment.
_TOKEN_RE = re.compile(
    rf"(?P<header>{_HEADER})"
    r'|"""(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"""(?:"{1,2})?'
    r"|'''[\s\S]*?'''(?:'{1,2})?"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*",
    re.M,
)
_KEY_RE = re.compile(_KEY)


class Header(NamedTuple):
    """A table header: its 1-based line, its name's keys, and whether it is ``[[...]]``."""

    line: int
    name: tuple[str, ...]
    array: bool


def headers(text: str) -> list[Header]:
    """Every table header of ``text``, in order (lines end at \\n, as TOML's do)."""
    found: list[Header] = []
    line, offset = 1, 0
    matches: Iterator[re.Match[str]]
    if '"""' in text or "'''" in text:
        matches = (m for m in _TOKEN_RE.finditer(text) if m.group("header") is not None)
    else:
        matches = _HEADER_RE.finditer(text)
    names: dict[str, tuple[str, ...]] = {}  # a file names a few tables thousands of times
    for match in matches:
        start = match.start()
        line += text.count("\n", offset, start)
        offset = start
        name = match["name"]
        keys = names.get(name)
        if keys is None:
            keys = names[name] = tuple(map(_unquoted, _KEY_RE.findall(name)))
        found.append(Header(line, keys, match["array"] is not None))
    return found


def _unquoted(key: str) -> str:
    if key[:1] in "\"'":
        return key[1:-1]
    return key
