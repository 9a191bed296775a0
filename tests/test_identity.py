"""Which file a report is (checker/identity.py): its path in the repository that holds it, whatever the
working folder; the reader takes the digest of its bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from checker.identity import repository_path, repository_root
from checker.readers import STDIN, read_file


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository (its root marked by `.git`) with a draft two folders down."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "drafts" / "2025").mkdir(parents=True)
    (tmp_path / "repo" / "drafts" / "2025" / "draft.md").write_text("# Draft\n", encoding="utf-8")
    return tmp_path / "repo"


def test_the_path_in_the_repository_does_not_depend_on_the_working_folder(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed from the root, from the draft's folder or absolute, the draft has one path in its repository."""
    monkeypatch.chdir(repository)
    assert repository_path("drafts/2025/draft.md") == "drafts/2025/draft.md"
    monkeypatch.chdir(repository / "drafts" / "2025")
    assert repository_path("draft.md") == "drafts/2025/draft.md"
    assert repository_path(str(repository / "drafts" / "2025" / "draft.md")) == "drafts/2025/draft.md"
    assert repository_root(Path("draft.md")) == repository


def test_a_worktree_s_git_file_marks_its_root(tmp_path: Path) -> None:
    """A linked worktree or a submodule has a `.git` file, not a folder: it marks the root as well."""
    (tmp_path / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    assert repository_path(str(tmp_path / "draft.md")) == "draft.md"


def test_outside_a_repository_and_on_standard_input_there_is_no_path(tmp_path: Path) -> None:
    """A file in no repository, and standard input, have no path in a repository."""
    assert repository_root(tmp_path) is None  # pytest's temporary folders are in none
    assert repository_path(str(tmp_path / "draft.md")) is None
    assert repository_path(STDIN) is None


def test_the_reader_takes_the_digest_of_what_it_read(repository: Path) -> None:
    """The digest is of the bytes the reader read, not of the file read again afterwards."""
    path = repository / "drafts" / "2025" / "draft.md"
    document = read_file(str(path))
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
