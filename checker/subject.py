"""Whether a passage speaks of forced labour at all.

A text about wildlife or drug trafficking, road traffic or domestic violence has victims, shelters,
inspections, task forces and national plans too. Its sentences match the rules' words, and none of
them is evidence for the questionnaire. The pack's `subject` names what establishes the subject
(`terms`: forced or compulsory labour, trafficking in persons, slavery, servitude, bonded or child
labour, the Protocol), the words that establish it only where nothing gives them another sense
(`ambiguous`: "trafficking" alone), and the other senses (`other_senses`: wildlife, drugs, arms,
migrant smuggling, road traffic, domestic violence).

Where the context comes from:

- In an ILO compilation, a draft or a structured submission, the questionnaire's own headings and
  fields establish the subject: every passage is about it.
- In running prose, the text: a text that never names the subject yields nothing ("trafficking",
  "victims" or "shelter" alone do not say which trafficking or whose victims; the ambiguous words name
  it only in a text where no other sense appears).
- Within a text that names it, the part under a heading: a part that names another sense and never
  the subject is about that other thing throughout ("Wildlife trafficking" in a report on crime). And
  where the text's opening does not name the subject (a report to a treaty body, with a section on
  trafficking among others), its parts, told apart by their title lines, count only where they name it.
- And the sentence: one that names another sense and not the subject is about something else
  ("campaigns on road safety"); every other sentence is about the text's subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from checker.matching.expressions import Expr, leaves
from checker.matching.normal import normalise
from checker.matching.search import Hit, find
from checker.matching.triggers import triggers
from checker.model import DocumentKind, Section, Segment, Subject

__all__ = ["NEVER_NAMED", "off_subject"]

NEVER_NAMED = "the text never says it speaks of forced labour, trafficking in persons or slavery"
_WORD = re.compile(r"[^\W_]+")


def _screen(subject: Subject) -> re.Pattern[str] | None:
    """A pattern that finds, in one pass, a word every phrase of another sense needs and the subject's own
    phrases do not ("wildlife", not "trafficking"): a sentence without one has no other sense. None when
    some phrase has no such word to look for."""
    own = {trigger for expr in (subject.terms, subject.ambiguous) for trigger in triggers(expr)}
    words = set()
    for phrase in leaves(subject.other_senses):
        if not phrase.triggers:
            return None
        # A word that begins the subject's own words, or that one of them begins ("trafficking" after
        # "traffick"), would find the sentences of any report on trafficking.
        telling = {
            word
            for word in phrase.triggers
            if not any(mine.startswith(word) or (len(mine) > 3 and word.startswith(mine)) for mine in own)
        }
        telling = telling or set(phrase.triggers)
        words.add(max(telling, key=len))
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})")


class _Reader:
    """Finds the subject's words in sentences, looking only for the phrases whose words are there."""

    def __init__(self, subject: Subject) -> None:
        self._subject = subject
        exprs: list[Expr] = [subject.terms, subject.ambiguous, subject.other_senses]
        self._triggers = frozenset(trigger for expr in exprs for trigger in triggers(expr))
        self._longest = max(map(len, self._triggers), default=0)
        self._beginning: dict[str, frozenset[str]] = {}  # a report repeats its words: each looked at once
        self._screen = _screen(subject)

    def _present(self, text: str) -> frozenset[str]:
        """The triggers the words of `text` begin with (see `search.find`)."""
        found: set[str] = set()
        for word in set(_WORD.findall(text)):
            begun = self._beginning.get(word)
            if begun is None:
                prefixes = (word[:length] for length in range(1, min(len(word), self._longest) + 1))
                begun = self._beginning[word] = self._triggers.intersection(prefixes)
            found |= begun
        return frozenset(found)

    def other_senses(self, text: str) -> list[Hit]:
        """The hits of other senses in `text`."""
        if self._screen is not None and self._screen.search(text) is None:
            return []  # the common case, told in one pass
        return find(self._subject.other_senses, text, self._present(text))

    def names(self, text: str, other: Sequence[Hit]) -> tuple[bool, bool]:
        """Whether `text` names the subject, and whether it names it with ambiguous words only. A word
        inside another sense's words ("wildlife trafficking") names nothing."""
        present = self._present(text)
        named = any(not _inside(hit, other) for hit in find(self._subject.terms, text, present))
        vague = any(not _qualified(hit, other, text) for hit in find(self._subject.ambiguous, text, present))
        return named, vague and not named


def _inside(hit: Hit, others: Sequence[Hit]) -> bool:
    return any(other.start <= hit.start and hit.end <= other.end for other in others)


# An ambiguous word this close to another sense's word takes that sense: "wildlife trafficking",
# "trafficking in ivory", but not "road safety, but no anti-trafficking campaign".
_QUALIFIED_WITHIN = 3


