"""The public API is small and pinned; the package imports its heavy parts only when used."""

from __future__ import annotations

import subprocess
import sys

import checker

PUBLIC = [
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


def test_public_names_are_pinned() -> None:
    """The package exports exactly its documented names, and each resolves."""
    assert sorted(checker.__all__) == sorted(PUBLIC)
    assert all(getattr(checker, name) is not None for name in checker.__all__)


def test_audit_through_the_api() -> None:
    """The three calls of the README audit a report."""
    from tests.conftest import COMPILATION_SEED

    result = checker.audit(checker.read_file(str(COMPILATION_SEED)), checker.load_rules())
    assert result.findings[0].status is checker.Status.REPORTED


def test_import_is_lean() -> None:
    """Importing the package, or asking the version, loads neither rich nor jsonschema nor the rules."""
    code = "import sys, checker.cli; print(sorted(m for m in ('rich.table', 'jsonschema', 'checker.rules') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
