"""Plain-text reports in the encodings offices save them in are audited the same, end to end through the CLI."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main

REPORT = (
    "Report of the Ministry of Labour of Estavia for 2023.\n"
    "\n"
    "The Ministry\u2019s two State shelters, with 60 beds, accommodated 41 victims of forced labour in 2023.\n"
    "Estavia has not yet ratified the Protocol of 2014 to the Forced Labour Convention.\n"
)

ENCODINGS = {
    "UTF-8": REPORT.encode("utf-8"),
    "UTF-8 with BOM": codecs.BOM_UTF8 + REPORT.encode("utf-8"),
    "UTF-16 LE with BOM": codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"),
    "UTF-16 BE with BOM": codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"),
    "Windows-1252": REPORT.encode("cp1252"),
}


def _audit(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[dict[str, Any], str]:
    """The JSON report of one file, and what the run said on stderr; the run must exit 0."""
    code = main(["audit", str(path), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0
    (report,) = json.loads(captured.out)["reports"]
    return dict(report), captured.err


def _verdicts(report: dict[str, Any]) -> list[tuple[str, str, list[tuple[int, str]]]]:
    """Each item's status and evidence (line and quote)."""
    return [
        (item["id"], item["status"], [(evidence["line"], evidence["text"]) for evidence in item["evidence"]])
        for item in report["items"]
    ]


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_a_text_report_is_audited_the_same_in_every_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    """UTF-8 with or without BOM, UTF-16 LE or BE with BOM, and Windows-1252 give the same verdicts and the
    same quotes, curly apostrophe included; only Windows-1252 says how it was read."""
    reference = tmp_path / "reference.txt"
    reference.write_bytes(ENCODINGS["UTF-8"])
    path = tmp_path / "report.txt"
    path.write_bytes(ENCODINGS[encoding])
    (expected, _), (report, err) = _audit(capsys, reference), _audit(capsys, path)
    assert _verdicts(report) == _verdicts(expected)
    verdicts = {item_id: (status, evidence) for item_id, status, evidence in _verdicts(report)}
    assert verdicts["protection.accommodation"] == (
        "reported",
        [
            (
                3,
                "The Ministry\u2019s two State shelters, with 60 beds, accommodated 41 victims of forced labour in 2023.",
            )
        ],
    )
    assert verdicts["ratification.status"] == (
        "negative",
        [(4, "Estavia has not yet ratified the Protocol of 2014 to the Forced Labour Convention.")],
    )
    warnings = ["read as windows-1252: the file is not UTF-8"] if encoding == "Windows-1252" else []
    assert report["warnings"] == warnings
    assert err == "".join(f"ilo-check: warning: {path}: {warning}\n" for warning in warnings)
