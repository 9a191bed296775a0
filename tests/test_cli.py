"""The command line end to end: exit codes, stdout and stderr together, through click's runner and a
real process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import jsonschema
import pytest
import yaml

import checker.rules
from checker import __version__
from checker.rules import load_rules
from checker.schemas import schema
from tests.ci_support import run_main
from tests.conftest import COMPILATION_SEED, NARRATIVE_SEED, ROOT

SEED = str(COMPILATION_SEED)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the name and version, and exits 0."""
    assert run_main(capsys, "--version") == (0, f"ilo-check {__version__}\n", "")


COMMANDS = [
    (),
    ("audit",),
    ("rules",),
    ("rules", "list"),
    ("rules", "show"),
    ("rules", "validate"),
    ("rules", "test"),
    ("schema",),
    ("init",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(command) or "ilo-check" for command in COMMANDS])
def test_help_has_an_example(capsys: pytest.CaptureFixture[str], command: tuple[str, ...]) -> None:
    """Every command's --help shows its usage and at least one example."""
    code, out, err = run_main(capsys, *command, "--help")
    assert (code, err) == (0, "")
    assert "Usage:" in out and "Example" in out and "ilo-check " in out


def test_audit_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Auditing the bundled compilation prints the matrix with both years and the total, exit 0."""
    code, out, err = run_main(capsys, "audit", SEED)
    assert (code, err) == (0, "")
    assert "2017" in out and "2018" in out and "Overall" in out
    assert "Score: 82.3 / 100" in out


def test_audit_json_is_byte_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints only JSON on stdout, valid against the result schema; nothing on stderr."""
    code, out, err = run_main(capsys, "audit", SEED, "--format", "json")
    assert (code, err) == (0, "")
    jsonschema.validate(json.loads(out), schema("result"))


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--output writes the report to the file, the same as stdout would show, and prints nothing."""
    target = tmp_path / "result.json"
    code, out, err = run_main(capsys, "audit", SEED, "-f", "json", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text() == run_main(capsys, "audit", SEED, "-f", "json")[1]
    assert list(tmp_path.iterdir()) == [target]  # no temporary file is left behind


def _closing(descriptor: int) -> Callable[[], None]:
    return lambda: os.close(descriptor)


@pytest.mark.parametrize(
    ("args", "setting", "told"),
    [
        pytest.param(
            [SEED, "-f", "json"],
            {"stdout": "/dev/full"},
            "stdout: cannot write the report: No space left on device",
            id="full disk",
        ),
        pytest.param(
            [], {"close": 1}, "stdout: cannot write the report: standard output is closed", id="no stdout"
        ),
        pytest.param(
            ["-", "--input-format", "text"], {"close": 0}, "<stdin>: standard input is closed", id="no stdin"
        ),
        pytest.param(
            [],
            {"env": {"PYTHONIOENCODING": "ascii"}},
            "stdout: cannot write the report in ascii: it holds '\\xb7' "
            "(set PYTHONIOENCODING=utf-8, or give --output FILE)",
            id="ascii stdout",
        ),
    ],
)
def test_standard_streams_that_fail_are_one_line_and_exit_2(
    tmp_path: Path, args: list[str], setting: dict[str, Any], told: str
) -> None:
    """stdout on a full disk, or closed (`>&-`), stdin closed (`<&-`), an encoding that cannot hold the
    report: one line on stderr naming the stream, exit 2 (each was once an internal error)."""
    stdout_path = setting.get("stdout", str(tmp_path / "out.txt"))
    with open(stdout_path, "w") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "checker", "audit", *(args or [SEED]), "--no-config"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, **setting.get("env", {})},
            preexec_fn=_closing(setting["close"]) if "close" in setting else None,
            check=False,
        )
    assert (done.returncode, done.stderr) == (2, f"ilo-check: error: {told}\n")


def test_a_report_written_to_a_file_needs_no_stdout(tmp_path: Path) -> None:
    """With `--output`, a process started without stdout writes its report all the same."""
    target = tmp_path / "result.txt"
    done = subprocess.run(
        [sys.executable, "-m", "checker", "audit", SEED, "--no-config", "-o", str(target)],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        preexec_fn=_closing(1),
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "Score:" in target.read_text()


class _NotUnwoundError(Exception):
    """Raised by this test's own SIGTERM handler: the command did not put its own in place."""


