"""The regex-safety check for the raw regexes that only Python's backtracking engine can run.

A raw regular expression of a rule file runs in RE2, in linear time, whenever it has an exact form
there (see `linear`). One that needs what RE2 lacks (lookarounds, ``\\b``, possessive repeats) runs in
Python's `re`, which backtracks: such a regex is refused when the pack is loaded if it could take
exponential (or high polynomial) time on a sentence, rather than met during an audit. The check reads
the regex as Python's own parser does, and tells too where a ``\\b`` that opens or closes a regex stands
at a word's edge, which RE2 can read (see `word_edges`).
"""

from __future__ import annotations

import re._parser as _regex_parser  # type: ignore[import-not-found]  # the regex parser, for safety checks
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["backtracking_hazard", "word_edges"]


def backtracking_hazard(source: str) -> str | None:
    """What could make the valid regular expression `source` take exponential time in a backtracking
    engine, if anything (see `_Scan`)."""
    parsed = _regex_parser.parse(source)
    return _Scan(_universe(parsed)).sequence(list(parsed), frozenset(), repeated=False)


# Characters told apart beyond ASCII: one of each kind the classes \w, \d and \s tell apart (a letter,
# a digit, a space, a mark, a symbol). With ASCII and the literals of a regex, they stand for every
# character: two parts of a regex can match the same character only if they can match one of these.
_STANDINS = frozenset(map(ord, "\u00e9\u0663\u00a0\u0301\u20ac"))
# What Python's classes hold in text: \d the decimal digits, \s the spaces, \w letters, numbers and "_".
_CATEGORIES: dict[str, Callable[[str], bool]] = {
    "CATEGORY_DIGIT": str.isdecimal,
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_WORD": lambda char: char.isalnum() or char == "_",
}
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT")
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")


def _named(node: Any) -> Iterator[int]:
    """The characters a parsed regex names: its literals, and those of its ranges (a range too long to
    list names them all: it stands for any character)."""
    if isinstance(node, tuple) and len(node) == 2 and str(node[0]) in ("LITERAL", "NOT_LITERAL", "RANGE"):
        low, high = (node[1], node[1]) if str(node[0]) != "RANGE" else node[1]
        yield from range(low, high + 1) if high - low < _LONGEST_RANGE else _STANDINS
    elif isinstance(node, list | tuple | _regex_parser.SubPattern):
        for part in node:
            yield from _named(part)


_LONGEST_RANGE = 4096


def _universe(parsed: Any) -> frozenset[int]:
    return frozenset(range(128)) | _STANDINS | frozenset(_named(parsed))


Chars = frozenset[int]


