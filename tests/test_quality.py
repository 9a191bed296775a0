"""The code stays ruff- and mypy-clean, and CI runs exactly the README's test command (the wheel and
what it ships: test_packaging.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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
