"""The whole friend check, the same for the command line and the app: read every export, then
match. An export that cannot be read is reported and the others are still checked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from selfaudit.measures.friends.matcher import find_matches
from selfaudit.measures.friends.model import (
    CheckResult,
    Connection,
    ExportError,
    ExportScan,
    Monitor,
    ServiceUser,
)
from selfaudit.measures.friends.reader import read_export

READING_SHARE = 0.6  # of the progress bar, for reading the exports; the rest is matching


def scanned_counts(scans: Sequence[ExportScan]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for scan in scans:
        for platform, count in scan.counts().items():
            counts[platform] = counts.get(platform, 0) + count
    return counts


def read_exports(
    exports: Sequence[Path | ExportScan], monitor: Monitor | None = None
) -> tuple[list[ExportScan], list[ExportError]]:
    """Reads each export (an ExportScan is one read already, or a pasted list)."""
    monitor = monitor or Monitor()
    scans: list[ExportScan] = []
    errors: list[ExportError] = []
    sizes = [_size(e) for e in exports]
    total = sum(sizes) or 1
    done = 0
    for export, size in zip(exports, sizes, strict=True):
        part = monitor.part(done / total, (done + size) / total)
        done += size
        if isinstance(export, ExportScan):
            scans.append(export)
            continue
        try:
            scans.append(read_export(export, part))
        except ExportError as error:
            errors.append(error)
    return scans, errors


def run_friend_check(
    exports: Sequence[Path | ExportScan],
    service_users: Sequence[ServiceUser],
    monitor: Monitor | None = None,
) -> CheckResult:
    monitor = monitor or Monitor()
    scans, errors = read_exports(exports, monitor.part(0.0, READING_SHARE))
    connections: list[Connection] = [c for scan in scans for c in scan.connections]
    matches = find_matches(service_users, connections, monitor.part(READING_SHARE, 1.0))
    return CheckResult(
        matches=tuple(matches),
        scanned=scanned_counts(scans),
        scans=tuple(scans),
        errors=tuple(errors),
    )


def _size(export: Path | ExportScan) -> int:
    if isinstance(export, ExportScan):
        return 1
    try:
        return max(1, export.stat().st_size) if export.is_file() else 1024 * 1024
    except OSError:
        return 1
