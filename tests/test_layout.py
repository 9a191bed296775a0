"""Layout: which text answers which item, in compilations, drafts, labelled forms and narratives."""

from __future__ import annotations

import html
import io
import textwrap
from collections.abc import Callable, Iterator
from functools import cache

import docx
import pytest
from docx.document import Document as WordDocument
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checker.engine import audit
from checker.layout import (
    Joined,
    Layout,
    Piece,
    Stretch,
    _align,
    _Found,
    _Slot,
    heading_item,
    lay_out,
    question_item,
)
from checker.matching.variants import canonical_words
from checker.model import (
    Block,
    BlockKind,
    Document,
    DocumentKind,
    FormField,
    Location,
    Metadata,
    Paragraphs,
    RulePack,
    Section,
    SectionKind,
    SourceLine,
    Status,
)
from checker.readers import read, read_file
from checker.rules import load_rules
from tests.conftest import COMPILATION_SEED, NARRATIVE_SEED, ROW_BY_ROW_COMPILATION, examples


@pytest.fixture(scope="module")
def pack() -> RulePack:
    """The bundled P029 rule pack, loaded once for the module."""
    return load_rules()


@pytest.fixture(scope="module")
def compilation(pack: RulePack) -> Layout:
    """The Azerbaijan compilation seed, laid out."""
    return lay_out(read_file(str(COMPILATION_SEED)), pack)


def _lay_out(pack: RulePack, text: str, name: str = "report.txt") -> Layout:
    return lay_out(read(name, text.encode()), pack)


def _stretch_text(stretch: Stretch) -> str:
    """The words of a stretch, one space between them."""
    return " ".join(" ".join(piece.text for piece in stretch.pieces).split())


def _owned(layout: Layout) -> list[tuple[tuple[str, ...], str]]:
    """Each non-empty stretch as (items of its section, its words)."""
    return [
        (stretch.section.items, _stretch_text(stretch))
        for stretch in layout.stretches
        if _stretch_text(stretch)
    ]


# ── the ILO compilation ──────────────────────────────────────────────────────────────────────────


def test_the_compilation_seed_is_a_compilation(compilation: Layout) -> None:
    """The Azerbaijan seed is read as a compilation, with country and years from its title line."""
    assert compilation.kind is DocumentKind.COMPILATION
    assert compilation.metadata == Metadata(country="Azerbaijan", years=("2017", "2018"))


@pytest.mark.parametrize(
    ("title", "line", "items", "checklist"),
    [
        ("Fulfilment of Government's reporting obligations", 9, ("reporting.obligations",), ()),
        ("Employers' organizations", 39, ("observations.employers",), ()),
        ("Employers' organizations", 329, ("challenges.social_partners",), ()),
        ("Ratification status", 63, ("ratification.status",), ()),
        ("Ratification intention", 69, ("ratification.intention",), ()),
        (
            "Measures taken or envisaged for systematic and coordinated action",
            103,
            ("policy.coordination",),
            ("policy.data",),
        ),
        (
            "Non-prosecution of victims for unlawful acts that they would have been forced to carry out",
            276,
            ("remedies.non_prosecution",),
            (),
        ),
        ("Promotional activities", 308, ("promotion.activities",), ()),
        ("According to the Government", 341, ("challenges.government",), ()),
        ("Request", 353, ("technical_cooperation.request",), ()),
        ("Offer", 377, ("technical_cooperation.offer",), ()),
    ],
)
def test_compilation_form_fields_own_their_items(
    compilation: Layout, title: str, line: int, items: tuple[str, ...], checklist: tuple[str, ...]
) -> None:
    """Each label of the form found in the text is a FORM_FIELD section at its line, owning its item."""
    found = [
        section for section in compilation.sections if (section.title, section.location.line) == (title, line)
    ]
    assert found == [Section(SectionKind.FORM_FIELD, title, Location(line=line), items, checklist)]


def test_the_compilation_s_fields_are_found_in_form_order(compilation: Layout) -> None:
    """Every field of the form is found, in the order the form lays them out."""
    fields = [
        section.items or section.checklist[:1]
        for section in compilation.sections
        if section.kind is SectionKind.FORM_FIELD
    ]
    assert [items[0] for items in fields] == [
        "reporting.obligations",
        "reporting.social_partners",
        "observations.employers",
        "observations.workers",
        "ratification.status",
        "ratification.intention",
        "policy.plan_of_action",
        "policy.coordination",
        "prevention.awareness",
        "protection.identification",
        "remedies.information",
        "remedies.non_prosecution",
        "cooperation.international",
        "promotion.activities",
        "promotion.special_initiatives",
        "challenges.social_partners",
        "challenges.social_partners",
        "challenges.government",
        "technical_cooperation.request",
        "technical_cooperation.offer",
    ]


@pytest.mark.parametrize("area", ["prevention", "protection", "remedies"])
def test_a_checklist_field_lists_its_area_s_items(compilation: Layout, pack: RulePack, area: str) -> None:
    """A "Measures taken or envisaged" field is a checklist of every item of its area, in pack order."""
    (field,) = [
        section
        for section in compilation.sections
        if section.kind is SectionKind.FORM_FIELD
        and section.checklist
        and section.checklist[0].startswith(area)
    ]
    assert field.items == ()
    assert field.checklist == tuple(rule.id for rule in pack.rules if rule.id.startswith(f"{area}."))
    assert field.title.startswith("Measures taken or envisaged to ")


def test_a_form_field_s_text_is_its_answer(compilation: Layout) -> None:
    """The text after a label, up to the next label, is the field's answer, starting on the label's line."""
    (stretch,) = [
        stretch for stretch in compilation.stretches if stretch.section.items == ("ratification.status",)
    ]
    assert (
        _stretch_text(stretch)
        == "Azerbaijan has not yet ratified the Protocol of 2014 (P029) to the Forced Labour Convention."
    )
    assert stretch.pieces[0].line.location == Location(line=63)
    assert stretch.pieces[0].text == " Azerbaijan has not yet ratified the Protocol "


