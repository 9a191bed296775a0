"""Writing results to files: atomically, so that a reader never sees half a report and an error never
leaves a broken file behind, and never over a file the user did not ask to replace.

Each write goes to a temporary file of its own (a unique name, in the target's folder so that the rename
stays on one file system), flushed to disk, then renamed over the target. Two runs writing the same file
at once each replace it whole: the file always holds one complete result, the last one renamed. The
temporary file is removed whatever stops the write, Ctrl-C included.

What is not a file (a device, a pipe: ``-o /dev/null``) is written into, never replaced: renaming over it
would put a file where the device was (as root, in place of /dev/null). A name for one of the process's
own open files (``-o /dev/stdout``, ``/dev/fd/3``) is written to that open file, as if printed there: it
may be a file the shell opened to append to (``>> log``), which a rename, or opening it anew, would wipe.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from checker.errors import UsageError

__all__ = ["write_atomic"]


# How much of the file's name its temporary file's name shows, to tell whose it is.
_NAME_SHOWN = 64


def _umask() -> int:
    """The process's umask, read once: Python can only read it by setting it, which is not thread-safe."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def _mode(target: Path) -> int:
    """The permissions the result should have: the replaced file's, else what a new file gets (mkstemp's
    temporary file is private to the user, which a report is not)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _check(path: str, target: Path, folder: Path, replace: bool) -> None:
    """UsageError naming what is wrong with writing to `target`, before anything is written."""
    if not folder.is_dir():
        raise UsageError("cannot write: the folder does not exist", path=path)
    if target.is_dir():
        raise UsageError("cannot write: it is a folder", path=path)
    if not replace and target.exists():
        raise UsageError("already exists; not overwritten", path=path, hint="use --force to replace it")
    if target.exists() and not os.access(target, os.W_OK):  # the shell's `>` would be refused it too
        raise UsageError("cannot write: the file is read-only", path=path)


def _through_links(path: str) -> Path:
    """Where `path` leads through its links: the file to replace. A link to nothing yet leads to where
    the file will be; a loop of links leads nowhere, and is an error (replacing it would put a file in
    place of the link)."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror or error}", path=path) from None


def _is_stream(path: str) -> bool:
    """Whether `path` (through links) is a device or a pipe rather than a file or a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


# The names of a process's own open files: /dev/stdout (/dev/fd/1), /dev/fd/3, /proc/self/fd/3 (also
# /proc/thread-self/fd/3 and /proc/PID/fd/3 with the process's own PID).
_OWN_FILE = re.compile(
    r"/dev/std(?P<stream>in|out|err)|/dev/fd/(?P<fd>\d+)"
    r"|/proc/(?:self|thread-self|(?P<pid>\d+))/fd/(?P<proc_fd>\d+)"
)
_STREAMS = {"in": 0, "out": 1, "err": 2}


def _own_descriptor(path: str) -> int | None:
    """The descriptor that `path` names among the process's open files; None for any other path."""
    # normpath keeps a leading "//" (POSIX leaves its meaning to the system): "//dev/stdout" is /dev/stdout.
    named = _OWN_FILE.fullmatch("/" + os.path.normpath(path).lstrip("/")) if path.startswith("/") else None
    if named is None or (named["pid"] is not None and int(named["pid"]) != os.getpid()):
        return None
    if named["stream"]:
        return _STREAMS[named["stream"]]
    return int(named["fd"] or named["proc_fd"])


def _encoded(content: str | bytes) -> bytes:
    """What is written: a text as UTF-8 with its line ends as they are, bytes (a spreadsheet) as given."""
    return content.encode("utf-8") if isinstance(content, str) else content


def _write_into(path: str, content: str | bytes, descriptor: int | None = None) -> None:
    """Write `content` into what `path` names, as it is: a device or a pipe opened by its name, or the
    process's own open file `descriptor` (a duplicate of it, so that closing ours leaves it open)."""
    try:
        target = path if descriptor is None else os.dup(descriptor)
        with open(target, "wb") as stream:
            stream.write(_encoded(content))
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror or error}", path=path) from None


def write_atomic(path: str, text: str | bytes, *, replace: bool = True) -> None:
    """Write `text` (or bytes) to `path` through a temporary file in the same folder and a rename.

    With ``replace=False`` an existing file is left alone and UsageError says so. Any OSError is a
    UsageError naming `path`; the temporary file never outlives the call. A link is written through:
    the file it points to is replaced, and the link stays. A device or a pipe is written into, and one
    of the process's own open files (``/dev/stdout``) is written to as it is open.
    """
    descriptor = _own_descriptor(path)
    if descriptor is not None:
        _write_into(path, text, descriptor)
        return
    if _is_stream(path):
        _write_into(path, text)
        return
    target = _through_links(path) if os.path.islink(path) else Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    temporary: str | None = None
    try:
        _check(path, target, folder, replace)  # its OSError too: a name too long to look up, say
        # The temporary name holds the start of the file's: whole, a name near the system's limit of 255
        # bytes would make it too long, though the file's own is not.
        prefix = f".{target.name[:_NAME_SHOWN]}."
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            os.chmod(temporary, _mode(target))
            stream.write(_encoded(text))
            stream.flush()
            os.fsync(stream.fileno())
        if not replace and target.exists():
            raise UsageError("already exists; not overwritten", path=path, hint="use --force to replace it")
        os.replace(temporary, target)
        temporary = None  # renamed: the name is free again and may be another writer's, leave it alone
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror or error}", path=path) from None
    finally:
        # Already gone, or the folder became unwritable: nothing more can be done about it.
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
