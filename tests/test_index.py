"""The segment index: which segments could hold evidence for a rule, never too few."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.index import SegmentIndex, pack_triggers
from checker.layout import lay_out
from checker.matching.expressions import AllOf, AnyOf, Expr, Near, leaves
from checker.matching.normal import normalise
from checker.matching.patterns import compile_phrase, compile_regex
from checker.matching.requirements import requirement
from checker.matching.search import find
from checker.model import Location, RulePack, Section, SectionKind, Segment
from checker.readers import read_file
from checker.segment import segment
from tests.conftest import ROOT, examples

REAL_TEXTS = [
    ROOT / "fixtures" / "seeds" / "000_527e425593d6808e.txt",
    ROOT / "fixtures" / "seeds" / "004_9801fec608b1c05e.txt",
    ROOT / "fixtures" / "labelled" / "govreport_pdfstyle_mirestan_2019.txt",
    ROOT / "fixtures" / "labelled" / "ceacr_style_quessania_2022.txt",
    ROOT / "fixtures" / "labelled" / "narrative_negations_ardenia_2020.txt",
]


@pytest.fixture(scope="module")
def real_segments(pack: RulePack) -> tuple[Segment, ...]:
    """The segments of real reports, numbered across the files as one submission's would be."""
    found: list[Segment] = []
    for path in REAL_TEXTS:
        for item in segment(lay_out(read_file(str(path)), pack)):
            found.append(Segment(len(found), item.text, item.quote, item.start, item.end, item.section))
    return tuple(found)


def test_screened_matching_finds_exactly_what_unscreened_matching_finds(
    real_segments: tuple[Segment, ...], pack: RulePack
) -> None:
    """On real reports, every rule's phrases find the same hits with and without the index's screen."""
    index = SegmentIndex(real_segments, pack_triggers(pack))
    exprs = [expr for rule in pack.rules for expr in (rule.evidence.shows, rule.evidence.touches) if expr]
    compared = 0
    for item in real_segments:
        present = index.presence().of(item)
        for expr in exprs:
            assert find(expr, item.text, present) == find(expr, item.text), (item.quote, expr)
            compared += 1
    assert compared > 10_000


def test_candidates_hold_every_segment_a_rule_finds_anything_in(
    real_segments: tuple[Segment, ...], pack: RulePack
) -> None:
    """A rule's candidates include every segment its match, negative or mention phrases match, and
    leave most others out."""
    index = SegmentIndex(real_segments, pack_triggers(pack))
    judged = 0
    for rule in pack.rules:
        spec = rule.evidence
        candidates = index.candidates(rule.free_requirement)
        assert candidates is not None, rule.id
        matching = {
            item.index
            for item in real_segments
            for expr in (spec.shows, spec.denies, spec.touches)
            if expr is not None and find(expr, item.text)
        }
        assert matching <= candidates, rule.id
        judged += len(candidates)
    assert judged < 0.25 * len(real_segments) * len(pack.rules)


def _segments(*texts: str) -> tuple[Segment, ...]:
    free = Section(SectionKind.FREE, "", Location())
    return tuple(
        Segment(number, normalise(text), text, Location(), Location(), free)
        for number, text in enumerate(texts)
    )


def test_what_cannot_be_looked_up_requires_nothing() -> None:
    """A bare regex, or a phrase of punctuation, may match anywhere: no requirement, every segment."""
    assert requirement(compile_regex(r"\d")) is None
    assert requirement(AnyOf((compile_phrase(";"), compile_phrase("three")))) is None
    assert requirement(Near((compile_regex(r"\d"), compile_phrase("victim")), 3)) == {frozenset({"victim"})}
    assert SegmentIndex(_segments("One; two.", "Three."), []).candidates(None) is None


def test_candidates_are_the_segments_that_hold_an_alternative() -> None:
    """A segment is a candidate when its words begin with every trigger of one alternative."""
    items = _segments("Shelters are open.", "Victims were identified.", "A shelter for victims.", "Nothing.")
    shelter, victim = compile_phrase("shelter"), compile_phrase("victim")
    index = SegmentIndex(items, ["shelter", "victim"])
    assert index.candidates(requirement(AnyOf((shelter, victim)))) == {0, 1, 2}
    assert index.candidates(requirement(Near((shelter, victim), 3))) == {2}


def test_present_lists_the_triggers_a_segment_s_words_begin_with() -> None:
    """A segment's present triggers are those of the index's triggers its words begin with."""
    items = _segments("Trafficking victims were trained.", "No shelter.")
    index = SegmentIndex(items, ["train", "victim", "shelter", "no", "zzz"])
    assert index.presence().of(items[0]) == {"train", "victim"}
    assert index.presence().of(items[1]) == {"shelter", "no"}


_WORDS = ["train", "victim", "shelter", "no", "not", "plan", "labour", "identify", "e.g.", "p029", "a"]


@st.composite
def _expression_and_text(draw: st.DrawFn) -> tuple[Expr, str]:
    def phrase() -> Expr:
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
        return compile_phrase(" ".join(words) + ("*" if draw(st.booleans()) and words[-1].isalpha() else ""))

    parts = tuple(phrase() for _ in range(draw(st.integers(1, 3))))
    kind = draw(st.sampled_from(["phrase", "any", "all", "near"]))
    expr = {"phrase": parts[0], "any": AnyOf(parts), "all": AllOf(parts), "near": Near(parts, 4)}[kind]
    noise = st.sampled_from(
        [*_WORDS, "trainings", "victimised", "labor", "planned", "unplanned", ",", "-", "x"]
    )
    return expr, " ".join(draw(st.lists(noise, max_size=14)))


@settings(max_examples=examples(300), deadline=None)
@given(_expression_and_text())
def test_where_an_expression_matches_the_segment_is_a_candidate(case: tuple[Expr, str]) -> None:
    """Requirements and screens are never too strict: where an expression matches a text, the text is a
    candidate for it, and screened matching finds the same hits."""
    expr, text = case
    (item,) = _segments(text)
    words = re.findall(r"\w+", item.text)
    index = SegmentIndex((item,), [trigger for part in leaves(expr) for trigger in part.triggers])
    if find(expr, item.text):
        candidates = index.candidates(requirement(expr))
        assert candidates is None or item.index in candidates, (words, requirement(expr))
    assert find(expr, item.text, index.presence().of(item)) == find(expr, item.text)
