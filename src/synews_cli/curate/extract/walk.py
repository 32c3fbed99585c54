"""Stage: the walk. Every sentence in order: its claims, then a candidate event.

A sentence with quoted passages gives quote claims, each passage attributed by its own
attribution, the sentence's, the previous passage's or the paragraph's; one without gives
a paraphrase or a declined comment when someone reports speech in it. A sentence that
dates something outside its attribution also gives a candidate event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from synews_cli.curate.extract.attribution import (
    DAYS_AND_MONTHS,
    VERB_RE,
    Attribution,
    after_attribution,
    before_attribution,
    colon_attribution,
    drop_trailing_aux,
    is_fragment,
    not_speech,
    sentence_attribution,
)
from synews_cli.curate.extract.builder import Builder, ClaimDraft, EventDraft, Speaker
from synews_cli.curate.extract.calendar import DateHit, DateValue
from synews_cli.curate.extract.dating import clause_bounds, date_sentences
from synews_cli.curate.extract.sentences import Sentence, sentence_skeleton, split_sentences
from synews_cli.curate.extract.text_helpers import capitalise, clean
from synews_cli.curate.extract.vocabulary import (
    NO_COMMENT_RE,
    PARAPHRASE_VERBS,
    PARTICIPLES,
    PH_OPEN,
    PH_RE,
    SAY_VERBS,
    word_set,
)
from synews_cli.curate.extract.who import interpret_who, strip_leading_conjunction
from synews_cli.curate.quotes_text import claim_text, headline_like


def walk(b: Builder) -> None:
    """Every sentence in order: its quotes or reported speech, then a candidate event."""
    sentences = split_sentences(b.doc, b.passages)
    skeletons = [sentence_skeleton(b.doc, s, b.passages) for s in sentences]
    hits_by_sentence = date_sentences(b.calendar, skeletons)
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
        events_before = len(b.events)
        _events(b, sentence, skeleton, hits, used)
        for claim in b.claims[claims_before:]:
            claim.about.extend(range(events_before, len(b.events)))
            claim.paragraph = sentence.paragraph


def _quotes(
    b: Builder,
    index: int,
    sentence: Sentence,
    skeleton: str,
    hits: list[DateHit],
    used: list[tuple[int, int]],
) -> None:
    """Claims for the quoted passages of one sentence. Each passage's speaker is, in
    order: its own attribution (after it, else before it); the sentence's reported-speech
    attribution; the previous passage of the sentence or paragraph; for a standalone
    quote paragraph, the last speaker (flagged). A fragment nobody speaks is skipped."""
    placeholders = list(PH_RE.finditer(skeleton))
    fragments = [is_fragment(skeleton, ph) for ph in placeholders]
    own: dict[int, tuple[Speaker, str | None]] = {}
    for local, ph in enumerate(placeholders):
        after_end = (
            placeholders[local + 1].start() if local + 1 < len(placeholders) else len(skeleton)
        )
        before_start = placeholders[local - 1].end() if local else 0
        quoted = b.passages[sentence.passages[local]].text
        attribution = after_attribution(skeleton, ph.end(), after_end, quoted, b.lower_words)
        if attribution is None:
            attribution = before_attribution(skeleton, before_start, ph.start(), b.lower_words)
        if attribution is None:
            attribution = colon_attribution(skeleton, before_start, ph.start(), b.lower_words)
        if attribution is not None:
            own[local] = b.speaker(attribution.who)
            used.append(attribution.span)
    shared: tuple[Speaker, str | None] | None = None
    shared_end = 0
    if not own or any(fragments):
        attribution = sentence_attribution(skeleton, b.lower_words)
        if attribution is not None:
            shared = b.speaker(attribution.who)
            used.append(attribution.span)
            shared_end = attribution.span[1]
    claim_date = _claim_date(hits, used)
    context = clean(b.doc.text[sentence.start : sentence.end])
    previous: tuple[Speaker, str | None] | None = None
    previous_text = ""
    for local, ph in enumerate(placeholders):
        passage = b.passages[sentence.passages[local]]
        found = own.get(local) or shared or ((previous[0], None) if previous else None)
        if not_speech(skeleton[: ph.start()]):
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
        if (
            local not in own
            and fragments[local]
            and _in_relative_clause(skeleton[shared_end : ph.start()])
        ):
            review.append("quoted inside a clause about someone else ('that ...'): whose words?")
        if local and text[:1].islower() and claim_text(previous_text) != previous_text:
            review.append("continues the quote before it in the sentence (one claim or two?)")
        b.note_anonymity(speaker, skeleton)
        b.claims.append(
            ClaimDraft(
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
    if shared is not None and any(fragments):
        _trailing_report(b, skeleton, placeholders[-1].end(), shared, claim_date, context)


_AND_SAID_RE = re.compile(
    r"^[^\ue000]*?\band\s+(?:(?:also|later|then)\s+)?(?P<verb>said|says|added|argued|warned|"
    r"insisted|predicted|suggested|stressed)\b"
)


def _trailing_report(
    b: Builder,
    skeleton: str,
    after: int,
    shared: tuple[Speaker, str | None],
    claim_date: DateValue | None,
    context: str,
) -> None:
    """``X called the meeting "a first step" and said a new accord could be signed``: the
    reported speech after the last quote is a paraphrase of the same speaker."""
    found = _AND_SAID_RE.match(skeleton[after:])
    if found is None:
        return
    speaker, note = shared
    reported = _reported_clause(skeleton, after + found.end(), found.group("verb"))
    if reported is None or len(reported.split()) < 3:
        return
    _paraphrase(b, speaker, reported, context, claim_date, [note] if note else [])


# 'investigating messages that called the film "propaganda"': the messages' words.
_RELATIVE_RE = re.compile(r"\b(?P<pronoun>that|which|who|whose)\s+(?!said\b|says\b)[a-z]+")
# Words after which "that" opens the speaker's own reported clause, not a relative one.
_COMPLEMENT_LEAD = PARAPHRASE_VERBS | word_set(
    "statement interview letter post briefing speech conference remarks and but adding "
    "saying noting warning arguing insisting explaining"
)


def _in_relative_clause(between: str) -> bool:
    """Do the words between the speaker's verb and a quoted fragment open a clause about
    someone else (``messages that called the film "..."``)? ``said in a statement that``
    and ``and that`` are the speaker's own."""
    for found in _RELATIVE_RE.finditer(between):
        if found.group("pronoun") != "that":
            return True
        lead = re.findall(r"[a-z]+", between[: found.start()].lower())[-4:]
        if lead and not set(lead) & _COMPLEMENT_LEAD:  # none: "that" follows the verb
            return True
    return False


