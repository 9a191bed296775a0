"""Triggers: the letters a word of the text must begin with for a phrase or regex to match it.

A text none of whose words begins with a phrase's triggers cannot match it: the index (see `index`) and
the search (see `search.find`) skip such phrases without running their patterns.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from checker.matching.expressions import Expr, leaves

__all__ = ["WORD_START", "triggers", "word_trigger"]

# Where a phrase's word starts: no word character before it. Phrases are compiled with it (see
# `patterns`), and the scan below reads it as the start of a word.
WORD_START = r"(?<![\w])"

# Zero-width assertions after which a match starts a word, as phrases are compiled and rule authors
# write them.
_WORD_STARTS = (WORD_START, r"(?<!\w)", r"(?<![\w.])", r"\b", "^")
_TOKEN_START = "\x00"  # stands for one of them in a literal prefix
_WORD_CHAR = re.compile(r"\w")
_QUANTIFIER = re.compile(r"(?:[?*+]|\{(\d*)(?:,\d*)?\})[?+]?")


def word_trigger(source: str) -> str | None:
    """What every match of the regular expression `source` begins with, as the start of a word of the
    text: "identif" for ``(?<![\\w])identif(?:y|ies|ied|ying)``. None when that cannot be told (a
    match may begin inside a word, or with no fixed letters). Only ever too cautious, never wrong: a
    text with no word that starts with the trigger has no match."""
    try:
        literal, end = _alternatives(source, 0)
    except _UnreadError:
        return None
    if end != len(source):
        return None
    first = _WORD_CHAR.search(literal)
    if first is None or first.start() == 0:
        return None  # no letters, or they may stand inside a longer word
    run = re.match(r"\w+", literal[first.start() :])
    # One string for each trigger however many phrases have it: the stored pack holds it once.
    return sys.intern(run.group()) if run else None


class _UnreadError(Exception):
    """A construct the trigger scan does not read: the pattern gets no trigger."""


def _alternatives(source: str, at: int) -> tuple[str, int]:
    """The literal prefix shared by the alternatives from `at` to the closing parenthesis (or the end),
    and where they end."""
    prefixes = []
    while True:
        prefix, at = _sequence(source, at)
        prefixes.append(prefix)
        if at < len(source) and source[at] == "|":
            at += 1
            continue
        return _common_prefix(prefixes), at


def _common_prefix(texts: list[str]) -> str:
    shortest = min(texts, key=len)
    for index, char in enumerate(shortest):
        if any(text[index] != char for text in texts):
            return shortest[:index]
    return shortest


def _sequence(source: str, at: int) -> tuple[str, int]:
    """The literal prefix of one alternative, and the position of the "|" or ")" that ends it."""
    literal = ""
    collecting = True
    while at < len(source) and source[at] not in "|)":
        text, whole, at = _atom(source, at)
        repeat = _QUANTIFIER.match(source, at)
        if repeat:
            at = repeat.end()
        if not collecting:
            continue
        if text is None or (repeat is not None and not _at_least_once(repeat)):
            collecting = False
        else:
            literal += text
            collecting = whole and repeat is None
    return literal, at


def _at_least_once(repeat: re.Match[str]) -> bool:
    token = repeat.group()
    return token.startswith("+") or (token.startswith("{") and int(repeat.group(1) or 0) >= 1)


def _atom(source: str, at: int) -> tuple[str | None, bool, int]:
    """The atom at `at`: its literal text (None when it is not literal), whether that text is all it
    matches, and the position after it."""
    for marker in _WORD_STARTS:
        if source.startswith(marker, at):
            return _TOKEN_START, True, at + len(marker)
    char = source[at]
    if char == "\\":
        escaped = source[at + 1 : at + 2]
        if not escaped:
            raise _UnreadError
        return (None if escaped.isalnum() else escaped), True, at + 2
    if char == "[":
        return None, False, _class_end(source, at)
    if char == "(":
        return _group(source, at)
    if char in ".$*+?{":
        return None, False, at + 1
    return char, True, at + 1


def _group(source: str, at: int) -> tuple[str, bool, int]:
    if source.startswith(("(?<=", "(?<!", "(?=", "(?!"), at):
        # Other lookarounds say nothing of the letters a match begins with: skipped.
        inner = at + (4 if source[at + 2] == "<" else 3)
        return "", True, _closing(source, _alternatives(source, inner)[1], ")")
    if source.startswith("(?:", at):
        inner = at + 3
    elif source.startswith("(?P<", at):
        inner = source.index(">", at) + 1
    elif source.startswith("(?", at):
        raise _UnreadError  # flags, comments, conditionals
    else:
        inner = at + 1
    prefix, end = _alternatives(source, inner)
    return prefix, False, _closing(source, end, ")")


def _class_end(source: str, at: int) -> int:
    """The position after the character class that opens at `at`."""
    at += 1
    at += source.startswith("^", at)
    at += source.startswith("]", at)
    while at < len(source) and source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return _closing(source, at, "]")


def _closing(source: str, at: int, bracket: str) -> int:
    if not source.startswith(bracket, at):
        raise _UnreadError
    return at + 1


def triggers(expr: Expr | None) -> Iterator[str]:
    """The triggers of the phrases in `expr`."""
    for leaf in leaves(expr):
        yield from leaf.triggers
