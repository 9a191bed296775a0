"""Hostile input, end to end: whatever the file, `ilo-check audit` gives a correct audit, or one line on
stderr naming the file (and the line and column or page where known), exit 2, no traceback and no
output file. Runs in process through click's runner around the console script's `main`; a few as real
processes."""

from __future__ import annotations

import io
import json
import os
import sys
import tracemalloc
import zipfile
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

import checker.evidence
from checker import limits
from checker.cli import main
from checker.engine import MOST_UNKNOWN_TOLD
from checker.errors import InputError
from checker.matching.expressions import Expr
from checker.matching.search import Hit, find
from checker.model import RulePack
from checker.readers import read, read_file
from tests.ci_support import Run, reuse_pack, run_process, start_process
from tests.conftest import ROOT, no_hang
from tests.test_pdf import make_pdf

SHELTER = "The Ministry opened two shelters for victims of forced labour in 2023."
NOT_RATIFIED = "Estavia has not yet ratified the Protocol of 2014 to the Forced Labour Convention."


@pytest.fixture(autouse=True)
def _reuse_pack(monkeypatch: pytest.MonkeyPatch, pack: RulePack) -> None:
    """Every run uses the session's bundled pack: loading it again is the slow part of a run."""
    reuse_pack(monkeypatch, pack)


def run(*args: str) -> Run:
    """`ilo-check ARGS...` in process, as the console script runs it, with click's isolated streams."""
    with CliRunner().isolation(env={"NO_COLOR": "1", "ILO_CHECK_RULES": None}) as (out, err, _):
        code = main(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
    return Run(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def audit_json(path: Path, *options: str) -> tuple[dict[str, Any], str]:
    """The JSON report of one readable file, and what the run said on stderr; the run must exit 0."""
    code, out, err = run("audit", str(path), "--format", "json", *options)
    assert code == 0, err
    (report,) = json.loads(out)["reports"]
    return report, err


def evidence(report: dict[str, Any]) -> dict[str, list[tuple[int, str]]]:
    """Each item's evidence as (line, quote)."""
    return {item["id"]: [(e["line"], e["text"]) for e in item["evidence"]] for item in report["items"]}


def assert_refused(path: Path, message: str, tmp_path: Path, *options: str) -> str:
    """Auditing `path` into a result file exits 2 with one line on stderr that starts with the file and
    `message`; nothing is written, no traceback is shown. The line, for further checks."""
    result = tmp_path / "out" / "result.json"
    result.parent.mkdir(exist_ok=True)
    code, out, err = run("audit", str(path), "--format", "json", "--output", str(result), *options)
    assert (code, out) == (2, ""), err
    assert err.startswith(f"ilo-check: error: {path}{message}"), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(result.parent.iterdir()) == []
    return err


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.fixture
def sparse(tmp_path: Path) -> Iterator[Any]:
    """Makes files of any size without writing (or storing) their bytes: a hole of zeros."""

    def make(name: str, size: int) -> Path:
        path = tmp_path / name
        with open(path, "wb") as stream:
            stream.truncate(size)
        return path

    yield make


# ── structured submissions ───────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param(
            "draft.yaml",
            "answers:\n  ratification.status: [Ratified\n  policy.plan_of_action: x\n",
            ":3:24: invalid YAML: expected ',' or ']', but got ':'",
            id="YAML syntax",
        ),
        pytest.param(
            "draft.yaml",
            "answers:\n\tratification.status: x\n",
            ":2:1: invalid YAML: found character '\\t' that cannot start any token",
            id="YAML tab",
        ),
        pytest.param(
            "draft.json",
            '{"answers": {\n  "ratification.status": "Ratified."\n  "policy.plan_of_action": "x"\n}}',
            ":3:3: invalid JSON: Expecting ',' delimiter",
            id="JSON syntax",
        ),
        pytest.param(
            "draft.yaml",
            "answers:\n  ratification.status: !!python/object/new:os.system [echo hi]\n",
            ":2:24: tag 'tag:yaml.org,2002:python/object/new:os.system' is not allowed",
            id="python object tag",
        ),
        pytest.param(
            "draft.yaml",
            "answers:\n  ratification.status: !!binary aGVsbG8=\n",
            ":2:24: tag 'tag:yaml.org,2002:binary' is not allowed",
            id="binary tag",
        ),
        pytest.param(
            "draft.yaml", "- answers\n", ":1:1: a structured submission must be a mapping", id="list"
        ),
        pytest.param(
            "draft.json", '"answers"', ":1:1: a structured submission must be a mapping", id="string"
        ),
        pytest.param("draft.json", "42", ":1:1: a structured submission must be a mapping", id="number"),
        pytest.param("draft.yaml", "", ":1:1: a structured submission must be a mapping", id="empty"),
        pytest.param(
            "draft.yaml",
            "answers: [a, b]\n",
            ":1:10: answers: ['a', 'b'] is not of type 'object'",
            id="answers list",
        ),
    ],
)
def test_a_broken_structured_submission_is_one_line_at_its_place(
    tmp_path: Path, name: str, data: str, message: str
) -> None:
    """Invalid YAML or JSON, unsafe tags and a wrong top-level type are refused at line and column."""
    assert_refused(write(tmp_path, name, data), message, tmp_path)


