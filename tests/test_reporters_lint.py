"""The formats linters' users expect (github, gitlab, concise), the findings they share with SARIF, and the
views and citations of every format, on the gated draft of the CI formats' tests: golden files pin their
output (UPDATE_GOLDEN=1 rewrites them), GitHub's workflow commands read back to what they say, the GitLab
report validates against the fields GitLab reads, and a Word report's paragraph, table and row reach
every format."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import jsonschema
import pytest

from checker.engine import audit
from checker.model import AuditResult, DocumentAudit, RulePack, Status
from checker.readers import read
from checker.reporters import REPORTERS, RenderOptions, View, renderer
from checker.reporters.findings import fingerprint, message, relative_path, uri, verdict
from checker.reporters.github import escape_data, escape_property
from checker.schemas import schema
from tests.ci_support import DRAFT, improved, regressed
from tests.conftest import check_golden
from tests.test_reporters_ci import CONFIGURED, SOURCE, _gated

OPTIONS = RenderOptions(View.ALL, color=False, width=100, unicode=True)
REQUIRED_GAPS = {
    f"protection.{item}"
    for item in ("legal", "material", "rehabilitation", "privacy", "children", "migrants")
}
SUPPRESSED = {"promotion.activities", "technical_cooperation.offer"}


@pytest.fixture(scope="module")
def draft(pack: RulePack) -> DocumentAudit:
    """The CI formats' draft: drafts/draft.md, a shelter weakened to a plan, two gaps suppressed."""
    text = improved(regressed(DRAFT.read_text(encoding="utf-8")))
    return audit(read(SOURCE, text.encode()), pack, suppressions=[CONFIGURED])


@pytest.fixture(scope="module")
def result(pack: RulePack, draft: DocumentAudit) -> AuditResult:
    """The draft judged by the CI formats' failing gate."""
    return _gated(pack, draft)


def _render(output_format: str, result: AuditResult, pack: RulePack, view: View = View.ALL) -> str:
    return renderer(output_format)(result, pack, replace(OPTIONS, view=view))


GOLDENS = [
    ("draft.gate.github.txt", "github"),
    ("draft.gate.gitlab.json", "gitlab"),
    ("draft.gate.concise.txt", "concise"),
]


@pytest.mark.parametrize(("name", "output_format"), GOLDENS, ids=[golden[0] for golden in GOLDENS])
def test_golden(pack: RulePack, result: AuditResult, name: str, output_format: str) -> None:
    """The report of the gated draft matches its golden file, byte for byte."""
    check_golden(name, _render(output_format, result, pack))


@pytest.mark.parametrize("output_format", ["github", "gitlab", "concise"])
def test_machine_formats_are_plain(pack: RulePack, result: AuditResult, output_format: str) -> None:
    """The linters' formats hold no colour, no escape sequence and no padding, whatever the options."""
    text = renderer(output_format)(result, pack, RenderOptions(color=True, width=60))
    assert text == _render(output_format, result, pack)
    assert "\x1b" not in text and all(line == line.rstrip() for line in text.splitlines())


# ── the shared findings ──────────────────────────────────────────────────────────────────────────


def test_the_config_schema_knows_every_format() -> None:
    """ilo-check.yaml's `format` accepts exactly the formats --format offers."""
    assert schema("config")["properties"]["format"]["enum"] == list(REPORTERS)


def test_paths_are_relative_to_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path under the working directory is made relative with forward slashes; one outside is kept;
    SARIF's URI percent-encodes it."""
    monkeypatch.chdir(tmp_path)
    assert relative_path(str(tmp_path / "drafts" / "report 2025.md")) == "drafts/report 2025.md"
    assert relative_path("drafts/draft.md") == "drafts/draft.md"
    assert relative_path("/elsewhere/draft.md") == "/elsewhere/draft.md"
    assert uri(str(tmp_path / "drafts" / "report 2025.md")) == "drafts/report%202025.md"
    assert uri("/elsewhere/draft.md") == "file:///elsewhere/draft.md"


