"""The regex-safety check: a raw regular expression of a rule file that could take exponential time on
a sentence (catastrophic backtracking) is refused when the pack is loaded, not met during an audit."""

from __future__ import annotations

import re
import re._parser as _regex_parser  # type: ignore[import-not-found]  # the regex parser, for safety checks
from typing import Any

__all__ = ["backtracking_hazard"]


def backtracking_hazard(source: str) -> str | None:
    """What could make the valid regular expression `source` take exponential time, if anything (see
    `_nested_repetition`)."""
    return _nested_repetition(_regex_parser.parse(source), outer=False)


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT")


def _nested_repetition(items: Any, *, outer: bool, body: frozenset[int] = frozenset()) -> str | None:
    """What makes a parsed regex catastrophic, if anything: an unbounded repetition inside another
    repetition ("(\\w+ ?)*", "(?:a+){2,9}"), or inside one, alternatives that can match the same text
    in two ways ("(a|a)*", "(a|aa)+", "(?:a|a?)+"). `body`: the characters the innermost repetition's
    body may begin with. Possessive repetitions and atomic groups do not backtrack, and are safe."""
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            _, high, inner = argument
            if outer and high == _regex_parser.MAXREPEAT:
                return "a repetition inside a repetition"
            found = _nested_repetition(inner, outer=outer or high > 1, body=_first(inner)[0])
        elif name == "BRANCH":
            if outer and _ambiguous(argument[1], body):
                return "alternatives that can match alike inside a repetition"
            parts = (_nested_repetition(part, outer=outer, body=body) for part in argument[1])
            found = next(filter(None, parts), None)
        elif name == "SUBPATTERN":
            found = _nested_repetition(argument[-1], outer=outer, body=body)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _nested_repetition(argument[1], outer=False)
        else:
            found = None  # literals, classes, possessive repetitions, atomic groups
        if found:
            return found
    return None


def _ambiguous(alternatives: list[Any], body: frozenset[int]) -> bool:
    """Whether, inside a repetition whose body begins with `body`, two alternatives can match the same
    text: both begin alike or both match nothing, or one matches nothing and another begins like the
    next round of the repetition ("a(?:|a)", which is how "(a|aa)" is parsed)."""
    firsts = [_first(alternative) for alternative in alternatives]
    for number, (chars, empty) in enumerate(firsts):
        for other, other_empty in firsts[number + 1 :]:
            if (
                chars & other
                or (empty and other_empty)
                or (empty and other & body)
                or (other_empty and chars & body)
            ):
                return True
    return False


# Characters told apart when comparing how parts of a regex begin: ASCII, and any literal of the regex
# is compared as itself. Only ever too cautious: a class is taken to begin with all it may match.
_ALPHABET = frozenset(range(128))
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
_CATEGORY_CHARS = {
    name: frozenset(code for code in _ALPHABET if re.fullmatch(pattern, chr(code)))
    for name, pattern in _CATEGORIES.items()
}


def _class_chars(items: list[Any]) -> frozenset[int]:
    """The characters (of the alphabet, and the literals named) a character class matches."""
    chars: set[int] = set()
    negated = False
    for op, argument in items:
        name = str(op)
        if name == "NEGATE":
            negated = True
        elif name == "LITERAL":
            chars.add(argument)
        elif name == "RANGE":
            low, high = argument
            chars |= {low, high, *(code for code in _ALPHABET if low <= code <= high)}
        else:  # a category, or what this reading does not know: anything
            chars |= _CATEGORY_CHARS.get(str(argument), _ALPHABET)
    return _ALPHABET - chars if negated else frozenset(chars)


def _first(items: Any) -> tuple[frozenset[int], bool]:
    """The characters a parsed sequence may begin with, and whether it may match nothing."""
    chars: frozenset[int] = frozenset()
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            return chars | {argument}, False
        if name == "NOT_LITERAL":
            return chars | (_ALPHABET - {argument}), False
        if name == "IN":
            return chars | _class_chars(argument), False
        if name in (*_REPEATS, "POSSESSIVE_REPEAT"):
            found, empty = _first(argument[2])
            chars |= found
            if not empty and argument[0] > 0:
                return chars, False
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            found, empty = _first(argument[-1] if name == "SUBPATTERN" else argument)
            chars |= found
            if not empty:
                return chars, False
        elif name == "BRANCH":
            parts = [_first(alternative) for alternative in argument[1]]
            chars = chars.union(*(found for found, _ in parts))
            if not any(empty for _, empty in parts):
                return chars, False
        elif name not in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width ones aside: anything
            return chars | _ALPHABET, True
    return chars, True
