"""The country baseline's writers: Markdown laid out as the ILO's compilations (a golden file pins seed
000's), and Word as a two-column table, label beside answer, the same bytes from run to run, both of
which the layout reads as a compilation field by field; and the format a name asks for."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache

import docx
import pytest

from checker.country_baseline import CountryBaseline, compile_baseline
from checker.engine import audit
from checker.layout import lay_out
from checker.model import Document, DocumentKind, RulePack, SectionKind
from checker.readers import read_file
from checker.readers.docx import read as read_docx
from checker.readers.markdown import read as read_markdown
from checker.reporters.baseline_formats import BASELINE_FORMATS, baseline_format, baseline_writer
from checker.reporters.country_baseline_docx import render as render_docx
from checker.reporters.country_baseline_markdown import render as render_markdown
from tests.conftest import COMPILATION_SEED, FIXTURES, NARRATIVE_SEED, ROOT, check_golden


@cache
def _baseline(path: str, pack: RulePack) -> CountryBaseline:
    return compile_baseline(audit(read_file(path), pack), pack)


@pytest.fixture(autouse=True)
def _from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_markdown_golden(pack: RulePack) -> None:
    """Seed 000's baseline in Markdown matches its golden file, byte for byte."""
    check_golden("000.baseline.md", render_markdown(_baseline(str(NARRATIVE_SEED.relative_to(ROOT)), pack)))


def test_markdown_shows_the_form_and_its_answers(pack: RulePack) -> None:
    """The compilation's baseline opens with its country and years, puts each label on a line of its own
    and each passage in a list item, with its year tag and its citation below it."""
    text = render_markdown(_baseline(str(COMPILATION_SEED.relative_to(ROOT)), pack))
    lines = text.splitlines()
    assert lines[:3] == ["AZERBAIJAN (2017-2018)", "", "COUNTRY BASELINE"]
    at = lines.index("Ratification status")
    assert lines[at + 1 : at + 3] == [
        "* 2017-2018 ARs: Azerbaijan has not yet ratified the Protocol of 2014 (P029) to the Forced Labour "
        "Convention.",
        "  * Cf. 004_9801fec608b1c05e.txt, l. 63-67",
    ]
    assert "#" not in "".join(line[:1] for line in lines)  # no Markdown heading: the form is found in text
    assert "* 2018 AR: a) Information, education and awareness raising" in text


@pytest.mark.parametrize(
    "read",
    [
        lambda baseline: read_markdown("baseline.md", render_markdown(baseline).encode()),
        lambda baseline: read_docx("baseline.docx", render_docx(baseline)),
    ],
    ids=["markdown", "docx"],
)
def test_the_baseline_is_read_as_a_compilation_field_by_field(
    pack: RulePack, read: Callable[[CountryBaseline], Document]
) -> None:
    """The layout finds the baseline, in Markdown or in Word, to be a compilation, each field and each
    element's line where the baseline puts it."""
    baseline = _baseline(str(NARRATIVE_SEED.relative_to(ROOT)), pack)
    layout = lay_out(read(baseline), pack)
    assert layout.kind is DocumentKind.COMPILATION
    fields = [section for section in layout.sections if section.kind is SectionKind.FORM_FIELD]
    elements = [element for field in baseline.fields for element in field.checklist if element.passages]
    assert elements  # the narrative has passages on elements' own lines
    found = {section.items for section in fields}
    assert all((element.item_id,) in found for element in elements)
    assert len(fields) == len(baseline.fields) + len(elements)


def test_docx_is_a_two_column_table_of_labels_and_answers(pack: RulePack) -> None:
    """The Word baseline holds the form in one table of two columns: each label as on the form (an
    element's asked as its question), then its answer, a passage and its citation a paragraph each."""
    baseline = _baseline(str(COMPILATION_SEED.relative_to(ROOT)), pack)
    document = docx.Document(io.BytesIO(render_docx(baseline)))
    assert [paragraph.text for paragraph in document.paragraphs][:2] == [
        "AZERBAIJAN (2017-2018)",
        "COUNTRY BASELINE",
    ]
    (table,) = document.tables
    rows = {row.cells[0].text: row.cells[1] for row in table.rows}
    assert all(len(row.cells) == 2 for row in table.rows)
    assert [paragraph.text for paragraph in rows["Ratification status"].paragraphs] == [
        "2017-2018 ARs: Azerbaijan has not yet ratified the Protocol of 2014 (P029) to the Forced Labour "
        "Convention.",
        "Cf. 004_9801fec608b1c05e.txt, l. 63-67",
    ]
    labels = [row.cells[0].text for row in table.rows]
    assert labels.count("Workers' organizations") == 2  # the observations', then the challenges'
    narrative = docx.Document(io.BytesIO(render_docx(_baseline(str(NARRATIVE_SEED.relative_to(ROOT)), pack))))
    assert "a) Collection and analysis of data:" in [row.cells[0].text for row in narrative.tables[0].rows]
    assert rows["Offer"].text == ""


def test_docx_bytes_are_the_same_from_run_to_run(pack: RulePack) -> None:
    """Two renderings give the same bytes: fixed document properties and archive timestamps."""
    baseline = _baseline(str(COMPILATION_SEED.relative_to(ROOT)), pack)
    first = render_docx(baseline)
    assert first == render_docx(baseline)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core and "ilo-check" in core


@pytest.mark.parametrize(
    ("given", "output", "chosen"),
    [
        (None, None, "markdown"),
        (None, "baseline.md", "markdown"),
        (None, "Baseline.DOCX", "docx"),
        ("markdown", "baseline.docx", "markdown"),
        ("docx", None, "docx"),
    ],
)
def test_the_format_follows_the_option_else_the_output_name(
    given: str | None, output: str | None, chosen: str
) -> None:
    """--format decides; without it, an output named .docx is Word, anything else Markdown."""
    assert baseline_format(given, output) == chosen


def test_every_format_has_a_writer(pack: RulePack) -> None:
    """Each format named writes the baseline: text for Markdown, bytes for Word."""
    baseline = _baseline(str(FIXTURES / "labelled" / "govreport_es_montealto_2023.txt"), pack)
    written = {name: baseline_writer(name)(baseline) for name in BASELINE_FORMATS}
    assert isinstance(written["markdown"], str) and "LÍNEA DE BASE POR PAÍS" in written["markdown"]
    assert isinstance(written["docx"], bytes) and written["docx"].startswith(b"PK")
