"""Stage: attribution. Where a sentence says who is speaking, and who.

After a quote (``"...," she said``, ``"...," said Jane Doe, a lawyer``), before it
(``Ms Doe said: "..."``), inside reported speech (``X said the talks were ...``),
``according to`` and ``told <outlet>``. Works on skeletons and returns the speaker phrase
with the span that holds it (a date there says when the words were said); resolving the
phrase to a speaker is left to the builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synews_cli.curate.extract.sentences import abbreviation_before
from synews_cli.curate.extract.text_helpers import name_words, split_segments
from synews_cli.curate.extract.vocabulary import (
    AUX,
    DETERMINERS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    NEEDS_BREAK,
    NOUN_LIKE,
    ORG_WORDS,
    PARTICIPLES,
    PH_CLOSE,
    PH_OPEN,
    REPORTING_VERBS,
    ROLE_NOUNS,
    TITLES,
    TRAILING_AUX,
    word_set,
)
from synews_cli.curate.extract.who import Who, interpret_who

VERB_RE = re.compile(
    r"(?<![-\w])([Aa]ccording to|pointed out|points out|went on|goes on|"
    + "|".join(sorted(REPORTING_VERBS | PARTICIPLES, key=len, reverse=True))
    + r")\b"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being|get|got)\s+$", re.IGNORECASE)
SCARE_QUOTE_BEFORE = re.compile(
    r"(?:so-called|dubbed|nicknamed|known as|billed as|branded as|the word|the term|"
    r"code-?named|titled|entitled|"
    # the title of a work: 'the documentary "Silent Valley"', 'the working title "Valley"'
    r"\bthe\s+(?:\w+\s+)?(?:documentary|film|movie|book|novel|memoir|song|album|play|series|"
    r"show|programme|program|opera|exhibition|poem|podcast|report|study|essay|headline|slogan|"
    r"hashtag|motto|operation|campaign|title|hit|single|track))"
    r"\s*$",
    re.IGNORECASE,
)


# 'called the film "propaganda"': the words characterise the film, someone said them
_CHARACTERISED_RE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|describ(?:es|ed|ing)|label(?:s|led|ed|ling)|term(?:s|ed)|"
    r"brand(?:s|ed))\s+(?:the|a|an|his|her|their|its|this|that)\s+(?:\w+\s+)?\w+\s*$",
    re.IGNORECASE,
)


def not_speech(before: str) -> bool:
    """Are the quoted words after ``before`` a scare quote or a title, nobody's speech
    (``the so-called "peace plan"``, ``the documentary "Silent Valley"``)?"""
    return SCARE_QUOTE_BEFORE.search(before) is not None and not _CHARACTERISED_RE.search(before)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who spoke, as the sentence says it, and where that is said (skeleton offsets)."""

    who: Who
    span: tuple[int, int]
    verb: str


