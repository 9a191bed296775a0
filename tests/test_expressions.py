"""The compiled expressions: phrases and raw regexes keep their sources and compile them on first use."""

from __future__ import annotations

import pickle

import pytest

from checker.matching.expressions import Phrase, Regex
from checker.matching.patterns import compile_phrase, compile_regex


@pytest.mark.parametrize(
    "expr", [compile_phrase("sheltered accommodation*"), compile_regex(r"\bart(?:icle)?\.? ?\d+")]
)
def test_a_phrase_or_regex_is_stored_as_its_source(expr: Phrase | Regex) -> None:
    """Pickled (the store of packs, another process), a phrase or regex leaves its compiled pattern out,
    even once compiled; the copy compiles the same pattern when first used."""
    compiled = expr.pattern
    stored = pickle.dumps(expr, protocol=pickle.HIGHEST_PROTOCOL)
    copy = pickle.loads(stored)
    assert copy == expr
    assert "pattern" not in vars(copy)
    assert b"_compile" not in stored  # a compiled pattern pickles as a call to re._compile
    assert copy.pattern.pattern == compiled.pattern
    assert vars(expr)["pattern"] is compiled  # the original keeps its own


def test_a_regex_is_compiled_when_first_used() -> None:
    """Compiling a rule's regex checks it and keeps its source: the pattern is made when it is searched."""
    regex = compile_regex(r"\bquadrennial\w*")
    assert "pattern" not in vars(regex)
    assert regex.pattern.search("a quadrennial review") is not None
    assert "pattern" in vars(regex)
