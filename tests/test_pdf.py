"""The PDF reader: lines cited by page and line, page furniture blanked, hyphenation kept for the
segmenter, columns in reading order, and every unreadable file an InputError in one line."""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from checker import limits
from checker.engine import audit
from checker.errors import InputError
from checker.layout import lay_out
from checker.model import Document, Location, RulePack, Status
from checker.readers import EXTENSIONS, pdf, read_file
from checker.schemas import schema
from checker.segment import segment
from tests.ci_support import run_main
from tests.conftest import FIXTURES, ROOT, examples, no_hang

HEADER = "MINISTRY OF LABOUR AND SOCIAL PROTECTION"
FOOTER = "Report on forced labour, 2024"


class _Report(FPDF):
    """A PDF whose pages may carry a running header and a footer with the page number."""

    def __init__(self, header: str | None, footer: str | None) -> None:
        super().__init__()
        self.running_header, self.running_footer = header, footer

    def header(self) -> None:
        if self.running_header:
            self.set_font("Helvetica", size=9)
            self.cell(0, 6, self.running_header, new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        if self.running_footer:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 6, f"{self.running_footer}    {self.page_no()}")


def make_pdf(pages: Sequence[Sequence[str]], header: str | None = None, footer: str | None = None) -> bytes:
    """A PDF with one page per entry of `pages`, each line of it drawn as one line of text; an empty
    page has only a drawn rectangle, as a scanned page has no text."""
    document = _Report(header, footer)
    document.set_auto_page_break(auto=False)
    for lines in pages:
        document.add_page()
        document.set_font("Helvetica", size=11)
        if not lines:
            document.rect(20, 40, 120, 80, style="F")
        for line in lines:
            document.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())


def _body(document: Document) -> list[tuple[int | None, int | None, str]]:
    """Every line that has text, as (page, line, text)."""
    return [
        (line.location.page, line.location.line, line.text)
        for block in document.blocks
        for line in block.lines
        if line.text
    ]


def _all(document: Document) -> list[tuple[int | None, int | None, str]]:
    return [
        (line.location.page, line.location.line, line.text)
        for block in document.blocks
        for line in block.lines
    ]


# ── lines and pages ──────────────────────────────────────────────────────────────────────────────


def test_pdf_is_registered_by_its_ending() -> None:
    """A file ending in .pdf is read as PDF."""
    assert EXTENSIONS[".pdf"] == "pdf"


def test_lines_are_cited_by_page_and_line_on_the_page() -> None:
    """Line L of page P's extracted text is Location(page=P, line=L), both 1-based."""
    data = make_pdf([["Shelters were opened.", "Inspectors were trained."], ["Victims were assisted."]])
    document = pdf.read("report.pdf", data)
    assert (document.source, document.format, document.warnings) == ("report.pdf", "pdf", ())
    assert _body(document) == [
        (1, 1, "Shelters were opened."),
        (1, 2, "Inspectors were trained."),
        (2, 1, "Victims were assisted."),
    ]


def test_each_page_is_one_text_block() -> None:
    """Each page with text is one block, in page order."""
    document = pdf.read("report.pdf", make_pdf([["One."], ["Two."], ["Three."]]))
    assert [{line.location.page for line in block.lines} for block in document.blocks] == [{1}, {2}, {3}]


@pytest.mark.parametrize(
    ("location", "described"),
    [(Location(page=2, line=14), "p. 2 l. 14"), (Location(page=1, line=1), "p. 1 l. 1")],
)
def test_pdf_locations_read_well(location: Location, described: str) -> None:
    """A PDF line is described by its page and its line on the page."""
    assert location.describe() == described


# ── page furniture ───────────────────────────────────────────────────────────────────────────────

BODIES = [
    ["The Ministry opened two shelters.", "They have 60 beds."],
    ["Inspectors were trained on forced labour.", "Training lasted two weeks."],
    ["Victims received legal aid.", "Compensation was paid."],
]


def test_running_header_and_footer_are_blanked_and_lines_keep_their_numbers() -> None:
    """A header in capitals and a footer with the page number, on every page, become blank lines."""
    document = pdf.read("report.pdf", make_pdf(BODIES, header=HEADER, footer=FOOTER))
    lines = _all(document)
    assert (1, 1, "") in lines and (3, 1, "") in lines  # the header's line is kept, blank
    assert not any(HEADER in text or FOOTER in text for _, _, text in lines)
    assert _body(document) == [
        (page, number + 2, text)
        for page, body in enumerate(BODIES, start=1)
        for number, text in enumerate(body)
    ]