def _verb_matches(skeleton: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Reporting verbs in ``skeleton[start:end]`` that do report speech here."""
    found = []
    for match in VERB_RE.finditer(skeleton, start, len(skeleton) if end is None else end):
        verb = match.group(1).lower()
        before = skeleton[max(0, match.start() - 40) : match.start()]
        if _PASSIVE_BEFORE.search(before):
            continue  # "was told to leave", "is said to be"
        after = skeleton[match.end() : match.end() + 12]
        inverted = re.search(rf"{PH_CLOSE}[\s,;\u2014\u2013-]*$", before)
        if (
            verb in NEEDS_BREAK
            and not inverted
            and not re.match(rf"\s*(?:that\b|[,.:;]|$|{PH_OPEN})", after)
        ):
            continue  # "added to the list"; but '"...," added Carter' is speech
        previous = [w for w in re.findall(r"[\w'’]+", before.lower()) if w not in TRAILING_AUX][-1:]
        if previous and previous[0] in DETERMINERS and verb.endswith(("s", "ed", "told")):
            continue  # "the claims", "another reported concession": a noun or an adjective
        if verb in NOUN_LIKE and not previous:
            continue
        if previous and previous[0] in ("who", "which", "whom") and verb != "according to":
            continue  # "who asked not to be named": part of a description of the speaker
        found.append(match)
    return found


_SPEAKER_REACH = 240  # characters before a verb where its speaker may start
_VERBS_TRIED = 8  # reporting verbs of a sentence tried for its speaker


def _verb(match: re.Match[str]) -> str:
    return match.group(1).lower()


def drop_trailing_aux(text: str) -> str:
    """``Israel has`` -> ``Israel``: the words between a speaker and the verb."""
    words = text.rstrip(" ,").split(" ")
    while words and words[-1].lower() in TRAILING_AUX:
        words.pop()
    return " ".join(words)


def _who_before(
    skeleton: str, verb: re.Match[str], start: int, lower_words: frozenset[str]
) -> tuple[Who | None, int]:
    """The speaker phrase before a verb (from ``start``), and where it starts."""
    if verb.start() - start > _SPEAKER_REACH:  # a speaker phrase is short: look near
        cut = skeleton.find(", ", verb.start() - _SPEAKER_REACH, verb.start())
        start = verb.start() - _SPEAKER_REACH if cut == -1 else cut + 2
    text = skeleton[start : verb.start()]
    if PH_CLOSE in text:  # ... "limited", Mr Trad said: only what follows the quote
        cut = text.rfind(PH_CLOSE) + 1
        start, text = start + cut, text[cut:]
    text = drop_trailing_aux(text)
    # "talks that analysts have said": the speaker follows the relative pronoun.
    relative = list(re.finditer(r"\b(?:that|whom|which)\s+", text))
    if relative:
        who = interpret_who(text[relative[-1].end() :], lower_words)
        if who is not None:
            return who, start + relative[-1].end()
    whole = interpret_who(text, lower_words)
    if whole is not None and (whole.kind not in ("description", "definite") or _can_speak(whole)):
        return whole, start
    segments = split_segments(re.sub(r"(?:^|,\s*)and\s+", ", ", text))
    for size in range(1, len(segments)):  # "... is high, the minister said"
        tail = ", ".join(segments[-size:])
        who = interpret_who(tail, lower_words)
        if who is not None and (whole is None or _can_speak(who)):
            return who, start + max(0, text.rfind(segments[-size]))
    return whole, start


DAYS_AND_MONTHS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    "May|June|July|August|September|October|November|December|week|month|year|night|morning|"
    "afternoon|evening|weekend"
)
_TRAILING_DATE_RE = re.compile(
    rf"\s+(?:(?:on|last|this|in|earlier|later|early|late)\s+(?:{DAYS_AND_MONTHS})\b|"
    r"(?:yesterday|today|tonight)\b)[^,]*$"
)


def _who_after(
    skeleton: str, verb: re.Match[str], end: int, lower_words: frozenset[str]
) -> Who | None:
    """The speaker phrase after an inverted verb: ``said Jane Doe, a lawyer``."""
    text = skeleton[verb.end() : end]
    if PH_OPEN in text:
        text = text[: text.find(PH_OPEN)]
    text = text[: _clause_end(text)]
    return interpret_who(_TRAILING_DATE_RE.sub("", text), lower_words)


def _clause_end(text: str) -> int:
    """Where the first sentence of ``text`` ends: a full stop that is not an abbreviation
    (``Sen.``, ``D-Calif.``, an initial), or a ? or !; the length when none does."""
    for match in re.finditer(r"[.!?](?=\s|$)", text):
        if match.group() != "." or not abbreviation_before(text, match.start()):
            return match.start()
    return len(text)


def after_attribution(
    skeleton: str, start: int, end: int, quoted: str, lower_words: frozenset[str]
) -> Attribution | None:
    """After a quote: ``"...," she said`` / ``"...," said Jane Doe, a lawyer`` /
    ``"...," Jane Doe told Reuters`` / ``"...," according to X``. The quote ends with
    punctuation, inside or outside its marks: ``the "heritage model" say`` is no
    attribution."""
    lead = re.match(r"[\s,;:\u2014\u2013-]*", skeleton[start:end])
    closing = quoted.rstrip()[-1:] in tuple(",?!.\u2026\u2014\u2013-")
    if not closing and not (lead and lead.group().strip()):
        return None
    offset = start + (lead.end() if lead else 0)
    body = skeleton[offset:end]
    if not body:
        return None
    stop = offset + _clause_end(body)
    verbs = _verb_matches(skeleton, offset, stop)
    if not verbs:
        return None
    verb = verbs[0]
    name = _verb(verb)
    if skeleton[offset : verb.start()].strip() == "":
        if name in PARTICIPLES:
            return None  # ", adding ...": the sentence's speaker goes on
        who = _who_after(skeleton, verb, stop, lower_words)
        return None if who is None else Attribution(who, (offset, stop), name)
    if name == "according to":
        return None
    between = skeleton[offset : verb.start()]
    if len(between.split()) > 30:
        return None
    who = interpret_who(drop_trailing_aux(between), lower_words)
    if who is None:
        return None
    tail = re.match(r"[^,.;:]*", skeleton[verb.end() : stop])
    return Attribution(who, (offset, verb.end() + (tail.end() if tail else 0)), name)


def before_attribution(
    skeleton: str, start: int, end: int, lower_words: frozenset[str]
) -> Attribution | None:
    """Before a quote: ``Ms Doe said: "..."`` / ``According to Dr Lee, "..."`` /
    ``He told Reuters, "..."``."""
    chunk = skeleton[start:end]
    if not re.search(r"[:,]\s*$|\b(?:said|says|told|added|asked|wrote)\s*$", chunk):
        return None
    clause_start = start
    for boundary in re.finditer(r"[.!?](?=\s)", chunk):
        clause_start = start + boundary.end()
    verbs = _verb_matches(skeleton, clause_start, end)
    if not verbs:
        return None
    verb = verbs[-1]
    name = _verb(verb)
    if name == "according to":
        who = interpret_who(skeleton[verb.end() : end], lower_words)
        return None if who is None else Attribution(who, (verb.start(), end), name)
    after = skeleton[verb.end() : end]
    if len(after.split()) > 8 or re.search(r"\bthat\b", after) or name in PARTICIPLES:
        return None
    who, who_start = _who_before(skeleton, verb, clause_start, lower_words)
    return None if who is None else Attribution(who, (who_start, end), name)


_LINKING_VERBS = word_set(
    "gave put took offered sounded struck seemed appeared remained kept went sent made had "
    "was were is are has have"
)
_SPEAKER_KINDS = frozenset(("name", "pronoun", "organisation", "state", "group"))


def colon_attribution(
    skeleton: str, start: int, end: int, lower_words: frozenset[str]
) -> Attribution | None:
    """A quote introduced by a colon after a clause about someone, with no reporting
    verb: ``Her counterpart, Viktor Orlov, was more cautious: "..."``, ``A rebel
    spokesman gave a different account: "..."``. The speaker is the clause's subject
    (the words before its first verb), when that subject is someone who can speak."""
    chunk = skeleton[start:end]
    if not chunk.rstrip().endswith(":"):
        return None
    clause_start = start
    for boundary in re.finditer(r"[.!?](?=\s)", chunk):
        clause_start = start + boundary.end()
    clause = skeleton[clause_start:end].rstrip()[:-1]
    if PH_CLOSE in clause:
        return None
    who = sentence_subject(clause, lower_words)
    return None if who is None else Attribution(who, (clause_start, end), "colon")


def _can_speak(who: Who) -> bool:
    """A named or described speaker, not ``The reason`` or ``The statement``."""
    if who.kind in _SPEAKER_KINDS:
        return True
    last = who.name.lower().split()[-1:] if who.name else []
    return bool(last) and (last[0] in ROLE_NOUNS | GROUP_NOUNS | TITLES | ORG_WORDS)


def sentence_attribution(skeleton: str, lower_words: frozenset[str]) -> Attribution | None:
    """The speaker of a sentence of reported speech: ``X said the talks were "..."``,
    ``He added that ...``, ``... is "limited", Mr Trad said``, ``According to X, ...``."""
    weak: Attribution | None = None  # "A recount ... has confirmed": kept if nothing better
    for verb in _verb_matches(skeleton)[:_VERBS_TRIED]:
        name = _verb(verb)
        if name == "according to":
            phrase = re.split(r"[,.;]", skeleton[verb.end() :])[0]
            # "according to figures from the union": the union is the source
            phrase = _DOCUMENT_FROM_RE.sub("", phrase)
            who = interpret_who(phrase, lower_words)
            if who is not None and not set(name_words(who.name)) & DOCUMENT_NOUNS:
                return Attribution(who, (verb.start(), verb.end() + len(phrase)), name)
            continue
        if name in PARTICIPLES:
            # "The minister resigned on Tuesday, saying she could ...": the subject speaks
            lead = skeleton[: verb.start()].rstrip()
            subject = sentence_subject(lead, lower_words) if lead.endswith(",") else None
            if subject is not None and PH_CLOSE not in lead:
                return Attribution(subject, (verb.start(), verb.end()), name)
            continue
        who, who_start = _who_before(skeleton, verb, 0, lower_words)
        if who is None and re.search(r"(?:,\s*|\s)and\s+$", skeleton[: verb.start()]):
            # "X accused the mayor of ..., and said ...": the sentence's subject speaks
            who, who_start = sentence_subject(skeleton[: verb.start()], lower_words), 0
        if who is not None:
            tail = None
            if name in ("told", "tells"):  # the outlet or audience told
                tail = re.match(r"\s*(?:[A-Z][\w'’.&-]*\s*){0,4}", skeleton[verb.end() :])
            found = Attribution(who, (who_start, verb.end() + (tail.end() if tail else 0)), name)
            if who.kind in ("description", "definite") and not _can_speak(who):
                weak = weak or found
                continue
            return found
        lead = skeleton[: verb.start()].rstrip()
        if not lead or lead.endswith(PH_CLOSE + ","):
            who = _who_after(skeleton, verb, len(skeleton), lower_words)
            if who is not None:
                return Attribution(who, (verb.start(), len(skeleton)), name)
    return weak


_DOCUMENT_FROM_RE = re.compile(
    r"^\s*(?:the\s+)?(?:\w+\s+)?(?:"
    + "|".join(sorted(DOCUMENT_NOUNS, key=len, reverse=True))
    + r")\s+(?:\w+\s+)?(?:from|by|of)\s+",
    re.IGNORECASE,
)


def sentence_subject(clause: str, lower_words: frozenset[str]) -> Who | None:
    """The subject of a clause: the words before its first verb (``Her counterpart, Viktor
    Orlov`` in ``Her counterpart, Viktor Orlov, was more cautious``), when it is someone
    who can speak."""
    tokens = list(re.finditer(r"\S+", clause))
    for position, token in enumerate(tokens[1:13], start=1):
        word = token.group().lower().strip(",;")
        if (
            word in AUX
            or word in _LINKING_VERBS
            or word in REPORTING_VERBS
            or (word.endswith("ed") and tokens[position - 1].group().lower() not in DETERMINERS)
        ):
            subject = clause[: token.start()].rstrip(" ,")
            who = interpret_who(drop_trailing_aux(subject), lower_words)
            return who if who is not None and _can_speak(who) else None
    return None


def is_fragment(skeleton: str, placeholder: re.Match[str]) -> bool:
    """A quote inside a sentence of reported speech (``called it "transactional"``), not a
    quote standing alone (at the start, or after ``said:``, ``said,`` or another quote's
    attribution)."""
    before = skeleton[: placeholder.start()]
    if PH_CLOSE in before:
        before = before[before.rfind(PH_CLOSE) + 1 :]
    if not before.strip(" \u2014\u2013-\u2022*") or re.search(r"[.!?:]\s*$", before):
        return False
    if re.search(r",\s*$", before):
        clause = before.rstrip()[:-1]
        return not (_verb_matches(clause) or re.search(r"\b[Aa]ccording to\b", clause))
    return True
