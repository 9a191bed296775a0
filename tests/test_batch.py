"""Batches: files, folders and patterns named once each, audited in parallel, in order, one bad file
stopping nothing."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.batch import Job, Outcome, Task, audit_all, audit_one, default_jobs, jobs_allowed, submissions
from checker.model import RulePack, Suppression
from tests.ci_support import start_process
from tests.conftest import (
    COMPILATION_SEED,
    FIXTURES,
    NARRATIVE_SEED,
    ROOT,
    needs_proc,
    no_hang,
    stopping_signals,
    wait_for_children,
)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder of reports: two texts, a draft in a subfolder, a hidden file and a file of no report format."""
    shutil.copy(NARRATIVE_SEED, tmp_path / "b.txt")
    shutil.copy(COMPILATION_SEED, tmp_path / "a.txt")
    (tmp_path / "drafts").mkdir()
    shutil.copy(FIXTURES / "labelled" / "draft_kovalia_2022.md", tmp_path / "drafts" / "kovalia.md")
    (tmp_path / ".hidden.txt").write_text("not a report")
    (tmp_path / "notes.csv").write_text("a,b\n")
    return tmp_path


def test_a_folder_stands_for_its_reports_in_name_order(reports: Path) -> None:
    """A folder gives the reports in it and its subfolders, by name; hidden and unknown files aside."""
    files, problems = submissions([str(reports)])
    assert [Path(path).relative_to(reports).as_posix() for path in files] == [
        "a.txt",
        "b.txt",
        "drafts/kovalia.md",
    ]
    assert problems == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_folder_leaves_out_what_is_not_a_file_but_keeps_a_broken_link(reports: Path) -> None:
    """A named pipe in a folder is left out (opening it would wait for a writer forever); a link to
    nothing stays, for its reader to report as missing."""
    os.mkfifo(reports / "pipe.txt")
    (reports / "gone.txt").symlink_to(reports / "nowhere.txt")
    files, problems = submissions([str(reports)])
    assert [Path(path).name for path in files] == ["a.txt", "b.txt", "gone.txt", "kovalia.md"]
    assert problems == []


def test_a_pattern_stands_for_the_files_it_matches(reports: Path) -> None:
    """A glob (with ** across folders) gives the matching files, sorted."""
    files, _ = submissions([str(reports / "**" / "*.md"), str(reports / "*.txt")])
    assert [Path(path).name for path in files] == ["kovalia.md", "a.txt", "b.txt"]


def test_a_pattern_leaves_hidden_files_out_unless_it_names_them(reports: Path) -> None:
    """`**` leaves hidden files and folders out, as glob does for `*`, unless the pattern names one."""
    (reports / ".git").mkdir()
    (reports / ".git" / "old.txt").write_text("not a report")
    files, _ = submissions([str(reports / "**" / "*.txt")])
    assert [Path(path).name for path in files] == ["a.txt", "b.txt"]
    files, _ = submissions([str(reports / "**" / ".*.txt")])
    assert [Path(path).name for path in files] == [".hidden.txt"]


def test_a_pattern_does_not_go_round_links_to_a_parent_folder(reports: Path) -> None:
    """Two links back up the tree made `**` go round them for ever (glob follows links): a pattern, like
    a folder, does not go into linked folders, and gives each file once."""
    (reports / "drafts" / "up").symlink_to("..")
    (reports / "drafts" / "again").symlink_to("..")
    with no_hang(20):
        files, _ = submissions([str(reports / "**" / "*.txt"), str(reports)])
    assert [Path(path).relative_to(reports).as_posix() for path in files] == [
        "a.txt",
        "b.txt",
        "drafts/kovalia.md",
    ]


