"""The words of rule files compiled to patterns over the normal form: phrases, raw regexes, form labels.

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

Phrases combine into *expressions* (see `expressions`): a phrase, ``any`` of several, ``all`` of several
in one sentence, several ``near`` each other (within N words), or a raw ``regex`` over the normal form.
"""

from __future__ import annotations

import functools
import re
import warnings

from checker.matching import linear
from checker.matching.expressions import Phrase, Regex
from checker.matching.normal import unified
from checker.matching.safety import backtracking_hazard, word_edges
from checker.matching.triggers import WORD_START, word_trigger
from checker.matching.variants import WHOLE_WORDS, british, inflected, spelled

__all__ = ["compile_phrase", "compile_regex", "label_pattern"]

_POSSESSIVE = r"(?:'s|')?"
_GAP = r"(?: \S+){0,6}?"
_WORD_END = r"(?![\w])"


def _word_source(word: str) -> str:
    if word.startswith("="):
        if len(word) == 1:
            raise ValueError("'=' must be followed by a word")
        return re.escape(word[1:])
    if word.endswith("*"):
        stem = word.rstrip("*")
        if not stem:
            raise ValueError("'*' must follow the start of a word")
        stem = british(stem)
        # A word no suffix rule reaches keeps its other spellings when it goes on: "programme*" finds
        # "programs", "centre*" "centers".
        return WHOLE_WORDS.get(stem, spelled(stem)) + r"[\w']*"
    if not word.replace("'", "").isalpha():
        return re.escape(word)  # numbers and codes: P029, C.29, 2014
    return inflected(british(word)) + _POSSESSIVE


_NOT_PHRASE = re.compile(r"[()|?\[\]{}+\\^$]")


@functools.cache
def compile_phrase(source: str) -> Phrase:
    """Compile one phrase; ValueError says what is wrong with it. Each phrase is compiled once: a pack
    names many several times (in its rules, terms and cues), and one object for all keeps the stored
    pack small (see `packcache`) and its pattern compiled once."""
    stray = _NOT_PHRASE.search(source)
    if stray:
        raise ValueError(
            f"{stray.group()!r} has no meaning in a phrase (use a list for alternatives, or {{regex: ...}})"
        )
    words = " ".join(unified(source).split()).split(" ")
    if not words or words == [""]:
        raise ValueError("a phrase must have at least one word")
    if words[0] == "..." or words[-1] == "...":
        raise ValueError("'...' must stand between two words")
    compiled = {word: _word(word) for word in words if word != "..."}
    sources = {word: source for word, (source, _) in compiled.items()}
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
    ends = _starts_word(words[-1][::-1])
    pattern = bounded + (_WORD_END if ends else "")
    found = frozenset(filter(None, (trigger for _, trigger in compiled.values())))
    # The gaps are what could make Python's engine try many ways (each may take 0 to 6 words): a
    # phrase with gaps is matched by RE2, in linear time; the others cannot backtrack for long.
    form = linear.bounded(body, starts=_starts_word(words[0]), ends=ends) if "..." in words else None
    return Phrase(source, pattern, found, form)


@functools.cache
def _word(word: str) -> tuple[str, str | None]:
    """A word of a phrase compiled, and its trigger: what it begins a word of the text with (after the
    phrase's start, or after a space). Each word once: a pack's phrases share most of their words."""
    source = _word_source(word)
    return source, word_trigger(WORD_START + source)


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
        return WORD_START + body
    lead = letters.group()
    return f"{lead}(?<![\\w]{lead}){body[len(lead) :]}"


def compile_regex(source: str) -> Regex:
    """Compile a raw regular expression; ValueError carries the regex engine's complaint, or says why the
    expression cannot be run safely or means what Python is to change ("[[", "--" in a set).

    A regex runs in RE2, in linear time, when it has an exact form there (see `linear.exact`). One that
    needs Python's engine (lookarounds, an inner ``\\b``, possessive repeats) is refused if it could backtrack
    for exponential time (see `safety`); backreferences and conditional groups are refused outright."""
    try:
        # A FutureWarning would reach the user as a Python warning on stderr, for every audit.
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            re.compile(source)  # compiled again when first used (see `expressions.Regex`)
    except re.error as error:
        raise ValueError(f"invalid regular expression: {error}") from None
    except FutureWarning as warning:
        raise ValueError(
            f"ambiguous regular expression: {warning} (escape the character with '\\')"
        ) from None
    try:
        form = linear.exact(source) or _at_word_edges(source)
    except linear.UntranslatableError as error:
        raise ValueError(f"{error}: it cannot be matched in linear time") from None
    if form is not None and linear.runs(form):
        return Regex(source, _regex_triggers(source), form)
    nested = backtracking_hazard(source)
    if nested:
        raise ValueError(
            f"{nested}: backtracking may take exponential time "
            "(make the repetition possessive, as in '\\w++' or '(?:a|b)++', or write a phrase with '...')"
        )
    return Regex(source, _regex_triggers(source))


_EDGE = r"\b"


def _at_word_edges(source: str) -> linear.LinearForm | None:
    """The exact form of a regex that opens or closes with ``\\b`` at a word's edge, "\\bloi \\d": read
    as a phrase's edges are (see `linear.bounded`). None when its ``\\b`` are elsewhere too."""
    opens, closes = word_edges(source)
    opens = opens and source.startswith(_EDGE)
    closes = closes and source.endswith(_EDGE)  # not within a group, which the parser may unfold
    if not (opens or closes):
        return None
    core = source[len(_EDGE) if opens else 0 : len(source) - len(_EDGE) if closes else len(source)]
    return linear.bounded(core, starts=opens, ends=closes)


def _regex_triggers(source: str) -> frozenset[str]:
    trigger = word_trigger(source)
    return frozenset({trigger} if trigger else ())


def label_pattern(label: str) -> re.Pattern[str]:
    """A form label as it stands in a document: exact words in either spelling, anything between them
    that is not a word (line breaks, quotes, slashes), starting with a capital, any case after it."""
    words = re.findall(r"[^\W_]+(?:'s)?", unified(label))
    if not words:
        raise ValueError("a label must have at least one word")
    sources = []
    for word in words:
        plain = word.removesuffix("'s")
        source = WHOLE_WORDS.get(british(plain), spelled(british(plain)))
        sources.append(source + (r"(?:\W?s)?" if word.endswith("'s") else ""))
    source = r"[\W_]+".join(sources) + r"(?![^\W_])"
    if not source[0].isalpha():
        return re.compile(r"(?<![^\W_])" + source, re.IGNORECASE)
    # The capital first, and the word boundary after it: a pattern that opens with a letter is searched
    # for that letter's occurrences only, which makes finding labels in a long text fast.
    return re.compile(source[0].upper() + r"(?<![^\W_].)(?i:" + source[1:] + ")")
