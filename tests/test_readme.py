"""The README's CI recipes work as written: the install commands install from a checkout or a wheel,
never by a name no index has; the GitHub recipe's inputs are the action's, and it runs on the
walk-through's draft (fixtures/draft, with the draft also at drafts/report.md, where the recipes look);
the GitLab job writes the report its artifacts name. (Every `ilo-check` command of the section is run
with its exit code by test_cli_gate.py's walk-through, the pre-commit recipe by test_precommit.py.)"""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci_support import DRAFT_DIR
from tests.conftest import ROOT
from tests.test_action import ACTION, INSTALL, STEPS, Runner, run_action

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_SECTION = re.search(r"^## In CI.*?(?=^## )", README, flags=re.DOTALL | re.MULTILINE)
assert CI_SECTION, "the README has an 'In CI' section"
SH_BLOCKS = re.findall(r"```sh\n(.*?)```", CI_SECTION.group(0), flags=re.DOTALL)
YAML_BLOCKS = [
    yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", CI_SECTION.group(0), flags=re.DOTALL)
]


def _commands() -> list[str]:
    """Every command line of the section: the shell blocks' lines (without their comments, and with
    `&&` chains cut into their commands), and the `run:` and `script:` lines of the YAML recipes."""
    lines: list[str] = []
    for block in SH_BLOCKS:
        lines += [line.split("  #")[0].strip() for line in block.splitlines() if not line.startswith("#")]
    for recipe in YAML_BLOCKS:
        lines += [step["run"] for step in recipe.get("steps", []) if "run" in step]
        lines += [line for job in recipe.values() if isinstance(job, dict) for line in job.get("script", [])]
    return [part.strip() for line in lines if line for part in line.split("&&")]


COMMANDS = _commands()


def _github_steps() -> list[dict[str, Any]]:
    """The steps of the GitHub Actions recipe."""
    (steps,) = [recipe["steps"] for recipe in YAML_BLOCKS if "steps" in recipe]
    return steps


def _gitlab_job() -> dict[str, Any]:
    """The job of the GitLab CI recipe."""
    (job,) = [
        job for recipe in YAML_BLOCKS for job in recipe.values() if isinstance(job, dict) and "script" in job
    ]
    return job


def _action_step() -> dict[str, Any]:
    """The GitHub recipe's step that uses this repository's action."""
    (step,) = [step for step in _github_steps() if step.get("uses", "").split("@")[0].endswith("/ilo-check")]
    return step


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The drafts' repository of the recipes: the walk-through's draft, configuration and baseline, with
    the draft also at drafts/report.md."""
    workspace = shutil.copytree(DRAFT_DIR, tmp_path / "workspace")
    (workspace / "drafts").mkdir()
    shutil.copy(workspace / "draft.md", workspace / "drafts" / "report.md")
    return workspace


def test_install_commands_install_from_a_checkout_or_a_wheel() -> None:
    """No recipe installs ilo-check by name from an index it is not on: each installs a checkout (a path
    or a git URL) or the wheel that `pip wheel` builds, whose name the recipe's pattern matches."""
    installs = [command for command in COMMANDS if command.startswith("pip install")]
    assert installs
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    for command in installs:
        (target,) = shlex.split(command)[2:]
        assert target.startswith(("./", "/", "git+", "dist/")), command
        if target.startswith("dist/"):
            assert fnmatch.fnmatch(f"dist/ilo_check-{version}-py3-none-any.whl", target), command
    assert "pip wheel --no-deps . -w dist" in COMMANDS


def test_github_recipe_uses_the_action_with_its_inputs() -> None:
    """The GitHub recipe uses this repository's action at the package's version, gives only inputs the
    action declares (the required ones included), and uploads the SARIF file it asks the action for."""
    steps, action = _github_steps(), _action_step()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert action["uses"].endswith(f"@v{version}")
    required = {name for name, spec in ACTION["inputs"].items() if spec.get("required")}
    assert required <= set(action["with"]) <= set(ACTION["inputs"])
    (upload,) = [
        step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    assert upload["with"]["sarif_file"] == action["with"]["sarif-file"] and upload["if"] == "always()"


def test_github_recipe_runs(workspace: Path, tmp_path: Path) -> None:
    """The action, given the GitHub recipe's inputs, audits the draft, fails on the recipe's gate (the
    draft's 29.7 is under 80) and still writes the SARIF file the upload step reads."""
    action = _action_step()
    runner = Runner(tmp_path / "runner-temp", ROOT)
    runner.temp.mkdir()
    assert runner.run(runner.temp, {"files": ""}, STEPS[: INSTALL + 1], offline=True).code == 0
    ran = run_action(runner, workspace, {name: str(value) for name, value in action["with"].items()})
    assert ran.code == 1, ran.log
    assert "score 29.7 is under 80" in ran.log
    sarif = json.loads((workspace / action["with"]["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"


def test_gitlab_recipe_writes_the_report_its_artifacts_name(workspace: Path) -> None:
    """The GitLab job's ilo-check command writes, even when its gate fails, the Code Quality report that
    its artifacts upload: a JSON array of issues."""
    job = _gitlab_job()
    report = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"
    (command,) = [line for line in job["script"] if line.startswith("ilo-check ")]
    assert shlex.split(command)[-2:] == ["--output", report]
    _, *args = shlex.split(command)
    subprocess.run([sys.executable, "-m", "checker", *args, "--fail-under", "80"], cwd=workspace, check=False)
    issues = json.loads((workspace / report).read_text(encoding="utf-8"))
    assert isinstance(issues, list) and issues
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issues[0])
