"""The audit as SARIF 2.1.0, for code-scanning views such as GitHub's: one result per gap (an item missing
or denied), placed at the item's heading or field in the submission (line 1 when it has none yet), with
each item's label, provision, question and guidance as the rule's metadata.

What GitHub code scanning needs is kept to: ``$schema`` and ``version``, a driver with rules, and for each
result a rule id, a level, a message and a physical location with a relative path and a start line. A
gap the drafter suppressed is kept, marked with its justification, so that the alert is closed as such.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.model import AuditResult, DocumentAudit, Finding, Location, Rule, RulePack
from checker.reporters.options import RenderOptions

__all__ = ["render"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://www.ilo.org/resource/protocol-2014-forced-labour-convention-1930"


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


def _uri(source: str) -> str:
    """A path relative to the working directory, as code scanning wants it: forward slashes, and
    percent-encoded, as a URI reference must be ("report%202025.md")."""
    path = Path(source)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return quote(path.as_posix() if os.sep == "/" else str(path).replace(os.sep, "/"))


def _line(finding: Finding) -> int:
    """Where to point: the item's heading or field, else what the submission says of it, else line 1."""
    places: list[Location | None] = [finding.anchor, *(item.start for item in finding.evidence)]
    return next((place.line for place in places if place is not None and place.line is not None), 1)


def _message(finding: Finding, rule: Rule) -> str:
    text = f"{rule.label}: {finding.status.value}."
    if finding.evidence and finding.evidence[0].quote:
        text += f' The submission says: "{finding.evidence[0].quote}" ({finding.evidence[0].reason}).'
    elif finding.note:
        text += f" ({finding.note})"
    return f"{text} {rule.question}"


def _result(audit: DocumentAudit, finding: Finding, rule: Rule, index: int, required: bool) -> dict[str, Any]:
    fingerprint = hashlib.sha256(f"{audit.source}\0{rule.id}".encode()).hexdigest()[:32]
    result: dict[str, Any] = {
        "ruleId": rule.id,
        "ruleIndex": index,
        "level": "error" if required else "warning",
        "message": {"text": _message(finding, rule)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(audit.source)},
                    "region": {"startLine": _line(finding)},
                }
            }
        ],
        "partialFingerprints": {"iloCheckItem/v1": fingerprint},
        "properties": {"status": finding.status.value, "area": rule.area},
    }
    suppression = audit.suppression(rule.id)
    if suppression is not None:
        kind = "inSource" if suppression.origin.startswith(audit.source) else "external"
        result["suppressions"] = [{"kind": kind, "justification": suppression.reason}]
    return result


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The result as a SARIF 2.1.0 log, one run, one result per gap."""
    index = {rule.id: number for number, rule in enumerate(pack.rules)}
    required = set(result.gate.required) if result.gate is not None else set()
    results = [
        _result(
            audit, finding, pack.rule(finding.item_id), index[finding.item_id], finding.item_id in required
        )
        for audit in result.audits
        for finding in audit.findings
        if finding.status.is_gap
    ]
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
                        "rules": [_rule(rule) for rule in pack.rules],
                    }
                },
                "results": results,
                "properties": {"pack": result.pack_name, "packVersion": result.pack_version},
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
