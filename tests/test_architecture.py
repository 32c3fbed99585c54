"""The layers of docs/architecture.md: imports point one way, and no module grows past what
a reader takes in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "synews_cli"
BASE = {"model", "dates", "text", "errors", "files"}
# What each layer may import at run time (imports for type checking only are free).
ALLOWED = {
    "cli": {"cli", "render", "query", "curate", "store", "dataset", *BASE},
    "render": {"render", *BASE},
    "query": {"query", "store", "dataset", *BASE},
    "curate": {"curate", "query", "store", "dataset", *BASE},
    "store": {"store", "dataset", *BASE},
    "dataset": {"dataset", *BASE},
    "model": {"dates"},
    "dates": set(),
    "text": set(),
    "errors": set(),
    "files": {"errors"},
}
for below in ALLOWED.values():
    below.add("__version__")


def layer(module: str) -> str:
    """``synews_cli.store.sync`` -> ``store``; ``synews_cli`` itself is the base."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "synews_cli"


def runtime_imports(path: Path) -> set[str]:
    """The synews_cli modules a file imports outside ``if TYPE_CHECKING:`` blocks, lazy
    imports inside functions included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            checking.update(id(child) for child in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in checking:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = (
                [node.module]
                if node.module != "synews_cli"
                else [f"synews_cli.{alias.name}" for alias in node.names]
            )
            found.update(name for name in names if name.startswith("synews_cli."))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("synews_cli."))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_layers(path: Path) -> None:
    """A module imports only from its own layer and the layers below it."""
    own = layer("synews_cli." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    if own in ("synews_cli", "__init__", "__main__"):
        return  # the package itself: its version, and the entry point
    wrong = {name for name in runtime_imports(path) if layer(name) not in ALLOWED[own] | {own}}
    assert not wrong, f"{path.relative_to(PACKAGE)} ({own}) imports {sorted(wrong)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_long_to_read(path: Path) -> None:
    """No module is much over 500 lines."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 520


def test_the_layers_are_those_of_the_map() -> None:
    """Every subpackage is a layer docs/architecture.md draws."""
    found = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert found == {"cli", "render", "query", "curate", "store", "dataset", "data"} - (
        set() if (PACKAGE / "data").is_dir() else {"data"}
    )
    text = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in found - {"data"}:
        assert f"{name}/" in text
