"""Stage helper: the name in a capitalised speaker phrase.

``Labour minister Sofia el-Amin``, ``Mr van der Berg``, ``Secretary of State Antony
Blinken``: which words are the name (particles included), which a title, which the role
before it; and when there is no name at all (``Prime Minister of Japan``, ``... walked off
the job on Monday``). who.py reads the rest of the phrase.
"""

from __future__ import annotations

from synews_cli.curate.extract.date_patterns import MONTHS, WEEKDAYS
from synews_cli.curate.extract.text_helpers import name_run_start
from synews_cli.curate.extract.vocabulary import (
    AUX,
    COUNTRIES,
    HONORIFICS,
    NAME_PARTICLES,
    ROLE_NOUNS,
    TITLES,
    word_set,
)

_PORTFOLIO_WORDS = word_set(
    "state defence defense foreign affairs health justice treasury finance interior home "
    "education energy agriculture transport trade labour labor environment culture economy "
    "the commerce housing industry security development communications science"
)
_MAX_DESCRIPTOR = 7  # "Veteran human rights lawyer and former MP Jane Doe"
# Day and month names that are no one's name ("May", "June", "April" may be).
_CALENDAR_WORDS = (frozenset(WEEKDAYS) | frozenset(MONTHS)) - {"may", "june", "april", "august"}


def named_in(
    words: list[str], lower_words: frozenset[str]
) -> tuple[str, str | None, str | None, str | None] | None:
    """A capitalised speaker phrase -> (name, title, role from the words before the name,
    gender from an honorific); None when there is no name in it."""
    # The trailing run of name words (with particles: "al-Sharaa", "van der Berg").
    run_start = name_run_start(words)
    if run_start == len(words):
        return None
    descriptor = words[:run_start]
    run = words[run_start:]
    if descriptor and descriptor[-1].lower() in ("of", "for"):
        # "Secretary of State Antony Blinken", "Minister for Foreign Affairs Penny Wong"
        portfolio = 0
        while len(run) > 1 and run[0].lower().strip(",") in _PORTFOLIO_WORDS:
            descriptor.append(run.pop(0))
            portfolio += 1
        if len(run) == 1 and (not portfolio or run[0].lower() in COUNTRIES | _PORTFOLIO_WORDS):
            return None  # "Prime Minister of Japan", "Duke of Edinburgh": a role, no name
    if len(descriptor) > _MAX_DESCRIPTOR or all(
        w.lower().strip(".,") in _CALENDAR_WORDS for w in run
    ):
        return None  # "... walked off the job on Monday": a clause, not "Monday" speaking
    # The first word of a sentence is capitalised whatever it is: a common noun there
    # ("Analyst Jane Doe") is a descriptor.
    while (
        len(run) > 1
        and (
            run[0].lower().strip(".") in ROLE_NOUNS
            or (len(run) > 2 and run[0].lower() in lower_words)
        )
        and run[0].lower() not in NAME_PARTICLES
        and run[0].lower().strip(".") not in TITLES
    ):
        descriptor.append(run.pop(0))
    title_end = 0
    for index, word in enumerate(run[:-1]):
        if word.lower().strip(".") in TITLES:
            title_end = index + 1
    title_words = run[:title_end]
    name_words = run[title_end:]
    if not name_words or any(w.lower().strip(".,") in AUX for w in name_words):
        return None
    honorific = title_words[-1].lower().strip(".") if title_words else ""
    gender = HONORIFICS.get(honorific)
    role_bits = list(descriptor)
    if role_bits and role_bits[0].lower() in lower_words and len(role_bits) > 1:
        role_bits[0] = role_bits[0].lower()  # capitalised only as the sentence's first word
    if title_words and honorific not in HONORIFICS:
        role_bits += title_words
    role = " ".join(role_bits).strip() or None
    title = " ".join(title_words) or None
    return " ".join(name_words).strip(".,"), title, role, gender
