"""Segmentation: sentences and list elements, report-year tags, rejoined words, original lines and quotes."""

from __future__ import annotations

import io

import docx
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.layout import lay_out
from checker.model import Location, RulePack, SectionKind, Segment
from checker.readers import read, read_file
from checker.rules import load_rules
from checker.segment import MAX_SEGMENT, segment, segment_stretches
from tests.conftest import COMPILATION_SEED, NARRATIVE_SEED, examples, no_hang


@pytest.fixture(scope="module")
def pack() -> RulePack:
    """The bundled P029 rule pack, loaded once for the module."""
    return load_rules()


def _segments(pack: RulePack, text: str, name: str = "report.txt") -> tuple[Segment, ...]:
    """The segments of `text` read as the file `name`."""
    return segment(lay_out(read(name, text.encode("utf-8", "surrogatepass")), pack))


def _quotes(pack: RulePack, text: str) -> list[str]:
    return [item.quote for item in _segments(pack, text)]


# ── sentences ────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The law was adopted. It is in force! Is it applied? Yes; it is.",
            ["The law was adopted.", "It is in force!", "Is it applied?", "Yes;", "it is."],
            id="terminal marks and semicolons",
        ),
        pytest.param(
            'He said "It works." Then he left.', ['He said "It works."', "Then he left."], id="closing quote"
        ),
        pytest.param(
            "Seminars (2017). Trainings (2018).", ["Seminars (2017).", "Trainings (2018)."], id="bracket"
        ),
        pytest.param(
            "It rose by 2.5 per cent. Then it fell.",
            ["It rose by 2.5 per cent.", "Then it fell."],
            id="decimal",
        ),
        pytest.param("See www.ilo.org for details.", ["See www.ilo.org for details."], id="no space after"),
        pytest.param("It was done. then more.", ["It was done. then more."], id="lower case after"),
        pytest.param(
            "NORMLEX Home > Comments\nForced Labour Convention, 1930 (No. 29) - Mauritania (Ratification: 1961)\n"
            "Protocol of 2014 to the Forced Labour Convention, 1930 - Mauritania (RATIFICATION: 2016)\n\nThe Committee notes.",
            [
                "NORMLEX Home > Comments Forced Labour Convention, 1930 (No. 29) - Mauritania (Ratification: 1961)",
                "Protocol of 2014 to the Forced Labour Convention, 1930 - Mauritania (RATIFICATION: 2016)",
                "The Committee notes.",
            ],
            id="a supervisory comment's lines per instrument",
        ),
        pytest.param(
            "1 Introduction ...... 1 (1) Definition of trafficking ...... 4 i) Data on victims. . . . . 8",
            [
                "1 Introduction ...... 1",
                "(1) Definition of trafficking ...... 4",
                "i) Data on victims. . . . . 8",
            ],
            id="a contents page run into one line",
        ),
        pytest.param(
            "Education (para. 27)\n\nVocational programmes enrolled 860 girls.",
            ["Education (para. 27)", "Vocational programmes enrolled 860 girls."],
            id="a title that ends in a bracketed reference, not a list marker",
        ),
        pytest.param(
            "CHAIR'S FOREWORD\nThis has been a year of progress.",
            ["CHAIR'S FOREWORD", "This has been a year of progress."],
            id="a heading in capitals on the line before the text",
        ),
        pytest.param(
            "The law\nwas adopted\nin 2016.\n\n\nA second paragraph.",
            ["The law was adopted in 2016.", "A second paragraph."],
            id="across lines",
        ),
    ],
)
def test_sentences_split_at_terminal_marks_and_semicolons(
    pack: RulePack, text: str, expected: list[str]
) -> None:
    """A sentence ends at . ! ? before a capital or digit, and a clause at ; before a space."""
    assert _quotes(pack, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A plan was adopted in 2023.\n2. Labour inspection\nThe inspectorate carried out 340 inspections.",
            [
                "A plan was adopted in 2023.",
                "2. Labour inspection",
                "The inspectorate carried out 340 inspections.",
            ],
            id="numbered",
        ),
        pytest.param(
            "A plan was adopted in 2023.\n\n3.1 Victim protection\nShelters opened in May.",
            ["A plan was adopted in 2023.", "3.1 Victim protection", "Shelters opened in May."],
            id="numbered in two levels",
        ),
        pytest.param(
            "A plan was adopted in 2023.\nIV. Access to remedies\nVictims were compensated.",
            ["A plan was adopted in 2023.", "IV. Access to remedies", "Victims were compensated."],
            id="in Roman figures",
        ),
    ],
)
def test_a_numbered_heading_is_a_title_of_its_own(pack: RulePack, text: str, expected: list[str]) -> None:
    """A numbered heading on its own line, after a sentence and over a paragraph, is a segment of its
    own, number and all, not glued to the first sentence under it."""
    assert _quotes(pack, text) == expected


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(
            "Recommendations:\n1. Ratify the Protocol\n2. Adopt a plan", "1. Ratify the Protocol", id="a list"
        ),
        pytest.param(
            "Recommendations:\n1. Ratify the Protocol\nA. Adopt a plan",
            "1. Ratify the Protocol",
            id="a lettered list",
        ),
        pytest.param(
            "A plan was adopted in\n2023 The inspectorate\nThen more.", "2023 The inspectorate", id="prose"
        ),
        pytest.param(
            "A plan was adopted.\n2. Inspections under the\nLabour Code were carried out.",
            "2. Inspections under the",
            id="a sentence going on to the next line",
        ),
        pytest.param(
            "Challenges were met.\n4. CHALLENGES\nOnly 61 per cent of the budget was disbursed.",
            "4. CHALLENGES",
            id="in capitals, not yet",
        ),
    ],
)
def test_what_is_not_a_numbered_heading(pack: RulePack, text: str, line: str) -> None:
    """A list's element, a line of prose that opens with a figure, or a heading in capitals (for now) is
    not a numbered heading."""
    assert line not in _quotes(pack, text)