def test_a_plain_title_case_header_on_every_page_is_furniture() -> None:
    """A running header in ordinary type and without figures is furniture when it heads half the pages."""
    header = "Report of the Government of Estavia"
    document = pdf.read("report.pdf", make_pdf([[header, *body] for body in BODIES]))
    assert [text for _, _, text in _body(document)] == [text for body in BODIES for text in body]


@pytest.mark.parametrize("number", ["1", "- 1 -", "Page 1 of 9", "p. 4"])
def test_a_page_number_at_the_foot_is_furniture(number: str) -> None:
    """A line that is only the page's number, among a page's last lines, is blanked."""
    document = pdf.read("report.pdf", make_pdf([["Shelters were opened.", "They have beds.", number]]))
    assert _all(document)[-1] == (1, 3, "")


def test_page_numbers_with_an_offset_are_furniture() -> None:
    """Bare figures that follow the pages with an offset (numbering after a cover) are page numbers."""
    pages = [[*body, str(number + 4)] for number, body in enumerate(BODIES, start=1)]
    document = pdf.read("report.pdf", make_pdf(pages))
    assert [text for _, _, text in _body(document)] == [text for body in BODIES for text in body]


def test_a_figure_in_a_table_stays_even_at_the_foot_of_the_page() -> None:
    """A figure on a line of its own is text, not a page number, in the body or as a table's last cell."""
    lines = ["Victims identified in 2023:", "Men and women", "41", "of whom children:", "7"]
    document = pdf.read("report.pdf", make_pdf([lines]))
    assert [text for _, _, text in _body(document)] == lines


def test_a_line_recurring_in_the_body_of_pages_stays() -> None:
    """A form's label repeated in the middle of pages is not a header: only pages' edges hold furniture."""
    pages = [
        [f"Opening line {n}.", "Second line.", "Measures taken or envisaged", "More.", "End."] for n in "ABC"
    ]
    document = pdf.read("report.pdf", make_pdf(pages))
    assert sum(text == "Measures taken or envisaged" for _, _, text in _body(document)) == 3


# ── hyphenation and columns ──────────────────────────────────────────────────────────────────────


def test_a_hyphenated_line_break_reaches_the_segmenter_as_written(pack: RulePack) -> None:
    """The reader keeps "identifi-" and "cation" as two lines; the segmenter rejoins the word."""
    lines = ["Inspectors were trained on the identifi-", "cation of victims of forced labour."]
    document = pdf.read("report.pdf", make_pdf([lines]))
    assert [text for _, _, text in _body(document)] == lines
    (sentence,) = segment(lay_out(document, pack))
    assert "identification of victims" in sentence.text
    assert (sentence.start, sentence.end) == (Location(page=1, line=1), Location(page=1, line=2))


def test_a_sentence_runs_on_over_a_page_break_and_its_furniture(pack: RulePack) -> None:
    """A sentence broken by a page break (and the footer and header around it) is one sentence."""
    pages = [["Some 420 inspectors were trained on the", "indicators of forced"], ["labour in 2023.", "End."]]
    document = pdf.read("report.pdf", make_pdf(pages, header=HEADER, footer=FOOTER))
    sentences = segment(lay_out(document, pack))
    assert (
        sentences[0].quote == "Some 420 inspectors were trained on the indicators of forced labour in 2023."
    )
    assert (sentences[0].start, sentences[0].end) == (Location(page=1, line=2), Location(page=2, line=2))


