"""Time synews against its baselines, as whole commands in separate processes.

    python benchmarks/run.py                      # start-up, then 10,000 and 100,000 items
    python benchmarks/run.py --scales 10000 --runs 3

Each command runs once to warm up, then ``--runs`` times interleaved with its baseline in
the same loop, so that both see the same machine; the table shows medians and their ratios
next to the targets (README.md, "Performance"). Archives are generated once per scale (seed
1, 100 files, 500 people) into ``--workdir`` and reused. The index lives in a private
cache folder there; the user's own cache is never touched. Child processes get bytecode
caches (``PYTHONPYCACHEPREFIX``), as an installed package has.

Baselines: ``python -c "import typer, tomllib"`` for start-up; ``jq`` making the same
selection from the same data as one JSON file for repeated queries; one process parsing
every TOML file with ``tomllib`` for the first query after a change. Peak memory is the
largest resident size of any process of the command (``wait4``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, person_name  # noqa: E402

SINCE = "2025-03"
SINCE_DAY = "2025-03-01"
SPEAKER_INDEX = 40  # a speaker with a middling number of statements
SEARCH_WORD = "ceasefire"
FILES = 100
PEOPLE = 500

PARSE_ALL = (
    "import glob, sys, tomllib\n"
    "for name in sorted(glob.glob(sys.argv[1] + '/*.toml')):\n"
    "    with open(name, 'rb') as f:\n"
    "        tomllib.load(f)\n"
)
_SORT = 'sort_by(.start // "", .end // "9999-99-99", .id)'
# `synews search WORD`'s fields, tested case-insensitively as one text per item (faster in jq
# than a test() per field): events, then statements (with the speaker's name, role and
# affiliation), then people. jq neither ranks nor snippets; synews does both.
_FULL_TEXT = (
    'def m: test($word; "i");\n'
    "(.people | map({key: .id, value: [.name, .role, .affiliation]}) | from_entries) as $who\n"
    "| (.events[] | select([.title, .summary, .note, (.places, .actors, .tags)[]?]"
    ' | map(strings) | join("\\n") | m)),\n'
    "  (.claims[] | select([.text, .context, .topics[]?, $who[.speaker][]?]"
    ' | map(strings) | join("\\n") | m)),\n'
    "  (.people[] | select([.name, .role, .affiliation, .aliases[]?]"
    ' | map(strings) | join("\\n") | m))'
)


@dataclass
class Timing:
    """Medians of one command, in seconds, and its peak memory in MB."""

    times: list[float] = field(default_factory=list)
    peak_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


def synews_command() -> list[str]:
    """The console script next to this Python (as a user runs it), else ``-m``."""
    script = Path(sys.executable).with_name("synews")
    return [str(script)] if script.exists() else [sys.executable, "-m", "synews_cli"]


def snapshot(workdir: Path) -> Path:
    """A copy of the synews package (with the bundled dataset) for the whole run: edits to
    the source during a run neither change what is timed nor invalidate its index."""
    import synews_cli
    from synews_cli.dataset.paths import default_data_path

    target = workdir / "src"
    shutil.rmtree(target, ignore_errors=True)
    package = target / "synews_cli"
    shutil.copytree(
        Path(synews_cli.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    (package / "data").mkdir(exist_ok=True)
    shutil.copy2(default_data_path(), package / "data" / "events.toml")
    return target


def child_env(workdir: Path, source: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SYNEWS_NO_CACHE", None)
    env.pop("SYNEWS_DATA", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    env["XDG_CACHE_HOME"] = str(workdir / "cache")
    env["NO_COLOR"] = "1"
    return env


def run_once(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and peak resident MB of one run; output goes to /dev/null."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited with {process.returncode}: {errors.decode()[-500:]}"
        )
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return elapsed, usage.ru_maxrss / scale


def measure(
    commands: dict[str, list[str]],
    env: dict[str, str],
    runs: int,
    before: Callable[[str], None] | None = None,
    warm_up: bool = True,
) -> dict[str, Timing]:
    """Run the commands interleaved, ``runs`` times each, after one warm-up each."""
    found = {name: Timing() for name in commands}
    if warm_up:
        for name, command in commands.items():
            if before:
                before(name)
            run_once(command, env)
    for _ in range(runs):
        for name, command in commands.items():
            if before:
                before(name)
            elapsed, peak = run_once(command, env)
            found[name].times.append(elapsed)
            found[name].peak_mb = max(found[name].peak_mb, peak)
    return found


@dataclass
class Row:
    label: str
    values: dict[str, str]
    target: str


def ratio(a: Timing, b: Timing) -> str:
    return f"{a.median / b.median:.2f}x"


def archive(workdir: Path, scale: int) -> tuple[Path, Path]:
    """The archive of ``scale`` events and statements (generated once), and its JSON."""
    folder = workdir / f"archive-{scale}"
    data = workdir / f"archive-{scale}.json"
    stamp = folder / ".complete"
    if not stamp.exists() or not data.exists():
        print(f"generating {scale} events and {scale} statements ...", file=sys.stderr)
        generate(folder, events=scale, claims=scale, files=FILES, people=PEOPLE, json_file=data)
        stamp.write_text("seed 1\n")
    return folder, data


def clear_index(env: dict[str, str]) -> None:
    shutil.rmtree(Path(env["XDG_CACHE_HOME"]) / "synews", ignore_errors=True)


class Changer:
    """Changes one file of the archive before each run: its content, hence its hash."""

    def __init__(self, folder: Path) -> None:
        self.path = sorted(folder.glob("*.toml"))[FILES // 2]
        self.original = self.path.read_bytes()
        self.count = 0

    def __call__(self, _name: str) -> None:
        self.count += 1
        self.path.write_bytes(self.original + f"# edit {self.count}\n".encode())

    def restore(self) -> None:
        self.path.write_bytes(self.original)


def startup(env: dict[str, str], runs: int) -> list[Row]:
    synews = synews_command()
    found = measure(
        {
            "baseline": [sys.executable, "-c", "import typer, tomllib"],
            "timeline": [*synews, "timeline", "--format", "plain"],
            "help": [*synews, "--help"],
        },
        env,
        runs,
    )
    base = found["baseline"]
    return [
        Row(
            "start-up: `synews timeline -f plain` / `import typer, tomllib`",
            {"bundled": ratio(found["timeline"], base)},
            "<= 1.3x",
        ),
        Row(
            "start-up: `synews --help` / `import typer, tomllib`",
            {"bundled": ratio(found["help"], base)},
            "<= 1.5x",
        ),
        Row(
            "  (medians: import typer, tomllib / timeline / --help)",
            {
                "bundled": f"{base.median * 1000:.0f} / {found['timeline'].median * 1000:.0f}"
                f" / {found['help'].median * 1000:.0f} ms"
            },
            "",
        ),
    ]


def queries(folder: Path, data: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each query as (synews command, jq command making the same selection)."""
    synews = [*synews_command(), "--data", str(folder)]
    speaker_id = f"p{SPEAKER_INDEX:05d}"
    return {
        "timeline": (
            [*synews, "timeline", "--since", SINCE, "-f", "jsonl"],
            [
                "jq",
                "-c",
                f'.events | map(select(.end == null or .end >= "{SINCE_DAY}")) | {_SORT} | .[]',
                str(data),
            ],
        ),
        "speaker": (
            [*synews, "quotes", "--speaker", person_name(SPEAKER_INDEX), "-f", "plain"],
            [
                "jq",
                "-r",
                f'.claims | map(select(.speaker == "{speaker_id}")) | {_SORT} | .[]'
                ' | [.id, .date, .start, .end, .speaker, .kind, .text, .context // ""] | @tsv',
                str(data),
            ],
        ),
        "search": (
            [*synews, "quotes", "--search", SEARCH_WORD, "-f", "jsonl"],
            [
                "jq",
                "-c",
                f'.claims | map(select((.text | test("{SEARCH_WORD}"; "i"))'
                f' or ((.context // "") | test("{SEARCH_WORD}"; "i")))) | {_SORT} | .[]',
                str(data),
            ],
        ),
        "fulltext": (
            [*synews, "search", SEARCH_WORD, "-f", "jsonl"],
            ["jq", "-c", "--arg", "word", SEARCH_WORD, _FULL_TEXT, str(data)],
        ),
    }