_LIST = ["Measures taken include", "awareness campaigns for employers", "training of labour inspectors"]


def _word_document(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph, style="List Bullet")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("report.docx", _word_document(_LIST), id="Word"),
        pytest.param("report.html", "".join(f"<li>{item}</li>" for item in _LIST).encode(), id="web page"),
    ],
)
def test_a_paragraph_of_a_word_document_or_a_web_page_ends_its_sentence(
    pack: RulePack, name: str, data: bytes
) -> None:
    """A list's items (or a heading in body type) stand in paragraphs of their own, often with no full
    stop: in a Word document or a web page each is a sentence, not run together with the next one."""
    assert [item.quote for item in segment(lay_out(read(name, data), pack))] == _LIST


def test_each_row_of_a_table_drawn_with_pipes_is_a_segment(pack: RulePack) -> None:
    """A Markdown table's rows are each a segment, quoted as written; its rule of dashes is none (they
    were one long run, cut at 1,200 characters, quoted without that rule)."""
    rows = ["| Item | Answer |", "|---|---|", "| Shelters | Two were opened. |", "| Legal aid | None |"]
    assert _quotes(pack, "Table 1\n\n" + "\n".join(rows) + "\n") == ["Table 1", rows[0], *rows[2:]]


def test_a_blank_line_of_a_text_file_may_fall_inside_a_sentence(pack: RulePack) -> None:
    """Text extracted from a PDF puts blank lines anywhere: in a text file, a blank line after words
    that do not end a sentence is read through."""
    assert _quotes(pack, "\n\n".join(_LIST)) == [" ".join(_LIST)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Resolution No. 152 was adopted. It applies.",
            ["Resolution No. 152 was adopted.", "It applies."],
            id="No.",
        ),
        pytest.param(
            "Under Art. 5 and para. 3 of it. Done.", ["Under Art. 5 and para. 3 of it.", "Done."], id="Art."
        ),
        pytest.param(
            "Measures, e.g. Seminars, were held. Also i.e. Trainings.",
            ["Measures, e.g. Seminars, were held.", "Also i.e. Trainings."],
            id="e.g. and i.e.",
        ),
        pytest.param(
            "The U.S. Department helped. The U.N. Agency too.",
            ["The U.S. Department helped.", "The U.N. Agency too."],
            id="U.S.",
        ),
        pytest.param(
            "Mr. Smith and Dr. Jones met J. K. Rowling. They talked.",
            ["Mr. Smith and Dr. Jones met J. K. Rowling.", "They talked."],
            id="titles and initials",
        ),
        pytest.param("He said no. Then he left.", ["He said no.", "Then he left."], id="no without a number"),
    ],
)
def test_abbreviations_do_not_end_sentences(pack: RulePack, text: str, expected: list[str]) -> None:
    """A period after an abbreviation or initial (or "No." before a number) does not end a sentence."""
    assert _quotes(pack, text) == expected


