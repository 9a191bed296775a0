"""Word (.docx) reports and drafts, read with python-docx: the body in order, paragraphs and tables.

- A paragraph styled "Title" or "Heading N" (or a style based on one) is a HEADING block of level N
  (Title is 1). Other paragraphs are lines of TEXT blocks, followed by a blank line, so that the segmenter
  sees where a paragraph ends. A paragraph is cited as ``Location(paragraph=K)``: K counts the body's
  paragraphs from 1, empty ones and headings included, tables' paragraphs not. A line break inside a
  paragraph starts a new line at the same location.
- A table row of two or more cells is a label and its answer, as in the ILO's compilations: the first
  cell (the second, in a row of three or more whose first cell only numbers it: "1 | Question | Answer")
  is a HEADING block of level 10 (the layout makes it the item's section when it names one, and keeps
  it under the document's own headings; it reads a table whose labels are the ILO form's as the
  compilation it is), the other cells TEXT under it. A row of one cell is TEXT on its
  own: it ends the label before it. Rows are cited as ``Location(table=T, row=R)``, T counting the body's
  tables from 1. A merged cell, which python-docx repeats in every grid cell it spans, is read once.
  A table nested in a cell is read as lines of that cell.
- Text is read from the XML as Word shows it: tracked insertions count and deletions do not; a content
  control still showing its placeholder ("Click or tap here to enter text.") is empty. A text box (a
  sidebar, a "Box 2: ..." of figures) is read after the paragraph it is anchored in, cited at it. Headers
  and footers (page furniture), footnotes and comments are not read.
- A file that is not a zip, has no main document, has a damaged part or inflates suspiciously (a zip
  bomb: checked before anything is parsed) is an InputError in one line.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import ParagraphStyle

from checker import limits
from checker.errors import InputError, one_line
from checker.model import LABEL_LEVEL, Block, BlockKind, Document, Location, Paragraphs, SourceLine
from checker.readers import refuse_legacy_word
from checker.readers.tables import numbers_the_row

__all__ = ["read"]


# The namespaces of a .docx saved as "Strict Open XML Document", which python-docx cannot read.
_STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/"
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_MAX_STYLE_DEPTH = 10  # styles based on styles: a loop in a damaged file must end

_SDT, _SDT_CONTENT, _SDT_PR = qn("w:sdt"), qn("w:sdtContent"), qn("w:sdtPr")
_PLACEHOLDER, _CUSTOM_XML, _TR, _TC = qn("w:showingPlcHdr"), qn("w:customXml"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR, _NO_BREAK_HYPHEN = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_TEXT_BOX = qn("w:txbxContent")
_RUN, _RUN_PROPERTIES, _VANISH, _VAL = qn("w:r"), qn("w:rPr"), qn("w:vanish"), qn("w:val")
_OFF = frozenset(("0", "false", "off"))
# Word stores what older versions cannot show twice: as it is (mc:Choice), and as they show it instead
# (mc:Fallback, where a text box is stored again as VML). Only the first is read.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text Word does not show as the paragraph's: deleted text, moved-away text, the fallback
# of what it shows otherwise, run and paragraph properties.
_HIDDEN = frozenset((_FALLBACK, *(qn(tag) for tag in ("w:del", "w:moveFrom", "w:rPr", "w:pPr"))))

Content = CT_P | CT_Tbl


def _check_archive(path: str, data: bytes) -> None:
    """InputError unless `data` is a zip with a Word main document that inflates to a sane size."""
    refuse_legacy_word(path, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    # zipfile raises BadZipFile, but also NotImplementedError ("zip file version 12.0"), ValueError or
    # EOFError on a damaged directory: each means the same thing here.
    except Exception as error:
        raise InputError(
            f"not a Word document (.docx): not a zip archive ({one_line(error)})", path=path
        ) from None
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or not any(
        name.startswith("word/document") and name.endswith(".xml") for name in names
    ):
        raise InputError("not a Word document (.docx): the zip has no word/document.xml", path=path)
    # The sizes are those the archive declares; zipfile stops inflating a member at its declared size.
    total = sum(member.file_size for member in members)
    if total > limits.MAX_INFLATED_BYTES:
        raise InputError(
            f"refused: the archive would inflate to {total // limits.MEGABYTE} MB (a zip bomb?)", path=path
        )
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > limits.LARGE_MEMBER_BYTES and ratio > limits.MAX_INFLATE_RATIO:
            raise InputError(f"refused: {member.filename} inflates {ratio} to 1 (a zip bomb?)", path=path)


def _is_placeholder(sdt: BaseOxmlElement) -> bool:
    """A content control still showing its placeholder text, which is the template's, not an answer."""
    properties = sdt.find(_SDT_PR)
    return properties is not None and properties.find(_PLACEHOLDER) is not None


