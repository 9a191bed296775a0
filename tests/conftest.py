"""Shared fixtures: the bundled rule pack (loaded once), the repository's paths, and the seed files."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from checker.model import RulePack
from checker.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
EXPECTED = Path(__file__).resolve().parent / "expected"
COMPILATION_SEED = SEEDS / "004_9801fec608b1c05e.txt"
NARRATIVE_SEED = SEEDS / "000_527e425593d6808e.txt"
# Seed 004's text as a copy of the PDF's table row by row gives it: labels and answers side by side.
ROW_BY_ROW_COMPILATION = FIXTURES / "labelled" / "compilation_interleaved_azerbaijan_2017-2018.txt"
_CACHE_KEY = pytest.StashKey[Path]()

# Property-based tests try more examples in CI (`.ci/run` sets ILO_CHECK_HYPOTHESIS=ci) than in a
# developer's run, which stays quick: each property's own count, and the default of 100, times this.
_EXAMPLES_IN_CI = 3
_IN_CI = os.environ.get("ILO_CHECK_HYPOTHESIS") == "ci"
settings.register_profile("ci", max_examples=100 * _EXAMPLES_IN_CI)
if _IN_CI:
    settings.load_profile("ci")


def examples(count: int) -> int:
    """How many examples a property with `count` of its own tries in this run (more in CI)."""
    return count * _EXAMPLES_IN_CI if _IN_CI else count


GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(name: str, text: str) -> None:
    """`text` is byte for byte the golden file `name` (UPDATE_GOLDEN=1 rewrites the file instead)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)"
    )


@contextlib.contextmanager
def no_hang(seconds: float) -> Iterator[None]:
    """Fail the test if the block spends more than `seconds` of this process's CPU time, and stop it there.

    A guard against super-linear time on hostile input, not a measure of speed (bench/ measures that):
    each bound is many times what the block takes, and far below the minutes the quadratic version took.
    It counts the CPU time the process spends (SIGPROF), not the clock's: other processes loading the
    machine do not make it fail. (A block waiting on a pipe spends none: such hangs are tested in a
    process of their own, with a timeout.)
    """

    def stop(signum: int, frame: object) -> None:
        raise pytest.fail.Exception(f"still running after {seconds} s of CPU time: super-linear time?")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc to see processes in")


# Ctrl-C and SIGTERM, each with the exit code and the line that tell it.
stopping_signals = pytest.mark.parametrize(
    ("stop", "code", "told"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)


def _children(parent: int) -> set[int]:
    """The processes whose parent is `parent`, read from /proc (Linux)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command, which may hold spaces
        except (OSError, IndexError):
            continue  # a process that ended while the list was read
        if int(fields[1]) == parent:  # the state, then the parent
            children.add(int(stat.parent.name))
    return children


def wait_for_children(process: subprocess.Popen[str]) -> set[int]:
    """The processes `process` has forked, once it has forked one, i.e. once an audit's work is shared: a
    signal sent after a fixed sleep came too early on a slow machine and after the audit on a fast one."""
    deadline = time.monotonic() + 120
    while not (children := _children(process.pid)):
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"the audit ended (code {process.returncode}) before it forked: {err}")
        if time.monotonic() > deadline:
            pytest.fail("the audit never forked")
        time.sleep(0.02)
    return children


def group_ends(group: int, seconds: float) -> bool:
    """Whether every process of process group `group` has ended within `seconds`; what is left is killed,
    so that a failing test leaves nothing running."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)  # is any process of the group left?
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    return False


@pytest.fixture(scope="session")
def pack() -> RulePack:
    """The bundled P029 rule pack."""
    return load_rules()


@pytest.fixture
def pack_once(monkeypatch: pytest.MonkeyPatch, pack: RulePack) -> None:
    """Every command of the test uses the session's bundled pack instead of loading it again; a module
    of command-line tests asks for it with `pytestmark = pytest.mark.usefixtures("pack_once")`."""
    from tests.ci_support import reuse_pack

    reuse_pack(monkeypatch, pack)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of fixtures/draft/ (draft.md, ilo-check.yaml, baseline.json) as the working directory."""
    from tests.ci_support import copy_draft

    folder = copy_draft(tmp_path / "repo")
    monkeypatch.chdir(folder)
    return folder


def pytest_configure(config: pytest.Config) -> None:
    """Compiled rule packs go to a store of the test run's own, not the user's cache folder."""
    store = Path(tempfile.mkdtemp(prefix="ilo-check-cache-"))
    config.stash[_CACHE_KEY] = store
    os.environ["ILO_CHECK_CACHE_DIR"] = str(store)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The test run's pack store is removed with it."""
    store = config.stash.get(_CACHE_KEY, None)
    if store is not None:
        shutil.rmtree(store, ignore_errors=True)
