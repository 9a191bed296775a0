"""The HTML page in a real browser (headless Chromium driven by playwright): it loads nothing but itself,
its matrix and evidence open by mouse and keyboard, its filters hide and show rows, a narrow window does
not overflow, and a hostile report's text stays text. Screenshots are kept in build/screenshots/ for a
reviewer to look at."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, sync_playwright

from checker.model import RulePack
from tests.ci_support import DRAFT, SHELTER, invoke, reuse_pack
from tests.conftest import COMPILATION_SEED, FIXTURES, ROOT

pytestmark = pytest.mark.xdist_group("browser")

SCREENSHOTS = ROOT / "build" / "screenshots"
LABELLED = FIXTURES / "labelled"
# Seed 004 and four labelled reports: a second compilation of Azerbaijan's 2017 and 2018 reports, one of
# Valdoria's 2019 and 2020 (each country a trend), a French report and a TIP-style one.
BATCH = (
    COMPILATION_SEED,
    LABELLED / "compilation_interleaved_azerbaijan_2017-2018.txt",
    LABELLED / "compilation_valdoria_2019-2020.txt",
    LABELLED / "govreport_fr_valdorie_2023.txt",
    LABELLED / "tip_style_dravonia_2022.txt",
)
NO_SHELTER = "No shelter is available for victims of forced labour."
HOSTILE_NAME = "<img src=x onerror=window.pwned=3>\u202ecod.txt"
HOSTILE_QUOTE = '<script>window.pwned=1</script> visited 340 farms to detect forced labour <img src=x onerror="window.pwned=2">'
HOSTILE_AROUND = '<script>window.pwned=4</script><img src=x onerror="window.pwned=5">'
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module; skipped without one, unless CI requires it."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        message = "no Chromium found: sudo apt-get install chromium"
        if os.environ.get("ILO_CHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, pack: RulePack) -> Iterator[dict[str, Path]]:
    """The pages the tests open, each written by the command line (in-process, with the session's
    pack): seed 004, the batch of five, seed 004's gaps, a hostile report, and the comparison of the
    walk-through draft with a version that answers free legal aid and denies the shelter."""
    folder = tmp_path_factory.mktemp("html")
    draft = DRAFT.read_text(encoding="utf-8")
    (folder / "draft-v1.md").write_text(draft, encoding="utf-8")
    (folder / "draft-v2.md").write_text(draft.replace(SHELTER, NO_SHELTER), encoding="utf-8")
    hostile = folder / HOSTILE_NAME
    hostile.write_text(
        f"Report on forced labour, 2024.\n\nLabour inspectors {HOSTILE_QUOTE} in 2024. "
        f"They also wrote {HOSTILE_AROUND} there.\n"
    )
    seed = str(COMPILATION_SEED.relative_to(ROOT))  # cited as a reviewer in the repository would see it
    runs = {
        "004": [seed],
        "batch": [str(path.relative_to(ROOT)) for path in BATCH],
        "gaps": [seed, "--show", "gaps"],
        "hostile": [str(hostile)],
    }
    with pytest.MonkeyPatch.context() as monkeypatch:
        reuse_pack(monkeypatch, pack)
        monkeypatch.chdir(ROOT)
        for name, arguments in runs.items():
            target = str(folder / f"{name}.html")
            ran = invoke("audit", "--no-config", "--jobs", "1", "--format", "html", *arguments, "-o", target)
            assert (ran.code, ran.out) == (0, ""), (name, ran.err)
        monkeypatch.chdir(folder)
        compared = invoke("diff", "draft-v1.md", "draft-v2.md", "--format", "html", "-o", "diff.html")
        assert (compared.code, compared.out) == (0, ""), compared.err
        yield {name: folder / f"{name}.html" for name in [*runs, "diff"]}


class Opened:
    """A page opened in the browser, with every request it made."""

    def __init__(self, browser: Browser, path: Path, width: int) -> None:
        self.url = path.as_uri()
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(self.url)

    def row(self, item: str) -> Locator:
        return self.page.locator(f'tr[id="item-{item}"]')

    def visible_rows(self) -> list[str]:
        rows: list[str] = self.page.eval_on_selector_all(
            "table.matrix tr[data-status]:not([hidden])", "rows => rows.map(row => row.dataset.status)"
        )
        return rows


@pytest.fixture
def opened(browser: Browser) -> Iterator[list[Opened]]:
    """Pages opened in a test, closed after it."""
    held: list[Opened] = []
    yield held
    for item in held:
        item.context.close()


def _open(held: list[Opened], browser: Browser, path: Path, width: int = 1280) -> Opened:
    page = Opened(browser, path, width)
    held.append(page)
    return page


def _shoot(page: Opened, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_the_page_asks_for_nothing_but_itself(
    browser: Browser, pages: dict[str, Path], opened: list[Opened]
) -> None:
    """Opening a report's page, or the batch's, requests the file itself and nothing else."""
    for name in ("004", "batch"):
        page = _open(opened, browser, pages[name])
        page.page.wait_for_load_state("load")
        assert page.requests == [page.url]


def test_the_matrix_has_every_item_and_each_year(
    browser: Browser, pages: dict[str, Path], opened: list[Opened]
) -> None:
    """Seed 004's matrix has a row for each of the 44 items and a column for 2017 and 2018; the filters,
    hidden without script, are shown."""
    page = _open(opened, browser, pages["004"])
    assert page.page.locator("table.matrix tr[data-status]").count() == 44
    heads = page.page.locator("table.matrix thead th").all_inner_texts()
    assert heads[:4] == ["Item", "2017", "2018", "Overall"]
    assert page.page.locator("form[data-filters]").is_visible()
    assert page.page.locator("[data-count]").inner_text() == "44 of 44 items shown"
    _shoot(page, "004.png")


def test_evidence_opens_on_click_and_keyboard(
    browser: Browser, pages: dict[str, Path], opened: list[Opened]
) -> None:
    """An item's evidence opens on a click, on Enter and on Space, and shows the quote with its
    decisive words marked and its citation."""
    page = _open(opened, browser, pages["004"])
    social = page.row("reporting.social_partners")
    social.locator("summary").click()
    assert social.locator("details").evaluate("details => details.open")
    assert social.locator("blockquote mark").first.is_visible()
    assert "confederation of trade unions" in social.locator("blockquote mark").all_inner_texts()[-1].lower()
    assert "004_9801fec608b1c05e.txt l. 27-31 [2017]" in social.locator("cite").first.inner_text()
    for item, key in (("ratification.intention", "Enter"), ("policy.plan_of_action", " ")):
        summary = page.row(item).locator("summary")
        summary.focus()
        page.page.keyboard.press(key if key != " " else "Space")
        assert page.row(item).locator("details").evaluate("details => details.open"), key
        assert page.row(item).locator("blockquote").is_visible()


def test_an_opened_item_shows_each_passage_in_its_context(
    browser: Browser, pages: dict[str, Path], opened: list[Opened]
) -> None:
    """An opened item shows its passage between the sentences before and after it, those in a lighter
    colour than the passage, whose decisive words are marked."""
    page = _open(opened, browser, pages["004"])
    material = page.row("protection.material")
    material.locator("summary").click()
    quoted = material.locator("blockquote").first
    around = quoted.locator(".around")
    assert around.all_inner_texts() == [
        "b) Legal protection of victims;",
        "d) Medical and psychological assistance for victims;",
    ]
    assert around.first.is_visible() and around.last.is_visible()
    assert quoted.locator(".passage mark").first.is_visible()
    assert quoted.inner_text() == (
        "b) Legal protection of victims; \u201cc) Material assistance for victims;\u201d "
        "d) Medical and psychological assistance for victims;"
    )
    colour = "element => getComputedStyle(element).color"
    assert around.first.evaluate(colour) == "rgb(87, 96, 106)"  # --muted, lighter than the passage
    assert quoted.locator(".passage").evaluate(colour) == "rgb(31, 35, 40)"  # --ink
    _shoot(page, "004-context.png")


def test_filters_hide_and_show_rows(browser: Browser, pages: dict[str, Path], opened: list[Opened]) -> None:
    """Unchecking a status hides its rows, choosing an area keeps that area's alone, and undoing both
    shows every row again."""
    page = _open(opened, browser, pages["004"])
    reported = page.page.locator('input[name="status"][value="reported"]')
    reported.uncheck()
    shown = page.visible_rows()
    assert shown and "reported" not in shown
    assert page.page.locator("[data-count]").inner_text() == f"{len(shown)} of 44 items shown"
    reported.check()
    page.page.select_option('select[name="area"]', "ratification")
    assert len(page.visible_rows()) == 2
    assert page.page.locator('tbody[data-area="prevention"]').is_hidden()
    page.page.select_option('select[name="area"]', "")
    assert len(page.visible_rows()) == 44


def test_the_gaps_view_starts_with_the_gaps(
    browser: Browser, pages: dict[str, Path], opened: list[Opened]
) -> None:
    """The gaps view shows only missing and negative items, their questions open; the filter can show
    the rest."""
    page = _open(opened, browser, pages["gaps"])
    shown = page.visible_rows()
    assert shown and set(shown) <= {"missing", "negative"}
    assert page.page.locator("tr[data-status=missing] .ask").first.is_visible()
    _shoot(page, "004-gaps.png")
    page.page.locator('input[name="status"][value="reported"]').check()
    assert "reported" in page.visible_rows()


def test_the_batch_compares_and_draws_the_panel(
    browser: Browser, pages: dict[str, Path], opened: list[Opened]
) -> None:
    """Five reports: a column for each, the grouped bars of their scores by area, and a trend for each
    country with two years (Azerbaijan and Valdoria)."""
    page = _open(opened, browser, pages["batch"])
    heads = page.page.locator("table.compared thead th").all_inner_texts()
    assert heads[1:6] == [
        "Azerbaijan 2017-2018 (1)",
        "Azerbaijan 2017-2018 (2)",
        "Valdoria 2019-2020",
        "govreport_fr_valdorie_2023",
        "tip_style_dravonia_2022",
    ]
    assert page.page.locator("table.compared tr[data-status]").count() == 44
    captions = page.page.locator("figcaption").all_inner_texts()
    assert captions == [
        "Scores by area, report by report (0-100)",
        "Azerbaijan: scores by area over the years (0-100)",
        "Valdoria: scores by area over the years (0-100)",
    ]
    assert page.page.locator("figure svg polyline").count() == 2 * 11
    _shoot(page, "batch.png")


@pytest.mark.parametrize("name", ["004", "batch"])
def test_a_narrow_window_does_not_overflow(
    browser: Browser, pages: dict[str, Path], opened: list[Opened], name: str
) -> None:
    """In a 375 px window the page is no wider than the window: tables and charts scroll in their box."""
    page = _open(opened, browser, pages[name], width=375)
    assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if name == "004":
        _shoot(page, "004-narrow.png")


def test_hostile_text_stays_text(browser: Browser, pages: dict[str, Path], opened: list[Opened]) -> None:
    """A script and an image with a handler in a quote, in the sentence after it and in a file name, and a
    bidi override in the file name, are shown as written: nothing runs, the override is written out."""
    page = _open(opened, browser, pages["hostile"])
    page.page.wait_for_load_state("load")
    assert page.page.evaluate("typeof window.pwned") == "undefined"
    assert page.requests == [page.url]  # the <img src=x> was never an image
    page.page.locator('input[name="status"][value="reported"]').check()
    page.row("prevention.labour_inspection").locator("summary").click()
    shown = page.page.locator("body").inner_text()
    assert HOSTILE_QUOTE in shown
    assert f"They also wrote {HOSTILE_AROUND} there." in shown  # the sentence after the passage
    assert "<img src=x onerror=window.pwned=3>\\u202ecod.txt" in shown
    assert page.page.locator("main script, main img").count() == 0


def test_printed_every_passage_shows_and_the_filters_do_not(
    browser: Browser, pages: dict[str, Path], opened: list[Opened]
) -> None:
    """For print, every item's evidence is shown though its <details> is closed, and the filters are
    hidden."""
    page = _open(opened, browser, pages["004"])
    page.page.emulate_media(media="print")
    assert page.row("reporting.social_partners").locator("blockquote").is_visible()
    assert page.page.locator("form[data-filters]").is_hidden()


def test_the_comparison_shows_what_changed(
    browser: Browser, pages: dict[str, Path], opened: list[Opened]
) -> None:
    """The diff's page asks for nothing but itself, and shows the items that fell with the passages that
    appeared and disappeared, each with its place, and the scores that moved; in a narrow window too."""
    page = _open(opened, browser, pages["diff"])
    page.page.wait_for_load_state("load")
    assert page.requests == [page.url]
    shown = page.page.locator("body").inner_text()
    assert "draft-v1.md → draft-v2.md" in shown
    assert "protection.accommodation" in shown and NO_SHELTER[:40] in " ".join(shown.split())
    assert "draft-v1.md, l. 286" in shown and "draft-v2.md, l. 286" in shown
    _shoot(page, "diff.png")
    narrow = _open(opened, browser, pages["diff"], width=375)
    assert narrow.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
