"""What linters' users expect of the command line: every format with every view (honoured or refused in
one line, never ignored), -q for the verdict alone, and shell completion of item ids. Exit code, stdout
and stderr are asserted together."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.model import RulePack
from checker.reporters import REPORTERS, View
from tests.ci_support import invoke, run_main
from tests.conftest import COMPILATION_SEED, NARRATIVE_SEED, ROOT

VERDICT = "draft.md: score 29.7, completeness 35.4 (29 missing, 2 negative, 1 partial; 2 suppressed); written in English"


pytestmark = pytest.mark.usefixtures("pack_once")


# ── every format with every view ─────────────────────────────────────────────────────────────────

WEATHER = "The weather was fine in the capital all year."

# What each format does with each view other than all: "honoured" (with a check of the output), or the
# formats that refuse it.
HONOURED = {
    ("table", "gaps"): lambda out: "31 of 44 items are gaps" in out and "Overall" not in out,
    ("table", "unmatched"): lambda out: f"l. 1 {WEATHER}" in out,
    ("markdown", "gaps"): lambda out: "**Gaps to fill (31):**" in out and "<details>" not in out,
    ("markdown", "unmatched"): lambda out: f"- l. 1 {WEATHER}" in out and "Gaps" not in out,
    ("csv", "gaps"): lambda out: (
        {row["status"] for row in csv.DictReader(io.StringIO(out))} == {"missing", "negative"}
    ),
    ("sarif", "gaps"): lambda out: len(json.loads(out)["runs"][0]["results"]) == 31,
    ("github", "gaps"): lambda out: out.count("::warning ") + out.count("::notice file=") == 30,
    ("gitlab", "gaps"): lambda out: len(json.loads(out)) == 30,
    ("html", "gaps"): lambda out: (
        "31 of 44 items" in out
        and all(
            " hidden>" in row for row in re.findall(r'<tr [^>]*data-status="(?:reported|partial)"[^>]*>', out)
        )
    ),
    ("concise", "gaps"): lambda out: ": partial " not in out and out.count(": missing ") == 28,
    ("concise", "unmatched"): lambda out: (
        out.startswith(f"draft.md:1: unmatched {WEATHER}\n")
        and out.splitlines()[-1].startswith("draft.md: score")
    ),
}
# Formats of gaps show the same whether asked for all or for the gaps.
SAME = {("sarif", "gaps"), ("github", "gaps"), ("gitlab", "gaps")}
CASES = [(name, view.value) for name in REPORTERS for view in View if view is not View.ALL]


@pytest.mark.parametrize(("output_format", "view"), CASES, ids=[f"{f}-{v}" for f, v in CASES])
def test_every_format_honours_or_refuses_every_view(
    repo: Path, capsys: pytest.CaptureFixture[str], output_format: str, view: str
) -> None:
    """--show gaps and --show unmatched are honoured by a format that can show them, and refused by the
    others in one line naming the views it shows (exit 2): never silently ignored."""
    draft = repo / "draft.md"
    draft.write_text(f"{WEATHER}\n\n{draft.read_text()}")  # a sentence no rule recognises
    code, out, err = run_main(capsys, "audit", "draft.md", "--no-config", "-f", output_format, "--show", view)
    check = HONOURED.get((output_format, view))
    if check is None:
        assert (code, out) == (2, "")
        assert err.startswith(
            f"ilo-check: error: --show {view} is not available with --format {output_format}"
        )
        return
    assert (code, err) == (0, "")
    assert check(out), out[:2000]
    every = invoke("audit", "draft.md", "--no-config", "-f", output_format).out
    assert (out == every) is ((output_format, view) in SAME)


@pytest.mark.parametrize(
    ("output_format", "view", "shows"),
    [
        ("json", "gaps", "all"),
        ("junit", "unmatched", "all"),
        ("csv", "unmatched", "all, gaps"),
        ("github", "unmatched", "all, gaps"),
    ],
)
def test_a_refused_view_is_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str], output_format: str, view: str, shows: str
) -> None:
    """A view a format cannot show is refused in one line that names the views it can."""
    assert run_main(capsys, "audit", "draft.md", "--no-config", "-f", output_format, "--show", view) == (
        2,
        "",
        f"ilo-check: error: --show {view} is not available with --format {output_format} "
        f"(--format {output_format} shows: {shows})\n",
    )


def test_a_view_from_the_configuration_is_refused_too(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A view set in ilo-check.yaml that the format given cannot show is refused the same way."""
    (repo / "ilo-check.yaml").write_text("show: unmatched\n")
    code, out, err = run_main(capsys, "audit", "draft.md", "-f", "json")
    assert (code, out) == (2, "") and err.startswith("ilo-check: error: --show unmatched is not available")


