"""No raw regex can hang an audit: it runs in RE2 in linear time, or, when only Python's backtracking
engine can run it, it is refused if it could backtrack for long."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.matching.patterns import compile_phrase, compile_regex
from checker.matching.safety import backtracking_hazard, word_edges
from tests.conftest import examples, no_hang

# Shapes that make a backtracking engine try exponentially (or polynomially) many ways on one sentence.
HANGING_SHAPES = [
    r"(\w+\s?)*x",
    r"(?:a+){2,9}",
    r"(x+x+)+y",
    r"(.*a){12}",
    r"(a|a)*x",
    r"(a|aa)+$",
    r"(?:a|a?)+$",
    r"(?:\w|\d\.)*x",
    r"(?:[a-z ]{1,2})*#",  # a bounded repeat inside a repeat
    r"(?:[a-z ]{1,1000}){1,1000}#",
    r"(?:[a-z ]?[a-z ]?)*#",  # optional items repeated
    r"(?:é|[^#])*#",  # alternatives that overlap on a letter beyond ASCII
    r"[a-z ]*[a-z ]*[a-z ]*[a-z ]*#",  # adjacent overlapping stars
    r"(?:\w*\w*)*#",
]


@pytest.mark.parametrize("shape", HANGING_SHAPES)
def test_a_hanging_shape_runs_in_linear_time_or_is_refused(shape: str) -> None:
    """Each shape either has an exact form in RE2 and runs there (in linear time), or is refused."""
    try:
        regex = compile_regex(shape)
    except ValueError as error:
        assert "backtracking may take exponential time" in str(error)
        return
    assert regex.engine is not None, "a shape that could hang is left to Python's backtracking engine"


@pytest.mark.parametrize("shape", HANGING_SHAPES)
@pytest.mark.parametrize("assertion", [r"(?<!y)", r"(?=[^y])", r"\B"])
def test_a_hanging_shape_that_needs_python_is_refused(shape: str, assertion: str) -> None:
    """Beside an assertion RE2 cannot run, the shape would run in Python, where it backtracks: refused.
    (A \\b at a word's edge RE2 reads, as a phrase's: see `test_a_regex_with_b_at_its_word_edges...`.)"""
    with pytest.raises(ValueError, match="backtracking may take exponential time"):
        compile_regex(assertion + shape)


@pytest.mark.parametrize(
    "source",
    [r"(a)\1", r"(?P<x>a)(?P=x)", r"(a)?(?(1)b|c)", r"(a)(?(1)a*|b)*#", r"(?x) a b", r"(?a)\w"],
)
def test_what_no_linear_engine_runs_is_refused(source: str) -> None:
    """Backreferences, conditional groups and the ASCII and verbose flags are refused outright."""
    with pytest.raises(ValueError, match="cannot be matched in linear time"):
        compile_regex(source)


@pytest.mark.parametrize(
    "source",
    [
        r"(?<!y)(?:\w++\s?)*x",
        r"(?<!y)(?>\w+\s?)*x",
        r"(?<!y)(?:ab)+",
        r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b",
        r"(?=\w+)",
        r"(?<!y)(ab|a)*c",
        r"(?<!y)(\w|_)+$",
        r"(?<!y)(?:no|yes)*",
        r"(?<!y)(?:foo|bar|baz)++",
        r"(?<!y)(?>a|aa)+$",
        r"(?<!y)(?:\.\d{1,2})*\.? x",
        r"(?<!y)(?:\w+ )*x",
        r"(?<!y)(?:(?:ab)*c)+",
    ],
)
def test_what_cannot_backtrack_for_long_may_run_in_python(source: str) -> None:
    """Possessive repetitions, atomic groups, single repetitions, rounds that end in one place only and
    alternatives that cannot match alike are safe in Python's engine."""
    regex = compile_regex(source)
    assert (regex.source, regex.engine) == (source, None)


