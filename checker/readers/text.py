"""Plain-text reports: one block of lines, numbered as an editor shows them.

Text extracted from a PDF by pdftotext marks page breaks with a form feed; where there are any, every line
also carries its page number, so evidence can be found in the PDF as well as in the text file, and page
furniture is told as in a PDF, page by page (`furniture.page_furniture`). Page furniture (running headers
and footers, page numbers) is blanked; every line keeps its number.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.model import Block, BlockKind, Document, Location, Paragraphs, SourceLine
from checker.readers.encoding import decode, split_lines
from checker.readers.furniture import furniture_lines, page_furniture

__all__ = ["read"]

_FORM_FEED = "\f"


def read(path: str, data: bytes) -> Document:
    """Read a plain-text report."""
    text, encoding = decode(data, path)
    raw = split_lines(text)
    lines = _paged(raw) if _FORM_FEED in text else _unpaged(raw)
    warnings = (f"read as {encoding}: the file is not UTF-8",) if encoding == "windows-1252" else ()
    block = Block(BlockKind.TEXT, tuple(lines))
    return Document(path, "text", (block,), warnings=warnings, paragraphs=Paragraphs.LOOSE)


def _unpaged(raw: Sequence[str]) -> list[SourceLine]:
    furniture = furniture_lines(raw)
    return [
        SourceLine("" if index in furniture else line, Location(line=index + 1))
        for index, line in enumerate(raw)
    ]


def _page_of_each(raw: Sequence[str]) -> list[int]:
    """The page each line starts on. pdftotext ends each page with a form feed: text after one is on the
    next page, and a line that opens with form feeds (empty pages) starts on the page after them."""
    page, pages = 1, []
    for line in raw:
        leading = len(line) - len(line.lstrip(_FORM_FEED))
        page += leading
        pages.append(page)
        page += line.count(_FORM_FEED) - leading
    return pages


def _paged(raw: Sequence[str]) -> list[SourceLine]:
    """The lines with their pages, each page's furniture blanked where furniture stands on a page."""
    pages = _page_of_each(raw)
    spaced = [line.replace(_FORM_FEED, " ") for line in raw]
    on_page: list[list[int]] = [[] for _ in range(pages[-1])]  # every page, an empty one too, by number
    for index, page in enumerate(pages):
        on_page[page - 1].append(index)
    furniture = {
        indexes[found]
        for indexes, blanked in zip(
            on_page,
            page_furniture([[spaced[index] for index in indexes] for indexes in on_page]),
            strict=True,
        )
        for found in blanked
    }
    return [
        SourceLine("" if index in furniture else line, Location(line=index + 1, page=page))
        for index, (line, page) in enumerate(zip(spaced, pages, strict=True))
    ]