def test_an_object_tag_is_never_built(tmp_path: Path) -> None:
    """A tag that would run a command is refused before anything is constructed: the command never runs."""
    witness = tmp_path / "pwned"
    draft = write(tmp_path, "draft.yaml", f'answers: !!python/object/apply:os.system ["touch {witness}"]\n')
    assert_refused(draft, ":1:10: tag 'tag:yaml.org,2002:python/object/apply:os.system'", tmp_path)
    assert not witness.exists()


def _billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\nanswers: {}\n"


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """Aliases expanding to a billion values are refused within the value budget, in seconds."""
    with no_hang(30):
        assert_refused(write(tmp_path, "draft.yaml", _billion_laughs()), ":1:", tmp_path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param("draft.yaml", "[" * 100_000, ":1:", id="YAML flow lists"),
        pytest.param("draft.yaml", "answers: " + "{a: " * 100_000, ":1:", id="YAML flow mappings"),
        pytest.param(
            "draft.yaml",
            "answers:\n" + "".join("  " * depth + "k:\n" for depth in range(1, 3000)),
            ":",
            id="YAML block",
        ),
        pytest.param("draft.json", "[" * 100_000 + "]" * 100_000, ": invalid JSON: nesting", id="JSON lists"),
        pytest.param("draft.json", '{"a": ' * 100_000, ": invalid JSON: nesting", id="JSON objects"),
    ],
)
def test_nesting_thousands_deep_is_one_line_not_a_recursion_error(
    tmp_path: Path, name: str, data: str, message: str
) -> None:
    """A hundred thousand open brackets are refused as too deep (where the parser knows the place)."""
    err = assert_refused(write(tmp_path, name, data), message, tmp_path)
    assert "nesting is too deep to read" in err and "RecursionError" not in err


def test_answers_keyed_by_unknown_ids_are_named_with_the_nearest_id(tmp_path: Path) -> None:
    """Unknown item ids are warned about, each with the nearest valid id where there is one; the audit of
    the others goes on."""
    draft = write(
        tmp_path,
        "draft.yaml",
        f"answers:\n  ratification.statu: Ratified in 2016.\n  protection.accommodation: {SHELTER}\n"
        "  no.such_item: Something.\n",
    )
    report, err = audit_json(draft)
    assert err.splitlines() == [
        f"ilo-check: warning: {draft}: l. 2: unknown item 'ratification.statu' is ignored "
        "(did you mean 'ratification.status'?)",
        f"ilo-check: warning: {draft}: l. 4: unknown item 'no.such_item' is ignored",
    ]
    statuses = {item["id"]: item["status"] for item in report["items"]}
    assert (statuses["protection.accommodation"], statuses["ratification.status"]) == ("reported", "missing")


def test_a_draft_keyed_by_thousands_of_unknown_ids_warns_about_the_first_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    """A draft keyed by something else entirely is told in a few lines, not one per key."""
    keys = "".join(f"  key{number}: Text.\n" for number in range(5000))
    draft = write(tmp_path, "draft.yaml", f"answers:\n{keys}  protection.accommodation: {SHELTER}\n")
    report, err = audit_json(draft)
    warnings = err.splitlines()
    assert len(warnings) == MOST_UNKNOWN_TOLD + 1
    assert warnings[0] == f"ilo-check: warning: {draft}: l. 2: unknown item 'key0' is ignored"
    assert warnings[-1] == (
        f"ilo-check: warning: {draft}: {5000 - MOST_UNKNOWN_TOLD} more unknown items are ignored "
        "(the last at l. 5001)"
    )
    statuses = {item["id"]: item["status"] for item in report["items"]}
    assert statuses["protection.accommodation"] == "reported"


