"""What a folder or a pattern stands for (checker/excludes.py, checker/batch.py): excluded globs matched as
ruff and flake8 users expect, the default excludes, what git ignores, and files named explicitly."""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.batch import submissions
from checker.config import load_config
from checker.excludes import DEFAULT_EXCLUDE, Exclude, Selection, base_of, git_ignored, matches
from checker.reporters.options import RenderOptions
from checker.settings import audit_settings
from tests.ci_support import run_main

REPORT = "The Government ratified the Protocol of 2014 to the Forced Labour Convention in 2016.\n"


pytestmark = pytest.mark.usefixtures("pack_once")


def _tree(root: Path, *names: str) -> Path:
    """Files under `root`, each a short report, folders made as needed."""
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(REPORT, encoding="utf-8")
    return root


def _found(root: Path, selection: Selection | None = None, *arguments: str) -> list[str]:
    """The files that `arguments` (by default `root`) stand for, relative to `root`, as POSIX paths."""
    files, _ = submissions(list(arguments) or [str(root)], selection)
    return [Path(path).relative_to(root).as_posix() for path in files]


def _selection(*globs: str, gitignore: bool = True, force: bool = False) -> Selection:
    return Selection(tuple(Exclude(glob) for glob in globs), gitignore, force)


# ── matching ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("glob", "path", "folder", "expected"),
    [
        ("README.md", "README.md", False, True),
        ("README.md", "docs/README.md", False, True),  # a name, at any depth
        ("*.labels.yaml", "x.labels.yaml", False, True),
        ("*.labels.yaml", "x.yaml", False, False),
        ("archive", "archive", True, True),
        ("drafts/old/**", "drafts/old/a.md", False, True),
        ("drafts/old/**", "drafts/old/deep/a.md", False, True),
        ("drafts/old/**", "drafts/old", True, False),  # what is under it, not the folder itself
        ("drafts/*.md", "drafts/a.md", False, True),
        ("drafts/*.md", "drafts/x/a.md", False, False),  # `*` stays within a name
        ("**/old/*.md", "old/a.md", False, True),  # `**` stands for no folder too
        ("**/old/*.md", "a/b/old/a.md", False, True),
        ("a/**/b", "a/b", True, True),
        ("a/**/b", "a/x/y/b", True, True),
        ("/README.md", "README.md", False, True),  # a leading slash anchors: only at the base
        ("/README.md", "docs/README.md", False, False),
        ("./drafts/a.md", "drafts/a.md", False, True),
        ("build/", "build", True, True),  # a trailing slash: folders only
        ("build/", "build", False, False),
        ("report_[0-9].md", "report_7.md", False, True),
        ("report_[!0-9].md", "report_7.md", False, False),
        ("readme.md", "README.md", False, False),  # case-sensitive, as git
    ],
)
def test_a_glob_matches_as_ruff_users_expect(glob: str, path: str, folder: bool, expected: bool) -> None:
    """A glob without a slash matches a name; with one, the whole path from the base; `**` any folders."""
    assert matches(glob, tuple(path.split("/")), folder=folder) is expected


_NAME_CHARACTERS = st.sampled_from("ab.-_")
_names = st.text(_NAME_CHARACTERS, min_size=1, max_size=4).filter(lambda name: name not in (".", ".."))
_paths = st.lists(_names, min_size=1, max_size=5).map(tuple)


@given(st.text(st.sampled_from("ab.*?[]!-"), min_size=1, max_size=6), _names)
def test_a_glob_without_a_slash_matches_a_name_as_fnmatch_does(glob: str, name: str) -> None:
    """A glob of one name is fnmatch's glob, case-sensitive."""
    assert matches(glob, (name,)) is fnmatch.fnmatchcase(name, glob)


@given(_paths, _paths)
def test_a_path_written_out_matches_itself_alone(path: tuple[str, ...], other: tuple[str, ...]) -> None:
    """A glob with no wildcard is the path it names, and matches no other path."""
    glob = "/" + "/".join(path)
    assert matches(glob, path)
    assert matches(glob, other) is (other == path)


