"""Stage: reading a speaker phrase, before it is resolved to anyone.

``he``, ``Mr Trad``, ``Anna Smith, a senior fellow at the X Institute``, ``one of the few
remaining shop owners, who declined to give his name``, ``Experts``, ``the ministry``: a
:class:`Who` with its kind, name, title, role, affiliation and notes, or None when the
words do not name a speaker. Which speaker of the article it means is builder.py's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from synews_cli.curate.extract.antecedents import is_company_name
from synews_cli.curate.extract.names import named_in
from synews_cli.curate.extract.text_helpers import (
    capitalise,
    clean,
    is_cap,
    is_name_word,
    name_run_start,
    split_segments,
)
from synews_cli.curate.extract.vocabulary import (
    ADVERBIAL_STARTS,
    ANONYMITY_RE,
    AUX,
    COUNTRIES,
    DETERMINERS,
    GROUP_NOUNS,
    LEADING_CONJUNCTIONS,
    NAME_PARTICLES,
    ORG_WORDS,
    PH_CLOSE,
    PH_OPEN,
    PRONOUNS,
    QUANTIFIERS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    TITLES,
    VENUE_RE,
    word_set,
)


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
    text = clean(text.replace(PH_OPEN, " ").replace(PH_CLOSE, " "))
    text = text.strip(" ,.;:-\u2014\u2013")
    if not text:
        return None
    segments = split_segments(text)
    while segments and is_adverbial(segments[0]):
        segments.pop(0)
    while len(segments) > 1 and _is_trailing_adverbial(segments[-1]):
        segments.pop()
    if not segments:
        return None
    head = strip_leading_conjunction(segments[0])
    head = _DOCUMENT_FROM_RE.sub("", head)  # "A statement from the ministry": the ministry
    head = VENUE_RE.sub("", head).strip()
    head, relative = _split_relative(head)
    head = _PARTICIPLE_AFTER_NOUN_RE.sub("", head)  # "Residents interviewed outside ..."
    joint = _JOINT_NAMES_RE.fullmatch(head)
    if joint is not None:  # "Jan and Eva Kerr", "Tom Kerr and Ann Lee": two people speak
        return Who("group", head, name=head)
    appositives = segments[1:]
    if any(a.split()[0].lower() in AUX - {"not"} for a in appositives if a.split()):
        return None  # "Raj Patel, was expected to replace her": a clause, not a speaker
    if relative:
        appositives.insert(0, relative)
    words = head.split()
    if not words or len(words) > 12:
        return None
    lowered = [w.lower().strip(".,") for w in words]
    if all(w in DETERMINERS for w in lowered):
        return None  # "The claims ...", "Another reported ...": no speaker named
    if AUX & set(lowered[1:]) or any(w in REPORTING_VERBS for w in lowered):
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
    if first in ("his", "her", "their", "its") and len(words) >= 2 and extras.name is None:
        # "His spokesman", "Her lawyers": someone of a person named before, unnamed here
        if lowered[-1] in GROUP_NOUNS:
            return make("group", capitalise(head))
        if lowered[-1] in ROLE_NOUNS or lowered[-1] in TITLES or lowered[-1] in _PERSON_NOUNS:
            return make("description", capitalise(head), role=" ".join(words[1:]))
    if len(words) == 1 and first in PRONOUNS:
        return Who("pronoun", first, gender=PRONOUNS[first])
    if extras.name is not None and (
        not any(is_cap(w) for w in words[1:]) or lowered[0] in DETERMINERS
    ):
        # "The city's transport minister, Ana Ferreira, said": the name is the appositive.
        named = named_in(extras.name.split(), lower_words)
        if named is not None:
            name, title, prefix, honorific_gender = named
            gender = honorific_gender or gender
            role = re.sub(r"^(?:a|an|the)\s+", "", head, flags=re.IGNORECASE)
            if lowered[0] in DETERMINERS:
                role = role[:1].lower() + role[1:]
            kind = "organisation" if title is None and is_company_name(name) else "name"
            return make(kind, name, title=title, role=role)
    possessive = None if extras.name else _possessive(words, lower_words)
    if possessive is not None:
        kind, possessor, possessed = possessive
        described = make(kind, capitalise(head) if kind != "description" else head)
        return replace(
            described,
            role=", ".join(
                p for p in (possessed if kind == "description" else None, described.role) if p
            )
            or None,
            affiliation=described.affiliation or possessor or None,
        )
    if first == "the" and len(words) >= 3:
        run = name_run_start(words)
        kind_noun = lowered[run - 1] if 1 < run < len(words) else ""
        if kind_noun in ORG_WORDS or kind_noun in _ORG_KIND_NOUNS:
            # "the shipping company Nordline": the organisation is the name that follows
            return make("organisation", " ".join(words[run:]), role=" ".join(lowered[1:run]))
    if first == "the" and len(words) >= 2:
        rest = " ".join(words[1:])
        if _is_org(words[1:]) or (lowered[-1] in ORG_WORDS and not is_cap(words[-1])):
            return make("organisation", capitalise(rest))
        if rest.lower() in COUNTRIES:
            return make("state", "the " + rest if len(rest) <= 3 else rest)
        if all(is_cap(w) for w in words[1:]) and len(words) > 2:
            return make("organisation", rest)
        return make("definite", head)
    if len(words) == 1 and (first in QUANTIFIERS or first in ("others", "both", "all")):
        return make("group", capitalise(first))  # "Many said ...": some of a group named before
    if first in ("a", "an", "one", "another") or first in QUANTIFIERS or first.isdigit():
        plural = (
            first != "one" and first not in ("a", "an", "another") and lowered[-1].endswith("s")
        )
        return make("group" if plural else "description", head)
    if (
        lowered[-1] in GROUP_NOUNS
        and all(
            w in GROUP_NOUNS or w in QUANTIFIERS or not is_cap(o) or i == 0
            for i, (w, o) in enumerate(zip(lowered, words, strict=True))
        )
        and (len(words) == 1 or not all(is_cap(w) for w in words))
    ):
        return make("group", capitalise(head))
    if " ".join(lowered) in COUNTRIES:
        return make("state", head)
    if (
        len(words) <= 4
        and lowered[-1].endswith("s")
        and not any(map(is_cap, words[1:]))
        and (not is_cap(words[0]) or lowered[0] in lower_words or len(words) > 1)
    ):
        return make("group", capitalise(head))  # "congressional aides said", not "Jones"
    member = _MEMBER_OF_RE.fullmatch(head)
    if member is not None and name_run_start(member.group("person").split()) == 0:
        # "Ruth Amankwah of the Corvale Patients' Forum": the person, and where she is from
        named = named_in(member.group("person").split(), lower_words)
        if (
            named is not None
            and (len(named[0].split()) >= 2 or named[1])
            and not any(w.lower().strip(".") in TITLES for w in named[0].split())
        ):
            found = make("name", named[0], title=named[1])
            return replace(found, affiliation=found.affiliation or member.group("org"))
    if _is_placed_group(head, lower_words):
        return make("group", capitalise(head))  # "officials in Damascus", not "Damascus"
    if _is_org(words):
        return make("organisation", head)
    named = named_in(words, lower_words)
    if named is None:
        return None
    name, title, prefix, honorific_gender = named
    gender = honorific_gender or gender
    if title is None and is_company_name(name):
        return make("organisation", name, role=prefix)  # "Brenmark Power said"
    return make("name", name, title=title, role=prefix)


# A plural noun followed by a participle phrase: the phrase describes, the noun speaks.
# (A past participle only from a list: "Lawmakers clashed on Wednesday" is a clause.)
_PARTICIPLE_AFTER_NOUN_RE = re.compile(
    r"(?<=[a-z]s)\s+(?!speaking\b)(?:interviewed|questioned|reached|contacted|polled|"
    r"surveyed|gathered|based|displaced|affected|[a-z]+ing)\s+(?:(?:outside|at|in|on|near|by|from|to|"
    r"the|a|an|their|his|her|its|morning|evening|local|main)\b\s*)+.*$"
)
_JOINT_NAMES_RE = re.compile(
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:and|&)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+"
)

_DOCUMENT_FROM_RE = re.compile(
    r"^(?:a|an|the)\s+(?:\w+\s+)?(?:statement|letter|report|release|post|notice|message|"
    r"filing|submission)\s+(?:issued\s+|released\s+|posted\s+)?(?:from|by|of)\s+",
    re.IGNORECASE,
)
_PERSON_NOUNS = word_set(
    "lawyer attorney wife husband son daughter mother father aide executive manager secretary"
)
_ORG_KIND_NOUNS = word_set(
    "firm chain retailer group carrier operator maker manufacturer airline broadcaster "
    "newspaper charity union association federation network agency club league"
)

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
                and all(is_name_word(t) or t.lower() in NAME_PARTICLES for t in tokens)
                and is_cap(tokens[0])
                and not _is_org(tokens)
                and apos.lower() not in COUNTRIES
            ):
                name = apos
            else:
                role, org = _role_and_affiliation(apos)
                role_parts.append(role)
                affiliation = affiliation or org
        if rel:
            anonymity = ANONYMITY_RE.search(rel)
            if anonymity:
                identity_note = clean(anonymity.group())
            else:
                note = capitalise(clean(re.sub(r"^(?:who|which)\s+", "", rel))) + "."
            gender = gender or _gender_from(rel)
    return _Extras(
        ", ".join(p for p in role_parts if p) or None,
        affiliation,
        note,
        identity_note,
        gender,
        name,
    )


_POSSESSIVE_RE = re.compile(r"(?P<owner>.+?)(?:['\u2019]s|(?<=s)['\u2019])$")


def _possessive(words: list[str], lower_words: frozenset[str]) -> tuple[str, str, str] | None:
    """``Ms Petrakis's office``, ``Mr Oduya's campaign manager``, ``the mayor's lawyers``:
    (kind, possessor, what they have) for a speaker who belongs to someone named."""
    for index, word in enumerate(words[:-1]):
        owner = _POSSESSIVE_RE.match(word)
        if owner is None:
            continue
        possessed = words[index + 1 :]
        if any(is_cap(w) for w in possessed):
            return None  # "Russia's Foreign Ministry": a name, read as one
        who = interpret_who(" ".join([*words[:index], owner.group("owner")]), lower_words)
        if who is None or who.kind == "pronoun":
            return None
        last = possessed[-1].lower().strip(".,")
        phrase = " ".join(possessed)
        owner_name = who.name if who.kind in ("name", "organisation", "state") else None
        if last in GROUP_NOUNS:
            return "group", owner_name or "", phrase
        if last in ORG_WORDS or last in ("campaign", "team", "family", "office", "camp"):
            return "organisation", owner_name or "", phrase
        return "description", owner_name or "", phrase
    return None


_MEMBER_OF_RE = re.compile(
    r"(?P<person>(?:[A-Z][\w'’.-]*\s+){1,3}[\w'’-]+)\s+(?:of|from|at|with)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|for|and|the|on))*)"
)
_PLACE_PREPOSITION_RE = re.compile(
    r"\s(?:in|from|at|of|across|inside|near|around|close to|on)\s+(?=\S)", re.IGNORECASE
)


def _is_placed_group(head: str, lower_words: frozenset[str]) -> bool:
    """``Officials in Damascus``, ``residents of the old town``: a group placed somewhere,
    not a person named after the place."""
    where = _PLACE_PREPOSITION_RE.search(head)
    if where is None:
        return False
    place = head[where.end() :].lower().split()
    if len(place) > 5 or any(w in AUX or w.endswith("ed") for w in place):
        return False  # "Workers at the port walked off the job": a clause
    group = interpret_who(head[: where.start()], lower_words)
    return group is not None and group.kind == "group"


def _is_org(words: Sequence[str]) -> bool:
    return any(w.lower().strip(".,") in ORG_WORDS for w in words) and all(
        is_cap(w) or w.lower() in ("of", "for", "the", "and", "on", "de", "&") for w in words
    )


def is_adverbial(segment: str) -> bool:
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
        "however",
        "too",
        "also",
        "meanwhile",
        "though",
        "instead",
        "for",
    ):
        return True
    return (
        words[0] == "in"
        and len(words) > 1
        and words[1] in ("a", "an", "the", "his", "her", "their", "its")
    )


def _is_relative(segment: str) -> bool:
    return bool(re.match(r"(?:who|whose|which)\b", segment.strip(), re.IGNORECASE))


def strip_leading_conjunction(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in LEADING_CONJUNCTIONS:
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
    if match and is_cap(match.group("org")) and not match.group("role")[0].isupper():
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
