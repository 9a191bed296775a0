"""How evidence is judged: negation and hedges by clause, requests and questions set aside, exclusions,
checklist ticks, answers read as answers, and the strongest evidence first."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import audit
from checker.examples import run_example
from checker.matching.expressions import Expr, Phrase, leaves
from checker.model import (
    Block,
    BlockKind,
    Document,
    DocumentKind,
    Example,
    ExampleContext,
    Finding,
    Location,
    Paragraphs,
    RulePack,
    SourceLine,
    Status,
)
from tests.conftest import examples

NARRATIVE, SECTION, FORM = ExampleContext.NARRATIVE, ExampleContext.SECTION, ExampleContext.FORM


def judge(pack: RulePack, item_id: str, text: str, context: ExampleContext = NARRATIVE) -> Finding:
    """The finding for one item on one text placed in `context`."""
    example = Example(text, Status.MISSING, context, None, "test")
    return run_example(pack, pack.rule(item_id), example).finding


CASES = [
    # a claim said only in general touches the item; with a figure, a date or a body it reports it
    (
        "protection.medical_psychological",
        "Victims may receive medical assistance where necessary.",
        NARRATIVE,
        "partial",
    ),
    ("remedies.penalties", "Perpetrators are punished in accordance with the law.", NARRATIVE, "partial"),
    (
        "protection.medical_psychological",
        "In 2022, 140 victims received medical assistance where necessary in State hospitals.",
        NARRATIVE,
        "reported",
    ),
    # after a label, an answer that gives nothing touches the item; a negative one denies it
    ("challenges.government", "Challenges according to the Government: various.", NARRATIVE, "partial"),
    ("technical_cooperation.request", "Technical cooperation needs (request): Yes.", NARRATIVE, "partial"),
    (
        "challenges.social_partners",
        "Challenges according to the social partners: No observations were received from them.",
        NARRATIVE,
        "negative",
    ),
    (
        "protection.accommodation",
        "Shelters for victims: 3 shelters operate in the capital.",
        NARRATIVE,
        "reported",
    ),
    # what is done only in part, a plan's numbered action, a call for it
    (
        "remedies.information",
        "Victims are not systematically informed of their rights.",
        NARRATIVE,
        "partial",
    ),
    # an imperative outside a list of recommendations is an action to take: planned
    (
        "ratification.status",
        "4.2 Complete the ratification of the Protocol of 2014 to the Forced Labour Convention, 1930.",
        NARRATIVE,
        "partial",
    ),
    (
        "ratification.status",
        "The unions collected 12,000 signatures calling for ratification of the Protocol of 2014.",
        NARRATIVE,
        "missing",
    ),
    # negation, by clause
    (
        "protection.accommodation",
        "No shelter was available to trafficking victims in the country.",
        NARRATIVE,
        "negative",
    ),
    (
        "protection.accommodation",
        "Shelter was not provided to victims after identification.",
        NARRATIVE,
        "negative",
    ),
    (
        "protection.accommodation",
        "Victims, who did not have documents, were placed in shelters.",
        NARRATIVE,
        "reported",
    ),
    (
        "protection.accommodation",
        "The government opened a shelter but did not provide legal aid.",
        NARRATIVE,
        "reported",
    ),
    (
        "remedies.legal_aid",
        "The government opened a shelter but did not provide free legal aid.",
        NARRATIVE,
        "negative",
    ),
    (
        "prevention.root_causes",
        "The root causes, such as debt bondage, have not been addressed.",
        NARRATIVE,
        "negative",
    ),
    (
        "remedies.non_prosecution",
        "Victims shall not be prosecuted for offences they were compelled to commit.",
        NARRATIVE,
        "reported",
    ),
    (
        "prevention.legislation",
        "Article 35 of the Constitution was amended to state that no one may be forced to work.",
        NARRATIVE,
        "reported",
    ),
    # hedges
    (
        "protection.accommodation",
        "A shelter for victims of forced labour will open in 2025.",
        NARRATIVE,
        "partial",
    ),
    (
        "policy.plan_of_action",
        "The draft National Action Plan against trafficking is awaiting approval.",
        NARRATIVE,
        "partial",
    ),
    (
        "ratification.intention",
        "The Government intends to ratify the Protocol of 2014 next year.",
        NARRATIVE,
        "reported",
    ),
    # requests, recommendations and questions say nothing was done
    (
        "protection.accommodation",
        "The Committee requests the Government to provide information on shelters for victims.",
        NARRATIVE,
        "missing",
    ),
    (
        "protection.accommodation",
        "Provide shelter and specialised services to all victims.",
        NARRATIVE,
        "partial",
    ),
    (
        "protection.accommodation",
        "RECOMMENDATIONS: Provide shelter to all victims of trafficking.",
        NARRATIVE,
        "missing",
    ),
    ("protection.accommodation", "Does the Government provide shelters for victims?", NARRATIVE, "missing"),
    # exclusions act on their clause
    (
        "prevention.awareness",
        "It ran campaigns on road safety but did not conduct any anti-trafficking awareness campaign.",
        NARRATIVE,
        "negative",
    ),
    (
        "protection.accommodation",
        "The city opened two new shelters for homeless people.",
        NARRATIVE,
        "missing",
    ),
    # a denial in the sentence outweighs the measure it names
    (
        "protection.migrants",
        "Police placed identified foreign victims in immigration detention pending deportation.",
        NARRATIVE,
        "negative",
    ),
    # answers read as answers
    ("reporting.obligations", "Yes.", FORM, "reported"),
    ("reporting.obligations", "Yes.", SECTION, "partial"),
    ("observations.employers", "No.", SECTION, "negative"),
    (
        "remedies.cost_free",
        "No. Court fees are payable in civil claims under the Code of Civil Procedure.",
        SECTION,
        "negative",
    ),
    ("remedies.non_prosecution", "See question 10.", SECTION, "missing"),
    ("remedies.penalties", "Penalties are provided for.", SECTION, "partial"),
    (
        "remedies.penalties",
        "Article 168 of the Criminal Code punishes forced labour with 3 to 12 years.",
        SECTION,
        "reported",
    ),
    (
        "ratification.status",
        "Belmora has not ratified the Protocol. It is bound by Conventions Nos 29 and 105.",
        SECTION,
        "negative",
    ),
    # ... but a "no" that is not a denial of the measure leaves it reported, as without the label
    (
        "remedies.non_prosecution",
        "Non-prosecution: No victim may be prosecuted for unlawful acts they were compelled to commit.",
        NARRATIVE,
        "reported",
    ),
    (
        "remedies.compensation",
        "Compensation: no fewer than 40 victims received compensation in 2022.",
        NARRATIVE,
        "reported",
    ),
    (
        "remedies.penalties",
        "Penalties: Not less than 20 perpetrators were sentenced to imprisonment in 2022.",
        NARRATIVE,
        "reported",
    ),
    (
        "remedies.cost_free",
        "Cost-free access: Victims pay no court fees in forced labour cases.",
        NARRATIVE,
        "reported",
    ),
    ("remedies.compensation", "Compensation for victims of forced labour: None.", NARRATIVE, "negative"),
    # a table row drawn with pipes: its first cell is the label, the next its answer
    (
        "policy.plan_of_action",
        "| National action plan | No national action plan against forced labour has been adopted. |",
        NARRATIVE,
        "negative",
    ),
    (
        "protection.accommodation",
        "| Shelters for victims | Three shelters were opened in 2021. |",
        NARRATIVE,
        "reported",
    ),
    # French and Spanish forms are answered in their own language
    ("ratification.status", "Non.", SECTION, "negative"),
    ("policy.plan_of_action", "Non, pas encore.", SECTION, "negative"),
    ("protection.accommodation", "Néant.", SECTION, "negative"),
    ("policy.data", "Ninguna.", SECTION, "negative"),
    ("policy.data", "Non-governmental organizations are consulted every year.", SECTION, "partial"),
    # a label, then the answer: the answer's first clause says whether the label's measure was taken
    (
        "ratification.status",
        "Ratification of the Protocol: Testland has not yet ratified the Protocol of 2014.",
        NARRATIVE,
        "negative",
    ),
    (
        "policy.plan_of_action",
        "National action plan: No national action plan against forced labour has been adopted.",
        NARRATIVE,
        "negative",
    ),
    (
        "protection.accommodation",
        "Shelters for victims: There is no shelter for victims of trafficking in the country.",
        NARRATIVE,
        "negative",
    ),
    (
        "remedies.compensation",
        "Compensation: No victim has received compensation, as courts did not order any.",
        NARRATIVE,
        "negative",
    ),
    (
        "policy.plan_of_action",
        "National action plan: a national action plan is being prepared.",
        NARRATIVE,
        "partial",
    ),
    (
        "protection.accommodation",
        "Shelters for victims: three shelters were opened in 2021.",
        NARRATIVE,
        "reported",
    ),
    (
        "protection.accommodation",
        "Shelters for victims: shelters were opened in regions where there were none.",
        NARRATIVE,
        "reported",
    ),
    # checklist elements: ticked by the form's wording, or answered in the government's own words
    ("protection.material", "c) Material assistance for victims;", FORM, "reported"),
    (
        "prevention.due_diligence",
        "e) trainings are being conducted for law-enforcement agencies.",
        FORM,
        "missing",
    ),
]


@pytest.mark.parametrize(
    ("item_id", "text", "context", "expected"), CASES, ids=[f"{c[0]}:{c[1][:40]}" for c in CASES]
)
def test_status(pack: RulePack, item_id: str, text: str, context: ExampleContext, expected: str) -> None:
    """The sentence gets the status an analyst would give it."""
    finding = judge(pack, item_id, text, context)
    reasons = [item.reason for item in (*finding.evidence, *finding.set_aside)]
    assert finding.status.value == expected, reasons


def test_reason_names_the_cue(pack: RulePack) -> None:
    """A negated finding says which cue denied it, and keeps the words that matched."""
    finding = judge(pack, "protection.accommodation", "No shelter was available to trafficking victims.")
    assert finding.evidence[0].reason == "denied by 'no'"
    assert "shelter" in finding.evidence[0].matched


def test_set_aside_is_kept_for_the_analyst(pack: RulePack) -> None:
    """A sentence that matched but does not count is kept, with the reason, apart from the evidence."""
    finding = judge(pack, "protection.accommodation", "Does the Government provide shelters for victims?")
    assert finding.evidence == ()
    assert [item.reason for item in finding.set_aside] == ["a question, not an answer"]


def test_tick_notes_missing_details(pack: RulePack) -> None:
    """An item only ticked on the form's checklist is reported, with a note that no details were given."""
    finding = judge(pack, "protection.material", "c) Material assistance for victims;", FORM)
    assert finding.note == "ticked on the form's checklist; no details given"


