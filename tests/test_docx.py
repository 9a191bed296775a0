"""The Word reader: the body in order, headings with levels, paragraphs and table rows as citations,
label/answer tables as an ILO compilation's fields, and every unreadable file an InputError in one line."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import limits
from checker.engine import audit
from checker.errors import InputError
from checker.layout import lay_out
from checker.model import LABEL_LEVEL, Block, BlockKind, Document, Location, RulePack, Status
from checker.readers import EXTENSIONS, read_file
from checker.readers import docx as docx_reader
from checker.schemas import schema
from tests.ci_support import run_main
from tests.conftest import FIXTURES, examples, no_hang

WordDocument = docx.document.Document


def _save(document: WordDocument) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _read(document: WordDocument) -> Document:
    return docx_reader.read("report.docx", _save(document))


def _view(block: Block) -> tuple[str, int, list[tuple[str, str]]]:
    """A block as (kind, level, [(location, text)...]) with locations described."""
    return block.kind.value, block.level, [(line.location.describe(), line.text) for line in block.lines]


def _report() -> WordDocument:
    """A short report: title, headings, paragraphs (one empty, one with a line break), a table between."""
    document = docx.Document()
    document.add_heading("Report of the Government of Estavia", level=0)  # paragraph 1
    document.add_heading("Protection of victims", level=1)  # 2
    document.add_paragraph("Two shelters were opened in 2023.")  # 3
    document.add_paragraph("")  # 4
    paragraph = document.add_paragraph("Victims received legal aid.")  # 5
    paragraph.add_run().add_break()
    paragraph.add_run("Source: Ministry of Justice.")
    document.add_heading("Compensation", level=2)  # 6
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = (
        "Ratification status",
        "The Protocol of 2014 has not been ratified.",
    )
    table.cell(1, 0).text, table.cell(1, 1).text = (
        "Appropriate accommodation",
        "Two State shelters with 60 beds.",
    )
    document.add_paragraph("Courts awarded compensation to 19 victims.")  # 7
    return document


# ── paragraphs and headings ──────────────────────────────────────────────────────────────────────


def test_docx_is_registered_by_its_ending() -> None:
    """A file ending in .docx is read as Word."""
    assert EXTENSIONS[".docx"] == "docx"


def test_the_body_reads_in_order_with_paragraph_and_table_citations() -> None:
    """Headings, paragraphs and table rows come in body order, each cited by paragraph or table and row."""
    document = _read(_report())
    assert (document.source, document.format, document.warnings) == ("report.docx", "docx", ())
    assert [_view(block) for block in document.blocks] == [
        ("heading", 1, [("¶ 1", "Report of the Government of Estavia")]),
        ("heading", 1, [("¶ 2", "Protection of victims")]),
        (
            "text",
            0,
            [
                ("¶ 3", "Two shelters were opened in 2023."),
                ("¶ 3", ""),
                ("¶ 4", ""),
                ("¶ 5", "Victims received legal aid."),
                ("¶ 5", "Source: Ministry of Justice."),
                ("¶ 5", ""),
            ],
        ),
        ("heading", 2, [("¶ 6", "Compensation")]),
        ("heading", LABEL_LEVEL, [("table 1 row 1", "Ratification status")]),
        (
            "text",
            0,
            [("table 1 row 1", "The Protocol of 2014 has not been ratified."), ("table 1 row 1", "")],
        ),
        ("heading", LABEL_LEVEL, [("table 1 row 2", "Appropriate accommodation")]),
        ("text", 0, [("table 1 row 2", "Two State shelters with 60 beds."), ("table 1 row 2", "")]),
        ("heading", LABEL_LEVEL, []),  # the table's end closes its last label
        ("text", 0, [("¶ 7", "Courts awarded compensation to 19 victims."), ("¶ 7", "")]),
    ]


def test_paragraph_locations_have_no_line() -> None:
    """A Word paragraph is cited by its number alone: no line, no page."""
    line = _read(_report()).blocks[2].lines[0]
    assert line.location == Location(paragraph=3)


@pytest.mark.parametrize(
    ("location", "described"),
    [(Location(paragraph=7), "¶ 7"), (Location(table=1, row=3), "table 1 row 3")],
)
def test_word_locations_read_well(location: Location, described: str) -> None:
    """A paragraph is described as ¶ K, a table row as table T row R."""
    assert location.describe() == described


@pytest.mark.parametrize(
    ("style", "level"), [("Title", 1), ("Heading 1", 1), ("Heading 3", 3), ("Heading 9", 9)]
)
def test_title_and_heading_styles_give_heading_levels(style: str, level: int) -> None:
    """Title is a level-1 heading; Heading N a heading of level N."""
    document = docx.Document()
    document.add_paragraph("Labour inspection", style=style)
    assert [_view(block) for block in _read(document).blocks] == [
        ("heading", level, [("¶ 1", "Labour inspection")])
    ]


def test_a_table_under_a_deep_heading_stays_under_it() -> None:
    """A compilation table under "Heading 9" is read as that heading's labels: a label is never taken
    for a heading of the document's own (Word's headings go down to 9)."""
    document = docx.Document()
    document.add_paragraph("Protection of victims", style="Heading 9")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "Appropriate accommodation"
    levels = [block.level for block in _read(document).blocks if block.kind is BlockKind.HEADING]
    assert levels == [9, LABEL_LEVEL, LABEL_LEVEL] and LABEL_LEVEL > 9


def test_a_style_based_on_a_heading_is_a_heading() -> None:
    """A custom paragraph style based on Heading 2 makes a level-2 heading."""
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    style = document.styles.add_style("Ministry Heading", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_paragraph("Labour inspection", style="Ministry Heading")
    document.add_paragraph("Body text.", style="List Bullet")
    assert [(block.kind, block.level) for block in _read(document).blocks] == [
        (BlockKind.HEADING, 2),
        (BlockKind.TEXT, 0),
    ]


def _paragraph_xml(body: str) -> object:
    return parse_xml(f"<w:p {nsdecls('w')}>{body}</w:p>")


def test_tracked_changes_read_as_word_shows_them() -> None:
    """Inserted text counts and deleted text does not; tabs and non-breaking hyphens are kept."""
    document = docx.Document()
    document.element.body.insert(
        0,
        _paragraph_xml(
            "<w:r><w:t xml:space='preserve'>Shelters were </w:t></w:r>"
            "<w:del w:id='1' w:author='A' w:date='2024-01-01T00:00:00Z'><w:r><w:delText>not </w:delText></w:r></w:del>"
            "<w:ins w:id='2' w:author='A' w:date='2024-01-01T00:00:00Z'><w:r><w:t>opened</w:t></w:r></w:ins>"
            "<w:r><w:tab/><w:t>in</w:t><w:noBreakHyphen/><w:t>2023.</w:t></w:r>"
        ),
    )
    assert _read(document).blocks[0].lines[0].text == "Shelters were opened\tin-2023."


def test_hidden_text_is_not_read() -> None:
    """Text formatted as hidden (Font > Hidden) is neither shown nor printed by Word: it is not read,
    whole paragraph or part of one; a run whose hidden mark is switched off is read."""
    document = docx.Document()
    document.element.body.insert(
        0,
        _paragraph_xml(
            "<w:r><w:t>No victim has received compensation.</w:t></w:r>"
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space='preserve'> The court ordered compensation.</w:t></w:r>"
            "<w:r><w:rPr><w:vanish w:val='0'/></w:rPr><w:t xml:space='preserve'> Appeals are pending.</w:t></w:r>"
        ),
    )
    document.element.body.insert(
        1, _paragraph_xml("<w:r><w:rPr><w:vanish w:val='true'/></w:rPr><w:t>Legal aid is free.</w:t></w:r>")
    )
    lines = [line.text for block in _read(document).blocks for line in block.lines if line.text]
    assert lines == ["No victim has received compensation. Appeals are pending."]


def test_a_content_control_showing_its_placeholder_is_empty() -> None:
    """A template's placeholder ("Click or tap here to enter text.") is not an answer; filled controls are read."""
    document = docx.Document()
    body = document.element.body
    sdt = "<w:sdt {ns}><w:sdtPr>{placeholder}</w:sdtPr><w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    body.insert(
        0, parse_xml(sdt.format(ns=nsdecls("w"), placeholder="<w:showingPlcHdr/>", text="Click here."))
    )
    body.insert(1, parse_xml(sdt.format(ns=nsdecls("w"), placeholder="", text="Two shelters were opened.")))
    lines = [line.text for block in _read(document).blocks for line in block.lines if line.text]
    assert lines == ["Two shelters were opened."]


