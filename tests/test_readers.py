"""Readers turn bytes into a Document: decoded text, lines numbered as in an editor, blocks by format."""

from __future__ import annotations

import codecs
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker import limits
from checker.cli import main
from checker.errors import InputError
from checker.model import Block, BlockKind, Document, DocumentKind, Metadata, Paragraphs, Status
from checker.readers import READERS, markdown, read, read_file, structured, text
from checker.readers.encoding import decode, split_lines
from tests.conftest import FIXTURES, examples, no_hang


def _lines(block: Block) -> list[tuple[str, int | None]]:
    """A block's lines as (text, line number) pairs."""
    return [(line.text, line.location.line) for line in block.lines]


def _only_block(document: Document) -> Block:
    assert len(document.blocks) == 1
    return document.blocks[0]


# ── plain text ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"one\ntwo\nthree", [("one", 1), ("two", 2), ("three", 3)], id="LF"),
        pytest.param(b"one\r\ntwo\r\nthree", [("one", 1), ("two", 2), ("three", 3)], id="CRLF"),
        pytest.param(b"one\rtwo\rthree", [("one", 1), ("two", 2), ("three", 3)], id="CR"),
        pytest.param(
            b"one\r\ntwo\rthree\nfour", [("one", 1), ("two", 2), ("three", 3), ("four", 4)], id="mixed"
        ),
        pytest.param(b"one\n\n\ntwo", [("one", 1), ("", 2), ("", 3), ("two", 4)], id="blank lines"),
        pytest.param(b"one\r\r\ntwo", [("one", 1), ("", 2), ("two", 3)], id="CR then CRLF"),
        pytest.param(b"one\n", [("one", 1), ("", 2)], id="final line break"),
        pytest.param(b"", [("", 1)], id="empty"),
        pytest.param(
            "a\u2028b\u0085c\x0bd\x1ce".encode(),
            [("a\u2028b\u0085c\x0bd\x1ce", 1)],
            id="no other line breaks",
        ),
    ],
)
def test_text_lines_are_numbered_as_an_editor_numbers_them(
    data: bytes, expected: list[tuple[str, int]]
) -> None:
    """Lines split at \\r\\n, \\r and \\n only, and are numbered from 1."""
    document = text.read("report.txt", data)
    assert (document.source, document.format) == ("report.txt", "text")
    block = _only_block(document)
    assert block.kind is BlockKind.TEXT
    assert _lines(block) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"page one\n\fpage two\nstill two\n\fpage three",
            [("page one", 1, 1), (" page two", 2, 2), ("still two", 3, 2), (" page three", 4, 3)],
            id="pdftotext",
        ),
        pytest.param(b"one\ftwo\nthree", [("one two", 1, 1), ("three", 2, 2)], id="inside a line"),
        pytest.param(b"one\n\f\fthree", [("one", 1, 1), ("  three", 2, 3)], id="an empty page"),
        pytest.param(b"one\n\f", [("one", 1, 1), (" ", 2, 2)], id="at the end"),
    ],
)
def test_a_form_feed_starts_a_page_but_not_a_line(data: bytes, expected: list[tuple[str, int, int]]) -> None:
    """A form feed is read as a space on the same line; the text after it is on the next page."""
    block = _only_block(text.read("report.txt", data))
    assert [(line.text, line.location.line, line.location.page) for line in block.lines] == expected


def test_text_without_form_feeds_has_no_pages() -> None:
    """Lines of a text with no form feed carry no page number."""
    block = _only_block(text.read("report.txt", b"one\ntwo"))
    assert [line.location.page for line in block.lines] == [None, None]


# ── decoding ─────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("data", "expected_text", "encoding"),
    [
        pytest.param("Ministry\u2019s plan".encode(), "Ministry\u2019s plan", "utf-8", id="UTF-8"),
        pytest.param(
            codecs.BOM_UTF8 + "Ministry\u2019s".encode(), "Ministry\u2019s", "utf-8", id="UTF-8 BOM"
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + "Ministry\u2019s\r\nplan".encode("utf-16-le"),
            "Ministry\u2019s\r\nplan",
            "utf-16-le",
            id="UTF-16 LE",
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + "Ministry\u2019s".encode("utf-16-be"),
            "Ministry\u2019s",
            "utf-16-be",
            id="UTF-16 BE",
        ),
        pytest.param(
            codecs.BOM_UTF32_LE + "Ministry\u2019s".encode("utf-32-le"),
            "Ministry\u2019s",
            "utf-32-le",
            id="UTF-32 LE",
        ),
        pytest.param(b"Ministry\x92s", "Ministry\u2019s", "windows-1252", id="Windows-1252 quote"),
        pytest.param(
            b"Caf\xe9 \x93a\x94 \x96 \x80", "Caf\u00e9 \u201ca\u201d \u2013 \u20ac", "windows-1252", id="1252"
        ),
        pytest.param(b"a\x81b\x9dc", "a\x81b\x9dc", "windows-1252", id="undefined bytes as Latin-1"),
    ],
)
def test_decode_reads_boms_utf8_and_falls_back_to_windows_1252(
    data: bytes, expected_text: str, encoding: str
) -> None:
    """A BOM decides the encoding; otherwise strict UTF-8; otherwise Windows-1252 (Latin-1 for its gaps)."""
    assert decode(data, "report.txt") == (expected_text, encoding)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"Report\x00text", "binary data (a NUL byte at offset 6), not a text report", id="NUL"),
        pytest.param(b"\x00", "binary data (a NUL byte at offset 0), not a text report", id="only NUL"),
        pytest.param(
            "no BOM".encode("utf-16-le"),
            "binary data (a NUL byte at offset 1), not a text report",
            id="UTF-16 no BOM",
        ),
        pytest.param(codecs.BOM_UTF8 + b"ok \xff", "invalid utf-8 text at byte 6", id="bad UTF-8 after BOM"),
        pytest.param(codecs.BOM_UTF16_LE + b"a", "invalid utf-16-le text at byte 2", id="odd UTF-16"),
    ],
)
def test_binary_data_is_an_input_error(data: bytes, message: str) -> None:
    """A NUL byte outside UTF-16/32, or bytes invalid in the BOM's encoding, is an InputError naming the file."""
    with pytest.raises(InputError) as raised:
        text.read("report.txt", data)
    assert (raised.value.message, raised.value.path) == (message, "report.txt")