def _not_unwound(signal_number: int, frame: FrameType | None) -> None:
    raise _NotUnwoundError


def test_sigterm_while_writing_is_one_line_exit_143_and_leaves_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM (`kill`, `timeout`) in the middle of writing the result: exit 143, one line, neither the
    result nor its temporary file left; and the process's own SIGTERM handler is back afterwards."""
    monkeypatch.setattr(os, "fsync", lambda descriptor: signal.raise_signal(signal.SIGTERM))
    previous = signal.signal(signal.SIGTERM, _not_unwound)
    try:
        code, out, err = run_main(capsys, "audit", SEED, "-o", str(tmp_path / "result.txt"))
        assert signal.getsignal(signal.SIGTERM) is _not_unwound
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert (code, out, err) == (143, "", "ilo-check: terminated\n")
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An output path in a folder that does not exist is an error: exit 2, one line, no file."""
    target = tmp_path / "missing" / "result.json"
    code, out, err = run_main(capsys, "audit", SEED, "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"ilo-check: error: {target}: cannot write: the folder does not exist\n"


@pytest.mark.parametrize(
    "arguments",
    [
        ("audit", "{draft}", "-f", "json", "-o", "{draft}", "--no-config"),
        ("audit", "{folder}", "-f", "json", "-o", "{draft}", "--no-config"),
        ("baseline", "write", "{draft}", "{draft}", "--no-config"),
        ("explain", "{draft}", "policy.data", "-o", "{draft}"),
    ],
    ids=["audit", "audit of its folder", "baseline write", "explain"],
)
def test_a_result_is_never_written_over_a_report_it_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, arguments: tuple[str, ...]
) -> None:
    """Writing the result to the report being audited (a slip of the keyboard) is refused, exit 2: the
    draft is kept as it was."""
    draft = tmp_path / "draft.md"
    draft.write_text("# Draft\n\n### policy.data\n\nData are collected by the statistics office.\n")
    before = draft.read_bytes()
    given = [argument.format(draft=draft, folder=tmp_path) for argument in arguments]
    code, out, err = run_main(capsys, *given)
    assert (code, out) == (2, "")
    assert (
        err
        == f"ilo-check: error: {draft}: is a report being audited; not overwritten (write the result elsewhere)\n"
    )
    assert draft.read_bytes() == before and list(tmp_path.iterdir()) == [draft]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("audit", "missing.txt"), "ilo-check: error: missing.txt: no such file\n"),
        (("audit", "report.docx5"), "ilo-check: error: report.docx5: cannot tell the format from the ending"),
        (("audit", SEED, "--format", "xml"), "ilo-check: error: Invalid value for '--format' / '-f'"),
        (("audit",), "ilo-check: error: Missing argument 'FILE...'. (see 'ilo-check audit --help')\n"),
        (
            ("audit", SEED, "--outptu"),
            "ilo-check: error: No such option '--outptu'. Did you mean '--output'? (see 'ilo-check audit --help')\n",
        ),
        (
            ("rules", "show", "prevention.awarness"),
            "ilo-check: error: no item 'prevention.awarness' in the p029 pack (did you mean 'prevention.awareness'?)\n",
        ),
        (("init", "--country", "X", "--year", "1500"), "ilo-check: error: Invalid value for '--year'"),
        (
            ("init", "--country", " ", "--year", "2020"),
            "ilo-check: error: Invalid value for '--country': must not be blank",
        ),
        (
            ("init", "--country", 'X"\nanswers: {}', "--year", "2020"),
            "ilo-check: error: Invalid value for '--country': 'X\"\\nanswers: {}' is not one line of text",
        ),
    ],
)
def test_usage_and_input_errors(
    capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...], message: str
) -> None:
    """Bad usage or input is one line on stderr and exit 2, never a traceback."""
    code, out, err = run_main(capsys, *arguments)
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1 and "Traceback" not in err


def test_bad_file_does_not_stop_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    """In a batch, an unreadable file is reported and the others are still audited; exit 2 says so."""
    code, out, err = run_main(capsys, "audit", "missing.txt", SEED, "-f", "json")
    assert code == 2
    assert [report["source"] for report in json.loads(out)["reports"]] == [SEED]
    assert err == "ilo-check: error: missing.txt: no such file\n"


def test_bad_structured_submission(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A structured draft with a wrong type is one line naming file, line and column."""
    draft = tmp_path / "draft.yaml"
    draft.write_text("country: X\nanswers:\n  ratification.status:\n    status: ratified\n")
    code, _, err = run_main(capsys, "audit", str(draft))
    assert code == 2
    assert err.startswith(f"ilo-check: error: {draft}:4:13: answers.ratification.status")


