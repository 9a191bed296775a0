"""Which files a folder or a glob pattern stands for: excluded globs, and what git ignores.

Patterns are matched as ruff and flake8 users expect. A glob without a slash (``README.*``,
``*.labels.yaml``, ``archive``) matches a file's or a folder's name at any depth; a folder matched
takes everything under it along. A glob with a slash (``drafts/old/**``) matches the path relative
to a base: the folder searched for a pattern given on the command line, the configuration file's
folder for one written there. ``*`` and ``?`` stay within a name, ``**`` spans folders, ``[abc]``
and ``[!abc]`` are classes; a trailing slash (``build/``) matches folders only. Matching is
case-sensitive, as git's.

Only what is found by searching is left out: a file or folder named on the command line is audited
even when a pattern matches it, unless `force` is set (as ruff's ``--force-exclude``, for pre-commit,
which names every changed file).
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePath

from checker.identity import repository_root

__all__ = ["DEFAULT_EXCLUDE", "Exclude", "Selection", "base_of", "git_ignored", "matches"]

_WILDCARDS = frozenset("*?[")

# Never reports: version control's and environments' folders (found only when a hidden folder is
# named), the files that describe a folder of reports, and ilo-check's own labels of a benchmark
# (fixtures/LABELS.md), which a folder of labelled reports holds beside every report. A folder's
# README counted as a report would drag the score down and fail the gate.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    "site-packages",
    "README.*",
    "CHANGELOG.*",
    "CONTRIBUTING.*",
    "LICENSE.*",
    "*.labels.yaml",
)


@dataclass(frozen=True)
class Exclude:
    """A glob, and the folder a glob with a slash is relative to (None: the folder being searched)."""

    glob: str
    folder: Path | None = None


@dataclass(frozen=True)
class Selection:
    """What searching a folder or a pattern leaves out; `force` leaves it out of named files too."""

    excludes: tuple[Exclude, ...] = tuple(Exclude(glob) for glob in DEFAULT_EXCLUDE)
    respect_gitignore: bool = True
    force: bool = False

    def under(self, base: str) -> Callable[[Sequence[str], bool], bool]:
        """The test of paths under the folder `base`: whether a path (its names from `base` down;
        True: it is a folder) or a folder between `base` and it matches a pattern."""
        resolved: Path | None = None
        tests: list[tuple[str, tuple[str, ...]]] = []  # each glob, and the names from its folder to base
        for exclude in self.excludes:
            if exclude.folder is None or not _anchored(exclude.glob):
                tests.append((exclude.glob, ()))
                continue
            resolved = resolved or Path(base).resolve()
            try:
                tests.append((exclude.glob, resolved.relative_to(exclude.folder.resolve()).parts))
            except ValueError:  # base is not under the configuration's folder: the glob cannot match
                continue

        def excluded(relative: Sequence[str], folder: bool = False) -> bool:
            # The folders above `base` are not matched: `base` was named, and a named folder is
            # searched even when a pattern would have excluded it.
            return any(_any_prefix(glob, (*outer, *relative), len(outer), folder) for glob, outer in tests)

        return excluded


def _any_prefix(glob: str, parts: Sequence[str], above: int, folder: bool) -> bool:
    """Whether `glob` matches the path of `parts`, or a folder on it below the first `above` names."""
    return any(
        matches(glob, parts[:end], folder=folder or end < len(parts))
        for end in range(above + 1, len(parts) + 1)
    )


def _anchored(glob: str) -> bool:
    """Whether a glob matches a whole path (it has a slash), not a name at any depth."""
    return "/" in glob.rstrip("/")


@cache
def _names(glob: str) -> tuple[str, ...]:
    return tuple(name for name in glob.strip("/").split("/") if name not in ("", "."))


def matches(glob: str, parts: Sequence[str], *, folder: bool = False) -> bool:
    """Whether `glob` matches the path of `parts` exactly: a glob without a slash matches the last name,
    one with a slash the whole path. `folder`: the path is a folder (which a trailing slash asks for).
    Each name is matched as fnmatch does; `**` stands for any number of folders."""
    if not parts or (glob.endswith("/") and not folder):
        return False
    names = _names(glob)
    if not _anchored(glob):
        return len(names) == 1 and fnmatch.fnmatchcase(parts[-1], names[0])
    # The positions in `parts` that the globs so far can end at: a walk, not recursion, so that
    # many `**` cost len(names) x len(parts), never exponential time.
    reach = {0}
    for index, name in enumerate(names):
        if name == "**" and index == len(names) - 1:
            return any(at < len(parts) for at in reach)  # `a/**`: anything under a, not a itself
        if name == "**":
            reach = set(range(min(reach), len(parts) + 1))
        else:
            reach = {at + 1 for at in reach if at < len(parts) and fnmatch.fnmatchcase(parts[at], name)}
        if not reach:
            return False
    return len(parts) in reach


def git_ignored(folder: str, paths: Iterable[str]) -> set[str]:
    """Those of `paths` (under `folder`, as found there) that git ignores: .gitignore files, the
    repository's info/exclude and the user's global excludes, as `git check-ignore` reads them. A
    tracked file is not ignored, as git does not ignore it. Nothing is ignored when git is absent,
    the folder is not in a work tree, or the folder itself is ignored: a folder named is searched."""
    paths = list(paths)
    git = shutil.which("git")
    if not paths or git is None or not _maybe_in_work_tree(folder):
        return set()
    relative = {os.path.relpath(path, folder): path for path in paths}
    # "." first: the folder itself, which git reports ignored when it or a folder above it is.
    queries = [".", *relative]
    try:
        # git from PATH, with arguments of our own and no shell; local only, it reads no network.
        run = subprocess.run(
            [git, "-C", folder, "check-ignore", "--stdin", "-z"],
            input=b"".join(os.fsencode(query) + b"\0" for query in queries),
            capture_output=True,
            check=False,
        )
    except OSError:
        return set()
    # 0: some ignored; 1: none; anything else (128: not a work tree, a path in a submodule) says
    # nothing about the files, which are then all kept.
    if run.returncode != 0:
        return set()
    ignored = {os.fsdecode(name) for name in run.stdout.split(b"\0") if name}
    if "." in ignored:
        return set()
    return {relative[name] for name in ignored if name in relative}


def _maybe_in_work_tree(folder: str) -> bool:
    """Whether git may find a work tree for `folder`: it or a folder above holds `.git` (a folder, or a
    file in a linked work tree or a submodule), or GIT_DIR names the repository. Outside one, git is
    not started at all: a process less per folder, and none that a batch's caller might take for a
    worker."""
    if os.environ.get("GIT_DIR"):
        return True
    return repository_root(Path(folder).resolve()) is not None  # where git itself looks: links followed


def base_of(pattern: str) -> str:
    """The folder a glob pattern searches: its folders before the first with a wildcard."""
    fixed: list[str] = []
    for part in PurePath(pattern).parts[:-1]:
        if _WILDCARDS & set(part):
            break
        fixed.append(part)
    return str(PurePath(*fixed)) if fixed else "."
