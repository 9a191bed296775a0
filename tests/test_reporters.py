"""Reporters render results deterministically; golden files pin their output (UPDATE_GOLDEN=1 rewrites
them), and JSON output is valid against the published result schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

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
