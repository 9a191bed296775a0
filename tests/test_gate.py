"""The CI gate's decision (checker/gate.py): which items a pattern names, and when a run fails on a score,
an area score, a required item or a regression against a baseline; suppressed items fail nothing."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml

from checker.baseline import Baseline, BaselineReport
from checker.config import Origin
from checker.engine import audit
from checker.errors import ExitCode, UsageError
from checker.gate import FAIL_ON, judge, resolve_items
from checker.model import AuditResult, Change, DocumentAudit, Rule, RulePack, Status, Suppression
from checker.readers import read
from checker.settings import GateSettings
from tests.ci_support import DRAFT
from tests.test_rule_examples import QUESTIONNAIRE_IDS

PROTECTION = tuple(item for item in QUESTIONNAIRE_IDS if item.startswith("protection."))


@pytest.fixture(scope="module")
def draft(pack: RulePack) -> DocumentAudit:
    """The walk-through draft, audited once, as `draft.md` (score 29.7, promotion.activities suppressed)."""
    return audit(read("draft.md", DRAFT.read_bytes()), pack)


def _with(document: DocumentAudit, statuses: dict[str, Status]) -> DocumentAudit:
    """The audit with some items' statuses changed (the scores are left as they were)."""
    findings = tuple(
        replace(finding, status=statuses.get(finding.item_id, finding.status))
        for finding in document.findings
    )
    return replace(document, findings=findings)


def _result(pack: RulePack, *audits: DocumentAudit) -> AuditResult:
    return AuditResult(pack.name, pack.version, audits)


def _baseline(document: DocumentAudit, score: float | None = None, **changes: Status) -> Baseline:
    """A baseline of `document` as it is, with another score or some items' statuses changed."""
    statuses = {finding.item_id: finding.status for finding in document.findings}
    statuses |= {item.replace("__", "."): status for item, status in changes.items()}
    report = BaselineReport(document.source, document.score if score is None else score, statuses)
    return Baseline("baseline.json", "p029 1.0.0", (report,))


# ── resolve_items ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        pytest.param(("ratification.status",), ("ratification.status",), id="item"),
        pytest.param(("ratification",), ("ratification.status", "ratification.intention"), id="area"),
        pytest.param(("protection.*",), PROTECTION, id="glob"),
        pytest.param(
            ("*.capacity_building",),
            ("prevention.capacity_building", "remedies.capacity_building"),
            id="suffix",
        ),
        pytest.param(
            ("technical_cooperation.offer", "policy", "policy.data"),
            ("policy.plan_of_action", "policy.coordination", "policy.data", "technical_cooperation.offer"),
            id="several, in pack order, once each",
        ),
    ],
)
def test_patterns_name_items_areas_and_globs(
    pack: RulePack, patterns: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    """An item id, an area id or a glob names items, returned once each in the pack's order."""
    assert resolve_items(patterns, pack, Origin("--require")) == expected


def test_globs_are_case_sensitive(pack: RulePack) -> None:
    """A glob matches item ids as written: 'Protection.*' names nothing."""
    with pytest.raises(UsageError, match="names no item or area"):
        resolve_items(("Protection.*",), pack, Origin("--select"))


@pytest.mark.parametrize(
    ("pattern", "option", "message"),
    [
        (
            "ratification.stat",
            "--require",
            "--require: 'ratification.stat' names no item or area (did you mean 'ratification.status'?)",
        ),
        ("protecton", "--select", "--select: 'protecton' names no item or area (did you mean 'protection'?)"),
        ("zzz.*", "--ignore", "--ignore: 'zzz.*' names no item or area (see 'ilo-check rules list')"),
    ],
)
def test_a_pattern_naming_nothing_is_a_usage_error(
    pack: RulePack, pattern: str, option: str, message: str
) -> None:
    """A pattern that names no item or area is a usage error (exit 2) naming the option and the nearest id."""
    with pytest.raises(UsageError) as raised:
        resolve_items(("policy", pattern), pack, Origin(option))
    assert (str(raised.value), raised.value.exit_code) == (message, ExitCode.ERROR)


# ── the settings' switch ─────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("gate", "active"),
    [
        (GateSettings(), False),
        (GateSettings(fail_on="gap"), False),
        (GateSettings(strict_baseline=True), False),
        (GateSettings(fail_under=0), True),
        (GateSettings(fail_under_completeness=0), True),
        (GateSettings(fail_under_area={"policy": 50}), True),
        (GateSettings(require=("policy",)), True),
        (GateSettings(baseline="baseline.json"), True),
    ],
)
def test_a_gate_is_active_only_when_something_can_fail(gate: GateSettings, active: bool) -> None:
    """Only a score or completeness bar, an area bar, a required item or a baseline sets a gate; fail_on
    or strictness alone does not."""
    assert gate.active is active


