"""The two real seed documents get, item by item and year by year, the adjudicated expert reading in
tests/expected/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.engine import audit
from checker.model import DocumentAudit, DocumentKind, RulePack
from checker.readers import read_file
from tests.conftest import COMPILATION_SEED, EXPECTED, NARRATIVE_SEED, SEEDS

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
