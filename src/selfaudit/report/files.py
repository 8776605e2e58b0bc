"""Writing an exported file so that a crash leaves the old file or the new, never half of one, with
a message fit to show the person when it cannot be written."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from selfaudit.output_files import OutputRefusedError, check_target
from selfaudit.vault.atomic import (
    fsync_folder,
    remove_quietly,
    replace,
    replace_file,
    temp_path_for,
    write_new_file,
)


class ExportError(Exception):
    """The file could not be written; the message says which and why, fit to show the user."""


def problem(path: Path, exc: OSError) -> ExportError:
    folder = path.parent
    if isinstance(exc, FileNotFoundError) and not folder.is_dir():
        return ExportError(f"cannot write in {folder}: the folder does not exist")
    if isinstance(exc, PermissionError):
        return ExportError(f"cannot write in {folder}: you do not have permission to save there")
    return ExportError(f"cannot write {path}: {exc.strerror or exc}")


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """For writers that need a file name (the PDF writer): yields a temporary file beside
    `path` to write, made first by us so that it is the person's alone (0600) from its first
    byte; it replaces `path` when the block ends without an error."""
    _check(path)  # before the writer tries, and says less clearly
    temp = temp_path_for(path)
    try:
        write_new_file(temp, b"")
        yield temp
        _check(path)
        replace(temp, path)
        fsync_folder(path.parent)
    except OSError as exc:
        raise problem(path, exc) from None
    finally:
        remove_quietly(temp)


def _check(path: Path) -> None:
    try:
        check_target(path, ())
    except OutputRefusedError as exc:
        raise ExportError(str(exc)) from None


def write_bytes(path: Path, data: bytes) -> None:
    _check(path)
    try:
        replace_file(path, data)
    except OSError as exc:
        raise problem(path, exc) from None


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