class _Scan:
    """One walk over a parsed regex, looking for what makes a backtracking engine try many ways.
    Sets of characters are read within `universe` (see `_STANDINS`)."""

    def __init__(self, universe: Chars) -> None:
        self.universe = universe
        self.categories = {
            name: frozenset(code for code in universe if test(chr(code)))
            for name, test in _CATEGORIES.items()
        }

    def sequence(self, items: list[Any], follow: Chars, *, repeated: bool) -> str | None:
        """What is hazardous in a sequence followed by the characters `follow` (those of what comes
        after it, or of the next round of a repetition it is in); `repeated`: inside a repetition."""
        # What may follow each item: worked out from the end, each item's first characters once.
        afters = [follow]
        for op, argument in reversed(items[1:]):
            chars, empty = self.first([(op, argument)])
            afters.append(chars | afters[-1] if empty else chars)
        afters.reverse()
        for index, (op, argument) in enumerate(items):
            found = self._item(str(op), argument, afters[index], items[index + 1 :], repeated=repeated)
            if found:
                return found
        return None

    def _item(self, name: str, argument: Any, after: Chars, rest: list[Any], *, repeated: bool) -> str | None:
        if name in _REPEATS:
            return self._repeat(argument, after, rest, repeated=repeated)
        if name == "BRANCH":
            if repeated and self._ambiguous(argument[1], after):
                return "alternatives that can match alike inside a repetition"
            parts = (self.sequence(part, after, repeated=repeated) for part in argument[1])
            return next(filter(None, parts), None)
        if name == "SUBPATTERN":
            return self.sequence(argument[-1], after, repeated=repeated)
        if name in ("ASSERT", "ASSERT_NOT"):
            return self.sequence(argument[1], frozenset(), repeated=False)
        return None  # literals, classes; possessive repetitions and atomic groups never give back

    def _repeat(self, argument: Any, after: Chars, rest: list[Any], *, repeated: bool) -> str | None:
        low, high, body = argument
        starts, _ = self.first(body)
        if repeated and low < high and starts & after:
            # "(\w+ ?)*", "(?:[a-z ]{1,2})*", "(?:a?a?)*": a round may end in several places and what
            # follows may begin the next: the rounds can split the text in exponentially many ways.
            return "a repetition inside a repetition"
        if high == _regex_parser.MAXREPEAT and self._next_unbounded(rest, starts):
            return "adjacent repetitions that can match the same text"
        loops = high > 1
        return self.sequence(body, starts | after if loops else after, repeated=repeated or loops)

    def _next_unbounded(self, rest: list[Any], starts: Chars) -> bool:
        """Whether `rest` holds, before anything that must match, an unbounded repetition (not possessive)
        that may begin like `starts`: "\\w*\\w*x" tries every split of a run between the two."""
        for op, argument in rest:
            if (
                str(op) in _REPEATS
                and argument[1] == _regex_parser.MAXREPEAT
                and self.first(argument[2])[0] & starts
            ):
                return True
            if not self.first([(op, argument)])[1]:
                return False
        return False

    def _ambiguous(self, alternatives: list[Any], after: Chars) -> bool:
        """Whether, inside a repetition, two alternatives can match the same text: both begin alike or
        both match nothing, or one matches nothing and another begins like what follows ("a(?:|a)*",
        which is how "(a|aa)*" is parsed). Each is compared with all before it at once."""
        before: Chars = frozenset()
        empty_before = False
        for alternative in alternatives:
            chars, empty = self.first(alternative)
            if (
                chars & before
                or (empty and (empty_before or before & after))
                or (empty_before and chars & after)
            ):
                return True
            before |= chars
            empty_before = empty_before or empty
        return False

    def klass(self, items: list[Any]) -> Chars:
        """The characters a character class matches."""
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
                chars.update(code for code in self.universe if low <= code <= high)
            else:  # a category, or what this reading does not know: anything
                chars |= self.categories.get(str(argument), self.universe)
        return self.universe - chars if negated else frozenset(chars)

    def first(self, items: Any) -> tuple[Chars, bool]:
        """The characters a parsed sequence may begin with, and whether it may match nothing."""
        return self._edge(items, backward=False)

    def last(self, items: Any) -> tuple[Chars, bool]:
        """The characters a parsed sequence may end with, and whether it may match nothing."""
        return self._edge(items, backward=True)

    def _edge(self, items: Any, *, backward: bool) -> tuple[Chars, bool]:
        chars: Chars = frozenset()
        for op, argument in reversed(items) if backward else items:
            name = str(op)
            if name == "LITERAL":
                return chars | {argument}, False
            if name == "NOT_LITERAL":
                return chars | (self.universe - {argument}), False
            if name == "IN":
                return chars | self.klass(argument), False
            if name in (*_REPEATS, "POSSESSIVE_REPEAT"):
                found, empty = self._edge(argument[2], backward=backward)
                chars |= found
                if not empty and argument[0] > 0:
                    return chars, False
            elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
                inner = argument[-1] if name == "SUBPATTERN" else argument
                found, empty = self._edge(inner, backward=backward)
                chars |= found
                if not empty:
                    return chars, False
            elif name == "BRANCH":
                parts = [self._edge(alternative, backward=backward) for alternative in argument[1]]
                chars = chars.union(*(found for found, _ in parts))
                if not any(empty for _, empty in parts):
                    return chars, False
            elif name not in _ZERO_WIDTH:  # "." or what this reading does not know: anything
                return self.universe, name != "ANY"
        return chars, True

    def in_words(self, chars: Chars) -> bool:
        """Whether all of `chars` are word characters (as ``\\w`` reads them)."""
        return chars <= self.categories["CATEGORY_WORD"]


def word_edges(source: str) -> tuple[bool, bool]:
    """Whether the valid regular expression `source` opens with ``\\b`` before what always begins with a
    word character, and whether it ends with ``\\b`` after what always ends with one: there, ``\\b`` is
    a word's edge, as a phrase's (see `linear.bounded`)."""
    items = list(_regex_parser.parse(source))
    opens = bool(items) and _is_boundary(*items[0])
    closes = len(items) > int(opens) and _is_boundary(*items[-1])
    if not (opens or closes):
        return False, False
    scan = _Scan(_universe(items))
    core = items[int(opens) : len(items) - int(closes)]
    begins, begins_empty = scan.first(core)
    ends, ends_empty = scan.last(core)
    return (
        opens and not begins_empty and scan.in_words(begins),
        closes and not ends_empty and scan.in_words(ends),
    )


def _is_boundary(op: Any, argument: Any) -> bool:
    return str(op) == "AT" and str(argument) == "AT_BOUNDARY"
