"""Which passages are items of a list of recommendations, not accounts of measures taken.

A monitor's report, a parliamentary committee or an NGO's submission lists what the government should
do under a heading ("PRIORITIZED RECOMMENDATIONS:", "Recommandations prioritaires", "The Government of
X should:", "GRETA urges the authorities to:"). Each item names a measure ("Increase efforts to
prosecute traffickers", "Finalize the national action plan") and none of them is evidence that the
measure exists. The list runs from its heading over the paragraph that follows it, and over every next
paragraph that is a list item or opens with an imperative (the pack's `imperatives`), to the first
that is neither (a section's title, the narrative going on), to a gap ("[...]"), or to the end of its
section. In a bulleted list, a line without a bullet that is not an imperative ends it too. And a
government's report that quotes each recommendation before its response ("- Develop a statistical
system ..." / "Response: ...") quotes recommendations, not its own plan's actions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.matching.search import find
from checker.model import Cues, Segment
from checker.segment import LIST_MARKER

__all__ = ["QUOTED", "recommendation_lists"]

_LIST_ITEM = re.compile(rf"^\s*{LIST_MARKER}\s")
_HEADING_END = re.compile(r"^[\s:.\-\u2013\u2014]*")
_GAP = "[...]"  # an omission: nothing says the list goes on past it
_RESPONSE = re.compile(r"^\W*(?:answer|response|reply)\b", re.IGNORECASE)
QUOTED = "a recommendation quoted before the response"
_MOST_QUOTED = 6  # sentences a quoted recommendation may have


def _heading(item: Segment, cues: Cues) -> tuple[str, bool] | None:
    """The heading `item` gives a list of recommendations, and whether the first of them follows it in
    the same sentence ("RECOMENDACIONES PRIORIZADAS: Aumentar el financiamiento ..."); None if it heads
    none."""
    text = item.text
    for hit in find(cues.recommendation_headings, text):
        if hit.start == 0:
            rest = text[hit.end :]
            gap = _HEADING_END.match(rest)
            after = rest[gap.end() if gap else 0 :]
            if not after or rest.lstrip().startswith(":"):
                return item.quote.split(":")[0].strip() or item.quote, bool(after)
    if text.rstrip().endswith(":") and find(cues.requests, text):
        return item.quote.rstrip(" :"), False  # "The Government of Côte d'Ivoire should:"
    return None


def _goes_on(item: Segment, cues: Cues) -> bool:
    """Whether a paragraph continues a list of recommendations: a list item, or an imperative."""
    return _LIST_ITEM.match(item.quote) is not None or _commands(item, cues)


def _commands(item: Segment, cues: Cues) -> bool:
    """Whether `item` opens with an imperative ("Increase efforts to ...", "- Develop ...")."""
    return any(hit.start <= 2 for hit in find(cues.imperatives, item.text))


def recommendation_lists(segments: Sequence[Segment], cues: Cues) -> dict[int, str]:
    """The segments (by index) that are items of a list of recommendations, each with its heading, and
    the recommendations a government quotes before its response to each."""
    listed = _quoted_before_responses(segments, cues)
    heading: str | None = None
    previous: Segment | None = None
    first = False  # the paragraph after a heading is its list; the next ones must show they go on
    bulleted = False  # its items are marked: a line that is not one is not an item
    for item in segments:
        opened = _heading(item, cues)
        if opened is not None:
            heading, first, bulleted = opened[0], not opened[1], False
            if opened[1]:
                listed[item.index] = heading
        elif heading is not None and previous is not None and _ends(item, previous, first, bulleted, cues):
            heading = None
        elif heading is not None:
            first = False
            bulleted = bulleted or _LIST_ITEM.match(item.quote) is not None
            listed[item.index] = heading
        previous = item
    return listed


def _quoted_before_responses(segments: Sequence[Segment], cues: Cues) -> dict[int, str]:
    """The recommendations a government's report quotes before its response ("- Develop a comprehensive
    statistical system ... This should be accompanied by ..." then "Response: Under the Law ..."): from
    the imperative that opens one to the response, the monitor's words, not the government's measures."""
    quoted: dict[int, str] = {}
    for number, item in enumerate(segments):
        if not _RESPONSE.match(item.quote):
            continue
        for back in range(number - 1, max(-1, number - 1 - _MOST_QUOTED), -1):
            if _RESPONSE.match(segments[back].quote):
                break
            if _commands(segments[back], cues):
                quoted.update(dict.fromkeys((segment.index for segment in segments[back:number]), QUOTED))
                break
    return quoted


def _ends(item: Segment, previous: Segment, first: bool, bulleted: bool, cues: Cues) -> bool:
    """Whether `item` is past the end of the list of recommendations `previous` belongs to: in another
    section, after a gap ("[...]"), or a paragraph (or, in a bulleted list, a line) that is neither an
    item nor an imperative."""
    if item.section is not previous.section or _GAP in previous.quote or _GAP in item.quote[:5]:
        return True
    new_line = item.opens or item.start != previous.end
    if first or not (item.opens or (bulleted and new_line)):
        return False
    return not _goes_on(item, cues)