@pytest.mark.parametrize(
    ("text", "elements"),
    [
        pytest.param(
            "The measures include: a) seminars; b) trainings; c) campaigns.",
            ["The measures include:", "a) seminars;", "b) trainings;", "c) campaigns."],
            id="inline",
        ),
        pytest.param(
            "The measures are: (a) seminars, (b) trainings and (c) campaigns.",
            ["The measures are:", "(a) seminars,", "(b) trainings and", "(c) campaigns."],
            id="bracketed",
        ),
        pytest.param(
            "Measures:\na) seminars\nb) trainings\n- a campaign\n2. a hotline",
            ["Measures:", "a) seminars", "b) trainings", "- a campaign", "2. a hotline"],
            id="one per line",
        ),
        pytest.param(
            "Steps: i) adopt; ii) apply.",
            ["Steps:", "i) adopt;", "ii) apply."],
            id="roman",
        ),
    ],
)
def test_lettered_lists_split_into_elements(pack: RulePack, text: str, elements: list[str]) -> None:
    """Each element of a list ("a) ...; b) ...", or one per line) is a segment of its own."""
    assert _quotes(pack, text) == elements


def test_a_lone_conjunction_between_elements_is_dropped(pack: RulePack) -> None:
    """The "and" before the last element joins no element and is no segment of its own."""
    assert _quotes(pack, "Measures: a) seminars; b) trainings; and c) campaigns.") == [
        "Measures:",
        "a) seminars;",
        "b) trainings;",
        "c) campaigns.",
    ]


# ── report years ─────────────────────────────────────────────────────────────────────────────────


def test_year_tags_set_the_years_of_the_segments_after_them(pack: RulePack) -> None:
    """ "2017 AR:", "2018 AR:" and "2017-2018 ARs:" set years and tag on every segment up to the next tag."""
    text = (
        "Untagged text.\n"
        "2017 AR: Seminars were held. More seminars.\n"
        "2018 AR: A shelter opened.\n\n"
        "A new paragraph, still 2018.\n"
        "2017-2018 ARs: A hotline works.\n"
        "2016 \u2013 2018 ARs: Three years."
    )
    assert [(item.quote, item.years, item.year_tag) for item in _segments(pack, text)] == [
        ("Untagged text.", None, None),
        ("Seminars were held.", frozenset({"2017"}), "2017"),
        ("More seminars.", frozenset({"2017"}), "2017"),
        ("A shelter opened.", frozenset({"2018"}), "2018"),
        ("A new paragraph, still 2018.", frozenset({"2018"}), "2018"),
        ("A hotline works.", frozenset({"2017", "2018"}), "2017-2018"),
        ("Three years.", frozenset({"2016", "2017", "2018"}), "2016-2018"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The 2017 ARs were late.", id="no colon"),
        pytest.param("Report 12017 AR: text.", id="inside a number"),
        pytest.param("In 1850 AR: text.", id="not a report year"),
    ],
)
def test_only_year_tags_set_years(pack: RulePack, text: str) -> None:
    """A year that is not a tag ("2017 ARs were", "12017 AR:") sets no years."""
    assert [item.years for item in _segments(pack, text)] == [None]


# ── words broken across lines ────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The organi-\nzation helped. Another organization agreed.",
            "the organization helped.",
            id="organization",
        ),
        pytest.param(
            "Officers were trained in identi-\nfication. The identification improved.",
            "officers were trained in identification.",
            id="identification",
        ),
    ],
)
def test_a_word_hyphenated_across_a_line_break_is_rejoined(pack: RulePack, text: str, expected: str) -> None:
    """A word broken as "organi-\\nzation" is matched as "organization" when the document uses that word."""
    assert _segments(pack, text)[0].text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The non-\ngovernmental organizations helped.",
            "the non governmental organizations helped.",
            id="non-",
        ),
        pytest.param(
            "The law-\nenforcement agencies. Law enforcement is key.",
            "the law enforcement agencies.",
            id="law-",
        ),
        pytest.param("A well-\n\n  known case.", "a well known case.", id="blank line between"),
    ],
)
def test_a_true_compound_keeps_its_hyphen(pack: RulePack, text: str, expected: str) -> None:
    """A compound broken after its hyphen keeps it ("non-governmental"), read as a space when matched."""
    first = _segments(pack, text)[0]
    assert first.text == expected
    assert "-" in first.quote


# ── where a segment comes from ───────────────────────────────────────────────────────────────────


def test_segments_cite_their_first_and_last_original_lines(pack: RulePack) -> None:
    """A segment's start and end are the lines its first and last characters stand on."""
    text = "\n\nThe law\n  was adopted\n\n  in 2016. It applies\nto all.\n\n\nDone."
    assert [(item.start.line, item.end.line, item.quote) for item in _segments(pack, text)] == [
        (3, 6, "The law was adopted in 2016."),
        (6, 7, "It applies to all."),
        (10, 10, "Done."),
    ]


