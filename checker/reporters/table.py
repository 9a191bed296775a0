"""The compliance matrix for a terminal: items by area, a column per report year, the overall status and
the strongest evidence; then the area scores and the total. Several reports make one matrix with a
column per report (its label, else its country and years when known), to compare countries or years
at a glance, and a column that tallies each item's statuses across them; then the items most often
missing. The gaps view lists only what is missing or denied, with each item's question and guidance:
what the drafter must still write. The unmatched view lists the sentences no rule recognised, where a
rule author looks for vocabulary the rules lack."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from checker.errors import printable
from checker.language.identify import name
from checker.model import AuditResult, DocumentAudit, Finding, GateOutcome, RulePack, Status
from checker.panel import ItemTally, tallies
from checker.reporters.columns import TALLY, most_missing_told, report_names, tally_cell, tally_legend
from checker.reporters.findings import languages, other_sections
from checker.reporters.options import RenderOptions, View
from checker.reporters.style import boxes, quote, rendered, status_text, symbol, where

__all__ = ["render"]

_ITEM_WIDTH = 36  # the longest item id, indented; area headings wrap within it
_REPORT_WIDTH = 12  # a report's column in the comparison: a status, a country's name, its years
# What a report's column and the tally's take on a line, with the space around them.
_SHOWN_REPORT = _REPORT_WIDTH + 3
_SHOWN_TALLY = len(TALLY) + 3


def _heading(audit: DocumentAudit, pack: RulePack) -> Text:
    details = [audit.kind.value]
    if audit.metadata.country:
        details.append(audit.metadata.country)
    if audit.years:
        details.append(", ".join(audit.years))
    details.append(f"rules {pack.name} {pack.version}")
    heading = Text(printable(audit.source), style="bold")
    heading.append("  (" + " \u00b7 ".join(details) + ")", style="dim")
    if told := languages(audit):
        sections = ": " + "; ".join(other_sections(audit)) if audit.other_languages else ""
        heading.append(f"\nWritten in {told}{sections}", style="dim")
    return heading


def _evidence_cell(finding: Finding, audit: DocumentAudit) -> Text:
    suppression = audit.suppression(finding.item_id)
    if not finding.evidence:
        cell = Text(finding.note or "", style="dim")
    else:
        strongest = finding.evidence[0]
        cell = Text(where(strongest.start, strongest.year_tag) + " ", style="cyan")
        cell.append(quote(strongest.quote) if strongest.quote else strongest.reason)
        if finding.note:
            cell.append(f" ({finding.note})", style="dim")
    if suppression is not None:
        cell.append(f" [suppressed: {suppression.reason}]", style="magenta")
    return cell


def _matrix(audit: DocumentAudit, pack: RulePack, options: RenderOptions) -> Table:
    years = audit.years if len(audit.years) > 1 else ()
    table = Table(box=boxes(options), show_edge=False, pad_edge=False, expand=True)
    table.add_column("Item", max_width=_ITEM_WIDTH)
    for year in years:
        table.add_column(year, no_wrap=True, justify="center")
    table.add_column("Overall", no_wrap=True)
    table.add_column("Evidence", ratio=1, overflow="fold")
    for area in pack.areas:
        findings = [finding for finding in audit.findings if finding.area == area.id]
        if not findings:
            continue
        table.add_row(Text(area.label, style="bold"), *([""] * (len(years) + 2)))
        for finding in findings:
            # Per-year cells show the symbol only; the legend under the table names them.
            by_year = [status_text(finding.by_year[year], options, word=False) for year in years]
            table.add_row(
                Text("  " + finding.item_id),
                *by_year,
                status_text(finding.status, options),
                _evidence_cell(finding, audit),
            )
    return table


def _legend(options: RenderOptions) -> Text:
    legend = Text("")
    for status in Status:
        legend.append_text(status_text(status, options))
        legend.append("   ")
    return legend


def _scores(audit: DocumentAudit, options: RenderOptions) -> RenderableType:
    table = Table(box=boxes(options), show_edge=False, pad_edge=False)
    table.add_column("Area")
    table.add_column("Score", justify="right")
    table.add_column("Answered", justify="right")
    for status in Status:  # the legend above names each symbol
        table.add_column(symbol(status, options), justify="right")
    for area in audit.areas:
        table.add_row(
            area.label,
            f"{area.score:.1f}",
            f"{area.completeness:.1f}",
            *(str(area.counts[status]) for status in Status),
        )
    total = Text(f"Score: {audit.score:.1f} / 100", style="bold")
    if len(audit.years) > 1:
        total.append("   " + "   ".join(f"{year}: {score:.1f}" for year, score in audit.year_scores.items()))
    total.append("   (measures in place: items reported; partial counts half)", style="dim")
    answered = Text(f"Completeness: {audit.completeness:.1f} / 100", style="bold")
    answered.append("   (items answered: all but missing; an explicit no is an answer)", style="dim")
    return Group(table, Text(""), total, answered)


def _gaps(audit: DocumentAudit, pack: RulePack, options: RenderOptions) -> RenderableType:
    gaps = [finding for finding in audit.findings if finding.status.is_gap]
    partial = [finding.item_id for finding in audit.findings if finding.status is Status.PARTIAL]
    parts: list[RenderableType] = [Text(f"{len(gaps)} of {len(audit.findings)} items are gaps", style="bold")]
    for finding in gaps:
        rule = pack.rule(finding.item_id)
        title = Text("\n")
        title.append_text(status_text(finding.status, options))
        title.append(f"  {rule.id}", style="bold")
        title.append(f"  {rule.label} ({rule.provision})")
        lines = [Text("Question: ", style="bold").append(rule.question, style="not bold")]
        lines.append(Text("Guidance: ", style="bold").append(rule.guidance, style="not bold"))
        if finding.evidence:
            said = finding.evidence[0]
            lines.append(
                Text("Says: ", style="bold").append(
                    f"{where(said.start, said.year_tag)} {quote(said.quote)}", style="not bold"
                )
            )
        elif finding.note:
            lines.append(Text(finding.note, style="dim"))
        parts += [title, Padding(Group(*lines), (0, 0, 0, 4))]
    if partial:
        parts.append(Text("\nPartly answered, to complete: " + ", ".join(partial), style="yellow"))
    return Group(*parts)


def _unmatched(audit: DocumentAudit) -> RenderableType:
    sentences = audit.unmatched
    parts: list[RenderableType] = [Text(f"{len(sentences)} sentences no rule recognised", style="bold")]
    for segment in sentences:
        line = Text(where(segment.start, segment.year_tag) + " ", style="cyan")
        parts.append(line.append(segment.quote, style="not cyan"))
    return Group(*parts)


def _gate(gate: GateOutcome) -> RenderableType:
    verdict = (
        Text("Gate: passed", style="bold green") if gate.passed else Text("Gate: failed", style="bold red")
    )
    parts: list[RenderableType] = [Text(""), verdict]
    parts += [Text(f"  \u2022 {failure}", style="red") for failure in gate.failures]
    for title, changes in (("Regressed", gate.regressions), ("Improved", gate.improvements)):
        if changes:
            parts.append(Text(f"{title} against the baseline:", style="bold"))
            parts += [
                Text(f"  {printable(c.source)}: {c.subject} {c.before} \u2192 {c.after}") for c in changes
            ]
    return Group(*parts)


def _comparison(
    audits: Sequence[DocumentAudit],
    labels: list[str],
    pack: RulePack,
    options: RenderOptions,
    tallies: Mapping[str, ItemTally] | None,
) -> Table:
    """The reports' statuses side by side, and their scores; with `tallies`, a column that counts each
    item's statuses across every report of the run (not only these columns')."""
    table = Table(box=boxes(options), show_edge=False, pad_edge=False)
    table.add_column("Item", min_width=_ITEM_WIDTH, max_width=_ITEM_WIDTH)
    for label in labels:
        table.add_column(label, justify="center", max_width=_REPORT_WIDTH, overflow="fold")
    if tallies is not None:
        table.add_column(TALLY, justify="center", no_wrap=True, min_width=len(TALLY))
    blank = [""] * (len(audits) + (tallies is not None))
    statuses = [{finding.item_id: finding for finding in audit.findings} for audit in audits]
    audited = set(tallies or ()).union(*statuses)
    for area in pack.areas:
        rows = [rule.id for rule in pack.rules if rule.area == area.id and rule.id in audited]
        if not rows:
            continue
        table.add_row(Text(area.label, style="bold"), *blank)
        for item in rows:
            cells = [
                status_text(got[item].status, options, word=False) if item in got else Text("")
                for got in statuses
            ]
            if tallies is not None:
                cells.append(Text(tally_cell(tallies[item])))
            table.add_row(Text("  " + item), *cells)
    if not audits:  # the tally alone, where it does not fit beside the last reports
        return table
    table.add_section()
    for row in _score_rows(audits, pack):
        table.add_row(*row, *blank[len(audits) :])
    return table


def _score_rows(audits: Sequence[DocumentAudit], pack: RulePack) -> list[list[Text | str]]:
    """The comparison's rows under the statuses: each area's scores, the totals and the languages."""
    rows: list[list[Text | str]] = []
    for area in pack.areas:
        scores = [{score.area: score.score for score in audit.areas}.get(area.id) for audit in audits]
        if any(score is not None for score in scores):
            rows.append(
                [Text(area.label), *(f"{score:.1f}" if score is not None else "" for score in scores)]
            )
    rows.append(
        [Text("Score", style="bold"), *(Text(f"{audit.score:.1f}", style="bold") for audit in audits)]
    )
    rows.append(
        [
            Text("Completeness", style="bold"),
            *(Text(f"{audit.completeness:.1f}", style="bold") for audit in audits),
        ]
    )
    rows.append([Text("Language"), *(_language_cell(audit) for audit in audits)])
    return rows


def _language_cell(audit: DocumentAudit) -> str:
    """A report's language in a column of the comparison: ``French``, ``French +en`` where sections are in
    English (each report's heading, audited alone, names them)."""
    if audit.language is None:
        return ""
    others = dict.fromkeys(part.language for part in audit.other_languages)
    return name(audit.language) + "".join(f" +{code}" for code in others)


def _panel(counted: Sequence[ItemTally], reports: int) -> list[RenderableType]:
    """What the tally column means, and the items most reports leave missing."""
    parts: list[RenderableType] = [Text(tally_legend(reports), style="dim")]
    if told := most_missing_told(counted):
        parts.append(Text("Most often missing: ", style="bold").append(told, style="not bold"))
    return parts


def _chunks(reports: int, width: int) -> list[tuple[slice, bool]]:
    """The reports' columns in tables as wide as the width holds, each with whether it has the tally
    column: the last one, or a table of its own after it where the tally would not fit beside it."""
    across = max(1, (width - _ITEM_WIDTH - 2) // (_REPORT_WIDTH + 1))
    chunks = [(slice(first, first + across), False) for first in range(0, reports, across)]
    in_last = reports - (len(chunks) - 1) * across
    if width - _ITEM_WIDTH - in_last * _SHOWN_REPORT >= _SHOWN_TALLY:
        return [*chunks[:-1], (chunks[-1][0], True)]
    return [*chunks, (slice(reports, reports), True)]


def _compared(result: AuditResult, pack: RulePack, options: RenderOptions) -> list[RenderableType]:
    """Several reports side by side, as many columns at a time as the width holds, the last with each
    item's tally across them all; then the items most often missing, and which file is which column."""
    labels = report_names(result.audits, options)
    counted = tallies(result.audits)
    by_item = {tally.item_id: tally for tally in counted}
    parts: list[RenderableType] = [
        Text(f"{len(result.audits)} reports, rules {pack.name} {pack.version}", style="bold")
    ]
    for chosen, tally in _chunks(len(result.audits), options.width):
        table = _comparison(result.audits[chosen], labels[chosen], pack, options, by_item if tally else None)
        parts += [Text(""), table]
    parts += [Text(""), _legend(options), *_panel(counted, len(result.audits)), Text("")]
    parts += [
        Text(f"{label}: ", style="bold").append(printable(audit.source), style="not bold")
        for label, audit in zip(labels, result.audits, strict=True)
    ]
    parts.append(Text("The evidence for each verdict: audit one report, or --format json.", style="dim"))
    return parts


def render(result: AuditResult, pack: RulePack, options: RenderOptions) -> str:
    """The matrix and scores (or the gaps) of every audit in the result: several reports side by side,
    or, with the gaps or unmatched views, one after the other."""
    parts: list[RenderableType] = []
    if len(result.audits) > 1 and options.view is View.ALL:
        parts = _compared(result, pack, options)
        if result.gate is not None:
            parts.append(_gate(result.gate))
        return rendered(parts, options)
    for number, audit in enumerate(result.audits):
        if number:
            parts.append(Text(""))
        parts.append(_heading(audit, pack))
        if options.view is View.GAPS:
            parts.append(_gaps(audit, pack, options))
        elif options.view is View.UNMATCHED:
            parts.append(_unmatched(audit))
        else:
            parts += [_matrix(audit, pack, options), _legend(options), Text(""), _scores(audit, options)]
    if result.gate is not None:
        parts.append(_gate(result.gate))
    return rendered(parts, options)
