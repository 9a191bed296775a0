"""The one-line messages: where an error is, a bug of ours told as one line, and text made safe to print."""

from __future__ import annotations

import pytest

from checker.errors import InputError, internal_error, printable


def test_an_error_names_its_place_and_hint() -> None:
    """FILE:LINE:COL, or FILE: page N, then the message and the hint."""
    assert (
        str(InputError("bad", path="a.yaml", line=3, column=5, hint="fix it")) == "a.yaml:3:5: bad (fix it)"
    )
    assert str(InputError("no text", path="r.pdf", page=4)) == "r.pdf: page 4: no text"
    assert str(InputError("bad")) == "bad"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("report.txt", "report.txt", id="plain"),
        pytest.param("bad\nname.txt", "bad\\nname.txt", id="line break"),
        pytest.param("\x1b[31mred.txt", "\\x1b[31mred.txt", id="escape sequence"),
        pytest.param("rtl\u202etxt.md", "rtl\\u202etxt.md", id="right-to-left override"),
        pytest.param("a\u2028b", "a\\u2028b", id="line separator"),
        pytest.param(
            "Côte d'Ivoire\u00a02019 — rapport", "Côte d'Ivoire\u00a02019 — rapport", id="letters kept"
        ),
    ],
)
def test_printable_escapes_what_would_break_the_line_or_drive_the_terminal(text: str, shown: str) -> None:
    """A file name may hold any character: control and format characters are escaped, letters kept."""
    assert printable(text) == shown


def test_an_internal_error_is_one_line() -> None:
    """A surprise's message is joined onto one line, with how to see the traceback."""
    told = internal_error(ValueError("first\n  second"))
    assert (
        told
        == "internal error: ValueError: first second (please report it; ILO_CHECK_DEBUG=1 shows the traceback)"
    )
    assert internal_error(ValueError()) == (
        "internal error: ValueError (please report it; ILO_CHECK_DEBUG=1 shows the traceback)"
    )
