"""What a passage would show where a drafted document places it, judged as the audit of that document
will judge it.

A passage of a report counts for an item by what it says and by where it stands: in a field of the ILO's
form, the field's own words count too ("legal assistance" on the protection checklist ticks legal
protection) and in an item's field any answer is the item's; in free text, only what the sentence says.
A document drafted from a report (the country baseline, `country_baseline`) must say no more than the
report where it quotes it: so each passage is judged at each place it may stand (a `Spot`: a form field,
or a group's own text), as a one-sentence document would be, by the pack's own `evidence.Assessor`, as
the document is read: an ILO compilation, whose fields' answers are the ILO's summary (in text, Markdown
or a Word table, the layout finds the form by its labels).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from checker.evidence import Assessor
from checker.index import pack_triggers
from checker.language.profile import ENGLISH, Profile, profile, profiles
from checker.matching.normal import normalise
from checker.model import DocumentKind, Location, Rule, RulePack, Section, SectionKind, Segment, Status, best

__all__ = ["Shown", "Spot", "Trials"]


@dataclass(frozen=True)
class Spot:
    """Where a passage may stand: a field of the form (the items it answers as a whole, its checklist,
    whether its text is evidence for every item), or a group's own text (neither items nor checklist),
    which is read as free text."""

    label: str
    items: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()
    shared: bool = False

    @property
    def is_group(self) -> bool:
        """Whether it is a group's own text rather than a field."""
        return not (self.items or self.checklist)

    @property
    def section(self) -> Section:
        """The section the audit of the document gives the text standing there."""
        if self.is_group:
            return Section(SectionKind.FREE, self.label, Location())
        return Section(
            SectionKind.FORM_FIELD, self.label, Location(), self.items, self.checklist, shared=self.shared
        )

    def judges(self, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
        """The rules that read text standing here: every one in free or shared text, else the field's."""
        if self.is_group or self.shared:
            return rules
        asked = {*self.items, *self.checklist}
        return tuple(rule for rule in rules if rule.id in asked)


_WORD = re.compile(r"\w+")  # a word, as the index of a document's words has it

Shown = Mapping[str, Status]  # the status a passage shows for each item it shows anything for


class Trials:
    """Judges passages where they may stand, each once: with the pack as it read the report (in
    `language` alone; in every language it reads where None), and that language's way of cutting
    sentences."""

    def __init__(self, pack: RulePack, language: str | None) -> None:
        self._pack = pack.reading(language) if language is not None and language in pack.languages else pack
        self._profile: Profile = profiles().get(language or pack.language) or profile(ENGLISH)
        self._judged: dict[tuple[str, frozenset[str] | None, str | None, Spot], Shown] = {}

    def shown(self, quote: str, years: frozenset[str] | None, year_tag: str | None, spot: Spot) -> Shown:
        """What the passage `quote`, tagged with `year_tag` (of `years`), shows for each item standing at
        `spot` of an ILO compilation."""
        key = (quote, years, year_tag, spot)
        if key not in self._judged:
            self._judged[key] = self._judge(quote, years, year_tag, spot)
        return self._judged[key]

    def _judge(self, quote: str, years: frozenset[str] | None, year_tag: str | None, spot: Spot) -> Shown:
        # The sentence as the audit cuts and normalises it: the form's "Answer:" before it is not its own.
        text = normalise(self._profile.answer_prefix.sub("", quote))
        segment = Segment(0, text, quote, Location(), Location(), spot.section, years, year_tag)
        present = _present(text, pack_triggers(self._pack))
        assessor = Assessor(self._pack, DocumentKind.COMPILATION, [segment])
        shown: dict[str, Status] = {}
        for item_id, _, verdict, _ in assessor.judge_segment(0, spot.judges(self._pack.rules), present):
            if verdict.status is not None:
                shown[item_id] = best((shown.get(item_id, Status.MISSING), verdict.status))
        return shown


def _present(text: str, triggers: frozenset[str]) -> frozenset[str]:
    """The triggers some word of `text` begins with, as the index of a document's words tells them (see
    `index.SegmentIndex`)."""
    return frozenset(
        word[:end]
        for word in set(_WORD.findall(text))
        for end in range(1, len(word) + 1)
        if word[:end] in triggers
    )
