"""Page furniture (running headers and footers, page numbers) is blanked; everything else stays."""

from __future__ import annotations

import pytest

from checker.readers import text
from checker.readers.furniture import furniture_lines, page_furniture
from tests.conftest import no_hang


@pytest.mark.parametrize("line", ["- 12 -", "Page 3 of 10", "p. 4", "(7)", "3/12"])
def test_page_numbers_are_furniture(line: str) -> None:
    """A line that is only a page number is furniture."""
    assert furniture_lines(["Shelters were opened.", line, "Victims were assisted."]) == {1}


def test_bare_figures_are_furniture_when_they_count_pages() -> None:
    """Bare figures that count up a page apart are page numbers; a figure alone in the text (a table's
    cell, an answer), or figures on consecutive lines (a numbered column), stay."""
    page = ["Shelters were opened.", "Inspectors were trained.", "Victims were assisted.", "", "Answer:"]
    lines = [*page, "24", *page, "7", *page, "8", *page, "9", *page, "0", "1", "2", "3"]
    figures = {index for index, line in enumerate(lines) if line.isdigit()}
    assert furniture_lines(lines) == {lines.index("7"), lines.index("8"), lines.index("9")}
    assert {lines.index("24"), lines.index("0")} <= figures - furniture_lines(lines)


@pytest.mark.parametrize("space", ["\x1c", "\x1f", "\u2028", "\xa0"])
def test_bare_figures_with_any_white_space_are_read(space: str) -> None:
    """Every white space the pattern allows around a bare figure is read (int() once refused "\\x1f")."""
    lines = [f"1{space}", *["Text."] * 5, f"{space}2"]
    assert furniture_lines(lines) == {0, 6}
    assert page_furniture([["Text.", f"1{space}"], ["Text.", f"2{space}"]]) == [{1}, {1}]


def test_running_header_and_footer_are_furniture() -> None:
    """A header in capitals and a footer with the page's figure, each on three pages, are furniture."""
    body = ["Shelters were opened.", "Inspectors were trained.", "Victims were assisted.", ""]
    page = ["MINISTRY OF HEALTH AND SOCIAL PROTECTION", *body, "Information on forced labour, 2019     {n}"]
    lines = [line.format(n=number) for number in range(1, 4) for line in page]
    assert furniture_lines(lines) == {0, 5, 6, 11, 12, 17}


def test_a_running_header_is_furniture_though_one_page_is_short() -> None:
    """A page of two lines puts the header three lines after the last: the header is still furniture
    on every page (one short page once kept it in the text of all of them)."""
    header = "MINISTRY OF LABOUR AND SOCIAL PROTECTION"
    bodies = [
        ["Shelters were opened.", "Inspectors were trained.", "Victims were assisted.", "Data.", ""],
        ["Short."],
    ]
    pages = [bodies[0], bodies[1], bodies[0], bodies[0]]
    lines = [line for body in pages for line in [header, *body]]
    assert furniture_lines(lines) == {index for index, line in enumerate(lines) if line == header}


@pytest.mark.parametrize(
    "rows",
    [
        [
            f"In {year}, {count} victims of forced labour were identified and referred."
            for year, count in [(2015, 3), (2016, 7), (2017, 12)]
        ],
        [
            "| 2001 | 2 | 1 | 4 | Charge sheeted |",
            "| 2004 | 4 | 9 | 4 | Charge sheeted |",
            "",
            "| 2005 | 4 | 4 | 6 | Charge sheeted |",
            "| 2008 | 1 | 1 | 2 | Charge sheeted |",
        ],
    ],
    ids=["sentences", "table"],
)
def test_rows_of_figures_that_share_a_shape_stay(rows: list[str]) -> None:
    """Lines alike but for their figures, one close after another (a year's figures each, a table's
    rows), are the report's text, not a header recurring a page apart: none is blanked."""
    lines = ["Statistics", *rows, "Victims were assisted."]
    assert furniture_lines(lines) == set()


def test_repeated_form_labels_stay() -> None:
    """A form's labels recur, in ordinary type and without figures: they are not furniture."""
    lines = ["Measures taken or", "envisaged to prevent", "Measures taken or", "envisaged to protect"] * 2
    assert furniture_lines(lines) == set()


def test_reader_blanks_furniture_and_keeps_line_numbers() -> None:
    """The text reader blanks furniture lines, and the next line still has its own number."""
    page = ["REPORT OF THE MINISTRY OF LABOUR", "Shelters opened.", "Inspectors trained.", "", "{n}"]
    body = "\n".join([line.format(n=number) for number in (1, 2, 3) for line in page] + ["Last line."])
    lines = text.read("r.txt", body.encode()).blocks[0].lines
    assert [line.text for line in lines[:5]] == ["", "Shelters opened.", "Inspectors trained.", "", ""]
    assert (lines[-1].text, lines[-1].location.line) == ("Last line.", 16)


def test_text_from_pdftotext_is_cleaned_page_by_page() -> None:
    """Where form feeds tell the pages, furniture is told as in a PDF: the first page's "1" is its page
    number though no other page counts from it, and a figure standing alone in a page's body stays."""
    pages = [
        ["Report of the Government of Estavia, 2019", "Shelters were opened in two regions.", "", "1"],
        ["Report of the Government of Estavia, 2019", "Victims assisted:", "41", "in all.", "", "2"],
        ["Report of the Government of Estavia, 2019", "Inspectors were trained.", "", "3"],
    ]
    data = "\n\f".join("\n".join(page) for page in pages).encode()
    lines = text.read("r.txt", data).blocks[0].lines
    kept = [(line.text.strip(), line.location.page) for line in lines if line.text.strip()]
    assert kept == [
        ("Shelters were opened in two regions.", 1),
        ("Victims assisted:", 2),
        ("41", 2),
        ("in all.", 2),
        ("Inspectors were trained.", 3),
    ]
    assert [line.location.line for line in lines] == list(range(1, 15))


@pytest.mark.parametrize(
    "line", [" " * 200_000 + "x", "1" + " " * 200_000 + "x", "Page" + " " * 200_000 + "x"]
)
def test_long_runs_of_spaces_are_judged_at_once(line: str) -> None:
    """A line with a long run of spaces is not a page number, and saying so takes no time (the pattern
    once split the run between its optional spaces in every way: quadratic time)."""
    with no_hang(10):
        assert furniture_lines([line]) == set()
