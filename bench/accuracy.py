"""How right is the audit? Runs it over labelled documents and prints, per item and overall, the precision,
recall and F1 of detecting `reported` items, and the share of statuses right (per report year too, for
documents that tell years apart).

Label sets (see fixtures/LABELS.md for the format):
  seeds      the two real seed documents, read by two experts (tests/expected/)
  written    documents written in the styles of real reports by someone who did not see the rules
             (fixtures/labelled/)
  corpus     real texts by other authors, labelled before the rules were tuned on them (fixtures/corpus/);
             English ones are scored, others only checked for false `reported` findings

Usage:  python bench/accuracy.py [--set seeds|written|corpus] [--items] [--errors]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.engine import audit  # noqa: E402
from checker.model import Document, DocumentAudit, Status  # noqa: E402
from checker.readers import read  # noqa: E402
from checker.rules import load_rules  # noqa: E402

# The corpus files open with their provenance ("SOURCE: ...", "ABOUT: ..."): metadata of the fixture, not
# words of the report, and the labels never cite it. It is blanked, keeping every line's number.
_PROVENANCE = (b"SOURCE:", b"ABOUT:")


def read_labelled(path: Path) -> Document:
    """A labelled document as the tool would read it, without the fixture's provenance header."""
    lines = path.read_bytes().split(b"\n")
    for number, line in enumerate(lines):
        if not line.strip():
            break
        if line.startswith(_PROVENANCE):
            lines[number] = b""
    return read(str(path), b"\n".join(lines))


LABEL_SETS = {
    "seeds": (ROOT / "tests" / "expected", ROOT / "fixtures" / "seeds"),
    "written": (ROOT / "fixtures" / "labelled", ROOT / "fixtures" / "labelled"),
    "corpus": (ROOT / "fixtures" / "corpus", ROOT / "fixtures" / "corpus"),
}


@dataclass
class Tally:
    """Counts for one item (or all): detection of `reported`, and statuses right."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    right: int = 0
    total: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, expected: str, got: str) -> None:
        self.total += 1
        self.right += expected == got
        self.confusion[(expected, got)] += 1
        if got == "reported" and expected == "reported":
            self.true_positive += 1
        elif got == "reported":
            self.false_positive += 1
        elif expected == "reported":
            self.false_negative += 1

    @property
    def precision(self) -> float | None:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        relevant = self.true_positive + self.false_negative
        return self.true_positive / relevant if relevant else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None


def _figure(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


@dataclass(frozen=True)
class Labelled:
    """One labelled document: its file, its labels, and whether it is scored fully."""

    name: str
    path: Path
    labels: dict[str, dict[str, object]]
    years: list[str]
    english: bool


def labelled_documents(label_set: str) -> list[Labelled]:
    """Every labelled document of a set, in name order."""
    labels_dir, documents_dir = LABEL_SETS[label_set]
    found = []
    for labels_path in sorted(labels_dir.glob("*.labels.yaml")):
        data = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        document = documents_dir / data["document"]
        found.append(
            Labelled(
                data["document"],
                document,
                data["items"],
                [str(year) for year in data.get("years") or []],
                data.get("language", "en") == "en",
            )
        )
    return found


def compare(
    result: DocumentAudit, labelled: Labelled, items: dict[str, Tally], years: Tally, errors: list[str]
) -> None:
    """Add one document's verdicts against its labels to the tallies."""
    for finding in result.findings:
        label = labelled.labels[finding.item_id]
        expected, got = str(label["status"]), finding.status.value
        items.setdefault(finding.item_id, Tally()).add(expected, got)
        if expected != got:
            cited = finding.evidence[0] if finding.evidence else None
            because = f" ({cited.start.describe()}: {cited.reason})" if cited else ""
            errors.append(f"{labelled.name}: {finding.item_id}: expected {expected}, got {got}{because}")
        by_year = label.get("by_year")
        for year, status in (by_year if isinstance(by_year, dict) else {}).items():
            years.add(str(status), finding.by_year.get(str(year), Status.MISSING).value)


def run(label_set: str, show_items: bool, show_errors: bool) -> None:
    """Audit every document of a set and print the figures."""
    pack = load_rules()
    items: dict[str, Tally] = {}
    years = Tally()
    errors: list[str] = []
    foreign_false_reported: list[str] = []
    documents = labelled_documents(label_set)
    for labelled in documents:
        result = audit(read_labelled(labelled.path), pack)
        if labelled.english:
            compare(result, labelled, items, years, errors)
            continue
        for finding in result.findings:
            if finding.status is Status.REPORTED and labelled.labels[finding.item_id]["status"] != "reported":
                foreign_false_reported.append(f"{labelled.name}: {finding.item_id}")
    overall = Tally()
    for tally in items.values():
        overall.true_positive += tally.true_positive
        overall.false_positive += tally.false_positive
        overall.false_negative += tally.false_negative
        overall.right += tally.right
        overall.total += tally.total
        overall.confusion.update(tally.confusion)

    english = [labelled.name for labelled in documents if labelled.english]
    print(f"== {label_set}: {len(english)} documents scored, {overall.total} item verdicts")
    if show_items:
        print(f"{'item':36} {'prec':>5} {'rec':>5} {'F1':>5} {'right':>7}")
        for item_id, tally in items.items():
            figures = (_figure(tally.precision), _figure(tally.recall), _figure(tally.f1))
            print(
                f"{item_id:36} "
                + " ".join(f"{figure:>5}" for figure in figures)
                + f" {tally.right:>3}/{tally.total:<3}"
            )
    print(
        f"reported detection: precision {_figure(overall.precision)}  recall {_figure(overall.recall)}  "
        f"F1 {_figure(overall.f1)}   (TP {overall.true_positive}, FP {overall.false_positive}, "
        f"FN {overall.false_negative})"
    )
    print(f"statuses right: {overall.right}/{overall.total} = {_figure(overall.accuracy)}")
    if years.total:
        print(f"statuses right per report year: {years.right}/{years.total} = {_figure(years.accuracy)}")
    wrong = {pair: count for pair, count in overall.confusion.items() if pair[0] != pair[1]}
    if wrong:
        print(
            "confusions (expected -> got): "
            + ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(wrong.items()))
        )
    if len(english) < len(documents):
        others = len(documents) - len(english)
        print(
            f"other languages: {others} documents, false 'reported' findings: {len(foreign_false_reported)}"
        )
        for line in foreign_false_reported:
            print(f"  {line}")
    if show_errors:
        for line in errors:
            print(f"  {line}")


def main() -> None:
    """Parse arguments and run the chosen sets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=list(LABEL_SETS), action="append", help="label set(s); default: all")
    parser.add_argument("--items", action="store_true", help="print the figures of every item")
    parser.add_argument("--errors", action="store_true", help="print every wrong verdict")
    arguments = parser.parse_args()
    for label_set in arguments.set or list(LABEL_SETS):
        run(label_set, arguments.items, arguments.errors)
        print()


if __name__ == "__main__":
    main()
