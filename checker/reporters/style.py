"""How statuses look to a human: a symbol, a word, a colour; readable without colour and in ASCII."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, RenderableType
from rich.text import Text

from checker.model import Location, Status
from checker.reporters.options import RenderOptions

__all__ = ["boxes", "quote", "rendered", "status_text", "symbol", "where"]

_SYMBOLS = {
    Status.REPORTED: ("\u2714", "+", "green"),
    Status.PARTIAL: ("\u25d0", "~", "yellow"),
    Status.NEGATIVE: ("\u2718", "x", "red"),
    Status.MISSING: ("\u00b7", "-", "bright_black"),
}


def symbol(status: Status, options: RenderOptions) -> str:
    """The status's symbol: ✔ ◐ ✘ · (or + ~ x - in ASCII)."""
    fancy, plain, _ = _SYMBOLS[status]
    return fancy if options.unicode else plain


def status_text(status: Status, options: RenderOptions, *, word: bool = True) -> Text:
    """Symbol and word, coloured; the word keeps it readable without colour."""
    label = f"{symbol(status, options)} {status.value}" if word else symbol(status, options)
    return Text(label, style=_SYMBOLS[status][2])


def where(location: Location, year: str | None = None) -> str:
    """A short citation: ``l. 63``, ``p. 2 l. 14``, ``table 1 row 4``, with the report year if tagged."""
    text = location.describe()
    return f"{text} [{year}]" if year else text


def until(start: Location, end: Location) -> str:
    """Where a passage ends, after `where` of its start: ``-43`` on the same page, `` to p. 3 l. 2`` on
    the next one; nothing for a passage on one line."""
    if end.page is not None and end.page != start.page:
        return f" to {end.describe()}"
    return f"-{end.line}" if end.line is not None and end.line != start.line else ""


def quote(text: str, limit: int = 90) -> str:
    """A quote cut to `limit` characters at a word boundary, marked with an ellipsis when cut."""
    if len(text) <= limit:
        return f"\u201c{text}\u201d"
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"\u201c{cut}\u2026\u201d"


def boxes(options: RenderOptions) -> box.Box:
    """Table borders that the terminal can show."""
    return box.SIMPLE_HEAD if options.unicode else box.ASCII2


def rendered(renderables: list[RenderableType], options: RenderOptions) -> str:
    """Render rich objects to a string: deterministic, coloured only when asked."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        safe_box=not options.unicode,
    )
    for renderable in renderables:
        console.print(renderable)
    # Rich pads every line to the width; a report piped or diffed is cleaner without the padding.
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