@pytest.mark.parametrize(
    ("data", "warnings"),
    [
        (b"Ministry\x92s plan", ("read as windows-1252: the file is not UTF-8",)),
        ("Ministry\u2019s plan".encode(), ()),
        (codecs.BOM_UTF16_LE + "Ministry\u2019s plan".encode("utf-16-le"), ()),
    ],
)
def test_a_text_not_in_utf8_is_read_with_a_warning(data: bytes, warnings: tuple[str, ...]) -> None:
    """A report read as Windows-1252 says so in its warnings; its text is the same either way."""
    document = text.read("report.txt", data)
    assert document.warnings == warnings
    assert _lines(_only_block(document)) == [("Ministry\u2019s plan", 1)]


SPACED = "Shelters  [2Jwere  opened  in 2023. "  # each control character a space


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param("r.txt", b"Shelters \x1b[2Jwere\x07 opened\x0b in 2023.\x7f", SPACED, id="text"),
        pytest.param("r.md", b"Shelters \x1b[2Jwere\x07 opened\x0b in 2023.\x7f", SPACED, id="markdown"),
        pytest.param(
            "r.html",
            b"<p>Shelters &#27;[2Jwere&#7; opened&#11; in 2023.&#127;</p>",
            "Shelters [2Jwere opened in 2023.",  # HTML collapses white space
            id="HTML entities",
        ),
        pytest.param(
            "r.json",
            b'{"answers": {"protection.accommodation": "Shelters \\u001b[2Jwere\\u0007 opened\\u000b in 2023.\\u007f"}}',
            SPACED,
            id="JSON escapes",
        ),
    ],
)
def test_control_characters_are_read_as_spaces(name: str, data: bytes, expected: str) -> None:
    """A control character in a report (an escape sequence would drive the terminal that shows the
    quote) is read as a space: the words and their columns stay."""
    lines = [line.text for block in read(name, data).blocks for line in block.lines if line.text.strip()]
    assert lines == [expected]


def test_control_characters_in_metadata_are_read_as_spaces() -> None:
    """The country a draft names is printed in every heading: it is cleaned as the text is."""
    document = read("r.json", b'{"country": "Estavia\\u001b[2J", "answers": {}}')
    assert document.metadata.country == "Estavia [2J"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("r.txt", "Shelters \u202ewere\u2066 opened\u2069 in 2023.".encode(), id="text"),
        pytest.param(
            "r.json", b'{"answers": {"x.y": "Shelters \\u202ewere\\u2066 opened\\u2069 in 2023."}}', id="JSON"
        ),
    ],
)
def test_bidirectional_overrides_are_read_as_spaces(name: str, data: bytes) -> None:
    """A right-to-left override or an isolate would reorder how a quote reads on screen ("Trojan
    Source"): each is read as a space."""
    lines = [line.text for block in read(name, data).blocks for line in block.lines if line.text.strip()]
    assert lines == ["Shelters  were  opened  in 2023."]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("r.json", b'{"answers": {"x.y": "Data on forced labour \\ud83d cases."}}', id="JSON"),
        pytest.param("r.yaml", b'answers:\n  x.y: "Data on forced labour \\ud83d cases."\n', id="YAML"),
    ],
)
def test_half_a_character_is_read_as_the_replacement_character(name: str, data: bytes) -> None:
    """A lone surrogate (an emoji cut in two by the tool that wrote the JSON) can be encoded by no
    output: it is read as U+FFFD, and the answer is audited."""
    lines = [line.text for block in read(name, data).blocks for line in block.lines if line.text.strip()]
    assert lines == ["Data on forced labour \ufffd cases."]


def test_a_file_name_s_undecodable_bytes_are_read_as_the_replacement_character() -> None:
    """A report's name is printed in every output: an undecodable byte (half a character, as Python
    decodes it) is read as U+FFFD, so that JSON stays UTF-8. An escape stays, for the human formats to
    show escaped (see test_reporters)."""
    document = read("bad\udcff\x1b[31m.txt", b"Shelters were opened in 2023.")
    assert document.source == "bad\ufffd\x1b[31m.txt"


