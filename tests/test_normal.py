"""The normal form every sentence, phrase and label is matched in."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.matching.normal import normalise
from tests.conftest import examples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Awareness-raising  and\n\tTRAINING", "awareness raising and training"),
        ("The plan didn't pass; it isn't law.", "the plan did not pass; it is not law."),
        ("They won't and can't.", "they will not and can not."),
        ("Government\u2019s \u201cplan\u201d \u2013 2017", 'government\'s "plan" - 2017'),
        ("co\u00adoperation\u00a0now", "cooperation now"),
        ("**Bold** *it* # Heading", "bold it heading"),
        ("\ufb01rst policy", "first policy"),
        ("  \n ", ""),
    ],
)
def test_normalise_gives_the_matching_form(text: str, expected: str) -> None:
    """normalise lowers case, unifies quotes and dashes, spells out "n't" and collapses white space."""
    assert normalise(text) == expected


def test_normalise_spells_out_contractions_inside_underscore_emphasis() -> None:
    """A contraction in `_..._` emphasis is spelt out like any other, so negation is found in it."""
    assert normalise("The plan _wasn't_ adopted.") == "the plan was not adopted."


# ── properties ───────────────────────────────────────────────────────────────────────────────────


@settings(max_examples=examples(200), deadline=None)
@given(st.text())
@example("n't_")
def test_normalise_is_idempotent(text: str) -> None:
    """Normalising a normal form changes nothing."""
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.characters(exclude_characters="_")))
@example("Awareness-raising \u2013 didn't  *can't*\u00ad")
def test_normalise_is_idempotent_without_underscores(text: str) -> None:
    """Normalising a normal form changes nothing, for text without the underscore of the bug above."""
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=examples(200), deadline=None)
@given(st.text())
@example(" a \u00a0\u2028 b\u3000c ")
def test_normalise_never_holds_two_spaces_in_a_row(text: str) -> None:
    """A normal form has single spaces between words and none at either end."""
    normal = normalise(text)
    assert "  " not in normal
    assert normal == normal.strip()
