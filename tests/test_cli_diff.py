"""`ilo-check diff OLD NEW` end to end: two versions of the walk-through draft (one item answered, one
denied) in every format, a compilation's report years, --fail-on-regression, and the errors, each one
line with exit 2. Exit code, stdout and stderr are asserted together."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from checker.model import RulePack
from checker.schemas import problems
from tests.ci_support import DRAFT, SHELTER, Run, invoke, run_main
from tests.conftest import COMPILATION_SEED, check_golden

pytestmark = pytest.mark.usefixtures("pack_once")

LEGAL_AID_HEADING = "### remedies.legal_aid — Free legal assistance\n"
LEGAL_AID = "The Legal Aid Bureau provided free legal assistance to 31 victims of forced labour in 2024."
NO_SHELTER = "No shelter is available for victims of forced labour."
# In the compilation's 2017 report, the last of the measures listed to protect victims.
MINUS = "\u2212"  # a score that fell, and a passage that disappeared
ACCOMMODATION_2017 = "protection of privacy and identity; and f) provision of accommodation \n\nfor victims."


def _answered(text: str) -> str:
    """The draft with free legal assistance answered: remedies.legal_aid missing -> reported."""
    end = text.index("-->", text.index(LEGAL_AID_HEADING)) + len("-->")
    return f"{text[:end]}\n\n{LEGAL_AID}\n{text[end:]}"


def _flat(text: str) -> str:
    """The text with runs of white space as one space, so that a phrase wrapped in a table cell is found."""
    return " ".join(text.split())


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory, with old.md (the walk-through draft), new.md (legal aid answered, the
    shelter denied) and better.md (legal aid answered only)."""
    old = DRAFT.read_text(encoding="utf-8")
    assert SHELTER in old
    (tmp_path / "old.md").write_text(old, encoding="utf-8")
    (tmp_path / "new.md").write_text(_answered(old).replace(SHELTER, NO_SHELTER), encoding="utf-8")
    (tmp_path / "better.md").write_text(_answered(old), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(run: Run) -> Any:
    """The JSON a successful run printed, valid against the diff schema."""
    assert (run.code, run.err) == (0, "")
    data = json.loads(run.out)
    assert problems("diff", data) == []
    return data


# ── formats ──────────────────────────────────────────────────────────────────────────────────────


def test_the_table_shows_what_changed(drafts: Path) -> None:
    """The table names each item that changed with its statuses, the evidence that appeared (+, cited in
    new.md) and disappeared (minus, in old.md), the scores that moved, and the summary; no colour in a
    pipe. It matches its golden file."""
    code, out, err = invoke("diff", "old.md", "new.md")
    assert (code, err) == (0, "")
    check_golden("diff.table.txt", out)
    lines = [_flat(line) for line in out.splitlines()]
    assert lines[0].startswith("old.md → new.md (rules p029 ")
    assert "protection.accommodation + ✘ l. 286 “No shelter is available for victims of forced" in lines
    assert "✔ reported → ✘ negative labour.”" in lines
    assert "· missing → ✔ reported assistance to 31 victims of forced labour in…”" in _flat(out)
    assert f"{MINUS} ✔ l. 286 “Two State shelters with 60 beds accommodated 47" in _flat(out)
    assert f"Protection of victims (Art. 3) 33.3 22.2 {MINUS}11.1" in _flat(out)
    assert "Completeness 35.4 38.0 +2.6" in _flat(out)
    assert f"+ appeared (cited in new.md) {MINUS} disappeared (cited in old.md)" in lines
    assert lines[-1] == "2 items changed: 1 fell, 1 rose; 42 unchanged. Score 29.7 → 29.7, unchanged."
    assert "\x1b[" not in out and "observations.workers" not in out


def test_the_table_is_coloured_on_request(drafts: Path) -> None:
    """--color always colours the table: a fallen item in red, the status it fell to in its colour."""
    code, out, _ = invoke("diff", "old.md", "new.md", "--color", "always")
    assert code == 0 and "\x1b[31m  protection.accommodation" in out


def test_markdown_golden(drafts: Path) -> None:
    """The Markdown comparison matches its golden file, byte for byte."""
    code, out, err = invoke("diff", "old.md", "new.md", "--format", "markdown")
    assert (code, err) == (0, "")
    check_golden("diff.md", out)


def test_json_golden_and_content(drafts: Path) -> None:
    """The JSON is valid against the diff schema, matches its golden file, and says exactly what changed:
    the two items with their statuses and the passages that appeared and disappeared, with their lines."""
    run = invoke("diff", "old.md", "new.md", "--format", "json")
    data = _json(run)
    check_golden("diff.json", run.out)
    shelter, legal_aid = data["items"]
    assert (shelter["id"], shelter["status"], shelter["regressed"]) == (
        "protection.accommodation",
        {"before": "reported", "after": "negative"},
        True,
    )
    assert [(said["line"], said["text"], said["status"]) for said in shelter["appeared"]] == [
        (286, NO_SHELTER, "negative")
    ]
    assert [(said["line"], said["text"]) for said in shelter["disappeared"]] == [(286, SHELTER)]
    assert (legal_aid["id"], legal_aid["status"]["after"], legal_aid["disappeared"]) == (
        "remedies.legal_aid",
        "reported",
        [],
    )
    assert (data["regressed"], data["unchanged"], data["score"]) == (
        True,
        42,
        {"before": 29.7, "after": 29.7},
    )
    protection = next(area for area in data["areas"] if area["id"] == "protection")
    assert (protection["before"], protection["after"]) == (33.3, 22.2)


def test_html_is_a_page_of_its_own(drafts: Path) -> None:
    """--format html writes one self-contained page: the items that changed, the passages quoted in
    full, escaped, their decisive words marked, with the report each is cited in, and the scores."""
    code, out, err = invoke("diff", "old.md", "new.md", "--format", "html")
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in out
    assert "<strong>Appeared</strong>" in out and "“No <mark>shelter</mark> is available" in out
    assert f"\u201c{NO_SHELTER}\u201d" in re.sub(r"<[^>]+>", "", out)
    assert "<cite>old.md, l. 286</cite>" in out and "<cite>new.md, l. 286</cite>" in out
    assert "<title>ilo-check diff: old.md → new.md</title>" in out
    assert "2 items changed: 1 fell, 1 rose; 42 unchanged." in out


def test_output_is_written_to_a_file(drafts: Path) -> None:
    """--output writes the comparison to the file and nothing to stdout."""
    code, out, err = invoke("diff", "old.md", "new.md", "--format", "json", "--output", "diff.json")
    assert (code, out, err) == (0, "", "")
    assert json.loads((drafts / "diff.json").read_text(encoding="utf-8"))["after"]["source"] == "new.md"


# ── what moved ───────────────────────────────────────────────────────────────────────────────────


def test_a_report_against_itself_has_no_change(drafts: Path) -> None:
    """OLD and NEW may be the same file: nothing changed, exit 0 even with --fail-on-regression."""
    code, out, err = invoke("diff", "old.md", "old.md", "--fail-on-regression")
    assert (code, err) == (0, "")
    assert out.rstrip().endswith("No item changed (44 items). Score 29.7 → 29.7, unchanged.")


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [("old.md", "new.md", 1), ("old.md", "better.md", 0), ("better.md", "old.md", 1)],
    ids=["a status fell", "only better", "an answer removed"],
)
def test_fail_on_regression(drafts: Path, old: str, new: str, code: int) -> None:
    """--fail-on-regression exits 1 when an item's status or a score fell, 0 when nothing did; without
    it, a regression exits 0."""
    assert invoke("diff", old, new, "--fail-on-regression", "--format", "json").code == code
    assert invoke("diff", old, new, "--format", "json").code == 0