def test_a_relative_pattern_gives_paths_as_written(reports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern relative to the working folder gives paths relative to it."""
    monkeypatch.chdir(reports)
    assert submissions(["**/*.md"]) == (["drafts/kovalia.md"], [])


def test_a_file_named_twice_is_audited_once(reports: Path) -> None:
    """The same file through a folder and by name is one submission, at its first place."""
    files, _ = submissions([str(reports / "b.txt"), str(reports)])
    assert [Path(path).name for path in files] == ["b.txt", "a.txt", "kovalia.md"]


def test_arguments_that_name_nothing_are_problems(tmp_path: Path) -> None:
    """An empty folder or a pattern with no match is told; a missing file is left for its reader to tell."""
    (tmp_path / "empty").mkdir()
    files, problems = submissions([str(tmp_path / "empty"), str(tmp_path / "*.pdf"), "missing.txt"])
    assert files == ["missing.txt"]
    assert problems == [
        f"{tmp_path / 'empty'}: no report in this folder",
        f"{tmp_path / '*.pdf'}: no file matches",
    ]


def test_a_file_whose_name_looks_like_a_pattern_is_that_file(tmp_path: Path) -> None:
    """An existing file called "report[1].txt" is read as named, not as a pattern."""
    path = tmp_path / "report[1].txt"
    path.write_text("Report.")
    assert submissions([str(path)]) == ([str(path)], [])


def test_outcomes_keep_the_order_of_the_tasks_with_several_workers(pack: RulePack, reports: Path) -> None:
    """Two workers give the same outcomes, in the same order, as one."""
    files, _ = submissions([str(reports)] * 3 + [str(NARRATIVE_SEED)])
    tasks = [Task(path) for path in files]
    job = Job(pack)
    alone = list(audit_all(job, tasks, 1))
    together = list(audit_all(job, tasks, 2))
    assert [outcome.path for outcome in together] == files
    assert together == alone


def test_one_bad_file_stops_nothing(pack: RulePack, reports: Path) -> None:
    """A missing file and an unreadable one are outcomes with their error; the others are audited."""
    (reports / "broken.docx").write_bytes(b"not a zip")
    tasks = [
        Task(str(reports / "a.txt")),
        Task("missing.txt"),
        Task(str(reports / "broken.docx")),
        Task(str(reports / "b.txt")),
    ]
    seen: list[Outcome] = []
    outcomes = list(audit_all(Job(pack), tasks, 2, seen.append))
    assert [outcome.audit is not None for outcome in outcomes] == [True, False, False, True]
    assert outcomes[1].error == "missing.txt: no such file"
    assert outcomes[2].error is not None and "broken.docx" in outcomes[2].error
    assert seen == outcomes


def test_a_task_s_suppressions_reach_its_audit(pack: RulePack) -> None:
    """The configured suppressions that apply to a file travel with its task into its audit."""
    suppression = Suppression("technical_cooperation.offer", "none this cycle", "ilo-check.yaml:3")
    outcome = audit_one(Job(pack), Task(str(NARRATIVE_SEED), (suppression,)))
    assert (
        outcome.audit is not None and outcome.audit.suppression("technical_cooperation.offer") == suppression
    )


def test_a_surprise_in_one_file_is_that_file_s_outcome(
    pack: RulePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception while auditing one file is reported as its internal error; the batch goes on."""
    import checker.batch

    def explode(*_: object, **__: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(checker.batch, "audit", explode)
    monkeypatch.delenv("ILO_CHECK_DEBUG", raising=False)
    (outcome,) = audit_all(Job(pack), [Task(str(NARRATIVE_SEED))], 1)
    assert outcome.error == (
        f"{NARRATIVE_SEED}: internal error: ValueError: boom "
        "(please report it; ILO_CHECK_DEBUG=1 shows the traceback)"
    )


def test_the_default_is_a_worker_per_core() -> None:
    """Without --jobs, as many workers as the process may use cores."""
    assert 1 <= default_jobs() <= (os.cpu_count() or 1)
    assert jobs_allowed(None) == (default_jobs(), None)


def test_more_jobs_than_cores_are_lowered_to_the_cores_and_told() -> None:
    """`--jobs 100000` once forked a process per file, hundreds on two cores: a request beyond the cores
    is lowered to them, with the reason; one within them is kept as asked."""
    cores = default_jobs()
    assert jobs_allowed(1) == (1, None)
    assert jobs_allowed(cores) == (cores, None)
    assert jobs_allowed(100_000) == (
        cores,
        f"--jobs 100000 lowered to {cores}: more processes than cores would only share them",
    )


# ── through the command line ────────────────────────────────────────────────────────────────────


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_a_batch_with_a_bad_file_reports_it_and_exits_2(reports: Path) -> None:
    """The readable reports are in the result, the bad one is told on stderr, and the exit code is 2."""
    (reports / "broken.pdf").write_bytes(b"%PDF-1.7 truncated")
    done = _run("audit", str(reports), "--format", "json", "--jobs", "2")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"ilo-check: error: {reports / 'broken.pdf'}: ")

    sources = [report["source"] for report in json.loads(done.stdout)["reports"]]
    assert [Path(source).name for source in sources] == ["a.txt", "b.txt", "kovalia.md"]


@needs_proc
@stopping_signals
def test_a_batch_stopped_exits_130_or_143_and_writes_nothing(
    tmp_path: Path, stop: signal.Signals, code: int, told: str
) -> None:
    """Ctrl-C or SIGTERM (`kill`, `timeout`) during a batch stops it at once: exit 130 or 143, one line,
    no output file, not even a part, and no worker left running."""
    for number in range(300):
        shutil.copy(NARRATIVE_SEED, tmp_path / f"report{number:03}.txt")
    output = tmp_path / "out" / "result.json"
    output.parent.mkdir()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "checker",
            "audit",
            str(tmp_path / "*.txt"),
            "-f",
            "json",
            "-o",
            str(output),
            "-j",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    workers = wait_for_children(process)  # the pool's workers are forked: the batch has begun
    process.send_signal(stop)
    out, err = process.communicate(timeout=60)
    assert process.returncode == code
    # (click ends the terminal's "^C" line first, hence the strip.)
    assert (out, err.strip()) == ("", f"ilo-check: {told}")
    assert list(output.parent.iterdir()) == []
    assert not any(Path(f"/proc/{worker}").exists() for worker in workers)


def test_jobs_beyond_the_cores_are_lowered_with_a_warning(reports: Path) -> None:
    """The command line has no upper bound of its own for --jobs: the cores are, and the lowering is told."""
    done = _run("audit", str(reports), "--format", "json", "--jobs", "100000")
    assert done.returncode == 0
    assert done.stderr == (
        f"ilo-check: warning: --jobs 100000 lowered to {default_jobs()}: "
        "more processes than cores would only share them\n"
    )
    assert len(json.loads(done.stdout)["reports"]) == 3


def _kill_a_worker(folder: Path, delay: float) -> tuple[subprocess.CompletedProcess[str], set[int]]:
    """Audit `folder` with two workers, and kill one of them with SIGKILL (as the out-of-memory killer
    would) `delay` seconds after they are started; the command's end, and the workers it had then."""
    process = start_process("audit", str(folder), "-f", "json", "-j", "2")
    workers = wait_for_children(process)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):  # it may have finished, at the latest moments
        os.kill(min(workers), signal.SIGKILL)
    try:
        out, err = process.communicate(timeout=120)
    finally:
        process.kill()  # a no-op unless the batch waits for ever, as it once did
    return subprocess.CompletedProcess(process.args, process.returncode, out, err), workers


