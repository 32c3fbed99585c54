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
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from synews_cli import __version__
from synews_cli.dates import DateFormatError, EdtfDate, Point, parse_edtf, parse_user_date
from synews_cli.errors import DataIOError, UsageError
from synews_cli.model import Dataset, Person
from synews_cli.quotes_text import (
    QUOTE_CHARS,
    Document,
    Passage,
    claim_text,
    headline_like,
    parse_document,
    speech_passages,
)

# --- Vocabulary: general English news style -------------------------------------------------

_REPORTING = (
    "said says say told tells added adds explained explains stated states noted notes "
    "insisted insists argued argues warned warns claimed claims wrote writes asked asks "
    "replied replies responded responds continued continues recalled recalls remarked "
    "acknowledged acknowledges admitted admits conceded concedes suggested suggests stressed "
    "stresses emphasised emphasized emphasises emphasizes observed observes declared declares "
    "announced announces complained complains urged urges predicted predicts cautioned "
    "maintained maintains contended contends countered tweeted posted concluded quipped joked "
    "confirmed confirms denied denies believes believe thinks estimated estimates reported "
    "agreed recounted recounts vowed promised pleaded wondered mused sighed shouted whispered "
    "recalled described describes called calls dismissed hailed branded labelled labeled termed"
).split()
REPORTING_VERBS = frozenset(_REPORTING)
# Verbs that introduce a quoted fragment (``called the talks "transactional"``), not speech.
FRAGMENT_ONLY_VERBS = frozenset(
    "described describes called calls dismissed hailed branded labelled labeled termed".split()
)
# Verbs that report speech in a that-clause or a bare clause: the paraphrase verbs.
PARAPHRASE_VERBS = frozenset(
    (
        "said says say told tells added adds explained explains stated noted insisted insists "
        "argued argues warned warns claimed claims believes believe thinks estimated estimates "
        "confirmed confirms denied denies announced announces maintained maintains acknowledged "
        "admitted stressed suggested suggests predicted predicts reported agreed wrote writes "
        "contended cautioned vowed promised"
    ).split()
)
# Verbs that need "that", a comma, a colon or the end of the clause after them to report
# speech ("she added that ...", but not "added to the list").
_NEEDS_BREAK = frozenset(
    "added adds explained explains noted notes continued continues concluded observed".split()
)
_NOUN_LIKE = frozenset("claims reports notes states calls posts says".split())
PARTICIPLES = frozenset("adding saying noting warning insisting explaining arguing".split())
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
TITLES = frozenset(
    (
        "president vice prime minister secretary general gen lt col colonel major maj captain "
        "capt sergeant sgt admiral adm commander senator sen representative rep governor gov "
        "mayor ambassador chancellor king queen prince princess emir sheikh sultan pope "
        "patriarch bishop archbishop cardinal rabbi imam judge justice chief director chairman "
        "chairwoman chair spokesman spokeswoman spokesperson deputy speaker ceo premier leader "
        "commissioner inspector detective officer lieutenant brigadier marshal envoy"
    ).split()
) | frozenset(HONORIFICS)
NAME_PARTICLES = frozenset(
    "al el bin ibn abu bint de da di du del della der den van von la le ter dos das y".split()
)
ORG_WORDS = frozenset(
    (
        "ministry department office agency council committee commission authority authorities "
        "army forces force party company corporation corp inc ltd bank organisation "
        "organization institute university government embassy police court parliament senate "
        "congress assembly union federation association foundation observatory fund programme "
        "program service services kremlin pentagon administration cabinet presidency "
        "secretariat coalition alliance front movement network centre center watch "
        "international group board bureau command navy ministries"
    ).split()
)
GROUP_NOUNS = frozenset(
    (
        "experts analysts officials residents observers critics diplomats sources witnesses "
        "activists locals villagers protesters doctors researchers scientists economists "
        "lawyers rebels soldiers militants inhabitants citizens people families farmers "
        "workers students teachers medics refugees survivors supporters opponents leaders "
        "ministers lawmakers legislators investors traders voters parents relatives neighbours "
        "neighbors journalists officers troops fighters commanders shopkeepers owners "
        "campaigners mourners passengers patients nurses engineers executives"
    ).split()
)
QUANTIFIERS = frozenset(
    "many some several most few other two three four five dozens hundreds thousands".split()
)
ROLE_NOUNS = frozenset(
    (
        "analyst expert researcher spokesman spokeswoman spokesperson official lawyer activist "
        "resident economist professor author journalist commentator historian specialist "
        "fellow director diplomat minister adviser advisor consultant scholar lecturer "
        "engineer doctor teacher student veteran farmer writer editor columnist strategist "
        "negotiator envoy candidate lawmaker campaigner founder chief head owner shopkeeper"
    ).split()
)
COUNTRIES = frozenset(
    (
        "afghanistan albania algeria andorra angola argentina armenia australia austria "
        "azerbaijan bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria "
        "cambodia cameroon canada chad chile china colombia congo croatia cuba cyprus czechia "
        "denmark djibouti ecuador egypt eritrea estonia ethiopia finland france georgia germany "
        "ghana greece guatemala haiti honduras hungary iceland india indonesia iran iraq "
        "ireland israel italy japan jordan kazakhstan kenya kosovo kuwait kyrgyzstan laos "
        "latvia lebanon libya lithuania luxembourg malaysia mali malta mexico moldova mongolia "
        "montenegro morocco mozambique myanmar nepal netherlands nicaragua niger nigeria norway "
        "oman pakistan palestine panama paraguay peru philippines poland portugal qatar romania "
        "russia rwanda serbia singapore slovakia slovenia somalia spain sudan sweden "
        "switzerland syria taiwan tajikistan tanzania thailand tunisia turkey türkiye "
        "turkmenistan uganda ukraine uruguay uzbekistan venezuela vietnam yemen zambia "
        "zimbabwe"
    ).split()
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
ADVERBIAL_STARTS = frozenset(
    (
        "in inside at on after before during since for with without as despite following "
        "speaking asked when while although though earlier later last this meanwhile however "
        "but still yet also separately elsewhere today yesterday then now writing interviewed "
        "from by under over outside near according echoing addressing responding referring "
        "like unlike amid among"
    ).split()
)
_LEADING_CONJUNCTIONS = ("and", "but", "yet", "so", "still", "however", "meanwhile", "now")
_DETERMINERS = frozenset(
    "the a an another other this that these those his her their its our my your such some "
    "any each every".split()
)
_AUX = frozenset(
    "is are was were be been being has have had will would can could should may might must "
    "do does did not".split()
)
_TRAILING_AUX = frozenset(
    (
        "has have had would will also later earlier previously repeatedly publicly once then "
        "long already recently again further separately privately has also had also "
        "reportedly allegedly simply just even only never"
    ).split()
)
_STOPWORDS = frozenset(
    (
        "a an the of to and or in on at for by with from is are was were be been it its this "
        "that these those as but not no his her their our your my we you he she they i them "
        "him us me so if than then there here which who whom what when where why how all any "
        "some has have had will would can could should may might must do does did into over "
        "after before about mr mrs ms dr said says told"
    ).split()
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
    r"elaborate|be interviewed|give an interview|talk)\b|\bno one was available to comment\b",
    re.IGNORECASE,
)
_DOCUMENT_NOUNS = frozenset(
    "report data figures statistics estimates study survey documents document records "
    "analysis poll census count tally".split()
)
_VENUE_RE = re.compile(
    r"\s+(?:in|on|at|during|via|through|to|from)\s+(?:a|an|the|his|her|their|its)?\s*"
    r"(?:\w+\s+)?(?:statement|interview|post|press conference|news conference|briefing|speech|"
    r"tweet|video|message|letter|email|e-mail|phone call|call|address|Twitter|X|Facebook|"
    r"Telegram|Instagram|social media|television|radio|podcast|op-ed|column)\b.*$"
)
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof st mt gen lt col capt sgt maj adm gov sen rep rev jr sr inc ltd co "
        "corp vs etc no jan feb aug sept oct nov dec fig approx dept est"
    ).split()
)
PH_OPEN, PH_CLOSE = "\ue000", "\ue001"
_PH_RE = re.compile(PH_OPEN + r"(\d+)" + PH_CLOSE)
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_OPENING_QUOTES = "\u201c\u201e\u00ab\u201f\u2018\"'"

