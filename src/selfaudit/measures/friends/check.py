"""The whole friend check, the same for the command line and the app: read every export, then
match, in one worker process (isolation.py). An export that cannot be read is reported and the
others are still checked; matching that cannot finish raises MatchingError."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from selfaudit.measures.friends.isolation import ReadyWorkers, check_in_worker
from selfaudit.measures.friends.model import (
    CheckResult,
    ExportScan,
    Monitor,
    Row,
    ServiceUser,
)

READING_SHARE = 0.6  # of the progress bar, for reading the exports; the rest is matching


def scanned_counts(scans: Sequence[ExportScan]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for scan in scans:
        for platform, count in scan.counts().items():
            counts[platform] = counts.get(platform, 0) + count
    return counts


def run_friend_check(
    exports: Sequence[Path | ExportScan],
    service_users: Sequence[ServiceUser],
    monitor: Monitor | None = None,
    workers: ReadyWorkers | None = None,
) -> CheckResult:
    """Reads the exports given as paths (an ExportScan is one read already, or a pasted list)
    and finds the service users among everyone in them, in the worker waiting in `workers` if
    there is one."""
    monitor = monitor or Monitor()
    scans = [export for export in exports if isinstance(export, ExportScan)]
    paths = [export for export in exports if not isinstance(export, ExportScan)]
    people: list[Row] = [row for scan in scans for row in scan.people]
    reading_share = READING_SHARE if paths else 0.0
    sizes = [_size(path) for path in paths]
    total = sum(sizes) or 1
    parts: list[tuple[Path, Monitor]] = []
    done = 0
    for path, size in zip(paths, sizes, strict=True):
        parts.append(
            (
                path,
                monitor.part(reading_share * done / total, reading_share * (done + size) / total),
            )
        )
        done += size
    found = check_in_worker(service_users, people, parts, monitor.part(reading_share, 1.0), workers)
    scanned = scanned_counts(scans)
    for platform, count in found.counts.items():
        scanned[platform] = scanned.get(platform, 0) + count
    return CheckResult(matches=tuple(found.matches), scanned=scanned, errors=tuple(found.errors))


def _size(export: Path) -> int:
    try:
        return max(1, export.stat().st_size) if export.is_file() else 1024 * 1024
    except OSError:
        return 1
