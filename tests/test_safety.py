"""The regex-safety check: what could backtrack for exponential time is refused, the rest accepted."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.matching.patterns import compile_regex
from tests.conftest import no_hang


@pytest.mark.parametrize(
    "source",
    [
        r"(\w+\s?)*x",
        r"(?:a+){2,9}",
        r"(x+x+)+y",
        r"(.*a){12}",
        r"(?:(?:ab)*c)+",
        r"(?=(\w+)+x)",
        r"(a|a)*x",
        r"(a|aa)+$",
        r"(?:a|a?)+$",
        r"(?:\w|\d\.)*x",
    ],
)
def test_a_regex_that_could_take_exponential_time_is_refused(source: str) -> None:
    """A repetition inside a repetition, or alternatives inside one that can match the same text in two
    ways, backtrack exponentially on a long enough text: refused."""
    with pytest.raises(ValueError, match="backtracking may take exponential time"):
        compile_regex(source)


@pytest.mark.parametrize(
    "source",
    [
        r"(?:\w++\s?)*x",
        r"(?>\w+\s?)*x",
        r"(?:ab)+",
        r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b",
        r"(?=\w+)",
        r"(ab|a)*c",
        r"(\w|_)+$",
        r"(?:no|yes)*",
        r"(?:foo|bar|baz)++",
        r"(?>a|aa)+$",
    ],
)
def test_repetitions_that_cannot_backtrack_are_accepted(source: str) -> None:
    """Possessive repetitions, atomic groups, single repetitions and alternatives that cannot match
    alike are safe."""
    assert compile_regex(source).source == source


_REDOS_PIECES = [
    "a",
    "b",
    "(?:",
    ")",
    "|",
    "*",
    "+",
    "?",
    "a?",
    "a+",
    r"\w",
    r"\s",
    " ",
    "[ab]",
    ".",
    "(?:aa|a)",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_REDOS_PIECES), min_size=2, max_size=9).map("".join))
@example("(?:a|a?)+")
def test_an_accepted_regex_never_backtracks_for_long(source: str) -> None:
    """Whatever regex is accepted, texts made to make it backtrack (a long run, then a mismatch) are
    searched at once: what could take exponential time is refused before."""
    try:
        regex = compile_regex(source)
    except ValueError:
        return
    anchored = re.compile(regex.pattern.pattern + "$")
    with no_hang(10):
        for text in ("a" * 28 + "!", "ab" * 14 + "!", "a " * 14 + "!"):
            anchored.search(text)
