"""The HTML reader: visible text only, headings as sections, block elements ending lines, every line cited
by the source line where its text starts, and CEACR comments read in order with their run-in headings."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import audit
from checker.errors import InputError
from checker.layout import lay_out
from checker.model import (
    LABEL_LEVEL,
    BlockKind,
    Document,
    DocumentKind,
    Location,
    RulePack,
    SectionKind,
    Status,
)
from checker.readers import EXTENSIONS, read, read_file
from checker.readers import html as html_reader
from checker.schemas import schema
from checker.segment import segment
from tests.ci_support import run_main
from tests.conftest import FIXTURES, examples, no_hang


def _read(source: str, name: str = "comment.html") -> Document:
    return html_reader.read(name, source.encode())


def _lines(document: Document) -> list[tuple[str, int | None]]:
    """Every line with text, as (text, source line)."""
    return [(line.text, line.location.line) for block in document.blocks for line in block.lines if line.text]


# ── text and lines ───────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("ending", [".html", ".htm"])
def test_html_is_registered_by_its_endings(ending: str) -> None:
    """Files ending in .html or .htm are read as HTML."""
    assert EXTENSIONS[ending] == "html"


def test_lines_are_cited_by_the_source_line_where_their_text_starts() -> None:
    """Each source line of a paragraph's text is a line, cited where it stands: a sentence is cited at
    the line it starts on, however the page's source is wrapped."""
    source = "<html><body>\n<p>\n  The Ministry opened\n  two shelters.</p><p>Inspectors were trained.</p>\n</body></html>"
    document = _read(source)
    assert (document.source, document.format, document.warnings) == ("comment.html", "html", ())
    assert _lines(document) == [
        ("The Ministry opened", 3),
        ("two shelters.", 4),
        ("Inspectors were trained.", 4),
    ]


def test_a_sentence_in_a_wrapped_paragraph_is_cited_at_its_own_line(pack: RulePack) -> None:
    """The second sentence of a paragraph wrapped over source lines is cited at the line it starts on,
    not at the paragraph's first line, and read whole across the line break."""
    source = (
        "<p>The Ministry published its report.\nTwo shelters for victims of forced\nlabour were opened.</p>"
    )
    sentences = [
        (item.quote, item.start.line, item.end.line) for item in segment(lay_out(_read(source), pack))
    ]
    assert sentences == [
        ("The Ministry published its report.", 1, 1),
        ("Two shelters for victims of forced labour were opened.", 2, 3),
    ]


def test_html_locations_read_well() -> None:
    """An HTML line is described by its source line."""
    assert Location(line=40).describe() == "l. 40"


def test_blocks_end_lines_and_paragraphs_inline_elements_do_not() -> None:
    """p, li and tr end a paragraph (a blank line follows); br and cells end a line; b, a and span do not."""
    source = (
        "<p>One <b>bold</b> <a href='#'>link</a> and <span>span</span>.</p>"
        "<ul><li>First</li><li>Second</li></ul>"
        "<table><tr><td>Shelters were opened.</td></tr></table>"
        "Line<br>break"
    )
    lines = [line.text for block in _read(source).blocks for line in block.lines]
    assert lines == [
        "One bold link and span.",
        "",
        "First",
        "",
        "Second",
        "",
        "Shelters were opened.",
        "",
        "Line",
        "break",
    ]


def test_a_table_row_of_two_cells_is_a_label_and_its_answer() -> None:
    """A row "label | answer", as in a Word table: the first cell heads the others, below every heading;
    a row of one cell, or the table's end, closes the label (a heading of no words), so that what follows
    is not its answer. A table inside a cell is lines of that cell."""
    source = (
        "<h2>Protection</h2><table>"
        "<tr><th>Item</th><th>Answer</th></tr>"
        "<tr><td>Shelters for victims</td><td>There is no shelter.</td><td>None planned.</td></tr>"
        "<tr><td colspan=2>Notes follow.</td></tr>"
        "<tr><td>Legal aid</td><td><table><tr><td>Free</td><td>for all</td></tr></table></td></tr>"
        "</table><p>After the table.</p>"
    )
    blocks = [
        (block.kind.value, block.level, [line.text for line in block.lines if line.text])
        for block in _read(source).blocks
    ]
    assert blocks == [
        ("heading", 2, ["Protection"]),
        ("heading", LABEL_LEVEL, ["Item"]),
        ("text", 0, ["Answer"]),
        ("heading", LABEL_LEVEL, ["Shelters for victims"]),
        ("text", 0, ["There is no shelter.", "None planned."]),
        ("heading", LABEL_LEVEL, []),
        ("text", 0, ["Notes follow."]),
        ("heading", LABEL_LEVEL, ["Legal aid"]),
        ("text", 0, ["Free", "for all"]),
        ("heading", LABEL_LEVEL, []),
        ("text", 0, ["After the table."]),
    ]


