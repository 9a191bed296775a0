"""action.yml, the repository's GitHub Action, is well-formed, and its shell steps do what its inputs
say when run as the runner runs them: each `${{ ... }}` replaced by its value, each step in bash with
-e and pipefail, step outputs passed on through $GITHUB_OUTPUT.

Offline, the install step's `pip install` of the action's checkout is replaced by a link to the
ilo-check this test runs with; the whole install runs too, where PyPI can be reached."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from tests.ci_support import DRAFT_DIR, regressed
from tests.conftest import ROOT
from tests.install_support import copy_sources, pypi_reachable

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# The contexts an expression of this action may read: the action's inputs, where its checkout is, the
# runner's temporary folder, and the outputs of its own earlier steps.
NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
KNOWN = re.compile(rf"inputs\.{NAME}|github\.action_path|runner\.temp|steps\.{NAME}\.outputs\.{NAME}")


class Ran(NamedTuple):
    """What the action did: the exit code of its last step run, and the log (stdout and stderr)."""

    code: int
    log: str


def _installed_ilo_check(folder: Path) -> Path:
    """A launcher of the ilo-check this test runs with (the package is installed in this interpreter)."""
    launcher = folder / "ilo-check-under-test"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


def _offline(script: str, launcher: Path) -> str:
    """The install step's script with its one `pip install` of the action's checkout replaced by a link
    to the installed ilo-check, where pip would have put the console script."""
    lines = script.splitlines()
    installs = [n for n, line in enumerate(lines) if "pip install" in line]
    assert len(installs) == 1 and lines[installs[0]].endswith('"$ACTION_PATH"'), script
    lines[installs[0]] = f'ln -s "{launcher}" "$bin/ilo-check"'
    return "\n".join(lines) + "\n"


class Runner:
    """The runner's side of one job: its temporary folder, the action's checkout, and the outputs of the
    steps run so far. It runs the action's shell steps as the runner does on Linux; the `uses:` step
    (setup-python) is left out, the Python running the tests standing in for it."""

    def __init__(self, temp: Path, checkout: Path) -> None:
        self.temp = temp
        self.checkout = checkout
        self.outputs: dict[str, str] = {}
        self.runs = 0

    def run(
        self, workspace: Path, inputs: dict[str, str], steps: list[dict[str, Any]], *, offline: bool
    ) -> Ran:
        """Run `steps` in `workspace` with `inputs` over the inputs' defaults, up to the first that fails.
        `offline` replaces the install step's `pip install` with the installed ilo-check."""
        given = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | inputs
        contexts = {"github.action_path": str(self.checkout), "runner.temp": str(self.temp), **self.outputs}
        contexts |= {f"inputs.{name}": value for name, value in given.items()}
        base = {
            k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "VIRTUAL_ENV"))
        }
        base |= {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_ACTION_PATH": str(self.checkout),
            "GITHUB_WORKSPACE": str(workspace),
            "NO_COLOR": "1",
        }
        log = []
        for step in steps:
            if "run" not in step:
                continue
            self.runs += 1
            script = EXPRESSION.sub(lambda m: contexts[m.group(1)], step["run"])
            if step.get("id") == "install" and offline:
                script = _offline(script, _installed_ilo_check(self.temp))
            outputs = self.temp / f"output-{self.runs}"
            outputs.touch()
            env = base | {
                key: EXPRESSION.sub(lambda m: contexts[m.group(1)], v) for key, v in step["env"].items()
            }
            env["GITHUB_OUTPUT"] = str(outputs)
            (self.temp / f"step-{self.runs}.sh").write_text(script, encoding="utf-8")
            completed = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(self.temp / f"step-{self.runs}.sh")],
                cwd=workspace,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            log.append(completed.stdout + completed.stderr)
            if completed.returncode != 0:
                return Ran(completed.returncode, "".join(log))
            for line in outputs.read_text(encoding="utf-8").splitlines():
                key, separator, value = line.partition("=")
                assert separator and "<<" not in key, f"an output line the test does not read: {line!r}"
                self.outputs[f"steps.{step['id']}.outputs.{key}"] = value
                contexts[f"steps.{step['id']}.outputs.{key}"] = value
        return Ran(0, "".join(log))


