"""Judge one item on a submission's segments: what matched, what a cue changed, what was set aside.

For every segment in an item's scope (its own section or form field, a checklist that lists it, or free
text that answers no other item), the roles of the rule's evidence block decide, in this order (the
README's "How evidence is judged" gives rule authors the same table):

  1. a question asserts nothing: set aside; so is a run-in heading in free text;
  2. a checklist element that repeats the item's form label ticks it: `reported`, with no details;
  3. `not_about`: the stretch of the sentence it matches in (up to "but", "however", ";") is about
     something else, and none of the hits there count;
  4. `denies`, unless itself denied, planned or asked for: `negative`;
  5. `shows` (`shows_in_section` under the item's own heading, `shows_in_checklist` in a form checklist
     that lists it): `reported`, unless the cues whose scope covers the measure say otherwise, the first
     of `CUE_PRECEDENCE` deciding: a request or recommendation (set aside), a negation (`negative`), a
     plan (the language's or the rule's own `plans`: `partial`), an action to take (`partial`), a
     shortfall (`partial`); then `makes_partial` in the sentence (`partial`), and a generic claim that
     names nothing concrete (`partial`);
  6. `touches`: `partial` at most, read through the same cues;
  7. in the item's own section, where nothing of the rule matched at all, the text is read as an answer:
     "No." is `negative`, a plan `partial`, a bare "Yes." `partial` in a draft, and any answer
     `reported` in an ILO compilation, whose fields are the ILO's own summary of what was reported.

Across segments the strongest status stands (reported, partial, negative, missing, in that order).
A cue's scope is its clause: from the cue to the next clause break, and for the `*_before` cues back to
the previous break as well ("shelter was not provided"); a request runs to the end of its sentence.
Cues inside a pseudo-cue ("no one may be forced"), inside the evidence itself ("not to prosecute") or
inside a rule's `affirms` phrases do not count. In ``near`` and ``all`` the first part is the measure,
the others its context; cues are judged on the measure (see `search.Hit.primary`).
"""

from __future__ import annotations

import enum
import re
import sys
from collections.abc import Container, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property

from checker.matching.expressions import Expr
from checker.matching.normal import normalise
from checker.matching.search import Hit, bare_answer, find
from checker.model import (
    Cues,
    DocumentKind,
    Evidence,
    Finding,
    Rule,
    RulePack,
    Section,
    SectionKind,
    Segment,
    Status,
    best,
)
from checker.segment import CONTENTS_LEADER

__all__ = ["CUE_PRECEDENCE", "Assessor", "Judgement"]

_TICK_WORDS = 5  # a checklist element ticks an item when it starts with this many words of its label
_LIST_MARKER = re.compile(r"^(?:(?:and|or) )?\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\) ?")
_WORDS = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
# Capitalised words that name no particular body or law: "The Government attaches great importance".
# A verb a statement has; a run-in heading ("Freedom of association.") has none.
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|shall|would|should|can|could|may|might|must|does|do|"
    r"did|\w{3,}ed|(?:provide|include|remain|exist|allow|require|grant|punish|hold|take|make|give|receive|use|"
    r"intend|offer|ensure|cover|run|operate|support|face|lack|need|plan|note|welcome|request|consider|"
    r"state|indicate|continue|seek|aim|work|meet|help|protect|prohibit|apply|enable|establish)s?)\b"
)
_TITLE_WORDS = 12
# A finite verb: what a sentence has and a form's label ("Measures taken or envisaged:") has not.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|shall|would|should|can|could|may|must|does|do|did)\b"
)
_BARE_ANSWER_WORDS = 3  # an answer of this many words or fewer says nothing it could be judged on
# An entry of a table of contents: dots (or an ellipsis) leading to a page number.
_CONTENTS_ENTRY = re.compile(rf"{CONTENTS_LEADER}\s*$")
_CONTENTS = "an entry of the contents: it names the measure and says nothing of it"
# A label that opens a sentence ("Shelters for victims: ...") has at most this many words before its colon.
_LABEL_WORDS = 12
# A passage's neighbouring sentence is quoted up to this many characters, cut at a word: context for the
# analyst, which a run of text with no full stop (a table flattened into one "sentence") must not bloat.
_CONTEXT = 300
_SENTENCE_STARTS = frozenset(
    "Answer Response Reply The A An In On At By For Of To This That It Its Our We".split()
)
_GENERIC_NAMES = frozenset(
    "Government Governments State States Ministry Ministries Protocol Convention Committee Office "
    "Republic Country Authorities I".split()
)


