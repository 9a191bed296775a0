"""The country baseline drafted from an audit: the form's fields in order, each with the passages that
decide its items (verbatim, cited, tagged by report year), checklists ticked where the report supports
an element, empty fields where the report is silent, and every passage where it says no more than the
report does."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from checker.country_baseline import (
    BaselineField,
    Citation,
    CountryBaseline,
    EntryKind,
    compile_baseline,
    year_tag,
)
from checker.engine import audit
from checker.model import DocumentAudit, Location, RulePack, Status
from checker.readers import read_file
from tests.conftest import COMPILATION_SEED, FIXTURES, NARRATIVE_SEED

FRENCH = FIXTURES / "labelled" / "govreport_fr_valdorie_2023.txt"
QA_FORM = FIXTURES / "labelled" / "qa_form_tamsara_2021.txt"


@cache
def _audit(path: str, pack: RulePack) -> DocumentAudit:
    return audit(read_file(path), pack)


@cache
def _baseline(path: str, pack: RulePack) -> CountryBaseline:
    return compile_baseline(_audit(path, pack), pack)


def _field(baseline: CountryBaseline, item_id: str) -> BaselineField:
    return next(field for field in baseline.fields if field.item_id == item_id)


def _checklist_field(baseline: CountryBaseline, item_id: str) -> BaselineField:
    return next(
        field for field in baseline.fields if any(element.item_id == item_id for element in field.checklist)
    )


def test_fields_follow_the_form(pack: RulePack) -> None:
    """The baseline has the form's fields in its order, each with its label, area and groups."""
    baseline = _baseline(str(NARRATIVE_SEED), pack)
    labels = [field.label for field in baseline.fields]
    assert labels[:3] == [
        "Fulfilment of Government's reporting obligations",
        "Involvement of Employers' and Workers' organizations in the reporting process",
        "Employers' organizations",
    ]
    assert labels[-2:] == ["Request", "Offer"]
    assert [group.label for group in baseline.groups] == [
        group.label for group in pack.form if group.children
    ]
    ratification = _field(baseline, "ratification.status")
    assert ratification.groups == (
        "Efforts and progress made in realizing measures targeted by the Protocol",
        "Ratification",
    )
    assert ratification.area == "ratification"
    prevention = _checklist_field(baseline, "prevention.awareness")
    assert prevention.item_id is None
    assert [element.item_id for element in prevention.checklist][:2] == [
        "prevention.awareness",
        "prevention.legislation",
    ]


def test_every_item_is_asked_by_a_field(pack: RulePack) -> None:
    """Each item of the pack is answered by a field or listed on a checklist."""
    baseline = _baseline(str(NARRATIVE_SEED), pack)
    asked = {field.item_id for field in baseline.fields} | {
        element.item_id for field in baseline.fields for element in field.checklist
    }
    assert asked - {None} == set(pack.item_ids)


def test_passages_are_quoted_verbatim_and_cited(pack: RulePack) -> None:
    """A passage is the report's own words, cited by file name and lines, with the status it shows."""
    baseline = _baseline(str(NARRATIVE_SEED), pack)
    data = _checklist_field(baseline, "policy.data").checklist[0]
    assert data.item_id == "policy.data"
    passage = data.passages[0]
    assert passage.quote.startswith("The investigation revealed that 5 out of 6 victims were exploited")
    assert passage.citation.cited == "000_527e425593d6808e.txt, l. 75-77"
    assert (passage.items, passage.status, passage.year_tag) == (("policy.data",), Status.REPORTED, None)
    quotes = {
        item.quote for finding in _audit(str(NARRATIVE_SEED), pack).findings for item in finding.evidence
    }
    every = [
        passage
        for field in baseline.fields
        for passage in (*field.passages, *(p for element in field.checklist for p in element.passages))
    ]
    assert every and all(passage.quote in quotes for passage in every)


def test_a_silent_item_leaves_its_field_empty(pack: RulePack) -> None:
    """The report says nothing of ratification: its field is empty, and marked missing."""
    field = _field(_baseline(str(NARRATIVE_SEED), pack), "ratification.status")
    assert field.empty
    assert (field.passages, field.status) == ((), Status.MISSING)


