"""The effective settings (checker/settings.py): the command line over the configuration file over the
defaults, and the audit and gate settings built from them."""

from __future__ import annotations

from typing import Any

import pytest

from checker.config import Config, ConfigSuppression
from checker.excludes import DEFAULT_EXCLUDE
from checker.reporters.options import RenderOptions
from checker.settings import DEFAULTS, AuditSettings, GateSettings, audit_settings, effective

SUPPRESSION = ConfigSuppression("technical_cooperation.offer", "no offer", None, "/repo/ilo-check.yaml:12")
CONFIG = Config(
    "/repo/ilo-check.yaml",
    {
        "fail-under": 25,
        "fail-under-area": {"ratification": 25},
        "require": ["policy.plan_of_action"],
        "fail-on": "gap",
        "baseline": "/repo/baseline.json",
        "format": "json",
        "select": ["policy"],
        "rules": "/repo/pack",
    },
    (SUPPRESSION,),
)
# What searching folders leaves out, in every effective configuration (tests/test_excludes.py tests it).
SEARCH_DEFAULTS = {"exclude": list(DEFAULT_EXCLUDE), "respect-gitignore": True, "force-exclude": False}
NOT_GIVEN: dict[str, Any] = {
    "fail-under": None,
    "fail-under-area": {},
    "require": (),
    "fail-on": None,
    "baseline": None,
    "format": None,
    "select": (),
    "ignore": (),
    "rules": None,
    "output": None,
    "show": None,
    "input-format": None,
}


def test_the_defaults_without_a_configuration() -> None:
    """With no option and no file, the defaults hold: a table, every view, fail on partial; no gate."""
    settings = audit_settings(("draft.md",), NOT_GIVEN, Config(), RenderOptions())
    assert settings == AuditSettings(paths=("draft.md",), render=RenderOptions())
    assert (settings.format, settings.gate, settings.gate.active) == ("table", GateSettings(), False)
    assert dict(DEFAULTS) == {
        "format": "table",
        "show": "all",
        "fail-on": "missing",
        "language": "auto",
        **SEARCH_DEFAULTS,
    }


def test_the_configuration_fills_what_the_command_line_leaves() -> None:
    """Options not given on the command line take the configuration's values, suppressions included."""
    settings = audit_settings(("draft.md",), NOT_GIVEN, CONFIG, RenderOptions())
    assert settings.gate == GateSettings(
        fail_under=25,
        fail_under_area={"ratification": 25},
        require=("policy.plan_of_action",),
        fail_on="gap",
        baseline="/repo/baseline.json",
    )
    assert (settings.format, settings.select, settings.ignore, settings.rules) == (
        "json",
        ("policy",),
        (),
        ("/repo/pack",),
    )
    assert (settings.suppressions, settings.config) == ((SUPPRESSION,), "/repo/ilo-check.yaml")


@pytest.mark.parametrize(
    ("key", "given", "attribute", "expected"),
    [
        ("fail-under", 60.0, "fail_under", 60.0),
        ("fail-under", 0.0, "fail_under", 0.0),  # a zero bar is given, not absent
        ("fail-under-area", {"protection": 70.0}, "fail_under_area", {"protection": 70.0}),
        ("require", ("ratification.status",), "require", ("ratification.status",)),
        ("fail-on", "partial", "fail_on", "partial"),
        ("baseline", "other.json", "baseline", "other.json"),
    ],
)
def test_the_command_line_overrides_the_configuration(
    key: str, given: object, attribute: str, expected: object
) -> None:
    """An option given on the command line replaces the configuration's value of the same key."""
    settings = audit_settings(("draft.md",), {**NOT_GIVEN, key: given}, CONFIG, RenderOptions())
    assert getattr(settings.gate, attribute) == expected


def test_lists_from_the_command_line_replace_the_configuration_s() -> None:
    """--select, --require and --fail-under-area replace the configured lists; they do not add to them."""
    options = {
        **NOT_GIVEN,
        "select": ("prevention",),
        "require": ("prevention.awareness",),
        "fail-under-area": {"prevention": 10.0},
    }
    settings = audit_settings(("draft.md",), options, CONFIG, RenderOptions())
    assert settings.select == ("prevention",)
    assert (settings.gate.require, dict(settings.gate.fail_under_area)) == (
        ("prevention.awareness",),
        {"prevention": 10.0},
    )


@pytest.mark.parametrize(
    ("options", "config", "expected"),
    [
        pytest.param({}, Config(), {"fail-on": "missing", "format": "table", "show": "all"}, id="defaults"),
        pytest.param(
            {"format": "csv"},
            Config("c.yaml", {"format": "json"}),
            {"fail-on": "missing", "format": "csv", "show": "all"},
            id="command line over file",
        ),
        pytest.param(
            {"format": None, "select": ()},
            Config("c.yaml", {"format": "json", "select": ["policy"]}),
            {"fail-on": "missing", "format": "json", "select": ["policy"], "show": "all"},
            id="file over defaults",
        ),
        pytest.param(
            {"jobs": None},
            Config("c.yaml", {"fail-on": "gap"}),
            {"fail-on": "gap", "format": "table", "jobs": None, "show": "all"},
            id="keys of all three",
        ),
    ],
)
def test_effective_takes_each_key_from_the_first_that_gives_it(
    options: dict[str, Any], config: Config, expected: dict[str, Any]
) -> None:
    """Each setting comes from the command line, else the configuration, else the defaults."""
    assert effective(options, config) == {**SEARCH_DEFAULTS, "language": "auto", **expected}


@pytest.mark.parametrize(
    ("given", "configured", "expected"),
    [(None, None, "auto"), (None, "fr", "fr"), ("es", "fr", "es"), ("auto", "fr", "auto")],
)
def test_the_language_comes_from_the_command_line_else_the_configuration(
    given: str | None, configured: str | None, expected: str
) -> None:
    """--language over the configuration's `language` over auto (each report's identified)."""
    config = Config("c.yaml", {"language": configured} if configured else {})
    settings = audit_settings(("draft.md",), {**NOT_GIVEN, "language": given}, config, RenderOptions())
    assert settings.language == expected
