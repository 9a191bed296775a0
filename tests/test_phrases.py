"""The phrase language of rule files: words, spellings, wildcards, gaps, expressions, labels, normal form."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.phrases import (
    AllOf,
    AnyOf,
    Expr,
    Hit,
    Near,
    Phrase,
    Regex,
    compile_phrase,
    compile_regex,
    find,
    label_pattern,
    normalise,
)
from tests.conftest import no_hang


def _found(phrase: str, text: str) -> list[str]:
    """The pieces of `text`'s normal form that `phrase` matches, in order."""
    normal = normalise(text)
    return [normal[hit.start : hit.end] for hit in find(compile_phrase(phrase), normal)]


def _marked(expr: Expr, text: str) -> list[tuple[str, bool]]:
    """What `expr` matches in `text`'s normal form, each with its primary flag, in text order."""
    normal = normalise(text)
    return [(normal[hit.start : hit.end], hit.primary) for hit in sorted(find(expr, normal))]


P = compile_phrase


# ── words ────────────────────────────────────────────────────────────────────────────────────────


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


# ── expressions ──────────────────────────────────────────────────────────────────────────────────

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


# ── the normal form ──────────────────────────────────────────────────────────────────────────────


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


@settings(max_examples=200, deadline=None)
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


@settings(max_examples=200, deadline=None)
@given(st.text())
@example("n't_")
def test_normalise_is_idempotent(text: str) -> None:
    """Normalising a normal form changes nothing."""
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_characters="_")))
@example("Awareness-raising \u2013 didn't  *can't*\u00ad")
def test_normalise_is_idempotent_without_underscores(text: str) -> None:
    """Normalising a normal form changes nothing, for text without the underscore of the bug above."""
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text())
@example(" a \u00a0\u2028 b\u3000c ")
def test_normalise_never_holds_two_spaces_in_a_row(text: str) -> None:
    """A normal form has single spaces between words and none at either end."""
    normal = normalise(text)
    assert "  " not in normal
    assert normal == normal.strip()


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("identify", {"identif"}),  # identifies, identified
        ("plan", {"plan"}),  # planned
        ("labour", {"labo"}),  # labor
        ("organise", {"organi"}),  # organized
        ("programme", {"program"}),
        ("centre", {"cent"}),  # center
        ("judgement", {"judg"}),  # judgment
        ("rehabilitat*", {"rehabilitat"}),
        ("=no", {"no"}),
        ("no ... has been adopted", {"no", "has", "been", "adopted"}),
        ("e.g.", {"e"}),
        ("P029", {"p029"}),
        ("; ", set()),
        (", and", {"and"}),
    ],
)
def test_a_phrase_s_triggers_are_what_its_words_begin_with(phrase: str, expected: set[str]) -> None:
    """Each word of a phrase contributes the letters all its forms and spellings begin with."""
    assert compile_phrase(phrase).triggers == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\bno\.? ?\d", {"no"}),
        (r"(?<![\w.])p\.? ?0?29(?![\w])", {"p"}),
        (r"\(ratification: ?(?:19|20)\d\d\)", {"ratification"}),  # after "(", a word begins
        (r"\b(?:abc|abd)e", {"ab"}),  # what the alternatives share
        (r"\bab{2,3}c", {"ab"}),
        (r"\bx[ab]", {"x"}),
        (r"ratif", set()),  # may begin inside a word: "unratified"
        (r"\(no\.? ?\d+\)|\bnos?\b", set()),  # alternatives that share nothing
        (r"(?i)abc", set()),  # flags are not read
        (r"\d", set()),
        (r"[abc]x", set()),
        (r"\bab{0,3}", {"a"}),
    ],
)
def test_a_regex_s_trigger_is_the_word_start_every_match_begins_with(source: str, expected: set[str]) -> None:
    """A raw regex gets a trigger only when every match surely starts a word with fixed letters."""
    assert compile_regex(source).triggers == expected


_REGEX_PIECES = [
    r"\b",
    "a",
    "b",
    "ab",
    r"\d",
    "[ab]",
    "(?:a|ab)",
    "(?:b|)",
    "?",
    "*",
    "+",
    "{1,2}",
    r"\.",
    " ",
    "|",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_REGEX_PIECES), min_size=1, max_size=6).map("".join),
    st.text(alphabet="ab .1", max_size=20),
)
def test_a_regex_s_trigger_is_never_too_strict(source: str, text: str) -> None:
    """Wherever a raw regex matches, a word of the text begins with its trigger."""
    try:
        regex = compile_regex(source)
    except ValueError:
        return
    words = re.findall(r"\w+", text)
    if any(match.end() > match.start() for match in regex.pattern.finditer(text)):
        assert all(any(word.startswith(trigger) for word in words) for trigger in regex.triggers)


@pytest.mark.parametrize(
    "source",
    [
        r"(\w+\s?)*x",
        r"(?:a+){2,9}",
        r"(x+x+)+y",
        r"(.*a){12}",
        r"(?:(?:ab)*c)+",
        r"(?=(\w+)+x)",
        r"(a|a)*x",
        r"(a|aa)+$",
        r"(?:a|a?)+$",
        r"(?:\w|\d\.)*x",
    ],
)
def test_a_regex_that_could_take_exponential_time_is_refused(source: str) -> None:
    """A repetition inside a repetition, or alternatives inside one that can match the same text in two
    ways, backtrack exponentially on a long enough text: refused."""
    with pytest.raises(ValueError, match="backtracking may take exponential time"):
        compile_regex(source)


@pytest.mark.parametrize(
    "source",
    [
        r"(?:\w++\s?)*x",
        r"(?>\w+\s?)*x",
        r"(?:ab)+",
        r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b",
        r"(?=\w+)",
        r"(ab|a)*c",
        r"(\w|_)+$",
        r"(?:no|yes)*",
        r"(?:foo|bar|baz)++",
        r"(?>a|aa)+$",
    ],
)
def test_repetitions_that_cannot_backtrack_are_accepted(source: str) -> None:
    """Possessive repetitions, atomic groups, single repetitions and alternatives that cannot match
    alike are safe."""
    assert compile_regex(source).source == source


_REDOS_PIECES = [
    "a",
    "b",
    "(?:",
    ")",
    "|",
    "*",
    "+",
    "?",
    "a?",
    "a+",
    r"\w",
    r"\s",
    " ",
    "[ab]",
    ".",
    "(?:aa|a)",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_REDOS_PIECES), min_size=2, max_size=9).map("".join))
@example("(?:a|a?)+")
def test_an_accepted_regex_never_backtracks_for_long(source: str) -> None:
    """Whatever regex is accepted, texts made to make it backtrack (a long run, then a mismatch) are
    searched at once: what could take exponential time is refused before."""
    try:
        regex = compile_regex(source)
    except ValueError:
        return
    anchored = re.compile(regex.pattern.pattern + "$")
    with no_hang(10):
        for text in ("a" * 28 + "!", "ab" * 14 + "!", "a " * 14 + "!"):
            anchored.search(text)
