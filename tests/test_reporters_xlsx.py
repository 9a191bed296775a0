"""The spreadsheet (--format xlsx): its sheets read back with openpyxl, the same bytes from run to run,
and a report's hostile text kept as text."""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import checker.reporters
from checker.engine import audit
from checker.errors import UsageError
from checker.model import AuditResult, Evidence, Location, RulePack, Status
from checker.panel import tallies
from checker.readers import read_file
from checker.reporters import RenderOptions, renderer
from tests.conftest import COMPILATION_SEED, FIXTURES, NARRATIVE_SEED, ROOT

DRAFT = FIXTURES / "labelled" / "draft_kovalia_2022.md"
VALDORIA = FIXTURES / "labelled" / "compilation_valdoria_2019-2020.txt"


@pytest.fixture(autouse=True)
def _from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _result(pack: RulePack, *paths: Path) -> AuditResult:
    audits = tuple(audit(read_file(str(path.relative_to(ROOT))), pack) for path in paths)
    return AuditResult(pack.name, pack.version, audits)


def _sheets(content: str | bytes) -> openpyxl.Workbook:
    assert isinstance(content, bytes)
    return openpyxl.load_workbook(io.BytesIO(content))


def _rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture(scope="module")
def single(pack: RulePack) -> AuditResult:
    return _result(pack, COMPILATION_SEED)


@pytest.fixture(scope="module")
def batch(pack: RulePack) -> AuditResult:
    return _result(pack, COMPILATION_SEED, NARRATIVE_SEED, DRAFT, VALDORIA)


def test_one_report_has_matrix_evidence_and_scores(pack: RulePack, single: AuditResult) -> None:
    """One report: a Matrix with a column per report year and the overall status as words, the header
    frozen and filtered; no Panel."""
    book = _sheets(renderer("xlsx")(single, pack, RenderOptions()))
    assert book.sheetnames == ["Matrix", "Evidence", "Scores"]
    matrix = book["Matrix"]
    rows = _rows(matrix)
    assert rows[0] == (
        "Item",
        "Label",
        "Area",
        "Azerbaijan 2017-2018 \u00b7 2017",
        "Azerbaijan 2017-2018 \u00b7 2018",
        "Azerbaijan 2017-2018",
    )
    by_item = {row[0]: row for row in rows[1:]}
    assert len(by_item) == 44
    assert by_item["reporting.social_partners"][3:] == ("reported", "missing", "reported")
    assert by_item["reporting.social_partners"][2] == "Reporting and social partners"
    assert (matrix.freeze_panes, matrix.auto_filter.ref) == ("A2", "A1:F45")
    assert all(book[name].freeze_panes == "A2" and book[name].auto_filter.ref for name in book.sheetnames)
    assert matrix.column_dimensions["A"].width >= len("  prevention.freedom_of_association")


def test_the_evidence_sheet_has_a_row_per_passage_with_its_citation(
    pack: RulePack, single: AuditResult
) -> None:
    """Evidence has a row per item and passage with its quote, the sentences around it, reason and place;
    a gap's rows carry the question to answer; an item with nothing said has a row of its own."""
    rows = _rows(_sheets(renderer("xlsx")(single, pack, RenderOptions()))["Evidence"])
    header = rows[0]
    assert header == (
        "Report", "Item", "Label", "Area", "Status", "By year", "Quote", "Sentence before", "Sentence after",
        "Reason", "File",
        "Page", "Line", "Paragraph", "Table", "Row", "Section", "Passage year", "Question", "Suppressed",
    )  # fmt: skip
    named = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    social = next(row for row in named if row["Item"] == "reporting.social_partners")
    assert social["By year"] == "2017: reported; 2018: missing"
    assert (social["Line"], social["Passage year"], social["File"]) == (
        27,
        "2017",
        str(COMPILATION_SEED.relative_to(ROOT)),
    )
    assert social["Quote"].startswith("Yes: copies of reports are sent")
    assert social["Sentence before"] is None and social["Sentence after"] is None  # alone in its field
    material = next(row for row in named if row["Item"] == "protection.material")
    assert (material["Sentence before"], material["Quote"], material["Sentence after"]) == (
        "b) Legal protection of victims;",
        "c) Material assistance for victims;",
        "d) Medical and psychological assistance for victims;",
    )
    (employers,) = [row for row in named if row["Item"] == "observations.employers"]
    assert (
        employers["Status"] == "negative"
        and employers["Question"] == pack.rule("observations.employers").question
    )
    audited = single.audits[0]
    passages = sum(max(1, len(finding.evidence)) for finding in audited.findings)
    assert len(named) == passages


def test_the_scores_sheet_has_a_row_per_report(pack: RulePack, batch: AuditResult) -> None:
    """Scores: each report's total, completeness, area scores and year scores, as numbers."""
    rows = _rows(_sheets(renderer("xlsx")(batch, pack, RenderOptions()))["Scores"])
    header = rows[0]
    assert header[:7] == ("Report", "File", "Country", "Kind", "Language", "Score", "Completeness")
    assert header[-5:] == ("Score 2017", "Score 2018", "Score 2019", "Score 2020", "Score 2022")
    first = dict(zip(header, rows[1], strict=True))
    seed = batch.audits[0]
    assert (first["Score"], first["Completeness"], first["Score 2017"]) == (
        seed.score,
        seed.completeness,
        seed.year_scores["2017"],
    )
    assert first["Score 2019"] is None
    assert first[pack.areas[0].label] == seed.areas[0].score
    assert len(rows) == 5