def test_a_table_row_numbered_in_its_first_cell_is_labelled_by_its_second() -> None:
    """A row "1 | Question | Answer", as in Word: the question is the label, and the number is not read."""
    source = "<table><tr><td>1.</td><td>Appropriate accommodation for victims</td><td>No.</td></tr></table>"
    blocks = [
        (block.kind.value, [line.text for line in block.lines if line.text]) for block in _read(source).blocks
    ]
    assert blocks[:2] == [("heading", ["Appropriate accommodation for victims"]), ("text", ["No."])]


def test_a_heading_in_a_table_s_cell_is_a_line_of_the_cell() -> None:
    """A heading inside a cell is shown in the cell: it is a line of the answer, which stays whole (it was
    once read as a heading cutting the row in two, its last paragraph taken for a label)."""
    source = (
        "<table><tr><td>Shelters for victims</td><td><p>There is no shelter.</p><h4>Note</h4>"
        "<p>Inspectors visited 1,200 farms.</p></td></tr></table>"
    )
    blocks = [
        (block.kind.value, [line.text for line in block.lines if line.text]) for block in _read(source).blocks
    ]
    assert blocks[:2] == [
        ("heading", ["Shelters for victims"]),
        ("text", ["There is no shelter.", "Note", "Inspectors visited 1,200 farms."]),
    ]


def test_a_denial_in_a_table_s_answer_cell_is_negative(pack: RulePack) -> None:
    """ "National action plan | No national action plan has been adopted.": the label's words are not
    evidence of a plan; the answer under it denies one."""
    source = (
        "<table><tr><td>National action plan</td>"
        "<td>No national action plan against forced labour has been adopted.</td></tr></table>"
    )
    findings = audit(read("page.html", source.encode()), pack).findings
    assert (
        next(item.status for item in findings if item.item_id == "policy.plan_of_action") is Status.NEGATIVE
    )


def test_entities_are_decoded_and_spaces_collapsed() -> None:
    """Character references become characters; runs of spaces, tabs and line breaks in a line are one space."""
    document = _read("<p>The Government&rsquo;s  report &amp;\t its&nbsp;annex &#8211; 2023.</p>")
    assert _lines(document) == [("The Government\u2019s report & its annex \u2013 2023.", 1)]


def test_preformatted_text_keeps_its_lines() -> None:
    """In <pre>, each source line is a line of its own."""
    assert _lines(_read("<pre>Shelters: 2\nBeds:     60\n</pre>")) == [("Shelters: 2", 1), ("Beds: 60", 2)]


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>var text = '<p>Shelters</p>';</script>",
        "<style>p { color: red }</style>",
        "<noscript>Enable JavaScript.</noscript>",
        "<template><p>Template text.</p></template>",
        "<svg><text>Chart label</text><path d='M0 0'/></svg>",
        "<div hidden><p>Hidden text.</p></div>",
        "<div style='display: none'>Hidden <div>nested</div> text.</div>",
        "<title>Page title</title>",
    ],
)
def test_invisible_content_is_skipped(hidden: str) -> None:
    """Scripts, styles, noscript, templates, SVG, titles and hidden elements are not text of the report."""
    document = _read(f"<body><p>Before.</p>{hidden}<p>After.</p></body>")
    assert [text for text, _ in _lines(document)] == ["Before.", "After."]


def test_the_head_is_skipped_even_when_its_end_tag_is_left_out() -> None:
    """A head without </head> ends where the body's content begins, as browsers end it."""
    document = _read("<html><head><title>Comment</title><meta charset='utf-8'>\n<p>Body text.</p>")
    assert _lines(document) == [("Body text.", 2)]


def test_marked_sections_read_as_comments() -> None:
    """Word's conditional comments and CDATA ("<![if ...]>", "<![CDATA[...]]>") are comments, as browsers
    read them, even those the standard library's parser does not know."""
    source = "<p><![if !supportLists]>1.<![endif]> Shelters.</p><![CDATA[x]]><p>One<![ odd ]> two.</p>"
    assert [text for text, _ in _lines(_read(source))] == ["1. Shelters.", "One two."]


# ── headings ─────────────────────────────────────────────────────────────────────────────────────


def test_headings_are_heading_blocks_with_their_level() -> None:
    """h1 to h6 are HEADING blocks of their level, their text on one line; an empty heading is nothing."""
    source = "<h1>Report</h1>\n<h3>Protection\n<br>of victims</h3><h2></h2><p>Text.</p><h6>Six</h6>"
    blocks = _read(source).blocks
    assert [
        (block.kind, block.level, [(line.text, line.location.line) for line in block.lines])
        for block in blocks
    ] == [
        (BlockKind.HEADING, 1, [("Report", 1)]),
        (BlockKind.HEADING, 3, [("Protection of victims", 2)]),
        (BlockKind.TEXT, 0, [("Text.", 3), ("", 3)]),
        (BlockKind.HEADING, 6, [("Six", 3)]),
    ]


