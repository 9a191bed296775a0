"""The audit one finding a line, as linters write for hooks and editors (``PATH:LINE: ...``): each gap
and each partly answered item of a submission, in the order of its lines, then the verdict. Reported
items are not findings, and a gap the drafter suppressed is left out, as ``# noqa`` leaves a line out.
With ``--show gaps`` the partial items are left out too; ``--show unmatched`` gives a line per sentence
no rule recognised instead. No colour, no padding: every line is for a program as much as for a person.

A place that is not a line of the file (a PDF's page, a Word paragraph or table row) is cited at the
end, in brackets, and the finding points at line 1, the file as a whole.
"""

from __future__ import annotations

from checker.errors import printable
from checker.model import AuditResult, DocumentAudit, Finding, Location, RulePack, Status
from checker.reporters.findings import citation, is_file_line, line, relative_path, verdict
from checker.reporters.options import RenderOptions, View

__all__ = ["render"]

_FINDINGS = {
    View.ALL: (Status.MISSING, Status.NEGATIVE, Status.PARTIAL),
    View.GAPS: (Status.MISSING, Status.NEGATIVE),
}


def _number(finding: Finding) -> int:
    """The file's line the finding points at; 1 where its place is a page's line or a paragraph, whose
    number is not the file's."""
    return 1 if citation(finding) else line(finding)


def _finding(path: str, finding: Finding, pack: RulePack) -> str:
    label = pack.rule(finding.item_id).label
    text = f"{path}:{_number(finding)}: {finding.status.value} {finding.item_id} {label}"
    cited = citation(finding)
    return printable(text + (f" [{cited}]" if cited else ""))


def _findings(audit: DocumentAudit, pack: RulePack, view: View) -> list[str]:
    shown = _FINDINGS[view]
    findings = [
        finding
        for finding in audit.findings
        if finding.status in shown and audit.suppression(finding.item_id) is None
    ]
    path = relative_path(audit.source)
    # sorted() is stable: items on the same line (line 1 above all) keep the questionnaire's order.
    return [_finding(path, finding, pack) for finding in sorted(findings, key=_number)]


def _sentence(path: str, start: Location, quote: str) -> str:
    if start.line is not None and is_file_line(start):
        return printable(f"{path}:{start.line}: unmatched {quote}")
    return printable(f"{path}:1: unmatched {quote} [{start.describe()}]")


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """A line per finding (or unmatched sentence) of every submission, then the verdict, which counts
    the gate's failures (the command line tells them on stderr)."""
    lines = []
    for audit in result.audits:
        if options.view is View.UNMATCHED:
            path = relative_path(audit.source)
            lines += [_sentence(path, segment.start, segment.quote) for segment in audit.unmatched]
        else:
            lines += _findings(audit, pack, options.view)
    lines += verdict(result, reasons=False)  # the reasons are on stderr, a line of their own
    return "\n".join(lines) + "\n"
