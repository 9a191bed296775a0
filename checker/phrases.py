"""The phrase language of rule files, and the normal form of text it is matched against.

A *phrase* is words separated by spaces, matched case-insensitively on word boundaries:

- every word also matches its inflected forms: ``train`` finds trains, trained, training, trainings;
  ``identify`` finds identifies, identified; ``plan`` finds planned, planning;
- British and American spellings meet: ``labour`` finds labor, ``organise`` finds organized,
  ``programme`` finds program, ``centre`` finds center;
- a word ending in ``*`` may continue: ``rehabilitat*`` finds rehabilitation, rehabilitated;
- a word starting with ``=`` matches exactly as written: ``=no``;
- ``...`` stands for up to six words: ``no ... has been adopted``;
- hyphens, slashes and line breaks between words count as spaces: ``awareness raising`` finds
  "awareness-raising".

Phrases combine into *expressions* (``Expr``): a phrase, ``any`` of several, ``all`` of several in one
sentence, several ``near`` each other (within N words), or a raw ``regex`` over the normal form.
"""

from __future__ import annotations

import bisect
import re
import re._parser as _regex_parser  # type: ignore[import-not-found]  # the regex parser, for safety checks
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = [
    "AllOf",
    "AnyOf",
    "Expr",
    "Hit",
    "Near",
    "Phrase",
    "Regex",
    "bare_answer",
    "canonical_words",
    "compile_phrase",
    "compile_regex",
    "either",
    "find",
    "label_pattern",
    "leaves",
    "normalise",
    "requirement",
    "triggers",
]

# ── the normal form ──────────────────────────────────────────────────────────────────────────────

_UNIFY = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u00ad": None,  # a soft hyphen is never part of a word as read
        "\u00a0": " ",
    }
)
# Markdown's emphasis and heading marks are never words.
_MARKUP = "*_#"
# Each pattern opens with what it finds rather than with a look behind: a pattern that opens with a
# character is searched for that character alone, several times faster over a long text.
_CONTRACTION = re.compile(r"n't\b")
_JOINER = re.compile(r"[-/](?<=\w[-/])(?=\w)")


def _unified(text: str, *, markup: bool = False) -> str:
    text = unicodedata.normalize("NFKC", text)
    # Translating by a table costs a lookup per character: in ASCII text, the backquote is all it changes.
    text = text.replace("`", "'") if text.isascii() else text.translate(_UNIFY)
    text = text.lower()
    if markup:  # before contractions: "_wasn't_" is "was not"
        for mark in _MARKUP:
            text = text.replace(mark, " ")
    text = text.replace("won't", "will not").replace("can't", "can not")
    text = _CONTRACTION.sub(" not", text)
    return _JOINER.sub(" ", text)


def normalise(text: str) -> str:
    """The form every sentence is matched in: lower case, quotes and dashes unified, Markdown emphasis
    dropped, "n't" spelt out, hyphens and slashes inside compounds and runs of white space read as one
    space. Normalising twice changes nothing."""
    return " ".join(_unified(text, markup=True).split())


def canonical_words(text: str) -> list[str]:
    """The words of `text` in normal form and British spelling: labels compare equal across spellings."""
    return [_british(word) for word in re.findall(r"[^\W_]+", normalise(text))]


# ── spelling and inflection ──────────────────────────────────────────────────────────────────────

# American spellings a rule author may write, turned to the British form the patterns are built from.
_TO_BRITISH = (
    (re.compile(r"^labor(?!at)"), "labour"),
    (re.compile(r"^behavior"), "behaviour"),
    (re.compile(r"^program(s?)$"), r"programme\1"),
    (re.compile(r"^center"), "centre"),
    (re.compile(r"^counseling"), "counselling"),
    (re.compile(r"^fulfill(?=ment|$)"), "fulfil"),
    (re.compile(r"^defense"), "defence"),
    (re.compile(r"^offense"), "offence"),
    (re.compile(r"(?<=\w{3})iz(?=ation|ations|e|es|ed|ing|er|ers|$)"), "is"),
)
# British stems that also match their American spelling.
_BOTH_SPELLINGS = (
    (re.compile(r"(labo|behavio|neighbo|favo|hono|endeavo)ur"), r"\1u?r"),
    (re.compile(r"(?<=\w{3})is(?=ation|ations|e|es|ed|ing|ings|er|ers|$)"), "i[sz]"),
)
# Words whose variants no suffix rule reaches.
_WHOLE_WORDS = {
    "programme": r"program(?:me|mes|s)?",
    "centre": r"cent(?:re|er)s?",
    "counselling": r"counsell?ing",
    "fulfil": r"fulfill?(?:s|ed|ing)?",
    "fulfilment": r"fulfill?ments?",
    "defence": r"defen[cs]es?",
    "offence": r"offen[cs]es?",
    "licence": r"licen[cs]es?",
    "judgement": r"judge?ments?",
}
_VOWELS = frozenset("aeiou")
# Short words that never inflect: "no" must not find "nos", nor "has" "hass".
_FUNCTION_WORDS = frozenset(
    "a an and are as at be but by did do for had has have he in is it its no nor not of on or she the "
    "to was we who yet".split()
)
_POSSESSIVE = r"(?:'s|')?"
_GAP = r"(?: \S+){0,6}?"
_WORD_END = r"(?![\w])"
_WORD_START = r"(?<![\w])"


