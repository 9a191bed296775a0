"""Why an item got its status: every sentence that counted and the phrase or cue that decided it, every
sentence set aside and why, and how the rule recognises evidence. For an analyst who must trust a verdict,
and for a rule author who must fix one."""

from __future__ import annotations

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from checker.errors import printable
from checker.model import DocumentAudit, Evidence, Finding, Rule
from checker.reporters.findings import languages, other_sections
from checker.reporters.options import RenderOptions
from checker.reporters.pack import describe_expr
from checker.reporters.style import rendered, status_text, until, where

__all__ = ["render_explanation"]


def _passage(item: Evidence, options: RenderOptions) -> list[RenderableType]:
    head = status_text(item.status, options) if item.status is not None else Text("set aside", style="dim")
    head.append("  ")
    head.append(where(item.start, item.year_tag) + until(item.start, item.end), style="cyan")
    if item.section:
        head.append(f"  in {item.section}", style="dim")
    lines: list[RenderableType] = [head]
    if item.quote:
        lines.append(Padding(_in_context(item), (0, 0, 0, 4)))
    because = Text("because: ", style="bold").append(item.reason, style="not bold")
    if item.matched and not item.reason.startswith("matched"):
        because.append("; matched " + ", ".join(repr(text) for text in item.matched), style="dim")
    lines.append(Padding(because, (0, 0, 0, 4)))
    return lines


def _in_context(item: Evidence) -> Text:
    """The passage in its quotation marks between the sentences around it, those dimmed."""
    said = Text()
    if item.before:
        said.append(item.before, style="dim").append(" ")
    said.append(f"\u201c{item.quote}\u201d")
    if item.after:
        said.append(" ").append(item.after, style="dim")
    return said


def render_explanation(audit: DocumentAudit, finding: Finding, rule: Rule, options: RenderOptions) -> str:
    """The verdict on one item of one audit, with everything that led to it."""
    title = Text(f"{printable(audit.source)}: {rule.id}  ", style="bold")
    title.append_text(status_text(finding.status, options))
    parts: list[RenderableType] = [title, Text(f"{rule.label} ({rule.provision})")]
    if told := languages(audit):
        # A report in another language than the rules' explains many a missing item by itself.
        parts.append(Text(f"Written in {told}", style="dim"))
        parts += [Text(f"  {section}", style="dim") for section in other_sections(audit)]
    if finding.by_year:
        years = Text("By report year: ")
        for year, status in finding.by_year.items():
            years.append(f"{year} ").append_text(status_text(status, options)).append("   ")
        parts.append(years)
    if finding.note:
        parts.append(Text(f"Note: {finding.note}", style="dim"))
    parts.append(Text("\nWhat counted", style="bold underline"))
    parts += [line for item in finding.evidence for line in _passage(item, options)] or [
        Text("Nothing in the submission counted for this item.", style="dim")
    ]
    if finding.set_aside:
        parts.append(Text("\nSet aside", style="bold underline"))
        parts += [line for item in finding.set_aside for line in _passage(item, options)]
    parts.append(Text("\nHow the rule recognises evidence", style="bold underline"))
    for name, expr in rule.evidence.expressions():
        parts.append(
            Padding(
                Text(f"{name}: ", style="bold").append(describe_expr(expr), style="not bold"),
                (0, 0, 0, 2),
            )
        )
    parts.append(Text(f"\nQuestion: {rule.question}"))
    parts.append(Text(f"Guidance: {rule.guidance}"))
    return rendered(parts, options)
