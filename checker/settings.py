"""The effective settings of a command: the command line over the configuration file over defaults.

The CLI passes the options as given (None where an option was not given); `audit_settings` fills in each
one from the configuration, then from the defaults, so that `ilo-check config` and a run agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.config import Config, ConfigSuppression, Origin
from checker.reporters.options import RenderOptions

__all__ = ["AuditSettings", "DraftSettings", "GateSettings", "Origins", "audit_settings", "effective"]

DEFAULTS: Mapping[str, Any] = {
    "format": "table",
    "show": "all",
    "fail-on": "missing",
}


@dataclass(frozen=True)
class Origins:
    """Where settings that name items or areas were given, to tell an error about one there."""

    given: Mapping[str, Origin] = field(default_factory=dict)

    def of(self, key: str) -> Origin:
        """Where the setting `key` was given: its configuration key, else the option `--key`."""
        return self.given.get(key, Origin(f"--{key}"))


@dataclass(frozen=True)
class GateSettings:
    """When the CI gate fails: a total score, completeness or area score under a bar, a required item
    short of what `fail_on` accepts (answered, by default), or a regression against a baseline."""

    fail_under: float | None = None
    fail_under_area: Mapping[str, float] = field(default_factory=dict)
    fail_under_completeness: float | None = None
    require: tuple[str, ...] = ()
    fail_on: str = "missing"
    baseline: str | None = None
    strict_baseline: bool = False  # a report or baseline entry left uncompared fails, not only warns
    # Where `require` and `fail-under-area` were given: not part of what the settings are.
    origins: Origins = field(default_factory=Origins, compare=False)

    @property
    def active(self) -> bool:
        """Whether any gate is set; without one, nothing fails."""
        return bool(
            self.fail_under is not None
            or self.fail_under_completeness is not None
            or self.fail_under_area
            or self.require
            or self.baseline
        )


@dataclass(frozen=True)
class AuditSettings:
    """Everything `audit` needs to run."""

    paths: tuple[str, ...]
    rules: tuple[str, ...] = ()
    format: str = "table"
    output: str | None = None
    input_format: str | None = None
    render: RenderOptions = field(default_factory=RenderOptions)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    gate: GateSettings = field(default_factory=GateSettings)
    suppressions: tuple[ConfigSuppression, ...] = ()
    config: str | None = None
    jobs: int | None = None  # worker processes; None: as many as there are cores
    origins: Origins = field(default_factory=Origins, compare=False)  # of `select` and `ignore`


@dataclass(frozen=True)
class DraftSettings:
    """Everything `init` needs to write a draft."""

    country: str
    year: int
    format: str = "yaml"
    output: str | None = None
    force: bool = False
    rules: tuple[str, ...] = ()


def effective(options: Mapping[str, Any], config: Config) -> dict[str, Any]:
    """Every setting's value: the command line's where given, else the configuration's, else the default."""
    keys = set(DEFAULTS) | set(config.values) | set(options)
    values: dict[str, Any] = {}
    for key in sorted(keys):
        given = options.get(key)
        if given is None or given in ((), {}):
            given = config.get(key, DEFAULTS.get(key))
        values[key] = given
    return values


def _origins(options: Mapping[str, Any], config: Config, *keys: str) -> Origins:
    """The configuration's place for each of `keys` it gives and the command line does not."""
    return Origins({key: config.source(key) for key in keys if not options.get(key) and config.get(key)})


def _paths(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """One path or several, as a tuple: `rules` may be either in the configuration."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def audit_settings(
    paths: tuple[str, ...], options: Mapping[str, Any], config: Config, render: RenderOptions
) -> AuditSettings:
    """The settings of an audit, from the command line's `options` (keys as in the configuration) and the
    configuration file."""
    values = effective(options, config)
    gate = GateSettings(
        fail_under=values.get("fail-under"),
        fail_under_area=dict(values.get("fail-under-area") or {}),
        fail_under_completeness=values.get("fail-under-completeness"),
        require=tuple(values.get("require") or ()),
        fail_on=values["fail-on"],
        baseline=values.get("baseline"),
        strict_baseline=bool(values.get("strict-baseline")),
        origins=_origins(options, config, "require", "fail-under-area"),
    )
    return AuditSettings(
        paths=paths,
        rules=_paths(values.get("rules")),
        format=values["format"],
        output=values.get("output"),
        input_format=values.get("input-format"),
        render=render,
        select=tuple(values.get("select") or ()),
        ignore=tuple(values.get("ignore") or ()),
        gate=gate,
        suppressions=config.suppressions,
        config=config.origin,
        jobs=values.get("jobs"),
        origins=_origins(options, config, "select", "ignore"),
    )