def test_split_lines_splits_at_editor_line_breaks_only() -> None:
    """split_lines splits at \\r\\n, \\r and \\n and keeps every other character."""
    assert split_lines("a\r\nb\rc\nd\fe\u2028f") == ["a", "b", "c", "d\fe\u2028f"]


# ── Markdown ─────────────────────────────────────────────────────────────────────────────────────

DRAFT = """\
---
instrument: P029
country: Examplestan
years: [2024, 2025]
---
# P029 report

Intro text <!-- a reviewer's note
spanning lines --> after.

Setext one
==========

Setext two
----------

### prevention.awareness \u2014 Awareness raising ###
Seminars were held.
```
# not a heading
```
| a | b |
|---|---|
"""


@pytest.fixture(scope="module")
def draft() -> Document:
    """DRAFT, read."""
    return markdown.read("draft.md", DRAFT.encode())


def test_markdown_front_matter_gives_metadata(draft: Document) -> None:
    """YAML front matter gives the instrument, country and years."""
    assert draft.metadata == Metadata(country="Examplestan", years=("2024", "2025"), instrument="P029")
    assert draft.format == "markdown"


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("country: X\nyear: 2024", Metadata(country="X", years=("2024",))),
        ("years: [2017, null]", Metadata(years=("2017",))),
        ("", Metadata()),
        ("title: A report", Metadata()),
    ],
)
def test_front_matter_fields_are_optional(front_matter: str, expected: Metadata) -> None:
    """Each metadata field may be left out, and a single `year` is read as the years."""
    document = markdown.read("draft.md", f"---\n{front_matter}\n---\nText.\n".encode())
    assert document.metadata == expected
    assert _lines(document.blocks[-1])[0] == ("Text.", front_matter.count("\n") + 4)


def test_markdown_headings_become_heading_blocks_with_levels(draft: Document) -> None:
    """ATX and setext headings are HEADING blocks with their level, text and line."""
    headings = [(block.level, *_lines(block)[0]) for block in draft.blocks if block.kind is BlockKind.HEADING]
    assert headings == [
        (1, "P029 report", 6),
        (1, "Setext one", 11),
        (2, "Setext two", 14),
        (3, "prevention.awareness \u2014 Awareness raising", 17),
    ]


def test_markdown_comments_are_blanked_in_place(draft: Document) -> None:
    """An HTML comment becomes spaces, so every other character keeps its line and column."""
    intro = draft.blocks[1]
    assert intro.kind is BlockKind.TEXT
    first, second = DRAFT.split("\n")[7:9]
    assert _lines(intro) == [
        ("", 7),
        ("Intro text".ljust(len(first)), 8),
        ("after.".rjust(len(second)), 9),
        ("", 10),
    ]


def test_fenced_code_and_tables_are_not_headings(draft: Document) -> None:
    """A `#` line inside a fence is text, and a table's rule line is not a setext underline."""
    last = draft.blocks[-1]
    assert last.kind is BlockKind.TEXT
    assert _lines(last) == [
        ("Seminars were held.", 18),
        ("# not a heading", 20),
        ("| a | b |", 22),
        ("", 23),
        ("", 24),
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# One", [(BlockKind.HEADING, 1, "One")]),
        ("###### Six", [(BlockKind.HEADING, 6, "Six")]),
        ("   ## Indented ##  ", [(BlockKind.HEADING, 2, "Indented")]),
        ("#", [(BlockKind.HEADING, 1, "")]),
        ("## C#", [(BlockKind.HEADING, 2, "C#")]),
        ("## #", [(BlockKind.HEADING, 2, "#")]),
        ("##\tTabbed\t#\t", [(BlockKind.HEADING, 2, "Tabbed")]),
        ("####### Seven", [(BlockKind.TEXT, 0, "####### Seven")]),
        ("#hashtag", [(BlockKind.TEXT, 0, "#hashtag")]),
        ("    # code", [(BlockKind.TEXT, 0, "    # code")]),
        ("Title\n===", [(BlockKind.HEADING, 1, "Title")]),
        ("Title\n---", [(BlockKind.HEADING, 2, "Title")]),
        ("<!-- # hidden -->", [(BlockKind.TEXT, 0, " " * 17)]),
    ],
)
def test_which_lines_are_headings(source: str, expected: list[tuple[BlockKind, int, str]]) -> None:
    """ATX headings need one to six `#` and a space; setext headings an underline of `=` or `-`."""
    blocks = markdown.read("draft.md", source.encode()).blocks
    assert [(block.kind, block.level, block.lines[0].text) for block in blocks] == expected


