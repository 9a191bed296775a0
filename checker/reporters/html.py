"""The audit as one self-contained web page, for a reviewer to read in a browser, share as a file and print:
the compliance matrix as the terminal shows it, each item opening to every passage that counted (its
decisive words marked, cited by file and place, with the reason) or was set aside, and, for a gap, the
question and guidance; the scores by area as bars; filters by status and area. Several reports make one
matrix with a column per report, then the analyst's panel (how many reports answer each item, the items
most often missing, the scores by area across the reports, a country's scores over its years), then each
report in full. The gaps view starts with only the gaps shown, their questions open."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from checker import panel
from checker.errors import printable
from checker.model import AuditResult, DocumentAudit, Evidence, Finding, GateOutcome, Rule, RulePack, Status
from checker.reporters.columns import report_names
from checker.reporters.findings import languages, other_sections
from checker.reporters.html_page import (
    Series,
    bar,
    filters,
    grouped_bar_chart,
    in_context,
    line_chart,
    page,
    status_badge,
    status_choices,
    text,
)
from checker.reporters.options import RenderOptions, View
from checker.reporters.style import quote, symbol, until, where

__all__ = ["render"]

_GAPS = frozenset({Status.MISSING, Status.NEGATIVE})
_SUMMARY_QUOTE = 110  # a passage as its item's row shows it, closed
_MOST_MISSING = 10


def _shown(options: RenderOptions) -> frozenset[Status]:
    """The statuses the page opens with: the gaps alone in the gaps view."""
    return _GAPS if options.view is View.GAPS else frozenset(Status)


def _filtered(statuses: set[Status], area: str, shown: frozenset[Status]) -> str:
    """A row's attributes for the filters, hidden already where the view leaves it out (so that a page
    read without script shows what the filters would)."""
    values = " ".join(status.value for status in Status if status in statuses)
    hidden = "" if statuses & shown else " hidden"
    return f'data-status="{values}" data-area="{text(area)}"{hidden}'


# ── one item's evidence ──────────────────────────────────────────────────────────────────────────


def _citation(audit: DocumentAudit, item: Evidence) -> str:
    """File and place of a passage: ``report.txt l. 27-31 [2017]``."""
    place = where(item.start) + until(item.start, item.end) + (f" [{item.year_tag}]" if item.year_tag else "")
    return f'<cite><span class="id">{text(audit.source)}</span> {text(place)}</cite>'


def _passage(audit: DocumentAudit, item: Evidence, options: RenderOptions) -> str:
    badge = (
        status_badge(item.status, options)
        if item.status is not None
        else '<span class="st st-aside">set aside</span>'
    )
    section = f' <span class="note">in \u201c{text(item.section)}\u201d</span>' if item.section else ""
    said = (
        f'<blockquote lang="{text(audit.language or "")}">{in_context(item)}</blockquote>'
        if item.quote
        else ""
    )
    reason = f'<p class="reason"><strong>Why:</strong> {text(item.reason)}'
    if item.matched and not item.reason.startswith("matched"):
        reason += "; matched " + ", ".join(f"\u2018{text(phrase)}\u2019" for phrase in item.matched)
    aside = ' class="aside"' if item.status is None else ""
    return f"<li{aside}>{badge} {_citation(audit, item)}{section}{said}{reason}</p></li>"


def _ask(rule: Rule) -> str:
    """What the drafter is to write: the rule's question and guidance."""
    return (
        f'<div class="ask"><p><strong>Question:</strong> {text(rule.question)}</p>'
        f"<p><strong>Guidance:</strong> {text(rule.guidance)}</p></div>"
    )


def _summary(audit: DocumentAudit, finding: Finding) -> str:
    """The closed line of an item's evidence: its strongest passage, cut, and where it stands."""
    suppression = audit.suppression(finding.item_id)
    suppressed = f" (suppressed: {text(suppression.reason)})" if suppression is not None else ""
    if finding.evidence:
        strongest = finding.evidence[0]
        said = quote(strongest.quote, _SUMMARY_QUOTE) if strongest.quote else strongest.reason
        cite = text(where(strongest.start, strongest.year_tag))
        more = len(finding.evidence) - 1
        others = f' <span class="cite">(+{more} more)</span>' if more else ""
        return f'<span class="cite">{cite}</span> {text(said)}{others}{suppressed}'
    return f'<span class="cite">{text(finding.note or "nothing counted")}</span>{suppressed}'


