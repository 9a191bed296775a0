"""`ilo-check compile REPORT` end to end: the baseline in Markdown on stdout or in Word to a file, errors
in one line, the report's language in the labels, and the acceptance test: auditing the baseline gives
the statuses of the report it was drafted from, per item, overall and per report year, for both seeds
and every labelled report, in both formats. Exit code, stdout and stderr are asserted together."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import docx
import pytest

from checker.engine import audit
from checker.model import DocumentAudit, DocumentKind, RulePack
from checker.readers import read_file
from tests.ci_support import invoke, run_main
from tests.conftest import COMPILATION_SEED, FIXTURES, GOLDEN, NARRATIVE_SEED, ROOT

pytestmark = pytest.mark.usefixtures("pack_once")

LABELLED = sorted(
    path for path in (FIXTURES / "labelled").glob("*.txt") if path.with_suffix(".labels.yaml").exists()
)
REPORTS = [COMPILATION_SEED, NARRATIVE_SEED, *LABELLED]
FRENCH = FIXTURES / "labelled" / "govreport_fr_valdorie_2023.txt"
SPANISH = FIXTURES / "labelled" / "govreport_es_montealto_2023.txt"
SUFFIXES = {"markdown": ".md", "docx": ".docx"}


@pytest.fixture(autouse=True)
def _from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@cache
def _audited(path: Path, pack: RulePack) -> DocumentAudit:
    return audit(read_file(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)), pack)


def _statuses(audit: DocumentAudit) -> dict[str, str]:
    """Each item's status, with its status in each report year where the report has years."""
    return {
        finding.item_id: finding.status.value
        + (
            " ["
            + ", ".join(f"{year} {status.value}" for year, status in sorted(finding.by_year.items()))
            + "]"
            if finding.by_year
            else ""
        )
        for finding in audit.findings
    }


CASES = [(path, name) for path in REPORTS for name in SUFFIXES]


@pytest.mark.parametrize(
    ("report", "output_format"), CASES, ids=[f"{path.name}-{name}" for path, name in CASES]
)
def test_the_baseline_audits_back_to_the_report(
    pack: RulePack, tmp_path: Path, report: Path, output_format: str
) -> None:
    """Auditing the baseline gives the report's statuses, item by item, overall and per report year, and
    the report's years: in Markdown and in Word alike, it is read as the ILO compilation it is."""
    target = tmp_path / f"baseline{SUFFIXES[output_format]}"
    run = invoke("compile", str(report.relative_to(ROOT)), "--format", output_format, "-o", str(target))
    assert (run.code, run.out, run.err) == (0, "", f"ilo-check: wrote {target}\n")
    before, after = _audited(report, pack), _audited(target, pack)
    differences = {
        item: (was, now)
        for (item, was), now in zip(_statuses(before).items(), _statuses(after).values(), strict=True)
        if was != now
    }
    assert differences == {}
    assert after.years == before.years
    assert after.kind is DocumentKind.COMPILATION


def test_markdown_goes_to_stdout(pack: RulePack) -> None:
    """Without --output, the Markdown baseline is written on stdout, and nothing on stderr."""
    run = invoke("compile", str(NARRATIVE_SEED.relative_to(ROOT)))
    assert (run.code, run.err) == (0, "")
    assert run.out == (GOLDEN / "000.baseline.md").read_text(encoding="utf-8")


def test_an_output_named_docx_is_a_word_document(pack: RulePack, tmp_path: Path) -> None:
    """-o baseline.docx without --format writes Word: the form's table, its labels beside the answers."""
    target = tmp_path / "baseline.docx"
    run = invoke("compile", str(COMPILATION_SEED.relative_to(ROOT)), "-o", str(target))
    assert (run.code, run.out, run.err) == (0, "", f"ilo-check: wrote {target}\n")
    document = docx.Document(io.BytesIO(target.read_bytes()))
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert labels[:3] == [
        "REPORTING",
        "Fulfilment of Government's reporting obligations",
        "Involvement of Employers' and Workers' organizations in the reporting process",
    ]


