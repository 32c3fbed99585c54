"""The command line: exit codes, stdout versus stderr, output files, terminals and pipes."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from synews_cli import __version__
from synews_cli.cli import app

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"
GOOD = DATA / "good.toml"
HOSTILE = DATA / "hostile.toml"

TRAD_IDS = {
    "trad-bases-likely-retained",
    "trad-strategic-compromise",
    "trad-deterrence-limited",
    "trad-israeli-air-force-restrictions",
    "trad-extradition-highly-unlikely",
    "trad-litmus-test",
}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """The app through Typer's CliRunner (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, list(args), env=env)


def run_process(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """synews as a real process: ``python -m synews_cli ARGS``."""
    return subprocess.run(
        [sys.executable, "-m", "synews_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
        check=False,
    )


def run_in_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """synews with its stdout on a pseudo-terminal; returns (exit code, stdout, stderr)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "synews_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env={**os.environ, "TERM": "xterm-256color", **(env or {})},
    )
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    process.stderr.close()
    code = process.wait(timeout=60)
    os.close(master)
    return code, b"".join(chunks).decode().replace("\r\n", "\n"), stderr


def records(result: Result | subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


# --- Exit codes and streams ----------------------------------------------------------------


def test_success_writes_data_to_stdout_and_nothing_to_stderr() -> None:
    """A successful listing exits 0 with the data on stdout and a clean stderr."""
    result = run("--data", str(GOOD), "timeline", "-f", "plain")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 9
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["plain", "table"])
def test_no_match_is_success_with_a_note_on_stderr(fmt: str) -> None:
    """Nothing matched: exit 0, empty stdout, and a note naming the filters on stderr."""
    result = run("--data", str(GOOD), "timeline", "--search", "zzz", "-f", fmt)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no events matched (--search 'zzz')\n"


@pytest.mark.parametrize(
    ("command", "fmt", "expected"),
    [
        ("timeline", "json", "[]\n"),
        ("quotes", "json", "[]\n"),
        ("timeline", "jsonl", ""),
        ("people", "json", "[]\n"),
    ],
)
def test_no_match_in_machine_formats_is_a_valid_empty_document(
    command: str, fmt: str, expected: str
) -> None:
    """Machine formats print an empty document when nothing matched, and the note on stderr."""
    result = run("--data", str(GOOD), command, "--search", "zzz", "-f", fmt)
    assert result.exit_code == 0
    assert result.stdout == expected
    assert "matched" in result.stderr


def test_no_match_in_csv_is_the_header_only() -> None:
    """CSV with nothing matched is the header line alone."""
    result = run("--data", str(GOOD), "quotes", "--search", "zzz", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [result.stdout.splitlines()[0]]
    assert result.stdout.startswith("id,date,when,")
    assert result.stderr == "no statements matched (--search 'zzz')\n"


BAD_DATES = ["08/12/2024", "2025-02-30", "2024-13", "soon", "Dec", "2024-12-08 10:00"]


@pytest.mark.parametrize("command", ["timeline", "quotes"])
@pytest.mark.parametrize("option", ["--since", "--until", "--on"])
@pytest.mark.parametrize("value", BAD_DATES)
def test_bad_date_is_a_usage_error_naming_option_and_value(
    command: str, option: str, value: str
) -> None:
    """Every refused date exits 2 naming the option and the value, with nothing on stdout."""
    result = run(command, option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {option}: {value!r}")
    assert "Traceback" not in result.stderr


def test_ambiguous_numeric_date_suggests_iso() -> None:
    """08/12/2024 is refused with the ISO spelling suggested."""
    result = run("timeline", "--since", "08/12/2024")
    assert "2024-12-08" in result.stderr


def test_since_later_than_until_is_refused() -> None:
    """--since after --until is a usage error naming both."""
    result = run("timeline", "--since", "2025", "--until", "2024")
    assert result.exit_code == 2
    assert "--since '2025' and --until '2024'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "-f", "yaml"],
        ["timeline", "--limit", "0"],
        ["timeline", "--no-such-option"],
        ["quotes", "--kind", "qoute"],
        ["quotes", "--status", "true"],
        ["quotes", "--speaker", "Trda"],
        ["quotes", "--about", "assad-fals"],
        ["show", "assad-fals"],
        ["show", "assad-falls", "-f", "csv"],
    ],
)
def test_usage_errors_exit_2_with_a_message_on_stderr(args: list[str]) -> None:
    """Bad options, values, names and ids exit 2 with stdout empty and no traceback."""
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_lists_the_formats() -> None:
    """An unknown --format names the formats that exist."""
    result = run("timeline", "-f", "yaml")
    assert "--format 'yaml' is not a format; choose one of table, plain, csv" in result.stderr


def test_unknown_speaker_suggests_a_name() -> None:
    """A misspelt speaker is refused with a did-you-mean and a hint."""
    result = run("quotes", "--speaker", "Trda")
    assert "did you mean Ruslan Trad?" in result.stderr
    assert "hint: 'synews people' lists every speaker" in result.stderr


def test_ambiguous_speaker_prints_a_note_and_every_match() -> None:
    """A name matching several people shows all their statements and says so on stderr."""
    result = run("--data", str(GOOD), "quotes", "--speaker", "Doe", "-f", "json")
    assert result.exit_code == 0
    assert {r["speaker"] for r in records(result)} == {"jane-doe", "john-doe"}
    assert result.stderr == "note: --speaker 'Doe' matches 2 people: Jane Doe, John Doe\n"


# --- Invalid data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["timeline"], ["quotes"], ["people"], ["show", "first-bad"], ["check"]],
)
def test_every_command_refuses_invalid_data_with_exit_1(command: list[str]) -> None:
    """Invalid data stops every command with exit 1, the problems listed, no traceback."""
    path = BROKEN / "many_problems.toml"
    result = run("--data", str(path), *command)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}:13: first-bad: date: '2024-13': month 13 does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_data_message_points_to_check() -> None:
    """Listing commands end with a summary and a hint to run synews check."""
    result = run("--data", str(BROKEN / "many_problems.toml"), "timeline")
    assert "Error: the dataset has 5 problems" in result.stderr
    assert "hint: run 'synews check'" in result.stderr


def test_missing_data_path_is_exit_1() -> None:
    """A --data path that does not exist is a data error naming the path."""
    result = run("--data", "/nonexistent/data.toml", "timeline")
    assert result.exit_code == 1
    assert "/nonexistent/data.toml: no such file or folder" in result.stderr


# --- check ---------------------------------------------------------------------------------


def test_check_good_file_prints_a_one_line_summary() -> None:
    """synews check on a valid file exits 0 with a one-line summary and nothing else."""
    result = run("check", str(GOOD))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "ok: 9 events, 7 statements, 6 people, 2 sources in 1 file\n"


def test_check_counts_merged_files() -> None:
    """check on a folder and a file counts every file."""
    result = run("check", str(DATA / "good_split"), str(DATA / "extra.toml"))
    assert result.exit_code == 0
    assert result.stderr.endswith("in 3 files\n")


def test_check_lists_warnings_but_succeeds() -> None:
    """Warnings are listed, counted in the summary, and do not change the exit code."""
    result = run("check", str(HOSTILE))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[-1] == "ok: 7 events, 2 statements, 2 people, 1 source in 1 file, 6 warnings"
    assert all(": warning: " in line for line in lines[:-1])
    assert len(lines) == 7


def test_check_bad_files_lists_every_problem() -> None:
    """check on broken files exits 1, listing each problem, then a count."""
    paths = [BROKEN / "unknown_refs.toml", BROKEN / "syntax.toml"]
    result = run("check", *map(str, paths))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:4] == [
        f"{paths[1]}:4: TOML syntax error: Illegal character '\\n'",
        f"{paths[0]}:21: cites-nothing: source: unknown source 'sauce'",
        f"{paths[0]}:27: says-nothing: speaker: unknown person 'speakr' (did you mean 'speaker'?)",
        f"{paths[0]}:27: says-nothing: about: unknown event 'known-evnt' "
        "(did you mean 'known-event'?)",
    ]
    assert f"Error: 4 problems in {paths[0]}, {paths[1]}" in result.stderr


def test_check_without_paths_checks_the_active_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    """check with no argument checks --data, else SYNEWS_DATA, else the bundled dataset."""
    assert run("check").exit_code == 0
    monkeypatch.setenv("SYNEWS_DATA", str(BROKEN / "bad_date.toml"))
    assert run("check").exit_code == 1
    assert run("--data", str(GOOD), "check").exit_code == 0


# --- Which data ------------------------------------------------------------------------------


def test_data_option_wins_over_synews_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """--data replaces SYNEWS_DATA, which replaces the bundled dataset."""
    monkeypatch.setenv("SYNEWS_DATA", str(DATA / "good_split"))
    from_env = records(run("timeline", "-f", "json"))
    assert [r["id"] for r in from_env] == ["split-event"]
    from_option = records(run("--data", str(GOOD), "timeline", "-f", "json"))
    assert len(from_option) == 9


def test_repeated_data_options_merge() -> None:
    """Several --data options form one dataset."""
    result = run("--data", str(DATA / "good_split"), "-d", str(DATA / "extra.toml"), "timeline")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "split-event",
        "extra-event",
    ]


# --- Output files ----------------------------------------------------------------------------


def test_output_infers_the_format_from_the_extension(tmp_path: Path) -> None:
    """-o FILE.csv writes CSV, -o FILE.json JSON, -o FILE.md Markdown, -o FILE.txt plain."""
    for name, check in [
        ("out.csv", lambda text: text.startswith("id,date,when")),
        ("out.json", lambda text: len(json.loads(text)) == 9),
        ("out.md", lambda text: text.startswith("| id | date |")),
        ("out.txt", lambda text: text.startswith("patrols\t")),
        ("out.TSV", lambda text: text.startswith("id\tdate\t")),
    ]:
        target = tmp_path / name
        result = run("--data", str(GOOD), "timeline", "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert check(target.read_text(encoding="utf-8")), name


def test_output_confirms_on_stderr(tmp_path: Path) -> None:
    """Writing a file says what was written, on stderr."""
    target = tmp_path / "out.csv"
    result = run("--data", str(GOOD), "quotes", "-o", str(target))
    assert result.stderr == f"wrote 7 statements to {target}\n"


def test_explicit_format_wins_over_the_extension(tmp_path: Path) -> None:
    """-f json -o out.csv writes JSON."""
    target = tmp_path / "out.csv"
    run("--data", str(GOOD), "people", "-f", "json", "-o", str(target))
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 6


def test_unknown_extension_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    """-o out.xyz exits 2 with the known extensions, and creates no file."""
    target = tmp_path / "out.xyz"
    result = run("timeline", "-o", str(target))
    assert result.exit_code == 2
    assert "cannot tell the format from the extension '.xyz'" in result.stderr
    assert ".csv" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_dash_output_is_stdout() -> None:
    """-o - writes to stdout, with no confirmation."""
    result = run("--data", str(GOOD), "timeline", "-o", "-")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 9
    assert result.stderr == ""


def test_output_to_a_missing_folder_is_exit_1(tmp_path: Path) -> None:
    """A file in a folder that does not exist cannot be written: exit 1 with a hint."""
    result = run("timeline", "-o", str(tmp_path / "missing" / "out.csv"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert "hint:" in result.stderr


def test_no_match_to_a_file_writes_an_empty_document(tmp_path: Path) -> None:
    """Nothing matched with -o out.json writes [] and says 0 were written."""
    target = tmp_path / "out.json"
    result = run("--data", str(GOOD), "timeline", "--search", "zzz", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == []
    assert result.stderr == f"wrote 0 events to {target}\n"


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), RuntimeError("x")])
def test_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    """A renderer failing mid-write leaves an existing file unchanged and no temp file."""
    import synews_cli.render.flat as flat

    target = tmp_path / "out.csv"
    target.write_text("precious\n", encoding="utf-8")

    def failing(listing: Any, out: io.TextIOBase, options: Any) -> None:
        out.write("partial,")
        raise failure

    monkeypatch.setattr(flat, "render_csv", failing)
    result = run("--data", str(GOOD), "timeline", "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    if isinstance(failure, OSError):
        assert f"cannot write {target}: No space left on device" in result.stderr


def test_output_replaces_an_existing_file_keeping_its_mode(tmp_path: Path) -> None:
    """Overwriting a file replaces its content and keeps its permissions."""
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    run("--data", str(GOOD), "timeline", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("id,")
    assert target.stat().st_mode & 0o777 == 0o640


def test_output_file_is_utf8_csv_with_neutralised_formulas(tmp_path: Path) -> None:
    """A CSV file of hostile data is UTF-8 with formulas neutralised; --raw-cells keeps them."""
    target = tmp_path / "out.csv"
    run("--data", str(HOSTILE), "timeline", "-o", str(target))
    with target.open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["h-formula"]["title"].startswith("'=HYPERLINK")
    assert rows["h-arabic-text"]["title"] == "قاعدة حميميم"
    run("--data", str(HOSTILE), "timeline", "--raw-cells", "-o", str(target))
    with target.open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["h-formula"]["title"].startswith("=HYPERLINK")


# --- show ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "heading", "link"),
    [
        ("assad-falls", "event assad-falls: ", "statements about it ("),
        (
            "trad-litmus-test",
            "statement trad-litmus-test: Ruslan Trad, quote",
            "events it is about (",
        ),
        ("ruslan-trad", "person ruslan-trad: Ruslan Trad", "statements (6):"),
        ("national-hmeimim-2025-10", "source national-hmeimim-2025-10: The National", "events ("),
    ],
)
def test_show_prints_every_kind_of_item(item: str, heading: str, link: str) -> None:
    """show prints an event, a statement, a person and a source with their links."""
    result = run("show", item, "-f", "plain")
    assert result.exit_code == 0
    assert result.stdout.startswith(heading)
    assert link in result.stdout
    assert result.stderr == ""
    assert re.search(r"defined at +\S+events\.toml:\d+\n", result.stdout), result.stdout


def test_show_json_is_parseable() -> None:
    """show -f json prints one JSON object: the item's record and its links as ids."""
    result = run("show", "trad-litmus-test", "-f", "json")
    detail = json.loads(result.stdout)
    assert (detail["type"], detail["id"], detail["kind"]) == ("claim", "trad-litmus-test", "quote")
    assert detail["speaker"] == "ruslan-trad"
    assert detail["about"] == ["assad-flees-to-moscow"]


def test_show_unknown_id_suggests_close_ids() -> None:
    """An unknown id exits 2 with the closest ids suggested."""
    result = run("show", "assad-fals")
    assert result.exit_code == 2
    assert "nothing in the dataset has the id or the name 'assad-fals'" in result.stderr
    assert "did you mean assad-falls" in result.stderr


def test_show_keeps_hostile_text_inert() -> None:
    """show removes escapes and bidi overrides and keeps markup literal."""
    for item in ("h-escape", "h-bidi", "h-markup"):
        for fmt in ("plain", "table"):
            result = run("--data", str(HOSTILE), "show", item, "-f", fmt)
            assert result.exit_code == 0
            assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    markup = run("--data", str(HOSTILE), "show", "h-markup", "-f", "table").stdout
    assert "[bold red]x[/]" in markup and "[sic]" in markup


# --- The design card's examples on the bundled dataset ------------------------------------------


def test_timeline_since_december_2024() -> None:
    """--since 2024-12 shows the fall of Assad, the March massacres and the 15 October meeting,
    and nothing that ended before December 2024."""
    found = records(run("timeline", "--since", "2024-12", "-f", "json"))
    ids = [r["id"] for r in found]
    for expected in ("assad-falls", "coastal-massacres", "putin-shara-meeting"):
        assert expected in ids
    assert ids.index("assad-falls") < ids.index("coastal-massacres")
    assert ids.index("coastal-massacres") < ids.index("putin-shara-meeting")
    assert all(r["end"] is None or r["end"] >= "2024-12-01" for r in found)
    assert "golan-disengagement-treaty" not in ids
    everything = records(run("timeline", "-f", "json"))
    ended_before = {r["id"] for r in everything if r["end"] and r["end"] < "2024-12-01"}
    assert ended_before and not ended_before & set(ids)
    meeting = next(r for r in found if r["id"] == "putin-shara-meeting")
    assert meeting["when"] == "15 Oct 2025"


def test_quotes_speaker_trad_shows_only_trad() -> None:
    """quotes --speaker Trad shows exactly Trad's six statements and nobody else's."""
    found = records(run("quotes", "--speaker", "Trad", "-f", "json"))
    assert {r["id"] for r in found} == TRAD_IDS
    assert len(found) == len(TRAD_IDS)
    assert {r["speaker_name"] for r in found} == {"Ruslan Trad"}


def test_quotes_affiliation_washington_institute() -> None:
    """quotes --affiliation "Washington Institute" gives Borshchevskaya and Zelin."""
    found = records(run("quotes", "--affiliation", "Washington Institute", "-f", "json"))
    assert {r["speaker_name"] for r in found} == {"Anna Borshchevskaya", "Aaron Zelin"}


def test_timeline_place_and_actor_are_case_insensitive() -> None:
    """--place hmeimim and --actor russia match Hmeimim and Russia."""
    hmeimim = records(run("timeline", "--place", "hmeimim", "-f", "json"))
    assert hmeimim and all("Hmeimim" in r["places"] for r in hmeimim)
    russia = records(run("timeline", "--actor", "russia", "--place", "golan heights", "-f", "json"))
    assert {r["id"] for r in russia} == {"golan-patrol-arrangement-2018", "russia-golan-concession"}


def test_on_a_day_shows_the_month_events() -> None:
    """--on 2025-03-08 shows the massacres dated March 2025."""
    ids = [r["id"] for r in records(run("timeline", "--on", "2025-03-08", "-f", "json"))]
    assert "coastal-massacres" in ids


# --- Version and module entry point ---------------------------------------------------------------


def test_version_option() -> None:
    """--version prints the version on stdout and exits 0."""
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"synews {__version__}\n"


def test_python_m_synews_cli_works() -> None:
    """python -m synews_cli runs the CLI."""
    version = run_process("--version")
    assert (version.returncode, version.stdout) == (0, f"synews {__version__}\n")
    listing = run_process("--data", str(GOOD), "timeline")
    assert listing.returncode == 0
    assert listing.stdout.splitlines()[0].startswith("patrols\t../2018\t")


def test_console_script_is_installed() -> None:
    """The synews console script runs next to the interpreter."""
    script = Path(sys.executable).with_name("synews")
    if not script.exists():
        found = shutil.which("synews")
        if found is None:
            pytest.skip("the synews script is not installed")
        script = Path(found)
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout == f"synews {__version__}\n"


# --- Real processes: exit codes, pipes and terminals ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--data", str(GOOD), "timeline"], 0),
        (["--data", str(GOOD), "timeline", "--search", "zzz"], 0),
        (["--data", str(BROKEN / "bad_date.toml"), "timeline"], 1),
        (["--data", str(GOOD), "timeline", "--since", "08/12/2024"], 2),
        (["--data", str(GOOD), "show", "nope"], 2),
        (["--data", str(GOOD), "check"], 0),
        (["check", str(BROKEN / "not_utf8.toml")], 1),
    ],
)
def test_process_exit_codes(args: list[str], code: int) -> None:
    """A real process exits 0 on success or no match, 1 on bad data, 2 on usage errors."""
    result = run_process(*args)
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    if code:
        assert result.stdout == ""
        assert result.stderr.count("Error: ") == 1


