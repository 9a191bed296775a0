"""The public API is small and pinned; the package imports its heavy parts only when used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def test_auditing_a_text_report_reads_no_yaml(tmp_path: Path) -> None:
    """Once the rule pack is cached, auditing a text report (as JSON) imports neither PyYAML nor
    jsonschema nor rich: none of them is needed, and each costs start-up time."""
    from tests.conftest import COMPILATION_SEED

    code = (
        "import sys\n"
        "from checker.cli import main\n"
        f"sys.argv = ['ilo-check', 'audit', {str(COMPILATION_SEED)!r}, '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('yaml', 'jsonschema', 'rich') if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "ILO_CHECK_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first run builds the cached pack, which reads the rules' YAML
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=tmp_path
        )
    assert done.stderr.strip() == "[]"
    assert json.loads(done.stdout)["reports"][0]["items"]
