"""Findings as linters show them, shared by the formats that point at places in a file (SARIF, GitHub
annotations, GitLab Code Quality, concise): which items are findings, the path and line each points at,
a fingerprint that follows an item from run to run, a one-line message; and the run's verdict in one line.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from urllib.parse import quote

from checker.errors import printable
from checker.language.identify import name
from checker.model import AuditResult, DocumentAudit, Finding, Location, Rule, Status

__all__ = [
    "citation",
    "fingerprint",
    "is_file_line",
    "languages",
    "level",
    "line",
    "message",
    "other_sections",
    "place",
    "relative_path",
    "unsuppressed_gaps",
    "uri",
    "verdict",
]


def relative_path(source: str) -> str:
    """The submission's path as a CI system wants it: relative to the working directory when it is under
    it, with forward slashes; an absolute path elsewhere is kept as it is."""
    path = Path(source)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return path.as_posix() if os.sep == "/" else str(path).replace(os.sep, "/")


def uri(source: str) -> str:
    """The path as a URI reference, as SARIF wants it: relative and percent-encoded ("report%202025.md"),
    or a file URI for a submission outside the working directory."""
    path = relative_path(source)
    return Path(path).as_uri() if Path(path).is_absolute() else quote(path)


def place(finding: Finding) -> Location | None:
    """Where a finding stands: the item's heading or field, else what the submission says of it."""
    return (
        finding.anchor
        if finding.anchor is not None
        else next((item.start for item in finding.evidence), None)
    )


def line(finding: Finding) -> int:
    """The line to point at: the item's heading or field, else what the submission says of it, else
    line 1 (the file as a whole), as code-scanning views need a line."""
    places: list[Location | None] = [finding.anchor, *(item.start for item in finding.evidence)]
    return next((place.line for place in places if place is not None and place.line is not None), 1)


def is_file_line(location: Location) -> bool:
    """Whether the location is a line of the file, as an editor numbers it: not a page's line, a Word
    paragraph or a table's row."""
    return location.page is None and location.paragraph is None and location.table is None


def citation(finding: Finding) -> str | None:
    """The finding's place as the table cites it (``p. 3 l. 12``, ``¶ 7``, ``table 2 row 5``) when a line
    number alone does not say it: a page's line, a Word paragraph or table row. None for a file's line."""
    where = place(finding)
    return None if where is None or is_file_line(where) else where.describe()


def fingerprint(audit: DocumentAudit, item_id: str) -> str:
    """A stable identity for an item's finding in a submission, the same from run to run while the
    item stays unanswered, so that a CI view can tell a new finding from an old one. The report is told
    by what it is (its country and years), not by where it is, so that a renamed or moved draft keeps
    its findings; a report that names no country is told by its path in the repository (else as typed)."""
    if audit.metadata.country:
        report = f"{audit.metadata.country}\0{','.join(audit.years)}"
    else:
        report = audit.identity.path or audit.source
    return hashlib.sha256(f"{report}\0{item_id}".encode()).hexdigest()[:32]


def message(finding: Finding, rule: Rule) -> str:
    """What the finding is, in one paragraph: the item, its status, what the submission says of it (or
    why nothing counted), and the question the drafter is to answer."""
    text = f"{rule.label}: {finding.status.value}."
    if finding.evidence and finding.evidence[0].quote:
        text += f' The submission says: "{finding.evidence[0].quote}" ({finding.evidence[0].reason}).'
    elif finding.note:
        text += f" ({finding.note})"
    return f"{text} {rule.question}"


def level(result: AuditResult, audit: DocumentAudit, finding: Finding) -> str:
    """How grave a gap is, in SARIF's words: an ``error`` where the gate failed on the item (a required
    item short of what --fail-on accepts), a ``warning`` where it is not answered, a ``note`` where it is
    answered 'no' (the measure is not in place, but the report is complete there)."""
    if result.gate is not None and result.gate.failed_on(audit.source, finding.item_id):
        return "error"
    return "note" if finding.status.is_answer else "warning"


def unsuppressed_gaps(audit: DocumentAudit) -> list[Finding]:
    """The gaps (missing or negative) the drafter has not accepted. A linter's own formats leave out
    what was suppressed, as `# noqa` does; SARIF alone keeps it, marked, for code scanning to close."""
    return [
        finding
        for finding in audit.findings
        if finding.status.is_gap and not audit.suppression(finding.item_id)
    ]


def _counts(audit: DocumentAudit) -> str:
    """How many items are missing (not answered), negative (answered 'no') and partial, and how many
    gaps of them the drafter suppressed."""
    counts = {status: sum(finding.status is status for finding in audit.findings) for status in Status}
    told = ", ".join(
        f"{counts[status]} {status.value}" for status in (Status.MISSING, Status.NEGATIVE, Status.PARTIAL)
    )
    suppressed = sum(
        finding.status.is_gap and audit.suppression(finding.item_id) is not None for finding in audit.findings
    )
    return f"{told}; {suppressed} suppressed" if suppressed else told


def languages(audit: DocumentAudit) -> str | None:
    """What a submission is written in, in a few words: ``French``, or ``French, 2 sections in English``
    where some differ; None where it was not told (a result written before languages were)."""
    if audit.language is None:
        return None
    counts: dict[str, int] = {}
    for part in audit.other_languages:
        counts[part.language] = counts.get(part.language, 0) + 1
    told = [
        f"{count} {'section' if count == 1 else 'sections'} in {name(code)}"
        if number == 0
        else f"{count} in {name(code)}"
        for number, (code, count) in enumerate(counts.items())
    ]
    return ", ".join([name(audit.language), *told])


_TITLE_SHOWN = 40  # a section's title as a heading shows it; a run-in heading may be a whole sentence


def other_sections(audit: DocumentAudit) -> list[str]:
    """Each section written in another language than its submission: where it stands, its title (if it
    has one) and its language (``l. 40 “Loi n° 2017-12” (English)``)."""
    told = []
    for part in audit.other_languages:
        title = " ".join(part.title.split())
        if len(title) > _TITLE_SHOWN:
            title = title[: _TITLE_SHOWN - 1].rstrip() + "\u2026"
        shown = f" \u201c{printable(title)}\u201d" if title else ""
        told.append(f"{part.location.describe()}{shown} ({name(part.language)})")
    return told


def verdict(result: AuditResult, *, reasons: bool = True) -> list[str]:
    """The run in as few lines as it takes: a submission's score and completeness, its items short of
    reported, and the gate's decision with its reasons (or their number, where they are told apart
    already); one line for one submission, one per submission and one for the gate for several."""
    lines = [
        f"{printable(relative_path(audit.source))}: score {audit.score:.1f}, "
        f"completeness {audit.completeness:.1f} ({_counts(audit)})"
        + (f"; written in {told}" if (told := languages(audit)) else "")
        for audit in result.audits
    ]
    if result.gate is None:
        return lines
    failures = result.gate.failures
    if result.gate.passed:
        gate = "gate passed"
    elif reasons:
        gate = "gate failed: " + "; ".join(failures)
    else:
        gate = f"gate failed ({len(failures)} reason{'s' * (len(failures) != 1)})"
    if len(lines) == 1:
        return [f"{lines[0]}; {printable(gate)}"]
    return [*lines, printable(gate)]