def test_group_labels_are_free_sections(compilation: Layout) -> None:
    """The form's group labels are FREE sections that own no item."""
    groups = [
        section.title
        for section in compilation.sections
        if section.kind is SectionKind.FREE and section.title
    ]
    assert groups == [
        "Reporting",
        "Observations by the social partners",
        "Efforts and progress made in realizing measures targeted by the Protocol",
        "Ratification",
        "Challenges in realizing measures targeted by the Protocol",
        "According to the social partners",
        "Technical cooperation needs",
    ]


def test_the_progress_field_is_shared(compilation: Layout) -> None:
    """Only the "Special initiatives/Progress" field is shared evidence for every item."""
    shared = [section.items for section in compilation.sections if section.shared]
    assert shared == [("promotion.special_initiatives",)]


# ── the compilation copied row by row ────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def row_by_row(pack: RulePack) -> Layout:
    """Seed 004's text as a copy of the PDF's table row by row gives it, laid out."""
    return lay_out(read_file(str(ROW_BY_ROW_COMPILATION)), pack)


def _answers(layout: Layout) -> list[tuple[SectionKind, str, str]]:
    """Each section's kind, title and words, a word hyphenated across lines rejoined ("law-enforcement")."""
    return [
        (stretch.section.kind, stretch.section.title, _stretch_text(stretch).replace("- ", "-"))
        for stretch in layout.stretches
    ]


def test_a_table_copied_row_by_row_is_a_compilation(row_by_row: Layout) -> None:
    """Labels and answers side by side on each line are read as a compilation, with country and years."""
    assert row_by_row.kind is DocumentKind.COMPILATION
    assert row_by_row.metadata == Metadata(country="Azerbaijan", years=("2017", "2018"))


def test_a_table_copied_row_by_row_gives_each_field_the_seed_s_answer(
    row_by_row: Layout, compilation: Layout
) -> None:
    """Every section of the copy row by row has the words it has in seed 004, read column by column."""
    assert _answers(row_by_row) == _answers(compilation)


# ── the compilation in a table of labels and answers (Word, HTML) ─────────────────────────────────


def _seed_table(compilation: Layout) -> list[tuple[str, str]]:
    """Seed 004 as a table of two columns: each label of the form (a group's too) beside its answer's
    words, in one paragraph."""
    return [
        (stretch.section.title, " ".join(_stretch_text(stretch).split()))
        for stretch in compilation.stretches
        if stretch.section.title
    ]


def _saved(document: WordDocument) -> Document:
    saved = io.BytesIO()
    document.save(saved)
    return read("seed.docx", saved.getvalue())


def _in_word(rows: list[tuple[str, str]], pack: RulePack) -> Document:
    document = docx.Document()
    document.add_paragraph("AZERBAIJAN (2017-2018)", style="Title")  # a heading, not text
    table = document.add_table(rows=0, cols=2)
    for label, answer in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, answer
    return _saved(document)


def _in_word_by_group(rows: list[tuple[str, str]], pack: RulePack) -> Document:
    """Three columns, as the ILO's PDF has them: a top-level group's label in the first, merged down
    beside its fields' labels and answers."""
    groups = {group.label for group in pack.form}
    document = docx.Document()
    document.add_paragraph("AZERBAIJAN (2017-2018)", style="Title")
    table = document.add_table(rows=0, cols=3)
    first = 0
    for label, answer in rows:
        cells = table.add_row().cells
        if label in groups:
            first = len(table.rows) - 1
            cells[0].text, cells[2].text = label.upper(), answer
        else:
            cells[1].text, cells[2].text = label, answer
            table.cell(first, 0).merge(cells[0])
    return _saved(document)


def _in_html(rows: list[tuple[str, str]], pack: RulePack) -> Document:
    cells = "".join(
        f"<tr><td>{html.escape(label)}</td><td>{html.escape(answer)}</td></tr>" for label, answer in rows
    )
    page = f"<html><body><h1>AZERBAIJAN (2017-2018)</h1><table>{cells}</table></body></html>"
    return read("seed.html", page.encode())


def _statuses(document: Document, pack: RulePack) -> dict[str, tuple[Status, dict[str, Status]]]:
    return {finding.item_id: (finding.status, finding.by_year) for finding in audit(document, pack).findings}


@pytest.mark.parametrize(
    "made", [_in_word, _in_word_by_group, _in_html], ids=["word", "word-by-group", "html"]
)
def test_a_table_of_the_form_s_labels_is_the_compilation_it_is(
    pack: RulePack, compilation: Layout, made: Callable[[list[tuple[str, str]], RulePack], Document]
) -> None:
    """Seed 004 made by hand as the ILO's compilations are in Word (its title, then each label of the
    form beside its answer in a table, or each group's beside its fields'), or in a web page, is read as
    a compilation: each field's answer is its item's, and every item has the status of seed 004's text,
    overall and per report year; the title gives the country and years."""
    document = made(_seed_table(compilation), pack)
    layout = lay_out(document, pack)
    assert layout.kind is DocumentKind.COMPILATION
    assert layout.metadata == Metadata(country="Azerbaijan", years=("2017", "2018"))
    assert _statuses(document, pack) == _statuses(read_file(str(COMPILATION_SEED)), pack)


