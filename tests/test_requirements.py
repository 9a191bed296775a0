"""Index requirements: the triggers a sentence must hold for an expression to match it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.matching.expressions import AllOf, AnyOf, Near
from checker.matching.patterns import compile_phrase
from checker.matching.requirements import either, requirement


def test_a_requirement_is_any_of_the_alternatives_and_all_of_the_parts() -> None:
    """Alternatives widen what is required; parts that must all match narrow it."""
    shelter, victim = compile_phrase("shelter"), compile_phrase("victim*")
    assert requirement(AnyOf((shelter, victim))) == {frozenset({"shelter"}), frozenset({"victim"})}
    assert requirement(AllOf((shelter, victim))) == {frozenset({"shelter", "victim"})}
    assert requirement(Near((shelter, victim), 3)) == {frozenset({"shelter", "victim"})}
    assert requirement(compile_phrase("no shelter for victims")) == {
        frozenset({"no", "shelter", "for", "victims"})
    }


def test_an_alternative_that_asks_for_more_than_another_is_dropped() -> None:
    """Any of "law" and "law on trafficking" requires only "law"."""
    law = AnyOf((compile_phrase("law"), compile_phrase("law on trafficking")))
    assert requirement(law) == {frozenset({"law"})}


@given(st.lists(st.frozensets(st.sampled_from("abcdefg"), max_size=4), max_size=40))
def test_either_keeps_exactly_the_alternatives_that_ask_for_no_more_than_another(
    alternatives: list[frozenset[str]],
) -> None:
    """Of alternatives merged, those kept are the ones no other alternative is a part of, however many."""
    halves = frozenset(alternatives[::2]), frozenset(alternatives[1::2])
    least = {mine for mine in alternatives if not any(other < mine for other in alternatives)}
    assert either(halves) == least
