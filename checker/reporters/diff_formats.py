"""The formats of `ilo-check diff`: each renders how a report moved between two audits,
``render(comparison, pack, options) -> str``, and prints nothing. ``DIFF_REPORTERS`` maps each format's
name to its module, and the CLI's ``--format`` choices come from it; a module is imported only when
used. What the formats share is here: how a move and a report are told in words."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # named only: the command line reads the format names without loading the comparison
    from checker.comparison import AuditComparison, ScoreMove
    from checker.model import DocumentAudit, RulePack
    from checker.reporters.options import RenderOptions

__all__ = [
    "DIFF_REPORTERS",
    "DiffRenderer",
    "delta",
    "described",
    "diff_renderer",
    "score_rows",
    "summary",
]

DiffRenderer = Callable[["AuditComparison", "RulePack", "RenderOptions"], str]

DIFF_REPORTERS: dict[str, str] = {
    "table": "checker.reporters.diff_table",
    "markdown": "checker.reporters.diff_markdown",
    "json": "checker.reporters.diff_json",
    "html": "checker.reporters.diff_html",
}


def diff_renderer(name: str) -> DiffRenderer:
    """The render function of the diff format called `name`."""
    render: DiffRenderer = importlib.import_module(DIFF_REPORTERS[name]).render
    return render


def described(audit: DocumentAudit) -> str:
    """What a report is, in a few words: its kind, country and report years (``compilation · Azerbaijan
    · 2017, 2018``)."""
    details = [audit.kind.value, *([audit.metadata.country] if audit.metadata.country else [])]
    if audit.years:
        details.append(", ".join(audit.years))
    return " \u00b7 ".join(details)


def delta(move: ScoreMove, options: RenderOptions) -> str:
    """How far a score moved, signed (``+1.3``, ``\u22122.0``; ``-2.0`` in ASCII); empty where it did not."""
    if not move.changed:
        return ""
    difference = round(move.after - move.before, 1)
    minus = "\u2212" if options.unicode else "-"
    return f"+{difference:.1f}" if difference > 0 else f"{minus}{-difference:.1f}"


def score_rows(comparison: AuditComparison, pack: RulePack) -> list[tuple[str, ScoreMove]]:
    """The scores compared, each with its name: the areas, the total, the completeness, then each report
    year's total."""
    labels = pack.area_labels
    rows = [(labels.get(move.subject, move.subject), move) for move in comparison.areas]
    rows += [("Total score", comparison.score), ("Completeness", comparison.completeness)]
    return rows + [(f"Score in {move.subject}", move) for move in comparison.years]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def summary(comparison: AuditComparison, options: RenderOptions) -> str:
    """The comparison in one line: how many items changed, how many of them fell or rose, how many did
    not, and how the total score moved."""
    changed = comparison.changed_items
    fell = sum(item.regressed for item in changed)
    rose = sum(item.improved for item in changed)
    unchanged = len(comparison.items) - len(changed)
    score = comparison.score
    moved = f" ({delta(score, options)})" if score.changed else ", unchanged"
    arrow = "\u2192" if options.unicode else "->"
    if not changed:
        head = f"No item changed ({_count(unchanged, 'item')})"
    else:
        head = f"{_count(len(changed), 'item')} changed: {fell} fell, {rose} rose; {unchanged} unchanged"
    return f"{head}. Score {score.before:.1f} {arrow} {score.after:.1f}{moved}."