def test_a_negative_answer_quotes_the_denial(pack: RulePack) -> None:
    """An item the report denies is answered by the denial."""
    field = _field(_baseline(str(COMPILATION_SEED), pack), "ratification.status")
    assert field.status is Status.NEGATIVE
    assert [passage.quote for passage in field.passages] == [
        "Azerbaijan has not yet ratified the Protocol of 2014 (P029) to the Forced Labour Convention."
    ]
    assert field.passages[0].status is Status.NEGATIVE


def test_a_partial_answer_quotes_the_partial_passage(pack: RulePack) -> None:
    """An item the report only touches is answered by the passage that touches it."""
    field = _field(_baseline(str(NARRATIVE_SEED), pack), "policy.coordination")
    assert field.status is Status.PARTIAL
    partial = [passage for passage in field.passages if "policy.coordination" in passage.items]
    assert partial and all(passage.status is Status.PARTIAL for passage in partial)
    assert partial[0].quote.startswith("The operational condition in the relevant field were controlled")


def test_year_tags_follow_the_report(pack: RulePack) -> None:
    """A compilation's passages keep their year tags; an untagged one holds for every year, and says so."""
    baseline = _baseline(str(COMPILATION_SEED), pack)
    social = _field(baseline, "reporting.social_partners").passages
    assert [(passage.year_tag, passage.years) for passage in social] == [("2017", frozenset({"2017"}))]
    obligations = _field(baseline, "reporting.obligations").passages
    assert [(passage.quote, passage.year_tag) for passage in obligations] == [("Yes.", "2017-2018")]
    assert [answer.year_tag for answer in _field(baseline, "policy.plan_of_action").answers()] == [
        "2017-2018"
    ]
    assert (baseline.country, baseline.years, baseline.heading) == (
        "Azerbaijan",
        ("2017", "2018"),
        "AZERBAIJAN (2017-2018)",
    )
    assert (year_tag("2017"), year_tag("2017-2018")) == ("2017 AR:", "2017-2018 ARs:")


def test_a_narrative_has_no_year_tags(pack: RulePack) -> None:
    """A report without years tags nothing, and its baseline's title names no years."""
    baseline = _baseline(str(NARRATIVE_SEED), pack)
    tags = {passage.year_tag for field in baseline.fields for passage in field.passages}
    assert tags == {None}
    assert (baseline.country, baseline.years, baseline.heading) == (None, (), "")


def test_checklists_are_ticked_where_the_report_supports_an_element(pack: RulePack) -> None:
    """An element reported in a year is ticked under that year's tag; one the report is silent on is not."""
    prevention = _checklist_field(_baseline(str(COMPILATION_SEED), pack), "prevention.recruitment")
    elements = {element.item_id: element for element in prevention.checklist}
    recruitment = elements["prevention.recruitment"]
    assert recruitment.supported and recruitment.status is Status.REPORTED
    assert recruitment.year_tags == ("2017", "2018")
    assert recruitment.line == "d) Regulation and supervision of the labour recruitment and placement process"
    assert elements["prevention.due_diligence"].year_tags == ("2018",)
    lines = {answer.year_tag: answer.checklist_line for answer in prevention.answers()}
    assert "d) Regulation and supervision of the labour recruitment and placement process" in lines["2018"]
    silent = _checklist_field(_baseline(str(NARRATIVE_SEED), pack), "prevention.recruitment")
    recruitment = next(element for element in silent.checklist if element.item_id == "prevention.recruitment")
    assert (recruitment.supported, recruitment.status, recruitment.year_tags) == (False, Status.MISSING, ())


def test_a_passage_that_would_say_more_in_its_field_stands_under_its_group(pack: RulePack) -> None:
    """ "legal assistance" only touches legal protection in the narrative; on the protection checklist it
    would tick it: the passage stands under the group, read as the narrative's prose is."""
    baseline = _baseline(str(NARRATIVE_SEED), pack)
    efforts = baseline.group("Efforts and progress made in realizing measures targeted by the Protocol")
    legal = [passage for passage in efforts.passages if "protection.legal" in passage.items]
    assert [passage.status for passage in legal] == [Status.PARTIAL]
    assert "legal assistance" in legal[0].quote
    protection = _checklist_field(baseline, "protection.legal")
    assert all("protection.legal" not in passage.items for passage in protection.passages)


