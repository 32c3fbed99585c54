"""Commands that check and grow the dataset: check, extract, add, verify.

No ``from __future__ import annotations`` here, on purpose: Typer reads every command's
annotations on each run, and string annotations cost an ``eval`` each. Annotations in this
module must therefore be valid at run time.
"""

import os
from typing import TYPE_CHECKING, Annotated

import typer

from synews_cli.cli.app import state
from synews_cli.cli.completion import complete_ids
from synews_cli.cli.messages import error_line, print_problems, say
from synews_cli.cli.options import (
    NoColorOption,
    OutputOption,
    RawOption,
    VerifyFields,
    VerifyFormat,
    output_options,
)
from synews_cli.errors import EXIT_DATA, UsageError

if TYPE_CHECKING:
    from synews_cli.store.reader import Store

# --- check ---------------------------------------------------------------------------------


def check(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or folders to check [default: the active dataset].", metavar="[PATH]..."
        ),
    ] = None,
) -> None:
    """Validate dataset files: every problem, with file, line, item and field."""
    targets = list(paths) if paths else state(ctx).paths()
    _report_check(ctx, state(ctx).store(targets, full_text=False, warnings=True), targets)


def _report_check(ctx: typer.Context, store: "Store", targets: list[str]) -> None:
    """Every problem and warning of ``store`` on stderr, then a summary line; exit 1 when
    there are problems."""
    problems, warnings = store.problems(), store.warnings()
    state(ctx).outcome = EXIT_DATA if problems else 0
    print_problems(problems, warnings, limit=None)
    if problems:
        count = len(problems)
        error_line(
            f"{count} problem{'s' if count != 1 else ''} in {', '.join(targets)}",
            "fix the lines above; docs/data-format.md describes every field",
        )
        raise typer.Exit(EXIT_DATA)
    from synews_cli.store.export import describe_counts

    warned = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    files = len(store.files)
    say(f"ok: {describe_counts(store.counts())} in {files} file{'s' if files != 1 else ''}{warned}")


# --- edit ----------------------------------------------------------------------------------


def edit(
    ctx: typer.Context,
    item_id: Annotated[
        str,
        typer.Argument(
            help="The item to edit: its id, or words of its name, title or text (as in "
            "'synews show').",
            metavar="ITEM",
            autocompletion=complete_ids,
        ),
    ],
) -> None:
    """Open the file that defines an item in your editor, at its line; then check the dataset.

    The editor is $VISUAL, else $EDITOR, else vi; it may hold arguments ('code --wait').
    vi, vim, nvim, nano, emacs, micro, kak and the like open at the line (+LINE FILE), as do
    code and codium (-g FILE:LINE) and subl (FILE:LINE); other editors open the file.
    Exit codes: 0 the dataset checks clean, 1 it has problems (listed) or the editor
    failed, 2 no such item, several items fit, the bundled dataset, or no editor found.
    """
    from synews_cli.curate.editor import open_editor
    from synews_cli.dataset.paths import is_bundled, leads_outside
    from synews_cli.query.resolve import resolve_item
    from synews_cli.store import open_store

    app = state(ctx)
    targets = app.paths()
    if any(is_bundled(target) for target in targets):  # by any name: --data too
        raise _bundled_not_edited()
    found = open_store(targets, cached=app.use_cache(), full_text=False)
    try:
        item = resolve_item(found, item_id)
    finally:
        found.close()
    if item.location is None:
        raise UsageError(f"{item_id!r} has no file to edit (it was not read from a file)")
    if is_bundled(item.location.file):  # a link to it in a data folder
        raise _bundled_not_edited()
    real = leads_outside(item.location.file, targets)
    if real is not None:
        raise UsageError(
            f"{item.location.file} is a link that leads outside the dataset's folders "
            f"({real}): synews edit does not open it",
            hint="replace the link with the file it points to, then edit again",
        )
    if not os.access(item.location.file, os.W_OK):
        raise UsageError(
            f"{item.location.file} cannot be written: {item_id!r} is defined there",
            hint="edit a copy you can write, and pass it with --data",
        )
    open_editor(item.location.file, item.location.line, os.environ)
    checked = open_store(targets, cached=app.use_cache(), full_text=False, warnings=True)
    try:
        _report_check(ctx, checked, targets)
    finally:
        checked.close()


