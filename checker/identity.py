"""Which submission a report is, whatever folder ilo-check runs from: its path inside the repository
that holds it, and the digest of its content.

A path as typed (`draft.md`, `fixtures/draft/draft.md`) depends on the working folder, so a baseline
keyed by it finds nothing when a hook runs from the repository's root and the baseline was written
from the draft's folder. The repository's root is the nearest folder up with a `.git` (a folder, or the
file a worktree or submodule has); outside a repository there is no such path, and the content's
digest is what is left to tell a file by.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from checker.model import SourceIdentity
from checker.readers import STDIN

__all__ = ["identify", "repository_root"]

_CHUNK = 1 << 20


def repository_root(path: Path) -> Path | None:
    """The root of the repository that holds `path` (a file or folder), if any."""
    # Links are not followed: a draft linked from elsewhere is where the repository shows it.
    absolute = Path(os.path.abspath(path))
    for folder in (absolute, *absolute.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _digest(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
    except OSError:  # gone or unreadable since it was read: it is then told by its path alone
        return None
    return digest.hexdigest()


def identify(source: str) -> SourceIdentity:
    """The identity of the submission read from `source`, a path as typed."""
    if source == STDIN:
        return SourceIdentity()
    path = Path(os.path.abspath(source))
    root = repository_root(path.parent)
    relative = path.relative_to(root).as_posix() if root is not None else None
    return SourceIdentity(relative, _digest(path))