def test_a_word_draft_s_table_of_a_few_items_heads_their_answers(pack: RulePack) -> None:
    """A Word draft's table of a few items' labels (not the form's fields in order) stays a draft's: each
    label heads the answer beside it, where a bare "Yes." names no measure and is partial."""
    rows = [
        ("Appropriate accommodation for victims", "Two State shelters with 60 beds opened in 2023."),
        ("Free legal assistance", "Yes."),
        ("Cost-free proceedings", "No."),
        ("Specific measures for children", "Yes."),
    ]
    document = _in_word(rows, pack)
    layout = lay_out(document, pack)
    assert layout.kind is DocumentKind.DRAFT
    assert [(section.title, section.items) for section in layout.sections if section.items] == [
        ("Appropriate accommodation for victims", ("protection.accommodation",)),
        ("Free legal assistance", ("remedies.legal_aid",)),
        ("Cost-free proceedings", ("remedies.cost_free",)),
        ("Specific measures for children", ("protection.children",)),
    ]
    statuses = _statuses(document, pack)
    assert [statuses[item][0] for item in ("remedies.legal_aid", "remedies.cost_free")] == [
        Status.PARTIAL,
        Status.NEGATIVE,
    ]


@pytest.mark.parametrize(
    ("title", "line", "answer"),
    [
        ("Employers' organizations", 15, "No."),
        ("Workers' organizations", 17, "No."),
        (
            "Ratification status",
            19,
            "Azerbaijan has not yet ratified the Protocol of 2014 (P029) to the Forced Labour Convention.",
        ),
        ("Measures taken or envisaged for systematic and coordinated action", 32, ""),
        ("Employers' organizations", 126, ""),
        ("According to the Government", 130, ""),
    ],
)
def test_a_label_beside_an_answer_is_a_field_at_its_first_line(
    row_by_row: Layout, title: str, line: int, answer: str
) -> None:
    """A field's label starts its section on the line of its first words; the answer beside it is its text."""
    (stretch,) = [
        stretch
        for stretch in row_by_row.stretches
        if (stretch.section.title, stretch.section.location.line) == (title, line)
    ]
    assert stretch.section.kind is SectionKind.FORM_FIELD
    assert _stretch_text(stretch) == answer


ROW_BY_ROW = """\
VALDORIA (2019-2020)
REPORTING Fulfillment of Yes.
Government\u2019s
reporting obligations
EFFORTS AND Ratification Ratification status Valdoria has not yet ratified the Protocol.
PROGRESS MADE IN Ratification intention No.
REALIZING Existence of a policy and plans exist, adopted in 2019, for the prevention
MEASURES and / or of forced labour and trafficking in persons.
TARGETED plan of action for the
BY THE PROTOCOL suppression of forced
or
compulsory labour
Measures taken or None.
envisaged for
systematic and
coordinated action
Promotional activities Seminars on forced labour in 12 provinces.
"""


def test_a_label_s_words_are_told_from_an_answer_s_that_repeat_them(pack: RulePack) -> None:
    """An answer that opens with the label's next word ("and plans exist") is the answer, not the label's."""
    layout = _lay_out(pack, ROW_BY_ROW)
    assert layout.kind is DocumentKind.COMPILATION
    assert _owned(layout) == [
        ((), "VALDORIA (2019-2020)"),
        (("reporting.obligations",), "Yes."),
        (("ratification.status",), "Valdoria has not yet ratified the Protocol."),
        (("ratification.intention",), "No."),
        (
            ("policy.plan_of_action",),
            "and plans exist, adopted in 2019, for the prevention of forced labour and trafficking in persons.",
        ),
        (("policy.coordination",), "None."),
        (("promotion.activities",), "Seminars on forced labour in 12 provinces."),
    ]


