"""Where a command or the app may save a file the person names (`-o FILE`): checked before any
work is done, and again just before the file is put in place.

- the name's ending must fit what is written (a PDF is saved as .pdf, never under .html);
- what is already there must be a regular file, which is then replaced whole: a symbolic link,
  a device, a named pipe or a folder at that name is refused, never replaced or written through;
- the folder must exist.

Every file saved is the person's alone (0600): `vault.atomic.write_new_file` creates it so.
"""

from __future__ import annotations

import stat
from pathlib import Path

from selfaudit.bounded import kind_problem


class OutputRefusedError(Exception):
    """A file cannot be saved at that name; the message says why, fit to show the person."""


def check_target(path: Path, suffixes: tuple[str, ...], what: str = "this file") -> None:
    """Raises OutputRefusedError unless `path` ends with one of `suffixes` (lower case, with
    the dot), is not something other than a regular file, and is in a folder that exists."""
    suffix = path.suffix.lower()
    if suffixes and suffix not in suffixes:
        endings = (
            f"the ending {suffixes[0]}"
            if len(suffixes) == 1
            else f"one of the endings {', '.join(suffixes[:-1])} or {suffixes[-1]}"
        )
        raise OutputRefusedError(
            f"{path}: {what} is saved with {endings}, not "
            f"{suffix or 'a name with no ending'}. Give the file name that ending."
        )
    try:
        found = path.lstat()
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise OutputRefusedError(f"cannot save {path}: {exc.strerror or exc}") from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        problem = kind_problem(found.st_mode) or "is not a regular file"
        if stat.S_ISLNK(found.st_mode):
            problem = "is a symbolic link"
        raise OutputRefusedError(
            f"{path} {problem}; selfaudit saves only over a file it can replace whole. "
            "Choose another name."
        )
    folder = path.parent
    if not folder.is_dir():
        raise OutputRefusedError(f"cannot write in {folder}: the folder does not exist")