def test_a_passage_over_a_page_break_is_cited_to_the_page_it_ends_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Evidence that runs on over a page break says where it ends, page and line: in JSON (end_page,
    end_line) and in `explain` ("p. 1 l. 2 to p. 2 l. 1"), not "l. 2-1"."""
    pages = [
        ["Title of the report.", "Some 420 labour inspectors were trained on the"],
        ["indicators of forced labour in 2023."],
    ]
    report = tmp_path / "report.pdf"
    report.write_bytes(make_pdf(pages))
    code, out, _ = run_main(capsys, "audit", str(report), "-f", "json", "--no-config")
    (evidence,) = [
        evidence
        for item in json.loads(out)["reports"][0]["items"]
        if item["id"] == "prevention.capacity_building"
        for evidence in item["evidence"]
    ]
    assert {key: evidence[key] for key in ("page", "line", "end_page", "end_line")} == {
        "page": 1,
        "line": 2,
        "end_page": 2,
        "end_line": 1,
    }
    code, out, _ = run_main(capsys, "explain", str(report), "prevention.capacity_building")
    assert code == 0 and "p. 1 l. 2 to p. 2 l. 1" in out


def _two_columns(left: str, right: str) -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("Helvetica", size=10)
    with document.text_columns(ncols=2, gutter=10) as columns:
        columns.write(left)
        columns.new_column()
        columns.write(right)
    return bytes(document.output())


def test_a_two_column_page_reads_column_by_column() -> None:
    """A page drawn column after column (as word processors draw it) reads the left column, then the right."""
    left = "The left column tells of the national action plan adopted in 2022 and of its 52 measures. " * 3
    right = "The right column tells of compensation paid to victims by the courts in 2023. " * 3
    text = " ".join(line for _, _, line in _body(pdf.read("report.pdf", _two_columns(left, right))))
    assert " ".join(text.split()) == " ".join((left + right).split())


# ── scanned pages ────────────────────────────────────────────────────────────────────────────────


def test_a_pdf_without_text_needs_ocr() -> None:
    """A PDF whose pages are images only (here a drawn rectangle) is an InputError that says OCR."""
    with pytest.raises(InputError) as raised:
        pdf.read("scan.pdf", make_pdf([[], []]))
    assert str(raised.value) == (
        "scan.pdf: no text layer on any page: the PDF needs OCR before it can be audited"
    )


def test_scanned_pages_among_text_pages_are_named_in_a_warning() -> None:
    """Pages without text are left out and named in one warning; the other pages are read."""
    document = pdf.read("report.pdf", make_pdf([["Text on page one."], [], [], ["Text on page four."], []]))
    assert [page for page, _, _ in _body(document)] == [1, 4]
    assert document.warnings == ("no text layer on pages 2-3, 5 (scanned?): not audited without OCR",)


def test_a_page_that_cannot_be_read_is_named_and_the_others_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose content pypdf cannot extract is left out with a warning naming it; if no page can be
    read, the file is an InputError."""
    from pypdf import PageObject

    extract = PageObject.extract_text

    def damaged_second_page(self: PageObject, **options: Any) -> str:
        if self.page_number == 1:
            raise KeyError("/Contents")
        return extract(self, **options)

    monkeypatch.setattr(PageObject, "extract_text", damaged_second_page)
    document = pdf.read("report.pdf", make_pdf([["Page one."], ["Page two."], ["Page three."]]))
    assert [text for _, _, text in _body(document)] == ["Page one.", "Page three."]
    assert document.warnings == ("page 2 could not be read and is not audited: '/Contents'",)
    with pytest.raises(InputError) as raised:
        pdf.read("report.pdf", make_pdf([[], ["Page two."]]))  # a scanned page, then the damaged one
    assert raised.value.message == "damaged PDF: no page could be read (page 2: '/Contents')"


# ── unreadable files ─────────────────────────────────────────────────────────────────────────────


def _encrypted(user_password: str, algorithm: str = "RC4-128") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Shelters were opened."]]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_that_only_restricts_use_is_read(algorithm: str) -> None:
    """A PDF encrypted with an empty user password (printing or copying restricted) opens and is read,
    with the AES of a "secured" PDF from a recent office suite as well as the older RC4."""
    assert _body(pdf.read("report.pdf", _encrypted("", algorithm))) == [(1, 1, "Shelters were opened.")]


def _with_filled_field(lines: list[str]) -> bytes:
    """A PDF of `lines` with one form field, filled in: its answer is in the form, not on the page."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([lines]))))
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("measures"),
            NameObject("/V"): TextStringObject("Two shelters were opened."),
            NameObject("/Rect"): ArrayObject(
                [FloatObject(50), FloatObject(50), FloatObject(300), FloatObject(80)]
            ),
        }
    )
    annotation = writer.add_annotation(0, field)
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([annotation.indirect_reference])}
    )
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def test_filled_form_fields_are_told_not_read() -> None:
    """A form's filled fields hold answers that are not on the page: the audit says they are not read,
    rather than finding the item's section empty in silence."""
    document = pdf.read("form.pdf", _with_filled_field(["Measures taken to protect victims:"]))
    assert document.warnings == (
        "1 filled form field not read: their answers are not audited "
        "(print the form to a new PDF, or flatten it, first)",
    )