def _bundled_not_edited() -> UsageError:
    from synews_cli.dataset.paths import default_data_path

    bundled = default_data_path()
    return UsageError(
        f"the bundled dataset is part of the installed program and is not edited: {bundled}",
        hint=f"copy it and edit the copy: cp '{bundled}' story.toml, then "
        "synews --data story.toml edit ID",
    )


# --- extract and verify (curation tools) ---------------------------------------------------


def extract(
    ctx: typer.Context,
    article: Annotated[
        str,
        typer.Argument(
            help="An English news article: plain text, or a saved web page (.html); '-' for stdin.",
            metavar="ARTICLE",
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="The source id to cite; a [[sources]] entry is drafted when the active "
            "dataset does not have it.",
            metavar="ID",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="The article's date (EDTF such as 2025-10, or '20 Oct 2025'), for relative "
            "dates; required when neither the text nor the page's metadata says.",
            metavar="DATE",
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="The publisher, for the drafted source.", metavar="NAME"),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the draft to FILE (atomically) instead of stdout.",
            metavar="FILE",
        ),
    ] = None,
    no_dataset: Annotated[
        bool,
        typer.Option(
            "--no-dataset",
            help="Draft the article on its own, without reading the active dataset (whose "
            "people, statements and events are otherwise cited, not drafted again).",
        ),
    ] = False,
) -> None:
    """Draft dataset TOML (people, statements, candidate events) from an article, for review."""
    from pathlib import Path
    from typing import TextIO

    from synews_cli import files
    from synews_cli.cli.types import cli_today
    from synews_cli.curate.extract import (
        extract_article,
        is_html,
        read_article,
        read_page,
        relative_text_file,
    )
    from synews_cli.dates import counts_from_today
    from synews_cli.render.output import message, to_stdout

    app_state = state(ctx)
    if no_dataset and app_state.data:
        raise UsageError(
            "--no-dataset and --data contradict each other",
            hint="give --data to extend that dataset, or --no-dataset to draft standalone",
        )
    to_file = bool(output and output != "-")
    if to_file and article != "-" and _same_file(str(output), article):
        raise UsageError(
            f"-o {output} is the article being read: the draft would replace it",
            hint="give the draft another name, such as draft.toml",
        )
    where = None if to_file else "text_file is relative to the current folder: fix it if needed"
    text = read_article(article)
    name = article if article != "-" else "standard input"
    page = read_page(text, name) if is_html(article, text) else None
    draft = extract_article(
        text,
        published=published,
        source_id=source,
        outlet=outlet,
        article_name=article if article != "-" else "stdin",
        text_file=relative_text_file(article, output),
        text_file_review=where,
        dataset=None if no_dataset else app_state.dataset(full_text=False),
        today=cli_today() if published and counts_from_today(published) else None,
        page=page,
    )
    rendered = draft.to_toml()
    counts = draft.describe()
    # The reviewed draft goes in with `synews add`, which checks it with the dataset.
    then = f"synews add {output if to_file else 'DRAFT.toml'}"
    if to_file:
        assert output is not None

        def write(out: TextIO) -> None:
            out.write(rendered)

        files.write_text(Path(output), write, protected=app_state.protected())
        message(f"wrote a draft of {counts} to {output}; review it, then run {then}")
    else:
        to_stdout(lambda out: out.write(rendered))
        message(f"drafted {counts}; review it, then run {then}")


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # either does not exist (yet): not the same file
        return False