# ── scores ───────────────────────────────────────────────────────────────────────────────────────


def test_a_gate_that_holds_passes(pack: RulePack, draft: DocumentAudit) -> None:
    """A run that meets every bar passes with no failures and no changes."""
    gate = GateSettings(fail_under=25, fail_under_area={"ratification": 25}, require=("policy",))
    outcome = judge(_result(pack, draft), pack, gate, None)
    assert (outcome.passed, outcome.failures, outcome.regressions, outcome.improvements) == (True, (), (), ())
    assert outcome.required == ("policy.plan_of_action", "policy.coordination", "policy.data")


@pytest.mark.parametrize(
    ("bar", "failures"),
    [
        (60, ("draft.md: score 29.7 is under 60",)),
        (29.8, ("draft.md: score 29.7 is under 29.8",)),
        (29.7, ()),
        (0, ()),
    ],
)
def test_fail_under_fails_a_total_score_under_the_bar(
    pack: RulePack, draft: DocumentAudit, bar: float, failures: tuple[str, ...]
) -> None:
    """The total score fails when under the bar, and passes when equal to it."""
    outcome = judge(_result(pack, draft), pack, GateSettings(fail_under=bar), None)
    assert (outcome.passed, outcome.failures) == (not failures, failures)


@pytest.mark.parametrize(
    ("bars", "failures"),
    [
        ({"protection": 70}, ("draft.md: area protection scores 33.3, under 70",)),
        ({"protection": 33.3, "policy": 100}, ()),
        (
            {"protection": 50, "remedies": 12.6, "policy": 100},
            (
                "draft.md: area protection scores 33.3, under 50",
                "draft.md: area remedies scores 12.5, under 12.6",
            ),
        ),
    ],
)
def test_fail_under_area_fails_each_area_under_its_bar(
    pack: RulePack, draft: DocumentAudit, bars: dict[str, float], failures: tuple[str, ...]
) -> None:
    """Each area scoring under its own bar is one failure; an area at its bar passes."""
    outcome = judge(_result(pack, draft), pack, GateSettings(fail_under_area=bars), None)
    assert (outcome.passed, outcome.failures) == (not failures, failures)


def test_an_unknown_area_is_a_usage_error(pack: RulePack, draft: DocumentAudit) -> None:
    """A bar for an area the pack does not have is a usage error with the nearest area id."""
    with pytest.raises(UsageError) as raised:
        judge(_result(pack, draft), pack, GateSettings(fail_under_area={"protecton": 70}), None)
    assert str(raised.value) == "--fail-under-area: no area 'protecton' (did you mean 'protection'?)"


def test_every_report_is_judged_on_its_own(pack: RulePack, draft: DocumentAudit) -> None:
    """With several reports, each one's score is judged, and each failure names its report."""
    other = replace(draft, source="other.md", score=61.0)
    outcome = judge(_result(pack, draft, other), pack, GateSettings(fail_under=60), None)
    assert outcome.failures == ("draft.md: score 29.7 is under 60",)


# ── required items ───────────────────────────────────────────────────────────────────────────────