@given(_paths, _paths)
def test_a_folder_s_double_star_matches_what_is_under_it(
    folder: tuple[str, ...], below: tuple[str, ...]
) -> None:
    """`FOLDER/**` matches every path under FOLDER, never FOLDER itself nor a path beside it."""
    glob = "/".join(folder) + "/**"
    assert matches(glob, (*folder, *below))
    assert not matches(glob, folder, folder=True)
    assert not matches(glob, (*folder[:-1], folder[-1] + "x", *below))


@given(_paths, _paths)
def test_a_leading_double_star_matches_at_any_depth(above: tuple[str, ...], path: tuple[str, ...]) -> None:
    """`**/GLOB` matches a path that GLOB matches, below any folders."""
    assert matches("**/" + "/".join(path), (*above, *path))


_SEGMENTS = st.sampled_from(["a", "b", "ab", "*", "?", "a*", "*b", "**"])


@given(
    st.lists(_SEGMENTS, min_size=2, max_size=4),
    st.lists(st.sampled_from(["a", "b", "ab", "ba"]), min_size=1, max_size=5),
)
def test_a_glob_with_a_slash_excludes_what_a_gitignore_pattern_ignores(
    segments: list[str], path: list[str]
) -> None:
    """Excluding by a glob with a slash agrees with git's reading of the same line in a .gitignore (as
    the pathspec library reads it): the path, or a folder on it, matched from the base."""
    pathspec = pytest.importorskip("pathspec")
    glob = "/".join(segments)
    ignored = pathspec.GitIgnoreSpec.from_lines([glob]).match_file("/".join(path))
    assert _selection(glob).under(".")(tuple(path), False) is ignored


@pytest.mark.parametrize(
    ("pattern", "base"),
    [("reports/**/*.md", "reports"), ("*.md", "."), ("a/b*/c/*.txt", "a"), ("/srv/r/*.md", "/srv/r")],
)
def test_a_pattern_searches_the_folder_before_its_first_wildcard(pattern: str, base: str) -> None:
    """A glob argument's folder, below which excludes are matched, is its names before a wildcard."""
    assert base_of(pattern) == base


# ── folders and patterns ─────────────────────────────────────────────────────────────────────────────


def test_a_folder_leaves_out_the_default_excludes(tmp_path: Path) -> None:
    """By default a folder's READMEs, changelog, labels, and environments' and packages' folders are not
    reports."""
    _tree(
        tmp_path,
        "report.txt",
        "README.md",
        "CHANGELOG.md",
        "report.labels.yaml",
        "node_modules/pkg/notes.md",
        "venv/lib/site.txt",
        "__pycache__/x.txt",
        "sub/README.txt",
        "sub/second.md",
    )
    assert _found(tmp_path) == ["report.txt", "sub/second.md"]
    assert set(DEFAULT_EXCLUDE) >= {"README.*", "*.labels.yaml", "node_modules", "venv"}


def test_an_exclude_without_a_slash_matches_a_name_at_any_depth(tmp_path: Path) -> None:
    """`archive` leaves out every folder of that name and what is in it; `*.draft.md` every such file."""
    _tree(tmp_path, "a.md", "archive/b.md", "x/archive/c.md", "x/d.draft.md", "x/e.md")
    assert _found(tmp_path, _selection("archive", "*.draft.md")) == ["a.md", "x/e.md"]


def test_an_exclude_with_a_slash_is_relative_to_the_folder_searched(tmp_path: Path) -> None:
    """`drafts/old/**` leaves out drafts/old under the folder given, not a drafts/old deeper down."""
    _tree(tmp_path, "drafts/old/a.md", "drafts/new/b.md", "other/drafts/old/c.md")
    assert _found(tmp_path, _selection("drafts/old/**")) == ["drafts/new/b.md", "other/drafts/old/c.md"]


