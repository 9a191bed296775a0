"""Cut each section's text into sentences and list elements, with report-year tags and original positions.

Reports extracted from PDFs break lines inside sentences, hyphenate words across lines and put blank lines
anywhere; ILO compilations tag answers with the report year ("2017 AR:", "2017-2018 ARs:") and list
measures as "a) ...; b) ...". A segment is one sentence, or one element of such a list, matched in a
normal form (see `matching.normal`) but cited by its first and last original line and an exact quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from checker.language.profile import ENGLISH, Profile, profile, profiles
from checker.layout import Joined, Layout, Stretch
from checker.matching.normal import normalise
from checker.model import Segment

__all__ = ["CONTENTS_LEADER", "LIST_MARKER", "segment", "segment_stretches"]

# Long runs without a sentence end (a 50 MB line, a table flattened into one paragraph) are cut at the
# last space before this many characters, so that matching stays linear in the size of the report.
MAX_SEGMENT = 1200

_YEAR_TAG = re.compile(r"(?<![\w-])((?:19|20)\d{2})(?:\s*[-\u2013\u2014/]\s*((?:19|20)\d{2}))?\s+ARs?\s*:")
_TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)\]*]*(?=\s+[\"'\u201c\u2018(\[*]*[A-Z0-9\u00c0-\u00de])")
_SEMICOLON = re.compile(r";(?=\s)")
# What opens a list element as written: a bullet, a number, a letter; in brackets, letters or figures,
# not both (a line that opens with "(P029) to the Forced Labour" is no list's).
LIST_MARKER = r"(?:[-*+\u2022\u00b7\u25aa\u2013]|\d{1,3}[.)]|[A-Za-z][.)]|\((?:[a-zA-Z]{1,4}|\d{1,3})\))"
_LINE_ITEM = re.compile(
    rf"(?m)^[ \t>]*{LIST_MARKER}[ \t]+(?=\S)"
    # A row of a table drawn with pipes (Markdown, or text converted from it) is a row of its own.
    r"|^[ \t]*\|"
    # An answer to a question or a recommendation starts afresh: "Response: Under the Law ...".
    r"|^[ \t]*(?:[Aa]nswer|[Rr]esponse|[Rr]eply|ANSWER|RESPONSE|REPLY)\s*(?:\([a-z0-9]{1,3}\))?\s*:"
)
# The patterns searched over every stretch open with a character they consume, not with a look-behind:
# such a pattern is tried only where its first character stands, several times faster.
_INLINE_ITEM = re.compile(r"[:;,.dr](?:(?<=[:;,.])|(?<=\band)|(?<=\bor))\s+(?=\(?(?:[a-z]|[ivx]{2,4})\)\s)")
_PARAGRAPH_END = re.compile(r"[.!?:;][ \t]*\n[ \t]*\n")
# A blank line before a capital ends a short title line even without a full stop ("Report of the
# Ministry, 2023"), unless the line stops on a word that cannot end one ("...under the Ministry of").
# A run of blank lines is matched whole, once, and what follows it looked at apart (see `_title_ends`):
# tried again at each of its line breaks, a long run would be read as many times as it has lines.
_TITLE_END = re.compile(r"\n[ \t]*\n\s*+")
# A line that ends with a dated tag, over a line that opens with a capital, ends its sentence: a
# supervisory comment's heading names each instrument on a line of its own, "Forced Labour Convention,
# 1930 (No. 29) - Peru (Ratification: 1960)", in any language ("(Ratificación : 2021)").
_DATED_LINE_END = re.compile(r"\([^\W\d_]+ ?: ?(?:19|20)\d\d\)(?=[ \t]*\r?\n[ \t]*[A-Z])")
_TITLE_WORDS = 10
# A line in capitals is a heading ("CHAIR'S FOREWORD", "PRIORITIZED RECOMMENDATIONS"): it ends where the
# line does when the next line opens with a capital, blank line or not.
_CAPITALS_LINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z0-9 \t'\u2019&(),/-]{4,}[A-Z0-9)][ \t]*\r?\n(?=[ \t]*[A-Z])"
)
# A numbered heading on a line of its own ("2. Labour inspection", "3.1 Victim protection", "IV. Remedies")
# over the paragraph it heads: a title of its own, number and all, and not the opening words of the
# paragraph's first sentence, which it has no full stop to end it from. Only its first character is
# looked for at every line (the line break before it, or the text's start).
_NUMBERED_HEADING_BODY = (
    r"[ \t]*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)[ \t]+[A-Z][^\n]{0,120}?[ \t]*(?=\r?\n[ \t]*[A-Z])"
)
_NUMBERED_HEADING = re.compile(r"\n" + _NUMBERED_HEADING_BODY)
_FIRST_NUMBERED_HEADING = re.compile(_NUMBERED_HEADING_BODY)
_OPENS_LIST_ITEM = re.compile(rf"[ \t]*{LIST_MARKER}[ \t]")
_ENDING_MARKER = re.compile(r"(?:^|\s)\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)$")
_CONTINUING = frozenset(
    "a an and or of the for to in on at by with from under into between against about as than that "
    "which who whose its their our this these those".split()
)
# "Article 2(c).", "Article 1(2) and Paragraph 3 of Recommendation No. 203.": references that open a
# paragraph of an ILO supervisory comment, before its run-in heading.
_REFERENCE = re.compile(r"^(?:articles?|arts?\.|paragraphs?|paras?\.)\s*[\d(]", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# The end of a table of contents' entry: dots (or an ellipsis) leading to a page number, where a
# contents page run into one line ("1 Introduction ...... 1 (1) Definition ...... 1") goes on.
CONTENTS_LEADER = r"(?:(?:\.[ \t]?){4,}|\u2026)[ \t]*\d{1,4}"  # dots or an ellipsis, then a page number
_CONTENTS_ENTRY_END = re.compile(rf"{CONTENTS_LEADER}(?![\d.,])")
# An ILO supervisory comment opens with a line per instrument, "Forced Labour Convention, 1930 (No. 29) -
# Mauritania (Ratification: 1961)", with no full stop: each is a heading of its own, not the start of
# one run with the page's navigation before it and the next instrument's line after it.
_RATIFICATION_HEADING = re.compile(r"\((?i:ratification):[ \t]*(?:19|20)\d\d\)[ \t]*(?=\r?\n)")
_HYPHENATED = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-[ \t]*\r?\n\s*+([a-z]+)")
_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n")  # quickly found: a text without one has no hyphenated word
_LINE_END_HYPHEN = re.compile(r"[A-Za-z]-[ \t]*$")  # where a line may end inside a hyphenated word
_WORD = re.compile(r"[a-z]+")
_HAS_WORD = re.compile(r"[^\W_]")
_CONJUNCTIONS = frozenset({"and", "or", "and or"})  # left between two list elements: "...; and c) ..."


_ELISION = re.compile(r"^(?:[a-z]|qu)['\u2019]")


class _Vocabulary:
    """The words a document uses unbroken, read only if a line of it ends with a hyphen: only there can
    a hyphenated line break need them."""

    def __init__(self, stretches: Sequence[Stretch]) -> None:
        self._words: set[str] = set()
        if not any(_LINE_END_HYPHEN.search(piece.text) for stretch in stretches for piece in stretch.pieces):
            return
        # Words as the document uses them whole: the halves of a word broken at a line end are not.
        # (A stretch's words listed at a time, never the whole report's: a list of every word of a long
        # report would cost many times its size.)
        for stretch in stretches:
            text = _unbroken("\n".join(piece.text for piece in stretch.pieces))
            self._words.update(_WORD.findall(text.lower()))

    def __contains__(self, word: str) -> bool:
        return word in self._words


def _rejoin(text: str, vocabulary: _Vocabulary, prefixes: frozenset[str]) -> str:
    """Join words a line break hyphenated ("organi-\\nzation"); keep true compounds ("law-\\nenforcement")."""

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        joined = (left + right).lower()
        compound = (left.lower() in prefixes or left.lower() in vocabulary) and right in vocabulary
        if joined in vocabulary and not compound:
            return left + right
        return f"{left}-{right}" if compound or left.lower() in prefixes else left + right

    return _HYPHENATED.sub(join, text) if _HYPHEN_BREAK.search(text) else text


def _unbroken(text: str) -> str:
    """`text` without the words a line break hyphenated."""
    return _HYPHENATED.sub(" ", text) if _HYPHEN_BREAK.search(text) else text


def _is_abbreviation(text: str, period: int, language: Profile) -> bool:
    # No abbreviation is longer than this: looking further back would make a text without spaces cost
    # the square of its length.
    window = max(0, period - language.longest_abbreviation - 1)
    start = max(
        text.rfind(" ", window, period), text.rfind("\n", window, period), text.rfind("(", window, period)
    )
    start = start + 1 if start >= 0 else window
    # A French elision is not part of the word: "l'art. 4", "d'env. 20".
    token = _ELISION.sub("", text[start:period].lower().strip("\"'*"))
    if len(token) == 1 and token.isalpha():
        return True  # an initial, or a list letter: "V. Lalbiaksanga", "U.S."
    if token in language.abbreviations:
        return True
    following = text[period + 1 : period + 8].lstrip()
    return token in language.number_abbreviations and following[:1].isdigit()


def _boundaries(text: str, whole_paragraphs: bool, language: Profile) -> list[int]:
    """Offsets in `text` where a new sentence or list element starts; after every blank line too when
    the text's paragraphs are `whole_paragraphs` (see `layout.Stretch`)."""
    cuts = {
        match.end()
        for match in _TERMINAL.finditer(text)
        if not (text[match.start()] == "." and _is_abbreviation(text, match.start(), language))
    }
    cuts.update(match.end() for match in _SEMICOLON.finditer(text))
    cuts.update(match.start() for match in _LINE_ITEM.finditer(text))
    cuts.update(match.end() for match in _INLINE_ITEM.finditer(text))
    cuts.update(match.end() for match in _PARAGRAPH_END.finditer(text))
    if "(" in text:
        cuts.update(match.end() for match in _DATED_LINE_END.finditer(text))
    if "...." in text or "\u2026" in text:  # most text has no contents page, and is not searched
        # An entry ends after its page number, not at the dots that lead to it.
        for match in _CONTENTS_ENTRY_END.finditer(text):
            cuts.difference_update(range(match.start(), match.end()))
            cuts.add(match.end())
    if "atification:" in text or "ATIFICATION:" in text:  # most text has none, and is not searched
        cuts.update(match.end() for match in _RATIFICATION_HEADING.finditer(text))
    cuts.update(_title_ends(text))
    cuts.update(match.end() for match in _CAPITALS_LINE.finditer(text))
    for start, end in _numbered_headings(text):
        # The heading is one segment: its number's full stop ("2.") does not end a sentence there.
        cuts.difference_update(range(start + 1, end))  # a line's length, not the text's
        cuts.update((start, end))
    if whole_paragraphs:
        cuts.update(match.end() for match in _PARAGRAPH_BREAK.finditer(text))
    return sorted(cuts)