def _fields_in_form_order(
    fields: tuple[FormField, ...], groups: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    """Each field of the form as the labels of its groups, then its own."""
    found = []
    for field in fields:
        if field.children:
            found += _fields_in_form_order(field.children, (*groups, field.label))
        else:
            found.append((*groups, field.label))
    return found


def _copied_row_by_row(
    rows: list[tuple[tuple[str, ...], str]], label_width: int, answer_width: int
) -> tuple[str, bool]:
    """A compilation's rows (each field's groups and label, its answer) as a copy of its table row by row:
    each column wrapped at its width, the lines of a group beside those of its rows. Also whether a line
    is ambiguous, as it would be to any reader: the words beside a piece of a label are the rest of that
    label, so that it may end on this line or on the next ("Measures taken or envisaged to prevent forms
    of" beside an answer's line "forced labour; f) Promotion of")."""
    lines: list[str] = []
    columns: list[tuple[str, list[str]]] = []  # each open group and its lines not yet set
    ambiguous = False

    def set_line(cells: list[tuple[str, list[str]]]) -> None:
        nonlocal ambiguous
        parts = [(text, rest) for text, rest in cells if text]
        lines.append(" ".join(text for text, _ in parts))
        for number, (_, rest) in enumerate(parts):
            after = canonical_words(" ".join(text for text, _ in parts[number + 1 :]))
            ambiguous |= bool(rest) and after[: len(rest)] == rest

    def cell(wrapped: list[str]) -> tuple[str, list[str]]:
        text = wrapped.pop(0) if wrapped else ""
        return text, canonical_words(" ".join(wrapped))

    def close(depth: int) -> None:
        while any(wrapped for _, wrapped in columns[depth:]):
            set_line([cell(wrapped) for _, wrapped in columns])
        del columns[depth:]

    for (*groups, label), answer in rows:
        depth = next(
            (
                depth
                for depth, (group, _) in enumerate(columns)
                if depth >= len(groups) or groups[depth] != group
            ),
            len(columns),
        )
        close(depth)
        for group in groups[depth:]:
            text = group.upper() if not columns else group
            columns.append((group, textwrap.wrap(text, label_width, break_long_words=False)))
        labels = textwrap.wrap(label, label_width, break_long_words=False)
        answers = textwrap.wrap(answer, answer_width, break_long_words=False, break_on_hyphens=False)
        for _ in range(max(len(labels), len(answers))):
            set_line(
                [
                    *(cell(wrapped) for _, wrapped in columns),
                    cell(labels),
                    (answers.pop(0) if answers else "", []),
                ]
            )
    close(0)
    return "\n".join(lines) + "\n", ambiguous


@cache
def _seed_rows() -> tuple[RulePack, list[tuple[tuple[str, ...], str]]]:
    """The pack, and seed 004's rows: each field's groups and label, and its answer as the seed reads it."""
    pack = load_rules()
    compilation = lay_out(read_file(str(COMPILATION_SEED)), pack)
    answers = [
        _stretch_text(stretch)
        for stretch in compilation.stretches
        if stretch.section.kind is SectionKind.FORM_FIELD
    ]
    return pack, list(zip(_fields_in_form_order(pack.form), answers, strict=True))


@settings(max_examples=examples(60), deadline=None)
@given(st.integers(10, 30), st.integers(20, 90))
def test_a_copy_row_by_row_at_any_widths_keeps_each_answer_whole(label_width: int, answer_width: int) -> None:
    """However its columns wrap, a copy of seed 004's table row by row gives each field its own answer."""
    pack, rows = _seed_rows()
    text, ambiguous = _copied_row_by_row(rows, label_width, answer_width)
    assume(not ambiguous)
    # Laid out as read, without the reader's furniture: at the narrowest widths the same line may recur
    # with a figure on it ("Measures taken 2018 AR: The"), as a running header does.
    lines = ("AZERBAIJAN (2017-2018)\n" + text).split("\n")
    block = Block(
        BlockKind.TEXT, tuple(SourceLine(line, Location(line=n)) for n, line in enumerate(lines, 1))
    )
    layout = lay_out(Document("copy.txt", "text", (block,), paragraphs=Paragraphs.LOOSE), pack)
    fields = [
        (stretch.section.title, _stretch_text(stretch))
        for stretch in layout.stretches
        if stretch.section.kind is SectionKind.FORM_FIELD
    ]
    assert fields == [(labels[-1], answer) for labels, answer in rows]


# ── a compilation that asks its fields as questions ─────────────────────────────────────────────

ASKED = """\
KORLANDIA (2020-2021)

I. REPORTING

Fulfilment of Government's reporting obligations:
2020-2021 ARs: Yes.

Involvement of Employers' and Workers' organizations in the reporting process:
2021 AR: Yes: the report was sent to the Korlandian Employers' Union and the Trade Union Federation.

III. EFFORTS AND PROGRESS MADE IN REALIZING MEASURES TARGETED BY THE PROTOCOL

Ratification status:
Korlandia has not yet ratified the Protocol of 2014 (P029).

Ratification intention and impediments to ratification:
2021 AR: The Government intends to ratify the Protocol in 2022.

1. Is there a policy and/or plan of action for the suppression of forced or compulsory labour?
2020 AR: No.
2021 AR: The National Action Plan against Forced Labour 2021-2024 was adopted in March 2021.

2. What measures have been taken or envisaged for systematic and coordinated action?

3. Are data collected and analysed?
2021 AR: The police registered 12 cases of forced labour and identified 30 victims.

4. Which measures have been taken or envisaged to prevent forced or compulsory labour?
2020 AR: The various measures that have been taken or envisaged are:
a) Information, education and awareness raising targeting especially people in vulnerable situation
and employers.

5. Which measures have been taken or envisaged to protect victims of forced labour?
2021 AR: g) Appropriate accommodation.

6. Which measures have been taken or envisaged to facilitate access to remedies?
2020-2021 ARs: e) Access to remedies and compensation.

Cooperation with other Member States, international/regional organizations or NGOs:
Korlandia cooperates with IOM on the return of victims.
"""


def _fields(layout: Layout) -> list[tuple[str, int, tuple[str, ...], str]]:
    """Each form field's title, line, items (or its checklist's first) and words."""
    return [
        (
            stretch.section.title,
            stretch.section.location.line,
            stretch.section.items or stretch.section.checklist[:1],
            _stretch_text(stretch),
        )
        for stretch in layout.stretches
        if stretch.section.kind is SectionKind.FORM_FIELD
    ]


def test_a_compilation_asking_its_fields_as_questions_gives_each_its_answer(pack: RulePack) -> None:
    """Numbered questions that ask for the form's fields in words of their own head those fields."""
    layout = _lay_out(pack, ASKED)
    assert layout.kind is DocumentKind.COMPILATION
    assert layout.metadata == Metadata(country="Korlandia", years=("2020", "2021"))
    assert _fields(layout) == [
        (
            "Fulfilment of Government's reporting obligations",
            5,
            ("reporting.obligations",),
            "2020-2021 ARs: Yes.",
        ),
        (
            "Involvement of Employers' and Workers' organizations in the reporting process",
            8,
            ("reporting.social_partners",),
            "2021 AR: Yes: the report was sent to the Korlandian Employers' Union and the Trade Union Federation.",
        ),
        (
            "Ratification status",
            13,
            ("ratification.status",),
            "Korlandia has not yet ratified the Protocol of 2014 (P029).",
        ),
        (
            "Ratification intention",
            16,
            ("ratification.intention",),
            "2021 AR: The Government intends to ratify the Protocol in 2022.",
        ),
        (
            "Existence of a policy and/or plan of action for the suppression of forced or compulsory labour",
            19,
            ("policy.plan_of_action",),
            "2020 AR: No. 2021 AR: The National Action Plan against Forced Labour 2021-2024 was adopted in "
            "March 2021.",
        ),
        (
            "Measures taken or envisaged for systematic and coordinated action",
            23,
            ("policy.coordination",),
            "",
        ),
        (
            "Collection and analysis of data",
            25,
            ("policy.data",),
            "2021 AR: The police registered 12 cases of forced labour and identified 30 victims.",
        ),
        (
            "Measures taken or envisaged to prevent forms of forced labour",
            28,
            ("prevention.awareness",),
            "2020 AR: The various measures that have been taken or envisaged are: a) Information, education "
            "and awareness raising targeting especially people in vulnerable situation and employers.",
        ),
        (
            "Measures taken or envisaged to protect victims of forced labour",
            33,
            ("protection.identification",),
            "2021 AR: g) Appropriate accommodation.",
        ),
        (
            "Measures taken or envisaged to facilitate access to remedies",
            36,
            ("remedies.information",),
            "2020-2021 ARs: e) Access to remedies and compensation.",
        ),
        (
            "Cooperation with other Member States, international / regional organizations or NGOs",
            39,
            ("cooperation.international",),
            "Korlandia cooperates with IOM on the return of victims.",
        ),
    ]


@pytest.mark.parametrize("title", ["KORLANDIA (2020-2021)", "COUNTRY BASELINE: KORLANDIA (2020-2021)"])
def test_a_compilation_s_title_line_gives_its_country_and_years(pack: RulePack, title: str) -> None:
    """The title line names the country and the report years, after what the document is if it says so."""
    layout = _lay_out(pack, ASKED.replace("KORLANDIA (2020-2021)", title))
    assert layout.metadata == Metadata(country="Korlandia", years=("2020", "2021"))


@pytest.mark.parametrize(
    ("item", "by_year"),
    [
        ("policy.plan_of_action", {"2020": "negative", "2021": "reported"}),
        ("policy.coordination", {"2020": "missing", "2021": "missing"}),
        ("policy.data", {"2020": "missing", "2021": "reported"}),
        ("prevention.awareness", {"2020": "reported", "2021": "missing"}),
        ("protection.accommodation", {"2020": "missing", "2021": "reported"}),
        ("remedies.compensation", {"2020": "reported", "2021": "reported"}),
    ],
)
def test_a_field_asked_as_a_question_is_judged_per_report_year(
    pack: RulePack, item: str, by_year: dict[str, str]
) -> None:
    """The answer under a field asked as a question is its item's, year by year as its tags say."""
    from checker.engine import audit

    (finding,) = [
        finding
        for finding in audit(read("report.txt", ASKED.encode()), pack).findings
        if finding.item_id == item
    ]
    assert {year: status.value for year, status in finding.by_year.items()} == by_year


def test_questions_alone_do_not_make_a_compilation(pack: RulePack) -> None:
    """Without the form's own labels, numbered questions are a draft's: the form is recognised by its labels."""
    questions = ASKED[ASKED.index("1. Is there") : ASKED.index("Cooperation with")]
    layout = _lay_out(pack, questions)
    assert layout.kind is DocumentKind.DRAFT
    assert not [section for section in layout.sections if section.kind is SectionKind.FORM_FIELD]


_NUMBERED = ("{n}. ", "{n}) ", "Q{n}. ", "Question {n}. ", "")
_OPENING = ("Which {label}?", "What are the {label}?", "Please describe the {label}:", "{label}:")
# The fields a compilation asks as questions: of the efforts made, those named by words of their own.
_ASKABLE = frozenset(
    {
        "Existence of a policy and/or plan of action for the suppression of forced or compulsory labour",
        "Measures taken or envisaged for systematic and coordinated action",
        "Measures taken or envisaged to prevent forms of forced labour",
        "Measures taken or envisaged to protect victims of forced labour",
        "Measures taken or envisaged to facilitate access to remedies",
        "Non-prosecution of victims for unlawful acts that they would have been forced to carry out",
        "Cooperation with other Member States, international / regional organizations or NGOs",
        "Promotional activities",
    }
)


@settings(max_examples=examples(60), deadline=None)
@given(st.data())
def test_however_a_compilation_words_its_questions_each_field_keeps_its_answer(data: st.DataObject) -> None:
    """Seed 004's fields asked in any numbering and opening words, or by their labels, keep their answers."""
    pack, rows = _seed_rows()
    lines = ["AZERBAIJAN (2017-2018)", ""]
    groups: tuple[str, ...] = ()
    for number, ((*its_groups, label), answer) in enumerate(rows, start=1):
        lines += [f"{group.upper()}\n" for group in its_groups[len(groups) :] if group not in groups]
        groups = tuple(its_groups)
        asked = label
        if label in _ASKABLE:
            numbered = data.draw(st.sampled_from(_NUMBERED)).format(n=number)
            asked = numbered + data.draw(st.sampled_from(_OPENING)).format(label=label.lower())
        lines += [asked, answer, ""]
    layout = _lay_out(pack, "\n".join(lines))
    fields = [(section.title, text) for section, _, text in _field_sections(layout)]
    assert fields == [(labels[-1], answer) for labels, answer in rows]


def _field_sections(layout: Layout) -> list[tuple[Section, int, str]]:
    """Each form field's section, line and words."""
    return [
        (stretch.section, stretch.section.location.line, _stretch_text(stretch))
        for stretch in layout.stretches
        if stretch.section.kind is SectionKind.FORM_FIELD
    ]


# ── narratives ───────────────────────────────────────────────────────────────────────────────────


def test_the_narrative_seed_is_one_free_section(pack: RulePack) -> None:
    """The narrative seed has one FREE stretch holding every line of the file."""
    layout = lay_out(read_file(str(NARRATIVE_SEED)), pack)
    lines = NARRATIVE_SEED.read_bytes().split(b"\n")
    assert layout.kind is DocumentKind.NARRATIVE
    assert layout.metadata == Metadata()
    (stretch,) = layout.stretches
    assert stretch.section == Section(SectionKind.FREE, "", Location(line=1))
    assert [piece.line.location.line for piece in stretch.pieces] == list(range(1, len(lines) + 1))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "We sent a Request to the ILO last year. The Offer of help was accepted.\n",
            id="Request and Offer",
        ),
        pytest.param(
            "Ratification status is unchanged. Promotional activities continued.\n"
            "A Request was made. The Offer stands.\n",
            id="four short labels",
        ),
    ],
)
def test_a_narrative_naming_a_few_labels_is_not_a_compilation(pack: RulePack, text: str) -> None:
    """A few of the form's short labels in running prose do not make a compilation."""
    layout = _lay_out(pack, text)
    assert layout.kind is DocumentKind.NARRATIVE
    assert [stretch.section.kind for stretch in layout.stretches] == [SectionKind.FREE]