def _british(word: str) -> str:
    for pattern, replacement in _TO_BRITISH:
        word = pattern.sub(replacement, word)
    return word


def _spelled(stem: str) -> str:
    """Regex source for a literal stem that also matches its other spelling."""
    source = re.escape(stem)
    for pattern, replacement in _BOTH_SPELLINGS:
        source = pattern.sub(replacement, source)
    return source


def _doubles_final_consonant(word: str) -> bool:
    """plan → planned, commit → committed: consonant, vowel, consonant at the end."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS
        and word[-1] not in "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def _inflected(word: str) -> str:
    if word in _WHOLE_WORDS:
        return _WHOLE_WORDS[word]
    if word in _FUNCTION_WORDS:
        return word
    if len(word) <= 3:
        return _spelled(word) + "s?"
    forms: list[tuple[str, tuple[str, ...]]]
    if word.endswith("e"):
        forms = [(word[:-1], ("e", "es", "ed", "ing", "ings", "er", "ers"))]
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms = [(word[:-1], ("y", "ies", "ied", "ying"))]
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms = [(word, ("", "es", "ed", "ing", "ings"))]
    else:
        forms = [(word, ("", "s", "ed", "ing", "ings", "er", "ers"))]
        if _doubles_final_consonant(word):
            forms.append((word + word[-1], ("ed", "ing", "ings", "er", "ers")))
    stem, endings = forms[0]
    ending = f"(?:{'|'.join(endings)})"
    if len(forms) > 1:
        # The stem written once, before both forms' endings, so that the pattern opens with its letters
        # (see `_behind_word_start`): plan(?:(?:|s|ed)|n(?:ed|ing)) finds plans and planned.
        ending = f"(?:{ending}|{re.escape(word[-1])}(?:{'|'.join(forms[1][1])}))"
    return _spelled(stem) + ending


def _word_source(word: str) -> str:
    if word.startswith("="):
        if len(word) == 1:
            raise ValueError("'=' must be followed by a word")
        return re.escape(word[1:])
    if word.endswith("*"):
        stem = word.rstrip("*")
        if not stem:
            raise ValueError("'*' must follow the start of a word")
        stem = _british(stem)
        # A word no suffix rule reaches keeps its other spellings when it goes on: "programme*" finds
        # "programs", "centre*" "centers".
        return _WHOLE_WORDS.get(stem, _spelled(stem)) + r"[\w']*"
    if not word.replace("'", "").isalpha():
        return re.escape(word)  # numbers and codes: P029, C.29, 2014
    return _inflected(_british(word)) + _POSSESSIVE


# ── expressions ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, order=True, slots=True)
class Hit:
    """Where an expression matched in a normalised text, and which phrase it was.

    A hit is *primary* when it comes from the measure an expression looks for, rather than from the
    context it requires: in ``near`` and ``all`` the first part is the measure, the others its context
    (``near: [[shelter], [victim]]``). Negation and hedges are judged on the primary hits.
    """

    start: int
    end: int
    source: str
    primary: bool = True


@dataclass(frozen=True)
class Phrase:
    """A phrase of the rule language, compiled. `triggers` are what its words begin with: a text
    matches only if, for each, one of its words begins with it (see `word_trigger`)."""

    source: str
    regex: str  # what it compiles to
    triggers: frozenset[str] = frozenset()

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern, made on first use: a short report needs few of a pack's phrases."""
        return re.compile(self.regex)


