"""Which language a report is written in, and which of its sections are in another: on short and long
texts in English, French and Spanish written for these tests, and on a French report quoting an English
law."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.engine import audit
from checker.language.identify import (
    MOST_SECTIONS,
    SECTION_LEAST,
    SECTION_SAMPLE,
    SUPPORTED,
    Identified,
    identify,
    identify_parts,
    name,
)
from checker.model import RulePack
from checker.readers import read

SHORT = {
    "en": "The labour inspectorate visited every brick kiln in the province last year.",
    "fr": "L'inspection du travail a visité toutes les briqueteries de la province l'an dernier.",
    "es": "La inspección del trabajo visitó todas las ladrilleras de la provincia el año pasado.",
}
# A heading and the sentence under it: the least a section of a draft holds.
HEADED = {
    "en": "Protection of victims\nVictims receive shelter, legal aid and medical care free of charge.",
    "fr": "Protection des victimes\nLes victimes reçoivent gratuitement un hébergement et une aide juridique.",
    "es": "Protección de las víctimas\nLas víctimas reciben gratuitamente alojamiento y asistencia jurídica.",
}
LONG = {
    "en": (
        "In 2023 the Government adopted its second national action plan against forced labour, which "
        "runs until 2027 and has its own budget line. The plan was drawn up with the employers' "
        "federation and the two trade union confederations, which sit on its steering committee.\n\n"
        "Labour inspectors now receive a week of training on the indicators of forced labour before "
        "they take up their posts. Where an inspector finds workers whose documents were taken or whose "
        "wages are withheld to repay a debt, the case is referred to the police and to the victim "
        "support service on the same day.\n\n"
        "Private recruitment agencies must be licensed, may not charge fees to workers and lose their "
        "licence when they deceive a worker about the nature or conditions of the work."
    ),
    "fr": (
        "En 2023, le Gouvernement a adopté son deuxième plan d'action national contre le travail forcé, "
        "qui court jusqu'en 2027 et dispose d'une ligne budgétaire propre. Le plan a été élaboré avec "
        "la fédération des employeurs et les deux confédérations syndicales, qui siègent à son comité "
        "de pilotage.\n\n"
        "Les inspecteurs du travail suivent désormais une semaine de formation sur les indicateurs du "
        "travail forcé avant leur prise de fonctions. Lorsqu'un inspecteur constate que des travailleurs "
        "ont été privés de leurs papiers ou que leurs salaires sont retenus pour rembourser une dette, "
        "le cas est transmis le jour même à la police et au service d'aide aux victimes.\n\n"
        "Les agences d'emploi privées doivent être agréées, ne peuvent percevoir aucun frais auprès des "
        "travailleurs et perdent leur agrément lorsqu'elles trompent un travailleur sur la nature ou "
        "les conditions du travail."
    ),
    "es": (
        "En 2023 el Gobierno aprobó su segundo plan de acción nacional contra el trabajo forzoso, que "
        "abarca hasta 2027 y cuenta con una partida presupuestaria propia. El plan se elaboró con la "
        "federación de empleadores y las dos confederaciones sindicales, que integran su comité "
        "directivo.\n\n"
        "Los inspectores del trabajo reciben ahora una semana de formación sobre los indicadores del "
        "trabajo forzoso antes de asumir sus funciones. Cuando un inspector comprueba que a los "
        "trabajadores se les retuvieron los documentos o que sus salarios se retienen para pagar una "
        "deuda, el caso se remite el mismo día a la policía y al servicio de atención a las víctimas.\n\n"
        "Las agencias privadas de empleo deben contar con una licencia, no pueden cobrar honorarios a los "
        "trabajadores y pierden la licencia cuando engañan a un trabajador sobre la naturaleza o las "
        "condiciones del trabajo."
    ),
}
# An English law as a French report quotes it, under a heading of its own.
ENGLISH_LAW = (
    "Section 12. Any person who exacts or causes to be exacted from another person any work or service "
    "under the menace of a penalty, and for which that person has not offered himself or herself "
    "voluntarily, commits an offence and is liable on conviction to imprisonment for a term not "
    "exceeding fifteen years. A victim of such an offence shall not be prosecuted or punished for "
    "unlawful acts which he or she was compelled to commit as a direct consequence of it."
)
MIXED = f"""# Rapport du Gouvernement sur le Protocole de 2014

## Politique nationale

{LONG["fr"]}

## Texte de la loi telle que publiée en anglais

{ENGLISH_LAW}

## Protection des victimes

