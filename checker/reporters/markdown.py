"""The audit as Markdown, fit to post as a pull-request comment: the gate's verdict, each report's
scores, the gaps to fill with their questions, and the full matrix folded away in a <details> block.
Several reports end with the panel: the items most of them leave missing, and every item side by side
with its tally across them. The gaps view keeps only the gaps to fill; the unmatched view lists the
sentences no rule recognised."""

from __future__ import annotations

from collections.abc import Sequence

from checker.errors import printable
from checker.model import AuditResult, DocumentAudit, GateOutcome, RulePack, Status
from checker.panel import ItemTally, tallies
from checker.reporters.columns import TALLY, most_missing_told, report_names, tally_cell, tally_legend
from checker.reporters.findings import languages, other_sections
from checker.reporters.options import RenderOptions, View
from checker.reporters.style import quote, symbol, where

__all__ = ["render"]

_QUOTE = 80
_DOT = " \u00b7 "


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _status(status: Status, options: RenderOptions) -> str:
    return f"{symbol(status, options)} {status.value}"


def _heading(audit: DocumentAudit) -> str:
    details = [audit.kind.value, *([audit.metadata.country] if audit.metadata.country else []), *audit.years]
    if told := languages(audit):
        details.append(f"written in {told}")
    others = (
        "\nIn another language: " + "; ".join(_cell(section) for section in other_sections(audit)) + "\n"
        if audit.other_languages
        else ""
    )
    return (
        f"### `{printable(audit.source)}`: {audit.score:.1f} / 100, completeness {audit.completeness:.1f}\n\n"
        f"{_DOT.join(details)}\n{others}"
    )


def _scores(audit: DocumentAudit, options: RenderOptions) -> list[str]:
    head = " | ".join(f"{symbol(status, options)} {status.value}" for status in Status)
    lines = [f"| Area | Score | Answered | {head} |", "|---|---:|---:|" + "---:|" * len(Status)]
    for area in audit.areas:
        counts = " | ".join(str(area.counts[status]) for status in Status)
        lines.append(f"| {_cell(area.label)} | {area.score:.1f} | {area.completeness:.1f} | {counts} |")
    return lines


def _gaps(audit: DocumentAudit, pack: RulePack, options: RenderOptions) -> list[str]:
    gaps = [finding for finding in audit.findings if finding.status.is_gap]
    lines = [f"**Gaps to fill ({len(gaps)}):**", ""]
    for finding in gaps:
        rule = pack.rule(finding.item_id)
        line = f"- {_status(finding.status, options)} `{rule.id}`: {rule.label}. {rule.question}"
        suppression = audit.suppression(rule.id)
        if suppression is not None:
            line += f" *(suppressed: {suppression.reason})*"
        elif finding.evidence:
            said = finding.evidence[0]
            line += f" Says: {where(said.start, said.year_tag)} {quote(said.quote, _QUOTE)}"
        lines.append(line)
    partial = [f"`{finding.item_id}`" for finding in audit.findings if finding.status is Status.PARTIAL]
    if partial:
        lines += ["", f"**Partly answered ({len(partial)}):** " + ", ".join(partial)]
    return lines


def _matrix(audit: DocumentAudit, options: RenderOptions) -> list[str]:
    years = audit.years if len(audit.years) > 1 else ()
    header = ["Item", *years, "Status", "Evidence"]
    lines = [
        f"<details><summary>All {len(audit.findings)} items</summary>",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for finding in audit.findings:
        by_year = [symbol(finding.by_year[year], options) for year in years]
        evidence = ""
        if finding.evidence:
            strongest = finding.evidence[0]
            evidence = f"{where(strongest.start, strongest.year_tag)} {quote(strongest.quote, _QUOTE)}"
        cells = [f"`{finding.item_id}`", *by_year, _status(finding.status, options), _cell(evidence)]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, "", "</details>"]


