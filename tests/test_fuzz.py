"""Properties over arbitrary input: every reader, given any bytes in a file with its ending, gives a
Document or refuses the file with a CheckerError in one line; structured drafts of any YAML-ish shape
do the same; the segmenter, on any text, cuts segments cited within the document; and the rule loader,
given any rule file, any value in a rule or any phrase, gives a pack or a RuleError in one line."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from checker.errors import CheckerError, InputError, RuleError
from checker.layout import lay_out
from checker.model import Document, RulePack
from checker.readers import read, read_file, structured
from checker.rules import bundled_pack_dir, load_rules
from checker.segment import segment
from tests.conftest import examples
from tests.test_pdf import make_pdf

# Modest budgets: the whole module stays within a few seconds on two cores.
FUZZ = settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _docx(document_xml: bytes) -> bytes:
    """A Word package whose main part is `document_xml`, with the parts python-docx needs around it."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document_xml)
    return stream.getvalue()


PDF = make_pdf([["The Ministry opened two shelters for victims of forced labour."]])
WORD_BODY = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body>'
    "</w:document>"
)
DOCX = _docx(WORD_BODY.format("<w:p><w:r><w:t>Shelters were opened.</w:t></w:r></w:p>").encode())

_ENCODED_TEXT = st.tuples(
    st.text(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1252"])
).map(lambda pair: pair[0].encode(pair[1], errors="replace"))
_TEXT_BYTES = st.binary() | _ENCODED_TEXT
# Markup of every text format, in pieces a fuzzer would not find alone.
_MARKUP = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "</",
            "<p>",
            "<h1>",
            "<h2>",
            "<br>",
            "<script>",
            "<![CDATA[",
            "<!--",
            "-->",
            "&amp;",
            "&#",
            "<meta charset=utf-16>",
            "<td>",
            "---\n",
            "# ",
            "### prevention.awareness\n",
            "```\n",
            "\n",
            "\r",
            "<!-- ilo-check: ignore x -- y -->",
            "answers:",
            "  ",
            "- ",
            ": ",
            "[",
            "]",
            "{",
            "}",
            "&a ",
            "*a",
            "|\n",
        ]
    )
    | st.text(max_size=8),
    max_size=30,
).map(lambda parts: "".join(parts).encode("utf-8", errors="replace"))


def _damaged(original: bytes) -> st.SearchStrategy[bytes]:
    """`original` truncated anywhere, or with a stretch of it overwritten."""
    truncated = st.integers(0, len(original)).map(lambda end: original[:end])
    overwritten = st.tuples(st.integers(0, len(original)), st.binary(min_size=1, max_size=64)).map(
        lambda change: original[: change[0]] + change[1] + original[change[0] + len(change[1]) :]
    )
    return truncated | overwritten


