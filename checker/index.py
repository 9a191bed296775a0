"""Which segments of a submission could hold evidence for an expression, told without matching it.

Matching every rule against every sentence costs a regex search per rule and sentence, most of them in
vain. But every phrase begins with a word (`phrases.Phrase.trigger`): a sentence with no word that
starts with one of an expression's triggers cannot match it. An index of the words of the segments
gives each expression its few candidate segments; only those are matched. The index is only ever too
generous, never too strict: an expression without triggers (a bare ``{regex: "\\d"}``) keeps every
segment a candidate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from checker.model import Segment
from checker.phrases import AllOf, AnyOf, Expr, Near

__all__ = ["SegmentIndex"]

_WORD = re.compile(r"\w+")

Candidates = frozenset[int] | None  # segments by their index; None: every segment


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
        # Keyed by id(): expressions are deep trees whose hash is costly; the entry keeps the
        # expression alive, so that its id is not reused.
        self._by_expr: dict[int, tuple[Expr, Candidates]] = {}
        present: dict[int, set[str]] = {item.index: set() for item in segments}
        for trigger in set(triggers):
            for index in self.starting_with(trigger):
                present[index].add(trigger)
        self._present = present

    def starting_with(self, prefix: str) -> frozenset[int]:
        """The segments with a word that starts with `prefix`."""
        found = self._by_prefix.get(prefix)
        if found is None:
            positions: set[int] = set()
            at = bisect.bisect_left(self._words, prefix)
            while at < len(self._words) and self._words[at].startswith(prefix):
                positions.update(self._holders[self._words[at]])
                at += 1
            found = self._by_prefix[prefix] = frozenset(positions)
        return found

    def candidates(self, expr: Expr | None) -> Candidates:
        """The segments `expr` could match (none when `expr` is None)."""
        if expr is None:
            return frozenset()
        cached = self._by_expr.get(id(expr))
        if cached is None:
            cached = self._by_expr[id(expr)] = (expr, self._candidates(expr))
        return cached[1]

    def _candidates(self, expr: Expr) -> Candidates:
        if isinstance(expr, AnyOf):
            return _union(self.candidates(part) for part in expr.parts)
        if isinstance(expr, AllOf | Near):
            # Every part must match in the same segment: any part's candidates bound the whole's.
            bounds = [found for part in expr.parts if (found := self.candidates(part)) is not None]
            return frozenset.intersection(*bounds) if bounds else None
        if not expr.triggers:
            return None
        return frozenset.intersection(*(self.starting_with(trigger) for trigger in sorted(expr.triggers)))

    def any_of(self, exprs: Sequence[Expr | None]) -> Candidates:
        """The segments that any of `exprs` could match."""
        return _union(self.candidates(expr) for expr in exprs)

    def present(self, segment: Segment) -> AbstractSet[str]:
        """The triggers some word of `segment` begins with, of those the index was built for (see
        `phrases.find`)."""
        return self._present[segment.index]


def _union(groups: Iterable[Candidates]) -> Candidates:
    merged: set[int] = set()
    for group in groups:
        if group is None:
            return None
        merged.update(group)
    return frozenset(merged)
