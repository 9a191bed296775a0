"""Reading a file whole, within a size limit (see `checker.limits`), whatever the path turns out to be.

A regular file over its limit is refused from the size the file system gives, before a byte of it is
read; what has no size (a pipe, a device such as /dev/zero) is read up to the limit and refused past it.
Each caller turns `TooLargeError` (whose `told` names the size and the limit) and `OSError` into its own
one-line error (an input, a rule pack, a baseline).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from checker import limits

__all__ = ["TooLargeError", "not_a_file", "read_stream_within", "read_within"]


class TooLargeError(Exception):
    """A file holds more than its limit."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(f"{size} bytes over {limit}")
        self.size = size  # None: not known (a pipe), only that it is over
        self.limit = limit

    @property
    def told(self) -> str:
        """ "12,345 bytes, over the limit of 10 MB", or without the size when it is not known."""
        size = f"{self.size:,} bytes, over" if self.size is not None else "over"
        return f"{size} the limit of {_limit_text(self.limit)}"


def _limit_text(limit: int) -> str:
    """A limit as people read it: "10 MB", or its bytes when it is no whole number of megabytes."""
    return f"{limit // limits.MEGABYTE} MB" if limit % limits.MEGABYTE == 0 else f"{limit:,} bytes"


def read_stream_within(stream: BinaryIO, limit: int) -> bytes:
    """What a stream holds, read a megabyte at a time up to one byte past `limit`, to know it is over.
    (``read(limit + 1)`` would reserve the whole limit, 200 MB, for every such file.)"""
    chunks: list[bytes] = []
    total = 0
    while total <= limit and (chunk := stream.read(min(limits.MEGABYTE, limit + 1 - total))):
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise TooLargeError(None, limit)
    return b"".join(chunks)


def read_within(path: str | Path, limit: int) -> bytes:
    """The bytes of the file at `path`; `TooLargeError` past `limit`, `OSError` when it cannot be read."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise TooLargeError(size, limit)
        # A file that grows as it is read is read as large as it was: an end, and within the limit.
        return stream.read(size) if size else read_stream_within(stream, limit)


def not_a_file(path: Path) -> str | None:
    """What `path` is when it exists but is no regular file ("a named pipe"), for a message; None for a
    regular file or a path that leads nowhere. Opening a named pipe waits for a writer for ever."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe", stat.S_ISSOCK: "a socket"}
    return next((kind for test, kind in kinds.items() if test(mode)), "a device")
