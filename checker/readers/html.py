"""HTML reports and the ILO's published comments (NORMLEX), read with the standard library's parser.

Only the text a browser shows is kept: the content of script, style, head, noscript, template, svg and
the like, and of elements marked ``hidden`` or ``display: none``, is left out. ``<h1>`` to ``<h6>`` are
HEADING blocks of their level. Block elements (p, div, li, tr, section, article, blockquote...) end a
line and a paragraph, which the segmenter sees as a blank line; ``<br>`` and table cells end a line.
Inline elements (b, strong, em, a, span) do not, so a CEACR comment's paragraphs, whose run-in headings
are set in bold ("<b>Article 2(c). Labour inspection.</b> The Committee notes..."), read as the comment
reads: heading and text run on, in source order. Entities are decoded and runs of white space in a
line are one space.

A source line break inside a paragraph ends a line (the segmenter reads on across it, as across a PDF's
broken lines), and every line is cited as ``Location(line=N)``, the line of the HTML source where it
stands: a sentence is cited at the source line it starts on. A page written on one long source line
cites every passage at that line.

The bytes are decoded as every text format is (see `encoding.decode`), except that a ``<meta charset>``
(or ``http-equiv`` Content-Type) in the first bytes is honoured when no byte-order mark decides and the
bytes are valid in it; like browsers, "iso-8859-1" and "ascii" are read as Windows-1252.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from html.parser import HTMLParser

from checker.errors import InputError
from checker.model import LABEL_LEVEL, Block, BlockKind, Document, Location, Paragraphs, SourceLine
from checker.readers.encoding import decode
from checker.readers.tables import numbers_the_row

__all__ = ["read"]

# Elements whose content a browser does not show as the page's text.
_INVISIBLE = frozenset(
    "script style head noscript template svg title iframe object canvas select datalist".split()
)
# What may stand in <head>; any other start tag closes a head whose end tag was left out.
_HEAD_CONTENT = frozenset("meta link title style script base noscript template".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Elements that end a line and a paragraph, and those that end only a line.
_BLOCKS = frozenset(
    "p div li ul ol dl dt dd tr table thead tbody tfoot caption section article aside header footer "
    "main nav blockquote address figure figcaption form fieldset legend details summary hr center body "
    "html".split()
)
_LINE_ENDS = frozenset("br td th".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*(?:[\"']\s*)?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_SNIFF_BYTES = 4096
# Where html.parser ends a comment, and what opens markup that needs a ">" to close.
_COMMENT_CLOSE = re.compile(r"--\s*>")
_MARKUP_OPENING = re.compile(r"<[A-Za-z!/?]")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # the UTF-32 marks begin with these


def _declared(data: bytes) -> str | None:
    """The codec a page's <meta> declares, as browsers read it; None when there is none or it is unknown."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
        # The declaration was read from the markup as ASCII: a codec that does not read the markup as
        # itself cannot be the page's. That leaves out the codecs of bytes to bytes (rot13, hex, zlib),
        # which refuse text, and those that fail on any markup ("undefined", "punycode").
        readable = b"<meta>".decode(name) == "<meta>"
    except (LookupError, UnicodeError):  # unknown, or not a text encoding
        return None
    if not readable:
        return None
    if name in ("iso8859-1", "ascii", "latin-1"):
        return "cp1252"  # what "iso-8859-1" means on the web (the WHATWG Encoding standard)
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page read as bytes cannot be UTF-16 by its own declaration
    return name


