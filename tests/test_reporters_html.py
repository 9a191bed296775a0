"""The HTML page of an audit: golden pages for small fixed results (UPDATE_GOLDEN=1 rewrites them), a
report's own text never becoming markup, nothing fetched from outside, the gaps view, several reports
with the analyst's panel, and a country's trend over its years."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import (
    AuditResult,
    DocumentAudit,
    DocumentKind,
    Evidence,
    Finding,
    Location,
    Metadata,
    RulePack,
    Status,
)
from checker.reporters import RenderOptions, View
from checker.reporters.html import render
from checker.reporters.html_page import CSP, marked, text
from checker.scoring import area_scores, completeness, total_score, year_scores
from tests.conftest import check_golden, examples

DAY = date(2026, 1, 31)
OPTIONS = RenderOptions()
GAPS = RenderOptions(View.GAPS)


# The sentences around the reported passage in its section, as the engine keeps them.
AROUND = ("In 2021 the inspectorate hired 40 inspectors.", "Two cases went to the prosecutor.")


def _evidence(
    quote: str,
    status: Status | None,
    matched: tuple[str, ...] = (),
    line: int = 12,
    around: tuple[str | None, str | None] = (None, None),
) -> Evidence:
    reason = (
        "matched " + ", ".join(repr(phrase) for phrase in matched) if status else "a request, not a measure"
    )
    return Evidence(
        Location(line=line),
        Location(line=line + 1),
        quote,
        status,
        reason,
        year_tag="2021",
        years=frozenset({"2021"}),
        section="Prevention",
        matched=matched,
        before=around[0],
        after=around[1],
    )


def _audit(
    pack: RulePack,
    quote: str = "Labour inspectors visited 340 farms to detect forced labour.",
    *,
    source: str = "reports/kovalia.txt",
    country: str | None = "Kovalia",
    years: tuple[str, ...] = ("2021", "2022"),
    shift: Status = Status.MISSING,
    around: tuple[str | None, str | None] = AROUND,
) -> DocumentAudit:
    """A small audit of three items: one reported with its evidence between the sentences `around` it,
    one partial with a passage set aside (neither with sentences around it), one missing (the first
    `shift` in its last year, so that two years can differ)."""

    def by_year(status: Status, last: Status | None = None) -> dict[str, Status]:
        return {year: last if last is not None and year == years[-1] else status for year in years}

    findings = (
        Finding(
            "prevention.labour_inspection",
            "prevention",
            Status.REPORTED,
            by_year=by_year(Status.REPORTED, shift),
            evidence=(
                _evidence(quote, Status.REPORTED, ("labour inspectors", "forced labour"), around=around),
            ),
        ),
        Finding(
            "protection.identification",
            "protection",
            Status.PARTIAL,
            by_year=by_year(Status.PARTIAL),
            evidence=(
                _evidence("Guidelines to identify victims are planned.", Status.PARTIAL, ("identify",)),
            ),
            set_aside=(_evidence("The Committee requests the Government to identify victims.", None),),
        ),
        Finding(
            "policy.data",
            "policy",
            Status.MISSING,
            by_year=by_year(Status.MISSING),
            note="the item's form field is empty",
        ),
    )
    return DocumentAudit(
        source=source,
        format="text",
        kind=DocumentKind.COMPILATION,
        metadata=Metadata(country=country, years=years),
        years=years,
        findings=findings,
        areas=area_scores(findings, pack),
        score=total_score(findings, pack),
        year_scores=year_scores(findings, pack, years),
        completeness=completeness(findings, pack),
        language="en",
    )


def _page(pack: RulePack, *audits: DocumentAudit, options: RenderOptions = OPTIONS) -> str:
    return render(AuditResult(pack.name, pack.version, audits), pack, options, today=DAY)


class _Tags(HTMLParser):
    """Every start tag of a page, in order, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def _parsed(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


# ── golden pages ─────────────────────────────────────────────────────────────────────────────────


def test_golden_one_report(pack: RulePack) -> None:
    """A report's page matches its golden file, byte for byte."""
    check_golden("small.html", _page(pack, _audit(pack)))


def test_golden_two_years_of_a_country(pack: RulePack) -> None:
    """Two reports of one country compared, with the panel and the trend, match their golden file."""
    older = _audit(pack, source="reports/kovalia-2020.txt", years=("2019", "2020"), shift=Status.REPORTED)
    check_golden("small.compared.html", _page(pack, older, _audit(pack)))


# ── what the page holds ──────────────────────────────────────────────────────────────────────────


def test_the_page_fetches_nothing(pack: RulePack) -> None:
    """The page carries its policy, and no src or href points outside the file."""
    page = _page(pack, _audit(pack), _audit(pack, source="other.txt", country=None, years=()))
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page


def test_the_matrix_shows_items_years_statuses_and_evidence(pack: RulePack) -> None:
    """A row per item under its area, a column per report year, the status in symbol and word, and the
    evidence with its decisive words marked, its citation, reason and what was set aside."""
    page = _page(pack, _audit(pack))
    assert '<th scope="col">2021</th><th scope="col">2022</th>' in page
    assert page.count('<tr id="item-') == 3
    assert '<span class="st st-reported">\u2714 reported</span>' in page
    assert "<mark>Labour inspectors</mark> visited 340 farms to detect <mark>forced labour</mark>." in page
    assert "reports/kovalia.txt</span> l. 12-13 [2021]</cite>" in page
    assert "matched &#x27;labour inspectors&#x27;, &#x27;forced labour&#x27;" in page
    assert "a request, not a measure" in page  # the passage set aside, and why
    assert "quoted alone" not in page


def test_each_passage_stands_between_the_sentences_around_it(pack: RulePack) -> None:
    """A passage is quoted between the sentences before and after it, those in the lighter style, the
    passage itself with its decisive words marked; a passage with none around it is quoted alone."""
    page = _page(pack, _audit(pack))
    assert (
        '<blockquote lang="en"><span class="around">In 2021 the inspectorate hired 40 inspectors.</span> '
        '<span class="passage">\u201c<mark>Labour inspectors</mark> visited 340 farms to detect '
        '<mark>forced labour</mark>.\u201d</span> <span class="around">Two cases went to the prosecutor.</span>'
        "</blockquote>"
    ) in page
    assert "blockquote .around { color: var(--muted); }" in page
    assert "What counted (each passage between the sentences around it, in grey):" in page
    alone = '<blockquote lang="en"><span class="passage">\u201cGuidelines to <mark>identify</mark>'
    assert alone in page
    only_after = _page(pack, _audit(pack, around=(None, "Next.")))
    assert '<blockquote lang="en"><span class="passage">' in only_after
    assert '.\u201d</span> <span class="around">Next.</span></blockquote>' in only_after


def test_a_gap_shows_its_question_and_guidance(pack: RulePack) -> None:
    """A missing item's evidence opens on the rule's question and guidance."""
    page = _page(pack, _audit(pack))
    rule = pack.rule("policy.data")
    assert f"<strong>Question:</strong> {text(rule.question)}" in page
    assert f"<strong>Guidance:</strong> {text(rule.guidance)}" in page


def test_the_page_says_its_language_rules_and_date(pack: RulePack) -> None:
    """The heading names the report's language, the rule pack's version and the date given."""
    page = _page(pack, _audit(pack))
    assert f"<span>written in English</span><span>rules p029 {pack.version}</span>" in page
    assert "<span>generated 2026-01-31</span>" in page


def test_the_date_is_today_by_default(pack: RulePack) -> None:
    """Without a date given, the page shows today's."""
    page = render(AuditResult(pack.name, pack.version, (_audit(pack),)), pack, OPTIONS)
    assert f"generated {date.today().isoformat()}" in page


def test_the_gaps_view_starts_with_the_gaps_alone(pack: RulePack) -> None:
    """In the gaps view only the gaps are checked in the filter and shown; the others are rendered
    hidden (so that a page read without script shows the gaps alone), and a gap's evidence is open."""
    page = _page(pack, _audit(pack), options=GAPS)
    assert 'value="missing" checked>' in page and 'value="negative" checked>' in page
    assert 'value="reported">' in page and 'value="partial">' in page
    assert (
        '<tr id="item-prevention.labour_inspection" data-status="reported" data-area="prevention" hidden>'
        in page
    )
    assert '<tr id="item-policy.data" data-status="missing" data-area="policy">' in page
    assert "The gaps (items missing or answered no): 1 of 3 items" in page
    assert "<details open><summary>" in page
    every = _page(pack, _audit(pack))
    assert " hidden>" not in every.replace('<form class="filters" data-filters hidden', "")


def test_several_reports_make_one_matrix_and_the_panel(pack: RulePack) -> None:
    """Several reports: a column per report (the user's label first), each item's count of statuses,
    the items most often missing, the scores by area in grouped bars, and each report in full."""
    other = _audit(pack, source="reports/b.txt", country=None, years=())
    options = RenderOptions(labels=(("reports/kovalia.txt", "Kovalia <b>2021</b>"),))
    page = _page(pack, _audit(pack, years=("2021",)), other, options=options)
    assert '<th scope="col">Kovalia &lt;b&gt;2021&lt;/b&gt;</th><th scope="col">b</th>' in page
    assert '<tr data-status="reported" data-area="prevention">' in page
    assert "missing in 2 of 2 reports" in page
    assert "Scores by area, report by report (0-100)" in page and "<rect" in page
    assert page.count('<details class="report"') == 2
    assert "over the years" not in page  # one year of a country is no trend
    assert "<polyline" not in page


def test_two_years_of_a_country_make_a_trend(pack: RulePack) -> None:
    """Two reports of one country over different years draw its scores by area as lines, with their
    figures in a table."""
    older = _audit(pack, source="reports/kovalia-2020.txt", years=("2019", "2020"))
    page = _page(pack, older, _audit(pack))
    assert "Kovalia: scores by area over the years (0-100)" in page
    assert page.count("<polyline") == 1 + len({finding.area for finding in older.findings})
    assert "<caption>Kovalia: scores by year</caption>" in page
    assert re.search(r'<th scope="col" class="num">2019</th>.*<th scope="col" class="num">2022</th>', page)


# ── hostile text ─────────────────────────────────────────────────────────────────────────────────

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">\u202egnp.exe\x1b[31m'


def test_hostile_text_is_shown_as_text(pack: RulePack) -> None:
    """Markup, a bidi override and an escape sequence in a quote and in a file name are shown as text:
    no tag of theirs, and the override written out."""
    hostile = _audit(pack, HOSTILE, source=f"{HOSTILE}.txt", around=(HOSTILE, HOSTILE))
    page = _page(pack, hostile)
    assert _parsed(page).tags == _parsed(_page(pack, _audit(pack, "x", source="x.txt"))).tags
    assert "\u202e" not in page and "\x1b" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;" in page
    assert "\\u202egnp.exe\\x1b[31m" in page
    assert page.count('<span class="around">&lt;script&gt;window.pwned=1&lt;/script&gt;') == 2


@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(quote=st.text(min_size=1, max_size=200), source=st.text(min_size=1, max_size=40))
def test_no_text_of_a_report_makes_a_tag(pack: RulePack, quote: str, source: str) -> None:
    """Whatever a quote, the sentences around it and a file name hold, the page's tags are the reporter's own: the same as with
    a plain quote."""
    plain = _parsed(_page(pack, _audit(pack, "x", source="x.txt"))).tags
    assert _parsed(_page(pack, _audit(pack, quote, source=source, around=(quote, quote)))).tags == plain


@given(quote=st.text(max_size=120), phrases=st.lists(st.text(min_size=1, max_size=12), max_size=4))
def test_marking_adds_only_marks(quote: str, phrases: list[str]) -> None:
    """Marking the matched phrases adds <mark> tags and nothing else, and keeps the quote's text."""
    parsed = _parsed(marked(quote, phrases))
    assert set(parsed.tags) <= {"mark"}
    assert "".join(parsed.data) == text(quote).replace("&lt;", "<").replace("&gt;", ">").replace(
        "&quot;", '"'
    ).replace("&#x27;", "'").replace("&amp;", "&")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("<b>", "&lt;b&gt;"),
        ("\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
        ("right\u202eleft", "right\\u202eleft"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("bell\x07", "bell\\x07"),
        ("line\nbreak", "line\\nbreak"),
    ],
)
def test_text_escapes_markup_and_controls(value: str, shown: str) -> None:
    """text() escapes markup for text and attributes, and writes out control and bidi characters."""
    assert text(value) == shown
