"""The normal form of text: what every sentence, phrase and label is matched in."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "unified"]

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


def unified(text: str, *, markup: bool = False) -> str:
    """`text` in lower case, its quotes and dashes unified, "n't" spelt out and the hyphens and slashes
    inside compounds read as spaces, white space left as it is; `markup`: Markdown's emphasis and
    heading marks read as spaces too."""
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
    return " ".join(unified(text, markup=True).split())
