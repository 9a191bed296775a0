"""The rule pack for a human: the list of items, one item in full, and the run of its examples."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from checker.examples import ExampleOutcome
from checker.matching.expressions import AllOf, AnyOf, Expr, Near, Phrase, Regex
from checker.model import Rule, RulePack
from checker.reporters.options import RenderOptions
from checker.reporters.style import boxes, rendered, status_text

__all__ = ["describe_expr", "render_examples", "render_list", "render_rule"]


def render_list(pack: RulePack, options: RenderOptions) -> str:
    """Every item: id, area, provision, weight and label."""
    table = Table(box=boxes(options), show_edge=False, pad_edge=False, expand=True)
    for name in ("Id", "Area", "Provision", "Weight", "Label"):
        table.add_column(
            name, no_wrap=name in ("Id", "Weight"), justify="right" if name == "Weight" else "left"
        )
    for rule in pack.rules:
        table.add_row(rule.id, rule.area, rule.provision, str(rule.weight), rule.label)
    title = Text(f"{pack.name} {pack.version}: {len(pack.rules)} items", style="bold")
    return rendered([title, table], options)


def describe_expr(expr: Expr) -> str:
    """An expression written back in the rule language's terms, on one line."""
    if isinstance(expr, Phrase):
        return repr(expr.source)
    if isinstance(expr, Regex):
        return f"regex {expr.source!r}"
    if isinstance(expr, AnyOf):
        return "any of [" + ", ".join(describe_expr(part) for part in expr.parts) + "]"
    if isinstance(expr, AllOf):
        return "all of [" + ", ".join(describe_expr(part) for part in expr.parts) + "]"
    assert isinstance(expr, Near)
    return f"within {expr.within} words: [" + ", ".join(describe_expr(part) for part in expr.parts) + "]"


def _field(name: str, value: str) -> Text:
    return Text(f"{name}: ", style="bold").append(value, style="not bold")


def render_rule(rule: Rule, options: RenderOptions) -> str:
    """Everything about one item: what it asks, how evidence is recognised, its examples."""
    parts: list[RenderableType] = [
        Text(f"{rule.id}  {rule.label}", style="bold"),
        _field("Area", rule.area),
        _field("Provision", rule.provision),
        _field("Weight", str(rule.weight)),
        _field("Form label", rule.form_label),
        _field("Question", rule.question),
        _field("Guidance", rule.guidance),
        _field("Defined at", rule.origin),
        Text("Evidence:", style="bold"),
    ]
    for name, expr in rule.evidence.expressions():
        parts.append(Padding(_field(name, describe_expr(expr)), (0, 0, 0, 2)))
    parts.append(Text("Examples:", style="bold"))
    for example in rule.examples:
        line = status_text(example.expect, options)
        line.append(f" [{example.context.value}] ", style="dim")
        line.append(" ".join(example.text.split()))
        if example.note:
            line.append(f"  ({example.note})", style="dim")
        parts.append(Padding(line, (0, 0, 0, 2)))
    return rendered(parts, options)


def render_examples(
    rules: Sequence[Rule],
    outcomes: Sequence[ExampleOutcome],
    lacking: Mapping[str, Sequence[str]],
    options: RenderOptions,
) -> str:
    """The examples of `rules` that failed, with why, what each rule in `lacking` lacks (required
    examples, its wording in a language), and a summary."""
    parts: list[RenderableType] = []
    for outcome in outcomes:
        if outcome.passed:
            continue
        finding = outcome.finding
        line = Text("FAIL ", style="bold red").append(f"{outcome.rule.id}: ", style="bold")
        line.append(f"expected {outcome.example.expect.value}, got ", style="not bold")
        line.append_text(status_text(finding.status, options))
        detail = [Text(outcome.example.origin, style="cyan"), Text(" ".join(outcome.example.text.split()))]
        for item in (*finding.evidence, *finding.set_aside)[:3]:
            detail.append(
                Text(f"{item.status.value if item.status else 'set aside'}: {item.reason}", style="dim")
            )
        parts += [line, Padding(Group(*detail), (0, 0, 0, 5))]
    for rule_id, missing in lacking.items():
        parts.append(
            Text("LACKS ", style="bold red").append(
                f"{rule_id}: needs " + ", ".join(missing), style="not bold"
            )
        )
    failed = sum(not outcome.passed for outcome in outcomes)
    summary = f"{len(outcomes)} examples of {len(rules)} rules: {failed} failed"
    if lacking:
        summary += f", {len(lacking)} rules lack required examples or wording"
    parts.append(Text(summary, style="bold red" if failed or lacking else "bold green"))
    return rendered(parts, options)
