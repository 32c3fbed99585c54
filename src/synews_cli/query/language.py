"""The ``synews search`` query language: parsed here, in pure Python, into terms.

Syntax (case-, accent- and punctuation-insensitive; matching itself is done by the index):

- ``word word``: every word must occur somewhere in the item (AND);
- ``"exact phrase"``: the words in this order, next to each other;
- ``-word`` or ``-"a phrase"``: items containing it are left out;
- ``word*`` (or ``"a phr"*``): any word starting with it;
- ``a OR b``: either; ``OR`` binds tighter than the implicit AND, so
  ``Tartus OR Latakia base`` means (Tartus or Latakia) and base. ``AND`` may be written
  and changes nothing.

The parser never builds query text by pasting user input into an expression language: each
term becomes one quoted FTS5 string, so FTS5 operators, column filters or stray quotes in
the query are always searched for as words. ``synews search`` and every ``--search`` use
this one language, on the store's one full-text index.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

from synews_cli.errors import UsageError
from synews_cli.store.fulltext import TextMatch
from synews_cli.store.reader import Dataset
from synews_cli.text import display_width, one_line, words

OR = "OR"
AND = "AND"
_WORD_RE = re.compile(r"[^\W_]+")


class QuerySyntaxError(UsageError):
    """A malformed query: the message shows the query with a ``^`` under the problem."""

    def __init__(self, query: str, position: int, problem: str, *, hint: str) -> None:
        shown = one_line(query)
        caret = " " * display_width(one_line(query[:position]))
        super().__init__(f"search query: {problem}\n    {shown}\n    {caret}^", hint=hint)
        self.position = position


class Term(NamedTuple):
    """One searched word or phrase, as typed; ``start``/``end`` delimit ``text`` in the query."""

    text: str
    start: int
    end: int
    phrase: bool = False
    prefix: bool = False
    exclude: bool = False

    @property
    def words(self) -> tuple[str, ...]:
        return words(self.text)

    def fts(self, also: Sequence[str] = ()) -> str:
        """This term as FTS5: quoted (so it is only ever words), ``*`` outside; ``also``:
        whole words that stand for it too, ORed (a prefix's words from the dataset)."""
        own = _quoted(self.text) + ("*" if self.prefix else "")
        if not also:
            return own
        return "(" + " OR ".join([own, *(_quoted(word) for word in also)]) + ")"

    def typed(self) -> str:
        core = f'"{self.text}"' if self.phrase else self.text
        return ("-" if self.exclude else "") + core + ("*" if self.prefix else "")


def _quoted(text: str) -> str:
    return '"' + unicodedata.normalize("NFC", text).replace('"', '""') + '"'


# The words of the dataset that a prefix term stands for (see search.prefix_words).
Expand = Callable[[Term], Sequence[str]]


class ParsedQuery(NamedTuple):
    """An AND of groups; each group is an OR of terms; ``excluded`` terms must not occur."""

    text: str
    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term that has to (or may) match, in query order."""
        return tuple(term for group in self.groups for term in group)

    def match_expression(self, expand: Expand | None = None) -> str | None:
        """The FTS5 MATCH expression for the wanted terms (None when only exclusions);
        ``expand`` gives the words a prefix term stands for."""
        if not self.groups:
            return None
        parts = []
        for group in self.groups:
            inner = " OR ".join(_fts(term, expand) for term in group)
            parts.append(f"({inner})" if len(group) > 1 else inner)
        expression = " AND ".join(parts)
        if self.excluded:
            unwanted = " OR ".join(_fts(term, expand) for term in self.excluded)
            expression = f"({expression}) NOT ({unwanted})"
        return expression

    def excluded_expression(self, expand: Expand | None = None) -> str | None:
        """The excluded terms alone, for a query that has nothing but exclusions."""
        if not self.excluded:
            return None
        return " OR ".join(_fts(term, expand) for term in self.excluded)


def _fts(term: Term, expand: Expand | None) -> str:
    return term.fts(expand(term) if expand is not None and term.prefix else ())


class _Token(NamedTuple):
    kind: str  # "term" or "or"
    start: int
    term: Term | None = None


def _lex(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    length = len(query)
    while position < length:
        char = query[position]
        if char.isspace():
            position += 1
            continue
        start = position
        exclude = False
        if char == "-" and position + 1 < length and not query[position + 1].isspace():
            exclude = True
            position += 1
            char = query[position]
        if char == '"':
            close = query.find('"', position + 1)
            if close < 0:
                raise QuerySyntaxError(
                    query,
                    position,
                    "this quotation mark is never closed",
                    hint='close the phrase with a second ", e.g. \'"naval base"\'; '
                    "quote the whole query for your shell",
                )
            text = query[position + 1 : close]
            position = close + 1
            prefix = position < length and query[position] == "*"
            if prefix:
                position += 1
            term = Term(
                text,
                start=close - len(text),
                end=close,
                phrase=True,
                prefix=prefix,
                exclude=exclude,
            )
            tokens.append(_Token("term", start, term))
            continue
        end = position
        while end < length and not query[end].isspace() and query[end] != '"':
            end += 1
        raw = query[position:end]
        position = end
        if raw in (OR, AND) and not exclude:
            if raw == OR:
                tokens.append(_Token("or", start))
            continue
        prefix = raw.endswith("*")
        text = raw.rstrip("*")
        if prefix and not words(text):
            raise QuerySyntaxError(
                query,
                start,
                "a * must follow the start of a word",
                hint="write a prefix search as extrad* (any word starting with 'extrad')",
            )
        tokens.append(
            _Token(
                "term",
                start,
                Term(
                    text,
                    start=end - len(raw),
                    end=end - len(raw) + len(text),
                    prefix=prefix,
                    exclude=exclude,
                ),
            )
        )
    return tokens


def parse_query(query: str) -> ParsedQuery:
    """Parse the query, or raise :class:`QuerySyntaxError` pointing at the problem."""
    tokens = _lex(query)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or: _Token | None = None
    previous: _Token | None = None
    for token in tokens:
        if token.kind == "or":
            if previous is None or previous.kind == "or":
                raise QuerySyntaxError(
                    query,
                    token.start,
                    "OR needs a word before it",
                    hint="write alternatives as Tartus OR Latakia",
                )
            pending_or = token
            previous = token
            continue
        term = token.term
        assert term is not None
        previous = token
        if not term.words:
            if pending_or is not None:
                raise QuerySyntaxError(
                    query,
                    token.start,
                    "OR needs a word after it",
                    hint="write alternatives as Tartus OR Latakia",
                )
            continue  # punctuation only: nothing to search for
        if term.exclude:
            if pending_or is not None:
                raise QuerySyntaxError(
                    query,
                    token.start,
                    "OR cannot offer an excluded word as an alternative",
                    hint="exclude with -word on its own: Tartus -Latakia",
                )
            excluded.append(term)
            continue
        if pending_or is not None:
            if not groups:
                raise QuerySyntaxError(
                    query,
                    pending_or.start,
                    "OR needs a word before it",
                    hint="write alternatives as Tartus OR Latakia",
                )
            groups[-1].append(term)
            pending_or = None
        else:
            groups.append([term])
    if pending_or is not None:
        raise QuerySyntaxError(
            query,
            pending_or.start,
            "OR needs a word after it",
            hint="write alternatives as Tartus OR Latakia",
        )
    if not groups and not excluded:
        raise UsageError(
            f"search query {one_line(query)!r} has no words to search for",
            hint="search for words, e.g. synews search Tartus; 'synews search --help' "
            "shows the syntax",
        )
    return ParsedQuery(query, tuple(tuple(g) for g in groups), tuple(excluded))


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word of ``text`` with its position and folded form."""
    found = []
    for match in _WORD_RE.finditer(text):
        folded = words(match.group())
        if folded:
            found.append((match.start(), match.end(), folded[0]))
    return found


# The words of the dataset a prefix term stands for too: FTS5 matches a prefix against stems,
# and ``negotiat*`` is longer than ``negoti``, the stem of ``negotiations``. Past this many
# words a prefix is short enough to lie within the stems, and stays as it is.
PREFIX_WORDS = 64
MAX_TERMS = 64  # words and phrases in one query: a question, not a document


def text_match(dataset: Dataset, parsed: ParsedQuery) -> TextMatch:
    """The query as the store's full-text index asks it, prefixes widened to the dataset's
    words that start with them (each stemmed as a typed word is). A query of more than
    MAX_TERMS terms is refused: its cost grows with every term and every prefix."""
    count = len(parsed.terms) + len(parsed.excluded)
    if count > MAX_TERMS:
        raise UsageError(
            f"search query has {count} words and phrases; synews searches at most {MAX_TERMS}",
            hint="search for the words that matter most",
        )

    def expand(term: Term) -> list[str]:
        if term.phrase or len(term.words) != 1:
            return []
        start = term.words[0]
        found = dataset.words_starting(start, PREFIX_WORDS)
        return [word for word in found or () if word != start]

    expression = parsed.match_expression(expand)
    if expression is not None:
        return TextMatch(expression, query=parsed.text)
    excluded = parsed.excluded_expression(expand)
    assert excluded is not None  # a query has wanted or excluded terms
    return TextMatch(excluded, negate=True, query=parsed.text)


def compile_search(dataset: Dataset, query: str) -> TextMatch:
    """A listing's ``--search``: parsed (a malformed query is a usage error) and made a
    match of the store's full-text index."""
    return text_match(dataset, parse_query(query))
