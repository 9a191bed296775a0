"""The phrase language compiled to patterns: wildcards, exact words, gaps, word boundaries, what does
not compile, form labels."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.matching.expressions import Phrase
from checker.matching.normal import normalise
from checker.matching.patterns import compile_phrase, compile_regex, label_pattern
from checker.matching.search import find
from tests.conftest import examples


def _found(phrase: str, text: str) -> list[str]:
    """The pieces of `text`'s normal form that `phrase` matches, in order."""
    normal = normalise(text)
    return [normal[hit.start : hit.end] for hit in find(compile_phrase(phrase), normal)]


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("rehabilitat*", "Rehabilitation centres", ["rehabilitation"]),
        ("rehabilitat*", "Victims were rehabilitated.", ["rehabilitated"]),
        ("organis*", "International organizations", ["organizations"]),
        ("seminar*", "Seminars and a seminar", ["seminars", "seminar"]),
        ("rehabilitat*", "A prerehabilitation phase", []),
    ],
)
def test_a_star_lets_a_word_continue(phrase: str, text: str, expected: list[str]) -> None:
    """A word ending in `*` finds every word that begins with it, but only at a word's start."""
    assert _found(phrase, text) == expected


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("=no", "No. There is none.", ["no"]),
        ("=no", "The nos were counted.", []),
        ("=train", "Inspectors were trained.", []),
        ("=train", "A train left.", ["train"]),
        ("no", "The nos were counted.", []),
    ],
)
def test_an_equals_sign_matches_the_word_exactly(phrase: str, text: str, expected: list[str]) -> None:
    """A word starting with `=` finds only itself (and a short function word never inflects)."""
    assert _found(phrase, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No law has been adopted.", ["no law has been adopted"]),
        (
            "No comprehensive law on the matter has been adopted.",
            ["no comprehensive law on the matter has been adopted"],
        ),
        (
            "No one two three four five six has been adopted.",
            ["no one two three four five six has been adopted"],
        ),
        ("No has been adopted.", ["no has been adopted"]),
        ("No one two three four five six seven has been adopted.", []),
    ],
)
def test_three_dots_stand_for_up_to_six_words(text: str, expected: list[str]) -> None:
    """`...` bridges zero to six words, never seven."""
    assert _found("no ... has been adopted", text) == expected


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("awareness raising", "Awareness-raising campaigns", ["awareness raising"]),
        ("awareness raising", "Awareness/raising campaigns", ["awareness raising"]),
        ("awareness raising", "Awareness\nraising campaigns", ["awareness raising"]),
        ("awareness raising", "Awareness \u2013 raising", []),
        ("awareness-raising", "Awareness raising campaigns", ["awareness raising"]),
        ("law enforcement", "law\u2011enforcement officers", ["law enforcement"]),
        ("and/or", "a policy and or a plan", ["and or"]),
    ],
)
def test_hyphens_slashes_and_line_breaks_read_as_spaces(phrase: str, text: str, expected: list[str]) -> None:
    """A hyphen, slash or line break between two words counts as a space, in the phrase and the text."""
    assert _found(phrase, text) == expected


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("train", "They restrain the workers.", []),
        ("train", "A trainee joined.", []),
        ("plan", "A power plant was built.", []),
        ("plan", "The planet warms.", []),
        ("labour", "A laboratory was built.", []),
        ("labor", "A laboratory was built.", []),
        ("victim", "Victimology is a science.", []),
        ("train", "(train)", ["train"]),
        ("P029", "Ratify P029 now.", ["p029"]),
        ("P029", "Ratify P0291 now.", []),
        (";", "first;second", [";"]),
    ],
)
def test_phrases_match_on_word_boundaries(phrase: str, text: str, expected: list[str]) -> None:
    """A phrase never matches inside a longer word; one that starts or ends with punctuation may."""
    assert _found(phrase, text) == expected


def test_matching_ignores_case_and_markup() -> None:
    """A phrase finds its words in any case and through Markdown emphasis."""
    assert _found("forced labour", "**FORCED** _Labour_ is banned.") == ["forced labour"]


