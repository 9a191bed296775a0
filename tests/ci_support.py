"""Shared helpers for the CI-gate tests: the walk-through draft, the three ways of running the command
line (click's runner, the console entry point, a real process), and a rule pack loaded once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner

import checker.rules
from checker.cli import cli, main
from checker.model import RulePack
from tests.conftest import FIXTURES, ROOT

DRAFT_DIR = FIXTURES / "draft"
DRAFT = DRAFT_DIR / "draft.md"
SHELTER = "Two State shelters with 60 beds accommodated 47 victims of forced labour in 2024."
PLANNED_SHELTER = "A shelter for victims is planned."
NO_WORKER_OBSERVATIONS = (
    "### observations.workers — Observations by workers' organizations\n",
    "### observations.workers — Observations by workers' organizations\n\n"
    "No observations were received from workers' organizations.\n",
)


class Run(NamedTuple):
    """What a run of the command line gave: the exit code, stdout and stderr."""

    code: int
    out: str
    err: str


def reuse_pack(monkeypatch: pytest.MonkeyPatch, pack: RulePack) -> None:
    """Make every command use the session's bundled pack instead of loading it again (0.4 s a load)."""
    load = checker.rules.load_rules
    monkeypatch.setattr(
        checker.rules, "load_rules", lambda directory=None: pack if directory is None else load(directory)
    )


def invoke(*args: str) -> Run:
    """Run the click group in-process with click's runner; the command's return value is the exit code."""
    result = CliRunner().invoke(cli, list(args), standalone_mode=False, catch_exceptions=False)
    return Run(int(result.return_value or 0), result.stdout, result.stderr)


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """Run the console entry point in-process, which turns every error into one line and an exit code."""
    code = main(list(args))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def run_process(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, **options: Any) -> Run:
    """Run `python -m checker` as a real process, without colour; `env` adds to its environment, and
    `options` go to `subprocess.run` (`stdin`, `input`, `timeout`)."""
    completed = subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        check=False,
        **options,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def start_process(*args: str) -> subprocess.Popen[str]:
    """Start `python -m checker` as a real process, without colour, its output piped: for a test that
    acts on it while it runs (kills a worker, starts another beside it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "checker", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )


def copy_draft(target: Path) -> Path:
    """A copy of fixtures/draft/ (draft, configuration, baseline) at `target`."""
    shutil.copytree(DRAFT_DIR, target)
    return target


def regressed(text: str) -> str:
    """The draft with its shelter answer weakened to a plan: protection.accommodation reported -> partial."""
    assert SHELTER in text
    return text.replace(SHELTER, PLANNED_SHELTER)


def improved(text: str) -> str:
    """The draft with the workers' observations answered: observations.workers missing -> negative."""
    old, new = NO_WORKER_OBSERVATIONS
    assert old in text
    return text.replace(old, new)
