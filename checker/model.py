"""The domain of an audit, as plain frozen dataclasses passed down the pipeline.

rules ─▶ RulePack(Rule…)            what the questionnaire asks, as data
reader ─▶ Document(Block(SourceLine…)…)   what the submission says, with every line's origin
layout + segment ─▶ Section…, Segment…     where each answer stands, sentence by sentence
evidence + scoring ─▶ Finding…, DocumentAudit, AuditResult   the verdicts and why
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # named, never used: the model holds compiled expressions as data, it does not match them
    from checker.matching.expressions import Expr
    from checker.matching.requirements import Requirement


class Status(enum.Enum):
    """How far a submission answers one questionnaire item."""

    REPORTED = "reported"
    PARTIAL = "partial"
    NEGATIVE = "negative"
    MISSING = "missing"

    @property
    def rank(self) -> int:
        """Order of strength: the best-supported status wins when passages disagree."""
        return _RANK[self]

    @property
    def is_gap(self) -> bool:
        """A gap is a measure not in place, as far as the submission shows: nothing said, or an explicit
        'no'."""
        return self in (Status.MISSING, Status.NEGATIVE)

    @property
    def is_answer(self) -> bool:
        """Whether the item is answered: anything but silence. An explicit 'no' ("No observations were
        received", "Not applicable") is a complete answer, though the measure is not in place."""
        return self is not Status.MISSING


_RANK = {Status.MISSING: 0, Status.NEGATIVE: 1, Status.PARTIAL: 2, Status.REPORTED: 3}


def best(statuses: Iterable[Status]) -> Status:
    """The strongest of several statuses; `missing` when there are none."""
    return max(statuses, key=lambda status: status.rank, default=Status.MISSING)


# ── where text comes from ────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based place in a source file: a line, a page's line, a Word paragraph or table row."""

    line: int | None = None
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None

    def describe(self) -> str:
        """Short human form, e.g. ``p. 3 l. 12``, ``l. 40``, ``¶ 7``, ``table 2 row 5``."""
        parts = []
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table} row {self.row}")
        elif self.paragraph is not None:
            parts.append(f"¶ {self.paragraph}")
        elif self.line is not None:
            parts.append(f"l. {self.line}")
        return " ".join(parts) or "?"


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a submission as read, with where it stands in the file."""

    text: str
    location: Location


class BlockKind(enum.Enum):
    """What a block of a submission is to the layout."""

    TEXT = "text"  # running text: narrative, form tables flattened by a PDF, Word paragraphs
    HEADING = "heading"  # a Markdown, Word or HTML heading
    ANSWER = "answer"  # the answer to one item in a structured submission


# The level of a table's label as a heading (a Word or web page table of "label | answer" rows): below
# every heading a document can have (Word's stop at Heading 9, HTML's at h6).
LABEL_LEVEL = 10


@dataclass(frozen=True, slots=True)
class Block:
    """A run of lines of one kind. Headings carry a level; answers the item they answer."""

    kind: BlockKind
    lines: tuple[SourceLine, ...]
    level: int = 0
    item_id: str | None = None
    declared: Status | None = None  # the status a drafter declared for the answer, if any
    place: Location | None = None  # where the block stands, if not at its first line (an answer's field)

    @property
    def location(self) -> Location:
        """Where the block stands: its `place`, else its first line; nowhere known for an empty block."""
        if self.place is not None:
            return self.place
        return self.lines[0].location if self.lines else Location()


@dataclass(frozen=True)
class Suppression:
    """A gap the drafter accepts, with the reason: the gate does not fail on it."""

    item_id: str
    reason: str
    origin: str  # where it was written: FILE:LINE of the draft, or of the configuration


@dataclass(frozen=True)
class Metadata:
    """What a submission says about itself, when it says it."""

    country: str | None = None
    years: tuple[str, ...] = ()
    instrument: str | None = None


class Paragraphs(enum.Enum):
    """What the ends of a document's paragraphs say of its sentences, as its reader knows."""

    # The writer's own: a paragraph ends its sentence, full stop or not (a Word document, a web page:
    # a list's items, a heading in body type).
    WHOLE = "whole"
    # A blank line may fall inside a sentence: text extracted from a PDF puts them anywhere, and plain
    # text or Markdown may be a copy of one.
    LOOSE = "loose"