def test_a_phrase_with_many_gaps_runs_in_linear_time() -> None:
    """Eight "..." gaps would have Python try every way of spreading a sentence's words among them (93 s
    on 160 words); RE2 finds the same hits in one pass."""
    phrase = compile_phrase("a ... a ... a ... a ... a ... a ... a ... a ... b")
    sentence = " ".join(["a"] * 160) + " c"
    with no_hang(10):
        assert phrase.engine.spans(sentence) == []
        assert phrase.engine.spans(sentence + " b") != []


_PIECES = [
    "a",
    "b",
    "é",
    "(?:",
    ")",
    "|",
    "*",
    "+",
    "?",
    "{1,3}",
    "a?",
    "a+",
    r"\w",
    r"\s",
    " ",
    "[ab]",
    "[^#]",
    ".",
    "(?:aa|a)",
    r"(?<!y)",
    r"\b",
    "(a)",
    "(?(1)a|b)",
    r"\1",
]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=2, max_size=10).map("".join))
@example("(?:a|a?)+")
@example("(?<!y)(?:é|[^#])*#")
@example("(a)(?(1)a*|b)*")
def test_an_accepted_regex_never_backtracks_for_long(source: str) -> None:
    """Whatever regex is accepted, texts made to make it backtrack (a long run, then a mismatch) are
    searched at once: in RE2, or in Python when the guard found nothing that could take long."""
    try:
        regex = compile_regex(source)
    except ValueError:
        return
    texts = ("a" * 28 + "!", "ab" * 14 + "!", "a " * 14 + "!", "é" * 28 + "!", "aé " * 10 + "#!")
    with no_hang(10):
        for text in texts:
            if regex.engine is not None:
                regex.engine.spans(text)
            else:
                re.compile(regex.source + "$").search(text)


def test_the_guard_reads_letters_beyond_ascii() -> None:
    """A negated class and a letter beyond ASCII can match alike: "é" is not outside "[^#]"."""
    assert backtracking_hazard(r"(?<!y)(?:é|[^#])*#") is not None
    assert backtracking_hazard(r"(?<!y)(?:é|[^é])*#") is None


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "é", "=a", "a*"]), min_size=2, max_size=9), st.integers(20, 200))
def test_a_phrase_with_any_number_of_gaps_runs_in_linear_time(words: list[str], length: int) -> None:
    """Phrases with gaps between every word, on long sentences of their own words: RE2 runs them."""
    phrase = compile_phrase(" ... ".join(words))
    assert phrase.engine is not None
    sentence = " ".join(["a", "é"] * (length // 2)) + " c"
    with no_hang(10):
        phrase.engine.spans(sentence)


@pytest.mark.parametrize(
    ("source", "edges"),
    [
        (r"\bloi \d", (True, False)),
        (r"\b(?:19|20)\d\d\b", (True, True)),
        (r"\b\d[\d,.]*\b", (True, False)),  # may end with "," or ".": there \b is no word's edge
        (r"\b.x", (False, False)),
        (r"\ba|b\b", (False, False)),  # each \b belongs to one alternative
        (r"x\b", (False, True)),
        (r"\b", (False, False)),
        (r"\bx?\b", (False, False)),  # may match nothing
    ],
)
def test_a_word_s_edge_is_told_where_b_opens_or_closes_a_regex(source: str, edges: tuple[bool, bool]) -> None:
    assert word_edges(source) == edges


@settings(max_examples=examples(400), deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "é", "1", " ", "'", "[ab]", r"\w", r"\d", "+", "?", "(?:a|b)", "[^a]"]),
        max_size=5,
    )
    .map("".join)
    .map(lambda core: rf"\b{core}\b"),
    st.text(alphabet="aé1 '_-.b", max_size=30),
)
@example(r"\ba\b", "a a")
def test_a_regex_with_b_at_its_word_edges_runs_in_re2_with_python_s_hits(source: str, text: str) -> None:
    """Opening and closing with \\b, a regex whose matches begin and end with word characters is read
    by RE2 as a phrase is, with the very hits Python finds."""
    try:
        regex = compile_regex(source)
    except ValueError:
        return
    if regex.engine is not None:
        expected = [(m.start(), m.end()) for m in re.finditer(source, text) if m.end() > m.start()]
        assert regex.engine.spans(text) == expected
