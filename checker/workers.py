"""Worker processes that take tasks one at a time, and know which task a worker held when it died.

`multiprocessing.Pool` cannot tell: a worker killed from outside (SIGKILL from the out-of-memory killer,
a crash inside a native library) is silently replaced, and the result of the task it held never comes,
so the batch waits for it for ever. Here each worker has a pipe of its own and is handed its next task
only once it has sent the last one's result: when its process ends early, the one task it held is known,
is given a `Lost` result, and a new worker takes the tasks left. Every death costs a task, so a task
that kills every worker it meets cannot make the batch go on for ever.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from checker.forked import as_a_worker, interrupts_held, why_ended

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = ["Lost", "in_workers"]

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Lost:
    """A task whose worker process ended before it sent the result back."""

    exit_code: int | None  # the process's: negative, the signal that killed it

    @property
    def why(self) -> str:
        """Why the result never came, for a user."""
        return why_ended(self.exit_code)


def _serve(start: Callable[[], None], work: Callable[[T], R], connection: Connection) -> None:
    """A worker's life: set itself up, then do each task it is sent until told to stop (None) or its
    pipe closes."""
    as_a_worker()
    start()
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        if task is None:
            return
        connection.send(work(task))


@dataclass(eq=False)  # a worker is itself, whatever it holds
class _Worker(Generic[T]):
    process: BaseProcess
    connection: Connection
    task: int | None = None  # the index of the task it holds

    def give(self, index: int, task: T) -> None:
        self.task = index
        with contextlib.suppress(OSError):  # it has died already: its end, seen next, costs it this task
            self.connection.send(task)

    def close(self) -> None:
        """Tell an idle worker to stop (it may be gone already: then there is no one to tell)."""
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.connection.close()


def _start(start: Callable[[], None], work: Callable[[T], R], running: list[_Worker[T]]) -> _Worker[T]:
    """A new worker, among `running` before Ctrl-C can come: once started, it is always stopped."""
    import multiprocessing  # here, not at start-up: most runs audit one report

    ours, theirs = multiprocessing.Pipe()
    with interrupts_held():
        process = multiprocessing.Process(target=_serve, args=(start, work, theirs), daemon=True)
        process.start()
        running.append(_Worker(process, ours))
    theirs.close()  # the worker's end: once it is gone, reading ours finds the pipe closed
    return running[-1]


def in_workers(
    start: Callable[[], None], work: Callable[[T], R], tasks: Sequence[T], workers: int
) -> Iterator[R | Lost]:
    """Each task's result, `work(task)` done in one of `workers` processes (each set up by `start`), in
    the order of `tasks`; `Lost` for a task whose process ended before it was done."""
    pending = deque(enumerate(tasks))
    done: dict[int, R | Lost] = {}
    running: list[_Worker[T]] = []
    try:
        for _ in range(min(workers, len(tasks))):
            _start(start, work, running).give(*pending.popleft())
        for index in range(len(tasks)):
            while index not in done:
                _wait(running, pending, done, lambda: _start(start, work, running))
            yield done.pop(index)
    finally:
        for worker in running:  # none is left once every task is done: these stop at Ctrl-C or an error
            worker.process.terminate()
            worker.connection.close()
            worker.process.join()


def _wait(
    running: list[_Worker[T]],
    pending: deque[tuple[int, T]],
    done: dict[int, R | Lost],
    replacement: Callable[[], _Worker[T]],
) -> None:
    """Wait for a result or a worker's end, then hand out the next task (or stop the idle worker)."""
    from multiprocessing.connection import wait

    handles: list[Connection | int] = [worker.connection for worker in running]
    handles += [worker.process.sentinel for worker in running]
    owners = running * 2
    for handle in wait(handles):
        worker = owners[handles.index(cast("Connection | int", handle))]
        if worker not in running:
            continue  # both its handles were ready, and it was dealt with by the first
        if handle is worker.connection or worker.connection.poll():
            try:
                result = worker.connection.recv()
            except EOFError:
                pass  # it ended without a result: its sentinel says so
            else:
                assert worker.task is not None
                done[worker.task] = result
                worker.task = None
                _next(worker, running, pending)
                continue
        if not worker.process.is_alive():
            worker.process.join()
            if worker.task is not None:
                done[worker.task] = Lost(worker.process.exitcode)
            running.remove(worker)
            worker.connection.close()
            if pending:
                replacement().give(*pending.popleft())


def _next(worker: _Worker[T], running: list[_Worker[T]], pending: deque[tuple[int, T]]) -> None:
    """Give a worker that has sent its result the next task, or let it go when there is none left."""
    if pending:
        worker.give(*pending.popleft())
        return
    worker.close()
    worker.process.join()
    running.remove(worker)
