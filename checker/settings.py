"""The effective settings of a command: the command line over the configuration file over defaults.

The CLI passes the options as given (None where an option was not given); `audit_settings` fills in each
one from the configuration, then from the defaults, so that `ilo-check config` and a run agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.config import Config, ConfigSuppression, Origin
from checker.errors import UsageError
from checker.excludes import DEFAULT_EXCLUDE, Exclude, Selection
from checker.reporters.options import RenderOptions

__all__ = ["AuditSettings", "DraftSettings", "GateSettings", "Origins", "audit_settings", "effective"]

DEFAULTS: Mapping[str, Any] = {
    "format": "table",
    "show": "all",
    "exclude": list(DEFAULT_EXCLUDE),
    "respect-gitignore": True,
    "force-exclude": False,
    "fail-on": "missing",
    "language": "auto",
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
    selection: Selection = field(default_factory=Selection)  # what folders and patterns leave out
    origins: Origins = field(default_factory=Origins, compare=False)  # of `select` and `ignore`
    quiet: bool = False  # the verdict alone on stdout; the report only to `output`, if given
    language: str = "auto"  # what the reports are written in (ISO 639-1); auto: each one's is identified


@dataclass(frozen=True)
class DraftSettings:
    """Everything `init` needs to write a draft."""

    country: str
    year: int
    format: str = "yaml"
    output: str | None = None
    force: bool = False
    rules: tuple[str, ...] = ()
    language: str | None = None  # the draft's language; None: the pack's


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


def _quiet(options: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    """Whether -q was given; UsageError when it was with a --format or --show that it would leave
    unused: with -q the report is written only to --output (from the configuration too)."""
    if not options.get("quiet"):
        return False
    if values.get("output") is None:
        unused = [f"--{key} {options[key]}" for key in ("format", "show") if options.get(key)]
        if unused:
            raise UsageError(
                f"-q prints only the verdict: the report that {' and '.join(unused)} shape is not shown",
                hint="give --output FILE to write the report as well, or leave -q out",
            )
    return True


def _labels(given: Sequence[str] | None) -> tuple[tuple[str, str], ...]:
    """The names the user gave reports (`--label FILE=NAME`, repeatable), as (path, name) pairs; the
    last `=` ends the path, so that a file in a folder such as ``year=2023/`` may be named. UsageError for a
    label without a path or a name, or a report named twice."""
    labels: dict[str, str] = {}
    for label in given or ():
        path, equals, name = label.rpartition("=")
        if not equals or not path or not name.strip():
            raise UsageError(f"--label {label!r} is not FILE=NAME", hint="e.g. --label draft.md=Estavia")
        if path in labels:
            raise UsageError(f"--label names {path!r} twice", hint="give each report one name")
        labels[path] = name.strip()
    return tuple(labels.items())


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
        render=replace(render, labels=_labels(options.get("label"))),
        select=tuple(values.get("select") or ()),
        ignore=tuple(values.get("ignore") or ()),
        gate=gate,
        suppressions=config.suppressions,
        config=config.origin,
        jobs=values.get("jobs"),
        selection=_selection(options, config),
        origins=_origins(options, config, "select", "ignore"),
        quiet=_quiet(options, values),
        language=values["language"],
    )


def _selection(options: Mapping[str, Any], config: Config) -> Selection:
    """What searching folders and patterns leaves out: `exclude` (the command line's, else the
    configuration's, else the defaults: a list given replaces the defaults, as in ruff), then
    `extend-exclude`'s, the configuration's and the command line's together. A configured glob with a
    slash is relative to the configuration's folder; one given on the command line to the folder
    searched."""
    folder = Path(config.origin).parent if config.origin else None
    configured = {
        key: tuple(Exclude(glob, folder) for glob in config.get(key) or ())
        for key in ("exclude", "extend-exclude")
    }
    excludes = tuple(Exclude(glob) for glob in options.get("exclude") or ())
    if not excludes:
        excludes = (
            configured["exclude"]
            if config.get("exclude") is not None
            else tuple(Exclude(glob) for glob in DEFAULT_EXCLUDE)
        )
    extended = (
        *configured["extend-exclude"],
        *(Exclude(glob) for glob in options.get("extend-exclude") or ()),
    )
    values = effective(options, config)
    return Selection((*excludes, *extended), bool(values["respect-gitignore"]), bool(values["force-exclude"]))
