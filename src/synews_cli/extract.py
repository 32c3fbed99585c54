"""``synews extract``: a first draft of dataset TOML from a plain-text English news article.

Typing every quotation of an article into TOML by hand is the slowest and most error-prone
step of curation. This module drafts it, by rule (no model, standard library and
python-dateutil only): every quoted passage with its speaker, reported speech as
paraphrases, declined comments, people with their roles, and candidate events for the
sentences that carry a date, each date resolved against the publication date. What the
rules are unsure of carries a ``# review:`` comment; a person reviews and merges the draft.

The rules follow the usual styles of news writing, not any one article: attribution after
a quote (``"...," he said.``, ``"...," said Jane Doe.``), before it (``Ms Doe said: "..."``),
inside it, ``told <outlet>``, ``according to``; titles and honorifics; later references by
surname, pronoun or role; speakers introduced by description; quotations running over
several paragraphs; quoted fragments inside reported speech.
"""

from __future__ import annotations

import math
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from synews_cli import __version__
from synews_cli.dates import DateFormatError, EdtfDate, Point, parse_edtf, parse_user_date
from synews_cli.errors import DataIOError, UsageError
from synews_cli.model import Dataset, Person
from synews_cli.quotes_text import (
    Document,
    Passage,
    claim_text,
    headline_like,
    parse_document,
    speech_passages,
)


def _split(words: str) -> list[str]:
    """Words in order, from a string of words."""
    return words.split()


def _set(words: str) -> frozenset[str]:
    """A vocabulary from a string of words."""
    return frozenset(words.split())


# --- Vocabulary: general English news style ---------------------------------------------------

REPORTING_VERBS = _set(
    "said says say told tells added adds explained explains stated states noted notes insisted "
    "insists argued argues warned warns claimed claims wrote writes asked asks replied replies "
    "responded responds continued continues recalled recalls remarked acknowledged acknowledges "
    "admitted admits conceded concedes suggested suggests stressed stresses emphasised emphasized "
    "emphasises emphasizes observed observes declared declares announced announces complained "
    "complains urged urges predicted predicts cautioned maintained maintains contended contends "
    "countered tweeted posted concluded quipped joked confirmed confirms denied denies believes "
    "believe thinks estimated estimates reported agreed recounted recounts vowed promised pleaded "
    "wondered mused sighed shouted whispered recalled described describes called calls dismissed "
    "hailed branded labelled labeled termed"
)
# Verbs that report speech in a that-clause or a bare clause: the paraphrase verbs.
PARAPHRASE_VERBS = _set(
    "said says say told tells added adds explained explains stated noted insisted insists "
    "argued argues warned warns claimed claims believes believe thinks estimated estimates "
    "confirmed confirms denied denies announced announces maintained maintains acknowledged "
    "admitted stressed suggested suggests predicted predicts reported agreed wrote writes "
    "contended cautioned vowed promised"
)
# Verbs that need "that", a comma, a colon or the end of the clause after them to report
# speech ("she added that ...", but not "added to the list").
_NEEDS_BREAK = _set(
    "added adds explained explains noted notes continued continues concluded observed"
)
_NOUN_LIKE = frozenset(["claims", "reports", "notes", "states", "calls", "posts", "says"])
# Verbs after which a bare clause is reported speech ("said the bases would stay"); the
# others need "that" ("confirmed that ...", not "confirmed the figures").
_SAY_VERBS = _set(
    "said says say told tells added adds explained explains argued argues warned warns "
    "insisted insists claimed claims believes believe thinks stated noted wrote writes"
)
PARTICIPLES = _set("adding saying noting warning insisting explaining arguing")
PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None, "we": None, "i": None}
HONORIFICS = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "mx": None,
    "dr": None,
    "prof": None,
    "professor": None,
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "rev": None,
    "sheikh": "m",
}
TITLES = _set(
    "president vice prime minister secretary general gen lt col colonel major maj captain "
    "capt sergeant sgt admiral adm commander senator sen representative rep governor gov "
    "mayor ambassador chancellor king queen prince princess emir sheikh sultan pope patriarch "
    "bishop archbishop cardinal rabbi imam judge justice chief director chairman chairwoman "
    "chair spokesman spokeswoman spokesperson deputy speaker ceo premier leader commissioner "
    "inspector detective officer lieutenant brigadier marshal envoy"
) | frozenset(HONORIFICS)
NAME_PARTICLES = _set(
    "al el bin ibn abu bint de da di du del della der den van von la le ter dos das y"
)
ORG_WORDS = _set(
    "ministry department office agency council committee commission authority authorities "
    "army forces force party company corporation corp inc ltd bank organisation organization "
    "institute university government embassy police court parliament senate congress assembly "
    "union federation association foundation observatory fund programme program service "
    "services kremlin pentagon administration cabinet presidency secretariat coalition "
    "alliance front movement network centre center watch international group board bureau "
    "command navy ministries"
)
GROUP_NOUNS = _set(
    "experts analysts officials residents observers critics diplomats sources witnesses "
    "activists locals villagers protesters doctors researchers scientists economists lawyers "
    "rebels soldiers militants inhabitants citizens people families farmers workers students "
    "teachers medics refugees survivors supporters opponents leaders ministers lawmakers "
    "legislators investors traders voters parents relatives neighbours neighbors journalists "
    "officers troops fighters commanders shopkeepers owners campaigners mourners passengers "
    "patients nurses engineers executives"
)
QUANTIFIERS = _set("many some several most few other two three four five dozens hundreds thousands")
ROLE_NOUNS = _set(
    "analyst expert researcher spokesman spokeswoman spokesperson official lawyer activist "
    "resident economist professor author journalist commentator historian specialist fellow "
    "director diplomat minister adviser advisor consultant scholar lecturer engineer doctor "
    "teacher student veteran farmer writer editor columnist strategist negotiator envoy "
    "candidate lawmaker campaigner founder chief head owner shopkeeper"
)
COUNTRIES = _set(
    "afghanistan albania algeria andorra angola argentina armenia australia austria "
    "azerbaijan bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria "
    "cambodia cameroon canada chad chile china colombia congo croatia cuba cyprus czechia "
    "denmark djibouti ecuador egypt eritrea estonia ethiopia finland france georgia germany "
    "ghana greece guatemala haiti honduras hungary iceland india indonesia iran iraq ireland "
    "israel italy japan jordan kazakhstan kenya kosovo kuwait kyrgyzstan laos latvia lebanon "
    "libya lithuania luxembourg malaysia mali malta mexico moldova mongolia montenegro "
    "morocco mozambique myanmar nepal netherlands nicaragua niger nigeria norway oman "
    "pakistan palestine panama paraguay peru philippines poland portugal qatar romania russia "
    "rwanda serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria "
    "taiwan tajikistan tanzania thailand tunisia turkey türkiye turkmenistan uganda ukraine "
    "uruguay uzbekistan venezuela vietnam yemen zambia zimbabwe"
) | frozenset(
    (
        "south africa",
        "south korea",
        "north korea",
        "saudi arabia",
        "new zealand",
        "sri lanka",
        "united states",
        "united kingdom",
        "united arab emirates",
        "the us",
        "the uk",
        "the uae",
        "us",
        "uk",
        "uae",
    )
)
# Leading words of a comma-separated segment that make it an adverbial, not the speaker.
ADVERBIAL_STARTS = _set(
    "in inside at on after before during since for with without as despite following speaking "
    "asked when while although though earlier later last this meanwhile however but still yet "
    "also separately elsewhere today yesterday then now writing interviewed from by under "
    "over outside near according echoing addressing responding referring like unlike amid "
    "among"
)
_LEADING_CONJUNCTIONS = ("and", "but", "yet", "so", "still", "however", "meanwhile", "now")
_DETERMINERS = _set(
    "the a an another other this that these those his her their its our my your such some any "
    "each every"
)
_AUX = _set(
    "is are was were be been being has have had will would can could should may might must do "
    "does did not"
)
# Words between a speaker and the verb: "Israel has long said", "she later told".
_TRAILING_AUX = _set(
    "has have had would will also later earlier previously repeatedly publicly once then long "
    "already recently again further separately privately reportedly allegedly simply just "
    "even only never"
)
_STOPWORDS = _set(
    "a an the of to and or in on at for by with from is are was were be been it its this that "
    "these those as but not no his her their our your my we you he she they i them him us me "
    "so if than then there here which who whom what when where why how all any some has have "
    "had will would can could should may might must do does did into over after before about "
    "mr mrs ms dr said says told"
)
_ANONYMITY_RE = re.compile(
    r"\b(?:declined|refused|asked not|did not want|requested|wished)\s+to\s+(?:give|be|have|"
    r"share|reveal|disclose)\b.*|\b(?:spoke|speaking|talked)\s+on\s+(?:the\s+)?condition\s+of\s+"
    r"anonymity\b.*|\bwas not (?:authorised|authorized|allowed|permitted)\b.*",
    re.IGNORECASE,
)
_PSEUDONYM_RE = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*(?:,|\(|\u2014|-)\s*"
    r"(?P<note>not (?:his|her|their) real name|a pseudonym|whose (?:real )?name has been changed"
    r"|(?:his|her|their) name has been changed|name changed)",
)
_NO_COMMENT_RE = re.compile(
    r"\b(?:did not|didn't|has not|hasn't|had not|hadn't|have not|haven't|could not|couldn't|"
    r"would not|wouldn't)\s+(?:immediately\s+)?(?:respond|reply|return|answer|be reached|"
    r"comment)\b|\b(?:declined|refused)\s+to\s+(?:comment|speak|respond|answer|discuss|"
    r"elaborate|be interviewed|give an interview|talk)\b|\bno one was available to comment\b|"
    r"\bbeen (?:contacted|approached|asked) for (?:a )?comment\b",
    re.IGNORECASE,
)
_DOCUMENT_NOUNS = _set(
    "report data figures statistics estimates study survey documents document records "
    "analysis poll census count tally"
)
_VENUE_RE = re.compile(
    r"\s+(?:in|on|at|during|via|through|to|from)\s+(?:a|an|the|his|her|their|its)?\s*"
    r"(?:\w+\s+)?(?:statement|interview|post|press conference|news conference|briefing|speech|"
    r"tweet|video|message|letter|email|e-mail|phone call|call|address|Twitter|X|Facebook|"
    r"Telegram|Instagram|social media|television|radio|podcast|op-ed|column)\b.*$"
)
_ABBREVIATIONS = _set(
    "mr mrs ms dr prof st mt gen lt col capt sgt maj adm gov sen rep rev jr sr inc ltd co "
    "corp vs etc no jan feb aug sept oct nov dec fig approx dept est"
)
PH_OPEN, PH_CLOSE = "\ue000", "\ue001"
_PH_RE = re.compile(PH_OPEN + r"(\d+)" + PH_CLOSE)
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_OPENING_QUOTES = "\u201c\u201e\u00ab\u201f\u2018\"'"

# --- Dates ------------------------------------------------------------------------------------