# Well-formed WordprocessingML of any nesting: paragraphs in cells in tables in content controls...
_WORD_ELEMENTS = st.recursive(
    st.sampled_from(["<w:t>Shelters were opened.</w:t>", "<w:t/>", "<w:br/>", "<w:tab/>", "text", "&amp;"]),
    lambda children: st.tuples(
        st.sampled_from(["w:p", "w:r", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:del", "w:ins"]),
        st.lists(children, max_size=4),
    ).map(lambda element: f"<{element[0]}>{''.join(element[1])}</{element[0]}>"),
    max_leaves=20,
)
_WORD_XML = st.lists(_WORD_ELEMENTS, max_size=5).map(lambda parts: WORD_BODY.format("".join(parts)).encode())

BYTES_FOR = {
    ".txt": _TEXT_BYTES | _MARKUP,
    ".md": _TEXT_BYTES | _MARKUP,
    ".yaml": _TEXT_BYTES | _MARKUP,
    ".json": _TEXT_BYTES | _MARKUP,
    ".html": _TEXT_BYTES | _MARKUP,
    ".pdf": st.binary() | st.binary().map(lambda tail: b"%PDF-1.4\n" + tail) | _damaged(PDF),
    ".docx": st.binary() | _damaged(DOCX) | st.binary().map(_docx) | _WORD_XML.map(_docx),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the module's files (hypothesis reruns a test without its function-scoped fixtures)."""
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("ending", list(BYTES_FOR))
@FUZZ
@given(data=st.data())
def test_any_file_is_read_or_refused_in_one_line(folder: Path, ending: str, data: st.DataObject) -> None:
    """Any bytes in a file with a reader's ending give a Document, or a CheckerError that names the file
    in one line; nothing else escapes."""
    path = folder / f"report{ending}"
    path.write_bytes(data.draw(BYTES_FOR[ending], label="bytes"))
    try:
        document = read_file(str(path))
    except CheckerError as error:
        assert error.path == str(path) and "\n" not in str(error)
        event(f"refused: {error.message.split(':')[0]}")  # --hypothesis-show-statistics shows how far
        return
    event("read")
    assert isinstance(document, Document)
    for block in document.blocks:
        for line in block.lines:
            place = line.location
            assert any(value is not None and value >= 1 for value in (place.line, place.paragraph, place.row))


# YAML's punctuation and a few words, under "answers:" so that most examples reach the submission's
# schema and the answers' blocks.
_YAMLISH = st.lists(
    st.sampled_from([*"ab1 -:,[]{}&*<#|>'\"?.!%@`~\n\t", "x.y", "text", "status", "reported", "ignore"])
).map("".join)


@FUZZ
@given(st.sampled_from(["answers:\n  ", "answers: ", "", "answers:\n  x.y:\n    "]), _YAMLISH)
@example("answers:\n  ", "x.y: &a\n    text: *a\n")
@example("answers: ", "{x.y: {text: [a]}}")
def test_any_yamlish_submission_is_read_or_refused(prefix: str, body: str) -> None:
    """A structured draft of any YAML-ish shape gives a Document or an InputError at its place, and every
    answer's lines are cited within the file."""
    source = prefix + body
    try:
        document = structured.read("draft.yaml", source.encode("utf-8"))
    except InputError as error:
        assert error.path == "draft.yaml" and "\n" not in str(error)
        return
    count = len(source.splitlines()) or 1
    for block in document.blocks:
        assert all(1 <= (line.location.line or 0) <= count for line in block.lines)


_REPORTISH = st.lists(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
    | st.sampled_from(
        [
            "\n",
            "\r\n",
            "\r",
            "\f",
            "\n\n",
            " ",
            ".",
            ";",
            ":",
            "(a) ",
            "a) ",
            "- ",
            "1. ",
            "2017 AR:",
            "2017-2018 ARs:",
            "Answer:",
            "# ",
            "### prevention.awareness\n",
            "Shelters were opened",
            "No.",
            "organi-\nzation",
            "Yes",
            "\u00ad",
            "\ufb01",
            "Measures taken or envisaged:",
        ]
    ),
    max_size=60,
).map("".join)


@pytest.mark.parametrize("name", ["report.txt", "report.md"])
@FUZZ
@given(text=_REPORTISH)
@example(text="Shelters\rwere opened.\r\n\r\nNo.\f2017 AR: (a) Yes")
def test_segments_are_cited_within_the_document(pack: RulePack, name: str, text: str) -> None:
    """On any text, the segmenter raises nothing and cites every segment from a line of the document to
    a line at or after it."""
    try:
        document = read(name, text.encode("utf-8"))
    except InputError:
        return  # e.g. a Markdown directive without a reason: the reader's business, tested elsewhere
    count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for item in segment(lay_out(document, pack)):
        assert item.start.line is not None and item.end.line is not None
        assert 1 <= item.start.line <= item.end.line <= count, (item.start, item.end, item.quote)


# ── the rule loader ──────────────────────────────────────────────────────────────────────────────

_RULE_FILE = "fuzzed.yaml"
_RULE: dict[str, Any] = yaml.safe_load(
    (bundled_pack_dir() / "ratification.yaml").read_text(encoding="utf-8")
)[0]
# Values of the shapes a rule's keys take, and of others: what a hand-written pack may hold.
_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 20)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["ratif*", "... ", "near", "within", "regex", "(", "a|b", "*", "!", "reported"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from([*_RULE, *_RULE["evidence"]]), inner, max_size=3)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def pack_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A one-area pack: the bundled manifest without its form (whose items this pack lacks); each test
    writes its one rule file into it."""
    folder = tmp_path_factory.mktemp("pack")
    manifest = yaml.safe_load((bundled_pack_dir() / "pack.yaml").read_text(encoding="utf-8"))
    del manifest["form"]
    (folder / "pack.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    yield folder


def _loads_or_refuses(folder: Path, text: str) -> None:
    """The pack with `text` as its rule file loads, or is refused in one line naming the pack or a file
    of it."""
    (folder / _RULE_FILE).write_text(text, encoding="utf-8")
    try:
        pack = load_rules(folder)
    except RuleError as error:
        event("refused")
        assert error.path is not None and folder in (Path(error.path), Path(error.path).parent), error.path
        assert "\n" not in str(error)
        return
    event("loaded")
    assert {rule.area for rule in pack.rules} <= {area.id for area in pack.areas}


@FUZZ
@given(text=st.text(max_size=200) | _YAMLISH)
@example(text="- id: x\n  id: y\n")
@example(text="- &a [*a]\n")
def test_any_rule_file_loads_or_is_one_rule_error(pack_folder: Path, text: str) -> None:
    """Any text as a rule file: a pack, or a RuleError in one line at the file."""
    _loads_or_refuses(pack_folder, text)


@FUZZ
@given(
    key=st.sampled_from(sorted(_RULE)), evidence_key=st.sampled_from(sorted(_RULE["evidence"])), value=_VALUES
)
def test_any_value_in_a_rule_loads_or_is_one_rule_error(
    pack_folder: Path, key: str, evidence_key: str, value: object
) -> None:
    """A real rule with one of its values, or one of its evidence's, replaced by any value."""
    for changed in ({**_RULE, key: value}, {**_RULE, "evidence": {**_RULE["evidence"], evidence_key: value}}):
        _loads_or_refuses(pack_folder, yaml.safe_dump([changed]))


@FUZZ
@given(
    phrase=st.text(max_size=30)
    | st.lists(
        st.sampled_from(["(", ")", "a", "+", "*", "?", "{2,}", "|", "\\", "[", "]", "...", " "]), max_size=12
    ).map("".join),
    as_regex=st.booleans(),
)
@example(phrase="(a+)+", as_regex=True)
@example(phrase="(a|a)*", as_regex=True)
@example(phrase="[[a]", as_regex=True)
@example(phrase="... ... ratif*", as_regex=False)
def test_any_phrase_or_pattern_loads_or_is_one_rule_error(
    pack_folder: Path, phrase: str, as_regex: bool
) -> None:
    """Any phrase, or any regular expression, as a rule's evidence: compiled, or refused in one line
    (a catastrophic pattern such as "(a+)+" among them)."""
    match = [{"regex": phrase} if as_regex else phrase]
    _loads_or_refuses(
        pack_folder, yaml.safe_dump([{**_RULE, "evidence": {**_RULE["evidence"], "shows": match}}])
    )
