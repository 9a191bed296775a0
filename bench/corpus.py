"""Where the real texts by other authors are: outside the repository, in the workplace's shared corpus.

The texts are other authors' work, so the repository holds only our readings of them
(`fixtures/corpus/*.labels.yaml`). The texts stay in `../shared/corpus/` beside the repository, which
every working copy and CI have; `ILO_CHECK_CORPUS` names another folder. Where neither exists, the
benchmarks say so and the tests that need the texts are skipped with that reason.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "fixtures" / "corpus"
_DEFAULT = ROOT.parent / "shared" / "corpus"


def corpus_dir() -> Path:
    """The folder that holds the corpus texts: `ILO_CHECK_CORPUS`, else `../shared/corpus`."""
    named = os.environ.get("ILO_CHECK_CORPUS")
    return Path(named) if named else _DEFAULT


def absent_reason() -> str | None:
    """Why the corpus cannot be read here, or None when it can."""
    folder = corpus_dir()
    if not folder.is_dir():
        return f"the corpus of real texts is not at {folder} (set ILO_CHECK_CORPUS to its folder)"
    return None
