"""How right is the audit? Runs it over labelled documents and prints, per set and per language, the share
of statuses right and the precision, recall and F1 of detecting `reported` items (per report year too, for
documents that tell years apart), and how many items came out `reported` on texts whose vocabulary means
something else (drug, arms or wildlife trafficking, road traffic, domestic violence).

Label sets (see fixtures/LABELS.md for the format and the split):
  seeds             the two real seed documents, read by two experts (tests/expected/)
  written           documents written in the styles of real reports by someone who did not see the rules
                    (fixtures/labelled/)
  corpus-tuned      real texts by other authors (../shared/corpus/, labels in fixtures/corpus/), labelled
                    before the rules were tuned on them: the two thirds the rules may be tuned on
  corpus-untouched  the other third: read and labelled, never tuned on; its figures are the honest estimate
                    of how the rules fare on reports nobody tuned them on

  paraphrases       single sentences that say each item's measure the many ways real reports say it (and
                    its near misses), written by experts who did not see the rules (fixtures/paraphrases/):
                    each judged as a sentence of a report on forced labour, for the item it was written for;
                    every other sentence of an item with a given status, to widen the rules on
  paraphrases-check the other sentences, never tuned on: how far a widened rule carries

Usage:  python bench/accuracy.py [--set NAME]... [--items] [--errors] [--language en|fr|es]
`--errors` lists the wrong verdicts of the sets it is given; of the untouched set only when that set is
named alone, so that nobody tunes on it by accident. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import LABELS, absent_reason, corpus_dir  # noqa: E402
from checker.engine import audit  # noqa: E402
from checker.examples import run_example  # noqa: E402
from checker.model import Document, DocumentAudit, Example, ExampleContext, RulePack, Status  # noqa: E402
from checker.readers import read  # noqa: E402
from checker.rules import load_rules  # noqa: E402

# The corpus files open with their provenance ("SOURCE: ...", "NOTE: ..."): metadata of the fixture, not
# words of the report, and the labels never cite it. It is blanked, keeping every line's number.
_PROVENANCE = (b"SOURCE:", b"ABOUT:", b"NOTE:")
LANGUAGES = ("en", "fr", "es")
UNTOUCHED = "corpus-untouched"


def read_labelled(path: Path) -> Document:
    """A labelled document as the tool would read it, without the fixture's provenance header."""
    lines = path.read_bytes().split(b"\n")
    for number, line in enumerate(lines):
        if not line.strip():
            break
        if line.startswith(_PROVENANCE):
            lines[number] = b""
    return read(str(path), b"\n".join(lines))


@dataclass(frozen=True)
class LabelSet:
    """Labelled documents read from one folder of labels; those of the corpus only of one split."""

    labels: Path
    documents: Path | None  # None: the shared corpus folder, wherever it is
    split: str | None = None

    def folder(self) -> Path:
        """Where this set's documents are."""
        return self.documents if self.documents is not None else corpus_dir()


LABEL_SETS = {
    "seeds": LabelSet(ROOT / "tests" / "expected", ROOT / "fixtures" / "seeds"),
    "written": LabelSet(ROOT / "fixtures" / "labelled", ROOT / "fixtures" / "labelled"),
    "corpus-tuned": LabelSet(LABELS, None, "tuned"),
    UNTOUCHED: LabelSet(LABELS, None, "untouched"),
}


