"""Writing results to files: atomically, so that a reader never sees half a report and an error never
leaves a broken file behind, and never over a file the user did not ask to replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from checker.errors import UsageError

__all__ = ["write_atomic"]


def write_atomic(path: str, text: str, *, replace: bool = True) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename.

    With ``replace=False`` an existing file is left alone and UsageError says so.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError("cannot write: the folder does not exist", path=path)
    if target.is_dir():
        raise UsageError("cannot write: it is a folder", path=path)
    if not replace and target.exists():
        raise UsageError("already exists; not overwritten", path=path, hint="use --force to replace it")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror or error}", path=path) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if not replace and target.exists():
            raise UsageError("already exists; not overwritten", path=path, hint="use --force to replace it")
        os.replace(temporary, target)
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror or error}", path=path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
