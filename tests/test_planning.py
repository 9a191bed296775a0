"""Planning the judging of a report: a report judged in batches, or shared among processes, gets the
findings it gets judged whole, in one process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checker import planning
from checker.engine import assess, audit
from checker.forked import can_fork
from checker.layout import lay_out
from checker.model import RulePack
from checker.readers import read_file
from tests.conftest import COMPILATION_SEED, NARRATIVE_SEED, ROOT

_FORKS = pytest.mark.skipif(not can_fork(), reason="processes do not fork here")


@_FORKS
@pytest.mark.parametrize("seed", [COMPILATION_SEED, NARRATIVE_SEED], ids=["compilation", "narrative"])
def test_a_report_shared_among_processes_is_judged_as_on_one(
    pack: RulePack, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every finding, its evidence, reasons and scores are the same whether one process judges the
    report or several share its segments (small shares here, so that a seed is shared at all)."""
    alone = audit(read_file(str(seed)), pack, keep_unmatched=True)
    monkeypatch.setattr(planning, "_MIN_SHARE", 7)
    monkeypatch.setattr(planning, "_BATCH", 5)  # batches within each share too
    shared = audit(read_file(str(seed)), pack, keep_unmatched=True, jobs=3)
    assert shared == alone


@_FORKS
def test_the_command_shares_a_long_report_among_its_jobs_with_the_same_result(
    pack: RulePack, tmp_path: Path
) -> None:
    """`--jobs 2` on one long report (about 1,400 segments: two shares) prints, byte for byte, what
    `--jobs 1` does."""
    report = tmp_path / "long.txt"
    text = NARRATIVE_SEED.read_text(encoding="utf-8")
    report.write_text("\n\n".join(text for _ in range(60)), encoding="utf-8")
    segments, _, _ = assess(lay_out(read_file(str(report)), pack), pack)
    assert len(segments) >= 2 * planning._MIN_SHARE  # long enough for two shares
    printed = [
        subprocess.run(
            [sys.executable, "-m", "checker", "audit", str(report), "-f", "json", "-j", jobs],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        for jobs in ("1", "2")
    ]
    assert [done.returncode for done in printed] == [0, 0]
    assert printed[0].stdout == printed[1].stdout
    assert '"status": "reported"' in printed[0].stdout


@pytest.mark.parametrize("source", [COMPILATION_SEED, NARRATIVE_SEED], ids=["compilation", "narrative"])
def test_judging_in_batches_finds_what_judging_at_once_does(
    pack: RulePack, monkeypatch: pytest.MonkeyPatch, source: Path
) -> None:
    """Segments are judged a batch at a time (the word index is dropped between batches): batches of
    three segments, cutting through every section and form field, give the very same findings."""
    whole = audit(read_file(str(source)), pack).findings
    monkeypatch.setattr(planning, "_BATCH", 3)
    assert audit(read_file(str(source)), pack).findings == whole