def test_several_reports_have_a_panel(pack: RulePack, batch: AuditResult) -> None:
    """Panel: each item's tally across the reports, the items most often missing, and each country's
    scores by year."""
    book = _sheets(renderer("xlsx")(batch, pack, RenderOptions()))
    assert book.sheetnames == ["Matrix", "Evidence", "Scores", "Panel"]
    rows = _rows(book["Panel"])
    assert rows[0][:8] == ("Item", "Label", "Area", "Reported", "Partial", "Negative", "Missing", "Reports")
    counted = {tally.item_id: tally for tally in tallies(batch.audits)}
    for row in rows[1:45]:
        assert row[3:8] == (*(counted[str(row[0])].count(status) for status in Status), 4)
    starts = [number for number, row in enumerate(rows) if row[0] in ("Most often missing", "Trend")]
    missing = rows[starts[0] + 1 : starts[1] - 1]
    assert len(missing) == 5 and all(row[3] == 4 for row in missing)
    trend = [row[:4] for row in rows[starts[1] + 1 :]]
    seed, valdoria = batch.audits[0], batch.audits[3]
    assert trend == [
        ("Azerbaijan", "2017", seed.source, seed.year_scores["2017"]),
        ("Azerbaijan", "2018", seed.source, seed.year_scores["2018"]),
        ("Valdoria", "2019", valdoria.source, valdoria.year_scores["2019"]),
        ("Valdoria", "2020", valdoria.source, valdoria.year_scores["2020"]),
    ]


def test_labels_name_the_columns_and_the_trends(pack: RulePack, batch: AuditResult) -> None:
    """A label heads its report's columns and rows, and names the series its years belong to."""
    options = RenderOptions(labels=((batch.audits[0].source, "Seed"), (batch.audits[2].source, "Seed")))
    book = _sheets(renderer("xlsx")(batch, pack, options))
    assert _rows(book["Matrix"])[0][3:6] == ("Seed (1) \u00b7 2017", "Seed (1) \u00b7 2018", "Seed (1)")
    assert [row[0] for row in _rows(book["Scores"])[1:]] == [
        "Seed (1)",
        "000_527e425593d6808e",
        "Seed (3)",
        "Valdoria 2019-2020",
    ]
    panel = _rows(book["Panel"])
    trend = panel[[row[0] for row in panel].index("Trend") + 1 :]
    assert [(row[0], row[1]) for row in trend][:3] == [("Seed", "2017"), ("Seed", "2018"), ("Seed", "2022")]


def test_the_same_result_gives_the_same_bytes(pack: RulePack, batch: AuditResult) -> None:
    """Two renderings are byte for byte the same: no date of the run in the properties or the zip."""
    first = renderer("xlsx")(batch, pack, RenderOptions())
    assert first == renderer("xlsx")(batch, pack, RenderOptions())
    assert isinstance(first, bytes)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core and "ilo-check" in core


def test_hostile_text_stays_text(pack: RulePack, single: AuditResult) -> None:
    """A quote (or a sentence around it) that starts like a formula or an error value is stored as text,
    verbatim; control characters a workbook cannot hold are written escaped, not an error."""
    hostile = [
        '=HYPERLINK("http://example.com","click")',
        "+1-2",
        "@SUM(A1)",
        "-3",
        "#N/A",
        "tab\x01bell\x0c",
    ]
    audited = single.audits[0]
    finding = audited.findings[0]
    passages = tuple(
        Evidence(
            Location(line=n), Location(line=n), quote, Status.REPORTED, "given", before=quote, after=quote
        )
        for n, quote in enumerate(hostile, 1)
    )
    findings = (replace(finding, evidence=passages), *audited.findings[1:])
    result = replace(single, audits=(replace(audited, findings=findings, source="=cmd|' /C calc'!A0"),))
    evidence = _sheets(renderer("xlsx")(result, pack, RenderOptions()))["Evidence"]
    for column in "GHI":  # the quote and the sentences around it
        quotes = [cell for cell in evidence[column][1:] if cell.row <= len(hostile) + 1]
        assert [cell.value for cell in quotes] == [*hostile[:-1], "tab\\x01bell\\x0c"]
        assert {cell.data_type for cell in quotes} == {"s"}
    assert evidence["K2"].value == "=cmd|' /C calc'!A0" and evidence["K2"].data_type == "s"


def test_without_openpyxl_the_format_says_how_to_install_it(
    pack: RulePack, single: AuditResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where openpyxl is not installed, asking for a spreadsheet is a usage error that names the extra."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # an import of it fails, as when not installed
    monkeypatch.delitem(sys.modules, "checker.reporters.xlsx", raising=False)
    monkeypatch.delattr(checker.reporters, "xlsx", raising=False)
    with pytest.raises(UsageError, match=r"^--format xlsx needs openpyxl: pip install 'ilo-check\[xlsx\]'$"):
        renderer("xlsx")(single, pack, RenderOptions())