@pytest.mark.parametrize(
    ("source", "message", "line", "column"),
    [
        pytest.param(
            "---\ncountry: Examplestan\nyears: [2024\n---\n",
            "invalid YAML: expected ',' or ']', but got '<stream end>'",
            3,
            13,
            id="invalid YAML",
        ),
        pytest.param(
            "---\ncountry: X\ncountry: Y\n---\n", "duplicate key 'country'", 3, 1, id="duplicate key"
        ),
        pytest.param("---\n- a\n- b\n---\n", "front matter must be a mapping", 2, 1, id="a list"),
        pytest.param("---\ncountry: \x01\n---\n", "invalid YAML", 2, None, id="control character"),
    ],
)
def test_front_matter_errors_point_at_the_file_line(
    source: str, message: str, line: int, column: int | None
) -> None:
    """An error in front matter is an InputError at the line of the Markdown file, not of the YAML."""
    with pytest.raises(InputError) as raised:
        markdown.read("draft.md", source.encode())
    assert raised.value.message.startswith(message)
    assert (raised.value.path, raised.value.line) == ("draft.md", line)
    if column is not None:
        assert raised.value.column == column


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("# a" + " " * 200_000 + "x", id="a heading with a run of spaces"),
        pytest.param(" " * 200_000 + "x", id="a line of spaces"),
        pytest.param("---" + " " * 200_000 + "x", id="a table rule with a run of spaces"),
        pytest.param("<!-- " * 100_000, id="comments left open"),
        pytest.param("<!-- ilo-check: ignore x " * 20_000, id="directives left open"),
    ],
)
def test_hostile_markdown_reads_in_linear_time(source: str) -> None:
    """Lines and comments that made the patterns take quadratic time (minutes for these) read at once."""
    with no_hang(20):
        markdown.read("draft.md", source.encode())


def test_suppressions_are_placed_at_lines_whatever_the_line_breaks() -> None:
    """A suppression's line is counted as an editor counts it, with CR, CRLF or LF line breaks."""
    source = "# Draft\r\rText.\r\n<!-- ilo-check: ignore x.y -- accepted -->\n<!-- ilo-check: ignore z.w -- too -->"
    suppressions = markdown.read("draft.md", source.encode()).suppressions
    assert [(item.item_id, item.origin) for item in suppressions] == [
        ("x.y", "draft.md:4"),
        ("z.w", "draft.md:5"),
    ]


def test_an_unclosed_front_matter_fence_is_text() -> None:
    """A leading `---` without a closing fence is not front matter (the rule itself is blanked)."""
    document = markdown.read("draft.md", b"---\ncountry: X\n")
    assert document.metadata == Metadata()
    assert [(block.kind, _lines(block)) for block in document.blocks] == [
        (BlockKind.TEXT, [("", 1), ("country: X", 2), ("", 3)])
    ]


# ── structured submissions ───────────────────────────────────────────────────────────────────────

SUBMISSION = """\
instrument: P029
country: Examplestan
years: [2025]
prepared_by: Ministry of Labour
answers:
  ratification.status: Ratified on 12 March 2016.
  reporting.obligations: "Reports were sent on time."
  observations.employers: 'None received.'
  prevention.awareness:
    status: reported
    text: |
      Seminars on forced labour
      were held in 55 cities.
  policy.data: >
    Data are collected
    every year.
  remedies.legal_aid:
    text: |-

      Free legal aid.
  protection.legal: ''
  protection.material:
    status: partial
    text: Plain text answer.
  protection.children:
    status: negative
"""


@pytest.fixture(scope="module")
def submission() -> Document:
    """SUBMISSION, read."""
    return structured.read("submission.yaml", SUBMISSION.encode())


def test_structured_metadata_is_read(submission: Document) -> None:
    """A submission's instrument, country and years are its metadata; other top-level keys are allowed."""
    assert submission.format == "structured"
    assert submission.metadata == Metadata(country="Examplestan", years=("2025",), instrument="P029")


@pytest.mark.parametrize(
    ("item_id", "declared", "lines"),
    [
        pytest.param("ratification.status", None, [("Ratified on 12 March 2016.", 6)], id="plain"),
        pytest.param("reporting.obligations", None, [("Reports were sent on time.", 7)], id="double-quoted"),
        pytest.param("observations.employers", None, [("None received.", 8)], id="single-quoted"),
        pytest.param(
            "prevention.awareness",
            Status.REPORTED,
            [("Seminars on forced labour", 12), ("were held in 55 cities.", 13)],
            id="literal block",
        ),
        pytest.param("policy.data", None, [("Data are collected every year.", 15)], id="folded block"),
        pytest.param(
            "remedies.legal_aid", None, [("", 19), ("Free legal aid.", 20)], id="leading blank line"
        ),
        pytest.param("protection.legal", None, [], id="empty"),
        pytest.param("protection.material", Status.PARTIAL, [("Plain text answer.", 24)], id="mapping"),
        pytest.param("protection.children", Status.NEGATIVE, [], id="status only"),
    ],
)
def test_answers_become_answer_blocks_at_their_file_lines(
    submission: Document, item_id: str, declared: Status | None, lines: list[tuple[str, int]]
) -> None:
    """Each answer is an ANSWER block for its item, its lines numbered where the text stands in the file."""
    blocks = {block.item_id: block for block in submission.blocks}
    assert all(block.kind is BlockKind.ANSWER for block in submission.blocks)
    assert blocks[item_id].declared is declared
    assert _lines(blocks[item_id]) == lines


def test_answers_keep_the_file_order(submission: Document) -> None:
    """Answer blocks come in the order the file gives them."""
    assert [block.item_id for block in submission.blocks] == [
        "ratification.status",
        "reporting.obligations",
        "observations.employers",
        "prevention.awareness",
        "policy.data",
        "remedies.legal_aid",
        "protection.legal",
        "protection.material",
        "protection.children",
    ]


