"""Write a synthetic synews archive, reproducibly, for benchmarks and scale tests.

The archive looks like a researcher's: many TOML files, each with its own source, a share
of the people, events and statements; statements quote people defined in other files and
point at events in other files; text has realistic lengths; dates come in every precision
the format allows (day, month, year, approximate, uncertain, intervals with open ends).
The result passes ``synews check``.

    python benchmarks/generate.py OUT_DIR --events 100000 --claims 100000 --files 100 \\
        --people 500 --seed 1 [--json archive.json]

``--json`` also writes the same data as ONE JSON file (with each date's first and last day
precomputed), the input of the jq baseline in ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any


def _wordlist(text: str) -> list[str]:
    return text.split()


_VOCABULARY = _wordlist(
    """
the of and to in a is that for on was with as by at from his her their it an be has have
had were said are this which will would not but or after before over under about against
between during since until while when where who whom whose what why how all some many most
more less few other such only also still even just again already never now then there here
government minister president army forces troops base airbase port town city village region
province border coast road convoy checkpoint ceasefire agreement talks negotiations meeting
delegation visit statement report interview official officials spokesman spokeswoman source
sources analyst analysts expert experts researcher fellow institute ministry council
parliament court election vote protest protesters crowd residents families workers farmers
shop market prices bread fuel electricity water sanctions aid reconstruction investment
contract lease presence withdrawal deployment patrol airstrike strike attack explosion drone
missile artillery shelling clashes fighting violence security stability transition authority
authorities regime opposition rebels militia group groups commander commanders soldiers
mercenaries contractors diplomats diplomacy relations ties cooperation dispute tensions crisis
war peace future past year years month months week weeks day days night morning evening
local national foreign international regional western eastern northern southern central
russian syrian turkish iranian israeli american european arab kurdish alawite sunni druze
christian moscow damascus latakia tartus hmeimim jableh homs hama aleppo idlib deir raqqa
daraa quneitra golan beirut ankara tehran washington brussels geneva doha riyadh cairo
declined comment refused confirmed denied warned promised demanded accused announced agreed
rejected welcomed criticised described called told added noted stressed insisted suggested
expected reported claimed estimated believed feared hoped wanted needed tried began continued
ended returned left arrived moved closed opened reopened signed cancelled extended reduced
increased dropped rose fell remained stayed became seemed appeared looked kept held took gave
made found saw heard knew thought felt asked answered helped paid lost won built destroyed
important significant serious difficult possible likely unclear uncertain strategic military
economic political humanitarian legal public private official unofficial senior junior former
new old large small major minor key main last first second third next final recent early late
"""
)

_PLACES = (
    "Hmeimim",
    "Latakia",
    "Tartus",
    "Damascus",
    "Jableh",
    "Ḥamā",
    "Homs",
    "Aleppo",
    "Idlib",
    "Deir ez-Zor",
    "Raqqa",
    "Daraa",
    "Quneitra",
    "Golan Heights",
    "Qamishli",
    "Palmyra",
    "Moscow",
    "Ankara",
    "Tehran",
    "Beirut",
    "Baniyas",
    "Kobani",
    "Manbij",
    "Al-Tanf",
    "Khmeimim",
    "Sweida",
    "Afrin",
    "Douma",
    "Qardaha",
    "Geneva",
)
_ACTORS = (
    "Russia",
    "Syria",
    "HTS",
    "Israel",
    "Turkey",
    "Iran",
    "United States",
    "European Union",
    "United Nations",
    "SDF",
    "Hezbollah",
    "Wagner Group",
    "Syrian transitional government",
    "Russian Ministry of Defence",
    "Alawite community",
    "Kurdish forces",
    "Druze leaders",
    "local council",
    "Gulf states",
    "Qatar",
    "Saudi Arabia",
    "Jordan",
    "Lebanon",
    "Iraq",
    "China",
)
_TAGS = (
    "military",
    "diplomacy",
    "violence",
    "access",
    "economy",
    "politics",
    "humanitarian",
    "energy",
    "transport",
    "sanctions",
    "elections",
    "justice",
    "refugees",
    "health",
    "infrastructure",
    "media",
    "religion",
    "border",
    "trade",
    "security",
)
_TOPICS = (
    "russian-bases",
    "extradition",
    "israel",
    "diplomacy",
    "economy",
    "security",
    "alawites",
    "foreign-policy",
    "sanctions",
    "reconstruction",
    "elections",
    "justice",
    "energy",
    "refugees",
    "kurds",
    "turkey",
    "iran",
    "media",
)
_FIRST_NAMES = _wordlist(
    "Anna Aaron Ruslan Hasan Ahmed Mohammed Layla Nour Omar Sami Rania Dmitri Sergei Olga "
    "Yusuf Ibrahim Fatima Mariam Karim Tariq Elena Ivan Nikolai Hiba Rami Zaid Lina Maya "
    "Joseph Sarah Daniel Leila Amal Bashar Hussein Ali Mustafa Khaled Walid Rasha Dana Nadia"
)
_SURNAMES = _wordlist(
    "Borshchevskaya Trad Zelin Debo Al-Shara Haddad Khoury Nasser Mansour Petrov Ivanov "
    "Smirnova Kuznetsov Darwish Haidar Saleh Aziz Hamdan Barakat Qasim Abboud Farah Ghanem "
    "Makdisi Jaber Sabbagh Volkov Orlova Sokolov Ḥaddād Çelik Yılmaz Öztürk Nouri Rahimi "
    "Karimi Levi Cohen Mizrahi Sharif Halabi Shami Kassab"
)
_ROLES = (
    "senior fellow",
    "analyst",
    "spokesman",
    "minister of defence",
    "foreign minister",
    "researcher",
    "professor of political science",
    "journalist",
    "shop owner",
    "local official",
    "military commander",
    "member of parliament",
    "aid worker",
    "lawyer",
    "economist",
)
_AFFILIATIONS = (
    "Washington Institute",
    "Carnegie Middle East Center",
    "Chatham House",
    "Russian Ministry of Defence",
    "Syrian transitional government",
    "Hayat Tahrir Al Sham (HTS)",
    "United Nations",
    "Kremlin",
    "Syrian Observatory for Human Rights",
    "Middle East Institute",
    "Al-Quds University",
    "International Crisis Group",
)
_OUTLETS = (
    "The National",
    "Reuters",
    "Associated Press",
    "Al Jazeera",
    "BBC",
    "Kommersant",
    "Enab Baladi",
    "Syria Direct",
    "Le Monde",
    "The Guardian",
)
_SOURCE_KINDS = ("article", "interview", "statement", "report", "broadcast", "social-media")
_CLAIM_KINDS = ("quote", "quote", "quote", "paraphrase", "paraphrase", "no-comment")
_STATUSES = ("open", "came-true", "proved-false", "disputed")

FIRST_DAY = date(2011, 1, 1)
LAST_DAY = date(2026, 6, 30)


@dataclass(frozen=True)
class Summary:
    """What was written, for messages and tests."""

    files: list[Path]
    events: int
    claims: int
    people: int
    sources: int
    json_file: Path | None = None


def _words(rng: random.Random, low: int, high: int) -> str:
    count = rng.randint(low, high)
    # A roughly Zipfian choice: a few words are common, most are rare.
    picked = [_VOCABULARY[int(len(_VOCABULARY) * rng.random() ** 2.2)] for _ in range(count)]
    text = " ".join(picked)
    return text[0].upper() + text[1:]


def _sentences(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    parts: list[str] = []
    total = 0
    while total < target:
        sentence = _words(rng, 6, 18) + "."
        parts.append(sentence)
        total += len(sentence.split())
    return " ".join(parts)


def _day(rng: random.Random) -> date:
    # Recent years are denser, as in a running story.
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + timedelta(days=int(span * (1 - rng.random() ** 1.8)))


def _point(rng: random.Random, precision: str) -> str:
    day = _day(rng)
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def random_date(rng: random.Random) -> str:
    """A date in the dataset's EDTF subset, at any precision, sometimes an interval."""
    roll = rng.random()
    if roll < 0.42:
        return _point(rng, "day")
    if roll < 0.64:
        return _point(rng, "month")
    if roll < 0.72:
        return _point(rng, "year")
    if roll < 0.84:
        return _point(rng, rng.choice(("day", "month", "year"))) + rng.choice("~?%")
    # Intervals: closed, or open at one end.
    first = _point(rng, rng.choice(("day", "month", "year")))
    second = _point(rng, rng.choice(("day", "month", "year")))
    low, high = sorted((first, second))  # ISO text sorts by time, so this never ends early
    roll = rng.random()
    if roll < 0.1:
        return f"../{high}"
    if roll < 0.2:
        return f"{low}/.."
    return f"{low}/{high}"


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def person_name(index: int) -> str:
    """The name of person ``index``: every name differs (42 x 43 pairs, then a number)."""
    first = _FIRST_NAMES[index % len(_FIRST_NAMES)]
    pair, rest = divmod(index // len(_FIRST_NAMES), len(_SURNAMES))
    last = _SURNAMES[rest]
    return f"{first} {last}" if pair == 0 else f"{first} {last} {pair + 1}"


def _person(rng: random.Random, index: int) -> dict[str, Any]:
    first, last = person_name(index).split(" ")[:2]
    person: dict[str, Any] = {"id": f"p{index:05d}", "name": person_name(index)}
    if rng.random() < 0.8:
        person["role"] = rng.choice(_ROLES)
    if rng.random() < 0.7:
        person["affiliation"] = rng.choice(_AFFILIATIONS)
    if rng.random() < 0.6:
        person["aliases"] = [last, f"{first[0]}. {last}"]
    roll = rng.random()
    if roll < 0.08:
        person["identity"] = "anonymous"
        person["identity_note"] = "declined to give a name"
    elif roll < 0.1:
        person["identity"] = "pseudonym"
    if rng.random() < 0.05:
        person["kind"] = rng.choice(("organisation", "state", "group"))
    return person


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def generate(
    out_dir: Path,
    *,
    events: int,
    claims: int,
    files: int,
    people: int,
    seed: int = 1,
    json_file: Path | None = None,
) -> Summary:
    """Write ``files`` TOML files to ``out_dir`` (and optionally one JSON file)."""
    if files < 1 or people < 1 or events < 1:
        raise ValueError("files, people and events must be at least 1")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("archive-*.toml"):
        stale.unlink()
    event_counts = _split(events, files)
    claim_counts = _split(claims, files)
    people_counts = _split(people, files)
    event_ids = [f"e{n:07d}" for n in range(events)]
    person_ids = [f"p{n:05d}" for n in range(people)]
    # A few people speak a lot, most a little.
    speaker_weights = list(accumulate(1.0 / (1 + n) ** 0.6 for n in range(people)))
    everything: dict[str, list[dict[str, Any]]] = {
        "sources": [],
        "people": [],
        "events": [],
        "claims": [],
    }
    written: list[Path] = []
    next_event = next_claim = next_person = 0
    for number in range(files):
        lines = [f"# Synthetic synews archive, file {number + 1} of {files}, seed {seed}"]
        if number == 0:
            lines += [
                "",
                "[meta]",
                f"title = {toml_string('A synthetic archive of ' + str(events) + ' events')}",
                'description = "Generated by benchmarks/generate.py for scale tests."',
                "schema_version = 1",
            ]
        source_ids = []
        published: dict[str, str] = {}
        for k in range(rng.randint(1, 3)):
            source: dict[str, Any] = {
                "id": f"s{number:04d}-{k}",
                "outlet": rng.choice(_OUTLETS),
                "title": _words(rng, 5, 12),
                "published": _point(rng, rng.choice(("day", "day", "month"))),
                "kind": rng.choice(_SOURCE_KINDS),
            }
            if rng.random() < 0.7:
                source["url"] = f"https://example.org/{number}/{k}"
            if rng.random() < 0.5:
                source["author"] = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_SURNAMES)}"
            source_ids.append(source["id"])
            published[source["id"]] = source["published"]
            everything["sources"].append(source)
            lines.append("\n[[sources]]")
            lines += [_toml_field(key, value) for key, value in source.items()]
        for _ in range(people_counts[number]):
            person = _person(rng, next_person)
            next_person += 1
            everything["people"].append(person)
            lines.append("\n[[people]]")
            lines += [_toml_field(key, value) for key, value in person.items()]
        for _ in range(event_counts[number]):
            event: dict[str, Any] = {
                "id": event_ids[next_event],
                "date": random_date(rng),
                "title": _words(rng, 6, 14),
                "summary": _sentences(rng, 25, 70),
                "places": rng.sample(_PLACES, rng.randint(1, 3)),
                "actors": rng.sample(_ACTORS, rng.randint(1, 3)),
                "tags": rng.sample(_TAGS, rng.randint(1, 3)),
                "source": rng.choice(source_ids),
            }
            if rng.random() < 0.1:
                event["note"] = _words(rng, 8, 20)
            next_event += 1
            everything["events"].append(event)
            lines.append("\n[[events]]")
            lines += [_toml_field(key, value) for key, value in event.items()]
        for _ in range(claim_counts[number]):
            kind = rng.choice(_CLAIM_KINDS)
            claim: dict[str, Any] = {
                "id": f"c{next_claim:07d}",
                "speaker": rng.choices(person_ids, cum_weights=speaker_weights)[0],
                "kind": kind,
                "text": _sentences(rng, 12, 45) if kind != "no-comment" else "Declined to comment.",
                "date": random_date(rng),
                "source": rng.choice(source_ids),
            }
            claim["date"] = _not_after(claim["date"], published[claim["source"]])
            if rng.random() < 0.35:
                claim["context"] = _sentences(rng, 10, 30)
            claim["topics"] = rng.sample(_TOPICS, rng.randint(1, 2))
            if rng.random() < 0.6:
                claim["about"] = rng.sample(event_ids, rng.randint(1, 2))
            if rng.random() < 0.2:
                claim["status"] = rng.choice(_STATUSES)
                if rng.random() < 0.5:
                    claim["evidence"] = rng.sample(event_ids, 1)
                    claim["evidence_note"] = _words(rng, 8, 20)
            if rng.random() < 0.05:
                claim["note"] = _words(rng, 8, 20)
            next_claim += 1
            everything["claims"].append(claim)
            lines.append("\n[[claims]]")
            lines += [_toml_field(key, value) for key, value in claim.items()]
        path = out_dir / f"archive-{number:04d}.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    if json_file is not None:
        _write_json(json_file, everything)
    return Summary(
        files=written,
        events=events,
        claims=claims,
        people=people,
        sources=len(everything["sources"]),
        json_file=json_file,
    )


