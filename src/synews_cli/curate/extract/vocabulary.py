"""The words of English news style that every stage keys on.

Reporting verbs, titles and honorifics, name particles, organisation, group and role nouns,
and the regular expressions built from such words (anonymity, pseudonyms, declined comments,
venues). They are kept apart from the rules so that every stage reads the same lists and
a word is added in one place. Also the placeholder marks that stand for quoted passages in
a sentence's skeleton (see sentences.py).
"""

from __future__ import annotations

import re


def word_set(words: str) -> frozenset[str]:
    """A vocabulary from a string of words."""
    return frozenset(words.split())


REPORTING_VERBS = word_set(
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
PARAPHRASE_VERBS = word_set(
    "said says say told tells added adds explained explains stated noted insisted insists "
    "argued argues warned warns claimed claims believes believe thinks estimated estimates "
    "confirmed confirms denied denies announced announces maintained maintains acknowledged "
    "admitted stressed suggested suggests predicted predicts reported agreed wrote writes "
    "contended cautioned vowed promised"
)
# Verbs that need "that", a comma, a colon or the end of the clause after them to report
# speech ("she added that ...", but not "added to the list").
NEEDS_BREAK = word_set(
    "added adds explained explains noted notes continued continues concluded observed"
)
NOUN_LIKE = frozenset(["claims", "reports", "notes", "states", "calls", "posts", "says"])
# Verbs after which a bare clause is reported speech ("said the bases would stay"); the
# others need "that" ("confirmed that ...", not "confirmed the figures").
SAY_VERBS = word_set(
    "said says say told tells added adds explained explains argued argues warned warns "
    "insisted insists claimed claims believes believe thinks stated noted wrote writes"
)
PARTICIPLES = word_set("adding saying noting warning insisting explaining arguing")
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
TITLES = word_set(
    "president vice prime minister secretary general gen lt col colonel major maj captain "
    "capt sergeant sgt admiral adm commander senator sen representative rep governor gov "
    "mayor ambassador chancellor king queen prince princess emir sheikh sultan pope patriarch "
    "bishop archbishop cardinal rabbi imam judge justice chief director chairman chairwoman "
    "chair spokesman spokeswoman spokesperson deputy speaker ceo premier leader commissioner "
    "inspector detective officer lieutenant brigadier marshal envoy councillor councilor "
    "councilman councilwoman alderman cllr"
) | frozenset(HONORIFICS)
NAME_PARTICLES = word_set(
    "al el ad an ar as ash at az ud bin ibn abu bint ben de da di du del della dello dei des "
    "der den van von vom zu la le ter ten dos das do y"
)
ORG_WORDS = word_set(
    "ministry department office agency council committee commission authority authorities "
    "army forces force party company corporation corp inc ltd bank organisation organization "
    "institute university government embassy police court parliament senate congress assembly "
    "union federation association foundation observatory fund programme program service "
    "services kremlin pentagon administration cabinet presidency secretariat coalition "
    "alliance front movement network centre center watch international group board bureau "
    "command navy ministries"
)
GROUP_NOUNS = word_set(
    "experts analysts officials residents observers critics diplomats sources witnesses "
    "activists locals villagers protesters doctors researchers scientists economists lawyers "
    "rebels soldiers militants inhabitants citizens people families farmers workers students "
    "teachers medics refugees survivors supporters opponents leaders ministers lawmakers "
    "legislators investors traders voters parents relatives neighbours neighbors journalists "
    "officers troops fighters commanders shopkeepers owners campaigners mourners passengers "
    "patients nurses engineers executives"
)
QUANTIFIERS = word_set(
    "many some several most few other two three four five dozens hundreds thousands"
)
ROLE_NOUNS = word_set(
    "analyst expert researcher spokesman spokeswoman spokesperson official lawyer activist "
    "resident economist professor author journalist commentator historian specialist fellow "
    "director diplomat minister adviser advisor consultant scholar lecturer engineer doctor "
    "teacher student veteran farmer writer editor columnist strategist negotiator envoy "
    "candidate lawmaker campaigner founder chief head owner shopkeeper"
)
COUNTRIES = word_set(
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
ADVERBIAL_STARTS = word_set(
    "in inside at on after before during since for with without as despite following speaking "
    "asked when while although though earlier later last this meanwhile however but still yet "
    "also separately elsewhere today yesterday then now writing interviewed from by under "
    "over outside near according echoing addressing responding referring like unlike amid "
    "among"
)
LEADING_CONJUNCTIONS = ("and", "but", "yet", "so", "still", "however", "meanwhile", "now")
DETERMINERS = word_set(
    "the a an another other this that these those his her their its our my your such some any "
    "each every"
)
AUX = word_set(
    "is are was were be been being has have had will would can could should may might must do "
    "does did not"
)
# Words between a speaker and the verb: "Israel has long said", "she later told".
TRAILING_AUX = word_set(
    "has have had would will also later earlier previously repeatedly publicly once then long "
    "already recently again further separately privately reportedly allegedly simply just "
    "even only never"
)
STOPWORDS = word_set(
    "a an the of to and or in on at for by with from is are was were be been it its this that "
    "these those as but not no his her their our your my we you he she they i them him us me "
    "so if than then there here which who whom what when where why how all any some has have "
    "had will would can could should may might must do does did into over after before about "
    "mr mrs ms dr said says told"
)
ANONYMITY_RE = re.compile(
    r"\b(?:declined|refused|asked not|did not want|requested|wished)\s+to\s+(?:give|be|have|"
    r"share|reveal|disclose)\b.*|\b(?:spoke|speaking|talked)\s+on\s+(?:the\s+)?condition\s+of\s+"
    r"anonymity\b.*|\bwas not (?:authorised|authorized|allowed|permitted)\b.*",
    re.IGNORECASE,
)
PSEUDONYM_RE = re.compile(  # a name starts a word: one try per word, however long
    r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*(?:,|\(|\u2014|-)\s*"
    r"(?P<note>not (?:his|her|their) real name|a pseudonym|whose (?:real )?name has been changed"
    r"|(?:his|her|their) name has been changed|name changed)",
)
NO_COMMENT_RE = re.compile(
    r"\b(?:did not|didn't|has not|hasn't|had not|hadn't|have not|haven't|could not|couldn't|"
    r"would not|wouldn't)\s+(?:immediately\s+)?(?:respond|reply|return|answer|be reached|"
    r"comment)\b|\b(?:declined|refused)\s+to\s+(?:comment|speak|respond|answer|discuss|"
    r"elaborate|be interviewed|give an interview|talk)\b|\bno one was available to comment\b|"
    r"\bbeen (?:contacted|approached|asked) for (?:a )?comment\b",
    re.IGNORECASE,
)
DOCUMENT_NOUNS = word_set(
    "report data figures statistics estimates study survey documents document records "
    "analysis poll census count tally"
)
VENUE_RE = re.compile(
    r"\s+(?:in|on|at|during|via|through|to|from)\s+(?:a|an|the|his|her|their|its)?\s*"
    r"(?:\w+\s+)?(?:statement|interview|post|press conference|news conference|briefing|speech|"
    r"tweet|video|message|letter|email|e-mail|phone call|call|address|Twitter|X|Facebook|"
    r"Telegram|Instagram|social media|television|radio|podcast|op-ed|column)\b.*$"
)
ABBREVIATIONS = word_set(
    "mr mrs ms dr prof st mt gen lt col capt sgt maj adm gov sen rep rev jr sr inc ltd co "
    "corp vs etc no jan feb aug sept oct nov dec fig approx dept est"
)
PH_OPEN, PH_CLOSE = "\ue000", "\ue001"
PH_RE = re.compile(PH_OPEN + r"(\d+)" + PH_CLOSE)
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
OPENING_QUOTES = "\u201c\u201e\u00ab\u201f\u2018\"'"
