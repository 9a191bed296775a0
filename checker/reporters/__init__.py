"""Reporters turn an audit result into text: ``render(result, pack, options) -> str``. They print
nothing and decide no exit code. ``REPORTERS`` maps each format name to its module, and the CLI's
``--format`` choices come from it; a reporter's module is imported only when it is used."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from checker.model import AuditResult, RulePack
from checker.reporters.options import RenderOptions, View

__all__ = ["REPORTERS", "RenderOptions", "Renderer", "View", "renderer"]

Renderer = Callable[[AuditResult, RulePack, RenderOptions], str]

REPORTERS: dict[str, str] = {
    "table": "checker.reporters.table",
    "json": "checker.reporters.json_report",
    "markdown": "checker.reporters.markdown",
    "sarif": "checker.reporters.sarif",
    "junit": "checker.reporters.junit",
    "csv": "checker.reporters.csv_report",
}


def renderer(name: str) -> Renderer:
    """The render function of the format called `name`."""
    render: Renderer = importlib.import_module(REPORTERS[name]).render
    return render