def _qualified(hit: Hit, others: Sequence[Hit], text: str) -> bool:
    for other in others:
        between = text[hit.end : other.start] if hit.end <= other.start else text[other.end : hit.start]
        if _inside(hit, [other]) or between.count(" ") <= _QUALIFIED_WITHIN:
            return True
    return False


def off_subject(
    segments: Sequence[Segment], subject: Subject | None, kind: DocumentKind, *, presumed: bool = False
) -> dict[int, str]:
    """The segments (by index) that are not about the subject, each with the reason. Only running prose
    is judged (see the module's docstring); `presumed`, the text is taken to name the subject, as a
    sentence quoted from a report on forced labour does."""
    if subject is None or kind is not DocumentKind.NARRATIVE or not segments:
        return {}
    reader = _Reader(subject)
    # A part's title (a heading) is read as its sentences are.
    parts: dict[Section, list[_Passage]] = {}
    for item in segments:
        if item.section not in parts:
            title = normalise(item.section.title)
            parts[item.section] = [_Passage(None, title, reader.other_senses(title))] if title else []
        parts[item.section].append(_Passage(item.index, item.text, reader.other_senses(item.text)))
    passages = [passage for part in parts.values() for passage in part]
    if not presumed and not _named(reader, passages):
        return {item.index: NEVER_NAMED for item in segments}
    # The text names the subject (or only ambiguously, where nothing gives its words another sense): the
    # ambiguous words name it too ("anti-trafficking campaigns", beside campaigns on road safety).
    off = {} if presumed or _titled(reader, segments) else _elsewhere(reader, segments, passages)
    for section, part in parts.items():
        elsewhere = [
            passage
            for passage in part
            if passage.other and not any(reader.names(passage.text, passage.other))
        ]
        if not elsewhere:
            continue
        # A headed part that speaks only of something else is about it throughout.
        whole = section.title and not any(
            any(reader.names(passage.text, passage.other)) for passage in part if passage not in elsewhere
        )
        reason = _about(elsewhere[0])
        for passage in part if whole else elsewhere:
            if passage.segment is not None:
                off[passage.segment] = _about(passage) if passage in elsewhere else reason
    return off


# A text whose opening names the subject is about it throughout: its title lines, this many at most.
_OPENING = 3
# In a text that speaks of other things too (a report to a treaty body with a section on trafficking), its
# parts are told apart by their titles: a line of its own, short, not ending as a sentence does
# ("Education (para. 27)"), and a part is about the subject when it names it.
_TITLE_WORDS = 12
_TITLE_LINE = re.compile(r"^[\W\d]*[A-Z].*[^.;:,!?\s]$")
ELSEWHERE = "a part of a text on other subjects too, and this part never speaks of forced labour"


def _titled(reader: _Reader, segments: Sequence[Segment]) -> bool:
    """Whether the text's opening names the subject ("Trafficking in Persons Report: ..."): its title,
    the lines before its first sentence (a few at most), or else that sentence."""
    opening = [normalise(segments[0].section.title)]
    for item in segments[:_OPENING]:
        opening.append(item.text)
        if item.quote.rstrip("\"')]*").endswith((".", "!", "?")):
            break
    return any(reader.names(text, reader.other_senses(text))[0] for text in opening if text)


def _is_title(item: Segment, previous: Segment | None) -> bool:
    """A title line: a line of its own, short, not ending as a sentence does."""
    on_its_own = previous is None or item.opens or item.start.line != previous.end.line
    short = len(item.quote.split()) <= _TITLE_WORDS
    return on_its_own and short and item.start == item.end and _TITLE_LINE.match(item.quote) is not None


def _elsewhere(reader: _Reader, segments: Sequence[Segment], passages: Sequence[_Passage]) -> dict[int, str]:
    """The sentences of the parts that never name the subject, in a text whose opening does not."""
    by_segment = {passage.segment: passage for passage in passages if passage.segment is not None}
    parts: list[list[_Passage]] = [[]]
    previous = None
    for item in segments:
        if _is_title(item, previous) and parts[-1]:
            parts.append([])
        parts[-1].append(by_segment[item.index])
        previous = item
    off = {}
    for part in parts:
        if not any(any(reader.names(passage.text, passage.other)) for passage in part):
            off.update({passage.segment: ELSEWHERE for passage in part if passage.segment is not None})
    return off


class _Passage(NamedTuple):
    segment: int | None  # the segment's index; None for a part's title
    text: str
    other: list[Hit]  # where it names another sense


def _named(reader: _Reader, passages: Sequence[_Passage]) -> bool:
    """Whether the text names the subject anywhere: by its terms, or by the ambiguous words where no
    other sense appears."""
    vague = False
    for passage in passages:
        named, ambiguous = reader.names(passage.text, passage.other)
        if named:
            return True
        vague = vague or ambiguous
    return vague and not any(passage.other for passage in passages)


def _about(passage: _Passage) -> str:
    hit = passage.other[0]
    return f"about something else: {passage.text[hit.start : hit.end]!r}"
