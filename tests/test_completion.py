"""Shell completion: the scripts for bash, zsh and fish, and the values completed from the
store the last command left (ids, speakers, places, tags ...), through the protocol the
scripts speak, in real processes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synews_cli.cli.completion import matching

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good.toml"


def synews(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m synews_cli ARGS`` with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "synews_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def complete_bash(line: str) -> subprocess.CompletedProcess[str]:
    """What bash gets at Tab after ``line`` (the last word being completed)."""
    words = line.split(" ")
    return synews(_SYNEWS_COMPLETE="complete_bash", COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))


@pytest.fixture
def good_store() -> None:
    """The store of good.toml, left by a command as a user's first command would leave it."""
    assert synews("--data", str(GOOD), "people").returncode == 0


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _synews_completion synews"),
        ("zsh", "compdef _synews_completion synews"),
        ("fish", "complete --command synews"),
    ],
)
def test_show_completion_prints_each_shells_script(shell: str, marker: str) -> None:
    """--show-completion SHELL prints that shell's script, speaking _SYNEWS_COMPLETE."""
    result = synews("--show-completion", shell)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    assert f"_SYNEWS_COMPLETE=complete_{shell}" in result.stdout


def test_an_unknown_shell_is_a_usage_error() -> None:
    """A shell synews has no script for: exit 2 naming the shells."""
    result = synews("--show-completion", "tcsh")
    assert result.returncode == 2
    assert "bash, zsh, fish" in result.stderr