def test_a_list_of_excludes_replaces_the_defaults(tmp_path: Path) -> None:
    """`exclude` given replaces the default list, as in ruff: a README is a report again."""
    _tree(tmp_path, "README.md", "a.md", "skip.md")
    assert _found(tmp_path, _selection("skip.md")) == ["README.md", "a.md"]


def test_names_above_the_folder_searched_are_not_matched(tmp_path: Path) -> None:
    """A folder named is searched even inside a folder an exclude names: only what is below it counts."""
    root = _tree(tmp_path / "venv" / "reports", "a.md", "README.md")
    assert _found(root) == ["a.md"]
    assert _found(root, None, str(root / "**" / "*.md")) == ["a.md"]


def test_a_pattern_leaves_out_what_is_excluded_below_its_folder(tmp_path: Path) -> None:
    """A glob argument's matches are matched against the excludes below the glob's own folder."""
    _tree(tmp_path, "a.md", "README.md", "archive/b.md", "x/c.md")
    assert _found(tmp_path, _selection("README.md", "archive"), str(tmp_path / "**" / "*.md")) == [
        "a.md",
        "x/c.md",
    ]


def test_a_file_named_is_audited_even_when_excluded(tmp_path: Path) -> None:
    """As in ruff: a file named on the command line is audited whatever the excludes say..."""
    _tree(tmp_path, "README.md", "node_modules/x.md")
    named = [str(tmp_path / "README.md"), str(tmp_path / "node_modules" / "x.md")]
    assert submissions(named, Selection()) == (named, [])


def test_force_exclude_leaves_out_a_file_named_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """...unless force-exclude is set (for pre-commit, which names every file): by its name, or by a
    folder on its path below the working directory."""
    _tree(tmp_path, "README.md", "node_modules/x.md", "a.md")
    monkeypatch.chdir(tmp_path)
    forced = Selection(force=True)
    assert submissions(["README.md", "node_modules/x.md", "a.md"], forced) == (["a.md"], [])
    assert submissions([str(tmp_path / "README.md")], forced) == ([], [])


def test_a_folder_with_only_excluded_files_says_how_many(tmp_path: Path) -> None:
    """A folder whose every report is excluded names no report, and the message says why that may be."""
    _tree(tmp_path, "README.md", "a.labels.yaml", "b.labels.yaml")
    assert submissions([str(tmp_path)]) == (
        [],
        [f"{tmp_path}: no report in this folder (3 excluded: see --exclude and --no-respect-gitignore)"],
    )


# ── settings and configuration ───────────────────────────────────────────────────────────────────────


def test_configured_excludes_are_relative_to_the_configuration(tmp_path: Path) -> None:
    """A configured glob with a slash is relative to the configuration's folder, wherever the folder
    searched is; `extend-exclude` adds to `exclude` (or to the defaults)."""
    config = tmp_path / "ilo-check.yaml"
    config.write_text("exclude: [reports/drafts/**]\nextend-exclude: ['*.tmp.md']\n")
    root = _tree(tmp_path / "reports", "a.md", "drafts/b.md", "x/drafts/c.md", "d.tmp.md", "README.md")
    settings = audit_settings((str(root),), {}, load_config(config), RenderOptions())
    assert settings.selection == Selection(
        (Exclude("reports/drafts/**", tmp_path), Exclude("*.tmp.md", tmp_path)), True, False
    )
    assert _found(root, settings.selection) == ["README.md", "a.md", "x/drafts/c.md"]


def test_the_command_line_replaces_exclude_and_extends_extend_exclude(tmp_path: Path) -> None:
    """`--exclude` replaces the configured `exclude`; `--extend-exclude` adds to the configured one."""
    config = tmp_path / "ilo-check.yaml"
    config.write_text("exclude: [a.md]\nextend-exclude: [b.md]\nrespect-gitignore: false\n")
    options = {"exclude": ("c.md",), "extend-exclude": ("d.md",), "force-exclude": True}
    selection = audit_settings(("x",), options, load_config(config), RenderOptions()).selection
    assert selection == Selection(
        (Exclude("c.md"), Exclude("b.md", tmp_path), Exclude("d.md")), respect_gitignore=False, force=True
    )


