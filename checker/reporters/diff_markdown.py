"""How a report moved between two audits, as Markdown fit to post as a pull-request comment: the summary,
each item that changed with its status before and after, its report years' and the evidence that
appeared and disappeared (quoted in full, with the place in the new and the old report), then the scores
in a table."""

from __future__ import annotations

from checker.comparison import AuditComparison, ItemComparison, StatusMove
from checker.errors import printable
from checker.model import Evidence, RulePack
from checker.reporters.diff_formats import delta, described, score_rows, summary
from checker.reporters.options import RenderOptions
from checker.reporters.style import symbol, where

__all__ = ["render"]


def _inline(text: str) -> str:
    """Text from a report, safe inline: one line, and no tag of its own (a quote may hold `<details>`)."""
    return " ".join(printable(text).split()).replace("<", "&lt;")


def _moved(move: StatusMove, options: RenderOptions) -> str:
    before = f"{symbol(move.before, options)} {move.before.value}"
    if not move.changed:
        return before
    return f"{before} \u2192 {symbol(move.after, options)} {move.after.value}"


def _passage(told: str, item: Evidence, options: RenderOptions) -> str:
    shown = f"{symbol(item.status, options)} " if item.status is not None else ""
    return f"  - {told}: {shown}{where(item.start, item.year_tag)} \u201c{_inline(item.quote)}\u201d"


def _item(item: ItemComparison, options: RenderOptions) -> list[str]:
    lines = [f"- `{item.item_id}`: {_moved(item.status, options)}"]
    lines += [f"  - in {move.subject}: {_moved(move, options)}" for move in item.by_year]
    lines += [_passage("appeared", passage, options) for passage in item.appeared]
    lines += [_passage("disappeared", passage, options) for passage in item.disappeared]
    return lines


def _items(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> list[str]:
    changed = comparison.changed_items
    lines = [f"### Items that changed ({len(changed)})", ""]
    for area in pack.areas:
        rows = [item for item in changed if item.area == area.id]
        if rows:
            lines += [f"**{area.label}**", ""]
            lines += [line for item in rows for line in _item(item, options)]
            lines.append("")
    return lines


def _scores(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> list[str]:
    lines = ["### Scores", "", "| Score | Before | After | Change |", "|---|---:|---:|---:|"]
    for name, move in score_rows(comparison, pack):
        total = move is comparison.score or move is comparison.completeness
        shown = f"**{name}**" if total else name
        lines.append(f"| {shown} | {move.before:.1f} | {move.after:.1f} | {delta(move, options)} |")
    return lines


def render(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> str:
    """The summary, the items that changed and the scores, as Markdown."""
    before, after = comparison.before, comparison.after
    lines = [
        f"## ilo-check diff: `{printable(before.source)}` \u2192 `{printable(after.source)}`",
        "",
        f"Before: {described(before)}; after: {described(after)}; rules {pack.name} {pack.version}.",
        "",
        f"**{summary(comparison, options)}**",
        "",
    ]
    if comparison.changed_items:
        lines += _items(comparison, pack, options)
    lines += _scores(comparison, pack, options)
    return "\n".join(lines) + "\n"
