"""Writing an exported file so that a crash leaves the old file or the new, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


class ExportError(Exception):
    """The file could not be written; the message says which and why, fit to show the user."""


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yields a temporary file beside `path` to write; it replaces `path` when the block ends
    without an error, and is removed otherwise."""
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=".selfaudit-", suffix=path.suffix, dir=path.parent
        )
    except OSError as exc:
        raise ExportError(f"cannot write in {path.parent}: {exc.strerror or exc}") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        temp.replace(path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_text_atomic(path: Path, text: str) -> None:
    with replacing(path) as temp:
        temp.write_text(text, encoding="utf-8", newline="\n")