VALID = make_pdf([["Shelters were opened.", "Inspectors were trained."], ["Victims were assisted."]])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(_encrypted("secret"), "encrypted; decrypt it first", id="encrypted"),
        pytest.param(VALID[: len(VALID) // 2], "damaged or truncated PDF: ", id="truncated"),
        pytest.param(b"The Ministry opened two shelters.\n" * 20, "not a PDF (no %PDF- header)", id="text"),
        pytest.param(b"PK\x03\x04" + bytes(200), "not a PDF (no %PDF- header)", id="a zip"),
        pytest.param(b"", "empty file, not a PDF", id="empty"),
        pytest.param(b"%PDF-1.7\n", "damaged or truncated PDF: ", id="header only"),
    ],
)
def test_unreadable_pdfs_are_input_errors_in_one_line(
    data: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Encrypted, truncated or non-PDF bytes are an InputError naming the file, in one line, and pypdf's
    own complaints do not reach stderr."""
    with pytest.raises(InputError) as raised:
        pdf.read("report.pdf", data)
    assert raised.value.path == "report.pdf"
    assert raised.value.message.startswith(message)
    assert "\n" not in str(raised.value)
    assert capsys.readouterr().err == ""


def test_aes_encryption_without_its_library_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the empty password needs AES and `cryptography` is missing, the error says what to do."""
    from pypdf.errors import DependencyError

    def decrypt(self: PdfReader, password: str) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", decrypt)
    with pytest.raises(InputError) as raised:
        pdf.read("report.pdf", _encrypted(""))
    assert str(raised.value) == (
        "report.pdf: encrypted with AES; decrypt it first (or install the cryptography package to read it)"
    )


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_pdf_gives_a_document_or_an_input_error(changes: list[tuple[int, int]]) -> None:
    """Whatever bytes of a PDF are damaged, the reader gives a Document or an InputError, never a traceback."""
    data = bytearray(VALID)
    for offset, value in changes:
        data[offset] = value
    try:
        document = pdf.read("report.pdf", bytes(data))
    except InputError as error:
        assert error.path == "report.pdf" and "\n" not in str(error)
        return
    assert all(line.location.page and line.location.line for block in document.blocks for line in block.lines)


# ── PDF bombs ────────────────────────────────────────────────────────────────────────────────────

_FONT = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
_SHELTERS = b"BT /F1 12 Tf 72 712 Td (Shelters were opened in 2023.) Tj ET\n"


def _stream(data: bytes, entries: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< %s /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (entries, len(packed), packed)


def _bomb(
    contents: bytes,
    pages: int,
    form: bytes = b"",
    *,
    padding: int = 0,
    to_unicode: bytes = b"",
    form_xobjects: bytes = b"",
    more: Sequence[bytes] = (),
) -> bytes:
    """A PDF of `pages` pages that all draw the same `contents`, which may draw `form` (as /Fm1); with
    `padding` bytes of random data besides, which do not compress (so that contents stay under the
    inflation ratio), and font /F1 mapped to Unicode by the CMap `to_unicode`. The form's resources may
    name XObjects of its own (`form_xobjects`, the inside of an /XObject dictionary), which may be the
    objects `more`, numbered from 7 + `pages` (the form is object 4)."""
    font = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica %s>> >>" % (
        b"/ToUnicode %d 0 R " % (6 + pages) if to_unicode else b""
    )
    form_resources = _FONT[:-2] + (b"/XObject << %s >> >>" % form_xobjects if form_xobjects else b">>")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (5 + n) for n in range(pages)), pages),
        _stream(contents),
        _stream(form, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + form_resources),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /XObject << /Fm1 4 0 R >> %s >> >>" % font
    ] * pages
    objects.append(
        b"<< /Length %d >>\nstream\n%s\nendstream" % (padding, random.Random(17).randbytes(padding))
    )
    objects.append(_stream(to_unicode))
    objects += more
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(out))
    return out + b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + table + trailer


