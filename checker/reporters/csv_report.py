"""The audit as CSV: one row per submission and item, for spreadsheets and for researchers comparing
countries and years: each report's score (the measures in place) and completeness (the items answered),
and each item's status and whether it is answered. Per-year statuses are one column each, over all the
years of the run. The strongest evidence is cited as JSON cites it: page and line, or a Word document's
paragraph, table and row. The gaps view keeps only the rows of gaps (missing or negative)."""

from __future__ import annotations

import csv
import io

from checker.model import AuditResult, RulePack
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
EVIDENCE = [
    "evidence_page",
    "evidence_line",
    "evidence_paragraph",
    "evidence_table",
    "evidence_row",
    "evidence_year",
    "evidence",
]


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
            strongest = finding.evidence[0] if finding.evidence else None
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
                *(
                    (
                        strongest.start.page or "",
                        strongest.start.line or "",
                        strongest.start.paragraph or "",
                        strongest.start.table or "",
                        strongest.start.row or "",
                        strongest.year_tag or "",
                        strongest.quote,
                    )
                    if strongest
                    else ("",) * len(EVIDENCE)
                ),
            ]
            writer.writerow(row)
    return buffer.getvalue()
