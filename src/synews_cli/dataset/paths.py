"""Which files make the active dataset: ``--data``, ``SYNEWS_DATA`` or the bundled one."""

import os
from collections.abc import Sequence
from pathlib import Path

from synews_cli.errors import Problem


def expand_paths(paths: Sequence[str | os.PathLike[str]], problems: list[Problem]) -> list[Path]:
    """Files as given, directories as their ``*.toml`` files in name order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                problems.append(
                    Problem(str(path), None, None, None, "no *.toml files in this folder")
                )
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() != ".toml":
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
        else:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    None,
                    "no such file or folder",
                )
            )
    return files


def default_data_path() -> Path:
    """The bundled dataset: inside the installed package, or data/ in a source checkout."""
    package = Path(__file__).resolve().parents[1]  # synews_cli/
    packaged = package / "data" / "events.toml"
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / "events.toml"


def active_paths(
    cli_paths: Sequence[str] | None, environ: dict[str, str] | None = None
) -> list[str]:
    """``--data`` wins over ``SYNEWS_DATA``, which wins over the bundled dataset."""
    if cli_paths:
        return list(cli_paths)
    env = (environ if environ is not None else os.environ).get("SYNEWS_DATA", "")
    from_env = [part for part in env.split(os.pathsep) if part]
    return from_env or [str(default_data_path())]
