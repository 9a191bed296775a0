"""Reporters turn an audit result into text: ``render(result, pack, options) -> str`` (or bytes, for a
binary format such as a spreadsheet). They print nothing and decide no exit code. ``REPORTERS`` maps
each format name to its module and the views it shows, and the CLI's ``--format`` choices come from it;
a reporter's module is imported only when it is used."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from checker.model import AuditResult, RulePack
from checker.reporters.options import RenderOptions, View

__all__ = ["REPORTERS", "RenderOptions", "Renderer", "Reporter", "View", "renderer"]

Renderer = Callable[[AuditResult, RulePack, RenderOptions], str | bytes]


@dataclass(frozen=True)
class Reporter:
    """A format: the module that renders it, and the views (``--show``) it honours. A view it does not
    honour is refused, never ignored: a machine format (JSON, JUnit) is complete, and a format of gaps
    (SARIF, GitHub, GitLab) shows the gaps whatever the view, but no unmatched sentences."""

    module: str
    views: frozenset[View] = frozenset({View.ALL})


_EVERY_VIEW = frozenset(View)
_GAPS = frozenset({View.ALL, View.GAPS})

REPORTERS: dict[str, Reporter] = {
    "table": Reporter("checker.reporters.table", _EVERY_VIEW),
    "json": Reporter("checker.reporters.json_report"),
    "markdown": Reporter("checker.reporters.markdown", _EVERY_VIEW),
    "sarif": Reporter("checker.reporters.sarif", _GAPS),
    "junit": Reporter("checker.reporters.junit"),
    "csv": Reporter("checker.reporters.csv_report", _GAPS),
    "github": Reporter("checker.reporters.github", _GAPS),
    "gitlab": Reporter("checker.reporters.gitlab", _GAPS),
    "concise": Reporter("checker.reporters.concise", _EVERY_VIEW),
    "html": Reporter("checker.reporters.html", _GAPS),
    "xlsx": Reporter("checker.reporters.xlsx"),
}


def renderer(name: str) -> Renderer:
    """The render function of the format called `name`."""
    render: Renderer = importlib.import_module(REPORTERS[name].module).render
    return render