def test_config_shows_the_effective_excludes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ilo-check config` shows the exclude list in effect, the extended globs after the defaults."""
    (tmp_path / "ilo-check.yaml").write_text("extend-exclude: [drafts/**]\nrespect-gitignore: false\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(capsys, "config")
    assert (code, err) == (0, "")
    assert "exclude:\n" + "".join(f"- {_yaml(glob)}\n" for glob in (*DEFAULT_EXCLUDE, "drafts/**")) in out
    assert "respect-gitignore: false\n" in out
    assert "force-exclude: false\n" in out


def test_a_bad_exclude_in_the_configuration_is_told_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`exclude` must be a list of globs: a single string is an error at FILE:LINE:COL, exit 2."""
    (tmp_path / "ilo-check.yaml").write_text("fail-under: 10\nexclude: README.md\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(capsys, "config")
    assert (code, out) == (2, "")
    assert err.startswith(f"ilo-check: error: {tmp_path / 'ilo-check.yaml'}:2:")


def _yaml(glob: str) -> str:
    return f"'{glob}'" if glob.startswith("*") else glob


# ── the command line ─────────────────────────────────────────────────────────────────────────────────


def _audited(out: str) -> list[str]:
    """The files a CSV report has rows for."""
    return sorted({line.split(",")[0] for line in out.splitlines()[1:] if line})


def test_auditing_a_folder_leaves_its_readme_and_labels_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ilo-check audit FOLDER` audits the reports, not the README nor the labels beside them."""
    _tree(tmp_path, "reports/a.txt", "reports/README.md", "reports/a.labels.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(capsys, "audit", "reports", "-f", "csv", "--no-config")
    assert (code, err) == (0, "")
    assert "README" not in out and "labels" not in out and "reports/a.txt" in out


def test_exclude_and_extend_exclude_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--extend-exclude keeps the defaults; --exclude replaces them; both on audit and baseline write."""
    _tree(tmp_path, "reports/a.txt", "reports/old/b.txt", "reports/README.md")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(
        capsys, "audit", "reports", "-f", "csv", "--no-config", "--extend-exclude", "old/**"
    )
    assert (code, err) == (0, "")
    assert "reports/a.txt" in out and "old" not in out and "README" not in out
    code, out, err = run_main(capsys, "audit", "reports", "-f", "csv", "--no-config", "--exclude", "old")
    assert (code, err) == (0, "")
    assert "README" in out and "old" not in out
    code, out, err = run_main(
        capsys, "baseline", "write", "b.json", "reports", "--no-config", "--exclude", "old"
    )
    assert (code, out, err) == (0, "", "ilo-check: wrote baseline b.json\n")
    assert (
        "README" in (tmp_path / "b.json").read_text() and "old/b.txt" not in (tmp_path / "b.json").read_text()
    )


