"""Readers turn a file's bytes into a `Document`: lines with their origins, in blocks.

One module per format, each with ``read(path, data) -> Document``; ``READERS`` maps format names to those
modules and ``EXTENSIONS`` file endings to format names, so the CLI's choices come from here. A reader's
module is imported only when a file of its format is read, so that PDF and Word libraries cost nothing
to a run that reads only text.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePath

from checker import limits
from checker.errors import BIDI_CONTROLS, InputError
from checker.files import TooLargeError, read_stream_within, read_within
from checker.model import Block, Document

__all__ = [
    "EXTENSIONS",
    "READERS",
    "STDIN",
    "Reader",
    "format_for",
    "read",
    "read_file",
    "reader",
    "refuse_legacy_word",
]

STDIN = "-"  # the path that stands for standard input (``pdftotext report.pdf - | ilo-check audit -``)
_STDIN_NAME = "<stdin>"  # how it is named in results and messages

Reader = Callable[[str, bytes], Document]

READERS: dict[str, str] = {
    "text": "checker.readers.text",
    "markdown": "checker.readers.markdown",
    "structured": "checker.readers.structured",
    "pdf": "checker.readers.pdf",
    "docx": "checker.readers.docx",
    "html": "checker.readers.html",
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".yaml": "structured",
    ".yml": "structured",
    ".json": "structured",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}


# An OLE2 compound file: a legacy Word .doc (or .xls, .ppt), or a .docx encrypted with a password, which
# Word wraps in one. Told by its bytes, never its name: it is sent around as .doc, .docx, .txt or nameless.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refuse_legacy_word(path: str, data: bytes) -> None:
    """InputError, saying how to re-save it, when `data` is a legacy Word file (or a password-protected
    one), whatever `path` is called; nothing otherwise."""
    if data.startswith(_OLE_SIGNATURE):
        raise InputError(
            "a legacy Word .doc (or a password-protected Word file), which cannot be read",
            path=path,
            hint="open it in Word and save it as 'Word Document (*.docx)', without a password",
        )


# Word processors' other formats, named by their ending whatever they hold (a .doc may be RTF or HTML
# that Word saved): each is re-saved as .docx, which is read.
_SAVE_AS_DOCX = {".doc": "Word .doc", ".rtf": "Rich Text (.rtf)", ".odt": "OpenDocument (.odt)"}


def _head(path: str) -> bytes:
    """The first bytes of the file at `path`; none when it cannot be read (a folder, a missing file)."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(_OLE_SIGNATURE))
    except OSError:
        return b""


def format_for(path: str, requested: str | None = None) -> str:
    """The format to read `path` as: the one requested, or the one its ending names."""
    if requested is not None:
        if requested not in READERS:
            raise InputError(
                f"unknown input format {requested!r}", path=path, hint="one of " + ", ".join(READERS)
            )
        return requested
    suffix = PurePath(path).suffix.lower()
    if suffix in _SAVE_AS_DOCX:
        raise InputError(
            f"a {_SAVE_AS_DOCX[suffix]} file, which cannot be read",
            path=path,
            hint="open it in Word (or LibreOffice) and save it as 'Word Document (*.docx)'",
        )
    if suffix not in EXTENSIONS:
        known = ", ".join(sorted(EXTENSIONS))
        raise InputError(
            f"cannot tell the format from the ending {suffix or '(none)'!r}",
            path=path,
            hint=f"known: {known}; or give --input-format",
        )
    return EXTENSIONS[suffix]


def reader(name: str) -> Reader:
    """The read function of the format called `name`."""
    read_function: Reader = importlib.import_module(READERS[name]).read
    return read_function


# What a terminal must not be handed raw. Control characters, all but the tab: text extracted from a PDF
# may carry them, a JSON string may spell one ("\u001b"), a form feed is left in a line once it has told
# the page; quoted raw they would drive the terminal that shows an audit ("\x1b[2J" clears the screen).
# The bidirectional overrides and isolates, which reorder how a quote reads ("Trojan Source"). Each is
# read as a space, so that every column stays where it is. And half a character: a lone surrogate, as a
# JSON "\ud83d" cut from an emoji, which no output can encode; it is read as the replacement character.
_HALF_CHARACTER = "\ud800-\udfff"
_UNSHOWABLE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}{_HALF_CHARACTER}]")
_HALF_CHARACTERS = re.compile(f"[{_HALF_CHARACTER}]")