def test_install_completion_writes_to_the_shells_start_up_file(tmp_path: Path) -> None:
    """--install-completion bash adds the script to ~/.bashrc (HOME a scratch folder)."""
    result = synews("--install-completion", "bash", HOME=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "synews" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_start_up_file_that_cannot_be_written_is_named(tmp_path: Path, shell: str) -> None:
    """Where the script or the start-up file should go is a folder, or a file where a
    folder should be: one error naming that path (exit 1), and how to install by hand."""
    for name in (".bashrc", ".zshrc", ".config"):
        (tmp_path / name).mkdir()
    (tmp_path / ".bash_completions").mkdir()
    (tmp_path / ".bash_completions" / "synews.sh").mkdir()
    (tmp_path / ".zfunc").write_text("", encoding="utf-8")
    (tmp_path / ".config" / "fish").write_text("", encoding="utf-8")
    result = synews("--install-completion", shell, HOME=str(tmp_path))
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("Error: ") == 1 and "Traceback" not in result.stderr
    assert str(tmp_path) in result.stderr
    assert f"--show-completion {shell}" in result.stderr


def test_commands_and_options_complete() -> None:
    """Commands and options complete without any dataset."""
    assert complete_bash("synews sh").stdout.split() == ["show"]
    assert "--show-completion" in complete_bash("synews --sh").stdout.split()


def test_ids_complete_for_show_and_edit(good_store: None) -> None:
    """show and edit complete ids of every kind by prefix."""
    shown = complete_bash(f"synews --data {GOOD} show doe").stdout.split()
    assert shown == ["doe-bases-stay", "doe-transactional"]
    edited = complete_bash(f"synews --data {GOOD} edit jo").stdout.split()
    assert edited == ["john-doe", "john-strikes-end", "jose-muller"]


def test_about_completes_event_ids_only(good_store: None) -> None:
    """--about offers events, not statements or people."""
    found = complete_bash(f"synews --data {GOOD} quotes --about m").stdout.split()
    assert found == ["massacres", "meeting"]


def test_speakers_complete_by_id_name_and_alias(good_store: None) -> None:
    """--speaker offers ids, names and aliases, ignoring case and accents."""
    found = complete_bash(f"synews --data {GOOD} quotes --speaker j").stdout.splitlines()
    assert {"jane-doe", "john-doe", "jose-muller", r"jane\ Doe", r"josé\ Müller"} <= set(found)
    assert complete_bash(f"synews --data {GOOD} quotes --speaker pep").stdout.split() == ["pepe"]


def test_places_complete_with_spaces_escaped_for_bash(good_store: None) -> None:
    """A place of two words reaches bash escaped, so it stays one argument."""
    found = complete_bash(f"synews --data {GOOD} timeline --place Gol").stdout.splitlines()
    assert found == [r"Golan\ Heights"]
    accent = complete_bash(f"synews --data {GOOD} timeline --place ha").stdout.splitlines()
    assert accent == ["hamā"]  # Ḥamā, as typed and then as written


def test_zsh_and_fish_get_values_unescaped(good_store: None) -> None:
    """zsh and fish quote values themselves: the place comes as written."""
    args = f"synews --data {GOOD} timeline --place Gol"
    zsh = synews(_SYNEWS_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=args)
    assert '"Golan Heights"' in zsh.stdout
    fish = synews(
        _SYNEWS_COMPLETE="complete_fish",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        _TYPER_COMPLETE_ARGS=args,
    )
    assert fish.stdout.splitlines() == ["Golan Heights"]


def test_tags_and_topics_complete(good_store: None) -> None:
    """--tag offers the tags in use, --topic the topics."""
    assert complete_bash(f"synews --data {GOOD} timeline --tag mi").stdout.split() == ["military"]
    topics = complete_bash(f"synews --data {GOOD} quotes --topic russian").stdout.splitlines()
    assert topics == [r"russian\ bases"]


def test_without_a_store_nothing_is_completed_and_no_toml_is_read(tmp_path: Path) -> None:
    """Before any command has built the store, completion offers nothing (and reads no TOML)."""
    result = complete_bash(f"synews --data {GOOD} show doe")
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")
    assert not any((Path(os.environ["XDG_CACHE_HOME"]) / "synews").glob("index-*"))


@pytest.mark.parametrize(
    "data",
    ["/nonexistent/story.toml", str(DATA / "broken"), "\x1b[31m.toml", "/dev/null"],
)
def test_a_broken_dataset_gives_no_completions_and_no_traceback(data: str) -> None:
    """Completion with a missing, broken or absurd --data is silent."""
    result = complete_bash(f"synews --data {data} show a")
    assert result.returncode == 0
    assert result.stdout.strip() == "" and result.stderr == ""


def test_a_damaged_store_gives_no_completions(good_store: None) -> None:
    """A store file that is not SQLite any more: no completions, no message."""
    for store in (Path(os.environ["XDG_CACHE_HOME"]) / "synews").glob("index-*.sqlite"):
        store.write_bytes(b"not a database" * 100)
    result = complete_bash(f"synews --data {GOOD} show doe")
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    "env",
    [
        {"_SYNEWS_COMPLETE": "complete_bash"},
        {"_SYNEWS_COMPLETE": "complete_bash", "COMP_WORDS": "synews show r", "COMP_CWORD": "x"},
    ],
    ids=["no-words", "cword-not-a-number"],
)
def test_a_shell_that_speaks_the_protocol_wrongly_gets_nothing(env: dict[str, str]) -> None:
    """Completion variables that are missing or garbled: no completions, nothing on stderr
    (the shell would print it over the prompt), no "internal error"."""
    result = synews(**env)
    assert result.stderr == "" and result.stdout.strip() == ""


def test_matching_keeps_what_was_typed_and_ignores_case_and_accents() -> None:
    """The typed text is kept and the rest of each value added; each value once."""
    values = ["Tartus", "Ḥamā", "Tartus", "Latakia"]
    assert matching(values, "tar") == ["tartus"]
    assert matching(values, "Tar") == ["Tartus"]
    assert matching(values, "HA") == ["HAmā"]
    assert matching(values, "") == ["Tartus", "Ḥamā", "Latakia"]