# --- Dates ---------------------------------------------------------------------------------

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a couple of": 2,
    "a dozen": 12,
}
_VAGUE_NUMBERS = {"a few": 3, "several": 3, "a number of": 3, "dozens of": 24}
_MONTH = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![a-z])"
)
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_APPROX = (
    r"(?:(?P<approx>about|around|nearly|almost|some|roughly|approximately|circa|more than|over|"
    r"less than|just over|just under|close to|up to|at least|barely|only|just)\s+)?"
)
_NUM = (
    r"(?P<num>\d{1,3}|a couple of|a dozen|a few|a number of|dozens of|several|an|a|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
)
_UNIT = r"(?P<unit>hours?|days?|weeks?|months?|years?|decades?)"
_PREP = r"(?:(?P<prep>in|on|since|until|till|from|through|during|of|by|last|next|this|early|mid|late|mid-|earlier in|later in)\s+)?"
_APPROX_WORDS = frozenset(
    "about around nearly almost some roughly approximately circa more than over less than "
    "close to up to at least".split()
) | {"more than", "less than", "just over", "just under", "close to", "up to", "at least"}

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "mdy",
        re.compile(
            rf"\b{_PREP}(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
            r"(?P<year>\d{4})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b{_PREP}(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+"
            rf"(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b",
            re.IGNORECASE,
        ),
    ),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    (
        "month-year",
        re.compile(
            rf"\b{_PREP}(?:(?P<part>early|mid|late)[\s-]+)?{_MONTH}(?:\s+of)?,?\s+"
            r"(?P<year>\d{4})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "md",
        re.compile(
            rf"\b{_PREP}(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            r"(?![\d:])\b",
            re.IGNORECASE,
        ),
    ),
    (
        "dm",
        re.compile(
            rf"\b{_PREP}(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+"
            rf"(?:of\s+)?{_MONTH}",
            re.IGNORECASE,
        ),
    ),
    (
        "month",
        re.compile(
            r"\b(?P<rel>last|next|this|early|mid|late|earlier in|later in|in|since|until|till|"
            r"from|through|during|by|of|the|between|and|to)[\s-]+"
            rf"(?:(?P<part>early|mid|late)[\s-]+)?{_MONTH}"
            r"(?P<yr>\s+(?:this|last|next)\s+year)?",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>on|last|next|this|since|by|until|early|late)\s+)?{_WEEKDAY}"
            r"(?![a-z])(?:\s+(?:morning|afternoon|evening|night))?",
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
        "period",
        re.compile(
            r"\b(?P<rel>earlier this|later this|early this|late last|earlier last|this|last|"
            r"next|the past|the last|the previous|the coming)\s+(?P<period>week|month|year|"
            r"decade)\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(rf"\b{_APPROX}{_NUM}\s+{_UNIT}\s+ago\b", re.IGNORECASE)),
    (
        "duration",
        re.compile(
            r"\b(?P<prep>for|over|in|during|throughout)\s+(?:the\s+(?P<past>past|last|previous)"
            rf"\s+)?{_APPROX}{_NUM}\s+{_UNIT}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "anchored",
        re.compile(
            rf"\b{_APPROX}(?:{_NUM}\s+{_UNIT}|(?P<vague>shortly|soon|just|immediately|right|"
            r"hours|days|weeks|months|years|the day|the week|the month|the year))\s+"
            r"(?P<dir>after|before|later than|earlier than)\s+(?P<anchor>[^,.;:!?\ue000\n]{3,90})",
            re.IGNORECASE,
        ),
    ),
    (
        "since-anchor",
        re.compile(
            r"\b(?P<dir>since|until|till|up until)\s+(?P<anchor>(?:the|his|her|their|its|[A-Z])"
            r"[^,.;:!?\ue000\n]{2,80})"
        ),
    ),
    (
        "decade",
        re.compile(r"\b(?:the\s+)?(?:early\s+|mid-|late\s+)?(?P<dec>1[89]\d|20\d)0s\b"),
    ),
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
            r"(?<![\d$£€.,/#-])\b(?:(?P<prep>since|until|in|by|of|from)\s+)?(?P<year>1[89]\d\d|"
            r"20\d\d)\b(?![\d%,.]\d|\s*(?:%|per ?cent|percent|km|kilomet|miles|people|troops|"
            r"tonnes|dollars))",
            re.IGNORECASE,
        ),
    ),
]


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date: EDTF, the words it was read from, and why to check it."""

    edtf: str
    expression: str = ""
    review: str | None = None


@dataclass(slots=True)
class _Hit:
    """A date expression found in a sentence (offsets in that sentence's skeleton)."""

    start: int
    end: int
    text: str
    value: str | None = None
    review: str | None = None
    pattern: str = ""
    anchor: str | None = None
    direction: str | None = None
    amount: int = 0
    unit: str = ""
    vague: bool = False
    approximate: bool = False
    sentence: int = -1


class Calendar:
    """Date expressions -> EDTF, at the precision the words support, relative to the
    publication date ``published``."""

    def __init__(self, published: Point) -> None:
        self.pub = published

    # -- helpers

    def _pub_edtf(self) -> str:
        return Point(self.pub.year, self.pub.month, self.pub.day).edtf()

    @staticmethod
    def _edtf(year: int, month: int | None = None, day: int | None = None, approx: bool = False) -> str:
        year = min(max(year, 1), 9999)
        return Point(year, month, day, approximate=approx).edtf()

    def _month_not_after(self, month: int, *, strictly_before: bool = False) -> tuple[int, str | None]:
        """The year of the latest ``month`` not after publication."""
        if self.pub.month is None:
            return self.pub.year, "the publication date has no month: the year is assumed"
        limit = self.pub.month - (1 if strictly_before else 0)
        return (self.pub.year if month <= limit else self.pub.year - 1), None

    def _day_not_after(self, month: int, day: int) -> tuple[int, str | None]:
        if self.pub.month is None:
            return self.pub.year, "the publication date has no month: the year is assumed"
        if self.pub.day is None:
            return (self.pub.year if month <= self.pub.month else self.pub.year - 1), None
        return (self.pub.year if (month, day) <= (self.pub.month, self.pub.day) else self.pub.year - 1), None

    def _pub_day(self) -> date | None:
        if self.pub.day is None or self.pub.month is None:
            return None
        return date(self.pub.year, self.pub.month, self.pub.day)

    def _shift_months(self, months: int) -> tuple[int, int] | None:
        if self.pub.month is None:
            return None
        index = self.pub.year * 12 + self.pub.month - 1 + months
        return index // 12, index % 12 + 1

    def _no_day(self, words: str) -> tuple[str, str]:
        return (
            self._pub_edtf(),
            f"{words!r} needs the day of publication, which is not known: dated to the "
            "publication date",
        )

    # -- finding

    def find(self, text: str) -> list[_Hit]:
        """Date expressions in ``text``, earliest first, longest when they overlap."""
        candidates: list[_Hit] = []
        for name, pattern in _DATE_PATTERNS:
            for match in pattern.finditer(text):
                hit = self._interpret(name, match)
                if hit is not None:
                    candidates.append(hit)
        candidates.sort(key=lambda h: (h.start, -(h.end - h.start)))
        chosen: list[_Hit] = []
        for hit in candidates:
            if any(hit.start < c.end and c.start < hit.end for c in chosen):
                continue
            chosen.append(hit)
        chosen.sort(key=lambda h: h.start)
        return chosen

    def _interpret(self, name: str, m: re.Match[str]) -> _Hit | None:
        groups = m.groupdict()
        mon = groups.get("mon")
        if mon is not None and not mon[0].isupper():
            return None  # "may", "march": not a month
        wd = groups.get("wd")
        if wd is not None and not wd[0].isupper():
            return None
        hit = _Hit(m.start(), m.end(), m.group().strip(), pattern=name)
        try:
            handler = getattr(self, "_on_" + name.replace("-", "_"))
            ok = handler(hit, groups)
        except (ValueError, OverflowError):
            return None
        if not ok:
            return None
        # Keep the words but not a leading article or conjunction in the expression.
        hit.text = re.sub(r"^(?:the|and|to|of|between)\s+", "", hit.text, flags=re.IGNORECASE)
        return hit

    def _apply_prep(self, hit: _Hit, prep: str | None, value: str) -> None:
        prep = (prep or "").lower()
        if prep == "since":
            hit.value = f"{value}/.."
        elif prep in ("until", "till"):
            hit.value = f"../{value}"
        else:
            hit.value = value

    def _on_mdy(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        month = _MONTHS[str(g["mon"]).lower().rstrip(".")]
        value = self._edtf(int(str(g["year"])), month, int(str(g["day"])))
        parse_edtf(value)
        self._apply_prep(hit, g.get("prep"), value)
        return True

    _on_dmy = _on_mdy

    def _on_iso(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        value = f"{g['year']}-{g['month']}-{g['day']}"
        parse_edtf(value)
        hit.value = value
        return True

    def _on_month_year(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        month = _MONTHS[str(g["mon"]).lower().rstrip(".")]
        self._apply_prep(hit, g.get("prep"), self._edtf(int(str(g["year"])), month))
        return True

    def _on_md(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        month = _MONTHS[str(g["mon"]).lower().rstrip(".")]
        day = int(str(g["day"]))
        year, review = self._day_not_after(month, day)
        value = self._edtf(year, month, day)
        parse_edtf(value)
        self._apply_prep(hit, g.get("prep"), value)
        hit.review = review
        return True

    _on_dm = _on_md

    def _on_month(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        rel = str(g.get("rel") or "").lower()
        month = _MONTHS[str(g["mon"]).lower().rstrip(".")]
        if str(g["mon"]).lower().startswith("may") and rel in ("the", "and", "to", "of"):
            return False  # "the May ..." is too often a name
        yr = (g.get("yr") or "").strip().lower()
        review = None
        if yr.startswith("last"):
            year = self.pub.year - 1
        elif yr.startswith("next"):
            year = self.pub.year + 1
        elif yr.startswith("this"):
            year = self.pub.year
        elif rel == "last":
            year, review = self._month_not_after(month, strictly_before=True)
        elif rel == "next":
            year = self.pub.year if self.pub.month is not None and month > self.pub.month else self.pub.year + 1
        elif rel == "this":
            year = self.pub.year
        else:
            year, review = self._month_not_after(month)
        value = self._edtf(year, month)
        if rel == "since":
            hit.value = f"{value}/.."
        elif rel in ("until", "till"):
            hit.value = f"../{value}"
        else:
            hit.value = value
        hit.review = review
        if rel in ("the", "and", "to", "of", "between"):
            hit.start += len(re.match(r"\w+[\s-]+", hit.text).group()) if re.match(r"\w+[\s-]+", hit.text) else 0  # type: ignore[union-attr]
        return True

    def _on_weekday(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        rel = str(g.get("rel") or "").lower()
        target = _WEEKDAYS.index(str(g["wd"]).lower())
        if not rel and not re.search(r"\b(?:on|last|next|this)\s*$", hit.text[:0]):
            rel = ""
        pub = self._pub_day()
        if pub is None:
            hit.value, hit.review = self._no_day(hit.text)
            return True
        if rel == "next":
            delta = (target - pub.weekday()) % 7 or 7
            day = pub + timedelta(days=delta)
        else:
            delta = (pub.weekday() - target) % 7
            if rel == "last" and delta == 0:
                delta = 7
            day = pub - timedelta(days=delta)
        hit.value = self._edtf(day.year, day.month, day.day)
        if rel == "since":
            hit.value += "/.."
        return True

    def _on_day_word(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        word = str(g["word"]).lower()
        offset = {
            "the day before yesterday": -2,
            "yesterday": -1,
            "last night": -1,
            "tomorrow": 1,
        }.get(word, 0)
        pub = self._pub_day()
        if pub is None:
            hit.value, hit.review = self._no_day(hit.text)
            return True
        day = pub + timedelta(days=offset)
        hit.value = self._edtf(day.year, day.month, day.day)
        return True

    def _on_period(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        rel = str(g["rel"]).lower()
        period = str(g["period"]).lower()
        step = -1 if rel.endswith("last") or rel in ("the previous",) else 1 if rel in ("next", "the coming") else 0
        past = rel in ("the past", "the last", "the previous")
        pub = self.pub
        if period == "year":
            if past:
                shifted = self._shift_months(-12)
                if shifted is None:
                    hit.value = f"{pub.year - 1}/{pub.year}"
                else:
                    hit.value = f"{self._edtf(*shifted)}/{self._pub_edtf()}"
            else:
                hit.value = self._edtf(pub.year + step)
            return True
        if period == "decade":
            if past or step == 0:
                hit.value = f"{self._edtf(pub.year - 10, approx=True)}/{self._pub_edtf()}"
            else:
                return False
            return True
        if period == "month":
            if past:
                shifted = self._shift_months(-1)
                if shifted is None:
                    return False
                hit.value = f"{self._edtf(*shifted)}/{self._pub_edtf()}"
                return True
            shifted = self._shift_months(step)
            if shifted is None:
                hit.value = self._edtf(pub.year)
                hit.review = "the publication date has no month"
                return True
            hit.value = self._edtf(*shifted)
            return True
        # A week: the days from Monday to Sunday, or the publication month when no day.
        day = self._pub_day()
        if day is None:
            hit.value, hit.review = self._pub_edtf(), (
                f"{hit.text!r}: the publication date has no day, dated to its month"
            )
            return True
        if past:
            start, end = day - timedelta(days=7), day
        else:
            monday = day - timedelta(days=day.weekday()) + timedelta(days=7 * step)
            start, end = monday, monday + timedelta(days=6)
        hit.value = (
            f"{self._edtf(start.year, start.month, start.day)}/{self._edtf(end.year, end.month, end.day)}"
        )
        return True

    @staticmethod
    def _amount(g: dict[str, str | None]) -> tuple[int, bool, bool]:
        """(number, vague, approximate) from the number and approximation words."""
        num = (g.get("num") or "").lower()
        approx_word = (g.get("approx") or "").lower()
        vague = num in _VAGUE_NUMBERS
        if num.isdigit():
            amount = int(num)
        else:
            amount = _VAGUE_NUMBERS.get(num) or _NUMBERS.get(num, 0)
        approx = vague or approx_word in _APPROX_WORDS
        return amount, vague, approx

    def _shift(
        self, base: Point, amount: int, unit: str, *, approx: bool, sign: int
    ) -> str | None:
        """``base`` moved by ``amount`` ``unit``s, at the precision both support."""
        unit = unit.lower().rstrip("s")
        if unit in ("hour", "day", "week"):
            days = amount * (7 if unit == "week" else 1) if unit != "hour" else 0
            if base.day is not None and base.month is not None:
                when = date(base.year, base.month, base.day) + timedelta(days=sign * days)
                return self._edtf(when.year, when.month, when.day, approx and days > 0)
            if base.month is not None:
                months = round(days / 30)
                index = base.year * 12 + base.month - 1 + sign * months
                return self._edtf(index // 12, index % 12 + 1, approx=months > 0 and approx)
            return self._edtf(base.year)
        if unit == "month":
            if base.month is not None:
                index = base.year * 12 + base.month - 1 + sign * amount
                return self._edtf(index // 12, index % 12 + 1, approx=approx)
            return self._edtf(base.year + sign * round(amount / 12), approx=True)
        if unit in ("year", "decade"):
            years = amount * (10 if unit == "decade" else 1)
            return self._edtf(base.year + sign * years, approx=approx or unit == "decade")
        return None

    def _on_ago(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        amount, vague, approx = self._amount(g)
        if amount <= 0:
            return False
        unit = str(g["unit"]).lower()
        if unit.startswith(("day", "hour", "week")) and self._pub_day() is None:
            hit.value, hit.review = self._no_day(hit.text)
            return True
        hit.value = self._shift(self.pub, amount, unit, approx=approx, sign=-1)
        return hit.value is not None

    def _on_duration(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        amount, vague, approx = self._amount(g)
        prep = str(g.get("prep") or "").lower()
        past = g.get("past")
        if amount <= 0 or (prep in ("in", "during") and not past):
            return False  # "in two years" looks ahead; "in the past two years" does not
        unit = str(g["unit"]).lower()
        if unit.startswith(("hour", "day")):
            return False  # too short to be a period worth an interval
        start = self._shift(self.pub, amount, unit, approx=approx, sign=-1)
        if start is None:
            return False
        hit.value = f"{start}/{self._pub_edtf()}"
        if not past:
            hit.review = f"{hit.text!r}: the period is taken to end at publication"
        return True

    def _on_anchored(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        vague_word = (g.get("vague") or "").lower()
        if vague_word:
            amount = {"the day": 1, "the week": 7, "the month": 1, "the year": 1}.get(vague_word, 0)
            unit = {"the week": "day", "the month": "month", "the year": "year"}.get(
                vague_word, vague_word.rstrip("s") if vague_word.endswith("s") else "day"
            )
            if vague_word in ("hours", "days", "weeks", "months", "years"):
                amount = 3 if vague_word != "hours" else 0
            vague = vague_word not in ("the day", "the week", "the month", "the year")
            approx = vague and unit in ("week", "month", "year")
        else:
            amount, vague, approx = self._amount(g)
            unit = str(g["unit"]).lower().rstrip("s")
        hit.anchor = _trim_anchor(str(g["anchor"]))
        if not hit.anchor:
            return False
        hit.direction = "after" if str(g["dir"]).lower() in ("after", "later than") else "before"
        hit.amount, hit.unit, hit.vague, hit.approximate = amount, unit, vague, approx
        hit.end = hit.start + len(m_text := hit.text)
        hit.text = m_text[: m_text.lower().find(hit.anchor.lower()) + len(hit.anchor)] if hit.anchor.lower() in m_text.lower() else m_text
        return True

    def _on_since_anchor(self, hit: _Hit, g: dict[str, str | None]) -> bool:
        anchor = _trim_anchor(str(g["anchor"]))
        if not anchor or _MONTH_ONLY_RE.match(anchor) or re.match(r"\d", anchor):
            return False
        words = anchor.lower().split()
        if _AUX & set(words) or words[0] in ("he", "she", "they", "it", "we", "i"):
            return False  # "since he left": a clause, not a point in time
        hit.anchor = anchor
        hit.direction = "since" if str(g["dir"]).lower() == "since" else "until"
        hit.text = hit.text[: hit.text.find(anchor) + len(anchor)]
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
        self._apply_prep(hit, g.get("prep"), self._edtf(year))
        return True

    def resolve_anchored(self, hit: _Hit, dated: Sequence[tuple[_Hit, frozenset[str]]], idf: dict[str, float]) -> None:
        """Date ``a few days after <anchor>`` from the dated expression whose sentence
        shares the anchor's rarest words."""
        assert hit.anchor is not None
        wanted = _content_words(hit.anchor)
        best: tuple[float, int, _Hit] | None = None
        for other, sentence_words in dated:
            if other is hit or other.value is None:
                continue
            score = sum(idf.get(w, 0.0) for w in wanted & sentence_words)
            if score <= 0:
                continue
            distance = -abs(other.sentence - hit.sentence)
            if best is None or (score, distance) > (best[0], best[1]):
                best = (score, distance, other)
        if best is None:
            hit.value = self._pub_edtf()
            hit.review = (
                f"{hit.text!r}: no dated mention of {hit.anchor!r} found; dated to the "
                "publication date"
            )
            return
        anchor_hit = best[2]
        anchor = parse_edtf(str(anchor_hit.value))
        anchor_text = f"{anchor_hit.text!r} ({anchor_hit.value})"
        if hit.direction in ("since", "until"):
            point = anchor.lower if hit.direction == "since" else anchor.upper
            if point is None:
                point = anchor.upper or anchor.lower
            assert point is not None
            value = Point(point.year, point.month, point.day).edtf()
            hit.value = f"{value}/.." if hit.direction == "since" else f"../{value}"
        else:
            base = (anchor.upper if hit.direction == "after" else anchor.lower) or anchor.lower or anchor.upper
            assert base is not None
            hit.value = self._shift(
                base,
                hit.amount,
                hit.unit or "day",
                approx=hit.approximate,
                sign=1 if hit.direction == "after" else -1,
            )
            if hit.value is None:
                hit.value = Point(base.year, base.month, base.day).edtf()
        hit.review = f"{hit.anchor!r} read as the date of {anchor_text}"


_MONTH_ONLY_RE = re.compile(r"(?:(?:early|mid|late)[\s-]+)?" + _MONTH + r"(?:\s+\d{4})?\s*$")


def _trim_anchor(text: str) -> str:
    """The noun phrase an ``after``/``since`` anchor names: up to a clause boundary."""
    text = re.split(
        r"\s+(?:when|where|which|who|that|as|while|because|and then|but|after|before|"
        r"until|since|during|in order|so that)\b",
        text.strip(),
        maxsplit=1,
    )[0]
    words = text.split()
    return " ".join(words[:10]).strip(" \u201c\u201d\"'")


def _content_words(text: str) -> frozenset[str]:
    found = set()
    for word in _WORD_RE.findall(text.lower()):
        word = re.sub(r"['’]s$", "", word)
        if word in _STOPWORDS or len(word) < 3 or word.isdigit():
            continue
        found.add(word.rstrip("s") if len(word) > 4 else word)
    return frozenset(found)


# --- Draft records -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftSource:
    id: str
    outlet: str
    published: str
    kind: str = "article"
    title: str | None = None
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

    def to_toml(self) -> str:
        return render_toml(self)


# --- Text helpers -------------------------------------------------------------------------------


def slug(text: str, *, max_words: int = 6) -> str:
    """An id-safe slug: ``Ahmad Al Shara`` -> ``ahmad-al-shara``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return "-".join(words[:max_words])


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


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


# --- Who spoke ----------------------------------------------------------------------------------


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
        joined = "; ".join(p for p in (role, extras.role) if p) or None
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
        plural = first != "one" and first not in ("a", "an", "another") and lowered[-1].endswith("s")
        return make("group" if plural else "description", head)
    if lowered[-1] in GROUP_NOUNS and all(
        w in GROUP_NOUNS or w in QUANTIFIERS or not _is_cap(o) or i == 0
        for i, (w, o) in enumerate(zip(lowered, words, strict=True))
    ) and (len(words) == 1 or not all(_is_cap(w) for w in words)):
        return make("group", _capitalise(head))
    if " ".join(lowered) in COUNTRIES:
        return make("state", head)
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
        ", ".join(p for p in role_parts if p) or None, affiliation, note, identity_note, gender, name
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
        and run[0].lower().strip(".") in (ROLE_NOUNS | lower_words)
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
    while len(name_words) > 1 and name_words[0].lower() in NAME_PARTICLES and not _is_cap(name_words[0]):
        name_words.pop(0)
    if not name_words or any(w.lower().strip(".,") in _AUX for w in name_words):
        return None
    honorific = title_words[-1].lower().strip(".") if title_words else ""
    gender = HONORIFICS.get(honorific)
    role_bits = list(descriptor)
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
    if words[0] in ("on", "at", "during", "speaking", "last", "earlier", "later", "yesterday",
                    "today", "via", "after", "before", "when", "while", "as", "this", "tonight"):
        return True
    return words[0] == "in" and len(words) > 1 and words[1] in ("a", "an", "the", "his", "her", "their", "its")


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
        if org.lower() not in COUNTRIES and len(org.split()) >= 1 and not re.match(r"[A-Z][a-z]+$", org) or _is_org(org.split()):
            return match.group("role"), org
    return text, None


def _gender_from(text: str) -> str | None:
    lowered = f" {text.lower()} "
    if re.search(r"\b(?:his|him|he)\b", lowered):
        return "m"
    if re.search(r"\b(?:her|hers|she)\b", lowered):
        return "f"
    return None


# --- Sentences ---------------------------------------------------------------------------------


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
    if k < len(text) and not (text[k].isupper() or text[k].isdigit() or text[k] in _OPENING_QUOTES or text[k] == "\n"):
        return False
    if text[i] == ".":
        word = re.search(r"([\w.]+)$", text[max(0, i - 12) : i])
        if word:
            token = word.group(1).lower()
            if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
                return False
    return True


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


# --- Speakers -------------------------------------------------------------------------------------


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
    review: list[str] = field(default_factory=list)
    description: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return _name_words(self.name)

    def matches_name(self, name: str) -> bool:
        wanted = _name_words(name)
        if not wanted:
            return False
        for candidate in (self.name, *self.aliases):
            words = _name_words(candidate)
            if words == wanted or (self.kind == "person" and self.identity == "named" and _ends_with(words, wanted)):
                return True
        return False


@dataclass(frozen=True, slots=True)
class _Attribution:
    who: Who
    span: tuple[int, int]  # in the sentence skeleton
    verb: str
    review: str | None = None


class _Builder:
    """Walks the sentences once, in order, keeping who spoke last."""

    def __init__(
        self,
        doc: Document,
        passages: Sequence[Passage],
        calendar: Calendar,
        *,
        source_id: str,
        published: str,
        dataset: Dataset | None,
    ) -> None:
        self.doc = doc
        self.passages = passages
        self.calendar = calendar
        self.source_id = source_id
        self.published = published
        self.dataset = dataset
        self.speakers: list[_Speaker] = []
        self.recent: list[int] = []  # speaker keys, most recent last
        self.claims: list[tuple[int, _ClaimDraft]] = []
        self.events: list[_EventDraft] = []
        self.skipped: list[str] = []
        self.lower_words = frozenset(w for w in re.findall(r"\b[a-z][a-z-]+\b", doc.text))
        self.pseudonyms = {
            m.group("name"): m.group("note") for m in _PSEUDONYM_RE.finditer(doc.text)
        }
        self.full_names = _full_names(doc.text)
        self.current: tuple[int, int] = (0, 0)  # sentence, paragraph
        self.pending: tuple[int, int, Who] | None = None
        self.outlet_guess = _outlet_guess(doc.text)

    # -- speakers

    def speaker(self, who: Who, *, sentence: int) -> tuple[_Speaker, str | None]:
        """Resolve a reference to a speaker, creating one when needed; and a review note."""
        if who.kind == "pronoun":
            return self._pronoun(who)
        if who.kind == "name":
            return self._named(who), None
        if who.kind == "definite":
            found = self._by_role(who.name)
            if found is not None:
                return found, None
            return self._new_described(who), None
        if who.kind in ("description", "group", "organisation", "state"):
            for speaker in reversed(self.speakers):
                if speaker.kind == _PERSON_KIND.get(who.kind, "person") and _fold(speaker.description or speaker.name) == _fold(who.name):
                    return speaker, None
            return self._new_described(who), None
        return self._new_described(who), None

    def observe(self, skeleton: str) -> None:
        """Known speakers named in the sentence (outside quotes) become the most recent:
        ``Ms Doe dismissed that. "...," she said.``"""
        outside = _PH_RE.sub(" ", skeleton)
        folded = " ".join(_name_words(outside))
        if not folded:
            return
        mentioned = []
        for speaker in self.speakers:
            if speaker.kind != "person" or speaker.identity == "anonymous":
                continue
            forms = [speaker.name, *(a for a in speaker.aliases if len(a.split()) > 1)]
            for form in forms:
                words = " ".join(_name_words(form))
                if words and re.search(rf"(?<![\w]){re.escape(words)}(?![\w])", folded):
                    mentioned.append((folded.find(words), speaker))
                    break
        for _, speaker in sorted(mentioned, key=lambda m: m[0]):
            self.spoke(speaker)

    def note_subject(self, skeleton: str) -> None:
        """A sentence that names a person as its subject without quoting them
        (``Local shop owner Tom Becker was more cautious.``): a pronoun that follows may
        refer to them."""
        who = _subject_name(skeleton, self.lower_words)
        if who is None:
            return
        for speaker in self.speakers:
            if speaker.matches_name(who.name):
                self.spoke(speaker)
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
        return self._named(replace(subject, gender=subject.gender or who.gender))

    def _pronoun(self, who: Who) -> tuple[_Speaker, str | None]:
        singular = who.text in ("he", "she", "i")
        if singular:
            pending = self._pending_for(who)
            if pending is not None:
                return pending, None
        for key in reversed(self.recent):
            speaker = self.speakers[key]
            if singular:
                if speaker.kind != "person":
                    continue
                if who.gender and speaker.gender and who.gender != speaker.gender:
                    continue
                if who.gender and speaker.gender is None:
                    speaker.gender = who.gender
                return speaker, None
            if speaker.kind != "person" or who.text == "we":
                return speaker, None
        if self.recent:
            speaker = self.speakers[self.recent[-1]]
            return speaker, f"{who.text!r} could not be matched; attributed to the last speaker"
        speaker = self._add(
            _Speaker(len(self.speakers), "Unidentified speaker", identity="anonymous", gender=who.gender)
        )
        speaker.description = "unidentified speaker"
        return speaker, f"{who.text!r} refers to nobody named before"

    def _by_role(self, phrase: str) -> _Speaker | None:
        wanted = _content_words(re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE))
        if not wanted:
            return None
        for key in reversed(self.recent or range(len(self.speakers))):
            speaker = self.speakers[key]
            known = _content_words(" ".join(filter(None, [speaker.name, speaker.role, speaker.affiliation, speaker.description])))
            if wanted <= known:
                return speaker
        return None

    def _named(self, who: Who) -> _Speaker:
        name = who.name
        for key in reversed(self.recent):
            if self.speakers[key].matches_name(name):
                return self._update(self.speakers[key], who)
        for speaker in reversed(self.speakers):
            if speaker.matches_name(name):
                return self._update(speaker, who)
        full = name
        if len(_name_words(name)) == 1 or who.title:
            # A surname alone ("Mr Trad"): the full name used elsewhere in the article.
            for candidate in self.full_names:
                if _ends_with(_name_words(candidate), _name_words(name)) and len(_name_words(candidate)) > len(_name_words(name)):
                    full = candidate
                    break
        speaker = _Speaker(len(self.speakers), full, gender=who.gender)
        if full != name:
            speaker.aliases.append(name)
        self._update(speaker, who)
        if full in self.pseudonyms or name in self.pseudonyms:
            speaker.identity = "pseudonym"
            speaker.identity_note = self.pseudonyms.get(full) or self.pseudonyms.get(name)
        return self._add(speaker)

    def _update(self, speaker: _Speaker, who: Who) -> _Speaker:
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
        if who.gender and not speaker.gender:
            speaker.gender = who.gender
        words = _name_words(speaker.name)
        if len(words) > 1:
            surname = speaker.name.split()[-1]
            if surname not in speaker.aliases and speaker.kind == "person" and speaker.identity == "named":
                speaker.aliases.append(surname)
        if who.title and who.name:
            alias = f"{who.title} {who.name}"
            if alias not in speaker.aliases and _fold(alias) != _fold(speaker.name):
                speaker.aliases.append(alias)
        return speaker

    def _new_described(self, who: Who) -> _Speaker:
        kind = _PERSON_KIND.get(who.kind, "person")
        name = _capitalise(re.sub(r"^the\s+", "", who.name, flags=re.IGNORECASE)) if kind != "person" else _capitalise(who.name)
        speaker = _Speaker(len(self.speakers), name, kind=kind, gender=who.gender)
        speaker.description = who.name
        if kind == "person":
            speaker.identity = "anonymous"
            role = re.sub(r"^(?:a|an|the)\s+", "", who.name, flags=re.IGNORECASE)
            extra = who.role
            speaker.role = f"{role}; {extra}" if extra else role
            speaker.affiliation = who.affiliation
            speaker.identity_note = who.identity_note or "not named in the article"
            speaker.note = who.note
        elif kind == "group":
            speaker.identity = "anonymous"
            speaker.identity_note = who.identity_note or "not named in the article"
            speaker.role = who.role
        else:
            speaker.role = who.role
            speaker.affiliation = who.affiliation
        return self._add(speaker)

    def _add(self, speaker: _Speaker) -> _Speaker:
        if self.dataset is not None:
            found = [p for p in self.dataset.people if _person_matches(p, speaker.name)]
            if len(found) == 1:
                speaker.existing_id = found[0].id
        self.speakers.append(speaker)
        return speaker

    def spoke(self, speaker: _Speaker) -> None:
        self.pending = None if self.pending and speaker.matches_name(self.pending[2].name) else self.pending
        if speaker.key in self.recent:
            self.recent.remove(speaker.key)
        self.recent.append(speaker.key)


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
            end - first == 1 and first > 0 and tokens[first - 1].strip(".") in ("Mr", "Mrs", "Ms", "Dr")
        ):
            continue
        if end >= len(tokens) or tokens[end].lower() in _STOPWORDS - _AUX or not tokens[end].islower():
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
        while words and words[0].lower().strip(".") in TITLES | {"the", "a", "an", "but", "and", "in", "on", "at", "as", "for", "by", "if", "it", "this", "that"}:
            words.pop(0)
        if len(words) >= 2:
            found[" ".join(words)] += 1
    return [name for name, _ in found.most_common()]


def _outlet_guess(text: str) -> str | None:
    """The outlet people talk to (``told The National``): the likely publisher."""
    found = Counter(
        m.group(1).rstrip(".")
        for m in re.finditer(r"\btold\s+((?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})", text)
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
    sentence: int
    context: str | None = None
    date: DateValue | None = None
    review: list[str] = field(default_factory=list)
    about: list[int] = field(default_factory=list)


@dataclass
class _EventDraft:
    sentence: int
    date: DateValue
    title: str
    summary: str
    also: list[DateValue] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


# --- Attribution ---------------------------------------------------------------------------------

_VERB_RE = re.compile(
    r"(?<![-\w])([Aa]ccording to|pointed out|points out|went on|goes on|"
    + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
    + r"|"
    + "|".join(sorted(PARTICIPLES))
    + r")\b"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being|it's|get|got)\s+$", re.IGNORECASE)


def _verb_matches(skeleton: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Reporting verbs in ``skeleton[start:end]`` that do report speech here."""
    end = len(skeleton) if end is None else end
    found = []
    for match in _VERB_RE.finditer(skeleton, start, end):
        verb = match.group(1).lower()
        before = skeleton[max(0, match.start() - 12) : match.start()]
        if _PASSIVE_BEFORE.search(before):
            continue  # "was told to leave", "is said to be"
        after = skeleton[match.end() : match.end() + 12]
        if verb in _NEEDS_BREAK and not re.match(r"\s*(?:that\b|[,.:;]|$|" + PH_OPEN + ")", after):
            continue
        previous = re.findall(r"[\w'’]+", before.lower())[-1:]
        if previous and previous[0] in _DETERMINERS and (verb.endswith(("s", "ed")) or verb == "told"):
            continue  # "the claims", "another reported concession": a noun or an adjective
        if verb in _NOUN_LIKE and not previous:
            continue
        if previous and previous[0] in ("who", "which", "whom") and verb != "according to":
            continue  # "who asked not to be named": inside a description of the speaker
        found.append(match)
    return found


def _who_before(skeleton: str, verb: re.Match[str], start: int, lower_words: frozenset[str]) -> tuple[Who | None, int]:
    """The speaker phrase just before a verb (from ``start``), and where it starts."""
    text = skeleton[start : verb.start()]
    if PH_CLOSE in text:
        cut = text.rfind(PH_CLOSE) + 1
        start += cut
        text = text[cut:]
    words = text.rstrip().split(" ")
    while words and words[-1].lower().strip(",") in _TRAILING_AUX:
        words.pop()
    text = " ".join(words)
    # "talks that analysts have said": the speaker follows the relative pronoun.
    relative = list(re.finditer(r"\b(?:that|whom|which)\s+", text))
    if relative:
        tail = text[relative[-1].end() :]
        who = interpret_who(tail, lower_words)
        if who is not None and who.kind != "pronoun" or (who is not None and who.kind == "pronoun"):
            return who, start + relative[-1].end()
    who = interpret_who(text, lower_words)
    if who is None and "," in text:
        # "But the ability is "limited", Mr Trad said": the last segment speaks.
        segments = _split_segments(text)
        for size in range(1, len(segments)):
            tail = ", ".join(segments[-size:])
            who = interpret_who(tail, lower_words)
            if who is not None:
                return who, start + max(0, text.rfind(segments[-size]))
        return None, start
    return who, start


def _who_after(skeleton: str, verb: re.Match[str], end: int, lower_words: frozenset[str]) -> Who | None:
    """The speaker phrase after an inverted verb: ``said Jane Doe, a lawyer``."""
    text = skeleton[verb.end() : end]
    if PH_OPEN in text:
        text = text[: text.find(PH_OPEN)]
    text = re.split(r"[.!?](?:\s|$)", text, maxsplit=1)[0]
    text = re.sub(r"\s+(?:on|in|at|last|this|yesterday|today|earlier|later)\b(?![^,]*\b(?:of|for)\b).*$", "", text) if not re.match(r"\s*(?:the|a|an)\b", text) else text
    return interpret_who(text, lower_words)


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
    return "".join(pieces).replace("\n", " ")


def extract_article(
    text: str,
    *,
    published: str | None = None,
    source_id: str | None = None,
    outlet: str | None = None,
    article_name: str = "article.txt",
    text_file: str | None = None,
    dataset: Dataset | None = None,
) -> Draft:
    """Draft people, claims and events from an article. ``published`` is EDTF or a typed
    date; without it the article must carry its date. Raises UsageError on bad options."""
    text = text.replace(PH_OPEN, " ").replace(PH_CLOSE, " ")
    doc = parse_document(text)
    existing_source = dataset.source_by_id.get(source_id) if dataset and source_id else None
    pub_point, pub_text, pub_review = _publication(published, doc, existing_source_date=(existing_source.published if existing_source else None))
    if source_id is not None:
        from synews_cli.load import ID_RE

        if not ID_RE.fullmatch(source_id):
            raise UsageError(
                f"--source {source_id!r} is not a valid id",
                hint="use letters, digits, '-', '_' and '.', starting with a letter or digit",
            )
    passages = speech_passages(doc)
    calendar = Calendar(pub_point)
    taken: set[str] = set(dataset.all_ids()) if dataset else set()
    chosen_source = source_id or _default_source_id(outlet, article_name, pub_text)
    builder = _Builder(doc, passages, calendar, source_id=chosen_source, published=pub_text, dataset=dataset)
    _walk(builder)
    return _assemble(
        builder,
        doc=doc,
        article_name=article_name,
        source_id=chosen_source,
        existing_source=existing_source is not None,
        outlet=outlet,
        text_file=text_file,
        taken=taken,
        published=pub_text,
        published_review=pub_review,
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
    """The publication date: --published, else the dataset's source, else a dateline."""
    if published is not None:
        value = published.strip()
        try:
            edtf = parse_edtf(value)
            if edtf.is_interval or edtf.lower is None:
                raise UsageError(f"--published {published!r}: give one date, not an interval")
            point = edtf.lower
            return point, value, None
        except DateFormatError:
            pass
        try:
            point = parse_user_date(value).point
        except DateFormatError as error:
            raise UsageError(f"--published: {error}") from None
        return point, point.edtf(), None
    if existing_source_date is not None and existing_source_date.lower is not None:
        return existing_source_date.lower, existing_source_date.text, None
    calendar = Calendar(Point(9999))
    for paragraph in (*doc.paragraphs[:6], *doc.paragraphs[-2:]):
        words = paragraph.split()
        if len(words) > 14 and not _PUBLISHED_LINE_RE.match(paragraph):
            continue
        for hit in calendar.find(paragraph):
            if hit.value and hit.pattern in ("mdy", "dmy", "iso", "month-year") and "/" not in hit.value:
                point = parse_edtf(hit.value).lower
                assert point is not None
                return point, hit.value, f"publication date read from the text: {hit.text!r}"
    raise UsageError(
        "--published is required: the article does not say when it was published",
        hint="give the article's date, e.g. --published 2025-10-20 or --published 2025-10",
    )


def _walk(b: _Builder) -> None:
    sentences = split_sentences(b.doc, b.passages)
    skeletons = [_skeleton(b.doc, s, b.passages) for s in sentences]
    hits_by_sentence: list[list[_Hit]] = []
    for index, skeleton in enumerate(skeletons):
        hits = b.calendar.find(skeleton)
        for hit in hits:
            hit.sentence = index
        hits_by_sentence.append(hits)
    _resolve_anchors(b.calendar, sentences, skeletons, hits_by_sentence)
    previous_paragraph_speaker: dict[int, int] = {}
    for index, sentence in enumerate(sentences):
        paragraph = b.doc.paragraphs[sentence.paragraph]
        if headline_like(paragraph):
            continue
        skeleton = skeletons[index]
        hits = hits_by_sentence[index]
        used: list[tuple[int, int]] = []
        claims_before = len(b.claims)
        b.current = (index, sentence.paragraph)
        b.observe(skeleton)
        if sentence.passages:
            _quotes(b, index, sentence, skeleton, hits, used, previous_paragraph_speaker)
        else:
            _reported(b, index, sentence, skeleton, hits, used)
        if len(b.claims) == claims_before:
            b.note_subject(skeleton)
        event = _event(b, index, sentence, skeleton, hits, used)
        if event is not None:
            for _, claim in b.claims[claims_before:]:
                claim.about.append(len(b.events) - 1)


def _resolve_anchors(calendar: Calendar, sentences: Sequence[Sentence], skeletons: Sequence[str], hits: Sequence[list[_Hit]]) -> None:
    words = [_content_words(_PH_RE.sub(" ", s)) for s in skeletons]
    df: Counter[str] = Counter()
    for w in words:
        df.update(w)
    total = max(1, len(skeletons))
    idf = {w: math.log((total + 1) / count) for w, count in df.items()}
    dated: list[tuple[_Hit, frozenset[str]]] = []
    for index, sentence_hits in enumerate(hits):
        for hit in sentence_hits:
            dated.append((hit, words[index]))
    for index, sentence_hits in enumerate(hits):
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
    previous_paragraph_speaker: dict[int, int],
) -> None:
    """Claims for the quoted passages of one sentence."""
    placeholders = list(_PH_RE.finditer(skeleton))
    attributions: dict[int, _Attribution] = {}
    sentence_attr = _sentence_attribution(skeleton, b.lower_words)
    for local, ph in enumerate(placeholders):
        passage = b.passages[sentence.passages[local]]
        after_end = placeholders[local + 1].start() if local + 1 < len(placeholders) else len(skeleton)
        before_start = placeholders[local - 1].end() if local else 0
        attr = _after_attribution(skeleton, ph.end(), after_end, passage, b.lower_words)
        if attr is None:
            attr = _before_attribution(skeleton, before_start, ph.start(), b.lower_words)
        if attr is not None:
            attributions[local] = attr
    full_sentence_text = b.doc.text[sentence.start : sentence.end]
    current: _Speaker | None = None
    first_speaker: tuple[_Speaker, str | None] | None = None
    resolved: dict[int, tuple[_Speaker, str | None]] = {}
    for local in sorted(attributions):
        attr = attributions[local]
        speaker, review = b.speaker(attr.who, sentence=index)
        resolved[local] = (speaker, review or attr.review)
        used.append(attr.span)
    if sentence_attr is not None and (not resolved or any(_is_fragment(skeleton, ph) for ph in placeholders)):
        speaker, review = b.speaker(sentence_attr.who, sentence=index)
        first_speaker = (speaker, review or sentence_attr.review)
        used.append(sentence_attr.span)
    claim_date = _claim_date(hits, used)
    for local, ph in enumerate(placeholders):
        passage = b.passages[sentence.passages[local]]
        fragment = _is_fragment(skeleton, ph)
        review: list[str] = []
        if local in resolved:
            speaker, note = resolved[local]
        elif first_speaker is not None:
            speaker, note = first_speaker
        elif current is not None:
            speaker, note = current, None
        else:
            found = _inherit(b, sentence, passage, resolved, previous_paragraph_speaker, fragment)
            if found is None:
                b.skipped.append(passage.text)
                continue
            speaker, note = found
        if note:
            review.append(note)
        if not passage.closed:
            review.append("the quotation mark is never closed: check where the quote ends")
        current = speaker
        text = claim_text(passage.text)
        if not text.strip():
            continue
        draft = _ClaimDraft(
            speaker.key,
            "quote",
            text,
            index,
            context=_clean(full_sentence_text) if fragment else None,
            date=claim_date,
            review=review,
        )
        b.claims.append((index, draft))
        b.spoke(speaker)
        previous_paragraph_speaker[b.doc.paragraph_at(passage.end - 1)] = speaker.key


def _inherit(
    b: _Builder,
    sentence: Sentence,
    passage: Passage,
    resolved: dict[int, tuple[_Speaker, str | None]],
    previous_paragraph_speaker: dict[int, int],
    fragment: bool,
) -> tuple[_Speaker, str | None] | None:
    """A quote with no attribution in its sentence: the paragraph's speaker (a quote
    continuing after ``she explained.``), or, for a standalone quote paragraph, the last
    speaker, flagged for review. A fragment with nobody to speak it is a scare quote."""
    paragraph = sentence.paragraph
    if paragraph in previous_paragraph_speaker:
        return b.speakers[previous_paragraph_speaker[paragraph]], None
    if fragment:
        return None
    if not b.recent:
        return None
    speaker = b.speakers[b.recent[-1]]
    return speaker, f"no attribution: a quote paragraph that follows {speaker.name}'s statements"


def _is_fragment(skeleton: str, ph: re.Match[str]) -> bool:
    """A quote inside a sentence of reported speech, rather than a quote standing alone."""
    before = skeleton[: ph.start()]
    last_close = before.rfind(PH_CLOSE)
    if last_close != -1:
        before = before[last_close + 1 :]
        if re.search(r"[.!?:]\s*$|^\s*$", before) or re.search(r"(?:^|[,;]\s*)[\w\s'’.-]{0,60}\b(?:" + "|".join(PARTICIPLES | REPORTING_VERBS) + r")\b[^,]*[,:]\s*$", before):
            return False
    stripped = before.strip()
    if not stripped:
        return False
    if re.search(r"[:]\s*$", before):
        return False
    if re.search(r",\s*$", before) and _VERB_RE.search(before.rsplit(",", 2)[-2] if before.count(",") >= 1 else before):
        return False
    return True


def _after_attribution(skeleton: str, start: int, end: int, passage: Passage, lower_words: frozenset[str]) -> _Attribution | None:
    """``"...," she said`` / ``"...," said Jane Doe`` / ``"...," according to X``."""
    inner = passage.text.rstrip()
    last = inner[-1] if inner else ""
    chunk = skeleton[start:end]
    lead = re.match(r"[\s,;:\u2014\u2013-]*", chunk)
    offset = start + (lead.end() if lead else 0)
    body = skeleton[offset:end]
    if not body:
        return None
    if last in ".\u2026" and body[:1].isupper() and not re.match(r"(?:" + "|".join(REPORTING_VERBS) + r")\b", body):
        # "...." The minister left. - a new sentence, unless it is "said X" or "X said".
        pass
    sentence_end = re.search(r"[.!?](?=\s|$)|$", body)
    stop = offset + (sentence_end.start() if sentence_end else len(body))
    verbs = _verb_matches(skeleton, offset, stop)
    if not verbs:
        return None
    verb = verbs[0]
    if verb.start() == offset or skeleton[offset : verb.start()].strip() == "":
        if verb.group(1).lower() in PARTICIPLES:
            return None
        who = _who_after(skeleton, verb, stop, lower_words)
        if who is None:
            return None
        return _Attribution(who, (offset, stop), verb.group(1).lower())
    if verb.group(1).lower() == "according to":
        return None
    between = skeleton[offset : verb.start()]
    if len(between.split()) > 30:
        return None
    who = interpret_who(_drop_trailing_aux(between), lower_words)
    if who is None:
        return None
    tail = re.match(r"[^,.;:]*", skeleton[verb.end() : stop])
    span_end = verb.end() + (tail.end() if tail else 0)
    return _Attribution(who, (offset, span_end), verb.group(1).lower())


def _drop_trailing_aux(text: str) -> str:
    words = text.rstrip(" ,").split(" ")
    while words and words[-1].lower() in _TRAILING_AUX:
        words.pop()
    return " ".join(words)


def _before_attribution(skeleton: str, start: int, end: int, lower_words: frozenset[str]) -> _Attribution | None:
    """``Ms Doe said: "..."`` / ``According to Dr Lee, "..."`` / ``he said, adding: "..."``."""
    chunk = skeleton[start:end]
    if not re.search(r"[:,]\s*$|\b(?:said|says|told|added|adding|saying)\s*$", chunk):
        return None
    # Only the last clause of the chunk counts.
    clause_start = start
    for m in re.finditer(r"[.!?](?=\s)", chunk):
        clause_start = start + m.end()
    verbs = _verb_matches(skeleton, clause_start, end)
    if not verbs:
        return None
    verb = verbs[-1]
    if verb.group(1).lower() == "according to":
        who = interpret_who(skeleton[verb.end() : end], lower_words)
        if who is None:
            return None
        return _Attribution(who, (verb.start(), end), "according to")
    after = skeleton[verb.end() : end]
    if len(after.split()) > 8 or re.search(r"\bthat\b", after):
        return None
    if verb.group(1).lower() in PARTICIPLES:
        return None  # "adding:" - the speaker of the sentence goes on
    who, who_start = _who_before(skeleton, verb, clause_start, lower_words)
    if who is None:
        return None
    return _Attribution(who, (who_start, end), verb.group(1).lower())


def _sentence_attribution(skeleton: str, lower_words: frozenset[str]) -> _Attribution | None:
    """The speaker of a sentence of reported speech: ``X said the talks were "..."``,
    ``He added that ... "..."``, ``... is "limited", Mr Trad said``."""
    for verb in _verb_matches(skeleton):
        if verb.group(1).lower() == "according to":
            who = interpret_who(re.split(r"[,.;]", skeleton[verb.end() :])[0], lower_words)
            if who is not None and who.name.lower().split()[-1:] != [] and not (set(_name_words(who.name)) & _DOCUMENT_NOUNS):
                return _Attribution(who, (verb.start(), verb.end() + len(re.split(r"[,.;]", skeleton[verb.end():])[0])), verb.group(1).lower())
            continue
        if verb.group(1).lower() in PARTICIPLES:
            continue
        who, who_start = _who_before(skeleton, verb, 0, lower_words)
        if who is None:
            if skeleton[: verb.start()].strip() == "" or skeleton[: verb.start()].rstrip().endswith(PH_CLOSE + ","):
                who = _who_after(skeleton, verb, len(skeleton), lower_words)
                if who is not None:
                    return _Attribution(who, (verb.start(), len(skeleton)), verb.group(1).lower())
            continue
        tail = re.match(r"\s*(?:[A-Z][\w'’.-]*\s*){0,4}", skeleton[verb.end() :]) if verb.group(1).lower() in ("told", "tells") else None
        span_end = verb.end() + (tail.end() if tail else 0)
        return _Attribution(who, (who_start, span_end), verb.group(1).lower())
    return None


def _claim_date(hits: Sequence[_Hit], used: Sequence[tuple[int, int]]) -> DateValue | None:
    """A date expression inside the attribution (``she said on Tuesday``)."""
    for hit in hits:
        if hit.value is None or "/" in hit.value:
            continue
        for start, end in used:
            if start <= hit.start and hit.end <= end + 24 and hit.start >= start:
                if hit.start - end > 24:
                    continue
                return DateValue(hit.value, hit.text, hit.review)
    return None


def _reported(
    b: _Builder,
    index: int,
    sentence: Sentence,
    skeleton: str,
    hits: list[_Hit],
    used: list[tuple[int, int]],
) -> None:
    """Paraphrases and declined comments in a sentence without quotation marks."""
    text = _clean(b.doc.text[sentence.start : sentence.end])
    no_comment = _NO_COMMENT_RE.search(skeleton)
    if no_comment is not None:
        who = interpret_who(_drop_trailing_aux(skeleton[: no_comment.start()]), b.lower_words)
        if who is not None:
            speaker, review = b.speaker(who, sentence=index)
            used.append((0, no_comment.end()))
            draft = _ClaimDraft(speaker.key, "no-comment", text, index, review=[review] if review else [])
            b.claims.append((index, draft))
            return
    # ", he said," in the middle or at the end of a sentence.
    parenthetical = re.search(
        r",\s+(?P<who>he|she|they|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s+(?:has\s+|had\s+)?"
        r"(?P<verb>said|says|added|explained|argued|warned|noted|insisted|believes|thinks|claimed)"
        r"(?P<sep>\s*[,.;]|\s*$)",
        skeleton,
    )
    if parenthetical is not None and parenthetical.start() > 0:
        who = interpret_who(parenthetical.group("who"), b.lower_words)
        if who is not None:
            before = skeleton[: parenthetical.start()].strip()
            after = skeleton[parenthetical.end() :].strip()
            reported = before + (", " + after if after and parenthetical.group("sep").strip() == "," else "")
            reported = reported.rstrip(" ,;") + ("" if reported.rstrip().endswith((".", "?", "!")) else ".")
            speaker, review = b.speaker(who, sentence=index)
            used.append((parenthetical.start(), parenthetical.end()))
            b.claims.append((index, _ClaimDraft(speaker.key, "paraphrase", _capitalise(reported), index, context=text, review=[review] if review else [], date=_claim_date(hits, used))))
            b.spoke(speaker)
            return
    attr = _sentence_attribution(skeleton, b.lower_words)
    if attr is None:
        return
    if attr.verb == "according to":
        rest = skeleton[attr.span[1] :].lstrip(" ,")
        if not rest:
            rest = skeleton[: attr.span[0]].rstrip(" ,")
        reported = rest
    elif attr.verb not in PARAPHRASE_VERBS:
        return
    else:
        reported = _reported_clause(skeleton, attr)
    if reported is None or len(reported.split()) < 3:
        return
    speaker, review = b.speaker(attr.who, sentence=index)
    used.append(attr.span)
    reviews = [review] if review else []
    relative = re.search(r"\b(?:that|which|whom)\s+" + re.escape(attr.who.text.split()[0]) if attr.who.text.split() else "$^", skeleton[: attr.span[1]])
    if relative is not None and relative.start() > 0 and attr.span[0] > 0:
        reported = text
        reviews.append("reported speech inside a relative clause: the text is the whole sentence")
    reported = _capitalise(reported.strip().rstrip(" ,;"))
    if not reported.endswith((".", "?", "!", "\u2026")):
        reported += "."
    b.claims.append((index, _ClaimDraft(speaker.key, "paraphrase", reported, index, context=text, date=_claim_date(hits, used), review=reviews)))
    b.spoke(speaker)


def _reported_clause(skeleton: str, attr: _Attribution) -> str | None:
    """What follows ``said``: skipping its object (``told reporters``), a venue (``in a
    statement``), a date (``on Tuesday``) and ``that``."""
    rest = skeleton[attr.span[1] :]
    rest = re.sub(r"^\s*,?\s*", " ", rest)
    for _ in range(4):
        before = rest
        rest = re.sub(
            r"^\s+(?:in|on|at|during|via|to|last|this|earlier|later)\s+(?:a|an|the|his|her|their)?\s*"
            r"(?:\w+\s+){0,2}?(?:statement|interview|post|press conference|news conference|"
            r"briefing|speech|tweet|video|message|letter|Monday|Tuesday|Wednesday|Thursday|"
            r"Friday|Saturday|Sunday|week|month|year|night|morning|evening|afternoon|"
            r"January|February|March|April|May|June|July|August|September|October|November|"
            r"December)\b[^,]*?(?=\s+that\b|,|\s+[a-z])",
            "",
            rest,
        )
        rest = re.sub(r"^\s*,\s*", " ", rest)
        if attr.verb in ("told", "tells"):
            rest = re.sub(r"^\s+(?:The\s+)?(?:[A-Z][\w&.'’-]*\s*){1,4}(?=\s+that\b|\s+[a-z]|,)", " ", rest, count=1)
            rest = re.sub(r"^\s+(?:reporters|journalists|lawmakers|parliament|him|her|them|us|me|a \w+|the \w+)\b", " ", rest, count=1)
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
    own = [h for h in hits if h.value is not None and not any(s <= h.start < e for s, e in used)]
    if not own:
        return None
    text = _clean(b.doc.text[sentence.start : sentence.end])
    first = own[0]
    title = _event_title(_clean(_PH_RE.sub("\u2026", skeleton)), first)
    event = _EventDraft(
        index,
        DateValue(str(first.value), first.text, first.review),
        title,
        text,
        also=[DateValue(str(h.value), h.text, h.review) for h in own[1:]],
    )
    b.events.append(event)
    return event


def _event_title(skeleton: str, hit: _Hit) -> str:
    """One line: the clause that holds the date, or the start of the sentence."""
    clauses = [c.strip() for c in re.split(r"[,;:]\s+|\s+\u2013\s+|\s+\u2014\s+", skeleton) if c.strip()]
    title = skeleton
    for clause in clauses:
        if hit.text in clause and len(clause.split()) >= 5:
            title = clause
            break
    title = title.rstrip(" .")
    if len(title) > 100:
        cut = title[:100].rsplit(" ", 1)[0]
        title = cut.rstrip(" ,;:") + "\u2026"
    return _capitalise(title)


# --- Assembling the draft -------------------------------------------------------------------------


class _Ids:
    """Deterministic, unique ids: a slug, then -2, -3 ... on a clash."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def make(self, base: str, fallback: str) -> str:
        base = base.strip("-") or fallback
        if not base[0].isalnum():
            base = f"{fallback}-{base}"
        candidate = base
        number = 2
        while candidate in self.taken:
            candidate = f"{base}-{number}"
            number += 1
        self.taken.add(candidate)
        return candidate


def _significant(text: str, count: int) -> str:
    words = [w for w in re.findall(r"[^\W_]+", _fold(text)) if w not in _STOPWORDS]
    return slug(" ".join(words), max_words=count)


def _assemble(
    b: _Builder,
    *,
    doc: Document,
    article_name: str,
    source_id: str,
    existing_source: bool,
    outlet: str | None,
    text_file: str | None,
    taken: set[str],
    published: str,
    published_review: str | None,
) -> Draft:
    ids = _Ids(taken)
    source: DraftSource | None = None
    if not existing_source:
        ids.taken.add(source_id)
        reviews: list[str] = []
        chosen_outlet = outlet
        if chosen_outlet is None and b.outlet_guess:
            chosen_outlet = b.outlet_guess
            reviews.append(f"outlet guessed from \"told {b.outlet_guess}\"; give --outlet to set it")
        if chosen_outlet is None:
            chosen_outlet = "Unknown outlet"
            reviews.append("the outlet is not known; give --outlet")
        if published_review:
            reviews.append(published_review)
        title = None
        if doc.paragraphs and headline_like(doc.paragraphs[0]) and len(doc.paragraphs[0].split()) >= 3:
            title = doc.paragraphs[0].strip()
        source = DraftSource(source_id, chosen_outlet, published, title=title, text_file=text_file, review=tuple(reviews))
    # People: only those who speak in a claim, in order of first appearance.
    speaking = []
    for _, claim in b.claims:
        if claim.speaker not in speaking:
            speaking.append(claim.speaker)
    person_ids: dict[int, str] = {}
    people: list[DraftPerson] = []
    for key in speaking:
        speaker = b.speakers[key]
        if speaker.existing_id is not None:
            person_ids[key] = speaker.existing_id
            people.append(DraftPerson(speaker.existing_id, speaker.name, existing=True))
            continue
        base = slug(speaker.name) if speaker.identity != "anonymous" or speaker.kind != "person" else slug(re.sub(r"^(?:a|an|the|one of the|one of|some|many|two|three)\s+", "", speaker.description or speaker.name, flags=re.IGNORECASE), max_words=5)
        pid = ids.make(base, "person")
        person_ids[key] = pid
        aliases = tuple(dict.fromkeys(a for a in speaker.aliases if _fold(a) != _fold(speaker.name)))
        people.append(
            DraftPerson(
                pid,
                speaker.name,
                role=speaker.role,
                affiliation=speaker.affiliation,
                aliases=aliases,
                kind=speaker.kind,
                identity=speaker.identity,
                identity_note=speaker.identity_note,
                note=speaker.note,
                review=tuple(speaker.review),
            )
        )
    events: list[DraftEvent] = []
    event_ids: list[str] = []
    for event in b.events:
        eid = ids.make(_significant(event.title, 5), "event")
        event_ids.append(eid)
        summary = event.summary if event.summary != event.title else event.summary
        reviews = list(event.review)
        for value in (event.date, *event.also):
            if value.review:
                reviews.append(value.review)
        events.append(DraftEvent(eid, event.date, event.title, summary, source_id, tuple(dict.fromkeys(reviews)), tuple(event.also)))
    claims: list[DraftClaim] = []
    default_date = DateValue(published, "", None)
    for _, claim in b.claims:
        pid = person_ids[claim.speaker]
        speaker = b.speakers[claim.speaker]
        who_words = pid.split("-")
        named = speaker.kind == "person" and speaker.identity != "anonymous"
        who = "-".join(who_words[-1:] if named else who_words[-2:])
        text_words = [w for w in _significant(claim.text, 12).split("-") if w and w not in who_words]
        cid = ids.make("-".join([who, *text_words[:4]]), "claim")
        date_value = claim.date or default_date
        reviews = list(claim.review)
        if date_value.review:
            reviews.append(date_value.review)
        claims.append(
            DraftClaim(
                cid,
                pid,
                claim.kind,
                claim.text,
                date_value,
                source_id,
                context=claim.context,
                about=tuple(dict.fromkeys(event_ids[i] for i in claim.about)),
                review=tuple(dict.fromkeys(reviews)),
            )
        )
    return Draft(
        article=article_name,
        source_id=source_id,
        source=source,
        people=tuple(people),
        events=tuple(events),
        claims=tuple(claims),
        skipped=tuple(b.skipped),
    )


# --- TOML ------------------------------------------------------------------------------------------

_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


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
    cleaned = re.sub(r"[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]", " ", text)
    return re.sub(r"\s+", " ", cleaned).strip()


def _expression(value: DateValue) -> str:
    return f"  # \u201c{comment(value.expression)}\u201d" if value.expression else ""


def render_toml(draft: Draft) -> str:
    """The draft as TOML for review: comments explain what to check."""
    lines = [
        f"# Draft from {comment(draft.article)} by `synews extract` (synews {__version__}).",
        "# Review every item before merging: speakers, dates and each '# review:' note.",
        "# Then run `synews check` and `synews verify` on the merged dataset.",
        f"# {len(draft.claims)} statements, {len(draft.new_people)} new people, "
        f"{len(draft.events)} candidate events.",
        "",
    ]
    if draft.source is not None:
        s = draft.source
        lines.append("[[sources]]")
        lines += [f"# review: {comment(r)}" for r in s.review]
        lines.append(f"id = {toml_string(s.id)}")
        lines.append(f"outlet = {toml_string(s.outlet)}")
        if s.title:
            lines.append(f"title = {toml_string(s.title)}")
        lines.append(f"published = {toml_string(s.published)}")
        lines.append(f"kind = {toml_string(s.kind)}")
        if s.text_file:
            lines.append(f"text_file = {toml_string(s.text_file)}  # relative to this file")
        lines.append("")
    else:
        lines += [f"# Source {comment(draft.source_id)}: already in the dataset.", ""]
    existing = [p for p in draft.people if p.existing]
    if existing:
        lines.append("# Speakers already in the dataset: " + comment(", ".join(p.id for p in existing)))
        lines.append("")
    if draft.new_people:
        lines += ["# --- People " + "-" * 80, ""]
    for p in draft.new_people:
        lines.append("[[people]]")
        lines += [f"# review: {comment(r)}" for r in p.review]
        lines.append(f"id = {toml_string(p.id)}")
        lines.append(f"name = {toml_string(p.name)}")
        if p.role:
            lines.append(f"role = {toml_string(p.role)}")
        if p.affiliation:
            lines.append(f"affiliation = {toml_string(p.affiliation)}")
        if p.aliases:
            lines.append(f"aliases = {toml_list(p.aliases)}")
        if p.kind != "person":
            lines.append(f"kind = {toml_string(p.kind)}")
        if p.identity != "named":
            lines.append(f"identity = {toml_string(p.identity)}")
        if p.identity_note:
            lines.append(f"identity_note = {toml_string(p.identity_note)}")
        if p.note:
            lines.append(f"note = {toml_string(p.note)}")
        lines.append("")
    if draft.events:
        lines += ["# --- Candidate events " + "-" * 70, ""]
    for e in draft.events:
        lines.append("[[events]]")
        lines += [f"# review: {comment(r)}" for r in e.review]
        lines.append(f"id = {toml_string(e.id)}")
        lines.append(f"date = {toml_string(e.date.edtf)}{_expression(e.date)}")
        for other in e.also:
            lines.append(f"# also dated in this sentence: {toml_string(other.edtf)}{_expression(other)[2:] and ' ' + _expression(other)[4:]}")
        lines.append(f"title = {toml_string(e.title)}")
        lines.append(f"summary = {toml_string(e.summary)}")
        lines.append(f"source = {toml_string(e.source)}")
        lines.append("")
    if draft.claims:
        lines += ["# --- Statements " + "-" * 76, ""]
    for c in draft.claims:
        lines.append("[[claims]]")
        lines += [f"# review: {comment(r)}" for r in c.review]
        lines.append(f"id = {toml_string(c.id)}")
        lines.append(f"speaker = {toml_string(c.speaker)}")
        lines.append(f"kind = {toml_string(c.kind)}")
        lines.append(f"text = {toml_string(c.text)}")
        if c.context:
            lines.append(f"context = {toml_string(c.context)}")
        if c.date.expression:
            lines.append(f"date = {toml_string(c.date.edtf)}{_expression(c.date)}")
        else:
            lines.append(f"date = {toml_string(c.date.edtf)}  # publication date: the text does not say when")
        lines.append(f"source = {toml_string(c.source)}")
        if c.about:
            lines.append(f"about = {toml_list(c.about)}")
        lines.append("")
    if draft.skipped:
        lines.append("# Quoted passages not drafted (no speaker found; scare quotes?):")
        for passage in draft.skipped:
            lines.append(f"#   \u201c{comment(passage)}\u201d")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- Reading the article ---------------------------------------------------------------------------


def read_article(path: str) -> str:
    """The article's text (``-`` is stdin); unreadable or non-UTF-8 input is a DataIOError."""
    import sys

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