LABELS = {
    "timeline": f"`timeline --since {SINCE} -f jsonl`",
    "speaker": "`quotes --speaker NAME -f plain`",
    "search": f"`quotes --search {SEARCH_WORD} -f jsonl`",
    "fulltext": f"`search {SEARCH_WORD} -f jsonl`",
}
# Timed as repeated queries only: its first run after a change builds the same store and
# full-text index as the first `quotes --search`, which is timed.
WARM_ONLY = ("fulltext",)


def scale_results(
    workdir: Path, scale: int, env: dict[str, str], runs: int, cold_runs: int
) -> dict[str, dict[str, Timing]]:
    folder, data = archive(workdir, scale)
    cases = queries(folder, data)
    have_jq = shutil.which("jq") is not None
    results: dict[str, dict[str, Timing]] = {}
    print(f"{scale}: repeated queries ...", file=sys.stderr)
    warm: dict[str, list[str]] = {}
    for name, (ours, theirs) in cases.items():
        warm[name] = ours
        if have_jq:
            warm[f"jq {name}"] = theirs
    results["warm"] = measure(warm, env, runs)
    print(f"{scale}: first query after a change (cold index) ...", file=sys.stderr)
    cold = {name: ours for name, (ours, _) in cases.items() if name not in WARM_ONLY}
    cold["parse"] = [sys.executable, "-c", PARSE_ALL, str(folder)]
    results["cold"] = measure(
        cold, env, cold_runs, before=lambda _name: clear_index(env), warm_up=False
    )
    print(f"{scale}: one file changed ...", file=sys.stderr)
    changer = Changer(folder)
    try:
        results["changed"] = measure(
            {name: ours for name, (ours, _) in cases.items() if name not in WARM_ONLY},
            env,
            runs,
            before=changer,
        )
    finally:
        changer.restore()
    return results


