"""ilo-check: audit governments' reports to the ILO on the Protocol of 2014 to the Forced Labour
Convention (P029), item by item, with the evidence for every verdict.

    >>> import checker
    >>> pack = checker.load_rules()                     # the bundled P029 rule pack
    >>> document = checker.read_file("report.txt")
    >>> result = checker.audit(document, pack)
    >>> [(f.item_id, f.status.value) for f in result.findings][:2]

The public names are loaded on first use, so that ``ilo-check --version`` starts quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "AuditResult",
    "CheckerError",
    "Document",
    "DocumentAudit",
    "Evidence",
    "ExitCode",
    "Finding",
    "InputError",
    "Rule",
    "RuleError",
    "RulePack",
    "Status",
    "UsageError",
    "__version__",
    "audit",
    "load_rules",
    "read_file",
]

_PUBLIC = {
    "audit": "checker.engine",
    "load_rules": "checker.rules",
    "read_file": "checker.readers",
    "CheckerError": "checker.errors",
    "ExitCode": "checker.errors",
    "InputError": "checker.errors",
    "RuleError": "checker.errors",
    "UsageError": "checker.errors",
    "AuditResult": "checker.model",
    "Document": "checker.model",
    "DocumentAudit": "checker.model",
    "Evidence": "checker.model",
    "Finding": "checker.model",
    "Rule": "checker.model",
    "RulePack": "checker.model",
    "Status": "checker.model",
}

if TYPE_CHECKING:
    from checker.engine import audit
    from checker.errors import CheckerError, ExitCode, InputError, RuleError, UsageError
    from checker.model import AuditResult, Document, DocumentAudit, Evidence, Finding, Rule, RulePack, Status
    from checker.readers import read_file
    from checker.rules import load_rules


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
