"""`ilo-check explain` shows why an item got its status: what counted and why, what was set aside and why,
and how the rule recognises evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from tests.conftest import COMPILATION_SEED, NARRATIVE_SEED


def explain(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["explain", *args, "--width", "100"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_explains_a_partial_item(capsys: pytest.CaptureFixture[str]) -> None:
    """Legal assistance not said to be free is partial: the sentence, its lines and the reason are shown."""
    code, out, err = explain(capsys, str(NARRATIVE_SEED), "remedies.legal_aid")
    assert (code, err) == (0, "")
    assert "remedies.legal_aid  \u25d0 partial" in out
    assert (
        "l. 112-118" in out and "because: mentioned, with no measure" in out and "'legal assistance'" in out
    )
    assert "How the rule recognises evidence" in out and "touches: any of [any of ['legal assistance'" in out


def test_a_file_name_is_shown_escaped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The title names the file escaped: a line break or an escape sequence in it would break the title
    or drive the terminal."""
    report = tmp_path / "seed\nnew\x1b[31m.txt"
    report.write_bytes(NARRATIVE_SEED.read_bytes())
    code, out, _ = explain(capsys, str(report), "remedies.legal_aid")
    assert code == 0 and "\x1b" not in out
    assert "seed\\nnew\\x1b[31m.txt:" in out


def test_explains_a_negation_per_year(capsys: pytest.CaptureFixture[str]) -> None:
    """The denied ratification shows each year's status and the cue that denied it."""
    code, out, _ = explain(capsys, str(COMPILATION_SEED), "ratification.status")
    assert code == 0
    assert "By report year: 2017 \u2718 negative   2018 \u2718 negative" in out
    assert "because: denied by 'not'" in out and "l. 63-67" in out


def test_a_passage_is_shown_between_the_sentences_around_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """What counted is quoted between the sentence before it and the one after, the passage itself in
    quotation marks."""
    report = tmp_path / "report.txt"
    report.write_text(
        "Victims of forced labour are assisted by the Ministry.\n"
        "In 2019 a shelter for 30 victims opened. Staff were trained in May.\n"
    )
    code, out, _ = explain(capsys, str(report), "protection.accommodation")
    assert code == 0
    assert (
        "    Victims of forced labour are assisted by the Ministry. \u201cIn 2019 a shelter for 30 victims\n"
        "    opened.\u201d Staff were trained in May.\n"
        "    because: matched 'shelter'\n"
    ) in out


def test_explains_what_was_set_aside(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A sentence that matched but did not count is listed under 'Set aside', with the reason."""
    report = tmp_path / "report.txt"
    report.write_text(
        "The city opened two new shelters for homeless people.\nDoes the State run shelters for victims?\n"
    )
    code, out, _ = explain(capsys, str(report), "protection.accommodation")
    assert code == 0
    assert "Nothing in the submission counted for this item." in out
    assert "because: about something else: 'homeless'" in out and "because: a question, not an answer" in out


def test_unknown_item(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown item is a usage error with the nearest valid id."""
    code, out, err = explain(capsys, str(NARRATIVE_SEED), "remedies.legalaid")
    assert (code, out) == (2, "")
    assert (
        err
        == "ilo-check: error: no item 'remedies.legalaid' in the p029 pack (did you mean 'remedies.legal_aid'?)\n"
    )


def test_show_unmatched(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--show unmatched lists, with their lines, the sentences no rule recognised."""
    report = tmp_path / "report.txt"
    report.write_text("Shelters for victims opened in 2019.\nThe weather was fine.\n")
    code = main(["audit", str(report), "--show", "unmatched"])
    out = capsys.readouterr().out
    assert code == 0
    assert "1 sentences no rule recognised" in out and "l. 2 The weather was fine." in out
    assert "Shelters for victims" not in out


@pytest.mark.parametrize("name", ["reports", "reports.txt"])
def test_a_folder_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    """A folder, whatever its name, is refused in one line saying explain needs one file: exit 2."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "report.txt").write_text("Shelters for victims of trafficking opened in 2019.\n")
    code, out, err = explain(capsys, str(folder), "protection.accommodation")
    assert (code, out) == (2, "")
    assert err.startswith(f"ilo-check: error: {folder}: explain needs one file, not a folder")
    assert err.count("\n") == 1