def _claim_date(hits: Sequence[DateHit], used: Sequence[tuple[int, int]]) -> DateValue | None:
    """A date expression in the attribution (``she said on Tuesday``): when it was said."""
    for hit in hits:
        if hit.value is not None and hit.pattern in _WHEN_SAID and _in_attribution(hit, used):
            return DateValue(hit.value, hit.text, hit.review)
    return None


# Expressions that can say when something was said (not "for 20 years", "since 2011").
_WHEN_SAID = frozenset(
    ("full", "iso", "month-year", "day-month", "month", "weekday", "day-word", "period")
)


def _in_attribution(hit: DateHit, used: Sequence[tuple[int, int]]) -> bool:
    """In an attribution's span, or straight after it (``told Reuters last week``)."""
    return any(start <= hit.start <= end + 2 for start, end in used)


_PARENTHETICAL_RE = re.compile(
    r",\s+(?P<who>he|she|they|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s+(?:has\s+|had\s+)?"
    r"(?P<verb>said|says|added|explained|argued|warned|noted|insisted|believes|thinks|claimed)"
    r"(?P<sep>\s*[,.;]|\s*$)"
)


def _reported(
    b: Builder,
    index: int,
    sentence: Sentence,
    skeleton: str,
    hits: list[DateHit],
    used: list[tuple[int, int]],
) -> None:
    """Paraphrases and declined comments in a sentence without quotation marks."""
    context = clean(b.doc.text[sentence.start : sentence.end])
    no_comment = NO_COMMENT_RE.search(skeleton)
    if no_comment is not None:
        who = interpret_who(drop_trailing_aux(skeleton[: no_comment.start()]), b.lower_words)
        if who is not None:
            speaker, note = b.speaker(who)
            used.append((0, no_comment.end()))
            b.claims.append(
                ClaimDraft(speaker.key, "no-comment", context, review=[note] if note else [])
            )
            return
    reported: str | None = None
    reviews: list[str] = []
    parenthetical = _PARENTHETICAL_RE.search(skeleton)
    attribution: Attribution | None = None
    if parenthetical is not None and parenthetical.start() > 0:  # "..., he said, and ..."
        who = interpret_who(parenthetical.group("who"), b.lower_words)
        if who is not None:
            attribution = Attribution(
                who, (parenthetical.start(), parenthetical.end()), parenthetical.group("verb")
            )
            before = skeleton[: parenthetical.start()].strip()
            after = skeleton[parenthetical.end() :].strip()
            joined = parenthetical.group("sep").strip() == "," and after
            reported = f"{before}, {after}" if joined else before
    if attribution is None:
        attribution = sentence_attribution(skeleton, b.lower_words)
        if attribution is None:
            return
        if attribution.verb == "according to":
            rest = skeleton[attribution.span[1] :].lstrip(" ,").rstrip(" .;")
            reported = rest or skeleton[: attribution.span[0]].rstrip(" ,")
        elif attribution.verb in PARAPHRASE_VERBS or attribution.verb in PARTICIPLES:
            reported = _reported_clause(skeleton, attribution.span[1], attribution.verb)
            before = skeleton[: attribution.span[0]].rstrip(" ,")
            if reported is None and attribution.span[0] > 0 and len(before.split()) >= 3:
                reported = before  # "An aid convoy reached the city, the UN said."
            elif (
                reported is not None
                and attribution.verb not in SAY_VERBS | PARTICIPLES
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
    _paraphrase(b, speaker, reported, context, _claim_date(hits, used), reviews)
    b.spoke(speaker)


def _paraphrase(
    b: Builder,
    speaker: Speaker,
    reported: str,
    context: str,
    date: DateValue | None,
    reviews: list[str],
) -> None:
    """A paraphrase of ``speaker``: the reported clause as a sentence of its own."""
    reported = capitalise(reported.strip().rstrip(" ,;"))
    if not reported.endswith((".", "?", "!", "\u2026")):
        reported += "."
    b.claims.append(
        ClaimDraft(speaker.key, "paraphrase", reported, context=context, date=date, review=reviews)
    )


_REPORTED_LEAD_RE = re.compile(
    r"^\s+(?:in|on|at|during|via|to|last|this|earlier|later)\s+(?:a|an|the|his|her|their)?\s*"
    r"(?:\w+\s+){0,2}?(?:statement|interview|post|press conference|news conference|briefing|"
    r"speech|tweet|video|message|letter|" + DAYS_AND_MONTHS + r")\b[^,]*?"
    r"(?=\s+that\b|,|\s+[a-z]|\s*[.!?]?\s*$)"
)


def _reported_clause(skeleton: str, end: int, verb: str) -> str | None:
    """What follows ``said``: skipping its object (``told reporters``), a venue (``in a
    statement``), a date (``on Tuesday``) and ``that``."""
    rest = " " + skeleton[end:].lstrip(" ,")
    told = verb in ("told", "tells")  # one object: "told reporters the district had ..."
    for _ in range(4):
        before = rest
        rest = _REPORTED_LEAD_RE.sub("", rest)
        rest = re.sub(r"^\s*,\s*", " ", rest)
        if told:
            told = False
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


def _events(
    b: Builder,
    sentence: Sentence,
    skeleton: str,
    hits: list[DateHit],
    used: Sequence[tuple[int, int]],
) -> None:
    """Candidate events for a sentence that dates something (outside its attribution): one
    per clause with its own date (``talks resumed on Tuesday, after the accord lapsed in
    2023``); further dates of a clause are noted with its event."""
    own = [h for h in hits if h.value is not None and not _in_attribution(h, used)]
    clauses: dict[tuple[int, int], list[DateHit]] = {}
    for hit in own:
        clauses.setdefault(clause_bounds(skeleton, hit.start, hit.end), []).append(hit)
    summary = clean(b.doc.text[sentence.start : sentence.end])
    for number, group in enumerate(clauses.values()):
        first = next((h for h in group if not h.unresolved), group[0])
        others = [h for h in group if h is not first and not h.unresolved]
        review = first.review
        if number:
            note = "another date of the same sentence: a separate event, or part of the first?"
            review = f"{review}; {note}" if review else note
        b.events.append(
            EventDraft(
                DateValue(str(first.value), first.text, review),
                _event_title(clean(PH_RE.sub("\u2026", skeleton)), first),
                summary,
                also=[DateValue(str(h.value), h.text) for h in others],
            )
        )


def _event_title(skeleton: str, hit: DateHit) -> str:
    """One line: the clause that holds the date, or the start of the sentence."""
    clauses = [c.strip() for c in re.split(r"[,;:]\s+|\s+[\u2013\u2014]\s+", skeleton) if c.strip()]
    title = skeleton
    for clause in clauses:
        # A clause that starts with a verb ("says the ... in 2019") needs its subject.
        if hit.text in clause and len(clause.split()) >= 5 and not VERB_RE.match(clause):
            title = clause
            break
    title = strip_leading_conjunction(title).rstrip(" .")
    if len(title) > 100:
        title = title[:100].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
    return capitalise(title)
