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
    """``value`` as the shell must receive it: in bash (which inserts it as it is), each
    special character escaped; zsh and fish quote completions themselves."""
    if not os.environ.get("_SYNEWS_COMPLETE", "").endswith("_bash"):
        return value
    return "".join(f"\\{char}" if char in BASH_SPECIAL else char for char in value)


def matching(values: Iterable[str], incomplete: str) -> list[str]:
    """The values that start with ``incomplete``, ignoring case and accents, each as the
    typed text followed by the rest of the value; in order, each once."""
    from synews_cli.text import fold

    wanted = fold(incomplete)
    found: dict[str, None] = {}
    for value in values:
        head = value[: len(incomplete)]
        if value.startswith(incomplete) or fold(head) == wanted:
            found[incomplete + value[len(incomplete) :]] = None
        if len(found) >= LIMIT:
            break
    return [_shell_word(value) for value in found]


def _completing(values: Callable[["Store", str], Iterable[str]]) -> Callable[..., list[str]]:
    """A Typer ``autocompletion`` function giving ``values(store, incomplete)`` that match."""

    def complete(ctx: Any, incomplete: str) -> list[str]:
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


def _ids(*tables: str) -> Callable[["Store", str], list[str]]:
    def ids(store: "Store", incomplete: str) -> list[str]:
        return store.ids_starting(incomplete, LIMIT, tables)

    return ids


def _speakers(store: "Store", incomplete: str) -> list[str]:
    return [value for p in store.people for value in (p.id, p.name, *p.aliases)]


def _sources(store: "Store", incomplete: str) -> list[str]:
    return [value for s in store.sources for value in (s.id, s.outlet)]


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