def _is_hidden_run(run: BaseOxmlElement) -> bool:
    """A run formatted as hidden text (Font > Hidden), which Word does not show nor print."""
    properties = run.find(_RUN_PROPERTIES)
    vanish = properties.find(_VANISH) if properties is not None else None
    return vanish is not None and vanish.get(_VAL, "true").lower() not in _OFF


def _text(element: BaseOxmlElement, parts: list[str], boxes: list[BaseOxmlElement]) -> None:
    """The text Word shows for `element`'s content, line breaks as "\\n"; the text boxes anchored in it go
    to `boxes`, their text not among the paragraph's."""
    for child in element:
        tag = child.tag
        if tag == _TEXT_BOX:
            boxes.append(child)
        elif tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif (tag == _SDT and _is_placeholder(child)) or (tag == _RUN and _is_hidden_run(child)):
            continue
        elif tag not in _HIDDEN:
            _text(child, parts, boxes)


def _paragraph_lines(paragraph: CT_P) -> tuple[list[str], list[str]]:
    """A paragraph's lines (its text cut at line breaks), and the lines of the text boxes anchored in it."""
    parts: list[str] = []
    boxes: list[BaseOxmlElement] = []
    _text(paragraph, parts, boxes)
    return "".join(parts).split("\n"), [line for box in boxes for line in _cell_lines(box)]


def _content(container: BaseOxmlElement) -> Iterator[Content]:
    """The paragraphs and tables of a body or cell, in order, content controls and custom XML opened."""
    for child in container:
        if isinstance(child, CT_P | CT_Tbl):
            yield child
        elif child.tag == _SDT and not _is_placeholder(child):
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _content(content)
        elif child.tag == _CUSTOM_XML:
            yield from _content(child)


def _cell_lines(cell: BaseOxmlElement) -> list[str]:
    """A cell's (or a text box's) content as lines: each paragraph's lines, then a blank, then its text
    boxes'; nested tables cell by cell."""
    lines: list[str] = []
    for element in _content(cell):
        if isinstance(element, CT_P):
            paragraph, boxed = _paragraph_lines(element)
            lines += [*paragraph, ""] if any(line.strip() for line in paragraph) else []
            lines += boxed
        else:
            for row in element.iterchildren(_TR):
                for nested in row.iterchildren(_TC):
                    lines += _cell_lines(nested)
    return lines


def _heading_levels(document: WordDocument) -> dict[str, int]:
    """Paragraph style ids that make a heading, with its level: Title, Heading N, or a style based on one."""
    levels: dict[str, int] = {}
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH or not isinstance(style, ParagraphStyle):
            continue
        current: ParagraphStyle | None = style
        for _ in range(_MAX_STYLE_DEPTH):
            if current is None:
                break
            name = current.name or ""
            match = _HEADING_STYLE.match(name)
            if match or name.lower() == "title":
                levels[style.style_id] = int(match.group(1)) if match else 1
                break
            current = current.base_style
    return levels


