"""The segment index: which segments could hold evidence for an expression, never too few."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.evidence import _triggers
from checker.index import SegmentIndex
from checker.layout import lay_out
from checker.model import Location, RulePack, Section, SectionKind, Segment
from checker.phrases import AllOf, AnyOf, Expr, Near, compile_phrase, find, normalise, triggers
from checker.readers import read_file
from checker.rules import load_rules
from checker.segment import segment

ROOT = Path(__file__).resolve().parents[1]
REAL_TEXTS = [
    ROOT / "fixtures" / "seeds" / "000_527e425593d6808e.txt",
    ROOT / "fixtures" / "seeds" / "004_9801fec608b1c05e.txt",
    ROOT / "fixtures" / "corpus" / "tip2020_qatar_en.txt",
    ROOT / "fixtures" / "corpus" / "tip2021_uzbekistan_en.txt",
    ROOT / "fixtures" / "labelled" / "narrative_negations_ardenia_2020.txt",
]


@pytest.fixture(scope="module")
def pack() -> RulePack:
    """The bundled P029 rule pack, loaded once for the module."""
    return load_rules()


@pytest.fixture(scope="module")
def real_segments(pack: RulePack) -> tuple[Segment, ...]:
    """The segments of real reports, numbered across the files as one submission's would be."""
    found: list[Segment] = []
    for path in REAL_TEXTS:
        for item in segment(lay_out(read_file(str(path)), pack)):
            found.append(Segment(len(found), item.text, item.quote, item.start, item.end, item.section))
    return tuple(found)


def _index(segments: tuple[Segment, ...], pack: RulePack) -> SegmentIndex:
    return SegmentIndex(segments, _triggers(pack.cues, pack.rules))


def test_screened_matching_finds_exactly_what_unscreened_matching_finds(
    real_segments: tuple[Segment, ...], pack: RulePack
) -> None:
    """On real reports, every rule's phrases find the same hits with and without the index's screen."""
    index = _index(real_segments, pack)
    exprs = [expr for rule in pack.rules for expr in (rule.evidence.match, rule.evidence.mention) if expr]
    compared = 0
    for item in real_segments:
        present = index.present(item)
        for expr in exprs:
            assert find(expr, item.text, present) == find(expr, item.text), (item.quote, expr)
            compared += 1
    assert compared > 10_000


def test_candidates_hold_every_segment_an_expression_matches(
    real_segments: tuple[Segment, ...], pack: RulePack
) -> None:
    """A rule's candidate segments include every segment its phrases match, and leave most others out."""
    index = _index(real_segments, pack)
    for rule in pack.rules:
        candidates = index.candidates(rule.evidence.match)
        matching = {item.index for item in real_segments if find(rule.evidence.match, item.text)}
        assert candidates is None or matching <= candidates, rule.id
    sizes = [index.candidates(rule.evidence.match) for rule in pack.rules]
    screened = [len(found) for found in sizes if found is not None]
    assert len(screened) == len(pack.rules)
    assert sum(screened) < 0.5 * len(real_segments) * len(pack.rules)


def _segments(*texts: str) -> tuple[Segment, ...]:
    free = Section(SectionKind.FREE, "", Location())
    return tuple(
        Segment(number, normalise(text), text, Location(), Location(), free)
        for number, text in enumerate(texts)
    )


def test_any_of_is_the_union_and_all_of_the_intersection_of_candidates() -> None:
    """Alternatives widen the candidates; parts that must all match narrow them."""
    shelter, victim = compile_phrase("shelter"), compile_phrase("victim")
    items = _segments("Shelters are open.", "Victims were identified.", "A shelter for victims.", "Nothing.")
    index = SegmentIndex(items, [*shelter.triggers, *victim.triggers])
    assert index.candidates(AnyOf((shelter, victim))) == {0, 1, 2}
    assert index.candidates(AllOf((shelter, victim))) == {2}
    assert index.candidates(Near((shelter, victim), 3)) == {2}
    assert index.candidates(None) == frozenset()


def test_an_expression_without_triggers_keeps_every_segment() -> None:
    """A phrase that starts with punctuation cannot be looked up, so every segment stays a candidate."""
    items = _segments("One; two.", "Three.")
    semicolon = compile_phrase(";")
    assert semicolon.triggers == frozenset()
    assert SegmentIndex(items, []).candidates(AnyOf((semicolon, compile_phrase("three")))) is None


def test_present_lists_the_triggers_a_segment_s_words_begin_with() -> None:
    """A segment's present triggers are those of the index's triggers its words begin with."""
    items = _segments("Trafficking victims were trained.", "No shelter.")
    index = SegmentIndex(items, ["train", "victim", "shelter", "no", "zzz"])
    assert index.present(items[0]) == {"train", "victim"}
    assert index.present(items[1]) == {"shelter", "no"}


_WORDS = ["train", "victim", "shelter", "no", "not", "plan", "labour", "identify", "e.g.", "p029", "a"]


@st.composite
def _phrase_and_text(draw: st.DrawFn) -> tuple[Expr, str]:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
    starred = draw(st.booleans())
    source = " ".join(words) + ("*" if starred and words[-1].isalpha() else "")
    noise = st.sampled_from(
        [*_WORDS, "trainings", "victimised", "labor", "planned", "unplanned", ",", "-", "x"]
    )
    text = " ".join(draw(st.lists(noise, max_size=12)))
    return compile_phrase(source), text


@settings(max_examples=300, deadline=None)
@given(_phrase_and_text())
def test_a_text_a_phrase_matches_has_a_word_for_each_of_its_triggers(case: tuple[Expr, str]) -> None:
    """Triggers are never too strict: where a phrase matches, every trigger begins a word of the text."""
    expr, text = case
    normal = normalise(text)
    present = frozenset(
        trigger
        for trigger in triggers(expr)
        if any(word.startswith(trigger) for word in re.findall(r"\w+", normal))
    )
    assert find(expr, normal, present) == find(expr, normal)