class Role(enum.Enum):
    """How a segment stands to the item being judged."""

    OWN = "own"  # in the item's own section or form field
    CHECKLIST = "checklist"  # in a form field whose checklist lists the item
    FREE = "free"  # in text that answers no item in particular


@dataclass(frozen=True)
class CueStep:
    """One kind of cue that changes what evidence shows, when its scope covers the measure."""

    cue: str  # the `_Reading` property that holds its scopes
    status: Status | None  # what the evidence shows then; None: set aside
    reason: str  # why, with the cue's own words as {cue}
    inside: bool = False  # counts even inside the measure's own words (an imperative is its verb)


# The order in which the cues of a sentence are read against evidence: the first whose scope covers
# the measure decides (the README's "Precedence" table says the same to rule authors). A request
# outweighs a denial ("the Committee requests the Government to indicate whether victims were not
# prosecuted"), a denial a plan, a plan a shortfall.
CUE_PRECEDENCE = (
    CueStep("requests", None, "a request or recommendation, not a measure: {cue!r}", inside=True),
    CueStep("negations", Status.NEGATIVE, "denied by {cue!r}"),
    CueStep("hedges", Status.PARTIAL, "only planned or intended: {cue!r}"),
    CueStep("actions", Status.PARTIAL, "an action to take: {cue!r}", inside=True),
    CueStep("shortfalls", Status.PARTIAL, "only in part: {cue!r}"),
)


# Stronger evidence first: a measure recognised in the item's own answer, then elsewhere, then a bare
# answer or a ticked checklist box.
_BASIS_MATCH_OWN = 3
_BASIS_MATCH = 2
_BASIS_ANSWER = 1
_BASIS_CONTENTS = 0  # a contents entry names a measure, says nothing of it: it counts when nothing else does


@dataclass(frozen=True)
class _Scope:
    start: int
    end: int
    cue: Hit

    def covers(self, hit: Hit) -> bool:
        return self.start <= hit.start < self.end


def _overlaps(hit: Hit, others: Iterable[Hit]) -> bool:
    return any(hit.start < other.end and other.start < hit.end for other in others)