# ── -q ───────────────────────────────────────────────────────────────────────────────────────────


def test_quiet_prints_the_verdict_alone(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-q prints one line, the report's score, completeness and the gate's decision, and nothing else: the
    line the README shows."""
    assert run_main(capsys, "audit", "draft.md", "-q") == (0, f"{VERDICT}; gate passed\n", "")
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"`{VERDICT}; gate passed`" in readme


def test_quiet_keeps_the_exit_code_and_tells_the_failures_once(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a failing gate, -q exits 1 and its one line gives the reasons; stderr does not repeat them."""
    assert run_main(capsys, "audit", "draft.md", "--no-config", "--fail-under", "60", "-q") == (
        1,
        f"{VERDICT.replace('; 2 suppressed', '; 1 suppressed')}; gate failed: draft.md: score 29.7 is under 60\n",
        "",
    )


def test_quiet_without_a_gate_gives_the_score(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without a gate, the verdict is the score and the counts alone."""
    code, out, err = run_main(capsys, "audit", "draft.md", "--no-config", "--quiet")
    assert (code, out, err) == (0, VERDICT.replace("; 2 suppressed", "; 1 suppressed") + "\n", "")


def test_quiet_with_output_writes_the_report_and_prints_the_verdict(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-q with --output writes the report in the format asked to the file, and the verdict to stdout."""
    code, out, err = run_main(capsys, "audit", "draft.md", "-q", "-f", "json", "-o", "result.json")
    assert (code, out, err) == (0, f"{VERDICT}; gate passed\n", "")
    assert json.loads((repo / "result.json").read_text())["reports"][0]["source"] == "draft.md"


@pytest.mark.parametrize(
    ("options", "unused"),
    [
        (("-f", "json"), "--format json"),
        (("--show", "gaps"), "--show gaps"),
        (("-f", "concise", "--show", "gaps"), "--format concise and --show gaps"),
    ],
)
def test_quiet_refuses_what_it_would_leave_unused(
    repo: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], unused: str
) -> None:
    """-q with a --format or --show and no --output would show none of them: refused in one line, exit 2."""
    assert run_main(capsys, "audit", "draft.md", "-q", *options) == (
        2,
        "",
        f"ilo-check: error: -q prints only the verdict: the report that {unused} shape is not shown "
        "(give --output FILE to write the report as well, or leave -q out)\n",
    )


def test_quiet_overrides_a_configured_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A format set in the configuration is a default, which -q replaces without complaint."""
    (repo / "ilo-check.yaml").write_text("format: sarif\n")
    assert run_main(capsys, "audit", "draft.md", "-q") == (
        0,
        VERDICT.replace("; 2 suppressed", "; 1 suppressed") + "\n",
        "",
    )


def test_quiet_with_several_reports(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several reports have a line each, then the gate's."""
    (repo / "copy.md").write_text((repo / "draft.md").read_text())
    code, out, err = run_main(
        capsys, "audit", "draft.md", "copy.md", "--no-config", "--fail-under", "10", "-q"
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("draft.md: score 29.7")
    assert out.splitlines()[1].startswith("copy.md: score 29.7")
    assert out.splitlines()[2:] == ["gate passed"]


# ── several reports, the spreadsheet, citations and labels ───────────────────────────────────────


def word_report(path: Path) -> Path:
    """A Word report at `path`: a heading, a paragraph, and a label/answer table, as governments send."""
    import docx

    document = docx.Document()
    document.add_heading("Protection of victims", level=1)  # paragraph 1
    document.add_paragraph("Courts awarded compensation to 19 victims of forced labour in 2023.")  # 2
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = (
        "Legal assistance",
        "Victims of forced labour receive free legal aid.",
    )
    table.cell(1, 0).text, table.cell(1, 1).text = (
        "Appropriate accommodation",
        "Two State shelters with 60 beds house victims of trafficking.",
    )
    document.save(str(path))
    return path


def test_a_batch_tallies_each_item_and_names_the_most_missing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three reports side by side end with each item's tally across them (R/P/N/M) and the items most of
    them leave missing."""
    code, out, err = run_main(
        capsys, "audit", "draft.md", str(COMPILATION_SEED), str(NARRATIVE_SEED), "--no-config"
    )
    assert (code, err) == (0, "")
    header = next(line for line in out.splitlines() if line.startswith("Item"))
    assert header.endswith("R/P/N/M")
    tallied = [
        line.split()[-1]
        for line in out.splitlines()
        if line.startswith("  ") and line.split()[-1].count("/") == 3
    ]
    assert len(tallied) == 44
    assert all(sum(int(count) for count in tally.split("/")) == 3 for tally in tallied)
    assert "R/P/N/M: how many of the 3 reports give the item reported/partial/negative/missing." in out
    assert "Most often missing: " in out


def test_xlsx_is_written_to_a_file_with_a_word_reports_citations(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format xlsx -o writes a workbook: the matrix, evidence cited by a Word report's paragraph or
    table row, scores, and the panel of the reports."""
    word_report(repo / "report.docx")
    code, out, err = run_main(
        capsys, "audit", "report.docx", "draft.md", "--no-config", "-f", "xlsx", "-o", "out.xlsx"
    )
    assert (code, out, err) == (0, "", "")
    book = openpyxl.load_workbook(repo / "out.xlsx")
    assert book.sheetnames == ["Matrix", "Evidence", "Scores", "Panel"]
    rows = list(book["Evidence"].iter_rows(values_only=True))
    named = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    cited = {
        (row["Item"], row["Paragraph"], row["Table"], row["Row"], row["Section"])
        for row in named
        if row["File"] == "report.docx" and row["Quote"]
    }
    assert ("remedies.compensation", 2, None, None, "Protection of victims") in cited
    assert ("protection.accommodation", None, 1, 2, "Appropriate accommodation") in cited
    assert ("remedies.legal_aid", None, 1, 1, "Legal assistance") in cited


def test_xlsx_is_not_written_to_a_terminal(repo: Path) -> None:
    """A spreadsheet asked for on a terminal is refused in one line (exit 2): its bytes would be noise."""
    import pty

    terminal, child = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "checker", "audit", "draft.md", "--no-config", "-f", "xlsx"],
            stdout=child,
            stderr=subprocess.PIPE,
            text=True,
            cwd=repo,
            check=False,
        )
    finally:
        os.close(child)
        os.close(terminal)
    assert (done.returncode, done.stderr) == (
        2,
        "ilo-check: error: stdout: is a binary format; not written to a terminal (give --output FILE)\n",
    )


