"""The effective settings of a command: what the command line asked for, with defaults filled in."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.reporters.options import RenderOptions

__all__ = ["AuditSettings", "DraftSettings"]


@dataclass(frozen=True)
class AuditSettings:
    """Everything `audit` needs to run."""

    paths: tuple[str, ...]
    rules: str | None = None
    format: str = "table"
    output: str | None = None
    input_format: str | None = None
    render: RenderOptions = field(default_factory=RenderOptions)


@dataclass(frozen=True)
class DraftSettings:
    """Everything `init` needs to write a draft."""

    country: str
    year: int
    format: str = "yaml"
    output: str | None = None
    force: bool = False
    rules: str | None = None
