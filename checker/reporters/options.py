"""How a result is to be shown, whatever the format."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["RenderOptions", "View"]


class View(enum.Enum):
    """Which part of the result a human-readable format shows."""

    ALL = "all"  # the whole compliance matrix and the scores
    GAPS = "gaps"  # only the items still to answer, with their question and guidance
    UNMATCHED = "unmatched"  # the sentences no rule recognised: where the rules may lack vocabulary


@dataclass(frozen=True)
class RenderOptions:
    """Display settings: the view, colour, width, whether symbols may be Unicode, and the names the user
    gave reports (`--label`): (source, label) pairs, which name a report's column and the country (or
    series) whose trend it belongs to."""

    view: View = View.ALL
    color: bool = False
    width: int = 100
    unicode: bool = True
    labels: tuple[tuple[str, str], ...] = ()