def test_compilations_compare_their_report_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two versions of the 2017-2018 compilation, the 2017 report's accommodation left out: the item
    stays reported overall (2018 says it) but fell in 2017, and so did the 2017 score: a regression."""
    text = COMPILATION_SEED.read_text(encoding="utf-8")
    assert ACCOMMODATION_2017 in text
    shutil.copy(COMPILATION_SEED, tmp_path / "2018.txt")
    edited = text.replace(ACCOMMODATION_2017, "protection of privacy and identity.")
    (tmp_path / "2018-reviewed.txt").write_text(edited, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = _json(invoke("diff", "2018.txt", "2018-reviewed.txt", "--format", "json"))
    accommodation = next(item for item in data["items"] if item["id"] == "protection.accommodation")
    assert accommodation["status"] == {"before": "reported", "after": "reported"}
    assert accommodation["by_year"] == [{"year": "2017", "before": "reported", "after": "missing"}]
    assert [said["text"] for said in accommodation["disappeared"]] == [
        "f) provision of accommodation for victims."
    ]
    assert data["years"] == [
        {"year": "2017", "before": 59.5, "after": 57.0},
        {"year": "2018", "before": 78.5, "after": 78.5},
    ]
    code, out, _ = invoke("diff", "2018.txt", "2018-reviewed.txt", "--fail-on-regression")
    assert code == 1 and "    2017 ✔ → ·\n" in out and f"Score in 2017 59.5 57.0 {MINUS}2.5" in _flat(out)


# ── saved results ────────────────────────────────────────────────────────────────────────────────


def test_a_saved_result_stands_for_its_report(drafts: Path) -> None:
    """A result saved by `audit --format json` compares as the report it was audited from: the same
    comparison, byte for byte, as with the report itself."""
    assert invoke("audit", "old.md", "--format", "json", "--output", "old.json").code == 0
    from_report = invoke("diff", "old.md", "new.md", "--format", "json")
    assert invoke("diff", "old.json", "new.md", "--format", "json") == from_report
    assert invoke("diff", "new.md", "old.json", "--fail-on-regression").code == 1


def test_a_saved_result_of_other_rules_is_told(drafts: Path, pack: RulePack) -> None:
    """A saved result audited with other rules is compared, with a warning that a change may come from
    the rules."""
    assert invoke("audit", "old.md", "--format", "json", "--output", "old.json").code == 0
    saved = json.loads((drafts / "old.json").read_text(encoding="utf-8"))
    saved["rules"]["version"] = "0.9.0"
    (drafts / "old.json").write_text(json.dumps(saved), encoding="utf-8")
    code, _, err = invoke("diff", "old.json", "old.md")
    assert (code, err) == (
        0,
        "ilo-check: warning: old.json: the saved result was audited with rules p029 0.9.0, this run with "
        f"p029 {pack.version}: a change may come from the rules, not from the report\n",
    )


def test_a_structured_draft_in_json_is_audited(drafts: Path) -> None:
    """A JSON file with answers is a structured draft, audited as a report, not a saved result."""
    draft = {"country": "Examplestan", "answers": {"remedies.legal_aid": {"text": LEGAL_AID}}}
    (drafts / "draft.json").write_text(json.dumps(draft), encoding="utf-8")
    data = _json(invoke("diff", "old.md", "draft.json", "--format", "json"))
    assert data["after"]["kind"] == "structured"


def test_a_saved_result_of_several_reports_is_refused(
    drafts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A saved result of two reports does not say which to compare: one line, exit 2."""
    assert invoke("audit", "old.md", "new.md", "--format", "json", "--output", "both.json").code == 0
    assert run_main(capsys, "diff", "both.json", "new.md") == (
        2,
        "",
        "ilo-check: error: both.json: the saved result holds 2 reports, not one (compare one)\n",
    )