@dataclass
class Tally:
    """Counts for one item, language or set: detection of `reported`, and statuses right."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    right: int = 0
    total: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, expected: str, got: str) -> None:
        """Count one verdict against its label."""
        self.total += 1
        self.right += expected == got
        self.confusion[(expected, got)] += 1
        if got == "reported" and expected == "reported":
            self.true_positive += 1
        elif got == "reported":
            self.false_positive += 1
        elif expected == "reported":
            self.false_negative += 1

    def merge(self, others: Iterable[Tally]) -> Tally:
        """This tally with the counts of `others` added."""
        for other in others:
            self.true_positive += other.true_positive
            self.false_positive += other.false_positive
            self.false_negative += other.false_negative
            self.right += other.right
            self.total += other.total
            self.confusion.update(other.confusion)
        return self

    @property
    def precision(self) -> float | None:
        """Share of the items found `reported` that are."""
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        """Share of the `reported` items that were found."""
        relevant = self.true_positive + self.false_negative
        return self.true_positive / relevant if relevant else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float | None:
        """Share of statuses right."""
        return self.right / self.total if self.total else None


def _figure(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


@dataclass(frozen=True)
class Labelled:
    """One labelled document: its file, its labels, its language, and whether its words mean something
    else (a text about drug or wildlife trafficking, say)."""

    name: str
    path: Path
    labels: dict[str, dict[str, object]]
    years: list[str]
    language: str
    other_sense: bool = False

    @property
    def english(self) -> bool:
        """Whether the document is in English."""
        return self.language == "en"


def labelled_documents(label_set: str) -> list[Labelled]:
    """Every labelled document of a set, in name order."""
    chosen = LABEL_SETS[label_set]
    found = []
    for labels_path in sorted(chosen.labels.glob("*.labels.yaml")):
        data = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        if chosen.split is not None and data.get("split") != chosen.split:
            continue
        found.append(
            Labelled(
                data["document"],
                chosen.folder() / data["document"],
                data["items"],
                [str(year) for year in data.get("years") or []],
                data.get("language", "en"),
                bool(data.get("other_sense", False)),
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


@dataclass
class SetFigures:
    """What one set's documents showed, per language."""

    documents: Counter[str] = field(default_factory=Counter)
    items: dict[str, dict[str, Tally]] = field(default_factory=dict)  # language -> item -> tally
    years: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)
    other_sense: list[str] = field(default_factory=list)  # the other-sense texts
    other_sense_reported: list[str] = field(default_factory=list)  # "file: item" wrongly reported there

    def language(self, language: str | None) -> Tally:
        """The tally of one language, or of all of them."""
        chosen = [language] if language else list(self.items)
        return Tally().merge(tally for code in chosen for tally in self.items.get(code, {}).values())


def measure(label_set: str, pack: RulePack, languages: Iterable[str] = LANGUAGES) -> SetFigures:
    """Audit every document of a set in `languages` and tally its verdicts against their labels."""
    figures = SetFigures()
    for labelled in labelled_documents(label_set):
        if labelled.language not in languages:
            continue
        result = audit(read_labelled(labelled.path), pack)
        figures.documents[labelled.language] += 1
        compare(
            result, labelled, figures.items.setdefault(labelled.language, {}), figures.years, figures.errors
        )
        if labelled.other_sense:
            figures.other_sense.append(labelled.name)
            figures.other_sense_reported += [
                f"{labelled.name}: {finding.item_id}"
                for finding in result.findings
                if finding.status is Status.REPORTED
            ]
    return figures


PARAPHRASES = ROOT / "fixtures" / "paraphrases"
PARAPHRASE_SETS = {"paraphrases": 0, "paraphrases-check": 1}  # the half each set is


@dataclass(frozen=True)
class Paraphrase:
    """One sentence written for one item, with the status an expert gives it."""

    item: str
    expect: str
    text: str
    style: str


