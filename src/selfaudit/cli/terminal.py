"""What a command prints goes through here: text from outside (a friend's name, a sender, an
organisation, a file name) can carry escape sequences that retitle or clear the terminal, a
carriage return that writes over a line, or U+202E that turns the rest of the line round. Every
write to standard output and standard error has those shown as visible \\uXXXX escapes
(`safe_text.for_terminal`), so no command has to remember to; JSON stays valid JSON.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

from selfaudit.safe_text import for_terminal


class SafeTextStream(io.TextIOBase):
    """A text stream that escapes what it is given, then writes it to `inner`."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(for_terminal(text))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", "utf-8")


def _safe(stream: TextIO | None) -> TextIO | None:
    if stream is None or isinstance(stream, SafeTextStream):
        return stream
    with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
        # a console that cannot show a character shows its escape rather than failing
        stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
    return SafeTextStream(stream)  # type: ignore[return-value]


@contextlib.contextmanager
def safe_streams() -> Iterator[None]:
    """Standard output and error escape what they print while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _safe(sys.stdout), _safe(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def silence_stdout() -> None:
    """After a broken pipe (`selfaudit checks | head -1`): whatever is still buffered goes
    nowhere, so Python does not complain about it on the way out."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def typed_at_prompt(ask: Callable[[], str]) -> str | None:
    """What was typed at a prompt (`getpass`, `input`), or None when the person ended it with
    Ctrl-D (Ctrl-Z on Windows): the caller says in one line that nothing was typed. The prompt's
    line is left open then, so the line break the Enter key would have given is written."""
    try:
        return ask()
    except EOFError:
        if sys.stderr is not None and sys.stderr.isatty():
            print(file=sys.stderr)
        return None
