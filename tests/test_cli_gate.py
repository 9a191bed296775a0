"""The CI gate end to end: every gate option, every format, baselines, suppressions and configuration,
through click's runner, the console entry point and a real process; the README's walk-through and the
pre-commit hook as a user runs them. Exit code, stdout and stderr are asserted together."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml

from checker.errors import UsageError
from checker.excludes import DEFAULT_EXCLUDE
from checker.schemas import schema
from tests.ci_support import (
    DRAFT,
    Run,
    copy_draft,
    improved,
    invoke,
    regressed,
    run_main,
    run_process,
)
from tests.conftest import ROOT

GATE_60 = "ilo-check: gate failed: draft.md: score 29.7 is under 60\n"
REGRESSION = (
    "ilo-check: gate failed: draft.md: score regressed from 29.7 to 28.5; "
    "draft.md: protection.accommodation regressed from reported to partial\n"
)


pytestmark = pytest.mark.usefixtures("pack_once")


def _edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _flat(text: str) -> str:
    """The text with runs of white space as one space, so that a phrase wrapped in a table cell is found."""
    return " ".join(text.split())


def _one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.endswith("\n") and "Traceback" not in err


# ── no gate ──────────────────────────────────────────────────────────────────────────────────────


def test_without_gate_options_nothing_fails(repo: Path) -> None:
    """With no gate option and no configuration, a draft full of gaps exits 0 and shows no gate."""
    code, out, err = invoke("audit", "draft.md", "--no-config")
    assert (code, err) == (0, "")
    assert "Score: 29.7 / 100" in out and "Gate:" not in out


def test_the_configuration_s_gate_holds(repo: Path) -> None:
    """The walk-through's ilo-check.yaml sets a gate that the draft meets: exit 0, "Gate: passed"."""
    code, out, err = invoke("audit", "draft.md")
    assert (code, err) == (0, "")
    assert out.rstrip().endswith("Gate: passed")


# ── --fail-under and --fail-under-area ───────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("options", "code", "err"),
    [
        pytest.param(("--fail-under", "60"), 1, GATE_60, id="total under the bar"),
        pytest.param(("--fail-under", "29.7"), 0, "", id="total at the bar"),
        pytest.param(
            ("--fail-under-area", "protection=70"),
            1,
            "ilo-check: gate failed: draft.md: area protection scores 33.3, under 70\n",
            id="area under the bar",
        ),
        pytest.param(
            ("--fail-under-area", "protection=70", "--fail-under-area", "remedies=20"),
            1,
            "ilo-check: gate failed: draft.md: area protection scores 33.3, under 70; "
            "draft.md: area remedies scores 12.5, under 20\n",
            id="two areas under their bars",
        ),
        pytest.param(
            ("--fail-under-area", "policy=100", "--fail-under-area", "protection=33.3"),
            0,
            "",
            id="areas at bars",
        ),
    ],
)
def test_score_bars(repo: Path, options: tuple[str, ...], code: int, err: str) -> None:
    """A total or area score under its bar fails (exit 1) with the reasons on stderr; at the bar it passes."""
    run = invoke("audit", "draft.md", "--no-config", *options)
    assert (run.code, run.err) == (code, err)
    assert ("Gate: failed" if code else "Gate: passed") in run.out
    for reason in err.removeprefix("ilo-check: gate failed: ").rstrip("\n").split("; ") if err else ():
        assert f"  • {reason}" in run.out  # the reasons are given in the report too


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("protection", "'protection' is not AREA=SCORE (e.g. protection=70)"),
        ("protection=high", "'protection=high' is not AREA=SCORE (e.g. protection=70)"),
        ("protection=150", "'protection=150' is not AREA=SCORE with a score from 0 to 100"),
        ("protection=-1", "'protection=-1' is not AREA=SCORE with a score from 0 to 100"),
        ("=70", "'=70' is not AREA=SCORE with a score from 0 to 100"),
        ("protection=nan", "'protection=nan' is not AREA=SCORE with a score from 0 to 100"),
    ],
)
def test_a_malformed_area_bar_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    """A --fail-under-area value that is not AREA=SCORE (0-100) is exit 2 with one line, before any audit."""
    assert run_main(capsys, "audit", "draft.md", "--no-config", "--fail-under-area", value) == (
        2,
        "",
        f"ilo-check: error: Invalid value for '--fail-under-area': {message} (see 'ilo-check audit --help')\n",
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ("--fail-under-area", "protecton=70"),
            "ilo-check: error: --fail-under-area: no area 'protecton' (did you mean 'protection'?)\n",
        ),
        (
            ("--fail-under", "101"),
            "ilo-check: error: Invalid value for '--fail-under': 101.0 is not in the range 0<=x<=100. "
            "(see 'ilo-check audit --help')\n",
        ),
        (
            ("--fail-under", "nan"),  # every score would pass a bar of NaN
            "ilo-check: error: Invalid value for '--fail-under': nan is not a score from 0 to 100 "
            "(see 'ilo-check audit --help')\n",
        ),
        (
            ("--fail-on", "never"),
            "ilo-check: error: Invalid value for '--fail-on': 'never' is not one of 'missing', 'gap', 'partial'. "
            "(see 'ilo-check audit --help')\n",
        ),
    ],
)
def test_bad_gate_values_are_usage_errors(
    repo: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], message: str
) -> None:
    """An unknown area, a bar out of range or an unknown --fail-on is exit 2 with one line and no report."""
    assert run_main(capsys, "audit", "draft.md", "--no-config", *options) == (2, "", message)


# ── --require and --fail-on ──────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("options", "code", "failures"),
    [
        pytest.param(("--require", "policy.plan_of_action"), 0, (), id="item reported"),
        pytest.param(
            ("--require", "ratification.status"), 0, (), id="item negative: answered, passes by default"
        ),
        pytest.param(
            ("--require", "ratification.status", "--fail-on", "gap"),
            1,
            ("ratification.status is negative",),
            id="item negative, fail-on gap",
        ),
        pytest.param(
            ("--require", "ratification", "--fail-on", "gap"),
            1,
            ("ratification.status is negative",),
            id="area",
        ),
        pytest.param(
            ("--require", "reporting"),
            1,
            ("observations.workers is missing",),
            id="area, only what is not answered fails by default",
        ),
        pytest.param(
            ("--require", "reporting.*", "--fail-on", "missing"), 0, (), id="glob, partial is answered"
        ),
        pytest.param(
            ("--require", "reporting.*", "--fail-on", "gap"), 0, (), id="glob, partial passes on gap"
        ),
        pytest.param(
            ("--require", "reporting.*", "--fail-on", "partial"),
            1,
            ("reporting.obligations is partial",),
            id="glob, fail-on partial",
        ),
        pytest.param(
            ("--require", "reporting", "--fail-on", "gap"),
            1,
            ("observations.employers is negative", "observations.workers is missing"),
            id="area, gaps fail on gap",
        ),
    ],
)
def test_required_items(repo: Path, options: tuple[str, ...], code: int, failures: tuple[str, ...]) -> None:
    """Required items short of what --fail-on accepts fail the gate, each named with its status."""
    run = invoke("audit", "draft.md", "--no-config", *options)
    reasons = "; ".join(f"draft.md: {failure}, and it is required" for failure in failures)
    assert (run.code, run.err) == (code, f"ilo-check: gate failed: {reasons}\n" if failures else "")
    assert ("Gate: failed" if code else "Gate: passed") in run.out


