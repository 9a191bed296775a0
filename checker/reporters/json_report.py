"""The audit as JSON, following ``schemas/result.schema.json``; any such output is also a baseline.

Keys come in a fixed order and numbers in a fixed form, so that the same audit gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.model import (
    AuditResult,
    Change,
    DocumentAudit,
    Evidence,
    Finding,
    GateOutcome,
    Location,
    RulePack,
    Status,
)
from checker.reporters.options import RenderOptions
from checker.scoring import credit

__all__ = ["render", "to_data"]

SCHEMA_VERSION = 1


def _location(start: Location, end: Location) -> dict[str, Any]:
    data: dict[str, Any] = {"line": start.line}
    if end.line is not None and (end.line != start.line or end.page != start.page):
        data["end_line"] = end.line
    for key in ("page", "paragraph", "table", "row"):
        value = getattr(start, key)
        if value is not None:
            data[key] = value
    if end.page is not None and end.page != start.page:
        data["end_page"] = end.page  # a passage that runs on over a page break ends on the next page
    return data


def _evidence(item: Evidence) -> dict[str, Any]:
    assert item.status is not None
    return {
        **_location(item.start, item.end),
        "text": item.quote,
        "context": {"before": item.before, "after": item.after},
        "year": item.year_tag,
        "section": item.section,
        "status": item.status.value,
        "reason": item.reason,
    }


def _item(finding: Finding, pack: RulePack, audit: DocumentAudit) -> dict[str, Any]:
    rule = pack.rule(finding.item_id)
    suppression = audit.suppression(finding.item_id)
    return {
        "id": finding.item_id,
        "area": finding.area,
        "label": rule.label,
        "status": finding.status.value,
        "answered": finding.status.is_answer,
        "score": credit(finding.status),
        "weight": rule.weight,
        "by_year": {year: status.value for year, status in finding.by_year.items()},
        "note": finding.note,
        "suppressed": {"reason": suppression.reason, "origin": suppression.origin} if suppression else None,
        "evidence": [_evidence(item) for item in finding.evidence],
    }


def _report(audit: DocumentAudit, pack: RulePack) -> dict[str, Any]:
    return {
        "source": audit.source,
        "path": audit.identity.path,
        "sha256": audit.identity.sha256,
        "format": audit.format,
        "kind": audit.kind.value,
        "language": audit.language,
        "other_languages": [
            {"section": part.title, **_location(part.location, part.location), "language": part.language}
            for part in audit.other_languages
        ],
        "country": audit.metadata.country,
        "years": list(audit.years),
        "score": audit.score,
        "completeness": audit.completeness,
        "year_scores": dict(audit.year_scores),
        "areas": [
            {"id": area.area, "label": area.label, "score": area.score, "completeness": area.completeness}
            | {status.value: area.counts[status] for status in Status}
            for area in audit.areas
        ],
        "items": [_item(finding, pack, audit) for finding in audit.findings],
        "warnings": list(audit.warnings),
    }


def _change(change: Change) -> dict[str, str]:
    return {
        "source": change.source,
        "subject": change.subject,
        "before": change.before,
        "after": change.after,
    }


def _gate(gate: GateOutcome) -> dict[str, Any]:
    return {
        "passed": gate.passed,
        "failures": list(gate.failures),
        "required": list(gate.required),
        "regressions": [_change(change) for change in gate.regressions],
        "improvements": [_change(change) for change in gate.improvements],
        "warnings": list(gate.warnings),
    }


def to_data(result: AuditResult, pack: RulePack) -> dict[str, Any]:
    """The result as plain data, in the shape of the result schema."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ilo-check", "version": __version__},
        "rules": {"pack": result.pack_name, "version": result.pack_version},
        "reports": [_report(audit, pack) for audit in result.audits],
    }
    if result.gate is not None:
        data["gate"] = _gate(result.gate)
    return data


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The result as indented JSON, one trailing newline. The view does not apply: JSON is complete."""
    return json.dumps(to_data(result, pack), indent=2, ensure_ascii=False) + "\n"
