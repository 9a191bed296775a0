"""Writing results atomically: a file always holds one whole result, whoever else writes it at the same
time, and a failed or interrupted write leaves the target as it was and no temporary file behind."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO

import pytest

from checker import output
from checker.errors import UsageError
from checker.output import write_atomic
from tests.conftest import NARRATIVE_SEED, ROOT


def _result(writer: int, round_: int) -> str:
    """A JSON result big enough that a torn write would show: a writer's rounds, each a few hundred KB."""
    return json.dumps({"writer": writer, "round": round_, "padding": [writer] * 100_000}) + "\n"


def test_concurrent_writers_always_leave_one_whole_result(tmp_path: Path) -> None:
    """Writers racing on one file, read all the while: every read parses as one writer's whole result, and
    no temporary file is left."""
    target = tmp_path / "result.json"
    write_atomic(str(target), _result(0, 0))
    done = threading.Event()
    seen: list[tuple[int, int]] = []
    torn: list[str] = []

    def write(writer: int) -> None:
        for round_ in range(15):
            write_atomic(str(target), _result(writer, round_))

    def read() -> None:
        while not done.is_set():
            text = target.read_text(encoding="utf-8")
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                torn.append(text[:80])
                continue
            seen.append((data["writer"], data["round"]))
            assert data["padding"] == [data["writer"]] * 100_000

    writers = [threading.Thread(target=write, args=(number,)) for number in (1, 2, 3, 4)]
    reader = threading.Thread(target=read)
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    reader.join()
    assert torn == [] and seen
    assert json.loads(target.read_text(encoding="utf-8"))["round"] == 14
    assert [path.name for path in tmp_path.iterdir()] == ["result.json"]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_an_interrupted_write_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: BaseException | type[BaseException]
) -> None:
    """Ctrl-C or a full disk in the middle of a write leaves the old result in place and nothing else; a
    full disk is a UsageError naming the file, Ctrl-C goes on up to the CLI."""
    target = tmp_path / "result.json"
    target.write_text("old\n")

    def fsync(descriptor: int) -> None:
        raise stop

    monkeypatch.setattr(os, "fsync", fsync)
    expected = KeyboardInterrupt if stop is KeyboardInterrupt else UsageError
    with pytest.raises(expected) as raised:
        write_atomic(str(target), "new\n")
    if expected is UsageError:
        assert str(raised.value) == f"{target}: cannot write: No space left on device"
    assert target.read_text() == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["result.json"]


def test_a_temporary_name_reused_after_the_rename_is_not_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After its rename, a write does not remove its temporary file's name: another writer may hold it."""
    removed: list[str] = []
    monkeypatch.setattr(os, "unlink", lambda path, *args, **kwargs: removed.append(str(path)))
    write_atomic(str(tmp_path / "result.json"), "whole\n")
    assert removed == []


def test_a_new_result_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    """A new file is readable as any new file is (not private like a temporary file); a replaced file keeps
    its mode."""
    target = tmp_path / "result.json"
    write_atomic(str(target), "one\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~output._UMASK
    target.chmod(0o640)
    write_atomic(str(target), "two\n")
    assert (stat.S_IMODE(target.stat().st_mode), target.read_text()) == (0o640, "two\n")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("missing/result.json", "cannot write: the folder does not exist", id="missing folder"),
        pytest.param(".", "cannot write: it is a folder", id="a folder"),
    ],
)
def test_unwritable_targets_are_usage_errors(tmp_path: Path, name: str, message: str) -> None:
    """A target in a missing folder, or a folder, is a UsageError naming it; nothing is created."""
    target = tmp_path / name
    with pytest.raises(UsageError) as raised:
        write_atomic(str(target), "text\n")
    assert str(raised.value) == f"{target}: {message}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "name",
    ["a" * 300 + ".json", "a" * 300 + "/result.json", "a" * 300 + "/b" * 2000],
    ids=["file", "folder", "path"],
)
def test_a_name_longer_than_the_system_allows_is_a_usage_error(tmp_path: Path, name: str) -> None:
    """A file or folder name over the 255 bytes the file system allows, or a path over its 4,096: one
    UsageError naming the target (it was an internal error), and nothing is created."""
    target = tmp_path / name
    with pytest.raises(UsageError) as raised:
        write_atomic(str(target), "text\n")
    assert str(raised.value) == f"{target}: cannot write: File name too long"
    assert list(tmp_path.iterdir()) == []


