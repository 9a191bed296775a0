"""The report's language through the command line: identified (and each section's where it differs),
forced with --language or the configuration's `language`, shown in every output, a warning where the rule
pack does not read it, and the identification library loaded only when a report is identified. Exit code, stdout
and stderr are asserted together."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from checker.reporters import REPORTERS
from checker.rules import bundled_pack_dir
from tests.ci_support import invoke, run_main
from tests.conftest import ROOT
from tests.test_language_identify import LONG, MIXED

# The bundled pack reads English, French and Spanish: a French report is told nothing on stderr. A pack
# that reads English only warns (see test_a_report_in_a_language_the_pack_does_not_read_is_warned_of).
WARNING = ""
ENGLISH_ONLY_WARNING = (
    "ilo-check: warning: rapport.md: written in French; the p029 pack's vocabulary is English: "
    "few items will be recognised\n"
)
TOLD = "French, 1 section in English"
LAW = "Texte de la loi telle que publiée en anglais"


pytestmark = pytest.mark.usefixtures("pack_once")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a French report quoting an English law, and an English report."""
    (tmp_path / "rapport.md").write_text(MIXED, encoding="utf-8")
    (tmp_path / "report.md").write_text(f"# Report\n\n{LONG['en']}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _law_line() -> int:
    return MIXED.splitlines().index(f"## {LAW}") + 1


def _shows_language(output_format: str, out: str) -> bool:
    """Whether the output of a format shows the French report's language (and its English section, where
    the format has room for it)."""
    if output_format == "json":
        [report] = json.loads(out)["reports"]
        return report["language"] == "fr" and report["other_languages"] == [
            {"section": LAW, "line": _law_line(), "language": "en"}
        ]
    if output_format == "sarif":
        [report] = json.loads(out)["runs"][0]["properties"]["reports"]
        return report["language"] == "fr" and report["otherLanguages"] == [
            {"section": LAW, "line": _law_line(), "language": "en"}
        ]
    if output_format == "csv":
        return {row["language"] for row in csv.DictReader(io.StringIO(out))} == {"fr"}
    if output_format == "junit":
        properties = {
            item.get("name"): item.get("value") for item in ElementTree.fromstring(out).iter("property")
        }
        return properties["language"] == "fr" and properties[f"language of l. {_law_line()}"] == "en"
    if output_format == "gitlab":
        return all(
            issue["description"].endswith("(The report is written in French.)") for issue in json.loads(out)
        )
    if output_format == "table":
        return (
            f"Written in {TOLD}: l. {_law_line()} “Texte de la loi telle que publiée en an…” (English)" in out
        )
    if output_format == "markdown":
        return f"narrative · written in {TOLD}\n" in out and f"l. {_law_line()} “Texte de la loi" in out
    if output_format == "html":
        return f"written in {TOLD}" in out and (
            f"Section in another language: l. {_law_line()} “Texte de la loi" in out
        )
    # github and concise: the verdict line
    return out.rstrip().endswith(f"partial); written in {TOLD}")


@pytest.mark.parametrize("output_format", [name for name in REPORTERS if name != "xlsx"])
def test_every_format_shows_the_language(folder: Path, output_format: str) -> None:
    """Each format shows what the report is written in, and the French report's warning is on stderr."""
    ran = invoke("audit", "rapport.md", "--no-config", "--format", output_format)
    assert (ran.code, ran.err) == (0, WARNING)
    assert _shows_language(output_format, ran.out), ran.out


def test_the_spreadsheet_shows_the_language(folder: Path) -> None:
    """The spreadsheet's Scores sheet has the report's language, and the warning is on stderr."""
    import openpyxl

    ran = invoke("audit", "rapport.md", "--no-config", "--format", "xlsx", "-o", "out.xlsx")
    assert (ran.code, ran.out, ran.err) == (0, "", WARNING)
    rows = list(openpyxl.load_workbook(folder / "out.xlsx")["Scores"].values)
    assert rows[1][rows[0].index("Language")] == "fr"


def test_the_verdict_alone_shows_the_language(folder: Path) -> None:
    """-q prints the verdict with the language, and the warning still goes to stderr."""
    ran = invoke("audit", "rapport.md", "--no-config", "-q")
    assert (ran.code, ran.err) == (0, WARNING)
    assert re.fullmatch(
        rf"rapport\.md: score [\d.]+, completeness [\d.]+ \([^)]+\); written in {TOLD}\n", ran.out
    )


def test_a_report_in_the_pack_s_language_has_no_warning(folder: Path) -> None:
    """An English report is shown as English, with nothing on stderr."""
    ran = invoke("audit", "report.md", "--no-config", "-q")
    assert (ran.code, ran.err) == (0, "")
    assert ran.out.rstrip().endswith("; written in English")


def test_several_reports_each_show_theirs(folder: Path) -> None:
    """Side by side, each report's column says its language."""
    ran = invoke("audit", "rapport.md", "report.md", "--no-config", "--width", "120")
    assert (ran.code, ran.err) == (0, WARNING)
    [row] = [line for line in ran.out.splitlines() if line.startswith("Language")]
    assert row.split() == ["Language", "French", "+en", "English"]


@pytest.mark.parametrize(
    ("forced", "warning"),
    [
        ("en", ""),
        ("es", ""),
        ("fr", ""),
    ],
)
def test_language_forces_the_report_s_language(folder: Path, forced: str, warning: str) -> None:
    """--language takes the report's language as given, with no section told apart; the warning follows
    the language forced."""
    ran = invoke("audit", "rapport.md", "--no-config", "--language", forced, "--format", "json")
    assert (ran.code, ran.err) == (0, warning)
    [report] = json.loads(ran.out)["reports"]
    assert (report["language"], report["other_languages"]) == (forced, [])


def test_a_report_in_a_language_the_pack_does_not_read_is_warned_of(folder: Path) -> None:
    """A pack that reads English only warns that a French report's items will be few."""
    pack = folder / "english-only"
    shutil.copytree(bundled_pack_dir(), pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("languages: [en, fr, es]\n", ""))
    ran = invoke("audit", "rapport.md", "--no-config", "--rules", str(pack), "-q")
    assert (ran.code, ran.err) == (0, ENGLISH_ONLY_WARNING)


def test_language_auto_identifies(folder: Path) -> None:
    """--language auto is the default: the report's language is identified."""
    ran = invoke("audit", "rapport.md", "--no-config", "--language", "auto", "--format", "csv")
    assert (ran.code, ran.err) == (0, WARNING)
    assert _shows_language("csv", ran.out)


def test_an_unknown_language_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A language no pack is written in is a usage error naming the choices."""
    ran = run_main(capsys, "audit", "rapport.md", "--no-config", "--language", "de")
    assert (ran.code, ran.out) == (2, "")
    assert "'de' is not one of 'auto', 'en', 'fr', 'es'" in ran.err


def test_the_configuration_s_language_is_used(folder: Path) -> None:
    """`language` in the configuration forces it; --language on the command line wins over it."""
    (folder / "ilo-check.yaml").write_text("language: es\n", encoding="utf-8")
    configured = invoke("audit", "rapport.md", "--format", "json")
    given = invoke("audit", "rapport.md", "--format", "json", "--language", "en")
    assert (configured.code, configured.err) == (0, WARNING.replace("French", "Spanish"))
    assert json.loads(configured.out)["reports"][0]["language"] == "es"
    assert (given.code, given.err) == (0, "")
    assert json.loads(given.out)["reports"][0]["language"] == "en"
    shown = invoke("config")
    assert (shown.code, "language: es\n" in shown.out) == (0, True)


def test_a_bad_configured_language_is_refused_at_its_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A configured language that is not a choice is a configuration error at its file, line and column."""
    (folder / "ilo-check.yaml").write_text("format: json\nlanguage: german\n", encoding="utf-8")
    ran = run_main(capsys, "audit", "rapport.md")
    assert (ran.code, ran.out) == (2, "")
    assert "ilo-check.yaml:2:11: language: 'german' is not one of ['auto', 'en', 'fr', 'es']" in ran.err


def test_explain_shows_and_takes_the_language(folder: Path) -> None:
    """explain says what the report is written in, and --language forces it there too."""
    told = invoke("explain", "rapport.md", "protection.legal")
    forced = invoke("explain", "rapport.md", "protection.legal", "--language", "es")
    assert (told.code, forced.code) == (0, 0)
    assert f"Written in {TOLD}\n  l. {_law_line()} “Texte de la loi" in told.out
    assert "Written in Spanish\n" in forced.out


def test_baseline_write_records_the_language(folder: Path) -> None:
    """A baseline records each report's language, forced or identified."""
    forced = invoke("baseline", "write", "forced.json", "rapport.md", "--no-config", "--language", "es")
    told = invoke("baseline", "write", "told.json", "rapport.md", "--no-config")
    assert (forced.code, told.code) == (0, 0)
    assert json.loads((folder / "forced.json").read_text())["reports"][0]["language"] == "es"
    assert json.loads((folder / "told.json").read_text())["reports"][0]["language"] == "fr"


def test_a_baseline_without_languages_still_gates(folder: Path) -> None:
    """A baseline written before languages were recorded is still read: its reports have no `language`."""
    invoke("baseline", "write", "baseline.json", "report.md", "--no-config")
    data = json.loads((folder / "baseline.json").read_text())
    for report in data["reports"]:
        del report["language"], report["other_languages"]
    (folder / "baseline.json").write_text(json.dumps(data), encoding="utf-8")
    ran = invoke("audit", "report.md", "--no-config", "--baseline", "baseline.json", "-q")
    assert (ran.code, ran.err) == (0, "")
    assert ran.out.rstrip().endswith("; written in English; gate passed")


# ── lean start-up ────────────────────────────────────────────────────────────────────────────────────


def _loads_lingua(*args: str, cwd: Path = ROOT) -> tuple[int, bool]:
    """The exit code of a command run in-process in a fresh interpreter, and whether it imported lingua."""
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        f"code = main({list(args)!r})\n"
        "print('lingua' in sys.modules, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=False)
    return done.returncode, done.stderr.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize(
    "args",
    [("--version",), ("rules", "list"), ("audit", "rapport.md", "--language", "fr", "-q")],
    ids=["version", "rules list", "audit with a language forced"],
)
def test_the_library_is_not_loaded_where_nothing_is_identified(folder: Path, args: tuple[str, ...]) -> None:
    """Neither --version nor rules list loads the identification library, nor an audit whose language is
    forced."""
    assert _loads_lingua(*args, cwd=folder) == (0, False)


def test_the_library_is_loaded_to_identify(folder: Path) -> None:
    """An audit whose language is to be identified loads the library (the control of the test above)."""
    assert _loads_lingua("audit", "rapport.md", "-q", cwd=folder) == (0, True)