_MONTHS = {
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
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    word: number
    for number, word in enumerate(
        _split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "a dozen": 12}
_VAGUE_NUMBERS = {"a few": 3, "several": 3, "a number of": 3, "dozens of": 24}
_APPROX_WORDS = _set("about around nearly almost some roughly approximately circa over") | {
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

_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
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
_MONTH_ONLY_RE = re.compile(r"(?:(?:early|mid|late)[\s-]+)?" + _MONTH + r"(?:\s+\d{4})?\s*$")
_VAGUE_ANCHOR_UNITS = {
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


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date: EDTF, the words it was read from, and why to check it."""

    edtf: str
    expression: str = ""
    review: str | None = None


@dataclass(slots=True)
class _Hit:
    """A date expression found in a sentence (offsets in that sentence's skeleton).
    Anchored expressions (``a few days after the vote``) get their value later."""

    start: int
    end: int
    text: str
    pattern: str
    value: str | None = None
    review: str | None = None
    anchor: str | None = None
    direction: str = ""  # after, before, since, until
    amount: int = 0
    unit: str = "day"
    approximate: bool = False
    sentence: int = -1
    unresolved: bool = False  # an anchor nothing dates: the publication date stands in


def _month_of(groups: dict[str, str | None], key: str = "mon") -> int | None:
    name = groups.get(key)
    if name is None or not name[0].isupper():
        return None  # "may", "march": a verb or a noun, not a month
    return _MONTHS[name.lower().rstrip(".")]


def _amount(groups: dict[str, str | None]) -> tuple[int, bool]:
    """(number, approximate) from the number and approximation words."""
    num = (groups.get("num") or "").lower()
    approx_word = (groups.get("approx") or "").lower()
    amount = int(num) if num.isdigit() else _VAGUE_NUMBERS.get(num) or _NUMBERS.get(num, 0)
    return amount, num in _VAGUE_NUMBERS or approx_word in _APPROX_WORDS


class Calendar:
    """Date expressions -> EDTF, at the precision the words support, relative to the
    publication date: a month name without a year is the latest such month not after
    publication; ``about``, ``nearly``, ``some`` make a date approximate (``~``)."""

    def __init__(self, published: Point) -> None:
        self.pub = published

    def find(self, text: str) -> list[_Hit]:
        """Date expressions in ``text``, in order; the longest wins where they overlap."""
        candidates: list[_Hit] = []
        for name, pattern in _DATE_PATTERNS:
            for match in pattern.finditer(text):
                hit = self._interpret(name, match)
                if hit is not None:
                    candidates.append(hit)
        candidates.sort(key=lambda h: (h.start, -(h.end - h.start)))
        chosen: list[_Hit] = []
        for hit in candidates:  # by start: it overlaps a chosen hit only if the last one
            if not chosen or hit.start >= chosen[-1].end:
                chosen.append(hit)
        return chosen

    def _interpret(self, name: str, match: re.Match[str]) -> _Hit | None:
        groups = match.groupdict()
        if groups.get("wd") is not None and not str(groups["wd"])[0].isupper():
            return None
        hit = _Hit(match.start(), match.end(), match.group().strip(), name)
        handler = getattr(self, "_on_" + name.replace("-", "_"))
        try:
            ok: bool = handler(hit, groups)
            if ok and hit.value is not None:
                parse_edtf(hit.value)  # a day that does not exist: not a date
        except (ValueError, OverflowError, KeyError):
            return None
        return hit if ok else None

    # -- helpers

    def pub_edtf(self) -> str:
        return Point(self.pub.year, self.pub.month, self.pub.day).edtf()

    @staticmethod
    def _edtf(
        year: int, month: int | None = None, day: int | None = None, *, approx: bool = False
    ) -> str:
        return Point(min(max(year, 1), 9999), month, day, approximate=approx).edtf()

    def _pub_day(self) -> date | None:
        if self.pub.day is None or self.pub.month is None:
            return None
        return date(self.pub.year, self.pub.month, self.pub.day)

    def _year_of(
        self, month: int, day: int | None = None, *, before: bool = False
    ) -> tuple[int, str | None]:
        """The year of the latest ``month`` (and day) not after publication (strictly
        before it with ``before``: "last March")."""
        if self.pub.month is None:
            return self.pub.year, "the publication date has no month: the year is assumed"
        wanted = (month, day or 0)
        limit = (self.pub.month, self.pub.day or 31)
        if before:
            limit = (self.pub.month - 1, 31)
        return (self.pub.year if wanted <= limit else self.pub.year - 1), None

    def _needs_day(self, hit: _Hit) -> date | None:
        """The publication day, or None after marking ``hit`` as dated to publication."""
        day = self._pub_day()
        if day is None:
            hit.value = self.pub_edtf()
            hit.review = (
                f"{hit.text!r} needs the day of publication, which is not known: dated to "
                "the publication date"
            )
        return day

    @staticmethod
    def _bounded(hit: _Hit, prep: str | None, value: str) -> None:
        """``since March`` is an open interval from March; ``until March`` one up to it."""
        prep = (prep or "").lower()
        if prep == "since":
            hit.value = f"{value}/.."
        elif prep in ("until", "till"):
            hit.value = f"../{value}"
        else:
            hit.value = value

    def shift(self, base: Point, amount: int, unit: str, *, approx: bool, sign: int) -> str:
        """``base`` moved by ``amount`` units, at the precision both support."""
        unit = unit.lower().rstrip("s")
        if unit in ("hour", "day", "week"):
            days = 0 if unit == "hour" else amount * (7 if unit == "week" else 1)
            if base.day is not None and base.month is not None:
                when = date(base.year, base.month, base.day) + timedelta(days=sign * days)
                return self._edtf(when.year, when.month, when.day, approx=approx and days > 0)
            if base.month is None:
                return self._edtf(base.year)
            months = round(days / 30)
            index = base.year * 12 + base.month - 1 + sign * months
            return self._edtf(index // 12, index % 12 + 1, approx=approx and months > 0)
        if unit == "month":
            if base.month is None:
                return self._edtf(base.year + sign * round(amount / 12), approx=True)
            index = base.year * 12 + base.month - 1 + sign * amount
            return self._edtf(index // 12, index % 12 + 1, approx=approx)
        years = amount * (10 if unit == "decade" else 1)
        return self._edtf(base.year + sign * years, approx=approx or unit == "decade")

    # -- one handler per pattern: fill in hit.value (and hit.review); False: not a date

    def _on_full(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        month = _month_of(g) or _month_of(g, "mon2")
        if month is None:
            return False
        day = int(str(g.get("day") or g.get("day2")))
        self._bounded(hit, g.get("prep"), self._edtf(int(str(g["year"])), month, day))
        return True

    def _on_iso(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        hit.value = f"{g['year']}-{g['month']}-{g['day']}"
        return True

    def _on_month_year(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        month = _month_of(g)
        if month is None:
            return False
        self._bounded(hit, g.get("prep"), self._edtf(int(str(g["year"])), month))
        return True

    def _on_day_month(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        month = _month_of(g) or _month_of(g, "mon2")
        if month is None:
            return False
        day = int(str(g.get("day") or g.get("day2")))
        year, hit.review = self._year_of(month, day)
        self._bounded(hit, g.get("prep"), self._edtf(year, month, day))
        return True

    def _on_month(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        month = _month_of(g)
        rel = (g.get("rel") or "").lower()
        if month is None or (not rel and month == 5):
            return False  # "the May ..." is too often a name
        this_year = (g.get("yr") or "").split()
        if this_year:
            year = self.pub.year + {"last": -1, "next": 1}.get(this_year[0].lower(), 0)
        elif rel == "next":
            after = self.pub.month is not None and month > self.pub.month
            year = self.pub.year if after else self.pub.year + 1
        elif rel == "this":
            year = self.pub.year
        else:
            year, hit.review = self._year_of(month, before=rel == "last")
        self._bounded(hit, rel, self._edtf(year, month))
        return True

    def _on_weekday(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        rel = (g.get("rel") or "").lower()
        pub = self._needs_day(hit)
        if pub is None:
            return True
        target = _WEEKDAYS.index(str(g["wd"]).lower())
        if rel == "next":
            day = pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
        else:
            back = (pub.weekday() - target) % 7
            day = pub - timedelta(days=7 if rel == "last" and back == 0 else back)
        self._bounded(hit, rel, self._edtf(day.year, day.month, day.day))
        return True

    def _on_day_word(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        offsets = {"the day before yesterday": -2, "yesterday": -1, "last night": -1}
        offset = offsets.get(
            str(g["word"]).lower(), 1 if str(g["word"]).lower() == "tomorrow" else 0
        )
        pub = self._needs_day(hit)
        if pub is not None:
            day = pub + timedelta(days=offset)
            hit.value = self._edtf(day.year, day.month, day.day)
        return True

    def _on_period(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        rel = str(g["rel"]).lower()
        period = str(g["period"]).lower()
        past = rel in ("the past", "the last", "the previous")
        step = -1 if rel.endswith("last") else 1 if rel in ("next", "the coming") else 0
        if past:
            start = self.shift(self.pub, 1, period, approx=period == "decade", sign=-1)
            hit.value = f"{start}/{self.pub_edtf()}"
            return True
        if period == "decade":
            return False
        if period == "year":
            hit.value = self._edtf(self.pub.year + step)
            return True
        if period == "month":
            if self.pub.month is None:
                hit.value = self._edtf(self.pub.year + 0)
                hit.review = "the publication date has no month: dated to its year"
                return True
            index = self.pub.year * 12 + self.pub.month - 1 + step
            hit.value = self._edtf(index // 12, index % 12 + 1)
            return True
        pub = self._pub_day()  # a week: Monday to Sunday
        if pub is None:
            hit.value = self.pub_edtf()
            hit.review = f"{hit.text!r}: the publication date has no day; dated to its month"
            return True
        monday = pub - timedelta(days=pub.weekday()) + timedelta(days=7 * step)
        sunday = monday + timedelta(days=6)
        hit.value = (
            f"{self._edtf(monday.year, monday.month, monday.day)}/"
            f"{self._edtf(sunday.year, sunday.month, sunday.day)}"
        )
        return True

    def _on_ago(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        amount, approx = _amount(g)
        unit = str(g["unit"]).lower()
        if amount <= 0:
            return False
        if unit.startswith(("hour", "day", "week")) and self._needs_day(hit) is None:
            return True
        hit.value = self.shift(self.pub, amount, unit, approx=approx, sign=-1)
        return True

    def _on_duration(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        amount, approx = _amount(g)
        prep = str(g.get("prep") or "").lower()
        unit = str(g["unit"]).lower()
        if amount <= 0 or (prep in ("in", "during") and not g.get("past")):
            return False  # "in two years" looks ahead; "in the past two years" does not
        if unit.startswith(("hour", "day")):
            return False  # too short a period to be worth an interval
        start = self.shift(self.pub, amount, unit, approx=approx, sign=-1)
        hit.value = f"{start}/{self.pub_edtf()}"
        if not g.get("past"):
            hit.review = f"{hit.text!r}: the period is taken to end at publication"
        return True

    def _on_anchored(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        vague = (g.get("vague") or "").lower()
        if vague:
            hit.amount, hit.unit, hit.approximate = _VAGUE_ANCHOR_UNITS.get(
                vague, (0, "day", False)
            )
        else:
            hit.amount, hit.approximate = _amount(g)
            hit.unit = str(g["unit"]).lower().rstrip("s")
        return self._anchor(
            hit, g, "after" if str(g["dir"]).lower() in ("after", "later than") else "before"
        )

    def _on_since_anchor(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        direction = "since" if str(g["dir"]).lower() == "since" else "until"
        return self._anchor(hit, g, direction)

    def _anchor(self, hit: _Hit, g: dict[str, str | None], direction: str) -> bool:
        anchor = _trim_anchor(str(g["anchor"]))
        if not anchor or _MONTH_ONLY_RE.match(anchor) or anchor[0].isdigit():
            return False  # "since March" and "since 2011" have patterns of their own
        words = anchor.lower().split()
        if direction in ("since", "until") and (_AUX & set(words) or words[0] in PRONOUNS):
            return False  # "since he was a boy": more often a reason or a habit than a date
        hit.anchor, hit.direction = anchor, direction
        cut = hit.text.find(anchor)
        if cut != -1:
            hit.text = hit.text[: cut + len(anchor)]
            hit.end = hit.start + len(hit.text)
        return True

    def _on_decade(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        start = int(str(g["dec"])) * 10
        hit.value = f"{start}/{start + 9}"
        return True

    def _on_year_range(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        first, last = int(str(g["y1"])), int(str(g["y2"]))
        if not first < last <= self.pub.year + 10:
            return False
        hit.value = f"{first}/{last}"
        return True

    def _on_year(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        year = int(str(g["year"]))
        if year > self.pub.year + 10:
            return False
        self._bounded(hit, g.get("prep"), self._edtf(year))
        return True

    # -- anchored expressions, once every other date is known

    def resolve_anchored(
        self,
        hit: _Hit,
        dated: Sequence[tuple[_Hit, frozenset[str], str]],
        idf: dict[str, float],
    ) -> None:
        """Date ``a few days after <anchor>`` from the dated expression whose sentence
        shares the anchor's rarest words (the one nearest those words)."""
        assert hit.anchor is not None
        wanted = _content_words(hit.anchor)
        best: tuple[float, int, int, _Hit] | None = None
        for other, sentence_words, sentence_text in dated:
            if other is hit or other.value is None or other.unresolved:
                continue
            if abs(other.sentence - hit.sentence) > _ANCHOR_REACH:
                continue
            if other.sentence == hit.sentence and hit.direction in ("after", "before"):
                # "opened on Saturday, a decade after construction began": the other date
                # is the opening's, not the anchor's.
                continue
            shared = wanted & sentence_words
            score = sum(idf.get(w, 0.0) for w in shared)
            if score <= 0:
                continue
            positions = [
                m.start() for w in shared for m in re.finditer(rf"\b{re.escape(w)}", sentence_text)
            ]
            # A date usually follows what it dates ("a vote ... in December").
            near = -min(
                (other.start - p if other.start >= p else 2 * (p - other.start) for p in positions),
                default=0,
            )
            key = (score, -abs(other.sentence - hit.sentence), near)
            if best is None or key > best[:3]:
                best = (*key, other)
        if best is None:
            hit.unresolved = True
            hit.value = self.pub_edtf()
            hit.review = (
                f"{hit.text!r}: no dated mention of {hit.anchor!r} found; dated to the "
                "publication date"
            )
            return
        anchor_hit = best[3]
        anchor = parse_edtf(str(anchor_hit.value))
        lower, upper = anchor.lower or anchor.upper, anchor.upper or anchor.lower
        assert lower is not None and upper is not None
        if hit.direction == "since":
            hit.value = f"{_plain(lower)}/.."
        elif hit.direction == "until":
            hit.value = f"../{_plain(upper)}"
        else:
            sign = 1 if hit.direction == "after" else -1
            base = upper if sign == 1 else lower
            hit.value = self.shift(base, hit.amount, hit.unit, approx=hit.approximate, sign=sign)
        hit.review = f"{hit.anchor!r} read as the date of {anchor_hit.text!r} ({anchor_hit.value})"


_ANCHOR_REACH = 150  # sentences either side where an anchor's date is looked for


def _plain(point: Point) -> str:
    return Point(point.year, point.month, point.day).edtf()


def _trim_anchor(text: str) -> str:
    """The noun phrase an ``after``/``since`` anchor names: up to a clause boundary."""
    text = re.split(
        r"\s+(?:when|where|which|who|that|as|while|because|and then|but|after|before|"
        r"until|since|during|in order|so that)\b",
        text.strip(),
        maxsplit=1,
    )[0]
    return " ".join(text.split()[:10]).strip(" \u201c\u201d\"'")


def _content_words(text: str) -> frozenset[str]:
    """Lower-case words that carry meaning, plural -s dropped: for matching anchors."""
    found = set()
    for word in _WORD_RE.findall(text.lower()):
        word = re.sub(r"['’]s$", "", word)
        if word in _STOPWORDS or len(word) < 3 or word.isdigit():
            continue
        found.add(word.rstrip("s") if len(word) > 4 else word)
    return frozenset(found)


# --- Draft records ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftSource:
    id: str
    outlet: str
    published: str
    kind: str = "article"
    title: str | None = None
    author: str | None = None
    text_file: str | None = None
    review: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftPerson:
    id: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "person"
    identity: str = "named"
    identity_note: str | None = None
    note: str | None = None
    review: tuple[str, ...] = ()
    existing: bool = False  # already in the dataset the draft extends: not written


@dataclass(frozen=True, slots=True)
class DraftEvent:
    id: str
    date: DateValue
    title: str
    summary: str
    source: str
    review: tuple[str, ...] = ()
    also: tuple[DateValue, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftClaim:
    id: str
    speaker: str
    kind: str
    text: str
    date: DateValue
    source: str
    context: str | None = None
    about: tuple[str, ...] = ()
    review: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    """Everything ``extract`` found; :meth:`to_toml` renders it for review."""

    article: str
    source_id: str
    source: DraftSource | None  # None: the source is already in the dataset
    people: tuple[DraftPerson, ...]
    events: tuple[DraftEvent, ...]
    claims: tuple[DraftClaim, ...]
    skipped: tuple[str, ...] = ()

    @property
    def new_people(self) -> tuple[DraftPerson, ...]:
        return tuple(p for p in self.people if not p.existing)

    def describe(self) -> str:
        """``27 statements, 1 new person, 11 candidate events``."""
        claims, people, events = len(self.claims), len(self.new_people), len(self.events)
        return (
            f"{claims} statement{'s' if claims != 1 else ''}, "
            f"{people} new {'person' if people == 1 else 'people'}, "
            f"{events} candidate event{'s' if events != 1 else ''}"
        )

    def to_toml(self) -> str:
        return render_toml(self)


# --- Text helpers -----------------------------------------------------------------------------


def slug(text: str, *, max_words: int = 6) -> str:
    """An id-safe slug: ``Ahmad Al Shara`` -> ``ahmad-al-shara``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return "-".join(words[:max_words])


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)
def _name_words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", _fold(text)))


def _ends_with(words: Sequence[str], tail: Sequence[str]) -> bool:
    return bool(tail) and len(tail) <= len(words) and tuple(words[-len(tail) :]) == tuple(tail)


def _is_cap(token: str) -> bool:
    stripped = token.lstrip("\"'(\u201c\u2018")
    return bool(stripped) and stripped[0].isupper()


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _split_segments(text: str) -> list[str]:
    """Comma (and dash) separated segments, not splitting inside parentheses."""
    segments: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if depth == 0 and ch in ",;\u2014\u2013":
            segments.append("".join(current))
            current = []
            continue
        current.append(ch)
    segments.append("".join(current))
    return [s.strip(" ()") for s in segments if s.strip(" ()")]


# --- Who spoke --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Who:
    """A speaker as the sentence refers to them, before resolution."""

    kind: str  # pronoun, name, description, definite, group, organisation, state
    text: str
    name: str = ""
    title: str | None = None
    role: str | None = None
    affiliation: str | None = None
    note: str | None = None
    identity_note: str | None = None
    gender: str | None = None


def interpret_who(text: str, lower_words: frozenset[str] = frozenset()) -> Who | None:
    """Read a speaker phrase: ``he``, ``Mr Trad``, ``Anna Smith, a senior fellow at the X
    Institute``, ``one of the few remaining shop owners, who declined to give his name``,
    ``Experts``. None when it does not look like a speaker."""
    text = _clean(text.replace(PH_OPEN, " ").replace(PH_CLOSE, " "))
    text = text.strip(" ,.;:-\u2014\u2013")
    if not text:
        return None
    segments = _split_segments(text)
    while segments and _is_adverbial(segments[0]):
        segments.pop(0)
    while len(segments) > 1 and _is_trailing_adverbial(segments[-1]):
        segments.pop()
    if not segments:
        return None
    head = _strip_leading_conjunction(segments[0])
    head = _VENUE_RE.sub("", head).strip()
    head, relative = _split_relative(head)
    appositives = segments[1:]
    if relative:
        appositives.insert(0, relative)
    words = head.split()
    if not words or len(words) > 12:
        return None
    lowered = [w.lower().strip(".,") for w in words]
    if all(w in _DETERMINERS for w in lowered):
        return None  # "The claims ...", "Another reported ...": no speaker named
    if _AUX & set(lowered[1:]) or any(w in REPORTING_VERBS for w in lowered):
        return None
    extras = _appositives(appositives)
    gender = extras.gender or _GENDERED_NOUNS.get(lowered[-1])

    def make(kind: str, name: str, *, title: str | None = None, role: str | None = None) -> Who:
        joined = ", ".join(p for p in (role, extras.role) if p) or None
        return Who(
            kind,
            text,
            name=name,
            title=title,
            role=joined,
            affiliation=extras.affiliation,
            note=extras.note,
            identity_note=extras.identity_note,
            gender=gender,
        )

    first = lowered[0]
    if len(words) == 1 and first in PRONOUNS:
        return Who("pronoun", first, gender=PRONOUNS[first])
    if extras.name is not None and not any(_is_cap(w) for w in words[1:]):
        # "The city's transport minister, Ana Ferreira, said": the name is the appositive.
        named = _named(extras.name.split(), lower_words)
        if named is not None:
            name, title, prefix, honorific_gender = named
            gender = honorific_gender or gender
            role = re.sub(r"^(?:a|an|the)\s+", "", head, flags=re.IGNORECASE)
            if lowered[0] in _DETERMINERS:
                role = role[:1].lower() + role[1:]
            return make("name", name, title=title, role=role)
    if first == "the" and len(words) >= 2:
        rest = " ".join(words[1:])
        if _is_org(words[1:]) or (lowered[-1] in ORG_WORDS and not _is_cap(words[-1])):
            return make("organisation", _capitalise(rest))
        if rest.lower() in COUNTRIES:
            return make("state", "the " + rest if len(rest) <= 3 else rest)
        if all(_is_cap(w) for w in words[1:]) and len(words) > 2:
            return make("organisation", rest)
        return make("definite", head)
    if first in ("a", "an", "one", "another") or first in QUANTIFIERS or first.isdigit():
        plural = (
            first != "one" and first not in ("a", "an", "another") and lowered[-1].endswith("s")
        )
        return make("group" if plural else "description", head)
    if (
        lowered[-1] in GROUP_NOUNS
        and all(
            w in GROUP_NOUNS or w in QUANTIFIERS or not _is_cap(o) or i == 0
            for i, (w, o) in enumerate(zip(lowered, words, strict=True))
        )
        and (len(words) == 1 or not all(_is_cap(w) for w in words))
    ):
        return make("group", _capitalise(head))
    if " ".join(lowered) in COUNTRIES:
        return make("state", head)
    if (
        len(words) <= 4
        and lowered[-1].endswith("s")
        and not any(map(_is_cap, words[1:]))
        and (not _is_cap(words[0]) or lowered[0] in lower_words)
    ):
        return make("group", _capitalise(head))  # "congressional aides said", not "Jones"
    if _is_org(words):
        return make("organisation", head)
    named = _named(words, lower_words)
    if named is None:
        return None
    name, title, prefix, honorific_gender = named
    gender = honorific_gender or gender
    return make("name", name, title=title, role=prefix)


_GENDERED_NOUNS = {
    w: g
    for g, ws in (
        ("m", "man husband father son brother boy grandfather uncle nephew king prince"),
        ("f", "woman wife mother daughter sister girl grandmother aunt niece queen princess"),
    )
    for w in ws.split()
}


@dataclass(frozen=True, slots=True)
class _Extras:
    """What the appositives of a speaker phrase say: a role, an affiliation, notes."""

    role: str | None = None
    affiliation: str | None = None
    note: str | None = None
    identity_note: str | None = None
    gender: str | None = None
    name: str | None = None  # a proper name given as an appositive


def _appositives(appositives: Sequence[str]) -> _Extras:
    role_parts: list[str] = []
    affiliation = note = identity_note = gender = name = None
    for appositive in appositives:
        apos, rel = _split_relative(appositive)
        if apos:
            tokens = apos.split()
            if re.fullmatch(r"\d{1,3}", apos):
                role_parts.append(apos)
            elif re.search(r"\bnot (?:his|her|their) real name\b", apos, re.IGNORECASE):
                identity_note = apos
            elif (
                name is None
                and not role_parts
                and 2 <= len(tokens) <= 5
                and all(_is_cap(t) or t.lower() in NAME_PARTICLES for t in tokens)
                and _is_cap(tokens[0])
                and not _is_org(tokens)
                and apos.lower() not in COUNTRIES
            ):
                name = apos
            else:
                role, org = _role_and_affiliation(apos)
                role_parts.append(role)
                affiliation = affiliation or org
        if rel:
            anonymity = _ANONYMITY_RE.search(rel)
            if anonymity:
                identity_note = _clean(anonymity.group())
            else:
                note = _capitalise(_clean(re.sub(r"^(?:who|which)\s+", "", rel))) + "."
            gender = gender or _gender_from(rel)
    return _Extras(
        ", ".join(p for p in role_parts if p) or None,
        affiliation,
        note,
        identity_note,
        gender,
        name,
    )


def _named(
    words: list[str], lower_words: frozenset[str]
) -> tuple[str, str | None, str | None, str | None] | None:
    """A capitalised speaker phrase -> (name, title, role from the words before the name,
    gender from an honorific); None when there is no name in it."""
    # The trailing run of capitalised words (with particles such as "al" or "van").
    run_start = len(words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if _is_cap(word) or (word.lower() in NAME_PARTICLES and index + 1 < run_start):
            run_start = index
            continue
        break
    if run_start == len(words):
        return None
    descriptor = words[:run_start]
    run = words[run_start:]
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
    while (
        len(name_words) > 1
        and name_words[0].lower() in NAME_PARTICLES
        and not _is_cap(name_words[0])
    ):
        name_words.pop(0)
    if not name_words or any(w.lower().strip(".,") in _AUX for w in name_words):
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


def _is_org(words: Sequence[str]) -> bool:
    return any(w.lower().strip(".,") in ORG_WORDS for w in words) and all(
        _is_cap(w) or w.lower() in ("of", "for", "the", "and", "on", "de", "&") for w in words
    )


def _is_adverbial(segment: str) -> bool:
    first = segment.split()[0].lower() if segment.split() else ""
    return first in ADVERBIAL_STARTS and not _is_relative(segment)


def _is_trailing_adverbial(segment: str) -> bool:
    """``on Tuesday``, ``in a statement``, ``speaking to reporters``: not an appositive."""
    words = segment.lower().split()
    if not words:
        return False
    if words[0] in (
        "on",
        "at",
        "during",
        "speaking",
        "last",
        "earlier",
        "later",
        "yesterday",
        "today",
        "via",
        "after",
        "before",
        "when",
        "while",
        "as",
        "this",
        "tonight",
    ):
        return True
    return (
        words[0] == "in"
        and len(words) > 1
        and words[1] in ("a", "an", "the", "his", "her", "their", "its")
    )


def _is_relative(segment: str) -> bool:
    return bool(re.match(r"(?:who|whose|which)\b", segment.strip(), re.IGNORECASE))


def _strip_leading_conjunction(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in _LEADING_CONJUNCTIONS:
        words.pop(0)
    return " ".join(words)


def _split_relative(text: str) -> tuple[str, str]:
    """``a former soldier who surrendered ...`` -> (``a former soldier``, ``who ...``)."""
    match = re.search(r"(?:^|\s)(who|whose|which)\s", text)
    if match is None:
        return text.strip(), ""
    return text[: match.start()].strip(), text[match.start() :].strip()


def _role_and_affiliation(text: str) -> tuple[str, str | None]:
    """``a senior fellow at the Washington Institute`` -> (``senior fellow``,
    ``Washington Institute``)."""
    text = re.sub(r"^(?:a|an|the)\s+", "", text.strip())
    match = re.match(
        r"(?P<role>.+?)\s+(?:at|of|with|for|from)\s+(?:the\s+)?(?P<org>[A-Z][\w'’&.-]*"
        r"(?:\s+(?:[A-Z][\w'’&.-]*|of|for|and|the|on))*)$",
        text,
    )
    if match and _is_cap(match.group("org")) and not match.group("role")[0].isupper():
        org = match.group("org")
        if (
            org.lower() not in COUNTRIES
            and len(org.split()) >= 1
            and not re.match(r"[A-Z][a-z]+$", org)
        ) or _is_org(org.split()):
            return match.group("role"), org
    return text, None


def _gender_from(text: str) -> str | None:
    lowered = f" {text.lower()} "
    if re.search(r"\b(?:his|him|he)\b", lowered):
        return "m"
    if re.search(r"\b(?:her|hers|she)\b", lowered):
        return "f"
    return None


# --- Sentences --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the document; quoted passages are atomic (a quote's own full stops
    do not end the sentence around it)."""

    start: int
    end: int
    passages: tuple[int, ...]  # indexes into the passage list
    paragraph: int


def split_sentences(doc: Document, passages: Sequence[Passage]) -> list[Sentence]:
    """Sentences of the whole document, with the passages each holds."""
    text = doc.text
    sentences: list[Sentence] = []
    by_start = {p.start: i for i, p in enumerate(passages)}
    start = 0
    held: list[int] = []
    i = 0
    n = len(text)

    def close(end: int) -> None:
        nonlocal start, held
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            sentences.append(
                Sentence(start + lead, start + trail, tuple(held), doc.paragraph_at(start + lead))
            )
        start = end
        held = []

    while i < n:
        if i in by_start:
            index = by_start[i]
            passage = passages[index]
            held.append(index)
            i = passage.end
            inner = passage.text.rstrip()
            if inner and inner[-1] in ".!?\u2026" and _new_sentence_follows(text, i, inner[-1]):
                close(i)
            continue
        ch = text[i]
        if ch == "\n":
            close(i)
            i += 1
            start = i
            continue
        if ch in ".!?\u2026" and _ends_sentence(text, i):
            j = i + 1
            while j < n and text[j] in ".!?\u2026)]":
                j += 1
            close(j)
            i = j
            continue
        i += 1
    close(n)
    return sentences


def _ends_sentence(text: str, i: int) -> bool:
    j = i + 1
    while j < len(text) and text[j] in ".!?\u2026)]":
        j += 1
    if j < len(text) and text[j] not in " \t\n":
        return False
    k = j
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and not (
        text[k].isupper() or text[k].isdigit() or text[k] in _OPENING_QUOTES or text[k] == "\n"
    ):
        return False
    return not (text[i] == "." and _abbreviation_before(text, i))


def _new_sentence_follows(text: str, i: int, last: str) -> bool:
    """After a quote ending in . ? ! - does a new sentence start, or an attribution?"""
    rest = text[i : i + 80]
    stripped = rest.lstrip(" \t")
    if not stripped or stripped[0] == "\n":
        return True
    if not (stripped[0].isupper() or stripped[0] in _OPENING_QUOTES):
        return False
    if last in "?!" or last == "\u2026":
        words = stripped.split()[:6]
        lowered = [w.lower().strip(".,") for w in words]
        if any(w in REPORTING_VERBS for w in lowered[:5]):
            return False
    return True


# --- Speakers ---------------------------------------------------------------------------------


@dataclass
class _Speaker:
    """A speaker while the draft is built (mutable here, frozen as DraftPerson at the end)."""

    key: int
    name: str
    kind: str = "person"
    identity: str = "named"
    identity_note: str | None = None
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    gender: str | None = None
    existing_id: str | None = None
    description: str = ""

    def tails(self) -> set[tuple[str, ...]]:
        """The name's words, and for a named person every ending of them (the surname)."""
        found: set[tuple[str, ...]] = set()
        for form in (self.name, *self.aliases):
            words = _name_words(form)
            if self.kind == "person" and self.identity != "anonymous":
                found.update(words[i:] for i in range(len(words)))
            elif words:
                found.add(words)
        return found


class _Builder:
    """Walks the sentences once, in order, keeping who spoke last. Speakers are indexed by
    the words of their names, so that resolving a name costs the same in a long article."""

    def __init__(
        self,
        doc: Document,
        passages: Sequence[Passage],
        calendar: Calendar,
        *,
        dataset: Dataset | None,
    ) -> None:
        self.doc = doc
        self.passages = passages
        self.calendar = calendar
        self.dataset = dataset
        self.speakers: list[_Speaker] = []
        self.recent: dict[int, None] = {}  # speaker keys, most recent last (ordered)
        self.claims: list[_ClaimDraft] = []
        self.events: list[_EventDraft] = []
        self.skipped: list[str] = []
        self.paragraph_speaker: dict[int, int] = {}  # paragraph -> who was quoted in it
        self.current: tuple[int, int] = (0, 0)  # sentence, paragraph
        self.pending: tuple[int, int, Who] | None = None
        self.lower_words = frozenset(re.findall(r"\b[a-z][a-z-]+\b", doc.text))
        self.pseudonyms = {
            m.group("name"): m.group("note") for m in _PSEUDONYM_RE.finditer(doc.text)
        }
        self.full_names: dict[str, list[str]] = {}  # last word -> full names, most used first
        for full in _full_names(doc.text):
            self.full_names.setdefault(_name_words(full)[-1], []).append(full)
        self.outlet_guess = _outlet_guess(doc.text)
        self._by_words: dict[tuple[str, ...], set[int]] = {}  # a name, or its tail for people
        self._by_first_word: dict[str, set[tuple[tuple[str, ...], int]]] = {}  # for mentions
        self._by_description: dict[tuple[str, str], int] = {}
        self._rank: dict[int, int] = {}  # speaker key -> when last spoken or named
        self._counter = 0
        self._dataset_words: dict[str, list[Person]] = {}
        for person in dataset.people if dataset else ():
            for candidate in (person.name, *person.aliases):
                for word in set(_name_words(candidate)):
                    self._dataset_words.setdefault(word, []).append(person)

    # -- the index

    def _index(self, speaker: _Speaker) -> None:
        named_person = speaker.kind == "person" and speaker.identity != "anonymous"
        for form in (speaker.name, *speaker.aliases):
            words = _name_words(form)
            if not words:
                continue
            tails = [words[i:] for i in range(len(words))] if named_person else [words]
            for tail in tails:
                self._by_words.setdefault(tail, set()).add(speaker.key)
            if named_person and len(words) > 1:
                self._by_first_word.setdefault(words[0], set()).add((words, speaker.key))
        self._by_description.setdefault(
            (speaker.kind, _fold(speaker.description or speaker.name)), speaker.key
        )

    def _find(self, name: str) -> _Speaker | None:
        """The most recent speaker whose name (or its end, for people) is ``name``."""
        keys = self._by_words.get(_name_words(name))
        if not keys:
            return None
        return self.speakers[max(keys, key=self._recency)]

    def _recency(self, key: int) -> tuple[int, int]:
        return (self._rank.get(key, -1), key)

    # -- resolving references

    def speaker(self, who: Who) -> tuple[_Speaker, str | None]:
        """Resolve a reference to a speaker, creating one when needed; and, when the
        resolution is a guess, why (for a ``# review:`` comment)."""
        if who.kind == "pronoun":
            return self._pronoun(who)
        if who.kind == "name":
            return self._named(who)
        if who.kind == "definite":
            found = self._by_role(who.name)
            if found is not None:
                return found, f"{who.name!r} read as {found.name}"
        kind = _PERSON_KIND.get(who.kind, "person")
        known = self._by_description.get((kind, _fold(who.name)))
        if known is not None:
            return self.speakers[known], None
        return self._new_described(who), None

    def unattributed(self, paragraph: int, fragment: bool) -> tuple[_Speaker, str | None] | None:
        """A quote with no attribution in its sentence: the speaker already quoted in the
        paragraph (``"...," she explained. "..."``); for a standalone quote paragraph,
        the last speaker, flagged. A fragment with nobody to speak it: None."""
        if paragraph in self.paragraph_speaker:
            return self.speakers[self.paragraph_speaker[paragraph]], None
        if fragment or not self.recent:
            return None
        speaker = self.speakers[next(reversed(self.recent))]
        return speaker, f"no attribution: a quote paragraph that follows {speaker.name}'s words"

    def observe(self, skeleton: str) -> None:
        """Known speakers named in the sentence (outside quotes) become the most recent:
        ``Ms Doe dismissed that. "...," she said.``"""
        words = _name_words(_PH_RE.sub(" ", skeleton))
        mentioned: dict[int, None] = {}
        for index, word in enumerate(words):
            for form, key in self._by_first_word.get(word, ()):
                if words[index : index + len(form)] == form:
                    mentioned[key] = None
        for key in mentioned:
            self.spoke(self.speakers[key])

    def note_subject(self, skeleton: str) -> None:
        """A sentence that names a person as its subject without quoting them
        (``Local shop owner Tom Becker was more cautious.``): a pronoun that follows may
        refer to them."""
        who = _subject_name(skeleton, self.lower_words)
        if who is None:
            return
        known = self._find(who.name)
        if known is not None:
            known.gender = known.gender or who.gender  # "Ms Doe ..."
            self.spoke(known)
            return
        self.pending = (self.current[0], self.current[1], who)

    def _pending_for(self, who: Who) -> _Speaker | None:
        if self.pending is None:
            return None
        sentence, paragraph, subject = self.pending
        index, current_paragraph = self.current
        if not (paragraph == current_paragraph or sentence == index - 1):
            return None
        if who.gender and subject.gender and who.gender != subject.gender:
            return None
        self.pending = None
        speaker, _ = self._named(replace(subject, gender=subject.gender or who.gender))
        return speaker

    def _pronoun(self, who: Who) -> tuple[_Speaker, str | None]:
        singular = who.text in ("he", "she", "i")
        if singular:
            pending = self._pending_for(who)
            if pending is not None:
                return pending, f"{who.text!r} read as {pending.name}, named just before"
        for key in reversed(self.recent):
            speaker = self.speakers[key]
            if singular:
                if speaker.kind != "person":
                    continue
                if who.gender and speaker.gender and who.gender != speaker.gender:
                    continue
                if who.gender and speaker.gender is None:
                    speaker.gender = who.gender  # a guess the first time: say so
                    return speaker, f"{who.text!r} read as {speaker.name}, the last speaker"
                return speaker, None
            if speaker.kind != "person" or who.text == "we":
                return speaker, None
        if self.recent:
            speaker = self.speakers[next(reversed(self.recent))]
            return speaker, f"{who.text!r} could not be matched; attributed to the last speaker"
        speaker = _Speaker(len(self.speakers), "Unidentified speaker", identity="anonymous")
        speaker.description = "unidentified speaker"
        return self._add(speaker), f"{who.text!r} refers to nobody named before"

    def _by_role(self, phrase: str) -> _Speaker | None:
        """``the minister``: a recent speaker whose name, role or affiliation says so."""
        wanted = _content_words(re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE))
        if not wanted:
            return None
        for key in list(reversed(self.recent))[:50]:
            speaker = self.speakers[key]
            described = [speaker.name, speaker.role, speaker.affiliation, speaker.description]
            if wanted <= _content_words(" ".join(filter(None, described))):
                return speaker
        return None

    def _named(self, who: Who) -> tuple[_Speaker, str | None]:
        name = who.name
        known = self._find(name)
        if known is not None:
            return self._update(known, who), None
        full = name
        if len(name.split()) == 1:
            # A surname alone ("Mr Trad"): the full name used elsewhere in the article.
            wanted = _name_words(name)
            for candidate in self.full_names.get(wanted[-1] if wanted else "", []):
                words = _name_words(candidate)
                if _ends_with(words, wanted) and len(words) > len(wanted):
                    full = candidate
                    break
        speaker = _Speaker(len(self.speakers), full, gender=who.gender)
        if full != name:
            speaker.aliases.append(name)
        if full in self.pseudonyms or name in self.pseudonyms:
            speaker.identity = "pseudonym"
            speaker.identity_note = self.pseudonyms.get(full) or self.pseudonyms.get(name)
        self._update(speaker, who, index=False)
        note = None
        if full != name:
            note = f"named here only as {name!r}; the full name is from elsewhere in the article"
        return self._add(speaker), note

    def _update(self, speaker: _Speaker, who: Who, *, index: bool = True) -> _Speaker:
        """What a new mention says about a known speaker: role, notes, titled names."""
        if who.role and not speaker.role:
            speaker.role = who.role
        if who.affiliation and not speaker.affiliation:
            speaker.affiliation = who.affiliation
        if who.note and not speaker.note:
            speaker.note = who.note
        if who.identity_note and not speaker.identity_note:
            speaker.identity_note = who.identity_note
            if re.search(r"real name", who.identity_note, re.IGNORECASE):
                speaker.identity = "pseudonym"
        speaker.gender = speaker.gender or who.gender
        aliases = list(speaker.aliases)
        if speaker.kind == "person" and speaker.identity == "named" and " " in speaker.name:
            aliases.append(speaker.name.split()[-1])  # the surname
        if who.title and who.name and _fold(f"{who.title} {who.name}") != _fold(speaker.name):
            aliases.append(f"{who.title} {who.name}")
        if aliases != speaker.aliases:
            speaker.aliases = list(dict.fromkeys(aliases))
            if index:
                self._index(speaker)
        return speaker

    def _new_described(self, who: Who) -> _Speaker:
        kind = _PERSON_KIND.get(who.kind, "person")
        name = _capitalise(who.name)
        if kind != "person":
            name = _capitalise(re.sub(r"^the\s+", "", who.name, flags=re.IGNORECASE))
        speaker = _Speaker(len(self.speakers), name, kind=kind, gender=who.gender)
        speaker.description = who.name
        speaker.role = who.role
        speaker.affiliation = who.affiliation
        if kind in ("person", "group"):
            speaker.identity = "anonymous"
            speaker.identity_note = who.identity_note or _UNNAMED
        if kind == "person":
            role = re.sub(r"^(?:a|an|the)\s+", "", who.name, flags=re.IGNORECASE)
            speaker.role = f"{role}; {who.role}" if who.role else role
            speaker.note = who.note
        return self._add(speaker)

    def _add(self, speaker: _Speaker) -> _Speaker:
        if self.dataset is not None:
            speaker.existing_id = self._in_dataset(speaker.name)
        self.speakers.append(speaker)
        self._index(speaker)
        return speaker

    def _in_dataset(self, name: str) -> str | None:
        """The id of the one person of the dataset the name matches, if exactly one."""
        words = _name_words(name)
        candidates = {id(p): p for w in words[:1] for p in self._dataset_words.get(w, [])}
        found = [p for p in candidates.values() if _person_matches(p, name)]
        return found[0].id if len(found) == 1 else None

    def note_anonymity(self, speaker: _Speaker, skeleton: str) -> None:
        """``..., speaking on condition of anonymity because ...``: why a speaker is not
        named, when the sentence says so outside its quotes."""
        if speaker.identity != "anonymous" or speaker.identity_note != _UNNAMED:
            return
        found = _ANONYMITY_RE.search(_PH_RE.sub(" ", skeleton))
        if found is not None:
            speaker.identity_note = _clean(found.group()).rstrip(" .")

    def spoke(self, speaker: _Speaker, *, paragraph: int | None = None) -> None:
        """``speaker`` spoke (or was named) last: pronouns that follow refer to them."""
        if paragraph is not None:
            self.paragraph_speaker[paragraph] = speaker.key
        if self.pending and _name_words(self.pending[2].name) in speaker.tails():
            self.pending = None
        self.recent.pop(speaker.key, None)
        self.recent[speaker.key] = None
        self._counter += 1
        self._rank[speaker.key] = self._counter


_UNNAMED = "not named in the article"
_PERSON_KIND = {"group": "group", "organisation": "organisation", "state": "state"}


def _subject_name(skeleton: str, lower_words: frozenset[str]) -> Who | None:
    """The person a sentence starts with, when it starts with one (a run of capitalised
    words, after at most a few descriptor words, followed by a lowercase verb)."""
    text = skeleton.strip()
    segments = text.split(", ", 1)
    if len(segments) == 2 and _is_adverbial(segments[0]):
        text = segments[1]
    tokens = _strip_leading_conjunction(text).split()
    for first in range(min(6, len(tokens))):
        if first and _is_cap(tokens[first - 1]) and first - 1 > 0:
            break  # a run already began: it was not a name
        end = first
        while end < len(tokens) and (
            _is_cap(tokens[end]) or (tokens[end].lower() in NAME_PARTICLES and end > first)
        ):
            end += 1
        if end - first < 2 and not (
            end - first == 1
            and first > 0
            and tokens[first - 1].strip(".") in ("Mr", "Mrs", "Ms", "Dr")
        ):
            continue
        if (
            end >= len(tokens)
            or tokens[end].lower() in _STOPWORDS - _AUX
            or not tokens[end].islower()
        ):
            return None
        if any(t.endswith((",", ".", ";", ":")) for t in tokens[:end]):
            return None
        who = interpret_who(" ".join(tokens[:end]), lower_words)
        if who is None or who.kind != "name":
            return None
        if len(who.name.split()) < 2 and not who.title:
            return None
        return who
    return None


def _person_matches(person: Person, name: str) -> bool:
    from synews_cli.query import person_matches_name

    return person_matches_name(person, name) and bool(_name_words(name))


def _full_names(text: str) -> list[str]:
    """Names of two or more capitalised words used in the article, most frequent first."""
    found: Counter[str] = Counter()
    pattern = re.compile(
        r"(?<![\w'’])((?:[A-Z][\w'’-]+)(?:\s+(?:(?:al|el|bin|ibn|abu|de|da|van|von|la|le|du)\s+)?"
        r"[A-Z][\w'’-]+){1,3})"
    )
    for match in pattern.finditer(text):
        words = match.group(1).split()
        while words and words[0].lower().strip(".") in TITLES | {
            "the",
            "a",
            "an",
            "but",
            "and",
            "in",
            "on",
            "at",
            "as",
            "for",
            "by",
            "if",
            "it",
            "this",
            "that",
        }:
            words.pop(0)
        if len(words) >= 2:
            found[" ".join(words)] += 1
    return [name for name, _ in found.most_common()]


def _outlet_guess(text: str) -> str | None:
    """The outlet people talk to (``told The National``): the likely publisher."""
    found = Counter(
        m.group(1).rstrip(".")
        for m in re.finditer(
            r"\btold\s+((?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})", text
        )
    )
    if not found:
        return None
    outlet, count = found.most_common(1)[0]
    return outlet if count >= 2 else None


@dataclass
class _ClaimDraft:
    speaker: int
    kind: str
    text: str
    context: str | None = None
    date: DateValue | None = None
    review: list[str] = field(default_factory=list)
    about: list[int] = field(default_factory=list)


@dataclass
class _EventDraft:
    date: DateValue
    title: str
    summary: str
    also: list[DateValue] = field(default_factory=list)


# --- Attribution ------------------------------------------------------------------------------

_VERB_RE = re.compile(
    r"(?<![-\w])([Aa]ccording to|pointed out|points out|went on|goes on|"
    + "|".join(sorted(REPORTING_VERBS | PARTICIPLES, key=len, reverse=True))
    + r")\b"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being|get|got)\s+$", re.IGNORECASE)
_SCARE_QUOTE_BEFORE = re.compile(
    r"(?:so-called|dubbed|nicknamed|known as|billed as|branded as|the word|the term)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Attribution:
    """Who spoke, as the sentence says it, and where that is said (skeleton offsets)."""

    who: Who
    span: tuple[int, int]
    verb: str


def _verb_matches(skeleton: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Reporting verbs in ``skeleton[start:end]`` that do report speech here."""
    found = []
    for match in _VERB_RE.finditer(skeleton, start, len(skeleton) if end is None else end):
        verb = match.group(1).lower()
        before = skeleton[max(0, match.start() - 40) : match.start()]
        if _PASSIVE_BEFORE.search(before):
            continue  # "was told to leave", "is said to be"
        after = skeleton[match.end() : match.end() + 12]
        inverted = re.search(rf"{PH_CLOSE}[\s,;\u2014\u2013-]*$", before)
        if (
            verb in _NEEDS_BREAK
            and not inverted
            and not re.match(rf"\s*(?:that\b|[,.:;]|$|{PH_OPEN})", after)
        ):
            continue  # "added to the list"; but '"...," added Carter' is speech
        previous = [w for w in re.findall(r"[\w'’]+", before.lower()) if w not in _TRAILING_AUX][
            -1:
        ]
        if previous and previous[0] in _DETERMINERS and verb.endswith(("s", "ed", "told")):
            continue  # "the claims", "another reported concession": a noun or an adjective
        if verb in _NOUN_LIKE and not previous:
            continue
        if previous and previous[0] in ("who", "which", "whom") and verb != "according to":
            continue  # "who asked not to be named": part of a description of the speaker
        found.append(match)
    return found


_SPEAKER_REACH = 240  # characters before a verb where its speaker may start
_VERBS_TRIED = 8  # reporting verbs of a sentence tried for its speaker


def _verb(match: re.Match[str]) -> str:
    return match.group(1).lower()


def _drop_trailing_aux(text: str) -> str:
    """``Israel has`` -> ``Israel``: the words between a speaker and the verb."""
    words = text.rstrip(" ,").split(" ")
    while words and words[-1].lower() in _TRAILING_AUX:
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
    text = _drop_trailing_aux(text)
    # "talks that analysts have said": the speaker follows the relative pronoun.
    relative = list(re.finditer(r"\b(?:that|whom|which)\s+", text))
    if relative:
        who = interpret_who(text[relative[-1].end() :], lower_words)
        if who is not None:
            return who, start + relative[-1].end()
    who = interpret_who(text, lower_words)
    if who is not None:
        return who, start
    segments = _split_segments(text)
    for size in range(1, len(segments)):  # "... is high, the minister said"
        tail = ", ".join(segments[-size:])
        who = interpret_who(tail, lower_words)
        if who is not None:
            return who, start + max(0, text.rfind(segments[-size]))
    return None, start


_DAYS_AND_MONTHS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    "May|June|July|August|September|October|November|December|week|month|year|night|morning|"
    "afternoon|evening|weekend"
)
_TRAILING_DATE_RE = re.compile(
    rf"\s+(?:(?:on|last|this|in|earlier|later|early|late)\s+(?:{_DAYS_AND_MONTHS})\b|"
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
        if match.group() != "." or not _abbreviation_before(text, match.start()):
            return match.start()
    return len(text)


def _abbreviation_before(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` the end of an abbreviation rather than of a sentence?"""
    word = re.search(r"([\w.-]+)$", text[max(0, dot - 16) : dot])
    if word is None:
        return False
    token = word.group(1).lower().rsplit("-", 1)[-1]
    return (
        token in _ABBREVIATIONS
        or re.fullmatch(r"[a-z]", token) is not None
        or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token) is not None
        or re.fullmatch(r"[dri]-[a-z]{2,5}", word.group(1).lower()) is not None  # D-Calif.
    )


def _after_attribution(
    skeleton: str, start: int, end: int, quoted: str, lower_words: frozenset[str]
) -> _Attribution | None:
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
        return None if who is None else _Attribution(who, (offset, stop), name)
    if name == "according to":
        return None
    between = skeleton[offset : verb.start()]
    if len(between.split()) > 30:
        return None
    who = interpret_who(_drop_trailing_aux(between), lower_words)
    if who is None:
        return None
    tail = re.match(r"[^,.;:]*", skeleton[verb.end() : stop])
    return _Attribution(who, (offset, verb.end() + (tail.end() if tail else 0)), name)


def _before_attribution(
    skeleton: str, start: int, end: int, lower_words: frozenset[str]
) -> _Attribution | None:
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
        return None if who is None else _Attribution(who, (verb.start(), end), name)
    after = skeleton[verb.end() : end]
    if len(after.split()) > 8 or re.search(r"\bthat\b", after) or name in PARTICIPLES:
        return None
    who, who_start = _who_before(skeleton, verb, clause_start, lower_words)
    return None if who is None else _Attribution(who, (who_start, end), name)


def _sentence_attribution(skeleton: str, lower_words: frozenset[str]) -> _Attribution | None:
    """The speaker of a sentence of reported speech: ``X said the talks were "..."``,
    ``He added that ...``, ``... is "limited", Mr Trad said``, ``According to X, ...``."""
    for verb in _verb_matches(skeleton)[:_VERBS_TRIED]:
        name = _verb(verb)
        if name == "according to":
            phrase = re.split(r"[,.;]", skeleton[verb.end() :])[0]
            who = interpret_who(phrase, lower_words)
            if who is not None and not set(_name_words(who.name)) & _DOCUMENT_NOUNS:
                return _Attribution(who, (verb.start(), verb.end() + len(phrase)), name)
            continue
        if name in PARTICIPLES:
            continue
        who, who_start = _who_before(skeleton, verb, 0, lower_words)
        if who is not None:
            tail = None
            if name in ("told", "tells"):  # the outlet or audience told
                tail = re.match(r"\s*(?:[A-Z][\w'’.&-]*\s*){0,4}", skeleton[verb.end() :])
            return _Attribution(who, (who_start, verb.end() + (tail.end() if tail else 0)), name)
        lead = skeleton[: verb.start()].rstrip()
        if not lead or lead.endswith(PH_CLOSE + ","):
            who = _who_after(skeleton, verb, len(skeleton), lower_words)
            if who is not None:
                return _Attribution(who, (verb.start(), len(skeleton)), name)
    return None


def _is_fragment(skeleton: str, placeholder: re.Match[str]) -> bool:
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


# --- Walking the article ----------------------------------------------------------------------


def _skeleton(doc: Document, sentence: Sentence, passages: Sequence[Passage]) -> str:
    """The sentence with each passage replaced by a placeholder (its local index)."""
    pieces: list[str] = []
    position = sentence.start
    for local, index in enumerate(sentence.passages):
        passage = passages[index]
        pieces.append(doc.text[position : passage.start])
        pieces.append(f"{PH_OPEN}{local}{PH_CLOSE}")
        position = passage.end
    pieces.append(doc.text[position : sentence.end])
    skeleton = "".join(pieces).replace("\n", " ")
    dateline = _DATELINE_RE.match(skeleton)  # "WASHINGTON (AP) — ": blanked, offsets kept
    return " " * dateline.end() + skeleton[dateline.end() :] if dateline else skeleton


_DATELINE_RE = re.compile(r"[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*[\u2014\u2013-]+\s+")


def _walk(b: _Builder) -> None:
    """Every sentence in order: its quotes or reported speech, then a candidate event."""
    sentences = split_sentences(b.doc, b.passages)
    skeletons = [_skeleton(b.doc, s, b.passages) for s in sentences]
    hits_by_sentence: list[list[_Hit]] = []
    for index, skeleton in enumerate(skeletons):
        hits = b.calendar.find(skeleton)
        for hit in hits:
            hit.sentence = index
        hits_by_sentence.append(hits)
    _resolve_anchors(b.calendar, skeletons, hits_by_sentence)
    _flag_future(b.calendar, skeletons, hits_by_sentence)
    for index, sentence in enumerate(sentences):
        if headline_like(b.doc.paragraphs[sentence.paragraph]):
            continue  # a headline, crosshead or caption
        skeleton = skeletons[index]
        hits = hits_by_sentence[index]
        used: list[tuple[int, int]] = []  # attribution spans: their dates are the claims'
        claims_before = len(b.claims)
        b.current = (index, sentence.paragraph)
        b.observe(skeleton)
        if sentence.passages:
            _quotes(b, index, sentence, skeleton, hits, used)
        else:
            _reported(b, index, sentence, skeleton, hits, used)
        if len(b.claims) == claims_before:
            b.note_subject(skeleton)
        event = _event(b, index, sentence, skeleton, hits, used)
        if event is not None:
            for claim in b.claims[claims_before:]:
                claim.about.append(len(b.events) - 1)


_FUTURE_RE = re.compile(
    r"\b(?:will|shall|next|tomorrow|coming|due to|plans? to|planning to|expected to|"
    r"scheduled|set to|intends? to)\b",
    re.IGNORECASE,
)


def _flag_future(calendar: Calendar, skeletons: Sequence[str], hits: Sequence[list[_Hit]]) -> None:
    """A date after publication in a sentence that does not look ahead is probably wrong."""
    last_day = calendar.pub.last_day
    for skeleton, sentence_hits in zip(skeletons, hits, strict=True):
        if _FUTURE_RE.search(skeleton):
            continue
        for hit in sentence_hits:
            start = parse_edtf(hit.value).start if hit.value else None
            if start is not None and start > last_day:
                note = "later than the publication date, in a sentence about the past"
                hit.review = f"{hit.review}; {note}" if hit.review else note


def _resolve_anchors(
    calendar: Calendar, skeletons: Sequence[str], hits: Sequence[list[_Hit]]
) -> None:
    """Date the anchored expressions, in order, from the other dates of the article."""
    words = [_content_words(_PH_RE.sub(" ", s)) for s in skeletons]
    frequency: Counter[str] = Counter()
    for sentence_words in words:
        frequency.update(sentence_words)
    total = max(1, len(skeletons))
    idf = {w: math.log((total + 1) / count) for w, count in frequency.items()}
    lowered = [s.lower() for s in skeletons]
    dated = [
        (hit, words[index], lowered[index])
        for index, sentence_hits in enumerate(hits)
        for hit in sentence_hits
    ]
    for sentence_hits in hits:
        for hit in sentence_hits:
            if hit.anchor is not None and hit.value is None:
                calendar.resolve_anchored(hit, dated, idf)


def _quotes(
    b: _Builder,
    index: int,
    sentence: Sentence,
    skeleton: str,
    hits: list[_Hit],
    used: list[tuple[int, int]],
) -> None:
    """Claims for the quoted passages of one sentence. Each passage's speaker is, in
    order: its own attribution (after it, else before it); the sentence's reported-speech
    attribution; the previous passage of the sentence or paragraph; for a standalone
    quote paragraph, the last speaker (flagged). A fragment nobody speaks is skipped."""
    placeholders = list(_PH_RE.finditer(skeleton))
    fragments = [_is_fragment(skeleton, ph) for ph in placeholders]
    own: dict[int, tuple[_Speaker, str | None]] = {}
    for local, ph in enumerate(placeholders):
        after_end = (
            placeholders[local + 1].start() if local + 1 < len(placeholders) else len(skeleton)
        )
        before_start = placeholders[local - 1].end() if local else 0
        quoted = b.passages[sentence.passages[local]].text
        attribution = _after_attribution(skeleton, ph.end(), after_end, quoted, b.lower_words)
        if attribution is None:
            attribution = _before_attribution(skeleton, before_start, ph.start(), b.lower_words)
        if attribution is not None:
            own[local] = b.speaker(attribution.who)
            used.append(attribution.span)
    shared: tuple[_Speaker, str | None] | None = None
    if not own or any(fragments):
        attribution = _sentence_attribution(skeleton, b.lower_words)
        if attribution is not None:
            shared = b.speaker(attribution.who)
            used.append(attribution.span)
    claim_date = _claim_date(hits, used)
    context = _clean(b.doc.text[sentence.start : sentence.end])
    previous: tuple[_Speaker, str | None] | None = None
    previous_text = ""
    for local, ph in enumerate(placeholders):
        passage = b.passages[sentence.passages[local]]
        found = own.get(local) or shared or ((previous[0], None) if previous else None)
        if _SCARE_QUOTE_BEFORE.search(skeleton[: ph.start()]):
            found = None  # 'the so-called "peace plan"': nobody's words
        elif found is None:
            found = b.unattributed(sentence.paragraph, fragments[local])
        text = claim_text(passage.text)
        if found is None or not text.strip():
            b.skipped.append(passage.text)
            continue
        speaker, note = found
        review = [note] if note else []
        if not passage.closed:
            review.append("the quotation mark is never closed: check where the quote ends")
        if local and text[:1].islower() and claim_text(previous_text) != previous_text:
            review.append("continues the quote before it in the sentence (one claim or two?)")
        b.note_anonymity(speaker, skeleton)
        b.claims.append(
            _ClaimDraft(
                speaker.key,
                "quote",
                text,
                context=context if fragments[local] else None,
                date=claim_date,
                review=review,
            )
        )
        b.spoke(speaker, paragraph=b.doc.paragraph_at(passage.end - 1))
        previous, previous_text = found, passage.text


def _claim_date(hits: Sequence[_Hit], used: Sequence[tuple[int, int]]) -> DateValue | None:
    """A date expression in the attribution (``she said on Tuesday``): when it was said."""
    for hit in hits:
        if hit.value is not None and hit.pattern in _WHEN_SAID and _in_attribution(hit, used):
            return DateValue(hit.value, hit.text, hit.review)
    return None


# Expressions that can say when something was said (not "for 20 years", "since 2011").
_WHEN_SAID = frozenset(
    ("full", "iso", "month-year", "day-month", "month", "weekday", "day-word", "period")
)


def _in_attribution(hit: _Hit, used: Sequence[tuple[int, int]]) -> bool:
    """In an attribution's span, or straight after it (``told Reuters last week``)."""
    return any(start <= hit.start <= end + 2 for start, end in used)


_PARENTHETICAL_RE = re.compile(
    r",\s+(?P<who>he|she|they|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s+(?:has\s+|had\s+)?"
    r"(?P<verb>said|says|added|explained|argued|warned|noted|insisted|believes|thinks|claimed)"
    r"(?P<sep>\s*[,.;]|\s*$)"
)


def _reported(
    b: _Builder,
    index: int,
    sentence: Sentence,
    skeleton: str,
    hits: list[_Hit],
    used: list[tuple[int, int]],
) -> None:
    """Paraphrases and declined comments in a sentence without quotation marks."""
    context = _clean(b.doc.text[sentence.start : sentence.end])
    no_comment = _NO_COMMENT_RE.search(skeleton)
    if no_comment is not None:
        who = interpret_who(_drop_trailing_aux(skeleton[: no_comment.start()]), b.lower_words)
        if who is not None:
            speaker, note = b.speaker(who)
            used.append((0, no_comment.end()))
            b.claims.append(
                _ClaimDraft(speaker.key, "no-comment", context, review=[note] if note else [])
            )
            return
    reported: str | None = None
    reviews: list[str] = []
    parenthetical = _PARENTHETICAL_RE.search(skeleton)
    attribution: _Attribution | None = None
    if parenthetical is not None and parenthetical.start() > 0:  # "..., he said, and ..."
        who = interpret_who(parenthetical.group("who"), b.lower_words)
        if who is not None:
            attribution = _Attribution(
                who, (parenthetical.start(), parenthetical.end()), parenthetical.group("verb")
            )
            before = skeleton[: parenthetical.start()].strip()
            after = skeleton[parenthetical.end() :].strip()
            joined = parenthetical.group("sep").strip() == "," and after
            reported = f"{before}, {after}" if joined else before
    if attribution is None:
        attribution = _sentence_attribution(skeleton, b.lower_words)
        if attribution is None:
            return
        if attribution.verb == "according to":
            rest = skeleton[attribution.span[1] :].lstrip(" ,")
            reported = rest or skeleton[: attribution.span[0]].rstrip(" ,")
        elif attribution.verb in PARAPHRASE_VERBS:
            reported = _reported_clause(skeleton, attribution)
            before = skeleton[: attribution.span[0]].rstrip(" ,")
            if reported is None and attribution.span[0] > 0 and len(before.split()) >= 3:
                reported = before  # "An aid convoy reached the city, the UN said."
            elif (
                reported is not None
                and attribution.verb not in _SAY_VERBS
                and not re.search(r"\bthat\s+" + re.escape(reported[:20]), skeleton)
            ):
                return  # "announced the results": an act, not reported speech
        if attribution.span[0] > 0 and re.search(
            r"\b(?:that|which|whom)\s+$", skeleton[: attribution.span[0]]
        ):
            reported = context  # "talks that analysts have said are ..."
            reviews.append("reported speech inside a relative clause: the text is the sentence")
    if reported is None or len(reported.split()) < 3:
        return
    speaker, note = b.speaker(attribution.who)
    if note:
        reviews.insert(0, note)
    used.append(attribution.span)
    reported = _capitalise(reported.strip().rstrip(" ,;"))
    if not reported.endswith((".", "?", "!", "\u2026")):
        reported += "."
    b.claims.append(
        _ClaimDraft(
            speaker.key,
            "paraphrase",
            reported,
            context=context,
            date=_claim_date(hits, used),
            review=reviews,
        )
    )
    b.spoke(speaker)


_REPORTED_LEAD_RE = re.compile(
    r"^\s+(?:in|on|at|during|via|to|last|this|earlier|later)\s+(?:a|an|the|his|her|their)?\s*"
    r"(?:\w+\s+){0,2}?(?:statement|interview|post|press conference|news conference|briefing|"
    r"speech|tweet|video|message|letter|" + _DAYS_AND_MONTHS + r")\b[^,]*?(?=\s+that\b|,|\s+[a-z])"
)


def _reported_clause(skeleton: str, attribution: _Attribution) -> str | None:
    """What follows ``said``: skipping its object (``told reporters``), a venue (``in a
    statement``), a date (``on Tuesday``) and ``that``."""
    rest = " " + skeleton[attribution.span[1] :].lstrip(" ,")
    for _ in range(4):
        before = rest
        rest = _REPORTED_LEAD_RE.sub("", rest)
        rest = re.sub(r"^\s*,\s*", " ", rest)
        if attribution.verb in ("told", "tells"):
            rest = re.sub(
                r"^\s+(?:The\s+)?(?:[A-Z][\w&.'’-]*\s*){1,4}(?=\s+that\b|\s+[a-z]|,)",
                " ",
                rest,
                count=1,
            )
            rest = re.sub(
                r"^\s+(?:reporters|journalists|lawmakers|parliament|him|her|them|us|me|"
                r"a \w+|the \w+)\b",
                " ",
                rest,
                count=1,
            )
        if rest == before:
            break
    rest = re.sub(r"^\s*that\s+", "", rest).strip()
    if not rest or rest[0] in ",.;:" or PH_OPEN in rest:
        return None
    return rest


def _event(
    b: _Builder,
    index: int,
    sentence: Sentence,
    skeleton: str,
    hits: list[_Hit],
    used: Sequence[tuple[int, int]],
) -> _EventDraft | None:
    """A candidate event for a sentence that dates something (outside its attribution)."""
    own = [h for h in hits if h.value is not None and not _in_attribution(h, used)]
    if not own:
        return None
    first = next((h for h in own if not h.unresolved), own[0])
    others = [h for h in own if h is not first and not h.unresolved]
    event = _EventDraft(
        DateValue(str(first.value), first.text, first.review),
        _event_title(_clean(_PH_RE.sub("\u2026", skeleton)), first),
        _clean(b.doc.text[sentence.start : sentence.end]),
        also=[DateValue(str(h.value), h.text) for h in others],
    )
    b.events.append(event)
    return event


def _event_title(skeleton: str, hit: _Hit) -> str:
    """One line: the clause that holds the date, or the start of the sentence."""
    clauses = [c.strip() for c in re.split(r"[,;:]\s+|\s+[\u2013\u2014]\s+", skeleton) if c.strip()]
    title = skeleton
    for clause in clauses:
        # A clause that starts with a verb ("says the ... in 2019") needs its subject.
        if hit.text in clause and len(clause.split()) >= 5 and not _VERB_RE.match(clause):
            title = clause
            break
    title = _strip_leading_conjunction(title).rstrip(" .")
    if len(title) > 100:
        title = title[:100].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
    return _capitalise(title)


# --- The entry point --------------------------------------------------------------------------


def extract_article(
    text: str,
    *,
    published: str | None = None,
    source_id: str | None = None,
    outlet: str | None = None,
    article_name: str = "article.txt",
    text_file: str | None = None,
    text_file_review: str | None = None,
    dataset: Dataset | None = None,
) -> Draft:
    """Draft people, claims and events from an article's text.

    ``published`` is EDTF or a typed date; without it the dataset's source or a dateline
    in the text must give it. ``dataset``, when given, is the dataset the draft extends:
    its people are reused and its ids avoided. Raises UsageError on a bad option."""
    text = text.replace(PH_OPEN, " ").replace(PH_CLOSE, " ")
    doc = parse_document(text)
    taken = set(dataset.all_ids()) if dataset else set()
    existing = dataset.source_by_id.get(source_id) if dataset and source_id else None
    if source_id is not None and existing is None:
        _check_source_id(source_id, taken)
    point, pub_text, pub_review = _publication(
        published, doc, existing_source_date=existing.published if existing else None
    )
    builder = _Builder(doc, speech_passages(doc), Calendar(point), dataset=dataset)
    _walk(builder)
    source = _SourceOptions(
        id=source_id or _default_source_id(outlet, article_name, pub_text),
        exists=existing is not None,
        outlet=outlet,
        text_file=text_file,
        text_file_review=text_file_review,
        published=pub_text,
        published_review=pub_review,
    )
    return _assemble(builder, article_name=article_name, source=source, taken=taken)


def _check_source_id(source_id: str, taken: set[str]) -> None:
    from synews_cli.load import ID_RE

    if not ID_RE.fullmatch(source_id):
        raise UsageError(
            f"--source {source_id!r} is not a valid id",
            hint="use letters, digits, '-', '_' and '.', starting with a letter or digit",
        )
    if source_id in taken:
        raise UsageError(
            f"--source {source_id!r} is already the id of another item in the dataset",
            hint="ids are unique across kinds; choose another source id",
        )


def _default_source_id(outlet: str | None, article_name: str, published: str) -> str:
    base = slug(outlet or Path(article_name).stem or "article", max_words=4) or "article"
    if not base[0].isalnum():
        base = "source-" + base
    return f"{base}-{published.rstrip('~?%')}"


_PUBLISHED_LINE_RE = re.compile(
    r"^(?:published|updated|posted|date|first published)\b[:\s]*", re.IGNORECASE
)


def _publication(
    published: str | None, doc: Document, *, existing_source_date: EdtfDate | None
) -> tuple[Point, str, str | None]:
    """The publication date (point, EDTF, review note): ``--published``, else the date of
    the dataset's source, else a dateline in the text (``Published: 4 March 2024``)."""
    if published is not None:
        value = published.strip()
        try:
            edtf = parse_edtf(value)
        except DateFormatError:
            try:
                typed = parse_user_date(value).point
            except DateFormatError as error:
                raise UsageError(f"--published: {error}") from None
            return typed, typed.edtf(), None
        if edtf.is_interval or edtf.lower is None:
            raise UsageError(f"--published {published!r}: give one date, not an interval")
        return edtf.lower, value, None
    if existing_source_date is not None and existing_source_date.lower is not None:
        return existing_source_date.lower, existing_source_date.text, None
    calendar = Calendar(Point(9999))
    for paragraph in (*doc.paragraphs[:6], *doc.paragraphs[-2:]):
        if len(paragraph.split()) > 14 and not _PUBLISHED_LINE_RE.match(paragraph):
            continue
        for hit in calendar.find(paragraph):
            if hit.value and hit.pattern in ("full", "iso", "month-year") and "/" not in hit.value:
                point = parse_edtf(hit.value).lower
                if point is not None:
                    return point, hit.value, f"publication date read from the text: {hit.text!r}"
    raise UsageError(
        "--published is required: the article does not say when it was published",
        hint="give the article's date, e.g. --published 2025-10-20 or --published 2025-10",
    )


# --- Assembling the draft ---------------------------------------------------------------------


class _Ids:
    """Deterministic, unique ids: a slug, then -2, -3 ... on a clash."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self.next_number: dict[str, int] = {}

    def make(self, base: str, fallback: str) -> str:
        base = base.strip("-") or fallback
        if not base[0].isalnum():
            base = f"{fallback}-{base}"
        candidate = base
        number = self.next_number.get(base, 2)
        while candidate in self.taken:
            candidate = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.taken.add(candidate)
        return candidate


def _significant(text: str, count: int) -> str:
    """A slug of the first ``count`` words that are not stopwords."""
    folded = re.sub(r"['’]\w*", "", _fold(text))
    words = [w for w in re.findall(r"[^\W_]+", folded) if w not in _STOPWORDS]
    return slug(" ".join(words), max_words=count)


@dataclass(frozen=True, slots=True)
class _SourceOptions:
    id: str
    exists: bool
    outlet: str | None
    text_file: str | None
    text_file_review: str | None
    published: str
    published_review: str | None


def _assemble(b: _Builder, *, article_name: str, source: _SourceOptions, taken: set[str]) -> Draft:
    """Frozen draft records with deterministic ids."""
    ids = _Ids(taken | {source.id})
    person_ids, people = _draft_people(b, ids)
    event_ids: list[str] = []
    events: list[DraftEvent] = []
    for event in b.events:
        event_ids.append(ids.make(_significant(event.title, 5), "event"))
        reviews = [event.date.review] if event.date.review else []
        events.append(
            DraftEvent(
                event_ids[-1],
                event.date,
                event.title,
                event.summary,
                source.id,
                tuple(dict.fromkeys(reviews)),
                tuple(event.also),
            )
        )
    claims: list[DraftClaim] = []
    for claim in b.claims:
        pid = person_ids[claim.speaker]
        speaker = b.speakers[claim.speaker]
        who_words = pid.split("-")
        named = speaker.kind == "person" and speaker.identity != "anonymous"
        who = who_words[-1:] if named else who_words[-2:]  # "trad", "shop-owners"
        words = [w for w in _significant(claim.text, 12).split("-") if w and w not in who_words]
        date_value = claim.date or DateValue(source.published)
        reviews = [*claim.review, *([date_value.review] if date_value.review else [])]
        claims.append(
            DraftClaim(
                ids.make("-".join([*who, *words[:4]]), "claim"),
                pid,
                claim.kind,
                claim.text,
                date_value,
                source.id,
                context=claim.context,
                about=tuple(dict.fromkeys(event_ids[i] for i in claim.about)),
                review=tuple(dict.fromkeys(reviews)),
            )
        )
    return Draft(
        article=article_name,
        source_id=source.id,
        source=None if source.exists else _draft_source(b, source),
        people=tuple(people),
        events=tuple(events),
        claims=tuple(claims),
        skipped=tuple(b.skipped),
    )


def _draft_source(b: _Builder, options: _SourceOptions) -> DraftSource:
    reviews: list[str] = []
    outlet = options.outlet
    if outlet is None and b.outlet_guess:
        outlet = b.outlet_guess
        reviews.append(f'outlet guessed from "told {outlet}"; give --outlet to set it')
    if outlet is None:
        outlet = "Unknown outlet"
        reviews.append("the outlet is not known; give --outlet")
    reviews += [r for r in (options.published_review, options.text_file_review) if r]
    first = b.doc.paragraphs[0] if b.doc.paragraphs else ""
    title = first if headline_like(first) and len(first.split()) >= 3 else None
    bylines = (_BYLINE_RE.match(p) for p in b.doc.paragraphs[:6] if headline_like(p))
    author = next((m.group(1) for m in bylines if m), None)
    return DraftSource(
        options.id,
        outlet,
        options.published,
        title=title,
        author=author,
        text_file=options.text_file,
        review=tuple(reviews),
    )


_BYLINE_RE = re.compile(r"By\s+([A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|and|de|van|al)){1,5})")


def _draft_people(b: _Builder, ids: _Ids) -> tuple[dict[int, str], list[DraftPerson]]:
    """Everyone who speaks in a claim, in order of first appearance."""
    speaking = list(dict.fromkeys(claim.speaker for claim in b.claims))
    # A surname two speakers share ("Delgado") is an alias of neither.
    alias_count = Counter(_fold(a) for key in speaking for a in set(b.speakers[key].aliases))
    person_ids: dict[int, str] = {}
    people: list[DraftPerson] = []
    for key in speaking:
        speaker = b.speakers[key]
        if speaker.existing_id is not None:
            person_ids[key] = speaker.existing_id
            people.append(DraftPerson(speaker.existing_id, speaker.name, existing=True))
            continue
        base = slug(speaker.name)
        if speaker.kind == "person" and speaker.identity == "anonymous":
            described = re.sub(
                r"^(?:a|an|the|one of the|one of|some|many|two|three)\s+",
                "",
                speaker.description or speaker.name,
                flags=re.IGNORECASE,
            )
            base = slug(described, max_words=5)
        person_ids[key] = ids.make(base, "person")
        aliases = tuple(
            dict.fromkeys(
                a
                for a in speaker.aliases
                if _fold(a) != _fold(speaker.name) and alias_count[_fold(a)] == 1
            )
        )
        people.append(
            DraftPerson(
                person_ids[key],
                speaker.name,
                role=speaker.role,
                affiliation=speaker.affiliation,
                aliases=aliases,
                kind=speaker.kind,
                identity=speaker.identity,
                identity_note=speaker.identity_note,
                note=speaker.note,
            )
        )
    return person_ids, people


# --- TOML -------------------------------------------------------------------------------------

_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_TOML_ESCAPES["\r"] = "\\r"


def toml_string(value: str) -> str:
    """A TOML basic string: escapes for backslash, quote and every control character;
    lone surrogates (which no file can hold) become U+FFFD."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def comment(text: str) -> str:
    """Text safe inside a TOML comment: one line, no control characters."""
    cleaned = re.sub("[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]", " ", text)
    return re.sub(r"\s+", " ", cleaned).strip()


def _date_line(value: DateValue) -> str:
    """``date = "2025-03"  # "in March"``: the words a date was read from, kept."""
    if not value.expression:
        return f"date = {toml_string(value.edtf)}  # publication date: the text does not say when"
    return f"date = {toml_string(value.edtf)}  # \u201c{comment(value.expression)}\u201d"


def _fields(pairs: Sequence[tuple[str, str | Sequence[str] | None]]) -> list[str]:
    lines = []
    for key, value in pairs:
        if not value:
            continue
        rendered = toml_string(value) if isinstance(value, str) else toml_list(value)
        lines.append(f"{key} = {rendered}")
    return lines


def _table(name: str, reviews: Sequence[str], body: list[str]) -> list[str]:
    return [f"[[{name}]]", *(f"# review: {comment(r)}" for r in reviews), *body, ""]


def render_toml(draft: Draft) -> str:
    """The draft as TOML for review: comments say what to check."""
    lines = [
        f"# Draft from {comment(draft.article)} by `synews extract` (synews {__version__}).",
        "# Review every item before merging: speakers, dates and each '# review:' note.",
        "# Then run `synews check` and `synews verify` on the merged dataset.",
        f"# {draft.describe()}.",
        "",
    ]
    if draft.source is None:
        lines += [f"# Source {comment(draft.source_id)}: already in the dataset.", ""]
    else:
        s = draft.source
        body = _fields([("id", s.id), ("outlet", s.outlet), ("title", s.title)])
        body += _fields([("published", s.published), ("kind", s.kind), ("author", s.author)])
        if s.text_file:
            body.append(f"text_file = {toml_string(s.text_file)}  # relative to this file")
        lines += _table("sources", s.review, body)
    existing = [p.id for p in draft.people if p.existing]
    if existing:
        lines += [f"# Speakers already in the dataset: {comment(', '.join(existing))}", ""]
    if draft.new_people:
        lines += ["# --- People " + "-" * 78, ""]
    for p in draft.new_people:
        body = _fields(
            [
                ("id", p.id),
                ("name", p.name),
                ("role", p.role),
                ("affiliation", p.affiliation),
                ("aliases", p.aliases),
                ("kind", None if p.kind == "person" else p.kind),
                ("identity", None if p.identity == "named" else p.identity),
                ("identity_note", p.identity_note),
                ("note", p.note),
            ]
        )
        lines += _table("people", p.review, body)
    if draft.events:
        lines += ["# --- Candidate events " + "-" * 68, ""]
    for e in draft.events:
        body = [*_fields([("id", e.id)]), _date_line(e.date)]
        body += [f"# also in this sentence: {_date_line(other)[7:]}" for other in e.also]
        body += _fields([("title", e.title), ("summary", e.summary), ("source", e.source)])
        lines += _table("events", e.review, body)
    if draft.claims:
        lines += ["# --- Statements " + "-" * 74, ""]
    for c in draft.claims:
        body = _fields(
            [
                ("id", c.id),
                ("speaker", c.speaker),
                ("kind", c.kind),
                ("text", c.text),
                ("context", c.context),
            ]
        )
        body.append(_date_line(c.date))
        body += _fields([("source", c.source), ("about", c.about)])
        lines += _table("claims", c.review, body)
    if draft.skipped:
        lines.append("# Quoted passages not drafted (nobody speaks them: scare quotes?):")
        lines += [f"#   \u201c{comment(passage)}\u201d" for passage in draft.skipped]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- Reading the article ----------------------------------------------------------------------


def read_article(path: str) -> str:
    """The article's text (``-`` is stdin); unreadable or non-UTF-8 input is a DataIOError."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise DataIOError(
                f"cannot read {path}: {error.strerror or error}",
                hint="give the path of a plain-text article",
            ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataIOError(
            f"{path} is not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            hint="save the article as UTF-8 plain text",
        ) from None
    return text.removeprefix("\ufeff")


def relative_text_file(article: str, output: str | None) -> str | None:
    """The article's path relative to where the draft is written (or the current folder)."""
    if article == "-":
        return None
    base = Path(output).resolve().parent if output and output != "-" else Path.cwd()
    try:
        return Path(os.path.relpath(Path(article).resolve(), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(article).resolve().as_posix()
