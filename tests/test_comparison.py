"""How a report moved between two audits (checker/comparison.py): statuses and scores that fell or rose,
evidence that appeared or disappeared, area and report-year scores; the one rule of what is worse."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from checker.comparison import (
    AuditComparison,
    ItemComparison,
    ScoreMove,
    StatusMove,
    compare_audits,
    shared_years,
    split,
    status_moves,
)
from checker.model import (
    AreaScore,
    Change,
    DocumentAudit,
    DocumentKind,
    Evidence,
    Finding,
    Location,
    Metadata,
    Status,
)

R, P, N, M = Status.REPORTED, Status.PARTIAL, Status.NEGATIVE, Status.MISSING


def _said(quote: str, status: Status = R, line: int = 1, year: str | None = None) -> Evidence:
    return Evidence(Location(line), Location(line), quote, status, "matched", year_tag=year)


def _finding(
    item: str, status: Status, *evidence: Evidence, by_year: Mapping[str, Status] | None = None
) -> Finding:
    return Finding(item, item.partition(".")[0], status, by_year or {}, evidence)


def _audit(
    *findings: Finding,
    score: float = 50.0,
    areas: Mapping[str, float] | None = None,
    years: Mapping[str, float] | None = None,
) -> DocumentAudit:
    counts = dict.fromkeys(Status, 0)
    return DocumentAudit(
        "report.md",
        "markdown",
        DocumentKind.COMPILATION if years and len(years) > 1 else DocumentKind.DRAFT,
        Metadata("Examplestan"),
        tuple(years or ()),
        findings,
        tuple(AreaScore(area, area.title(), value, counts, 50.0) for area, value in (areas or {}).items()),
        score,
        dict(years or {}),
        40.0,
    )


# ── the rule of what is worse ────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("before", "after", "changed", "regressed"),
    [
        (R, P, True, True),
        (P, N, True, True),
        (N, M, True, True),
        (M, N, True, False),
        (P, R, True, False),
        (R, R, False, False),
    ],
)
def test_a_status_regresses_when_it_falls_in_rank(
    before: Status, after: Status, changed: bool, regressed: bool
) -> None:
    """reported > partial > negative > missing: a move down is a regression, up or none is not."""
    move = StatusMove("policy.data", before, after)
    assert (move.changed, move.regressed) == (changed, regressed)


def test_a_score_regresses_when_it_falls() -> None:
    """A lower score is a regression, a higher one an improvement, told as the gate tells it."""
    assert ScoreMove("score", 30.5, 29.7).regressed
    assert not ScoreMove("score", 29.7, 30.5).regressed
    assert not ScoreMove("score", 29.7, 29.7).changed
    assert ScoreMove("score", 30.5, 29.7).change("a.md") == Change("a.md", "score", "30.5", "29.7")


def test_split_keeps_what_changed_in_order() -> None:
    """Unchanged moves go nowhere; the others are regressions or improvements in the order given."""
    fell, rose, same = StatusMove("a", R, P), StatusMove("b", M, N), ScoreMove("score", 10.0, 10.0)
    worse = ScoreMove("protection", 40.0, 20.0)
    assert split([fell, same, rose, worse]) == ((fell, worse), (rose,))


def test_status_moves_compare_only_what_both_have() -> None:
    """An item only one side audited did not move; the others come in the later side's order."""
    moves = status_moves({"a": R, "b": M, "gone": R}, {"b": N, "a": R, "new": M})
    assert moves == (StatusMove("b", M, N), StatusMove("a", R, R))


# ── items ────────────────────────────────────────────────────────────────────────────────────────


def test_statuses_that_fell_and_rose() -> None:
    """One item falls, one rises, one stays: each is told with its statuses, and the comparison
    regressed."""
    before = _audit(
        _finding("policy.plan", R), _finding("policy.data", M), _finding("ratification.status", N)
    )
    after = _audit(_finding("policy.plan", P), _finding("policy.data", N), _finding("ratification.status", N))
    comparison = compare_audits(before, after)
    assert [(item.item_id, item.status.before, item.status.after) for item in comparison.changed_items] == [
        ("policy.plan", R, P),
        ("policy.data", M, N),
    ]
    plan, data, _ = comparison.items
    assert (plan.regressed, plan.improved, data.regressed, data.improved) == (True, False, False, True)
    assert comparison.regressions == (StatusMove("policy.plan", R, P),)
    assert comparison.improvements == (StatusMove("policy.data", M, N),)