def test_an_honest_hand_made_pdf_is_read() -> None:
    """The bomb builder makes a readable PDF: the refusals below are for the bombs, not the builder."""
    trained = b"BT /F1 12 Tf 72 700 Td (Inspectors were trained.) Tj ET\n"
    document = pdf.read("report.pdf", _bomb(_SHELTERS + b"/Fm1 Do\n", 1, trained))
    assert [text for _, _, text in _body(document)] == [
        "Shelters were opened in 2023.",
        "Inspectors were trained.",
    ]


def test_page_contents_that_inflate_like_a_bomb_are_refused_before_extraction() -> None:
    """A few kilobytes that inflate to megabytes of page content are refused before pypdf parses them."""
    with no_hang(10), pytest.raises(InputError) as raised:
        pdf.read("bomb.pdf", _bomb(_SHELTERS + b" " * 3_000_000, 1))
    assert raised.value.message.startswith("refused: by page 1 the content inflates ")
    assert raised.value.message.endswith(" to 2 MB (a PDF bomb?)")


@pytest.mark.parametrize(
    ("contents", "pages", "form"),
    [
        pytest.param(b"/Fm1 Do\n" * 2000, 1, _SHELTERS * 50, id="a form drawn thousands of times"),
        # 8 pages: under the megabyte from which the inflation of the contents is looked at.
        pytest.param(_SHELTERS * 2000, 8, b"", id="one content drawn by every page"),
    ],
)
def test_an_extraction_past_the_file_s_operators_is_refused(
    monkeypatch: pytest.MonkeyPatch, contents: bytes, pages: int, form: bytes
) -> None:
    """Operators drawn again and again (by a form or by many pages) would take pypdf hours: extraction
    stops at the budget, and the file is refused in one line. (The budget is lowered to keep the test
    short; at the real one these files take about 5 s to refuse.)"""
    monkeypatch.setattr(limits, "MIN_PDF_OPERATORS", 50_000)
    with no_hang(30), pytest.raises(InputError) as raised:
        pdf.read("bomb.pdf", _bomb(contents, pages, form))
    # The budget: 20 operators per byte of the file, or the minimum.
    assert re.fullmatch(
        r"refused: by page \d+ the text takes over [\d,]+ drawing operators to extract, more than a file "
        r"of [\d,]+ bytes holds \(a PDF bomb\?\)",
        raised.value.message,
    )


def _text(*strings: bytes) -> bytes:
    """Contents that draw each of `strings` with a Tj operator."""
    return b"BT /F1 12 Tf 72 712 Td %s ET\n" % b" ".join(b"(%s) Tj" % string for string in strings)


_LETTERS = b"forced labour "
# Issue 17: a few operators carrying megabytes of text, kept under the inflation ratio by random padding
# (here 3 MB a page from a file of 47 KB, 66 to 1). pypdf took a minute on the 100 MB.
_HUGE_STRINGS = _bomb(_text(*[_LETTERS * 75_000] * 3), 2, padding=40_000)


def test_a_few_operators_drawing_megabytes_of_text_are_refused() -> None:
    """Strings of megabytes that a handful of Tj operators draw are refused in one line naming the file
    and the page, as soon as the page's strings pass what any page holds: their characters are counted as
    pypdf reaches each operator, before it joins them to the text."""
    assert len(_HUGE_STRINGS) < 50_000  # under the ratio, and the file's budget is the floor
    with no_hang(30), pytest.raises(InputError) as raised:
        pdf.read("bomb.pdf", _HUGE_STRINGS)
    assert str(raised.value) == (
        "bomb.pdf: refused: page 1 draws over 500,000 characters of text, more than any page holds "
        "(a PDF bomb?)"
    )


_PAGE = r"refused: page 1 draws over 500,000 characters of text, more than any page holds \(a PDF bomb\?\)"
_FILE = (
    r"refused: by page (\d+) the text draws over 1,000,000 characters, more than a file of [\d,]+ bytes "
    r"holds \(a PDF bomb\?\)"
)
_OPERATORS = (
    r"refused: by page (\d+) the text takes over 50,000 drawing operators to extract, more than a file "
    r"of [\d,]+ bytes holds \(a PDF bomb\?\)"
)