# ── drafts ───────────────────────────────────────────────────────────────────────────────────────

DRAFT = """\
---
country: Examplestan
years: [2025]
---
# P029 report

Introduction.

### prevention.awareness \u2014 Information, education and awareness raising

Seminars were held.

#### Details

In 55 cities.

### Ratification status

Ratified in 2016.

## Other matters

Free text.
"""


@pytest.fixture(scope="module")
def draft(pack: RulePack) -> Layout:
    """DRAFT, laid out."""
    return _lay_out(pack, DRAFT, "draft.md")


def test_a_markdown_draft_with_item_headings_is_a_draft(draft: Layout) -> None:
    """A Markdown file whose headings name items is a DRAFT, with its front matter as metadata."""
    assert draft.kind is DocumentKind.DRAFT
    assert draft.metadata == Metadata(country="Examplestan", years=("2025",))


def test_draft_headings_are_sections_owning_the_items_they_name(draft: Layout) -> None:
    """Every heading is a HEADING section at its line, owning the item its id or label names."""
    assert [
        (section.kind, section.title, section.location.line, section.items) for section in draft.sections
    ] == [
        (SectionKind.HEADING, "P029 report", 5, ()),
        (
            SectionKind.HEADING,
            "prevention.awareness \u2014 Information, education and awareness raising",
            9,
            ("prevention.awareness",),
        ),
        (SectionKind.HEADING, "Details", 13, ()),
        (SectionKind.HEADING, "Ratification status", 17, ("ratification.status",)),
        (SectionKind.HEADING, "Other matters", 21, ()),
    ]


