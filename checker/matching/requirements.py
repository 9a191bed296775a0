"""Index requirements: the triggers a text must hold for an expression to match it, told without
matching (see `index`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from checker.matching.expressions import AnyOf, Expr, Phrase, Regex

__all__ = ["Requirement", "either", "requirement"]


Requirement = frozenset[frozenset[str]] | None  # sets of triggers, one of which a text holds all of
# The most alternatives an expression's requirement spells out: beyond it, parts of `all` and `near`
# are left out of it, which keeps it true, only less telling.
_MOST_ALTERNATIVES = 512


def requirement(expr: Expr) -> Requirement:
    """What a text must hold for `expr` to match: one of these sets of triggers, each of which begins a
    word of the text; None when that cannot be told (a bare regex). "shelter*" near "victim" requires
    {shelter, victim}; any of "law" and "decree" requires {law} or {decree}."""
    if isinstance(expr, Phrase | Regex):
        return frozenset({expr.triggers}) if expr.triggers else None
    parts = [requirement(part) for part in expr.parts]
    if isinstance(expr, AnyOf):
        return either(parts)
    alternatives: frozenset[frozenset[str]] = frozenset({frozenset()})
    for part in sorted((part for part in parts if part is not None), key=len):
        if len(alternatives) * len(part) > _MOST_ALTERNATIVES:
            break
        alternatives = frozenset(mine | theirs for mine in alternatives for theirs in part)
    return _least(alternatives) if any(alternatives) else None


def either(requirements: Iterable[Requirement]) -> Requirement:
    """The requirement of alternatives: any one of theirs; None if one of them has none."""
    merged: set[frozenset[str]] = set()
    for found in requirements:
        if found is None:
            return None
        merged |= found
    return _least(frozenset(merged))


def _least(alternatives: frozenset[frozenset[str]]) -> frozenset[frozenset[str]]:
    """Without the alternatives that ask for more than another does: {a} or {a, b} is {a}."""
    if frozenset() in alternatives:
        return frozenset({frozenset()})
    # Thousands of alternatives are common (a pack in three languages): rather than compare each with
    # every other, each kept one is filed under its rarest trigger, and an alternative is compared only
    # with those filed under its own triggers. Shortest first, so that what it could contain is kept.
    counts = Counter(trigger for alternative in alternatives for trigger in alternative)
    filed: dict[str, list[frozenset[str]]] = {}
    kept = []
    for mine in sorted(alternatives, key=len):
        if any(other <= mine for trigger in mine for other in filed.get(trigger, ())):
            continue
        kept.append(mine)
        filed.setdefault(min(mine, key=lambda trigger: (counts[trigger], trigger)), []).append(mine)
    return frozenset(kept)
