"""Word variants: the British and American spellings of a word, and its inflected forms.

A rule author writes a word once ("train", "organise", "labor"); the pattern built from it finds every
form a report may use ("trainings", "organized", "labour"). Patterns are built from the British form.
"""

from __future__ import annotations

import re

from checker.matching.normal import normalise

__all__ = ["WHOLE_WORDS", "british", "canonical_words", "inflected", "spelled"]

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
WHOLE_WORDS = {
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


def british(word: str) -> str:
    """`word` in British spelling, if it is an American spelling the patterns know: labor → labour."""
    for pattern, replacement in _TO_BRITISH:
        word = pattern.sub(replacement, word)
    return word


def spelled(stem: str) -> str:
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


def inflected(word: str) -> str:
    """Regex source for `word` (British, lower case) and its inflected forms in either spelling."""
    if word in WHOLE_WORDS:
        return WHOLE_WORDS[word]
    if word in _FUNCTION_WORDS:
        return word
    if len(word) <= 3:
        return spelled(word) + "s?"
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
        # (see `patterns._behind_word_start`): plan(?:(?:|s|ed)|n(?:ed|ing)) finds plans and planned.
        ending = f"(?:{ending}|{re.escape(word[-1])}(?:{'|'.join(forms[1][1])}))"
    return spelled(stem) + ending


def canonical_words(text: str) -> list[str]:
    """The words of `text` in normal form and British spelling: labels compare equal across spellings."""
    return [british(word) for word in re.findall(r"[^\W_]+", normalise(text))]