def test_pipe_default_is_plain() -> None:
    """In a pipe the default format is plain: tab-separated, no escapes, no footer."""
    result = run_process("--data", str(GOOD), "timeline")
    lines = result.stdout.splitlines()
    assert len(lines) == 9
    assert all(len(line.split("\t")) == 14 for line in lines)
    assert "\x1b" not in result.stdout


def test_terminal_default_is_the_table_view() -> None:
    """On a terminal the default format is the table view, with its footer and colour."""
    code, out, err = run_in_terminal("--data", str(GOOD), "timeline")
    assert code == 0, err
    assert "\t" not in out
    assert "\x1b[" in out
    plain = out.replace("\x1b[0m", "")
    assert "9 events" in plain
    assert "Leaders meet in Moscow" in plain


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-color", "timeline"], {}),
        (["timeline"], {"NO_COLOR": "1"}),
        (["--no-color", "quotes"], {}),
        (["people"], {"NO_COLOR": "1"}),
        (["show", "meeting"], {"NO_COLOR": "1"}),
        (["--no-color", "show", "meeting"], {}),
    ],
)
def test_no_color_means_no_escapes_on_a_terminal(args: list[str], env: dict[str, str]) -> None:
    """--no-color and NO_COLOR give a table view with no escape sequence at all."""
    code, out, err = run_in_terminal("--data", str(GOOD), *args, env=env)
    assert code == 0, err
    assert out.strip()
    assert "\x1b" not in out