def scale_rows(all_results: dict[int, dict[str, dict[str, Timing]]]) -> list[Row]:
    rows: list[Row] = []
    scales = sorted(all_results)

    def per_scale(function: Callable[[dict[str, dict[str, Timing]]], str]) -> dict[str, str]:
        return {f"{s:,}": function(all_results[s]) for s in scales}

    for name, label in LABELS.items():
        rows.append(
            Row(
                f"repeated {label} / jq",
                per_scale(
                    lambda r, n=name: (
                        ratio(r["warm"][n], r["warm"][f"jq {n}"])
                        if f"jq {n}" in r["warm"]
                        else "no jq"
                    )
                ),
                "<= 0.5x",
            )
        )
        rows.append(
            Row(
                "  (medians: synews / jq)",
                per_scale(
                    lambda r, n=name: (
                        f"{r['warm'][n].median:.2f} / "
                        + (
                            f"{r['warm'][f'jq {n}'].median:.2f} s"
                            if f"jq {n}" in r["warm"]
                            else "-"
                        )
                    )
                ),
                "",
            )
        )
    once = {name: label for name, label in LABELS.items() if name not in WARM_ONLY}
    for name, label in once.items():
        rows.append(
            Row(
                f"first {label} after a change / tomllib parse",
                per_scale(lambda r, n=name: ratio(r["cold"][n], r["cold"]["parse"])),
                "<= 1.2x",
            )
        )
    rows.append(
        Row(
            "  (medians: tomllib parse of every file)",
            per_scale(lambda r: f"{r['cold']['parse'].median:.2f} s"),
            "",
        )
    )
    for name, label in once.items():
        rows.append(
            Row(
                f"{label} after 1 of {FILES} files changed / first",
                per_scale(lambda r, n=name: ratio(r["changed"][n], r["cold"][n])),
                "<= 0.1x",
            )
        )
    if len(scales) >= 2:
        small, large = scales[0], scales[-1]
        for phase, title in (("warm", "repeated"), ("cold", "first"), ("changed", "changed")):
            for name, label in (LABELS if phase == "warm" else once).items():
                a = all_results[large][phase][name].median
                b = all_results[small][phase][name].median
                rows.append(
                    Row(
                        f"growth {large:,}/{small:,}: {title} {label}",
                        {f"{large:,}": f"{a / b:.1f}x"},
                        "<= 12x",
                    )
                )
    peak = {
        f"{s:,}": f"{max(t.peak_mb for phase in all_results[s].values() for n, t in phase.items() if n in LABELS):.0f} MB"  # noqa: E501
        for s in scales
    }
    rows.append(Row("peak memory of any synews process", peak, "< 500 MB"))
    return rows


def print_table(rows: list[Row]) -> None:
    columns: list[str] = []
    for row in rows:
        for key in row.values:
            if key not in columns:
                columns.append(key)
    header = ["measure", *columns, "target"]
    lines = [header, ["---"] * len(header)]
    for row in rows:
        lines.append([row.label, *(row.values.get(c, "") for c in columns), row.target])
    for line in lines:
        print("| " + " | ".join(line) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10000,100000", help="comma-separated item counts")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    parser.add_argument("--cold-runs", type=int, default=3, help="runs of the cold queries")
    parser.add_argument("--startup-runs", type=int, default=21)
    parser.add_argument("--workdir", type=Path, default=None, help="[default: a temp folder]")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="also write raw medians here")
    parser.add_argument(
        "--live", action="store_true", help="time the installed package, not a snapshot of it"
    )
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.gettempdir()) / "synews-benchmark"
    workdir.mkdir(parents=True, exist_ok=True)
    env = child_env(workdir, None if args.live else snapshot(workdir))
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    print(
        f"synews benchmark: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"runs {args.runs} (cold {args.cold_runs}), workdir {workdir}",
        file=sys.stderr,
    )
    rows: list[Row] = []
    if not args.no_startup:
        print("start-up ...", file=sys.stderr)
        rows += startup(env, args.startup_runs)
    results = {
        scale: scale_results(workdir, scale, env, args.runs, args.cold_runs) for scale in scales
    }
    if results:
        rows += scale_rows(results)
    print_table(rows)
    if args.json:
        raw = {
            str(scale): {
                phase: {
                    name: {"median_s": t.median, "peak_mb": t.peak_mb}
                    for name, t in timings.items()
                }
                for phase, timings in phases.items()
            }
            for scale, phases in results.items()
        }
        args.json.write_text(json.dumps(raw, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
