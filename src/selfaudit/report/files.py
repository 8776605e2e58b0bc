"""Writing an exported file so that a crash leaves the old file or the new, never half of one, with
a message fit to show the person when it cannot be written. Only over a regular file: a link, a
device or a pipe at that name is refused (`output_files.check_target`), and the file is the
person's alone (0600)."""

from __future__ import annotations

from pathlib import Path

from selfaudit.output_files import OutputRefusedError, check_target
from selfaudit.vault.atomic import replace_file


class ExportError(Exception):
    """The file could not be written; the message says which and why, fit to show the user."""


def problem(path: Path, exc: OSError) -> ExportError:
    folder = path.parent
    if isinstance(exc, FileNotFoundError) and not folder.is_dir():
        return ExportError(f"cannot write in {folder}: the folder does not exist")
    if isinstance(exc, PermissionError):
        return ExportError(f"cannot write in {folder}: you do not have permission to save there")
    return ExportError(f"cannot write {path}: {exc.strerror or exc}")


def write_bytes(path: Path, data: bytes) -> None:
    try:  # checked again just before: what is there may have changed since the command began
        check_target(path, ())
    except OutputRefusedError as exc:
        raise ExportError(str(exc)) from None
    try:
        replace_file(path, data)
    except OSError as exc:
        raise problem(path, exc) from None


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
