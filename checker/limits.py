"""How much ilo-check reads, in one place: the limits that keep a hostile or broken file from exhausting
memory or time. Each is far above any real report, so only an accident or an attack meets one.

A file over its size limit is refused from the size the file system gives, before a byte of it is read;
what has no size (a pipe, a device) is read up to the limit and refused past it.
"""

from __future__ import annotations

__all__ = [
    "LARGE_MEMBER_BYTES",
    "MAX_BASELINE_BYTES",
    "MAX_CONFIG_BYTES",
    "MAX_DOCUMENT_BYTES",
    "MAX_INFLATED_BYTES",
    "MAX_INFLATE_RATIO",
    "MAX_LINES",
    "MAX_PDF_CHARACTERS",
    "MAX_PDF_PAGE_CHARACTERS",
    "MAX_RULE_FILE_BYTES",
    "MAX_STRUCTURED_BYTES",
    "MAX_YAML_CHARACTERS",
    "MAX_YAML_NODES",
    "MEGABYTE",
    "MIN_PDF_CHARACTERS",
    "MIN_PDF_OPERATORS",
    "MIN_PDF_PARSED_BYTES",
    "PDF_CHARACTERS_PER_BYTE",
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
# Characters of YAML text after aliases are expanded (each scalar counted every time it is reached), since
# a few values can be long: 20,000 aliases of one 10 KB answer, a 380 KB file, expand to 200 million and
# took minutes and gigabytes to audit. Without aliases a document holds no more characters than its bytes,
# so this is what the largest structured draft allowed (MAX_STRUCTURED_BYTES) may hold: aliases never make
# a file cost more than one that writes all its text out. A rule pack has under a million, a large
# submission a few million.
MAX_YAML_CHARACTERS = MAX_STRUCTURED_BYTES

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
# Nor need a bomb draw many operators: a few can carry strings of megabytes (two pages of 50 MB of text
# each, from a file of 1.2 MB kept under the ratio by random padding, took a minute to extract, and the
# whole audit over 15, issue 17). pypdf takes 0.3-0.5 microseconds a character, and longer the more
# pieces a line is drawn in, as it joins them one by one (a million characters drawn two at a time take
# 14 s; so each element of a TJ array counts as an operator, and reports then have 0.07-0.3 operators a
# byte). Text extraction may draw PDF_CHARACTERS_PER_BYTE characters for each byte of the file,
# MIN_PDF_CHARACTERS whatever its size, never more than MAX_PDF_CHARACTERS (what the largest text file
# allowed holds), and MAX_PDF_PAGE_CHARACTERS on one page; a page's extracted text is held to the same,
# as a font's map may turn a character drawn into 256. Reports draw 0.2-0.8 characters a byte (TeX,
# Chrome and the example report, measured), text alone in a core font 1.1-1.6, one sentence repeated
# over 136 pages 12; a dense page draws 3,000-8,000 characters.
MIN_PDF_CHARACTERS = 5_000_000
PDF_CHARACTERS_PER_BYTE = 20
MAX_PDF_CHARACTERS = MAX_DOCUMENT_BYTES
MAX_PDF_PAGE_CHARACTERS = 500_000
# Nor need a bomb draw operators or text at all: pypdf parses a form's whole content again each time the
# form is drawn, so a form of megabytes of whitespace drawn many times (a 2 KB file drawing a form of
# 900 KB 200 times, 180 MB to parse, takes some 14 s; pypdf allows 5,000 draws a page) costs parsing that
# neither budget sees. Text extraction may parse, page contents and each draw of a form counted,
# MAX_INFLATE_RATIO bytes of content for each byte of the file (as far as page contents may inflate), and
# MIN_PDF_PARSED_BYTES whatever its size: pypdf parses some 12 MB of whitespace a second, so a bomb is
# refused in about 5 s. Reports parse 0.6-16 bytes a byte of the file, at most 3 MB (TeX, Chrome and the
# example report, measured; a letterhead form of 9 KB drawn on each of 100 pages, 1.8 MB).
MIN_PDF_PARSED_BYTES = 64 * MEGABYTE

# Lines of a text-based file (text, Markdown, HTML, YAML and JSON): each line is an object of its own
# through the audit, a few hundred bytes, so a file of very short lines costs far more than its size
# (200 MB of one-letter lines would take some 40 GB). A 400-page report has about 20,000 lines, the
# 10 MB report of the speed benchmark 150,000.
MAX_LINES = 2_000_000


# A rule file: the bundled pack's largest is 0.3 MB of YAML, which compiles to a hundred times that in
# memory. A configuration file (ilo-check.yaml, pyproject.toml) is a few kilobytes.
MAX_RULE_FILE_BYTES = 10 * MEGABYTE
MAX_CONFIG_BYTES = MEGABYTE
# A baseline or a saved result (audit --format json): some 65 KB a report, so that the reports of all 187
# member States take 12 MB; parsed, JSON takes about ten times its size in memory.
MAX_BASELINE_BYTES = MAX_STRUCTURED_BYTES


def max_file_bytes(format_name: str) -> int:
    """The size limit of a file read in the format called `format_name`."""
    return MAX_STRUCTURED_BYTES if format_name == "structured" else MAX_DOCUMENT_BYTES
