"""How a report moved between two audits, for a terminal: the items that changed by area, each with its
status before and after, its report years' where they changed, and the evidence that appeared (+, cited
in the new report) and disappeared (-, cited in the old one); then every score before and after."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from checker.comparison import AuditComparison, ItemComparison, StatusMove
from checker.errors import printable
from checker.model import Evidence, RulePack
from checker.reporters.diff_formats import delta, described, score_rows, summary
from checker.reporters.options import RenderOptions
from checker.reporters.style import boxes, quote, rendered, status_text, where

__all__ = ["render"]

_ITEM_WIDTH = 36  # the longest item id, indented, as the audit's matrix gives it


def _moved(move: StatusMove, options: RenderOptions, *, word: bool = True) -> Text:
    """``✔ reported → ◐ partial``; the status alone where it did not move."""
    text = Text()  # each part in its own colour: a Text's own style would run on into what is appended
    text.append_text(status_text(move.before, options, word=word))
    if move.changed:
        text.append(" \u2192 " if options.unicode else " -> ")
        text.append_text(status_text(move.after, options, word=word))
    return text


def _passage(sign: str, item: Evidence, options: RenderOptions, style: str) -> Text:
    """One passage that appeared or disappeared: its sign, the status it showed, where, and its quote."""
    line = Text()
    line.append(f"{sign} ", style=style)
    if item.status is not None:
        line.append_text(status_text(item.status, options, word=False))
    line.append(f" {where(item.start, item.year_tag)} ", style="cyan")
    return line.append(quote(printable(item.quote)))


def _evidence(item: ItemComparison, options: RenderOptions) -> Text:
    minus = "\u2212" if options.unicode else "-"
    lines = [_passage("+", passage, options, "green") for passage in item.appeared]
    lines += [_passage(minus, passage, options, "red") for passage in item.disappeared]
    return Text("\n").join(lines)


def _item(item: ItemComparison, options: RenderOptions) -> Text:
    """The item's id, and under it its status before and after and each report year's that changed: one
    cell, so that the evidence keeps the width of the table however narrow."""
    mark = "red" if item.regressed else "green" if item.improved else ""
    cell = Text()
    cell.append(f"  {item.item_id}", style=mark)
    cell.append("\n    ").append_text(_moved(item.status, options))
    for move in item.by_year:
        # A year's statuses are symbols only: the legend of the audit's matrix names them.
        cell.append(f"\n    {move.subject} ").append_text(_moved(move, options, word=False))
    return cell


def _items(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> Table:
    table = Table(box=boxes(options), show_edge=False, pad_edge=False, expand=True)
    table.add_column("Item and status", max_width=_ITEM_WIDTH)
    table.add_column("Evidence", ratio=1, overflow="fold")
    changed = comparison.changed_items
    for area in pack.areas:
        rows = [item for item in changed if item.area == area.id]
        if rows:
            table.add_row(Text(area.label, style="bold"), "")
            for item in rows:
                table.add_row(_item(item, options), _evidence(item, options))
    return table


def _scores(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> Table:
    table = Table(box=boxes(options), show_edge=False, pad_edge=False)
    table.add_column("Score")
    table.add_column("Before", justify="right")
    table.add_column("After", justify="right")
    table.add_column("Change", justify="right")
    for name, move in score_rows(comparison, pack):
        total = move is comparison.score or move is comparison.completeness
        if move is comparison.score:
            table.add_section()
        change = Text(delta(move, options), style="red" if move.regressed else "green")
        table.add_row(
            Text(name, style="bold" if total else ""), f"{move.before:.1f}", f"{move.after:.1f}", change
        )
    return table


def _key(comparison: AuditComparison, options: RenderOptions) -> Text:
    """What the evidence's signs say, and in which report each passage is cited."""
    minus = "\u2212" if options.unicode else "-"
    before, after = printable(comparison.before.source), printable(comparison.after.source)
    return Text(f"+ appeared (cited in {after})   {minus} disappeared (cited in {before})", style="dim")


def _heading(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> Text:
    arrow = " \u2192 " if options.unicode else " -> "
    before, after = comparison.before, comparison.after
    heading = Text(printable(before.source) + arrow + printable(after.source), style="bold")
    heading.append(f"  (rules {pack.name} {pack.version})", style="dim")
    heading.append(f"\nBefore: {described(before)}\nAfter:  {described(after)}", style="dim")
    return heading


def render(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> str:
    """The items that changed and the scores, before and after."""
    parts: list[RenderableType] = [_heading(comparison, pack, options), Text("")]
    if comparison.changed_items:
        parts += [_items(comparison, pack, options), _key(comparison, options), Text("")]
    parts += [_scores(comparison, pack, options), Text(""), Text(summary(comparison, options), style="bold")]
    return rendered(parts, options)
