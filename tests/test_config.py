"""Configuration files (checker/config.py): where ilo-check.yaml or [tool.ilo-check] is found, how it is
validated and told when wrong (FILE:LINE:COL with a hint), paths relative to the file, and suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import CONFIG_FILE, Config, ConfigSuppression, find_config, load_config
from checker.errors import ExitCode, UsageError
from checker.model import Suppression

GATE_YAML = """\
fail-under: 25
fail-under-area:
  ratification: 25
require: [policy.plan_of_action, 'protection.*']
fail-on: gap
baseline: baseline.json
suppress:
  - item: technical_cooperation.offer
    reason: no offer  this cycle
  - item: promotion.activities
    reason: not before ratification
    files: "*.md"
"""

PYPROJECT = """\
[project]
name = "drafts"

[tool.ilo-check]
fail-under = 40
require = ["ratification"]
rules = "packs/mine"
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ── discovery ────────────────────────────────────────────────────────────────────────────────────


def test_the_file_in_the_working_directory_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ilo-check.yaml in the working directory is the configuration."""
    config = _write(tmp_path / CONFIG_FILE, "fail-under: 10\n")
    monkeypatch.chdir(tmp_path)
    assert find_config() == config


def test_the_file_in_a_parent_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ilo-check.yaml in a parent folder governs its subfolders."""
    config = _write(tmp_path / CONFIG_FILE, "fail-under: 10\n")
    (tmp_path / "drafts" / "2025").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "drafts" / "2025")
    assert find_config() == config


def test_pyproject_with_the_table_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyproject.toml with [tool.ilo-check] is a configuration, found from a subfolder too."""
    pyproject = _write(tmp_path / "pyproject.toml", PYPROJECT)
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path / "drafts")
    assert find_config() == pyproject


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pyproject.toml without [tool.ilo-check] is not a configuration: the search goes on to the parent."""
    config = _write(tmp_path / CONFIG_FILE, "fail-under: 10\n")
    _write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    monkeypatch.chdir(tmp_path / "sub")
    assert find_config() == config


def test_the_yaml_file_beats_pyproject_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one folder, ilo-check.yaml comes before pyproject.toml."""
    config = _write(tmp_path / CONFIG_FILE, "fail-under: 10\n")
    _write(tmp_path / "pyproject.toml", PYPROJECT)
    monkeypatch.chdir(tmp_path)
    assert find_config() == config


def test_the_nearest_folder_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pyproject.toml with the table in a subfolder beats ilo-check.yaml in its parent."""
    _write(tmp_path / CONFIG_FILE, "fail-under: 10\n")
    pyproject = _write(tmp_path / "sub" / "pyproject.toml", PYPROJECT)
    monkeypatch.chdir(tmp_path / "sub")
    assert find_config() == pyproject


