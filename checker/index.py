"""Which segments of a submission could hold evidence for a rule, told without matching it.

Matching every rule against every sentence costs a regex search per rule and sentence, most of them in
vain. But every phrase is made of words (`phrases.Phrase.triggers`): a sentence that does not hold
the words a rule requires (`phrases.requirement`) cannot match it. An index of the words of the
segments gives each rule its few candidate segments, and each segment the triggers present in it, by
which `phrases.find` skips the phrases that cannot match. The index is only ever too generous, never
too strict: a rule whose phrases cannot be looked up (a bare ``{regex: "\\d"}``) keeps every segment a
candidate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from checker.model import Segment
from checker.phrases import Requirement

__all__ = ["SegmentIndex"]

_WORD = re.compile(r"\w+")


class SegmentIndex:
    """The words of a submission's segments, and which segments hold each."""

    def __init__(self, segments: Sequence[Segment], triggers: Iterable[str]) -> None:
        holders: dict[str, list[int]] = {}
        for item in segments:
            for word in set(_WORD.findall(item.text)):
                holders.setdefault(word, []).append(item.index)
        self._holders = holders
        self._words = sorted(holders)
        self._by_prefix: dict[str, frozenset[int]] = {}
        present: dict[int, set[str]] = {item.index: set() for item in segments}
        for trigger in triggers:
            for index in self.starting_with(trigger):
                present[index].add(trigger)
        self._present = present

    def starting_with(self, prefix: str) -> frozenset[int]:
        """The segments (by index) with a word that begins with `prefix`."""
        found = self._by_prefix.get(prefix)
        if found is None:
            indices: set[int] = set()
            at = bisect.bisect_left(self._words, prefix)
            while at < len(self._words) and self._words[at].startswith(prefix):
                indices.update(self._holders[self._words[at]])
                at += 1
            found = self._by_prefix[prefix] = frozenset(indices)
        return found

    def candidates(self, required: Requirement) -> frozenset[int] | None:
        """The segments that hold what is `required` (see `phrases.requirement`); None, every segment,
        when nothing can be looked up."""
        if required is None:
            return None
        found: set[int] = set()
        for alternative in required:
            # The rarest word first: the intersection is small at once, and often empty.
            holding: frozenset[int] | None = None
            for trigger in sorted(alternative, key=lambda word: len(self.starting_with(word))):
                holding = (
                    self.starting_with(trigger) if holding is None else holding & self.starting_with(trigger)
                )
                if not holding:
                    break
            found |= holding or frozenset()
        return frozenset(found)

    def present(self, segment: Segment) -> AbstractSet[str]:
        """The triggers some word of `segment` begins with, of those the index was built for (see
        `phrases.find`)."""
        return self._present[segment.index]