def test_a_bare_answer_stands_led_by_its_items_label(pack: RulePack) -> None:
    """A Q&A form's bare "Yes." is partial under its question; in the item's field it would be reported
    (the ILO's summary): it stands led by the item's label, which names the measure the answer does not,
    and is partial there too. An answer that reads as the report's stands as quoted."""
    baseline = _baseline(str(QA_FORM), pack)
    (intention,) = _field(baseline, "ratification.intention").passages
    assert (intention.quote, intention.label, intention.status) == (
        "Answer: Yes.",
        "Ratification intention",
        Status.PARTIAL,
    )
    assert intention.text == "Ratification intention: Answer: Yes."
    (status,) = _field(baseline, "ratification.status").passages
    assert (status.label, status.text) == ("", "The Protocol of 2014 has not been ratified.")


def test_french_report_gives_french_labels(pack: RulePack) -> None:
    """A French report's baseline is worded in French: its title, instrument, groups and fields."""
    baseline = _baseline(str(FRENCH), pack)
    assert (baseline.language, baseline.title) == ("fr", "DONNÉES DE RÉFÉRENCE PAR PAYS")
    assert baseline.instrument.startswith("Protocole de 2014")
    assert _field(baseline, "ratification.status").label == "Situation de la ratification"
    assert baseline.groups[0].label == "Établissement des rapports"
    element = _checklist_field(baseline, "protection.material").checklist[2]
    assert element.line == "c) Assistance matérielle aux victimes"


@pytest.mark.parametrize(
    ("start", "end", "told"),
    [
        (Location(line=4), Location(line=4), "l. 4"),
        (Location(line=4), Location(line=6), "l. 4-6"),
        (Location(line=4, page=2), Location(line=6, page=2), "p. 2 l. 4-6"),
        (Location(line=40, page=2), Location(line=2, page=3), "p. 2 l. 40 - p. 3 l. 2"),
        (Location(paragraph=7), Location(paragraph=9), "¶ 7-9"),
        (Location(table=2, row=5), Location(table=2, row=6), "table 2 row 5-6"),
    ],
)
def test_citations_describe_their_span(start: Location, end: Location, told: str) -> None:
    """A citation names its first and last lines, paragraphs or rows; the file first, where named."""
    assert Citation("report.txt", start, end).cited == f"report.txt, {told}"
    assert Citation("", start, end).cited == told


def test_a_file_name_that_reads_as_evidence_is_not_cited(pack: RulePack, tmp_path: Path) -> None:
    """A report named with an item's words ("labour_inspection_report.txt") is cited by place alone: its
    name in every field would be read as evidence."""
    copy = tmp_path / "labour_inspection_report.txt"
    copy.write_text(NARRATIVE_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    baseline = compile_baseline(audit(read_file(str(copy)), pack), pack)
    cited = {passage.citation.file for field in baseline.fields for passage in field.passages}
    assert cited == {""}
    named = _field(_baseline(str(NARRATIVE_SEED), pack), "policy.coordination").passages[0]
    assert named.citation.file == NARRATIVE_SEED.name


def test_entries_lay_the_form_out_in_order(pack: RulePack) -> None:
    """The baseline's labels in order: each group before its first field (a top-level one in capitals,
    with its own passages), each field, and after a checklist the lines of its elements with passages,
    asked as the form's questions."""
    baseline = _baseline(str(NARRATIVE_SEED), pack)
    entries = list(baseline.entries())
    assert [(entry.kind, entry.label) for entry in entries[:4]] == [
        (EntryKind.GROUP, "REPORTING"),
        (EntryKind.FIELD, "Fulfilment of Government's reporting obligations"),
        (EntryKind.FIELD, "Involvement of Employers' and Workers' organizations in the reporting process"),
        (EntryKind.GROUP, "OBSERVATIONS BY THE SOCIAL PARTNERS"),
    ]
    efforts = next(entry for entry in entries if entry.label.startswith("EFFORTS"))
    assert [passage.items for answer in efforts.answers for passage in answer.passages] == [
        ("protection.legal",)
    ]
    coordination = entries.index(
        next(entry for entry in entries if entry.label.startswith("Measures taken or envisaged for"))
    )
    assert (entries[coordination + 1].kind, entries[coordination + 1].label) == (
        EntryKind.ELEMENT,
        "a) Collection and analysis of data:",
    )
    assert len([entry for entry in entries if entry.kind is EntryKind.FIELD]) == len(baseline.fields)
