"""dataset/headers.py: the table headers of a TOML text, never a line of a string."""

from __future__ import annotations

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from synews_cli.dataset.headers import Header, headers

# Lines a string may hold that look like headers, comments or string delimiters.
TRICKY_LINES = st.sampled_from(
    ["[[events]]", "[claims]", '[["people"]]', "# not a comment", "plain words", "", "[sic]"]
)
NAMES = st.sampled_from(["events", "claims", "people", "sources", "events.reports"])
STYLES = st.sampled_from(["bare", "basic", "literal", "spaced"])


def header_line(name: str, style: str, array: bool) -> str:
    """A header for ``name`` written in one of the styles TOML allows."""
    keys = name.split(".")
    if style == "basic":
        keys = [f'"{key}"' for key in keys]
    elif style == "literal":
        keys = [f"'{key}'" for key in keys]
    inner = " . ".join(keys) if style == "spaced" else ".".join(keys)
    pad = " " if style == "spaced" else ""
    return f"[[{pad}{inner}{pad}]]" if array else f"[{pad}{inner}{pad}]"


@st.composite
def value_line(draw: st.DrawFn) -> str:
    """A key and a value: a one-line string, or a multi-line basic or literal one."""
    lines = draw(st.lists(TRICKY_LINES, max_size=3))
    kind = draw(st.sampled_from(["one", "basic", "literal"]))
    if kind == "one":
        return 'note = "[[events]] # \\" not a header"'
    body = "\n".join(lines)
    return f'note = """\n{body}"""' if kind == "basic" else f"note = '''\n{body}'''"


@given(
    tables=st.lists(
        st.tuples(NAMES, STYLES, st.booleans(), st.lists(value_line(), max_size=3)),
        max_size=6,
    ),
    crlf=st.booleans(),
)
def test_headers_are_found_at_their_lines_and_nowhere_else(
    tables: list[tuple[str, str, bool, list[str]]], crlf: bool
) -> None:
    """Whatever strings a table holds and however its name is quoted, the headers found
    are exactly those written, at their lines."""
    lines: list[str] = []
    expected: list[Header] = []
    last_array = None
    for number, (name, style, array, values) in enumerate(tables):
        # Names TOML accepts in this order: an array of tables repeats, a sub-table
        # follows its parent's entry, a plain table is defined once.
        if name == "events.reports" and last_array != "events":
            name = "events"
        if not array:
            name = f"meta{number}"
        elif "." not in name:
            last_array = name
        expected.append(Header(len(lines) + 1, tuple(name.split(".")), array))
        lines.append(header_line(name, style, array))
        for value in values[:1]:  # one key per table: keys must not repeat
            lines.extend(value.split("\n"))
        lines.append("")
    text = ("\r\n" if crlf else "\n").join(lines)
    tomllib.loads(text)  # the text is TOML, as written
    assert headers(text) == expected
