"""Which language a report is written in, among those the rule packs are written in (en, fr, es), and
which of its sections are written in another (a French report quoting an English law).

The identification is lingua's (`lingua-language-detector`, Apache-2.0), restricted to the supported
languages; its models ship in its wheel, so nothing is downloaded. bench/language.py compares it with the
other candidates on the corpus. It is imported when the first report is identified, never at start-up
(`ilo-check --version` and `rules list` do without it), and a language forced with `--language` never
loads it.

Only a bounded sample is judged, so that a long report costs little more than a short one: a section's
first `SECTION_SAMPLE` characters, at most `MOST_SECTIONS` sections (the longest), and the report's first
`SAMPLE` characters when no section is long enough to be judged alone. Every sample judged is at least
lingua's 120 characters, from which it reads trigrams alone: its models of single letters up to five
are loaded (half a second, 100 MB) only for a report shorter than that.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from checker.language.profile import profiles

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = [
    "AUTO",
    "MOST_SECTIONS",
    "SAMPLE",
    "SECTION_LEAST",
    "SECTION_SAMPLE",
    "SUPPORTED",
    "Identified",
    "identify",
    "identify_parts",
    "name",
]

# ISO 639-1, as a pack's `language` and `--language` name them: the languages a profile is shipped for
# (checker/language/profiles/; a test holds the two together), written here so that the command line
# offers them without reading the profiles.
SUPPORTED = ("en", "fr", "es")
AUTO = "auto"  # `--language auto`: identified, not forced

# The first 4 KB tell a report's language as surely as its whole text does (bench/language.py: every
# corpus text either way), for a fraction of the time on a long report.
SAMPLE = 4096
SECTION_SAMPLE = 1024
# A heading and a sentence are too little to tell a section apart from its report by: under this many
# characters a section goes with its report (lingua is right on 96-99 % of such chunks, and a section
# wrongly said to be English would mislead more than one not told).
SECTION_LEAST = 200
MOST_SECTIONS = 100
# A section is said to be in another language only when lingua is this sure of it (out of 1, the three
# languages sharing it); below, it goes with its report.
SURE = 0.8
_LEAST_LETTERS = 10  # fewer letters than this (a table of figures) tell no language: the default holds

_Key = TypeVar("_Key")


def name(code: str) -> str:
    """A language's English name, as its profile gives it (`French` for `fr`); the code itself for a
    language with no profile."""
    shipped = profiles().get(code)
    return shipped.name if shipped is not None else code


@functools.cache
def _detector() -> LanguageDetector:
    """lingua's detector over the supported languages, built once per process: building it costs more
    than identifying a report, and every report of a batch asks the same question."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _sample(text: str, size: int) -> str:
    """The text's first `size` characters, not ending in the middle of a word."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", size // 2, size)
    return text[: cut if cut > 0 else size]


def _judge(text: str) -> tuple[str, float] | None:
    """The likeliest supported language of `text` and lingua's confidence in it (0 to 1); None when the
    text has too few letters to tell."""
    if sum(1 for char in text if char.isalpha()) < _LEAST_LETTERS:
        return None
    best = _detector().compute_language_confidence_values(text)[0]
    if best.value <= 0:  # lingua could not tell (no letter it knows)
        return None
    return best.language.iso_code_639_1.name.lower(), best.value


def identify(text: str, default: str = SUPPORTED[0]) -> str:
    """The language `text` is written in, one of `SUPPORTED`, judged on its first `SAMPLE` characters;
    `default` when they hold too few letters to tell."""
    judged = _judge(_sample(text, SAMPLE))
    return default if judged is None else judged[0]


@dataclass(frozen=True)
class Identified(Generic[_Key]):
    """A report's language, and the parts of it written in another, in document order."""

    language: str
    others: tuple[tuple[_Key, str], ...] = ()


@dataclass
class _Part(Generic[_Key]):
    key: _Key
    order: int
    size: int = 0
    sample: str = ""


def _gather(pieces: Iterable[tuple[_Key, str]]) -> list[_Part[_Key]]:
    """Each part's size and the beginning of its text, from its pieces in document order: a part's text
    is never joined whole."""
    parts: dict[_Key, _Part[_Key]] = {}
    for key, text in pieces:
        part = parts.get(key)
        if part is None:
            part = parts[key] = _Part(key, len(parts))
        part.size += len(text)
        if len(part.sample) < SECTION_SAMPLE + 1:  # one more: _sample then knows the text went on
            part.sample = f"{part.sample}\n{text}" if part.sample else text
    return list(parts.values())


def identify_parts(pieces: Iterable[tuple[_Key, str]], default: str = SUPPORTED[0]) -> Identified[_Key]:
    """The language of a text given as pieces of its parts (its sections, say: `(section, text)` in
    document order), and the parts written in another language.

    Each part of `SECTION_LEAST` characters or more is judged on its first `SECTION_SAMPLE` (the
    `MOST_SECTIONS` longest, where there are more); the text's language is the one most of the judged
    text is written in, and a part whose language differs, surely, is told. When no part is long enough,
    the whole text's beginning decides, and no part is told apart; `default` when it tells nothing."""
    parts = _gather(pieces)
    judged: Sequence[_Part[_Key]] = sorted(
        (part for part in parts if part.size >= SECTION_LEAST),
        key=lambda part: (-part.size, part.order),
    )[:MOST_SECTIONS]
    verdicts: list[tuple[_Part[_Key], str, float]] = []
    weights = dict.fromkeys(SUPPORTED, 0)
    for part in sorted(judged, key=lambda part: part.order):
        found = _judge(_sample(part.sample, SECTION_SAMPLE))
        if found is not None:
            verdicts.append((part, *found))
            weights[found[0]] += part.size
    if not verdicts:
        whole = "\n".join(part.sample for part in parts)
        return Identified(identify(whole, default))
    language = max(SUPPORTED, key=lambda code: (weights[code], code == default))  # a tie: the default
    return Identified(
        language,
        tuple((part.key, found) for part, found, sure in verdicts if found != language and sure >= SURE),
    )
