"""Many submissions at once: the files that arguments name (files, folders, glob patterns), audited in
parallel worker processes, the results in the order the files were named.

A file that cannot be read is an outcome like any other, so one bad file stops nothing. The workers
ignore Ctrl-C: the main process alone is interrupted (or terminated), and stops them, before anything is
written.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from checker.engine import audit
from checker.errors import CheckerError, UsageError, internal_error
from checker.forked import as_a_worker, interrupts_held
from checker.model import DocumentAudit, Rule, RulePack, Suppression
from checker.readers import EXTENSIONS, STDIN, read_file

__all__ = ["Job", "Outcome", "Task", "audit_all", "default_jobs", "submissions"]

_GLOB_CHARACTERS = frozenset("*?[")
# Tasks a worker takes at once: fewer round trips for many small reports, yet an even spread.
_MAX_CHUNK = 16


@dataclass(frozen=True)
class Job:
    """What every audit of a batch shares."""

    pack: RulePack
    rules: tuple[Rule, ...] | None = None  # None: all of the pack's
    input_format: str | None = None
    keep_unmatched: bool = False


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


def _in_folder(folder: Path) -> list[str]:
    """The reports in a folder and its subfolders, in name order; hidden files and folders aside, and what
    is not a file (a named pipe would wait for a writer forever). A broken link stays, to be reported."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        paths = (
            os.path.join(root, name)
            for name in sorted(files)
            if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS
        )
        found += [path for path in paths if os.path.isfile(path) or not os.path.exists(path)]
    return found


def _matching(pattern: str) -> list[str]:
    """The files a pattern matches, in name order. A `**` pattern is walked by pathlib, which does not
    go into linked folders, as the walk of a folder does not: glob.glob follows a link to a parent
    folder round and round, and with two such links for ever. Hidden names are left out, as glob.glob
    leaves them, unless the pattern names one."""
    if "**" not in pattern:
        return sorted(path for path in glob.glob(pattern) if os.path.isfile(path))
    pure = PurePath(pattern)
    root = Path(pure.anchor or ".")
    relative = pure.relative_to(pure.anchor) if pure.anchor else pure
    hidden_named = any(part.startswith(".") for part in relative.parts)

    def shown(path: Path) -> bool:
        return hidden_named or not any(part.startswith(".") for part in path.relative_to(root).parts)

    return sorted(str(path) for path in root.glob(str(relative)) if path.is_file() and shown(path))


def submissions(arguments: Sequence[str]) -> tuple[list[str], list[str]]:
    """The files that the arguments name, each once, in order; and a message for each argument that names
    none. A folder stands for the reports in it; a pattern (``reports/**/*.pdf``) for the files it
    matches; `STDIN` is standard input, named alone; anything else is a file, read (or found missing) in
    its turn."""
    if STDIN in arguments and len(arguments) > 1:
        raise UsageError(
            f"'{STDIN}' (standard input) must be the only report named", hint="audit the others apart"
        )
    files: list[str] = []
    problems: list[str] = []
    for argument in arguments:
        if os.path.isdir(argument):
            named = _in_folder(Path(argument))
            if not named:
                problems.append(f"{argument}: no report in this folder")
        elif _GLOB_CHARACTERS & set(argument) and not os.path.exists(argument):
            named = _matching(argument)
            if not named:
                problems.append(f"{argument}: no file matches")
        else:
            named = [argument]
        files += named
    return list(dict.fromkeys(files)), problems


def default_jobs() -> int:
    """As many workers as the process may use cores."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


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
        )
    except CheckerError as error:
        return Outcome(task.path, error=str(error))
    return Outcome(task.path, audit=result)


# A worker process's one job, set once when it starts: tasks then travel without the rule pack.
_worker_job: Job | None = None


def _start_worker(job: Job) -> None:
    global _worker_job  # noqa: PLW0603 - the state of a worker process, set once at its start
    _worker_job = job
    as_a_worker()


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
    when there is more than one task, else sharing the one task's sentences. `done` is told of each
    outcome as it comes (for a progress bar)."""
    if len(tasks) <= 1 or workers <= 1:
        for task in tasks:
            outcome = _safely(job, task, workers)
            if done is not None:
                done(outcome)
            yield outcome
        return
    workers = min(workers, len(tasks))
    chunk = max(1, min(_MAX_CHUNK, len(tasks) // (workers * 4)))
    import multiprocessing  # here, not at start-up: most runs audit one report

    pool = None
    try:
        with interrupts_held():
            pool = multiprocessing.Pool(workers, initializer=_start_worker, initargs=(job,))
        for outcome in pool.imap(_work, tasks, chunksize=chunk):
            if done is not None:
                done(outcome)
            yield outcome
        pool.close()
    finally:
        if pool is not None:
            pool.terminate()  # at once on Ctrl-C or an error; a no-op for workers that have finished
            pool.join()