def test_a_name_at_the_system_s_limit_is_written() -> None:
    """A name of 255 bytes is the file system's limit, not past it: the temporary file's name, which
    began with the whole of it, made such a file impossible to write."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / ("a" * 250 + ".json")
        write_atomic(str(target), "text\n")
        assert [path.name for path in Path(folder).iterdir()] == [target.name]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_folder_is_a_usage_error(tmp_path: Path) -> None:
    """A folder the user may not write in is a UsageError naming the file; nothing is created."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(UsageError) as raised:
            write_atomic(str(folder / "result.json"), "text\n")
        assert str(raised.value) == f"{folder / 'result.json'}: cannot write: Permission denied"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("failing", ["mkstemp", "replace"])
def test_a_place_the_file_system_refuses_is_a_usage_error_whoever_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """Refused when the temporary file is made or when it is renamed (a read-only mount, a folder the
    user may not write in, for root too): one UsageError naming the target, and nothing left behind."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile if failing == "mkstemp" else os, failing, refuse)
    target = tmp_path / "result.json"
    with pytest.raises(UsageError) as raised:
        write_atomic(str(target), "text\n")
    assert str(raised.value) == f"{target}: cannot write: Permission denied"
    assert list(tmp_path.iterdir()) == []


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    """Writing to a symbolic link replaces the file it points to (results kept elsewhere, linked from
    the repository); the link itself is left as it was."""
    (tmp_path / "store").mkdir()
    real = tmp_path / "store" / "result.json"
    real.write_text("old\n")
    link = tmp_path / "result.json"
    link.symlink_to(real)
    write_atomic(str(link), "new\n")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() == "new\n"
    assert sorted(path.name for path in (tmp_path / "store").iterdir()) == ["result.json"]


def test_a_loop_of_links_is_a_usage_error_and_stays(tmp_path: Path) -> None:
    """Two links that point at each other lead nowhere: one error, and the links stay (the first was once
    replaced by the result)."""
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    first.symlink_to(second)
    second.symlink_to(first)
    with pytest.raises(UsageError, match=r"first\.json: cannot write: Too many levels of symbolic links$"):
        write_atomic(str(first), "new\n")
    assert first.is_symlink() and second.is_symlink()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["first.json", "second.json"]


def test_a_link_to_nothing_yet_makes_the_file_it_points_to(tmp_path: Path) -> None:
    """A link to a result not written yet leads to where it will be: the file is made there."""
    real = tmp_path / "store" / "result.json"
    real.parent.mkdir()
    link = tmp_path / "result.json"
    link.symlink_to(real)
    write_atomic(str(link), "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_a_read_only_file_is_a_usage_error_and_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the user may not write (made read-only to keep it) is not replaced, though its folder
    would let a rename through: as the shell's `>` would, the write is refused. (The file system is
    asked through os.access, told here to say no, for root may write anything.)"""
    target = tmp_path / "kept.json"
    target.write_text("kept\n")
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != target)
    with pytest.raises(UsageError, match=r"kept\.json: cannot write: the file is read-only$"):
        write_atomic(str(target), "new\n")
    assert target.read_text() == "kept\n"
    assert list(tmp_path.iterdir()) == [target]


def test_a_pipe_is_written_into_and_stays_a_pipe(tmp_path: Path) -> None:
    """A named pipe (a reader waiting on it) gets the text; no file is put in its place."""
    pipe = tmp_path / "results"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    write_atomic(str(pipe), "result\n")
    reader.join(timeout=10)
    assert received == ["result\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["results"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root makes devices")