def test_segments_cite_lines_of_the_file_after_front_matter(pack: RulePack) -> None:
    """Lines of a Markdown draft are counted from the top of the file, front matter included."""
    text = "---\ncountry: Examplestan\n---\n### prevention.awareness\n\nSeminars were\nheld. In 55 cities.\n"
    segments = _segments(pack, text, "draft.md")
    assert [(item.start, item.end, item.quote) for item in segments] == [
        (Location(line=6), Location(line=7), "Seminars were held."),
        (Location(line=7), Location(line=7), "In 55 cities."),
    ]
    assert {item.section.items for item in segments} == {("prevention.awareness",)}


def test_segments_cite_pages_of_a_paged_text(pack: RulePack) -> None:
    """The locations of a text with form feeds carry its pages."""
    segments = _segments(pack, "First page text.\n\fSecond page text.")
    assert [(item.start, item.quote) for item in segments] == [
        (Location(line=1, page=1), "First page text."),
        (Location(line=2, page=2), "Second page text."),
    ]


@pytest.mark.parametrize(
    ("text", "quote", "matched"),
    [
        pytest.param(
            "The  law\n   was\tadopted.",
            "The law was adopted.",
            "the law was adopted.",
            id="white space collapsed",
        ),
        pytest.param(
            "The Ministry\u2019s \u201cplan\u201d \u2013 adopted.",
            "The Ministry\u2019s \u201cplan\u201d \u2013 adopted.",
            'the ministry\'s "plan" - adopted.',
            id="quote keeps typography",
        ),
        pytest.param(
            "Answer: Yes, the law was adopted.",
            "Answer: Yes, the law was adopted.",
            "yes, the law was adopted.",
            id="Answer:",
        ),
        pytest.param("Answer (b): No.", "Answer (b): No.", "no.", id="Answer (b):"),
        pytest.param("Response \u2013 None.", "Response \u2013 None.", "none.", id="Response -"),
    ],
)
def test_quotes_are_verbatim_and_matched_text_is_normalised(
    pack: RulePack, text: str, quote: str, matched: str
) -> None:
    """The quote is the source with white space collapsed; the matched text is normalised, without "Answer:"."""
    (only,) = _segments(pack, text)
    assert (only.quote, only.text) == (quote, matched)


def test_a_bare_answer_prefix_is_not_a_segment(pack: RulePack) -> None:
    """ "Answer:" with nothing after it, or punctuation alone, gives no segment."""
    assert _quotes(pack, "Answer:\n\nThe law applies.\n\n...") == ["The law applies."]


def test_run_in_headings_are_marked_lead(pack: RulePack) -> None:
    """A sentence that opens a paragraph and runs on into more text on its line is a lead."""
    text = (
        "Freedom of association. The law protects unions.\n\n"
        "Forced labour. It is banned\neverywhere.\n\n"
        "A single sentence.\n\n"
        "Article 2(c). Due diligence. Firms report."
    )
    assert [(item.quote, item.lead) for item in _segments(pack, text)] == [
        ("Freedom of association.", True),
        ("The law protects unions.", False),
        ("Forced labour.", True),
        ("It is banned everywhere.", False),
        ("A single sentence.", False),
        ("Article 2(c).", True),
        ("Due diligence.", True),
        ("Firms report.", False),
    ]


def test_segments_are_numbered_in_document_order_with_their_sections(pack: RulePack) -> None:
    """Segments are indexed 0, 1, 2 ... across sections, each with the section its text is under."""
    text = "# Intro\n\nA report.\n\n## ratification.status\n\nRatified. In 2016.\n"
    segments = _segments(pack, text, "draft.md")
    assert [(item.index, item.section.kind, item.section.items) for item in segments] == [
        (0, SectionKind.HEADING, ()),
        (1, SectionKind.HEADING, ("ratification.status",)),
        (2, SectionKind.HEADING, ("ratification.status",)),
    ]


# ── long input ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(" ".join(["measures"] * 25_000), id="words without a full stop"),
        pytest.param("x" * 200_000, id="one 200,000-character word"),
        pytest.param("a," * 100_000, id="200,000 characters of commas"),
    ],
)
def test_long_runs_are_cut_to_max_segment(pack: RulePack, line: str) -> None:
    """A run without a sentence end is cut into segments of at most MAX_SEGMENT characters, losing nothing."""
    segments = _segments(pack, line)
    assert all(len(item.quote) <= MAX_SEGMENT for item in segments)
    assert "".join(item.quote.replace(" ", "") for item in segments) == line.replace(" ", "")
    assert {(item.start.line, item.end.line) for item in segments} == {(1, 1)}


