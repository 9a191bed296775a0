"""Python's regexes in RE2's syntax: the exact form finds Python's hits, in any text and in ASCII text,
and Python's classes mean in RE2 what they mean in Python."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.matching import linear
from checker.matching.linear import LinearPattern, UntranslatableError
from checker.matching.patterns import compile_phrase
from tests.conftest import examples


def python_spans(source: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(source, text) if m.end() > m.start()]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"\w+", "l'été 2023, año_3 ½ Ⅻ"),
        (r"\d+", "en 2023 et ٢٠٢٣"),
        (r"\S+ \s?x", "ab\u00a0 x cd x"),
        (r"[^\w ]+", "l'été, déjà — fin."),
        (r"[\w'-]+", "l'été-là, ok"),
        (r"a{,2}b", "aaab"),
        (r"x{2}|y{1,}|z{1}", "xxx yyy z"),
        (r"\u00e9|\x41|\N{EURO SIGN}|\101", "é A € A"),
        (r"[\]a]+|[^\]a]", "]a]b"),
        (r"(?P<word>an)(?:d|y)", "and any"),
        (r"(?#note)the|(?s:.)x", "the x"),
        (r"^no|none$", "no none"),
        (r"[.*+?{}()|^$\\]", "a.b*c{d}"),
        (r"lab(?:o|ou)r(?:s|ed)?", "labours labored"),
        (r"a.*?b", "aXbYb"),
    ],
)
def test_the_exact_form_finds_what_python_finds(source: str, text: str) -> None:
    form = linear.exact(source)
    assert form is not None
    assert LinearPattern(form).spans(text) == python_spans(source, text)
    ascii_text = text.encode("ascii", "replace").decode()
    assert LinearPattern(form).spans(ascii_text) == python_spans(source, ascii_text)


@pytest.mark.parametrize(
    "source",
    [r"\bword", r"a(?=b)", r"(?<!x)a", r"a++", r"(?>ab|a)c", r"(?i)word", r"[\W]", r"x\B", r"a?", r"$"],
)
def test_what_re2_reads_otherwise_has_no_exact_form(source: str) -> None:
    assert linear.exact(source) is None


@pytest.mark.parametrize(
    ("source", "named"),
    [(r"(a)\1", "a backreference"), (r"(a)?(?(1)b|c)", "a conditional group"), (r"(?x)a", "flags")],
)
def test_what_no_linear_engine_runs_is_untranslatable(source: str, named: str) -> None:
    with pytest.raises(UntranslatableError, match=named):
        linear.exact(source)


@pytest.mark.parametrize(("name", "python"), [("w", r"\w"), ("d", r"\d"), ("s", r"\s")])
def test_a_class_means_in_re2_what_it_means_in_python(name: str, python: str) -> None:
    """Over every character Python's Unicode database knows (RE2's may know more, newer ones)."""
    known = "".join(
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.category(chr(code)) != "Cn"
    )
    form = linear.exact(python + "+")
    assert form is not None
    translated = LinearPattern(form).spans(known)
    in_re2 = {at for start, end in translated for at in range(start, end)}
    assert in_re2 == {at for at, char in enumerate(known) if re.fullmatch(python, char)}, name


_PIECES = [
    "a",
    "b",
    "é",
    " ",
    "'",
    "(?:",
    "(",
    ")",
    "|",
    "*",
    "+",
    "?",
    "*?",
    "{1,3}",
    "{2}",
    r"\w",
    r"\W",
    r"\s",
    r"\S",
    r"\d",
    "[ab]",
    "[^a ]",
    r"[\w']",
    ".",
    "^",
    "$",
    r"(?<![\w])",
    r"(?![\w])",
    r"\b",
    "++",
]
_TEXT = st.text(alphabet="abé '1_-.x", max_size=30)


def _valid(source: str) -> bool:
    try:
        re.compile(source)
    except re.error:
        return False
    return True


@settings(max_examples=examples(600), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join).filter(_valid), _TEXT)
@example("a(?:|b)", "ab a")
@example(r"\w+'?", "l'été")
def test_an_exact_form_finds_the_hits_python_finds(source: str, text: str) -> None:
    """On generated regexes and texts, in ASCII or not: where an exact form exists, RE2 finds the very
    hits Python finds (those of some length)."""
    form = linear.exact(source)
    if form is not None and linear.runs(form):
        assert LinearPattern(form).spans(text) == python_spans(source, text)


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.sampled_from(["no", "plan", "été", "...", "labour", "'s", "=a", "train*"]), min_size=1, max_size=6
    ),
    st.text(alphabet="no plan été labour labor trains a 's'-.", max_size=60),
)
def test_a_phrase_with_gaps_finds_in_re2_what_its_python_pattern_finds(words: list[str], text: str) -> None:
    """A phrase with gaps is matched by RE2, its word edges spelt out: its hits are those of its Python
    pattern."""
    source = " ".join(words)
    try:
        phrase = compile_phrase(source)
    except ValueError:
        return
    if phrase.engine is not None:
        assert phrase.engine.spans(text) == python_spans(phrase.regex, text)
