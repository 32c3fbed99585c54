"""Stage helper: which organisation ``the company`` means.

News writing names a company once (``Brenmark Power said on Friday ...``) and then calls
it ``the company``, ``the firm`` or ``the group``. A draft that makes a speaker called
"Company" loses who spoke; so the generic reference is read as the organisation named
last before it (in the text up to the end of its paragraph), and flagged for review,
because that is a reading, not something the sentence says.
"""

from __future__ import annotations

import re

from synews_cli.curate.extract.vocabulary import word_set

# Generic nouns a named organisation is referred back to by.
GENERIC_ORG_NOUNS = word_set(
    "company firm group carrier airline bank retailer manufacturer maker operator developer "
    "utility insurer chain producer broadcaster publisher lender miner insurer conglomerate "
    "business"
)
# The last word of a company's name: "Brenmark Power", "Halvorsen Textiles", "Acme Ltd".
_COMPANY_SUFFIXES = (
    "Power|Energy|Textiles|Textile|Group|Holdings|Airlines|Airways|Air|Motors|Steel|Mining|"
    "Foods|Systems|Technologies|Technology|Industries|Corp|Corporation|Inc|Ltd|Limited|plc|PLC|"
    "AG|SA|NV|GmbH|Company|Co|Bank|Pharmaceuticals|Pharma|Petroleum|Oil|Gas|Telecom|Media|"
    "Capital|Partners|Logistics|Shipping|Construction|Electric|Chemicals|Mills|Works|Labs|"
    "Solutions|Resources|Enterprises|Brands|Retail|Stores|Sohn|Sons|Brothers|Bros"
)
_COMPANY_RE = re.compile(
    rf"\b((?:[A-Z][\w'’-]*\s+(?:&\s+)?){{1,4}}(?:{_COMPANY_SUFFIXES}))\b\.?(?!['’]s\b)"
)
_LEADING_NOISE = frozenset(("The", "A", "An", "In", "On", "At", "But", "And", "Shares", "By"))


def is_company_name(name: str) -> bool:
    """``Brenmark Power``, ``Acme Ltd``: a name that is a company's, not a person's."""
    match = _COMPANY_RE.fullmatch(name.strip())
    return match is not None and len(name.split()) >= 2


def is_generic_reference(phrase: str, name: str) -> bool:
    """``the company``, ``In a statement, the firm``: a reference back, not a name (the
    speaker phrase ends with ``the`` and a generic noun, and that noun is all its name)."""
    ending = re.search(r"\bthe\s+(\w+)$", phrase.strip().lower())
    return (
        ending is not None
        and ending.group(1) in GENERIC_ORG_NOUNS
        and name.lower() == ending.group(1)
    )


def organisation_before(text: str) -> str | None:
    """The company named last in ``text`` (``Brenmark Power``), or None."""
    found = None
    for match in _COMPANY_RE.finditer(text):
        words = match.group(1).split()
        while len(words) > 1 and words[0] in _LEADING_NOISE:
            words.pop(0)
        found = " ".join(words)
    return found
