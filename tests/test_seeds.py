"""The two real seed documents get, item by item and year by year, the adjudicated expert reading in
tests/expected/; and so does the compilation seed copied from its PDF's table row by row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.engine import audit
from checker.model import DocumentAudit, DocumentKind, Finding, RulePack
from checker.readers import read_file
from tests.conftest import COMPILATION_SEED, EXPECTED, NARRATIVE_SEED, ROW_BY_ROW_COMPILATION, SEEDS

READINGS = sorted(EXPECTED.glob("*.labels.yaml"))


def _reading(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def audits(pack: RulePack) -> dict[str, DocumentAudit]:
    """Each seed audited once."""
    return {path.name: audit(read_file(str(path)), pack) for path in sorted(SEEDS.glob("*.txt"))}


CASES = [
    pytest.param(reading["document"], item_id, label, id=f"{reading['document'][:3]}-{item_id}")
    for reading in map(_reading, READINGS)
    for item_id, label in reading["items"].items()
]


def test_every_seed_has_a_reading() -> None:
    """Both seeds have an expected reading of all 44 items."""
    assert {_reading(path)["document"] for path in READINGS} == {COMPILATION_SEED.name, NARRATIVE_SEED.name}
    assert all(len(_reading(path)["items"]) == 44 for path in READINGS)


@pytest.mark.parametrize(("document", "item_id", "label"), CASES)
def test_item_status(
    audits: dict[str, DocumentAudit], document: str, item_id: str, label: dict[str, Any]
) -> None:
    """The item's overall status, and its status in each report year, match the expert reading."""
    finding = next(finding for finding in audits[document].findings if finding.item_id == item_id)
    got = {
        "overall": finding.status.value,
        **{year: status.value for year, status in finding.by_year.items()},
    }
    expected = {
        "overall": label["status"],
        **{str(year): status for year, status in (label.get("by_year") or {}).items()},
    }
    assert got == expected, label.get("note")


def test_compilation_is_read_as_a_compilation(audits: dict[str, DocumentAudit]) -> None:
    """The ILO compilation is recognised as one, with its country and both report years."""
    result = audits[COMPILATION_SEED.name]
    assert result.kind is DocumentKind.COMPILATION
    assert (result.metadata.country, result.years) == ("Azerbaijan", ("2017", "2018"))


def test_narrative_is_read_as_prose(audits: dict[str, DocumentAudit]) -> None:
    """The government's narrative has no form and no report years."""
    result = audits[NARRATIVE_SEED.name]
    assert (result.kind, result.years) == (DocumentKind.NARRATIVE, ())


def test_evidence_cites_original_lines_and_exact_quotes(audits: dict[str, DocumentAudit]) -> None:
    """Every piece of evidence quotes the seed verbatim (white space aside) from the line it cites."""
    for name, result in audits.items():
        lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
        for finding in result.findings:
            for item in finding.evidence:
                if not item.quote:
                    continue
                assert item.start.line is not None and item.end.line is not None
                source = " ".join(" ".join(lines[item.start.line - 1 : item.end.line]).split())
                assert item.quote in source, (finding.item_id, item.start)


def test_ratification_cites_the_denial(audits: dict[str, DocumentAudit]) -> None:
    """'has not yet ratified' is negative, cited at line 63 with the quote."""
    finding = next(f for f in audits[COMPILATION_SEED.name].findings if f.item_id == "ratification.status")
    strongest = finding.evidence[0]
    assert strongest.start.line == 63
    assert strongest.quote.startswith("Azerbaijan has not yet ratified the Protocol of 2014 (P029)")
    assert "not" in strongest.reason


def test_another_convention_says_nothing_about_p029(audits: dict[str, DocumentAudit]) -> None:
    """Ratifying a Council of Europe convention leaves P029 ratification missing."""
    finding = next(f for f in audits[NARRATIVE_SEED.name].findings if f.item_id == "ratification.status")
    assert finding.status.value == "missing"
    assert finding.evidence == ()


def test_scores(audits: dict[str, DocumentAudit]) -> None:
    """The scores are the weighted shares the reading implies."""
    compilation = audits[COMPILATION_SEED.name]
    assert compilation.score == 82.3
    assert dict(compilation.year_scores) == {"2017": 59.5, "2018": 78.5}


# ── the compilation seed, copied from its PDF's table row by row ─────────────────────────────────


@pytest.fixture(scope="module")
def row_by_row(pack: RulePack) -> DocumentAudit:
    """Seed 004's text laid out as a copy of the PDF's table row by row gives it, audited."""
    return audit(read_file(str(ROW_BY_ROW_COMPILATION)), pack)


def _statuses(result: DocumentAudit) -> dict[str, tuple[str, dict[str, str]]]:
    return {
        finding.item_id: (
            finding.status.value,
            {year: status.value for year, status in finding.by_year.items()},
        )
        for finding in result.findings
    }


def _finding(result: DocumentAudit, item_id: str) -> Finding:
    return next(finding for finding in result.findings if finding.item_id == item_id)


def test_a_copy_row_by_row_reads_as_the_seed(
    audits: dict[str, DocumentAudit], row_by_row: DocumentAudit
) -> None:
    """Every item has the seed's status, overall and in each report year, in a compilation of the same
    country and years."""
    assert _statuses(row_by_row) == _statuses(audits[COMPILATION_SEED.name])
    assert row_by_row.kind is DocumentKind.COMPILATION
    assert (row_by_row.metadata.country, row_by_row.years) == ("Azerbaijan", ("2017", "2018"))


@pytest.mark.parametrize(
    ("item_id", "line", "quote"),
    [
        (
            "ratification.status",
            19,
            "Azerbaijan has not yet ratified the Protocol of 2014 (P029) to the Forced Labour Convention.",
        ),
        ("observations.employers", 15, "No."),
        ("observations.workers", 17, "No."),
    ],
)
def test_a_copy_row_by_row_keeps_its_denials(
    row_by_row: DocumentAudit, item_id: str, line: int, quote: str
) -> None:
    """'has not yet ratified' beside the group's label, and the 'No.' beside each observations label, deny
    the item, quoted without the labels' words."""
    finding = _finding(row_by_row, item_id)
    assert finding.status.value == "negative"
    assert (finding.evidence[0].start.line, finding.evidence[0].quote) == (line, quote)


def _pieced(quote: str, lines: list[str]) -> bool:
    """Whether `quote` is a piece of each of `lines` in turn (white space aside), the pieces one space apart."""
    starts = {0}
    for line in lines:
        text = " ".join(line.split())
        ends = set()
        for start in starts:
            end = start
            while end <= len(quote) and quote[start:end].strip() in text:
                ends.add(end)
                end += 1
        starts = ends
    return len(quote) in starts


def test_a_copy_row_by_row_quotes_pieces_of_the_lines_it_cites(row_by_row: DocumentAudit) -> None:
    """Every quote is made of the answer's pieces of the lines it cites, each verbatim, in order: the labels'
    words beside them are left out."""
    lines = ROW_BY_ROW_COMPILATION.read_text(encoding="utf-8").split("\n")
    quotes = [
        (evidence.start.line, evidence.end.line, evidence.quote)
        for finding in row_by_row.findings
        for evidence in finding.evidence
        if evidence.quote
    ]
    assert quotes
    for first, last, quote in quotes:
        assert first is not None and last is not None
        assert _pieced(quote, lines[first - 1 : last]), (first, quote)
