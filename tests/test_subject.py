"""Whether a passage speaks of forced labour: a text that never says so yields nothing, a sentence or a
headed part about another sense of the words is set aside, and forms are about it by construction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import audit
from checker.layout import lay_out
from checker.model import DocumentKind, RulePack, Status
from checker.readers import read, read_file
from checker.segment import segment
from checker.subject import ELSEWHERE, NEVER_NAMED, off_subject
from tests.conftest import COMPILATION_SEED, examples


def _off(pack: RulePack, text: str, name: str = "report.txt", *, presumed: bool = False) -> dict[str, str]:
    """The sentences of `text` (by their quote) that are not about forced labour, with the reason."""
    layout = lay_out(read(name, text.encode()), pack)
    segments = segment(layout)
    off = off_subject(segments, pack.subject, layout.kind, presumed=presumed)
    return {item.quote: off[item.index] for item in segments if item.index in off}


WILDLIFE = (
    "The Task Force on Wildlife Trafficking brings together 17 federal agencies to implement the National "
    "Strategy for Combating Wildlife Trafficking. Trafficking networks were dismantled in 2020 and 40 "
    "traffickers were convicted. International cooperation was strengthened with 12 countries.\n"
)


def test_a_text_that_never_names_the_subject_yields_nothing(pack: RulePack) -> None:
    """Victims, shelters and a national plan in a text on domestic violence are not evidence, and the
    audit says why in a warning."""
    text = (
        "The national plan against domestic violence 2023-2027 has 54 measures. Shelters for victims "
        "opened in every region, and a 24-hour helpline answered 100,000 calls.\n"
    )
    assert set(_off(pack, text).values()) == {NEVER_NAMED}
    result = audit(read("report.txt", text.encode()), pack)
    assert {finding.status for finding in result.findings} == {Status.MISSING}
    assert f"{NEVER_NAMED}: every item is missing" in result.warnings
    shelter = next(f for f in result.findings if f.item_id == "protection.accommodation")
    assert shelter.set_aside and shelter.set_aside[0].reason == NEVER_NAMED


def test_trafficking_in_another_sense_is_not_the_subject(pack: RulePack) -> None:
    """'Trafficking' and 'traffickers' in a text on wildlife name nothing: every item is missing."""
    assert set(_off(pack, WILDLIFE).values()) == {NEVER_NAMED}
    result = audit(read("report.txt", WILDLIFE.encode()), pack)
    assert [f.item_id for f in result.findings if f.status is not Status.MISSING] == []


def test_trafficking_alone_names_the_subject_where_nothing_gives_it_another_sense(pack: RulePack) -> None:
    """A report that only says 'trafficking' is about trafficking in persons when nothing says otherwise."""
    text = "The National Plan against Trafficking 2020-2024 was adopted. Traffickers were convicted.\n"
    assert _off(pack, text) == {}


def test_a_sentence_about_something_else_is_set_aside_in_a_report_on_forced_labour(pack: RulePack) -> None:
    """Only the sentence that names another sense, and not the subject, is off; the others stand."""
    text = (
        "Report on forced labour and trafficking in persons.\n\n"
        "The police ran campaigns on road safety in 2021. Labour inspectors were trained to detect forced "
        "labour. The government also ran campaigns on road safety but no anti-trafficking campaign.\n"
    )
    off = _off(pack, text)
    assert off == {"The police ran campaigns on road safety in 2021.": "about something else: 'road safety'"}


def test_a_headed_part_about_something_else_is_off_throughout(pack: RulePack) -> None:
    """Under a heading that names another sense, even sentences that name nothing are off."""
    text = (
        "# Report on forced labour\n\nLabour inspectors carried out 300 inspections.\n\n"
        "## Wildlife trafficking\n\nA task force of 17 agencies coordinates the national strategy.\n"
    )
    off = _off(pack, text, "report.md")
    assert off == {
        "A task force of 17 agencies coordinates the national strategy.": "about something else: 'wildlife'"
    }


def test_a_form_is_about_its_questionnaire(pack: RulePack) -> None:
    """In an ILO compilation every passage is about forced labour, whatever words it uses."""
    layout = lay_out(read_file(str(COMPILATION_SEED)), pack)
    assert layout.kind is DocumentKind.COMPILATION
    assert off_subject(segment(layout), pack.subject, layout.kind) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Victims were placed in the shelter of the Ministry.", {}),
        (
            "Victims of traffic accidents were placed in the shelter.",
            {
                "Victims of traffic accidents were placed in the shelter.": "about something else: 'traffic accidents'"
            },
        ),
    ],
)
def test_a_presumed_sentence_is_about_the_subject_unless_it_says_otherwise(
    pack: RulePack, text: str, expected: dict[str, str]
) -> None:
    """A rule's narrative example is a sentence of a report on forced labour, unless it names another sense."""
    assert _off(pack, text, presumed=True) == expected


def test_a_pack_without_a_subject_judges_every_passage(pack: RulePack) -> None:
    """A rule pack that declares no subject (a user's own) has every passage judged."""
    layout = lay_out(read("report.txt", WILDLIFE.encode()), pack)
    assert off_subject(segment(layout), None, layout.kind) == {}


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(st.sampled_from([*WILDLIFE.split(". "), "Forced labour persists.", "No.", "\n\n"]), max_size=12)
)
def test_only_segments_of_the_text_are_set_aside(pack: RulePack, parts: list[str]) -> None:
    """Whatever the mix of sentences, the sentences set aside are the text's own, each with a reason."""
    layout = lay_out(read("report.txt", ". ".join(parts).encode()), pack)
    segments = segment(layout)
    off = off_subject(segments, pack.subject, layout.kind)
    assert set(off) <= {item.index for item in segments}
    assert all(reason for reason in off.values())


def test_in_a_text_on_other_subjects_too_only_the_parts_that_name_it_count(pack: RulePack) -> None:
    """A report to a treaty body whose opening names other things: its parts on violence and education
    are not evidence, its part on trafficking is."""
    text = (
        "Eighth periodic report submitted under article 18 of the Convention.\n\n"
        "Violence against women (para. 21)\n\n"
        "The State funds 19 shelters for women victims and would welcome technical assistance.\n\n"
        "Trafficking and exploitation of prostitution (para. 23)\n\n"
        "The shelter for victims of trafficking has 20 places and accommodated 47 women in 2019.\n\n"
        "Education (para. 27)\n\n"
        "Vocational training programmes enrolled 860 Roma girls in 2016-2019.\n"
    )
    off = _off(pack, text)
    assert (
        "The shelter for victims of trafficking has 20 places and accommodated 47 women in 2019." not in off
    )
    assert set(off) >= {
        "The State funds 19 shelters for women victims and would welcome technical assistance.",
        "Vocational training programmes enrolled 860 Roma girls in 2016-2019.",
    }
    assert set(off.values()) == {ELSEWHERE}
