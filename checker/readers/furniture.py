"""Page furniture: running headers and footers and page numbers, which a PDF repeats on every page and
text extracted from it keeps. They are blanked, not removed, so that every other line keeps its number.

A line is furniture when it is only a page number ("12", "- 12 -", "Page 3 of 10"), or when the same
line (its figures aside) recurs on several pages and looks like furniture: it carries a page figure
("Information of the Government ..., 2019     2") or is set in capitals ("MINISTRY OF HEALTH ..."). A form's
labels recur too ("Measures taken or"), but in neither guise, so they stay.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["furniture_lines"]

_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.|pg\.?)\s*)?[-\u2013\u2014(\[]?\s*\d{1,4}\s*[-\u2013\u2014)\]]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?\s*$",
    re.IGNORECASE,
)
_FIGURES = re.compile(r"\d+")
# A running header or footer recurs on this many pages at least, and is long enough to be one: short
# lines ("No.", "Yes.") recur in forms as answers.
_MIN_REPEATS = 3
_MIN_LENGTH = 12


def _shape(line: str) -> str:
    return " ".join(_FIGURES.sub("#", line).split()).lower()


def _looks_running(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return bool(_FIGURES.search(line)) or (bool(letters) and all(char.isupper() for char in letters))


def furniture_lines(lines: Sequence[str]) -> set[int]:
    """The indexes of the lines that are page furniture."""
    shapes = [_shape(line) for line in lines]
    counts = Counter(shape for shape in shapes if len(shape) >= _MIN_LENGTH)
    return {
        index
        for index, (line, shape) in enumerate(zip(lines, shapes, strict=True))
        if _PAGE_NUMBER.match(line) or (counts.get(shape, 0) >= _MIN_REPEATS and _looks_running(line))
    }
