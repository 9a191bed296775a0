"""The analyst's panel: what many reports say together. How many reports report, deny or miss each
item, the items most often missing, and, for reports of one country over several years, how its scores
moved. Pure data for the reporters (table, Markdown, HTML, spreadsheet) to show."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checker.model import DocumentAudit, Finding, RulePack, Status
from checker.scoring import area_scores

__all__ = ["ItemTally", "Trend", "TrendPoint", "most_missing", "tallies", "trends"]


@dataclass(frozen=True)
class ItemTally:
    """How the reports of a batch answer one item: how many give it each status (their overall one)."""

    item_id: str
    area: str
    counts: Mapping[Status, int]

    @property
    def reports(self) -> int:
        """How many reports audited the item."""
        return sum(self.counts.values())

    def count(self, status: Status) -> int:
        """How many reports give the item `status`."""
        return self.counts.get(status, 0)


@dataclass(frozen=True)
class TrendPoint:
    """One report year of a country: its total score and each area's."""

    year: str
    source: str
    score: float
    areas: Mapping[str, float]  # area id to score


@dataclass(frozen=True)
class Trend:
    """A country's (or a label's) scores over its report years, oldest first."""

    name: str
    points: tuple[TrendPoint, ...]


def tallies(audits: Sequence[DocumentAudit]) -> tuple[ItemTally, ...]:
    """Each item's count of statuses across the reports, in the order the first report lists items."""
    counts: dict[str, dict[Status, int]] = {}
    areas: dict[str, str] = {}
    for audit in audits:
        for finding in audit.findings:
            counted = counts.setdefault(finding.item_id, dict.fromkeys(Status, 0))
            counted[finding.status] += 1
            areas[finding.item_id] = finding.area
    return tuple(ItemTally(item, areas[item], counted) for item, counted in counts.items())


def most_missing(items: Sequence[ItemTally], limit: int = 5) -> tuple[ItemTally, ...]:
    """The items most reports leave unanswered (missing), most first, in questionnaire order on ties;
    none that every report answers."""
    order = {tally.item_id: place for place, tally in enumerate(items)}
    ranked = sorted(
        (tally for tally in items if tally.count(Status.MISSING)),
        key=lambda tally: (-tally.count(Status.MISSING), order[tally.item_id]),
    )
    return tuple(ranked[:limit])


def _year_findings(findings: Sequence[Finding], year: str) -> list[Finding]:
    """The findings as one report year alone gives them."""
    return [
        Finding(finding.item_id, finding.area, finding.by_year.get(year, finding.status))
        for finding in findings
    ]


def _point(audit: DocumentAudit, pack: RulePack, year: str, of_year: bool) -> TrendPoint:
    """The report's scores for `year`: that year's statuses alone where the report has several years
    (`of_year`), else its overall ones."""
    findings = _year_findings(audit.findings, year) if of_year else list(audit.findings)
    score = audit.year_scores.get(year, audit.score) if of_year else audit.score
    areas = {area.area: area.score for area in area_scores(findings, pack)}
    return TrendPoint(year, audit.source, score, areas)


def trends(
    audits: Sequence[DocumentAudit], pack: RulePack, labels: Mapping[str, str] | None = None
) -> tuple[Trend, ...]:
    """The countries (or labels) with reports for two years or more, each with its scores by year.

    A report belongs to the name `labels` gives its source, else to its detected country; a compilation
    with several report years gives a point for each year, a single-year report one for its year. Where
    two reports give the same year, the later one given counts. Reports with neither a name nor a year
    are in no trend."""
    by_name: dict[str, dict[str, TrendPoint]] = defaultdict(dict)
    for audit in audits:
        name = (labels or {}).get(audit.source) or audit.metadata.country
        if not name:
            continue
        for year in audit.years:
            by_name[name][year] = _point(audit, pack, year, of_year=True)
        if not audit.years and audit.metadata.years:
            by_name[name][audit.metadata.years[-1]] = _point(
                audit, pack, audit.metadata.years[-1], of_year=False
            )
    return tuple(
        Trend(name, tuple(points[year] for year in sorted(points)))
        for name, points in by_name.items()
        if len(points) >= 2
    )
