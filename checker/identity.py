"""Which submission a report is, whatever folder ilo-check runs from: its path inside the repository
that holds it (the digest of its content is taken by the reader, from the bytes it reads).

A path as typed (`draft.md`, `fixtures/draft/draft.md`) depends on the working folder, so a baseline
keyed by it finds nothing when a hook runs from the repository's root and the baseline was written
from the draft's folder. The repository's root is the nearest folder up with a `.git` (a folder, or the
file a worktree or submodule has); outside a repository there is no such path, and the content's
digest is what is left to tell a file by.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.readers import STDIN

__all__ = ["repository_path", "repository_root"]


def repository_root(path: Path) -> Path | None:
    """The root of the repository that holds `path` (a file or folder), if any."""
    # Links are not followed: a draft linked from elsewhere is where the repository shows it.
    absolute = Path(os.path.abspath(path))
    for folder in (absolute, *absolute.parents):
        if (folder / ".git").exists():
            return folder
    return None


def repository_path(source: str) -> str | None:
    """The path of the submission read from `source` (a path as typed) relative to its repository's root,
    with forward slashes; None outside a repository, and for standard input."""
    if source == STDIN:
        return None
    path = Path(os.path.abspath(source))
    root = repository_root(path.parent)
    return path.relative_to(root).as_posix() if root is not None else None