def test_evidence_appeared_and_disappeared_by_quote_and_status() -> None:
    """A passage that only moved is neither new nor gone; a new one appeared, a removed one disappeared,
    and a passage whose status changed is gone as it was and new as it is."""
    moved, kept = _said("Two shelters opened.", line=10), _said("A hotline runs day and night.", line=12)
    before = _audit(_finding("protection.accommodation", R, moved, kept, _said("A plan is envisaged.", P)))
    after = _audit(
        _finding(
            "protection.accommodation",
            R,
            _said("Two shelters opened.", line=30),  # the same sentence, lower down
            _said("A plan is envisaged.", R),
            _said("Shelters hosted 47 victims.", line=31),
        )
    )
    [item] = compare_audits(before, after).items
    assert [(said.quote, said.status) for said in item.appeared] == [
        ("A plan is envisaged.", R),
        ("Shelters hosted 47 victims.", R),
    ]
    assert [(said.quote, said.status, said.start.line) for said in item.disappeared] == [
        ("A hotline runs day and night.", R, 12),
        ("A plan is envisaged.", P, 1),
    ]
    assert item.changed and not item.status.changed and not item.regressed and not item.improved


def test_a_passage_quoted_twice_then_once_disappeared_once() -> None:
    """Passages are counted: the same sentence twice before and once after leaves one disappeared."""
    twice = _audit(_finding("policy.data", R, _said("47 victims.", line=1), _said("47 victims.", line=9)))
    once = _audit(_finding("policy.data", R, _said("47 victims.", line=4)))
    [item] = compare_audits(twice, once).items
    assert (len(item.appeared), [said.start.line for said in item.disappeared]) == (0, [9])


def test_an_unchanged_report_has_no_change() -> None:
    """An audit compared with itself: nothing changed, nothing regressed, every score the same."""
    audit = _audit(_finding("policy.data", R, _said("47 victims.")), areas={"policy": 100.0})
    comparison = compare_audits(audit, audit)
    assert comparison.changed_items == () and comparison.regressions == comparison.improvements == ()
    assert comparison.score == ScoreMove("score", 50.0, 50.0)


# ── scores ───────────────────────────────────────────────────────────────────────────────────────


def test_area_total_and_completeness_scores() -> None:
    """Each area both audits scored, the total and the completeness, before and after; an area one side
    has no score for is left out; a fallen area score is a regression even with no status moved."""
    before = _audit(score=60.0, areas={"policy": 80.0, "protection": 40.0, "challenges": 0.0})
    after = _audit(score=55.0, areas={"policy": 70.0, "protection": 45.0})
    comparison = compare_audits(before, after)
    assert comparison.areas == (ScoreMove("policy", 80.0, 70.0), ScoreMove("protection", 40.0, 45.0))
    assert comparison.score == ScoreMove("score", 60.0, 55.0)
    assert comparison.completeness == ScoreMove("completeness", 40.0, 40.0)
    assert comparison.regressions == (ScoreMove("score", 60.0, 55.0), ScoreMove("policy", 80.0, 70.0))


# ── report years ─────────────────────────────────────────────────────────────────────────────────


def test_compilations_compare_the_years_they_share() -> None:
    """Two compilations (2017-2018 and 2018-2019): each item's status in 2018, where it changed, and the
    2018 score; 2017 and 2019 are in one report only."""
    before = _audit(
        _finding("policy.data", R, by_year={"2017": R, "2018": M}),
        _finding("policy.plan", R, by_year={"2017": R, "2018": R}),
        years={"2017": 60.0, "2018": 30.0},
    )
    after = _audit(
        _finding("policy.data", R, by_year={"2018": R, "2019": M}),
        _finding("policy.plan", R, by_year={"2018": P, "2019": R}),
        years={"2018": 45.0, "2019": 20.0},
    )
    comparison = compare_audits(before, after)
    assert shared_years(before, after) == ("2018",)
    data, plan = comparison.items
    assert (data.by_year, data.improved) == ((StatusMove("2018", M, R),), True)
    assert (plan.by_year, plan.regressed, plan.status.changed) == ((StatusMove("2018", R, P),), True, False)
    assert comparison.years == (ScoreMove("2018", 30.0, 45.0),)
    assert StatusMove("2018", R, P) in comparison.regressions


def test_single_year_reports_have_no_years_to_compare() -> None:
    """Two single-year drafts of one year: the year's status is the overall one, so no year is compared."""
    before = _audit(_finding("policy.data", M, by_year={"2025": M}), years={"2025": 0.0})
    after = _audit(_finding("policy.data", R, by_year={"2025": R}), years={"2025": 100.0})
    comparison = compare_audits(before, after)
    assert (shared_years(before, after), comparison.years) == ((), ())
    assert comparison.items == (ItemComparison("policy.data", "policy", StatusMove("policy.data", M, R)),)
    assert isinstance(comparison, AuditComparison)
