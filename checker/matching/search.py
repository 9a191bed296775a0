"""Where an expression matches a sentence in normal form: its hits, the measure's told from its context."""

from __future__ import annotations

import bisect
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from checker.matching.expressions import AllOf, AnyOf, Expr, Phrase, Regex

__all__ = ["Hit", "bare_answer", "find"]


@dataclass(frozen=True, order=True, slots=True)
class Hit:
    """Where an expression matched in a normalised text, and which phrase it was.

    A hit is *primary* when it comes from the measure an expression looks for, rather than from the
    context it requires: in ``near`` and ``all`` the first part is the measure, the others its context
    (``near: [[shelter], [victim]]``). Negation and hedges are judged on the primary hits.
    """

    start: int
    end: int
    source: str
    primary: bool = True


def _word_index(text: str, position: int) -> int:
    return text.count(" ", 0, position)


def _as_context(hits: list[Hit]) -> list[Hit]:
    return [Hit(hit.start, hit.end, hit.source, primary=False) for hit in hits]


def _parts(parts: tuple[Expr, ...], text: str, present: AbstractSet[str] | None) -> list[list[Hit]]:
    """Each part's hits, only the first part's with their primary mark; empty when a part has none."""
    if present is not None and not all(_could_match(part, present) for part in parts):
        return []
    found: list[list[Hit]] = []
    for part in parts:
        hits = find(part, text, present)
        if not hits:
            return []
        found.append(hits if not found else _as_context(hits))
    return found


def _near(parts: tuple[Expr, ...], within: int, text: str, present: AbstractSet[str] | None) -> list[Hit]:
    found = _parts(parts, text, present)
    if not found:
        return []
    placed = sorted(
        (_word_index(text, hit.start), number, hit) for number, hits in enumerate(found) for hit in hits
    )
    places = [at for at, _, _ in placed]
    chosen: dict[tuple[int, int], Hit] = {}
    for first, (index, _, _) in enumerate(placed):
        last = bisect.bisect_right(places, index + within, first)
        window = [(number, hit) for _, number, hit in placed[first:last]]
        if _distinct(window, len(parts)):
            for _, hit in window:
                # One word may match several parts; it keeps the measure's (primary) mark if any part has it.
                kept = chosen.get((hit.start, hit.end))
                chosen[(hit.start, hit.end)] = hit if kept is None or not kept.primary else kept
    return sorted(chosen.values(), key=lambda hit: hit.start)


def _distinct(window: list[tuple[int, Hit]], parts: int) -> bool:
    """Whether every part has a hit of its own in the window: one word cannot stand for two parts
    ("inspectorate" is not both the inspectorate and an inspection). A word that could serve two parts
    is tried for each in turn, so that a later part is not left without one."""
    by_part: list[list[Hit]] = [[] for _ in range(parts)]
    for part, hit in window:
        by_part[part].append(hit)
    return _assign(by_part, 0, [])


def _assign(by_part: list[list[Hit]], number: int, taken: list[Hit]) -> bool:
    if number == len(by_part):
        return True
    return any(
        _assign(by_part, number + 1, [*taken, hit])
        for hit in by_part[number]
        if not any(_clash(hit, other) for other in taken)
    )


def _clash(hit: Hit, other: Hit) -> bool:
    return hit.start < other.end and other.start < hit.end


def find(expr: Expr, text: str, present: AbstractSet[str] | None = None) -> list[Hit]:
    """Every place `expr` matches in normalised `text`; empty when it does not match.

    `present`, when given, holds every trigger (see `Phrase.triggers`) that a word of `text` begins
    with: phrases with a trigger not among them cannot match and are not searched for; without it,
    phrases whose triggers `text` does not hold are not. It only saves time; the hits are the same.
    """
    if isinstance(expr, Phrase | Regex):
        if present is not None and not expr.triggers <= present:
            return []
        # Without the triggers told, a text that does not hold them at all cannot match either: the
        # pattern is then neither compiled nor run.
        if present is None and not all(trigger in text for trigger in expr.triggers):
            return []
        engine = expr.engine
        if engine is not None:  # in linear time, whatever the pattern and the text
            return [Hit(start, end, expr.source) for start, end in engine.spans(text)]
        return [
            Hit(m.start(), m.end(), expr.source) for m in expr.pattern.finditer(text) if m.end() > m.start()
        ]
    if isinstance(expr, AnyOf):
        parts = expr.parts if present is None else expr.live_parts(present)
        return [hit for part in parts for hit in find(part, text, present)]
    if isinstance(expr, AllOf):
        return [hit for hits in _parts(expr.parts, text, present) for hit in hits]
    return _near(expr.parts, expr.within, text, present)


# What may follow a bare answer: its end, or punctuation ("No.", "None |", "No, not yet.").
_BARE_ANSWER_END = re.compile(r" *(?:[.,;!|]|$)")


def bare_answer(expr: Expr, text: str, start: int = 0) -> Hit | None:
    """A hit of `expr` (a pack's `negative_answer`, say) at `start` of normalised `text`, with nothing
    after it but punctuation: an answer ("No.", "None |", "No, not yet."), not a sentence that opens
    with the word ("No victim may be prosecuted")."""
    return next(
        (hit for hit in find(expr, text) if hit.start == start and _BARE_ANSWER_END.match(text, hit.end)),
        None,
    )


def _could_match(expr: Expr, present: AbstractSet[str]) -> bool:
    """A quick look: False when `expr` surely does not match a text whose words begin with `present`."""
    if isinstance(expr, Phrase | Regex):
        return expr.triggers <= present
    if isinstance(expr, AnyOf):
        return expr.could_match(present)
    return all(_could_match(part, present) for part in expr.parts)