INSTALL = next(n for n, step in enumerate(STEPS) if step.get("id") == "install")


@pytest.fixture(scope="module")
def action(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """A job that has run the action's install step offline, once, as a job runs it once."""
    runner = Runner(tmp_path_factory.mktemp("runner-temp"), ROOT)
    ran = runner.run(runner.temp, {"files": ""}, STEPS[: INSTALL + 1], offline=True)
    assert ran.code == 0, ran.log
    return runner


def run_action(action: Runner, workspace: Path, inputs: dict[str, str]) -> Ran:
    """The action's steps after the install run in `workspace` with `inputs`."""
    return action.run(workspace, inputs, STEPS[INSTALL + 1 :], offline=True)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository's checkout holding the walk-through's draft, its ilo-check.yaml and its baseline."""
    shutil.copytree(DRAFT_DIR, tmp_path / "workspace")
    return tmp_path / "workspace"


def test_action_is_a_composite_action_with_documented_inputs() -> None:
    """action.yml names and describes the action and each input; only `files` is required, every other
    input has a default; it runs as a composite action."""
    assert ACTION["name"] == "ilo-check" and ACTION["description"]
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"files", "args", "format", "sarif-file", "python-version"}
    for name, spec in ACTION["inputs"].items():
        assert spec["description"], name
        assert spec["required"] is (name == "files"), name
        assert (name == "files") is ("default" not in spec), name


def test_action_steps_are_well_formed() -> None:
    """Each step has a name and either a shell script (run in bash, as a composite action must say) or
    an action pinned to a major version; each expression reads a declared input, the action's path, the
    runner's temporary folder or an earlier step's output."""
    ids: set[str] = set()
    for step in STEPS:
        assert step["name"]
        assert ("run" in step) != ("uses" in step), step["name"]
        if "run" in step:
            assert step["shell"] == "bash" and "if" not in step, step["name"]
        else:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
        for expression in EXPRESSION.findall(yaml.safe_dump(step)):
            assert KNOWN.fullmatch(expression), expression
            if expression.startswith("inputs."):
                assert expression.removeprefix("inputs.") in ACTION["inputs"], expression
            if expression.startswith("steps."):
                assert expression.split(".")[1] in ids, f"{expression} before its step"
        ids.add(step.get("id", ""))
    # Inputs reach the scripts through the environment, never pasted into the script's text.
    assert not [s["name"] for s in STEPS if "run" in s and EXPRESSION.search(s["run"])]


def test_action_sets_up_the_python_asked_for() -> None:
    """The first step sets up the `python-version` input's Python, unless it is empty."""
    setup = STEPS[0]
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}"}
    assert setup["if"] == "inputs.python-version != ''"


def test_action_audits_a_draft_and_passes_its_gate(action: Runner, workspace: Path) -> None:
    """With only `files`, the action audits the draft with the gate of the workspace's ilo-check.yaml
    and passes; by default the log holds GitHub's workflow commands: an annotation per gap at its line in
    the draft, and the verdict."""
    assert ACTION["inputs"]["format"]["default"] == "github"
    ran = run_action(action, workspace, {"files": "draft.md"})
    assert ran.code == 0, ran.log
    assert re.search(
        r"^::\w+ file=draft\.md,line=\d+,title=ilo-check prevention\.legislation ", ran.log, re.M
    )
    assert re.search(r"^::notice::draft\.md: score 29\.7, .*gate passed$", ran.log, re.M)


def test_action_writes_the_log_in_the_format_asked_for(action: Runner, workspace: Path) -> None:
    """`format` chooses the format of the report in the log."""
    ran = run_action(action, workspace, {"files": "draft.md", "format": "table"})
    assert ran.code == 0, ran.log
    assert "Score: 29.7 / 100" in ran.log and "Gate: passed" in ran.log


