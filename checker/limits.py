"""How much ilo-check reads, in one place: the limits that keep a hostile or broken file from exhausting
memory or time. Each is far above any real report, so only an accident or an attack meets one.

A file over its size limit is refused from the size the file system gives, before a byte of it is read;
what has no size (a pipe, a device) is read up to the limit and refused past it.
"""

from __future__ import annotations

__all__ = [
    "LARGE_MEMBER_BYTES",
    "MAX_DOCUMENT_BYTES",
    "MAX_INFLATED_BYTES",
    "MAX_INFLATE_RATIO",
    "MAX_LINES",
    "MAX_STRUCTURED_BYTES",
    "MAX_YAML_NODES",
    "MEGABYTE",
    "MIN_PDF_OPERATORS",
    "PDF_OPERATORS_PER_BYTE",
    "max_file_bytes",
]

MEGABYTE = 1024 * 1024

# Structured drafts are parsed into a node per value, which costs far more memory and time per byte than
# text; the ILO's longest compilations are a few megabytes of text.
MAX_STRUCTURED_BYTES = 50 * MEGABYTE
# Text, Markdown, HTML, PDF and Word: a scanned-and-OCRed report with images stays well under this.
MAX_DOCUMENT_BYTES = 200 * MEGABYTE

# YAML values after aliases are expanded: a rule pack has a few thousand, a large submission tens of
# thousands; past this, aliases are repeated beyond any real report ("billion laughs").
MAX_YAML_NODES = 500_000

# A Word file (a zip) may inflate to this in total; a member larger than LARGE_MEMBER_BYTES may not
# inflate more than MAX_INFLATE_RATIO to 1. A report's XML compresses about 5-20 to 1, a zip bomb by
# thousands.
MAX_INFLATED_BYTES = 200 * MEGABYTE
MAX_INFLATE_RATIO = 100
LARGE_MEMBER_BYTES = MEGABYTE
# The same ratio bounds how far a PDF's page contents may inflate. But a PDF bomb need not inflate: a few
# kilobytes of drawing operators, drawn again by many pages or a form used thousands of times, take
# hours to go through (pypdf extracts some 50,000-200,000 operators a second). Text extraction may go
# through PDF_OPERATORS_PER_BYTE operators for each byte of the file, and MIN_PDF_OPERATORS whatever its
# size; reports have well under one per byte (0.07-0.2 measured).
MIN_PDF_OPERATORS = 500_000
PDF_OPERATORS_PER_BYTE = 20

# Lines of a text-based file (text, Markdown, HTML, YAML and JSON): each line is an object of its own
# through the audit, a few hundred bytes, so a file of very short lines costs far more than its size
# (200 MB of one-letter lines would take some 40 GB). A 400-page report has about 20,000 lines, the
# 10 MB report of the speed benchmark 150,000.
MAX_LINES = 2_000_000


def max_file_bytes(format_name: str) -> int:
    """The size limit of a file read in the format called `format_name`."""
    return MAX_STRUCTURED_BYTES if format_name == "structured" else MAX_DOCUMENT_BYTES