def _decode(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """The page's text, and a warning when it had to be guessed."""
    declared = None if data.startswith(_BOMS) or b"\x00" in data else _declared(data)
    if declared is not None and declared != "utf-8":
        try:
            return data.decode(declared), ()
        except UnicodeError:
            pass  # mislabelled, or a codec that fails as a whole (punycode): read it as any other text
    text, encoding = decode(data, path)
    if encoding == "windows-1252":
        return text, ("read as windows-1252: the file is not UTF-8 and declares no charset it is valid in",)
    return text, ()


class _Reader(HTMLParser):
    """Turns parser events into blocks: headings, and lines of text with the source line they start on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scanned: str | None = None  # the parser's buffer the last comment end was found in
        self.last_comment_close = -1
        self.blocks: list[Block] = []
        self.lines: list[SourceLine] = []  # the current text block
        self.fragments: list[str] = []  # the current line, as the parser gives it
        self.start: int | None = None  # the source line where the current line's text starts
        self.heading: int | None = None  # the level of the heading being read
        self.hidden: list[str] = []  # the open elements whose content is not shown, outermost first
        self.hidden_open: Counter[str] = Counter()  # how many of each are in `hidden`: no list scans
        self.pre = 0
        self.tables = 0  # how deep in tables the parser is: the rows of the outermost are read as forms
        self.cells: list[int] | None = None  # where each cell of the open row starts in `lines`
        self.label_open = False

    # ── lines and blocks ──

    def end_line(self) -> None:
        """End the current line; in a heading, a line break is a space."""
        if self.heading is not None:
            self.fragments.append(" ")
            return
        text = " ".join("".join(self.fragments).split())
        if text and self.start is not None:
            self.lines.append(SourceLine(text, Location(line=self.start)))
        self.fragments, self.start = [], None

    def end_paragraph(self) -> None:
        """End the line and the paragraph: one blank line, which is where the segmenter sees it end."""
        self.end_line()
        if self.heading is None and self.lines and self.lines[-1].text:
            self.lines.append(SourceLine("", self.lines[-1].location))

    def end_text(self) -> None:
        self.end_line()
        if self.lines:
            self.blocks.append(Block(BlockKind.TEXT, tuple(self.lines)))
            self.lines = []

    def open_heading(self, level: int) -> None:
        self.close_heading()  # a heading left open ends where the next begins, as browsers end it
        self.end_text()
        self.heading = level

    def close_heading(self) -> None:
        if self.heading is None:
            return
        level, self.heading = self.heading, None
        text = " ".join("".join(self.fragments).split())
        if text and self.start is not None:  # an empty heading shows nothing and heads nothing
            line = SourceLine(text, Location(line=self.start))
            self.blocks.append(Block(BlockKind.HEADING, (line,), level))
        self.fragments, self.start = [], None

    # ── parser events ──

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note a hidden element, a heading, a block or a line break."""
        if self.hidden == ["head"] and tag not in _HEAD_CONTENT:
            self.close_hidden("head")  # <body> or body content: the head ended without its end tag
        if self.hidden or tag in _INVISIBLE or _is_hidden(attrs):
            if tag not in _VOID:
                self.hidden.append(tag)
                self.hidden_open[tag] += 1
            return
        if tag == "table":
            self.tables += 1
            self.end_paragraph()
        elif tag == "tr" and self.tables == 1:
            self.open_row()
        elif tag in ("td", "th") and self.tables == 1:
            self.open_cell()
        elif tag in _HEADINGS and not self.tables:
            self.end_label()
            self.open_heading(_HEADINGS[tag])
        elif tag in _BLOCKS or tag in _HEADINGS:  # a heading in a table's cell is a line of the cell
            self.end_paragraph()
        elif tag in _LINE_ENDS:
            self.end_line()
        elif tag == "pre":
            self.end_paragraph()
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        """Close what the end tag closes."""
        if self.hidden:
            if self.hidden_open[tag]:
                self.close_hidden(tag)
            return
        if tag == "table" and self.tables:
            if self.tables == 1:
                self.end_row()
                self.end_label()
            self.tables -= 1
            self.end_paragraph()
        elif tag == "tr" and self.tables == 1:
            self.end_row()
        elif tag in _HEADINGS and not self.tables:
            self.close_heading()
        elif tag in _BLOCKS or tag in _HEADINGS:
            self.end_paragraph()
        elif tag in ("td", "th"):
            self.end_line()
        elif tag == "pre" and self.pre:
            self.end_paragraph()
            self.pre -= 1

    def close_hidden(self, tag: str) -> None:
        """Close the innermost open hidden `tag`, and the end tags left out inside it with it."""
        while self.hidden:
            closed = self.hidden.pop()
            self.hidden_open[closed] -= 1
            if closed == tag:
                return

    def handle_data(self, data: str) -> None:
        """Add text to the current line, noting the source line where the line's text starts."""
        if self.hidden:
            return
        first = self.getpos()[0]
        # Each source line of the text is a line of its own (outside <pre> a line break is a space, and
        # the segmenter reads on across it), so that a sentence is cited at the line it starts on.
        for number, piece in enumerate(data.split("\n")):
            if number:
                self.end_line()
            self._add(piece, first + number)

    def open_row(self) -> None:
        self.end_row()
        self.end_text()
        self.cells = []

    def open_cell(self) -> None:
        self.end_line()
        if self.cells is not None:
            self.cells.append(len(self.lines))

    def end_row(self) -> None:
        """End the open row of a table: a row of two cells or more is a label and its answer, as in a
        Word table (the first cell a heading below every other, the others text under it); a row of one
        cell is text, and ends the label above it."""
        if self.cells is None:
            return
        self.end_line()
        cells, self.cells = self.cells, None
        row, self.lines = self.lines, []  # the row's own lines: the text before it ended with its start
        if len(cells) >= 3 and numbers_the_row(" ".join(line.text for line in row[cells[0] : cells[1]])):
            width = cells[1] - cells[0]  # "1 | Question | Answer": the number is not read
            row = row[: cells[0]] + row[cells[1] :]
            cells = [index - width for index in cells[1:]]
        label = row[cells[0] : cells[1]] if len(cells) >= 2 else []
        if label:
            self.lines = row[: cells[0]]  # text outside the cells, which a browser shows before the table
            self.end_text()
            self.blocks.append(Block(BlockKind.HEADING, tuple(label), LABEL_LEVEL))
            self.label_open = True
            row = row[cells[1] :]
        else:
            self.end_label()
        self.lines = row
        self.end_paragraph()
        self.end_text()

    def end_label(self) -> None:
        """Close the open table label, so that what follows is not read as its answer."""
        if self.label_open:
            self.end_text()
            self.blocks.append(Block(BlockKind.HEADING, (), LABEL_LEVEL))
            self.label_open = False

    def _add(self, piece: str, line: int) -> None:
        if self.start is None and piece.strip():
            self.start = line
        self.fragments.append(piece)

    def parse_html_declaration(self, i: int) -> int:
        """Read "<![...]>" (Word's conditional comments, CDATA) as browsers do, as a comment up to the next
        ">": the standard library's parser raises AssertionError on the ones it does not know."""
        if self.rawdata.startswith("<![", i):
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1
        return super().parse_html_declaration(i)

    def parse_comment(self, i: int, report: bool = True) -> int:
        """A comment with no end after it is incomplete at once. html.parser (before Python 3.13.4 and
        3.12.11) looks for the end from every such opening, in quadratic time."""
        if self.rawdata is not self.scanned:
            self.scanned = self.rawdata
            ends = (match.start() for match in _COMMENT_CLOSE.finditer(self.rawdata))
            self.last_comment_close = max(ends, default=-1)
        if self.last_comment_close < i + 4:
            return -1
        return super().parse_comment(i, report)

    def close(self) -> None:
        """Finish the page: whatever is open ends with it."""
        super().close()
        self.close_heading()
        self.end_row()
        self.end_label()
        self.end_text()


def _is_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """An element the page hides: the `hidden` attribute, or an inline style of display: none."""
    return any(
        name == "hidden" or (name == "style" and value is not None and _HIDDEN_STYLE.search(value))
        for name, value in attrs
    )


def _without_open_markup(text: str) -> str:
    """The page up to markup opened after its last ">", which can never close: browsers show nothing of
    it, and html.parser would try to parse a tag from every such "<", in quadratic time."""
    opening = _MARKUP_OPENING.search(text, text.rfind(">") + 1)
    return text if opening is None else text[: opening.start()]


def read(path: str, data: bytes) -> Document:
    """Read an HTML page: headings as sections, visible text as lines cited by their source line."""
    text, warnings = _decode(data, path)
    # The parser counts lines at "\n" only; editors (and split_lines) also break at "\r".
    reader = _Reader()
    try:
        reader.feed(_without_open_markup(text.replace("\r\n", "\n").replace("\r", "\n")))
        reader.close()
    except AssertionError as error:  # how html.parser reports markup it cannot go past
        raise InputError(f"malformed HTML: {error}", path=path, line=reader.getpos()[0]) from None
    return Document(path, "html", tuple(reader.blocks), warnings=warnings, paragraphs=Paragraphs.WHOLE)
