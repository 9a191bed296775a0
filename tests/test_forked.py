"""Work shared with forked processes: results in order, failures raised here on one line, a long report
judged alike on one core or several, and Ctrl-C leaving no process behind."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType

import pytest

from checker import forked
from checker.errors import CheckerError, Terminated
from checker.forked import ForkedError, can_fork, in_parallel, interrupts_held
from tests.ci_support import start_process
from tests.conftest import (
    NARRATIVE_SEED,
    ROOT,
    group_ends,
    needs_proc,
    stopping_signals,
    wait_for_children,
)

pytestmark = pytest.mark.skipif(not can_fork(), reason="processes do not fork here")


def test_each_share_s_result_comes_back_in_order_from_its_own_process() -> None:
    """The first share runs here, the others each in a forked process; results keep the shares' order."""
    results = in_parallel([os.getpid, os.getpid, lambda: "three"])
    assert results[0] == os.getpid()
    assert results[1] != os.getpid()
    assert results[2] == "three"


def test_a_single_share_runs_here_without_forking() -> None:
    """One share is done in this process: there is nothing to share."""
    assert in_parallel([os.getpid]) == [os.getpid()]


def test_a_share_that_fails_in_its_process_is_raised_here_on_one_line() -> None:
    """A failure in a forked process comes back as a ForkedError naming the error, on one line."""

    def fails() -> None:
        raise ValueError("bad\nshare")

    with pytest.raises(ForkedError, match=r"^ValueError: bad share$"):
        in_parallel([lambda: 1, fails])


def test_a_result_that_cannot_come_back_is_raised_here() -> None:
    """A share whose result cannot be pickled fails in its process, and that failure is raised here."""
    with pytest.raises(ForkedError, match=r"^(PicklingError|AttributeError|TypeError): "):
        in_parallel([lambda: 1, lambda: lambda: None])


def test_a_share_whose_process_dies_is_raised_here() -> None:
    """A forked process that ends before sending its result is told, not waited for."""
    with pytest.raises(ForkedError, match="ended with code 3 before it was done"):
        in_parallel([lambda: 1, lambda: os._exit(3)])


@pytest.fixture
def sigterm_raises() -> Iterator[None]:
    """SIGTERM raises `Terminated` here, as the command line makes it."""

    def terminate(signal_number: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.usefixtures("sigterm_raises")
@pytest.mark.parametrize(
    ("stop", "raised"),
    [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, Terminated)],
    ids=["ctrl-c", "sigterm"],
)
def test_ctrl_c_and_sigterm_are_held_while_processes_start_and_let_through_after(
    stop: signal.Signals, raised: type[BaseException]
) -> None:
    """Within the block the signal stops nothing; it is raised as soon as the block is done."""
    reached = []
    with pytest.raises(raised), interrupts_held():
        signal.raise_signal(stop)
        reached.append("the end of the block")
    assert reached == ["the end of the block"]


@pytest.mark.usefixtures("sigterm_raises")
def test_a_forked_process_ends_at_once_on_sigterm_whatever_its_parent_does_with_it() -> None:
    """SIGTERM, which stops a forked process, ends it there and then: it does not raise the parent's
    `Terminated` (a traceback), and is not held though the process was started while it was."""
    with pytest.raises(CheckerError, match="killed by SIGTERM before it was done"):
        in_parallel([lambda: 1, lambda: os.kill(os.getpid(), signal.SIGTERM)])


def test_a_share_killed_from_outside_is_told_as_such_not_as_a_fault_to_report() -> None:
    """SIGKILL (the out-of-memory killer's) ends a share's process: a one-line error the user can act on,
    not an internal error asking to be reported."""
    with pytest.raises(CheckerError) as raised:
        in_parallel([lambda: 1, lambda: os.kill(os.getpid(), signal.SIGKILL)])
    assert str(raised.value) == (
        "the process auditing it was killed by SIGKILL before it was done (out of memory, or stopped from outside)"
    )


