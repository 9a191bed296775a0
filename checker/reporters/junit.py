"""The audit as JUnit XML, as CI systems read test reports (GitHub, GitLab, Jenkins): one test suite per
submission, one test case per item, a failure for each item not answered (missing) or that failed the
gate, a skip for such an item the drafter suppressed; and, when a gate was set, a suite of its own whose
failures are the gate's. An item answered with an explicit 'no' ("No observations were received") is
answered: its test case passes, and says that the measure is not in place."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from checker.model import AuditResult, DocumentAudit, Finding, GateOutcome, RulePack, Status
from checker.reporters.options import RenderOptions

__all__ = ["render"]

# Characters XML 1.0 cannot hold, not even escaped; text extracted from a PDF may carry them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(root: ElementTree.Element) -> None:
    """Replace what XML cannot hold, in every text and attribute, with U+FFFD."""
    for element in root.iter():
        element.text = _NOT_XML.sub("\ufffd", element.text) if element.text else element.text
        for name, value in element.attrib.items():
            element.set(name, _NOT_XML.sub("\ufffd", value))


def _fails(audit: DocumentAudit, finding: Finding, gate: GateOutcome | None) -> bool:
    """Whether the item's test case fails: not answered, or short of what the gate requires of it."""
    return not finding.status.is_answer or (
        gate is not None and gate.failed_on(audit.source, finding.item_id)
    )


def _suite(audit: DocumentAudit, pack: RulePack, gate: GateOutcome | None) -> ElementTree.Element:
    failing = [finding for finding in audit.findings if _fails(audit, finding, gate)]
    skipped = sum(bool(audit.suppression(finding.item_id)) for finding in failing)
    gaps = len(failing) - skipped
    suite = ElementTree.Element(
        "testsuite",
        name=audit.source,
        tests=str(len(audit.findings)),
        failures=str(gaps),
        errors="0",
        skipped=str(skipped),
    )
    properties = ElementTree.SubElement(suite, "properties")
    details = {
        "score": f"{audit.score:.1f}",
        "completeness": f"{audit.completeness:.1f}",
        "kind": audit.kind.value,
        "country": audit.metadata.country or "",
        "language": audit.language or "",
    }
    details |= {f"language of {part.location.describe()}": part.language for part in audit.other_languages}
    details |= {f"score {year}": f"{score:.1f}" for year, score in audit.year_scores.items()}
    for name, value in details.items():
        ElementTree.SubElement(properties, "property", name=name, value=value)
    for finding in audit.findings:
        rule = pack.rule(finding.item_id)
        case = ElementTree.SubElement(
            suite, "testcase", classname=f"{pack.name}.{rule.area}", name=rule.id, file=audit.source
        )
        line = finding.anchor.line if finding.anchor is not None else None
        if line is not None:
            case.set("line", str(line))
        if not _fails(audit, finding, gate):
            if finding.status is Status.PARTIAL:
                ElementTree.SubElement(case, "system-out").text = f"partial: {finding.note or 'to complete'}"
            elif finding.status is Status.NEGATIVE:
                said = f': "{finding.evidence[0].quote}"' if finding.evidence else ""
                answer = f"negative: answered; the measure is not in place{said}"
                ElementTree.SubElement(case, "system-out").text = answer
            continue
        suppression = audit.suppression(rule.id)
        if suppression is not None:
            ElementTree.SubElement(case, "skipped", message=f"suppressed: {suppression.reason}")
            continue
        said = finding.evidence[0].quote if finding.evidence else finding.note or "nothing in the submission"
        failure = ElementTree.SubElement(
            case, "failure", message=f"{rule.label}: {finding.status.value}", type=finding.status.value
        )
        failure.text = (
            f"{said}\n\nQuestion: {rule.question}\nGuidance: {rule.guidance}\nProvision: {rule.provision}"
        )
    return suite


def _gate_suite(gate: GateOutcome) -> ElementTree.Element:
    suite = ElementTree.Element(
        "testsuite", name="gate", tests="1", failures="0" if gate.passed else "1", errors="0", skipped="0"
    )
    case = ElementTree.SubElement(suite, "testcase", classname="ilo-check", name="gate")
    if not gate.passed:
        failure = ElementTree.SubElement(
            case, "failure", message=f"gate failed: {len(gate.failures)} reason(s)", type="gate"
        )
        failure.text = "\n".join(gate.failures)
    return suite


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The result as a JUnit XML document."""
    suites = [_suite(audit, pack, result.gate) for audit in result.audits]
    if result.gate is not None:
        suites.append(_gate_suite(result.gate))
    root = ElementTree.Element(
        "testsuites",
        name=f"ilo-check {result.pack_name} {result.pack_version}",
        tests=str(sum(int(suite.get("tests", "0")) for suite in suites)),
        failures=str(sum(int(suite.get("failures", "0")) for suite in suites)),
        errors="0",
        skipped=str(sum(int(suite.get("skipped", "0")) for suite in suites)),
    )
    root.extend(suites)
    _xml_safe(root)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