_TEXT_BOX_NAMESPACES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box(text: str) -> str:
    """A run holding a text box as Word stores it: a drawing, and the same box again in VML for old Word."""
    content = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing><wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def _boxed_paragraph(body: str) -> object:
    return parse_xml(f"<w:p {nsdecls('w')} {_TEXT_BOX_NAMESPACES}>{body}</w:p>")


def test_a_text_box_is_read_once_after_the_paragraph_it_is_anchored_in() -> None:
    """A sidebar in a text box is part of the report: read after its anchor and cited at it, once although
    Word stores it twice; a box that only old Word's VML holds is read too."""
    document = docx.Document()
    document.add_paragraph("Victims were identified.")  # paragraph 1
    body = document.element.body
    body.insert(1, _boxed_paragraph("<w:r><w:t>See the box.</w:t></w:r>" + _text_box("Box 1: 41 shelters.")))
    vml = "<w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Box 2: legal aid.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    body.insert(2, _boxed_paragraph(vml))
    (block,) = _read(document).blocks
    assert [(line.location.describe(), line.text) for line in block.lines if line.text] == [
        ("¶ 1", "Victims were identified."),
        ("¶ 2", "See the box."),
        ("¶ 2", "Box 1: 41 shelters."),
        ("¶ 3", "Box 2: legal aid."),
    ]


