"""Lists of recommendations: under a heading ("PRIORITIZED RECOMMENDATIONS:", "The Government should:"),
every item is a request, up to the paragraph, the unbulleted line or the gap that ends the list."""

from __future__ import annotations

import pytest

from checker.engine import audit
from checker.layout import lay_out
from checker.model import RulePack, Status
from checker.readers import read
from checker.recommendations import QUOTED, recommendation_lists
from checker.segment import segment


def _listed(pack: RulePack, text: str, name: str = "report.txt") -> dict[str, str]:
    """The sentences of `text` (by quote) that are items of a list of recommendations, with its heading."""
    segments = segment(lay_out(read(name, text.encode()), pack))
    listed = recommendation_lists(segments, pack.cues)
    return {item.quote: listed[item.index] for item in segments if item.index in listed}


TIP = """Trafficking in Persons Report: Examplestan

The government demonstrated overall increasing efforts. It opened a shelter for trafficking victims.

PRIORITIZED RECOMMENDATIONS:

Adopt and fund the national action plan against trafficking. Train labour inspectors to identify victims.

Provide shelters for male victims.

PROSECUTION

The government convicted 12 traffickers under the 2016 anti-trafficking law.
"""


def test_the_paragraphs_under_a_heading_are_recommendations_up_to_the_narrative(pack: RulePack) -> None:
    """The list runs over the paragraph after its heading and the next one that opens with an imperative,
    and ends at the section title."""
    assert _listed(pack, TIP) == {
        "Adopt and fund the national action plan against trafficking.": "PRIORITIZED RECOMMENDATIONS",
        "Train labour inspectors to identify victims.": "PRIORITIZED RECOMMENDATIONS",
        "Provide shelters for male victims.": "PRIORITIZED RECOMMENDATIONS",
    }


def test_a_recommended_measure_is_not_evidence(pack: RulePack) -> None:
    """The plan recommended is set aside, naming the list's heading; the shelter opened is reported."""
    findings = {f.item_id: f for f in audit(read("report.txt", TIP.encode()), pack).findings}
    plan = findings["policy.plan_of_action"]
    assert plan.status is Status.MISSING
    assert (
        plan.set_aside[0].reason
        == "a recommendation, not a measure: listed under 'PRIORITIZED RECOMMENDATIONS'"
    )
    assert findings["protection.accommodation"].status is Status.REPORTED
    assert findings["remedies.penalties"].status is Status.REPORTED


def test_a_line_without_a_bullet_ends_a_bulleted_list(pack: RulePack) -> None:
    """After "should:" and its bullets, an unbulleted line that is no imperative is narrative again."""
    text = (
        "Report on trafficking in persons.\n\nThe Government of Examplestan should:\n\n"
        "\u2022 Increase efforts to prosecute traffickers.\n\u2022 Finalize the national action plan.\n"
        "The government adopted a law criminalizing forced labour in 2016.\n"
    )
    assert set(_listed(pack, text)) == {
        "\u2022 Increase efforts to prosecute traffickers.",
        "\u2022 Finalize the national action plan.",
    }


@pytest.mark.parametrize(
    "heading",
    [
        "RECOMMANDATIONS PRIORITAIRES :",
        "RECOMENDACIONES PRIORIZADAS:",
        "Key recommendations",
        "We recommend that the Government:",
    ],
)
def test_headings_of_a_list_in_three_languages(pack: RulePack, heading: str) -> None:
    """A list's heading, in English, French or Spanish, makes the paragraph under it recommendations."""
    text = f"Report on trafficking in persons.\n\n{heading}\n\nFinancer le plan d'action national.\n"
    assert list(_listed(pack, text).values()) == [heading.rstrip(" :")]


def test_a_gap_ends_the_list(pack: RulePack) -> None:
    """An omission ("[...]") ends the list: nothing says it goes on past the gap."""
    text = (
        "Report on trafficking in persons.\n\nPRIORITIZED RECOMMENDATIONS:\n\nIncrease efforts to prosecute.\n"
        "[...]\nThe government convicted 12 traffickers in 2022.\n"
    )
    assert list(_listed(pack, text)) == ["Increase efforts to prosecute. [...]"]


def test_a_heading_about_recommendations_carried_out_heads_no_list(pack: RulePack) -> None:
    """'Implementation of the recommendations' heads an account of measures, not a list of requests."""
    text = (
        "Report on trafficking in persons.\n\nImplementation of the recommendations of the Committee\n\n"
        "The Government adopted the national action plan in 2020.\n"
    )
    assert _listed(pack, text) == {}


def test_a_recommendation_quoted_before_its_response_is_a_request(pack: RulePack) -> None:
    """A government's report that quotes each recommendation before its response: the quoted imperative
    is the monitor's recommendation (set aside), not an action of the government's plan (partial)."""
    text = (
        "Report on measures taken against trafficking in human beings.\n\n"
        "- Develop a comprehensive statistical system on victims of trafficking. It should respect data "
        "protection.\n\nResponse: A special police unit was established in 2006.\n"
    )
    assert _listed(pack, text) == {
        "- Develop a comprehensive statistical system on victims of trafficking.": QUOTED,
        "It should respect data protection.": QUOTED,
    }
    findings = {f.item_id: f for f in audit(read("report.txt", text.encode()), pack).findings}
    assert findings["policy.data"].status is Status.MISSING


def test_a_plans_action_is_planned(pack: RulePack) -> None:
    """A plan's numbered action in the imperative, outside a list of recommendations, is planned."""
    text = "Plan of action against forced labour.\n\n1. Train labour inspectors to identify victims of forced labour.\n"
    findings = {f.item_id: f for f in audit(read("report.txt", text.encode()), pack).findings}
    assert findings["protection.identification"].status is Status.PARTIAL