# ── errors ───────────────────────────────────────────────────────────────────────────────────────


def test_the_output_may_not_be_an_input(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--output naming OLD or NEW is refused in one line, exit 2, and the report is left as it was."""
    before = (drafts / "new.md").read_bytes()
    code, out, err = run_main(capsys, "diff", "old.md", "new.md", "--output", "new.md")
    assert (code, out) == (2, "")
    assert (
        err
        == "ilo-check: error: new.md: is a report being audited; not overwritten (write the result elsewhere)\n"
    )
    assert (drafts / "new.md").read_bytes() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("old.md", "gone.md"), "gone.md: no such file"),
        (("gone.md", "new.md"), "gone.md: no such file"),
        (("old.md", "."), ".: diff compares two files, not a folder (name one report)"),
        (("-", "new.md"), "-: no such file (diff reads two files, not standard input)"),
        (("old.md",), "Missing argument 'NEW'. (see 'ilo-check diff --help')"),
    ],
    ids=["NEW missing", "OLD missing", "a folder", "standard input", "one report"],
)
def test_errors_are_one_line(
    drafts: Path, capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...], message: str
) -> None:
    """A missing file is named, a folder is refused, a report alone is a usage error: one line, exit 2."""
    assert run_main(capsys, "diff", *arguments) == (2, "", f"ilo-check: error: {message}\n")


def test_the_diff_schema_is_printed() -> None:
    """`ilo-check schema --kind diff` prints the schema the JSON follows."""
    code, out, err = invoke("schema", "--kind", "diff")
    assert (code, err) == (0, "")
    assert json.loads(out)["title"] == "ilo-check diff"
