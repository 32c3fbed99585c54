"""Text rules shared by every layer: folding for comparison, words, suggestions, and keeping
untrusted dataset text inert in every output.

Folding: case and accents are removed before comparison (``Ḥamā`` -> ``hama``), and names and
list values match on whole runs of words.

Inert text: dataset text may hold terminal escape sequences, bidirectional overrides, Rich
markup, HTML or spreadsheet formulas. Markup is never interpreted (renderers use literal
text); what could act on a terminal or a spreadsheet is removed or neutralised here.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

_WORD_RE = re.compile(r"[^\W_]+")

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


# --- Comparing -------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``Ḥamā`` -> ``hama``, ``Straße`` -> ``strasse``."""
    if text.isascii():
        return text.casefold()  # the same result: NFKD leaves ASCII as it is
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def words(text: str) -> tuple[str, ...]:
    """Folded words, punctuation dropped: ``al-Shara`` -> ``("al", "shara")``."""
    return tuple(_WORD_RE.findall(fold(text)))


def contains_run(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """True when ``needle`` occurs as consecutive words of ``haystack`` (or, written
    without spaces, equals consecutive words joined: ``alshara`` matches ``al shara``)."""
    if not needle:
        return False
    size = len(needle)
    for start in range(len(haystack) - size + 1):
        if tuple(haystack[start : start + size]) == tuple(needle):
            return True
    joined = "".join(needle)
    for start in range(len(haystack)):
        run = ""
        for word in haystack[start:]:
            run += word
            if run == joined:
                return True
            if len(run) >= len(joined):
                break
    return False


def value_matches(values: Iterable[str], wanted: Sequence[str]) -> bool:
    """True when any value contains any of the wanted phrases as a run of its words."""
    value_words = [words(value) for value in values]
    return any(contains_run(vw, words(w)) for w in wanted for vw in value_words)


def closest(word: str, choices: Iterable[str], *, count: int = 1, cutoff: float = 0.6) -> list[str]:
    """The choices most like ``word`` (difflib), best first: every "did you mean" asks here."""
    import difflib  # only when there is something to explain

    return difflib.get_close_matches(word, list(choices), n=count, cutoff=cutoff)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string."""
    matches = closest(word, choices)
    return f" (did you mean '{inert(matches[0])}'?)" if matches else ""


def suggest_ids(candidates: Iterable[str], wanted: str) -> str:
    """``; did you mean a, b?`` with up to three close ids, else an empty string."""
    close = closest(wanted, candidates, count=3, cutoff=0.5)
    return f"; did you mean {', '.join(inert(c) for c in close)}?" if close else ""


# --- Keeping text inert ----------------------------------------------------------------------


def inert(text: str) -> str:
    """Remove controls (keeping tab and newline) and bidirectional overrides."""
    return _UNSAFE_RE.sub("", text)


_LONG_RUN_RE = re.compile(r"\S{200,}")
MESSAGE_LIMIT = 4000


def bounded(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """A message as a person can read it whatever it echoes: a run of 200 characters or
    more without a space (a 2 MB id) keeps its first 80, and the whole keeps its first
    ``limit``, each cut saying how much was left out."""

    def cut(match: re.Match[str]) -> str:
        run = match.group()
        return f"{run[:80]}\u2026[{len(run) - 80} more characters]"

    text = _LONG_RUN_RE.sub(cut, text)
    if len(text) > limit:
        text = f"{text[:limit]}\u2026[{len(text) - limit} more characters]"
    return text


def one_line(text: str) -> str:
    """Inert text on one line: tabs, newlines and other line breaks become single spaces."""
    return inert(_WHITESPACE_CONTROLS_RE.sub(" ", text))


def quoted(text: str) -> str:
    """Text in a message, on one line between quotation marks that it does not hold:
    ``"Tartus"``, but ``'"naval base"'``."""
    text = one_line(text)
    return f"'{text}'" if '"' in text else f'"{text}"'


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


def display_width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide East Asian characters take two, combining
    marks none), so a ``^`` under a query lands under the right character."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
