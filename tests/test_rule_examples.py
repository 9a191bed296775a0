"""Every rule's own examples run as tests, and every rule documents and proves itself."""

from __future__ import annotations

import re

import pytest

from checker.examples import lacking_examples, run_example
from checker.model import Rule, RulePack
from checker.rules import load_rules
from tests.conftest import ROOT

PACK = load_rules()
CASES = [
    pytest.param(rule, example, id=f"{rule.id}#{number}-{example.expect.value}")
    for rule in PACK.rules
    for number, example in enumerate(rule.examples, start=1)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule: Rule, example: object, pack: RulePack) -> None:
    """The example's text, in its context, gets the status it expects."""
    outcome = run_example(pack, rule, example)  # type: ignore[arg-type]
    reasons = [item.reason for item in (*outcome.finding.evidence, *outcome.finding.set_aside)]
    assert outcome.finding.status is outcome.example.expect, f"{outcome.example.origin}: {reasons}"


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda rule: rule.id)
def test_rule_documents_itself(rule: Rule) -> None:
    """A rule says what it asks, what a complete answer contains, and which provision it implements."""
    assert rule.question.endswith("?")
    assert len(rule.guidance.split()) >= 8
    assert re.search(r"P029|R203|Declaration|Constitution", rule.provision)
    assert rule.label and rule.form_label


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda rule: rule.id)
def test_rule_proves_itself(rule: Rule) -> None:
    """A rule carries two reported examples, one partial or negative, and two near misses, in each
    language the pack reads, and its wording in each."""
    assert lacking_examples(rule, PACK) == []


# The item ids of the ILO questionnaire on P029, in its order: a public contract (users' configurations,
# baselines and structured drafts name items by them). Copied from the questionnaire, not from the pack.
QUESTIONNAIRE_IDS = (
    "reporting.obligations",
    "reporting.social_partners",
    "observations.employers",
    "observations.workers",
    "ratification.status",
    "ratification.intention",
    "policy.plan_of_action",
    "policy.coordination",
    "policy.data",
    "prevention.awareness",
    "prevention.legislation",
    "prevention.labour_inspection",
    "prevention.recruitment",
    "prevention.due_diligence",
    "prevention.root_causes",
    "prevention.safe_migration",
    "prevention.vocational_training",
    "prevention.capacity_building",
    "prevention.freedom_of_association",
    "prevention.social_security",
    "protection.identification",
    "protection.legal",
    "protection.material",
    "protection.medical_psychological",
    "protection.rehabilitation",
    "protection.privacy",
    "protection.accommodation",
    "protection.children",
    "protection.migrants",
    "remedies.information",
    "remedies.legal_aid",
    "remedies.cost_free",
    "remedies.indicators",
    "remedies.compensation",
    "remedies.capacity_building",
    "remedies.non_prosecution",
    "remedies.penalties",
    "cooperation.international",
    "promotion.activities",
    "promotion.special_initiatives",
    "challenges.social_partners",
    "challenges.government",
    "technical_cooperation.request",
    "technical_cooperation.offer",
)


def test_item_ids_are_the_public_contract() -> None:
    """The pack defines exactly the questionnaire's 44 item ids, in questionnaire order."""
    assert PACK.item_ids == QUESTIONNAIRE_IDS


def test_readme_lists_every_item() -> None:
    """The README's table of items names every id of the contract, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", text, flags=re.MULTILINE)
    assert tuple(listed) == QUESTIONNAIRE_IDS