@pytest.mark.parametrize(
    ("contents", "pages", "form", "padding", "refusal", "page"),
    [
        # 300,000 characters a page, each page under its own limit, past the file's budget on page 4.
        pytest.param(_text(b"A" * 300_000), 8, b"", 20_000, _FILE, "4", id="many pages each under the limit"),
        # 400,000 characters a page from a form of 100,000 drawn 4 times: past the file's on page 3.
        pytest.param(
            b"/Fm1 Do\n" * 4, 8, _text(b"A" * 100_000), 0, _FILE, "3", id="a form drawn again and again"
        ),
        pytest.param(
            b"/Fm1 Do\n" * 10, 8, _text(b"A" * 100_000), 0, _PAGE, None, id="a form drawn again on a page"
        ),
        pytest.param(
            b"BT /F1 12 Tf 72 712 Td [%s] TJ ET\n" % (b"(" + b"A" * 1_000 + b") -250 ") * 600,
            1,
            b"",
            0,
            _PAGE,
            None,
            id="a TJ array of many strings",
        ),
        pytest.param(
            b"BT /F1 12 Tf 72 712 Td 14 TL (%s) ' 1 0 (%s) \" ET\n" % (b"A" * 300_000, b"A" * 300_000),
            1,
            b"",
            0,
            _PAGE,
            None,
            id="the quote operators",
        ),
        # A TJ array's elements are gone through one by one, even empty: 100,000 in one page.
        pytest.param(
            b"/Fm1 Do\n" * 10,
            1,
            b"BT /F1 12 Tf [%s] TJ ET\n" % (b"() " * 10_000),
            0,
            _OPERATORS,
            "1",
            id="TJ arrays of empty strings",
        ),
    ],
)
def test_text_drawn_past_a_budget_is_refused_however_it_is_drawn(
    monkeypatch: pytest.MonkeyPatch,
    contents: bytes,
    pages: int,
    form: bytes,
    padding: int,
    refusal: str,
    page: str | None,
) -> None:
    """Characters drawn are bounded however they are drawn: over the pages (each under its own limit),
    by a form drawn again and again, by a TJ array of many strings, by the ' and " operators; and a TJ
    array's every element counts as an operator. (The file's budgets are lowered to keep the test short;
    the page's limit is the real one.)"""
    monkeypatch.setattr(limits, "MIN_PDF_CHARACTERS", 1_000_000)
    monkeypatch.setattr(limits, "MIN_PDF_OPERATORS", 50_000)
    data = _bomb(contents, pages, form, padding=padding)
    assert limits.PDF_CHARACTERS_PER_BYTE * len(data) < 1_000_000  # the floor is the budget
    with no_hang(30), pytest.raises(InputError) as raised:
        pdf.read("bomb.pdf", data)
    assert raised.value.path == "bomb.pdf" and "\n" not in str(raised.value)
    matched = re.fullmatch(refusal, raised.value.message)
    assert matched, raised.value.message
    assert page is None or matched[1] == page


_WHITESPACE_FORM = _SHELTERS + b" " * 900_000
_PARSED = (
    r"refused: by page (\d+) the text takes over 10,485,760 bytes of content to parse, more than a file of "
    r"[\d,]+ bytes holds \(a PDF bomb\?\)"
)


def _form(data: bytes) -> bytes:
    """A form XObject of content `data`, as an object of `_bomb`'s `more`."""
    return _stream(data, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + _FONT)


@pytest.mark.parametrize(
    ("contents", "form_xobjects", "more"),
    [
        pytest.param(b"/Fm1 Do\n" * 10, b"", (), id="a form drawn again and again"),
        # The page draws /Fm1 10 times, which draws /Fm2 once: /Fm2's content is parsed at each draw.
        pytest.param(
            b"/Fm1 Do\n" * 10,
            b"/Fm2 15 0 R",
            [_form(_WHITESPACE_FORM)],
            id="a nested form drawn again and again",
        ),
    ],
)
def test_a_form_of_whitespace_drawn_again_and_again_is_refused(
    monkeypatch: pytest.MonkeyPatch, contents: bytes, form_xobjects: bytes, more: Sequence[bytes]
) -> None:
    """A form of little but whitespace (few operators, little text) drawn again and again makes pypdf
    parse its whole content at each draw: each draw is charged the form's inflated length, and past the
    file's budget of content parsed the file is refused in one line naming the file and the page, before
    pypdf parses the form again. (The budget is lowered from 64 MB to 10 MB to keep the test short: 9 MB
    a page, past it on page 2. Without the budget the file, of under 4 KB, is read: 72 MB parsed, 6 s.)"""
    monkeypatch.setattr(limits, "MIN_PDF_PARSED_BYTES", 10 * limits.MEGABYTE)
    form = b"/Fm2 Do\n" if more else _WHITESPACE_FORM
    data = _bomb(contents, 8, form, form_xobjects=form_xobjects, more=more)
    assert len(data) < 4_000 and limits.MAX_INFLATE_RATIO * len(data) < limits.MEGABYTE  # the floor
    with no_hang(30), pytest.raises(InputError) as raised:
        pdf.read("bomb.pdf", data)
    assert raised.value.path == "bomb.pdf" and "\n" not in str(raised.value)
    matched = re.fullmatch(_PARSED, raised.value.message)
    assert matched, raised.value.message
    assert matched[1] == "2"


