"""Blank drafts for `ilo-check init`: every item's place, with its question and guidance beside it.

A YAML draft is a structured submission whose answers are empty; a Markdown draft has one heading per
item (its id and label), the question and guidance in comments the reader skips, and room for the answer.
Either audits at once, with every item `missing`, and fills up as the drafter writes.
"""

from __future__ import annotations

import textwrap

import yaml

from checker.model import Rule, RulePack

__all__ = ["DRAFT_FORMATS", "markdown_draft", "yaml_draft"]

_WIDTH = 100


def _comment_lines(prefix: str, label: str, text: str) -> list[str]:
    return textwrap.wrap(
        f"{label}: {text}", width=_WIDTH - len(prefix), initial_indent="", subsequent_indent="  "
    )


def _front(country: str, year: int, pack: RulePack) -> str:
    data = {"instrument": pack.name.upper(), "country": country, "years": [year]}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)


def _rules_by_area(pack: RulePack) -> list[tuple[str, list[Rule]]]:
    return [(area.label, [rule for rule in pack.rules if rule.area == area.id]) for area in pack.areas]


def yaml_draft(pack: RulePack, country: str, year: int) -> str:
    """A structured (YAML) draft with an empty answer for every item."""
    lines = [
        f"# {pack.instrument}: report draft, {country} ({year})",
        "# Write each answer's text; `ilo-check audit` on this file shows what is still missing.",
        "# `status:` (reported, partial, negative) may declare what an answer shows;",
        "# the text is still judged.",
        _front(country, year, pack).rstrip("\n"),
        "answers:",
    ]
    for area_label, rules in _rules_by_area(pack):
        lines += ["", f"  # \u2500\u2500 {area_label} \u2500\u2500"]
        for rule in rules:
            lines.append(f"  # {rule.id}: {rule.label} ({rule.provision})")
            for label, text in (("Question", rule.question), ("Guidance", rule.guidance)):
                lines += [f"  # {line}" for line in _comment_lines("  # ", label, text)]
            lines += [f"  {rule.id}:", '    text: ""']
    return "\n".join(lines) + "\n"


def markdown_draft(pack: RulePack, country: str, year: int) -> str:
    """A Markdown draft: one heading per item, question and guidance as comments."""
    lines = [
        "---",
        _front(country, year, pack).rstrip("\n"),
        "---",
        f"# {pack.name.upper()} report: {country} ({year})",
        "",
        "<!-- Write each answer under its heading.",
        "     `ilo-check audit` on this file shows what is still missing. -->",
    ]
    for area_label, rules in _rules_by_area(pack):
        lines += ["", f"## {area_label}"]
        for rule in rules:
            lines += ["", f"### {rule.id} \u2014 {rule.label}", ""]
            lines.append(f"<!-- Provision: {rule.provision}")
            for label, text in (("Question", rule.question), ("Guidance", rule.guidance)):
                lines += _comment_lines("", label, text)
            lines[-1] += " -->"
            lines.append("")
    return "\n".join(lines) + "\n"


DRAFT_FORMATS = {"yaml": yaml_draft, "markdown": markdown_draft}