def _title_ends(text: str) -> Iterator[int]:
    """Where the blank lines after a title end (see `_TITLE_END`)."""
    for match in _TITLE_END.finditer(text):
        if not "A" <= text[match.end() : match.end() + 1] <= "Z":
            continue  # a title is followed by a capital
        line_end = match.start()
        while line_end and text[line_end - 1] in " \t":
            line_end -= 1
        if (line_end == 0 or not text[line_end - 1].isspace()) and _ends_title(text, line_end):
            yield match.end()


def _numbered_headings(text: str) -> Iterator[tuple[int, int]]:
    """Where the numbered headings of `text` start and end (see `_NUMBERED_HEADING`): a short line of its
    own after the end of a sentence (or nothing), not cut off mid-phrase and not in capitals, over a line
    that opens with a capital and is not the next element of a list ("1. Ratify the Protocol" over "2.
    Adopt ...")."""
    first = _FIRST_NUMBERED_HEADING.match(text)
    found = ([(first.start(), first.end())] if first else []) + [
        (match.start() + 1, match.end()) for match in _NUMBERED_HEADING.finditer(text)
    ]
    for start, end in found:
        words = text[start:end].split()
        if len(words) - 1 > _TITLE_WORDS or words[-1][-1] in ",;:.!?-(/":
            continue
        if text[start:end].isupper():
            # Not yet a heading in capitals ("4. CHALLENGES"): the pack's rules and the subject's reading
            # of a text's parts were tuned with its words read into the sentence below it.
            continue
        if words[-1].lower().strip("\"'*") in _CONTINUING:
            continue
        following = text.find("\n", end) + 1
        if _OPENS_LIST_ITEM.match(text, following):
            continue
        if _after_sentence_end(text, start):
            yield start, end


