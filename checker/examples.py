"""Run a rule's own examples: each text, placed where its context says, must get the expected status.

`ilo-check rules test` and the test suite both run them, so a rule pack proves every rule it ships.
A rule must carry at least two examples that are `reported`, one that is `partial` or `negative`, and two
near misses (`missing`) that must not count, so that what it does *not* recognise is pinned down too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from checker.engine import assess
from checker.language.identify import name
from checker.layout import Layout, Piece, Stretch, lay_out
from checker.model import (
    DocumentKind,
    Example,
    ExampleContext,
    Finding,
    FormField,
    Location,
    Metadata,
    Rule,
    RulePack,
    Section,
    SectionKind,
    SourceLine,
    Status,
)
from checker.readers import read
from checker.readers.encoding import split_lines

__all__ = ["ExampleOutcome", "lacking_examples", "run_example", "run_examples"]

_REQUIRED = (
    ("reported", {Status.REPORTED}, 2),
    ("partial or negative", {Status.PARTIAL, Status.NEGATIVE}, 1),
    ("missing (near misses)", {Status.MISSING}, 2),
)


@dataclass(frozen=True)
class ExampleOutcome:
    """An example run: the status it got, and the finding to explain it."""

    rule: Rule
    example: Example
    finding: Finding

    @property
    def passed(self) -> bool:
        """Whether the example got the status it expects."""
        return self.finding.status is self.example.expect


def _form_field(fields: tuple[FormField, ...], item_id: str) -> FormField | None:
    for field in fields:
        if field.item == item_id or item_id in field.checklist:
            return field
        found = _form_field(field.children, item_id)
        if found is not None:
            return found
    return None


def _section(rule: Rule, context: ExampleContext, pack: RulePack) -> tuple[Section, DocumentKind]:
    location = Location(line=1)
    if context is ExampleContext.SECTION:
        return Section(SectionKind.ANSWER, rule.id, location, (rule.id,)), DocumentKind.STRUCTURED
    if context is ExampleContext.FORM:
        field = _form_field(pack.form, rule.id)
        if field is None:
            return Section(
                SectionKind.FORM_FIELD, rule.form_label, location, (rule.id,)
            ), DocumentKind.COMPILATION
        items = (field.item,) if field.item else ()
        return Section(
            SectionKind.FORM_FIELD, field.label, location, items, field.checklist
        ), DocumentKind.COMPILATION
    return Section(SectionKind.FREE, "", location), DocumentKind.NARRATIVE


def _layout(rule: Rule, example: Example, pack: RulePack) -> Layout:
    if example.context is ExampleContext.DOCUMENT:
        return lay_out(read("example.txt", example.text.encode()), pack)
    section, kind = _section(rule, example.context, pack)
    lines = [
        SourceLine(text, Location(line=number))
        for number, text in enumerate(split_lines(example.text), start=1)
    ]
    pieces = tuple(Piece(line, 0, len(line.text)) for line in lines)
    language = example.language or pack.language
    return Layout(kind, (Stretch(section, pieces, language=language),), (section,), Metadata())


def run_example(pack: RulePack, rule: Rule, example: Example) -> ExampleOutcome:
    """Run one example of `rule` in its context and return what the rule made of it. A narrative
    example is a sentence of a report on forced labour: what it speaks of is presumed, unless it says
    otherwise; a `document` example is a whole text, read as a report file is read."""
    layout = _layout(rule, example, pack)
    presumed = example.context is ExampleContext.NARRATIVE
    # An example that says its language is read as a report in that language is: with the rule's own
    # words and that language's. One that does not, as a short text is, with every language's.
    if example.language is not None:
        pack, rule = pack.reading(example.language), rule.reading(example.language)
    _, findings, _ = assess(layout, pack, [rule], subject_presumed=presumed)
    return ExampleOutcome(rule, example, findings[0])


def run_examples(pack: RulePack, rules: Sequence[Rule] | None = None) -> Iterator[ExampleOutcome]:
    """Every example of `rules` (every rule of the pack by default), in pack order, each judged with the
    whole pack: its form, cues and subject."""
    for rule in pack.rules if rules is None else rules:
        for example in rule.examples:
            yield run_example(pack, rule, example)


def lacking_examples(rule: Rule, pack: RulePack) -> list[str]:
    """What `rule` still lacks in each language the pack reads, e.g. ["2 missing (near misses) in
    French", "its wording in Spanish"]: the kinds of example, and the translation of its questions."""
    lacking = []
    for language in pack.languages:
        examples = [example for example in rule.examples if (example.language or pack.language) == language]
        where = "" if language == pack.language else f" in {name(language)}"
        for kind, statuses, needed in _REQUIRED:
            have = sum(example.expect in statuses for example in examples)
            if have < needed:
                lacking.append(f"{needed - have} {kind}{where}")
        if language != pack.language and language not in dict(rule.translations):
            lacking.append(f"its wording{where}")
    return lacking
