"""How a report moved between two audits, as JSON following ``schemas/diff.schema.json``: the two reports,
whether anything fell, every score before and after, and each item that changed, with its statuses and
the evidence that appeared and disappeared (cited as the audit's JSON cites it).

Keys come in a fixed order and numbers in a fixed form, so that the same comparison gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.comparison import AuditComparison, ItemComparison, ScoreMove, StatusMove
from checker.model import DocumentAudit, RulePack
from checker.reporters.json_report import _evidence  # one citation of a passage, in both JSON outputs
from checker.reporters.options import RenderOptions

__all__ = ["SCHEMA_VERSION", "render", "to_data"]

SCHEMA_VERSION = 1


def _report(audit: DocumentAudit) -> dict[str, Any]:
    return {
        "source": audit.source,
        "path": audit.identity.path,
        "sha256": audit.identity.sha256,
        "kind": audit.kind.value,
        "country": audit.metadata.country,
        "years": list(audit.years),
        "language": audit.language,
    }


def _score(move: ScoreMove) -> dict[str, Any]:
    return {"before": move.before, "after": move.after}


def _status(move: StatusMove) -> dict[str, str]:
    return {"before": move.before.value, "after": move.after.value}


def _item(item: ItemComparison) -> dict[str, Any]:
    return {
        "id": item.item_id,
        "area": item.area,
        "status": _status(item.status),
        "regressed": item.regressed,
        "by_year": [{"year": move.subject, **_status(move)} for move in item.by_year],
        "appeared": [_evidence(passage) for passage in item.appeared],
        "disappeared": [_evidence(passage) for passage in item.disappeared],
    }


def to_data(comparison: AuditComparison, pack: RulePack) -> dict[str, Any]:
    """The comparison as plain data, in the shape of the diff schema."""
    labels = pack.area_labels
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ilo-check", "version": __version__},
        "rules": {"pack": pack.name, "version": pack.version},
        "before": _report(comparison.before),
        "after": _report(comparison.after),
        "regressed": bool(comparison.regressions),
        "score": _score(comparison.score),
        "completeness": _score(comparison.completeness),
        "areas": [
            {"id": move.subject, "label": labels.get(move.subject, move.subject), **_score(move)}
            for move in comparison.areas
        ],
        "years": [{"year": move.subject, **_score(move)} for move in comparison.years],
        "items": [_item(item) for item in comparison.changed_items],
        "unchanged": len(comparison.items) - len(comparison.changed_items),
    }


def render(comparison: AuditComparison, pack: RulePack, options: RenderOptions) -> str:
    """The comparison as indented JSON, one trailing newline; no display option applies."""
    return json.dumps(to_data(comparison, pack), indent=2, ensure_ascii=False) + "\n"