def test_force_exclude_with_every_file_excluded_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--force-exclude with only excluded files named audits nothing, says so, and exits 0 (as ruff)."""
    _tree(tmp_path, "README.md")
    monkeypatch.chdir(tmp_path)
    assert run_main(capsys, "audit", "README.md", "--no-config", "--force-exclude") == (
        0,
        "",
        "ilo-check: warning: no report to audit: every file named is excluded (--force-exclude)\n",
    )


def test_the_help_tells_that_a_file_named_is_audited(capsys: pytest.CaptureFixture[str]) -> None:
    """--help says that a file named is audited even if excluded, unless --force-exclude."""
    code, out, _ = run_main(capsys, "audit", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert "A FILE named is audited even if excluded, unless --force-exclude." in flat
    assert "--no-respect-gitignore" in flat


# ── git ──────────────────────────────────────────────────────────────────────────────────────────────


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree whose .gitignore ignores build/ and *.tmp.md, and a nested one *.local.md; the
    user's and the system's git configuration (a global excludes file) kept out of it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    root = _tree(tmp_path / "repo", "a.md", "b.tmp.md", "build/c.md", "sub/d.md", "sub/e.local.md")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text("build/\n*.tmp.md\n")
    (root / "sub" / ".gitignore").write_text("*.local.md\n")
    return root


def test_a_folder_in_a_git_repository_leaves_out_what_git_ignores(repository: Path) -> None:
    """Searching a folder or a pattern skips what .gitignore files ignore, nested ones too."""
    assert _found(repository) == ["a.md", "sub/d.md"]
    assert _found(repository, None, str(repository / "**" / "*.md")) == ["a.md", "sub/d.md"]
    assert _found(repository / "sub", None) == ["d.md"]


def test_respect_gitignore_can_be_turned_off(repository: Path) -> None:
    """With respect-gitignore off, every report found is audited."""
    assert _found(repository, _selection(gitignore=False)) == [
        "a.md",
        "b.tmp.md",
        "build/c.md",
        "sub/d.md",
        "sub/e.local.md",
    ]


def test_what_git_ignores_is_audited_when_named(repository: Path) -> None:
    """A file named, and the files of a folder named, are audited even if git ignores them."""
    assert _found(repository, None, str(repository / "b.tmp.md")) == ["b.tmp.md"]
    assert _found(repository, None, str(repository / "build")) == ["build/c.md"]


def test_a_tracked_file_is_not_ignored(repository: Path) -> None:
    """A file git tracks is not ignored, as git does not ignore it, whatever .gitignore says."""
    subprocess.run(["git", "-C", str(repository), "add", "-f", "b.tmp.md"], check=True)
    assert _found(repository) == ["a.md", "b.tmp.md", "sub/d.md"]


def test_the_command_line_turns_gitignore_off(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--no-respect-gitignore` audits what git ignores; by default it is left out."""
    monkeypatch.chdir(repository)
    code, out, err = run_main(capsys, "audit", ".", "-f", "csv", "--no-config")
    assert (code, err, "b.tmp.md" in out, "build/c.md" in out) == (0, "", False, False)
    code, out, err = run_main(capsys, "audit", ".", "-f", "csv", "--no-config", "--no-respect-gitignore")
    assert (code, err, "b.tmp.md" in out, "build/c.md" in out) == (0, "", True, True)


def test_without_git_nothing_is_ignored(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without git on PATH, .gitignore is not read, and nothing is said about it."""
    monkeypatch.setenv("PATH", str(repository / "nowhere"))
    assert git_ignored(str(repository), [str(repository / "b.tmp.md")]) == set()
    assert len(_found(repository)) == 5


def test_outside_a_work_tree_nothing_is_ignored(tmp_path: Path) -> None:
    """A folder outside any git work tree keeps all its reports, a .gitignore file in it aside."""
    if (
        shutil.which("git")
        and subprocess.run(
            ["git", "-C", str(tmp_path), "rev-parse"], check=False, capture_output=True
        ).returncode
        == 0
    ):
        pytest.skip("the temporary folder is inside a git work tree")
    root = _tree(tmp_path, "a.md", "b.tmp.md")
    (root / ".gitignore").write_text("*.tmp.md\n")
    assert _found(root) == ["a.md", "b.tmp.md"]


def test_outside_a_work_tree_git_is_not_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a .git above the folder, no git process is started (a batch's caller might take it for a
    worker, and it costs a process per folder for nothing)."""
    if (
        shutil.which("git")
        and subprocess.run(
            ["git", "-C", str(tmp_path), "rev-parse"], check=False, capture_output=True
        ).returncode
        == 0
    ):
        pytest.skip("the temporary folder is inside a git work tree")
    monkeypatch.delenv("GIT_DIR", raising=False)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("git was started")

    monkeypatch.setattr(subprocess, "run", refuse)
    _tree(tmp_path, "a.md")
    assert git_ignored(str(tmp_path), [str(tmp_path / "a.md")]) == set()
