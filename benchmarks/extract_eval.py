"""How good is ``synews extract``? Its draft of the source article against the curated answer key.

Runs the extractor on the article the bundled dataset was curated from
(``<repo>/../shared/source-article.txt``, or the path given as the first argument) with the
publication date 2025-10, and compares the draft's quotes with data/events.toml:

- quote recall: curated quotes the draft has (normalised texts equal, or one contains the other);
- quote precision: draft quotes that are curated quotes;
- speaker accuracy: of matched quotes, the draft speaker's name matches the curated speaker's
  name, an alias or the surname, or both are anonymous with a similar description;
- date accuracy: of matched quotes, the draft's EDTF date equals the curated one.

Usage: python benchmarks/extract_eval.py [ARTICLE] [--check]
(--check: exit 1 when a figure is below its target). Skips, with exit 0, when the article
is absent.
"""

from __future__ import annotations

import re
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from synews_cli.curate.extract import extract_article  # noqa: E402
from synews_cli.curate.quotes_text import covers  # noqa: E402

DEFAULT_ARTICLE = ROOT.parent / "shared" / "source-article.txt"
ANSWER_KEY = ROOT / "data" / "events.toml"
PUBLISHED = "2025-10"
TARGETS = {
    "quote recall": 0.95,
    "quote precision": 0.90,
    "speaker accuracy": 0.90,
    "date accuracy": 0.80,
}
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "at",
        "on",
        "for",
        "to",
        "and",
        "one",
        "few",
        "who",
        "his",
        "her",
        "their",
        "its",
    ]
)


@dataclass(frozen=True)
class Figures:
    recall: tuple[int, int]
    precision: tuple[int, int]
    speakers: tuple[int, int]
    dates: tuple[int, int]
    seconds: float
    mismatches: tuple[str, ...]

    def rows(self) -> list[tuple[str, tuple[int, int]]]:
        return [
            ("quote recall", self.recall),
            ("quote precision", self.precision),
            ("speaker accuracy", self.speakers),
            ("date accuracy", self.dates),
        ]


def _words(text: str) -> set[str]:
    found = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word not in _STOP and len(word) > 2:
            found.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return found


def _names(person: dict[str, Any]) -> set[str]:
    names = {person["name"], *person.get("aliases", [])}
    parts = person["name"].split()
    if len(parts) > 1:
        names.add(parts[-1])
    return {n.casefold() for n in names}


def same_speaker(draft: dict[str, Any], curated: dict[str, Any]) -> bool:
    """Names agree (name, alias or surname), or both are anonymous and described alike."""
    if draft.get("identity") == "anonymous" and curated.get("identity") == "anonymous":
        described = lambda p: _words(  # noqa: E731
            " ".join([p["name"], p.get("role") or "", *p.get("aliases", [])])
        )
        return len(described(draft) & described(curated)) >= 1
    draft_names = _names(draft)
    return bool(draft_names & _names(curated)) or draft["name"].casefold() in {
        n for n in _names(curated)
    }


def evaluate(article: str) -> Figures:
    curated = tomllib.loads(ANSWER_KEY.read_text(encoding="utf-8"))
    started = time.perf_counter()
    draft_toml = extract_article(
        article, published=PUBLISHED, article_name="source-article.txt"
    ).to_toml()
    seconds = time.perf_counter() - started
    draft = tomllib.loads(draft_toml)
    key_quotes = [c for c in curated["claims"] if c["kind"] == "quote"]
    got_quotes = [c for c in draft.get("claims", []) if c["kind"] == "quote"]
    key_people = {p["id"]: p for p in curated["people"]}
    got_people = {p["id"]: p for p in draft.get("people", [])}
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for key in key_quotes:
        found = next((g for g in got_quotes if covers(g["text"], key["text"])), None)
        if found is not None:
            matched.append((key, found))
    precise = sum(1 for g in got_quotes if any(covers(g["text"], k["text"]) for k in key_quotes))
    speakers = dates = 0
    mismatches: list[str] = []
    for key, got in matched:
        if same_speaker(got_people[got["speaker"]], key_people[key["speaker"]]):
            speakers += 1
        else:
            mismatches.append(
                f"speaker of {key['id']}: {got_people[got['speaker']]['name']!r}, "
                f"curated {key_people[key['speaker']]['name']!r}"
            )
        if got["date"] == key["date"]:
            dates += 1
        else:
            mismatches.append(f"date of {key['id']}: {got['date']}, curated {key['date']}")
    for key in key_quotes:
        if all(k is not key for k, _ in matched):
            mismatches.append(f"missed: {key['id']} {key['text'][:60]!r}")
    for got in got_quotes:
        if not any(covers(got["text"], k["text"]) for k in key_quotes):
            mismatches.append(f"not in the answer key: {got['text'][:60]!r}")
    return Figures(
        (len(matched), len(key_quotes)),
        (precise, len(got_quotes)),
        (speakers, len(matched)),
        (dates, len(matched)),
        seconds,
        tuple(mismatches),
    )


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_ARTICLE
    if not path.is_file():
        print(f"skipped: no article at {path} (give its path as the first argument)")
        return 0
    figures = evaluate(path.read_text(encoding="utf-8"))
    print(f"synews extract on {path.name} (published {PUBLISHED}) against {ANSWER_KEY.name}\n")
    print(f"| {'measure':<17} | {'value':>7} | {'count':>7} | {'target':>6} |")
    print(f"|{'-' * 19}|{'-' * 9}|{'-' * 9}|{'-' * 8}|")
    below = False
    for name, (hit, total) in figures.rows():
        value = hit / total if total else 0.0
        target = TARGETS[name]
        below |= value < target
        print(
            f"| {name:<17} | {value:>7.1%} | {f'{hit}/{total}':>7} | {target:>6.0%} |"
            + ("" if value >= target else "  below target")
        )
    print(f"\nextraction took {figures.seconds * 1000:.0f} ms")
    if figures.mismatches:
        print("\ndifferences:")
        for line in figures.mismatches:
            print(f"  {line}")
    return 1 if check and below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