def test_a_text_box_in_a_table_cell_is_read_with_the_cell() -> None:
    """A text box anchored in an answer cell is part of that answer."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Appropriate accommodation"
    cell = table.cell(0, 1)._tc
    cell.remove(cell.p_lst[0])
    cell.append(_boxed_paragraph("<w:r><w:t>Two shelters.</w:t></w:r>" + _text_box("Sixty beds.")))
    label, answer, _ = _read(document).blocks  # the label, its answer, the label's end
    assert [line.text for line in answer.lines if line.text] == ["Two shelters.", "Sixty beds."]
    assert {line.location.describe() for line in answer.lines} == {label.lines[0].location.describe()}


# ── tables ───────────────────────────────────────────────────────────────────────────────────────


def _one_row(texts: list[str]) -> WordDocument:
    """A document of one table of one row, its cells holding `texts`."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(texts))
    for cell, text in zip(table.rows[0].cells, texts, strict=True):
        cell.text = text
    return document


@pytest.mark.parametrize("number", ["1", "2.", "a)", "iv", "Q3", "1.2", ""])
def test_a_row_numbered_in_its_first_cell_is_labelled_by_its_second(number: str) -> None:
    """A row "1 | Question | Answer": the number is not the label, and the question is not the answer (it
    was read as one, its own words taken for evidence that the measure was taken)."""
    document = _one_row([number, "Appropriate accommodation for victims", "No."])
    assert [_view(block) for block in _read(document).blocks][:2] == [
        ("heading", LABEL_LEVEL, [("table 1 row 1", "Appropriate accommodation for victims")]),
        ("text", 0, [("table 1 row 1", "No."), ("table 1 row 1", "")]),
    ]


def test_a_row_whose_first_cell_is_words_keeps_it_as_its_label() -> None:
    """A row "Measure | 2017 | 2018": a first cell of words is the label, the others its answers."""
    document = _one_row(["Appropriate accommodation", "Two shelters.", "Three shelters."])
    heading = _read(document).blocks[0]
    assert _view(heading) == ("heading", LABEL_LEVEL, [("table 1 row 1", "Appropriate accommodation")])


