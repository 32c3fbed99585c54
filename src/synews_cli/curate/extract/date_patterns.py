"""What date expressions look like: the vocabulary and one regular expression per kind.

Month and weekday names, number words, approximation words, and the patterns for each kind
of expression (``15 October 2025``, ``in March``, ``last Tuesday``, ``three weeks ago``,
``a few days after the vote``, ``the 1990s``), in the order they are tried. calendar.py
gives each kind its meaning; keeping the patterns apart keeps that module about dates.
"""

from __future__ import annotations

import re

from synews_cli.curate.extract.vocabulary import word_set


def _split(words: str) -> list[str]:
    """Words in order, from a string of words."""
    return words.split()


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {
    word: number
    for number, word in enumerate(
        _split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "a dozen": 12}
VAGUE_NUMBERS = {"a few": 3, "several": 3, "a number of": 3, "dozens of": 24}
APPROX_WORDS = word_set("about around nearly almost some roughly approximately circa over") | {
    "more than",
    "less than",
    "just over",
    "just under",
    "close to",
    "up to",
    "at least",
}

_MONTH = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![a-z])"
)
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_APPROX = (
    r"(?:(?P<approx>about|around|nearly|almost|some|roughly|approximately|circa|more than|"
    r"over|less than|just over|just under|close to|up to|at least|barely|only|just)\s+)?"
)
_NUM = (
    r"(?P<num>\d{1,3}|a couple of|a dozen|a few|a number of|dozens of|several|an|a|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
)
_UNIT = r"(?P<unit>hours?|days?|weeks?|months?|years?|decades?)"
_PREP = (
    r"(?:(?P<prep>in|on|since|until|till|from|through|during|of|by|early|mid|late|"
    r"earlier in|later in)[\s-]+)?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# Words before a month name that make it a date ("in March", "the March protests").
_MONTH_LEAD = (
    r"(?:\b(?P<rel>last|next|this|early|mid|late|earlier in|later in|in|since|until|till|from|"
    r"through|during|by)[\s-]+|(?<=\bthe )|(?<=\band )|(?<=\bto )|(?<=\bof )|(?<=\bbetween ))"
)
_ANCHOR = r"(?P<anchor>[^,.;:!?\ue000\n]{3,90})"

DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "full",  # October 15, 2025 / Wednesday, 15 October 2025
        re.compile(
            rf"\b{_PREP}(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?|"
            rf"(?:the\s+)?(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?"
            + _MONTH.replace("?P<mon>", "?P<mon2>")
            + r",?)\s+(?P<year>\d{4})\b",
            re.IGNORECASE,
        ),
    ),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    (
        "month-year",  # March 2025, early March 2025
        re.compile(
            rf"\b{_PREP}(?:(?P<part>early|mid|late)[\s-]+)?{_MONTH}(?:\s+of)?,?\s+"
            r"(?P<year>\d{4})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month-range",  # between March and April, from May to July 2025
        re.compile(
            rf"\b(?:between|from)\s+{_MONTH}(?:\s+(?P<y1>\d{{4}}))?\s+(?:and|to|until|through)\s+"
            + _MONTH.replace("?P<mon>", "?P<mon2>")
            + r"(?:\s+(?P<year>\d{4}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "period-end",  # by the end of the month, at the end of next year
        re.compile(
            r"\b(?:(?P<prep>by|before|until|till|at|towards?)\s+)?the\s+(?:very\s+)?"
            r"(?:end|close)\s+of\s+(?P<rel>the|this|next|last)\s+(?P<period>week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "day-month",  # on October 15 / on 15 October (the year inferred)
        re.compile(
            rf"\b{_PREP}(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}(?![\d:])\b|"
            rf"(?:the\s+)?(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?"
            + _MONTH.replace("?P<mon>", "?P<mon2>")
            + ")",
            re.IGNORECASE,
        ),
    ),
    (
        "month",  # in March, last December, the March protests
        re.compile(
            rf"{_MONTH_LEAD}(?:(?P<part>early|mid|late)[\s-]+)?{_MONTH}"
            r"(?P<yr>\s+(?:this|last|next)\s+year)?",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",  # on Tuesday, last Friday
        re.compile(
            rf"\b(?:(?P<rel>on|last|next|this|since|by|until)\s+)?{_WEEKDAY}(?![a-z])"
            r"(?:\s+(?:morning|afternoon|evening|night))?",
            re.IGNORECASE,
        ),
    ),
    (
        "day-word",
        re.compile(
            r"\b(?P<word>the day before yesterday|yesterday|today|tonight|tomorrow|last night|"
            r"this morning|this afternoon|this evening)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "period",  # this month, last year, the past week
        re.compile(
            r"\b(?P<rel>earlier this|later this|early this|late last|earlier last|this|last|"
            r"next|the past|the last|the previous|the coming)\s+(?P<period>week|month|year|"
            r"decade)\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(rf"\b{_APPROX}{_NUM}\s+{_UNIT}\s+ago\b", re.IGNORECASE)),
    (
        "duration",  # for nearly a decade, over the past five years
        re.compile(
            r"\b(?P<prep>for|over|in|during|throughout)\s+(?:the\s+(?P<past>past|last|previous)"
            rf"\s+)?{_APPROX}{_NUM}\s+{_UNIT}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "anchored",  # a few days after the vote, about 10 months after the visit
        re.compile(
            rf"\b{_APPROX}(?:{_NUM}\s+{_UNIT}|(?P<vague>shortly|soon|just|immediately|right|"
            r"hours|days|weeks|months|years|the day|the week|the month|the year))\s+"
            rf"(?P<dir>after|before|later than|earlier than)\s+{_ANCHOR}",
            re.IGNORECASE,
        ),
    ),
    (
        "since-anchor",  # since his ousting, until the fall of the regime
        re.compile(
            r"\b(?P<dir>[Ss]ince|[Uu]ntil|[Tt]ill|[Uu]p until)\s+"
            r"(?P<anchor>(?:the|his|her|their|its|[A-Z])[^,.;:!?\ue000\n]{2,80})"
        ),
    ),
    ("decade", re.compile(r"\b(?:the\s+)?(?:early\s+|mid-|late\s+)?(?P<dec>1[89]\d|20\d)0s\b")),
    (
        "year-range",
        re.compile(
            r"\b(?:(?:between|from)\s+)?(?P<y1>(?:19|20)\d\d)\s*(?:-|–|and|to|until)\s*"
            r"(?P<y2>(?:19|20)\d\d)\b"
        ),
    ),
    (
        "year",
        re.compile(
            r"(?<![\d$£€.,/#-])\b(?:(?P<prep>since|until|in|by|of|from)\s+)?"
            r"(?P<year>1[89]\d\d|20\d\d)\b(?![\d%,.]\d|\s*(?:%|per ?cent|percent|km|kilomet|"
            r"miles|people|troops|tonnes|dollars))",
            re.IGNORECASE,
        ),
    ),
)
MONTH_ONLY_RE = re.compile(r"(?:(?:early|mid|late)[\s-]+)?" + _MONTH + r"(?:\s+\d{4})?\s*$")
VAGUE_ANCHOR_UNITS = {
    "the day": (1, "day", False),
    "the week": (7, "day", False),
    "the month": (1, "month", False),
    "the year": (1, "year", False),
    "hours": (0, "day", True),
    "days": (3, "day", True),
    "weeks": (3, "week", True),
    "months": (3, "month", True),
    "years": (3, "year", True),
}