def _evidence(audit: DocumentAudit, finding: Finding, rule: Rule, options: RenderOptions) -> str:
    """An item's evidence, folded under its strongest passage: everything that counted and was set
    aside, each with its citation and reason; the question and guidance where the item falls short."""
    parts = [f'<p class="note">Provision: {text(rule.provision)}</p>']
    if finding.evidence:
        parts.append(
            '<p class="note">What counted (each passage between the sentences around it, in grey):</p>'
        )
        parts.append('<ul class="passages">' + "".join(_passage(audit, e, options) for e in finding.evidence))
        parts.append("</ul>")
    else:
        parts.append('<p class="note">Nothing in the submission counted for this item.</p>')
    if finding.note:
        parts.append(f'<p class="note">Note: {text(finding.note)}</p>')
    if finding.set_aside:
        parts.append('<p class="note">Set aside:</p><ul class="passages">')
        parts += [_passage(audit, item, options) for item in finding.set_aside]
        parts.append("</ul>")
    suppression = audit.suppression(finding.item_id)
    if suppression is not None:
        parts.append(
            f'<p class="note">Suppressed: {text(suppression.reason)} ({text(suppression.origin)})</p>'
        )
    if finding.status is not Status.REPORTED:
        parts.append(_ask(rule))
    opened = " open" if finding.status.is_gap and options.view is View.GAPS else ""
    return f"<details{opened}><summary>{_summary(audit, finding)}</summary>{''.join(parts)}</details>"


def _legend(options: RenderOptions) -> str:
    """The statuses' symbols and words, for a matrix's caption."""
    return '<span class="key">' + " ".join(status_badge(status, options) for status in Status) + "</span>"


# ── one report ───────────────────────────────────────────────────────────────────────────────────


def _facts(audit: DocumentAudit) -> list[str]:
    """What the report is, in a few words: its kind, country, years and language."""
    facts = [audit.kind.value, *([audit.metadata.country] if audit.metadata.country else [])]
    if audit.years:
        facts.append(", ".join(audit.years))
    if told := languages(audit):
        facts.append(f"written in {told}")
    return facts


def _matrix(audit: DocumentAudit, pack: RulePack, options: RenderOptions, prefix: str) -> str:
    """The items by area, a column per report year, the overall status and the evidence; each row's id
    `prefix` and the item's, for a link to it."""
    years = audit.years if len(audit.years) > 1 else ()
    shown = _shown(options)
    columns = 3 + len(years)
    head = "".join(f'<th scope="col">{text(year)}</th>' for year in years)
    rows = []
    for area in pack.areas:
        findings = [finding for finding in audit.findings if finding.area == area.id]
        if not findings:
            continue
        group = [f'<tr><th scope="rowgroup" colspan="{columns}">{text(area.label)}</th></tr>']
        for finding in findings:
            rule = pack.rule(finding.item_id)
            cells = "".join(
                f'<td class="status">{status_badge(finding.by_year[year], options, word=False)}</td>'
                for year in years
            )
            group.append(
                f'<tr id="{prefix}{text(finding.item_id)}" {_filtered({finding.status}, area.id, shown)}>'
                f'<th scope="row"><span class="id">{text(finding.item_id)}</span>'
                f'<span class="label">{text(rule.label)}</span></th>{cells}'
                f'<td class="status">{status_badge(finding.status, options)}</td>'
                f'<td class="evidence">{_evidence(audit, finding, rule, options)}</td></tr>'
            )
        hidden = "" if any(finding.status in shown for finding in findings) else " hidden"
        rows.append(f'<tbody data-area="{text(area.id)}"{hidden}>{"".join(group)}</tbody>')
    caption = (
        f"Compliance matrix: {len(audit.findings)} items"
        + (", a column per report year" if years else "")
        + _legend(options)
    )
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-label="Compliance matrix">'
        f'<table class="matrix" data-filtered><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">Item</th>{head}<th scope="col">Overall</th>'
        f'<th scope="col">Evidence (open for every passage)</th></tr></thead>{"".join(rows)}</table></div>'
    )


