"""A country baseline as a Word document, laid out as the ILO's compilations are: the country and its
years, then the form in a table of two columns, a label in one cell and its answer in the next.

Each row is a group of the form (its label, and the passages that stand under the group as a whole), a
field (its label as on the form, and its answer) or an element of a checklist that has passages of its
own (its lettered line, asked as the form's question, and its passages). An answer is a paragraph per
checklist line ticked and per passage, each with its year tag ("2017 AR: ..."), each passage followed by
its citation in a paragraph of its own ("Cf. report.txt, l. 75"), which points elsewhere and is read as
no answer. The layout finds the form by the labels of the first column, as in the ILO's own
compilations in Word, and reads each field's answer as its item's, as in the Markdown baseline: the
document audits back to the report's statuses.

The bytes are the same from run to run: the document's properties are fixed (no creation date of the
run), and the zip archive is written anew with fixed timestamps, in python-docx's order of parts.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
from docx.document import Document as WordDocument
from docx.shared import Cm, Pt
from docx.table import _Cell

from checker.country_baseline import Answer, CountryBaseline, EntryKind, year_tag

__all__ = ["render"]

# Word's date for "no date": what the properties and the archive's entries say instead of the run's time.
_FIXED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_LABEL_WIDTH, _ANSWER_WIDTH = Cm(5.5), Cm(11.5)


def _answer(cell: _Cell, answers: tuple[Answer, ...]) -> None:
    """The answers in the cell, a paragraph each; the cell's first, empty paragraph is used first."""
    paragraphs = []
    for answer in answers:
        tag = f"{year_tag(answer.year_tag)} " if answer.year_tag else ""
        if answer.ticked:
            paragraphs.append((f"{tag}{answer.checklist_line}", False))
        for passage in answer.passages:
            paragraphs += [(f"{tag}{passage.text}", False), (f"Cf. {passage.citation.cited}", True)]
    for number, (text, citation) in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        run = paragraph.add_run(text)
        if citation:
            run.italic = True
            run.font.size = Pt(8)


def _table(document: WordDocument, baseline: CountryBaseline) -> None:
    """The form in a table of two columns: each label (a group's in bold) beside what stands under it."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for entry in baseline.entries():
        cells = table.add_row().cells
        cells[0].width, cells[1].width = _LABEL_WIDTH, _ANSWER_WIDTH
        cells[0].paragraphs[0].add_run(entry.label).bold = entry.kind is EntryKind.GROUP
        _answer(cells[1], entry.answers)


def _properties(document: WordDocument, baseline: CountryBaseline) -> None:
    """The document's properties, the same from run to run."""
    properties = document.core_properties
    properties.title = " ".join(part for part in (baseline.title, baseline.heading) if part)
    properties.subject = baseline.instrument
    properties.author = properties.last_modified_by = "ilo-check"
    properties.language = baseline.language
    properties.created = properties.modified = properties.last_printed = _FIXED
    properties.revision = 1
    properties.comments = f"Drafted from {baseline.source}"


def _fixed_zip(data: bytes) -> bytes:
    """The archive written anew, its entries in the same order with a fixed time (zipfile stamps each
    with the time it is written)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(entry.filename))
    return output.getvalue()


def render(baseline: CountryBaseline) -> bytes:
    """The baseline as a Word document (.docx)."""
    document = docx.Document()
    if baseline.heading:
        document.add_paragraph(baseline.heading, style="Title")
    document.add_paragraph(baseline.title).runs[0].bold = True
    document.add_paragraph(baseline.instrument)
    _table(document, baseline)
    _properties(document, baseline)
    saved = io.BytesIO()
    document.save(saved)
    return _fixed_zip(saved.getvalue())
