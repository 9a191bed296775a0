"""The analyst's panel counts each item's statuses across reports, names the items most often missing,
and follows a country (or a label) over its report years."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from checker.engine import audit
from checker.model import DocumentAudit, DocumentKind, Finding, Metadata, RulePack, Status
from checker.panel import ItemTally, most_missing, tallies, trends
from checker.readers import read_file
from checker.scoring import area_scores
from tests.conftest import COMPILATION_SEED, FIXTURES, ROOT, ROW_BY_ROW_COMPILATION

R, P, N, M = Status.REPORTED, Status.PARTIAL, Status.NEGATIVE, Status.MISSING
ITEMS = ("reporting.obligations", "ratification.status", "policy.data", "protection.legal")


def _audit(
    pack: RulePack,
    source: str,
    statuses: tuple[Status, ...],
    *,
    country: str | None = None,
    years: tuple[str, ...] = (),
    by_year: Mapping[str, tuple[Status, ...]] | None = None,
    metadata_years: tuple[str, ...] | None = None,
    score: float = 50.0,
) -> DocumentAudit:
    """A report's audit with `statuses` for `ITEMS` (and, by year, `by_year`'s), its score given."""
    findings = tuple(
        Finding(
            item,
            pack.rule(item).area,
            status,
            by_year={year: given[number] for year, given in (by_year or {}).items()},
        )
        for number, (item, status) in enumerate(zip(ITEMS, statuses, strict=True))
    )
    year_scores = {year: score + number for number, year in enumerate(years)}
    return DocumentAudit(
        source=source,
        format="text",
        kind=DocumentKind.NARRATIVE,
        metadata=Metadata(country, metadata_years if metadata_years is not None else years),
        years=years,
        findings=findings,
        areas=area_scores(findings, pack),
        score=score,
        year_scores=year_scores,
        completeness=0.0,
    )


def _counts(tally: ItemTally) -> tuple[int, ...]:
    return tuple(tally.count(status) for status in Status)


# ── tallies and most_missing ─────────────────────────────────────────────────────────────────────


def test_tallies_count_each_status_of_each_item_across_the_reports(pack: RulePack) -> None:
    """Each item's tally counts the reports giving it each status, in the order the reports list items."""
    audits = [
        _audit(pack, "a.txt", (R, N, M, P)),
        _audit(pack, "b.txt", (R, M, M, P)),
        _audit(pack, "c.txt", (P, M, R, M)),
    ]
    counted = tallies(audits)
    assert [tally.item_id for tally in counted] == list(ITEMS)
    assert [_counts(tally) for tally in counted] == [(2, 1, 0, 0), (0, 0, 1, 2), (1, 0, 0, 2), (0, 2, 0, 1)]
    assert [tally.area for tally in counted] == ["reporting", "ratification", "policy", "protection"]
    assert {tally.reports for tally in counted} == {3}


def test_no_report_no_tally() -> None:
    """An empty batch has nothing to count."""
    assert tallies([]) == ()


def test_most_missing_ranks_by_how_many_miss_then_questionnaire_order(pack: RulePack) -> None:
    """The items missing in the most reports come first, ties in questionnaire order; an item every
    report answers is never listed; `limit` caps the list."""
    audits = [
        _audit(pack, "a.txt", (M, N, M, R)),
        _audit(pack, "b.txt", (R, M, M, P)),
        _audit(pack, "c.txt", (M, M, M, N)),
    ]
    ranked = most_missing(tallies(audits))
    assert [(tally.item_id, tally.count(M)) for tally in ranked] == [
        ("policy.data", 3),
        ("reporting.obligations", 2),
        ("ratification.status", 2),
    ]
    assert [tally.item_id for tally in most_missing(tallies(audits), limit=1)] == ["policy.data"]


def test_nothing_is_most_missing_where_every_report_answers_everything(pack: RulePack) -> None:
    """Reports that answer every item (even 'no') leave nothing most often missing."""
    audits = [_audit(pack, "a.txt", (R, N, P, R)), _audit(pack, "b.txt", (N, N, R, P))]
    assert most_missing(tallies(audits)) == ()


# ── trends ───────────────────────────────────────────────────────────────────────────────────────


def test_a_compilation_gives_a_point_per_report_year(pack: RulePack) -> None:
    """A report of two years is a trend of its own: each year's score, and its areas by that year's
    statuses alone."""
    compiled = _audit(
        pack,
        "c.txt",
        (R, N, R, R),
        country="Estavia",
        years=("2019", "2020"),
        by_year={"2019": (M, N, M, P), "2020": (R, N, R, R)},
    )
    (trend,) = trends([compiled], pack)
    assert trend.name == "Estavia"
    assert [(point.year, point.source, point.score) for point in trend.points] == [
        ("2019", "c.txt", 50.0),
        ("2020", "c.txt", 51.0),
    ]
    assert trend.points[0].areas["policy"] == 0.0 and trend.points[1].areas["policy"] == 100.0
    assert trend.points[0].areas["protection"] == 50.0


