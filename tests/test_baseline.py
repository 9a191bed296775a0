"""Baselines (checker/baseline.py): reading an earlier JSON result, telling a bad one in one line, and how
each report moved against it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from checker.baseline import Baseline, BaselineReport, Comparison, compare, load_baseline
from checker.engine import audit
from checker.errors import ExitCode, InputError
from checker.model import AuditResult, Change, DocumentAudit, RulePack, SourceIdentity, Status
from checker.readers import read
from checker.reporters import RenderOptions, renderer
from tests.ci_support import DRAFT, DRAFT_DIR


@pytest.fixture(scope="module")
def draft(pack: RulePack) -> DocumentAudit:
    """The walk-through draft, audited once, as `draft.md`."""
    return audit(read("draft.md", DRAFT.read_bytes()), pack)


def _result(pack: RulePack, *audits: DocumentAudit) -> AuditResult:
    return AuditResult(pack.name, pack.version, audits)


def test_the_walk_through_baseline_loads(draft: DocumentAudit) -> None:
    """fixtures/draft/baseline.json is a baseline of draft.md with its score and every item's status."""
    baseline = load_baseline(str(DRAFT_DIR / "baseline.json"))
    assert baseline.path == str(DRAFT_DIR / "baseline.json")
    [report] = baseline.reports
    assert (report.source, report.score) == ("draft.md", 29.7)
    assert report.statuses == {finding.item_id: finding.status for finding in draft.findings}


def test_any_json_result_is_a_baseline(pack: RulePack, draft: DocumentAudit, tmp_path: Path) -> None:
    """The output of the json reporter, written to a file, loads back as a baseline of the same audit."""
    path = tmp_path / "result.json"
    path.write_text(
        renderer("json")(_result(pack, draft, replace(draft, source="b.md")), pack, RenderOptions())
    )
    baseline = load_baseline(str(path))
    assert [report.source for report in baseline.reports] == ["draft.md", "b.md"]
    comparison = compare(_result(pack, draft, replace(draft, source="b.md")), baseline, pack)
    assert comparison == Comparison()


VALID = json.loads((DRAFT_DIR / "baseline.json").read_text(encoding="utf-8"))


def _without_status(data: dict[str, object]) -> dict[str, object]:
    broken = json.loads(json.dumps(data))
    broken["reports"][0]["items"][3]["status"] = "absent"
    return broken


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            '{\n  "schema_version": 1,\n  "reports": [,]\n}\n',
            "{path}:3:15: not a baseline: invalid JSON: Expecting value",
            id="invalid JSON, with line and column",
        ),
        pytest.param("", "{path}:1:1: not a baseline: invalid JSON: Expecting value", id="empty"),
        pytest.param(
            json.dumps({**VALID, "reports": [{**VALID["reports"][0], "score": float("nan")}]}),
            "{path}: not a baseline: invalid JSON: NaN is not a JSON value",
            id="a score of NaN, to which no score compares",
        ),
        pytest.param(
            '{"schema_version": ' + "9" * 5000 + "}",
            "{path}: not a baseline: invalid JSON: Exceeds the limit (4300 digits) for integer string "
            "conversion: value has 5000 digits",
            id="a number too long to convert",
        ),
        pytest.param(
            "[]",
            "{path}: not a baseline: at the top: [] is not of type 'object' "
            "(a baseline is the JSON output of 'ilo-check audit --format json')",
            id="a list",
        ),
        pytest.param(
            '{"reports": []}',
            "{path}: not a baseline: at the top: 'schema_version' is a required property "
            "(a baseline is the JSON output of 'ilo-check audit --format json')",
            id="a mapping of the wrong shape",
        ),
        pytest.param(
            json.dumps(_without_status(VALID)),
            "{path}: not a baseline: at reports/0/items/3/status: 'absent' is not one of "
            "['reported', 'partial', 'negative', 'missing'] "
            "(a baseline is the JSON output of 'ilo-check audit --format json')",
            id="an unknown status",
        ),
    ],
)
def test_a_bad_baseline_is_one_line_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    """A file that is not a baseline is an input error (exit 2) told in one line with the file's name."""
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_baseline(str(path))
    assert str(raised.value) == message.format(path=path)
    assert raised.value.exit_code == ExitCode.ERROR and "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.json", "{path}: no such baseline file"),
        (".", "{path}: cannot read the baseline: [Errno 21] Is a directory: '{path}'"),
    ],
)
def test_a_baseline_that_cannot_be_read_is_one_line(tmp_path: Path, name: str, message: str) -> None:
    """A missing or unreadable baseline is an input error naming the file."""
    path = tmp_path / name
    with pytest.raises(InputError) as raised:
        load_baseline(str(path))
    assert str(raised.value) == message.format(path=path)


