"""The ILO's country baseline of the Annual Review, drafted from a government's report.

ILO staff turn each government's report into a country baseline by hand: the form's fields in its order
(reporting, observations by the social partners, ratification, policy, prevention, protection, remedies,
cooperation, promotion, challenges, technical cooperation), each answered with what the report says, a
checklist's elements ticked where the report supports them, answers tagged by report year ("2017 AR:").
This module drafts it from an audit of the report: for each item, the passages that decided its status
in each report year, quoted as the report writes them, with the place they stand and their year tag, in
the field that asks for the item; a checklist's elements ticked where the report reports the measure; a
field the report is silent on left empty. Nothing is re-read from the report: its audit holds it all.

A baseline must say what the report says, no more and no less: its audit gives the report's statuses
back (tests/test_cli_compile.py holds the writers to it). Yet a passage may say more in a field than
where the report has it: a field's own words count there ("legal assistance" on the protection
checklist ticks legal protection), an item's field reads any answer as the item's, and a checklist
reads a passage for each of its elements. So each passage and each tick is judged where it would stand,
as the audit of the baseline will judge it (`placement`), and stands in the first place where it shows
its item as the report does and no item more than the report does: the field where the report has it,
the fields that ask for the item, the item's own line under its checklist ("c) Regulation and
supervision of the labour recruitment and placement process:"), else its group's own text, read as the
report's prose is. A passage that fits none of them as quoted is tried led by its item's label: a bare
answer ("Yes.") that the report's heading made `partial` is `reported` in the item's field (the ILO's
summary) and shows nothing elsewhere, but "Ratification intention: Yes." names the measure in its label
and none in its answer, and is `partial` there as in the report.

The writers (`reporters.baseline_formats` names them by format) lay the baseline out as the ILO's form.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from checker.layout import heading_scope
from checker.model import DocumentAudit, Evidence, Finding, FormField, Location, RulePack, Status, best
from checker.placement import Shown, Spot, Trials

__all__ = [
    "MOST_PASSAGES",
    "Answer",
    "BaselineField",
    "BaselineGroup",
    "ChecklistElement",
    "Citation",
    "CountryBaseline",
    "Entry",
    "EntryKind",
    "Passage",
    "compile_baseline",
    "year_tag",
]

# The passages quoted for an item in each report year it is tagged with: enough to show how it stands,
# few enough for the field to stay a summary, as the ILO's are.
MOST_PASSAGES = 3
# How many of an item's passages of one year are tried in turn for a place: the strongest first.
_TRIED = 3 * MOST_PASSAGES

# What the document is, in the languages the pack's form is worded in.
_TITLES = {"en": "COUNTRY BASELINE", "fr": "DONNÉES DE RÉFÉRENCE PAR PAYS", "es": "LÍNEA DE BASE POR PAÍS"}


def year_tag(tag: str) -> str:
    """A year tag as the ILO writes it before an answer: ``2017 AR:``, ``2017-2018 ARs:``."""
    return f"{tag} ARs:" if "-" in tag else f"{tag} AR:"


# ── the baseline ─────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Citation:
    """Where a passage stands in the report: its file (by name; empty where naming it would say more
    than the report, see `_Placer._cited`) and its first and last lines."""

    file: str
    start: Location
    end: Location

    @property
    def cited(self) -> str:
        """As a citation gives it: ``report.txt, l. 75-77``; the place alone where the file is not named."""
        return f"{self.file}, {self.describe()}" if self.file else self.describe()

    def describe(self) -> str:
        """``l. 75``, ``l. 75-77``, ``p. 3 l. 12-14``, ``¶ 7-9``, ``table 2 row 5-6``."""
        start, end = self.start, self.end
        if end == start:
            return start.describe()
        if start.table is not None:
            return f"{start.describe()}-{end.row}" if end.table == start.table else start.describe()
        if start.paragraph is not None:
            return f"{start.describe()}-{end.paragraph}" if end.paragraph is not None else start.describe()
        if end.line is not None and end.page == start.page:
            return f"{start.describe()}-{end.line}"
        return f"{start.describe()} - {end.describe()}"


@dataclass(frozen=True)
class Passage:
    """A passage of the report quoted in the baseline: its words (verbatim), the items it decides where
    it stands, the strongest status it shows for them, where the report has it, its year tag, and the
    label of its item it is led by, if any (see the module's docstring)."""

    quote: str
    items: tuple[str, ...]
    status: Status
    citation: Citation
    year_tag: str | None = None  # as the report tags it ("2017", "2017-2018"); None: untagged
    years: frozenset[str] | None = None  # the tag's years; None: every year of the report
    label: str = ""  # its item's label, written before it; empty: the quote stands alone

    @property
    def text(self) -> str:
        """As the baseline writes it: the quote, led by its label where it has one."""
        return _led(self.label, self.quote)


def _led(label: str, quote: str) -> str:
    return f"{label}: {quote}" if label else quote


@dataclass(frozen=True)
class Answer:
    """What stands under one year tag (None: untagged): the checklist's elements ticked there, lettered in
    the form's order and worded as on it ("a) Information, education and ..."), then passages."""

    year_tag: str | None
    ticked: tuple[str, ...]
    passages: tuple[Passage, ...]

    @property
    def checklist_line(self) -> str:
        """The ticked elements as the ILO lists them, ``a) ...; c) ...; j) ...``; empty if none."""
        return "; ".join(self.ticked)


@dataclass(frozen=True)
class ChecklistElement:
    """An element of a field's checklist: its item, its letter and wording on the form, how the report
    stands on it, whether the report supports it (reports the measure), the year tags it is ticked
    under, and the passages that stand on its own line under the checklist."""

    item_id: str
    letter: str
    label: str
    status: Status
    supported: bool
    year_tags: tuple[str | None, ...] = ()  # None: ticked untagged, for every report year
    passages: tuple[Passage, ...] = ()

    @property
    def line(self) -> str:
        """Its line on the form: ``c) Regulation and supervision of ...``."""
        return f"{self.letter}) {self.label}"

    def answers(self) -> tuple[Answer, ...]:
        """Its own passages by year tag, untagged first."""
        return _by_year_tag(self.passages)


def _by_year_tag(
    passages: Sequence[Passage], checklist: Sequence[ChecklistElement] = ()
) -> tuple[Answer, ...]:
    """Ticks and passages by year tag, untagged first: a tag holds up to the next one."""
    tags = {passage.year_tag for passage in passages}
    tags.update(tag for element in checklist for tag in element.year_tags)
    return tuple(
        Answer(
            tag,
            tuple(element.line for element in checklist if tag in element.year_tags),
            tuple(passage for passage in passages if passage.year_tag == tag),
        )
        for tag in sorted(tags, key=_tag_order)
    )


def _tag_order(tag: str | None) -> tuple[int, str]:
    return (0, "") if tag is None else (1, tag)


@dataclass(frozen=True)
class BaselineField:
    """A field of the form: the item it answers as a whole (None for a checklist alone), its area, its
    label as on the form, the labels of the groups above it, how the report stands on its item, the
    passages that answer it and its checklist."""

    item_id: str | None
    area: str
    label: str
    groups: tuple[str, ...] = ()
    status: Status = Status.MISSING
    passages: tuple[Passage, ...] = ()
    checklist: tuple[ChecklistElement, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the field is left empty: nothing quoted, nothing ticked."""
        return not self.passages and not any(
            element.year_tags or element.passages for element in self.checklist
        )

    def answers(self) -> tuple[Answer, ...]:
        """The field's own answer by year tag, untagged first: the elements ticked, then the passages.
        (Each element's own passages stand on its line, after.)"""
        return _by_year_tag(self.passages, self.checklist)


@dataclass(frozen=True)
class BaselineGroup:
    """A group of the form's top level ("Reporting", "Efforts and progress made ..."), with the passages
    that bear on its fields but stand in none: in a field, they would say more than the report."""

    label: str
    passages: tuple[Passage, ...] = ()

    def answers(self) -> tuple[Answer, ...]:
        """Its passages by year tag, untagged first."""
        return _by_year_tag(self.passages)


@dataclass(frozen=True)
class CountryBaseline:
    """A country's baseline drafted from one report: the form's top-level groups and its fields, in
    order, worded in the report's language (the pack's where the form has no wording in it)."""

    country: str | None
    years: tuple[str, ...]
    language: str
    source: str  # the report, as it was named
    title: str  # what the document is ("COUNTRY BASELINE"), in its language
    instrument: str
    groups: tuple[BaselineGroup, ...]
    fields: tuple[BaselineField, ...]

    @property
    def heading(self) -> str:
        """The title line of the ILO's compilations, ``AZERBAIJAN (2017-2018)``: the years only where they
        run on from first to last (a title says a range); empty where the report names no country."""
        if not self.country:
            return ""
        years = [int(year) for year in self.years if year.isdigit()]
        if years and years == list(range(years[0], years[-1] + 1)):
            span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
            return f"{self.country.upper()} ({span})"
        return self.country.upper()

    def group(self, label: str) -> BaselineGroup:
        """The top-level group labelled `label`."""
        return next(group for group in self.groups if group.label == label)

    def entries(self) -> Iterator[Entry]:
        """The form's labels in order, each with what stands under it: a group's (before its first
        field; a top-level one's in capitals, as the ILO writes it, with its own passages), a field's,
        then the own line of each element of its checklist that has passages of its own, asked as the
        form's question ("c) Regulation and supervision ... process:")."""
        shown: tuple[str, ...] = ()
        for field in self.fields:
            for depth, label in enumerate(field.groups):
                if shown[: depth + 1] != field.groups[: depth + 1]:
                    top = depth == 0
                    yield Entry(
                        EntryKind.GROUP,
                        label.upper() if top else label,
                        self.group(label).answers() if top else (),
                    )
            shown = field.groups
            yield Entry(EntryKind.FIELD, field.label, field.answers())
            for element in field.checklist:
                if element.passages:
                    yield Entry(EntryKind.ELEMENT, f"{element.line}:", element.answers())


class EntryKind(enum.Enum):
    """What a label of the baseline is."""

    GROUP = "group"  # heads fields; its own text holds the passages that stand in none of them
    FIELD = "field"
    ELEMENT = "element"  # an element of a checklist, asked on a line of its own


@dataclass(frozen=True)
class Entry:
    """A label of the baseline, as on the form, and what stands under it."""

    kind: EntryKind
    label: str
    answers: tuple[Answer, ...]


# ── the form, as places a passage may stand ──────────────────────────────────────────────────────


def _form_fields(
    fields: Sequence[FormField], groups: tuple[FormField, ...] = ()
) -> Iterator[tuple[FormField, tuple[FormField, ...]]]:
    """Every field of the form that answers something, in order, with the groups above it."""
    for entry in fields:
        if entry.children:
            yield from _form_fields(entry.children, (*groups, entry))
        elif entry.item or entry.checklist:
            yield entry, groups


def _field_spot(entry: FormField) -> Spot:
    return Spot(entry.label, (entry.item,) if entry.item else (), entry.checklist, entry.shared)


def _element_spot(item_id: str, pack: RulePack) -> Spot:
    """An element's own line under its checklist, which the form's layout reads as the item's field."""
    return Spot(pack.rule(item_id).form_label, (item_id,))


class _Form:
    """The places a passage may stand: the form's fields in order, the own lines of the elements of a
    checklist (of those items that have no field of their own), each top-level group's own text."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.fields = list(_form_fields(pack.form))
        fielded = {entry.item for entry, _ in self.fields if entry.item}
        self.elements = {
            item: _element_spot(item, pack)
            for entry, _ in self.fields
            for item in entry.checklist
            if item not in fielded
        }
        self.groups = {group.label: Spot(group.label) for group in pack.form if group.children}
        self.group_of = {_field_spot(entry): self.groups[groups[0].label] for entry, groups in self.fields}

    def spots(self, item_id: str, section: str | None) -> list[Spot]:
        """Where a passage of `item_id` may stand, in the order tried: the field where the report has it
        (a compilation's), the fields that ask for the item (the one that answers it whole first), its
        element's own line, the group's own text. Nowhere for an item the form does not ask for (a
        second pack's)."""
        asking = [_field_spot(entry) for entry, _ in self.fields if item_id in (entry.item, *entry.checklist)]
        if not asking:
            return []
        asking.sort(key=lambda spot: item_id not in spot.items)
        own_line = [self.elements[item_id]] if item_id in self.elements else []
        where = [spot for spot in (*asking, *own_line) if section is not None and self._holds(spot, section)]
        return list(dict.fromkeys([*where, *asking, *own_line, self.group_of[asking[0]]]))

    def _holds(self, spot: Spot, section: str) -> bool:
        """Whether the report's section titled `section` is the field `spot` (a compilation's field by its
        label, a draft's heading by what it names)."""
        if spot.label == section:
            return True
        scope = heading_scope(section, self.pack)
        return scope is not None and (scope.items, scope.checklist) == (spot.items, spot.checklist)


# ── placing the passages ─────────────────────────────────────────────────────────────────────────


def _bound(finding: Finding, years: frozenset[str] | None) -> Status:
    """The most a passage of `years` (None: every report year) may show for the item: what the report
    shows for it in each of those years."""
    if not finding.by_year:
        return finding.status
    chosen = finding.by_year.keys() if years is None else years & finding.by_year.keys()
    return min(
        (finding.by_year[year] for year in chosen), key=lambda status: status.rank, default=finding.status
    )


def _decisive(finding: Finding) -> Iterator[list[Evidence]]:
    """For each year tag the item's passages have (or none), its passages of the strongest status
    there, strongest evidence first: those tried in turn."""
    groups: dict[frozenset[str] | None, list[Evidence]] = {}
    for item in finding.evidence:
        if item.status is not None and item.quote:
            groups.setdefault(item.years, []).append(item)
    for group in groups.values():
        strongest = best(item.status for item in group if item.status is not None)
        yield [item for item in group if item.status is strongest][:_TRIED]


_Key = tuple[Location, str, frozenset[str] | None, str]


class _Placer:
    """Places each item's decisive passages where they show what they show in the report, and no more."""

    def __init__(self, audit: DocumentAudit, pack: RulePack, form: _Form, worded: RulePack) -> None:
        self.findings = {finding.item_id: finding for finding in audit.findings}
        # The pack as it read the report: in its language alone, unless it has sections in several.
        self.trials = Trials(pack, None if audit.other_languages else audit.language)
        self.form = form
        self.worded = worded  # the items' labels in the baseline's language
        self.file = self._cited(PurePath(audit.source).name or audit.source)
        self.span = _span(audit.years)
        self.placed: dict[Spot, dict[_Key, Passage]] = {}

    def _cited(self, name: str) -> str:
        """The report's name as a citation gives it: its file's name, unless its words would be read as
        evidence of something wherever the citation stands ("labour_inspection_report.txt"): then none,
        and the citation gives the place alone."""
        spots = (*(_field_spot(entry) for entry, _ in self.form.fields), *self.form.elements.values())
        line = f"Cf. {name}, l. 1"
        shows = (self.trials.shown(line, None, None, spot) for spot in (*spots, *self.form.groups.values()))
        return "" if any(shows) else name

    def _within(self, shown: Shown, years: frozenset[str] | None) -> bool:
        """Whether a passage that shows `shown` shows no item more than the report does in `years`."""
        return all(
            status.rank <= _bound(self.findings[item], years).rank
            for item, status in shown.items()
            if item in self.findings
        )

    def _fits(self, evidence: Evidence, item_id: str, spot: Spot, label: str) -> bool:
        """Whether the passage, led by `label` if any, standing at `spot` shows `item_id` as the report
        does, and no item more than the report does."""
        shown = self.trials.shown(_led(label, evidence.quote), evidence.years, evidence.year_tag, spot)
        return shown.get(item_id) is evidence.status and self._within(shown, evidence.years)

    def place(self, finding: Finding) -> None:
        """Place the item's decisive passages of each year tag, at most `MOST_PASSAGES`, each where it
        fits. Where none does, the strongest stands where the report has it, else in the item's own
        field: the best the baseline can do."""
        if not self.form.spots(finding.item_id, None):
            return  # the form has no field for it
        for group in _decisive(finding):
            placed = 0
            for evidence in group:
                placed += self._place(evidence, finding.item_id)
                if placed == MOST_PASSAGES:
                    break
            if not placed:
                self._put(group[0], finding.item_id, self.form.spots(finding.item_id, group[0].section)[0])

    def _place(self, evidence: Evidence, item_id: str) -> bool:
        """Put the passage in the first place where it fits as quoted, else in the first where it fits
        led by its item's label (a bare answer, as the report's heading had it); False where neither."""
        spots = self.form.spots(item_id, evidence.section)
        for label in ("", self.worded.rule(item_id).form_label.strip()):
            spot = next((spot for spot in spots if self._fits(evidence, item_id, spot, label)), None)
            if spot is not None:
                self._put(evidence, item_id, spot, label)
                return True
        return False

    def _put(self, evidence: Evidence, item_id: str, spot: Spot, label: str = "") -> None:
        assert evidence.status is not None  # only judged passages are decisive
        placed = self.placed.setdefault(spot, {})
        key = (evidence.start, evidence.quote, evidence.years, label)
        known = placed.get(key)
        if known is None:
            citation = Citation(self.file, evidence.start, evidence.end)
            tag, years = self._tagged(evidence.year_tag, evidence.years)
            placed[key] = Passage(evidence.quote, (item_id,), evidence.status, citation, tag, years, label)
        elif item_id not in known.items:
            placed[key] = replace(
                known, items=(*known.items, item_id), status=best((known.status, evidence.status))
            )

    def passages(self, spot: Spot) -> tuple[Passage, ...]:
        """The passages standing at `spot`, untagged first, then by year tag, then in the report's order."""
        return tuple(sorted(self.placed.get(spot, {}).values(), key=_passage_order))

    def ticks(self, item_id: str, label: str, spot: Spot) -> tuple[str | None, ...]:
        """The year tags under which the element of `item_id` is ticked on the checklist at `spot`: those
        the report reports it under, where the tick shows no item more than the report does."""
        tags = {
            item.year_tag: item.years
            for item in self.findings[item_id].evidence
            if item.status is Status.REPORTED
        }
        fitting = [
            self._tagged(tag, years)[0]
            for tag, years in tags.items()
            if self._within(self.trials.shown(label, years, tag, spot), years)
        ]
        return tuple(sorted(set(fitting), key=_tag_order))

    def _tagged(
        self, tag: str | None, years: frozenset[str] | None
    ) -> tuple[str | None, frozenset[str] | None]:
        """A passage's year tag and years as the baseline tags it: an untagged passage of a report with
        years holds for all of them, and is tagged with them all ("2020-2021 ARs:"), so that a document
        that tells years only by its tags (a Word table) still tells them."""
        return self.span if tag is None and self.span is not None else (tag, years)


def _span(years: Sequence[str]) -> tuple[str, frozenset[str]] | None:
    """The tag of every report year, where they run on from first to last: ``2020-2021``, ``2025``."""
    numbers = sorted(int(year) for year in years if year.isdigit())
    if not numbers or len(numbers) != len(years) or numbers != list(range(numbers[0], numbers[-1] + 1)):
        return None
    tag = str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
    return tag, frozenset(years)


def _passage_order(passage: Passage) -> tuple[tuple[int, str], int, int, int, int]:
    where = passage.citation.start
    return (
        _tag_order(passage.year_tag),
        where.page or 0,
        where.table or 0,
        where.row or where.paragraph or 0,
        where.line or 0,
    )


# ── the baseline of one report ───────────────────────────────────────────────────────────────────


def _letter(number: int) -> str:
    """The letter of a checklist's `number`-th element (from 0): a, b, ... z, aa, ab, ..."""
    return chr(ord("a") + number) if number < 26 else _letter(number // 26 - 1) + _letter(number % 26)


def _checklist(
    entry: FormField, placer: _Placer, form: _Form, worded: RulePack
) -> tuple[ChecklistElement, ...]:
    spot = _field_spot(entry)
    elements = []
    for number, item in enumerate(entry.checklist):
        finding = placer.findings.get(item)
        if finding is None:  # an item left out of the audit (--select)
            continue
        letter, label = _letter(number), worded.rule(item).form_label.strip()
        own_line = form.elements.get(item)
        elements.append(
            ChecklistElement(
                item,
                letter,
                label,
                finding.status,
                finding.status is Status.REPORTED,
                placer.ticks(item, f"{letter}) {label}", spot),
                placer.passages(own_line) if own_line is not None else (),
            )
        )
    return tuple(elements)


def compile_baseline(audit: DocumentAudit, pack: RulePack) -> CountryBaseline:
    """The country baseline of one audited report: the pack's form, each field answered with the passages
    that decided its items, each checklist ticked where the report supports an element, worded in the
    report's language."""
    language = audit.language if audit.language in pack.languages else pack.language
    worded = pack.worded(language)
    form = _Form(pack)
    placer = _Placer(audit, pack, form, worded)
    for finding in audit.findings:
        placer.place(finding)
    fields = []
    for entry, above in form.fields:
        label = entry.label_in(language).strip()
        own = placer.findings.get(entry.item) if entry.item else None
        fields.append(
            BaselineField(
                item_id=entry.item,
                area=pack.rule(entry.item or entry.checklist[0]).area,
                label=label,
                groups=tuple(group.label_in(language).strip() for group in above),
                status=own.status if own is not None else Status.MISSING,
                passages=placer.passages(_field_spot(entry)),
                checklist=_checklist(entry, placer, form, worded),
            )
        )
    groups = tuple(
        BaselineGroup(group.label_in(language).strip(), placer.passages(form.groups[group.label]))
        for group in pack.form
        if group.children
    )
    return CountryBaseline(
        country=audit.metadata.country,
        years=audit.years,
        language=language,
        source=audit.source,
        title=_TITLES.get(language, _TITLES["en"]),
        instrument=worded.instrument,
        groups=groups,
        fields=tuple(fields),
    )
