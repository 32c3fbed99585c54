"""Stage: dates. One date expression in, EDTF out, at the precision the words support.

Every expression is read relative to the publication date (a month without a year is the
latest such month not after it; ``last Tuesday`` needs its day), ``about`` or ``nearly``
make it approximate, and an anchored one (``a few days after the vote``) gets its value
from the dated sentence that best matches its anchor. dating.py runs this over an article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from synews_cli.curate.extract.date_patterns import (
    APPROX_WORDS,
    DATE_PATTERNS,
    MONTH_ONLY_RE,
    MONTHS,
    NUMBERS,
    VAGUE_ANCHOR_UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)
from synews_cli.curate.extract.text_helpers import content_words
from synews_cli.curate.extract.vocabulary import AUX, PRONOUNS
from synews_cli.dates import Point, parse_edtf


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date: EDTF, the words it was read from, and why to check it."""

    edtf: str
    expression: str = ""
    review: str | None = None


@dataclass(slots=True)
class DateHit:
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
    return MONTHS[name.lower().rstrip(".")]


def _amount(groups: dict[str, str | None]) -> tuple[int, bool]:
    """(number, approximate) from the number and approximation words."""
    num = (groups.get("num") or "").lower()
    approx_word = (groups.get("approx") or "").lower()
    amount = int(num) if num.isdigit() else VAGUE_NUMBERS.get(num) or NUMBERS.get(num, 0)
    return amount, num in VAGUE_NUMBERS or approx_word in APPROX_WORDS


