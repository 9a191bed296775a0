"""Worker processes: results in order, and a task whose worker dies is lost alone, never waited for."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from checker.workers import Lost, in_workers
from tests.conftest import no_hang


def _nothing() -> None:
    """A worker's set-up that has nothing to set up."""


def _square(number: int) -> int:
    return number * number


def _square_unless_negative(number: int) -> int:
    """A task that kills its own worker, as the out-of-memory killer would, when the number is negative;
    or ends its process with a code of its own when the number is -100."""
    if number == -100:
        os._exit(3)
    if number < 0:
        os.kill(os.getpid(), signal.SIGKILL)
    return number * number


def test_results_come_in_the_order_of_the_tasks() -> None:
    """Three workers, twenty tasks: each result at its task's place."""
    assert list(in_workers(_nothing, _square, range(20), 3)) == [number * number for number in range(20)]


def test_a_task_whose_worker_is_killed_is_lost_and_the_others_are_done() -> None:
    """SIGKILL in the middle of a task: that task is `Lost` with the signal, the rest are done by the
    worker that replaces it, and nothing waits for the result that never comes (a pool waited for ever)."""
    with no_hang(60):
        results = list(in_workers(_nothing, _square_unless_negative, [1, 2, -3, 4, 5, -6, 7], 2))
    assert results == [1, 4, Lost(-signal.SIGKILL), 16, 25, Lost(-signal.SIGKILL), 49]


def test_tasks_that_kill_every_worker_end_the_batch_each_lost() -> None:
    """Every death costs a task: tasks that kill each worker they meet cannot keep the batch going."""
    with no_hang(60):
        results = list(in_workers(_nothing, _square_unless_negative, [-1] * 6, 3))
    assert results == [Lost(-signal.SIGKILL)] * 6


def test_why_a_task_was_lost_is_told_in_words() -> None:
    """A signal by its name (and a hint of who sends SIGKILL); any other end by its exit code."""
    results = list(in_workers(_nothing, _square_unless_negative, [-1, -100], 2))
    assert [result.why for result in results if isinstance(result, Lost)] == [
        "the process auditing it was killed by SIGKILL before it was done (out of memory, or stopped from outside)",
        "the process auditing it ended with code 3 before it was done",
    ]


def test_no_worker_is_left_once_the_tasks_are_done() -> None:
    """Idle workers are told to stop, and are gone when the last result is handed back."""
    list(in_workers(_nothing, _square, range(5), 2))
    assert multiprocessing.active_children() == []


def test_ctrl_c_as_a_worker_starts_leaves_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the second worker is being started: it is held until that worker is known, so every
    worker is stopped (one started but unknown would wait for work for ever)."""
    start = multiprocessing.context.Process.start
    started: list[multiprocessing.context.Process] = []

    def start_then_ctrl_c(process: multiprocessing.context.Process) -> None:
        start(process)
        started.append(process)
        if len(started) == 2:
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(multiprocessing.context.Process, "start", start_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        list(in_workers(_nothing, _square, range(10), 3))
    assert len(started) == 2  # the interrupt came before a third was started
    assert multiprocessing.active_children() == []