def test_a_submission_without_years_has_no_years() -> None:
    """A submission that names no report year has none in its metadata."""
    document = structured.read("submission.yaml", b"answers:\n  ratification.status: Ratified in 2016.\n")
    assert document.metadata == Metadata()


def test_json_submissions_are_read() -> None:
    """A JSON submission gives the same blocks, at its own lines."""
    data = b'{\n  "country": "Examplestan",\n  "answers": {\n    "ratification.status": "Ratified in 2016."\n  }\n}\n'
    document = structured.read("submission.json", data)
    assert document.metadata.country == "Examplestan"
    assert [(block.item_id, _lines(block)) for block in document.blocks] == [
        ("ratification.status", [("Ratified in 2016.", 4)])
    ]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("answers:\n  x.y: &a |\n    first\n    second\n", id="anchored"),
        pytest.param("answers:\n  x.y: !!str |\n    first\n    second\n", id="tagged"),
    ],
)
def test_an_anchored_or_tagged_block_scalar_starts_on_the_next_line(source: str) -> None:
    """A block scalar's text starts on the line after its indicator, whatever precedes the indicator."""
    block = _only_block(structured.read("submission.yaml", source.encode()))
    assert _lines(block) == [("first", 3), ("second", 4)]


@pytest.mark.parametrize(
    ("name", "data", "message", "line", "column"),
    [
        pytest.param(
            "s.json",
            b'{"answers": {"x.y": "a"},}',
            "invalid JSON: Expecting property name enclosed in double quotes",
            1,
            26,
            id="trailing comma",
        ),
        pytest.param(
            "s.json",
            b'{\n  "answers": {\n    "x.y": "a"\n  }\n  "z": 1\n}',
            "invalid JSON: Expecting ',' delimiter",
            5,
            3,
            id="missing comma",
        ),
        pytest.param(
            "s.json",
            b"[1, 2]",
            "a structured submission must be a mapping with 'answers', not list",
            1,
            1,
            id="JSON list",
        ),
        pytest.param(
            "s.yaml",
            b"- answers: {}\n",
            "a structured submission must be a mapping with 'answers', not list",
            1,
            1,
            id="YAML list",
        ),
        pytest.param(
            "s.yaml",
            b"",
            "a structured submission must be a mapping with 'answers', not empty",
            1,
            1,
            id="empty",
        ),
        pytest.param("s.yaml", b"country: X\n", "missing required key 'answers'", 1, 1, id="no answers"),
        pytest.param(
            "s.yaml",
            b"answers:\n  x.y:\n    status: bogus\n    text: t\n",
            "answers.x.y.status: 'bogus' is not one of ['reported', 'partial', 'negative']",
            3,
            13,
            id="unknown status",
        ),
        pytest.param(
            "s.json",
            b'{"answers": {"x.y": "one", "x.y": "two"}}',
            "duplicate key 'x.y'",
            1,
            28,
            id="duplicate",
        ),
        pytest.param(
            "s.yaml", b'answers:\n  x.y: "a\x07"\n', "invalid YAML", 2, None, id="control character"
        ),
        pytest.param("s.yaml", b"answers:\n  x.y: 2020-02-30\n", "", 2, None, id="impossible date"),
    ],
)
def test_malformed_submissions_are_input_errors(
    name: str, data: bytes, message: str, line: int, column: int | None
) -> None:
    """Invalid JSON or YAML, or a submission of the wrong shape, is an InputError at line and column."""
    with pytest.raises(InputError) as raised:
        structured.read(name, data)
    assert raised.value.message.startswith(message)
    assert (raised.value.path, raised.value.line) == (name, line)
    if column is not None:
        assert raised.value.column == column


_SENTENCE = "Seminars on forced labour were held in 55 cities by the labour inspectorate. "


