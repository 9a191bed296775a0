"""Shared fixtures: the bundled rule pack (loaded once), the repository's paths, and the seed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import RulePack
from checker.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
EXPECTED = Path(__file__).resolve().parent / "expected"
COMPILATION_SEED = SEEDS / "004_9801fec608b1c05e.txt"
NARRATIVE_SEED = SEEDS / "000_527e425593d6808e.txt"


@pytest.fixture(scope="session")
def pack() -> RulePack:
    """The bundled P029 rule pack."""
    return load_rules()
