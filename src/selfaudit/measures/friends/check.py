"""The whole friend check, the same for the command line and the app: read every export, then
match, each step in a worker process (isolation.py). An export that cannot be read is reported
and the others are still checked; matching that cannot finish raises MatchingError."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from selfaudit.measures.friends.isolation import (
    MatchingError,
    MatchingWorker,
    read_export_in_worker,
)
from selfaudit.measures.friends.model import (
    CheckResult,
    ExportError,
    ExportScan,
    Monitor,
    Row,
    ServiceUser,
)

READING_SHARE = 0.6  # of the progress bar, for reading the exports; the rest is matching
# Matching holds about 1.3 KB a person: a million fit in the matching worker's memory limit.
MAX_PEOPLE = 1_000_000


def scanned_counts(scans: Sequence[ExportScan]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for scan in scans:
        for platform, count in scan.counts().items():
            counts[platform] = counts.get(platform, 0) + count
    return counts


def read_exports(
    exports: Sequence[Path | ExportScan], monitor: Monitor | None = None
) -> tuple[list[ExportScan], list[ExportError]]:
    """Reads each export, each in a worker process (an ExportScan is one read already, or a
    pasted list)."""
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
            scans.append(read_export_in_worker(export, part))
        except ExportError as error:
            errors.append(error)
    return scans, errors


def run_friend_check(
    exports: Sequence[Path | ExportScan],
    service_users: Sequence[ServiceUser],
    monitor: Monitor | None = None,
) -> CheckResult:
    monitor = monitor or Monitor()
    with MatchingWorker() as matching:  # it starts up while the exports are read
        scans, errors = read_exports(exports, monitor.part(0.0, READING_SHARE))
        people: list[Row] = [row for scan in scans for row in scan.people]
        if len(people) > MAX_PEOPLE:
            raise MatchingError(
                f"These lists hold {len(people):,} people, more than the {MAX_PEOPLE:,} "
                "selfaudit can compare at once. Check one export at a time."
            )
        matches = matching.run(service_users, people, monitor.part(READING_SHARE, 1.0))
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
