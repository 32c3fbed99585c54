"""Packaging: the wheel carries the bundled dataset, and the README documents the interface."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import typer

from synews_cli.cli import app
from synews_cli.render import FORMATS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the checkout, offline (no build isolation)."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed (pip install -e '.[test]')")
    outdir = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = outdir.glob("synews-*.whl")
    return built


def test_wheel_contains_the_bundled_dataset(wheel: Path) -> None:
    """data/events.toml is inside the wheel as synews_cli/data/events.toml, byte for byte."""
    with zipfile.ZipFile(wheel) as archive:
        packaged = archive.read("synews_cli/data/events.toml")
    assert packaged == (ROOT / "data" / "events.toml").read_bytes()


def test_wheel_contains_the_package_and_the_console_script(wheel: Path) -> None:
    """The wheel holds every module and declares the synews console script."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    source = ROOT / "src"
    modules = {str(p.relative_to(source)) for p in source.rglob("*.py")}
    assert modules <= names
    assert "synews = synews_cli.cli:main" in scripts


def test_unpacked_wheel_finds_its_own_dataset(wheel: Path, tmp_path: Path) -> None:
    """Installed from the wheel, synews uses the packaged dataset and it is valid."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    code = (
        "import synews_cli.dataset.paths as paths; print(paths.__file__); "
        "print(paths.default_data_path())"
    )
    located = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    module_file, data_file = located.stdout.splitlines()
    assert Path(module_file).is_relative_to(tmp_path)
    assert Path(data_file) == tmp_path / "synews_cli" / "data" / "events.toml"
    check = subprocess.run(
        [sys.executable, "-m", "synews_cli", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert check.stderr.startswith("ok: ")


# --- The README documents every command and format ---------------------------------------------


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", command_names())
def test_readme_documents_every_command(command: str) -> None:
    """Every command in synews --help is shown in the README as `synews COMMAND`."""
    assert re.search(rf"\bsynews {re.escape(command)}\b", readme())


@pytest.mark.parametrize("name", list(FORMATS))
def test_readme_documents_every_format(name: str) -> None:
    """Every registered format is named in the README, in backticks."""
    assert f"`{name}`" in readme()
