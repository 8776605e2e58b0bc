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

from dataclasses import dataclass
from pathlib import Path

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
        for folder in (self.root, self.backups, self.quarantine, self.attachments):
            secure_folder(folder)

    def has_data(self) -> bool:
        """True while any copy of a checklist exists: then a new key must never be made."""
        return self.main.exists() or bool(list_backups(self.backups))

    def remove_stale_temp_files(self) -> None:
        """Temp files of saves that were interrupted (only call while holding the lock)."""
        for folder in (self.root, self.attachments, self.backups):
            if folder.is_dir():
                for path in folder.glob(f".*{TEMP_SUFFIX}"):
                    remove_quietly(path)
