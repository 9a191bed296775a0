"""The audit as GitHub Actions workflow commands: an annotation per gap on the draft's line in the pull
request (an error for an item the gate requires, else a warning), an error per reason the gate failed,
and a notice with the score. GitHub shows them on the changed files and in the run's summary.

Text goes through GitHub's own escaping (that of the Actions toolkit's ``escapeData`` and
``escapeProperty``), so that a quote cannot end a command early or start one of its own.
"""

from __future__ import annotations

from checker.model import AuditResult, DocumentAudit, RulePack
from checker.reporters.findings import (
    citation,
    line,
    message,
    relative_path,
    required,
    unsuppressed_gaps,
    verdict,
)
from checker.reporters.options import RenderOptions

__all__ = ["escape_data", "escape_property", "render"]


def escape_data(text: str) -> str:
    """A command's message as the runner reads it back: per cent first, so that the escapes that follow
    are not read twice; then the line breaks that would end the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property's value: as a message, and the colon and comma that separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, text: str, **properties: str) -> str:
    """One workflow command, ``::name key=value,key=value::text``."""
    given = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name}{' ' + given if given else ''}::{escape_data(text)}"


def _annotations(audit: DocumentAudit, pack: RulePack, needed: frozenset[str]) -> list[str]:
    path = relative_path(audit.source)
    lines = []
    for finding in unsuppressed_gaps(audit):
        rule = pack.rule(finding.item_id)
        cited = citation(finding)
        text = message(finding, rule) + (f" [{cited}]" if cited else "")
        lines.append(
            _command(
                "error" if rule.id in needed else "warning",
                text,
                file=path,
                line=str(line(finding)),
                title=f"ilo-check {rule.id} ({finding.status.value})",
            )
        )
    return lines


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The result as workflow commands, one a line: the gaps, the gate's failures, then the verdict
    (which counts the failures, each already an error of its own)."""
    needed = required(result)
    lines = [command for audit in result.audits for command in _annotations(audit, pack, needed)]
    if result.gate is not None:
        lines += [_command("error", failure) for failure in result.gate.failures]
    lines += [_command("notice", told) for told in verdict(result, reasons=False)]
    return "\n".join(lines) + "\n"