def test_a_baseline_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    """A baseline in another encoding (UTF-16, as a Windows shell redirect writes) is an input error."""
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(VALID), encoding="utf-16")
    with pytest.raises(InputError, match=r"^.*baseline\.json: cannot read the baseline: 'utf-8' codec"):
        load_baseline(str(path))


def test_a_baseline_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a byte order mark: the baseline is read all the same."""
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(VALID), encoding="utf-8-sig")
    assert load_baseline(str(path)).reports[0].source == VALID["reports"][0]["source"]


def test_a_baseline_audited_with_other_rules_is_told(pack: RulePack, tmp_path: Path) -> None:
    """A baseline made with another pack or version loads, with a warning that a change of status may
    come from the rules; one made with the same rules has none."""
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({**VALID, "rules": {"pack": "p029", "version": "0.9.0"}}), encoding="utf-8")
    assert load_baseline(str(path)).other_rules(pack) == (
        f"{path}: the baseline was audited with rules p029 0.9.0, this run with p029 {pack.version}: "
        "a change may come from the rules, not from the report"
    )
    path.write_text(json.dumps({**VALID, "rules": {"pack": pack.name, "version": pack.version}}))
    assert load_baseline(str(path)).other_rules(pack) is None


def test_a_deeply_nested_baseline_is_an_input_error(tmp_path: Path) -> None:
    """A baseline nested too deeply to read is an input error naming the file, not an internal error."""
    path = tmp_path / "baseline.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="not a baseline: invalid JSON: nesting is too deep to read"):
        load_baseline(str(path))


# ── matching reports ─────────────────────────────────────────────────────────────────────────────


def _report(source: str, path: str | None = None, sha256: str | None = None) -> BaselineReport:
    return BaselineReport(source, 50.0, {}, path, sha256)


def _matched(baseline: Baseline, *audits: DocumentAudit) -> list[str | None]:
    """For each audit, the source of the baseline report it is matched with (None for none)."""
    pairs = {id(audit): report.source for audit, report in baseline.match(audits).pairs}
    return [pairs.get(id(audit)) for audit in audits]


def _at(
    draft: DocumentAudit, source: str, path: str | None = None, sha256: str | None = None
) -> DocumentAudit:
    return replace(draft, source=source, identity=SourceIdentity(path, sha256))


DIGEST = "ab" * 32


@pytest.mark.parametrize(
    ("reports", "audited", "expected"),
    [
        pytest.param(
            (_report("draft.md", "fixtures/draft/draft.md"),),
            [("fixtures/draft/draft.md", "fixtures/draft/draft.md", None)],
            ["draft.md"],
            id="same path in the repository, typed from another folder",
        ),
        pytest.param(
            (_report("draft.md", "a/draft.md"), _report("draft.md", "b/draft.md")),
            [("draft.md", "b/draft.md", None), ("draft.md", "a/draft.md", None)],
            ["draft.md", "draft.md"],
            id="two drafts typed alike, told apart by their paths",
        ),
        pytest.param(
            (_report("draft.md", "a/draft.md"), _report("other.md", "a/other.md")),
            [("draft.md", "b/draft.md", None), ("x.md", "a/x.md", None)],
            [None, None],
            id="same name typed, another file in the repository",
        ),
        pytest.param(
            (_report("draft.md"), _report("other.md")),
            [("other.md", None, None)],
            ["other.md"],
            id="a baseline without paths: by the path as typed",
        ),
        pytest.param(
            (_report("draft.md", "a/draft.md", DIGEST), _report("other.md", "a/other.md")),
            [("renamed.md", "a/renamed.md", DIGEST)],
            ["draft.md"],
            id="moved unchanged: by content",
        ),
        pytest.param(
            (_report("draft.md", "a/draft.md"),),
            [("renamed.md", "a/renamed.md", None)],
            ["draft.md"],
            id="renamed and edited, one against one",
        ),
        pytest.param(
            (_report("draft.md", "a/draft.md"),),
            [("renamed.md", "a/renamed.md", None), ("x.md", "a/x.md", None)],
            [None, None],
            id="renamed and edited, in a batch",
        ),
        pytest.param(
            (_report("draft.md"), _report("other.md")),
            [("renamed.md", None, None)],
            [None],
            id="renamed, baseline of two",
        ),
    ],
)
def test_a_report_is_matched_by_path_content_or_as_the_only_one(
    draft: DocumentAudit,
    reports: tuple[BaselineReport, ...],
    audited: list[tuple[str, str | None, str | None]],
    expected: list[str | None],
) -> None:
    """A report matches the baseline's report of the same file in the repository (else of the same path
    as typed), else of the same content, else its only one when both runs have one."""
    baseline = Baseline("b.json", "p029 1.0.0", reports)
    assert _matched(baseline, *(_at(draft, *where) for where in audited)) == expected


def test_what_is_left_unmatched_is_told(pack: RulePack, draft: DocumentAudit) -> None:
    """A report the baseline has no entry for, and an entry no report matches, are each a line."""
    baseline = Baseline(
        "b.json", "p029 1.0.0", (_report("old.md", "a/old.md"), _report("gone.md", "a/gone.md"))
    )
    comparison = compare(
        _result(pack, _at(draft, "new.md", "a/new.md"), _at(draft, "x.md", "a/x.md")), baseline, pack
    )
    assert comparison.uncompared == (
        "new.md: not in the baseline b.json: its changes are not checked",
        "x.md: not in the baseline b.json: its changes are not checked",
        "b.json: the baseline's report of a/old.md matches no report audited",
        "b.json: the baseline's report of a/gone.md matches no report audited",
    )


# ── what moved ───────────────────────────────────────────────────────────────────────────────────


def test_compare_splits_changes_into_regressions_and_improvements(
    pack: RulePack, draft: DocumentAudit
) -> None:
    """Worse statuses and a lower score are regressions; better ones are improvements; equal ones neither."""
    statuses = {finding.item_id: finding.status for finding in draft.findings}
    statuses |= {
        "protection.accommodation": Status.PARTIAL,  # now reported: better
        "reporting.obligations": Status.REPORTED,  # now partial: worse
        "observations.workers": Status.NEGATIVE,  # now missing: worse
        "ratification.status": Status.MISSING,  # now negative: better
    }
    baseline = Baseline("b.json", "p029 1.0.0", (BaselineReport("draft.md", 30.5, statuses),))
    comparison = compare(_result(pack, draft), baseline, pack)
    assert comparison.regressions == (
        Change("draft.md", "score", "30.5", "29.7"),
        Change("draft.md", "reporting.obligations", "reported", "partial"),
        Change("draft.md", "observations.workers", "negative", "missing"),
    )
    assert comparison.improvements == (
        Change("draft.md", "ratification.status", "missing", "negative"),
        Change("draft.md", "protection.accommodation", "partial", "reported"),
    )


def test_items_the_baseline_did_not_audit_are_left_out(pack: RulePack, draft: DocumentAudit) -> None:
    """An item absent from the baseline (a newer pack, a narrower run) is neither better nor worse; the
    scores compared are those of the items both runs audited."""
    baseline = Baseline(
        "b.json", "p029 1.0.0", (BaselineReport("draft.md", 29.7, {"policy.data": Status.MISSING}),)
    )
    assert compare(_result(pack, draft), baseline, pack) == Comparison(
        (),
        (
            Change("draft.md", "score of the items audited", "0.0", "100.0"),
            Change("draft.md", "policy.data", "missing", "reported"),
        ),
    )


def test_a_report_without_a_baseline_report_is_not_compared(pack: RulePack, draft: DocumentAudit) -> None:
    """In a batch, a report the baseline does not know is left out of the comparison."""
    statuses = {finding.item_id: finding.status for finding in draft.findings}
    baseline = Baseline(
        "b.json",
        "p029 1.0.0",
        (BaselineReport("draft.md", 99.0, statuses), BaselineReport("x.md", 99.0, statuses)),
    )
    other = replace(draft, source="new.md")
    comparison = compare(_result(pack, draft, other), baseline, pack)
    assert (comparison.regressions, comparison.improvements) == (
        (Change("draft.md", "score", "99.0", "29.7"),),
        (),
    )
