"""Index requirements: the triggers a sentence must hold for an expression to match it."""

from __future__ import annotations

from checker.matching.expressions import AllOf, AnyOf, Near
from checker.matching.patterns import compile_phrase
from checker.matching.requirements import requirement


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
