"""The audit as GitHub Actions workflow commands: an annotation per gap on the draft's line in the pull
request (an error where the gate failed on the item, a warning where it is not answered, a notice where
it is answered 'no'), an error per reason the gate failed, and a notice with the score. GitHub shows
them on the changed files and in the run's summary.

Text goes through GitHub's own escaping (that of the Actions toolkit's ``escapeData`` and
``escapeProperty``), so that a quote cannot end a command early or start one of its own.
"""

from __future__ import annotations

from checker.model import AuditResult, DocumentAudit, RulePack
from checker.reporters.findings import (
    citation,
    level,
    line,
    message,
    relative_path,
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


# GitHub's names for SARIF's levels.
_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def _annotations(result: AuditResult, audit: DocumentAudit, pack: RulePack) -> list[str]:
    path = relative_path(audit.source)
    lines = []
    for finding in unsuppressed_gaps(audit):
        rule = pack.rule(finding.item_id)
        cited = citation(finding)
        text = message(finding, rule) + (f" [{cited}]" if cited else "")
        lines.append(
            _command(
                _COMMANDS[level(result, audit, finding)],
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
    lines = [command for audit in result.audits for command in _annotations(result, audit, pack)]
    if result.gate is not None:
        lines += [_command("error", failure) for failure in result.gate.failures]
    lines += [_command("notice", told) for told in verdict(result, reasons=False)]
    return "\n".join(lines) + "\n"
