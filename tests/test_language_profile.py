"""Language profiles (checker/language/profile.py): every shipped profile loads from its TOML file, and
the sentence cutter and the page-furniture reader read each language by its own words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.language.identify import SUPPORTED, name
from checker.language.profile import ENGLISH, Profile, any_language, profile, profiles
from checker.layout import lay_out
from checker.model import RulePack
from checker.readers import read
from checker.readers.furniture import furniture_lines
from checker.segment import segment_stretches


def test_the_three_languages_are_shipped() -> None:
    """English, French and Spanish each have a profile, named by its ISO 639-1 code."""
    assert {code: each.name for code, each in profiles().items()} == {
        "en": "English",
        "es": "Spanish",
        "fr": "French",
    }
    assert profile(ENGLISH) is profiles()["en"]
    assert set(profiles()) == set(SUPPORTED)  # the command line offers what is shipped
    assert name("fr") == "French" and name("pt") == "pt"


@pytest.mark.parametrize("code", ["en", "fr", "es"])
def test_a_profile_has_every_part(code: str) -> None:
    """No part of a profile is empty, and its words are lower case, as the cutter compares them."""
    each = profile(code)
    for words in (each.abbreviations, each.number_abbreviations, each.hyphen_prefixes, each.answer_words):
        assert words and all(word == word.lower() for word in words)
    assert each.page_words and each.of_words


def test_the_union_of_the_profiles_holds_every_word() -> None:
    """`any_language` holds each profile's words, each once."""
    union = any_language()
    for each in profiles().values():
        assert each.abbreviations <= union.abbreviations
        assert set(each.page_words) <= set(union.page_words)
    assert len(union.page_words) == len(set(union.page_words))
    assert union.code == "en+es+fr"


def _quotes(pack: RulePack, text: str, language: str) -> list[str]:
    layout = lay_out(read("report.txt", text.encode()), pack)
    stretches = [replace(stretch, language=language) for stretch in layout.stretches]
    return [item.quote for item in segment_stretches(stretches)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        pytest.param(
            "fr",
            "M. Diallo a présidé la commission. Mme Ba l'a remplacé.",
            ["M. Diallo a présidé la commission.", "Mme Ba l'a remplacé."],
            id="French titles",
        ),
        pytest.param(
            "fr",
            "Selon l'art. 4 du Code, le travail forcé est interdit. Voir aussi l'al. 2.",
            ["Selon l'art. 4 du Code, le travail forcé est interdit.", "Voir aussi l'al. 2."],
            id="French article and paragraph numbers",
        ),
        pytest.param(
            "es",
            "La Sra. López coordina la comisión. Según el núm. 29 del art. 3, la ley protege a las víctimas.",
            [
                "La Sra. López coordina la comisión.",
                "Según el núm. 29 del art. 3, la ley protege a las víctimas.",
            ],
            id="Spanish titles and numbers",
        ),
        pytest.param(
            "en",
            "M. Diallo chaired the commission. He reported in May.",
            ["M. Diallo chaired the commission.", "He reported in May."],
            id="an initial in English",
        ),
    ],
)
def test_sentences_are_cut_by_the_language_s_abbreviations(
    pack: RulePack, language: str, text: str, expected: list[str]
) -> None:
    """A period after an abbreviation of the text's language does not end its sentence."""
    assert _quotes(pack, text, language) == expected


def test_an_abbreviation_of_another_language_ends_a_sentence(pack: RulePack) -> None:
    """'Sra.' is Spanish: in an English text, the period after it ends the sentence."""
    text = "The witness was called Sra. The hearing resumed."
    assert _quotes(pack, text, "en") == ["The witness was called Sra.", "The hearing resumed."]
    assert _quotes(pack, text, "es") == ["The witness was called Sra. The hearing resumed."]