def test_sarif_and_gitlab_share_the_fingerprint(pack: RulePack, result: AuditResult) -> None:
    """A gap has one fingerprint, the shared function's, in SARIF and in the GitLab report alike."""
    sarif = json.loads(_render("sarif", result, pack))["runs"][0]["results"]
    gitlab = json.loads(_render("gitlab", result, pack))
    [document] = result.audits
    for item in gitlab:
        assert item["fingerprint"] == fingerprint(document, item["check_name"])
    for item in sarif:
        if item["ruleId"] in pack.item_ids:  # a gap's, not the gate's
            assert fingerprint(document, item["ruleId"]) in item["partialFingerprints"].values()


def test_the_verdict_of_several_reports(pack: RulePack, draft: DocumentAudit) -> None:
    """Several reports have a verdict line each, and the gate a line of its own."""
    other = replace(draft, source="drafts/other.md", score=12.0)
    passed = _gated(pack, draft)
    passed = replace(passed, audits=(draft, other), gate=replace(passed.gate, passed=True, failures=()))  # type: ignore[arg-type]
    assert verdict(passed) == [
        "drafts/draft.md: score 28.5, completeness 36.7 (28 missing, 3 negative, 2 partial; 2 suppressed); written in English",
        "drafts/other.md: score 12.0, completeness 36.7 (28 missing, 3 negative, 2 partial; 2 suppressed); written in English",
        "gate passed",
    ]


# ── GitHub ───────────────────────────────────────────────────────────────────────────────────────

_COMMAND = re.compile(r"::(?P<name>[a-z]+)(?: (?P<properties>[^:]*))?::(?P<data>.*)")


def _unescape(text: str) -> str:
    """What the runner reads back from escaped text."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Each line as the runner parses a workflow command: name, properties and message, unescaped."""
    parsed = []
    for line in text.splitlines():
        command = _COMMAND.fullmatch(line)
        assert command is not None, line
        properties = dict(_unescape_pair(pair) for pair in (command["properties"] or "").split(",") if pair)
        parsed.append((command["name"], properties, _unescape(command["data"])))
    return parsed


def _unescape_pair(pair: str) -> tuple[str, str]:
    key, _, value = pair.partition("=")
    return key, _unescape(value)


