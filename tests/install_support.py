"""Shared helpers for the tests that build or install the package as a user's tools would (pip, the
GitHub Action, pre-commit): what a build reads, a copy of it, and whether PyPI can be reached."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

from tests.conftest import ROOT

# What a build reads, and the files that make the repository an action and a pre-commit hook: the rest of
# the repository (fixtures, tests, bench) is not packaged.
SOURCES = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "checker",
    "rules",
    "action.yml",
    ".pre-commit-hooks.yaml",
)


def copy_sources(target: Path) -> Path:
    """A copy of the repository's sources at `target`, as a checkout of it holds them, so that a build's
    folders (build/, *.egg-info) are left there and never in the working tree other tests read."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, target / name)
    return target


def pypi_reachable() -> bool:
    """Whether PyPI answers, for the tests that install the package with its dependencies."""
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
    except OSError:
        return False
    return True
