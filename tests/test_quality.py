"""The code stays ruff- and mypy-clean, CI runs exactly the README's test command, and a real
(non-editable) install ships the rule pack and schemas."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

SOURCES = ["checker", "bench", "tests"]


def _run(
    *command: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)


def test_ruff_clean() -> None:
    """ruff finds nothing to complain about."""
    completed = _run(sys.executable, "-m", "ruff", "check", *SOURCES)
    assert completed.returncode == 0, completed.stdout


def test_ruff_formatted() -> None:
    """The code is formatted as ruff formats it."""
    completed = _run(sys.executable, "-m", "ruff", "format", "--check", *SOURCES)
    assert completed.returncode == 0, completed.stdout


def test_mypy_strict_clean() -> None:
    """mypy --strict finds no type errors in the package."""
    completed = _run(sys.executable, "-m", "mypy")
    assert completed.returncode == 0, completed.stdout


def _readme_test_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", text, flags=re.DOTALL)
    return next(block for block in blocks if "pytest" in block)


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run ends with exactly the test command the README gives."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().split("\n")
    assert script[-1] == _readme_test_command()
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_readme_install_command_audits_a_bundled_example() -> None:
    """The README's first command installs the package and audits a file that is in the repository."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.findall(r"```sh\n(pip install \. && ilo-check audit (\S+))\n```", text)
    assert command and (ROOT / command[0][1]).is_file()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built as a wheel, as `pip install .` builds it."""
    folder = tmp_path_factory.mktemp("wheel")
    completed = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(folder), str(ROOT)
    )
    assert completed.returncode == 0, completed.stderr
    return next(folder.glob("*.whl"))


def test_wheel_ships_rules_and_schemas(wheel: Path) -> None:
    """The wheel holds every rule file of the pack and every JSON Schema."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for rule_file in (ROOT / "rules" / "p029").glob("*.yaml"):
        assert f"checker/packs/p029/{rule_file.name}" in names
    for schema in ("rule", "pack", "submission", "result"):
        assert f"checker/schemas/{schema}.schema.json" in names


def test_installed_package_uses_its_own_pack(wheel: Path, tmp_path: Path) -> None:
    """Installed outside the repository, the package finds the pack inside itself and audits with it."""
    target = tmp_path / "site"
    completed = _run(
        sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)
    )
    assert completed.returncode == 0, completed.stderr
    code = "import checker.rules as r; p = r.bundled_pack_dir(); print(p); print(len(r.load_rules().rules))"
    environment = {**os.environ, "PYTHONPATH": str(target)}
    completed = _run(sys.executable, "-c", code, cwd=tmp_path, env=environment)
    assert completed.returncode == 0, completed.stderr
    location, rules = completed.stdout.split()
    assert Path(location).is_relative_to(target) and rules == "44"