def test_strongest_evidence_first(pack: RulePack) -> None:
    """Evidence is ordered by strength: reported before partial before negative."""
    text = "No shelter existed in 2018. A shelter for victims is planned. In 2019 a shelter for 30 victims opened."
    finding = judge(pack, "protection.accommodation", text)
    assert [item.status for item in finding.evidence] == [Status.REPORTED, Status.PARTIAL, Status.NEGATIVE]


def test_run_in_heading_is_not_evidence(pack: RulePack) -> None:
    """A supervisory comment's run-in heading names a topic; it does not report the measure."""
    text = "Freedom of association. The Committee notes that the Government did not reply on this point."
    finding = judge(pack, "prevention.freedom_of_association", text)
    assert finding.status is Status.MISSING
    assert [item.reason for item in finding.set_aside] == ["a heading, not a statement"]


def test_a_contents_entry_names_a_measure_and_says_nothing_of_it(pack: RulePack) -> None:
    """A table of contents names what the report covers: at most partial, however well it matches."""
    text = "3 Measures to protect victims ...... 12 (1) Shelters for victims of trafficking ...... 14 (2) Data ...... 20"
    finding = judge(pack, "protection.accommodation", text)
    assert finding.status is Status.PARTIAL
    assert (
        finding.evidence[0].reason == "an entry of the contents: it names the measure and says nothing of it"
    )


