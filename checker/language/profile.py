"""Language profiles: what reading a text in one language needs beside the rule pack's vocabulary (the
abbreviations after which a period does not end a sentence, the words that make a line a page number,
the form's words before an answer, the prefixes whose hyphen stays at a line break), and the words
ilo-check writes in that language (its captions: "Question", "Guidance" in a draft).

A profile is data, one TOML file per language in `profiles/` (``en.toml``, ``fr.toml``, ``es.toml``):
adding a language is adding its file, with no change to the code that reads text. A reader that does
not know a text's language yet (page furniture is removed before the language is told) uses the union
of every profile's words, `any_language`.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["ENGLISH", "Captions", "Profile", "any_language", "captions", "cues_file", "profile", "profiles"]

ENGLISH = "en"  # the language of a text until it is told otherwise

_QUOTES = 2  # a quoted abbreviation ("'e.g.'") is looked for with its quotes


@dataclass(frozen=True)
class Captions:
    """The words ilo-check writes in a language: beside an item in a draft, and in a draft's head."""

    question: str
    guidance: str
    provision: str
    report: str  # "{pack} report: {country} ({year})", a Markdown draft's title
    draft: str  # "{instrument}: report draft, {country} ({year})", a YAML draft's head
    write_yaml: str  # how to fill a YAML draft
    declare_yaml: str  # what `status:` does in it
    write_markdown: str  # how to fill a Markdown draft


@dataclass(frozen=True)
class Profile:
    """One language's profile (or the union of several, `merged`)."""

    code: str  # ISO 639-1, as the pack's `language` and `--language` name it
    name: str
    abbreviations: frozenset[str]  # a period after these never ends a sentence
    number_abbreviations: frozenset[str]  # ... nor after these when a number follows
    hyphen_prefixes: frozenset[str]  # a compound's first half: its hyphen stays at a line break
    answer_words: tuple[str, ...]  # "Answer (b): ...": the form's words before an answer
    page_words: tuple[str, ...]  # "Page 3 of 10": the words of a line that is only a page number
    of_words: tuple[str, ...]
    captions: Captions | None = None  # None: a union of profiles (`merged`) writes nothing

    @cached_property
    def longest_abbreviation(self) -> int:
        """How far back from a period an abbreviation can start, quotes included."""
        return max(len(word) for word in self.abbreviations | self.number_abbreviations) + _QUOTES

    @cached_property
    def answer_prefix(self) -> re.Pattern[str]:
        """ "Answer (b): ", "Réponse : ": the form's words at the start of an answer."""
        words = "|".join(re.escape(word) for word in sorted(self.answer_words, key=len, reverse=True))
        return re.compile(rf"^(?:{words})\s*(?:\([a-z0-9]{{1,3}}\))?\s*[:.\u2013-]\s*", re.IGNORECASE)

    @cached_property
    def page_number(self) -> re.Pattern[str]:
        """A line that is only a page number ("12", "- 12 -", "Page 3 of 10", "p. 4"), matched against
        the stripped line, never with two ways to take the same white space (a line of a million spaces
        must not take a million squared steps to fail)."""
        page = "|".join(re.escape(word) for word in sorted(self.page_words, key=len, reverse=True))
        of = "|".join(re.escape(word) for word in sorted(self.of_words, key=len, reverse=True))
        return re.compile(
            rf"(?:(?:{page})\s*)?(?:[-\u2013\u2014(\[]\s*)?\d{{1,4}}\s*(?:[-\u2013\u2014)\]]\s*)?"
            rf"(?:(?:{of}|/)\s*\d{{1,4}})?",
            re.IGNORECASE,
        )

    @classmethod
    def merged(cls, chosen: Iterable[Profile]) -> Profile:
        """The union of several profiles' words, for a text whose language is not known."""
        chosen = tuple(chosen)
        return cls(
            "+".join(each.code for each in chosen),
            " + ".join(each.name for each in chosen),
            frozenset().union(*(each.abbreviations for each in chosen)),
            frozenset().union(*(each.number_abbreviations for each in chosen)),
            frozenset().union(*(each.hyphen_prefixes for each in chosen)),
            tuple(dict.fromkeys(word for each in chosen for word in each.answer_words)),
            tuple(dict.fromkeys(word for each in chosen for word in each.page_words)),
            tuple(dict.fromkeys(word for each in chosen for word in each.of_words)),
        )


def _words(value: Any) -> tuple[str, ...]:
    return tuple(str(value).split())


def _from_data(data: Mapping[str, Any]) -> Profile:
    sentences, pages = data["sentences"], data["pages"]
    captions = data["captions"]
    return Profile(
        data["code"],
        data["name"],
        frozenset(_words(sentences["abbreviations"])),
        frozenset(_words(sentences["number_abbreviations"])),
        frozenset(_words(sentences["hyphen_prefixes"])),
        _words(sentences["answer_words"]),
        _words(pages["page_words"]),
        _words(pages["of_words"]),
        Captions(**{key: str(captions[key]) for key in _CAPTIONS}),
    )


_CAPTIONS = tuple(field.name for field in fields(Captions))


@functools.cache  # the profiles are shipped data: read once per process
def profiles() -> Mapping[str, Profile]:
    """Every shipped profile, by language code."""
    folder = resources.files("checker.language").joinpath("profiles")
    found = [
        _from_data(tomllib.loads(entry.read_text(encoding="utf-8")))
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if entry.name.endswith(".toml")
    ]
    return {each.code: each for each in found}


@functools.cache  # as `profiles`
def any_language() -> Profile:
    """The union of every shipped profile, for a text whose language is not known yet."""
    return Profile.merged(profiles().values())


def profile(code: str) -> Profile:
    """The profile of the language `code` ("en"); KeyError when none is shipped."""
    return profiles()[code]


def captions(code: str) -> Captions:
    """The words ilo-check writes in the language `code`; KeyError when no profile is shipped for it."""
    written = profile(code).captions
    assert written is not None  # a shipped profile has them
    return written


def cues_file(code: str) -> Path:
    """The file of the language `code`'s cues (``profiles/<code>.cues.yaml``): how the language says no,
    plans, asks and falls short, in the rule packs' phrase syntax. Compiled with a pack that reads the
    language (see `rules`), as its phrases are."""
    return Path(str(resources.files("checker.language").joinpath("profiles", f"{code}.cues.yaml")))