def _long_text(size: int) -> str:
    return (_SENTENCE * (size // len(_SENTENCE) + 1))[:size]


def _aliased_draft(aliases: int, size: int) -> str:
    """A draft whose one answer of `size` characters (on line 5) is repeated under `aliases` other ids."""
    lines = ["instrument: P029", "country: Examplestan", "years: [2025]", "answers:"]
    lines.append(f'  ratification.status: &a "{_long_text(size)}"')
    lines += [f"  bogus.{number:05d}: *a" for number in range(aliases)]
    return "\n".join(lines) + "\n"


def test_a_draft_of_one_text_repeated_by_aliases_is_refused_before_its_text_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20,000 aliases of one 10 KB answer: 370 KB of YAML that expands to 200 million characters (the
    audit took minutes and gigabytes). It is refused in one line at the repeated text's place, exit 2,
    before any answer's text is built."""
    path = tmp_path / "draft.yaml"
    path.write_text(_aliased_draft(20_000, 10_240), encoding="utf-8")
    assert path.stat().st_size < 400_000

    def built(*args: object) -> object:
        raise AssertionError("an answer's text was built")

    monkeypatch.setattr(structured, "_text_lines", built)
    with no_hang(120), CliRunner().isolation(env={"NO_COLOR": "1", "ILO_CHECK_RULES": None}) as streams:
        code = main(["audit", str(path), "--format", "json"])
        sys.stdout.flush()
        sys.stderr.flush()
    out, err = (stream.getvalue().decode("utf-8") for stream in streams[:2])
    assert (code, out) == (2, ""), err
    assert err == (
        f"ilo-check: error: {path}:5:24: document expands to too much text "
        f"(over {limits.MAX_YAML_CHARACTERS:,} characters with its aliases expanded: "
        "aliases repeated beyond any real report)\n"
    )


@pytest.mark.parametrize("name", ["draft.yaml", "draft.json"])
def test_a_draft_without_aliases_never_meets_the_character_limit_before_its_size_limit(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML written out, or JSON, which has no aliases, holds no more characters than its bytes: with
    the limit lowered to its own length, a draft of 200 long answers is still read whole."""
    answers = {f"unknown.{number:03d}": _long_text(10_240) for number in range(200)}
    if name.endswith(".json"):
        data = json.dumps({"country": "Examplestan", "answers": answers}, indent=1)
    else:
        data = "country: Examplestan\nanswers:\n" + "".join(
            f"  {item}: >-\n    {text}\n" for item, text in answers.items()
        )
    monkeypatch.setattr(limits, "MAX_YAML_CHARACTERS", len(data))
    document = structured.read(name, data.encode())
    assert {block.item_id: block.lines[0].text for block in document.blocks} == answers


# ── files ────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "data", "expected_format"),
    [
        ("report.txt", b"Text.", "text"),
        ("REPORT.TEXT", b"Text.", "text"),
        ("draft.md", b"# Title", "markdown"),
        ("draft.markdown", b"# Title", "markdown"),
        ("submission.yaml", b"answers: {}", "structured"),
        ("submission.yml", b"answers: {}", "structured"),
        ("submission.json", b'{"answers": {}}', "structured"),
    ],
)
def test_read_file_chooses_the_reader_by_ending(
    tmp_path: Path, name: str, data: bytes, expected_format: str
) -> None:
    """read_file reads a file in the format its ending names, with the path as the document's source."""
    path = tmp_path / name
    path.write_bytes(data)
    document = read_file(str(path))
    assert (document.source, document.format) == (str(path), expected_format)


# Each reader's format: a file it reads, and what it must say of the document.
_SAID_BY_READER = {
    "docx": ("report.docx", (FIXTURES / "examples" / "report.docx").read_bytes(), Paragraphs.WHOLE, None),
    "html": ("report.html", (FIXTURES / "examples" / "report.html").read_bytes(), Paragraphs.WHOLE, None),
    "pdf": ("report.pdf", (FIXTURES / "examples" / "report.pdf").read_bytes(), Paragraphs.LOOSE, None),
    "markdown": ("draft.md", b"# Ratification\n\nRatified.\n", Paragraphs.LOOSE, None),
    "text": ("report.txt", b"Shelters were opened.\n", Paragraphs.LOOSE, None),
    "structured": ("submission.yaml", b"answers: {}", Paragraphs.LOOSE, DocumentKind.STRUCTURED),
}


@pytest.mark.parametrize("format_name", sorted(READERS))
def test_each_reader_says_how_its_paragraphs_end_sentences(format_name: str) -> None:
    """Word documents and web pages end a sentence at each paragraph, PDFs, text and Markdown may not; a
    structured submission says it is one, whatever its answers. A new reader is listed here too."""
    name, data, paragraphs, kind = _SAID_BY_READER[format_name]
    document = read(name, data)
    assert (document.format, document.paragraphs, document.kind) == (format_name, paragraphs, kind)


# An OLE2 compound file's header: what a legacy Word .doc (or a .docx with a password) starts with.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
_LEGACY_WORD = "a legacy Word .doc (or a password-protected Word file), which cannot be read"


@pytest.mark.parametrize(
    "name", ["report.doc", "report.DOC", "report.docx", "report.txt", "report.pdf", "report"]
)
def test_a_legacy_word_file_is_refused_whatever_its_name(tmp_path: Path, name: str) -> None:
    """A legacy Word file is told by its bytes and refused with how to re-save it as .docx, whatever its name."""
    path = tmp_path / name
    path.write_bytes(_OLE2)
    with pytest.raises(InputError) as raised:
        read_file(str(path))
    assert raised.value.path == str(path)
    assert raised.value.message == _LEGACY_WORD
    assert "save it as 'Word Document (*.docx)'" in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("report.doc", "Word .doc"), ("report.RTF", "Rich Text (.rtf)"), ("report.odt", "OpenDocument (.odt)")],
)
def test_a_word_processor_s_other_format_says_how_to_re_save_it(tmp_path: Path, name: str, kind: str) -> None:
    """A .doc that is not an OLE2 file (RTF or HTML that Word saved), an .rtf or an .odt is refused by its
    ending with how to re-save it as .docx, not as an unknown ending."""
    path = tmp_path / name
    path.write_bytes(b"{\\rtf1 The Government ratified the Protocol.}")
    with pytest.raises(InputError) as raised:
        read_file(str(path))
    assert raised.value.message == f"a {kind} file, which cannot be read"
    assert "save it as 'Word Document (*.docx)'" in str(raised.value)


def test_a_legacy_word_file_is_refused_in_any_requested_format() -> None:
    """Named as text, or read as text from standard input, a legacy Word file is refused the same way."""
    with pytest.raises(InputError, match=r"a legacy Word \.doc"):
        read("<stdin>", _OLE2, "text")


def test_a_requested_format_overrides_the_ending(tmp_path: Path) -> None:
    """An explicit format reads a file whatever its ending."""
    path = tmp_path / "report.dat"
    path.write_bytes(b"# Title\nText.")
    document = read_file(str(path), "markdown")
    assert [block.kind for block in document.blocks] == [BlockKind.HEADING, BlockKind.TEXT]


@pytest.mark.parametrize(
    ("name", "setup", "requested", "message"),
    [
        pytest.param("missing.txt", None, None, "no such file", id="missing"),
        pytest.param("folder.txt", "folder", None, "is a folder, not a report", id="folder"),
        pytest.param(
            "report.xyz", "file", None, "cannot tell the format from the ending '.xyz'", id="unknown ending"
        ),
        pytest.param(
            "report", "file", None, "cannot tell the format from the ending '(none)'", id="no ending"
        ),
        pytest.param("report.txt", "file", "odt", "unknown input format 'odt'", id="unknown format"),
    ],
)
def test_unreadable_files_are_input_errors_naming_the_path(
    tmp_path: Path, name: str, setup: str | None, requested: str | None, message: str
) -> None:
    """A missing file, a folder or an unknown format is an InputError whose one line starts with the path."""
    path = tmp_path / name
    if setup == "folder":
        path.mkdir()
    elif setup == "file":
        path.write_bytes(b"Text.")
    with pytest.raises(InputError) as raised:
        read_file(str(path), requested)
    assert raised.value.path == str(path)
    assert raised.value.message == message
    assert str(raised.value).startswith(f"{path}: {message}")


def test_read_reads_bytes_given_with_a_path() -> None:
    """read() reads bytes already in hand as the format the path's ending names."""
    document = read("draft.md", b"## prevention.awareness\nText.")
    assert [(block.kind, block.level) for block in document.blocks] == [
        (BlockKind.HEADING, 2),
        (BlockKind.TEXT, 0),
    ]


# ── properties ───────────────────────────────────────────────────────────────────────────────────


@settings(max_examples=examples(200), deadline=None)
@given(st.binary())
@example(codecs.BOM_UTF32_BE + b"\x00\x00\xd8\x00")
@example(b"\xff\xfe\x00\xd8")
@example(b"a\rb\r\n\fc\x00")
def test_the_text_reader_reads_any_bytes_or_raises_input_error(data: bytes) -> None:
    """Any bytes given to the text reader give a Document, or an InputError naming the file."""
    try:
        document = text.read("report.txt", data)
    except InputError as error:
        assert error.path == "report.txt"
        return
    assert isinstance(document, Document)
    assert [line.location.line for line in document.blocks[0].lines] == list(
        range(1, len(document.blocks[0].lines) + 1)
    )


# ── suppressions ─────────────────────────────────────────────────────────────────────────────────

_NEEDS_A_REASON = "<!-- ilo-check: ignore ITEM -- why the gap is accepted -->"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "# Draft\n\n<!-- ilo-check: ignore promotion.activities -- none planned -->\n",
            [("promotion.activities", "none planned", "d.md:3")],
            id="one item",
        ),
        pytest.param(
            "<!-- ilo-check: ignore protection.legal, protection.material -- not this cycle -->",
            [
                ("protection.legal", "not this cycle", "d.md:1"),
                ("protection.material", "not this cycle", "d.md:1"),
            ],
            id="several items, commas",
        ),
        pytest.param(
            "<!--ilo-check:ignore protection.legal protection.material -- not this cycle-->",
            [
                ("protection.legal", "not this cycle", "d.md:1"),
                ("protection.material", "not this cycle", "d.md:1"),
            ],
            id="several items, spaces, tight",
        ),
        pytest.param(
            "x\n<!-- ilo-check: ignore promotion.activities\n     -- no activity is planned\n        before ratification -->\n"
            "<!-- ilo-check: ignore technical_cooperation.offer -- none -->",
            [
                ("promotion.activities", "no activity is planned before ratification", "d.md:2"),
                ("technical_cooperation.offer", "none", "d.md:5"),
            ],
            id="over several lines, then another",
        ),
        pytest.param(
            "<!-- ilo-check: ignore remedies.cost_free -- costs -- and fees -->",
            [("remedies.cost_free", "costs -- and fees", "d.md:1")],
            id="the first -- separates the reason",
        ),
        pytest.param("<!-- a reviewer's note: ignore this -->\n<!-- ilo-check -->", [], id="other comments"),
    ],
)
def test_markdown_suppressions_are_read(text: str, expected: list[tuple[str, str, str]]) -> None:
    """`<!-- ilo-check: ignore ITEM[, ITEM] -- reason -->` suppresses each item with the reason, at FILE:LINE."""
    assert [
        (item.item_id, item.reason, item.origin) for item in markdown.suppressions_in(text, "d.md")
    ] == expected


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        pytest.param(
            "a\nb\n<!-- ilo-check: ignore promotion.activities -->",
            3,
            "a suppression needs an item and a reason",
            _NEEDS_A_REASON,
            id="no reason",
        ),
        pytest.param(
            "<!-- ilo-check: ignore promotion.activities --   \n  -->",
            1,
            "a suppression needs an item and a reason",
            _NEEDS_A_REASON,
            id="a blank reason",
        ),
        pytest.param(
            "<!-- ilo-check: ignore promotion.activities --no space -->",
            1,
            "a suppression needs an item and a reason",
            _NEEDS_A_REASON,
            id="a reason not set apart",
        ),
        pytest.param(
            "\n<!-- ilo-check: ignore -- a reason for nothing -->",
            2,
            "a suppression needs an item and a reason",
            _NEEDS_A_REASON,
            id="no item",
        ),
        pytest.param(
            "<!-- ilo-check: disable promotion.activities -- no -->",
            1,
            "unknown ilo-check directive 'disable'",
            "'ignore' is the only one",
            id="unknown directive",
        ),
        pytest.param(
            "<!-- ilo-check: Ignore promotion.activities -- no -->",
            1,
            "unknown ilo-check directive 'Ignore'",
            "'ignore' is the only one",
            id="directives are lower case",
        ),
    ],
)
def test_bad_markdown_suppressions_are_input_errors(text: str, line: int, message: str, hint: str) -> None:
    """A suppression without an item or a reason, or an unknown directive, is an InputError at FILE:LINE."""
    with pytest.raises(InputError) as raised:
        markdown.suppressions_in(text, "d.md")
    error = raised.value
    assert (error.path, error.line, error.message, error.hint) == ("d.md", line, message, hint)
    assert str(error) == f"d.md:{line}: {message} ({hint})"