@pytest.mark.parametrize(
    ("language", "text", "answer"),
    [
        ("en", "Answer (b): A shelter opened in 2024.", "A shelter opened in 2024."),
        ("fr", "Réponse : Un foyer a ouvert en 2024.", "Un foyer a ouvert en 2024."),
        ("es", "Respuesta: Un albergue abrió en 2024.", "Un albergue abrió en 2024."),
    ],
)
def test_the_form_s_word_before_an_answer_is_not_the_answer_s(
    pack: RulePack, language: str, text: str, answer: str
) -> None:
    """The matched text of an answer leaves out the form's "Answer:" in the text's language."""
    layout = lay_out(read("report.txt", text.encode()), pack)
    stretches = [replace(stretch, language=language) for stretch in layout.stretches]
    [segment] = segment_stretches(stretches)
    assert segment.quote == text  # cited as written
    first_words = answer.lower().split()[:2]
    assert segment.text.split()[:2] == first_words  # matched from the answer's first word


@pytest.mark.parametrize("number", ["Page 3 of 10", "Page 3 sur 10", "Página 3 de 10", "pág. 4", "p. 12"])
def test_a_page_number_in_any_language_is_furniture(number: str) -> None:
    """The page numbers of every language are told before the text's language is known."""
    assert any_language().page_number.fullmatch(number)
    lines = [f"Line {n} of the body text of the report, long enough." for n in range(40)]
    lines[10], lines[30] = number, number.replace("3", "4").replace("12", "13")
    assert {10, 30} <= set(furniture_lines(lines))


def test_a_profile_is_read_from_its_data() -> None:
    """A profile is data: built from its TOML file's words, its patterns follow from them."""
    each = profile("fr")
    assert isinstance(each, Profile)
    assert each.answer_prefix.match("Réponse (b) : oui")
    assert (
        each.longest_abbreviation
        == max(len(word) for word in each.abbreviations | each.number_abbreviations) + 2
    )


def test_an_audit_cuts_each_part_by_its_own_language(pack: RulePack) -> None:
    """The engine tells each stretch the language identified for it: a French report's "env. 200" (about
    200) does not end a sentence, as it would read by the English profile; a forced language applies
    throughout."""
    from checker.engine import audit

    french = (
        "Le Comité national de lutte contre la traite des personnes s'est réuni quatre fois en 2022 sous la "
        "présidence du directeur du travail. Il a formé env. 200 inspecteurs, a adopté un plan de formation des inspecteurs du "
        "travail et a publié un guide sur l'identification des victimes de travail forcé dans les mines.\n"
    ) * 3
    result = audit(read("rapport.txt", french.encode()), pack, keep_unmatched=True)
    assert result.language == "fr"
    cited = [item.quote for finding in result.findings for item in finding.evidence]
    quotes = [item.quote for item in result.unmatched] + cited
    assert any(quote.startswith("Il a formé env. 200 inspecteurs, a adopté") for quote in quotes)
    forced = audit(read("rapport.txt", french.encode()), pack, keep_unmatched=True, language="en")
    assert any(item.quote.endswith("env.") for item in forced.unmatched)


def test_a_supervisory_comment_s_heading_names_one_instrument_a_line(pack: RulePack) -> None:
    """Each line of a CEACR heading that ends with its dated tag ends its sentence, whatever the language:
    the Convention's line ("(núm. 29)") is not read into the Protocol's."""
    text = (
        "Convenio sobre el trabajo forzoso, 1930 (núm. 29) - Perú (Ratificación : 1960)\n"
        "Protocolo de 2014 relativo al Convenio sobre el trabajo forzoso, 1930 - Perú (Ratificación : 2021)\n"
    )
    assert _quotes(pack, text, "es") == [
        "Convenio sobre el trabajo forzoso, 1930 (núm. 29) - Perú (Ratificación : 1960)",
        "Protocolo de 2014 relativo al Convenio sobre el trabajo forzoso, 1930 - Perú (Ratificación : 2021)",
    ]
