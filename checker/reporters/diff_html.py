"""How a report moved between two audits, as one self-contained HTML page (the shell of
`html_page`): the summary, the items that changed by area with their statuses before and after, their
report years' and the evidence that appeared and disappeared, quoted with its place between the
sentences around it; then every
score before and after, with a bar for each."""

from __future__ import annotations

from checker.comparison import AuditComparison, ItemComparison, StatusMove
from checker.model import Evidence, RulePack
from checker.reporters.diff_formats import delta, described, score_rows, summary
from checker.reporters.html_page import bar, in_context, page, status_badge, text
from checker.reporters.options import RenderOptions
from checker.reporters.style import where

__all__ = ["render"]


def _moved(move: StatusMove, options: RenderOptions, *, word: bool = True) -> str:
    before = status_badge(move.before, options, word=word)
    if not move.changed:
        return before
    arrow = '<span aria-hidden="true">\u2192</span><span class="vh">became</span>'
    return f"{before} {arrow} {status_badge(move.after, options, word=word)}"


def _passage(told: str, item: Evidence, report: str, options: RenderOptions) -> str:
    shown = status_badge(item.status, options) if item.status is not None else ""
    cite = text(f"{report}, {where(item.start, item.year_tag)}")
    return (
        f"<li><strong>{told}</strong> {shown} <cite>{cite}</cite>"
        f"<blockquote>{in_context(item)}</blockquote></li>"
    )


def _evidence(item: ItemComparison, comparison: AuditComparison, options: RenderOptions) -> str:
    passages = [_passage("Appeared", said, comparison.after.source, options) for said in item.appeared]
    passages += [
        _passage("Disappeared", said, comparison.before.source, options) for said in item.disappeared
    ]
    return f'<ul class="passages">{"".join(passages)}</ul>' if passages else ""


def _row(item: ItemComparison, comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> str:
    years = "<br>".join(f"{text(move.subject)} {_moved(move, options, word=False)}" for move in item.by_year)
    direction = "fell" if item.regressed else "rose" if item.improved else "evidence"
    cells = [
        f'<th scope="row"><span class="id">{text(item.item_id)}</span>'
        f'<span class="label">{text(pack.rule(item.item_id).label)}</span></th>',
        f'<td class="status">{_moved(item.status, options)}</td>',
        *([f'<td class="status">{years}</td>'] if any(each.by_year for each in comparison.items) else []),
        f'<td class="evidence">{_evidence(item, comparison, options)}</td>',
    ]
    return f'<tr data-change="{direction}">{"".join(cells)}</tr>'


def _items(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> str:
    changed = comparison.changed_items
    by_year = any(item.by_year for item in comparison.items)
    head = "<th>Item</th><th>Status</th>" + ("<th>By year</th>" if by_year else "") + "<th>Evidence</th>"
    columns = 4 if by_year else 3
    groups = []
    for area in pack.areas:
        rows = [item for item in changed if item.area == area.id]
        if rows:
            groups.append(
                f'<tbody data-area="{text(area.id)}"><tr><th scope="rowgroup" colspan="{columns}">'
                f"{text(area.label)}</th></tr>"
                + "".join(_row(item, comparison, pack, options) for item in rows)
                + "</tbody>"
            )
    return (
        f"<h2>Items that changed ({len(changed)})</h2>"
        f'<div class="scroll"><table class="matrix"><thead><tr>{head}</tr></thead>'
        f"{''.join(groups)}</table></div>"
    )


def _scores(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> str:
    rows = "".join(
        f'<tr><th scope="row">{text(name)}</th><td class="num">{move.before:.1f}</td>'
        f'<td class="num">{move.after:.1f}</td><td class="num">{text(delta(move, options))}</td>'
        f'<td class="bar">{bar(move.after)}</td></tr>'
        for name, move in score_rows(comparison, pack)
    )
    head = "".join(f'<th class="num">{name}</th>' for name in ("Before", "After", "Change"))
    return (
        f'<h2>Scores</h2><div class="scroll"><table class="scores"><thead><tr><th>Score</th>{head}'
        f'<th><span class="vh">The score after, as a bar</span></th></tr></thead><tbody>{rows}</tbody>'
        "</table></div>"
    )


def render(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> str:
    """The comparison as a page: the summary, the items that changed and the scores."""
    before, after = comparison.before, comparison.after
    body = f"<p><strong>{text(summary(comparison, options))}</strong></p>"
    if comparison.changed_items:
        body += _items(comparison, pack, options)
    body += _scores(comparison, pack, options)
    return page(
        f"ilo-check diff: {before.source} \u2192 {after.source}",
        body,
        subtitle=f"Before: {described(before)}. After: {described(after)}.",
        meta=(f"rules {pack.name} {pack.version}",),
    )
