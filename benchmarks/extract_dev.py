"""How well does ``synews extract`` generalise? The shared development set, scored.

Runs ``/work/shared/extract-dev/score.py`` (or the folder given as the first argument) with
this checkout's ``synews`` on the eight invented wire-style articles and their answer keys,
prints its table, and with ``--record`` stores the totals in benchmarks/extract_dev.json
(the figures the README quotes). The set is for development only: the work is judged on a
held-out set of similar articles, so no rule may name anything in these texts.

Usage: python benchmarks/extract_dev.py [DEV_FOLDER] [--record]
Skips, with exit 0, when the folder is absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT.parent / "shared" / "extract-dev"
RECORD = ROOT / "benchmarks" / "extract_dev.json"


def main(argv: list[str]) -> int:
    record = "--record" in argv
    folders = [a for a in argv if not a.startswith("--")]
    dev = Path(folders[0]) if folders else DEFAULT_DEV
    scorer, articles = dev / "score.py", dev / "articles"
    synews = shutil.which("synews", path=str(Path(sys.executable).parent)) or shutil.which(
        "synews"
    )
    if not scorer.is_file() or not articles.is_dir() or synews is None:
        print(f"skipped: no development set at {dev} (or no synews on PATH)")
        return 0
    table = subprocess.run(
        [sys.executable, str(scorer), synews, str(articles)], capture_output=True, text=True
    )
    print(table.stdout, end="")
    if record:
        scored = subprocess.run(
            [sys.executable, str(scorer), synews, str(articles), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        totals = json.loads(scored.stdout)["totals"]
        RECORD.write_text(json.dumps(totals, indent=2, sort_keys=True) + "\n")
        print(f"recorded in {RECORD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
