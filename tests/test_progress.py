"""The progress bar: shown on a terminal for a batch, never in a pipe or a log, messages kept whole."""

from __future__ import annotations

import io

from checker.progress import progress


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    """In a pipe or a log, messages go straight to the stream and nothing else is written."""
    stream = io.StringIO()
    with progress(stream, 10) as bar:
        bar.stream.write("ilo-check: warning: a.txt: the submission has no text\n")
        for _ in range(10):
            bar.advance()
    assert stream.getvalue() == "ilo-check: warning: a.txt: the submission has no text\n"


def test_no_bar_for_a_single_file() -> None:
    """One file needs no bar, even on a terminal."""
    stream = _Terminal()
    with progress(stream, 1) as bar:
        bar.advance()
    assert stream.getvalue() == ""


def test_on_a_terminal_messages_stand_above_a_bar_that_goes_away() -> None:
    """On a terminal the bar counts files; a message printed meanwhile is kept whole, and the bar is
    cleared at the end."""
    stream = _Terminal()
    with progress(stream, 3) as bar:
        bar.stream.write("ilo-check: error: b.pdf: no text layer\n")
        for _ in range(3):
            bar.advance()
    text = stream.getvalue()
    assert "ilo-check: error: b.pdf: no text layer\n" in text
    assert "3/3" in text  # the bar's count, drawn before it was cleared
