"""Whether the checklist file is still the one we last read or wrote, so a save never overwrites
changes made by someone else (another copy of the app, a restore, a sync tool)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from selfaudit.vault.atomic import read_file


@dataclass(frozen=True)
class FileFingerprint:
    """What the file on disk was when we last read or wrote it (KeePassXC's guard against
    saving over changes made by someone else). Same size, inode and time: unchanged, without
    reading it; otherwise the content hash decides."""

    size: int
    sha256: bytes
    inode: int = -1
    mtime_ns: int = -1

    @classmethod
    def of_bytes(cls, data: bytes, path: Path | None = None) -> FileFingerprint:
        digest = hashlib.sha256(data).digest()
        if path is None:
            return cls(len(data), digest)
        stat = path.stat()
        return cls(len(data), digest, stat.st_ino, stat.st_mtime_ns)

    @classmethod
    def of(cls, path: Path) -> FileFingerprint | None:
        try:
            return cls.of_bytes(read_file(path), path)
        except FileNotFoundError:
            return None

    @classmethod
    def matches(cls, path: Path, expected: FileFingerprint | None) -> bool:
        """A vanished file is fine to write (nothing is overwritten); a new or different one is
        not."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return True
        if expected is None or stat.st_size != expected.size:
            return False
        if (stat.st_ino, stat.st_mtime_ns) == (expected.inode, expected.mtime_ns):
            return True
        current = cls.of(path)
        return current is not None and current.sha256 == expected.sha256
