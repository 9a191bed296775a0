"""Bytes to text for every text-based format: byte-order marks, UTF-8, and Windows-1252 as the fallback.

Reports come from many offices and editors. A byte-order mark decides (UTF-8, UTF-16 or UTF-32, either
byte order); otherwise UTF-8 is tried strictly; what is not UTF-8 is read as Windows-1252, the encoding
of most older Word and Notepad exports, with the five bytes it leaves undefined read as Latin-1.
A NUL byte in text that is not UTF-16/32 means the file is binary, not a report.
"""

from __future__ import annotations

import codecs
import re

from checker import limits
from checker.errors import InputError

__all__ = ["decode", "split_lines"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("ilo-check-latin1", _cp1252_or_latin1)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of `data` and the encoding it was read in; InputError for binary data, or for more lines
    than `limits.MAX_LINES` (told before they are split)."""
    text, encoding = _decoded(data, path)
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1  # as `split_lines` splits
    if lines > limits.MAX_LINES:
        raise InputError(
            f"too many lines to read: {lines:,}, over the limit of {limits.MAX_LINES:,}",
            path=path,
            hint="no report has this many: is it the right file?",
        )
    return text, encoding


def _decoded(data: bytes, path: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise InputError(
                    f"invalid {encoding} text at byte {error.start + len(bom)}", path=path
                ) from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(f"binary data (a NUL byte at offset {offset}), not a text report", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="ilo-check-latin1"), "windows-1252"


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: split at \\r\\n, \\r or \\n, and nothing else."""
    return _LINE_BREAK.split(text)
