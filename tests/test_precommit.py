"""The pre-commit hook the repository ships (.pre-commit-hooks.yaml) works as pre-commit runs it: its
`files` pattern picks drafts, and its entry, with the names of the changed files appended, audits them
with the gate of the repository's ilo-check.yaml.

Offline, the entry runs with this test's ilo-check; where PyPI can be reached, pre-commit itself
installs the hook from a copy of this repository and runs it as the README's recipe configures it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.ci_support import DRAFT_DIR, regressed
from tests.conftest import ROOT
from tests.install_support import copy_sources, pypi_reachable

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
HOOK = HOOKS[0]


def _git(*args: str, cwd: Path) -> None:
    identity = ("-c", "user.name=ilo-check tests", "-c", "user.email=tests@ilo-check.invalid")
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


def run_hook(repository: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """The hook's entry run as pre-commit runs it, in the repository's root with the changed files'
    names appended, its first word (the package's console script) being this test's ilo-check."""
    command, *options = shlex.split(HOOK["entry"])
    assert command == "ilo-check"
    return subprocess.run(
        [sys.executable, "-m", "checker", *options, *files],
        cwd=repository,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository of drafts: the walk-through's draft (with its ilo-check.yaml) at the root, a copy under
    drafts/, the baseline of both, and an old draft under archive/, which the configuration excludes."""
    repository = shutil.copytree(DRAFT_DIR, tmp_path / "repository")
    (repository / "drafts").mkdir()
    shutil.copy(DRAFT_DIR / "draft.md", repository / "drafts" / "report-2025.md")
    (repository / "archive").mkdir()
    (repository / "archive" / "draft-2019.md").write_text("# An old draft\n\nNothing.\n", encoding="utf-8")
    with (repository / "ilo-check.yaml").open("a", encoding="utf-8") as configuration:
        configuration.write("extend-exclude: [archive]\n")
    baseline = ("baseline", "write", "baseline.json", "draft.md", "drafts/report-2025.md")
    subprocess.run(
        [sys.executable, "-m", "checker", *baseline], cwd=repository, check=True, capture_output=True
    )
    return repository


def test_hook_is_defined_as_pre_commit_reads_it() -> None:
    """The file defines one hook, `ilo-check`, installed as a Python package whose console script is the
    entry's first word; it is given the changed files' names, all in one run (ilo-check shares them
    among the cores itself)."""
    assert [hook["id"] for hook in HOOKS] == ["ilo-check"]
    assert {"id", "name", "entry", "language", "files"} <= set(HOOK)
    assert HOOK["language"] == "python" and HOOK["require_serial"] is True
    assert HOOK.get("pass_filenames", True) is True
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert shlex.split(HOOK["entry"])[:2] == ["ilo-check", "audit"] and "ilo-check" in scripts


@pytest.mark.parametrize(
    ("path", "picked"),
    [
        ("draft.md", True),
        ("drafts/report-2025.md", True),
        ("reports/2025/report.yaml", True),
        ("country/draft_report.json", True),
        ("README.md", False),
        ("drafts/notes.md", False),
        ("src/report.py", False),
    ],
)
def test_hook_files_pattern_picks_drafts(path: str, picked: bool) -> None:
    """The hook's default `files` pattern, searched in a path as pre-commit searches it, picks drafts and
    reports in the formats ilo-check reads, and nothing else."""
    assert bool(re.search(HOOK["files"], path)) is picked


def test_hook_passes_the_drafts_a_commit_changes(repository: Path) -> None:
    """Given the changed drafts' names, the entry audits each with the configuration's gate and passes."""
    completed = run_hook(repository, "draft.md", "drafts/report-2025.md")
    assert completed.returncode == 0, completed.stderr
    assert "gate passed" in completed.stdout
    assert "draft.md" in completed.stdout and "report-2025.md" in completed.stdout


def test_hook_fails_a_commit_that_regresses_a_draft(repository: Path) -> None:
    """A draft that lost an answer since the baseline fails the hook (exit 1), naming the item."""
    draft = repository / "drafts" / "report-2025.md"
    draft.write_text(regressed(draft.read_text(encoding="utf-8")), encoding="utf-8")
    completed = run_hook(repository, "draft.md", "drafts/report-2025.md")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "protection.accommodation" in completed.stdout + completed.stderr


def test_hook_leaves_out_what_the_configuration_excludes(repository: Path) -> None:
    """A changed file that the configuration excludes is not audited, though pre-commit names it."""
    completed = run_hook(repository, "archive/draft-2019.md", "draft.md")
    assert completed.returncode == 0, completed.stderr
    assert "draft-2019" not in completed.stdout
    alone = run_hook(repository, "archive/draft-2019.md")
    assert alone.returncode == 0, alone.stderr


def _readme_recipe() -> dict[str, object]:
    """The README's .pre-commit-config.yaml recipe."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL) if "repos:" in b]
    assert len(blocks) == 1, "the README gives one .pre-commit-config.yaml"
    recipe: dict[str, object] = yaml.safe_load(blocks[0])
    return recipe


def test_readme_recipe_uses_the_shipped_hook() -> None:
    """The README's recipe names this repository's hook at a release tag, with a `files` that picks the
    draft it audits."""
    (repo,) = _readme_recipe()["repos"]  # type: ignore[misc]
    assert repo["rev"] == "v" + tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    (hook,) = repo["hooks"]
    assert hook["id"] == HOOK["id"]
    assert re.search(hook["files"], "drafts/report.md")


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
@pytest.mark.skipif(not pypi_reachable(), reason="pre-commit installs the hook's dependencies from PyPI")
def test_pre_commit_runs_the_readme_recipe(repository: Path, tmp_path: Path) -> None:
    """pre-commit, configured by the README's recipe (the repository's URL replaced by a copy of it at a
    commit, the tag by that commit), installs the hook and passes a draft the gate accepts, then fails
    one that regressed."""
    pytest.importorskip("pre_commit")
    hooks = copy_sources(tmp_path / "ilo-check")
    _git("init", "--quiet", cwd=hooks)
    _git("add", ".", cwd=hooks)
    _git("commit", "--quiet", "-m", "ilo-check", cwd=hooks)
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True
    )
    recipe = _readme_recipe()
    recipe["repos"][0] |= {"repo": str(hooks), "rev": commit.stdout.strip()}  # type: ignore[index]
    (repository / ".pre-commit-config.yaml").write_text(yaml.safe_dump(recipe), encoding="utf-8")
    _git("init", "--quiet", cwd=repository)
    _git("add", ".", cwd=repository)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "run",
                "--files",
                "drafts/report-2025.md",
                "--color",
                "never",
            ],
            cwd=repository,
            capture_output=True,
            text=True,
            check=False,
            env=environment,
        )

    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"ilo-check.*Passed", passed.stdout)
    draft = repository / "drafts" / "report-2025.md"
    draft.write_text(regressed(draft.read_text(encoding="utf-8")), encoding="utf-8")
    failed = pre_commit()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "protection.accommodation" in failed.stdout
