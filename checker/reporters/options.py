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
    """Display settings: the view, colour, width, and whether symbols may be Unicode."""

    view: View = View.ALL
    color: bool = False
    width: int = 100
    unicode: bool = True