# ── what does not compile ────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("source", "stray"),
    [
        ("impediment (to|of) ratification", "("),
        ("shelter|hostel", "|"),
        ("victims?", "?"),
        ("[Vv]ictim", "["),
        ("labour{2}", "{"),
        ("labour+", "+"),
        (r"labour\b", "\\"),
        ("^labour", "^"),
        ("labour$", "$"),
    ],
)
def test_compile_phrase_rejects_regex_syntax(source: str, stray: str) -> None:
    """Regex syntax in a phrase is a ValueError that names the stray character."""
    with pytest.raises(ValueError, match=re.escape(f"{stray!r} has no meaning in a phrase")):
        compile_phrase(source)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "at least one word"),
        ("   \n ", "at least one word"),
        ("...", "'...' must stand between two words"),
        ("... ratified", "'...' must stand between two words"),
        ("ratified ...", "'...' must stand between two words"),
        ("=", "'=' must be followed by a word"),
        ("not = ratified", "'=' must be followed by a word"),
        ("*", "'\\*' must follow the start of a word"),
    ],
)
def test_compile_phrase_rejects_malformed_phrases(source: str, message: str) -> None:
    """An empty phrase, a gap at an end, a bare `=` or a bare `*` is a ValueError saying why."""
    with pytest.raises(ValueError, match=message):
        compile_phrase(source)


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        ("(", "missing \\), unterminated subpattern"),
        ("[a", "unterminated character set"),
        ("*victim", "nothing to repeat"),
        ("(?P<x>a)(?P<x>b)", "redefinition of group name"),
    ],
)
def test_compile_regex_rejects_invalid_regexes(source: str, complaint: str) -> None:
    """An invalid regex is a ValueError carrying the regex engine's complaint."""
    with pytest.raises(ValueError, match=f"invalid regular expression: {complaint}"):
        compile_regex(source)


@pytest.mark.parametrize(("source", "complaint"), [("[[a]", "nested set"), ("[a--b]", "set difference")])
def test_compile_regex_rejects_what_python_is_to_change(source: str, complaint: str) -> None:
    """A pattern Python warns will change meaning is refused, not passed on as a warning on stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=f"ambiguous regular expression: Possible {complaint}"):
            compile_regex(source)


# ── labels ───────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [
        pytest.param(
            "Fulfilment of Government's reporting obligations",
            "REPORTING Fulfillment of \n\nGovernment\u2019s \n\nreporting obligations \n\n Yes.",
            "Fulfillment of \n\nGovernment\u2019s \n\nreporting obligations",
            id="broken over lines, curly apostrophe, other spelling",
        ),
        pytest.param(
            "Employers' organizations",
            "Employers\u2019 \n\norganisations \n\nNo.",
            "Employers\u2019 \n\norganisations",
            id="curly apostrophe after a plural",
        ),
        pytest.param(
            "Special initiatives/Progress",
            "Special\ninitiatives /\nProgress",
            "Special\ninitiatives /\nProgress",
            id="slash",
        ),
        pytest.param(
            "Fulfilment of Government's reporting obligations",
            "FULFILMENT OF GOVERNMENTS REPORTING OBLIGATIONS",
            "FULFILMENT OF GOVERNMENTS REPORTING OBLIGATIONS",
            id="any case, apostrophe left out",
        ),
        pytest.param(
            "Ratification status",
            "Ratification Ratification status Azerbaijan has not yet ratified",
            "Ratification status",
            id="after its group's label",
        ),
    ],
)
def test_label_pattern_finds_a_label_as_a_document_shows_it(label: str, text: str, expected: str) -> None:
    """A label is found across line breaks, quotes and slashes, in either spelling and any case."""
    match = label_pattern(label).search(text)
    assert match is not None
    assert match.group() == expected


@pytest.mark.parametrize(
    ("label", "text"),
    [
        (
            "Fulfilment of Government's reporting obligations",
            "Fulfilment of the Government's reporting obligations",
        ),
        (
            "Fulfilment of Government's reporting obligations",
            "XFulfilment of Government's reporting obligations",
        ),
        ("Employers' organizations", "Employer organizations"),
        ("Offer", "Three offers"),
    ],
)
def test_label_pattern_wants_the_label_s_own_words(label: str, text: str) -> None:
    """A label is not found with a word added, a letter glued on or a word changed."""
    assert label_pattern(label).search(text) is None


def test_label_pattern_needs_a_word() -> None:
    """A label without a word is a ValueError."""
    with pytest.raises(ValueError, match="at least one word"):
        label_pattern("--- / ---")


# ── properties ───────────────────────────────────────────────────────────────────────────────────


@settings(max_examples=examples(200), deadline=None)
@given(st.text())
@example("impediment* to ... ratif*")
@example("=no ... =")
def test_compile_phrase_returns_a_phrase_or_raises_value_error(source: str) -> None:
    """compile_phrase on any text returns a Phrase of that source or raises ValueError, nothing else."""
    try:
        phrase = compile_phrase(source)
    except ValueError:
        return
    assert isinstance(phrase, Phrase)
    assert phrase.source == source


def test_a_phrase_is_compiled_once() -> None:
    """A phrase named in several rules is one object: the stored pack holds it once, and its pattern is
    compiled once."""
    assert compile_phrase("labour inspectorate") is compile_phrase("labour inspectorate")