@dataclass(frozen=True)
class Regex:
    """A raw regular expression over the normal form, for what phrases cannot say; `triggers` as for
    `Phrase` (at most one, the letters every match begins with)."""

    source: str
    pattern: re.Pattern[str]
    triggers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AnyOf:
    """Matches where any of its parts matches."""

    parts: tuple[Expr, ...]

    @cached_property
    def _by_trigger(self) -> tuple[dict[str, tuple[int, ...]], frozenset[str], tuple[int, ...]]:
        """The positions of its phrases by their longest (likely rarest) trigger, those triggers, and
        the positions of the parts that have none."""
        keyed: dict[str, list[int]] = {}
        others = []
        for position, part in enumerate(self.parts):
            if isinstance(part, Phrase | Regex) and part.triggers:
                keyed.setdefault(_key(part.triggers), []).append(position)
            else:
                others.append(position)
        return {key: tuple(value) for key, value in keyed.items()}, frozenset(keyed), tuple(others)

    def live_parts(self, present: AbstractSet[str]) -> list[Expr]:
        """The parts that could match a text whose words begin with the triggers `present`, in order."""
        keyed, keys, others = self._by_trigger
        found = keys.intersection(present)
        if len(found) == 1 and not others:  # the common case: one phrase's word is there
            (key,) = found
            return [self.parts[position] for position in keyed[key]]
        positions = [position for key in found for position in keyed[key]]
        return [self.parts[position] for position in sorted(positions + list(others))]

    def could_match(self, present: AbstractSet[str]) -> bool:
        """Whether some part could match (see `live_parts`), told without listing them."""
        _, keys, others = self._by_trigger
        return bool(others) or not keys.isdisjoint(present)


@dataclass(frozen=True)
class AllOf:
    """Matches a text in which every one of its parts matches."""

    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Near:
    """Matches where every part matches within `within` words of the others."""

    parts: tuple[Expr, ...]
    within: int


Expr = Phrase | Regex | AnyOf | AllOf | Near


_NOT_PHRASE = re.compile(r"[()|?\[\]{}+\\^$]")


def compile_phrase(source: str) -> Phrase:
    """Compile one phrase; ValueError says what is wrong with it."""
    stray = _NOT_PHRASE.search(source)
    if stray:
        raise ValueError(
            f"{stray.group()!r} has no meaning in a phrase (use a list for alternatives, or {{regex: ...}})"
        )
    words = " ".join(_unified(source).split()).split(" ")
    if not words or words == [""]:
        raise ValueError("a phrase must have at least one word")
    if words[0] == "..." or words[-1] == "...":
        raise ValueError("'...' must stand between two words")
    sources = {word: _word_source(word) for word in words if word != "..."}
    pieces: list[str] = []
    for word in words:
        if word == "...":
            pieces.append(_GAP)
            continue
        if pieces:
            pieces.append(" ")
        pieces.append(sources[word])
    # Word boundaries only where the phrase begins or ends with a word: ";" or ", and" stand anywhere.
    body = "".join(pieces)
    bounded = _behind_word_start(body) if _starts_word(words[0]) else body
    pattern = bounded + (_WORD_END if _starts_word(words[-1][::-1]) else "")
    # Each word begins a word of the text: after the phrase's start, or after a space.
    found = (word_trigger(_WORD_START + word_source) for word_source in sources.values())
    return Phrase(source, pattern, frozenset(filter(None, found)))


def _starts_word(word: str) -> bool:
    return word.lstrip("=")[:1].isalnum()


_LEADING_LETTERS = re.compile(r"\w+(?![?*+{])")  # letters, the last not made optional or repeated


def _behind_word_start(body: str) -> str:
    """`body`, matched only where a word starts. Written with the letters it opens with first and the
    boundary checked behind them, ``identif(?<![\\w]identif)(?:y|ies)``, rather than
    ``(?<![\\w])identif(?:y|ies)``: a pattern that opens with letters is searched for them alone, several
    times faster than one tried at every position of the sentence."""
    letters = _LEADING_LETTERS.match(body)
    if letters is None:
        return _WORD_START + body
    lead = letters.group()
    return f"{lead}(?<![\\w]{lead}){body[len(lead) :]}"