def test_a_markdown_draft_carries_its_suppressions_and_not_their_text() -> None:
    """Reading a draft keeps its suppressions on the Document; the comment is no part of any answer."""
    document = markdown.read(
        "draft.md",
        b"---\ncountry: X\n---\n### promotion.activities\n\n"
        b"<!-- ilo-check: ignore promotion.activities -- none before ratification -->\n",
    )
    assert [(item.item_id, item.origin) for item in document.suppressions] == [
        ("promotion.activities", "draft.md:6")
    ]
    assert all(not line.text.strip() for block in document.blocks[1:] for line in block.lines)


def test_a_bad_suppression_makes_the_draft_unreadable() -> None:
    """A draft with a suppression lacking its reason cannot be read: the InputError names the file and line."""
    with pytest.raises(InputError, match=r"^draft\.md:2: a suppression needs an item and a reason"):
        markdown.read(
            "draft.md", b"### promotion.activities\n<!-- ilo-check: ignore promotion.activities -->\n"
        )


def test_a_structured_ignore_is_a_suppression() -> None:
    """A structured answer's `ignore: reason` suppresses its item, at the line of `ignore`, reason spaces folded."""
    document = structured.read(
        "draft.yaml",
        b"answers:\n  ratification.status: Ratified in 2016.\n  promotion.activities:\n    text: ''\n"
        b"    ignore: >\n      none before\n      ratification\n  remedies.cost_free: {ignore: free anyway}\n",
    )
    assert [(item.item_id, item.reason, item.origin) for item in document.suppressions] == [
        ("promotion.activities", "none before ratification", "draft.yaml:5"),
        ("remedies.cost_free", "free anyway", "draft.yaml:8"),
    ]