@pytest.mark.parametrize(
    ("text", "data", "property_"),
    [
        ("plain", "plain", "plain"),
        ("50% of 10", "50%25 of 10", "50%25 of 10"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("l. 3: a, b", "l. 3: a, b", "l. 3%3A a%2C b"),
        ("%0A", "%250A", "%250A"),  # an escape written in a report is not read back as a line break
    ],
)
def test_github_escapes_as_the_actions_toolkit(text: str, data: str, property_: str) -> None:
    """Messages escape %, CR and LF; properties also the colon and comma (the toolkit's escapeData and
    escapeProperty), per cent first."""
    assert (escape_data(text), escape_property(text)) == (data, property_)
    assert _unescape(escape_property(text)) == text


def test_github_annotates_each_gap_at_its_line(
    pack: RulePack, draft: DocumentAudit, result: AuditResult
) -> None:
    """Each unsuppressed gap is one annotation at its item's line: an error where the gate failed on the
    item, a warning where it is not answered, a notice where it is answered 'no'; titled with the item
    and its status, with the gap's message."""
    commands = _commands(_render("github", result, pack))
    annotations = [command for command in commands if "file" in command[1]]
    gaps = [f for f in draft.findings if f.status.is_gap and f.item_id not in SUPPRESSED]
    assert len(annotations) == len(gaps)
    for (name, properties, data), finding in zip(annotations, gaps, strict=True):
        expected = "notice" if finding.status is Status.NEGATIVE else "warning"
        assert name == ("error" if finding.item_id in REQUIRED_GAPS else expected)
        assert properties["file"] == SOURCE
        assert properties["title"] == f"ilo-check {finding.item_id} ({finding.status.value})"
        assert data == message(finding, pack.rule(finding.item_id))
    lines = {properties["title"].split()[1]: int(properties["line"]) for _, properties, _ in annotations}
    assert (lines["observations.employers"], lines["protection.legal"]) == (35, 237)


def test_github_ends_with_the_gate_and_the_verdict(pack: RulePack, result: AuditResult) -> None:
    """Each reason the gate failed is an error of its own, and a notice with the score ends the output."""
    assert result.gate is not None
    commands = _commands(_render("github", result, pack))
    reasons = [data for name, properties, data in commands if name == "error" and not properties]
    assert reasons == list(result.gate.failures)
    assert commands[-1] == (
        "notice",
        {},
        "drafts/draft.md: score 28.5, completeness 36.7 (28 missing, 3 negative, 2 partial; 2 suppressed); written in English; gate failed (8 reasons)",
    )


def test_github_without_a_gate_has_warnings_and_a_notice(pack: RulePack, draft: DocumentAudit) -> None:
    """Without a gate, every gap is a warning (a notice when answered 'no'), and the last notice gives the
    score alone."""
    commands = _commands(_render("github", AuditResult(pack.name, pack.version, (draft,)), pack))
    assert {name for name, _, _ in commands[:-1]} == {"warning", "notice"}
    assert commands[-1] == (
        "notice",
        {},
        "drafts/draft.md: score 28.5, completeness 36.7 (28 missing, 3 negative, 2 partial; 2 suppressed); written in English",
    )


def test_github_keeps_hostile_text_inside_its_command(pack: RulePack) -> None:
    """A file name with a comma, colon and line break, and a quote with a line break and '::', each stay
    inside the one command, and read back as they were."""
    source = "drafts/a,b:c\nd.md"
    text = b"# Draft\n\n### ratification.status\n\nNo: it has not ratified the Protocol of 2014 :: 50%.\n"
    result = AuditResult(pack.name, pack.version, (audit(read(source, text), pack),))
    output = _render("github", result, pack)
    commands = _commands(output)
    gaps = sum(finding.status.is_gap for finding in result.audits[0].findings)
    assert len(commands) == len(output.splitlines()) == gaps + 1
    [status] = [command for command in commands if "ratification.status" in command[1].get("title", "")]
    assert status[1]["file"] == source and status[1]["line"] == "3"
    assert "50%." in status[2]


# ── GitLab ───────────────────────────────────────────────────────────────────────────────────────

# The fields of a Code Quality report that GitLab reads (docs.gitlab.com/ci/testing/code_quality).
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def test_gitlab_is_a_code_quality_report(pack: RulePack, draft: DocumentAudit, result: AuditResult) -> None:
    """The report validates against the fields GitLab reads: an issue per unsuppressed gap, major where the
    gate failed on the item, minor where it is not answered, info where it is answered 'no'; each
    fingerprint its own."""
    issues: list[dict[str, Any]] = json.loads(_render("gitlab", result, pack))
    jsonschema.validate(issues, CODE_QUALITY)
    gaps = [f.item_id for f in draft.findings if f.status.is_gap and f.item_id not in SUPPRESSED]
    assert [issue["check_name"] for issue in issues] == gaps
    assert {issue["check_name"] for issue in issues if issue["severity"] == "major"} == REQUIRED_GAPS
    assert {issue["check_name"] for issue in issues if issue["severity"] == "info"} == {
        f.item_id for f in draft.findings if f.status is Status.NEGATIVE
    }
    assert {issue["severity"] for issue in issues} == {"major", "minor", "info"}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    legal = next(issue for issue in issues if issue["check_name"] == "protection.legal")
    assert legal["location"] == {"path": SOURCE, "lines": {"begin": 237}}
    assert legal["description"].startswith("protection.legal: Legal protection")


def test_gitlab_fingerprints_are_stable(pack: RulePack, draft: DocumentAudit) -> None:
    """An item's fingerprint stays the same from run to run, whatever else changes in the draft."""
    text = DRAFT.read_text(encoding="utf-8")
    before = json.loads(_render("gitlab", AuditResult(pack.name, pack.version, (draft,)), pack))
    again = audit(read(SOURCE, text.encode()), pack)
    after = json.loads(_render("gitlab", AuditResult(pack.name, pack.version, (again,)), pack))
    fingerprints = {issue["check_name"]: issue["fingerprint"] for issue in after}
    assert all(
        fingerprints[issue["check_name"]] == issue["fingerprint"]
        for issue in before
        if issue["check_name"] in fingerprints
    )


def test_gitlab_fingerprints_survive_a_renamed_draft(pack: RulePack, draft: DocumentAudit) -> None:
    """The same draft under another name keeps its issues' fingerprints: GitLab sees no new issue."""
    text = improved(regressed(DRAFT.read_text(encoding="utf-8")))
    moved = audit(read("drafts/renamed.md", text.encode()), pack, suppressions=[CONFIGURED])
    before = json.loads(_render("gitlab", AuditResult(pack.name, pack.version, (draft,)), pack))
    after = json.loads(_render("gitlab", AuditResult(pack.name, pack.version, (moved,)), pack))
    assert [issue["fingerprint"] for issue in after] == [issue["fingerprint"] for issue in before]
    assert {issue["location"]["path"] for issue in after} == {"drafts/renamed.md"}


def test_gitlab_with_no_gap_is_an_empty_array(pack: RulePack, draft: DocumentAudit) -> None:
    """A report with no gap is an empty array, which GitLab reads as no issue."""
    answered = replace(draft, findings=tuple(replace(f, status=Status.REPORTED) for f in draft.findings))
    assert _render("gitlab", AuditResult(pack.name, pack.version, (answered,)), pack) == "[]\n"


# ── concise ──────────────────────────────────────────────────────────────────────────────────────

_FINDING = re.compile(r"(?P<path>[^:]+):(?P<line>\d+): (?P<status>missing|negative|partial) (?P<item>\S+) .+")


def test_concise_is_a_line_per_gap_and_partial_then_the_verdict(
    pack: RulePack, draft: DocumentAudit, result: AuditResult
) -> None:
    """Every unsuppressed gap and partial item is one `PATH:LINE: status item label` line, in the order
    of the lines; reported items are not findings; the verdict ends it."""
    *lines, last = _render("concise", result, pack).splitlines()
    found = [_FINDING.fullmatch(line) for line in lines]
    assert all(found), lines
    shown = [
        f.item_id for f in draft.findings if f.status is not Status.REPORTED and f.item_id not in SUPPRESSED
    ]
    assert sorted(match["item"] for match in found if match) == sorted(shown)
    numbers = [int(match["line"]) for match in found if match]
    assert numbers == sorted(numbers)
    assert (
        "drafts/draft.md:281: partial protection.accommodation Appropriate accommodation for victims" in lines
    )
    assert (
        last
        == "drafts/draft.md: score 28.5, completeness 36.7 (28 missing, 3 negative, 2 partial; 2 suppressed); written in English; gate failed (8 reasons)"
    )


def test_concise_gaps_view_leaves_partial_out(pack: RulePack, result: AuditResult) -> None:
    """With --show gaps, the partial items are left out and the gaps remain."""
    every = _render("concise", result, pack).splitlines()
    gaps = _render("concise", result, pack, View.GAPS).splitlines()
    assert gaps == [line for line in every if " partial " not in line or line == every[-1]]


def test_concise_unmatched_view(pack: RulePack) -> None:
    """With --show unmatched, each sentence no rule recognised is a line at its own line, then the verdict."""
    text = b"Report.\n\nThe weather was fine in the capital all year.\n"
    document = audit(read("report.txt", text), pack, keep_unmatched=True)
    lines = _render(
        "concise", AuditResult(pack.name, pack.version, (document,)), pack, View.UNMATCHED
    ).splitlines()
    assert "report.txt:3: unmatched The weather was fine in the capital all year." in lines
    assert lines[-1].startswith("report.txt: score 0.0")


# ── views ────────────────────────────────────────────────────────────────────────────────────────


def test_markdown_gaps_view(pack: RulePack, result: AuditResult) -> None:
    """The Markdown gaps view keeps the verdict, each report's gaps and the gate, and leaves the scores and
    the matrix out."""
    every = _render("markdown", result, pack)
    gaps = _render("markdown", result, pack, View.GAPS)
    assert "**Gaps to fill (31):**" in gaps and "**Gate: failed.**" in gaps
    assert "<details>" not in gaps and "| Area | Score |" not in gaps
    assert gaps.startswith(every.split("\n\n")[0])


def test_markdown_unmatched_view(pack: RulePack) -> None:
    """The Markdown unmatched view lists each sentence no rule recognised with its citation."""
    text = b"Report.\n\nThe weather was fine in the capital all year.\n"
    document = audit(read("report.txt", text), pack, keep_unmatched=True)
    shown = _render("markdown", AuditResult(pack.name, pack.version, (document,)), pack, View.UNMATCHED)
    assert "- l. 3 The weather was fine in the capital all year." in shown
    assert "Gaps to fill" not in shown


def test_csv_gaps_view_keeps_only_the_gaps(pack: RulePack, draft: DocumentAudit, result: AuditResult) -> None:
    """The CSV gaps view has the same columns and only the rows of gaps, suppressed ones included."""
    rows = list(csv.DictReader(io.StringIO(_render("csv", result, pack, View.GAPS))))
    assert [row["item"] for row in rows] == [f.item_id for f in draft.findings if f.status.is_gap]
    assert {row["status"] for row in rows} == {"missing", "negative"}


@pytest.mark.parametrize("output_format", ["sarif", "github", "gitlab"])
def test_formats_of_gaps_are_the_same_in_the_gaps_view(
    pack: RulePack, result: AuditResult, output_format: str
) -> None:
    """SARIF, GitHub and GitLab show only gaps: the gaps view is what they already are."""
    assert _render(output_format, result, pack, View.GAPS) == _render(output_format, result, pack)


# ── citations of a Word report ───────────────────────────────────────────────────────────────────


def _word_report() -> bytes:
    """A Word report: a denial in a paragraph, a shelter in a label/answer table's row."""
    document = docx.Document()
    document.add_heading("Report of the Government of Estavia", level=0)  # paragraph 1
    document.add_paragraph("Forced labour is prohibited by the Constitution.")  # 2
    document.add_paragraph(
        "Estavia has not yet ratified the Protocol of 2014 to the Forced Labour Convention, 1930."
    )  # 3
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Appropriate accommodation"
    table.cell(
        0, 1
    ).text = "Two State shelters with 60 beds accommodated 47 victims of forced labour in 2024."
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def word(pack: RulePack) -> AuditResult:
    """The Word report, audited."""
    return AuditResult(pack.name, pack.version, (audit(read("report.docx", _word_report()), pack),))


def test_csv_cites_a_word_paragraph_table_and_row(pack: RulePack, word: AuditResult) -> None:
    """CSV keeps a Word report's citations, as JSON does: the paragraph of a sentence, the table and
    row of a cell."""
    rows = {row["item"]: row for row in csv.DictReader(io.StringIO(_render("csv", word, pack)))}
    data = {item["id"]: item for item in json.loads(_render("json", word, pack))["reports"][0]["items"]}
    for item in ("ratification.status", "protection.accommodation"):
        cited = data[item]["evidence"][0]
        assert {
            key: rows[item][f"evidence_{key}"] for key in ("paragraph", "table", "row", "line", "page")
        } == {key: str(cited.get(key) or "") for key in ("paragraph", "table", "row", "line", "page")}
    assert rows["ratification.status"]["evidence_paragraph"] == "3"
    assert (
        rows["protection.accommodation"]["evidence_table"],
        rows["protection.accommodation"]["evidence_row"],
    ) == ("1", "1")


@pytest.mark.parametrize("output_format", ["table", "markdown", "concise", "github", "gitlab"])
def test_every_human_and_linter_format_cites_a_word_paragraph(
    pack: RulePack, word: AuditResult, output_format: str
) -> None:
    """A gap cited by a Word paragraph carries the paragraph, not a line number it does not have."""
    assert "\u00b6 3" in _render(output_format, word, pack)