def _scores(audit: DocumentAudit, options: RenderOptions) -> str:
    """The area scores as a table, a bar beside each figure; the total and completeness under it."""
    counts = "".join(f'<th scope="col" class="num">{status_badge(status, options)}</th>' for status in Status)
    rows = "".join(
        f'<tr><th scope="row">{text(area.label)}</th><td class="bar">{bar(area.score)}</td>'
        f'<td class="num">{area.score:.1f}</td><td class="num">{area.completeness:.1f}</td>'
        + "".join(f'<td class="num">{area.counts[status]}</td>' for status in Status)
        + "</tr>"
        for area in audit.areas
    )
    by_year = (
        " (" + ", ".join(f"{text(year)}: {score:.1f}" for year, score in audit.year_scores.items()) + ")"
        if len(audit.years) > 1
        else ""
    )
    total = (
        f'<tfoot><tr><th scope="row">Total</th><td class="bar">{bar(audit.score)}</td>'
        f'<td class="num"><strong>{audit.score:.1f}</strong></td>'
        f'<td class="num"><strong>{audit.completeness:.1f}</strong></td><td colspan="{len(Status)}"></td>'
        "</tr></tfoot>"
    )
    return (
        f'<p class="score"><strong>Score {audit.score:.1f} / 100</strong>{by_year}: measures in place, '
        "items reported (partial counts half). "
        f"<strong>Completeness {audit.completeness:.1f} / 100</strong>: "
        "items answered (all but missing; an explicit no is an answer).</p>"
        '<div class="scroll" role="region" tabindex="0" aria-label="Scores by area">'
        '<table class="scores"><caption>Scores by area (0-100)</caption><thead><tr>'
        '<th scope="col">Area</th><th scope="col"><span class="vh">Bar</span></th>'
        '<th scope="col" class="num">Score</th><th scope="col" class="num">Answered</th>'
        f"{counts}</tr></thead><tbody>{rows}</tbody>{total}</table></div>"
    )


def _warnings(audit: DocumentAudit) -> str:
    told = [*(f"Section in another language: {section}" for section in other_sections(audit))]
    told += list(audit.warnings)
    if not told:
        return ""
    return '<ul class="warnings">' + "".join(f"<li>{text(line)}</li>" for line in told) + "</ul>"


def _report(
    audit: DocumentAudit, pack: RulePack, options: RenderOptions, prefix: str = "item-", controls: str = ""
) -> str:
    """One report's scores and warnings, then (after the filters, if given) its matrix, its rows' ids
    starting with `prefix`."""
    return _scores(audit, options) + _warnings(audit) + controls + _matrix(audit, pack, options, prefix)


def _area_filter(pack: RulePack, audits: Sequence[DocumentAudit]) -> list[tuple[str, str]]:
    present = {finding.area for audit in audits for finding in audit.findings}
    return [(area.id, area.label) for area in pack.areas if area.id in present]


# ── several reports ──────────────────────────────────────────────────────────────────────────────


def _comparison(
    audits: Sequence[DocumentAudit], columns: list[str], pack: RulePack, options: RenderOptions
) -> str:
    """The matrix with a column per report, and how many reports give each status to the item (the
    panel's tallies); the area and total scores as figures and bars under it."""
    shown = _shown(options)
    tallies = {tally.item_id: tally for tally in panel.tallies(audits)}
    by_report = [{finding.item_id: finding for finding in audit.findings} for audit in audits]
    width = 1 + len(audits) + len(Status)
    rows = []
    for area in pack.areas:
        items = [rule.id for rule in pack.rules if rule.area == area.id and rule.id in tallies]
        if not items:
            continue
        group = [f'<tr><th scope="rowgroup" colspan="{width}">{text(area.label)}</th></tr>']
        seen: set[Status] = set()
        for item in items:
            statuses = {got[item].status for got in by_report if item in got}
            seen |= statuses
            cells = "".join(
                f'<td class="status">{status_badge(got[item].status, options, word=False)}</td>'
                if item in got
                else "<td></td>"
                for got in by_report
            )
            counts = "".join(f'<td class="num tally">{tallies[item].count(status)}</td>' for status in Status)
            group.append(
                f"<tr {_filtered(statuses, area.id, shown)}>"
                f'<th scope="row"><span class="id">{text(item)}</span>'
                f'<span class="label">{text(pack.rule(item).label)}</span></th>{cells}{counts}</tr>'
            )
        hidden = "" if seen & shown else " hidden"
        rows.append(f'<tbody data-area="{text(area.id)}"{hidden}>{"".join(group)}</tbody>')
    head = "".join(f'<th scope="col">{text(column)}</th>' for column in columns)
    tally_head = "".join(
        f'<th scope="col" class="num tally" title="reports {status.value}">{text(symbol(status, options))}'
        f'<span class="vh"> reports {status.value}</span></th>'
        for status in Status
    )
    return (
        '<div class="scroll" role="region" tabindex="0" aria-label="Compliance matrix">'
        f'<table class="matrix compared" data-filtered><caption>Compliance matrix: {len(tallies)} items, '
        f"a column per report, then how many of the {len(audits)} reports give each status"
        f"{_legend(options)}</caption>"
        f'<thead><tr><th scope="col">Item</th>{head}{tally_head}</tr></thead>{"".join(rows)}'
        f"{_compared_scores(audits, pack, width)}</table></div>"
    )