def _unmatched(audit: DocumentAudit) -> list[str]:
    lines = [f"**Sentences no rule recognised ({len(audit.unmatched)}):**", ""]
    lines += [
        f"- {where(segment.start, segment.year_tag)} {_cell(segment.quote)}" for segment in audit.unmatched
    ]
    return lines


def _report(audit: DocumentAudit, pack: RulePack, options: RenderOptions) -> list[str]:
    """One report's part, as the view asks: scores, gaps and matrix; the gaps; or the unmatched sentences."""
    if options.view is View.GAPS:
        return [_heading(audit), *_gaps(audit, pack, options), ""]
    if options.view is View.UNMATCHED:
        return [_heading(audit), *_unmatched(audit), ""]
    return [
        _heading(audit),
        *_scores(audit, options),
        "",
        *_gaps(audit, pack, options),
        "",
        *_matrix(audit, options),
        "",
    ]


def _side_by_side(
    audits: Sequence[DocumentAudit],
    names: list[str],
    counted: dict[str, ItemTally],
    pack: RulePack,
    options: RenderOptions,
) -> list[str]:
    """Every item's status in each report, and its tally across them, folded; then their scores."""
    statuses = [{finding.item_id: finding.status for finding in audit.findings} for audit in audits]
    lines = [
        f"<details><summary>All {len(counted)} items side by side</summary>",
        "",
        "| Item | " + " | ".join(_cell(name) for name in names) + f" | {TALLY} |",
        "|---|" + ":-:|" * (len(names) + 1),
    ]
    for item in (rule.id for rule in pack.rules if rule.id in counted):
        cells = [symbol(got[item], options) if item in got else "" for got in statuses]
        lines.append(f"| `{item}` | " + " | ".join(cells) + f" | {tally_cell(counted[item])} |")
    for title, values in (
        ("Score", [audit.score for audit in audits]),
        ("Completeness", [audit.completeness for audit in audits]),
    ):
        lines.append(f"| **{title}** | " + " | ".join(f"{value:.1f}" for value in values) + " | |")
    legend = ", ".join(_status(status, options) for status in Status)
    return [*lines, "", f"{legend}. {tally_legend(len(audits))}", "", "</details>"]


def _panel(result: AuditResult, pack: RulePack, options: RenderOptions) -> list[str]:
    """Several reports together: the items most often missing, which report is which column, and every
    item side by side."""
    names = report_names(result.audits, options)
    counted = tallies(result.audits)
    return [
        f"### {len(result.audits)} reports side by side",
        "",
        *([f"**Most often missing:** {told}", ""] if (told := most_missing_told(counted, "`")) else []),
        *(
            f"- **{_cell(name)}**: `{printable(audit.source)}`"
            for name, audit in zip(names, result.audits, strict=True)
        ),
        "",
        *_side_by_side(result.audits, names, {tally.item_id: tally for tally in counted}, pack, options),
        "",
    ]


def _gate(gate: GateOutcome) -> list[str]:
    lines = ["**Gate: passed.**" if gate.passed else "**Gate: failed.**", ""]
    lines += [f"- {_cell(failure)}" for failure in gate.failures]
    for title, changes in (("Regressed", gate.regressions), ("Improved", gate.improvements)):
        if changes:
            lines += ["", f"{title} against the baseline:", ""]
            lines += [
                f"- `{printable(c.source)}`: `{c.subject}` {c.before} \u2192 {c.after}" for c in changes
            ]
    return lines


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The result as Markdown: gate verdict, then per report its scores, gaps and folded matrix (or only
    its gaps, or its unmatched sentences)."""
    verdict = ""
    if result.gate is not None:
        verdict = ": gate passed" if result.gate.passed else ": gate failed"
    lines = [f"## ilo-check: {result.pack_name} audit{verdict}", ""]
    for audit in result.audits:
        lines += _report(audit, pack, options)
    if len(result.audits) > 1 and options.view is View.ALL:
        lines += _panel(result, pack, options)
    if result.gate is not None:
        lines += _gate(result.gate)
    return "\n".join(lines).rstrip("\n") + "\n"