def test_format_markdown_wins_over_the_output_name(pack: RulePack, tmp_path: Path) -> None:
    """--format markdown writes Markdown even to a file named .docx."""
    target = tmp_path / "baseline.docx"
    run = invoke("compile", str(NARRATIVE_SEED.relative_to(ROOT)), "--format", "markdown", "-o", str(target))
    assert (run.code, run.out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("COUNTRY BASELINE\n")


@pytest.mark.parametrize(
    ("report", "labels"),
    [
        (
            FRENCH,
            [
                "DONNÉES DE RÉFÉRENCE PAR PAYS",
                "ÉTABLISSEMENT DES RAPPORTS",
                "Situation de la ratification",
                "Mesures prises ou envisagées pour protéger les victimes du travail forcé",
            ],
        ),
        (
            SPANISH,
            [
                "LÍNEA DE BASE POR PAÍS",
                "PRESENTACIÓN DE MEMORIAS",
                "Situación de la ratificación",
                "Medidas adoptadas o previstas para proteger a las víctimas del trabajo forzoso",
            ],
        ),
    ],
    ids=["french", "spanish"],
)
def test_a_report_in_french_or_spanish_gets_its_labels(
    pack: RulePack, report: Path, labels: list[str]
) -> None:
    """A French report's baseline is labelled in French, a Spanish one's in Spanish, line for line."""
    run = invoke("compile", str(report.relative_to(ROOT)))
    assert (run.code, run.err) == (0, "")
    lines = run.out.splitlines()
    assert all(label in lines for label in labels)
    assert "Ratification status" not in lines


def test_language_forces_the_labels(pack: RulePack) -> None:
    """--language says what the report is written in, and so the labels' language."""
    run = invoke("compile", str(NARRATIVE_SEED.relative_to(ROOT)), "--language", "fr")
    assert (run.code, run.err) == (0, "")
    assert run.out.startswith("DONNÉES DE RÉFÉRENCE PAR PAYS\n")


@pytest.mark.parametrize(
    ("arguments", "told"),
    [
        (
            ["fixtures/seeds"],
            "ilo-check: error: fixtures/seeds: compile needs one report, not a folder (name one report in it)\n",
        ),
        (
            ["fixtures/seeds/*.txt"],
            "ilo-check: error: fixtures/seeds/*.txt: names 2 reports; a baseline is drafted from one (name one of them)\n",
        ),
        (["no-such-report.txt"], "ilo-check: error: no-such-report.txt: no such file\n"),
        (
            [str(NARRATIVE_SEED.relative_to(ROOT)), "-o", str(NARRATIVE_SEED.relative_to(ROOT))],
            f"ilo-check: error: {NARRATIVE_SEED.relative_to(ROOT)}: is a report being audited; not overwritten (write the result elsewhere)\n",
        ),
        ([str(NARRATIVE_SEED.relative_to(ROOT)), "--format", "pdf"], None),
    ],
    ids=["folder", "pattern", "missing", "over-the-report", "unknown-format"],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], arguments: list[str], told: str | None
) -> None:
    """A folder, a pattern naming several reports, a missing report, an output over the report and an
    unknown format are each refused in one line, exit 2, nothing on stdout."""
    run = run_main(capsys, "compile", *arguments)
    assert (run.code, run.out) == (2, "")
    assert run.err.count("\n") == 1
    if told is not None:
        assert run.err == told
    else:
        assert "'pdf' is not one of 'markdown', 'docx'" in run.err


def test_docx_is_not_written_to_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Word baseline to a terminal is refused in one line, exit 2: give --output."""
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    run = run_main(capsys, "compile", str(NARRATIVE_SEED.relative_to(ROOT)), "--format", "docx")
    assert (run.code, run.out) == (2, "")
    assert (
        run.err
        == "ilo-check: error: stdout: is a binary format; not written to a terminal (give --output FILE)\n"
    )


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """compile --help shows its usage, its formats and examples."""
    run = run_main(capsys, "compile", "--help")
    assert (run.code, run.err) == (0, "")
    assert "Usage: ilo-check compile [OPTIONS] REPORT" in run.out
    assert "[markdown|docx]" in run.out and "ilo-check compile report.pdf -o baseline.docx" in run.out


def test_an_item_the_form_does_not_ask_for_is_left_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With a second pack (national items, which the ILO's form has no field for), the baseline is the
    form's: its items answered, the national item nowhere."""
    from checker.rules import bundled_pack_dir
    from tests.test_rules import _extension

    report = tmp_path / "report.txt"
    report.write_text(
        "The national referral mechanism referred 40 victims of trafficking in 2024, and a shelter for "
        "victims of forced labour opened in the capital.\n",
        encoding="utf-8",
    )
    rules = ["--rules", str(bundled_pack_dir()), "--rules", str(_extension(tmp_path))]
    run = run_main(capsys, "compile", str(report), *rules)
    assert (run.code, run.err) == (0, "")
    lines = run.out.splitlines()
    at = lines.index("Measures taken or envisaged to protect victims of forced labour")
    assert lines[at + 1].endswith("; g) Appropriate accommodation")
    assert "National referral mechanism" not in lines and not any(
        line.startswith("NATIONAL") for line in lines
    )