def test_text_under_a_sub_heading_belongs_to_the_item(draft: Layout) -> None:
    """Text under a sub-heading of an item's heading answers that item; under other headings it is free."""
    assert _owned(draft) == [
        ((), "Introduction."),
        (("prevention.awareness",), "Seminars were held."),
        (("prevention.awareness",), "In 55 cities."),
        (("ratification.status",), "Ratified in 2016."),
        ((), "Free text."),
    ]


def test_a_structured_submission_is_laid_out_by_its_answers(pack: RulePack) -> None:
    """Each answer of a structured submission is an ANSWER section owning its item, with its declared status."""
    text = "answers:\n  ratification.status:\n    status: reported\n    text: Ratified in 2016.\n"
    layout = _lay_out(pack, text, "submission.yaml")
    assert layout.kind is DocumentKind.STRUCTURED
    (section,) = layout.sections
    assert (section.kind, section.items, section.declared.value if section.declared else None) == (
        SectionKind.ANSWER,
        ("ratification.status",),
        "reported",
    )
    assert _owned(layout) == [(("ratification.status",), "Ratified in 2016.")]


@pytest.mark.parametrize("paragraphs", list(Paragraphs))
def test_paragraphs_end_sentences_as_the_document_says_whatever_its_format(
    pack: RulePack, paragraphs: Paragraphs
) -> None:
    """Whether a paragraph ends its sentence is what the document's reader said, not read from its
    format's name: a reader of a new format cannot get the other cutting by its name."""
    lines = ("Shelters were opened", "", "for victims.")
    block = Block(
        BlockKind.TEXT, tuple(SourceLine(line, Location(line=n)) for n, line in enumerate(lines, 1))
    )
    layout = lay_out(Document("report.new", "new", (block,), paragraphs=paragraphs), pack)
    assert [stretch.whole_paragraphs for stretch in layout.stretches] == [paragraphs is Paragraphs.WHOLE]


@pytest.mark.parametrize(
    ("said", "expected"), [(DocumentKind.STRUCTURED, DocumentKind.STRUCTURED), (None, DocumentKind.NARRATIVE)]
)
def test_a_document_is_structured_when_its_reader_says_so(
    pack: RulePack, said: DocumentKind | None, expected: DocumentKind
) -> None:
    """A document without answers is structured when its reader says it is, whatever its format's name."""
    document = Document("answers.new", "new", (), paragraphs=Paragraphs.LOOSE, kind=said)
    assert lay_out(document, pack).kind is expected