def test_an_unknown_required_item_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--require naming nothing is exit 2 with the nearest id, and no report."""
    assert run_main(capsys, "audit", "draft.md", "--no-config", "--require", "protection.acommodation") == (
        2,
        "",
        "ilo-check: error: --require: 'protection.acommodation' names no item or area "
        "(did you mean 'protection.accommodation'?)\n",
    )


def test_an_unknown_required_item_raises_through_click(repo: Path) -> None:
    """Through click's runner the same mistake is a UsageError carrying the exit code 2."""
    with pytest.raises(UsageError) as raised:
        invoke("audit", "draft.md", "--no-config", "--require", "nothing.here")
    assert raised.value.exit_code == 2 and "--require: 'nothing.here' names no item or area" in str(
        raised.value
    )


# ── --select and --ignore ────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("options", "items"),
    [
        (("--select", "policy"), ["policy.plan_of_action", "policy.coordination", "policy.data"]),
        (
            ("--select", "ratification.*", "--select", "policy.data"),
            ["ratification.status", "ratification.intention", "policy.data"],
        ),
        (("--select", "prevention.*", "--ignore", "prevention.due_diligence"), 10),
        (("--ignore", "protection", "--ignore", "remedies.*"), 44 - 9 - 8),
    ],
)
def test_select_and_ignore_scope_the_audit(
    repo: Path, options: tuple[str, ...], items: list[str] | int
) -> None:
    """--select and --ignore (items, areas, globs; repeatable) leave only the chosen items in the report."""
    code, out, err = invoke("audit", "draft.md", "--no-config", "--format", "json", *options)
    assert (code, err) == (0, "")
    audited = [item["id"] for item in json.loads(out)["reports"][0]["items"]]
    assert audited == items if isinstance(items, list) else len(audited) == items


def test_the_score_of_a_selection_is_its_own(repo: Path) -> None:
    """A scoped audit scores only its items: policy alone scores 100."""
    code, out, err = invoke("audit", "draft.md", "--no-config", "--select", "policy", "--fail-under", "99")
    assert (code, err) == (0, "")
    assert "Score: 100.0 / 100" in out and "prevention" not in out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--select", "policy", "--ignore", "policy.*"), "--select and --ignore leave no item to audit"),
        (("--select", "polcy"), "--select: 'polcy' names no item or area (did you mean 'policy'?)"),
        (("--ignore", "zzz"), "--ignore: 'zzz' names no item or area (see 'ilo-check rules list')"),
    ],
)
def test_a_selection_that_leaves_nothing_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], message: str
) -> None:
    """A selection that leaves no item, or names nothing, is exit 2 with one line and no report."""
    assert run_main(capsys, "audit", "draft.md", "--no-config", *options) == (
        2,
        "",
        f"ilo-check: error: {message}\n",
    )


def test_a_selection_is_not_a_regression(repo: Path) -> None:
    """Scoping an unchanged draft with --select does not make its score regress against its baseline."""
    code, _, err = invoke(
        "audit", "draft.md", "--no-config", "--baseline", "baseline.json", "--select", "prevention"
    )
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    "options",
    [
        ("--select", "prevention", "--require", "ratification.status"),
        ("--ignore", "ratification", "--require", "ratification.status"),
        ("--select", "prevention", "--fail-under-area", "ratification=90"),
    ],
)
def test_a_gate_on_items_left_out_does_not_pass_silently(
    repo: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...]
) -> None:
    """A gate on items the selection leaves out fails or is refused; it does not pass unseen."""
    code, _, err = run_main(capsys, "audit", "draft.md", "--no-config", *options)
    assert code != 0 and "ratification" in err


# ── baselines ────────────────────────────────────────────────────────────────────────────────────


def test_an_unchanged_draft_passes_its_baseline(repo: Path) -> None:
    """Against the baseline it was taken from, the draft passes with nothing regressed or improved."""
    code, out, err = invoke("audit", "draft.md", "--no-config", "--baseline", "baseline.json")
    assert (code, err) == (0, "")
    assert "Gate: passed" in out and "against the baseline" not in out


def test_a_regression_fails_naming_the_items(repo: Path) -> None:
    """A draft that lost an answer fails against its baseline (exit 1), the regressed item and score named."""
    _edit(repo / "draft.md", regressed)
    code, out, err = invoke("audit", "draft.md", "--no-config", "--baseline", "baseline.json")
    assert (code, err) == (1, REGRESSION)
    assert "Regressed against the baseline:\n  draft.md: score 29.7 → 28.5\n" in out
    assert "  draft.md: protection.accommodation reported → partial\n" in out


def test_an_improvement_passes_and_is_listed(repo: Path) -> None:
    """A draft that answered one more item passes against its baseline (exit 0) and lists the improvement."""
    _edit(repo / "draft.md", improved)
    code, out, err = invoke("audit", "draft.md", "--no-config", "--baseline", "baseline.json")
    assert (code, err) == (0, "")
    assert (
        "Gate: passed\nImproved against the baseline:\n  draft.md: observations.workers missing → negative\n"
        in out
    )
    assert "Regressed" not in out