def test_a_heading_left_open_ends_at_the_next_heading() -> None:
    """A heading without its end tag ends where the next heading begins."""
    blocks = _read("<h2>First<h2>Second</h2><p>Text.</p>").blocks
    assert [(block.kind, block.lines[0].text) for block in blocks] == [
        (BlockKind.HEADING, "First"),
        (BlockKind.HEADING, "Second"),
        (BlockKind.TEXT, "Text."),
    ]


def test_headings_that_name_items_are_sections(pack: RulePack) -> None:
    """An h2 that names an item makes the text under it that item's answer, as in a draft."""
    source = (
        "<h2>Appropriate accommodation</h2>\n<p>Two State shelters with 60 beds accommodated 41 victims.</p>"
    )
    document = _read(source)
    layout = lay_out(document, pack)
    assert layout.kind is DocumentKind.DRAFT
    (section,) = layout.sections
    assert (section.kind, section.items, section.location) == (
        SectionKind.HEADING,
        ("protection.accommodation",),
        Location(line=1),
    )
    finding = next(
        item for item in audit(document, pack).findings if item.item_id == "protection.accommodation"
    )
    assert finding.status is Status.REPORTED and finding.evidence[0].start == Location(line=2)


# ── the ILO's published comments ─────────────────────────────────────────────────────────────────

COMMENT = """\
<div class="comment">
<h2>Direct Request (CEACR) - adopted 2023, published 112th ILC session (2024)</h2>
<h2>Protocol of 2014 to the Forced Labour Convention, 1930 - Marvonia (Ratification: 2020)</h2>
<p><b>Article 3. Protection of victims.</b> The Committee notes that a State shelter with 24 beds
was opened in 2022.</p>
<p><b>Article 4(1). Access to remedies.</b> The Committee notes that victims are entitled to free
legal aid under the Legal Aid Act of 2019.</p>
</div>
"""


def test_a_ceacr_comment_reads_in_order_with_its_run_in_headings(pack: RulePack) -> None:
    """A paragraph's bold run-in heading opens it and runs on into its text, so the segmenter sees the
    heading as a lead, and the paragraphs come in source order."""
    document = _read(COMMENT)
    assert [text for text, _ in _lines(document)][2:] == [
        "Article 3. Protection of victims. The Committee notes that a State shelter with 24 beds",
        "was opened in 2022.",
        "Article 4(1). Access to remedies. The Committee notes that victims are entitled to free",
        "legal aid under the Legal Aid Act of 2019.",
    ]
    leads = [(item.quote, item.start.line) for item in segment(lay_out(document, pack)) if item.lead]
    assert ("Protection of victims.", 4) in leads and ("Access to remedies.", 6) in leads


def test_the_example_comment_is_audited(pack: RulePack) -> None:
    """The bundled CEACR-style example: the shelter is reported, cited at its paragraph's source line."""
    example = FIXTURES / "examples" / "report.html"
    assert example.stat().st_size < 50_000
    result = audit(read_file(str(example)), pack)
    findings = {finding.item_id: finding for finding in result.findings}
    assert findings["protection.accommodation"].status is Status.REPORTED
    assert findings["protection.accommodation"].evidence[0].start == Location(line=27)
    assert findings["remedies.legal_aid"].status is Status.REPORTED


# ── encodings ────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("data", "warnings"),
    [
        pytest.param("<p>Government\u2019s report</p>".encode(), (), id="UTF-8"),
        pytest.param(codecs.BOM_UTF8 + "<p>Government\u2019s report</p>".encode(), (), id="UTF-8 BOM"),
        pytest.param(
            codecs.BOM_UTF16_LE + "<p>Government\u2019s report</p>".encode("utf-16-le"), (), id="UTF-16 BOM"
        ),
        pytest.param(
            b'<meta charset="windows-1252"><p>Government\x92s report</p>', (), id="declared windows-1252"
        ),
        pytest.param(
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>Government\x92s report</p>',
            (),
            id="iso-8859-1 read as windows-1252",
        ),
        pytest.param(
            b"<p>Government\x92s report</p>",
            ("read as windows-1252: the file is not UTF-8 and declares no charset it is valid in",),
            id="undeclared",
        ),
        pytest.param(
            '<meta charset="utf-8"><p>Government\u2019s report</p>'.encode(), (), id="declared UTF-8"
        ),
    ],
)
def test_the_page_is_decoded_as_declared_or_as_any_text(data: bytes, warnings: tuple[str, ...]) -> None:
    """A BOM decides, then a valid <meta charset>, then the rules for every text format."""
    document = html_reader.read("comment.html", data)
    assert [text for text, _ in _lines(document)] == ["Government\u2019s report"]
    assert document.warnings == warnings


