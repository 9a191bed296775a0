"""Many submissions at once: the files that arguments name (files, folders, glob patterns), audited in
parallel worker processes, the results in the order the files were named. What a folder or a pattern
stands for leaves out what checker/excludes.py excludes.

A file that cannot be read is an outcome like any other, so one bad file stops nothing. The workers
ignore Ctrl-C: the main process alone is interrupted (or terminated), and stops them, before anything is
written.
"""

from __future__ import annotations

import functools
import glob
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from checker.engine import audit
from checker.errors import CheckerError, UsageError, internal_error
from checker.excludes import Selection, base_of, git_ignored
from checker.model import DocumentAudit, Rule, RulePack, Suppression
from checker.readers import EXTENSIONS, STDIN, read_file
from checker.workers import Lost, in_workers

__all__ = ["Job", "Outcome", "Task", "audit_all", "default_jobs", "jobs_allowed", "submissions"]

_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class Job:
    """What every audit of a batch shares."""

    pack: RulePack
    rules: tuple[Rule, ...] | None = None  # None: all of the pack's
    input_format: str | None = None
    keep_unmatched: bool = False
    language: str | None = None  # what every report is written in (ISO 639-1); None: each one's identified


@dataclass(frozen=True)
class Task:
    """One submission to audit, with the configured suppressions that apply to it."""

    path: str
    suppressions: tuple[Suppression, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """A submission's audit, or why it could not be audited."""

    path: str
    audit: DocumentAudit | None = None
    error: str | None = None


def _in_folder(folder: Path, selection: Selection) -> tuple[list[str], int]:
    """The reports in a folder and its subfolders, in name order, and how many names were excluded;
    hidden files and folders aside, and what is not a file (a named pipe would wait for a writer
    forever). A broken link stays, to be reported."""
    found, left_out = [], 0
    excluded = selection.under(str(folder))
    for root, folders, files in os.walk(folder):
        within = Path(root).relative_to(folder).parts
        shown = sorted(name for name in folders if not name.startswith("."))
        # An excluded folder is not walked at all: node_modules may hold thousands of files.
        folders[:] = [name for name in shown if not excluded((*within, name), True)]
        left_out += len(shown) - len(folders)
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in EXTENSIONS:
                continue
            path = os.path.join(root, name)
            if excluded((*within, name), False):
                left_out += 1
            elif os.path.isfile(path) or not os.path.exists(path):
                found.append(path)
    return _not_ignored(str(folder), found, selection, left_out)


def _not_ignored(folder: str, found: list[str], selection: Selection, left_out: int) -> tuple[list[str], int]:
    """`found` without the files git ignores (when the selection respects .gitignore), and the count of
    names left out, those added."""
    if not selection.respect_gitignore:
        return found, left_out
    ignored = git_ignored(folder, found)
    return [path for path in found if path not in ignored], left_out + len(ignored)


def _matching(pattern: str, selection: Selection) -> tuple[list[str], int]:
    """The files a pattern matches, in name order, and how many were excluded. A `**` pattern is walked
    by pathlib, which does not go into linked folders, as the walk of a folder does not: glob.glob
    follows a link to a parent folder round and round, and with two such links for ever. Hidden names
    are left out, as glob.glob leaves them, unless the pattern names one. Patterns are matched below
    the pattern's folder (its names before the first wildcard), as below a folder named."""
    if "**" not in pattern:
        matched = sorted(path for path in glob.glob(pattern) if os.path.isfile(path))
    else:
        pure = PurePath(pattern)
        root = Path(pure.anchor or ".")
        relative = pure.relative_to(pure.anchor) if pure.anchor else pure
        hidden_named = any(part.startswith(".") for part in relative.parts)

        def shown(path: Path) -> bool:
            return hidden_named or not any(part.startswith(".") for part in path.relative_to(root).parts)

        matched = sorted(str(path) for path in root.glob(str(relative)) if path.is_file() and shown(path))
    base = base_of(pattern)
    excluded = selection.under(base)
    kept = [path for path in matched if not excluded(Path(os.path.relpath(path, base)).parts, False)]
    return _not_ignored(base, kept, selection, len(matched) - len(kept))


def _named(path: str, selection: Selection) -> bool:
    """Whether a file named on the command line is audited: always, unless `force` excludes it too
    (matched below the working directory when it is there, else by its name alone)."""
    if not selection.force:
        return True
    relative = os.path.relpath(path)
    parts = Path(relative).parts if not relative.startswith("..") else (Path(path).name,)
    return not selection.under(".")(parts, False)


def submissions(arguments: Sequence[str], selection: Selection | None = None) -> tuple[list[str], list[str]]:
    """The files that the arguments name, each once, in order; and a message for each argument that names
    none. A folder stands for the reports in it; a pattern (``reports/**/*.pdf``) for the files it
    matches; both without what `selection` excludes (by default, the files and folders of
    `DEFAULT_EXCLUDE` and what git ignores). `STDIN` is standard input, named alone; anything else is a
    file, read (or found missing) in its turn, even if excluded, unless the selection forces it out."""
    selection = selection or Selection()
    if STDIN in arguments and len(arguments) > 1:
        raise UsageError(
            f"'{STDIN}' (standard input) must be the only report named", hint="audit the others apart"
        )
    files: list[str] = []
    problems: list[str] = []
    for argument in arguments:
        if os.path.isdir(argument):
            named, left_out = _in_folder(Path(argument), selection)
            if not named:
                problems.append(f"{argument}: no report in this folder{_excluded(left_out)}")
        elif _GLOB_CHARACTERS & set(argument) and not os.path.exists(argument):
            named, left_out = _matching(argument, selection)
            if not named:
                problems.append(f"{argument}: no file matches{_excluded(left_out)}")
        else:
            named = [argument] if argument == STDIN or _named(argument, selection) else []
        files += named
    return list(dict.fromkeys(files)), problems


def _excluded(count: int) -> str:
    """What a message adds when names were excluded: why nothing was found may be there."""
    return f" ({count} excluded: see --exclude and --no-respect-gitignore)" if count else ""


def default_jobs() -> int:
    """As many workers as the process may use cores."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def jobs_allowed(requested: int | None) -> tuple[int, str | None]:
    """The processes to use for `requested` (None: the default), and why a request was lowered, if it
    was. An audit keeps a core busy, so processes beyond the cores only share them, each holding the rule
    pack and a report in memory: `--jobs 100000` once forked hundreds of processes on two cores."""
    cores = default_jobs()
    if requested is None or requested <= cores:
        return requested or cores, None
    return cores, f"--jobs {requested} lowered to {cores}: more processes than cores would only share them"


def audit_one(job: Job, task: Task, jobs: int = 1) -> Outcome:
    """Read and audit one submission (its sentences judged in up to `jobs` processes); a file that
    cannot be read gives its error, not an exception."""
    try:
        # The document is handed over, not kept here: its lines can go once they are cut into sentences.
        result = audit(
            read_file(task.path, job.input_format),
            job.pack,
            keep_unmatched=job.keep_unmatched,
            suppressions=task.suppressions,
            rules=job.rules,
            jobs=jobs,
            language=job.language,
        )
    except CheckerError as error:
        # An error of the whole file (its process killed, say) knows no place in it: the file names it.
        return Outcome(task.path, error=str(error) if error.where else f"{task.path}: {error}")
    return Outcome(task.path, audit=result)


# A worker process's one job, set once when it starts: tasks then travel without the rule pack.
_worker_job: Job | None = None


def _start_worker(job: Job) -> None:
    global _worker_job  # noqa: PLW0603 - the state of a worker process, set once at its start
    _worker_job = job


def _safely(job: Job, task: Task, jobs: int = 1) -> Outcome:
    """`audit_one`, with any surprise made that file's outcome: it must not stop the batch."""
    try:
        return audit_one(job, task, jobs)
    except Exception as error:
        if os.environ.get("ILO_CHECK_DEBUG"):
            raise
        return Outcome(
            task.path,
            error=f"{task.path}: {internal_error(error)}",
        )


def _work(task: Task) -> Outcome:
    assert _worker_job is not None
    return _safely(_worker_job, task)


def audit_all(
    job: Job, tasks: Sequence[Task], workers: int, done: Callable[[Outcome], None] | None = None
) -> Iterator[Outcome]:
    """Every task's outcome, in the order of `tasks`; with `workers` processes: a task each at a time
    when there is more than one task, else sharing the one task's sentences. A task whose process is
    killed (by the out-of-memory killer, say) is an outcome with its error, and the batch goes on. `done`
    is told of each outcome as it comes (for a progress bar)."""
    if len(tasks) <= 1 or workers <= 1:
        outcomes: Iterator[Outcome] = (_safely(job, task, workers) for task in tasks)
    else:
        results = in_workers(functools.partial(_start_worker, job), _work, tasks, workers)
        outcomes = (
            Outcome(task.path, error=f"{task.path}: {result.why}") if isinstance(result, Lost) else result
            for task, result in zip(tasks, results, strict=True)
        )
    for outcome in outcomes:
        if done is not None:
            done(outcome)
        yield outcome