def test_what_the_report_says_outweighs_its_contents(pack: RulePack) -> None:
    """Where a passage speaks of the item, the contents entry does not count: the denial stands."""
    text = (
        "(1) Shelters for victims of trafficking ...... 14\n\nNo shelter for victims of trafficking exists."
    )
    assert judge(pack, "protection.accommodation", text).status is Status.NEGATIVE


def _answers(*answers: tuple[str, str, Status | None]) -> Document:
    blocks = tuple(
        Block(
            BlockKind.ANSWER,
            (SourceLine(text, Location(line=number)),) if text else (),
            item_id=item,
            declared=declared,
        )
        for number, (item, text, declared) in enumerate(answers, start=1)
    )
    return Document(
        "draft.yaml", "structured", blocks, paragraphs=Paragraphs.LOOSE, kind=DocumentKind.STRUCTURED
    )


def test_declared_status_without_text(pack: RulePack) -> None:
    """A declared 'negative' with no text is negative; a declared 'reported' with none is only partial."""
    result = audit(
        _answers(("ratification.status", "", Status.NEGATIVE), ("prevention.awareness", "", Status.REPORTED)),
        pack,
    )
    findings = {finding.item_id: finding for finding in result.findings}
    assert findings["ratification.status"].status is Status.NEGATIVE
    assert findings["prevention.awareness"].status is Status.PARTIAL
    assert findings["prevention.awareness"].note == "declared reported; the text shows partial"


def test_text_outweighs_declaration(pack: RulePack) -> None:
    """A declared 'reported' answer that says nothing concrete is partial, and the note says so."""
    result = audit(
        _answers(("protection.identification", "Yes, training is provided.", Status.REPORTED)), pack
    )
    finding = next(finding for finding in result.findings if finding.item_id == "protection.identification")
    assert (finding.status, finding.note) == (Status.PARTIAL, "declared reported; the text shows partial")


def test_answers_to_other_items_are_not_evidence(pack: RulePack) -> None:
    """Text answering one item is not evidence for another: a technical cooperation request names measures."""
    result = audit(
        _answers(
            (
                "technical_cooperation.request",
                "The Government requests support to collect data on forced labour victims: 91 victims were identified.",
                None,
            )
        ),
        pack,
    )
    statuses = {finding.item_id: finding.status for finding in result.findings}
    assert statuses["technical_cooperation.request"] is Status.REPORTED
    assert statuses["policy.data"] is Status.MISSING


