"""The previous versions of the vault file: names, and which ones to keep.

Before each save the file about to be replaced is hard-linked into `backups/` (no copy: the
rename gives the main file a new inode, the link keeps the old bytes). Kept: the last 10 saves,
the newest of each day for 30 days, and every pre-migration copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path

KEEP_LAST = 10
KEEP_DAYS = 30
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_NAME = re.compile(
    r"^(?P<kind>checklist|pre-migration-v(?P<schema>\d+))-(?P<gen>\d{10})-(?P<stamp>[0-9T.]+Z)\.vault$"
)


class BackupKind(Enum):
    SAVE = "checklist"
    PRE_MIGRATION = "pre-migration"


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: BackupKind
    generation: int
    saved_at: datetime


def backup_name(generation: int, saved_at: datetime, pre_migration_from: int | None = None) -> str:
    stamp = saved_at.astimezone(UTC).strftime(_STAMP)
    prefix = "checklist" if pre_migration_from is None else f"pre-migration-v{pre_migration_from}"
    return f"{prefix}-{generation:010d}-{stamp}.vault"


def parse_backup(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        saved_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    kind = BackupKind.PRE_MIGRATION if match["schema"] else BackupKind.SAVE
    return Backup(path, kind, int(match["gen"]), saved_at)


def list_backups(folder: Path) -> list[Backup]:
    """Newest first."""
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if (b := parse_backup(p)) is not None]
    return sorted(found, key=lambda b: (b.saved_at, b.generation), reverse=True)


def backups_to_delete(
    backups: list[Backup], now: datetime, keep_last: int = KEEP_LAST, keep_days: int = KEEP_DAYS
) -> list[Backup]:
    """The backups the rotation may delete: not among the newest `keep_last` saves, not the
    newest of its day within `keep_days`, and never a pre-migration copy."""
    saves = sorted(
        (b for b in backups if b.kind is BackupKind.SAVE),
        key=lambda b: (b.saved_at, b.generation),
        reverse=True,
    )
    keep = {b.path for b in saves[:keep_last]}
    cutoff = now - timedelta(days=keep_days)
    newest_of_day: dict[object, Backup] = {}
    for backup in saves:
        if backup.saved_at >= cutoff:
            newest_of_day.setdefault(backup.saved_at.date(), backup)
    keep |= {b.path for b in newest_of_day.values()}
    return [b for b in saves if b.path not in keep]