def _ends_title(text: str, position: int) -> bool:
    """Whether the line ending at `position` reads as a title: a short line of its own that starts with a
    capital or a figure, follows the end of a sentence (or nothing), and is not cut off mid-phrase.
    Text extracted from a PDF table puts a blank line after every line; those lines are not titles."""
    start = text.rfind("\n", 0, position) + 1
    line = text[start:position].strip()
    words = line.split()
    if not words or len(words) > _TITLE_WORDS or not (line[0].isupper() or line[0].isdigit()):
        return False
    if line.endswith((",", "-", "(", "/")) or words[-1].lower().strip("\"'*") in _CONTINUING:
        return False
    marker = _ENDING_MARKER.search(line)
    if marker and "(" not in line[: marker.start()]:
        return False  # "...envisaged: a)": the list element goes on below (not "Education (para. 27)")
    return _after_sentence_end(text, start)


def _after_sentence_end(text: str, start: int) -> bool:
    """Whether what stands before `start`, white space aside, ends a sentence (or is nothing)."""
    last = start - 1
    while last >= 0 and text[last].isspace():
        last -= 1
    return last < 0 or text[last] in ".!?:;"


def _spans(
    text: str, start: int, end: int, whole_paragraphs: bool, language: Profile
) -> Iterator[tuple[int, int]]:
    """Sentence spans in text[start:end], none longer than MAX_SEGMENT."""
    cuts = [
        start + cut
        for cut in _boundaries(text[start:end], whole_paragraphs, language)
        if 0 < cut < end - start
    ]
    for low, high in zip([start, *cuts], [*cuts, end], strict=True):
        begin = low
        while high - begin > MAX_SEGMENT:
            split = _cut(text, begin)
            yield begin, split
            begin = split
        yield begin, high


