"""Shared test setup: a pinned environment, so output never depends on the caller's shell."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"

# Variables that change what synews prints or which data it reads.
UNSET = (
    "NO_COLOR",
    "FORCE_COLOR",
    "SYNEWS_DATA",
    "SYNEWS_NO_CACHE",
    "SYNEWS_TODAY",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLORTERM",
    "LINES",
    "PAGER",
    "LESS",
)


@pytest.fixture(autouse=True)
def pinned_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Fixed width, no colour overrides, no pager (tests of paging name their own), no
    external dataset, and a private cache folder."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SYNEWS_PAGER", "cat")
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def generate() -> ModuleType:
    """benchmarks/generate.py, imported from its file (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