class _Reading:
    """What the pack's cues say about one segment, worked out once and shared by every rule."""

    def __init__(
        self, segment: Segment, cues: Cues, present: AbstractSet[str], listed_under: str | None = None
    ) -> None:
        self.segment = segment
        self.cues = cues
        self._present = present
        self.listed_under = listed_under  # the heading of the list of recommendations it is an item of

    def find(self, expr: Expr | None) -> list[Hit]:
        """Where `expr` matches in the segment; nowhere when the rule has no such expression."""
        return [] if expr is None else find(expr, self.segment.text, self._present)

    @cached_property
    def _breaks(self) -> list[Hit]:
        return sorted(self.find(self.cues.clause_breaks), key=lambda hit: hit.start)

    @cached_property
    def _ends(self) -> list[Hit]:
        return sorted([*self._breaks, *self.find(self.cues.forward_breaks)], key=lambda hit: hit.start)

    @cached_property
    def _contrasts(self) -> list[Hit]:
        return self.find(self.cues.contrasts)

    def stretch(self, position: int) -> tuple[int, int]:
        """The part of the sentence around `position` between contrasts ("but", "however", ";"): how far
        an exclusion reaches, across the commas and "and"s of a list."""
        start = max((hit.end for hit in self._contrasts if hit.end <= position), default=0)
        end = min(
            (hit.start for hit in self._contrasts if hit.start >= position), default=len(self.segment.text)
        )
        return start, end

    def clause(self, position: int) -> tuple[int, int]:
        """The clause around `position`: from the previous clause break to the next one."""
        start = max((hit.end for hit in self._breaks if hit.end <= position), default=0)
        end = min(
            (hit.start for hit in self._breaks if hit.start >= position), default=len(self.segment.text)
        )
        return start, end

    def _scope(self, cue: Hit, backward: bool) -> _Scope:
        # A cue reaches forward to the next break of either kind, and (for the *_before cues) back to
        # the previous clause break; measured from the cue's own edges.
        end = min((hit.start for hit in self._ends if hit.start >= cue.end), default=len(self.segment.text))
        return _Scope(self.clause(cue.start)[0] if backward else cue.start, end, cue)

    def scopes(self, forward: Expr, backward: Expr, pseudo: Expr) -> list[_Scope]:
        """Scopes of the cues of one kind (`backward` ones reach back too), pseudo-cues aside."""
        pseudo_hits = self.find(pseudo)
        scopes = [self._scope(hit, False) for hit in self.find(forward) if not _overlaps(hit, pseudo_hits)]
        scopes += [self._scope(hit, True) for hit in self.find(backward) if not _overlaps(hit, pseudo_hits)]
        return scopes

    @cached_property
    def answer_start(self) -> int | None:
        """Where the answer begins after a label that opens the sentence: "Shelters for victims: there is
        none", or a table row's first cell, "| Shelters for victims | There is none |". None when the
        sentence has no such label. The label names the topic; the answer says whether it was done."""
        text = self.segment.text
        if text.startswith("|"):
            end = text.find("|", 1)
            label = (end, end + 1) if end > 0 else None
        elif self._breaks and text[self._breaks[0].start : self._breaks[0].end] == ":":
            label = (self._breaks[0].start, self._breaks[0].end)
        else:
            label = None
        if label is None or len(text[: label[0]].split()) > _LABEL_WORDS:
            return None
        return label[1] + len(text[label[1] :]) - len(text[label[1] :].lstrip())

    @cached_property
    def answer_says_no(self) -> Hit | None:
        """A negative answer after a label: a bare one ("Compensation: None.", "| Legal aid | No, not yet
        |"), or one of several words that opens the answer ("Challenges: No observations were
        received"); not a sentence that opens with a word of it ("Non-prosecution: No victim may be
        prosecuted")."""
        start = self.answer_start
        if start is None:
            return None
        text = self.segment.text
        opening = (hit for hit in self.find(self.cues.negative_answer) if hit.start == start)
        phrase = next((hit for hit in opening if " " in text[hit.start : hit.end]), None)
        return phrase or bare_answer(self.cues.negative_answer, text, start)

    @cached_property
    def answer_points_elsewhere(self) -> bool:
        """Whether the answer after a label only refers to another ("Special initiatives: The Government
        refers to the information provided above")."""
        start = self.answer_start
        return start is not None and any(
            start <= hit.start <= start + 20 for hit in self.find(self.cues.cross_references)
        )

    @cached_property
    def answer_gives_nothing(self) -> bool:
        """Whether the answer after a label (one that names a topic, with no verb of its own) says
        nothing of a measure: a word or two, or a phrase with no verb, naming nothing concrete (see
        `_concrete`): "Challenges: various.", "Request: Yes."."""
        start = self.answer_start
        if start is None or _FINITE.search(self.segment.text[:start]):
            return False  # "The strategy is a whole-of-government endeavour: ..." is a statement
        quote = self.segment.quote
        cut = quote.find("|", 1) if quote.startswith("|") else quote.find(":")
        answer = quote[cut + 1 :]
        short = len(_WORDS.findall(answer)) <= _BARE_ANSWER_WORDS
        return not _concrete(answer) and (short or not _VERB.search(self.segment.text[start:]))

    @cached_property
    def generic(self) -> Hit | None:
        """A cue of a generic claim ("where necessary", "in accordance with the law") in a sentence that
        names nothing concrete: a claim, not an account of a measure."""
        if self.substantive:
            return None
        return next(iter(self.find(self.cues.generic)), None)

    @cached_property
    def negations(self) -> list[_Scope]:
        return self.scopes(self.cues.negation, self.cues.negation_before, self.cues.pseudo_negation)

    @cached_property
    def hedges(self) -> list[_Scope]:
        return self.scopes(self.cues.hedges, self.cues.hedges_before, self.cues.pseudo_hedges)

    @cached_property
    def actions(self) -> list[_Scope]:
        # An imperative that opens a sentence outside a list of recommendations is an action to take
        # (a plan's "1. Provide information to employers ..."): planned, over the whole sentence.
        end = len(self.segment.text)
        return [_Scope(hit.start, end, hit) for hit in self.find(self.cues.imperatives)]

    @cached_property
    def shortfalls(self) -> list[_Scope]:
        return self.scopes(self.cues.shortfalls, self.cues.shortfalls_before, self.cues.pseudo_hedges)

    @cached_property
    def requests(self) -> list[_Scope]:
        # A request or recommendation covers the rest of its sentence, whatever clauses follow.
        end = len(self.segment.text)
        return [_Scope(hit.start, end, hit) for hit in self.find(self.cues.requests)]

    @cached_property
    def is_question(self) -> bool:
        return self.segment.text.rstrip(" \"')").endswith("?")

    @cached_property
    def says_no(self) -> Hit | None:
        """A negative answer at the start of the segment ("No.", "None", "Not applicable")."""
        pseudo = self.find(self.cues.pseudo_negation)
        return next(
            (
                hit
                for hit in self.find(self.cues.negative_answer)
                if hit.start == 0 and not _overlaps(hit, pseudo)
            ),
            None,
        )

    @cached_property
    def points_elsewhere(self) -> bool:
        """An answer that only refers to another ("See question 10.")."""
        return any(hit.start == 0 for hit in self.find(self.cues.cross_references))

    @cached_property
    def bare_yes(self) -> bool:
        hits = [hit for hit in self.find(self.cues.affirmative_answer) if hit.start == 0]
        return bool(hits) and not _WORDS.search(self.segment.text[hits[0].end :])

    @cached_property
    def is_title(self) -> bool:
        """A run-in heading: opens its paragraph, short, no verb, no figure. A topic, not a statement."""
        text = self.segment.text
        return (
            self.segment.lead
            and len(text.split()) <= _TITLE_WORDS
            and not _VERB.search(text)
            and not _DIGIT.search(text)
        )

    @cached_property
    def is_contents_entry(self) -> bool:
        """An entry of a table of contents, its words led by dots to a page number ("Victim protection
        ........ 12"): it names what the report covers, and says nothing of it."""
        return _CONTENTS_ENTRY.search(self.segment.quote) is not None

    @cached_property
    def substantive(self) -> bool:
        """Whether the sentence states a concrete fact (see `_concrete`)."""
        return _concrete(self.segment.quote)