@dataclass(frozen=True)
class Document:
    """A submission as read: blocks of lines with their origins, before any interpretation."""

    source: str
    format: str
    blocks: tuple[Block, ...]
    metadata: Metadata = Metadata()
    warnings: tuple[str, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    # Said by its reader, never told from the format's name: a new reader must say how its sentences end.
    paragraphs: Paragraphs = field(kw_only=True)
    kind: DocumentKind | None = None  # what its reader knows it to be (structured); None: told by its layout
    sha256: str | None = None  # of the bytes of the file it was read from; None for standard input


# ── the rule pack ────────────────────────────────────────────────────────────────────────────────


class ExampleContext(enum.Enum):
    """Where a rule example's text stands when it is run."""

    NARRATIVE = "narrative"  # a sentence of running prose in a report on forced labour
    SECTION = "section"  # the text under the item's own heading in a draft
    FORM = "form"  # the answer in the item's field of an ILO compilation
    DOCUMENT = "document"  # a whole text, read as a report file is read: nothing about it presumed


@dataclass(frozen=True)
class Example:
    """A text with the status the rule must give it; runs as a test."""

    text: str
    expect: Status
    context: ExampleContext
    note: str | None
    origin: str  # FILE:LINE, for test ids and failure messages
    language: str | None = None  # ISO 639-1, when not the pack's


@dataclass(frozen=True)
class EvidenceSpec:
    """How a rule recognises evidence in a sentence: its expressions by the role each plays (see the
    README's rule format, and `evidence` for their precedence)."""

    shows: Expr  # a sentence that matches shows the measure was taken: reported
    shows_in_section: Expr | None = None  # shows it, but only under the item's own heading or field
    shows_in_checklist: Expr | None = None  # ... only as an element of a form checklist listing the item
    touches: Expr | None = None  # touches the item without showing a measure: partial
    denies: Expr | None = None  # says outright that the measure is not taken: negative
    not_about: Expr | None = None  # the sentence is about something else: nothing of it counts
    makes_partial: Expr | None = None  # in a sentence that shows the measure, shows only part of it
    plans: Expr | None = None  # more cues of plans and intentions than the language's: partial
    affirms: Expr | None = None  # looks like a denial but affirms the measure ("not to prosecute")

    def expressions(self) -> Iterator[tuple[str, Expr]]:
        """Each expression the spec has, with its key in a rule file, in the rule format's order."""
        for key in EVIDENCE_KEYS:
            expr = getattr(self, key)
            if expr is not None:
                yield key, expr


# The keys of a rule's `evidence`, `shows` (the one required) first.
EVIDENCE_KEYS = tuple(item.name for item in fields(EvidenceSpec))


# In a rule's readings, how it reads a language it has no words of its own for: its own block alone.
OTHER_LANGUAGE = ""


@dataclass(frozen=True)
class Wording:
    """What an item is called and asks, in one language: its label, its wording on the ILO form, its
    question and guidance."""

    label: str
    form_label: str
    question: str
    guidance: str


@dataclass(frozen=True)
class Rule:
    """One questionnaire item: what it asks, how evidence is recognised, and examples that prove it."""

    id: str
    area: str
    label: str
    form_label: str
    provision: str
    question: str
    guidance: str
    weight: int
    evidence: EvidenceSpec
    # What a sentence of free text must hold for `evidence` to find anything in it (by `shows`, `denies`
    # or `touches`), worked out when the rule is compiled (see `requirements.requirement` and `index`).
    free_requirement: Requirement
    examples: tuple[Example, ...]
    origin: str  # FILE:LINE where the rule is defined
    # The item's wording in the pack's other languages, by ISO 639-1 code.
    translations: tuple[tuple[str, Wording], ...] = ()
    # How it reads a report written in one language (its own words and that language's), by code, with
    # what a sentence of free text must hold for it to find anything (see `reading`).
    readings: tuple[tuple[str, EvidenceSpec, Requirement], ...] = ()

    def reading(self, language: str) -> Rule:
        """The rule as it reads a report written in `language` alone: with its own words and that
        language's, not the other languages' (fewer phrases to try in every sentence); as it is where it
        has no words of that language."""
        readings = {code: (evidence, required) for code, evidence, required in self.readings}
        chosen = readings.get(language, readings.get(OTHER_LANGUAGE))
        if chosen is None:
            return self
        return replace(self, evidence=chosen[0], free_requirement=chosen[1])

    @property
    def translated_form_labels(self) -> tuple[tuple[str, str], ...]:
        """Its form label in each of the pack's other languages, by code: the wording of its field."""
        return tuple((code, wording.form_label) for code, wording in self.translations)

    def worded(self, language: str) -> Rule:
        """The rule with its label, form label, question and guidance in `language`, where it has them."""
        wording = dict(self.translations).get(language)
        if wording is None:
            return self
        return replace(
            self,
            label=wording.label,
            form_label=wording.form_label,
            question=wording.question,
            guidance=wording.guidance,
        )


@dataclass(frozen=True)
class Area:
    """A group of items scored together."""

    id: str
    label: str
    translations: tuple[tuple[str, str], ...] = ()  # its label in the pack's other languages

    def worded(self, language: str) -> Area:
        """The area with its label in `language`, where it has one."""
        label = dict(self.translations).get(language)
        return self if label is None else replace(self, label=label)


@dataclass(frozen=True)
class FormField:
    """A field or group of fields of the ILO compilation's form, as the layout looks for it.

    A field's text answers `item` as a whole; a checklist field holds several items, each recognised in
    it by its own wording. A group only heads its `children`.
    """

    label: str
    item: str | None = None
    checklist: tuple[str, ...] = ()
    children: tuple[FormField, ...] = ()
    shared: bool = False
    translations: tuple[tuple[str, str], ...] = ()  # its label on the form in the pack's other languages

    @property
    def labels(self) -> tuple[str, ...]:
        """Its label in every language the form is found in, the pack's own first."""
        return (self.label, *(label for _, label in self.translations))

    def label_in(self, language: str) -> str:
        """Its label in `language`; the pack's own where it has none in that language."""
        return dict(self.translations).get(language, self.label)


@dataclass(frozen=True)
class Cues:
    """The pack's language of negation, hedging and bare answers, shared by all its rules."""

    negation: Expr  # denies what follows it in the clause
    negation_before: Expr  # denies what stands before it too ("was not provided")
    pseudo_negation: Expr  # looks like negation but is not ("no one may be forced")
    hedges: Expr  # makes what follows a plan or intention
    hedges_before: Expr  # makes what stands before it a plan ("is being drafted")
    pseudo_hedges: Expr  # looks like a hedge but is not (the form's "taken or envisaged")
    requests: Expr  # makes what follows a request or recommendation, not a measure taken
    cross_references: Expr  # an answer that starts with it points elsewhere ("See question 10.")
    negative_answer: Expr  # an answer that begins with it says no ("No.", "None", "Not applicable")
    affirmative_answer: Expr  # an answer that is only this is a bare yes
    clause_breaks: Expr  # where the scope of a negation or hedge ends
    contrasts: Expr  # where an exclusion's reach ends ("but", "however", ";")
    forward_breaks: Expr  # where a scope reaching forward ends too (", were" after a relative clause)
    # Optional in a pack: one that leaves them out has no recommendation lists, no imperatives (each is
    # then `expressions.NOTHING`).
    imperatives: Expr  # a verb that opens a recommendation: "Increase efforts to ..."
    recommendation_headings: Expr  # heads a list of them: "Prioritized recommendations:"
    generic: Expr  # makes a claim with nothing concrete generic: "where necessary"
    shortfalls: Expr  # the measure is there only in part: "not systematically"
    shortfalls_before: Expr  # reaches back to its subject too: "victims are not always informed"


@dataclass(frozen=True)
class Subject:
    """What a text must speak of for its passages to be evidence (see `subject`): the words that say
    it does, those that say it only where nothing gives them another sense, and the other senses."""

    terms: Expr  # establish the subject: "forced labour", "trafficking in persons", "slavery"
    ambiguous: Expr  # establish it where no other sense appears in the text: "trafficking"
    other_senses: Expr  # the same words about something else: "wildlife", "drug trafficking"


@dataclass(frozen=True)
class RulePack:
    """A validated rule pack: its rules in questionnaire order, areas, form layout and cues."""

    name: str
    version: str
    instrument: str
    language: str
    areas: tuple[Area, ...]
    rules: tuple[Rule, ...]
    form: tuple[FormField, ...]
    cues: Cues
    origin: str
    subject: Subject | None = None  # None: every passage is taken to be about the pack's subject
    # The languages its vocabulary reads (ISO 639-1), `language` first: the one its rules are written in.
    languages: tuple[str, ...] = ()
    instrument_translations: tuple[tuple[str, str], ...] = ()  # `instrument` in its other languages
    # The cues a report written in one language is read with, by code (see `reading`).
    cue_readings: tuple[tuple[str, Cues], ...] = ()

    def reading(self, language: str) -> RulePack:
        """The pack as it reads a report written in `language` alone: each rule with its own words and
        that language's, the cues of the pack's language and that one's. A report with sections in
        several languages is read with the whole pack."""
        cues = dict(self.cue_readings).get(language)
        if cues is None:
            return self
        return replace(self, rules=tuple(rule.reading(language) for rule in self.rules), cues=cues)

    def worded(self, language: str) -> RulePack:
        """The pack with its items' labels, questions and guidance in `language`, where they have them
        (the pack's own language otherwise)."""
        if language == self.language:
            return self
        return replace(
            self,
            instrument=dict(self.instrument_translations).get(language, self.instrument),
            areas=tuple(area.worded(language) for area in self.areas),
            rules=tuple(rule.worded(language) for rule in self.rules),
        )

    def __hash__(self) -> int:
        # Packs key caches of what is derived from them (label patterns, say): hashing every phrase of
        # every rule each time would cost more than the cache saves. Equal packs have equal names.
        return hash((self.name, self.version, self.origin, len(self.rules)))

    def rule(self, item_id: str) -> Rule:
        """The rule for an item id; KeyError when the pack has none."""
        for rule in self.rules:
            if rule.id == item_id:
                return rule
        raise KeyError(item_id)

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Every item id, in questionnaire order."""
        return tuple(rule.id for rule in self.rules)

    @property
    def area_labels(self) -> dict[str, str]:
        """Each area's label by its id, in the pack's order (and its wording's language)."""
        return {area.id: area.label for area in self.areas}

    def expressions(self) -> Iterator[Expr]:
        """Every expression of the pack: its cues', then its rules' evidence, in order."""
        for item in fields(self.cues):
            yield getattr(self.cues, item.name)
        for rule in self.rules:
            for _, expr in rule.evidence.expressions():
                yield expr


# ── the submission, interpreted ──────────────────────────────────────────────────────────────────


class DocumentKind(enum.Enum):
    """How a submission is laid out, which decides how bare answers are read."""

    COMPILATION = "compilation"  # an ILO Annual Review compilation: form fields, checklists, year tags
    DRAFT = "draft"  # a draft with one heading per item (Markdown, Word)
    STRUCTURED = "structured"  # answers keyed by item id (YAML, JSON)
    NARRATIVE = "narrative"  # running prose: evidence is recognised from what sentences say


class SectionKind(enum.Enum):
    """What made a stretch of a submission a section."""

    FORM_FIELD = "form field"
    HEADING = "heading"
    ANSWER = "answer"
    FREE = "free text"


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of a submission under one title. `items` are the items it answers as a whole."""

    kind: SectionKind
    title: str
    location: Location
    items: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()
    declared: Status | None = None
    shared: bool = False  # its text is also evidence for other items (a compilation's progress field)


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (or list element) of a submission, ready for matching, with its origin and scope."""

    index: int
    text: str  # normalised for matching: lower case, one space between words
    quote: str  # verbatim from the source, runs of white space shown as one space
    start: Location
    end: Location
    section: Section
    years: frozenset[str] | None = None  # None: not tagged, holds for every report year
    year_tag: str | None = None  # the tag as written, e.g. "2017-2018"
    lead: bool = False  # opens its paragraph and runs on into more text: where run-in headings stand
    opens: bool = False  # opens its paragraph


# ── verdicts ─────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Evidence:
    """One passage and what it showed for one item, with the reason, for the analyst to check."""

    start: Location
    end: Location
    quote: str
    status: Status | None  # None: the passage matched but was set aside (see `reason`)
    reason: str
    year_tag: str | None = None
    years: frozenset[str] | None = None
    section: str | None = None
    matched: tuple[str, ...] = ()
    # The sentences on either side of the passage in its section, verbatim (a long one cut at a word,
    # with an ellipsis where it is cut): for the analyst to read the passage in its context. None at a
    # section's edge, and for a result saved without them.
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one item: overall, per report year, and the evidence behind it."""

    item_id: str
    area: str
    status: Status
    by_year: Mapping[str, Status] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    set_aside: tuple[Evidence, ...] = ()
    note: str | None = None
    anchor: Location | None = None  # where the item's own heading or field stands, if it has one


@dataclass(frozen=True)
class AreaScore:
    """How an area fares: its weighted score (0-100) and the count of each status."""

    area: str
    label: str
    score: float
    counts: Mapping[Status, int]
    completeness: float  # the weighted share of its items answered, 0-100


@dataclass(frozen=True)
class SourceIdentity:
    """A submission's path relative to its repository's root (POSIX slashes), and the SHA-256 of its
    bytes; either is None where it cannot be known (outside a repository; standard input)."""

    path: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class SectionLanguage:
    """A section written in another language than its report (a French report quoting an English law)."""

    title: str
    location: Location
    language: str  # ISO 639-1


@dataclass(frozen=True)
class DocumentAudit:
    """Everything the audit found in one submission."""

    source: str
    format: str
    kind: DocumentKind
    metadata: Metadata
    years: tuple[str, ...]
    findings: tuple[Finding, ...]
    areas: tuple[AreaScore, ...]
    score: float  # whether the measures are in place: the weighted credit of the statuses, 0-100
    year_scores: Mapping[str, float]
    completeness: float  # whether the items are answered: the weighted share answered, 0-100
    warnings: tuple[str, ...] = ()
    unmatched: tuple[Segment, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    identity: SourceIdentity = SourceIdentity()  # which file it is, whatever the working folder
    # What it is written in (ISO 639-1), identified or forced with --language; None in a result written
    # before languages were told (an old baseline).
    language: str | None = None
    other_languages: tuple[SectionLanguage, ...] = ()  # its sections written in another language

    def suppression(self, item_id: str) -> Suppression | None:
        """The suppression that covers an item, if any."""
        return next((item for item in self.suppressions if item.item_id == item_id), None)


@dataclass(frozen=True)
class Change:
    """How one report moved against its baseline: an item's status, or a score."""

    source: str
    subject: str  # an item id, an area id, or "score"
    before: str
    after: str


@dataclass(frozen=True)
class GateOutcome:
    """The CI gate's decision: why it failed, if it did, and how the reports moved against a baseline."""

    passed: bool
    failures: tuple[str, ...] = ()
    regressions: tuple[Change, ...] = ()
    improvements: tuple[Change, ...] = ()
    required: tuple[str, ...] = ()  # the items the gate requires
    warnings: tuple[str, ...] = ()  # what the gate could not check, e.g. a report not in the baseline
    short: tuple[tuple[str, str], ...] = ()  # (source, item id) of each required item that failed it

    def failed_on(self, source: str, item_id: str) -> bool:
        """Whether the gate failed on this item of this submission (required, and short of its bar)."""
        return (source, item_id) in self.short


@dataclass(frozen=True)
class AuditResult:
    """A whole run: the pack it used, one audit per submission in the order given, and the gate's
    decision when a gate was set."""

    pack_name: str
    pack_version: str
    audits: tuple[DocumentAudit, ...]
    gate: GateOutcome | None = None