FAILS = {
    "partial": lambda status: status is not Status.REPORTED,
    "gap": lambda status: status.is_gap,
    "missing": lambda status: not status.is_answer,
}


@pytest.mark.parametrize("fail_on", list(FAILS))
@pytest.mark.parametrize("status", list(Status))
def test_fail_on_sets_what_a_required_item_must_be(
    pack: RulePack, draft: DocumentAudit, fail_on: str, status: Status
) -> None:
    """A required item fails short of reported with fail_on partial, as a gap with fail_on gap, and only
    when not answered with fail_on missing."""
    document = _with(draft, {"ratification.status": status})
    gate = GateSettings(require=("ratification.status",), fail_on=fail_on)
    outcome = judge(_result(pack, document), pack, gate, None)
    fails = FAILS[fail_on](status)
    assert outcome.passed is not fails
    expected = (f"draft.md: ratification.status is {status.value}, and it is required",) if fails else ()
    assert outcome.failures == expected


def test_fail_on_values_map_to_the_least_status_accepted() -> None:
    """fail_on partial accepts only reported; gap, partial and better; missing, any answer; and the
    default is missing: a required item must be answered."""
    assert FAIL_ON == {"partial": Status.REPORTED, "gap": Status.PARTIAL, "missing": Status.NEGATIVE}
    assert GateSettings().fail_on == "missing"


def _guided_answer(rule: Rule) -> str:
    """The answer an item's guidance suggests when the measure does not exist: its quoted wording
    ('if none were received, say "No observations were received"'), else "Not applicable."."""
    suggested = re.search(r'say "([^"]+)"', rule.guidance)
    return f"{suggested.group(1)}." if suggested else "Not applicable."


def test_a_truthful_draft_that_says_no_everywhere_is_complete_and_passes(pack: RulePack) -> None:
    """A draft answering every item with the 'no' its guidance suggests (or "Not applicable.") has every
    item negative: answered, so completeness 100 and the default gate on every item passes, though no
    measure is in place (score 0) and a gate on gaps fails."""
    answers = {rule.id: _guided_answer(rule) for rule in pack.rules}
    submission = yaml.safe_dump({"instrument": "P029", "country": "X", "years": [2025], "answers": answers})
    document = audit(read("draft.yaml", submission.encode()), pack)
    assert {finding.item_id: finding.status for finding in document.findings} == dict.fromkeys(
        pack.item_ids, Status.NEGATIVE
    )
    assert (document.completeness, document.score) == (100.0, 0.0)
    every = GateSettings(require=("*",), fail_under_completeness=100)
    assert judge(_result(pack, document), pack, every, None).passed
    assert not judge(_result(pack, document), pack, replace(every, fail_on="gap"), None).passed


def test_each_required_item_short_of_its_bar_is_a_failure(pack: RulePack, draft: DocumentAudit) -> None:
    """Requiring an area and a glob fails once per item short of reported, in the pack's order."""
    gate = GateSettings(require=("ratification", "reporting.*"), fail_on="partial")
    outcome = judge(_result(pack, draft), pack, gate, None)
    assert outcome.failures == (
        "draft.md: reporting.obligations is partial, and it is required",
        "draft.md: ratification.status is negative, and it is required",
    )
    assert outcome.required == (
        "reporting.obligations",
        "reporting.social_partners",
        "ratification.status",
        "ratification.intention",
    )


def test_a_suppressed_required_item_does_not_fail(pack: RulePack, draft: DocumentAudit) -> None:
    """A required item that is a gap but suppressed with a reason fails nothing; its neighbours still do."""
    outcome = judge(_result(pack, draft), pack, GateSettings(require=("promotion",), fail_on="gap"), None)
    assert draft.suppression("promotion.activities") is not None
    assert outcome.failures == ("draft.md: promotion.special_initiatives is missing, and it is required",)


