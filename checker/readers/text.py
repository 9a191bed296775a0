"""Plain-text reports: one block of lines, numbered as an editor shows them.

Text extracted from a PDF by pdftotext marks page breaks with a form feed; where there are any, every line
also carries its page number, so evidence can be found in the PDF as well as in the text file. Page
furniture (running headers and footers, page numbers) is blanked; every line keeps its number.
"""

from __future__ import annotations

from checker.model import Block, BlockKind, Document, Location, SourceLine
from checker.readers.encoding import decode, split_lines
from checker.readers.furniture import furniture_lines

__all__ = ["read"]

_FORM_FEED = "\f"


def read(path: str, data: bytes) -> Document:
    """Read a plain-text report."""
    text, encoding = decode(data, path)
    paged = _FORM_FEED in text
    page = 1
    lines = []
    raw = split_lines(text)
    furniture = furniture_lines([line.replace(_FORM_FEED, " ") for line in raw])
    for number, line in enumerate(raw, start=1):
        if number - 1 in furniture:
            page += line.count(_FORM_FEED)
            lines.append(SourceLine("", Location(line=number, page=page if paged else None)))
            continue
        # pdftotext ends each page with a form feed: text after one is on the next page.
        leading = len(line) - len(line.lstrip(_FORM_FEED))
        page += leading
        lines.append(
            SourceLine(line.replace(_FORM_FEED, " "), Location(line=number, page=page if paged else None))
        )
        page += line.count(_FORM_FEED) - leading
    warnings = (f"read as {encoding}: the file is not UTF-8",) if encoding == "windows-1252" else ()
    return Document(path, "text", (Block(BlockKind.TEXT, tuple(lines)),), warnings=warnings)
