"""Which segments of a submission could hold evidence for a rule, told without matching it.

Matching every rule against every sentence costs a regex search per rule and sentence, most of them in
vain. But every phrase is made of words (`expressions.Phrase.triggers`): a sentence that does not hold
the words a rule requires (`requirements.requirement`) cannot match it. An index of the words of the
segments gives each rule its few candidate segments, and each segment the triggers present in it, by
which `search.find` skips the phrases that cannot match. The index is only ever too generous, never
too strict: a rule whose phrases cannot be looked up (a bare ``{regex: "\\d"}``) keeps every segment a
candidate.

The triggers present in a segment are kept as the bits of one integer, a tenth of the memory of a set
of strings: a 10 MB report has tens of thousands of segments.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cache

from checker.matching.requirements import Requirement
from checker.matching.triggers import triggers
from checker.model import RulePack, Segment

__all__ = ["Presence", "SegmentIndex", "pack_triggers"]

_WORD = re.compile(r"\w+")


@cache
def pack_triggers(pack: RulePack) -> frozenset[str]:
    """Every trigger of the pack's phrases, its cues' and its rules' (see `expressions.Phrase`): those an
    index of a submission's segments is built for."""
    return frozenset(trigger for expr in pack.expressions() for trigger in triggers(expr))


class SegmentIndex:
    """The words of a submission's segments, which segments hold each, and which of a pack's triggers
    each segment's words begin with."""

    def __init__(self, segments: Iterable[Segment], triggers: Iterable[str]) -> None:
        holders: dict[str, list[int]] = {}
        masks: dict[int, int] = {}
        for item in segments:
            masks[item.index] = 0
            for word in set(_WORD.findall(item.text)):
                holders.setdefault(word, []).append(item.index)
        self._holders = holders
        self._words = sorted(holders)
        self._triggers = sorted(set(triggers))
        self._bit = {trigger: 1 << number for number, trigger in enumerate(self._triggers)}
        held = set()
        for trigger, bit in self._bit.items():
            for word in self._beginning(trigger):
                held.add(trigger)
                for index in holders[word]:
                    masks[index] |= bit
        self._masks = masks
        # Most of a pack's triggers begin no word of a short report: an alternative that asks for one of
        # them is held by no segment, told at once.
        self._nowhere = frozenset(self._bit.keys() - held)
        self._counts: dict[str, int] = {}

    def _beginning(self, prefix: str) -> Iterator[str]:
        """The words of the submission that begin with `prefix`."""
        at = bisect.bisect_left(self._words, prefix)
        while at < len(self._words) and self._words[at].startswith(prefix):
            yield self._words[at]
            at += 1

    def starting_with(self, prefix: str) -> set[int]:
        """The segments (by index) with a word that begins with `prefix`."""
        found: set[int] = set()
        for word in self._beginning(prefix):
            found.update(self._holders[word])
        return found

    def _held_by(self, alternative: frozenset[str]) -> set[int]:
        """The segments with a word beginning with each trigger of `alternative`: those of the rarest,
        kept if their bits show the others."""
        rarest = min(alternative, key=self._holding)
        found = self.starting_with(rarest)
        others = 0
        for trigger in alternative - {rarest}:
            if trigger in self._bit:
                others |= self._bit[trigger]
            else:  # not a trigger the index has bits for: looked up word by word
                found &= self.starting_with(trigger)
        return {index for index in found if self._masks[index] & others == others}

    def _holding(self, trigger: str) -> int:
        """How many words of segments begin with `trigger`, counted with repeats: how common it is
        (counted once per trigger: every rule asks about the same few)."""
        count = self._counts.get(trigger)
        if count is None:
            count = self._counts[trigger] = sum(len(self._holders[word]) for word in self._beginning(trigger))
        return count

    def candidates(self, required: Requirement) -> set[int] | None:
        """The segments that hold what is `required` (see `requirements.requirement`); None, every segment,
        when nothing can be looked up."""
        if required is None:
            return None
        found: set[int] = set()
        for alternative in required:
            if alternative.isdisjoint(self._nowhere):
                found |= self._held_by(alternative)
        return found

    def presence(self) -> Presence:
        """The triggers each segment holds, without the words: all that matching needs once the
        candidates are known (a long report's words take much memory)."""
        return Presence(self._masks, self._triggers)


class Presence:
    """Which triggers each segment's words begin with, one bit per trigger."""

    def __init__(self, masks: dict[int, int], triggers: list[str]) -> None:
        self._masks = masks
        self._triggers = triggers

    def of(self, segment: Segment) -> frozenset[str]:
        """The triggers some word of `segment` begins with, of those the index was built for (see
        `search.find`)."""
        mask = self._masks[segment.index]
        found = []
        while mask:
            lowest = mask & -mask
            found.append(self._triggers[lowest.bit_length() - 1])
            mask ^= lowest
        return frozenset(found)
