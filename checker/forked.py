"""Work shared with forked processes: one long report's sentences judged on every core.

A batch of reports is spread over worker processes a report at a time (`checker.batch`); a single long
report would leave all but one core idle. Its work is cut into shares: the first is done here, each
other one in a process forked for it, which starts with everything this one holds (the rule pack, the
report's sentences) without any of it being copied through a pipe. Only each share's result comes back,
pickled.

A forked process ignores Ctrl-C and is stopped by this one, which alone is interrupted; a share that
fails in its process is raised here as a `ForkedError` with the failure on one line. Ctrl-C and SIGTERM
are held back while processes are started (`interrupts_held`), so that none is started that is not then
stopped, and a forked process takes them as a worker should (`as_a_worker`).
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

from checker.errors import CheckerError, one_line

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = ["ForkedError", "as_a_worker", "can_fork", "in_parallel", "interrupts_held", "why_ended"]

# Ctrl-C, and the request to stop that `kill` and `timeout` send.
_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}

T = TypeVar("T")


class ForkedError(RuntimeError):
    """A share of the work failed in the process forked for it."""


def can_fork() -> bool:
    """Whether shares can run in forked processes here: where processes fork (not on Windows; macOS
    forks unsafely), and not inside a worker that may not have children of its own."""
    import multiprocessing  # here, not at start-up: most audits are of reports too short to share

    return (
        "fork" in multiprocessing.get_all_start_methods()
        and multiprocessing.get_start_method(allow_none=True) in (None, "fork")
        and not multiprocessing.current_process().daemon
    )


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while the block runs, and let them through when it is done.

    For a block that starts processes. Interrupted half-way, it would leave some started but unknown to
    the code that stops them, and a pool's own thread would even replace those that Python stops at its
    exit: they would wait for work for ever, holding the terminal's pipes open. Each process it forks
    starts with them held too, until `as_a_worker`. Where signals cannot be held, the block just runs.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def as_a_worker() -> None:
    """Set a forked process's signals: it ignores Ctrl-C, which is the first process's to handle, and
    SIGTERM, the first process stopping it, ends it at once, whatever handler it inherited. Both are
    then let through, for it may have been forked while they were held (`interrupts_held`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)


def why_ended(exit_code: int | None) -> str:
    """Why a process ended before its work was done, from its exit code, in words."""
    if exit_code is not None and exit_code < 0:
        try:
            name = signal.Signals(-exit_code).name
        except ValueError:
            name = f"signal {-exit_code}"
        return (
            f"the process auditing it was killed by {name} before it was done "
            "(out of memory, or stopped from outside)"
        )
    return f"the process auditing it ended with code {exit_code} before it was done"


def _run(share: Callable[[], T], sending: Connection, receiving: Connection) -> None:
    as_a_worker()
    # The first process's end, inherited: held open here, a result too big for the pipe would wait for
    # ever for a reader once the first process is killed, instead of finding the pipe broken.
    receiving.close()
    try:
        sending.send((True, share()))  # pickled whole before a byte is sent: it fails cleanly
    except BrokenPipeError:
        pass  # the first process is gone (killed outright): there is no one to tell, nor a traceback
    except Exception as error:  # every failure goes back, to be raised there
        sending.send((False, f"{type(error).__name__}: {one_line(error)}"))
    sending.close()


def _start(share: Callable[[], T]) -> tuple[BaseProcess, Connection]:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_run, args=(share, sending, receiving), daemon=True)
    process.start()
    sending.close()  # this end is the child's: its closing tells `recv` the child is gone
    return process, receiving


def _collect(process: BaseProcess, receiving: Connection) -> object:
    try:
        done, result = receiving.recv()
    except EOFError:
        process.join()  # its exit code is known once it is reaped
        if process.exitcode is not None and process.exitcode < 0:
            # Killed from outside (the out-of-memory killer, a user): not a fault of ours to report.
            raise CheckerError(why_ended(process.exitcode)) from None
        raise ForkedError(why_ended(process.exitcode)) from None
    finally:
        receiving.close()
    if not done:
        raise ForkedError(str(result))
    return result


def in_parallel(shares: Sequence[Callable[[], T]]) -> list[T]:
    """Each share's result, in the order of `shares`: the first done in this process while each other
    one is done in a process forked for it (see `can_fork`)."""
    if len(shares) <= 1 or not can_fork():
        return [share() for share in shares]
    started: list[tuple[BaseProcess, Connection]] = []
    try:
        with interrupts_held():
            for share in shares[1:]:
                started.append(_start(share))
        results = [shares[0]()]
        results += [cast(T, _collect(process, receiving)) for process, receiving in started]
    finally:
        for process, _ in started:
            if process.is_alive():
                process.terminate()  # at once on Ctrl-C or a failure; a no-op for a share that is done
            process.join()
    return results
