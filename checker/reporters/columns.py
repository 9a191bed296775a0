"""What the formats that set reports side by side or in a spreadsheet share: each report's name as a
column heading (the user's `--label`, else its country and years, else its file's name), text from a
report made safe for a spreadsheet, and a piece of evidence's citation as columns."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from checker.errors import printable
from checker.model import DocumentAudit, Evidence, Status
from checker.panel import ItemTally, most_missing
from checker.reporters.options import RenderOptions

__all__ = [
    "LOCATION_COLUMNS",
    "TALLY",
    "as_text",
    "is_formula",
    "location_cells",
    "most_missing_told",
    "report_names",
    "tally_cell",
    "tally_legend",
]

# What a spreadsheet reads as the start of a formula (= + - @), or may drop before one (tab, CR): a
# report's text is hostile, and "=HYPERLINK(...)" in a quote must stay a quote (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The heading of an item's tally across the reports: how many give it reported, partial, negative, missing.
TALLY = "R/P/N/M"

# A passage's citation, in the order the CSV and the spreadsheet's Evidence sheet give it.
LOCATION_COLUMNS = ("page", "line", "paragraph", "table", "row", "section")


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would take `text` for a formula."""
    return text.startswith(_FORMULA_STARTS)


def as_text(text: str) -> str:
    """`text` as a CSV cell that no spreadsheet runs: one a spreadsheet would take for a formula is
    marked text with a leading apostrophe, as spreadsheets write text themselves (OWASP's advice)."""
    return f"'{text}" if is_formula(text) else text


def location_cells(evidence: Evidence) -> tuple[int | str, ...]:
    """Where a passage starts, as `LOCATION_COLUMNS`: its page, line, Word paragraph, table and row
    (empty where the format has none) and the section it stands in."""
    start = evidence.start
    numbers = (start.page, start.line, start.paragraph, start.table, start.row)
    return (*("" if number is None else number for number in numbers), evidence.section or "")


def _name(audit: DocumentAudit) -> str:
    """A report's own name: its country and years when known, else its file's name."""
    if audit.metadata.country:
        years = f"{audit.years[0]}-{audit.years[-1]}" if len(audit.years) > 1 else "".join(audit.years)
        return f"{audit.metadata.country} {years}".strip()
    return PurePath(audit.source).stem


def report_names(audits: Sequence[DocumentAudit], options: RenderOptions) -> list[str]:
    """Each report's column heading, printable: the label the user gave it, else its own name;
    numbered where two reports would read the same."""
    labels = dict(options.labels)
    names = [printable(labels.get(audit.source) or _name(audit)) for audit in audits]
    repeated = {name for name in names if names.count(name) > 1}
    return [f"{name} ({number})" if name in repeated else name for number, name in enumerate(names, 1)]


def tally_cell(tally: ItemTally) -> str:
    """An item's tally across the reports, as `TALLY` orders it: ``2/0/1/0``."""
    return "/".join(str(tally.count(status)) for status in Status)


def tally_legend(reports: int) -> str:
    """What the tally column says, in one sentence."""
    return f"{TALLY}: how many of the {reports} reports give the item reported/partial/negative/missing."


def most_missing_told(tallies: Sequence[ItemTally], mark: str = "") -> str | None:
    """The items most reports leave missing, each with how many of how many (``policy.data (3 of 4)``),
    its id between `mark`s; None where every report answers every item."""
    missing = most_missing(tallies)
    if not missing:
        return None
    return ", ".join(
        f"{mark}{tally.item_id}{mark} ({tally.count(Status.MISSING)} of {tally.reports})" for tally in missing
    )