_KILLED = ": the process auditing it was killed by SIGKILL before it was done (out of memory, or stopped from outside)"


@pytest.fixture
def long_batch(tmp_path: Path) -> Path:
    """Six copies of the compilation seed: each keeps a worker busy for a while."""
    for number in range(6):
        shutil.copy(COMPILATION_SEED, tmp_path / f"report{number}.txt")
    return tmp_path


@needs_proc
def test_a_worker_killed_mid_batch_costs_its_report_alone(long_batch: Path) -> None:
    """A worker killed while it audits a report: that report is told in one line (exit 2) and the batch
    finishes with the others. (The pool replaced the worker and waited for ever for the lost result.)"""
    done, _ = _kill_a_worker(long_batch, 0)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    lost = line.removeprefix("ilo-check: error: ").removesuffix(_KILLED)
    assert Path(lost).parent == long_batch and line.endswith(_KILLED)
    audited = {report["source"] for report in json.loads(done.stdout)["reports"]}
    assert sorted({lost} | audited) == sorted(str(path) for path in long_batch.iterdir())
    assert len(audited) == 5


@needs_proc
@pytest.mark.parametrize("seed", range(4))
def test_a_worker_killed_at_any_moment_never_hangs_the_batch(long_batch: Path, seed: int) -> None:
    """Killed at a random moment, before, during or after its tasks: the batch always ends, with every
    report either audited or told as lost, and no worker left behind."""
    done, workers = _kill_a_worker(long_batch, random.Random(seed).uniform(0, 3))
    assert done.returncode in {0, 2}, done.stderr
    lost = {
        line.removeprefix("ilo-check: error: ").removesuffix(_KILLED) for line in done.stderr.splitlines()
    }
    assert all(line.endswith(_KILLED) for line in done.stderr.splitlines()), done.stderr
    assert len(lost) == (done.returncode == 2)
    audited = {report["source"] for report in json.loads(done.stdout)["reports"]} if done.stdout else set()
    assert sorted(lost | audited) == sorted(str(path) for path in long_batch.iterdir())
    assert not any(Path(f"/proc/{worker}").exists() for worker in workers)
