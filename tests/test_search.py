"""Where expressions match: near, all and any, primary hits and context, raw regexes."""

from __future__ import annotations

import pytest

from checker.matching.expressions import AllOf, AnyOf, Expr, Near, Regex
from checker.matching.normal import normalise
from checker.matching.patterns import compile_phrase, compile_regex
from checker.matching.search import Hit, find


def _marked(expr: Expr, text: str) -> list[tuple[str, bool]]:
    """What `expr` matches in `text`'s normal form, each with its primary flag, in text order."""
    normal = normalise(text)
    return [(normal[hit.start : hit.end], hit.primary) for hit in sorted(find(expr, normal))]


P = compile_phrase


SHELTER = "Shelter was provided to every victim of trafficking."  # "victim" is five words after "shelter"


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        (4, []),
        (5, [("shelter", True), ("victim", False)]),
        (8, [("shelter", True), ("victim", False)]),
    ],
)
def test_near_matches_only_within_its_window(within: int, expected: list[tuple[str, bool]]) -> None:
    """`near` matches when its parts stand within `within` words of each other."""
    assert _marked(Near((P("shelter"), P("victim")), within), SHELTER) == expected


def test_near_matches_its_parts_in_either_order() -> None:
    """`near` does not care which part comes first in the text."""
    assert _marked(Near((P("victim"), P("shelter")), 5), SHELTER) == [("shelter", False), ("victim", True)]


def test_near_needs_every_part() -> None:
    """`near` with a part that is absent from the text matches nothing."""
    assert _marked(Near((P("shelter"), P("victim"), P("migrant")), 50), SHELTER) == []


def test_near_keeps_only_hits_inside_some_window() -> None:
    """Occurrences of a part too far from every other part are not reported."""
    text = "Victim support. " + "word " * 20 + "A shelter for each victim."
    assert _marked(Near((P("shelter"), P("victim")), 3), text) == [("shelter", True), ("victim", False)]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("shelter", "trafficking"), [("shelter", True), ("trafficking", False)]),
        (("trafficking", "shelter"), [("shelter", False), ("trafficking", True)]),
        (("shelter", "migrant"), []),
        (
            ("shelter", "victim", "trafficking"),
            [("shelter", True), ("victim", False), ("trafficking", False)],
        ),
    ],
)
def test_all_needs_every_part_in_the_text(parts: tuple[str, ...], expected: list[tuple[str, bool]]) -> None:
    """`all` matches only when every part does, anywhere in the text."""
    assert _marked(AllOf(tuple(P(part) for part in parts)), SHELTER) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("shelter", "migrant"), [("shelter", True)]),
        (("hostel", "migrant"), []),
        (("shelter", "victim"), [("shelter", True), ("victim", True)]),
    ],
)
def test_any_matches_where_one_part_does(parts: tuple[str, ...], expected: list[tuple[str, bool]]) -> None:
    """`any` matches each part where it matches, and all its hits are primary."""
    assert _marked(AnyOf(tuple(P(part) for part in parts)), SHELTER) == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        pytest.param(P("victim"), [("victim", True)], id="phrase"),
        pytest.param(compile_regex(r"\bvictim\w*"), [("victim", True)], id="regex"),
        pytest.param(
            Near((AnyOf((P("shelter"), P("hostel"))), P("victim")), 8),
            [("shelter", True), ("victim", False)],
            id="near's first part is any",
        ),
        pytest.param(
            Near((P("victim"), AllOf((P("shelter"), P("provide")))), 8),
            [("shelter", False), ("provided", False), ("victim", True)],
            id="near's context is all",
        ),
        pytest.param(
            AllOf((Near((P("shelter"), P("victim")), 8), P("trafficking"))),
            [("shelter", True), ("victim", False), ("trafficking", False)],
            id="all's first part is near",
        ),
    ],
)
def test_primary_hits_come_from_the_first_part(expr: Expr, expected: list[tuple[str, bool]]) -> None:
    """Hits of a near's or all's first part are primary; the other parts' hits are context."""
    assert _marked(expr, SHELTER) == expected


def test_hits_carry_the_phrase_they_came_from() -> None:
    """A hit names the source of the phrase that made it, with offsets into the normal form."""
    text = normalise(SHELTER)
    assert find(AnyOf((P("shelter*"), P("victim"))), text) == [
        Hit(0, 7, "shelter*"),
        Hit(30, 36, "victim"),
    ]


def test_a_regex_matches_the_normal_form() -> None:
    """A raw regex is matched against the normalised text, and empty matches are dropped."""
    regex = compile_regex(r"\bno\.? ?\d+|x*")
    assert isinstance(regex, Regex)
    assert _marked(regex, "Resolution No. 152 of 2006") == [("no. 152", True)]


def test_a_phrase_whose_words_a_text_lacks_is_not_compiled_to_search_it() -> None:
    """Without the triggers of the text told, a phrase whose words begin no part of the text finds nothing
    and is not compiled for it; in a text that has them, it is."""
    phrase = compile_phrase("quinquennial stocktaking")
    assert find(phrase, normalise("A plan of action was adopted in 2019.")) == []
    assert "pattern" not in vars(phrase)
    assert find(phrase, normalise("A quinquennial stocktaking was held.")) == [
        Hit(2, 26, "quinquennial stocktaking")
    ]