def test_no_file_is_none(tmp_path: Path) -> None:
    """Without a configuration in the folder or its parents, there is none."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b") is None


def test_a_broken_pyproject_on_the_way_is_a_usage_error(tmp_path: Path) -> None:
    """A pyproject.toml that is not TOML, met on the way up, is a usage error at its line and column."""
    pyproject = _write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n[tool.ilo-check\n")
    with pytest.raises(UsageError) as raised:
        find_config(tmp_path)
    assert (
        str(raised.value) == f"{pyproject}:3:16: invalid TOML: Expected ']' at the end of a table declaration"
    )


# ── loading ──────────────────────────────────────────────────────────────────────────────────────


def test_a_yaml_configuration_is_loaded(tmp_path: Path) -> None:
    """The file's keys are the options' names; paths are made relative to the file; suppressions read."""
    path = _write(tmp_path / "ci" / CONFIG_FILE, GATE_YAML)
    config = load_config(path)
    assert config.origin == str(path)
    assert dict(config.values) == {
        "fail-under": 25,
        "fail-under-area": {"ratification": 25},
        "require": ["policy.plan_of_action", "protection.*"],
        "fail-on": "gap",
        "baseline": str(tmp_path / "ci" / "baseline.json"),
    }
    assert config.suppressions == (
        ConfigSuppression(
            "technical_cooperation.offer", "no offer  this cycle", None, f"{path}:8", path.parent
        ),
        ConfigSuppression(
            "promotion.activities", "not before ratification", "*.md", f"{path}:10", path.parent
        ),
    )


@pytest.mark.parametrize("key", ["rules", "output", "baseline"])
def test_paths_are_relative_to_the_file(tmp_path: Path, key: str) -> None:
    """rules, output and baseline in a configuration are relative to the file, not the working directory."""
    path = _write(tmp_path / "conf" / "ilo.yaml", f"{key}: ../shared/thing\n")
    assert load_config(path).get(key) == str(tmp_path / "conf" / ".." / "shared" / "thing")


def test_a_pyproject_table_is_loaded(tmp_path: Path) -> None:
    """[tool.ilo-check] in pyproject.toml gives the same keys, its paths relative to pyproject.toml."""
    path = _write(tmp_path / "pyproject.toml", PYPROJECT)
    config = load_config(path)
    assert (config.origin, dict(config.values)) == (
        str(path),
        {"fail-under": 40, "require": ["ratification"], "rules": str(tmp_path / "packs" / "mine")},
    )


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_an_empty_file_is_an_empty_configuration(tmp_path: Path, text: str) -> None:
    """An empty ilo-check.yaml sets nothing."""
    path = _write(tmp_path / CONFIG_FILE, text)
    assert load_config(path) == Config(str(path), {}, ())


def test_a_suppression_s_reason_is_what_the_file_says(tmp_path: Path) -> None:
    """A configured suppression becomes the audit's Suppression with its reason and FILE:LINE origin."""
    path = _write(tmp_path / CONFIG_FILE, GATE_YAML)
    first = load_config(path).suppressions[0]
    assert first.suppression() == Suppression(
        "technical_cooperation.offer", "no offer  this cycle", f"{path}:8"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "fail-under: 25\nfail-undr: 30\n",
            "{path}:2:1: unknown key 'fail-undr' (did you mean 'fail-under'?)",
            id="unknown key, with a hint",
        ),
        pytest.param(
            "fail-under: .nan\n",
            "{path}:1:13: fail-under: nan is not of type 'number'",
            id="a bar of NaN, which every score would pass",
        ),
        pytest.param(
            f"fail-under: {10**400}\n",
            f"{{path}}:1:13: fail-under: {10**400} is greater than the maximum of 100",
            id="a bar too large for a float",
        ),
        pytest.param(
            "fail-under-area:\n  protection: .inf\n",
            "{path}:2:15: fail-under-area.protection: inf is not of type 'number'",
            id="an area's bar of infinity",
        ),
        pytest.param(
            "requires:\n  - policy\n",
            "{path}:1:1: unknown key 'requires' (did you mean 'require'?)",
            id="unknown key, plural",
        ),
        pytest.param(
            "suppress:\n  - item: promotion.activities\n    reasn: none planned\n",
            "{path}:3:5: suppress[0]: unknown key 'reasn' (did you mean 'reason'?)",
            id="unknown key in a suppression",
        ),
        pytest.param(
            "suppress:\n  - item: promotion.activities\n",
            "{path}:2:5: suppress[0]: missing required key 'reason'",
            id="suppression without a reason",
        ),
        pytest.param(
            "suppress:\n  - item: promotion.activities\n    reason: ''\n",
            "{path}:3:13: suppress[0].reason: '' should be non-empty",
            id="suppression with an empty reason",
        ),
        pytest.param(
            "fail-under: 200\n", "{path}:1:13: fail-under: 200 is greater than the maximum of 100", id="range"
        ),
        pytest.param(
            "fail-on: never\n",
            "{path}:1:10: fail-on: 'never' is not one of ['missing', 'gap', 'partial']",
            id="unknown choice",
        ),
        pytest.param(
            "require: ratification.status\n",
            "{path}:1:10: require: 'ratification.status' is not of type 'array'",
            id="wrong type",
        ),
        pytest.param(
            "- fail-under\n", "{path}:1:1: the configuration must be a mapping of option names", id="a list"
        ),
        pytest.param(
            "fail-under: 10\n  require: x\n",
            "{path}:2:10: invalid YAML: mapping values are not allowed here",
            id="invalid YAML",
        ),
    ],
)
def test_a_bad_configuration_is_told_at_file_line_column(tmp_path: Path, text: str, message: str) -> None:
    """A bad configuration is a usage error (exit 2) in one line: FILE:LINE:COL: message (hint)."""
    path = _write(tmp_path / CONFIG_FILE, text)
    with pytest.raises(UsageError) as raised:
        load_config(path)
    assert str(raised.value) == message.format(path=path)
    assert raised.value.exit_code == ExitCode.ERROR


