"""Word variants: a word of a phrase finds its inflected forms and its other spelling."""

from __future__ import annotations

import pytest

from checker.matching.normal import normalise
from checker.matching.patterns import compile_phrase
from checker.matching.search import find


def _found(phrase: str, text: str) -> list[str]:
    """The pieces of `text`'s normal form that `phrase` matches, in order."""
    normal = normalise(text)
    return [normal[hit.start : hit.end] for hit in find(compile_phrase(phrase), normal)]


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("train", "Officers attended trainings on the new law.", ["trainings"]),
        ("train", "Inspectors were trained in 2017.", ["trained"]),
        ("train", "The ministry trains inspectors.", ["trains"]),
        ("train", "Training was given.", ["training"]),
        ("identify", "Twelve victims were identified.", ["identified"]),
        ("identify", "The unit identifies victims.", ["identifies"]),
        ("identify", "Identifying victims is hard.", ["identifying"]),
        ("plan", "A campaign is planned for 2025.", ["planned"]),
        ("plan", "Planning is under way.", ["planning"]),
        ("plan", "Two plans were adopted.", ["plans"]),
        ("victim", "The victim's rights are protected.", ["victim's"]),
        ("shelter", "Two shelters were opened.", ["shelters"]),
        ("organise", "Seminars were organising.", ["organising"]),
    ],
)
def test_a_word_matches_its_inflected_forms(phrase: str, text: str, expected: list[str]) -> None:
    """A phrase's word also finds its plural, past, -ing and possessive forms."""
    assert _found(phrase, text) == expected


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("labour", "Forced labor is prohibited.", ["labor"]),
        ("labor", "Forced labour is prohibited.", ["labour"]),
        ("labour", "Labourers and laborers", ["labourers", "laborers"]),
        ("organise", "Seminars were organized.", ["organized"]),
        ("organize", "Seminars were organised.", ["organised"]),
        ("organisation", "Workers' organizations met.", ["organizations"]),
        ("programme", "A national program was launched.", ["program"]),
        ("program", "Two programmes were launched.", ["programmes"]),
        ("centre", "A crisis center opened.", ["center"]),
        ("center", "Crisis centres opened.", ["centres"]),
        ("behaviour", "Their behavior changed.", ["behavior"]),
        ("counselling", "Counseling is offered.", ["counseling"]),
        ("defence", "The defense lawyer", ["defense"]),
        ("awareness programme*", "Awareness programs ran.", ["awareness programs"]),
        ("centre*", "Two centers opened.", ["centers"]),
        ("licence*", "Licenses were revoked.", ["licenses"]),
    ],
)
def test_british_and_american_spellings_meet(phrase: str, text: str, expected: list[str]) -> None:
    """A word written in either spelling finds the other."""
    assert _found(phrase, text) == expected