def test_a_device_is_written_into_and_stays_a_device(tmp_path: Path) -> None:
    """`-o /dev/null` discards the result: as root, renaming over the device put a file in its place."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    write_atomic(str(null), "result\n", replace=False)
    assert stat.S_ISCHR(null.stat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["null"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_device_that_refuses_the_write_is_a_usage_error() -> None:
    """A full disk (or /dev/full) is one clear error."""
    with pytest.raises(UsageError) as raised:
        write_atomic("/dev/full", "result\n")
    assert str(raised.value) == "/dev/full: cannot write: No space left on device"


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd here")
@pytest.mark.parametrize(
    "name",
    [
        "/dev/fd/{fd}",
        "/proc/self/fd/{fd}",
        "/dev//fd/./{fd}",
        "//dev/fd/{fd}",
        "/proc/thread-self/fd/{fd}",
        "/proc/{pid}/fd/{fd}",
    ],
)
def test_a_name_for_an_open_file_is_written_to_as_it_is_open(tmp_path: Path, name: str) -> None:
    """`/dev/fd/N` names a file this process has open, here to append to (as `>> log` opens stdout): the
    text is added to it; the file is neither replaced nor emptied, and nothing else is made."""
    log = tmp_path / "log.txt"
    log.write_text("earlier\n")
    with log.open("a") as stream:
        write_atomic(name.format(fd=stream.fileno(), pid=os.getpid()), "result\n")
    assert log.read_text() == "earlier\nresult\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["log.txt"]


def test_a_name_for_a_file_that_is_not_open_is_a_usage_error() -> None:
    """`/dev/fd/N` for a descriptor not open is one clear error."""
    with pytest.raises(UsageError, match=r"^/dev/fd/987: cannot write: Bad file descriptor$"):
        write_atomic("/dev/fd/987", "result\n")


def _audit_to_dev_stdout(stdout: int | IO[str]) -> subprocess.CompletedProcess[str]:
    """`ilo-check audit SEED -f json -o /dev/stdout`, its stdout given, its stderr kept."""
    return subprocess.run(
        [sys.executable, "-m", "checker", "audit", str(NARRATIVE_SEED), "-f", "json", "-o", "/dev/stdout"],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_the_command_appends_to_a_log_its_stdout_is_redirected_to(tmp_path: Path) -> None:
    """`-o /dev/stdout >> log`: the report is added to the log, whose earlier lines stay (the link was
    once followed to the log, and a new file renamed over it)."""
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n")
    with log.open("a") as stdout:
        done = _audit_to_dev_stdout(stdout)
    assert (done.returncode, done.stderr) == (0, "")
    earlier, report = log.read_text().split("\n", 1)
    assert earlier == "earlier line"
    assert json.loads(report)["reports"][0]["source"] == str(NARRATIVE_SEED)


def test_the_command_writes_to_dev_stdout() -> None:
    """`-o /dev/stdout` (a link to the process's output) gives the report on stdout."""
    done = _audit_to_dev_stdout(subprocess.PIPE)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["reports"][0]["source"] == str(NARRATIVE_SEED)


def test_bytes_are_written_as_they_are_and_text_as_utf8_with_its_line_ends(tmp_path: Path) -> None:
    """A binary format (a spreadsheet) is written byte for byte; a text keeps `\\n` and is UTF-8 wherever
    it is written."""
    sheet, text = tmp_path / "out.xlsx", tmp_path / "out.txt"
    content = bytes(range(256)) + b"\r\n\x00"
    write_atomic(str(sheet), content)
    write_atomic(str(text), "Sénégal\nFin\n")
    assert sheet.read_bytes() == content
    assert text.read_bytes() == "Sénégal\nFin\n".encode()


def test_bytes_go_into_a_pipe_unchanged(tmp_path: Path) -> None:
    """A binary format given a pipe (`-o /dev/stdout | unzip`) reaches its reader intact."""
    pipe = tmp_path / "sheet"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomic(str(pipe), b"PK\x03\x04\xff")
    reader.join(timeout=10)
    assert received == [b"PK\x03\x04\xff"]