# ── size limits ──────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "kind", "limit"),
    [
        ("draft.yaml", "structured", limits.MAX_STRUCTURED_BYTES),
        ("draft.json", "structured", limits.MAX_STRUCTURED_BYTES),
        ("report.txt", "text", limits.MAX_DOCUMENT_BYTES),
        ("report.md", "markdown", limits.MAX_DOCUMENT_BYTES),
        ("report.html", "html", limits.MAX_DOCUMENT_BYTES),
        ("report.pdf", "pdf", limits.MAX_DOCUMENT_BYTES),
        ("report.docx", "docx", limits.MAX_DOCUMENT_BYTES),
    ],
)
def test_a_gigabyte_file_is_refused_by_its_size_unread(
    tmp_path: Path, sparse: Any, name: str, kind: str, limit: int
) -> None:
    """A 1 GB file is refused from its size, at once, without reading it into memory."""
    path = sparse(name, 1024 * limits.MEGABYTE)
    with no_hang(10):
        err = assert_refused(path, ": too large to read: 1,073,741,824 bytes", tmp_path)
    assert f", over the limit of {limit // limits.MEGABYTE} MB for {kind} files (" in err


def test_the_limit_is_the_last_size_read(tmp_path: Path, sparse: Any) -> None:
    """A structured file of exactly the limit is read (here: NUL bytes, refused as binary); a byte more is
    refused unread."""
    assert_refused(sparse("at.yaml", limits.MAX_STRUCTURED_BYTES), ": binary data", tmp_path)
    assert_refused(sparse("over.yaml", limits.MAX_STRUCTURED_BYTES + 1), ": too large to read", tmp_path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_stream_without_a_size_is_read_only_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What has no size (a pipe, a device) is read up to the limit and refused past it, not read forever."""
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 4096)
    code, out, err = run("audit", "/dev/zero", "--input-format", "text")
    assert (code, out) == (2, "")
    assert err == (
        "ilo-check: error: /dev/zero: too large to read: over the limit of 4,096 bytes for text files "
        "(no report is this large: is it the right file?)\n"
    )


def test_a_file_is_read_in_memory_its_size_not_the_limit(tmp_path: Path) -> None:
    """Reading a small report, or a small stream, takes memory for what it holds, not for the 200 MB
    limit (``read(limit + 1)`` reserves it all)."""
    report = write(tmp_path, "report.txt", SHELTER)
    for path in (str(report), "/dev/null"):
        tracemalloc.start()
        try:
            read_file(path, "text")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 2 * limits.MEGABYTE, (path, peak)  # a stream is read a megabyte at a time


# ── text ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("data", [b"", b"\n\r\n  \t\r\n"], ids=["empty", "blank lines"])
def test_an_empty_text_is_audited_as_all_missing_with_a_warning(tmp_path: Path, data: bytes) -> None:
    """An empty report is an audit in which every item is missing, and a warning says why."""
    path = write(tmp_path, "report.txt", data)
    report, err = audit_json(path)
    assert {item["status"] for item in report["items"]} == {"missing"} and report["score"] == 0
    assert err == f"ilo-check: warning: {path}: the submission has no text: every item is missing\n"


@pytest.mark.parametrize(
    ("name", "data", "offset"),
    [
        pytest.param("report.txt", SHELTER.encode() + b"\x00\x01\x02", len(SHELTER), id="NUL in text"),
        pytest.param("report.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 8, id="PNG"),
        pytest.param("report.txt", b"\x7fELF\x02\x01\x01" + bytes(9), 7, id="executable"),
        pytest.param("report.md", b"# Title\n\x00", 8, id="Markdown"),
        pytest.param("draft.yaml", b"answers: {}\n\x00", 12, id="YAML"),
    ],
)
def test_a_binary_file_with_a_text_ending_is_refused(
    tmp_path: Path, name: str, data: bytes, offset: int
) -> None:
    """Bytes with a NUL (outside UTF-16 or UTF-32 with their byte-order mark) are binary, not a report."""
    path = write(tmp_path, name, data)
    assert_refused(path, f": binary data (a NUL byte at offset {offset}), not a text report", tmp_path)


ACCENTED = (
    "The Minist\u00e8re\u2019s two shelters in Yamoussoukro (\u00abEspoir\u00bb), costing \u20ac40,000, "
    "accommodated 41 victims of forced labour."
)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
)
def test_encodings_are_decoded_and_quoted_exactly(tmp_path: Path, encoding: str, bom: bytes) -> None:
    """UTF-8 with a BOM, UTF-16 (full of NUL bytes) with either BOM and Windows-1252 are read, and the
    evidence quotes the accents, quotation marks and euro sign as written."""
    path = write(tmp_path, "report.txt", bom + f"Report.\n\n{ACCENTED}\n".encode(encoding))
    report, _ = audit_json(path)
    assert evidence(report)["protection.accommodation"] == [(3, ACCENTED)]


def test_mixed_line_endings_are_cited_at_the_lines_an_editor_shows(tmp_path: Path) -> None:
    """CRLF, CR and LF in one file each end one line: evidence is cited at the line an editor shows."""
    data = f"Report of the Ministry.\r\n\r\nIntroduction.\r{SHELTER}\n\n{NOT_RATIFIED}\r\n".encode()
    report, _ = audit_json(write(tmp_path, "report.txt", data))
    found = evidence(report)
    assert (found["protection.accommodation"], found["ratification.status"]) == (
        [(4, SHELTER)],
        [(6, NOT_RATIFIED)],
    )


def _one_line(size: int) -> bytes:
    sentence = SHELTER.removesuffix(".") + " and "
    return (sentence * (size // len(sentence) + 1)).encode()[:size]


def _work(tmp_path: Path, name: str, size: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """The work of auditing one line of `size` bytes, counted, not timed (a loaded machine once failed
    a timed version): the characters the matcher is given to search, over all of its searches."""
    searched = [0]

    def counted(expr: Expr, text: str, present: AbstractSet[str] | None = None) -> list[Hit]:
        searched[0] += len(text)
        return find(expr, text, present)

    monkeypatch.setattr(checker.evidence, "find", counted)
    path = write(tmp_path, name, _one_line(size))
    report, _ = audit_json(path, "--jobs", "1")  # in this process, where the searches are counted
    assert {line for line, _ in evidence(report)["protection.accommodation"]} == {1}
    return searched[0]


def test_a_single_line_of_megabytes_is_audited_in_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One line of 2 MB without a full stop is audited, cited at line 1, with about four times the work
    of half a megabyte (it is cut into sentences of a bounded length); quadratic work would be sixteen."""
    small = _work(tmp_path, "small.txt", 512 * 1024, monkeypatch)
    large = _work(tmp_path, "large.txt", 2 * limits.MEGABYTE, monkeypatch)
    assert 3 * small < large < 5 * small, (small, large)


@pytest.mark.parametrize(
    ("name", "line_break"),
    [("report.txt", "\n"), ("report.md", "\r\n"), ("report.html", "\r"), ("draft.yaml", "\n")],
)
def test_more_lines_than_any_report_has_are_refused_before_they_are_split(
    tmp_path: Path, name: str, line_break: str
) -> None:
    """A file of millions of one-letter lines (each line costs hundreds of bytes through an audit, so
    200 MB of them would take some 40 GB) is refused at once, in one line, whatever its line breaks."""
    path = write(tmp_path, name, ("a" + line_break) * limits.MAX_LINES)
    with no_hang(10):
        assert_refused(
            path, f": too many lines to read: {limits.MAX_LINES + 1:,}, over the limit of 2,000,000", tmp_path
        )


def test_the_line_limit_is_the_last_count_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text of exactly the limit's lines is read, one more line is refused (a small limit, in process)."""
    monkeypatch.setattr(limits, "MAX_LINES", 3)
    assert len(read("at.txt", b"one\r\ntwo\nthree").blocks[0].lines) == 3
    with pytest.raises(InputError, match="too many lines to read: 4, over the limit of 3"):
        read("over.txt", b"one\r\ntwo\nthree\r")


# ── PDF and Word ─────────────────────────────────────────────────────────────────────────────────


def test_a_pdf_encrypted_with_a_password_is_refused(tmp_path: Path) -> None:
    """A PDF that only a password opens is refused in one line: it must be decrypted first."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([[SHELTER]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    stream = io.BytesIO()
    writer.write(stream)
    assert_refused(
        write(tmp_path, "report.pdf", stream.getvalue()), ": encrypted; decrypt it first", tmp_path
    )


def test_a_pdf_is_read_when_it_is_one(tmp_path: Path) -> None:
    """The PDF the refusals above start from is audited, cited by page (so the refusals are the file's)."""
    report, _ = audit_json(write(tmp_path, "report.pdf", make_pdf([[SHELTER]])))
    (found,) = next(item["evidence"] for item in report["items"] if item["id"] == "protection.accommodation")
    assert (found["page"], found["line"], found["text"]) == (1, 1, SHELTER)


def test_a_word_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    """A .docx whose main part inflates a thousand times over is refused from the sizes it declares."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", bytes(4 * limits.MEGABYTE))
    assert len(stream.getvalue()) < 10_000
    err = assert_refused(
        write(tmp_path, "report.docx", stream.getvalue()), ": refused: word/document.xml inflates ", tmp_path
    )
    assert err.endswith(" to 1 (a zip bomb?)\n")


# ── output ───────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("command", ["audit", "init"])
def test_output_named_beyond_the_system_s_limit_is_one_line(tmp_path: Path, command: str) -> None:
    """--output with a name over 255 bytes was an internal error: one line, exit 2."""
    output = tmp_path / ("a" * 300 + ".md")
    report = write(tmp_path, "report.txt", SHELTER)
    arguments = (
        [str(report)] if command == "audit" else ["--country", "X", "--year", "2024", "--format", "markdown"]
    )
    assert run(command, *arguments, "--output", str(output)) == (
        2,
        "",
        f"ilo-check: error: {output}: cannot write: File name too long\n",
    )


def test_output_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    """--output naming a folder is refused in one line, exit 2."""
    report = write(tmp_path, "report.txt", SHELTER)
    assert run("audit", str(report), "--output", str(tmp_path)) == (
        2,
        "",
        f"ilo-check: error: {tmp_path}: cannot write: it is a folder\n",
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_output_into_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    """--output into a folder the user may not write in exits 2 with one line, and leaves nothing."""
    report = write(tmp_path, "report.txt", SHELTER)
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        target = folder / "result.json"
        assert run("audit", str(report), "--output", str(target)) == (
            2,
            "",
            f"ilo-check: error: {target}: cannot write: Permission denied\n",
        )
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_ctrl_c_while_writing_keeps_the_old_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in the middle of writing --output exits 130 with one line (after the line break click gives the
    terminal's "^C"); the old result stays whole and no temporary file is left."""
    report = write(tmp_path, "report.txt", SHELTER)
    target = write(tmp_path, "result.json", "{}\n")

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    assert run("audit", str(report), "--format", "json", "--output", str(target)) == (
        130,
        "",
        "\nilo-check: interrupted\n",
    )
    assert target.read_text() == "{}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.txt", "result.json"]


# ── real processes ───────────────────────────────────────────────────────────────────────────────


def test_two_processes_writing_one_output_leave_one_whole_result(tmp_path: Path) -> None:
    """Two audits writing the same --output at once both succeed, and the file is one whole result."""
    report = write(tmp_path, "report.txt", f"{SHELTER}\n{NOT_RATIFIED}\n")
    target = tmp_path / "result.json"
    processes = [start_process("audit", str(report), "-f", "json", "-o", str(target)) for _ in range(2)]
    outcomes = [(process.wait(timeout=120), *process.communicate()) for process in processes]
    assert outcomes == [(0, "", "")] * 2
    assert json.loads(target.read_text(encoding="utf-8"))["reports"][0]["source"] == str(report)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.txt", "result.json"]


def test_a_real_process_reports_each_hostile_file_in_one_line_and_audits_the_rest(
    tmp_path: Path, sparse: Any
) -> None:
    """In one real process: a 1 GB file, 100,000 open brackets and a binary .txt are one line each, exit 2;
    the good report among them is still audited and written."""
    huge = sparse("huge.yaml", 1024 * limits.MEGABYTE)
    deep = write(tmp_path, "deep.json", "[" * 100_000)
    binary = write(tmp_path, "binary.txt", b"\x7fELF\x02\x01\x01" + bytes(64))
    good = write(tmp_path, "good.txt", SHELTER)
    target = tmp_path / "result.json"
    process = start_process(
        "audit", str(huge), str(deep), str(binary), str(good), "-f", "json", "-o", str(target)
    )
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out) == (2, "")
    assert [line.split(": ", 3)[2] for line in err.splitlines()] == [str(huge), str(deep), str(binary)]
    assert "Traceback" not in err
    assert [item["source"] for item in json.loads(target.read_text())["reports"]] == [str(good)]