@given(values=st.lists(st.text(max_size=12), max_size=8), typed=st.text(max_size=4))
def test_every_completion_starts_with_what_was_typed(values: list[str], typed: str) -> None:
    """Shells (and Typer) keep only values that start with the typed text: each one does."""
    for found in matching([*values, *((v, "what it is") for v in values)], typed):
        value = found if isinstance(found, str) else found[0]
        assert value.startswith(typed)


def test_sources_complete_by_id_and_outlet(good_store: None) -> None:
    """--source offers source ids and outlets."""
    found = complete_bash(f"synews --data {GOOD} timeline --source src-").stdout.split()
    assert found == ["src-article", "src-interview"]
    outlets = complete_bash(f"synews --data {GOOD} quotes --source radio").stdout.splitlines()
    assert outlets == [r"radio\ Example"]


def test_zsh_and_fish_show_what_each_id_is(good_store: None) -> None:
    """Ids come with a description (date and title, who said what) that zsh and fish show."""
    args = f"synews --data {GOOD} show mee"
    fish = synews(
        _SYNEWS_COMPLETE="complete_fish",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        _TYPER_COMPLETE_ARGS=args,
    )
    assert fish.stdout.splitlines() == ["meeting\t15 Oct 2025  Leaders meet in Moscow"]
    zsh = synews(_SYNEWS_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=args)
    assert '"meeting":"15 Oct 2025  Leaders meet in Moscow"' in zsh.stdout
    bash = complete_bash(args)
    assert bash.stdout.split() == ["meeting"]


HOSTILE_VALUES = {  # as TOML strings (JSON's escapes are TOML's)
    '"Golan Heights"': json.dumps("Tar\u001b]8;;http://evil\u001b\\tus\u001b[2J"),
    '"Pepe"': json.dumps("Pe\u202epe\u001b[5m"),
    '"Radio Example"': json.dumps("Radio\nExample\u009b31m"),
}
# Anything a terminal acts on, and line ends that split one completion into two.
ACTIVE = "[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


@pytest.fixture
def hostile_store(tmp_path: Path) -> Path:
    """good.toml with escape sequences, bidi overrides and newlines in a place, an alias
    and an outlet, and its store built."""
    text = GOOD.read_text(encoding="utf-8")
    for plain, hostile in HOSTILE_VALUES.items():
        text = text.replace(plain, hostile)
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    assert synews("--data", str(path), "people").returncode == 0
    return path


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("timeline --place Tar", "Tar]8;;http://evil\\tus[2J"),
        ("quotes --speaker Pe", "Pepe[5m"),
        ("quotes --source Radio", "Radio Example31m"),
    ],
)
def test_values_from_the_data_reach_every_shell_inert_and_on_one_line(
    hostile_store: Path, command: str, expected: str
) -> None:
    """A value holding escape sequences, bidi overrides or a newline is offered once, on one
    line, with nothing a terminal acts on, in bash, zsh and fish."""
    args = f"synews --data {hostile_store} {command}"
    bash = complete_bash(args).stdout
    zsh = synews(_SYNEWS_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=args).stdout
    fish = synews(
        _SYNEWS_COMPLETE="complete_fish",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        _TYPER_COMPLETE_ARGS=args,
    ).stdout
    for shell, output in (("bash", bash), ("zsh", zsh), ("fish", fish)):
        assert not re.search(ACTIVE, output.rstrip("\n").replace("\t", " ")), (shell, output)
    assert bash.splitlines() == ["".join(f"\\{c}" if c in " \\;[]" else c for c in expected)]
    assert [line.split("\t")[0] for line in fish.splitlines()] == [expected]


# Values that end in a backslash, or hold quotes and shell syntax: in zsh, whose script
# evals what synews prints (and _arguments evals each ((...)) list again), one of them
# must never end its quoted string early and run the rest.
BREAKOUT_VALUES = [
    "a\\",
    "b) ; touch pwned-1 ; (",
    "c$(touch pwned-2)",
    "d`touch pwned-3`",
    'e"f',
    "g'h",
    'i\\"; touch pwned-4; "',
]


