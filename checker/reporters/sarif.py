"""The audit as SARIF 2.1.0, for code-scanning views such as GitHub's: one result per gap (an item missing
or denied), placed at the item's heading or field in the submission (line 1 when it has none yet), with
each item's label, provision, question and guidance as the rule's metadata; and the gate's outcome.

The level tells the two questions apart: an item the gate failed on is an error, an item not answered a
warning, and an item answered with an explicit 'no' (the measure is not in place, but the draft is
complete there) a note. A failed gate leaves a trace a red job can be explained by: each of its reasons
is a result of the rule `gate` (at the report it concerns), and the invocation records the outcome, the
reasons and the gate's warnings as notifications.

What GitHub code scanning needs is kept to: ``$schema`` and ``version``, a driver with rules, and for each
result a rule id, a level, a message and a physical location with a relative path and a start line. A
gap the drafter suppressed is kept, marked with its justification, so that the alert is closed as such.
The fingerprints leave the file's path out, so that an alert survives a renamed draft.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checker import __version__
from checker.model import AuditResult, DocumentAudit, Finding, GateOutcome, Rule, RulePack
from checker.reporters.findings import fingerprint, level, line, message, uri
from checker.reporters.options import RenderOptions

__all__ = ["render"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://www.ilo.org/resource/protocol-2014-forced-labour-convention-1930"
GATE_RULE = "gate"
_FINGERPRINT = "iloCheckItem/v2"  # v1 hashed the path as typed, which a renamed draft lost


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace(".", "_").split("_")),
        "shortDescription": {"text": rule.label},
        "fullDescription": {"text": f"{rule.question} ({rule.provision})"},
        "help": {
            "text": f"{rule.question}\n\n{rule.guidance}",
            "markdown": f"**{rule.question}**\n\n{rule.guidance}\n\n*{rule.provision}*",
        },
        "defaultConfiguration": {"level": "warning"},
        "properties": {
            "area": rule.area,
            "provision": rule.provision,
            "weight": rule.weight,
            "tags": ["P029", rule.area],
        },
    }


_GATE_DESCRIPTOR = {
    "id": GATE_RULE,
    "name": "Gate",
    "shortDescription": {"text": "The CI gate on the submissions"},
    "fullDescription": {
        "text": "A score, completeness or area score under its bar, a required item short of what the gate "
        "accepts, or a regression against the baseline."
    },
    "help": {
        "text": "Each reason the gate failed is a result; 'ilo-check audit --help' lists the gate's options."
    },
    "defaultConfiguration": {"level": "error"},
    "properties": {"tags": ["P029", "gate"]},
}


def _gate_fingerprint(audit: DocumentAudit | None, reason: str) -> dict[str, str]:
    """The gate's reason, in the report it concerns told as its items are (see `fingerprint`)."""
    about = fingerprint(audit, GATE_RULE) if audit is not None else ""
    return {_FINGERPRINT: hashlib.sha256(f"{about}\0{reason}".encode()).hexdigest()[:32]}


def _location(audit: DocumentAudit, start_line: int) -> list[dict[str, Any]]:
    return [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": uri(audit.source)},
                "region": {"startLine": start_line},
            }
        }
    ]


def _result(
    result: AuditResult, audit: DocumentAudit, finding: Finding, rule: Rule, index: int
) -> dict[str, Any]:
    told: dict[str, Any] = {
        "ruleId": rule.id,
        "ruleIndex": index,
        "level": level(result, audit, finding),
        "message": {"text": message(finding, rule)},
        "locations": _location(audit, line(finding)),
        "partialFingerprints": {_FINGERPRINT: fingerprint(audit, rule.id)},
        "properties": {
            "status": finding.status.value,
            "answered": finding.status.is_answer,
            "area": rule.area,
        },
    }
    suppression = audit.suppression(rule.id)
    if suppression is not None:
        kind = "inSource" if suppression.origin.startswith(audit.source) else "external"
        told["suppressions"] = [{"kind": kind, "justification": suppression.reason}]
    return told


def _concerned(reason: str, audits: tuple[DocumentAudit, ...]) -> tuple[DocumentAudit | None, str]:
    """The report a gate reason is about ("draft.md: score 29.7 is under 60"), and the reason without it."""
    for audit in audits:
        if reason.startswith(f"{audit.source}: "):
            return audit, reason.removeprefix(f"{audit.source}: ")
    return None, reason


def _gate_results(result: AuditResult, index: int) -> list[dict[str, Any]]:
    """A result per reason the gate failed, at the report it concerns (line 1: the file as a whole)."""
    assert result.gate is not None
    results = []
    for reason in result.gate.failures:
        audit, said = _concerned(reason, result.audits)
        entry: dict[str, Any] = {
            "ruleId": GATE_RULE,
            "ruleIndex": index,
            "level": "error",
            "message": {"text": f"Gate failed: {reason}"},
            "partialFingerprints": _gate_fingerprint(audit, said),
        }
        if audit is not None:
            entry["locations"] = _location(audit, 1)
        results.append(entry)
    return results


def _invocation(gate: GateOutcome | None) -> dict[str, Any]:
    """The run's outcome: it ran to the end (a report written is a run that succeeded), and how the gate
    went, its reasons and its warnings as notifications."""
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if gate is None:
        return invocation
    notifications = [
        {"level": "error", "message": {"text": reason}, "descriptor": {"id": GATE_RULE}}
        for reason in gate.failures
    ] + [
        {"level": "warning", "message": {"text": warning}, "descriptor": {"id": GATE_RULE}}
        for warning in gate.warnings
    ]
    invocation["exitCodeDescription"] = "gate passed" if gate.passed else "gate failed"
    invocation["properties"] = {"gate": "passed" if gate.passed else "failed"}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The result as a SARIF 2.1.0 log, one run: a result per gap, and per reason a gate failed."""
    index = {rule.id: number for number, rule in enumerate(pack.rules)}
    results = [
        _result(result, audit, finding, pack.rule(finding.item_id), index[finding.item_id])
        for audit in result.audits
        for finding in audit.findings
        if finding.status.is_gap
    ]
    rules = [_rule(rule) for rule in pack.rules]
    if result.gate is not None:
        results += _gate_results(result, len(rules))
        rules.append(_GATE_DESCRIPTOR)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ilo-check",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "invocations": [_invocation(result.gate)],
                "results": results,
                "properties": {
                    "pack": result.pack_name,
                    "packVersion": result.pack_version,
                    "reports": [
                        {
                            "source": audit.source,
                            "score": audit.score,
                            "completeness": audit.completeness,
                            "language": audit.language,
                            "otherLanguages": [
                                {
                                    "section": part.title,
                                    "line": part.location.line,
                                    "language": part.language,
                                }
                                for part in audit.other_languages
                            ],
                        }
                        for audit in result.audits
                    ],
                },
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