def test_a_form_that_inflates_like_a_bomb_is_refused_before_extraction() -> None:
    """A form's content, like a page's, may not inflate beyond what the file could hold: a few kilobytes
    inflating to 5 MB are refused before pypdf parses them once, nested in another form too."""
    form = _SHELTERS + b" " * 5_000_000
    for data in (
        _bomb(b"/Fm1 Do\n", 1, form),
        _bomb(b"/Fm1 Do\n", 1, b"/Fm2 Do\n", form_xobjects=b"/Fm2 8 0 R", more=[_form(form)]),
    ):
        with no_hang(10), pytest.raises(InputError) as raised:
            pdf.read("bomb.pdf", data)
        assert re.fullmatch(
            r"refused: by page 1 the content inflates \d+ to 1, to 4 MB \(a PDF bomb\?\)",
            raised.value.message,
        )


def test_a_letterhead_drawn_on_every_page_is_read() -> None:
    """A form drawn once on each of many pages (a letterhead: a logo's paths and the ministry's name) is
    read at the real budget, every page; so is a form whose resources name itself (pypdf does not draw
    it again) or an image (not parsed for text, not charged)."""
    logo = b"".join(b"%d %d m %d %d l %d %d %d %d %d %d c h f\n" % ((n,) * 10) for n in range(200))
    letterhead = logo + b"BT /F1 9 Tf 72 760 Td (Ministry of Labour) Tj ET\n/Fm1 Do\n/Im1 Do\n"
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
    image += b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream"
    data = _bomb(
        _SHELTERS + b"/Fm1 Do\n", 100, letterhead, form_xobjects=b"/Fm1 4 0 R /Im1 107 0 R", more=[image]
    )
    document = pdf.read("report.pdf", data)
    # Both lines are on every page, so they are furniture, blanked: each page is read, with its lines
    # (and the empty one after the drawing of the image).
    assert document.warnings == ()
    assert [(block.lines[0].location.page, len(block.lines)) for block in document.blocks] == [
        (page, 3) for page in range(1, 101)
    ]
    pages, failed = pdf._extract("report.pdf", PdfReader(io.BytesIO(data)), len(data))
    assert (pages, failed) == ([["Shelters were opened in 2023.", "Ministry of Labour", ""]] * 100, {})


