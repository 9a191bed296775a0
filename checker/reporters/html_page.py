"""The shell of ilo-check's HTML pages (the audit, the diff): one self-contained file with its style and
a small script inline, nothing fetched (a Content-Security-Policy forbids it), printable on A4; and the
pieces they share: escaping of a report's own text, status badges, filters, SVG bars and lines.

Everything a report says is hostile: `text` is the only way it enters a page. Functions that take
``html`` take markup already built with these helpers; every other string is escaped here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from importlib import resources

from checker.errors import printable
from checker.model import Evidence, Status
from checker.reporters.options import RenderOptions
from checker.reporters.style import symbol

__all__ = [
    "CSP",
    "Series",
    "bar",
    "filters",
    "grouped_bar_chart",
    "in_context",
    "line_chart",
    "marked",
    "page",
    "status_badge",
    "status_choices",
    "text",
]

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

# A series of a chart: its name and a value per group or year (None where it has none).
Series = tuple[str, Sequence[float | None]]

# Series colours: each at least 3:1 against white (WCAG's contrast for graphics), told apart by their
# dashes in a line chart and their order (and figures) in a bar chart, never by colour alone.
_PALETTE = (
    "#0550ae",
    "#bc4c00",
    "#1a7f37",
    "#8250df",
    "#cf222e",
    "#1b7c83",
    "#9a6700",
    "#57606a",
    "#bf3989",
    "#0a3069",
    "#6e7781",
    "#953800",
)
_DASHES = (
    "",
    "6 3",
    "2 3",
    "8 3 2 3",
    "1 3",
    "10 4",
    "4 4",
    "3 2 1 2",
    "12 3 3 3",
    "2 6",
    "14 4 2 4 2 4",
    "5 2",
)


def text(value: str) -> str:
    """A report's text fit for a page, as text and in an attribute: markup escaped, and control and format
    characters (a terminal's escape, a right-to-left override, a zero-width joiner) shown as Python
    writes them (``\\u202e``), so that no character can reorder or hide what stands around it."""
    return html.escape(printable(value), quote=True)


def marked(quote: str, phrases: Iterable[str]) -> str:
    """`quote` escaped, with each occurrence of `phrases` (as the rules matched them: lower case, single
    spaces) in <mark>: the words that decided a verdict."""
    spans = sorted(
        (found.start(), found.end())
        for phrase in {phrase.strip() for phrase in phrases if phrase.strip()}
        for found in re.finditer(_pattern(phrase), quote, re.IGNORECASE)
    )
    merged: list[list[int]] = []
    for start, end in spans:  # overlapping phrases ('forced labour', 'labour') make one mark
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, done = [], 0
    for start, end in merged:
        parts += [text(quote[done:start]), f"<mark>{text(quote[start:end])}</mark>"]
        done = end
    return "".join([*parts, text(quote[done:])])


def _pattern(phrase: str) -> str:
    """A phrase as a whole-word pattern, any run of white space between its words."""
    return r"(?<!\w)" + r"\s+".join(re.escape(word) for word in phrase.split()) + r"(?!\w)"


def status_badge(status: Status, options: RenderOptions, *, word: bool = True) -> str:
    """A status as the terminal shows it, symbol and word (✔ reported); with `word` false, the symbol
    alone on screen and the word for screen readers and on hover."""
    shown = symbol(status, options)
    if word:
        return f'<span class="st st-{status.value}">{text(shown)} {status.value}</span>'
    return (
        f'<span class="st st-{status.value}" title="{status.value}">'
        f'<span aria-hidden="true">{text(shown)}</span><span class="vh">{status.value}</span></span>'
    )


def status_choices(
    options: RenderOptions, shown: Iterable[Status] = tuple(Status)
) -> list[tuple[str, str, bool]]:
    """The statuses as choices for `filters`, those in `shown` checked."""
    chosen = set(shown)
    return [
        (status.value, f"{symbol(status, options)} {status.value}", status in chosen) for status in Status
    ]


def filters(choices: Sequence[tuple[str, str, bool]], areas: Sequence[tuple[str, str]] = ()) -> str:
    """The filter bar: a checkbox per choice (value, label, checked) and a list of areas (id, label).

    It filters the rows ``tr[data-status]`` (space-separated values: a row is shown if any is checked)
    and ``tr[data-area]`` of the tables marked ``data-filtered``, hiding a ``tbody[data-area]`` left
    empty. It is hidden until the script runs: without script, a page shows every row it was written
    with (render hidden rows with the ``hidden`` attribute to match unchecked choices)."""
    boxes = "".join(
        f'<label><input type="checkbox" name="status" value="{text(value)}"{" checked" * checked}> '
        f"{text(label)}</label>"
        for value, label, checked in choices
    )
    parts = [f"<fieldset><legend>Show</legend>{boxes}</fieldset>"]
    if areas:
        options = "".join(f'<option value="{text(id_)}">{text(label)}</option>' for id_, label in areas)
        parts.append(
            f'<label>Area <select name="area"><option value="">All areas</option>{options}</select></label>'
        )
    parts.append('<button type="button" data-expand aria-pressed="false">Open all evidence</button>')
    parts.append('<span class="shown" data-count aria-live="polite"></span>')
    return f'<form class="filters" data-filters hidden aria-label="Filters">{"".join(parts)}</form>'


def bar(value: float, maximum: float = 100.0) -> str:
    """A score as a horizontal SVG bar, to stand beside the figure written out (the bar is decoration)."""
    width = max(0.0, min(1.0, value / maximum)) * 100 if maximum else 0.0
    return (
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
        'focusable="false">'
        '<rect class="track" x="0" y="0" width="100" height="10"/>'
        f'<rect class="fill" x="0" y="0" width="{width:.1f}" height="10"/></svg>'
    )


def _legend(series: Sequence[Series], *, lines: bool) -> str:
    items = []
    for number, (name, _) in enumerate(series):
        colour, dash = _PALETTE[number % len(_PALETTE)], _DASHES[number % len(_DASHES)]
        swatch = (
            f'<svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" '
            f'stroke="{colour}" stroke-width="{_stroke(number)}" stroke-dasharray="{dash}"/></svg>'
            if lines
            else f'<span class="swatch" style="background:{colour}"></span>'
        )
        items.append(f"<li>{swatch}{text(name)}</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def _stroke(number: int) -> float:
    """A line's width: the first series (a total) thickest."""
    return 4.5 if number == 0 else 2.0


def _wrapped(label: str, width: int) -> list[str]:
    """A label cut into lines of about `width` characters at spaces."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


_LABEL_WIDTH = 220  # the groups' labels, left of a horizontal bar chart
_PLOT_WIDTH = 560
_BAR = 11
_GAP = 14


def grouped_bar_chart(
    caption: str, groups: Sequence[str], series: Sequence[Series], *, maximum: float = 100.0
) -> str:
    """Horizontal bars, a group per label (an area) and a bar per series (a report) in each, its figure
    at its end; with a caption, a legend, and a title on every bar for a pointer or a screen reader."""
    band = max(len(series), 1) * _BAR + _GAP
    height = len(groups) * band + 24
    width = _LABEL_WIDTH + _PLOT_WIDTH + 50
    parts = [_grid(_LABEL_WIDTH, _PLOT_WIDTH, 4, height - 20, maximum)]
    for row, group in enumerate(groups):
        top = row * band + 4
        lines = _wrapped(group, 28)
        label_top = top + (band - _GAP) / 2 - (len(lines) - 1) * 7 + 4
        spans = "".join(
            f'<tspan x="{_LABEL_WIDTH - 8}" y="{label_top + 14 * number:.0f}">{text(line)}</tspan>'
            for number, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="end">{spans}</text>')
        for number, (name, values) in enumerate(series):
            value = values[row]
            if value is None:
                continue
            y = top + number * _BAR
            length = max(0.0, min(1.0, value / maximum)) * _PLOT_WIDTH if maximum else 0.0
            parts.append(
                f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{_BAR - 2}" '
                f'fill="{_PALETTE[number % len(_PALETTE)]}"><title>{text(name)}, {text(group)}: '
                f"{value:.1f}</title></rect>"
                f'<text x="{_LABEL_WIDTH + length + 4:.1f}" y="{y + _BAR - 3}" style="font-size:9px">'
                f"{value:.0f}</text>"
            )
    return _figure(caption, width, height, parts, _legend(series, lines=False))


def _grid(left: float, plot: float, top: float, bottom: float, maximum: float) -> str:
    """Vertical grid lines at every quarter of `maximum`, figured at the foot."""
    lines = []
    for step in range(5):
        x = left + plot * step / 4
        lines.append(
            f'<line class="grid" x1="{x:.0f}" y1="{top}" x2="{x:.0f}" y2="{bottom}"/>'
            f'<text x="{x:.0f}" y="{bottom + 14}" text-anchor="middle" style="font-size:10px">'
            f"{maximum * step / 4:.0f}</text>"
        )
    return "".join(lines)


def _figure(caption: str, width: float, height: float, parts: list[str], legend: str) -> str:
    return (
        f"<figure><figcaption>{text(caption)}</figcaption>"
        # Never drawn larger than its own size: its figures stay the page's size on a wide screen.
        f'<div class="chart"><svg viewBox="0 0 {width:.0f} {height:.0f}" style="max-width:{width:.0f}px" '
        f'role="img" aria-label="{text(caption)}">'
        f"{''.join(parts)}</svg></div>{legend}</figure>"
    )


_LINE_LEFT = 40
_LINE_PLOT = 640
_LINE_HEIGHT = 220


def line_chart(
    caption: str, years: Sequence[str], series: Sequence[Series], *, maximum: float = 100.0
) -> str:
    """A line per series (the total, then each area) across `years`, 0 to `maximum` upwards, each point
    titled with its figure; the first series drawn thickest, the others told apart by colour and dash in
    the legend."""
    top, bottom = 10, _LINE_HEIGHT
    step = _LINE_PLOT / max(len(years) - 1, 1)
    parts = []
    for quarter in range(5):
        y = bottom - (bottom - top) * quarter / 4
        parts.append(
            f'<line class="grid" x1="{_LINE_LEFT}" y1="{y:.0f}" x2="{_LINE_LEFT + _LINE_PLOT}" y2="{y:.0f}"/>'
            f'<text x="{_LINE_LEFT - 6}" y="{y + 4:.0f}" text-anchor="end" style="font-size:10px">'
            f"{maximum * quarter / 4:.0f}</text>"
        )
    for number, year in enumerate(years):
        parts.append(
            f'<text x="{_LINE_LEFT + step * number:.0f}" y="{bottom + 18}" text-anchor="middle">'
            f"{text(year)}</text>"
        )
    for number, (name, values) in enumerate(series):
        colour, dash = _PALETTE[number % len(_PALETTE)], _DASHES[number % len(_DASHES)]
        points = [
            (_LINE_LEFT + step * index, bottom - (bottom - top) * max(0.0, min(1.0, value / maximum)), value)
            for index, value in enumerate(values)
            if value is not None
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{_stroke(number)}" '
            f'stroke-dasharray="{dash}"/>'
        )
        parts += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>{text(name)}, '
            f"{text(years[index])}: {value:.1f}</title></circle>"
            for index, (x, y, value) in enumerate(points)
        ]
    width = _LINE_LEFT + _LINE_PLOT + 30
    return _figure(caption, width, bottom + 28, parts, _legend(series, lines=True))


def _asset(name: str) -> str:
    return resources.files("checker.reporters").joinpath(name).read_text(encoding="utf-8")


def page(
    title: str,
    body: str,
    *,
    language: str = "en",
    subtitle: str | None = None,
    meta: Sequence[str] = (),
    footer: str | None = None,
) -> str:
    """A whole HTML document: `title` (text) as its title and heading, `subtitle` and `meta` (texts, the
    latter shown as one line of facts: language, rules, date) under it, `body` and `footer` (markup)
    after; the style and the filters' script inline, and a policy that lets the page fetch nothing."""
    head = f"<h1>{text(title)}</h1>"
    if subtitle:
        head += f'<p class="subtitle">{text(subtitle)}</p>'
    if meta:
        head += '<p class="meta">' + "".join(f"<span>{text(fact)}</span>" for fact in meta) + "</p>"
    closing = f"<footer>{footer}</footer>" if footer else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{text(language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="ilo-check">\n'
        f"<title>{text(title)}</title>\n<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n"
        f"<header>{head}</header>\n<main>\n{body}\n</main>\n{closing}\n"
        f"<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n"
    )


def in_context(item: Evidence) -> str:
    """A passage, its decisive words marked, between the sentences around it in a lighter style."""
    before = f'<span class="around">{text(item.before)}</span> ' if item.before else ""
    after = f' <span class="around">{text(item.after)}</span>' if item.after else ""
    return f'{before}<span class="passage">\u201c{marked(item.quote, item.matched)}\u201d</span>{after}'
