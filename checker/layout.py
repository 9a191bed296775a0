"""Where each answer stands: the sections of a submission, before it is cut into sentences.

Three kinds of structure tell which text answers which item:
- a structured submission's answers, keyed by item id;
- a draft's headings that name an item (its id, its label or its form label);
- the labels of the ILO compilation's form, found in the order the form lays them out, even when a PDF
  has broken them over several lines ("Fulfillment of / Government's / reporting obligations"), or a
  copy of its table row by row has set them beside the answers ("Involvement of 2017 AR: Yes: copies"),
  or a table in Word or HTML holds them in its cells, beside the answers;
  once the form is found, a field asked in words of its own ("4. Which measures have been taken or
  envisaged to prevent forced or compulsory labour?") is found by its label's telling words.
Text under none of these is free text: evidence there is recognised from what the sentences say.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Generic, TypeVar

from checker.language.profile import ENGLISH
from checker.matching.normal import normalise
from checker.matching.patterns import label_pattern
from checker.matching.search import bare_answer
from checker.matching.variants import canonical_words
from checker.model import (
    LABEL_LEVEL,
    Block,
    BlockKind,
    Document,
    DocumentKind,
    FormField,
    Location,
    Metadata,
    Paragraphs,
    Rule,
    RulePack,
    Section,
    SectionKind,
    SourceLine,
)

__all__ = ["Joined", "Layout", "Piece", "Scope", "Stretch", "heading_item", "heading_scope", "lay_out"]

# A compilation is recognised when this many of its item fields are found in order, so that a narrative
# that happens to say "Request" and "Offer" is not read as a form.
_MIN_FORM_FIELDS = 4
_MIN_LONG_LABELS = 3
_LONG_LABEL_WORDS = 3
_ITEM_ID = re.compile(r"(?<![\w.])([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)(?![\w.])")
# What may stand before a label: "3.", "(b)", "iv)", "Question 10.", "Q4:", "Part II.", "Article 2(c)."
_NUMBERING = re.compile(
    r"^\s*(?:(?:question|q|part|section|article|item)\s*[\divx]+(?:\([a-z0-9]+\))*[.:)]?\s*|"
    r"\d+(?:\.\d+)*[.)]?\s+|[a-z][.)]\s+|\([a-z0-9]{1,4}\)\s*|[ivx]{1,4}[.)]\s+)+",
    re.IGNORECASE,
)
# A label line ends with a colon or a question mark; its answer follows.
_LABEL_END = (":", "?", ":*", ":**", "?*", "?**")
_MAX_LABEL_LINES = 3
_MAX_LABEL_CHARS = 300
# Fuzzy heading matching: the share of a label's words a heading must have, and how many more it may add.
_LABEL_COVERAGE = 0.85
_TITLE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z ]*:\s*)?"  # what the document is, if it says ("COUNTRY BASELINE:")
    r"([A-Z][A-Za-z .'\u2019-]*?[A-Za-z])\s*"  # the country, in capitals
    r"\(\s*((?:19|20)\d{2})(?:\s*[-\u2013/]\s*((?:19|20)\d{2}))?\s*\)"  # (2017-2018)
)


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of one source line: the characters [start, end) of `line.text`."""

    line: SourceLine
    start: int
    end: int

    @property
    def text(self) -> str:
        """The characters of the line this piece covers."""
        return self.line.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Stretch:
    """A run of text under one section, as pieces of source lines. `whole_paragraphs`: its blank lines
    are the ends of real paragraphs, which no sentence runs across (see `model.Paragraphs`)."""

    section: Section
    pieces: tuple[Piece, ...]
    whole_paragraphs: bool = False
    language: str = ENGLISH  # what it is written in: the profile its sentences are cut by


@dataclass(frozen=True)
class Layout:
    """A submission's sections and the text under each, in document order."""

    kind: DocumentKind
    stretches: tuple[Stretch, ...]
    sections: tuple[Section, ...]
    metadata: Metadata


def _whole(lines: tuple[SourceLine, ...]) -> tuple[Piece, ...]:
    return tuple(Piece(line, 0, len(line.text)) for line in lines)


# ── draft headings ───────────────────────────────────────────────────────────────────────────────


def _label_key(text: str) -> str:
    return " ".join(canonical_words(text))


@dataclass(frozen=True)
class Scope:
    """What the text under a heading answers: items as a whole, and items of a checklist."""

    items: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()


def _form_scopes(fields: tuple[FormField, ...]) -> list[tuple[str, Scope]]:
    scopes = []
    for field in fields:
        if field.item or field.checklist:
            scope = Scope((field.item,) if field.item else (), field.checklist)
            scopes += [(label, scope) for label in field.labels]
        scopes += _form_scopes(field.children)
    return scopes


@cache
def _heading_index(pack: RulePack) -> dict[str, Scope]:
    """Every wording that names an item or a checklist of the form: a form field's label, an item's
    label and form label, in every language the pack has them. A field comes first, so that its
    checklist goes with it."""
    index: dict[str, Scope] = {}
    wordings = [(label, Scope((rule.id,))) for rule in pack.rules for label in _labels(rule)]
    for label, scope in _form_scopes(pack.form) + wordings:
        index.setdefault(_label_key(label), scope)
    return index


