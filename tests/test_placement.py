"""A passage judged where a drafted document would place it, as the audit of that document judges it: in
a checklist field a field's own words count, in an item's field any answer is the item's, in a group's
own text only what the sentence says; as an ILO compilation is read."""

from __future__ import annotations

from checker.model import RulePack, SectionKind, Status
from checker.placement import Spot, Trials

LEGAL_AID = (
    "78 of them were placed in the shelter of the Ministry of Internal Affairs and each of them was provided "
    "with medical, psychological and legal assistance."
)
PROTECTION = Spot(
    "Measures taken or envisaged to protect victims of forced labour",
    checklist=("protection.legal", "protection.material", "protection.accommodation"),
)
EFFORTS = Spot("Efforts and progress made in realizing measures targeted by the Protocol")


def test_a_spot_is_a_field_or_a_groups_own_text() -> None:
    """A spot with items or a checklist is a form field; one with neither is a group's free text."""
    assert PROTECTION.section.kind is SectionKind.FORM_FIELD
    assert PROTECTION.section.checklist == PROTECTION.checklist
    assert (EFFORTS.is_group, EFFORTS.section.kind) == (True, SectionKind.FREE)


def test_a_spot_is_read_by_the_rules_that_read_it(pack: RulePack) -> None:
    """A field is read by its items' rules, a group's text (or a shared field) by every rule."""
    assert [rule.id for rule in PROTECTION.judges(pack.rules)] == list(PROTECTION.checklist)
    assert len(EFFORTS.judges(pack.rules)) == len(pack.rules)
    assert len(
        Spot("Special initiatives/Progress", ("promotion.special_initiatives",), shared=True).judges(
            pack.rules
        )
    ) == len(pack.rules)


def test_a_checklist_reads_its_own_words_where_free_text_does_not(pack: RulePack) -> None:
    """ "legal assistance" on the protection checklist reports legal protection; in free text it only
    touches it. The shelter reports accommodation in both."""
    trials = Trials(pack, "en")
    on_checklist = trials.shown(LEGAL_AID, None, None, PROTECTION)
    in_free_text = trials.shown(LEGAL_AID, None, None, EFFORTS)
    assert on_checklist.get("protection.legal") is Status.REPORTED
    assert in_free_text.get("protection.legal") is Status.PARTIAL
    assert on_checklist.get("protection.accommodation") is in_free_text.get("protection.accommodation")
    assert on_checklist.get("protection.accommodation") is Status.REPORTED


def test_an_items_field_reads_any_answer_as_the_items(pack: RulePack) -> None:
    """A bare "Yes." in an item's field is reported (a compilation's field is the ILO's summary); in
    free text it shows nothing."""
    trials = Trials(pack, "en")
    field = Spot("Fulfilment of Government's reporting obligations", ("reporting.obligations",))
    assert trials.shown("Yes.", None, None, field) == {"reporting.obligations": Status.REPORTED}
    assert trials.shown("Yes.", None, None, EFFORTS) == {}


def test_a_bare_answer_led_by_its_label_is_partial(pack: RulePack) -> None:
    """ "Ratification intention: Yes." names the measure in its label, and the answer gives none:
    partial, in the item's field as in free text."""
    trials = Trials(pack, "en")
    field = Spot("Ratification intention", ("ratification.intention",))
    for spot in (field, EFFORTS):
        assert trials.shown("Ratification intention: Yes.", None, None, spot) == {
            "ratification.intention": Status.PARTIAL
        }


def test_a_citation_points_elsewhere_and_shows_nothing(pack: RulePack) -> None:
    """A passage's citation ("Cf. report.txt, l. 75"), in an item's field, is no answer."""
    trials = Trials(pack, "en")
    field = Spot("Ratification status", ("ratification.status",))
    assert trials.shown("Cf. 000_527e425593d6808e.txt, l. 75-77", None, None, field) == {}