def _concrete(quote: str) -> bool:
    """Whether a passage, as written, names something concrete: a figure, a date or a named body or law."""
    if _DIGIT.search(quote):
        return True
    words = [word.strip("\"'()[],.;:*") for word in quote.split()]
    # A capital that only starts the sentence (after an "Answer:" label, say) names nothing.
    while words and (words[0].endswith(":") or words[0] in _SENTENCE_STARTS or not words[0]):
        words = words[1:]
    return any(word[:1].isupper() and word not in _GENERIC_NAMES for word in words[1:])


def _measured(hits: list[Hit]) -> list[Hit]:
    """The hits, if the measure is among them; none when only its context matched (the parts of a
    nested ``near`` can meet on a context word while the measure itself stands too far away)."""
    return hits if any(hit.primary for hit in hits) else []


def _quoted(hits: Sequence[Hit], text: str) -> tuple[str, ...]:
    # Interned: the same few words are quoted in thousands of verdicts of a long report.
    return tuple(dict.fromkeys(sys.intern(text[hit.start : hit.end]) for hit in hits))


def _decisive(
    scopes: list[_Scope], hits: Sequence[Hit], ignore: Sequence[Hit], *, inside: bool = False
) -> Hit | None:
    """The cue whose scope covers every primary hit: the measure itself is denied, planned or asked for.

    Cues inside an `affirms` phrase do not count, nor (unless `inside`) cues inside the measure itself
    ("not to prosecute"); a request's imperative is often the measure's own verb ("Ratify the Protocol").
    """
    measure = [hit for hit in hits if hit.primary] or list(hits)
    live = [
        scope
        for scope in scopes
        if (inside or not _overlaps(scope.cue, measure)) and not _overlaps(scope.cue, ignore)
    ]
    if not live or not all(any(scope.covers(hit) for scope in live) for hit in measure):
        return None
    return next(scope.cue for scope in live if scope.covers(measure[0]))


@dataclass(frozen=True)
class _Verdict:
    status: Status | None  # None: set aside
    reason: str
    matched: tuple[str, ...] = ()
    basis: int = _BASIS_MATCH


# What one segment shows for one item: the item, whether it is an answer read as such (see
# `_Judged.answers`), the verdict, and the segment's index. Small, to come back from a forked process.
Judgement = tuple[str, bool, _Verdict, int]


