"""Blank drafts for `ilo-check init`: every item's place, with its question and guidance beside it.

A YAML draft is a structured submission whose answers are empty; a Markdown draft has one heading per
item (its id and label), the question and guidance in comments the reader skips, and room for the answer.
Either audits at once, with every item `missing`, and fills up as the drafter writes. A draft is written
in any language the pack reads: its items' wording from the pack's translations, the draft's own words
from the language's profile (its captions).
"""

from __future__ import annotations

import textwrap

import yaml

from checker.language.profile import Captions, captions
from checker.model import Rule, RulePack

__all__ = ["DRAFT_FORMATS", "markdown_draft", "yaml_draft"]

_WIDTH = 100


def _comment_lines(prefix: str, label: str, text: str) -> list[str]:
    return textwrap.wrap(
        f"{label}: {text}", width=_WIDTH - len(prefix), initial_indent="", subsequent_indent="  "
    )


def _asked(rule: Rule, words: Captions) -> tuple[tuple[str, str], ...]:
    return (words.question, rule.question), (words.guidance, rule.guidance)


def _worded(pack: RulePack, language: str | None) -> tuple[RulePack, Captions]:
    """The pack in the draft's language and the draft's own words in it (the pack's language by default)."""
    chosen = language or pack.language
    return pack.worded(chosen), captions(chosen)


def _front(country: str, year: int, pack: RulePack) -> str:
    data = {"instrument": pack.name.upper(), "country": country, "years": [year]}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)


def _rules_by_area(pack: RulePack) -> list[tuple[str, list[Rule]]]:
    return [(area.label, [rule for rule in pack.rules if rule.area == area.id]) for area in pack.areas]


def yaml_draft(pack: RulePack, country: str, year: int, language: str | None = None) -> str:
    """A structured (YAML) draft with an empty answer for every item, worded in `language`."""
    pack, words = _worded(pack, language)
    lines = [
        "# " + words.draft.format(instrument=pack.instrument, country=country, year=year),
        *(f"# {line}" for line in textwrap.wrap(f"{words.write_yaml} {words.declare_yaml}", _WIDTH - 2)),
        _front(country, year, pack).rstrip("\n"),
        "answers:",
    ]
    for area_label, rules in _rules_by_area(pack):
        lines += ["", f"  # \u2500\u2500 {area_label} \u2500\u2500"]
        for rule in rules:
            lines.append(f"  # {rule.id}: {rule.label} ({rule.provision})")
            for label, text in _asked(rule, words):
                lines += [f"  # {line}" for line in _comment_lines("  # ", label, text)]
            lines += [f"  {rule.id}:", '    text: ""']
    return "\n".join(lines) + "\n"


def markdown_draft(pack: RulePack, country: str, year: int, language: str | None = None) -> str:
    """A Markdown draft, worded in `language`: one heading per item, question and guidance as comments."""
    pack, words = _worded(pack, language)
    hint = textwrap.wrap(words.write_markdown, _WIDTH - 5)
    lines = [
        "---",
        _front(country, year, pack).rstrip("\n"),
        "---",
        "# " + words.report.format(pack=pack.name.upper(), country=country, year=year),
        "",
        "<!-- " + "\n     ".join(hint) + " -->",
    ]
    for area_label, rules in _rules_by_area(pack):
        lines += ["", f"## {area_label}"]
        for rule in rules:
            lines += ["", f"### {rule.id} \u2014 {rule.label}", ""]
            lines.append(f"<!-- {words.provision}: {rule.provision}")
            for label, text in _asked(rule, words):
                lines += _comment_lines("", label, text)
            lines[-1] += " -->"
            lines.append("")
    return "\n".join(lines) + "\n"


DRAFT_FORMATS = {"yaml": yaml_draft, "markdown": markdown_draft}