def compile_regex(source: str) -> Regex:
    """Compile a raw regular expression; ValueError carries the regex engine's complaint, or says why the
    expression could take exponential time or means what Python is to change ("[[", "--" in a set)."""
    try:
        # A FutureWarning would reach the user as a Python warning on stderr, for every audit.
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            compiled = re.compile(source)
    except re.error as error:
        raise ValueError(f"invalid regular expression: {error}") from None
    except FutureWarning as warning:
        raise ValueError(
            f"ambiguous regular expression: {warning} (escape the character with '\\')"
        ) from None
    nested = _nested_repetition(_regex_parser.parse(source), outer=False)
    if nested:
        raise ValueError(
            f"{nested}: backtracking may take exponential time "
            "(make the repetition possessive, as in '\\w++' or '(?:a|b)++', or write a phrase with '...')"
        )
    trigger = word_trigger(source)
    return Regex(source, compiled, frozenset({trigger} if trigger else ()))


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT")


def _nested_repetition(items: Any, *, outer: bool, body: frozenset[int] = frozenset()) -> str | None:
    """What makes a parsed regex catastrophic, if anything: an unbounded repetition inside another
    repetition ("(\\w+ ?)*", "(?:a+){2,9}"), or inside one, alternatives that can match the same text
    in two ways ("(a|a)*", "(a|aa)+", "(?:a|a?)+"). `body`: the characters the innermost repetition's
    body may begin with. Possessive repetitions and atomic groups do not backtrack, and are safe."""
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            _, high, inner = argument
            if outer and high == _regex_parser.MAXREPEAT:
                return "a repetition inside a repetition"
            found = _nested_repetition(inner, outer=outer or high > 1, body=_first(inner)[0])
        elif name == "BRANCH":
            if outer and _ambiguous(argument[1], body):
                return "alternatives that can match alike inside a repetition"
            parts = (_nested_repetition(part, outer=outer, body=body) for part in argument[1])
            found = next(filter(None, parts), None)
        elif name == "SUBPATTERN":
            found = _nested_repetition(argument[-1], outer=outer, body=body)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _nested_repetition(argument[1], outer=False)
        else:
            found = None  # literals, classes, possessive repetitions, atomic groups
        if found:
            return found
    return None


def _ambiguous(alternatives: list[Any], body: frozenset[int]) -> bool:
    """Whether, inside a repetition whose body begins with `body`, two alternatives can match the same
    text: both begin alike or both match nothing, or one matches nothing and another begins like the
    next round of the repetition ("a(?:|a)", which is how "(a|aa)" is parsed)."""
    firsts = [_first(alternative) for alternative in alternatives]
    for number, (chars, empty) in enumerate(firsts):
        for other, other_empty in firsts[number + 1 :]:
            if (
                chars & other
                or (empty and other_empty)
                or (empty and other & body)
                or (other_empty and chars & body)
            ):
                return True
    return False


# Characters told apart when comparing how parts of a regex begin: ASCII, and any literal of the regex
# is compared as itself. Only ever too cautious: a class is taken to begin with all it may match.
_ALPHABET = frozenset(range(128))
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
_CATEGORY_CHARS = {
    name: frozenset(code for code in _ALPHABET if re.fullmatch(pattern, chr(code)))
    for name, pattern in _CATEGORIES.items()
}


def _class_chars(items: list[Any]) -> frozenset[int]:
    """The characters (of the alphabet, and the literals named) a character class matches."""
    chars: set[int] = set()
    negated = False
    for op, argument in items:
        name = str(op)
        if name == "NEGATE":
            negated = True
        elif name == "LITERAL":
            chars.add(argument)
        elif name == "RANGE":
            low, high = argument
            chars |= {low, high, *(code for code in _ALPHABET if low <= code <= high)}
        else:  # a category, or what this reading does not know: anything
            chars |= _CATEGORY_CHARS.get(str(argument), _ALPHABET)
    return _ALPHABET - chars if negated else frozenset(chars)


