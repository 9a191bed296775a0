"""The expressions of the rule language, compiled: phrases and raw regexes, and how they combine
(``any`` of several, ``all`` in one sentence, ``near`` each other). `patterns` builds them; `search`
finds where they match."""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property

from checker.matching.linear import LinearForm, LinearPattern

__all__ = ["NOTHING", "AllOf", "AnyOf", "Expr", "Near", "Phrase", "Regex", "leaves"]


_COMPILED = frozenset({"pattern", "engine"})


def _without_pattern(expr: object) -> dict[str, object]:
    """What a phrase or regex is stored as (see `packcache`) or sent to another process as: its fields,
    without the patterns compiled from them, so that loading a pack compiles nothing."""
    return {name: value for name, value in vars(expr).items() if name not in _COMPILED}


class _Linear:
    """What phrases and regexes share: the pattern RE2 runs for them, where they have one."""

    linear: LinearForm | None

    @cached_property
    def engine(self) -> LinearPattern | None:
        """The pattern RE2 matches in linear time, made on first use; None where Python's `re` runs
        the pattern (it cannot backtrack for long: see `patterns`)."""
        return None if self.linear is None else LinearPattern(self.linear)


@dataclass(frozen=True)
class Phrase(_Linear):
    """A phrase of the rule language, compiled. `triggers` are what its words begin with: a text
    matches only if, for each, one of its words begins with it (see `triggers.word_trigger`)."""

    source: str
    regex: str  # what it compiles to, for Python's `re`
    triggers: frozenset[str] = frozenset()
    linear: LinearForm | None = None  # for RE2, when Python's engine could take long (see `patterns`)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern, made on first use: a pack has thousands, a report needs few of them
        (those whose triggers it holds)."""
        return re.compile(self.regex)

    __getstate__ = _without_pattern


@dataclass(frozen=True)
class Regex(_Linear):
    """A raw regular expression over the normal form, for what phrases cannot say; `triggers` as for
    `Phrase` (at most one, the letters every match begins with)."""

    source: str
    triggers: frozenset[str] = frozenset()
    linear: LinearForm | None = None  # the same pattern for RE2, where it has one (see `linear.exact`)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern, made on first use (as a phrase's is)."""
        return re.compile(self.source)

    __getstate__ = _without_pattern


@dataclass(frozen=True)
class AnyOf:
    """Matches where any of its parts matches."""

    parts: tuple[Expr, ...]

    @cached_property
    def _by_trigger(self) -> tuple[dict[str, tuple[int, ...]], frozenset[str], tuple[int, ...]]:
        """The positions of its parts by the triggers one of which a text holds wherever they match
        (see `_keys`), those triggers, and the positions of the parts for which none is told."""
        keyed: dict[str, list[int]] = {}
        others = []
        for position, part in enumerate(self.parts):
            keys = _keys(part)
            if keys is None:
                others.append(position)
            for key in keys or ():
                keyed.setdefault(key, []).append(position)
        return {key: tuple(value) for key, value in keyed.items()}, frozenset(keyed), tuple(others)

    def live_parts(self, present: AbstractSet[str]) -> list[Expr]:
        """The parts that could match a text whose words begin with the triggers `present`, in order."""
        keyed, keys, others = self._by_trigger
        found = keys.intersection(present)
        if len(found) == 1 and not others:  # the common case: one phrase's word is there
            (key,) = found
            return [self.parts[position] for position in keyed[key]]
        positions = {position for key in found for position in keyed[key]}
        return [self.parts[position] for position in sorted(positions.union(others))]

    def could_match(self, present: AbstractSet[str]) -> bool:
        """Whether some part could match (see `live_parts`), told without listing them."""
        _, keys, others = self._by_trigger
        return bool(others) or not keys.isdisjoint(present)


@dataclass(frozen=True)
class AllOf:
    """Matches a text in which every one of its parts matches."""

    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Near:
    """Matches where every part matches within `within` words of the others."""

    parts: tuple[Expr, ...]
    within: int


Expr = Phrase | Regex | AnyOf | AllOf | Near

# An expression that matches nothing: what an optional cue a pack leaves out stands for.
NOTHING: Expr = AnyOf(())


def _key(triggers: frozenset[str]) -> str:
    """The trigger that stands for a phrase's: the longest, likely the rarest word."""
    return max(triggers, key=lambda word: (len(word), word))


def _keys(expr: Expr) -> frozenset[str] | None:
    """Triggers one of which a text's words begin with wherever `expr` matches; None when none can be
    told (a part with no trigger). A phrase's is its longest trigger; any of several's, all of theirs;
    a `near` or `all`'s, those of the part that has the fewest. A long list of `near` expressions is
    then looked into only for the few whose words a sentence holds."""
    if isinstance(expr, Phrase | Regex):
        return frozenset({_key(expr.triggers)}) if expr.triggers else None
    found = [_keys(part) for part in expr.parts]
    told = [keys for keys in found if keys is not None]
    if isinstance(expr, AnyOf):
        return frozenset().union(*told) if len(told) == len(found) else None
    return min(told, key=len) if told else None


def leaves(expr: Expr | None) -> Iterator[Phrase | Regex]:
    """The phrases and regexes `expr` is made of, in order."""
    if expr is None:
        return
    if isinstance(expr, Phrase | Regex):
        yield expr
        return
    for part in expr.parts:
        yield from leaves(part)