def test_a_json_ignore_is_a_suppression() -> None:
    """A JSON submission's answer may carry `ignore` too."""
    document = structured.read(
        "draft.json", b'{"answers": {\n  "promotion.activities": {"text": "", "ignore": "none planned"}\n}}'
    )
    assert [(item.item_id, item.reason, item.origin) for item in document.suppressions] == [
        ("promotion.activities", "none planned", "draft.json:2")
    ]


@pytest.mark.parametrize(
    ("value", "where"),
    [("''", "3:13"), ("'  '", "3:13"), ("", "3:12"), ("[a reason]", "3:13"), ("7", "3:13")],
)
def test_a_structured_ignore_needs_a_text_reason(value: str, where: str) -> None:
    """`ignore:` that is empty, blank or not a text is an InputError at FILE:LINE:COL."""
    with pytest.raises(InputError) as raised:
        structured.read("draft.yaml", f"answers:\n  promotion.activities:\n    ignore: {value}\n".encode())
    assert str(raised.value) == (
        f"draft.yaml:{where}: answers.promotion.activities.ignore: a suppression needs a reason "
        "(ignore: why the gap is accepted)"
    )


def test_standard_input_is_read_in_the_given_format(monkeypatch: pytest.MonkeyPatch) -> None:
    """`-` is standard input, read as bytes and named <stdin>."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Shelters were opened.\r\n")))
    document = read_file("-", "text")
    assert document.source == "<stdin>"
    assert [line.text for line in document.blocks[0].lines] == ["Shelters were opened.", ""]


def test_standard_input_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input has no size to refuse it by beforehand: it is read up to the limit and refused past it."""
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 10)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    with pytest.raises(InputError) as raised:
        read_file("-", "text")
    assert str(raised.value).startswith(
        "<stdin>: too large to read: over the limit of 10 bytes for text files"
    )