def _toml_field(key: str, value: Any) -> str:
    if isinstance(value, list):
        return f"{key} = {toml_list(value)}"
    return f"{key} = {toml_string(value)}"


def _not_after(said: str, published: str) -> str:
    """A statement's date, or its source's publication date when it would start after it
    (a source cannot report what had not been said: ``synews check`` refuses it)."""
    first, last = _days(said)[0], _days(published)[1]
    return published if first is not None and last is not None and first > last else said


def _days(text: str) -> tuple[str | None, str | None]:
    """First and last day of a date, as synews computes them (ISO text, None when open)."""
    src = Path(__file__).resolve().parents[1] / "src"
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    from synews_cli.dates import parse_edtf

    parsed = parse_edtf(text)
    return (
        None if parsed.start is None else parsed.start.isoformat(),
        None if parsed.end is None else parsed.end.isoformat(),
    )


def _write_json(path: Path, everything: dict[str, list[dict[str, Any]]]) -> None:
    """The same data as one JSON document; dates carry ``start``/``end`` for jq."""
    for kind in ("events", "claims"):
        for item in everything[kind]:
            item["start"], item["end"] = _days(item["date"])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        json.dump(everything, out, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder for the TOML files")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=None, help="default: as many as events")
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write one JSON file")
    args = parser.parse_args(argv)
    summary = generate(
        args.out_dir,
        events=args.events,
        claims=args.events if args.claims is None else args.claims,
        files=args.files,
        people=args.people,
        seed=args.seed,
        json_file=args.json,
    )
    print(
        f"wrote {summary.events} events, {summary.claims} claims, {summary.people} people, "
        f"{summary.sources} sources in {len(summary.files)} files to {args.out_dir}"
        + (f" and {summary.json_file}" if summary.json_file else ""),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