def test_a_sentence_after_a_long_flattened_table_is_cut_whole(pack: RulePack) -> None:
    """A table flattened into lines with no full stop runs into the sentence after it: the run is cut
    at a line break, so that the sentence starting on its own line keeps its negation with it (it was
    once cut four words in, "There is no" in one segment and "shelter for victims" in the next)."""
    rows = "\n".join(f"District {number}\n{number * 3}\n{number * 7}" for number in range(1, 200))[:1156]
    sentence = "There is no shelter for victims of trafficking in the country."
    quotes = _quotes(pack, f"Cases by district\n{rows}\n{sentence}\n")
    assert any(quote.endswith(sentence) and "District" not in quote for quote in quotes)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Title\n" + "\n" * 300_000 + "Next.", id="300,000 blank lines"),
        pytest.param("Title\n" + " \n" * 150_000 + "next.", id="lines of spaces before a small letter"),
        pytest.param("Title.\n" + "\r\n" * 150_000 + "Next.", id="Windows blank lines"),
        pytest.param("word-\n" * 60_000, id="60,000 hyphenated line ends"),
        pytest.param("a, " + " " * 300_000 + "(b) c", id="a list element after 300,000 spaces"),
        pytest.param(". " * 150_000, id="150,000 full stops"),
        pytest.param("1999 " * 60_000 + "AR:", id="60,000 years before a tag"),
    ],
)
def test_long_runs_are_cut_in_linear_time(pack: RulePack, text: str) -> None:
    """Runs that the sentence patterns scan (blank lines, spaces, line ends, stops) are read once, not once
    for each of their characters: 300 KB is cut in well under the limit, where the square would hang."""
    with no_hang(15):
        segments = _segments(pack, text)
    assert all(len(item.quote) <= MAX_SEGMENT for item in segments)


# ── properties ───────────────────────────────────────────────────────────────────────────────────

_REPORTISH = st.lists(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
    | st.sampled_from(
        [
            *[".", ";", ":", "!", "?", "-", " ", "\n", "\r\n", "\f", "(", ")", "A", "a", "1"],
            *["2017 AR:", "2017-2018 ARs:", "Answer:", "a) ", "No. 5", "U.S.", "organi-\nzation"],
            *["non-\ngovernmental", "\u00ad", "\ufb01"],
        ]
    )
).map("".join)


@settings(max_examples=examples(200), deadline=None)
@given(_REPORTISH)
@example("Answer:  Yes. 2017 AR: a) One;\n b) two-\nthree.")
@example("<\n0\n\u00b9")
def test_every_quote_comes_from_the_source(pack: RulePack, text: str) -> None:
    """Each segment's quote, without white space, is taken from the source without white space, in order:
    a substring, but for page furniture (a lone page number) that a sentence runs across."""
    source = "".join(text.split())
    for item in _segments(pack, text):
        remaining = iter(source)
        assert all(char in remaining for char in "".join(item.quote.split())), item.quote
        assert len(item.quote) <= MAX_SEGMENT


@pytest.mark.parametrize("source", [COMPILATION_SEED, NARRATIVE_SEED], ids=["compilation", "narrative"])
def test_stretches_handed_over_are_cut_as_the_layout_is_and_let_go(pack: RulePack, source: object) -> None:
    """Handed a list of stretches, the segmenter cuts the same sentences as from the layout, and empties
    the list as it reads it (the audit's way to let a long report's lines go as they are cut)."""
    layout = lay_out(read_file(str(source)), pack)
    stretches = list(layout.stretches)
    assert segment_stretches(stretches) == segment(layout)
    assert stretches == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The organi-\nzation of inspections was planned.", "the organization of inspections was planned."),
        ("A non-\ngovernmental organization helped.", "a non governmental organization helped."),
        ("Law-\nenforcement officers were trained.", "law enforcement officers were trained."),
        ("The Ministry of Labour reported.", "the ministry of labour reported."),
    ],
)
def test_a_word_broken_at_a_line_end_is_read_whole(pack: RulePack, text: str, expected: str) -> None:
    """A word hyphenated across a line break is joined into one word; a compound (a known prefix) stays
    two words; text with no line-end hyphen needs no vocabulary at all."""
    (item,) = segment(lay_out(read("r.txt", text.encode()), pack))
    assert item.text == expected