def test_merged_cells_are_read_once_and_one_cell_rows_are_text() -> None:
    """A cell merged across columns is a one-cell row (text that closes the label before it); a label merged
    down two rows heads both; nested paragraphs are separate lines."""
    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "PART II. PROTECTION"
    label = table.cell(1, 0).merge(table.cell(2, 0))
    label.text = "Appropriate accommodation"
    table.cell(1, 1).text = "Two shelters were opened."
    table.cell(2, 1).text = "They have 60 beds."
    table.cell(2, 1).add_paragraph("41 victims stayed there.")
    table.cell(3, 0).text, table.cell(3, 1).text = "Free legal assistance", "Free legal assistance"
    assert [_view(block) for block in _read(document).blocks] == [
        ("text", 0, [("table 1 row 1", "PART II. PROTECTION"), ("table 1 row 1", "")]),
        ("heading", LABEL_LEVEL, [("table 1 row 2", "Appropriate accommodation")]),
        ("text", 0, [("table 1 row 2", "Two shelters were opened."), ("table 1 row 2", "")]),
        (
            "text",
            0,
            [
                ("table 1 row 3", "They have 60 beds."),
                ("table 1 row 3", ""),
                ("table 1 row 3", "41 victims stayed there."),
                ("table 1 row 3", ""),
            ],
        ),
        (
            "heading",
            LABEL_LEVEL,
            [("table 1 row 4", "Free legal assistance")],
        ),  # its answer repeats it: not twice
        ("heading", LABEL_LEVEL, []),
    ]


def test_tables_are_numbered_in_body_order_and_nested_tables_are_lines() -> None:
    """The second table of the body is table 2; a table inside a cell is read as lines of that cell."""
    document = docx.Document()
    document.add_table(rows=1, cols=2).cell(0, 0).text = "First table"
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Appropriate accommodation"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Shelters: 2", "Beds: 60"
    blocks = [_view(block) for block in _read(document).blocks]
    assert ("heading", LABEL_LEVEL, [("table 2 row 1", "Appropriate accommodation")]) in blocks
    assert (
        "text",
        0,
        [
            ("table 2 row 1", "Shelters: 2"),
            ("table 2 row 1", ""),
            ("table 2 row 1", "Beds: 60"),
            ("table 2 row 1", ""),
        ],
    ) in blocks


def _table_document(rows: str) -> bytes:
    """A Word file whose body is one table of `rows` (WordprocessingML ``w:tr`` elements)."""
    body = parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")
    document = docx.Document()
    document.element.body.insert(0, body)
    return _save(document)


def _cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_a_label_merged_down_thousands_of_rows_heads_them_all_in_linear_time() -> None:
    """A label merged down 3,000 rows is read once and heads every row's answer, at once (python-docx's
    Row.cells walks up the merged column from every row: minutes, then a RecursionError)."""
    restart = _cell("Appropriate accommodation", '<w:vMerge w:val="restart"/>')
    first = f"<w:tr>{restart}{_cell('Row 1.')}</w:tr>"
    rows = "".join(f"<w:tr>{_cell('', '<w:vMerge/>')}{_cell(f'Row {n}.')}</w:tr>" for n in range(2, 3001))
    with no_hang(20):
        document = docx_reader.read("report.docx", _table_document(first + rows))
    headings = [block for block in document.blocks if block.kind is BlockKind.HEADING and block.lines]
    assert [_view(block) for block in headings] == [
        ("heading", LABEL_LEVEL, [("table 1 row 1", "Appropriate accommodation")])
    ]
    answers = [line for block in document.blocks if block.kind is BlockKind.TEXT for line in block.lines]
    assert [line.text for line in answers if line.text] == [f"Row {n}." for n in range(1, 3001)]


def test_a_merged_cell_with_nothing_above_is_a_cell_of_its_own() -> None:
    """A cell marked as merged down from a row above that has no cell there is read as it stands, not
    refused as damaged."""
    rows = f"<w:tr>{_cell('Appropriate accommodation', '<w:vMerge/>')}{_cell('Two shelters.')}</w:tr>"
    assert [_view(block) for block in docx_reader.read("report.docx", _table_document(rows)).blocks][:2] == [
        ("heading", LABEL_LEVEL, [("table 1 row 1", "Appropriate accommodation")]),
        ("text", 0, [("table 1 row 1", "Two shelters."), ("table 1 row 1", "")]),
    ]


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(_cell("Label", '<w:gridSpan w:val="2000000000"/>') + _cell("Answer."), id="huge span"),
        pytest.param("".join(_cell(f"Cell {n}.") for n in range(30_000)), id="30,000 cells"),
    ],
)
def test_wide_rows_are_read_in_linear_time(row: str) -> None:
    """A cell spanning two billion columns, or a row of 30,000 cells, is read at once (python-docx repeats
    a spanning cell once per column; telling 30,000 cells apart pairwise took ten seconds)."""
    with no_hang(20):
        document = docx_reader.read("report.docx", _table_document(f"<w:tr>{row}</w:tr>"))
    assert document.blocks[0].lines[0].text in ("Label", "Cell 0.")


