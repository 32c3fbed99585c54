"""Which files make the active dataset: ``--data``, ``SYNEWS_DATA`` or the bundled one."""

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from synews_cli.errors import Problem


def expand_paths(paths: Sequence[str | os.PathLike[str]], problems: list[Problem]) -> list[Path]:
    """Files as given, folders as their ``*.toml`` files in name order. Anything that is not
    a regular file to read (a link to nothing, a FIFO, a folder named ``*.toml``) is a
    problem, never skipped in silence nor read (a FIFO would never end)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            for entry in found:
                why = _not_a_file(entry)
                if why is None:
                    files.append(entry)
                else:
                    problems.append(Problem(str(entry), None, None, None, why))
            if not found:
                problems.append(
                    Problem(str(path), None, None, None, "no *.toml files in this folder")
                )
            continue
        why = _not_a_file(path)
        if why is not None:
            problems.append(Problem(str(path), None, None, None, why))
        elif path.suffix.lower() != ".toml":
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    None,
                    "not a TOML file: synews reads files ending in .toml",
                )
            )
        else:
            files.append(path)
    return files


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file synews can read, or None when it is one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return "a link to a file that does not exist"
        return "no such file or folder"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a TOML file"
    return "not a regular file (a device, a FIFO or a socket): synews reads files"


def default_data_path() -> Path:
    """The bundled dataset: inside the installed package, or data/ in a source checkout."""
    package = Path(__file__).resolve().parents[1]  # synews_cli/
    packaged = package / "data" / "events.toml"
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / "events.toml"


def is_bundled(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is the bundled dataset (its file or its folder), by any name or
    link: part of the installed program, which commands that write refuse."""
    bundled = default_data_path()
    real = os.path.realpath(path)
    return real in (os.path.realpath(bundled), os.path.realpath(bundled.parent))


def leads_outside(file: str | os.PathLike[str], paths: Sequence[str]) -> str | None:
    """Where a dataset file really is, when a link takes it out of what ``paths`` names
    (right inside a folder given, or a file given itself); None when it is inside.
    Commands that write a dataset file refuse such a link: a dataset from someone else
    could point it at any file of yours."""
    real = os.path.realpath(file)
    for path in paths:
        base = os.path.realpath(path)
        if (os.path.dirname(real) if os.path.isdir(path) else real) == base:
            return None
    return real


def active_paths(
    cli_paths: Sequence[str] | None, environ: dict[str, str] | None = None
) -> list[str]:
    """``--data`` wins over ``SYNEWS_DATA``, which wins over the bundled dataset."""
    if cli_paths:
        return list(cli_paths)
    env = (environ if environ is not None else os.environ).get("SYNEWS_DATA", "")
    from_env = [part for part in env.split(os.pathsep) if part]
    return from_env or [str(default_data_path())]
