"""Scores, of the two questions the tool answers. The score (are the measures in place?): an item earns
its weight when `reported`, half of it when `partial`, nothing for a gap. The completeness (is the
submission complete?): an item earns its weight when answered at all, `negative` included.

Area and total scores are the weighted share of what the items earn, on a 0-100 scale, rounded to one
decimal so that reports and baselines compare exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from checker.model import AreaScore, Finding, RulePack, Status

__all__ = ["area_scores", "completeness", "credit", "score_of", "total_score", "year_scores"]

# The share of an item's weight each status earns: a gap nothing, a measure taken in part half.
_CREDIT = {Status.MISSING: 0.0, Status.NEGATIVE: 0.0, Status.PARTIAL: 0.5, Status.REPORTED: 1.0}


def credit(status: Status) -> float:
    """The share of an item's weight `status` earns in a score, 0 to 1."""
    return _CREDIT[status]


def _score(weighted: Iterable[tuple[int, float]]) -> float:
    pairs = list(weighted)
    total = sum(weight for weight, _ in pairs)
    return round(100 * sum(weight * credit for weight, credit in pairs) / total, 1) if total else 0.0


def _weights(pack: RulePack) -> Mapping[str, int]:
    return {rule.id: rule.weight for rule in pack.rules}


def total_score(findings: Sequence[Finding], pack: RulePack) -> float:
    """The weighted score of all items, 0-100."""
    return score_of({finding.item_id: finding.status for finding in findings}, pack)


def score_of(statuses: Mapping[str, Status], pack: RulePack) -> float:
    """The weighted score, 0-100, of the items with these statuses."""
    weights = _weights(pack)
    return _score((weights[item], credit(status)) for item, status in statuses.items())


def completeness(findings: Sequence[Finding], pack: RulePack) -> float:
    """The weighted share of the items answered, 0-100."""
    weights = _weights(pack)
    return _score((weights[finding.item_id], float(finding.status.is_answer)) for finding in findings)


def year_scores(findings: Sequence[Finding], pack: RulePack, years: Sequence[str]) -> dict[str, float]:
    """The total score each report year would have on its own."""
    weights = _weights(pack)
    return {
        year: _score((weights[finding.item_id], credit(finding.by_year[year])) for finding in findings)
        for year in years
    }


def area_scores(findings: Sequence[Finding], pack: RulePack) -> tuple[AreaScore, ...]:
    """Each area's weighted score and how many of its items have each status, in the pack's order."""
    weights = _weights(pack)
    scores = []
    for area in pack.areas:
        in_area = [finding for finding in findings if finding.area == area.id]
        if not in_area:
            continue
        counts = {status: sum(finding.status is status for finding in in_area) for status in Status}
        score = _score((weights[finding.item_id], credit(finding.status)) for finding in in_area)
        scores.append(AreaScore(area.id, area.label, score, counts, completeness(in_area, pack)))
    return tuple(scores)
