"""Real texts by other authors (fixtures/corpus) and the labelled documents (fixtures/labelled) are read
without error; on texts in other languages no item is wrongly reported; on the English texts the rules
stay at least as right as the issue's bar (statuses right >= 0.90, F1 of reported detection >= 0.90).
The figures themselves are printed by bench/accuracy.py."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from checker.engine import audit
from checker.model import RulePack, Status
from tests.conftest import ROOT


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while they are built
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
DOCUMENTS = [
    labelled for label_set in ("corpus", "written") for labelled in BENCH.labelled_documents(label_set)
]


@pytest.mark.parametrize("labelled", DOCUMENTS, ids=lambda labelled: labelled.name)
def test_read_without_error(pack: RulePack, labelled: object) -> None:
    """Every labelled document reads and audits, every item with a verdict."""
    result = audit(BENCH.read_labelled(labelled.path), pack)  # type: ignore[attr-defined]
    assert len(result.findings) == len(pack.rules)


@pytest.mark.parametrize(
    "labelled", [d for d in DOCUMENTS if not d.english], ids=lambda labelled: labelled.name
)
def test_no_false_reported_in_other_languages(pack: RulePack, labelled: object) -> None:
    """In a French or Spanish text, no item is reported that the expert reading does not report."""
    result = audit(BENCH.read_labelled(labelled.path), pack)  # type: ignore[attr-defined]
    wrong = [
        finding.item_id
        for finding in result.findings
        if finding.status is Status.REPORTED and labelled.labels[finding.item_id]["status"] != "reported"  # type: ignore[attr-defined]
    ]
    assert wrong == []


def test_english_corpus_accuracy_floor(pack: RulePack) -> None:
    """On the English real texts, at least 90% of statuses are right and reported detection F1 is >= 0.90."""
    items: dict[str, object] = {}
    years = BENCH.Tally()
    for labelled in BENCH.labelled_documents("corpus"):
        if labelled.english:
            BENCH.compare(audit(BENCH.read_labelled(labelled.path), pack), labelled, items, years, [])
    right = sum(tally.right for tally in items.values())  # type: ignore[attr-defined]
    total = sum(tally.total for tally in items.values())  # type: ignore[attr-defined]
    found = sum(tally.true_positive + tally.false_positive for tally in items.values())  # type: ignore[attr-defined]
    relevant = sum(tally.true_positive + tally.false_negative for tally in items.values())  # type: ignore[attr-defined]
    hits = sum(tally.true_positive for tally in items.values())  # type: ignore[attr-defined]
    f1 = 2 * hits / (found + relevant)
    assert right / total >= 0.90 and f1 >= 0.90, (right, total, f1)