def test_a_regression_in_json(repo: Path) -> None:
    """The JSON report carries the gate's decision, regressions and improvements, valid against its schema."""
    _edit(repo / "draft.md", lambda text: improved(regressed(text)))
    code, out, err = invoke("audit", "draft.md", "--no-config", "--baseline", "baseline.json", "-f", "json")
    assert (code, err) == (1, REGRESSION)
    data = json.loads(out)
    jsonschema.validate(data, schema("result"))
    assert data["gate"] == {
        "passed": False,
        "failures": [
            "draft.md: score regressed from 29.7 to 28.5",
            "draft.md: protection.accommodation regressed from reported to partial",
        ],
        "required": [],
        "regressions": [
            {"source": "draft.md", "subject": "score", "before": "29.7", "after": "28.5"},
            {
                "source": "draft.md",
                "subject": "protection.accommodation",
                "before": "reported",
                "after": "partial",
            },
        ],
        "improvements": [
            {
                "source": "draft.md",
                "subject": "observations.workers",
                "before": "missing",
                "after": "negative",
            }
        ],
        "warnings": [],
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            '{\n  "schema_version": 1,\n}\n',
            "bad.json:3:1: not a baseline: invalid JSON: Expecting property name enclosed in double quotes",
            id="invalid JSON",
        ),
        pytest.param(
            '{"reports": 3}',
            "bad.json: not a baseline: at the top: 'schema_version' is a required property "
            "(a baseline is the JSON output of 'ilo-check audit --format json')",
            id="wrong shape",
        ),
        pytest.param(
            '[{"source": "draft.md"}]',
            "bad.json: not a baseline: at the top: [{'source': 'draft.md'}] is not of type 'object' "
            "(a baseline is the JSON output of 'ilo-check audit --format json')",
            id="a list",
        ),
        pytest.param(None, "bad.json: no such baseline file", id="missing file"),
    ],
)
def test_a_bad_baseline_is_exit_2_with_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    """A baseline that is invalid JSON (with line:col), of the wrong shape or missing is exit 2, one line."""
    if content is not None:
        (repo / "bad.json").write_text(content)
    run = run_main(capsys, "audit", "draft.md", "--no-config", "--baseline", "bad.json")
    assert run == (2, "", f"ilo-check: error: {message}\n")
    assert _one_line(run.err)


def test_baseline_write_saves_the_json_result(repo: Path) -> None:
    """`baseline write` writes the JSON result atomically, says so on stderr, and the draft passes against it."""
    code, out, err = invoke("baseline", "write", "new.json", "draft.md", "--no-config")
    assert (code, out, err) == (0, "", "ilo-check: wrote baseline new.json\n")
    assert (repo / "new.json").read_text() == invoke("audit", "draft.md", "--no-config", "-f", "json").out
    assert sorted(path.name for path in repo.iterdir()) == [
        "baseline.json",
        "draft.md",
        "ilo-check.yaml",
        "new.json",
    ]
    code, out, err = invoke("audit", "draft.md", "--no-config", "--baseline", "new.json")
    assert (code, err) == (0, "") and "Gate: passed" in out


def _two_drafts(root: Path) -> None:
    """A repository (a `.git` folder marks its root) holding the walk-through draft in draft/ and a
    second draft in labelled/."""
    (root / ".git").mkdir(parents=True)
    copy_draft(root / "draft")
    (root / "labelled").mkdir()
    shutil.copy(ROOT / "fixtures" / "labelled" / "draft_kovalia_2022.md", root / "labelled")


def test_a_baseline_finds_its_reports_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A baseline written from the draft's folder and checked from the repository's root (as a
    pre-commit hook runs) compares each draft with its own entry: a regression fails."""
    _two_drafts(tmp_path)
    monkeypatch.chdir(tmp_path / "draft")
    assert (
        invoke(
            "baseline",
            "write",
            str(tmp_path / "b.json"),
            "draft.md",
            "../labelled/draft_kovalia_2022.md",
            "--no-config",
        ).code
        == 0
    )
    monkeypatch.chdir(tmp_path)
    checked = (
        "audit",
        "draft/draft.md",
        "labelled/draft_kovalia_2022.md",
        "--no-config",
        "--baseline",
        "b.json",
    )
    assert invoke(*checked)[::2] == (0, "")
    _edit(tmp_path / "draft" / "draft.md", regressed)
    code, _, err = invoke(*checked)
    assert (code, err) == (
        1,
        "ilo-check: gate failed: draft/draft.md: score regressed from 29.7 to 28.5; "
        "draft/draft.md: protection.accommodation regressed from reported to partial\n",
    )


def test_a_report_not_in_the_baseline_is_a_warning_or_under_strict_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft the baseline has no entry for, and an entry no draft matches, are warnings on stderr and
    in the JSON gate; with --strict-baseline they fail the gate."""
    _two_drafts(tmp_path)
    monkeypatch.chdir(tmp_path)
    invoke("baseline", "write", "b.json", "labelled/draft_kovalia_2022.md", "--no-config")
    shutil.copy(ROOT / "fixtures" / "labelled" / "draft_kovalia_2022.md", tmp_path / "other.md")
    _edit(tmp_path / "other.md", lambda text: text + "\nOne more sentence.\n")
    checked = ("audit", "draft/draft.md", "other.md", "--no-config", "--baseline", "b.json")
    warnings = (
        "draft/draft.md: not in the baseline b.json: its changes are not checked",
        "other.md: not in the baseline b.json: its changes are not checked",
        "b.json: the baseline's report of labelled/draft_kovalia_2022.md matches no report audited",
    )
    code, out, err = invoke(*checked, "-f", "json")
    assert (code, err) == (0, "".join(f"ilo-check: warning: {warning}\n" for warning in warnings))
    assert json.loads(out)["gate"]["warnings"] == list(warnings)
    code, out, err = invoke(*checked, "--strict-baseline")
    assert (code, err) == (1, "ilo-check: gate failed: " + "; ".join(warnings) + "\n")


def test_a_draft_moved_unchanged_is_matched_by_its_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft moved to another path, unchanged, is still compared with its entry (no warning)."""
    _two_drafts(tmp_path)
    monkeypatch.chdir(tmp_path)
    invoke("baseline", "write", "b.json", "draft/draft.md", "labelled/draft_kovalia_2022.md", "--no-config")
    (tmp_path / "draft" / "draft.md").rename(tmp_path / "moved.md")
    code, _, err = invoke(
        "audit",
        "moved.md",
        "labelled/draft_kovalia_2022.md",
        "--no-config",
        "--baseline",
        "b.json",
        "--strict-baseline",
    )
    assert (code, err) == (0, "")


def test_baseline_write_with_the_configuration(repo: Path) -> None:
    """`baseline write` applies the configuration's scope and suppressions, not its baseline."""
    (repo / "baseline.json").unlink()  # the configuration names it; writing a new one must not read it
    code, out, err = invoke("baseline", "write", "baseline.json", "draft.md")
    assert (code, out, err) == (0, "", "ilo-check: wrote baseline baseline.json\n")
    report = json.loads((repo / "baseline.json").read_text())["reports"][0]
    suppressed = {item["id"]: item["suppressed"]["reason"] for item in report["items"] if item["suppressed"]}
    assert suppressed == {
        "promotion.activities": "no promotional activity is planned before ratification",
        "technical_cooperation.offer": "Examplestan offers no technical cooperation this reporting cycle",
    }