def test_csv_cites_a_word_reports_paragraph_table_row_and_section(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CSV cites a Word report's evidence by paragraph, or by table and row, and the section it is in."""
    word_report(repo / "report.docx")
    code, out, err = run_main(capsys, "audit", "report.docx", "--no-config", "-f", "csv")
    assert (code, err) == (0, "")
    rows = {row["item"]: row for row in csv.DictReader(io.StringIO(out))}
    cited = {
        item: tuple(
            rows[item][f"evidence_{column}"] for column in ("line", "paragraph", "table", "row", "section")
        )
        for item in ("remedies.compensation", "protection.accommodation", "remedies.legal_aid")
    }
    assert cited == {
        "remedies.compensation": ("", "2", "", "", "Protection of victims"),
        "protection.accommodation": ("", "", "1", "2", "Appropriate accommodation"),
        "remedies.legal_aid": ("", "", "1", "1", "Legal assistance"),
    }


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_a_label_names_a_reports_column(
    repo: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    """--label FILE=NAME heads the report's column with NAME, however FILE is written (./draft.md)."""
    code, out, err = run_main(
        capsys,
        "audit",
        "draft.md",
        str(COMPILATION_SEED),
        "--no-config",
        "-f",
        output_format,
        "--label",
        "./draft.md=Estavia",
    )
    assert (code, err) == (0, "")
    assert ("Estavia: draft.md" if output_format == "table" else "- **Estavia**: `draft.md`") in out
    assert "Examplestan 2025" not in out.split("side by side")[-1]


@pytest.mark.parametrize(
    ("label", "told"),
    [
        ("other.md=Estavia", "other.md: --label names a report not audited (audited: draft.md)"),
        ("draft.md", "--label 'draft.md' is not FILE=NAME (e.g. --label draft.md=Estavia)"),
        ("draft.md=", "--label 'draft.md=' is not FILE=NAME (e.g. --label draft.md=Estavia)"),
    ],
)
def test_a_wrong_label_is_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str], label: str, told: str
) -> None:
    """A label that names no report audited, or is not FILE=NAME, is refused in one line (exit 2)."""
    (repo / "other.md").write_text("Nothing.\n")
    assert run_main(capsys, "audit", "draft.md", "--no-config", "--label", label) == (
        2,
        "",
        f"ilo-check: error: {told}\n",
    )