@pytest.mark.parametrize(
    "codec", ["rot13", "hex", "base64", "zlib", "bz2", "uu", "quopri", "undefined", "punycode"]
)
def test_a_declared_codec_that_decodes_no_text_is_ignored_as_if_none_were_declared(codec: str) -> None:
    """`<meta charset="rot13">` names a codec Python knows, but of bytes to bytes ("hex", "zlib"), or one
    that fails whatever it is given ("undefined", "punycode" on markup): once an internal error, the page
    is now read as if it declared nothing."""
    data = f'<meta charset="{codec}"><p>Government\u2019s report</p>'.encode()
    document = html_reader.read("comment.html", data)
    assert [text for text, _ in _lines(document)] == ["Government\u2019s report"]
    assert document.warnings == ()


def test_a_page_with_nul_bytes_is_an_input_error() -> None:
    """Binary data named .html is an InputError naming the file, as for any text format."""
    with pytest.raises(InputError) as raised:
        html_reader.read("comment.html", b"<p>text\x00</p>")
    assert raised.value.path == "comment.html" and "binary data" in raised.value.message


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Shelters were opened.</p>\n<b class='x", [("Shelters were opened.", 1)]),
        ("<p>Shelters were opened.</p><!-- a note", [("Shelters were opened.", 1)]),
        ("<p>Shelters were opened. 3 < 4</p>", [("Shelters were opened. 3 < 4", 1)]),
    ],
)
def test_markup_left_open_at_the_end_shows_nothing(source: str, expected: list[tuple[str, int]]) -> None:
    """A tag or comment opened after the page's last ">" never closes: as in a browser, it shows nothing."""
    assert _lines(_read(source)) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("<meta " * 100_000, id="tags left open"),
        pytest.param("<p><!-- a" * 50_000, id="comments left open"),
        pytest.param("<div hidden>" * 30_000 + "</span>" * 30_000, id="stray end tags in hidden elements"),
    ],
)
def test_hostile_markup_reads_in_linear_time(source: str) -> None:
    """Markup that takes html.parser (before Python 3.13.4) or the hidden-element stack quadratic time,
    minutes for these, reads at once."""
    with no_hang(20):
        _read(source)


@settings(max_examples=examples(150), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' \n\rabdhlpstrvy12&;#!-")), max_size=200))
def test_any_markup_reads_with_lines_inside_the_source(source: str) -> None:
    """Whatever the markup, the reader gives lines with text, each cited at a line of the source."""
    document = _read(source)
    count = len(source.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for block in document.blocks:
        for line in block.lines:
            assert line.location.line is not None and 1 <= line.location.line <= count
            assert line.text == " ".join(line.text.split())


_TABLE_MARKUP = [
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "<h2>",
    "</h2>",
    "<p>",
    "<br>",
    "\n",
]


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_TABLE_MARKUP), st.integers(0, 999).map(lambda n: f" w{n} ")), max_size=40
    )
)
def test_every_word_of_any_table_markup_is_read_once(parts: list[str]) -> None:
    """However tables, rows, cells and headings are opened and closed (or not), every word shown is read,
    once: as a label, an answer, or text."""
    words = sorted(part.strip() for part in parts if part.startswith(" w"))
    document = _read("".join(parts))
    read_words = sorted(
        word for block in document.blocks for line in block.lines for word in line.text.split()
    )
    assert read_words == words


# ── the command line ─────────────────────────────────────────────────────────────────────────────


def test_cli_audits_html_with_line_citations(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`ilo-check audit FILE.html --format json` exits 0; every piece of evidence names its source line."""
    path = tmp_path / "comment.html"
    path.write_text(COMMENT, encoding="utf-8")
    code, out, err = run_main(capsys, "audit", str(path), "--format", "json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    jsonschema.validate(result, schema("result"))
    (report,) = result["reports"]
    assert report["format"] == "html"
    evidence = {item["id"]: item["evidence"] for item in report["items"]}
    assert evidence["protection.accommodation"][0]["line"] == 4
    every = [item for items in evidence.values() for item in items]
    assert every and all(isinstance(item["line"], int) and "page" not in item for item in every)


def test_cli_bad_html_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Binary data named .htm exits 2 with exactly one line on stderr, naming the file."""
    path = tmp_path / "comment.htm"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, out, err = run_main(capsys, "audit", str(path))
    assert (code, out) == (2, "")
    assert err == f"ilo-check: error: {path}: binary data (a NUL byte at offset 8), not a text report\n"