def test_single_year_reports_of_a_country_make_one_trend_oldest_first(pack: RulePack) -> None:
    """Reports of one country for different years join in one trend, sorted by year whatever the order
    they were given in; a country with one year has none."""
    audits = [
        _audit(pack, "e2021.txt", (R, R, R, R), country="Estavia", years=("2021",), score=90.0),
        _audit(pack, "e2019.txt", (M, M, M, M), country="Estavia", years=("2019",), score=10.0),
        _audit(pack, "k2020.txt", (R, M, M, M), country="Kovalia", years=("2020",)),
    ]
    (trend,) = trends(audits, pack)
    assert [(point.year, point.source, point.score) for point in trend.points] == [
        ("2019", "e2019.txt", 10.0),
        ("2021", "e2021.txt", 90.0),
    ]


def test_a_label_names_the_series_in_place_of_the_country(pack: RulePack) -> None:
    """A report the user labelled belongs to the label's series, even with no country told; a report
    with neither a name nor a year is in no trend."""
    audits = [
        _audit(pack, "draft-2022.txt", (R, M, M, M), years=("2022",)),
        _audit(pack, "draft-2023.txt", (R, R, M, M), country="Estavia", years=("2023",)),
        _audit(pack, "notes.txt", (R, R, R, R)),
    ]
    labels = {"draft-2022.txt": "Drafts", "draft-2023.txt": "Drafts", "notes.txt": "Drafts"}
    (trend,) = trends(audits, pack, labels)
    assert trend.name == "Drafts"
    assert [point.year for point in trend.points] == ["2022", "2023"]
    assert trends(audits, pack) == ()


def test_a_report_of_no_report_year_counts_for_the_last_year_it_names(pack: RulePack) -> None:
    """A report whose years are only in its metadata gives one point, for the last of them, with its
    overall scores."""
    audits = [
        _audit(pack, "a.txt", (R, M, M, M), country="Estavia", metadata_years=("2020", "2021"), score=30.0),
        _audit(pack, "b.txt", (R, R, M, M), country="Estavia", years=("2022",), score=60.0),
    ]
    (trend,) = trends(audits, pack)
    assert [(point.year, point.source, point.score) for point in trend.points] == [
        ("2021", "a.txt", 30.0),
        ("2022", "b.txt", 60.0),
    ]


# ── the bundled examples ─────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def examples(pack: RulePack) -> list[DocumentAudit]:
    """Seed 004 (Azerbaijan 2017-2018), its copy laid out row by row, and two labelled compilations."""
    paths = [
        COMPILATION_SEED,
        ROW_BY_ROW_COMPILATION,
        FIXTURES / "labelled" / "compilation_valdoria_2019-2020.txt",
        FIXTURES / "labelled" / "draft_kovalia_2022.md",
    ]
    return [audit(read_file(str(path.relative_to(ROOT))), pack) for path in paths]


def test_the_examples_tallies_add_up_to_the_reports(examples: list[DocumentAudit]) -> None:
    """Every item of the examples is counted once per report, and agrees with each report's status."""
    counted = tallies(examples)
    assert len(counted) == 44 and {tally.reports for tally in counted} == {4}
    for tally in counted:
        statuses = [
            next(f.status for f in report.findings if f.item_id == tally.item_id) for report in examples
        ]
        assert _counts(tally) == tuple(statuses.count(status) for status in Status)


def test_the_examples_trends_follow_azerbaijan_and_valdoria(
    pack: RulePack, examples: list[DocumentAudit]
) -> None:
    """Azerbaijan's two copies give one trend (the later copy's points), Valdoria's compilation its own;
    Kovalia's single year none; the points are the reports' own year scores."""
    found = {trend.name: trend for trend in trends(examples, pack)}
    assert set(found) == {"Azerbaijan", "Valdoria"}
    azerbaijan = found["Azerbaijan"].points
    assert [point.year for point in azerbaijan] == ["2017", "2018"]
    assert {point.source for point in azerbaijan} == {str(ROW_BY_ROW_COMPILATION.relative_to(ROOT))}
    assert [point.score for point in azerbaijan] == [
        examples[1].year_scores["2017"],
        examples[1].year_scores["2018"],
    ]
    assert [point.year for point in found["Valdoria"].points] == ["2019", "2020"]