def _shown(found: re.Match[str]) -> str:
    return "\ufffd" if _HALF_CHARACTERS.match(found.group()) else " "


def _showable(text: str) -> str:
    return _UNSHOWABLE.sub(_shown, text)


def _visible_block(block: Block) -> Block:
    lines = tuple(
        replace(line, text=_showable(line.text)) if _UNSHOWABLE.search(line.text) else line
        for line in block.lines
    )
    return replace(block, lines=lines)


def _visible(document: Document) -> Document:
    """`document` with what a terminal must not be handed raw read as spaces (or, half a character, as
    the replacement character) in its text and its metadata; the document itself when it has none, as
    nearly every one. Its name keeps its control characters, for the human formats to show escaped
    (the file can then be found), but not the halves of characters that a file name's undecodable
    bytes become in Python."""
    country = document.metadata.country
    in_country = country is not None and _UNSHOWABLE.search(country) is not None
    in_source = _HALF_CHARACTERS.search(document.source) is not None
    in_text = any(_UNSHOWABLE.search(line.text) for block in document.blocks for line in block.lines)
    if not in_country and not in_source and not in_text:
        return document
    metadata = document.metadata
    if country is not None and in_country:
        metadata = replace(metadata, country=_showable(country))
    blocks = tuple(_visible_block(block) for block in document.blocks) if in_text else document.blocks
    source = _HALF_CHARACTERS.sub("\ufffd", document.source)
    return replace(document, source=source, metadata=metadata, blocks=blocks)


def read(path: str, data: bytes, requested: str | None = None) -> Document:
    """Read `data` (the contents of `path`) in the requested format or the one its ending names; a legacy
    Word file is refused, as whatever it is named (see `refuse_legacy_word`)."""
    refuse_legacy_word(path, data)
    return _visible(reader(format_for(path, requested))(path, data))


def _too_large(path: str, name: str, over: TooLargeError) -> InputError:
    return InputError(
        f"too large to read: {over.told} for {name} files",
        path=path,
        hint="no report is this large: is it the right file?",
    )


def _read_bytes(path: str, name: str) -> bytes:
    """The file's bytes, refused from its size before they are read when it is over its format's limit."""
    try:
        return read_within(path, limits.max_file_bytes(name))
    except TooLargeError as over:
        raise _too_large(path, name, over) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a report", path=path) from None
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from None


def _read_stdin(requested: str | None) -> Document:
    """The report on standard input, in the `requested` format: it has no name to tell one by."""
    if requested is None:
        raise InputError(
            "standard input has no name to tell its format by",
            path=_STDIN_NAME,
            hint="give --input-format: " + ", ".join(READERS),
        )
    if sys.stdin is None:  # started without one (`<&-`)
        raise InputError("standard input is closed", path=_STDIN_NAME)
    name = format_for(_STDIN_NAME, requested)
    try:
        data = read_stream_within(sys.stdin.buffer, limits.max_file_bytes(name))
    except TooLargeError as over:
        raise _too_large(_STDIN_NAME, name, over) from None
    return read(_STDIN_NAME, data, name)


def read_file(path: str, requested: str | None = None) -> Document:
    """Read the submission at `path` (standard input for `STDIN`, in the `requested` format); InputError
    (one line, with the path) when it cannot be read or is over its format's size limit (see
    `checker.limits`)."""
    if path == STDIN:
        return _read_stdin(requested)
    try:
        name = format_for(path, requested)
    except InputError:
        # A name that tells no format ("report.doc", "report") may be a legacy Word file's: it is told
        # so, with how to re-save it, rather than that its ending is unknown.
        refuse_legacy_word(path, _head(path))
        raise
    data = _read_bytes(path, name)
    # The digest of what was read, not of the file read again later: a baseline tells a draft moved
    # unchanged by it (see checker.identity).
    return replace(read(path, data, name), sha256=hashlib.sha256(data).hexdigest())
