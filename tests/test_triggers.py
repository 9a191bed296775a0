"""Triggers: the letters a phrase's or regex's matches begin a word with, never too strict."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.matching.patterns import compile_phrase, compile_regex
from tests.conftest import examples


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("identify", {"identif"}),  # identifies, identified
        ("plan", {"plan"}),  # planned
        ("labour", {"labo"}),  # labor
        ("organise", {"organi"}),  # organized
        ("programme", {"program"}),
        ("centre", {"cent"}),  # center
        ("judgement", {"judg"}),  # judgment
        ("rehabilitat*", {"rehabilitat"}),
        ("=no", {"no"}),
        ("no ... has been adopted", {"no", "has", "been", "adopted"}),
        ("e.g.", {"e"}),
        ("P029", {"p029"}),
        ("; ", set()),
        (", and", {"and"}),
    ],
)
def test_a_phrase_s_triggers_are_what_its_words_begin_with(phrase: str, expected: set[str]) -> None:
    """Each word of a phrase contributes the letters all its forms and spellings begin with."""
    assert compile_phrase(phrase).triggers == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\bno\.? ?\d", {"no"}),
        (r"(?<![\w.])p\.? ?0?29(?![\w])", {"p"}),
        (r"\(ratification: ?(?:19|20)\d\d\)", {"ratification"}),  # after "(", a word begins
        (r"\b(?:abc|abd)e", {"ab"}),  # what the alternatives share
        (r"\bab{2,3}c", {"ab"}),
        (r"\bx[ab]", {"x"}),
        (r"ratif", set()),  # may begin inside a word: "unratified"
        (r"\(no\.? ?\d+\)|\bnos?\b", set()),  # alternatives that share nothing
        (r"(?i)abc", set()),  # flags are not read
        (r"\d", set()),
        (r"[abc]x", set()),
        (r"\bab{0,3}", {"a"}),
    ],
)
def test_a_regex_s_trigger_is_the_word_start_every_match_begins_with(source: str, expected: set[str]) -> None:
    """A raw regex gets a trigger only when every match surely starts a word with fixed letters."""
    assert compile_regex(source).triggers == expected


_REGEX_PIECES = [
    r"\b",
    "a",
    "b",
    "ab",
    r"\d",
    "[ab]",
    "(?:a|ab)",
    "(?:b|)",
    "?",
    "*",
    "+",
    "{1,2}",
    r"\.",
    " ",
    "|",
]


@settings(max_examples=examples(400), deadline=None)
@given(
    st.lists(st.sampled_from(_REGEX_PIECES), min_size=1, max_size=6).map("".join),
    st.text(alphabet="ab .1", max_size=20),
)
def test_a_regex_s_trigger_is_never_too_strict(source: str, text: str) -> None:
    """Wherever a raw regex matches, a word of the text begins with its trigger."""
    try:
        regex = compile_regex(source)
    except ValueError:
        return
    words = re.findall(r"\w+", text)
    if any(match.end() > match.start() for match in regex.pattern.finditer(text)):
        assert all(any(word.startswith(trigger) for word in words) for trigger in regex.triggers)