def test_baseline_write_of_an_unreadable_draft_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`baseline write` of a submission that cannot be read is exit 2 with that file's one line, and
    leaves no baseline behind, even when the other submissions were read."""
    code, out, err = run_main(capsys, "baseline", "write", "new.json", "missing.md", "--no-config")
    assert (code, out, err) == (2, "", "ilo-check: error: missing.md: no such file\n")
    code, out, err = run_main(
        capsys, "baseline", "write", "new.json", "draft.md", "missing.md", "--no-config"
    )
    assert (code, out, err) == (2, "", "ilo-check: error: missing.md: no such file\n")
    assert not (repo / "new.json").exists()


# ── exit codes ───────────────────────────────────────────────────────────────────────────────────


def test_an_unreadable_submission_wins_over_a_failed_gate(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unreadable submission (2) wins over a failed gate (1); the readable one is still reported and judged."""
    code, out, err = run_main(capsys, "audit", "missing.md", "draft.md", "--no-config", "--fail-under", "60")
    assert code == 2
    assert err == "ilo-check: error: missing.md: no such file\n" + GATE_60
    assert "draft.md  (draft · Examplestan · 2025" in out and "Gate: failed" in out


def test_only_unreadable_submissions_with_a_gate_is_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a gate set and nothing readable, the run is exit 2 with the error alone and no report."""
    assert run_main(capsys, "audit", "missing.md", "--no-config", "--fail-under", "60") == (
        2,
        "",
        "ilo-check: error: missing.md: no such file\n",
    )


# ── formats and --output ─────────────────────────────────────────────────────────────────────────


def _check_table(out: str) -> None:
    assert "Gate: failed\n  • draft.md: score 29.7 is under 60" in out


def _check_json(out: str) -> None:
    data = json.loads(out)
    jsonschema.validate(data, schema("result"))
    assert data["gate"]["failures"] == ["draft.md: score 29.7 is under 60"]


def _check_markdown(out: str) -> None:
    assert out.startswith("## ilo-check: p029 audit: gate failed\n")
    assert out.endswith("**Gate: failed.**\n\n- draft.md: score 29.7 is under 60\n")


def _check_sarif(out: str) -> None:
    log = json.loads(out)
    results = log["runs"][0]["results"]
    assert log["version"] == "2.1.0" and len(results) == 32  # 31 gaps, and the gate's reason
    assert (results[-1]["ruleId"], results[-1]["message"]["text"]) == (
        "gate",
        "Gate failed: draft.md: score 29.7 is under 60",
    )


def _check_junit(out: str) -> None:
    root = ElementTree.fromstring(out)
    # 28 items not answered (and not suppressed), and the gate
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "45", "29")
    gate = root.find("testsuite[@name='gate']/testcase/failure")
    assert gate is not None and gate.text == "draft.md: score 29.7 is under 60"


def _check_csv(out: str) -> None:
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 44 and {row["source"] for row in rows} == {"draft.md"}


FORMATS = {
    "table": _check_table,
    "json": _check_json,
    "markdown": _check_markdown,
    "sarif": _check_sarif,
    "junit": _check_junit,
    "csv": _check_csv,
}


@pytest.mark.parametrize("output_format", list(FORMATS))
def test_every_format_carries_a_failed_gate(repo: Path, output_format: str) -> None:
    """Every format is written to stdout with a failed gate (exit 1), the reason on stderr."""
    code, out, err = invoke(
        "audit", "draft.md", "--no-config", "--fail-under", "60", "--format", output_format
    )
    assert (code, err) == (1, GATE_60)
    FORMATS[output_format](out)


@pytest.mark.parametrize("output_format", list(FORMATS))
def test_output_writes_the_same_report_to_a_file(repo: Path, output_format: str) -> None:
    """--output writes exactly what stdout would show, leaves no temporary file, and keeps the exit code."""
    target = repo / f"report.{output_format}"
    code, out, err = invoke(
        "audit", "draft.md", "--no-config", "--fail-under", "60", "-f", output_format, "--output", target.name
    )
    assert (code, out, err) == (1, "", GATE_60)
    expected = invoke("audit", "draft.md", "--no-config", "--fail-under", "60", "-f", output_format).out
    assert target.read_text(encoding="utf-8") == expected
    assert sorted(path.name for path in repo.iterdir()) == sorted(
        ["baseline.json", "draft.md", "ilo-check.yaml", target.name]
    )


def test_output_is_atomic(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the final rename fails, the earlier report is left whole and no temporary file remains."""
    target = repo / "report.json"
    target.write_text("the earlier report\n")

    def fail(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("checker.output.os.replace", fail)
    code, out, err = run_main(capsys, "audit", "draft.md", "--no-config", "-f", "json", "-o", "report.json")
    assert (code, out, err) == (
        2,
        "",
        "ilo-check: error: report.json: cannot write: No space left on device\n",
    )
    assert target.read_text() == "the earlier report\n"
    assert sorted(path.name for path in repo.iterdir()) == [
        "baseline.json",
        "draft.md",
        "ilo-check.yaml",
        "report.json",
    ]


# ── suppressions ─────────────────────────────────────────────────────────────────────────────────

LEGAL = "### protection.legal — Legal protection of victims\n"
MATERIAL = "### protection.material — Material assistance for victims\n"


def _suppress(repo: Path, heading: str, comment: str) -> None:
    """Put a comment under an item's heading in the draft."""
    _edit(repo / "draft.md", lambda text: text.replace(heading, f"{heading}\n{comment}\n", 1))


def test_a_markdown_suppression_keeps_a_required_item_from_failing(repo: Path) -> None:
    """A required gap with `<!-- ilo-check: ignore ITEM -- reason -->` under its heading passes the gate."""
    options = ("--no-config", "--require", "protection.legal", "--fail-on", "gap")
    failing = invoke("audit", "draft.md", *options)
    assert (failing.code, failing.err) == (
        1,
        "ilo-check: gate failed: draft.md: protection.legal is missing, and it is required\n",
    )
    _suppress(
        repo, LEGAL, "<!-- ilo-check: ignore protection.legal -- the Criminal Code chapter covers it -->"
    )
    code, out, err = invoke("audit", "draft.md", *options)
    assert (code, err) == (0, "")
    assert "[suppressed: the Criminal Code chapter covers it]" in _flat(out) and "Gate: passed" in out


def test_one_comment_suppresses_several_items(repo: Path) -> None:
    """One comment may name several items, separated by commas or spaces, with one reason."""
    _suppress(
        repo,
        LEGAL,
        "<!-- ilo-check: ignore protection.legal, protection.material\n     -- not in this cycle -->",
    )
    code, out, err = invoke(
        "audit",
        "draft.md",
        "--no-config",
        "--require",
        "protection.legal",
        "--require",
        "protection.material",
        "-f",
        "json",
    )
    assert (code, err) == (0, "")
    items = {item["id"]: item["suppressed"] for item in json.loads(out)["reports"][0]["items"]}
    assert (
        items["protection.legal"]
        == items["protection.material"]
        == {"reason": "not in this cycle", "origin": "draft.md:237"}
    )


def test_a_yaml_ignore_keeps_a_required_item_from_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A structured draft's `ignore: reason` on an answer suppresses its gap for the gate."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.yaml").write_text(
        "country: Examplestan\nanswers:\n  policy.data: 63 victims were identified in 2024.\n"
        "  protection.accommodation:\n    text: ''\n"
        "    ignore: no victim needed a shelter in 2025\n"
    )
    code, out, err = invoke(
        "audit", "draft.yaml", "--no-config", "--require", "protection.accommodation", "-f", "csv"
    )
    assert (code, err) == (0, "")
    row = next(row for row in csv.DictReader(io.StringIO(out)) if row["item"] == "protection.accommodation")
    assert (row["status"], row["suppressed"]) == ("missing", "no victim needed a shelter in 2025")