def _compared_scores(audits: Sequence[DocumentAudit], pack: RulePack, width: int) -> str:
    """The comparison's last rows: each area's score, the total and the completeness per report."""
    rest = width - 1 - len(audits)
    rows = [f'<tr><th scope="rowgroup" colspan="{width}">Scores (0-100)</th></tr>']
    for area in pack.areas:
        scores = [{score.area: score.score for score in audit.areas}.get(area.id) for audit in audits]
        if all(score is None for score in scores):
            continue
        cells = "".join(
            f'<td class="num">{score:.1f}{bar(score)}</td>' if score is not None else "<td></td>"
            for score in scores
        )
        rows.append(f'<tr><th scope="row">{text(area.label)}</th>{cells}<td colspan="{rest}"></td></tr>')
    for name, values in (
        ("Score", [audit.score for audit in audits]),
        ("Completeness", [audit.completeness for audit in audits]),
    ):
        cells = "".join(f'<td class="num"><strong>{value:.1f}</strong>{bar(value)}</td>' for value in values)
        rows.append(f'<tr><th scope="row"><strong>{name}</strong></th>{cells}<td colspan="{rest}"></td></tr>')
    return f"<tbody>{''.join(rows)}</tbody>"


def _key(audits: Sequence[DocumentAudit], columns: list[str]) -> str:
    """Which file each column is, with what it is and its scores."""
    rows = "".join(
        f'<tr><th scope="row"><a href="#report-{number}">{text(column)}</a></th>'
        f'<td class="id">{text(audit.source)}</td><td>{text(", ".join(_facts(audit)))}</td>'
        f'<td class="num">{audit.score:.1f}</td><td class="num">{audit.completeness:.1f}</td></tr>'
        for number, (audit, column) in enumerate(zip(audits, columns, strict=True), 1)
    )
    return (
        '<div class="scroll" role="region" tabindex="0" aria-label="The reports">'
        '<table class="key"><caption>The reports</caption><thead><tr><th scope="col">Column</th>'
        '<th scope="col">File</th><th scope="col">What it is</th><th scope="col" class="num">Score</th>'
        f'<th scope="col" class="num">Completeness</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def _panel(
    audits: Sequence[DocumentAudit], columns: list[str], pack: RulePack, options: RenderOptions
) -> str:
    """What the reports say together: the items most often missing, the area scores report by report,
    and each country's scores over its years."""
    tallies = panel.tallies(audits)
    missing = panel.most_missing(tallies, _MOST_MISSING)
    parts = ["<h2>Across the reports</h2>", "<h3>The items most often missing</h3>"]
    if missing:
        parts.append(
            "<ol>"
            + "".join(
                f'<li><span class="id">{text(tally.item_id)}</span> {text(pack.rule(tally.item_id).label)}: '
                f"missing in {tally.count(Status.MISSING)} of {tally.reports} reports</li>"
                for tally in missing
            )
            + "</ol>"
        )
    else:
        parts.append("<p>Every report answers every item.</p>")
    present = _area_filter(pack, audits)
    groups = [label for _, label in present] + ["Total"]
    series = [
        (column, [*({s.area: s.score for s in audit.areas}.get(id_) for id_, _ in present), audit.score])
        for audit, column in zip(audits, columns, strict=True)
    ]
    parts.append(grouped_bar_chart("Scores by area, report by report (0-100)", groups, series))
    for trend in panel.trends(audits, pack, dict(options.labels)):
        years = [point.year for point in trend.points]
        lines: list[Series] = [("Total", [point.score for point in trend.points])]
        lines += [(label, [point.areas.get(id_) for point in trend.points]) for id_, label in present]
        parts.append(line_chart(f"{trend.name}: scores by area over the years (0-100)", years, lines))
        parts.append(_trend_table(trend.name, years, lines))
    return "".join(parts)