def _first(items: Any) -> tuple[frozenset[int], bool]:
    """The characters a parsed sequence may begin with, and whether it may match nothing."""
    chars: frozenset[int] = frozenset()
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            return chars | {argument}, False
        if name == "NOT_LITERAL":
            return chars | (_ALPHABET - {argument}), False
        if name == "IN":
            return chars | _class_chars(argument), False
        if name in (*_REPEATS, "POSSESSIVE_REPEAT"):
            found, empty = _first(argument[2])
            chars |= found
            if not empty and argument[0] > 0:
                return chars, False
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            found, empty = _first(argument[-1] if name == "SUBPATTERN" else argument)
            chars |= found
            if not empty:
                return chars, False
        elif name == "BRANCH":
            parts = [_first(alternative) for alternative in argument[1]]
            chars = chars.union(*(found for found, _ in parts))
            if not any(empty for _, empty in parts):
                return chars, False
        elif name not in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width ones aside: anything
            return chars | _ALPHABET, True
    return chars, True


# ── triggers: the word every match begins with ─────────────────────────────────────────────────────

# Zero-width assertions after which a match starts a word, as phrases are compiled and rule authors
# write them.
_WORD_STARTS = (_WORD_START, r"(?<!\w)", r"(?<![\w.])", r"\b", "^")
_TOKEN_START = "\x00"  # stands for one of them in a literal prefix
_WORD_CHAR = re.compile(r"\w")
_QUANTIFIER = re.compile(r"(?:[?*+]|\{(\d*)(?:,\d*)?\})[?+]?")


def word_trigger(source: str) -> str | None:
    """What every match of the regular expression `source` begins with, as the start of a word of the
    text: "identif" for ``(?<![\\w])identif(?:y|ies|ied|ying)``. None when that cannot be told (a
    match may begin inside a word, or with no fixed letters). Only ever too cautious, never wrong: a
    text with no word that starts with the trigger has no match."""
    try:
        literal, end = _alternatives(source, 0)
    except _UnreadError:
        return None
    if end != len(source):
        return None
    first = _WORD_CHAR.search(literal)
    if first is None or first.start() == 0:
        return None  # no letters, or they may stand inside a longer word
    run = re.match(r"\w+", literal[first.start() :])
    return run.group() if run else None


class _UnreadError(Exception):
    """A construct the trigger scan does not read: the pattern gets no trigger."""


def _alternatives(source: str, at: int) -> tuple[str, int]:
    """The literal prefix shared by the alternatives from `at` to the closing parenthesis (or the end),
    and where they end."""
    prefixes = []
    while True:
        prefix, at = _sequence(source, at)
        prefixes.append(prefix)
        if at < len(source) and source[at] == "|":
            at += 1
            continue
        return _common_prefix(prefixes), at


def _common_prefix(texts: list[str]) -> str:
    shortest = min(texts, key=len)
    for index, char in enumerate(shortest):
        if any(text[index] != char for text in texts):
            return shortest[:index]
    return shortest


def _sequence(source: str, at: int) -> tuple[str, int]:
    """The literal prefix of one alternative, and the position of the "|" or ")" that ends it."""
    literal = ""
    collecting = True
    while at < len(source) and source[at] not in "|)":
        text, whole, at = _atom(source, at)
        repeat = _QUANTIFIER.match(source, at)
        if repeat:
            at = repeat.end()
        if not collecting:
            continue
        if text is None or (repeat is not None and not _at_least_once(repeat)):
            collecting = False
        else:
            literal += text
            collecting = whole and repeat is None
    return literal, at


def _at_least_once(repeat: re.Match[str]) -> bool:
    token = repeat.group()
    return token.startswith("+") or (token.startswith("{") and int(repeat.group(1) or 0) >= 1)


def _atom(source: str, at: int) -> tuple[str | None, bool, int]:
    """The atom at `at`: its literal text (None when it is not literal), whether that text is all it
    matches, and the position after it."""
    for marker in _WORD_STARTS:
        if source.startswith(marker, at):
            return _TOKEN_START, True, at + len(marker)
    char = source[at]
    if char == "\\":
        escaped = source[at + 1 : at + 2]
        if not escaped:
            raise _UnreadError
        return (None if escaped.isalnum() else escaped), True, at + 2
    if char == "[":
        return None, False, _class_end(source, at)
    if char == "(":
        return _group(source, at)
    if char in ".$*+?{":
        return None, False, at + 1
    return char, True, at + 1


def _group(source: str, at: int) -> tuple[str, bool, int]:
    if source.startswith(("(?<=", "(?<!", "(?=", "(?!"), at):
        # Other lookarounds say nothing of the letters a match begins with: skipped.
        inner = at + (4 if source[at + 2] == "<" else 3)
        return "", True, _closing(source, _alternatives(source, inner)[1], ")")
    if source.startswith("(?:", at):
        inner = at + 3
    elif source.startswith("(?P<", at):
        inner = source.index(">", at) + 1
    elif source.startswith("(?", at):
        raise _UnreadError  # flags, comments, conditionals
    else:
        inner = at + 1
    prefix, end = _alternatives(source, inner)
    return prefix, False, _closing(source, end, ")")