def test_broken_rule_pack(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--rules with a broken pack is fatal: one line FILE:LINE:COL, exit 2."""
    (tmp_path / "pack.yaml").write_text("pack: mine\nversion: 1.0.0\n")
    code, out, err = run_main(capsys, "audit", SEED, "--rules", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"ilo-check: error: {tmp_path / 'pack.yaml'}:1:1: missing required key 'instrument'\n"


def test_show_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    """--show gaps lists what is missing or denied, with the question and guidance to answer it."""
    code, out, _ = run_main(capsys, "audit", str(NARRATIVE_SEED), "--show", "gaps")
    assert code == 0
    assert "22 of 44 items are gaps" in out
    assert "Question: Has the country ratified the Protocol of 2014" in out
    assert "Overall" not in out


@pytest.mark.parametrize(
    ("environment", "arguments", "coloured"),
    [({}, (), False), ({}, ("--color", "always"), True), ({"NO_COLOR": "1"}, ("--color", "auto"), False)],
)
def test_colour(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    arguments: tuple[str, ...],
    coloured: bool,
) -> None:
    """Colour follows the terminal and NO_COLOR; --color always forces it."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run_main(capsys, "audit", SEED, *arguments)
    assert ("\x1b[" in out) is coloured


@pytest.mark.parametrize(("no_color", "coloured"), [("", True), ("1", False)], ids=["empty", "set"])
def test_an_empty_no_color_leaves_colour_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_color: str, coloured: bool
) -> None:
    """NO_COLOR turns colour off when it is set and not empty, as no-color.org says."""
    monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = run_main(capsys, "audit", SEED)
    assert ("\x1b[" in out) is coloured


def test_rules_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """rules list, show, validate and test work on the bundled pack and exit 0."""
    code, out, _ = run_main(capsys, "rules", "list")
    assert code == 0 and "remedies.non_prosecution" in out and "44 items" in out
    code, out, _ = run_main(capsys, "rules", "show", "ratification.status")
    assert code == 0 and "Question: Has the country ratified" in out and "Examples:" in out
    code, out, _ = run_main(capsys, "rules", "validate")
    examples = sum(len(rule.examples) for rule in load_rules().rules)
    assert code == 0 and out.endswith(f"ok: p029 1.0.0, 44 rules, {examples} examples\n")
    code, out, _ = run_main(capsys, "rules", "test", "--item", "ratification.status")
    count = len(load_rules().rule("ratification.status").examples)
    assert code == 0 and f"{count} examples of 1 rules: 0 failed" in out