def _labels(rule: Rule) -> Iterator[str]:
    """An item's label and form label, in the pack's language and in each of its translations."""
    yield from (rule.label, rule.form_label)
    for _, wording in rule.translations:
        yield from (wording.label, wording.form_label)


@cache
def _label_words(pack: RulePack) -> tuple[tuple[str, frozenset[str]], ...]:
    """The wordings of `_heading_index` with their words, those of two words or more: a heading is
    compared with each of them, and may begin with one (a label, then more)."""
    labels = ((label, frozenset(label.split())) for label in _heading_index(pack))
    return tuple((label, words) for label, words in labels if len(words) >= 2)


def _resembles(heading: frozenset[str], label_words: frozenset[str]) -> float:
    """How much of a label's words a heading's words hold (0 when it adds too much of its own)."""
    allowed = max(2, len(label_words) // 3)
    # Told from the counts alone, most often: too many words of its own, or too few to cover enough.
    if len(heading) > len(label_words) + allowed or len(heading) < _LABEL_COVERAGE * len(label_words):
        return 0.0
    if len(heading - label_words) > allowed:
        return 0.0
    return len(label_words & heading) / len(label_words)


def heading_scope(text: str, pack: RulePack) -> Scope | None:
    """What a heading or label line names: an item, by its id or a wording of it, or a checklist field of
    the form; allowing small differences ("international or regional" for "international / regional").
    None when it names nothing."""
    ids = set(pack.item_ids)
    for candidate in _ITEM_ID.findall(text.lower()):
        if candidate in ids:
            return Scope((str(candidate),))
    key = _label_key(_NUMBERING.sub("", text))
    index = _heading_index(pack)
    if key in index:
        return index[key]
    # "Ratification status: 2024" or "Appropriate accommodation (R203 para 9(b))": a label, then more.
    for label, _ in _label_words(pack):
        if key.startswith(label + " "):
            return index[label]
    words = frozenset(key.split())
    scored = [
        (_resembles(words, label_words), len(label), label) for label, label_words in _label_words(pack)
    ]
    coverage, _, label = max(scored, default=(0.0, 0, ""))
    return index[label] if coverage >= _LABEL_COVERAGE else None


def heading_item(text: str, pack: RulePack) -> str | None:
    """The single item a heading or label line names; None when it names none (or only a checklist)."""
    scope = heading_scope(text, pack)
    return scope.items[0] if scope is not None and scope.items else None


# ── telling words: which item or field a question asks about ─────────────────────────────────────

_STOPWORDS = frozenset(
    "a an and any are as at be been by can do does for from has have how in into is it its of on or "
    "other please so such than that the their them there these they this those to was were what which "
    "who will with your yes no if not".split()
)
# A question names a candidate when its telling words score this much, and this much above the next.
_QUESTION_SCORE = 1.5
_QUESTION_MARGIN = 1.3

_Key = TypeVar("_Key")
_Words = tuple[frozenset[str], frozenset[str]]  # a candidate's words: those of its labels, and its own


def _stems(text: str) -> frozenset[str]:
    return frozenset(
        word[:5]
        for word in re.findall(r"[a-z]+", normalise(text))
        if word not in _STOPWORDS and len(word) > 2
    )


@dataclass(frozen=True)
class _Telling(Generic[_Key]):
    """Candidates (the pack's items, the form's fields) by their words, and how telling each word is: a
    word few candidates use tells more."""

    words: dict[_Key, _Words]
    weights: dict[str, float]
    having: dict[str, tuple[_Key, ...]]  # the candidates with each word: only they can score

    @classmethod
    def of(cls, words: dict[_Key, _Words]) -> _Telling[_Key]:
        """The candidates with their words weighed."""
        having: dict[str, list[_Key]] = {}
        for key, (labels, own) in words.items():
            for stem in labels | own:
                having.setdefault(stem, []).append(key)
        weights = {stem: 1.0 / len(keys) for stem, keys in having.items()}
        return cls(words, weights, {stem: tuple(keys) for stem, keys in having.items()})

    def asked(self, text: str) -> _Key | None:
        """The candidate a question asks about, by the telling words it shares with each; None when none
        stands out (a question about several candidates is no single one's)."""
        asked = _stems(_NUMBERING.sub("", text))
        sharing = dict.fromkeys(key for stem in asked for key in self.having.get(stem, ()))
        scores = sorted(
            ((self._score(asked, *self.words[key]), key) for key in sharing),
            key=lambda scored: scored[0],
            reverse=True,
        )
        if not scores:
            return None
        top, key = scores[0]
        second = scores[1][0] if len(scores) > 1 else 0.0
        return key if top >= _QUESTION_SCORE and top >= _QUESTION_MARGIN * second else None

    def _score(self, asked: frozenset[str], labels: frozenset[str], own: frozenset[str]) -> float:
        # A word of the candidate's label counts double, and a question that holds more of the label
        # names it more surely: "offer technical cooperation" is the offer, "other member States" context.
        weights = self.weights
        shared = sum(weights.get(stem, 0.0) * (2 if stem in labels else 1) for stem in asked & (labels | own))
        return shared * (0.5 + 0.5 * len(asked & labels) / len(labels)) if labels else 0.0


@cache
def _item_words(pack: RulePack) -> _Telling[str]:
    """Each item by the words of its labels, and of its question and guidance."""
    return _Telling.of(
        {
            rule.id: (_stems(f"{rule.label} {rule.form_label}"), _stems(f"{rule.question} {rule.guidance}"))
            for rule in pack.rules
        }
    )


def question_item(text: str, pack: RulePack) -> str | None:
    """The item a form's question asks about, by the telling words it shares with each item; None when
    no item stands out."""
    return _item_words(pack).asked(text)


# ── the compilation's form ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class _Slot:
    """One label of the form, flattened in form order. An `element` of a field's checklist stands after
    the field, as the field of its item: a compilation may ask it as a question of its own."""

    order: int
    field: FormField
    group: bool
    element: bool = False


@dataclass(frozen=True, slots=True)
class _Found:
    slot: _Slot
    start: int
    end: int
    at_line_start: bool
    asked: bool = False  # found by a question in words of its own, not by the form's label


@cache
def _slots(pack: RulePack) -> tuple[_Slot, ...]:
    """The form's labels in form order, each field's checklist elements after it."""
    slots: list[_Slot] = []

    def walk(entries: tuple[FormField, ...]) -> None:
        for entry in entries:
            slots.append(_Slot(len(slots), entry, group=bool(entry.children)))
            for item in entry.checklist:
                rule = pack.rule(item)
                element = FormField(rule.form_label, item=item, translations=rule.translated_form_labels)
                slots.append(_Slot(len(slots), element, group=False, element=True))
            walk(entry.children)

    walk(pack.form)
    return tuple(slots)


@cache
def _label_patterns(pack: RulePack) -> tuple[tuple[_Slot, re.Pattern[str]], ...]:
    # A checklist's element is looked for only as a question: its wording inside the checklist's answer
    # ticks it, and heads no field.
    fields = [slot for slot in _slots(pack) if not slot.element]
    return tuple((slot, label_pattern(label)) for slot in fields for label in slot.field.labels)


@cache
def _field_words(pack: RulePack) -> tuple[_Telling[int], ...]:
    """The form's fields and checklist elements by the words of their labels, the field's and its item's,
    one table per language the form is worded in (a question shares its telling words with the labels
    of its own language, and the other languages' words would only dilute them). Labels only: a
    checklist field has no question or guidance to weigh against an item's."""
    # An item with a field of its own is asked for there, not as a checklist's element too.
    fielded = {slot.field.item for slot in _slots(pack) if not slot.element}
    asked = [
        slot for slot in _slots(pack) if not slot.group and not (slot.element and slot.field.item in fielded)
    ]
    tables = []
    for language in pack.languages:
        words: dict[int, _Words] = {}
        for slot in asked:
            field = slot.field
            item = pack.rule(field.item).worded(language) if field.item else None
            label = field.label_in(language)
            wordings = f"{label} {item.label} {item.form_label}" if item else label
            words[slot.order] = (_stems(wordings), frozenset())
        tables.append(_Telling.of(words))
    return tuple(tables)


def _occurrences(stream: Joined, pack: RulePack) -> list[_Found]:
    text = stream.text
    found = []
    for slot, pattern in _label_patterns(pack):
        # The form's labels start with a capital; the same words inside an answer usually do not.
        for match in pattern.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[line_start : match.start()]
            # The numbering before a label is the label's ("III. EFFORTS AND PROGRESS", "7. Non-prosecution").
            numbered = _NUMBERING.fullmatch(before) is not None
            start = line_start if numbered else match.start()
            found.append(_Found(slot, start, match.end(), at_line_start=numbered or not before.strip()))
    found += _asked(stream, pack)
    return sorted(found, key=lambda hit: (hit.start, -hit.end))


# A question asks for one field: nothing ends inside it ("h) Specific measures for children; and i)" /
# "Specific measures for migrants. 2017 AR:" is a checklist's answer running into the next answer's tag).
_INNER_BREAK = re.compile(r"[.;:!?]\s")


def _questions(stream: Joined) -> Iterator[tuple[int, int]]:
    """Where each label line of the stream that asks one thing stands: [start, end) of its text."""
    pieces = stream.pieces
    for index, piece in enumerate(pieces):
        last = _label_lines(pieces, index)
        if last is not None:
            start = stream.offsets[index] + len(piece.text) - len(piece.text.lstrip())
            end = stream.offsets[last] + len(pieces[last].text)
            if not _INNER_BREAK.search(_NUMBERING.sub("", stream.text[start:end]).rstrip(":?* ")):
                yield start, end


def _asked(stream: Joined, pack: RulePack) -> Iterator[_Found]:
    """The label lines that ask for a field, or a checklist's element, in words of their own ("4. Which
    measures have been taken or envisaged to prevent forced or compulsory labour?"): those that share
    the telling words of its label."""
    tables, slots = _field_words(pack), _slots(pack)
    patterns: dict[int, list[re.Pattern[str]]] = {}
    for slot, pattern in _label_patterns(pack):
        patterns.setdefault(slot.order, []).append(pattern)
    for start, end in _questions(stream):
        text = stream.text[start:end]
        asked = next(((table, order) for table in tables if (order := table.asked(text)) is not None), None)
        if asked is None:
            continue
        fields, order = asked
        if not any(pattern.search(text) for pattern in patterns.get(order, ())):
            yield _Found(slots[order], start, end, at_line_start=True, asked=True)
        # A line that holds the form's label is found by it, and is the label as a whole only where its
        # other words are its item's ("Ratification intention and impediments to ratification:"): other
        # words may be the answer's start.
        elif _stems(text) <= fields.words[order][0]:
            yield _Found(slots[order], start, end, at_line_start=True)


def _align(found: list[_Found]) -> list[_Found]:
    """The longest chain of label occurrences in both document order and form order.

    Labels' words also occur inside answers; choosing the chain that places the most labels (and, among
    equals, the most at the start of a line) reads the form as the form, whatever the answers say.
    """
    if not found:
        return []
    # The best chain ending at each occurrence: (labels placed, at line start, -previous occurrence).
    best: list[tuple[int, int, int]] = []
    ending = _PrefixMax(1 + max(hit.slot.order for hit in found))
    waiting: list[tuple[int, int]] = []  # (end, index): occurrences that later ones may follow
    for index, hit in enumerate(found):
        # Occurrences that end before this one starts may precede it; found is in order of start.
        while waiting and waiting[0][0] <= hit.start:
            previous = heapq.heappop(waiting)[1]
            ending.raise_to(found[previous].slot.order, (*best[previous][:2], -previous))
        count, starts, previous = ending.below(hit.slot.order) or (0, 0, 1)
        best.append((count + 1, starts + int(hit.at_line_start), previous))
        heapq.heappush(waiting, (hit.end, index))
    index = max(range(len(best)), key=lambda i: best[i][:2])
    chain = []
    while index >= 0:
        chain.append(found[index])
        index = -best[index][2]
    return chain[::-1]


class _PrefixMax:
    """The greatest value stored at any position below a given one, in logarithmic time (a Fenwick
    tree): the longest chain of form labels so far that ends with a label earlier in the form."""

    def __init__(self, size: int) -> None:
        self._tree: list[tuple[int, int, int] | None] = [None] * (size + 1)

    def raise_to(self, position: int, value: tuple[int, int, int]) -> None:
        """Store `value` at `position` unless a greater one is there."""
        position += 1
        while position < len(self._tree):
            current = self._tree[position]
            if current is None or value > current:
                self._tree[position] = value
            position += position & -position

    def below(self, position: int) -> tuple[int, int, int] | None:
        """The greatest value stored at positions below `position`; None if there is none."""
        found: tuple[int, int, int] | None = None
        while position > 0:
            current = self._tree[position]
            if current is not None and (found is None or current > found):
                found = current
            position -= position & -position
        return found


def _is_form(chain: list[_Found]) -> bool:
    # The form is recognised by its own labels; a field asked in other words is only placed in it.
    fields = [hit for hit in chain if not hit.slot.group and not hit.asked]
    long_labels = {hit.slot.order for hit in fields if len(hit.slot.field.label.split()) >= _LONG_LABEL_WORDS}
    return len(fields) >= _MIN_FORM_FIELDS and len(long_labels) >= _MIN_LONG_LABELS


class Joined:
    """Pieces of source lines joined by newlines into one text, with the way back from offsets."""

    def __init__(self, pieces: tuple[Piece, ...] | list[Piece]) -> None:
        self.pieces = tuple(pieces)
        self.offsets: list[int] = []
        offset = 0
        for piece in self.pieces:
            self.offsets.append(offset)
            offset += len(piece.text) + 1
        self.text = "\n".join(piece.text for piece in self.pieces)

    def piece_at(self, offset: int) -> Piece:
        """The piece the character at `offset` belongs to (the last one for the end of the text)."""
        return self.pieces[max(bisect.bisect_right(self.offsets, offset) - 1, 0)]

    def location(self, offset: int) -> Location:
        """Where the character at `offset` stands in the source."""
        return self.piece_at(offset).line.location if self.pieces else Location()

    def cut(self, start: int, end: int) -> tuple[Piece, ...]:
        """The pieces covering [start, end) of the text, trimmed to it."""
        cut = []
        first = max(bisect.bisect_right(self.offsets, start) - 1, 0)
        for number in range(first, len(self.pieces)):
            piece, offset = self.pieces[number], self.offsets[number]
            if offset > end:
                break
            low = max(start, offset) - offset
            high = min(end, offset + len(piece.text)) - offset
            if high >= low:
                cut.append(Piece(piece.line, piece.start + low, piece.start + high))
        return tuple(cut)


# ── a form's table copied row by row ─────────────────────────────────────────────────────────────
#
# Copied from a PDF's table row by row, each line holds, one space apart, what each column has at that
# height: a line of the group's label, of the field's label and of the answer ("EFFORTS AND Ratification
# Ratification status Azerbaijan has not yet ratified the Protocol of 2014"). The form's own labels tell
# the columns apart: a label starts a line or follows the labels to its left, and runs on at the same
# place on the lines that follow; what a line holds after the labels is the answer's. Each label's lines
# are put back together before the answers beside them, and the form is then found as in a table read
# column by column.

_WORD = re.compile(r"[^\W_]+(?:['\u2019]s(?![^\W_]))?")
_PUNCTUATION = re.compile(r"\s*([^\w\s]+)")


@dataclass(frozen=True, slots=True)
class _LabelWords:
    """A label of the form as the words a line must have, and the punctuation it has after each, which
    a line ending there keeps on the label's side ("other Member States," "international /")."""

    words: tuple[str, ...]
    after: tuple[str, ...]
    field: bool  # only the answer stands to the right of a field's label; groups head other labels
    orders: tuple[int, ...]  # where it stands in the form ("Employers' organizations" twice)


# Bounded: a label's few words recur on every line looked at, the words of a long answer once each.
@lru_cache(maxsize=4096)
def _word_key(word: str) -> str:
    # "Government's" is the label's "Government's" whether the line spells it with a curly quote or not.
    return " ".join(canonical_words(re.sub(r"['\u2019]s$", "", word)))


@cache
def _labels_by_first_word(pack: RulePack) -> dict[str, tuple[_LabelWords, ...]]:
    """The form's labels by their first word."""
    slots: dict[str, list[_Slot]] = {}
    for slot in _slots(pack):
        if not slot.element:
            for label in slot.field.labels:
                slots.setdefault(label, []).append(slot)
    index: dict[str, list[_LabelWords]] = {}
    for label, its_slots in slots.items():
        matches = list(_WORD.finditer(label))
        bounds = [match.start() for match in matches[1:]] + [len(label)]
        words = tuple(_word_key(match.group()) for match in matches)
        after = tuple(
            normalise(label[match.end() : bound]) for match, bound in zip(matches, bounds, strict=True)
        )
        field = any(not slot.group for slot in its_slots)
        orders = tuple(slot.order for slot in its_slots)
        index.setdefault(words[0], []).append(_LabelWords(words, after, field, orders))
    return {word: tuple(labels) for word, labels in index.items()}


class _Rows:
    """A stream's lines and, as labels are found on them, where on each line the columns not yet taken
    by a label start (offsets in the piece's text)."""

    def __init__(self, pieces: tuple[Piece, ...], size: int) -> None:
        self.pieces = pieces
        self.texts = [piece.text for piece in pieces]
        self.free = [0] * len(pieces)
        self.answered = [False] * len(pieces)  # a field's label stands on the line: the rest is its answer
        self.labels: dict[int, list[tuple[Piece, ...]]] = {}  # each label's pieces, by its first line
        self.size = size  # the number of the form's labels
        self.last = -1  # where the last label taken stands in the form

    def distance(self, label: _LabelWords) -> int:
        """How far after the last label taken `label` stands in the form, going round to the form's start
        (a file of several compilations)."""
        return min((order - self.last - 1) % self.size for order in label.orders)

    def following(self, index: int) -> int | None:
        """The next line with text on it: a PDF may put blank lines between a label's lines."""
        return next(
            (number for number in range(index + 1, len(self.texts)) if self.texts[number].strip()), None
        )

    def ends(self, index: int, start: int, words: tuple[str, ...]) -> list[int]:
        """Where each of the first of `words` ends on line `index`, as many as stand there in order
        from `start`."""
        text = self.texts[index]
        ends: list[int] = []
        for word in words:
            match = _WORD.search(text, ends[-1] if ends else start)
            if match is None or _word_key(match.group()) != word:
                break
            ends.append(match.end())
        return ends

    def take(self, label: _LabelWords, places: tuple[tuple[int, int, int], ...]) -> None:
        """Take the label's (line, start, end) places from their lines."""
        pieces = []
        for index, start, end in places:
            piece = self.pieces[index]
            pieces.append(Piece(piece.line, piece.start + start, piece.start + end))
            self.free[index] = end
            self.answered[index] = self.answered[index] or label.field
        self.labels.setdefault(places[0][0], []).append(tuple(pieces))
        self.last = (self.last + 1 + self.distance(label)) % self.size


def _through(text: str, end: int, punctuation: str) -> int:
    """Where a label's part of a line ends: after its last word, and the punctuation the label has
    there when the line has it too."""
    match = _PUNCTUATION.match(text, end)
    return match.end() if punctuation and match and normalise(match.group(1)) == punctuation else end


_Places = tuple[tuple[int, int, int], ...]


def _places(
    rows: _Rows,
    label: _LabelWords,
    at: tuple[int, int],
    done: int,
    memo: dict[tuple[int, int], _Places | None],
) -> _Places | None:
    """Where the words of `label` from its `done`-th on stand: from `at` (line, offset), then at the free
    start of each line that follows, as (line, start, end). As many words on a line as leave the rest to
    be found on the next; None when the label does not run on to its end."""
    index, start = at
    ends = rows.ends(index, start, label.words[done:])
    for count in range(len(ends), 0, -1):
        end = _through(rows.texts[index], ends[count - 1], label.after[done + count - 1])
        if done + count == len(label.words):
            return ((index, start, end),)
        following = rows.following(index)
        if following is None or rows.answered[following]:
            continue
        key = (following, done + count)
        if key not in memo:
            memo[key] = _places(rows, label, (following, rows.free[following]), done + count, memo)
        rest = memo[key]
        if rest is not None:
            return ((index, start, end), *rest)
    return None


def _open(rows: _Rows, index: int, labels: dict[str, tuple[_LabelWords, ...]]) -> bool:
    """Take the label that starts at the free start of line `index`, if one does."""
    start = rows.free[index]
    text = rows.texts[index]
    first = _WORD.search(text, start)
    # The form's labels start with a capital; a line of an answer most often does not.
    if first is None or not first.group()[0].isupper():
        return False
    found = [
        (len(_WORD.findall(text, start, places[0][2])), label, places)
        for label in labels.get(_word_key(first.group()), ())
        if (places := _places(rows, label, (index, start), 0, {})) is not None
    ]
    if not found:
        return False
    # The label with the most words on this line: "Ratification status", not the group "Ratification"
    # it begins with; of labels as long there, the one that comes next in the form: on "Ratification
    # Ratification" the group, then its field, whose "status" is on the next line.
    _, label, places = max(found, key=lambda candidate: (candidate[0], -rows.distance(candidate[1])))
    rows.take(label, places)
    return True


def _side_by_side(stream: Joined, pack: RulePack) -> Joined | None:
    """The stream with each label of the form put together before the answers beside it (see above);
    None when that changes nothing."""
    labels = _labels_by_first_word(pack)
    rows = _Rows(stream.pieces, len(_slots(pack)))
    for index in range(len(stream.pieces)):
        while not rows.answered[index] and _open(rows, index, labels):
            pass
    if all(len(found) == 1 for on_line in rows.labels.values() for found in on_line):
        return None  # no label runs on over lines: nothing stands beside one
    pieces: list[Piece] = []
    for index, piece in enumerate(stream.pieces):
        for found in rows.labels.get(index, ()):
            pieces.extend(found)
        rest = Piece(piece.line, piece.start + rows.free[index], piece.end)
        if rest.text.strip() or not rows.free[index]:
            pieces.append(rest)
    joined = Joined(pieces)
    return None if joined.text.split() == stream.text.split() else joined


def _form_stretches(stream: Joined, pack: RulePack) -> Iterator[Stretch] | None:
    chain = _align(_occurrences(stream, pack))
    # A table copied row by row is read with its labels put together, where that finds more of the form.
    side_by_side = _side_by_side(stream, pack)
    if side_by_side is not None:
        labels_together = _align(_occurrences(side_by_side, pack))
        if len(labels_together) > len(chain):
            stream, chain = side_by_side, labels_together
    if not _is_form(chain):
        return None

    def stretches() -> Iterator[Stretch]:
        free = Section(SectionKind.FREE, "", stream.location(0))
        yield Stretch(free, stream.cut(0, chain[0].start))
        for hit, following in zip(chain, [*chain[1:], None], strict=True):
            end = following.start if following else len(stream.text)
            field = hit.slot.field
            if hit.slot.group:
                section = Section(SectionKind.FREE, field.label, stream.location(hit.start))
            else:
                items = (field.item,) if field.item else ()
                section = Section(
                    SectionKind.FORM_FIELD,
                    field.label,
                    stream.location(hit.start),
                    items,
                    field.checklist,
                    shared=field.shared,
                )
            yield Stretch(section, stream.cut(hit.end, end))

    return stretches()


# ── label lines: "(d) Supporting due diligence by the public and private sectors:" ──────────────────

_FORM_TEXT = re.compile(r"^\s*(?:question|q|part)\s*[\divx]+\b", re.IGNORECASE)
_MARKED = re.compile(
    r"^\s*(?:\(?[a-z]{1,2}\)|\(?[ivx]{1,4}\)|\d{1,2}[.)]|(?:question|q|part)\s*[\divx]+)", re.IGNORECASE
)
_SEPARATOR = re.compile(r"^\s*[-=_*~#.\u2014\u2013]{3,}\s*$")
_INLINE_LABEL_CHARS = 150
_MAX_QUESTION_LINES = 6
_TITLE_WORDS = 8


def _is_title(text: str) -> bool:
    """A short line in capitals ("PART II. RATIFICATION", "PROTECTION") or a rule of dashes: a heading."""
    if _SEPARATOR.match(text):
        return True
    return len(text.split(maxsplit=_TITLE_WORDS)) <= _TITLE_WORDS and text.isupper()


def _is_answer(text: str, pack: RulePack) -> bool:
    """A bare answer, in the pack's words ("N/A", "NO", "NONE", "YES"): in capitals it is the answer to
    the label above it, not a heading."""
    normal = normalise(text)
    return any(bare_answer(cue, normal) for cue in (pack.cues.negative_answer, pack.cues.affirmative_answer))


def _label_lines(pieces: Sequence[Piece], index: int) -> int | None:
    """If a label starts at `index`, the index of its last line. A label starts a block, or follows the
    end of the answer before it on the next line (a form's label column, wrapped: "...was created." then
    "Information, education and" / "awareness raising:")."""
    before = pieces[index - 1].text.rstrip() if index else ""
    starts_block = not before or before.endswith((".", "!", "?")) or _MARKED.match(pieces[index].text)
    return _label_end(pieces, index) if starts_block else None


def _label_end(pieces: Sequence[Piece], start: int) -> int | None:
    """If a label starts at `start`, the index of its last line: one to three lines ending with a colon or
    a question mark, or a form's whole question ("Question 5. Does your Government ...")."""
    question = bool(_FORM_TEXT.match(pieces[start].text))
    for end in range(
        start, min(start + (_MAX_QUESTION_LINES if question else _MAX_LABEL_LINES), len(pieces))
    ):
        text = pieces[end].text.rstrip()
        if not text or text.lstrip().startswith("|"):
            return end - 1 if question and end > start else None
        if text.endswith(_LABEL_END):
            length = sum(len(piece.text) for piece in pieces[start : end + 1])
            return end if question or length <= _MAX_LABEL_CHARS else None
    return None


class _Labelled:
    """Free text cut at label lines, the way a Q&A form or a Word template heads each answer."""

    def __init__(self, pack: RulePack, first: Location) -> None:
        self.pack = pack
        self.stretches: list[Stretch] = []
        self.sections: list[Section] = []
        self.section = Section(SectionKind.FREE, "", first)
        self.pieces: list[Piece] = []

    def close(self, section: Section) -> None:
        self.stretches.append(Stretch(self.section, tuple(self.pieces)))
        self.section, self.pieces = section, []
        if section.items or section.checklist:
            self.sections.append(section)

    def label(self, pieces: list[Piece], index: int) -> int | None:
        """Take the label starting at `index`, if there is one; the index of the line after it."""
        first = pieces[index]
        if _is_title(first.text) and not _is_answer(first.text, self.pack):
            self.close(Section(SectionKind.FREE, first.text.strip(), first.line.location))
            return index + 1
        end = _label_lines(pieces, index)
        if end is None:
            return None
        title = " ".join(piece.text.strip() for piece in pieces[index : end + 1]).rstrip(":?* ")
        scope = heading_scope(title, self.pack)
        if scope is None and _FORM_TEXT.match(title) and (item := question_item(title, self.pack)):
            scope = Scope((item,))
        if scope is not None:
            self.close(Section(SectionKind.HEADING, title, first.line.location, scope.items, scope.checklist))
            return end + 1
        # A question of the form, or a marked label naming no item, ends the answer before it; the form's
        # own words are not an answer, so they are left out.
        if _MARKED.match(title) or pieces[end].text.rstrip().endswith("?"):
            self.close(Section(SectionKind.FREE, title, first.line.location))
            return end + 1
        return None

    def inline(self, piece: Piece) -> bool:
        """Take "Label: answer" on one line, if the part before the colon names an item."""
        colon = piece.text.find(":", 0, _INLINE_LABEL_CHARS)
        if colon <= 0:
            return False
        title = piece.text[:colon].strip()
        scope = heading_scope(title, self.pack) if len(title.split()) >= 2 else None
        if scope is None:
            return False
        self.close(Section(SectionKind.HEADING, title, piece.line.location, scope.items, scope.checklist))
        self.pieces.append(Piece(piece.line, piece.start + colon + 1, piece.end))
        return True


def _label_stretches(pieces: list[Piece], pack: RulePack) -> tuple[list[Stretch], list[Section]] | None:
    """Free text laid out at its label lines; None when no label names an item."""
    labelled = _Labelled(pack, pieces[0].line.location)
    index = 0
    while index < len(pieces):
        following = labelled.label(pieces, index)
        if following is not None:
            index = following
            continue
        if not labelled.inline(pieces[index]):
            labelled.pieces.append(pieces[index])
        index += 1
    labelled.stretches.append(Stretch(labelled.section, tuple(labelled.pieces)))
    if not labelled.sections:
        return None
    return [
        stretch
        for stretch in labelled.stretches
        if stretch.pieces or stretch.section.items or stretch.section.checklist
    ], labelled.sections


def _title_metadata(lines: Sequence[str]) -> Metadata:
    """Country and report years from a compilation's title line, e.g. "AZERBAIJAN (2017-2018)", among its
    first lines."""
    for line in lines[:10]:
        match = _TITLE.match(line)
        if match:
            country, first, last = match.groups()
            years = tuple(str(year) for year in range(int(first), int(last or first) + 1))
            return Metadata(country=country.strip().title(), years=years)
    return Metadata()


# ── putting it together ──────────────────────────────────────────────────────────────────────────


class _Builder:
    """Walks a document's blocks in order, keeping the open headings, the run of free text and the rows
    of the table being read."""

    def __init__(self, pack: RulePack, metadata: Metadata) -> None:
        self.pack = pack
        self.known = frozenset(pack.item_ids)
        self.metadata = metadata
        self.stretches: list[Stretch] = []
        self.sections: list[Section] = []  # every section met, empty ones too: an empty answer is a gap
        self.free: list[Piece] = []
        self.headings: list[tuple[int, Section]] = []  # the open headings, outermost first
        self.table: list[Block] = []  # a table's labels and the text beside them, from its first label
        self.is_compilation = False

    def add(self, block: Block) -> None:
        """Lay out the next block. A table's rows (labels at `LABEL_LEVEL`, the text beside them) are held
        until something else comes: how they are read depends on all of them (see `end_table`)."""
        label = block.kind is BlockKind.HEADING and block.level == LABEL_LEVEL
        if (label and block.lines) or (self.table and (label or block.kind is BlockKind.TEXT)):
            self.table.append(block)
            return
        self.end_table()
        self._add(block)

    def end_table(self) -> None:
        """Lay out the table held. Its lines are the form of an ILO compilation when they hold the form's
        labels in order, as a compilation in Word does (label beside answer, or a group's label beside
        its fields' labels and answers): each field's answer then answers its item, as in a compilation
        in text. Otherwise each label heads the text beside it, as a draft's heading does."""
        rows, self.table = self.table, []
        stream = Joined([piece for block in rows for piece in _whole(block.lines)])
        form = _form_stretches(stream, self.pack) if rows else None
        if form is None:
            for block in rows:
                self._add(block)
            return
        # The title line ("AZERBAIJAN (2017-2018)") may be a heading, or text before the table.
        titles = [section.title for _, section in self.headings] + [piece.text for piece in self.free]
        self.flush()
        self._compiled(form, [*titles, *(piece.text for piece in stream.pieces)])

    def _add(self, block: Block) -> None:
        if block.kind is BlockKind.TEXT:
            self._text(block)
            return
        self.flush()
        if block.kind is BlockKind.HEADING:
            while self.headings and self.headings[-1][0] >= block.level:
                self.headings.pop()
            title = " ".join(line.text.strip() for line in block.lines)
            scope = heading_scope(title, self.pack) or Scope()
            location = block.location
            section = Section(SectionKind.HEADING, title, location, scope.items, scope.checklist)
            self.headings.append((block.level, section))
            self.sections.append(section)
        else:
            section = Section(
                SectionKind.ANSWER,
                block.item_id or "",
                block.location,
                (block.item_id,) if block.item_id else (),
                declared=block.declared,
            )
            self.sections.append(section)
            # An answer to an item the pack does not know is warned about and ignored (its section is
            # kept for the warning): its text is not read, so that it costs nothing past the reader.
            if block.item_id in self.known:
                self.stretches.append(Stretch(section, _whole(block.lines)))

    def _text(self, block: Block) -> None:
        # Text under an item's heading (or a sub-heading of it) answers that item; under another
        # heading it is free text of that heading; before any heading it may be a compilation's form.
        owner = next(
            (section for _, section in reversed(self.headings) if section.items or section.checklist), None
        )
        if owner is None and self.headings:
            owner = self.headings[-1][1]
        if owner is None:
            self.free.extend(_whole(block.lines))
        else:
            self.stretches.append(Stretch(owner, _whole(block.lines)))

    def flush(self) -> None:
        if not self.free:
            return
        stream = Joined(self.free)
        form = _form_stretches(stream, self.pack)
        labelled = _label_stretches(self.free, self.pack) if form is None else None
        if labelled is not None:
            stretches, sections = labelled
            self.stretches += stretches
            self.sections += sections
        elif form is None:
            self.stretches.append(
                Stretch(Section(SectionKind.FREE, "", stream.location(0)), stream.cut(0, len(stream.text)))
            )
        else:
            self._compiled(form, [piece.text for piece in stream.pieces])
        self.free = []

    def _compiled(self, form: Iterator[Stretch], lines: Sequence[str]) -> None:
        """Take the stretches of a compilation's form, and the country and years of its title among
        `lines`, where the document does not say them otherwise."""
        self.is_compilation = True
        for stretch in form:
            self.stretches.append(stretch)
            self.sections.append(stretch.section)
        if not self.metadata.country and not self.metadata.years:
            self.metadata = _title_metadata(lines)

    def finish(self, known: DocumentKind | None, paragraphs: Paragraphs) -> Layout:
        self.end_table()
        self.flush()
        if known is not None:
            kind = known
        elif any(
            section.kind is SectionKind.HEADING and (section.items or section.checklist)
            for section in self.sections
        ):
            kind = DocumentKind.DRAFT
        elif self.is_compilation:
            kind = DocumentKind.COMPILATION
        else:
            kind = DocumentKind.NARRATIVE
        stretches = self.stretches
        if paragraphs is Paragraphs.WHOLE:
            stretches = [replace(stretch, whole_paragraphs=True) for stretch in stretches]
        return Layout(kind, tuple(stretches), tuple(self.sections), self.metadata)


def lay_out(document: Document, pack: RulePack) -> Layout:
    """Find the sections of `document` and the text under each."""
    builder = _Builder(pack, document.metadata)
    for block in document.blocks:
        builder.add(block)
    return builder.finish(document.kind, document.paragraphs)