def test_a_configured_suppression_keeps_a_required_item_from_failing(repo: Path) -> None:
    """`suppress:` in the configuration suppresses a required gap for the gate."""
    (repo / "ilo-check.yaml").write_text(
        "require: [technical_cooperation.offer, technical_cooperation.request]\n"
        "suppress:\n  - item: technical_cooperation.offer\n    reason: nothing to offer\n"
    )
    code, out, err = invoke("audit", "draft.md")
    assert (code, err) == (
        1,
        "ilo-check: gate failed: draft.md: technical_cooperation.request is missing, and it is required\n",
    )
    assert "[suppressed: nothing to offer]" in _flat(out)


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        pytest.param(
            "<!-- ilo-check: ignore protection.legal -->",
            "draft.md:237: a suppression needs an item and a reason "
            "(<!-- ilo-check: ignore ITEM -- why the gap is accepted -->)",
            id="no reason",
        ),
        pytest.param(
            "<!-- ilo-check: ignore protection.legal --   -->",
            "draft.md:237: a suppression needs an item and a reason "
            "(<!-- ilo-check: ignore ITEM -- why the gap is accepted -->)",
            id="blank reason",
        ),
        pytest.param(
            "<!-- ilo-check: ignore -- a reason for nothing -->",
            "draft.md:237: a suppression needs an item and a reason "
            "(<!-- ilo-check: ignore ITEM -- why the gap is accepted -->)",
            id="no item",
        ),
        pytest.param(
            "<!-- ilo-check: disable protection.legal -- not now -->",
            "draft.md:237: unknown ilo-check directive 'disable' ('ignore' is the only one)",
            id="unknown directive",
        ),
    ],
)
def test_a_bad_markdown_suppression_is_exit_2_at_its_line(
    repo: Path, capsys: pytest.CaptureFixture[str], comment: str, message: str
) -> None:
    """A suppression without a reason or item, or an unknown directive, is exit 2 naming the file and line."""
    _suppress(repo, LEGAL, comment)
    assert run_main(capsys, "audit", "draft.md", "--no-config") == (2, "", f"ilo-check: error: {message}\n")


@pytest.mark.parametrize(
    ("ignore", "message"),
    [
        ("''", "draft.yaml:4:13: answers.protection.legal.ignore: a suppression needs a reason"),
        ("", "draft.yaml:4:12: answers.protection.legal.ignore: a suppression needs a reason"),
        ("3", "draft.yaml:4:13: answers.protection.legal.ignore: a suppression needs a reason"),
    ],
)
def test_a_yaml_ignore_without_a_reason_is_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ignore: str,
    message: str,
) -> None:
    """A structured draft's `ignore:` without a text reason is exit 2 at FILE:LINE:COL."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.yaml").write_text(
        f"answers:\n  protection.legal:\n    text: ''\n    ignore: {ignore}\n"
    )
    assert run_main(capsys, "audit", "draft.yaml", "--no-config") == (
        2,
        "",
        f"ilo-check: error: {message} (ignore: why the gap is accepted)\n",
    )


def test_a_configured_suppression_without_a_reason_is_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`suppress:` without a reason is exit 2 at the configuration's FILE:LINE:COL."""
    (repo / "ilo-check.yaml").write_text("suppress:\n  - item: protection.legal\n")
    assert run_main(capsys, "audit", "draft.md") == (
        2,
        "",
        f"ilo-check: error: {repo / 'ilo-check.yaml'}:2:5: suppress[0]: missing required key 'reason'\n",
    )


@pytest.mark.parametrize(
    ("config", "option", "message"),
    [
        (
            "require:\n  - protection.legal\n  - protecton\n",
            ("--require", "protecton"),
            "3:5: require: 'protecton' names no item or area (did you mean 'protection'?)",
        ),
        (
            "fail-under-area:\n  protecton: 50\n",
            ("--fail-under-area", "protecton=50"),
            "2:3: fail-under-area: no area 'protecton' (did you mean 'protection'?)",
        ),
        (
            "select: [policy, zzz.*]\n",
            ("--select", "zzz.*"),
            "1:18: select: 'zzz.*' names no item or area (see 'ilo-check rules list')",
        ),
        (
            "ignore: [zzz.*]\n",
            ("--ignore", "zzz.*"),
            "1:10: ignore: 'zzz.*' names no item or area (see 'ilo-check rules list')",
        ),
    ],
)
def test_an_unknown_id_is_told_where_it_was_given(
    repo: Path, capsys: pytest.CaptureFixture[str], config: str, option: tuple[str, str], message: str
) -> None:
    """An item or area that does not exist is told at the configuration's key when the file gave it, and
    as the option when the command line did (which overrides the file)."""
    (repo / "ilo-check.yaml").write_text(config)
    code, out, err = run_main(capsys, "audit", "draft.md")
    assert (code, out, err) == (2, "", f"ilo-check: error: {repo / 'ilo-check.yaml'}:{message}\n")
    code, out, err = run_main(capsys, "audit", "draft.md", *option)
    key, told = message.split(": ", 1)[1].split(": ", 1)
    assert (code, out, err) == (2, "", f"ilo-check: error: --{key}: {told}\n")