@pytest.mark.parametrize("item", ["protection.accommodation", "policy.plan_of_action"])
def test_rules_test_of_one_item_judges_it_with_the_whole_pack(
    capsys: pytest.CaptureFixture[str], item: str
) -> None:
    """`rules test --item` runs that item's examples with the whole pack: an example in a form's field
    needs the form, which names the other items (it ended in an internal error, a KeyError)."""
    code, out, err = run_main(capsys, "rules", "test", "--item", item, "--item", "remedies.legal_aid")
    count = sum(len(load_rules().rule(each).examples) for each in (item, "remedies.legal_aid"))
    assert (code, err) == (0, "")
    assert f"{count} examples of 2 rules: 0 failed" in out


def test_rules_test_fails_on_a_wrong_example(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A pack whose example is wrong fails `rules test` with exit 1, naming the example."""
    import shutil

    from checker.rules import bundled_pack_dir

    pack = tmp_path / "pack"
    shutil.copytree(bundled_pack_dir(), pack)
    rules = pack / "promotion.yaml"
    rules.write_text(
        rules.read_text().replace(
            "- expect: missing\n      text: An awareness campaign",
            "- expect: reported\n      text: An awareness campaign",
            1,
        )
    )
    code, out, _ = run_main(capsys, "rules", "test", str(pack), "--item", "promotion.activities")
    assert code == 1
    assert "FAIL promotion.activities" in out and "expected reported, got" in out
    count = len(load_rules(pack).rule("promotion.activities").examples)
    assert out.endswith(f"{count} examples of 1 rules: 1 failed\n")


def test_rules_test_fails_on_a_rule_that_lacks_near_misses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A rule whose near misses are all gone fails `rules test`, saying that it lacks required examples."""
    import re
    import shutil

    from checker.rules import bundled_pack_dir

    pack = tmp_path / "pack"
    shutil.copytree(bundled_pack_dir(), pack)
    rules = pack / "technical_cooperation.yaml"
    offer = rules.read_text().split("- id: technical_cooperation.offer")
    offer[1] = re.sub(r"(?m)^    - expect: missing\n(?:      .*\n)+", "", offer[1])
    rules.write_text("- id: technical_cooperation.offer".join(offer))
    code, out, _ = run_main(capsys, "rules", "test", str(pack), "--item", "technical_cooperation.offer")
    assert code == 1
    assert out.endswith("0 failed, 1 rules lack required examples or wording\n")
    assert out.startswith(
        "LACKS technical_cooperation.offer: needs 2 missing (near misses), 2 missing (near misses) in French,"
    )


def test_schema_and_init(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """init writes a YAML draft valid against `schema`, refuses to overwrite it, and --force replaces it."""
    code, out, _ = run_main(capsys, "schema")
    submission = json.loads(out)
    assert code == 0 and len(submission["properties"]["answers"]["properties"]) == 44
    draft = tmp_path / "draft.yaml"
    assert run_main(capsys, "init", "--country", "Examplestan", "--year", "2025", "-o", str(draft))[0] == 0
    jsonschema.validate(yaml.safe_load(draft.read_text()), submission)
    draft.write_text("answers: {}\n")
    code, _, err = run_main(capsys, "init", "--country", "Examplestan", "--year", "2025", "-o", str(draft))
    assert code == 2 and "already exists; not overwritten (use --force to replace it)" in err
    assert draft.read_text() == "answers: {}\n"
    assert run_main(capsys, "init", "--country", "E", "--year", "2025", "-o", str(draft), "--force")[0] == 0
    assert draft.read_text().startswith("# Protocol of 2014")


def test_a_surprise_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug of ours is told in one line (its message's lines joined), never as a traceback."""

    def explode(directory: object = None) -> None:
        raise ValueError("first\n  second")

    monkeypatch.setattr(checker.rules, "load_rules", explode)
    monkeypatch.delenv("ILO_CHECK_DEBUG", raising=False)
    run = run_main(capsys, "rules", "list")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "ilo-check: internal error: ValueError: first second "
        "(please report it; ILO_CHECK_DEBUG=1 shows the traceback)\n"
    )


def test_a_file_name_with_a_line_break_is_one_line_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The error about a file whose name holds a line break or an escape sequence stays one line, and
    does not drive the terminal."""
    bad = tmp_path / "bad\nname\x1b[2J.txt"
    bad.write_bytes(b"\x00binary")
    run = run_main(capsys, "audit", str(bad))
    assert run.code == 2
    assert (
        run.err
        == f"ilo-check: error: {tmp_path}/bad\\nname\\x1b[2J.txt: binary data (a NUL byte at offset 0), not a text report\n"
    )


def test_real_process() -> None:
    """The installed command runs as a process: `python -m checker` audits the seed, exit 0, clean stderr."""
    environment = {**os.environ, "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "checker", "audit", SEED, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, "")
    assert json.loads(completed.stdout)["reports"][0]["score"] == 82.3


def test_real_process_error() -> None:
    """A process given a missing file exits 2 with one line on stderr."""
    completed = subprocess.run(
        [sys.executable, "-m", "checker", "audit", "nowhere.txt"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (
        2,
        "",
        "ilo-check: error: nowhere.txt: no such file\n",
    )


def _piped(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """A real process given `data` on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], input=data, capture_output=True, cwd=ROOT, check=False
    )