def test_show_defaults_to_plain_in_a_pipe_and_table_on_a_terminal() -> None:
    """show picks plain for a pipe and the styled view for a terminal."""
    piped = run_process("--data", str(GOOD), "show", "meeting")
    assert piped.stdout.startswith("event meeting: Leaders meet in Moscow\n")
    code, out, _ = run_in_terminal("--data", str(GOOD), "show", "meeting")
    assert code == 0
    assert "\x1b[" in out


def test_table_format_in_a_pipe_has_no_escapes() -> None:
    """-f table into a pipe or a file is unstyled: escapes only go to terminals."""
    for args in (["timeline", "-f", "table"], ["show", "meeting", "-f", "table"]):
        result = run_process("--data", str(GOOD), *args)
        assert result.returncode == 0
        assert "\x1b" not in result.stdout


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset whose listing is far larger than a pipe's buffer."""
    path = tmp_path_factory.mktemp("big") / "big.toml"
    parts = ['[[sources]]\nid = "s"\noutlet = "o"\npublished = "2025"\nkind = "article"\n']
    summary = "word " * 40
    for number in range(2500):
        parts.append(
            f'[[events]]\nid = "e{number}"\ndate = "2024-12"\ntitle = "Event {number}"\n'
            f'summary = "{summary}"\nsource = "s"\n'
        )
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="no bash")
@pytest.mark.parametrize("fmt", [None, "json", "jsonl", "csv", "table"])
def test_closed_pipe_stops_quietly(big_dataset: Path, tmp_path: Path, fmt: str | None) -> None:
    """`synews timeline | head -1` prints one line, exits 0, with no traceback or message."""
    err = tmp_path / "stderr.txt"
    command = [sys.executable, "-m", "synews_cli", "--data", str(big_dataset), "timeline"]
    if fmt:
        command += ["-f", fmt]
    script = " ".join(f"'{part}'" for part in command)
    result = subprocess.run(
        ["bash", "-c", f'{script} 2>"{err}" | head -1; echo "status=${{PIPESTATUS[0]}}"'],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1] == "status=0"
    assert err.read_text(encoding="utf-8") == ""


