"""Reporters render results deterministically; golden files pin their output (UPDATE_GOLDEN=1 rewrites
them), and JSON output is valid against the published result schema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from checker.baseline import saved_audit
from checker.engine import audit
from checker.model import AuditResult, RulePack
from checker.readers import read_file
from checker.reporters import REPORTERS, RenderOptions, View, renderer
from checker.schemas import schema
from tests.conftest import COMPILATION_SEED, FIXTURES, NARRATIVE_SEED, ROOT, check_golden

OPTIONS = RenderOptions(View.ALL, color=False, width=100, unicode=True)
DRAFT = FIXTURES / "labelled" / "draft_kovalia_2022.md"


def _result(pack: RulePack, *paths: Path) -> AuditResult:
    audits = tuple(audit(read_file(str(path.relative_to(ROOT))), pack) for path in paths)
    return AuditResult(pack.name, pack.version, audits)


@pytest.fixture(autouse=True)
def _from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


GOLDENS = [
    ("004.table.txt", "table", (COMPILATION_SEED,), OPTIONS),
    ("000.table.txt", "table", (NARRATIVE_SEED,), OPTIONS),
    ("draft.gaps.txt", "table", (DRAFT,), RenderOptions(View.GAPS, width=100)),
    ("004.ascii.txt", "table", (COMPILATION_SEED,), RenderOptions(View.ALL, width=100, unicode=False)),
    ("seeds.json", "json", (COMPILATION_SEED, NARRATIVE_SEED), OPTIONS),
    ("compared.table.txt", "table", (COMPILATION_SEED, NARRATIVE_SEED, DRAFT), OPTIONS),
    ("compared.narrow.txt", "table", (COMPILATION_SEED, NARRATIVE_SEED, DRAFT), RenderOptions(width=60)),
    ("compared.md", "markdown", (COMPILATION_SEED, NARRATIVE_SEED, DRAFT), OPTIONS),
]


@pytest.mark.parametrize(
    ("name", "output_format", "paths", "options"), GOLDENS, ids=[golden[0] for golden in GOLDENS]
)
def test_golden(
    pack: RulePack, name: str, output_format: str, paths: tuple[Path, ...], options: RenderOptions
) -> None:
    """The report matches its golden file, byte for byte."""
    check_golden(name, renderer(output_format)(_result(pack, *paths), pack, options))


@pytest.mark.parametrize("output_format", list(REPORTERS))
def test_rendering_is_deterministic(pack: RulePack, output_format: str) -> None:
    """Rendering the same result twice gives the same text."""
    result = _result(pack, COMPILATION_SEED)
    render = renderer(output_format)
    assert render(result, pack, OPTIONS) == render(result, pack, OPTIONS)


def test_json_is_valid_against_the_result_schema(pack: RulePack) -> None:
    """The JSON report of every seed and labelled document validates against result.schema.json."""
    paths = [*sorted((FIXTURES / "labelled").glob("*.*[!l]")), COMPILATION_SEED, NARRATIVE_SEED]
    documents = [path for path in paths if not path.name.endswith((".labels.yaml", "README.md"))]
    data = json.loads(renderer("json")(_result(pack, *documents), pack, OPTIONS))
    jsonschema.validate(data, schema("result"))
    assert len(data["reports"]) == len(documents)


def test_json_carries_the_contract(pack: RulePack) -> None:
    """The JSON names the tool, the pack, and for every item its id, status, score, years and evidence."""
    data = json.loads(renderer("json")(_result(pack, COMPILATION_SEED), pack, OPTIONS))
    assert data["schema_version"] == 1
    assert data["rules"] == {"pack": "p029", "version": pack.version}
    report = data["reports"][0]
    assert (report["kind"], report["country"], report["years"]) == (
        "compilation",
        "Azerbaijan",
        ["2017", "2018"],
    )
    item = next(item for item in report["items"] if item["id"] == "reporting.social_partners")
    assert item["by_year"] == {"2017": "reported", "2018": "missing"}
    assert item["evidence"][0]["line"] == 27 and item["evidence"][0]["year"] == "2017"


def test_json_carries_each_passage_s_context_and_reads_without_it(pack: RulePack, tmp_path: Path) -> None:
    """Each passage carries the sentences around it in its section (null at its edges); a result saved
    with it, or before ilo-check kept it, validates and loads as a saved audit alike."""
    result = _result(pack, COMPILATION_SEED)
    data = json.loads(renderer("json")(result, pack, OPTIONS))
    items = {item["id"]: item for item in data["reports"][0]["items"]}
    assert items["protection.material"]["evidence"][0]["context"] == {
        "before": "b) Legal protection of victims;",
        "after": "d) Medical and psychological assistance for victims;",
    }
    assert items["reporting.social_partners"]["evidence"][0]["context"] == {"before": None, "after": None}
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    new.write_text(json.dumps(data), encoding="utf-8")
    for item in data["reports"][0]["items"]:
        for passage in item["evidence"]:
            del passage["context"]
    jsonschema.validate(data, schema("result"))
    old.write_text(json.dumps(data), encoding="utf-8")
    loaded = [saved_audit(str(path)) for path in (new, old)]
    statuses = [finding.status for finding in result.audits[0].findings]
    for found in loaded:
        assert found is not None
        assert [finding.status for finding in found[1].findings] == statuses


def test_color_only_when_asked(pack: RulePack) -> None:
    """The table has ANSI colour codes only when colour is on."""
    result = _result(pack, COMPILATION_SEED)
    assert "\x1b[" not in renderer("table")(result, pack, OPTIONS)
    assert "\x1b[" in renderer("table")(result, pack, RenderOptions(color=True))


def test_untrusted_text_is_not_markup(pack: RulePack, tmp_path: Path) -> None:
    """Square brackets in a report are printed as written, not read as rich markup."""
    report = tmp_path / "report.txt"
    report.write_text("[bold]Shelters[/bold] for [red]victims[/red] of trafficking were opened in 2019.\n")
    result = AuditResult(pack.name, pack.version, (audit(read_file(str(report)), pack),))
    assert "[bold]Shelters[/bold]" in renderer("table")(result, pack, OPTIONS)


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_a_file_name_is_shown_escaped(pack: RulePack, tmp_path: Path, output_format: str) -> None:
    """A file name may hold a line break or an escape sequence: the human formats show it escaped, so
    that a heading stays one line and the terminal is not driven by it."""
    report = tmp_path / "seed\nnew\x1b[31m.txt"
    report.write_bytes(NARRATIVE_SEED.read_bytes())
    result = AuditResult(pack.name, pack.version, (audit(read_file(str(report)), pack),))
    shown = renderer(output_format)(result, pack, OPTIONS)
    assert "\x1b" not in shown
    assert "seed\\nnew\\x1b[31m.txt" in shown


# ── several reports: the panel ───────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_one_report_has_no_panel(pack: RulePack, output_format: str) -> None:
    """A report audited alone has no tally column and no list of items most often missing."""
    shown = renderer(output_format)(_result(pack, COMPILATION_SEED), pack, OPTIONS)
    assert "R/P/N/M" not in shown and "Most often missing" not in shown


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_the_panel_tallies_every_item_and_names_the_most_missing(pack: RulePack, output_format: str) -> None:
    """Several reports get each item's tally across them (reported/partial/negative/missing) and the
    items most of them leave missing."""
    shown = renderer(output_format)(_result(pack, COMPILATION_SEED, NARRATIVE_SEED, DRAFT), pack, OPTIONS)
    row = next(
        line for line in shown.splitlines() if "challenges.social_partners" in line and "0/0/0/3" in line
    )
    assert row.count("\u00b7") == 3  # missing in each report's column
    assert "R/P/N/M: how many of the 3 reports give the item reported/partial/negative/missing." in shown
    plain = " ".join(shown.replace("`", "").replace("*", "").split())
    assert "Most often missing: challenges.social_partners (3 of 3), reporting.obligations (2 of 3)" in plain


@pytest.mark.parametrize("output_format", ["table", "markdown"])
def test_labels_name_the_reports_columns(pack: RulePack, output_format: str) -> None:
    """A label the user gave a report heads its column in place of its country or file name; the other
    reports keep theirs."""
    source = str(NARRATIVE_SEED.relative_to(ROOT))
    options = RenderOptions(labels=((source, "Estavia"),))
    shown = renderer(output_format)(_result(pack, COMPILATION_SEED, NARRATIVE_SEED), pack, options)
    assert "Estavia" in shown and "000_527e425593d6808e:" not in shown and "**000_527e" not in shown
    assert "Azerbaijan 2017-2018" in shown


# ── CSV ──────────────────────────────────────────────────────────────────────────────────────────


def test_csv_keeps_what_a_spreadsheet_would_run_as_text(
    pack: RulePack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quote or a file name that a spreadsheet would take for a formula is marked text with a leading
    apostrophe; other cells are as they were."""
    monkeypatch.chdir(tmp_path)
    Path("=1+2.txt").write_text(
        '+HYPERLINK("http://example.com") Two shelters for victims of forced labour were opened.\n'
    )
    result = AuditResult(pack.name, pack.version, (audit(read_file("=1+2.txt"), pack),))
    rows = {row["item"]: row for row in csv.DictReader(io.StringIO(renderer("csv")(result, pack, OPTIONS)))}
    accommodation = rows["protection.accommodation"]
    assert (
        accommodation["evidence"]
        == '\'+HYPERLINK("http://example.com") Two shelters for victims of forced labour were opened.'
    )
    assert accommodation["source"] == "'=1+2.txt"
    assert (accommodation["status"], accommodation["evidence_line"]) == ("reported", "1")