def test_a_font_map_that_multiplies_the_characters_drawn_is_refused() -> None:
    """A font's /ToUnicode map may turn each character drawn into 256: the page's text, once extracted,
    is held to the page's limit too (2,000 characters drawn, 512,000 extracted)."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bomb def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <%s> endbfchar endcmap "
        b"CMapName currentdict /CMap defineresource pop end end" % (b"0041" * 256)
    )
    with no_hang(30), pytest.raises(InputError) as raised:
        pdf.read("bomb.pdf", _bomb(_text(b"A" * 2_000), 1, to_unicode=cmap))
    assert re.fullmatch(_PAGE, raised.value.message)
    # The same map with a few characters drawn is read: the map is not refused, what it gives is.
    document = pdf.read("report.pdf", _bomb(_text(b"A" * 4), 1, to_unicode=cmap))
    assert _body(document) == [(1, 1, "A" * 1024)]


# ── the bundled example and the command line ─────────────────────────────────────────────────────

EXAMPLE = FIXTURES / "examples" / "report.pdf"


def test_the_example_report_reads_in_order(pack: RulePack) -> None:
    """The bundled example: furniture blanked, the hyphenated word intact for the segmenter, the two
    columns of its last page in reading order, and its verdicts cited by page and line."""
    assert EXAMPLE.stat().st_size < 50_000
    document = read_file(str(EXAMPLE))
    lines = _body(document)
    assert not any("MINISTRY OF LABOUR" in text or "Convention, 2024" in text for _, _, text in lines)
    assert (1, 20, "In 2023 the State Labour Inspectorate carried out 1,240 unannounced inspec-") in lines
    page_three = " ".join(text for page, _, text in lines if page == 3)
    assert (
        page_three.index("Work Free")
        < page_three.index("420 labour inspectors")
        < page_three.index("Marvonia")
    )
    result = audit(document, pack)
    findings = {finding.item_id: finding for finding in result.findings}
    assert findings["ratification.status"].status is Status.NEGATIVE
    assert findings["ratification.status"].evidence[0].start == Location(page=1, line=10)
    assert findings["protection.accommodation"].status is Status.REPORTED
    assert findings["protection.accommodation"].evidence[0].start.page == 2


def test_cli_audits_a_pdf_with_page_citations(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`ilo-check audit FILE.pdf --format json` exits 0; every piece of evidence names its page and line."""
    path = tmp_path / "report.pdf"
    path.write_bytes(
        make_pdf(
            [
                ["Estavia opened two shelters for victims of forced labour in 2023."],
                ["Victims were given legal aid."],
            ],
            header=HEADER,
            footer=FOOTER,
        )
    )
    code, out, err = run_main(capsys, "audit", str(path), "--format", "json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    jsonschema.validate(result, schema("result"))
    (report,) = result["reports"]
    assert report["format"] == "pdf"
    evidence = [item for finding in report["items"] for item in finding["evidence"]]
    assert evidence and all(
        isinstance(item["page"], int) and isinstance(item["line"], int) for item in evidence
    )
    accommodation = next(
        finding for finding in report["items"] if finding["id"] == "protection.accommodation"
    )
    assert (accommodation["status"], accommodation["evidence"][0]["page"]) == ("reported", 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(make_pdf([[]]), "no text layer on any page: the PDF needs OCR", id="scanned"),
        pytest.param(VALID[:300], "damaged or truncated PDF", id="truncated"),
        pytest.param(b"Not a PDF at all.\n", "not a PDF", id="not a PDF"),
        pytest.param(_bomb(_SHELTERS + b" " * 3_000_000, 1), "refused: by page 1 the content", id="a bomb"),
        pytest.param(_HUGE_STRINGS, "refused: page 1 draws over 500,000 characters", id="huge strings"),
    ],
)
def test_cli_bad_pdf_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, message: str
) -> None:
    """A PDF that cannot be audited exits 2 with exactly one line on stderr, naming the file."""
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    code, out, err = run_main(capsys, "audit", str(path), "--format", "json")
    assert code == 2
    assert err.startswith(f"ilo-check: error: {path}: {message}") and err.count("\n") == 1
    assert "Traceback" not in err and out == ""


def test_readers_for_pdf_and_word_are_imported_only_when_used() -> None:
    """Importing the readers (and reading text) loads neither pypdf nor python-docx."""
    code = (
        "import sys; from checker.readers import read; read('r.txt', b'Text.'); "
        "print(any(name.split('.')[0] in ('pypdf', 'docx') for name in sys.modules))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert completed.stdout == "False\n"


def test_a_numbered_heading_is_not_glued_to_the_sentence_below_it(pack: RulePack) -> None:
    """In a PDF, "2. Labour inspection" over a paragraph is a title of its own: the evidence quoted is the
    paragraph's sentence, starting with its own first word, and the heading keeps its number."""
    data = make_pdf(
        [
            [
                "Report on forced labour and trafficking in persons, 2024.",
                "2. Labour inspection",
                "The inspectorate carried out 340 inspections of farms and factories in 2024 to detect",
                "forced labour and identified 25 victims of trafficking.",
            ]
        ]
    )
    result = audit(pdf.read("report.pdf", data), pack)
    finding = next(item for item in result.findings if item.item_id == "prevention.labour_inspection")
    assert finding.status is Status.REPORTED
    quotes = [evidence.quote for evidence in finding.evidence]
    assert quotes[0].startswith("The inspectorate carried out 340 inspections"), quotes
    assert not any("Labour inspection The inspectorate" in quote for quote in quotes)
    segments = segment(lay_out(pdf.read("report.pdf", data), pack))
    assert "2. Labour inspection" in [item.quote for item in segments]