def test_a_blank_reason_in_the_configuration_is_an_error(tmp_path: Path) -> None:
    """A configured suppression whose reason is only white space is an error, as an empty one is."""
    path = _write(tmp_path / CONFIG_FILE, "suppress:\n  - item: promotion.activities\n    reason: '   '\n")
    with pytest.raises(UsageError, match=r":3:13: .*reason"):
        load_config(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[project]\nname = 'x'\n\n[tool.ilo-check]\nfail-under = 10\n  fail-undr = 10\n",
            "6:3: unknown key 'fail-undr' (did you mean 'fail-under'?)",
        ),
        (
            '[tool."ilo-check"]\nfail-on = "never"\n',
            "2:1: fail-on: 'never' is not one of ['missing', 'gap', 'partial']",
        ),
        (
            "[tool.ilo-check.fail-under-area]\nprotection = 50\npolicy = 'high'\n",
            "3:1: fail-under-area.policy: 'high' is not of type 'number'",
        ),
        (
            "[tool.ilo-check]\n[[tool.ilo-check.suppress]]\nitem = 'policy.data'\nreason = 'x'\n"
            "[[tool.ilo-check.suppress]]\nitem = 'policy.data'\n",
            "5:1: suppress[1]: missing required key 'reason'",
        ),
    ],
)
def test_an_error_in_pyproject_is_told_at_its_line(tmp_path: Path, text: str, message: str) -> None:
    """tomllib keeps no positions: the keys of [tool.ilo-check] and its tables are found in the text, so
    that an error names its line and column as in ilo-check.yaml."""
    path = _write(tmp_path / "pyproject.toml", text)
    with pytest.raises(UsageError) as raised:
        load_config(path)
    assert str(raised.value) == f"{path}:{message}"


def test_a_configured_suppression_in_pyproject_is_placed_at_its_table(tmp_path: Path) -> None:
    """Each [[tool.ilo-check.suppress]] is cited at its own header."""
    text = "[tool.ilo-check]\n\n[[tool.ilo-check.suppress]]\nitem = 'a.b'\nreason = 'x'\n\n"
    path = _write(tmp_path / "pyproject.toml", text + text.replace("[tool.ilo-check]\n", ""))
    origins = [item.origin.rsplit(":", 1)[1] for item in load_config(path).suppressions]
    assert origins == ["3", "8"]


def test_an_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    """A configuration that is not UTF-8 is a usage error naming the file."""
    path = tmp_path / CONFIG_FILE
    path.write_bytes(b"fail-under: \xff\xfe\n")
    with pytest.raises(UsageError, match=rf"^{path}: cannot read: "):
        load_config(path)


# ── which submissions a configured suppression covers ───────────────────────────────────────────


@pytest.mark.parametrize(
    ("files", "path", "applies"),
    [
        (None, "drafts/report.md", True),
        ("*.md", "report.md", True),
        ("drafts/*.md", "drafts/report.md", True),
        ("report.md", "drafts/report.md", True),  # a bare name matches the file's name in any folder
        ("*.yaml", "drafts/report.md", False),
        ("other/*.md", "drafts/report.md", False),
    ],
)
def test_a_configured_suppression_covers_the_files_it_names(
    files: str | None, path: str, applies: bool
) -> None:
    """`files` limits a configured suppression to submissions whose path or name matches the glob."""
    assert (
        ConfigSuppression("promotion.activities", "why", files, "ilo-check.yaml:2").applies_to(path)
        is applies
    )