def test_unknown_item_is_a_warning(pack: RulePack) -> None:
    """An answer to an unknown item id is ignored with a warning that names the nearest valid id: its
    text is not read, so a submission with no other answer has no text."""
    result = audit(_answers(("prevention.awarness", "Campaigns were held.", None)), pack)
    assert result.warnings == (
        "l. 1: unknown item 'prevention.awarness' is ignored (did you mean 'prevention.awareness'?)",
        "the submission has no text: every item is missing",
    )


def test_a_match_on_context_alone_is_no_evidence(pack: RulePack) -> None:
    """When the parts of a nested near meet on a context word while the measure (a figure) stands too far
    away, nothing counts: the sentence is judged on the rest of the rule (here: a mention of a decline)."""
    text = (
        "0433 Trafficking in Persons Report: Qatar It did not report convicting any Qatari employers or "
        "recruitment agencies for forced labor, and sex trafficking convictions declined."
    )
    finding = judge(pack, "policy.data", text)
    assert finding.status is Status.PARTIAL
    assert "mentioned" in finding.evidence[0].reason


def _phrases(*exprs: Expr | None) -> list[str]:
    return [
        leaf.source.replace("*", "").replace("=", "").replace("...", "and")
        for expr in exprs
        for leaf in leaves(expr)
        if isinstance(leaf, Phrase)
    ]


_FILLERS = ["0433", "2019", "12", "the", "report", "it", "did", "not", "no", "but", ";", ",", "in", "of"]


@settings(
    max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_sentence_of_a_rule_s_own_phrases_is_judged_without_error(
    pack: RulePack, data: st.DataObject
) -> None:
    """A rule's phrases in any order, with figures, negations and filler between them, are judged without
    error, and the status is one of the four."""
    rule = data.draw(st.sampled_from(pack.rules))
    pieces = _phrases(
        rule.evidence.shows, rule.evidence.touches, rule.evidence.denies, rule.evidence.not_about
    )
    words = data.draw(st.lists(st.sampled_from(pieces + _FILLERS), min_size=1, max_size=30))
    assert judge(pack, rule.id, " ".join(words).capitalize() + ".").status in Status


# ── each passage's context ───────────────────────────────────────────────────────────────────────


def test_a_passage_keeps_the_sentences_around_it(pack: RulePack) -> None:
    """Evidence carries the sentence before and after its passage, verbatim; None where there is none."""
    text = "The Ministry reviewed its budget. In 2019 a shelter for 30 victims opened. Staff were trained in May."
    (passage,) = judge(pack, "protection.accommodation", text).evidence
    assert (passage.before, passage.quote, passage.after) == (
        "The Ministry reviewed its budget.",
        "In 2019 a shelter for 30 victims opened.",
        "Staff were trained in May.",
    )
    (first,) = judge(pack, "protection.accommodation", "In 2019 a shelter for 30 victims opened.").evidence
    assert (first.before, first.after) == (None, None)


def test_the_context_stops_at_the_section_s_edge(pack: RulePack) -> None:
    """The sentences of another item's answer are not a passage's context; its own section's are."""
    result = audit(
        _answers(
            ("prevention.awareness", "Campaigns reached 4,000 workers in 2019.", None),
            ("protection.accommodation", "In 2019 a shelter for 30 victims opened. It has 30 beds.", None),
            ("policy.data", "Data were collected.", None),
        ),
        pack,
    )
    finding = next(finding for finding in result.findings if finding.item_id == "protection.accommodation")
    passage = next(item for item in finding.evidence if item.quote.startswith("In 2019"))
    assert (passage.before, passage.after) == (None, "It has 30 beds.")


def test_a_long_neighbour_is_cut_at_a_word_near_the_passage(pack: RulePack) -> None:
    """A neighbouring sentence of more than 300 characters is cut at a word, an ellipsis where it is
    cut, keeping the words nearest the passage: the end of the one before, the start of the one after."""
    long = "The committee met " + "and met again " * 40
    text = f"{long}at last. In 2019 a shelter for 30 victims opened. {long}for ever."
    (passage,) = judge(pack, "protection.accommodation", text).evidence
    assert passage.before is not None and passage.after is not None
    assert passage.before.startswith("\u2026") and passage.before.endswith("again at last.")
    assert passage.after.startswith("The committee met and") and passage.after.endswith("\u2026")
    assert 250 < len(passage.before) <= 301 and 250 < len(passage.after) <= 301
    assert f" {passage.before[1:]} In 2019" in text  # whole words, up to the passage
    assert f"opened. {passage.after[:-1]} " in text
