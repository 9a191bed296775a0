"""Baselines: an earlier JSON result against which a draft may not get worse. Any result of
``ilo-check audit --format json`` is a valid baseline.

A report is matched with the baseline's report of the same file, told in a way that does not depend on
the folder either run was started from: its path in the repository, else (outside one, or in a
baseline written before paths were recorded) its path as typed; then the same content (a draft moved
or renamed unchanged); then, when both runs audit one submission, the baseline's only report (a draft
renamed and edited). What is left unmatched on either side is told, never passed over in silence."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from checker import limits
from checker.comparison import ScoreMove, split, status_moves
from checker.errors import InputError
from checker.files import TooLargeError, read_within
from checker.model import (
    AreaScore,
    AuditResult,
    Change,
    DocumentAudit,
    DocumentKind,
    Evidence,
    Finding,
    Location,
    Metadata,
    RulePack,
    SourceIdentity,
    Status,
)
from checker.schemas import problems
from checker.scoring import score_of
from checker.yamlsource import load_json

__all__ = [
    "Baseline",
    "BaselineReport",
    "Comparison",
    "Matching",
    "compare",
    "load_baseline",
    "other_rules",
    "saved_audit",
]


@dataclass(frozen=True)
class BaselineReport:
    """One submission as the baseline saw it."""

    source: str
    score: float
    statuses: Mapping[str, Status]
    path: str | None = None  # in the repository, as checker.identity tells it
    sha256: str | None = None

    def same_file(self, audit: DocumentAudit) -> bool:
        """Whether this is the baseline's report of the audited file: by its path in the repository when
        both runs know it, else by its path as typed."""
        if self.path is not None and audit.identity.path is not None:
            return self.path == audit.identity.path
        return self.source == audit.source

    def same_content(self, audit: DocumentAudit) -> bool:
        """Whether the audited file has the content this report was audited from."""
        return self.sha256 is not None and self.sha256 == audit.identity.sha256


@dataclass(frozen=True)
class Matching:
    """Which baseline report each audited report is compared with; the audited reports the baseline has
    none for, and the baseline's reports no audited report matched."""

    pairs: tuple[tuple[DocumentAudit, BaselineReport], ...]
    unmatched: tuple[DocumentAudit, ...]
    unused: tuple[BaselineReport, ...]


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
        return other_rules(self.path, self.rules, pack)

    def match(self, audits: Sequence[DocumentAudit]) -> Matching:
        """Each audited report's counterpart in the baseline: the same file, else the same content, else,
        one report against one, the only one (a draft renamed and edited)."""
        found: dict[int, BaselineReport] = {}
        left = list(self.reports)
        for test in (BaselineReport.same_file, BaselineReport.same_content):
            for number, audit in enumerate(audits):
                report = next(
                    (report for report in left if number not in found and test(report, audit)), None
                )
                if report is not None:
                    found[number] = report
                    left.remove(report)
        if len(audits) == 1 and len(self.reports) == 1 and not found:
            found[0] = left.pop()
        return Matching(
            tuple((audit, found[number]) for number, audit in enumerate(audits) if number in found),
            tuple(audit for number, audit in enumerate(audits) if number not in found),
            tuple(left),
        )

    def unmatched_warnings(self, matching: Matching) -> tuple[str, ...]:
        """What the comparison could not cover, one line each: a report the baseline has no entry for
        (so it cannot regress), and an entry of the baseline that no audited report matched."""
        return tuple(
            f"{audit.source}: not in the baseline {self.path}: its changes are not checked"
            for audit in matching.unmatched
        ) + tuple(
            f"{self.path}: the baseline's report of {report.path or report.source} matches no report audited"
            for report in matching.unused
        )


def other_rules(path: str, rules: str, pack: RulePack, noun: str = "baseline") -> str | None:
    """A warning when the result at `path` (a baseline, a saved result) was audited with other `rules`
    than `pack`: a status may then have changed with the rules, not with the report."""
    if rules == f"{pack.name} {pack.version}":
        return None
    return (
        f"{path}: the {noun} was audited with rules {rules}, this run with "
        f"{pack.name} {pack.version}: a change may come from the rules, not from the report"
    )


def _text(path: str) -> str:
    """A saved result's text, within its limit; saved by Notepad, it may begin with a BOM."""
    return read_within(path, limits.MAX_BASELINE_BYTES).decode("utf-8-sig")