class _Blocks:
    """Collects the document's blocks in order: headings, labels, and runs of text between them."""

    def __init__(self, levels: dict[str, int]) -> None:
        self.levels = levels
        self.blocks: list[Block] = []
        self.text: list[SourceLine] = []
        self.paragraphs = 0
        self.tables = 0
        self.label_open = False

    def end_text(self) -> None:
        if self.text:
            self.blocks.append(Block(BlockKind.TEXT, tuple(self.text)))
            self.text = []

    def heading(self, level: int, lines: tuple[SourceLine, ...]) -> None:
        self.end_text()
        self.blocks.append(Block(BlockKind.HEADING, lines, level=level))

    def end_label(self) -> None:
        """Close the open table label, so that what follows is not read as its answer. A heading without
        words names no item: the layout goes back to the headings above it."""
        if self.label_open:
            self.heading(LABEL_LEVEL, ())
            self.label_open = False

    def paragraph(self, element: CT_P) -> None:
        self.paragraphs += 1
        location = Location(paragraph=self.paragraphs)
        lines, boxed = _paragraph_lines(element)
        level = self.levels.get(element.style or "")
        if level is not None:
            self.end_label()
            words = [line.strip() for line in lines if line.strip()] or [""]
            self.heading(level, tuple(SourceLine(line, location) for line in words))
        else:
            self.text += [SourceLine(line, location) for line in lines]
            if any(line.strip() for line in lines):
                self.text.append(SourceLine("", location))  # the paragraph ends here
        self.text += [SourceLine(line, location) for line in boxed]

    def table(self, element: CT_Tbl) -> None:
        self.tables += 1
        self.end_text()
        seen: set[CT_Tc] = set()  # cells read in a row above: a cell merged down is read once
        for number, cells in enumerate(_row_cells(element.tr_lst), start=1):
            location = Location(table=self.tables, row=number)
            if len(cells) >= 2:
                self._labelled_row(cells, seen, location)
            elif cells:
                self.end_label()
                if cells[0] not in seen:
                    self.text += [SourceLine(line, location) for line in _cell_lines(cells[0])]
                    self.end_text()
            seen.update(cells)
        self.end_label()

    def _labelled_row(self, cells: list[CT_Tc], seen: set[CT_Tc], location: Location) -> None:
        if len(cells) >= 3 and numbers_the_row(" ".join(_cell_lines(cells[0]))):
            cells = cells[1:]  # "1 | Question | Answer": the question is the label, not the answer
        label, *answers = cells
        label_lines = [line.strip() for line in _cell_lines(label) if line.strip()]
        if label not in seen:  # a label that spans rows heads all of them, opened once
            self.heading(LABEL_LEVEL, tuple(SourceLine(line, location) for line in label_lines))
            self.label_open = True
        previous = "\n".join(label_lines)
        for cell in answers:
            if cell in seen:
                continue
            lines = _cell_lines(cell)
            text = "\n".join(line.strip() for line in lines if line.strip())
            if text and text != previous:
                self.text += [SourceLine(line, location) for line in lines]
                previous = text
        self.end_text()


def _row_cells(rows: Iterable[CT_Row]) -> Iterator[list[CT_Tc]]:
    """Each row's cells in order, each once: a cell spanning columns is one cell, and a cell merged down
    from the row above (``w:vMerge``) is that row's cell. python-docx's ``Row.cells`` finds the cell
    above a merged one by walking up from it, each time: quadratic in a long merged column, and deeper
    than the stack allows past a thousand rows. Here each row looks only at the row above; a merged
    cell with nothing above it is read as a cell of its own."""
    above: dict[int, CT_Tc] = {}  # grid column where a cell of the row above starts -> its cell
    for row in rows:
        column = row.grid_before
        starts: dict[int, CT_Tc] = {}
        for cell in row.tc_lst:
            merged = cell.vMerge == "continue"
            starts[column] = above.get(column, cell) if merged else cell
            column += cell.grid_span
        above = starts
        yield list(dict.fromkeys(starts.values()))


def _reason(error: Exception) -> str:
    """Why the package could not be read, without libxml2's advice to programmers on how to read XML
    nested too deeply (it is refused on purpose)."""
    return one_line(error).replace(", use XML_PARSE_HUGE option", "")


def _is_strict(data: bytes) -> bool:
    """Whether the package is Strict Open XML: its relationships are in the ISO namespaces."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _STRICT_NAMESPACE in archive.read("_rels/.rels")
    except Exception:  # no relationships to read: not the reason it failed
        return False


def _open(path: str, data: bytes) -> WordDocument:
    _check_archive(path, data)
    try:
        return docx.Document(io.BytesIO(data))
    # python-docx and lxml raise what they meet in a damaged package (KeyError for a missing part,
    # XMLSyntaxError, ValueError for another Office type, zlib.error...): to the user all mean the same.
    except Exception as error:
        if _is_strict(data):
            raise InputError(
                "a Word document saved as Strict Open XML, which cannot be read",
                path=path,
                hint="save it in Word as 'Word Document (*.docx)'",
            ) from None
        raise InputError(f"damaged Word document: {_reason(error)}", path=path) from None


def read(path: str, data: bytes) -> Document:
    """Read a Word report or draft: headings, paragraphs and label/answer tables, in body order."""
    document = _open(path, data)
    try:
        blocks = _Blocks(_heading_levels(document))
        for element in _content(document.element.body):
            if isinstance(element, CT_P):
                blocks.paragraph(element)
            else:
                blocks.table(element)
    except Exception as error:  # a part that parsed but is not shaped as WordprocessingML says
        raise InputError(f"damaged Word document: {_reason(error)}", path=path) from None
    blocks.end_text()
    return Document(path, "docx", tuple(blocks.blocks), paragraphs=Paragraphs.WHOLE)
