"""``synews edit ID``: the user's editor, opened at the line that defines an item.

Which editor: ``$VISUAL``, else ``$EDITOR``, else ``vi`` (as git and crontab choose). The
variable may hold arguments (``code --wait``): it is split as a shell would split it
(shlex), never run through a shell. How to say the line depends on the editor, known by
the name of its program:

- ``+LINE FILE``: vi, vim, nvim, nano, emacs, micro, kak and the like (PLUS_LINE);
- ``-g FILE:LINE``: Visual Studio Code and its kin (GOTO_FLAG);
- ``FILE:LINE``: Sublime Text, Helix (COLON_LINE);
- ``FILE`` alone for any other editor, which opens the file at its start.
"""

import os
import shlex
import signal
import subprocess
from collections.abc import Mapping
from pathlib import PurePath

from synews_cli.errors import DataIOError, UsageError

DEFAULT_EDITOR = "vi"
PLUS_LINE = frozenset(
    {"vi", "vim", "nvim", "gvim", "mvim", "view", "nano", "pico", "rnano", "emacs",
     "emacsclient", "micro", "kak", "joe", "jed", "mg", "ne", "vis", "gedit", "mcedit"}
)  # fmt: skip
GOTO_FLAG = frozenset({"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"})
COLON_LINE = frozenset({"subl", "sublime_text", "hx", "helix"})


class EditorNotFound(UsageError):
    """``$VISUAL``/``$EDITOR`` names no program that can be run (exit 2: set it right)."""


class EditorFailed(DataIOError):
    """The editor ran and reported a failure (exit 1: nothing is checked)."""


def chosen_editor(environ: Mapping[str, str]) -> tuple[list[str], str]:
    """The editor's command words and the variable that named it (``VISUAL``, ``EDITOR``,
    or ``default`` for ``vi``)."""
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "")
        if value.strip():
            try:
                words = shlex.split(value)
            except ValueError as error:  # an unclosed quote
                raise EditorNotFound(
                    f"${variable} cannot be read as a command ({error}): {value!r}",
                    hint=f"set {variable} to an editor, such as {variable}=vim or "
                    f"{variable}='code --wait'",
                ) from None
            if words:
                return words, variable
    return [DEFAULT_EDITOR], "default"


def program_name(command: list[str]) -> str:
    """The editor's program as a plain name: ``/usr/bin/nvim`` -> ``nvim``, ``Code.exe`` ->
    ``code``."""
    name = PurePath(command[0]).name.casefold()
    return name.removesuffix(".exe")


def as_argument(file: str) -> str:
    """``file`` as no program can take for an option: ``-c.toml`` -> ``./-c.toml``."""
    return file if not file.startswith(("-", "+")) else os.path.join(".", file)


def editor_command(editor: list[str], file: str, line: int | None) -> list[str]:
    """The command that opens ``file`` at ``line`` in ``editor`` (see the module's rules)."""
    path = as_argument(file)
    if line is None:
        return [*editor, path]
    name = program_name(editor)
    if name in PLUS_LINE:
        return [*editor, f"+{line}", path]
    if name in GOTO_FLAG:
        return [*editor, "-g", f"{path}:{line}"]
    if name in COLON_LINE:
        return [*editor, f"{path}:{line}"]
    return [*editor, path]


def open_editor(file: str, line: int | None, environ: Mapping[str, str]) -> None:
    """Run the chosen editor on ``file`` at ``line`` and wait for it to finish."""
    editor, variable = chosen_editor(environ)
    command = editor_command(editor, file, line)
    named = "the default editor" if variable == "default" else f"${variable}"
    try:
        finished = subprocess.run(command, check=False)
    except OSError as error:  # not found, not executable
        raise EditorNotFound(
            f"cannot run the editor {editor[0]!r} ({named}): {error.strerror or error}",
            hint="set VISUAL or EDITOR to an editor on your PATH, such as EDITOR=nano",
        ) from None
    if finished.returncode != 0:
        check = shlex.join(["synews", "check", as_argument(file)])  # to paste as it is
        raise EditorFailed(
            f"the editor {editor[0]!r} {_ending(finished.returncode)}; {file} was not checked",
            hint=f"run {check} when it is saved",
        )


def _ending(status: int) -> str:
    """How the editor ended: ``exited with status 1``, ``was killed by SIGSEGV``."""
    if status >= 0:
        return f"exited with status {status}"
    try:
        return f"was killed by {signal.Signals(-status).name}"
    except ValueError:
        return f"was killed by signal {-status}"