def test_action_fails_when_the_gate_in_args_fails(action: Runner, workspace: Path) -> None:
    """A gate given in `args` that the draft does not meet fails the action with exit code 1."""
    ran = run_action(
        action, workspace, {"files": "draft.md", "args": "--fail-under 60 --require ratification"}
    )
    assert ran.code == 1, ran.log
    assert "score 29.7 is under 60" in ran.log


def test_action_fails_on_a_regression_from_the_baseline(action: Runner, workspace: Path) -> None:
    """A draft that lost an answer since its baseline fails the action."""
    draft = workspace / "draft.md"
    draft.write_text(regressed(draft.read_text(encoding="utf-8")), encoding="utf-8")
    ran = run_action(action, workspace, {"files": "draft.md"})
    assert ran.code == 1, ran.log
    assert "protection.accommodation" in ran.log


def test_action_writes_sarif_and_still_fails_on_the_gate(action: Runner, workspace: Path) -> None:
    """`sarif-file` writes a SARIF 2.1.0 log of the gaps as well as the report to the log, and the gate
    still decides the exit code."""
    ran = run_action(
        action, workspace, {"files": "draft.md", "args": "--fail-under 60", "sarif-file": "out.sarif"}
    )
    assert ran.code == 1, ran.log
    sarif = json.loads((workspace / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert re.search(r"^::error.*score 29\.7 is under 60", ran.log, re.M)


def test_action_passes_patterns_and_several_files_to_ilo_check(action: Runner, workspace: Path) -> None:
    """Several `files`, on lines of their own or with a pattern, are audited together; the shell globs
    none of them, so that ilo-check's own patterns ('**') work, and `format` chooses the log's format."""
    (workspace / "drafts" / "2025").mkdir(parents=True)
    shutil.copy(workspace / "draft.md", workspace / "drafts" / "2025" / "draft.md")
    ran = run_action(
        action, workspace, {"files": "draft.md\n'drafts/**/*.md'", "args": "--no-config", "format": "json"}
    )
    assert ran.code == 2, ran.log  # the quotes are the file's name: no such file
    ran = run_action(
        action, workspace, {"files": "draft.md\ndrafts/**/*.md", "args": "--no-config", "format": "json"}
    )
    assert ran.code == 0, ran.log
    reports = json.loads(ran.log)["reports"]
    assert sorted(report["source"] for report in reports) == [
        "draft.md",
        "drafts/2025/draft.md",
    ]


def test_action_fails_on_a_missing_file(action: Runner, workspace: Path) -> None:
    """A report that does not exist fails the action with exit code 2 and a line naming it."""
    ran = run_action(action, workspace, {"files": "no-such-draft.md"})
    assert ran.code == 2, ran.log
    assert "no-such-draft.md" in ran.log


@pytest.mark.skipif(not pypi_reachable(), reason="installing the action's checkout needs PyPI")
def test_action_installs_from_its_checkout_and_audits(workspace: Path) -> None:
    """Run as written, the install step installs ilo-check from the action's checkout (with its
    dependencies, from PyPI) into a virtual environment of the runner's temporary folder, and the audit
    runs with it."""
    (workspace.parent / "runner-temp").mkdir()
    runner = Runner(workspace.parent / "runner-temp", copy_sources(workspace.parent / "action-checkout"))
    ran = runner.run(workspace, {"files": "draft.md", "sarif-file": "out.sarif"}, STEPS, offline=False)
    assert ran.code == 0, ran.log
    assert runner.outputs["steps.install.outputs.ilo-check"] == str(
        runner.temp / "ilo-check-venv/bin/ilo-check"
    )
    assert (runner.temp / "ilo-check-venv" / "bin" / "ilo-check").is_file()
    assert "gate passed" in ran.log and (workspace / "out.sarif").is_file()
