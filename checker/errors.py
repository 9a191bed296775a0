"""Everything that can go wrong, as one small exception tree, and the exit codes that go with it.

    CheckerError            a problem the user can fix; prints as one line, ``FILE:LINE:COL: message (hint)``
    ├── UsageError          bad options or arguments
    ├── InputError          a report that cannot be read; in a batch it is a *result*, the others still run
    └── RuleError           a broken rule pack; always fatal, nothing is audited with it
    Terminated              the process was told to stop (SIGTERM); not an error, so not an Exception

Every error carries where it happened as far as it is known (file, line, column, page), so the one line
on stderr is enough to find and fix it. Nothing here prints; only the CLI turns an error into output.
"""

from __future__ import annotations

import enum
import unicodedata


class ExitCode(enum.IntEnum):
    """The process exit codes, one place for all of them."""

    OK = 0
    GATE_FAILED = 1
    ERROR = 2
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports it
    TERMINATED = 143  # 128 + SIGTERM


class CheckerError(Exception):
    """A problem the user can fix, told in one line."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        page: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.page = page
        self.hint = hint

    @property
    def where(self) -> str:
        """``FILE:LINE:COL`` (or ``FILE: page N``) as far as the place is known; empty when it is not."""
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        where = ":".join(parts)
        if self.page is not None:
            where += f": page {self.page}"
        return where

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(CheckerError):
    """The command line asks for something that cannot be done."""


class InputError(CheckerError):
    """A submission that cannot be read: missing, unreadable, malformed or of an unknown format."""


class RuleError(CheckerError):
    """A rule pack that is broken: invalid YAML, unknown keys, bad patterns, duplicate or dangling ids."""


class Terminated(BaseException):
    """The process was told to stop (SIGTERM: `kill`, `timeout`, a cancelled CI job). Like Ctrl-C's
    KeyboardInterrupt it unwinds the stack, so that workers are stopped and no temporary file is left,
    and no `except Exception` stops it."""


def one_line(error: BaseException) -> str:
    """What a library's exception says, on one line; its type's name when it says nothing."""
    return " ".join(str(error).split()) or type(error).__name__


def internal_error(error: Exception) -> str:
    """A surprise (a bug of ours) told in one line, as the user should report it."""
    told = " ".join(str(error).split())
    return (
        f"internal error: {type(error).__name__}{': ' + told if told else ''} "
        "(please report it; ILO_CHECK_DEBUG=1 shows the traceback)"
    )


# The bidirectional embeddings, overrides and isolates, which reorder how the text around them reads
# ("Trojan Source"): as the inside of a character class ([...]). A report's text has them read as spaces
# (`checker.readers`); a rule pack may not hold them (`checker.rules`).
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"

# Control and format characters (an escape sequence, a right-to-left override), line and paragraph
# separators: a file name may hold any of them, and printed raw they would break the one line or
# drive the terminal.
_UNPRINTABLE = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def printable(text: str) -> str:
    """`text` safe to print as (part of) one line: unprintable characters escaped as Python writes them."""
    return "".join(repr(char)[1:-1] if unicodedata.category(char) in _UNPRINTABLE else char for char in text)
