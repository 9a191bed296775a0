"""How a report moved from one audit to another: a country's 2023 report and its 2024 one, a draft before
and after a ministry's review, or a draft against its baseline in CI.

The rule of what is worse lives here alone: a status of lower rank (reported > partial > negative >
missing), a lower score. The CI gate's baseline (`checker.baseline`) and `ilo-check diff` both judge by
`StatusMove.regressed` and `ScoreMove.regressed`.

Evidence is compared by what it says and shows (its quote and status), not by where it stands: between
two drafts lines move, and a passage that only moved has neither appeared nor disappeared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from checker.model import Change, DocumentAudit, Evidence, Finding, Status

__all__ = [
    "AuditComparison",
    "ItemComparison",
    "ScoreMove",
    "StatusMove",
    "compare_audits",
    "shared_years",
    "split",
    "status_moves",
]


@dataclass(frozen=True)
class StatusMove:
    """A status before and after: an item's (`subject` is its id), or an item's in one report year (the
    year)."""

    subject: str
    before: Status
    after: Status

    @property
    def changed(self) -> bool:
        """Whether the status is another one."""
        return self.before is not self.after

    @property
    def regressed(self) -> bool:
        """Whether the status fell to a weaker one."""
        return self.after.rank < self.before.rank

    def change(self, source: str) -> Change:
        """The move as the gate tells it, for the report `source`."""
        return Change(source, self.subject, self.before.value, self.after.value)


@dataclass(frozen=True)
class ScoreMove:
    """A score before and after (0-100): the total (`subject` "score"), the completeness, an area's (its
    id) or a report year's (the year)."""

    subject: str
    before: float
    after: float

    @property
    def changed(self) -> bool:
        """Whether the score is another one (scores are rounded to one decimal, so compare exactly)."""
        return self.before != self.after

    @property
    def regressed(self) -> bool:
        """Whether the score fell."""
        return self.after < self.before

    def change(self, source: str) -> Change:
        """The move as the gate tells it, for the report `source`."""
        return Change(source, self.subject, f"{self.before:.1f}", f"{self.after:.1f}")


Move = StatusMove | ScoreMove


def split(moves: Iterable[Move]) -> tuple[tuple[Move, ...], tuple[Move, ...]]:
    """The moves that changed, as regressions and improvements, each in the order given."""
    changed = [move for move in moves if move.changed]
    return (
        tuple(move for move in changed if move.regressed),
        tuple(move for move in changed if not move.regressed),
    )


def status_moves(before: Mapping[str, Status], after: Mapping[str, Status]) -> tuple[StatusMove, ...]:
    """The status of every key both mappings have, before and after, changed or not, in `after`'s order;
    a key only one has (an item one run did not audit) is in neither state, so it did not move."""
    return tuple(StatusMove(key, before[key], status) for key, status in after.items() if key in before)


@dataclass(frozen=True)
class ItemComparison:
    """How one item moved: its status, its status in each report year both audits have (only the years
    it changed in), and the evidence that appeared and disappeared."""

    item_id: str
    area: str
    status: StatusMove
    by_year: tuple[StatusMove, ...] = ()
    appeared: tuple[Evidence, ...] = ()
    disappeared: tuple[Evidence, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything about the item moved: a status, or what the report says of it."""
        return self.status.changed or bool(self.by_year or self.appeared or self.disappeared)

    @property
    def regressed(self) -> bool:
        """Whether its status fell, overall or in a report year."""
        return any(move.regressed for move in (self.status, *self.by_year))

    @property
    def improved(self) -> bool:
        """Whether its status rose, overall or in a report year, and fell in none."""
        return not self.regressed and any(move.changed for move in (self.status, *self.by_year))


@dataclass(frozen=True)
class AuditComparison:
    """How a report moved from the audit `before` to the audit `after`: every item both audited, and the
    total, completeness, area and report-year scores (the years both have)."""

    before: DocumentAudit
    after: DocumentAudit
    items: tuple[ItemComparison, ...]
    score: ScoreMove
    completeness: ScoreMove
    areas: tuple[ScoreMove, ...]
    years: tuple[ScoreMove, ...] = ()

    @property
    def changed_items(self) -> tuple[ItemComparison, ...]:
        """The items that moved, in questionnaire order."""
        return tuple(item for item in self.items if item.changed)

    @property
    def moves(self) -> tuple[Move, ...]:
        """Every status and score compared: the scores first, then each item's status and its years'."""
        statuses = [move for item in self.items for move in (item.status, *item.by_year)]
        return (self.score, self.completeness, *self.areas, *self.years, *statuses)

    @property
    def regressions(self) -> tuple[Move, ...]:
        """The statuses and scores that fell."""
        return split(self.moves)[0]

    @property
    def improvements(self) -> tuple[Move, ...]:
        """The statuses and scores that rose."""
        return split(self.moves)[1]


def shared_years(before: DocumentAudit, after: DocumentAudit) -> tuple[str, ...]:
    """The report years both audits have, where one of them has several (a compilation): a single-year
    report's year says nothing its overall status does not."""
    if max(len(before.years), len(after.years)) < 2:
        return ()
    return tuple(year for year in before.years if year in after.years)


def _evidence_left(evidence: Sequence[Evidence], other: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """The passages of `evidence` that `other` does not have, by quote and status, counted: a sentence
    quoted twice and then once has one passage left."""
    available = Counter((item.quote, item.status) for item in other)
    left = []
    for item in evidence:
        key = (item.quote, item.status)
        if available[key]:
            available[key] -= 1
        else:
            left.append(item)
    return tuple(left)


def _item(before: Finding, after: Finding, years: Sequence[str]) -> ItemComparison:
    by_year = status_moves(
        {year: before.by_year[year] for year in years if year in before.by_year},
        {year: after.by_year[year] for year in years if year in after.by_year},
    )
    return ItemComparison(
        after.item_id,
        after.area,
        StatusMove(after.item_id, before.status, after.status),
        tuple(move for move in by_year if move.changed),
        _evidence_left(after.evidence, before.evidence),
        _evidence_left(before.evidence, after.evidence),
    )


def compare_audits(before: DocumentAudit, after: DocumentAudit) -> AuditComparison:
    """How the report audited as `after` moved from the audit `before`: each item both audited (in
    `after`'s order), its status overall and by the report years both have, its evidence, and the
    scores."""
    years = shared_years(before, after)
    earlier = {finding.item_id: finding for finding in before.findings}
    items = tuple(
        _item(earlier[finding.item_id], finding, years)
        for finding in after.findings
        if finding.item_id in earlier
    )
    area_scores = {area.area: area.score for area in before.areas}
    return AuditComparison(
        before,
        after,
        items,
        ScoreMove("score", before.score, after.score),
        ScoreMove("completeness", before.completeness, after.completeness),
        tuple(
            ScoreMove(area.area, area_scores[area.area], area.score)
            for area in after.areas
            if area.area in area_scores
        ),
        tuple(ScoreMove(year, before.year_scores[year], after.year_scores[year]) for year in years),
    )