def _cut(text: str, begin: int) -> int:
    """Where to cut a run too long to be one sentence, starting at `begin`: at a line break in the
    second half of the window (a flattened table's rows are lines, and a sentence after them starts on
    a line of its own, negation and all), else at the last space or line break, else where it must."""
    limit = begin + MAX_SEGMENT
    split = text.rfind("\n", begin + MAX_SEGMENT // 2, limit)
    if split <= begin:
        split = max(text.rfind(" ", begin, limit), text.rfind("\n", begin, limit))
    return split if split > begin else limit


@dataclass(frozen=True)
class _Tag:
    start: int
    end: int
    years: frozenset[str] | None
    label: str | None


def _year_parts(text: str) -> list[_Tag]:
    """The stretch cut at its report-year tags: untagged text first, then each tag's text."""
    parts = [_Tag(0, len(text), None, None)]
    if "AR" not in text:  # the tag's letters: most text has none, and is not searched
        return parts
    for match in _YEAR_TAG.finditer(text):
        first, last = match.group(1), match.group(2) or match.group(1)
        years = frozenset(str(year) for year in range(int(first), int(last) + 1))
        label = first if first == last else f"{first}-{last}"
        previous = parts[-1]
        parts[-1] = _Tag(previous.start, match.start(), previous.years, previous.label)
        parts.append(_Tag(match.end(), len(text), years, label))
    return parts


def _trimmed(text: str, part: _Tag, whole_paragraphs: bool, language: Profile) -> list[tuple[int, int]]:
    """The part's sentence spans, trimmed of surrounding white space, empty ones dropped."""
    spans = []
    for low, high in _spans(text, part.start, part.end, whole_paragraphs, language):
        raw = text[low:high]
        if raw.strip():
            start = low + len(raw) - len(raw.lstrip())
            spans.append((start, start + len(raw.strip())))
    return spans


def _opening(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Which spans open their paragraph: the first, and those after a blank line."""
    return [
        number == 0 or bool(_PARAGRAPH_BREAK.search(text[spans[number - 1][1] : low]))
        for number, (low, _) in enumerate(spans)
    ]


def _leads(text: str, spans: list[tuple[int, int]], opening: list[bool]) -> list[bool]:
    """Which spans open their paragraph (or follow its article reference) and run on into more text on
    the same line: where an ILO comment's run-in headings ("Freedom of association.") stand."""
    leads = []
    for number, (_, high) in enumerate(spans):
        opens = opening[number]
        if not opens and number and _REFERENCE.match(text[spans[number - 1][0] : spans[number - 1][1]]):
            opens = number == 1 or opening[number - 1]
        runs_on = number + 1 < len(spans) and "\n" not in text[high : spans[number + 1][0]]
        leads.append(opens and runs_on)
    return leads


def _segments_of(stretch: Stretch, first_index: int, vocabulary: _Vocabulary) -> Iterator[Segment]:
    joined = Joined(stretch.pieces)
    text = joined.text
    index = first_index
    language = profiles().get(stretch.language) or profile(ENGLISH)
    for part in _year_parts(text):
        spans = _trimmed(text, part, stretch.whole_paragraphs, language)
        opening = _opening(text, spans)
        for (low, high), lead, opens in zip(spans, _leads(text, spans, opening), opening, strict=True):
            raw = text[low:high]
            answer = language.answer_prefix.sub("", raw)
            matched_text = normalise(_rejoin(answer, vocabulary, language.hyphen_prefixes))
            if not _HAS_WORD.search(matched_text) or matched_text in _CONJUNCTIONS:
                continue  # punctuation, or a bare "Answer:" with nothing after it
            yield Segment(
                index=index,
                text=matched_text,
                quote=" ".join(raw.split()),
                start=joined.piece_at(low).line.location,
                end=joined.piece_at(high - 1).line.location,
                section=stretch.section,
                years=part.years,
                year_tag=part.label,
                lead=lead,
                opens=opens,
            )
            index += 1


def segment(layout: Layout) -> tuple[Segment, ...]:
    """Every sentence and list element of a laid-out submission, in document order."""
    return segment_stretches(list(layout.stretches))


def segment_stretches(stretches: list[Stretch]) -> tuple[Segment, ...]:
    """Every sentence and list element of `stretches`, in order. The list is emptied as it is read: a
    caller that holds the stretches nowhere else lets each one's source lines go once they are cut
    into sentences, so that a long report is never held whole twice over."""
    vocabulary = _Vocabulary(stretches)
    pending = stretches[::-1]
    stretches.clear()
    segments: list[Segment] = []
    while pending:
        segments.extend(_segments_of(pending.pop(), len(segments), vocabulary))
    return tuple(segments)
