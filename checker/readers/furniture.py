"""Page furniture: running headers and footers and page numbers, which a PDF repeats on every page and
text extracted from it keeps. They are blanked, not removed, so that every other line keeps its number.

A line is furniture when it is only a page number ("- 12 -", "Page 3 of 10", "p. 4"; a bare figure
only when it counts pages: one of a run, each one more than the one before, a page or more apart, so
that a table's figure on a line of its own stays), or when the same line (its figures aside) recurs on
several pages (a page or more apart) and looks like furniture: it carries a page figure
("Information of the Government ..., 2019     2") or is set in capitals ("MINISTRY OF HEALTH ..."). A form's
labels recur too ("Measures taken or"), but in neither guise, so they stay.

Where the pages are known (a PDF read page by page), `page_furniture` looks only where furniture stands:
a line is a running header or footer when it recurs (figures aside) among the first or last lines of
several pages, and a bare page number only there, so that a figure standing alone in the body ("41", a
table's cell) stays.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from checker.language.profile import any_language

__all__ = ["furniture_lines", "page_furniture"]

_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_FIGURES = re.compile(r"\d+")
# A running header or footer recurs on this many pages at least, and is long enough to be one: short
# lines ("No.", "Yes.") recur in forms as answers.
_MIN_REPEATS = 3
_MIN_LENGTH = 12
# On a page, furniture stands among the first and last lines with text. A line found there on three pages
# (both pages of a two-page report) is furniture when it looks like it, or whatever it looks like when it
# is on half the pages ("Report of the Government of Estavia" in plain type). "No." or "Yes." at the top
# of pages of a form are answers, hence the minimum length.
_EDGE_LINES = 2
_MIN_PAGES = 2
_MIN_EDGE_LENGTH = 6
# Where the pages are not known, bare figures that count pages, and most occurrences of a running header
# or footer, stand at least this many lines apart; a table's rows alike stand one or two lines apart.
_MIN_PAGE_LINES = 5


def _is_page_number(line: str) -> bool:
    """ "12", "- 12 -", "Page 3 of 10", "p. 4": a line that is only a page number."""
    # The language is not known yet: a page number in any of them ("Page 3 of 10", "Página 3 de 10").
    return any_language().page_number.fullmatch(line.strip()) is not None


def _shape(line: str) -> str:
    return " ".join(_FIGURES.sub("#", line).split()).lower()


def _looks_running(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return bool(_FIGURES.search(line)) or (bool(letters) and all(char.isupper() for char in letters))


def _figure(line: str) -> int:
    """The figure of a bare-number line. Stripped first: `int` refuses some of the white space that
    `\\s` allows ("0\\x1f")."""
    return int(line.strip())


def _counting_pages(lines: Sequence[str]) -> set[int]:
    """The bare figures that count pages: each one more than the bare figure before it or one less than
    the one after, a page or more away."""
    bare = [(index, _figure(line)) for index, line in enumerate(lines) if _BARE_NUMBER.match(line)]
    pairs = itertools.pairwise(bare)
    return {
        index
        for (before, first), (after, second) in pairs
        if second == first + 1 and after - before >= _MIN_PAGE_LINES
        for index in (before, after)
    }


def _recurring(shapes: Sequence[str]) -> set[str]:
    """The shapes (of lines long enough) that recur as a running header or footer does: on several lines,
    most of them a page or more after the one before (a short page may put two closer), never on the
    next line. The rows of a table of figures share a shape too ("In 2015, 3 victims were identified",
    "| 2016 | 7 | Charge sheeted |"), but follow one another: they stay."""
    places: dict[str, list[int]] = defaultdict(list)
    for index, shape in enumerate(shapes):
        if len(shape) >= _MIN_LENGTH:
            places[shape].append(index)
    recurring = set()
    for shape, indexes in places.items():
        if len(indexes) < _MIN_REPEATS:
            continue
        gaps = sorted(after - before for before, after in itertools.pairwise(indexes))
        if gaps[0] > 1 and gaps[len(gaps) // 2] >= _MIN_PAGE_LINES:
            recurring.add(shape)
    return recurring


def furniture_lines(lines: Sequence[str]) -> set[int]:
    """The indexes of the lines that are page furniture."""
    shapes = [_shape(line) for line in lines]
    recurring = _recurring(shapes)
    pages = _counting_pages(lines)
    return pages | {
        index
        for index, (line, shape) in enumerate(zip(lines, shapes, strict=True))
        if (_is_page_number(line) and not _BARE_NUMBER.match(line))
        or (shape in recurring and _looks_running(line))
    }


def _edges(lines: Sequence[str]) -> list[int]:
    """The indexes of a page's first and last lines with text, the places of headers and footers."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def _page_numbers(pages: Sequence[Sequence[str]], edges: list[list[int]]) -> list[set[int]]:
    """For each page, its edge lines that are page numbers. "Page 3", "- 3 -" and "3 of 9" say so; a bare
    figure must be the page's number, or its number plus an offset that other pages share (front matter
    numbered apart), so that a table's last figure at the foot of a page stays."""
    marked: list[set[int]] = []
    offsets: list[dict[int, int]] = []  # per page: line index -> how far its bare figure is from the page's
    for number, (lines, indexes) in enumerate(zip(pages, edges, strict=True), start=1):
        marked.append({index for index in indexes if _is_page_number(lines[index])})
        offsets.append(
            {
                index: _figure(lines[index]) - number
                for index in marked[-1]
                if _BARE_NUMBER.match(lines[index])
            }
        )
    shared = Counter(offset for page in offsets for offset in set(page.values()))

    def is_number(index: int, page: dict[int, int]) -> bool:
        return index not in page or page[index] == 0 or shared[page[index]] >= _MIN_PAGES

    return [
        {index for index in found if is_number(index, page)}
        for found, page in zip(marked, offsets, strict=True)
    ]


def page_furniture(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """For each page (its lines), the indexes of the lines that are page furniture: page numbers among its
    first and last lines, and running headers and footers that recur there on several pages."""
    edges = [_edges(lines) for lines in pages]
    on_pages: Counter[str] = Counter()
    for lines, indexes in zip(pages, edges, strict=True):
        # A shape counts once per page: a header and a footer that say the same are still one page.
        on_pages.update({_shape(lines[index]) for index in indexes})
    with_text = sum(1 for indexes in edges if indexes)
    needed = max(_MIN_PAGES, min(_MIN_REPEATS, with_text))

    def running(line: str) -> bool:
        shape = _shape(line)
        count = on_pages[shape]
        if len(shape) < _MIN_EDGE_LENGTH or count < needed:
            return False
        return _looks_running(line) or 2 * count >= with_text

    return [
        numbers | {index for index in indexes if running(lines[index])}
        for lines, indexes, numbers in zip(pages, edges, _page_numbers(pages, edges), strict=True)
    ]