def test_text_after_a_table_is_not_its_last_answer(pack: RulePack) -> None:
    """A paragraph after a label/answer table belongs to the heading above the table, not to the last label."""
    layout = lay_out(_read(_report()), pack)
    owners = {
        " ".join(piece.text for piece in stretch.pieces).strip(): stretch.section.items
        for stretch in layout.stretches
    }
    assert owners["Courts awarded compensation to 19 victims."] == ()
    assert owners["The Protocol of 2014 has not been ratified."] == ("ratification.status",)


def test_a_compilation_table_is_audited_end_to_end(pack: RulePack) -> None:
    """A row "Ratification status" / "...has not been ratified." makes ratification.status negative, cited at
    its table and row; a shelter row makes accommodation reported."""
    result = audit(_read(_report()), pack)
    findings = {finding.item_id: finding for finding in result.findings}
    status = findings["ratification.status"]
    assert status.status is Status.NEGATIVE
    assert status.evidence[0].start == Location(table=1, row=1)
    assert status.evidence[0].quote == "The Protocol of 2014 has not been ratified."
    accommodation = findings["protection.accommodation"]
    assert accommodation.status is Status.REPORTED
    assert any(item.start == Location(table=1, row=2) for item in accommodation.evidence)


# ── unreadable files ─────────────────────────────────────────────────────────────────────────────


def _zip(members: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return stream.getvalue()


def _with_member(name: str, data: bytes) -> bytes:
    """The short report's package with one member replaced."""
    source = zipfile.ZipFile(io.BytesIO(_save(_report())))
    return _zip({member: data if member == name else source.read(member) for member in source.namelist()})


def _strict(package: bytes) -> bytes:
    """The package as Word saves it as "Strict Open XML Document": the same parts in the ISO namespaces."""
    source = zipfile.ZipFile(io.BytesIO(package))
    transitional = b"http://schemas.openxmlformats.org/"
    strict = {
        transitional + b"wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        transitional
        + b"officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    }
    members = {}
    for name in source.namelist():
        data = source.read(name)
        for old, new in strict.items():
            data = data.replace(old, new)
        members[name] = data
    return _zip(members)


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b"Two shelters were opened.", "not a Word document (.docx): not a zip archive", id="text"
        ),
        pytest.param(b"", "not a Word document (.docx): not a zip archive", id="empty"),
        pytest.param(
            _zip({"notes.txt": b"Shelters."}),
            "not a Word document (.docx): the zip has no word/document.xml",
            id="no document",
        ),
        pytest.param(
            _zip({"[Content_Types].xml": CONTENT_TYPES, "word/styles.xml": b"<x/>"}),
            "not a Word document (.docx): the zip has no word/document.xml",
            id="no document.xml",
        ),
        pytest.param(
            _with_member("word/document.xml", b"<w:document><w:body><w:p>"),
            "damaged Word document: ",
            id="corrupt part",
        ),
        pytest.param(
            _save(_report())[:2000], "not a Word document (.docx): not a zip archive", id="truncated"
        ),
        pytest.param(
            _with_member(
                "word/document.xml",
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + b"<w:customXml>" * 5000
                + b"</w:customXml>" * 5000
                + b"</w:body></w:document>",
            ),
            "damaged Word document: Excessive depth in document: 256, line 1",
            id="XML nested too deeply",
        ),
        pytest.param(
            _strict(_save(_report())),
            "a Word document saved as Strict Open XML, which cannot be read",
            id="Strict Open XML",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "a legacy Word .doc (or a password-protected Word file), which cannot be read",
            id="legacy .doc",
        ),
    ],
)
def test_unreadable_word_files_are_input_errors_in_one_line(data: bytes, message: str) -> None:
    """Not a zip, no main document, a damaged part or a zip bomb is an InputError naming the file, one line."""
    with pytest.raises(InputError) as raised:
        docx_reader.read("report.docx", data)
    assert raised.value.path == "report.docx"
    assert raised.value.message.startswith(message)
    assert "\n" not in str(raised.value)