# --- Property: no traceback whatever the date ------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_since_value_exits_0_or_2_without_a_traceback(value: str) -> None:
    """synews timeline --since <anything> either works or is a usage error, never a crash."""
    result = CliRunner().invoke(app, ["--data", str(GOOD), "timeline", f"--since={value}"])
    assert result.exit_code in (0, 2), result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [
        ["timeline", "-f", "table"],
        ["quotes", "-f", "table"],
        ["people", "-f", "table"],
        ["show", "putin-shara-meeting", "-f", "table"],
    ],
)
def test_no_color_after_the_command_removes_colour(command: list[str]) -> None:
    """`--no-color` works after the command name too, even when FORCE_COLOR asks for colour."""
    forced = CliRunner().invoke(app, command, env={"FORCE_COLOR": "1"})
    assert forced.exit_code == 0
    assert "\x1b[" in forced.stdout
    plain = CliRunner().invoke(app, [*command, "--no-color"], env={"FORCE_COLOR": "1"})
    assert plain.exit_code == 0
    assert "\x1b[" not in plain.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["quotes", "--kind", "qoute"],
            "--kind 'qoute' is not one of quote, paraphrase, no-comment; did you mean quote?",
        ),
        (
            ["quotes", "--status", "true"],
            "--status 'true' is not one of open, came-true, "
            "proved-false, disputed; did you mean came-true?",
        ),
        (
            ["search", "x", "--sort", "dates"],
            "--sort 'dates' is not one of relevance, date; did you mean date?",
        ),
        (["timeline", "--by", "week"], "--by 'week' is not a period"),
        (["timeline", "-f", "yaml"], "--format 'yaml' is not a format; choose one of table"),
    ],
)
def test_a_bad_choice_names_the_choices_and_the_closest(args: list[str], message: str) -> None:
    """An option that takes one of a few words refuses any other before anything is read,
    naming them and, when one is close, suggesting it."""
    result = run("--data", "no-such-folder", *args)  # the value is refused before the data
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("value", ["QUOTE", " paraphrase "])
def test_a_choice_ignores_case_and_spaces(value: str) -> None:
    """--kind Quote is --kind quote."""
    assert run("quotes", "--kind", value, "-f", "plain").exit_code == 0