# ── label lines in plain text ────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Report of the Government\n\n"
            "(d) Supporting due diligence by the public and private sectors:\n"
            "Companies publish due diligence statements.\n\n"
            "(e) Something else entirely:\n"
            "Unrelated text.\n",
            [
                ((), "Report of the Government"),
                (("prevention.due_diligence",), "Companies publish due diligence statements."),
                ((), "Unrelated text."),
            ],
            id="marked label line",
        ),
        pytest.param(
            "Introduction.\n\nAppropriate accommodation\nfor victims:\nTwo shelters opened.\n",
            [((), "Introduction."), (("protection.accommodation",), "Two shelters opened.")],
            id="label over two lines",
        ),
        pytest.param(
            "Collection and analysis of data:\nA single database was created.\nInformation, education and\n"
            "awareness raising:\nA campaign reached 2 million people.\n",
            [
                (("policy.data",), "A single database was created."),
                (("prevention.awareness",), "A campaign reached 2 million people."),
            ],
            id="label over two lines right after an answer",
        ),
        pytest.param(
            "Report\n\nCost-free proceedings:\nN/A\n\nFree legal assistance:\nNONE\n",
            [((), "Report"), (("remedies.cost_free",), "N/A"), (("remedies.legal_aid",), "NONE")],
            id="a bare answer in capitals is the answer, not a heading",
        ),
        pytest.param(
            "The measures were these.\nThe Ministry opened shelters and\ntrained inspectors:\nin 2023.\n",
            [((), "The measures were these. The Ministry opened shelters and trained inspectors: in 2023.")],
            id="a sentence ending in a colon after an answer names no item",
        ),
        pytest.param(
            "Introduction.\nFree legal assistance: lawyers are paid by the State.\nMore about it.\n",
            [
                ((), "Introduction."),
                (("remedies.legal_aid",), "lawyers are paid by the State. More about it."),
            ],
            id="inline label",
        ),
        pytest.param(
            "Question 16. Is your Government in a position to offer technical cooperation to other "
            "member States?\nYes, in the field of labour inspection.\n",
            [(("technical_cooperation.offer",), "Yes, in the field of labour inspection.")],
            id="form question",
        ),
        pytest.param(
            "Question 16. Is your Government in a position to offer technical cooperation to other "
            "member States?\nYes.\n\nQuestion 17. What is the weather like in your capital?\nSunny.\n",
            [(("technical_cooperation.offer",), "Yes."), ((), "Sunny.")],
            id="question naming no item",
        ),
    ],
)
def test_label_lines_own_the_text_after_them(
    pack: RulePack, text: str, expected: list[tuple[tuple[str, ...], str]]
) -> None:
    """A label line naming an item owns the answer after it; other label lines end the answer before them."""
    assert _owned(_lay_out(pack, text)) == expected


def test_a_label_line_is_a_heading_section_at_its_line(pack: RulePack) -> None:
    """A label line that names an item is a HEADING section, titled without its colon, at its line."""
    layout = _lay_out(
        pack, "Introduction.\n\n(b) Free legal assistance:\nLawyers help.\n\n(z) Nothing here:\nText.\n"
    )
    assert layout.kind is DocumentKind.DRAFT
    assert [
        (section.kind, section.title, section.location.line, section.items) for section in layout.sections
    ] == [(SectionKind.HEADING, "(b) Free legal assistance", 3, ("remedies.legal_aid",))]


def test_each_label_section_is_listed_once(pack: RulePack) -> None:
    """A label section that ends the document is listed once in the layout's sections."""
    layout = _lay_out(
        pack, "(d) Supporting due diligence by the public and private sectors:\nFirms report.\n"
    )
    assert [section.items for section in layout.sections] == [("prevention.due_diligence",)]


# ── naming items ─────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        ("prevention.awareness", "prevention.awareness"),
        ("prevention.awareness \u2014 Information", "prevention.awareness"),
        ("Ratification status", "ratification.status"),
        ("RATIFICATION STATUS", "ratification.status"),
        ("3. Ratification status", "ratification.status"),
        ("Part II. Ratification status", "ratification.status"),
        ("Ratification status: 2024", "ratification.status"),
        ("Appropriate accommodation (R203 para 9(b))", "protection.accommodation"),
        ("(b) Free legal assistance", "remedies.legal_aid"),
        ("Q4: Free legal assistance", "remedies.legal_aid"),
        (
            "Article 2(c). Supporting due diligence by the public and private sectors",
            "prevention.due_diligence",
        ),
        ("Information, education and awareness-raising", "prevention.awareness"),
        (
            "Cooperation with other member States, international or regional organizations and NGOs",
            "cooperation.international",
        ),
        ("Supporting due diligence by public and private sectors", "prevention.due_diligence"),
        ("Fulfillment of the Government's reporting obligations", "reporting.obligations"),
        ("Information and counseling for victims regarding their rights", "remedies.information"),
        ("Offer", "technical_cooperation.offer"),
        ("Technical cooperation request", "technical_cooperation.request"),
    ],
)
def test_heading_item_names_the_item_despite_small_differences(
    pack: RulePack, heading: str, item: str
) -> None:
    """A heading names an item by its id, its label or form label, numbered or not, with small differences."""
    assert heading_item(heading, pack) == item


@pytest.mark.parametrize(
    "heading",
    [
        "Something else",
        "prevention.unknown",
        "Protection of victims",
        "Information education awareness",
        "Basic social security",
        "Our work on basic social security guarantees for migrant workers in agriculture and domestic work",
        "Training on legal protection of victims for judges and prosecutors",
        "Strengthening labour inspection and enforcement services in rural regions of the country",
    ],
)
def test_heading_item_refuses_headings_that_differ_too_much(pack: RulePack, heading: str) -> None:
    """A heading that holds too little of any label, or adds too much to it, names no item."""
    assert heading_item(heading, pack) is None


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        ("Observations by employers' organisations", "observations.employers"),
        ("Fulfillment of Government\u2019s reporting obligations", "reporting.obligations"),
    ],
)
def test_heading_item_accepts_either_spelling(pack: RulePack, heading: str, item: str) -> None:
    """A heading in the other spelling of its label ("organisations", "Fulfillment") names the item."""
    assert heading_item(heading, pack) == item


