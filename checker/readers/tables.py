"""What the tables of Word documents and web pages share: a row "label | answer" is read as a heading below
every other (`model.LABEL_LEVEL`) and the text under it, and a first column that only numbers the rows
("1 | Question | Answer") is passed over, so that the question is the label, not the answer."""

from __future__ import annotations

import re

__all__ = ["numbers_the_row"]

_NUMBERING = re.compile(
    r"(?:no\.?|n[°o]\.?|#|q?\d{1,3}(?:\.\d{1,3})*[.)]?|[a-z][.)]|\(?[ivx]{1,5}[.)]?)?", re.IGNORECASE
)


def numbers_the_row(text: str) -> bool:
    """Whether a cell's text only numbers its row ("1", "2.", "a)", "iv", "Q3") or heads such a column
    ("No.", "#"), or is empty."""
    return _NUMBERING.fullmatch(" ".join(text.split())) is not None