def test_ctrl_c_while_shares_start_leaves_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C as the first of two processes has just started: both are stopped, none is left waiting."""
    start = forked._start
    starts = []

    def start_then_ctrl_c(share: Callable[[], object]) -> tuple[BaseProcess, Connection]:
        started = start(share)
        starts.append(started)
        if len(starts) == 1:
            signal.raise_signal(signal.SIGINT)
        return started

    monkeypatch.setattr(forked, "_start", start_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        in_parallel([lambda: 1, lambda: time.sleep(60), lambda: time.sleep(60)])
    assert len(starts) == 2  # the interrupt waited for the second to start
    assert multiprocessing.active_children() == []


def test_a_share_whose_first_process_is_gone_ends_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    """When the first process was killed outright (SIGKILL, out of memory), a forked process that has
    done its share has no one to send it to: it ends without a word (it once printed a traceback on the
    terminal, seconds after the command had ended)."""
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        forked._run(lambda: 1, sending, receiving)  # as a forked process runs it, here in this one
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    assert capfd.readouterr() == ("", "")


_KILLED_FIRST = """
import os, signal, time
from checker.forked import in_parallel
def first():
    time.sleep(0.5)  # the other share is under way
    os.kill(os.getpid(), signal.SIGKILL)
in_parallel([first, lambda: "x" * 1_000_000])  # a result far bigger than a pipe holds
"""


@needs_proc
def test_a_share_with_a_big_result_ends_when_its_first_process_is_killed() -> None:
    """Killed outright, the first process leaves no share behind: one with a result bigger than the pipe
    holds once waited for ever to write it, for it held the pipe's other end itself."""
    process = subprocess.Popen([sys.executable, "-c", _KILLED_FIRST], cwd=ROOT, start_new_session=True)
    process.wait(timeout=60)
    assert group_ends(process.pid, 20), "a forked share outlived the first process"


def _in_a_daemon(answer: multiprocessing.SimpleQueue[bool]) -> None:
    answer.put(can_fork())


def test_a_worker_of_a_pool_does_not_fork_its_own_shares() -> None:
    """A batch's worker process (a daemon) may not have children: its report is judged in it alone."""
    context = multiprocessing.get_context("fork")
    answer: multiprocessing.SimpleQueue[bool] = context.SimpleQueue()
    process = context.Process(target=_in_a_daemon, args=(answer,), daemon=True)
    process.start()
    process.join()
    assert answer.get() is False


@needs_proc
@stopping_signals
def test_a_long_report_stopped_while_shared_exits_130_or_143_and_leaves_no_process(
    tmp_path: Path, stop: signal.Signals, code: int, told: str
) -> None:
    """Ctrl-C, or SIGTERM, sent to the whole process group (as a terminal does, or `kill -- -GROUP`)
    while a long report's sentences are judged in two processes: exit 130 or 143, one line, no output
    file, and no process left running."""
    report = tmp_path / "long.txt"
    text = NARRATIVE_SEED.read_text(encoding="utf-8")
    report.write_text("\n\n".join(text for _ in range(600)), encoding="utf-8")  # 5 MB
    output = tmp_path / "out" / "result.json"
    output.parent.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "audit", str(report), "-f", "json", "-o", str(output), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,  # a process group of its own, as a terminal's foreground job has
    )
    wait_for_children(process)  # it forks when it starts judging in two
    os.killpg(process.pid, stop)
    out, err = process.communicate(timeout=60)
    assert process.returncode == code
    assert (out, err.strip()) == ("", f"ilo-check: {told}")
    assert list(output.parent.iterdir()) == []
    assert group_ends(process.pid, 10), "a forked process outlived the stopped audit"


@needs_proc
def test_a_long_report_whose_share_is_killed_is_told_in_one_line(tmp_path: Path) -> None:
    """SIGKILL on the process judging a share of a long report (the out-of-memory killer's doing): the
    report is told as killed, exit 2, not as an internal error to report."""
    report = tmp_path / "long.txt"
    text = NARRATIVE_SEED.read_text(encoding="utf-8")
    report.write_text("\n\n".join(text for _ in range(300)), encoding="utf-8")
    process = start_process("audit", str(report), "-f", "json", "-j", "2")
    (share,) = wait_for_children(process)
    os.kill(share, signal.SIGKILL)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out) == (2, "")
    assert err == (
        f"ilo-check: error: {report}: the process auditing it was killed by SIGKILL before it was done "
        "(out of memory, or stopped from outside)\n"
    )