Les victimes identifiées sont hébergées dans des centres spécialisés et bénéficient d'une assistance
juridique gratuite, d'un accompagnement psychologique et d'une aide à la réinsertion professionnelle.
Les centres sont gérés par des associations agréées que l'État finance chaque année.
"""


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("texts", [SHORT, HEADED, LONG], ids=["sentence", "heading and sentence", "long"])
def test_identify_tells_each_language(texts: dict[str, str], language: str) -> None:
    """A sentence, a heading with a sentence, and several paragraphs are each told their language."""
    assert identify(texts[language]) == language


@pytest.mark.parametrize("text", ["", "   \n", "2019 2020 2021 | 12 | 45 | 3.5 %", "Art. 4"])
def test_identify_falls_back_to_the_default_where_the_text_tells_nothing(text: str) -> None:
    """Text without words enough to tell (empty, a table of figures) is in the default language."""
    assert identify(text, default="es") == "es"


def test_identify_judges_the_beginning_of_a_long_text() -> None:
    """A long text is told by its beginning: what follows its sample is not read."""
    assert identify(LONG["fr"] + "\n" + LONG["en"] * 200) == "fr"


def test_parts_of_one_language_have_no_others() -> None:
    """A report in one language has that language, and no section told apart."""
    pieces = [(number, paragraph) for number, paragraph in enumerate(LONG["es"].split("\n\n"))]
    assert identify_parts(pieces) == Identified("es")


def test_a_french_report_quoting_an_english_law_has_that_section_in_english() -> None:
    """The report is French; the section that quotes the English law is told as English."""
    pieces = [
        ("policy", LONG["fr"]),
        ("law", ENGLISH_LAW),
        ("protection", LONG["fr"].split("\n\n")[1]),
    ]
    assert identify_parts(pieces, default="en") == Identified("fr", (("law", "en"),))


def test_a_section_in_pieces_is_judged_as_one() -> None:
    """A section given as several pieces (its lines) is judged on its text, not line by line."""
    lines = [("law", line) for line in ENGLISH_LAW.split(", ")]
    assert identify_parts([("policy", LONG["fr"]), *lines]).others == (("law", "en"),)


def test_short_sections_go_with_their_report() -> None:
    """A section shorter than SECTION_LEAST is not judged alone: a heading and a sentence in English do
    not make an English section of a French report."""
    english = HEADED["en"]
    assert len(english) < SECTION_LEAST
    assert identify_parts([("policy", LONG["fr"]), ("short", english)]) == Identified("fr")


def test_a_report_of_short_sections_is_told_by_its_beginning() -> None:
    """When no section is long enough to be judged alone, their text together tells the language."""
    pieces = [(number, text) for number, text in enumerate(HEADED["es"].split("\n"))] * 3
    assert identify_parts(pieces, default="en") == Identified("es")


def test_the_language_most_of_the_text_is_in_wins() -> None:
    """A report mostly in English with a French section is English, with that section told apart."""
    pieces = [("a", LONG["en"]), ("b", LONG["en"]), ("c", LONG["fr"])]
    assert identify_parts(pieces, default="es") == Identified("en", (("c", "fr"),))


def test_only_the_longest_sections_are_judged() -> None:
    """Past MOST_SECTIONS sections, only the longest are judged: the cost of a long report is bounded."""
    english = [(f"en{number}", ENGLISH_LAW) for number in range(MOST_SECTIONS)]
    french_short = ("fr", LONG["fr"][: SECTION_SAMPLE // 4])  # judged alone, yet shorter than the rest
    assert len(french_short[1]) >= SECTION_LEAST
    assert identify_parts([*english, french_short]) == Identified("en")
    assert identify_parts([*english[:-1], french_short]).others == (("fr", "fr"),)


def test_names() -> None:
    """Each supported language has its English name; another code is shown as it is."""
    assert [name(code) for code in (*SUPPORTED, "pt")] == ["English", "French", "Spanish", "pt"]


# ── through the audit ────────────────────────────────────────────────────────────────────────────────


def test_the_audit_records_the_language_and_the_sections_in_another(pack: RulePack) -> None:
    """The audit of a French report with an English law records French and the law's section in English;
    a pack that reads English only warns that it will recognise few items, one that reads French not."""
    result = audit(read("rapport.md", MIXED.encode()), pack)
    assert result.language == "fr"
    [law] = result.other_languages
    title = "Texte de la loi telle que publiée en anglais"
    line = MIXED.splitlines().index(f"## {title}") + 1
    assert (law.title, law.location.line, law.language) == (title, line, "en")
    assert not [warning for warning in result.warnings if "written in" in warning]
    english_only = audit(read("rapport.md", MIXED.encode()), replace(pack, languages=("en",)))
    assert (
        "written in French; the p029 pack's vocabulary is English: few items will be recognised"
        in english_only.warnings
    )


def test_a_report_in_the_pack_s_language_has_no_warning(pack: RulePack) -> None:
    """An English report is recorded as English, with no warning about its language."""
    result = audit(read("report.md", f"# Report\n\n{LONG['en']}\n".encode()), pack)
    assert (result.language, result.other_languages) == ("en", ())
    assert not [warning for warning in result.warnings if "written in" in warning]


def test_a_forced_language_is_recorded_as_given(pack: RulePack) -> None:
    """A language given to the audit is taken as it is: no section is told apart."""
    result = audit(read("rapport.md", MIXED.encode()), replace(pack, languages=("en",)), language="es")
    assert (result.language, result.other_languages) == ("es", ())
    assert any("written in Spanish" in warning for warning in result.warnings)


def test_a_report_is_judged_alike_identified_or_told(pack: RulePack) -> None:
    """A report's statuses are the same whether its language is identified or given: it is read with its
    language's words either way."""
    for text, language in ((f"# Report\n\n{LONG['en']}\n", "en"), (f"# Rapport\n\n{LONG['fr']}\n", "fr")):
        document = read("report.md", text.encode())
        statuses = [
            [finding.status for finding in audit(document, pack, language=given).findings]
            for given in (None, language)
        ]
        assert statuses[0] == statuses[1]
