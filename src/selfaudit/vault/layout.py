"""Where the vault's files live inside the data folder.

<data>/               0700
  .lock               held while the app (or a writing command) runs
  checklist.vault     0600  the encrypted checklist
  backups/            0700  previous versions (see backups.py)
  quarantine/         0700  damaged files moved aside, never deleted automatically
  attachments/        0700  encrypted write-once blobs (evidence screenshots)
  unlock-attempts.json 0600 how many passphrases in a row were wrong, and when (nothing secret)
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from selfaudit.bounded import kind_problem
from selfaudit.vault.atomic import TEMP_SUFFIX, remove_quietly, secure_folder
from selfaudit.vault.backups import list_backups

MAIN_NAME = "checklist.vault"


@dataclass(frozen=True)
class VaultLayout:
    root: Path

    @property
    def main(self) -> Path:
        return self.root / MAIN_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def lock(self) -> Path:
        return self.root / ".lock"

    @property
    def unlock_attempts(self) -> Path:
        return self.root / "unlock-attempts.json"

    def ensure(self) -> None:
        secure_folder(self.root)  # the data folder itself may be a link (to another disk)
        for folder in (self.backups, self.quarantine, self.attachments):
            secure_folder(folder, follow_link=False)

    def odd_files(self) -> list[tuple[Path, str]]:
        """What is in the data folder that selfaudit never keeps there (a symbolic link, a
        named pipe, a device, a socket), with what it is: such files are skipped, never opened
        or followed, and the commands say so."""
        found: list[tuple[Path, str]] = []
        for path in (self.main, self.lock):
            found += _odd(path, expect_folder=False)
        for folder in (self.backups, self.attachments, self.quarantine):
            odd = _odd(folder, expect_folder=True)
            found += odd
            if odd or not folder.is_dir():
                continue
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                found += _odd(Path(entry.path), expect_folder=False)
        return found

    def has_data(self) -> bool:
        """True while any copy of a checklist exists: then a new key must never be made."""
        return self.main.exists() or bool(list_backups(self.backups))

    def remove_stale_temp_files(self) -> None:
        """Temp files of saves that were interrupted (only call while holding the lock)."""
        for folder in (self.root, self.attachments, self.backups):
            if folder.is_dir():
                for path in folder.glob(f".*{TEMP_SUFFIX}"):
                    remove_quietly(path)


def _odd(path: Path, expect_folder: bool) -> list[tuple[Path, str]]:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return []
    if expect_folder and stat.S_ISDIR(mode):
        return []
    if stat.S_ISLNK(mode):
        return [(path, "is a symbolic link, which selfaudit never follows there")]
    problem = kind_problem(mode)
    return [(path, problem)] if problem is not None else []
