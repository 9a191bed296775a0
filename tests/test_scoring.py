"""Scores are weighted shares: an item earns its weight when reported and half of it when partial."""

from __future__ import annotations

import pytest

from checker.model import Finding, RulePack, Status
from checker.scoring import area_scores, credit, total_score, year_scores


def _findings(pack: RulePack, statuses: dict[str, Status], year: str = "2020") -> list[Finding]:
    return [
        Finding(
            rule.id,
            rule.area,
            statuses.get(rule.id, Status.MISSING),
            {year: statuses.get(rule.id, Status.MISSING)},
        )
        for rule in pack.rules
    ]


@pytest.mark.parametrize(
    ("status", "earned"),
    [(Status.REPORTED, 1.0), (Status.PARTIAL, 0.5), (Status.NEGATIVE, 0.0), (Status.MISSING, 0.0)],
)
def test_each_status_earns_its_share_of_the_weight(status: Status, earned: float) -> None:
    """A reported item earns its whole weight, a partial one half, a gap nothing."""
    assert credit(status) == earned


def test_nothing_reported_scores_zero(pack: RulePack) -> None:
    """A submission with every item missing scores 0."""
    assert total_score(_findings(pack, {}), pack) == 0.0


def test_everything_reported_scores_hundred(pack: RulePack) -> None:
    """A submission with every item reported scores 100 overall and in every area."""
    findings = _findings(pack, dict.fromkeys(pack.item_ids, Status.REPORTED))
    assert total_score(findings, pack) == 100.0
    assert {area.score for area in area_scores(findings, pack)} == {100.0}


def test_partial_counts_half_and_gaps_nothing(pack: RulePack) -> None:
    """In the ratification area (weights 3 and 1), reported + partial earn 3 + 0.5 of 4."""
    findings = _findings(
        pack, {"ratification.status": Status.REPORTED, "ratification.intention": Status.PARTIAL}
    )
    ratification = next(area for area in area_scores(findings, pack) if area.area == "ratification")
    assert ratification.score == 87.5
    assert ratification.counts == {
        Status.REPORTED: 1,
        Status.PARTIAL: 1,
        Status.NEGATIVE: 0,
        Status.MISSING: 0,
    }


def test_negative_earns_nothing(pack: RulePack) -> None:
    """A negative item earns nothing, like a missing one."""
    negative = _findings(pack, {"ratification.status": Status.NEGATIVE})
    assert total_score(negative, pack) == total_score(_findings(pack, {}), pack) == 0.0


def test_year_scores_use_each_year_status(pack: RulePack) -> None:
    """Each report year is scored on the items' statuses in that year."""
    findings = _findings(pack, dict.fromkeys(pack.item_ids, Status.PARTIAL), year="2019")
    assert year_scores(findings, pack, ["2019"]) == {"2019": 50.0}