def test_an_unknown_required_item_is_a_usage_error(pack: RulePack, draft: DocumentAudit) -> None:
    """Requiring an item the pack does not have is a usage error with the nearest id."""
    with pytest.raises(UsageError, match=r"did you mean 'protection\.accommodation'\?"):
        judge(_result(pack, draft), pack, GateSettings(require=("protection.accomodation",)), None)


# ── baselines ────────────────────────────────────────────────────────────────────────────────────


def test_an_unchanged_report_passes_its_baseline(pack: RulePack, draft: DocumentAudit) -> None:
    """A report equal to its baseline has no regression and no improvement."""
    outcome = judge(_result(pack, draft), pack, GateSettings(baseline="b.json"), _baseline(draft))
    assert (outcome.passed, outcome.failures, outcome.regressions, outcome.improvements) == (True, (), (), ())


def test_a_regression_fails_and_names_the_item(pack: RulePack, draft: DocumentAudit) -> None:
    """An item or score worse than the baseline fails the gate, each regression named."""
    baseline = _baseline(draft, score=31.0, observations__workers=Status.PARTIAL)
    outcome = judge(_result(pack, draft), pack, GateSettings(baseline="b.json"), baseline)
    assert not outcome.passed
    assert outcome.failures == (
        "draft.md: score regressed from 31.0 to 29.7",
        "draft.md: observations.workers regressed from partial to missing",
    )
    assert outcome.regressions == (
        Change("draft.md", "score", "31.0", "29.7"),
        Change("draft.md", "observations.workers", "partial", "missing"),
    )


def test_an_improvement_passes_and_is_listed(pack: RulePack, draft: DocumentAudit) -> None:
    """An item or score better than the baseline passes, and the improvement is listed."""
    baseline = _baseline(draft, score=20.0, ratification__intention=Status.NEGATIVE)
    outcome = judge(_result(pack, draft), pack, GateSettings(baseline="b.json"), baseline)
    assert (outcome.passed, outcome.failures, outcome.regressions) == (True, (), ())
    assert outcome.improvements == (
        Change("draft.md", "score", "20.0", "29.7"),
        Change("draft.md", "ratification.intention", "negative", "reported"),
    )


def test_a_suppressed_item_that_regressed_does_not_fail(pack: RulePack, draft: DocumentAudit) -> None:
    """A suppressed item worse than its baseline is listed as a regression but is not a failure."""
    baseline = _baseline(draft, promotion__activities=Status.PARTIAL)
    outcome = judge(_result(pack, draft), pack, GateSettings(baseline="b.json"), baseline)
    assert (outcome.passed, outcome.failures) == (True, ())
    assert outcome.regressions == (Change("draft.md", "promotion.activities", "partial", "missing"),)


def test_a_configured_suppression_covers_a_regression_too(pack: RulePack, draft: DocumentAudit) -> None:
    """A suppression from the configuration, like one in the draft, keeps a regressed item from failing."""
    configured = Suppression("observations.workers", "none came", "ilo-check.yaml:3")
    suppressed = replace(draft, suppressions=(*draft.suppressions, configured))
    baseline = _baseline(draft, observations__workers=Status.REPORTED)
    outcome = judge(_result(pack, suppressed), pack, GateSettings(baseline="b.json"), baseline)
    assert (outcome.passed, outcome.failures) == (True, ())


def test_all_failures_are_gathered(pack: RulePack, draft: DocumentAudit) -> None:
    """Score, area, required-item and regression failures are all given, in that order."""
    gate = GateSettings(
        fail_under=30,
        fail_under_area={"ratification": 30},
        require=("ratification.status",),
        fail_on="gap",
        baseline="b.json",
    )
    outcome = judge(_result(pack, draft), pack, gate, _baseline(draft, observations__workers=Status.NEGATIVE))
    assert outcome.failures == (
        "draft.md: score 29.7 is under 30",
        "draft.md: area ratification scores 25.0, under 30",
        "draft.md: ratification.status is negative, and it is required",
        "draft.md: observations.workers regressed from negative to missing",
    )
