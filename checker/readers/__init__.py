"""Readers turn a file's bytes into a `Document`: lines with their origins, in blocks.

One module per format, each with ``read(path, data) -> Document``; ``READERS`` maps format names to them
and ``EXTENSIONS`` file endings to format names, so the CLI's choices come from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from checker.errors import InputError
from checker.model import Document
from checker.readers import markdown, structured, text

__all__ = ["EXTENSIONS", "READERS", "Reader", "format_for", "read"]

Reader = Callable[[str, bytes], Document]

READERS: dict[str, Reader] = {
    "text": text.read,
    "markdown": markdown.read,
    "structured": structured.read,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".yaml": "structured",
    ".yml": "structured",
    ".json": "structured",
}


def format_for(path: str, requested: str | None = None) -> str:
    """The format to read `path` as: the one requested, or the one its ending names."""
    if requested is not None:
        if requested not in READERS:
            raise InputError(f"unknown input format {requested!r}", path=path, hint="one of " + ", ".join(READERS))
        return requested
    suffix = PurePath(path).suffix.lower()
    if suffix not in EXTENSIONS:
        known = ", ".join(sorted(EXTENSIONS))
        raise InputError(f"cannot tell the format from the ending {suffix or '(none)'!r}", path=path, hint=f"known: {known}; or give --input-format")
    return EXTENSIONS[suffix]


def read(path: str, data: bytes, requested: str | None = None) -> Document:
    """Read `data` (the contents of `path`) in the requested format or the one its ending names."""
    return READERS[format_for(path, requested)](path, data)
