"""Shell completion of values from the active dataset: ids (show, edit, --about), speakers,
sources, places, actors, tags and topics.

The shell runs synews with ``_SYNEWS_COMPLETE`` set at each Tab (Typer's protocol; the
scripts come from ``synews --show-completion``). Completion must be quick and quiet: it
reads the store the last command left in the cache folder, as it is (never the TOML files,
which may be large), and any failure (no store yet, --no-cache, a damaged or locked
store, a bad --data) gives no completions rather than a message or a traceback.

Values are matched ignoring case and accents; what was typed is kept and the rest of the
value completed (``tar`` -> ``tartus``), since the shell replaces the word with the value.

Everything is imported inside the functions: this module is imported with the commands,
whose start-up must not pay for completion.
"""

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from synews_cli.store.reader import Store

Completion = str | tuple[str, str]  # a value, or a value and what it is
LIMIT = 200  # values offered at most: a longer list helps nobody at a prompt
# What a value of several words needs in bash, where the completion is inserted as written.
BASH_SPECIAL = set(" \t\n\"'\\$`&|;<>()*?[]{}!#~")


def _active_store(ctx: Any) -> "Store | None":
    """The active dataset's store as the last command left it (see the module's docstring)."""
    from synews_cli.dataset.paths import active_paths
    from synews_cli.store import open_as_left
    from synews_cli.store.location import disabled

    root = ctx.find_root()
    if disabled(bool(root.params.get("no_cache"))):
        return None
    return open_as_left(active_paths(list(root.params.get("data") or [])))


def _shell_word(value: str) -> str:
    """``value`` (or a description) as the shell must receive it: in bash (which inserts
    it as it is), each special character escaped; in zsh, each backslash doubled, since
    Typer puts the text between double quotes that zsh evals (twice) and escapes ``$``,
    backquotes and quotes but not the backslash, so that one at the end of a value would
    end its quotes early and run what follows. fish takes the text as it is."""
    shell = os.environ.get("_SYNEWS_COMPLETE", "")
    if shell.endswith("_zsh"):
        return value.replace("\\", "\\\\")
    if not shell.endswith("_bash"):
        return value
    return "".join(f"\\{char}" if char in BASH_SPECIAL else char for char in value)


def matching(values: Iterable[str | tuple[str, str]], incomplete: str) -> list[Completion]:
    """The values that start with ``incomplete``, ignoring case and accents, each as the
    typed text followed by the rest of the value (with its description, if it has one:
    zsh and fish show it); in order, each once.

    Values are the data's, which may hold escape sequences or line breaks: the shell
    prints them in its list, and every protocol is a line per value. So they come inert,
    on one line (a filter matches words, whatever is between them), and a description is
    cut as the candidates of ``show`` are."""
    from synews_cli.query.resolve import DESCRIPTION
    from synews_cli.text import fold, one_line

    wanted = fold(incomplete)
    found: dict[str, str] = {}
    for entry in values:
        value, about = (entry, "") if isinstance(entry, str) else entry
        if value.startswith(incomplete) or fold(value[: len(incomplete)]) == wanted:
            about = one_line(about)
            if len(about) > DESCRIPTION:
                about = about[: DESCRIPTION - 1].rstrip() + "\u2026"
            completed = incomplete + one_line(value[len(incomplete) :])
            if completed.strip():  # not a value of controls alone
                found.setdefault(completed, about)
        if len(found) >= LIMIT:
            break
    return [
        (_shell_word(v), _shell_word(about)) if about else _shell_word(v)
        for v, about in found.items()
    ]


Values = Callable[["Store", str], Iterable[str | tuple[str, str]]]


def _completing(values: Values) -> Callable[..., list[Completion]]:
    """A Typer ``autocompletion`` function giving ``values(store, incomplete)`` that match."""

    def complete(ctx: Any, incomplete: str) -> list[Completion]:
        try:
            store = _active_store(ctx)
            if store is None:
                return []
            try:
                return matching(values(store, incomplete), incomplete)
            finally:
                store.close()
        except Exception:  # completion never shows an error: no completions instead
            return []

    return complete


def _ids(*tables: str) -> Values:
    def ids(store: "Store", incomplete: str) -> list[tuple[str, str]]:
        """Ids by prefix, each with what it is (a title, who said what, a name)."""
        from synews_cli.query.resolve import describe

        found = store.ids_starting(incomplete, LIMIT, tables)
        items: dict[str, Any] = {**store.events_by_id(found), **store.claims_by_id(found)}
        items.update({i: store.person_by_id[i] for i in found if i in store.person_by_id})
        items.update({i: store.source_by_id[i] for i in found if i in store.source_by_id})
        people = dict(store.person_by_id)
        return [(i, describe(items[i], people) if i in items else "") for i in found]

    return ids


def _speakers(store: "Store", incomplete: str) -> list[tuple[str, str]]:
    return [
        (value, p.role_line() if value == p.name else p.name)
        for p in store.people
        for value in (p.id, p.name, *p.aliases)
    ]


def _sources(store: "Store", incomplete: str) -> list[tuple[str, str]]:
    return [(value, s.citation()) for s in store.sources for value in (s.id, s.outlet)]


def _affiliations(store: "Store", incomplete: str) -> list[str]:
    return sorted({p.affiliation for p in store.people if p.affiliation})


def _facet(kind: str) -> Callable[["Store", str], list[str]]:
    def values(store: "Store", incomplete: str) -> list[str]:
        found = store.facet(kind)
        spelled = [s for _, (_, spellings) in found.items() for s in sorted(spellings)]
        return [*sorted(found), *spelled]

    return values


complete_ids = _completing(_ids("events", "claims", "people", "sources"))
complete_event_ids = _completing(_ids("events"))
complete_speakers = _completing(_speakers)
complete_sources = _completing(_sources)
complete_affiliations = _completing(_affiliations)
complete_places = _completing(_facet("place"))
complete_actors = _completing(_facet("actor"))
complete_tags = _completing(_facet("tag"))
complete_topics = _completing(_facet("topic"))