def _class_end(source: str, at: int) -> int:
    """The position after the character class that opens at `at`."""
    at += 1
    at += source.startswith("^", at)
    at += source.startswith("]", at)
    while at < len(source) and source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return _closing(source, at, "]")


def _closing(source: str, at: int, bracket: str) -> int:
    if not source.startswith(bracket, at):
        raise _UnreadError
    return at + 1


def label_pattern(label: str) -> re.Pattern[str]:
    """A form label as it stands in a document: exact words in either spelling, anything between them
    that is not a word (line breaks, quotes, slashes), starting with a capital, any case after it."""
    words = re.findall(r"[^\W_]+(?:'s)?", _unified(label))
    if not words:
        raise ValueError("a label must have at least one word")
    sources = []
    for word in words:
        plain = word.removesuffix("'s")
        source = _WHOLE_WORDS.get(_british(plain), _spelled(_british(plain)))
        sources.append(source + (r"(?:\W?s)?" if word.endswith("'s") else ""))
    source = r"[\W_]+".join(sources) + r"(?![^\W_])"
    if not source[0].isalpha():
        return re.compile(r"(?<![^\W_])" + source, re.IGNORECASE)
    # The capital first, and the word boundary after it: a pattern that opens with a letter is searched
    # for that letter's occurrences only, which makes finding labels in a long text fast.
    return re.compile(source[0].upper() + r"(?<![^\W_].)(?i:" + source[1:] + ")")


def _word_index(text: str, position: int) -> int:
    return text.count(" ", 0, position)


def _as_context(hits: list[Hit]) -> list[Hit]:
    return [Hit(hit.start, hit.end, hit.source, primary=False) for hit in hits]


def _parts(parts: tuple[Expr, ...], text: str, present: AbstractSet[str] | None) -> list[list[Hit]]:
    """Each part's hits, only the first part's with their primary mark; empty when a part has none."""
    if present is not None and not all(_could_match(part, present) for part in parts):
        return []
    found: list[list[Hit]] = []
    for part in parts:
        hits = find(part, text, present)
        if not hits:
            return []
        found.append(hits if not found else _as_context(hits))
    return found


def _near(parts: tuple[Expr, ...], within: int, text: str, present: AbstractSet[str] | None) -> list[Hit]:
    found = _parts(parts, text, present)
    if not found:
        return []
    placed = sorted(
        (_word_index(text, hit.start), number, hit) for number, hits in enumerate(found) for hit in hits
    )
    places = [at for at, _, _ in placed]
    chosen: dict[tuple[int, int], Hit] = {}
    for first, (index, _, _) in enumerate(placed):
        last = bisect.bisect_right(places, index + within, first)
        window = [(number, hit) for _, number, hit in placed[first:last]]
        if _distinct(window, len(parts)):
            for _, hit in window:
                # One word may match several parts; it keeps the measure's (primary) mark if any part has it.
                kept = chosen.get((hit.start, hit.end))
                chosen[(hit.start, hit.end)] = hit if kept is None or not kept.primary else kept
    return sorted(chosen.values(), key=lambda hit: hit.start)


def _distinct(window: list[tuple[int, Hit]], parts: int) -> bool:
    """Whether every part has a hit of its own in the window: one word cannot stand for two parts
    ("inspectorate" is not both the inspectorate and an inspection). A word that could serve two parts
    is tried for each in turn, so that a later part is not left without one."""
    by_part: list[list[Hit]] = [[] for _ in range(parts)]
    for part, hit in window:
        by_part[part].append(hit)
    return _assign(by_part, 0, [])


def _assign(by_part: list[list[Hit]], number: int, taken: list[Hit]) -> bool:
    if number == len(by_part):
        return True
    return any(
        _assign(by_part, number + 1, [*taken, hit])
        for hit in by_part[number]
        if not any(_clash(hit, other) for other in taken)
    )


def _clash(hit: Hit, other: Hit) -> bool:
    return hit.start < other.end and other.start < hit.end