def paraphrases(half: int) -> list[Paraphrase]:
    """The paraphrases of one half (0: to tune on, 1: to check on): every other sentence written for an
    item with a given status, file by file."""
    found = []
    seen: Counter[tuple[str, str]] = Counter()
    for path in sorted(PARAPHRASES.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            kind = (entry["item"], entry["expect"])
            if seen[kind] % 2 == half:
                found.append(
                    Paraphrase(entry["item"], entry["expect"], entry["text"], entry.get("style", ""))
                )
            seen[kind] += 1
    return found


def measure_paraphrases(pack: RulePack, half: int) -> SetFigures:
    """Judge every paraphrase of a half as a sentence of a report on forced labour, for its own item."""
    figures = SetFigures()
    items = figures.items.setdefault("en", {})
    for sentence in paraphrases(half):
        expect = Status(sentence.expect)
        example = Example(sentence.text, expect, ExampleContext.NARRATIVE, None, "paraphrase")
        got = run_example(pack, pack.rule(sentence.item), example).finding.status.value
        items.setdefault(sentence.item, Tally()).add(sentence.expect, got)
        figures.documents["en"] += 1
        if got != sentence.expect:
            figures.errors.append(f"{sentence.item}: expected {sentence.expect}, got {got}: {sentence.text}")
    return figures


def _row(name: str, documents: int, tally: Tally) -> str:
    accuracy = f"{tally.right}/{tally.total} = {_figure(tally.accuracy)}"
    counts = f"({tally.true_positive}, {tally.false_positive}, {tally.false_negative})"
    return (
        f"{name:8} {documents:>4}  {accuracy:>17}   {_figure(tally.precision):>5} {_figure(tally.recall):>5} "
        f"{_figure(tally.f1):>5}  {counts}"
    )


def report(label_set: str, figures: SetFigures, show_items: bool, show_errors: bool) -> None:
    """Print one set's figures."""
    total = sum(figures.documents.values())
    print(f"== {label_set}: {total} documents")
    print(
        f"{'language':8} {'docs':>4}  {'statuses right':>17}   {'prec':>5} {'rec':>5} {'F1':>5}  (TP, FP, FN)"
    )
    for language in [code for code in LANGUAGES if figures.documents[code]]:
        print(_row(language, figures.documents[language], figures.language(language)))
    overall = figures.language(None)
    if len(figures.items) > 1:
        print(_row("all", total, overall))
    if figures.years.total:
        print(f"statuses right per report year: {figures.years.right}/{figures.years.total}")
    if figures.other_sense:
        wrong = figures.other_sense_reported
        print(
            f"texts whose words mean something else: {len(figures.other_sense)}, "
            f"items reported on them: {len(wrong)}"
        )
        for line in wrong:
            print(f"  {line}")
    wrong_pairs = {pair: count for pair, count in overall.confusion.items() if pair[0] != pair[1]}
    if wrong_pairs:
        print(
            "confusions (expected -> got): "
            + ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(wrong_pairs.items()))
        )
    if show_items:
        print(f"{'item':36} {'prec':>5} {'rec':>5} {'F1':>5} {'right':>7}")
        every: dict[str, Tally] = {}
        for tallies in figures.items.values():
            for item_id, tally in tallies.items():
                every.setdefault(item_id, Tally()).merge([tally])
        for item_id, tally in every.items():
            shown = (_figure(tally.precision), _figure(tally.recall), _figure(tally.f1))
            print(
                f"{item_id:36} "
                + " ".join(f"{part:>5}" for part in shown)
                + f" {tally.right:>3}/{tally.total:<3}"
            )
    if show_errors:
        for line in figures.errors:
            print(f"  {line}")


def main() -> None:
    """Parse arguments and run the chosen sets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sets = [*LABEL_SETS, *PARAPHRASE_SETS]
    parser.add_argument("--set", choices=sets, action="append", help="label set(s); default: all")
    parser.add_argument("--language", choices=LANGUAGES, action="append", help="language(s); default: all")
    parser.add_argument("--items", action="store_true", help="print the figures of every item")
    parser.add_argument("--errors", action="store_true", help="print every wrong verdict")
    arguments = parser.parse_args()
    chosen = arguments.set or sets
    pack = load_rules()
    for label_set in chosen:
        if label_set in PARAPHRASE_SETS:
            errors = arguments.errors and (label_set == "paraphrases" or chosen == [label_set])
            report(label_set, measure_paraphrases(pack, PARAPHRASE_SETS[label_set]), arguments.items, errors)
            print()
            continue
        if LABEL_SETS[label_set].documents is None and (reason := absent_reason()) is not None:
            print(f"== {label_set}: not measured: {reason}\n")
            continue
        figures = measure(label_set, pack, arguments.language or LANGUAGES)
        # The untouched split's errors are shown only when asked for by name, alone: tuning on them
        # would spoil the one honest estimate there is.
        errors = arguments.errors and (label_set != UNTOUCHED or chosen == [UNTOUCHED])
        report(label_set, figures, arguments.items, errors)
        print()


if __name__ == "__main__":
    main()
