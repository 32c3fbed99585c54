"""``synews search``: one query across events, statements and people, best match first.

The query is the search language (language.py), asked of the store's full-text index
(store/fulltext.py: BM25 with field weights, Porter stemming, accents and case folded).
Snippets come from FTS5's own ``highlight()`` (so what is marked is exactly what matched,
stems included), cut to one line around the densest run of matches; the spans of the
matched words travel with the snippet so the terminal view can style them, while every
other format prints plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from synews_cli.errors import UsageError
from synews_cli.model import Claim, Event, Person
from synews_cli.query.filters import DateFilter
from synews_cli.query.language import ParsedQuery, parse_query, text_match, word_spans
from synews_cli.query.people import SpeakerMatch, resolve_speakers
from synews_cli.store.fulltext import MARK_CLOSE, MARK_OPEN, WEIGHTS
from synews_cli.store.fulltext import Hit as RawHit
from synews_cli.store.reader import Dataset
from synews_cli.text import fold, one_line, quoted

# Each kind's indexed fields, in the index's column order.
FIELD_NAMES = {
    "event": ("title", "summary", "places, actors, tags", "", "note"),
    "claim": ("text", "context", "topics", "speaker", ""),
    "person": ("name", "role", "aliases", "", ""),
}
# Snippets from these fields say where they come from ("topics: extradition, diplomacy").
LABELLED_FIELDS = ("topics", "speaker", "note", "aliases")
# The fields that say what an item is: a snippet from elsewhere is shown below them.
MAIN_FIELDS = ("title", "text", "context", "name")
SNIPPET_WIDTH = 160


# --- Snippets -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Marked:
    """Plain text and the spans (start, end) of the matched words in it, in order."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def parse(cls, marked: str) -> Marked:
        """Split highlight() output into text and spans."""
        text: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        for index, piece in enumerate(marked.split(MARK_OPEN)):
            if index == 0:
                text.append(piece)
                length += len(piece)
                continue
            inside, _, after = piece.partition(MARK_CLOSE)
            start = length
            text.append(inside)
            length += len(inside)
            spans.append((start, length))
            text.append(after)
            length += len(after)
        return cls("".join(text), tuple(spans))

    def prefixed(self, label: str) -> Marked:
        shift = len(label)
        return Marked(label + self.text, tuple((s + shift, e + shift) for s, e in self.spans))

    def matched(self) -> set[str]:
        return {fold(self.text[start:end]) for start, end in self.spans}

    def densest(self, reach: int) -> int:
        """Where the run of ``reach`` characters holding the most whole matches starts (the
        first such run): one pass with two pointers, however many matches there are."""
        spans = self.spans
        best_start, best_count, inside = 0, -1, 0
        for first, (start, _) in enumerate(spans):
            inside = max(inside, first)
            while inside < len(spans) and spans[inside][1] <= start + reach:
                inside += 1
            if inside - first > best_count:
                best_start, best_count = start, inside - first
        return best_start

    def crop(self, width: int = SNIPPET_WIDTH) -> Marked:
        """At most about ``width`` characters, around the densest run of matches, cut at
        spaces, with ``…`` where text was left out."""
        text = self.text
        if len(text) <= width:
            return self
        anchor = self.densest(width * 3 // 4) if self.spans else 0
        start = max(0, anchor - width // 4)
        if start > 0:
            space = text.find(" ", start, anchor)
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.rfind(" ", start + width // 2, end)
            end = space if space >= 0 else end
        lead = "…" if start > 0 else ""
        tail = "…" if end < len(text) else ""
        shift = len(lead) - start
        spans = tuple(
            (max(s, start) + shift, min(e, end) + shift)
            for s, e in self.spans
            if e > start and s < end
        )
        return Marked(lead + text[start:end] + tail, spans)


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the item, its relevance and where the query matched it."""

    kind: str
    item: Event | Claim | Person
    score: float
    snippet: Marked
    field: str  # the item's field the snippet comes from
    headline: Marked  # the event title, statement text or name, highlighted

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def in_main_field(self) -> bool:
        return self.field in MAIN_FIELDS


def make_hit(raw: RawHit, columns: Sequence[str], item: Event | Claim | Person) -> Hit:
    """Pick the column that matched best (most distinct words, then weight) as snippet."""
    marked = [Marked.parse(c) if MARK_OPEN in c else Marked(c) for c in columns]
    scored = [(len(m.matched()), WEIGHTS[i], i) for i, m in enumerate(marked) if m.spans]
    best = max(scored)[2] if scored else 0
    snippet = marked[best].crop()
    name = FIELD_NAMES[raw.kind][best]
    if name in LABELLED_FIELDS:
        snippet = snippet.prefixed(f"{name}: ")
    score = 0.0 if raw.score == 0 else -raw.score  # FTS5's BM25 is lower for better
    return Hit(raw.kind, item, score, snippet, name, marked[0].crop())


# --- Why nothing matched --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoMatch:
    """Why nothing matched: the words absent from the dataset and a corrected query;
    ``every_word_checked`` is false when some terms (prefixes) were not looked up alone, or
    the query has nothing but exclusions."""

    missing: tuple[str, ...]
    suggestion: str | None
    every_word_checked: bool = True


def as_written(dataset: Dataset, word: str) -> str:
    """``word`` as the dataset writes it (``tartus`` -> ``Tartus``), from a highlight."""
    for columns in dataset.marked_columns(word):
        for column in columns:
            found = Marked.parse(column)
            for start, end in found.spans:
                if fold(found.text[start:end]) == fold(word):
                    return found.text[start:end]
    return word


def explain_no_match(dataset: Dataset, parsed: ParsedQuery) -> NoMatch:
    """Check each wanted word on its own; offer the closest dataset word for the absent."""
    missing: list[str] = []
    replacements: list[tuple[int, int, str]] = []
    for term in parsed.terms:
        if term.prefix:
            continue
        for start, end, _ in word_spans(term.text):
            typed = term.text[start:end]
            if dataset.has_word(typed):
                continue
            missing.append(typed)
            close = dataset.closest_word(fold(typed))
            if close is not None and fold(close) != fold(typed):
                position = (term.start + start, term.start + end)
                replacements.append((*position, as_written(dataset, close)))
    suggestion = None
    if replacements:
        suggestion = parsed.text
        for start, end, close in sorted(replacements, reverse=True):
            suggestion = suggestion[:start] + close + suggestion[end:]
    checked = bool(parsed.terms) and not any(term.prefix for term in parsed.terms)
    return NoMatch(tuple(missing), suggestion, checked)


# --- The command ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SearchRequest:
    """The command's arguments, as typed."""

    query: str
    kinds: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    dates: DateFilter = field(default_factory=DateFilter)
    sort: str = "relevance"
    limit: int | None = None

    def describe(self) -> list[str]:
        parts = [f'"{one_line(self.query)}"']
        parts += [f"--kind {k}" for k in self.kinds]
        parts += [f"--speaker {s!r}" for s in self.speakers]
        parts += self.dates.describe()
        if self.sort != "relevance":
            parts.append(f"--sort {self.sort}")
        if self.limit:
            parts.append(f"--limit {self.limit}")
        return parts


@dataclass(frozen=True)
class SearchOutcome:
    hits: list[Hit]
    total: int
    speaker_matches: list[SpeakerMatch]
    no_match: NoMatch | None = None


def search(dataset: Dataset, request: SearchRequest) -> SearchOutcome:
    """Parse, ask the full-text index; hits best first (or by date). ``kinds`` are event,
    claim or person; ``sort`` relevance or date (the command checks them)."""
    parsed = parse_query(request.query)
    kinds = tuple(dict.fromkeys(request.kinds))
    if request.speakers and kinds and "claim" not in kinds:
        raise UsageError(
            f"--speaker finds statements, but --kind {' '.join(kinds)} leaves them out",
            hint="add --kind claim, or leave out --speaker",
        )
    matches = resolve_speakers(dataset, request.speakers)
    match = text_match(dataset, parsed)
    found = dataset.ranked(
        match,
        kinds=kinds,
        window=request.dates.window,
        speakers=tuple(p.id for m in matches for p in m.people),
        by_date=request.sort == "date",
    )
    shown = found if request.limit is None else found[: request.limit]
    columns = dataset.highlighted(match, [hit.rowid for hit in shown])
    items = _items(dataset, shown)
    hits = [make_hit(raw, columns[raw.rowid], items[raw.kind, raw.item_id]) for raw in shown]
    no_match = explain_no_match(dataset, parsed) if not hits else None
    return SearchOutcome(hits, len(found), matches, no_match)


def _items(
    dataset: Dataset, hits: Sequence[RawHit]
) -> dict[tuple[str, str], Event | Claim | Person]:
    """The items of ``hits``, each kind read in a few queries."""
    found: dict[tuple[str, str], Event | Claim | Person] = {}
    events = dataset.events_by_id([hit.item_id for hit in hits if hit.kind == "event"])
    claims = dataset.claims_by_id([hit.item_id for hit in hits if hit.kind == "claim"])
    for kind, items in (("event", events), ("claim", claims), ("person", dataset.person_by_id)):
        found.update(((kind, item_id), item) for item_id, item in items.items())
    return found


def no_match_message(request: SearchRequest, no_match: NoMatch) -> str:
    """``no match for "Tartous"; did you mean "Tartus"?`` and the like."""
    text = f"no match for {quoted(request.query)}"
    filters = [part for part in request.describe()[1:] if not part.startswith("--sort")]
    if no_match.suggestion is not None:
        return f"{text}; did you mean {quoted(no_match.suggestion)}?"
    if no_match.missing:
        absent = ", ".join(quoted(word) for word in no_match.missing)
        verb = "does" if len(no_match.missing) == 1 else "do"
        return f"{text}; {absent} {verb} not occur in the dataset"
    if filters:
        return f"{text} with {' '.join(filters)}"
    if not no_match.every_word_checked:
        return f"{text}; no item matches the whole query"
    return f"{text}; each word occurs, but no item matches the whole query"