def _trend_table(name: str, years: list[str], lines: list[Series]) -> str:
    """A trend's figures, the chart's lines as rows: what the chart draws, to read exactly."""
    head = "".join(f'<th scope="col" class="num">{text(year)}</th>' for year in years)
    rows = "".join(
        f'<tr><th scope="row">{text(label)}</th>'
        + "".join(f'<td class="num">{"" if value is None else f"{value:.1f}"}</td>' for value in values)
        + "</tr>"
        for label, values in lines
    )
    return (
        '<div class="scroll" role="region" tabindex="0" aria-label="Scores by year">'
        f'<table class="trend"><caption>{text(name)}: scores by year</caption><thead><tr>'
        f'<th scope="col">Area</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
    )


def _each(audits: Sequence[DocumentAudit], columns: list[str], pack: RulePack, options: RenderOptions) -> str:
    """Every report in full, folded: its scores and matrix with the evidence."""
    parts = ["<h2>Each report</h2>"]
    for number, (audit, column) in enumerate(zip(audits, columns, strict=True), 1):
        parts.append(
            f'<details class="report" id="report-{number}"><summary><strong>{text(column)}</strong>: '
            f'<span class="id">{text(audit.source)}</span>, score {audit.score:.1f}, completeness '
            f'{audit.completeness:.1f}</summary><p class="meta">{text(" · ".join(_facts(audit)))}</p>'
            f"{_report(audit, pack, options, f'r{number}-item-')}</details>"
        )
    return "".join(parts)


# ── the page ─────────────────────────────────────────────────────────────────────────────────────


def _gate(gate: GateOutcome) -> str:
    parts = [f"<h2>Gate: {'passed' if gate.passed else 'failed'}</h2>"]
    if gate.failures:
        parts.append("<ul>" + "".join(f"<li>{text(failure)}</li>" for failure in gate.failures) + "</ul>")
    for title, changes in (("Regressed", gate.regressions), ("Improved", gate.improvements)):
        if changes:
            parts.append(f"<p>{title} against the baseline:</p><ul>")
            parts += [
                f'<li><span class="id">{text(c.source)}</span>: <span class="id">{text(c.subject)}</span> '
                f"{text(c.before)} \u2192 {text(c.after)}</li>"
                for c in changes
            ]
            parts.append("</ul>")
    parts += [f'<p class="note">{text(warning)}</p>' for warning in gate.warnings]
    return f'<section class="gate">{"".join(parts)}</section>'


def _gaps_told(audits: Sequence[DocumentAudit]) -> str:
    """The gaps view's subtitle: how many items are gaps, in each report."""
    counts = [
        f"{sum(finding.status.is_gap for finding in audit.findings)} of {len(audit.findings)}"
        for audit in audits
    ]
    return f"The gaps (items missing or answered no): {', '.join(counts)} items"


def render(result: AuditResult, pack: RulePack, options: RenderOptions, *, today: date | None = None) -> str:
    """The result as one HTML page: one report's scores and matrix with its evidence, or several
    reports compared, the analyst's panel, then each in full. `today` is the date the page shows
    (today's by default; fixed in tests)."""
    audits = result.audits
    shown = _shown(options)
    facts = [
        f"rules {result.pack_name} {result.pack_version}",
        f"generated {(today or date.today()).isoformat()}",
    ]
    controls = filters(status_choices(options, shown), _area_filter(pack, audits))
    gate = _gate(result.gate) if result.gate is not None else ""
    if len(audits) == 1:
        audit = audits[0]
        body = gate + _report(audit, pack, options, controls=controls)
        title, facts = f"ilo-check: {printable(audit.source)}", [*_facts(audit), *facts]
    else:
        columns = report_names(audits, options)
        body = (
            gate
            + _key(audits, columns)
            + controls
            + _comparison(audits, columns, pack, options)
            + _panel(audits, columns, pack, options)
            + _each(audits, columns, pack, options)
        )
        title = f"ilo-check: {len(audits)} reports"
    subtitle = _gaps_told(audits) if options.view is View.GAPS else None
    return page(title, body, subtitle=subtitle, meta=facts)