def find(expr: Expr, text: str, present: AbstractSet[str] | None = None) -> list[Hit]:
    """Every place `expr` matches in normalised `text`; empty when it does not match.

    `present`, when given, holds every trigger (see `Phrase.triggers`) that a word of `text` begins
    with: phrases with a trigger not among them cannot match and are not searched for. It only saves
    time; the hits are the same.
    """
    if isinstance(expr, Phrase | Regex):
        if present is not None and not expr.triggers <= present:
            return []
        return [
            Hit(m.start(), m.end(), expr.source) for m in expr.pattern.finditer(text) if m.end() > m.start()
        ]
    if isinstance(expr, AnyOf):
        parts = expr.parts if present is None else expr.live_parts(present)
        return [hit for part in parts for hit in find(part, text, present)]
    if isinstance(expr, AllOf):
        return [hit for hits in _parts(expr.parts, text, present) for hit in hits]
    return _near(expr.parts, expr.within, text, present)


# What may follow a bare answer: its end, or punctuation ("No.", "None |", "No, not yet.").
_BARE_ANSWER_END = re.compile(r" *(?:[.,;!|]|$)")


def bare_answer(expr: Expr, text: str, start: int = 0) -> Hit | None:
    """A hit of `expr` (a pack's `negative_answer`, say) at `start` of normalised `text`, with nothing
    after it but punctuation: an answer ("No.", "None |", "No, not yet."), not a sentence that opens
    with the word ("No victim may be prosecuted")."""
    return next(
        (hit for hit in find(expr, text) if hit.start == start and _BARE_ANSWER_END.match(text, hit.end)),
        None,
    )


def _could_match(expr: Expr, present: AbstractSet[str]) -> bool:
    """A quick look: False when `expr` surely does not match a text whose words begin with `present`."""
    if isinstance(expr, Phrase | Regex):
        return expr.triggers <= present
    if isinstance(expr, AnyOf):
        return expr.could_match(present)
    return all(_could_match(part, present) for part in expr.parts)


def _key(triggers: frozenset[str]) -> str:
    """The trigger that stands for a phrase's: the longest, likely the rarest word."""
    return max(triggers, key=lambda word: (len(word), word))


Requirement = frozenset[frozenset[str]] | None  # sets of triggers, one of which a text holds all of
# The most alternatives an expression's requirement spells out: beyond it, parts of `all` and `near`
# are left out of it, which keeps it true, only less telling.
_MOST_ALTERNATIVES = 512


def requirement(expr: Expr) -> Requirement:
    """What a text must hold for `expr` to match: one of these sets of triggers, each of which begins a
    word of the text; None when that cannot be told (a bare regex). "shelter*" near "victim" requires
    {shelter, victim}; any of "law" and "decree" requires {law} or {decree}."""
    if isinstance(expr, Phrase | Regex):
        return frozenset({expr.triggers}) if expr.triggers else None
    parts = [requirement(part) for part in expr.parts]
    if isinstance(expr, AnyOf):
        return either(parts)
    alternatives: frozenset[frozenset[str]] = frozenset({frozenset()})
    for part in sorted((part for part in parts if part is not None), key=len):
        if len(alternatives) * len(part) > _MOST_ALTERNATIVES:
            break
        alternatives = frozenset(mine | theirs for mine in alternatives for theirs in part)
    return _least(alternatives) if any(alternatives) else None


def either(requirements: Iterable[Requirement]) -> Requirement:
    """The requirement of alternatives: any one of theirs; None if one of them has none."""
    merged: set[frozenset[str]] = set()
    for found in requirements:
        if found is None:
            return None
        merged |= found
    return _least(frozenset(merged))


def _least(alternatives: frozenset[frozenset[str]]) -> frozenset[frozenset[str]]:
    """Without the alternatives that ask for more than another does: {a} or {a, b} is {a}."""
    return frozenset(mine for mine in alternatives if not any(other < mine for other in alternatives))


def leaves(expr: Expr | None) -> Iterator[Phrase | Regex]:
    """The phrases and regexes `expr` is made of, in order."""
    if expr is None:
        return
    if isinstance(expr, Phrase | Regex):
        yield expr
        return
    for part in expr.parts:
        yield from leaves(part)


def triggers(expr: Expr | None) -> Iterator[str]:
    """The triggers of the phrases in `expr`."""
    for leaf in leaves(expr):
        yield from leaf.triggers
