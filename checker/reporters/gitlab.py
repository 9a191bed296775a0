"""The audit as a GitLab Code Quality report: a JSON array with an issue per gap, which GitLab shows in
the merge request's widget and, beside the changed lines, in its diff. Each issue has the fields GitLab
reads (description, check_name, fingerprint, severity, location.path and location.lines.begin): ``major``
where the gate failed on the item, ``minor`` where it is not answered, ``info`` where it is answered
'no'. The gate itself has no place in a file, and so no issue: its verdict is the exit code. Nor has a
report's language: where it is not the rule pack's, each issue's description says it, as that gap may be
only the pack's words not being found.
"""

from __future__ import annotations

import json
from typing import Any

from checker.language.identify import name
from checker.model import AuditResult, DocumentAudit, Finding, RulePack
from checker.reporters.findings import (
    citation,
    fingerprint,
    level,
    line,
    message,
    relative_path,
    unsuppressed_gaps,
)
from checker.reporters.options import RenderOptions

__all__ = ["render"]


# GitLab's severities for SARIF's levels.
_SEVERITIES = {"error": "major", "warning": "minor", "note": "info"}


def _issue(result: AuditResult, audit: DocumentAudit, finding: Finding, pack: RulePack) -> dict[str, Any]:
    rule = pack.rule(finding.item_id)
    cited = citation(finding)
    described = f"{rule.id}: {message(finding, rule)}" + (f" [{cited}]" if cited else "")
    if audit.language is not None and audit.language != pack.language:
        described += f" (The report is written in {name(audit.language)}.)"
    return {
        "description": described,
        "check_name": rule.id,
        "fingerprint": fingerprint(audit, rule.id),
        "severity": _SEVERITIES[level(result, audit, finding)],
        "location": {"path": relative_path(audit.source), "lines": {"begin": line(finding)}},
    }


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The result as a Code Quality report, one issue per gap the drafter has not suppressed."""
    issues = [
        _issue(result, audit, finding, pack)
        for audit in result.audits
        for finding in unsuppressed_gaps(audit)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