def load_baseline(path: str) -> Baseline:
    """Read and validate a baseline; InputError (one line, naming the file) when it is not one."""
    try:
        text = _text(path)
    except FileNotFoundError:
        raise InputError("no such baseline file", path=path) from None
    except TooLargeError as over:
        raise InputError(f"too large to read: {over.told} for a baseline", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the baseline: {error}", path=path) from None
    data = _result(text, path, "baseline")
    return Baseline(
        path,
        f"{data['rules']['pack']} {data['rules']['version']}",
        tuple(
            BaselineReport(
                report["source"],
                report["score"],
                {item["id"]: Status(item["status"]) for item in report["items"]},
                report.get("path"),
                report.get("sha256"),
            )
            for report in data["reports"]
        ),
    )


def _result(text: str, path: str, noun: str) -> Any:
    """`text` as a result of `audit --format json`, validated; InputError naming the file when it is not
    one, calling it a `noun` (a baseline, a saved result)."""
    data = load_json(text, path, InputError, f"not a {noun}: ")
    errors = problems("result", data)
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "the top"
        raise InputError(
            f"not a {noun}: at {where}: {errors[0].message}",
            path=path,
            hint=f"a {noun} is the JSON output of 'ilo-check audit --format json'",
        )
    return data


def saved_audit(path: str) -> tuple[str, DocumentAudit] | None:
    """The rules ("p029 1.0.0") and the report of a result saved by `audit --format json --output FILE`,
    as it was audited then; None where `path` is no such result (a report to audit, a structured draft in
    JSON included, or a file the reader will tell the trouble with). InputError for a broken result, or
    one of other than one report."""
    if not path.lower().endswith(".json"):
        return None
    try:
        text = _text(path)
        peek = json.loads(text)
    except (OSError, TooLargeError, UnicodeDecodeError, ValueError, RecursionError):
        return None  # the reader tells what is wrong with it
    if not isinstance(peek, dict) or "reports" not in peek or "answers" in peek:  # a draft has answers
        return None
    data = _result(text, path, "saved result")
    if len(data["reports"]) != 1:
        raise InputError(
            f"the saved result holds {len(data['reports'])} reports, not one", path=path, hint="compare one"
        )
    report = data["reports"][0]
    if "completeness" not in report or any("completeness" not in area for area in report["areas"]):
        raise InputError(
            "the saved result was written by an older ilo-check, without completeness",
            path=path,
            hint="save it again with 'ilo-check audit --format json'",
        )
    return f"{data['rules']['pack']} {data['rules']['version']}", _saved_report(report)


def _evidence(data: Mapping[str, Any]) -> Evidence:
    start = Location(
        data["line"], data.get("page"), data.get("paragraph"), data.get("table"), data.get("row")
    )
    end = replace(start, line=data.get("end_line", start.line), page=data.get("end_page", start.page))
    context = data.get("context") or {}  # absent from results saved before passages kept their context
    return Evidence(
        start,
        end,
        data["text"],
        Status(data["status"]),
        data["reason"],
        data["year"],
        None,
        data["section"],
        before=context.get("before"),
        after=context.get("after"),
    )


def _saved_report(report: Mapping[str, Any]) -> DocumentAudit:
    """A report of a saved result as an audit, with what the JSON keeps of it (not the passages set
    aside, nor the sentences no rule recognised)."""
    findings = tuple(
        Finding(
            item["id"],
            item["area"],
            Status(item["status"]),
            {year: Status(status) for year, status in item["by_year"].items()},
            tuple(_evidence(passage) for passage in item["evidence"]),
            note=item["note"],
        )
        for item in report["items"]
    )
    areas = tuple(
        AreaScore(
            area["id"],
            area["label"],
            area["score"],
            {status: area[status.value] for status in Status},
            area["completeness"],
        )
        for area in report["areas"]
    )
    return DocumentAudit(
        report["source"],
        report["format"],
        DocumentKind(report["kind"]),
        Metadata(report["country"], tuple(report["years"])),
        tuple(report["years"]),
        findings,
        areas,
        report["score"],
        dict(report["year_scores"]),
        report["completeness"],
        identity=SourceIdentity(report.get("path"), report.get("sha256")),
        language=report.get("language"),
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


@dataclass(frozen=True)
class Comparison:
    """How the reports moved against the baseline, and what could not be compared (one line each)."""

    regressions: tuple[Change, ...] = ()
    improvements: tuple[Change, ...] = ()
    uncompared: tuple[str, ...] = ()


def compare(result: AuditResult, baseline: Baseline, pack: RulePack) -> Comparison:
    """How each report moved against the baseline, by score and by item status, as `checker.comparison`
    judges what is worse. Items the baseline did not audit are left out; reports it has no entry for, and
    its entries no report matched, are told."""
    regressions: list[Change] = []
    improvements: list[Change] = []
    matching = baseline.match(result.audits)
    for audit, before in matching.pairs:
        statuses = {finding.item_id: finding.status for finding in audit.findings}
        worse, better = split(
            (ScoreMove(*_scores(audit, before, pack)), *status_moves(before.statuses, statuses))
        )
        regressions += (move.change(audit.source) for move in worse)
        improvements += (move.change(audit.source) for move in better)
    return Comparison(tuple(regressions), tuple(improvements), baseline.unmatched_warnings(matching))