def test_an_unused_suppression_is_a_warning(repo: Path) -> None:
    """A suppression of an item the draft reports suppresses nothing: a warning on stderr, exit 0."""
    _suppress(repo, LEGAL, "<!-- ilo-check: ignore protection.legal, policy.data -- not now -->")
    code, out, err = invoke("audit", "draft.md", "--no-config")
    assert (code, err) == (
        0,
        "ilo-check: warning: draft.md:237: unused suppression: policy.data is reported\n",
    )
    assert "Score: 29.7 / 100" in out


def test_an_unused_configured_suppression_is_a_warning(repo: Path) -> None:
    """A configured suppression of a reported item is a warning naming the configuration's line (as a
    path relative to the working directory)."""
    (repo / "ilo-check.yaml").write_text("suppress:\n  - item: policy.data\n    reason: just in case\n")
    code, out, err = invoke("audit", "draft.md")
    assert (code, err) == (
        0,
        "ilo-check: warning: ilo-check.yaml:2: unused suppression: policy.data is reported\n",
    )
    assert "Score: 29.7 / 100" in out and "[suppressed: just in case]" in _flat(out)


def test_a_suppression_of_an_unknown_item_names_the_nearest(repo: Path) -> None:
    """A suppression of an item the pack does not know is a warning with the nearest id; it suppresses nothing."""
    _suppress(repo, LEGAL, "<!-- ilo-check: ignore protection.legl -- not now -->")
    code, out, err = invoke("audit", "draft.md", "--no-config", "--require", "protection.legal")
    assert code == 1
    assert err == (
        "ilo-check: warning: draft.md: line 237: suppression of unknown item 'protection.legl' is ignored "
        "(did you mean 'protection.legal'?)\n"
        "ilo-check: gate failed: draft.md: protection.legal is missing, and it is required\n"
    )
    # Only the draft's own suppression, of promotion.activities, is shown.
    assert err.count("\n") == 2 and out.count("[suppressed:") == 1


def test_a_configured_suppression_of_an_unknown_item_names_the_nearest(repo: Path) -> None:
    """A configured suppression of an unknown item is a warning naming the configuration line and nearest id."""
    (repo / "ilo-check.yaml").write_text(
        "suppress:\n  - item: technical_cooperation.ofer\n    reason: none\n"
    )
    code, out, err = invoke("audit", "draft.md")
    assert (code, err) == (
        0,
        "ilo-check: warning: draft.md: ilo-check.yaml:2: suppression of unknown item "
        "'technical_cooperation.ofer' is ignored (did you mean 'technical_cooperation.offer'?)\n",
    )
    assert "Score: 29.7 / 100" in out and out.count("[suppressed:") == 1  # the draft's own only


def test_a_configured_suppression_covers_only_its_files(repo: Path) -> None:
    """A configured suppression with `files` applies only to the submissions whose path matches."""
    shutil.copy(repo / "draft.md", repo / "other.md")
    (repo / "ilo-check.yaml").write_text(
        "require: [protection.legal]\nfail-on: gap\n"
        "suppress:\n  - item: protection.legal\n    reason: not yet\n    files: draft.md\n"
    )
    code, out, err = invoke("audit", "draft.md", "other.md", "-f", "json")
    assert (code, err) == (
        1,
        "ilo-check: gate failed: other.md: protection.legal is missing, and it is required\n",
    )
    reports = json.loads(out)["reports"]
    assert [report["items"][21]["id"] for report in reports] == ["protection.legal", "protection.legal"]
    assert [bool(report["items"][21]["suppressed"]) for report in reports] == [True, False]


