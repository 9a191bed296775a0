"""The formats a country baseline is written in (`ilo-check compile --format`): each name, the module
whose ``render(baseline) -> str | bytes`` writes it, imported only when it is used, and whether it is a
binary file (which is never written to a terminal)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # named only: the command line reads the names without loading the baseline's modules
    from checker.country_baseline import CountryBaseline

__all__ = ["BASELINE_FORMATS", "BaselineWriter", "baseline_format", "baseline_writer"]

BaselineWriter = Callable[["CountryBaseline"], str | bytes]

BASELINE_FORMATS: dict[str, str] = {
    "markdown": "checker.reporters.country_baseline_markdown",
    "docx": "checker.reporters.country_baseline_docx",
}

# The format of an output file named with this ending, when no format is given.
_BY_ENDING = {".docx": "docx"}
DEFAULT = "markdown"


def baseline_format(given: str | None, output: str | None) -> str:
    """The format to write: the one `given`, else the one the output file's name ends with (``.docx``),
    else Markdown."""
    if given is not None:
        return given
    ending = next((end for end in _BY_ENDING if output is not None and output.lower().endswith(end)), None)
    return _BY_ENDING[ending] if ending is not None else DEFAULT


def baseline_writer(name: str) -> BaselineWriter:
    """The render function of the baseline format called `name`."""
    render: BaselineWriter = importlib.import_module(BASELINE_FORMATS[name]).render
    return render
