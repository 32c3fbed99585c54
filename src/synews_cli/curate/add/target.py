"""Which files ``synews add`` may write: the dataset's own, inside the folders given with
``--data`` (or named there one by one), writable, never the bundled dataset.

A file a data folder holds may be a link; one that leads out of the folder is refused, so
that a dataset from someone else cannot make ``add`` write anywhere else on the disk.
"""

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from synews_cli.curate.add.draft import Draft
from synews_cli.curate.add.known import Known
from synews_cli.dataset.paths import is_bundled, leads_outside
from synews_cli.errors import UsageError


class NoTarget(UsageError):
    """No file to put new items in could be chosen: an error only if there are any."""


_INTO_HINT = "name one of the dataset's files, or a new .toml file in a --data folder"


def bundled_refused() -> UsageError:
    return UsageError(
        "the bundled dataset is read-only: synews add writes to your own dataset",
        hint="pass --data FOLDER (or set SYNEWS_DATA) to name the dataset to add to",
    )


def choose(
    into: str | None,
    *,
    paths: Sequence[str],
    data_files: Sequence[str],
    draft: Draft,
    dataset: Known,
) -> tuple[str, bool]:
    """The file new items go to, as the dataset names it, and whether it is a new file:
    ``--into``; else the file of the draft's source when the dataset has it; else a new
    ``<source-id>.toml`` in the first data folder."""
    folders = [path for path in paths if os.path.isdir(path)]
    if into is not None:
        return _into(into, paths, folders, data_files)
    sources = [item.key for item in draft.items if item.table == "sources"]
    cited = [report.report.source for report in draft.reports]
    cited += [source for item in draft.items for source in _cited(item.raw)]
    for source in dict.fromkeys([*sources, *cited]):
        file = dataset.file_of(source)
        if file is not None:
            writable(file, paths)
            return file, False
    if not sources:
        raise NoTarget(
            f"{draft.path} has no [[sources]] entry to name a file after",
            hint="choose the file with --into FILE",
        )
    if not folders:
        raise NoTarget(
            "--data names files only: synews add does not know where to put a new file",
            hint="choose one with --into FILE (a dataset file), or pass --data FOLDER",
        )
    path = str(Path(folders[0], f"{sources[0]}.toml"))
    existing = _dataset_name(path, data_files)
    if existing is not None:
        writable(existing, paths)
        return existing, False
    _new_file(path, folders)
    return path, True


def _cited(raw: dict[str, Any]) -> list[str]:
    """The source ids an event or statement of the draft names (``source``, ``sources``)."""
    one = raw.get("source")
    many = raw.get("sources")
    named = [one] if isinstance(one, str) else []
    named += [value for value in many if isinstance(value, str)] if isinstance(many, list) else []
    return named


def _into(
    into: str, paths: Sequence[str], folders: Sequence[str], data_files: Sequence[str]
) -> tuple[str, bool]:
    if not into.endswith(".toml"):
        raise UsageError(f"--into {into}: not a .toml file", hint=_INTO_HINT)
    existing = _dataset_name(into, data_files)
    if existing is not None:
        writable(existing, paths)
        return existing, False
    if os.path.lexists(into):
        raise UsageError(f"--into {into}: not a file of the dataset", hint=_INTO_HINT)
    _new_file(into, folders)
    return into, True


def _dataset_name(path: str, data_files: Sequence[str]) -> str | None:
    """The dataset's name for ``path`` when it is one of its files."""
    for name in data_files:
        try:
            if os.path.samefile(name, path):
                return name
        except OSError:
            continue
    return None


def _new_file(path: str, folders: Sequence[str]) -> None:
    """A new file must be right inside a data folder, which must be writable."""
    parent = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    folder = next((f for f in folders if os.path.realpath(f) == parent), None)
    if folder is None:
        raise UsageError(
            f"{path} is outside the dataset's folders: synews add writes only there",
            hint=_INTO_HINT,
        )
    if is_bundled(parent):
        raise bundled_refused()
    if not os.access(folder, os.W_OK):
        raise UsageError(f"cannot write in {folder}: the folder is read-only")


def writable(file: str, paths: Sequence[str]) -> None:
    """``file`` (a dataset file) may be written: within the folder that holds it or named
    itself, not the bundled dataset, and writable (it and its folder, for the temporary
    file)."""
    real = os.path.realpath(file)
    if is_bundled(real):
        raise bundled_refused()
    if leads_outside(file, paths) is not None:
        raise UsageError(
            f"{file} is a link that leads outside the dataset's folders ({real}): "
            "synews add does not write through it",
            hint="replace the link with the file, or choose another with --into",
        )
    if not os.access(real, os.W_OK) or not os.access(os.path.dirname(real), os.W_OK):
        raise UsageError(
            f"cannot write {file}: it is read-only",
            hint="make it (and its folder) writable, or choose another file with --into",
        )
