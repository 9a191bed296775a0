"""Baselines: an earlier JSON result against which a draft may not get worse. Any result of
``ilo-check audit --format json`` is a valid baseline. A report is matched with the baseline's report of
the same source, or with its only report when both runs audit one submission (a draft renamed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checker.errors import InputError
from checker.model import AuditResult, Change, DocumentAudit, RulePack, Status
from checker.schemas import problems
from checker.scoring import score_of
from checker.yamlsource import load_json

__all__ = ["Baseline", "BaselineReport", "compare", "load_baseline"]


@dataclass(frozen=True)
class BaselineReport:
    """One submission as the baseline saw it."""

    source: str
    score: float
    statuses: Mapping[str, Status]


@dataclass(frozen=True)
class Baseline:
    """An earlier result: the path it was read from, the rules it was audited with ("p029 1.0.0") and its
    reports."""

    path: str
    rules: str
    reports: tuple[BaselineReport, ...]

    def other_rules(self, pack: RulePack) -> str | None:
        """A warning when the baseline was audited with other rules than `pack`: a status may then have
        changed with the rules, not with the report."""
        if self.rules == f"{pack.name} {pack.version}":
            return None
        return (
            f"{self.path}: the baseline was audited with rules {self.rules}, this run with "
            f"{pack.name} {pack.version}: a change may come from the rules, not from the report"
        )

    def report_for(self, audit: DocumentAudit, alone: bool) -> BaselineReport | None:
        """The baseline's report of the same submission (or its only one, when `alone`)."""
        same = next((report for report in self.reports if report.source == audit.source), None)
        if same is None and alone and len(self.reports) == 1:
            return self.reports[0]
        return same


def load_baseline(path: str) -> Baseline:
    """Read and validate a baseline; InputError (one line, naming the file) when it is not one."""
    try:
        with open(path, encoding="utf-8-sig") as stream:  # saved by Notepad, it may begin with a BOM
            text = stream.read()
    except FileNotFoundError:
        raise InputError("no such baseline file", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the baseline: {error}", path=path) from None
    data = load_json(text, path, InputError, "not a baseline: ")
    errors = problems("result", data)
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "the top"
        raise InputError(
            f"not a baseline: at {where}: {errors[0].message}",
            path=path,
            hint="a baseline is the JSON output of 'ilo-check audit --format json'",
        )
    return Baseline(
        path,
        f"{data['rules']['pack']} {data['rules']['version']}",
        tuple(
            BaselineReport(
                report["source"],
                report["score"],
                {item["id"]: Status(item["status"]) for item in report["items"]},
            )
            for report in data["reports"]
        ),
    )


def _scores(audit: DocumentAudit, before: BaselineReport, pack: RulePack) -> tuple[str, float, float]:
    """What to compare the scores on, and the two scores: the totals when both runs audited the same
    items, else the score of the items both audited (a run scoped by --select is not a regression)."""
    audited = {finding.item_id: finding.status for finding in audit.findings}
    if audited.keys() == before.statuses.keys():
        return "score", before.score, audit.score
    common = audited.keys() & before.statuses.keys()
    return (
        "score of the items audited",
        score_of({item: before.statuses[item] for item in common}, pack),
        score_of({item: audited[item] for item in common}, pack),
    )


def compare(
    result: AuditResult, baseline: Baseline, pack: RulePack
) -> tuple[tuple[Change, ...], tuple[Change, ...]]:
    """How each report moved against the baseline: (regressions, improvements), by score and by item
    status. Items the baseline did not audit are left out."""
    regressions: list[Change] = []
    improvements: list[Change] = []
    alone = len(result.audits) == 1
    for audit in result.audits:
        before = baseline.report_for(audit, alone)
        if before is None:
            continue
        subject, score_before, score_now = _scores(audit, before, pack)
        if score_now != score_before:
            change = Change(audit.source, subject, f"{score_before:.1f}", f"{score_now:.1f}")
            (regressions if score_now < score_before else improvements).append(change)
        for finding in audit.findings:
            earlier = before.statuses.get(finding.item_id)
            if earlier is None or earlier is finding.status:
                continue
            change = Change(audit.source, finding.item_id, earlier.value, finding.status.value)
            (regressions if finding.status.rank < earlier.rank else improvements).append(change)
    return tuple(regressions), tuple(improvements)