def zsh_words(output: str) -> list[str]:
    """The words zsh's _arguments makes of a ``((...))`` list that synews printed: the
    script's eval (single quotes, in which '' is nothing), then _arguments' eval of
    ``ws=( LIST )`` (double quotes, in which a backslash escapes \\ $ ` and ").
    Anything outside the quotes but spaces and the colon before a description is a
    breakout, and fails."""
    prefix, suffix = "_arguments '*: :((", "))'"
    assert output.startswith(prefix) and output.rstrip("\n").endswith(suffix), output
    body = output.rstrip("\n")[len(prefix) : -len(suffix)].replace("''", "")
    words, word, quoted, index = [], "", False, 0
    while index < len(body):
        char = body[index]
        if quoted and char == "\\" and index + 1 < len(body) and body[index + 1] in '\\$`"':
            word += body[index + 1]
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif quoted:
            word += char
        elif char.isspace():
            if word:
                words.append(word)
            word = ""
        elif char == ":":  # between a value and its description
            word += char
        else:
            raise AssertionError(f"{char!r} outside the quotes at {index}: {body!r}")
        index += 1
    assert not quoted, body
    return [*words, word] if word else words


@pytest.fixture
def breakout_store(tmp_path: Path) -> Path:
    """Events whose places and titles are BREAKOUT_VALUES, and the store built."""
    parts = [
        '[[sources]]\nid = "s"\noutlet = "o"\npublished = "2025"\nkind = "article"\n',
    ]
    for index, value in enumerate(BREAKOUT_VALUES):
        parts.append(
            f'[[events]]\nid = "e{index}"\ndate = "2024"\ntitle = {json.dumps(value)}\n'
            f'source = "s"\nplaces = [{json.dumps(value)}]\n'
        )
    path = tmp_path / "breakout.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    assert synews("--data", str(path), "timeline").returncode == 0
    return path


@pytest.mark.parametrize("command", ["timeline --place ", "show e"])
def test_zsh_gets_every_value_quoted_whole(breakout_store: Path, command: str) -> None:
    """Each value (and each description) stays inside its quotes through both of zsh's
    evals: a place or title ending in a backslash cannot run the words after it."""
    args = f"synews --data {breakout_store} {command}"
    output = synews(_SYNEWS_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=args).stdout
    assert len(zsh_words(output)) == len(BREAKOUT_VALUES)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_a_tab_in_zsh_runs_nothing_the_data_says(breakout_store: Path, tmp_path: Path) -> None:
    """zsh itself, doing what synews's script and _arguments do with the output: no
    command from the data runs (they would touch files in the current folder), and each
    value arrives whole, backslashes and all."""
    emulation = (
        '_arguments() { local action=${1#*: :} ws; eval ws\\=\\( "${action[3,-3]}" \\); '
        'print -rl -- "${ws[@]}"; }\n'
        f"words=(synews --data {breakout_store} timeline --place '')\n"
        "CURRENT=${#words}\n"
        'eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _SYNEWS_COMPLETE=complete_zsh'
        f" {sys.executable} -m synews_cli)\n"
    )
    result = subprocess.run(
        ["zsh", "-f", "-c", emulation], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert result.stderr == ""
    assert not list(tmp_path.glob("pwned-*"))
    # Typer doubles quotes for zsh, which drops them (safely): the rest arrives whole.
    expected = [v.replace('"', "").replace("'", "") for v in BREAKOUT_VALUES]
    assert result.stdout.splitlines() == expected


def test_a_value_of_nothing_but_controls_is_not_offered() -> None:
    """A value that is empty once made inert (only escapes or bidi controls) would be an
    empty completion: it is left out."""
    assert matching(["\x1b", "\u202e\u202c", "ok", "\x1b[0m"], "") == ["ok", "[0m"]
