"""The audit as CSV: one row per submission and item, for spreadsheets and for researchers comparing
countries and years: each report's score (the measures in place) and completeness (the items answered),
and each item's status and whether it is answered. Per-year statuses are one column each, over all the
years of the run. The strongest evidence is cited as JSON and the spreadsheet's Evidence sheet cite it: page
and line, or a Word document's paragraph, table and row, and the section it stands in (the last column,
so that readers of the earlier columns read them where they were). A cell a spreadsheet would take for a
formula is marked text (see `columns.as_text`). The gaps view keeps only the rows of gaps (missing or
negative)."""

from __future__ import annotations

import csv
import io

from checker.model import AuditResult, Evidence, RulePack
from checker.reporters.columns import LOCATION_COLUMNS, as_text, location_cells
from checker.reporters.options import RenderOptions, View
from checker.scoring import credit

__all__ = ["render"]

COLUMNS = [
    "source",
    "country",
    "kind",
    "language",
    "score",
    "completeness",
    "item",
    "area",
    "status",
    "answered",
    "item_score",
    "weight",
    "suppressed",
]
# The location columns the spreadsheet has, page to row, then the year and the quote, then the section:
# written after the others when it was added.
EVIDENCE = [
    *(f"evidence_{column}" for column in LOCATION_COLUMNS[:-1]),
    "evidence_year",
    "evidence",
    f"evidence_{LOCATION_COLUMNS[-1]}",
]


def _evidence(strongest: Evidence | None) -> tuple[int | str, ...]:
    """The strongest passage's cells, in the order of `EVIDENCE`; empty ones where there is none."""
    if strongest is None:
        return ("",) * len(EVIDENCE)
    *numbers, section = location_cells(strongest)
    return (*numbers, strongest.year_tag or "", strongest.quote, section)


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The result as CSV with a header row; only the gaps' rows in the gaps view."""
    years = sorted({year for audit in result.audits for year in audit.years})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*COLUMNS, *(f"status_{year}" for year in years), *EVIDENCE])
    for audit in result.audits:
        for finding in audit.findings:
            if options.view is View.GAPS and not finding.status.is_gap:
                continue
            rule = pack.rule(finding.item_id)
            suppression = audit.suppression(finding.item_id)
            row = [
                audit.source,
                audit.metadata.country or "",
                audit.kind.value,
                audit.language or "",
                f"{audit.score:.1f}",
                f"{audit.completeness:.1f}",
                rule.id,
                rule.area,
                finding.status.value,
                "yes" if finding.status.is_answer else "no",
                f"{credit(finding.status):g}",
                rule.weight,
                suppression.reason if suppression else "",
                *(finding.by_year[year].value if year in finding.by_year else "" for year in years),
                *_evidence(finding.evidence[0] if finding.evidence else None),
            ]
            writer.writerow([as_text(cell) if isinstance(cell, str) else cell for cell in row])
    return buffer.getvalue()