def test_an_archive_too_large_in_total_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive whose members add up to more than the limit is refused before anything is inflated."""
    monkeypatch.setattr(limits, "MAX_INFLATED_BYTES", 10_000)
    with pytest.raises(InputError) as raised:
        docx_reader.read("report.docx", _save(_report()))
    assert raised.value.message.startswith("refused: the archive would inflate to")


def _bomb(megabytes: int) -> bytes:
    """A small zip whose word/document.xml inflates to `megabytes` of zeros, written a megabyte at a time."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(bytes(1024 * 1024))
    return stream.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    """A small archive whose member inflates a thousand times over is refused, from the sizes it declares."""
    bomb = _bomb(150)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(InputError) as raised:
        docx_reader.read("report.docx", bomb)
    assert str(raised.value).startswith("report.docx: refused: word/document.xml inflates ")
    assert str(raised.value).endswith(" to 1 (a zip bomb?)")


REPORT = _save(_report())


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(REPORT) - 1), st.integers(0, 255)), min_size=1, max_size=6))
def test_a_damaged_word_file_gives_a_document_or_an_input_error(changes: list[tuple[int, int]]) -> None:
    """Whatever bytes of a .docx are damaged, the reader gives a Document or an InputError, never a traceback."""
    data = bytearray(REPORT)
    for offset, value in changes:
        data[offset] = value
    try:
        docx_reader.read("report.docx", bytes(data))
    except InputError as error:
        assert error.path == "report.docx" and "\n" not in str(error)


# ── the bundled example and the command line ─────────────────────────────────────────────────────

EXAMPLE = FIXTURES / "examples" / "report.docx"


def test_the_example_report_is_audited(pack: RulePack) -> None:
    """The bundled Word example: its compilation table gives the ratification status and the shelters."""
    assert EXAMPLE.stat().st_size < 50_000
    result = audit(read_file(str(EXAMPLE)), pack)
    findings = {finding.item_id: finding for finding in result.findings}
    assert findings["ratification.status"].status is Status.NEGATIVE
    accommodation = findings["protection.accommodation"]
    assert accommodation.status is Status.REPORTED
    assert (
        accommodation.evidence[0].quote == "Two State shelters with 60 beds accommodated 41 victims in 2023."
    )
    assert accommodation.evidence[0].start.describe() == "table 1 row 3"


def test_cli_audits_word_with_paragraph_and_table_citations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`ilo-check audit FILE.docx --format json` exits 0; evidence names a paragraph or a table and row, and
    its line is null, which the result schema allows."""
    path = tmp_path / "report.docx"
    path.write_bytes(_save(_report()))
    code, out, err = run_main(capsys, "audit", str(path), "--format", "json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    jsonschema.validate(result, schema("result"))
    (report,) = result["reports"]
    assert report["format"] == "docx"
    evidence = {item["id"]: item["evidence"] for item in report["items"]}
    assert evidence["ratification.status"][0] | {"reason": ""} == {
        "line": None,
        "table": 1,
        "row": 1,
        "text": "The Protocol of 2014 has not been ratified.",
        "year": None,
        "section": "Ratification status",
        "status": "negative",
        "reason": "",
        "context": {"before": None, "after": None},  # a table's row is a section of its own
    }
    every = [item for items in evidence.values() for item in items]
    assert all(
        item["line"] is None and ("paragraph" in item or {"table", "row"} <= item.keys()) for item in every
    )
    assert any("paragraph" in item for item in every)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"Not a Word file.", "not a Word document (.docx): not a zip archive", id="not a zip"),
        pytest.param(
            _zip({"notes.txt": b"x"}),
            "not a Word document (.docx): the zip has no word/document.xml",
            id="no document",
        ),
    ],
)
def test_cli_bad_word_file_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, message: str
) -> None:
    """A Word file that cannot be read exits 2 with exactly one line on stderr, naming the file."""
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    code, out, err = run_main(capsys, "audit", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"ilo-check: error: {path}: {message}") and err.count("\n") == 1