@pytest.mark.parametrize(
    ("question", "item"),
    [
        (
            "Question 16. Is your Government in a position to offer technical cooperation to other member States?",
            "technical_cooperation.offer",
        ),
        (
            "Question 15. Does your Government need technical cooperation from the ILO?",
            "technical_cooperation.request",
        ),
        ("Question 3. What is the weather like in your capital?", None),
    ],
)
def test_question_item_names_the_item_a_form_question_asks_about(
    pack: RulePack, question: str, item: str | None
) -> None:
    """A form's question names the item whose telling words it shares, or none when no item stands out."""
    assert question_item(question, pack) == item


# ── joined pieces ────────────────────────────────────────────────────────────────────────────────


def test_joined_maps_offsets_back_to_lines() -> None:
    """Joined pieces give the source line of any offset, and cut a range back into line pieces."""
    lines = [
        SourceLine(text, Location(line=number)) for number, text in enumerate(["ab cd", "", "efg"], start=7)
    ]
    joined = Joined([Piece(lines[0], 3, 5), Piece(lines[1], 0, 0), Piece(lines[2], 0, 3)])
    assert joined.text == "cd\n\nefg"
    assert [joined.location(offset).line for offset in range(len(joined.text) + 1)] == [
        7,
        7,
        7,
        8,
        9,
        9,
        9,
        9,
    ]
    assert [(piece.line.location.line, piece.text) for piece in joined.cut(1, 6)] == [
        (7, "d"),
        (8, ""),
        (9, "ef"),
    ]


def test_heading_naming_a_checklist_field_carries_its_checklist(pack: RulePack) -> None:
    """A heading that names a checklist field of the form scopes its text as that checklist: ticks count."""
    from checker.engine import audit
    from checker.model import Status

    text = (
        "# Report\n\n## Measures taken or envisaged to prevent forms of forced labour\n\n"
        "a) Information, education and awareness raising targeting especially people in vulnerable "
        "situation and employers;\nj) Basic social security guarantees.\n\n## Annex\n\nNothing more.\n"
    )
    document = read("draft.md", text.encode())
    sections = [section for section in lay_out(document, pack).sections if section.checklist]
    assert [section.title for section in sections] == [
        "Measures taken or envisaged to prevent forms of forced labour"
    ]
    assert "prevention.awareness" in sections[0].checklist and sections[0].items == ()
    statuses = {finding.item_id: finding.status for finding in audit(document, pack).findings}
    assert statuses["prevention.awareness"] is Status.REPORTED
    assert statuses["prevention.social_security"] is Status.REPORTED
    assert statuses["prevention.due_diligence"] is Status.MISSING


def _longest_chain_by_brute_force(found: list[_Found]) -> list[_Found]:
    """The alignment's definition, checked pair by pair: the chain placing the most labels (then the
    most at a line start), the earliest such predecessor on ties."""
    best: list[tuple[int, int, int]] = []
    for index, hit in enumerate(found):
        score = (1, int(hit.at_line_start), -1)
        for previous in range(index):
            before = found[previous]
            if before.end <= hit.start and before.slot.order < hit.slot.order:
                count, starts, _ = best[previous]
                candidate = (count + 1, starts + int(hit.at_line_start), previous)
                if candidate[:2] > score[:2]:
                    score = candidate
        best.append(score)
    if not best:
        return []
    index = max(range(len(best)), key=lambda i: best[i][:2])
    chain = []
    while index >= 0:
        chain.append(found[index])
        index = best[index][2]
    return chain[::-1]


@st.composite
def _occurrences(draw: st.DrawFn) -> list[_Found]:
    slots = [
        _Slot(order, FormField(f"Label {order}"), group=False) for order in range(draw(st.integers(1, 8)))
    ]
    found = []
    for _ in range(draw(st.integers(0, 25))):
        start = draw(st.integers(0, 60))
        found.append(
            _Found(draw(st.sampled_from(slots)), start, start + draw(st.integers(1, 8)), draw(st.booleans()))
        )
    return sorted(found, key=lambda hit: (hit.start, -hit.end))


@settings(max_examples=examples(300), deadline=None)
@given(_occurrences())
def test_the_form_alignment_is_the_longest_chain_in_both_orders(found: list[_Found]) -> None:
    """The alignment (in n log n) picks the same chain of labels as comparing every pair would."""
    assert _align(found) == _longest_chain_by_brute_force(found)


def test_the_form_alignment_of_many_forms_in_one_file_places_each_label_once() -> None:
    """In a file of many compilations the chain still follows the form: each label once, in order."""
    slots = [_Slot(order, FormField(f"Label {order}"), group=False) for order in range(50)]
    found = [_Found(slots[number % 50], number * 10, number * 10 + 5, True) for number in range(20_000)]
    chain = _align(found)
    assert [hit.slot.order for hit in chain] == list(range(50))
    assert chain[0].start == 0


def _form_labels(fields: tuple[FormField, ...]) -> Iterator[FormField]:
    for field in fields:
        yield field
        yield from _form_labels(field.children)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_compilation_in_another_language_is_found_by_its_labels(
    compilation: Layout, pack: RulePack, language: str
) -> None:
    """The seed compilation with its form's labels in French or Spanish (the answers left as they are)
    is read as the English one is: a compilation, each field at its line owning its items."""
    text = COMPILATION_SEED.read_text(encoding="utf-8")
    # Longest first: "Ratification status" before "Ratification".
    fields = sorted(_form_labels(pack.form), key=lambda field: -len(field.label))
    lines = text.split("\n")
    for field in fields:
        translated = field.label_in(language)
        lines = [translated if line.strip() == field.label else line for line in lines]
    translated_layout = lay_out(read("compilation.txt", "\n".join(lines).encode()), pack)
    assert translated_layout.kind is DocumentKind.COMPILATION
    english = [(section.location, section.items, section.checklist) for section in compilation.sections]
    found = [(section.location, section.items, section.checklist) for section in translated_layout.sections]
    assert found == english
