"""Blank drafts from `init` list every item, audit at once with every item missing, and fill up as the
drafter writes."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml

from checker import engine
from checker.drafts import markdown_draft, yaml_draft
from checker.engine import audit
from checker.layout import Stretch
from checker.model import DocumentKind, ExampleContext, Rule, RulePack, Segment, Status
from checker.readers import read
from checker.schemas import submission_schema
from checker.segment import segment_stretches as real_segment_stretches


@pytest.mark.parametrize(
    ("render", "name", "kind"),
    [(yaml_draft, "d.yaml", DocumentKind.STRUCTURED), (markdown_draft, "d.md", DocumentKind.DRAFT)],
)
def test_blank_draft_is_all_missing(pack: RulePack, render: object, name: str, kind: DocumentKind) -> None:
    """Every one of the 44 items has its place in a blank draft, and each is missing."""
    text = render(pack, "Examplestan", 2025)  # type: ignore[operator]
    result = audit(read(name, text.encode()), pack)
    assert result.kind is kind
    assert (result.metadata.country, result.metadata.years) == ("Examplestan", ("2025",))
    assert {finding.status for finding in result.findings} == {Status.MISSING}
    assert (
        all(finding.note == "the item's section is empty" for finding in result.findings)
        or kind is DocumentKind.STRUCTURED
    )


def test_markdown_draft_has_every_question(pack: RulePack) -> None:
    """The Markdown draft gives each item a heading with its id and label, and its question and guidance."""
    text = markdown_draft(pack, "Examplestan", 2025)
    for rule in pack.rules:
        assert f"### {rule.id} \u2014 {rule.label}" in text
        assert " ".join(rule.question.split()[:6]) in " ".join(text.split())


def test_yaml_draft_is_valid_against_the_schema(pack: RulePack) -> None:
    """The YAML draft is valid against the submission schema of the pack."""
    jsonschema.validate(yaml.safe_load(yaml_draft(pack, "Examplestan", 2025)), submission_schema(pack))


def test_filled_section_counts(pack: RulePack) -> None:
    """Writing an answer under an item's heading makes that item reported, and only that item."""
    text = markdown_draft(pack, "Examplestan", 2025).replace(
        "### protection.accommodation \u2014 Appropriate accommodation for victims\n",
        "### protection.accommodation \u2014 Appropriate accommodation for victims\n\n"
        "The State shelter in the capital, with 30 beds, accommodated 41 victims in 2024.\n",
    )
    result = audit(read("d.md", text.encode()), pack)
    reported = [finding.item_id for finding in result.findings if finding.status is Status.REPORTED]
    assert reported == ["protection.accommodation"]
    assert result.findings[26].evidence[0].start.line is not None


def _first_reported(rule: Rule, language: str) -> str:
    """The first of `rule`'s examples in `language` that is reported as a sentence or a section's text."""
    return next(
        example.text
        for example in rule.examples
        if example.language == language
        and example.expect is Status.REPORTED
        and example.context in (ExampleContext.NARRATIVE, ExampleContext.SECTION)
    )


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize(("render", "name"), [(yaml_draft, "d.yaml"), (markdown_draft, "d.md")])
def test_a_draft_in_another_language_audits_back_to_its_answers(
    pack: RulePack, render: Any, name: str, language: str
) -> None:
    """A draft written in French or Spanish asks every item in that language; blank, every item is
    missing; with every other item answered (by the rule's own example in the language), exactly
    those items are reported."""
    worded = pack.worded(language)
    text = render(pack, "Examplestan", 2025, language)
    for rule in worded.rules:
        assert rule.label in text and " ".join(rule.question.split()[:5]) in " ".join(text.split())
    assert {finding.status for finding in audit(read(name, text.encode()), pack).findings} == {Status.MISSING}
    answered = [rule.id for rule in pack.rules[::2]]
    for item_id in answered:
        answer = " ".join(_first_reported(pack.rule(item_id), language).split())
        if name.endswith(".md"):
            heading = f"### {item_id} \u2014 {worded.rule(item_id).label}\n"
            text = text.replace(heading, f"{heading}\n{answer}\n")
        else:
            text = text.replace(
                f'  {item_id}:\n    text: ""', f"  {item_id}:\n    text: {json.dumps(answer)}"
            )
    result = audit(read(name, text.encode()), pack)
    assert result.language == language
    assert [finding.item_id for finding in result.findings if finding.status is Status.REPORTED] == answered


@pytest.mark.parametrize("name", ["d.yaml", "d.json"])
def test_answers_to_unknown_items_are_told_once_each_and_not_read(
    pack: RulePack, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answers keyed by ids the pack does not know are ignored with a warning, once per id: their text,
    here 12 copies of 100,000 characters (aliases of one in YAML, written out in JSON), is never cut into
    sentences nor read for its language; the known answer beside them is judged as before."""
    long_text = " ".join(["Seminars on forced labour were held in 55 cities."] * 2000)
    unknown = [f"bogus.item{number:02d}" for number in range(12)]
    known = "The Protocol was ratified on 12 March 2016 and registered with the ILO."
    if name.endswith(".json"):
        answers = {"ratification.status": known, **dict.fromkeys(unknown, long_text)}
        text = json.dumps({"country": "Examplestan", "answers": answers}, indent=1)
    else:
        text = f"country: Examplestan\nanswers:\n  ratification.status: {json.dumps(known)}\n"
        text += f"  {unknown[0]}: &long {json.dumps(long_text)}\n"
        text += "".join(f"  {item}: *long\n" for item in unknown[1:])
    cut: list[str] = []

    def segment_stretches(stretches: list[Stretch]) -> tuple[Segment, ...]:
        cut.extend(item for stretch in stretches for item in stretch.section.items)
        assert sum(len(piece.text) for stretch in stretches for piece in stretch.pieces) < len(long_text)
        return real_segment_stretches(stretches)

    monkeypatch.setattr(engine, "segment_stretches", segment_stretches)
    result = audit(read(name, text.encode()), pack)
    assert cut == ["ratification.status"]
    for item in unknown:
        assert sum(f"unknown item {item!r} is ignored" in warning for warning in result.warnings) == 1
    statuses = {finding.item_id: finding.status for finding in result.findings}
    assert statuses["ratification.status"] is Status.REPORTED
