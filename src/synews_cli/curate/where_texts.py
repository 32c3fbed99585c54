"""Which text belongs to which source: ``--text ID=FILE`` (the user's choice) or the
source's ``text_file``, which a dataset from someone else may not point outside its folder."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from synews_cli.errors import UsageError
from synews_cli.model import Source
from synews_cli.store.reader import Dataset


def parse_text_options(values: Sequence[str], dataset: Dataset) -> dict[str, Path]:
    """``--text ID=FILE`` values -> {source id: path}; a malformed value or an unknown
    source id is a UsageError."""
    from synews_cli.text import suggest_ids

    texts: dict[str, Path] = {}
    for value in values:
        source_id, sep, file = value.partition("=")
        source_id, file = source_id.strip(), file.strip()
        if not sep or not source_id or not file:
            raise UsageError(
                f"--text {value!r} is not ID=FILE",
                hint="name the source and its text, e.g. --text my-source=article.txt",
            )
        if source_id not in dataset.source_by_id:
            raise UsageError(
                f"--text {value!r}: no source {source_id!r} in the dataset"
                f"{suggest_ids(dataset.source_by_id, source_id)}",
                hint="'synews show SOURCE_ID' shows a source; ids are in [[sources]]",
            )
        texts[source_id] = Path(file)
    return texts


class TextPlace(NamedTuple):
    """Where a source's text is: a file, or why the dataset may not name it."""

    path: Path | None
    refused: str | None = None


def text_path(
    source: Source,
    overrides: Mapping[str, Path],
    *,
    texts: Path | None = None,
    allow_outside: bool = False,
) -> TextPlace:
    """The file holding the source's text. ``--text`` (the user's own choice) wins over
    ``text_file``, which is relative to the folder of the TOML file that names it (or to
    ``texts``) and may not leave it: a dataset from someone else cannot make synews read
    any file the user can read, unless ``allow_outside``."""
    if source.id in overrides:
        return TextPlace(overrides[source.id])
    if not source.text_file:
        return TextPlace(None)
    named = Path(source.text_file)
    if texts is not None:
        folder = texts
    elif source.location is not None:
        folder = Path(source.location.file).parent
    else:
        folder = Path(".")
    path = named if named.is_absolute() else folder / named
    if not allow_outside:
        inside = os.path.realpath(path).startswith(os.path.join(os.path.realpath(folder), ""))
        if named.is_absolute() or not inside:
            return TextPlace(
                path,
                f"text_file {str(named)!r} is outside {folder}; give --allow-outside to read "
                f"it, or --text {source.id}=FILE",
            )
    return TextPlace(path)