class Calendar:
    """Date expressions -> EDTF, at the precision the words support, relative to the
    publication date: a month name without a year is the latest such month not after
    publication; ``about``, ``nearly``, ``some`` make a date approximate (``~``)."""

    def __init__(self, published: Point) -> None:
        self.pub = published

    def find(self, text: str) -> list[DateHit]:
        """Date expressions in ``text``, in order; the longest wins where they overlap."""
        candidates: list[DateHit] = []
        for name, pattern in DATE_PATTERNS:
            for match in pattern.finditer(text):
                hit = self._interpret(name, match)
                if hit is not None:
                    candidates.append(hit)
        candidates.sort(key=lambda h: (h.start, -(h.end - h.start)))
        chosen: list[DateHit] = []
        for hit in candidates:  # by start: it overlaps a chosen hit only if the last one
            if not chosen or hit.start >= chosen[-1].end:
                chosen.append(hit)
        return chosen

    def _interpret(self, name: str, match: re.Match[str]) -> DateHit | None:
        groups = match.groupdict()
        if groups.get("wd") is not None and not str(groups["wd"])[0].isupper():
            return None
        hit = DateHit(match.start(), match.end(), match.group().strip(), name)
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

    def _needs_day(self, hit: DateHit) -> date | None:
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
    def _bounded(hit: DateHit, prep: str | None, value: str) -> None:
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

    def _on_full(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        month = _month_of(g) or _month_of(g, "mon2")
        if month is None:
            return False
        day = int(str(g.get("day") or g.get("day2")))
        self._bounded(hit, g.get("prep"), self._edtf(int(str(g["year"])), month, day))
        return True

    def _on_iso(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        hit.value = f"{g['year']}-{g['month']}-{g['day']}"
        return True

    def _on_month_year(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        month = _month_of(g)
        if month is None:
            return False
        self._bounded(hit, g.get("prep"), self._edtf(int(str(g["year"])), month))
        return True

    def _on_day_month(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        month = _month_of(g) or _month_of(g, "mon2")
        if month is None:
            return False
        day = int(str(g.get("day") or g.get("day2")))
        year, hit.review = self._year_of(month, day)
        self._bounded(hit, g.get("prep"), self._edtf(year, month, day))
        return True

    def _on_month(self, hit: DateHit, g: dict[str, str | None]) -> bool:
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

    def _on_weekday(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        rel = (g.get("rel") or "").lower()
        pub = self._needs_day(hit)
        if pub is None:
            return True
        target = WEEKDAYS.index(str(g["wd"]).lower())
        if rel == "next":
            day = pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
        else:
            back = (pub.weekday() - target) % 7
            day = pub - timedelta(days=7 if rel == "last" and back == 0 else back)
        self._bounded(hit, rel, self._edtf(day.year, day.month, day.day))
        return True

    def _on_day_word(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        offsets = {"the day before yesterday": -2, "yesterday": -1, "last night": -1}
        offset = offsets.get(
            str(g["word"]).lower(), 1 if str(g["word"]).lower() == "tomorrow" else 0
        )
        pub = self._needs_day(hit)
        if pub is not None:
            day = pub + timedelta(days=offset)
            hit.value = self._edtf(day.year, day.month, day.day)
        return True

    def _on_period(self, hit: DateHit, g: dict[str, str | None]) -> bool:
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

    def _on_period_end(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        """``by the end of the month``: the month (up to it with ``by``, ``before``)."""
        rel = str(g["rel"]).lower()
        if not self._on_period(hit, {"rel": "this" if rel == "the" else rel, **_only(g)}):
            return False
        if hit.value and "/" not in hit.value and (g.get("prep") or "").lower() in _UP_TO:
            hit.value = f"../{hit.value}"
        return True

    def _on_month_range(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        """``between March and April``: an interval of months (years as the words say,
        else the latest not after publication)."""
        first, last = _month_of(g), _month_of(g, "mon2")
        if first is None or last is None:
            return False
        if g.get("year"):
            end_year = int(str(g["year"]))
        else:
            end_year, hit.review = self._year_of(last)
        start_year = int(str(g["y1"])) if g.get("y1") else end_year - (first > last)
        hit.value = f"{self._edtf(start_year, first)}/{self._edtf(end_year, last)}"
        return True

    def _on_ago(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        amount, approx = _amount(g)
        unit = str(g["unit"]).lower()
        if amount <= 0:
            return False
        if unit.startswith(("hour", "day", "week")) and self._needs_day(hit) is None:
            return True
        hit.value = self.shift(self.pub, amount, unit, approx=approx, sign=-1)
        return True

    def _on_duration(self, hit: DateHit, g: dict[str, str | None]) -> bool:
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

    def _on_anchored(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        vague = (g.get("vague") or "").lower()
        if vague:
            hit.amount, hit.unit, hit.approximate = VAGUE_ANCHOR_UNITS.get(vague, (0, "day", False))
        else:
            hit.amount, hit.approximate = _amount(g)
            hit.unit = str(g["unit"]).lower().rstrip("s")
        return self._anchor(
            hit, g, "after" if str(g["dir"]).lower() in ("after", "later than") else "before"
        )

    def _on_since_anchor(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        direction = "since" if str(g["dir"]).lower() == "since" else "until"
        return self._anchor(hit, g, direction)

    def _anchor(self, hit: DateHit, g: dict[str, str | None], direction: str) -> bool:
        anchor = _trim_anchor(str(g["anchor"]))
        if not anchor or MONTH_ONLY_RE.match(anchor) or anchor[0].isdigit():
            return False  # "since March" and "since 2011" have patterns of their own
        words = anchor.lower().split()
        if direction in ("since", "until") and (AUX & set(words) or words[0] in PRONOUNS):
            return False  # "since he was a boy": more often a reason or a habit than a date
        hit.anchor, hit.direction = anchor, direction
        cut = hit.text.find(anchor)
        if cut != -1:
            hit.text = hit.text[: cut + len(anchor)]
            hit.end = hit.start + len(hit.text)
        return True

    def _on_decade(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        start = int(str(g["dec"])) * 10
        hit.value = f"{start}/{start + 9}"
        return True

    def _on_year_range(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        first, last = int(str(g["y1"])), int(str(g["y2"]))
        if not first < last <= self.pub.year + 10:
            return False
        hit.value = f"{first}/{last}"
        return True

    def _on_year(self, hit: DateHit, g: dict[str, str | None]) -> bool:
        year = int(str(g["year"]))
        if year > self.pub.year + 10:
            return False
        self._bounded(hit, g.get("prep"), self._edtf(year))
        return True

    # -- anchored expressions, once every other date is known

    def resolve_anchored(
        self,
        hit: DateHit,
        dated: Sequence[tuple[DateHit, frozenset[str], str]],
        idf: dict[str, float],
    ) -> None:
        """Date ``a few days after <anchor>`` from the dated expression whose sentence
        shares the anchor's rarest words (the one nearest those words)."""
        assert hit.anchor is not None
        wanted = content_words(hit.anchor)
        best: tuple[float, int, int, DateHit] | None = None
        for other, sentence_words, sentence_text in dated:
            if other is hit or other.value is None or other.unresolved:
                continue
            if hit.direction in ("after", "since") and _starts_after(other.value, self.pub):
                continue  # "since the ceasefire", "days after the talks": a past anchor
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


def _starts_after(value: str, published: Point) -> bool:
    start = parse_edtf(value).start
    return start is not None and start > published.last_day


_UP_TO = frozenset(("by", "before", "until", "till"))


def _only(groups: dict[str, str | None]) -> dict[str, str | None]:
    return {"period": groups.get("period")}


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
