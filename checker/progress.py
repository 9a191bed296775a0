"""A progress bar for a long batch, on stderr when it is a terminal; nothing at all otherwise, so that a
log or a pipe gets only the messages. Messages written while the bar shows are printed above it."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["Progress", "progress"]


class Progress:
    """Counts finished files; `stream` is where messages go meanwhile."""

    def __init__(self, stream: TextIO, advance: Callable[[], None] | None = None) -> None:
        self.stream = stream
        self._advance = advance

    def advance(self) -> None:
        """One more file done."""
        if self._advance is not None:
            self._advance()


class _AboveTheBar(io.TextIOBase):
    """A write-only text stream whose lines are printed above a live progress bar."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self._console = console

    def write(self, text: str) -> int:
        self._console.print(text, end="", markup=False, highlight=False, emoji=False, soft_wrap=True)
        return len(text)

    def flush(self) -> None:
        self._console.file.flush()


@contextmanager
def progress(stream: TextIO, total: int, *, label: str = "Auditing") -> Iterator[Progress]:
    """A progress bar over `total` files on `stream` if it is a terminal and there is more than one file."""
    if total < 2 or not stream.isatty():
        yield Progress(stream)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    console = Console(file=stream, stderr=True)
    with RichProgress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield Progress(cast(TextIO, _AboveTheBar(console)), lambda: bar.advance(task))