@dataclass
class _Judged:
    """What the segments showed for one item, as they are read."""

    found: list[tuple[_Verdict, Segment]] = field(default_factory=list)
    # Answers in the item's own section in which nothing of the rule was recognised, read as answers.
    answers: list[tuple[_Verdict, Segment]] = field(default_factory=list)
    # Entries of a table of contents that name the item: they count only where no passage speaks of it.
    contents: list[tuple[_Verdict, Segment]] = field(default_factory=list)


class Assessor:
    """Judges items on one submission's segments with one rule pack's cues: what a segment shows for
    each rule it is judged for (what is worked out about the segment is shared by every rule), and the
    finding each item gets from what all its segments showed. Which segments each rule is judged on,
    and when, is planned by `planning`."""

    def __init__(
        self,
        pack: RulePack,
        kind: DocumentKind,
        segments: Sequence[Segment],
        off_subject: Mapping[int, str] | None = None,
        recommendations: Mapping[int, str] | None = None,
    ) -> None:
        self._cues = pack.cues
        # Free text that is not about forced labour, with the reason (see `subject`), and the items of
        # lists of recommendations, with their heading (see `recommendations`): what matches there is
        # set aside.
        self._off_subject = off_subject or {}
        self._recommendations = recommendations or {}
        self._kind = kind
        self.segments = {item.index: item for item in segments}
        self.in_section: dict[Section, list[int]] = {}  # the segments of each section, by index
        for item in segments:
            self.in_section.setdefault(item.section, []).append(item.index)
        self._label_words: dict[str, tuple[str, ...]] = {}

    def _ticks(self, rule: Rule, segment: Segment) -> bool:
        words = self._label_words.get(rule.id)
        if words is None:
            words = self._label_words[rule.id] = tuple(_WORDS.findall(normalise(rule.form_label)))[
                :_TICK_WORDS
            ]
        element = _WORDS.findall(_LIST_MARKER.sub("", segment.text))
        return tuple(element[: len(words)]) == words

    def _cued(
        self,
        rule: Rule,
        reading: _Reading,
        hits: list[Hit],
        matched: tuple[str, ...],
        basis: int,
        *,
        claim: bool = True,
    ) -> _Verdict:
        """The status of evidence `hits` once the sentence's requests, negations and hedges are read.

        After a label ("Shelters for victims: there is no shelter"), the answer decides: its own hits are
        read, not the label's, whose words alone say nothing of whether the measure was taken; an answer
        that only says no ("Compensation: None.") denies it; one that does not mention the measure leaves
        the label's hits to be read as they are."""
        text = reading.segment.text
        answer = reading.answer_start
        unanswered = False  # the label names the measure; the answer does not say it was taken
        if answer is not None:
            own = [hit for hit in hits if hit.start >= answer]
            if own:
                hits = own
            elif (said := reading.answer_says_no) is not None:
                return _Verdict(
                    Status.NEGATIVE, f"the answer says {text[said.start : said.end]!r}", matched, basis
                )
            else:
                unanswered = reading.answer_gives_nothing or reading.answer_points_elsewhere
        if reading.listed_under is not None:
            listed = f"a recommendation, not a measure: listed under {reading.listed_under!r}"
            return _Verdict(None, listed, matched, basis)
        affirmed = reading.find(rule.evidence.affirms)
        for step in CUE_PRECEDENCE:
            cue = _decisive(self._scopes(step.cue, rule, reading), hits, affirmed, inside=step.inside)
            if cue is not None:
                reason = step.reason.format(cue=text[cue.start : cue.end])
                return _Verdict(step.status, reason, matched, basis)
        narrowed = reading.find(rule.evidence.makes_partial)
        if narrowed:
            return _Verdict(
                Status.PARTIAL, f"only part of the item: {_quoted(narrowed, text)[0]!r}", matched, basis
            )
        if not claim:  # a denial read for its cues: only whether it is itself denied, planned or asked for
            return _Verdict(Status.REPORTED, "", matched, basis)
        if unanswered:
            return _Verdict(Status.PARTIAL, "named by the label; the answer gives no measure", matched, basis)
        if (generic := reading.generic) is not None:
            cue_words = text[generic.start : generic.end]
            return _Verdict(
                Status.PARTIAL, f"a generic claim, no measure named: {cue_words!r}", matched, basis
            )
        return _Verdict(Status.REPORTED, "", matched, basis)

    def _scopes(self, cue: str, rule: Rule, reading: _Reading) -> list[_Scope]:
        """The scopes of one kind of cue in the sentence: the pack's, and for plans the rule's own too."""
        scopes: list[_Scope] = getattr(reading, cue)
        if cue == "hedges" and rule.evidence.plans is not None:
            scopes = scopes + reading.scopes(
                rule.evidence.plans, rule.evidence.plans, self._cues.pseudo_hedges
            )
        return scopes

    def _answer(self, rule: Rule, reading: _Reading) -> _Verdict:
        """An answer in the item's own section, where nothing of the rule matched: read as an answer."""
        text = reading.segment.text
        if reading.points_elsewhere:
            return _Verdict(None, "refers to another answer", basis=_BASIS_ANSWER)
        if reading.says_no is not None:
            hit = reading.says_no
            return _Verdict(
                Status.NEGATIVE, f"the answer says {text[hit.start : hit.end]!r}", basis=_BASIS_ANSWER
            )
        affirmed = reading.find(rule.evidence.affirms)
        denials = [scope for scope in reading.negations if not _overlaps(scope.cue, affirmed)]
        if denials:
            cue = denials[0].cue
            return _Verdict(
                Status.NEGATIVE, f"the answer denies it: {text[cue.start : cue.end]!r}", basis=_BASIS_ANSWER
            )
        if reading.hedges:
            cue = reading.hedges[0].cue
            return _Verdict(
                Status.PARTIAL,
                f"the answer is only a plan: {text[cue.start : cue.end]!r}",
                basis=_BASIS_ANSWER,
            )
        if self._kind is DocumentKind.COMPILATION and reading.segment.section.kind is SectionKind.FORM_FIELD:
            return _Verdict(
                Status.REPORTED, "answered in the item's field of the ILO form", basis=_BASIS_ANSWER
            )
        if reading.bare_yes:
            return _Verdict(Status.PARTIAL, "a bare 'yes', with no measure", basis=_BASIS_ANSWER)
        return _Verdict(Status.PARTIAL, "answered, but no measure recognised", basis=_BASIS_ANSWER)

    @staticmethod
    def _answers(read: list[tuple[_Verdict, Segment]]) -> list[tuple[_Verdict, Segment]]:
        """Answers in which nothing of the rule was recognised, as read. Within one answer (a section in
        one report year) a "No." outweighs the sentences that elaborate on it."""
        denied = {
            (segment.section, segment.years) for verdict, segment in read if verdict.status is Status.NEGATIVE
        }
        return [
            (verdict, segment)
            for verdict, segment in read
            if verdict.status is Status.NEGATIVE or (segment.section, segment.years) not in denied
        ]

    def _relevant(self, hits: list[Hit], excluded: list[Hit], reading: _Reading) -> list[Hit]:
        """Hits outside every stretch of the sentence that an exclusion shows to be about something else;
        none at all when no measure is left, only its context."""
        if not excluded:  # the common case: nothing is about something else
            return _measured(hits)
        # Measured from where each exclusion ends: one that is itself a contrast ("despite") is about
        # what follows it.
        stretches = {reading.stretch(hit.end) for hit in excluded}
        return _measured([hit for hit in hits if reading.stretch(hit.start) not in stretches])

    def _judge(self, rule: Rule, reading: _Reading, role: Role) -> _Verdict | None:
        """What one segment shows for one item by the rule's phrases; None when they find nothing."""
        spec = rule.evidence
        text = reading.segment.text
        if role is Role.CHECKLIST and self._ticks(rule, reading.segment):
            return _Verdict(
                Status.REPORTED, "ticked on the form's checklist", (rule.form_label,), _BASIS_ANSWER
            )
        hits = _measured(reading.find(spec.shows))
        relaxed = {Role.OWN: spec.shows_in_section, Role.CHECKLIST: spec.shows_in_checklist}.get(role)
        if relaxed is not None and (loose := _measured(reading.find(relaxed))):
            # A word of the item in its own answer counts beside a concrete fact, or to deny the measure;
            # a bare claim ("Penalties are provided for.") is left to be read as an answer.
            denied = _decisive(reading.negations, loose, []) is not None
            if role is not Role.OWN or reading.substantive or hits or denied:
                hits += loose
        denial = _measured(reading.find(spec.denies))
        touching = [] if hits else _measured(reading.find(spec.touches))
        found = hits or denial or touching
        if not found:
            return None
        matched = _quoted(found, text)
        if reading.is_question:
            return _Verdict(None, "a question, not an answer", matched)
        if role is Role.FREE and reading.is_title:
            return _Verdict(None, "a heading, not a statement", matched)
        verdict = self._weigh(rule, reading, role, (hits, denial, touching), matched)
        if role is Role.FREE and reading.is_contents_entry and verdict.status is not None:
            capped = Status.PARTIAL if verdict.status is Status.REPORTED else verdict.status
            return _Verdict(capped, _CONTENTS, verdict.matched, _BASIS_CONTENTS)
        return verdict

    def _weigh(
        self,
        rule: Rule,
        reading: _Reading,
        role: Role,
        groups: tuple[list[Hit], list[Hit], list[Hit]],
        matched: tuple[str, ...],
    ) -> _Verdict:
        """What the hits of a rule's `shows`, `denies` and `touches` show, once the cues are read."""
        spec = rule.evidence
        text = reading.segment.text
        hits, denial, touching = groups
        excluded = reading.find(spec.not_about)
        hits, denial, touching = (
            self._relevant(group, excluded, reading) for group in (hits, denial, touching)
        )
        if not any(hit.primary for hit in (*hits, *denial, *touching)):
            return _Verdict(None, f"about something else: {_quoted(excluded, text)[0]!r}", matched)
        basis = _BASIS_MATCH_OWN if role is Role.OWN else _BASIS_MATCH
        if denial and _decisive(reading.negations, denial, []) is None:
            verdict = self._cued(rule, reading, denial, _quoted(denial, text), basis, claim=False)
            if verdict.status is Status.REPORTED:
                return _Verdict(
                    Status.NEGATIVE, "says the measure is not taken", _quoted(denial, text), basis
                )
        if hits:
            return self._cued(rule, reading, hits, _quoted(hits, text), basis)
        if not touching:
            return _Verdict(None, "a denial that is itself denied", matched)
        verdict = self._cued(rule, reading, touching, _quoted(touching, text), basis)
        if verdict.status is Status.REPORTED:
            return _Verdict(Status.PARTIAL, "mentioned, with no measure", verdict.matched, basis)
        return verdict

    def judge_segment(self, index: int, rules: Sequence[Rule], present: AbstractSet[str]) -> list[Judgement]:
        """What the segment `index` shows for each of `rules`, given the `present` triggers of its words
        (see `index`); nothing for a rule whose phrases find nothing in a segment that does not answer it."""
        segment = self.segments[index]
        reading = _Reading(segment, self._cues, present, self._recommendations.get(index))
        judgements: list[Judgement] = []
        for rule in rules:
            role = _role(rule.id, segment.section)
            if role is None:
                continue
            verdict = self._judge(rule, reading, role)
            if verdict is not None:
                if role is Role.FREE and verdict.status is not None and index in self._off_subject:
                    verdict = _Verdict(None, self._off_subject[index], verdict.matched, verdict.basis)
                judgements.append((rule.id, False, verdict, index))
            elif role is Role.OWN and not reading.is_question:
                judgements.append((rule.id, True, self._answer(rule, reading), index))
        return judgements

    def findings(
        self,
        rules: Sequence[Rule],
        judgements: Iterable[Judgement],
        sections: Sequence[Section],
        years: Sequence[str],
    ) -> tuple[Finding, ...]:
        """The finding for each of `rules`' items from what its segments showed (`judgements`)."""
        judged = {rule.id: _Judged() for rule in rules}
        for item_id, answer, verdict, index in judgements:
            kept = judged[item_id]
            if answer:
                kept.answers.append((verdict, self.segments[index]))
            elif verdict.basis == _BASIS_CONTENTS:
                kept.contents.append((verdict, self.segments[index]))
            else:
                kept.found.append((verdict, self.segments[index]))
        return tuple(self._finding(rule, judged[rule.id], sections, years) for rule in rules)

    def _finding(
        self, rule: Rule, judged: _Judged, sections: Sequence[Section], years: Sequence[str]
    ) -> Finding:
        answered = {(segment.section, segment.years) for _, segment in judged.found}
        found = judged.found + self._answers(
            [
                (verdict, segment)
                for verdict, segment in judged.answers
                if (segment.section, segment.years) not in answered
            ]
        )
        found = found or judged.contents
        found.sort(key=lambda pair: (-(pair[0].status or Status.MISSING).rank, -pair[0].basis, pair[1].index))
        evidence = tuple(
            _evidence(verdict, segment, *self._context(segment))
            for verdict, segment in found
            if verdict.status is not None
        )
        set_aside = tuple(
            _evidence(verdict, segment, *self._context(segment))
            for verdict, segment in found
            if verdict.status is None
        )
        own = [section for section in sections if rule.id in section.items]
        evidence += _declared_without_text(own, self.in_section)
        status = best(item.status for item in evidence if item.status is not None)
        by_year = {
            year: best(
                item.status for item in evidence if item.status and (item.years is None or year in item.years)
            )
            for year in years
        }
        note = _note(status, evidence, own, self.in_section)
        anchor = own[0].location if own else None
        return Finding(rule.id, rule.area, status, by_year, evidence, set_aside, note, anchor)

    def _context(self, segment: Segment) -> tuple[str | None, str | None]:
        """The sentences before and after `segment` in its section, cut (see `_CONTEXT`); None at its
        edges. Looked up here, where every segment is at hand: a share judged in a forked process
        sends back only its judgements, and the findings are made in this one."""
        before = self.segments.get(segment.index - 1)
        after = self.segments.get(segment.index + 1)
        return (
            _ending(before.quote) if before is not None and before.section == segment.section else None,
            _opening(after.quote) if after is not None and after.section == segment.section else None,
        )


