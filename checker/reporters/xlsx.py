"""The audit as a spreadsheet for analysts (``--format xlsx``, with the ``xlsx`` extra: openpyxl).

Sheets: Matrix (an item a row, a column per report and per report year, statuses as words), Evidence
(a row per item, report and passage, with the sentences around it and its citation; a gap's row with
the question to answer),
Scores (a row per report: total, completeness, each area, each report year) and, for several reports,
Panel (each item's tally across them, the items most often missing, each country's scores by year).
Every sheet has its header row frozen, a filter on it and columns wide enough to read.

The bytes are the same from run to run (no date of the run inside the file). Text from a report is
hostile: it is always stored as text, never as a formula (``=HYPERLINK(...)`` stays a quote), and the
control characters a workbook cannot hold are written escaped (``\\x0c``).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Sequence

from checker.errors import UsageError, printable
from checker.model import AuditResult, DocumentAudit, Evidence, Finding, RulePack, Status
from checker.panel import ItemTally, Trend, most_missing, tallies, trends
from checker.reporters.columns import LOCATION_COLUMNS, location_cells, report_names
from checker.reporters.options import RenderOptions

try:  # the `xlsx` extra; this module is imported only when a spreadsheet is asked for
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet
    from openpyxl.writer.excel import ExcelWriter
except ImportError:  # `render` says how to install it
    _INSTALLED = False
else:
    _INSTALLED = True

__all__ = ["render"]

Cell = str | int | float | None

# The workbook's and its zip entries' date, the earliest a zip can say: the bytes must not hold the run's.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_WIDEST = 60  # a column's width at most, in characters: a quote is read in its cell, not on one line
_HEADER_FILL = "DDDDDD"
_FILLS = {
    Status.REPORTED: "C6EFCE",
    Status.PARTIAL: "FFEB9C",
    Status.NEGATIVE: "FFC7CE",
    Status.MISSING: "EDEDED",
}
# The control characters a workbook cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): a PDF's form feed,
# an escape sequence in a file name.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(value: Cell) -> Cell:
    """A value a workbook can hold: control characters in text escaped."""
    if isinstance(value, str):
        return _ILLEGAL.sub(lambda match: printable(match.group()), value)
    return value


def _write(sheet: Worksheet, number: int, row: Iterable[Cell], *, header: bool = False) -> None:
    """Write row `number`; text stays text whatever it starts with (never a formula or an error value),
    a status is filled with its colour."""
    for column, value in enumerate(row, 1):
        cell = sheet.cell(number, column, _clean(value))
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl makes "=..." a formula and "#N/A" an error
        if header:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        elif isinstance(value, str) and (status := _STATUS_WORDS.get(value)) is not None:
            cell.fill = PatternFill("solid", fgColor=_FILLS[status])


_STATUS_WORDS = {status.value: status for status in Status}


def _table(sheet: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """A sheet's table from its first row: the header frozen and filtered, the columns sized."""
    _write(sheet, 1, header, header=True)
    for number, row in enumerate(rows, 2):
        _write(sheet, number, row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _size(sheet)


def _size(sheet: Worksheet) -> None:
    """Each column as wide as its longest value, within `_WIDEST`."""
    for number, column in enumerate(sheet.iter_cols(values_only=True), 1):
        longest = max((len(str(value)) for value in column if value is not None), default=0)
        sheet.column_dimensions[get_column_letter(number)].width = min(max(longest, 6), _WIDEST) + 2


def _items(audits: Sequence[DocumentAudit], pack: RulePack) -> list[str]:
    """The items some report was audited on, in questionnaire order."""
    audited = {finding.item_id for audit in audits for finding in audit.findings}
    return [item for item in pack.item_ids if item in audited]


def _years(audit: DocumentAudit) -> tuple[str, ...]:
    """The report years that have a column of their own, as in the table: where there are several."""
    return audit.years if len(audit.years) > 1 else ()


def _matrix(sheet: Worksheet, audits: Sequence[DocumentAudit], names: list[str], pack: RulePack) -> None:
    """Items by reports: each report's status by year (where it has several years) and overall."""
    header = ["Item", "Label", "Area"]
    for name, audit in zip(names, audits, strict=True):
        header += [*(f"{name} \u00b7 {year}" for year in _years(audit)), name]
    found = [{finding.item_id: finding for finding in audit.findings} for audit in audits]
    areas = pack.area_labels
    rows = []
    for item in _items(audits, pack):
        rule = pack.rule(item)
        row: list[Cell] = [item, rule.label, areas[rule.area]]
        for audit, findings in zip(audits, found, strict=True):
            finding = findings.get(item)
            row += [_year_status(finding, year) for year in _years(audit)]
            row.append(finding.status.value if finding else None)
        rows.append(row)
    _table(sheet, header, rows)


def _year_status(finding: Finding | None, year: str) -> str | None:
    status = finding.by_year.get(year) if finding else None
    return status.value if status else None


def _by_year(finding: Finding) -> str:
    """Each report year's status, in one cell: ``2017: reported; 2018: missing``."""
    return "; ".join(f"{year}: {status.value}" for year, status in finding.by_year.items())


_EVIDENCE = [
    "Report",
    "Item",
    "Label",
    "Area",
    "Status",
    "By year",
    "Quote",
    "Sentence before",  # the passage's context: its neighbours in its section
    "Sentence after",
    "Reason",
    "File",
    *(column.capitalize() for column in LOCATION_COLUMNS),
    "Passage year",
    "Question",
    "Suppressed",
]


def _evidence_rows(
    audit: DocumentAudit, name: str, pack: RulePack, areas: dict[str, str]
) -> Iterable[list[Cell]]:
    """A row per item and passage of the report; an item nothing counted for has one, with the note."""
    for finding in audit.findings:
        rule = pack.rule(finding.item_id)
        suppression = audit.suppression(finding.item_id)
        item: list[Cell] = [
            name,
            rule.id,
            rule.label,
            areas[rule.area],
            finding.status.value,
            _by_year(finding),
        ]
        after: list[Cell] = [
            rule.question if finding.status.is_gap else None,
            suppression.reason if suppression else None,
        ]
        passages: Sequence[Evidence | None] = finding.evidence or [None]
        for passage in passages:
            if passage is None:
                said: list[Cell] = [None, None, None, finding.note]  # no quote, nor sentences around it
                yield [*item, *said, audit.source, *[None] * len(LOCATION_COLUMNS), None, *after]
                continue
            cells = [cell if cell != "" else None for cell in location_cells(passage)]
            said = [passage.quote, passage.before, passage.after, passage.reason]
            yield [*item, *said, audit.source, *cells, passage.year_tag, *after]


def _scores(sheet: Worksheet, audits: Sequence[DocumentAudit], names: list[str], pack: RulePack) -> None:
    """A row per report: what it is, its total, completeness, each area's score and each year's."""
    years = sorted({year for audit in audits for year in audit.year_scores})
    header = ["Report", "File", "Country", "Kind", "Language", "Score", "Completeness"]
    header += [area.label for area in pack.areas] + [f"Score {year}" for year in years]
    rows = []
    for name, audit in zip(names, audits, strict=True):
        by_area = {area.area: area.score for area in audit.areas}
        rows.append(
            [
                name,
                audit.source,
                audit.metadata.country,
                audit.kind.value,
                audit.language,
                audit.score,
                audit.completeness,
                *(by_area.get(area.id) for area in pack.areas),
                *(audit.year_scores.get(year) for year in years),
            ]
        )
    _table(sheet, header, rows)


def _tally_rows(counted: Sequence[ItemTally], pack: RulePack) -> Iterable[list[Cell]]:
    areas = pack.area_labels
    for tally in counted:
        counts: list[Cell] = [tally.count(status) for status in Status]
        yield [tally.item_id, pack.rule(tally.item_id).label, areas[tally.area], *counts, tally.reports]


def _missing_rows(counted: Sequence[ItemTally], pack: RulePack) -> Iterable[list[Cell]]:
    for tally in most_missing(counted):
        yield [tally.item_id, pack.rule(tally.item_id).label, tally.count(Status.MISSING), tally.reports]


def _trend_rows(series: Sequence[Trend], pack: RulePack) -> Iterable[list[Cell]]:
    for trend in series:
        for point in trend.points:
            by_area: list[Cell] = [point.areas.get(area.id) for area in pack.areas]
            yield [trend.name, point.year, point.source, point.score, *by_area]


def _panel(sheet: Worksheet, audits: Sequence[DocumentAudit], pack: RulePack, options: RenderOptions) -> None:
    """Each item's tally across the reports (filtered), then the items most often missing, then each
    country's (or label's) scores by report year."""
    counted = tallies(audits)
    header = ["Item", "Label", "Area", *(status.value.capitalize() for status in Status), "Reports"]
    _table(sheet, header, _tally_rows(counted, pack))
    if most_missing(counted):
        _block(sheet, ["Most often missing", "Label", "Missing", "Of"], _missing_rows(counted, pack))
    if series := trends(audits, pack, dict(options.labels)):
        header = ["Trend", "Year", "File", "Score", *(area.label for area in pack.areas)]
        _block(sheet, header, _trend_rows(series, pack))
    _size(sheet)


def _block(sheet: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """Another table under what the sheet holds, a blank row between."""
    first = sheet.max_row + 2
    _write(sheet, first, header, header=True)
    for number, row in enumerate(rows, first + 1):
        _write(sheet, number, row)


def _saved(workbook: Workbook) -> bytes:
    """The workbook's bytes, the same for the same workbook: its properties and every entry of its zip
    dated alike, never with the run's date."""
    workbook.properties.creator = "ilo-check"
    workbook.properties.created = workbook.properties.modified = datetime.datetime(*_ZIP_TIME)
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(
                zipfile.ZipInfo(entry.filename, _ZIP_TIME), source.read(entry), zipfile.ZIP_DEFLATED
            )
    return fixed.getvalue()


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> bytes:
    """The result as an .xlsx workbook: Matrix, Evidence, Scores, and Panel for several reports."""
    if not _INSTALLED:
        raise UsageError("--format xlsx needs openpyxl: pip install 'ilo-check[xlsx]'")
    workbook = Workbook()
    names = report_names(result.audits, options)
    matrix = workbook.active
    matrix.title = "Matrix"
    _matrix(matrix, result.audits, names, pack)
    areas = pack.area_labels
    rows = (
        row
        for name, audit in zip(names, result.audits, strict=True)
        for row in _evidence_rows(audit, name, pack, areas)
    )
    _table(workbook.create_sheet("Evidence"), _EVIDENCE, rows)
    _scores(workbook.create_sheet("Scores"), result.audits, names, pack)
    if len(result.audits) > 1:
        _panel(workbook.create_sheet("Panel"), result.audits, pack, options)
    return _saved(workbook)