@pytest.mark.parametrize(
    ("path", "input_format"),
    [
        pytest.param(SEED, "text", id="text"),
        pytest.param(str(ROOT / "fixtures" / "examples" / "report.pdf"), "pdf", id="PDF, binary"),
    ],
)
def test_a_report_is_read_from_standard_input(path: str, input_format: str) -> None:
    """`-` reads the report from standard input (``pdftotext report.pdf - | ilo-check audit -``), named
    <stdin> in the result; its format must be given."""
    data = Path(path).read_bytes()
    piped = _piped(data, "audit", "-", "--input-format", input_format, "--format", "json")
    named = subprocess.run(
        [sys.executable, "-m", "checker", "audit", path, "--format", "json"],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert (piped.returncode, piped.stderr) == (named.returncode, b"")
    from_pipe, from_file = json.loads(piped.stdout)["reports"][0], json.loads(named.stdout)["reports"][0]
    assert from_pipe["source"] == "<stdin>"
    assert [item["status"] for item in from_pipe["items"]] == [item["status"] for item in from_file["items"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("audit", "-"),
            "ilo-check: error: <stdin>: standard input has no name to tell its format by "
            "(give --input-format: text, markdown, structured, pdf, docx, html)\n",
            id="no format",
        ),
        pytest.param(
            ("audit", "-", SEED),
            "ilo-check: error: '-' (standard input) must be the only report named (audit the others apart)\n",
            id="with other reports",
        ),
    ],
)
def test_standard_input_misused_is_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    """Standard input without a format, or among other reports, is refused in one line."""
    piped = _piped(b"Shelters were opened.\n", *args)
    assert (piped.returncode, piped.stdout, piped.stderr.decode()) == (2, b"", message)


def test_init_and_rules_show_in_another_language(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`init --language fr` drafts the questionnaire in French, `rules show --language es` shows an item
    in Spanish; a language the pack has no wording in is a usage error."""
    code, out, _ = run_main(capsys, "init", "--country", "Sénégal", "--year", "2025", "--language", "fr")
    assert code == 0 and out.startswith("# Protocole de 2014 relatif à la convention sur le travail forcé")
    assert "# Question: Comment les victimes de travail forcé sont-elles identifiées" in out
    code, out, _ = run_main(capsys, "rules", "show", "protection.identification", "--language", "es")
    assert code == 0 and "¿Cómo se identifica a las víctimas de trabajo forzoso" in " ".join(out.split())
    pack = tmp_path / "pack"
    shutil.copytree(checker.rules.bundled_pack_dir(), pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("languages: [en, fr, es]\n", ""))
    run = run_main(
        capsys, "init", "--country", "X", "--year", "2025", "--language", "fr", "--rules", str(pack)
    )
    assert (run.code, run.out) == (2, "")
    assert run.err == "ilo-check: error: the p029 pack's items are worded in en, not 'fr'\n"