@pytest.mark.parametrize("where", ["subfolder", "absolute"])
def test_a_configured_files_glob_is_relative_to_the_configuration(
    repo: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """`files: drafts/*.md` covers drafts/report.md however the path is given on the command line."""
    (repo / "drafts").mkdir()
    shutil.move(repo / "draft.md", repo / "drafts" / "report.md")
    (repo / "ilo-check.yaml").write_text(
        "require: [protection.legal]\nfail-on: gap\n"
        "suppress:\n  - item: protection.legal\n    reason: not yet\n    files: drafts/*.md\n"
    )
    assert invoke("audit", "drafts/report.md").code == 0  # from the configuration's folder it applies
    monkeypatch.chdir(repo / "drafts")
    path = "report.md" if where == "subfolder" else str(repo / "drafts" / "report.md")
    code, out, err = invoke("audit", path)
    assert (code, err) == (0, "") and "Gate: passed" in out


# ── configuration ────────────────────────────────────────────────────────────────────────────────


def test_the_configuration_is_found_in_a_parent(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From a subfolder, the parent's ilo-check.yaml applies, its baseline read relative to it."""
    (repo / "drafts").mkdir()
    monkeypatch.chdir(repo / "drafts")
    _edit(repo / "draft.md", regressed)
    code, out, err = invoke("audit", "../draft.md")
    assert (code, err) == (1, REGRESSION.replace("draft.md", "../draft.md"))
    assert "[suppressed: Examplestan offers no technical cooperation this reporting cycle]" in _flat(out)


def test_no_config_ignores_the_file_found(repo: Path) -> None:
    """--no-config audits without the configuration found: no gate, no configured suppression."""
    code, out, err = invoke("audit", "draft.md", "--no-config")
    assert (code, err) == (0, "")
    assert "Gate:" not in out and "Examplestan offers no technical cooperation" not in out


def test_pyproject_configures_the_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """[tool.ilo-check] in pyproject.toml sets the gate when no ilo-check.yaml is nearer."""
    shutil.copy(DRAFT, tmp_path / "draft.md")
    (tmp_path / "pyproject.toml").write_text('[tool.ilo-check]\nfail-under = 60\nformat = "csv"\n')
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("audit", "draft.md")
    assert (code, err) == (1, GATE_60)
    assert out.startswith("source,country,kind,language,score,completeness,item,")


def test_the_yaml_file_beats_pyproject(repo: Path) -> None:
    """In the same folder, ilo-check.yaml is used and pyproject.toml's table is not."""
    (repo / "pyproject.toml").write_text("[tool.ilo-check]\nfail-under = 60\n")
    code, out, err = invoke("audit", "draft.md")
    assert (code, err) == (0, "")
    assert "Gate: passed" in out


@pytest.mark.parametrize(
    ("options", "code", "err"),
    [
        pytest.param(("--fail-under", "60"), 1, GATE_60, id="--fail-under over fail-under"),
        pytest.param(
            ("--require", "reporting.obligations"), 0, "", id="--require over require, fail-on gap kept"
        ),
        pytest.param(
            ("--require", "reporting.obligations", "--fail-on", "partial"),
            1,
            "ilo-check: gate failed: draft.md: reporting.obligations is partial, and it is required\n",
            id="--fail-on over fail-on",
        ),
        pytest.param(
            ("--fail-under-area", "policy=100"), 0, "", id="--fail-under-area replaces the configured areas"
        ),
    ],
)
def test_the_command_line_overrides_the_configuration(
    repo: Path, options: tuple[str, ...], code: int, err: str
) -> None:
    """An option given on the command line replaces the configuration's value."""
    run = invoke("audit", "draft.md", *options)
    assert (run.code, run.err) == (code, err)
    assert ("Gate: failed" if code else "Gate: passed") in run.out


def test_the_configured_format_is_overridden(repo: Path) -> None:
    """A configured `format` applies, and --format replaces it."""
    (repo / "ilo-check.yaml").write_text("format: json\n")
    code, out, err = invoke("audit", "draft.md")
    assert (code, err) == (0, "") and json.loads(out)["reports"][0]["score"] == 29.7
    code, out, err = invoke("audit", "draft.md", "--format", "csv")
    assert (code, err) == (0, "") and out.startswith("source,")


def test_paths_in_a_named_configuration_are_relative_to_it(repo: Path) -> None:
    """--config FILE reads FILE's baseline and writes its output relative to FILE, not the working directory."""
    conf = repo / "ci"
    conf.mkdir()
    shutil.move(repo / "baseline.json", conf / "old.json")
    (conf / "gate.yaml").write_text("baseline: old.json\nformat: json\noutput: report.json\n")
    _edit(repo / "draft.md", regressed)
    code, out, err = invoke("audit", "draft.md", "--config", "ci/gate.yaml")
    assert (code, out, err) == (1, "", REGRESSION)
    assert json.loads((conf / "report.json").read_text())["gate"]["passed"] is False


def test_a_missing_named_configuration_is_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--config naming no file is exit 2 with one line."""
    assert run_main(capsys, "audit", "draft.md", "--config", "nope.yaml") == (
        2,
        "",
        "ilo-check: error: nope.yaml: no such configuration file\n",
    )


def test_an_unknown_configuration_key_is_exit_2_with_a_hint(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown key in ilo-check.yaml is exit 2 at FILE:LINE:COL with a "did you mean" hint."""
    _edit(repo / "ilo-check.yaml", lambda text: text.replace("fail-on: gap", "fail_on: gap"))
    assert run_main(capsys, "audit", "draft.md") == (
        2,
        "",
        f"ilo-check: error: {repo / 'ilo-check.yaml'}:10:1: unknown key 'fail_on' (did you mean 'fail-on'?)\n",
    )


def test_config_prints_the_effective_configuration(repo: Path) -> None:
    """`ilo-check config` prints the file it found, then every effective setting as YAML, paths resolved."""
    code, out, err = invoke("config")
    assert (code, err) == (0, "")
    first, _, rest = out.partition("\n")
    assert first == f"# {repo / 'ilo-check.yaml'}"
    assert yaml.safe_load(rest) == {
        "baseline": str(repo / "baseline.json"),
        "fail-on": "gap",
        "fail-under": 25,
        "fail-under-area": {"ratification": 25},
        "format": "table",
        "language": "auto",
        "require": ["policy.plan_of_action", "protection.identification", "protection.accommodation"],
        "show": "all",
        "exclude": list(DEFAULT_EXCLUDE),
        "force-exclude": False,
        "respect-gitignore": True,
        "suppress": [
            {
                "item": "technical_cooperation.offer",
                "reason": "Examplestan offers no technical cooperation this reporting cycle",
            }
        ],
    }


# The default excludes as `ilo-check config` writes them (YAML quotes a glob that starts with `*`).
EXCLUDES_SHOWN = "exclude:\n" + "".join(
    f"- '{glob}'\n" if glob.startswith("*") else f"- {glob}\n" for glob in DEFAULT_EXCLUDE
)


def test_config_of_a_named_file_and_of_none(repo: Path) -> None:
    """`config --config FILE` shows that file's settings; `config --no-config` the defaults only."""
    (repo / "other.yaml").write_text(
        "fail-under: 50\nsuppress:\n  - {item: policy.data, reason: r, files: '*.md'}\n"
    )
    code, out, err = invoke("config", "--config", "other.yaml")
    assert (code, err) == (0, "")
    assert out == (
        f"# other.yaml\n{EXCLUDES_SHOWN}fail-on: missing\nfail-under: 50\nforce-exclude: false\nformat: table\nlanguage: auto\n"
        "respect-gitignore: true\nshow: all\nsuppress:\n- files: '*.md'\n  item: policy.data\n  reason: r\n"
    )
    assert invoke("config", "--no-config") == Run(
        0,
        f"# no configuration file found; defaults\n{EXCLUDES_SHOWN}fail-on: missing\nforce-exclude: false\n"
        "format: table\nlanguage: auto\nrespect-gitignore: true\nshow: all\n",
        "",
    )


def test_config_with_a_bad_file_is_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`ilo-check config` reports a bad configuration as the audit does: exit 2, one line."""
    (repo / "ilo-check.yaml").write_text("fail-under: 10\nrequire: [policy]\nbasline: b.json\n")
    assert run_main(capsys, "config") == (
        2,
        "",
        f"ilo-check: error: {repo / 'ilo-check.yaml'}:3:1: unknown key 'basline' (did you mean 'baseline'?)\n",
    )


# ── a real process ───────────────────────────────────────────────────────────────────────────────


def test_process_failing_gate_with_sarif_output(repo: Path) -> None:
    """As a process: a failed gate writes the SARIF file, prints nothing on stdout, and exits 1 with reasons."""
    run = run_process(
        "audit", "draft.md", "--fail-under", "60", "-f", "sarif", "-o", "ilo-check.sarif", cwd=repo
    )
    assert run == (1, "", GATE_60)
    assert json.loads((repo / "ilo-check.sarif").read_text())["version"] == "2.1.0"


def test_process_bad_baseline(repo: Path) -> None:
    """As a process: an invalid baseline is exit 2, nothing on stdout, one line with line and column."""
    (repo / "baseline.json").write_text('{"schema_version": 1,,}')
    assert run_process("audit", "draft.md", cwd=repo) == (
        2,
        "",
        f"ilo-check: error: {repo / 'baseline.json'}:1:22: not a baseline: invalid JSON: "
        "Expecting property name enclosed in double quotes\n",
    )


def test_process_unreadable_wins(repo: Path) -> None:
    """As a process: an unreadable submission's exit 2 wins over the failed gate's 1."""
    run = run_process(
        "audit", "draft.md", "gone.md", "--no-config", "--fail-under", "60", "-f", "json", cwd=repo
    )
    assert (run.code, run.err) == (2, "ilo-check: error: gone.md: no such file\n" + GATE_60)
    assert json.loads(run.out)["gate"]["passed"] is False


# ── the README's walk-through ────────────────────────────────────────────────────────────────────


def _readme_commands() -> list[str]:
    """The ilo-check commands of the README's "In CI" section, as written (comments dropped)."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## In CI", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"^\s*(?:- (?:run: )?)?(ilo-check [^#\n]*?)\s*(?:#.*)?$", section, flags=re.MULTILINE)
    return list(dict.fromkeys(found))


# What each command of the README does in a copy of fixtures/draft/, with its ilo-check.yaml:
# the exit code and a line that shows it did what the README says.
WALK_THROUGH = {
    "ilo-check audit draft.md --fail-under 80": (
        1,
        "ilo-check: gate failed: draft.md: score 29.7 is under 80",
    ),
    "ilo-check audit draft.md --fail-under-completeness 90": (
        1,
        "ilo-check: gate failed: draft.md: completeness 35.4 is under 90",
    ),
    "ilo-check audit draft.md --strict-baseline": (0, "Gate: passed"),
    "ilo-check audit draft.md --fail-under-area protection=70": (
        1,
        "ilo-check: gate failed: draft.md: area protection scores 33.3, under 70",
    ),
    "ilo-check audit draft.md --require ratification --require 'protection.*'": (
        1,
        "ilo-check: gate failed: draft.md: ratification.status is negative, and it is required; "
        "draft.md: protection.legal is missing, and it is required;",
    ),
    "ilo-check audit draft.md --require policy --fail-on gap": (0, "Gate: passed"),
    "ilo-check audit draft.md --baseline baseline.json": (0, "Gate: passed"),
    # Without the configuration's gate, whose requirements the scope would leave out (an error).
    "ilo-check audit draft.md --no-config --select 'prevention.*' --ignore prevention.due_diligence": (
        0,
        "Score: 20.0 / 100",
    ),
    "ilo-check baseline write baseline.json draft.md": (0, "ilo-check: wrote baseline baseline.json"),
    "ilo-check config": (0, "fail-under: 25"),
    "ilo-check audit draft.md": (0, "Gate: passed"),
    "ilo-check audit draft.md --fail-under 60": (1, GATE_60.rstrip("\n")),
    "ilo-check audit draft.md --show gaps": (0, "31 of 44 items are gaps"),
    "ilo-check audit drafts/report.md --format gitlab --output gl-code-quality-report.json": (0, ""),
}


def test_the_readme_shows_the_commands_tested_here() -> None:
    """Every ilo-check command in the README's CI section is one the walk-through test runs."""
    assert set(_readme_commands()) == set(WALK_THROUGH)


@pytest.mark.parametrize("command", list(WALK_THROUGH))
def test_the_readme_walk_through(repo: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    """Each README command, run in a copy of fixtures/draft/, exits as the README says, with its key output."""
    if "drafts/report.md" in command:
        (repo / "drafts").mkdir()
        shutil.copy(repo / "draft.md", repo / "drafts" / "report.md")
    code, out, err = run_main(capsys, *shlex.split(command)[1:])
    expected_code, shown = WALK_THROUGH[command]
    assert code == expected_code
    assert shown in out + err
    assert "error" not in err and "Traceback" not in err
    if code == 1:
        assert err.startswith("ilo-check: gate failed: ")
    if "--output" in command:
        assert out == "" and json.loads((repo / shlex.split(command)[-1]).read_text())


def test_the_readme_regression_walk_through(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Replacing the shelter sentence as the README says fails the gate on protection.accommodation and the score."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'Replace the shelter sentence with "A shelter for victims is planned."' in readme
    assert "protection.accommodation (reported -> partial)" in readme
    _edit(repo / "draft.md", regressed)
    code, out, err = run_main(capsys, "audit", "draft.md")
    assert (code, err) == (1, REGRESSION)
    assert "Gate: failed" in out


# ── the pre-commit hook ──────────────────────────────────────────────────────────────────────────


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook: dict[str, object] = hooks[0]
    return hook


def test_the_pre_commit_hook_is_declared() -> None:
    """.pre-commit-hooks.yaml parses and declares the ilo-check hook, a Python hook with an entry and files."""
    hook = _hook()
    assert (hook["id"], hook["language"]) == ("ilo-check", "python")
    assert hook["entry"] == "ilo-check audit --force-exclude --format concise --color never"


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("draft.md", True),
        ("drafts/report.md", True),
        ("fixtures/draft/draft.md", True),
        ("drafts/report-2025.yaml", True),
        ("README.md", False),
        ("notes/draft.pdf", False),
    ],
)
def test_the_pre_commit_hook_files(path: str, matches: bool) -> None:
    """The hook's `files` pattern takes drafts and reports, and leaves other files alone."""
    assert bool(re.search(str(_hook()["files"]), path)) is matches


def _entry() -> list[str]:
    """The hook's entry as pre-commit runs it: the installed ilo-check script, else python -m checker."""
    command = shlex.split(str(_hook()["entry"]))
    script = Path(sys.executable).with_name("ilo-check")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "checker"]
    return [*program, *command[1:]]


@pytest.mark.parametrize(("change", "code"), [(None, 0), (regressed, 1)])
def test_the_pre_commit_hook_runs(repo: Path, change: Callable[[str], str] | None, code: int) -> None:
    """The hook's entry audits the draft with the repository's gate and exits with the gate's code."""
    if change is not None:
        _edit(repo / "draft.md", change)
    completed = subprocess.run(
        [*_entry(), "draft.md"], capture_output=True, text=True, cwd=repo, env=os.environ, check=False
    )
    verdict = "gate failed" if code else "gate passed"
    assert completed.returncode == code
    assert re.search(rf"^draft\.md: score .*; {verdict}", completed.stdout, flags=re.MULTILINE)
    assert "\x1b[" not in completed.stdout
    assert completed.stderr == (REGRESSION if code else "")


def test_config_and_no_config_together_are_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Naming a configuration while turning configuration off is contradictory: exit 2, one line."""
    code, out, err = run_main(capsys, "audit", "draft.md", "--no-config", "--config", "ilo-check.yaml")
    assert (code, out, err) == (2, "", "ilo-check: error: --config and --no-config exclude each other\n")