def add(
    ctx: typer.Context,
    draft: Annotated[
        str,
        typer.Argument(
            help="A reviewed draft (as synews extract writes it).", metavar="DRAFT.toml"
        ),
    ],
    into: Annotated[
        str | None,
        typer.Option(
            "--into",
            help="Write the new items to FILE: a file of the dataset, or a new .toml file in "
            "a --data folder [default: the file of the draft's source, else a new "
            "SOURCE-ID.toml in the first --data folder].",
            metavar="FILE",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the plan; write nothing.")
    ] = False,
) -> None:
    """Merge a reviewed draft into the dataset: checked first, written all at once.

    The plan (new items, reports added to recorded items, renamed ids, what is already
    there, and where each goes) is printed on stderr. Nothing is written unless the draft
    and the merged dataset are both valid. Exit codes: 0 added (or nothing to add), 1 the
    dataset or the merged result is invalid, or a file cannot be written, 2 a bad draft (not
    TOML, unknown references, an id the dataset gives to other content) or a bad target.
    """
    from synews_cli import files
    from synews_cli.curate.add import prepare, target, write

    app_state = state(ctx)
    if not app_state.data and not os.environ.get("SYNEWS_DATA"):
        raise target.bundled_refused()
    paths = app_state.paths()
    folders = [path if os.path.isdir(path) else os.path.dirname(path) or "." for path in paths]
    # Two adds to one dataset take turns: the second plans on what the first wrote.
    with files.locked(folders, lambda folder: say(f"waiting for another synews add in {folder}")):
        store = app_state.dataset(full_text=False)  # which must be valid before anything else
        addition = prepare(draft, store=store, paths=paths, into=into)
        if addition.plan.empty:
            say(f"nothing to add: every item of {draft} is already in the dataset")
            return
        for line in addition.describe():
            say(line)
        if dry_run:
            say("dry run: nothing was written")
            return
        write(addition)
    say(f"{addition.summary()}; run synews check to review the dataset")


def verify(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None,
        typer.Option(
            "--text",
            help="The text of source ID is in FILE (repeatable); wins over its text_file.",
            metavar="ID=FILE",
        ),
    ] = None,
    texts: Annotated[
        str | None,
        typer.Option(
            "--texts",
            help="Sources' text_file is relative to DIR (default: the folder of the TOML "
            "file that names it).",
            metavar="DIR",
        ),
    ] = None,
    allow_outside: Annotated[
        bool,
        typer.Option(
            "--allow-outside",
            help="Read a text_file that is absolute or leaves its folder (a dataset from "
            "someone else could name any of your files).",
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 also on warnings: quoted passages no claim records, quotes not "
            "between quotation marks, unreadable texts.",
        ),
    ] = False,
    fmt: VerifyFormat = None,
    fields: VerifyFields = None,
    output: OutputOption = None,
    raw_cells: RawOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Check every quote against its source's text: misquotes, and quotes not recorded."""
    from pathlib import Path

    from synews_cli.curate.verify import verify_dataset
    from synews_cli.curate.where_texts import parse_text_options
    from synews_cli.render.output import STDOUT, choose_format, emit, message
    from synews_cli.render.records import findings_listing

    options = output_options(ctx, fmt, output, raw_cells, fields)
    chosen = choose_format(options, "findings")
    dataset = state(ctx).dataset(full_text=False)
    report = verify_dataset(
        dataset,
        texts=parse_text_options(text or [], dataset),
        folder=None if texts is None else Path(texts),
        allow_outside=allow_outside,
    )
    code = report.exit_code(strict=strict)
    state(ctx).outcome = code
    # With no findings, a terminal or plain view prints nothing (the summary says so);
    # machine formats and files still get an empty document.
    if report.findings or chosen.machine or options.output not in (None, STDOUT):
        emit(findings_listing(report.findings), options, chosen)
    message(report.summary())
    if code:
        raise typer.Exit(code)