# ── shell completion ─────────────────────────────────────────────────────────────────────────────


def _complete(*words: str) -> list[str]:
    """What bash completion offers for the last of `words` (click's bash protocol: type,value a line)."""
    line = ["ilo-check", *words]
    result = CliRunner().invoke(
        cli,
        [],
        prog_name="ilo-check",
        env={
            "_ILO_CHECK_COMPLETE": "bash_complete",
            "COMP_WORDS": " ".join(line),
            "COMP_CWORD": str(len(line) - 1),
        },
    )
    assert (result.exit_code == 0 and result.exception is None) or isinstance(result.exception, SystemExit)
    return [entry.split(",", 1)[1] for entry in result.output.splitlines() if entry]


@pytest.mark.parametrize(
    "words",
    [
        ("rules", "show", "ratif"),
        ("explain", "draft.md", "ratif"),
        ("rules", "test", "--item", "ratif"),
        ("audit", "draft.md", "--select", "ratif"),
        ("audit", "draft.md", "--require", "ratif"),
    ],
    ids=["rules show", "explain", "rules test --item", "--select", "--require"],
)
def test_item_ids_are_completed(words: tuple[str, ...]) -> None:
    """Every argument or option that takes an item id completes the pack's ids."""
    assert "ratification.status" in _complete(*words)


def test_scope_options_complete_areas_too() -> None:
    """--select, --ignore and --require take areas as well, and complete them; ITEM arguments do not."""
    assert {"protection", "protection.legal"} <= set(_complete("audit", "d.md", "--ignore", "protection"))
    assert "protection" not in _complete("rules", "show", "protection")
    assert _complete("rules", "show", "protection.leg") == ["protection.legal"]


def test_completion_uses_the_rules_given(tmp_path: Path, pack: RulePack) -> None:
    """The --rules given before the word completes from that pack; a broken pack completes nothing,
    without an error."""
    (tmp_path / "pack.yaml").write_text("not: a pack\n")
    assert _complete("rules", "show", "--rules", str(tmp_path), "ratif") == []
    assert _complete("rules", "show", "--rules", str(tmp_path / "missing"), "ratif") == []


def test_bash_completion_script_is_documented_and_works() -> None:
    """`_ILO_CHECK_COMPLETE=bash_source ilo-check` prints the script the README tells users to source."""
    completed = subprocess.run(
        [sys.executable, "-m", "checker"],
        capture_output=True,
        text=True,
        env={**os.environ, "_ILO_CHECK_COMPLETE": "bash_source"},
        check=False,
    )
    assert completed.returncode == 0 and completed.stderr == ""
    assert "complete -o nosort -F _ilo_check_completion ilo-check" in completed.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_ILO_CHECK_COMPLETE=bash_source ilo-check)"' in readme