def _opening(quote: str) -> str | None:
    """The start of a sentence that follows a passage, cut at a word after `_CONTEXT` characters."""
    if len(quote) <= _CONTEXT:
        return quote or None
    cut = quote[: _CONTEXT + 1]  # one more: a space just after the limit cuts there, not a word earlier
    kept = cut.rsplit(" ", 1)[0] if " " in cut else cut[:_CONTEXT]
    return kept.rstrip(",;:") + "\u2026"


def _ending(quote: str) -> str | None:
    """The end of a sentence that precedes a passage (the words nearest it), cut at a word."""
    if len(quote) <= _CONTEXT:
        return quote or None
    cut = quote[-_CONTEXT - 1 :]
    return "\u2026" + (cut.split(" ", 1)[1] if " " in cut else cut[1:])


def _role(item_id: str, section: Section) -> Role | None:
    if item_id in section.items:
        return Role.OWN
    if item_id in section.checklist:
        return Role.CHECKLIST
    if (section.items or section.checklist) and not section.shared:
        return None  # text that answers other items is not evidence for this one
    return Role.FREE


def _evidence(verdict: _Verdict, segment: Segment, before: str | None, after: str | None) -> Evidence:
    reason = sys.intern(verdict.reason or "matched " + ", ".join(repr(text) for text in verdict.matched))
    return Evidence(
        start=segment.start,
        end=segment.end,
        quote=segment.quote,
        status=verdict.status,
        reason=reason,
        year_tag=segment.year_tag,
        years=segment.years,
        section=segment.section.title or None,
        matched=verdict.matched,
        before=before,
        after=after,
    )


def _declared_without_text(own: list[Section], with_text: Container[Section]) -> tuple[Evidence, ...]:
    """A drafter's declared status stands for something only when the answer has no text at all."""
    declared = []
    for section in own:
        if section.declared is None or section in with_text:
            continue
        status = Status.NEGATIVE if section.declared is Status.NEGATIVE else Status.PARTIAL
        reason = f"declared {section.declared.value}, but the answer has no text"
        declared.append(
            Evidence(section.location, section.location, "", status, reason, section=section.title)
        )
    return tuple(declared)


def _note(
    status: Status, evidence: tuple[Evidence, ...], own: list[Section], with_text: Container[Section]
) -> str | None:
    if evidence and status is Status.REPORTED:
        reported = [item for item in evidence if item.status is Status.REPORTED]
        if all(item.reason == "ticked on the form's checklist" for item in reported):
            return "ticked on the form's checklist; no details given"
    declared = next((section.declared for section in own if section.declared is not None), None)
    if declared is not None and declared is not status:
        return f"declared {declared.value}; the text shows {status.value}"
    if status is Status.MISSING and own and not any(section in with_text for section in own):
        kind = "form field" if own[0].kind is SectionKind.FORM_FIELD else "section"
        return f"the item's {kind} is empty"
    return None