# ── what is no file, and files past their limits, wherever a file is read ────────────────────────


def _pack_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    for rule_file in (ROOT / "rules" / "p029").glob("*.yaml"):
        (folder / rule_file.name).write_bytes(rule_file.read_bytes())
    return folder


def _run_process(tmp_path: Path, *args: str) -> Run:
    """`ilo-check ARGS...` as a process of its own, loading its packs itself (into an empty store)."""
    # The timeout: a command waiting on a named pipe never ends.
    return run_process(*args, env={"ILO_CHECK_CACHE_DIR": str(tmp_path / "store")}, timeout=120)


_PACK_COMMANDS = [
    pytest.param(("rules", "validate"), id="rules validate"),
    pytest.param(("rules", "list"), id="rules list"),
    pytest.param(("audit", str(ROOT / "fixtures" / "seeds" / "000_527e425593d6808e.txt")), id="audit"),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", _PACK_COMMANDS)
@pytest.mark.parametrize("name", ["extra.yaml", "pack.yaml"])
def test_a_named_pipe_among_a_pack_s_files_is_refused_not_waited_on(
    tmp_path: Path, command: tuple[str, ...], name: str
) -> None:
    """A named pipe called *.yaml in a pack's folder, its manifest's name included, made every command
    wait for a writer for ever (the store's digest and the loader read it): it is refused in one line."""
    folder = _pack_copy(tmp_path)
    (folder / name).unlink(missing_ok=True)
    os.mkfifo(folder / name)
    done = _run_process(tmp_path, *command, "--rules", str(folder))
    assert (done.code, done.out) == (2, "")
    assert done.err == (
        f"ilo-check: error: {folder / name}: a named pipe, not a rule file (a rule pack's folder holds files)\n"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_rule_file_that_is_a_device_is_refused_unread(tmp_path: Path) -> None:
    """A rule file linked to /dev/zero once ate memory until `internal error: MemoryError`."""
    folder = _pack_copy(tmp_path)
    (folder / "zero.yaml").symlink_to("/dev/zero")
    done = _run_process(tmp_path, "rules", "validate", "--rules", str(folder))
    assert (done.code, done.err) == (
        2,
        f"ilo-check: error: {folder / 'zero.yaml'}: a device, not a rule file (a rule pack's folder holds files)\n",
    )


def test_a_rule_file_over_its_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    """A rule file larger than any pack's is refused from its size, before it is read."""
    folder = _pack_copy(tmp_path)
    with open(folder / "huge.yaml", "wb") as stream:
        stream.truncate(limits.MAX_RULE_FILE_BYTES + 1)
    done = _run_process(tmp_path, "rules", "list", "--rules", str(folder))
    assert (done.code, done.err) == (
        2,
        f"ilo-check: error: {folder / 'huge.yaml'}: too large to read: 10,485,761 bytes, over the limit "
        "of 10 MB for a rule file\n",
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--baseline", "too large to read: over the limit of 50 MB for a baseline"),
        ("--config", "a device, not a configuration file"),
    ],
)
def test_a_baseline_or_a_configuration_without_an_end_is_refused_not_read_for_ever(
    tmp_path: Path, option: str, message: str
) -> None:
    """A baseline that is /dev/zero (or any stream that never ends) once ate memory until `internal
    error: MemoryError`: it is read up to its limit, and refused in one line. A configuration file must
    be a file."""
    code, out, err = run("audit", str(write(tmp_path, "report.txt", SHELTER)), option, "/dev/zero")
    assert (code, out, err) == (2, "", f"ilo-check: error: /dev/zero: {message}\n")


@pytest.mark.parametrize(
    ("option", "limit", "message"),
    [
        ("--baseline", limits.MAX_BASELINE_BYTES, "over the limit of 50 MB for a baseline"),
        ("--config", limits.MAX_CONFIG_BYTES, "over the limit of 1 MB for a configuration file"),
    ],
)
def test_a_baseline_or_a_configuration_over_its_limit_is_refused_by_its_size(
    tmp_path: Path, sparse: Any, option: str, limit: int, message: str
) -> None:
    """Larger than any real one, it is refused from its size, unread."""
    path = sparse("big.json" if option == "--baseline" else "big.yaml", limit + 1)
    code, out, err = run("audit", str(write(tmp_path, "report.txt", SHELTER)), option, str(path))
    assert (code, out) == (2, "")
    assert err == f"ilo-check: error: {path}: too large to read: {limit + 1:,} bytes, {message}\n"


# ── an output that is an input ───────────────────────────────────────────────────────────────────


def _audit_standard_input(output: str, **stdin: Any) -> Run:
    """`ilo-check audit -` as a process of its own, its result to `output`, given `stdin` (an open file,
    or the text piped in as `input`)."""
    return run_process("audit", "-", "--input-format", "text", "-f", "json", "-o", output, **stdin)


@pytest.mark.parametrize("output", ["/dev/stdin", "/proc/self/fd/0"])
@pytest.mark.skipif(not Path("/proc/self/fd/0").exists(), reason="needs /dev/stdin and /proc")
def test_an_output_that_is_the_standard_input_being_audited_is_refused(tmp_path: Path, output: str) -> None:
    """`audit - -o /dev/stdin 0<> report.txt` once appended the result to the report it read: standard
    input is an input like any other, and is kept."""
    report = write(tmp_path, "report.txt", SHELTER)
    with open(report, "r+b") as stdin:  # read and write, as the shell's 0<> opens it
        done = _audit_standard_input(output, stdin=stdin)
    assert (done.code, done.out) == (2, "")
    assert done.err == (
        f"ilo-check: error: {output}: is the standard input being audited; not overwritten "
        "(write the result elsewhere)\n"
    )
    assert report.read_text(encoding="utf-8") == SHELTER


def test_a_report_piped_in_may_be_written_to_any_other_file(tmp_path: Path) -> None:
    """The guard is for the file standard input is: a result from a pipe goes where it is sent."""
    output = tmp_path / "result.json"
    output.write_text("an earlier result")
    done = _audit_standard_input(str(output), input=SHELTER)
    assert done.code == 0, done.err
    assert json.loads(output.read_text(encoding="utf-8"))["reports"][0]["source"] == "<stdin>"


def _inputs(tmp_path: Path) -> dict[str, Path]:
    """A report, a baseline of it, a configuration and a copy of the bundled pack."""
    report = write(tmp_path, "report.txt", SHELTER)
    baseline = tmp_path / "baseline.json"
    assert run("baseline", "write", str(baseline), str(report)).code == 0
    config = write(tmp_path, "ilo-check.yaml", "fail-under: 0\n")
    return {"report": report, "baseline": baseline, "config": config, "pack": _pack_copy(tmp_path)}


@pytest.mark.parametrize(
    ("target", "what"),
    [
        ("report", "a report being audited"),
        ("baseline", "the baseline"),
        ("config", "the configuration file"),
        ("pack", "a file of the rule pack"),
    ],
)
def test_an_output_that_is_any_file_the_run_reads_is_refused_and_the_file_kept(
    tmp_path: Path, target: str, what: str
) -> None:
    """Whatever the run reads (the report, the baseline it gates against, its configuration, a file of
    its rule pack), --output naming it is refused in one line before anything is audited, and the file is
    kept as it was."""
    inputs = _inputs(tmp_path)
    output = inputs[target] / "remedies.yaml" if target == "pack" else inputs[target]
    before = output.read_bytes()
    code, out, err = run(
        "audit",
        str(inputs["report"]),
        "--baseline",
        str(inputs["baseline"]),
        "--config",
        str(inputs["config"]),
        "--rules",
        str(inputs["pack"]),
        "-f",
        "json",
        "-o",
        str(output),
    )
    assert (code, out) == (2, "")
    assert err == f"ilo-check: error: {output}: is {what}; not overwritten (write the result elsewhere)\n"
    assert output.read_bytes() == before


def test_a_saved_result_compared_by_diff_is_kept(tmp_path: Path) -> None:
    """diff reads a saved result without auditing it: --output naming it is refused all the same."""
    inputs = _inputs(tmp_path)
    before = inputs["baseline"].read_bytes()
    code, out, err = run(
        "diff", str(inputs["baseline"]), str(inputs["report"]), "-o", str(inputs["baseline"])
    )
    assert (code, out) == (2, "")
    assert err == (
        f"ilo-check: error: {inputs['baseline']}: is a report being audited; not overwritten "
        "(write the result elsewhere)\n"
    )
    assert inputs["baseline"].read_bytes() == before
