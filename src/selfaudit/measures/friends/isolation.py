"""The friend check's heavy work in worker processes (worker_process.py), with a memory limit
and a time limit: reading an export (`read_export_in_worker`), and reading exports and matching
names in one go (`check_in_worker`), each in a worker of its own, the one waiting in a
`ReadyWorkers` if there is one.

An export is a file from outside: whatever is in it, reading it must not take the app down
with the person's unsaved answers, fill the computer's memory or run for ever. The calling
thread waits for the worker, passes its progress on, and has it killed when the person cancels
or the time is up. Anything that goes wrong in it, even its death, is an ExportError (or a
MatchingError) with one line.

Working in another process also keeps the window's process light: people travel as tuples of
strings (`model.Row`), a batch at a time, so no single step holds the interpreter for long,
and nothing the window's process keeps gives Python's cyclic garbage collector work to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfaudit.measures.friends.model import (
    Confidence,
    ExportError,
    ExportScan,
    Match,
    MatchReason,
    Monitor,
    Row,
    ServiceUser,
    connection_of,
)
from selfaudit.measures.friends.worker_jobs import BATCH, TRY_AGAIN
from selfaudit.measures.friends.worker_process import (
    LIMITS,
    ReadyWorkers,
    WorkerLimits,
    WorkerProcess,
    WorkerStoppedError,
)

__all__ = [
    "LIMITS",
    "MATCHING_LIMITS",
    "MatchingError",
    "ReadyWorkers",
    "WorkerCheck",
    "WorkerLimits",
    "check_in_worker",
    "read_export_in_worker",
]

MATCHING_LIMITS = WorkerLimits(seconds=900.0)  # a very long list against a very long one


class MatchingError(Exception):
    """Matching names could not be finished: the message is one line, fit to show."""


def _worker(limits: WorkerLimits, workers: ReadyWorkers | None) -> WorkerProcess:
    return workers.take(limits.memory_bytes) if workers else WorkerProcess(limits.memory_bytes)


# reading one export ---------------------------------------------------------------------------
def read_export_in_worker(
    path: Path,
    monitor: Monitor | None = None,
    limits: WorkerLimits = LIMITS,
    workers: ReadyWorkers | None = None,
) -> ExportScan:
    """What `reader.read_export(path)` gives, read in a worker process (the one waiting in
    `workers`, if any). Raises ExportError (the worker refused the export, ran out of memory
    or time, or died) or model.CheckCancelledError (the person cancelled: the worker is killed
    at once)."""
    monitor = monitor or Monitor()
    label = path.name or str(path)
    worker: WorkerProcess | None = None
    people: list[Row] = []
    scan: ExportScan | None = None
    try:
        worker = _worker(limits, workers)
        worker.begin(limits.seconds, "reading it")
        worker.await_start(monitor)
        worker.send(("go", [str(path)], True))
        for message in worker.messages(monitor):
            if message[0] == "people":
                people.extend(message[1])
            elif message[0] == "read":
                _, _, source, files, problems, _ = message
                scan = ExportScan(source, tuple(people), tuple(files), tuple(problems))
                scan.counts()  # counted here, off the window's thread
            elif message[0] == "refused":
                raise ExportError(*message[2:])
            elif message[0] == "done" and scan is not None:
                return scan
        raise AssertionError("unreachable: the messages end only by raising")
    except WorkerStoppedError as stopped:
        raise ExportError(label, f"could not be read: {stopped.reason}", TRY_AGAIN) from None
    finally:
        if worker is not None:
            worker.stop(wait=False)  # killed now; the caller does not wait for it to be reaped


# a whole check --------------------------------------------------------------------------------
@dataclass
class WorkerCheck:
    """What a check in a worker found: the matches, how many people each platform's lists
    held, and the exports that could not be read (in the order given)."""

    matches: list[Match] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[ExportError] = field(default_factory=list)


class _Stages(Monitor):
    """Passes a worker's progress to the monitor of the step it is at."""

    def __init__(self, now: Monitor) -> None:
        super().__init__()
        self.now = now

    def check(self) -> None:
        self.now.check()

    def report(self, fraction: float, message: str) -> None:
        self.now.report(fraction, message)


class _ExportStoppedError(Exception):
    def __init__(self, index: int, reason: str) -> None:
        super().__init__(reason)
        self.index = index
        self.reason = reason


def check_in_worker(
    service_users: Sequence[ServiceUser],
    people: Sequence[Row],
    exports: Sequence[tuple[Path, Monitor]],
    matching: Monitor,
    workers: ReadyWorkers | None = None,
) -> WorkerCheck:
    """Reads each export (with the monitor for its share of the progress), then matches the
    service users against `people` and everyone read, all in one worker process. An export
    that cannot be read is in `errors`, and the rest are still checked: if one makes its
    worker die or run out of time, the others are read again in a new worker. Raises
    MatchingError when the names cannot be compared, model.CheckCancelledError on Cancel."""
    stopped: dict[int, ExportError] = {}
    while True:
        todo = [number for number in range(len(exports)) if number not in stopped]
        try:
            worker = _worker(MATCHING_LIMITS, workers)
        except WorkerStoppedError as unstarted:
            raise MatchingError(f"The names could not be compared: {unstarted.reason}.") from None
        workers = None  # a second try has a worker of its own
        try:
            found = _check(worker, service_users, people, [exports[n] for n in todo], matching)
        except _ExportStoppedError as failed:
            path = exports[todo[failed.index]][0]
            stopped[todo[failed.index]] = ExportError(
                path.name or str(path), f"could not be read: {failed.reason}", TRY_AGAIN
            )
            continue
        finally:
            worker.stop(wait=False)  # killed now; the caller does not wait for it to be reaped
        errors = {todo[n]: error for n, error in found.errors} | stopped
        return WorkerCheck(found.matches, found.counts, [errors[n] for n in sorted(errors)])


@dataclass
class _Found:
    matches: list[Match] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[int, ExportError]] = field(default_factory=list)


def _check(
    worker: WorkerProcess,
    service_users: Sequence[ServiceUser],
    people: Sequence[Row],
    exports: Sequence[tuple[Path, Monitor]],
    matching: Monitor,
) -> _Found:
    found = _Found()
    reading: int | None = None  # the export being read
    stages = _Stages(exports[0][1] if exports else matching)
    try:
        worker.begin(MATCHING_LIMITS.seconds, "the check")
        worker.await_start(stages)
        _send(worker, service_users, people)
        worker.send(("go", [str(path) for path, _ in exports], False))
        for message in worker.messages(stages):
            kind = message[0]
            if kind == "reading":
                reading = message[1]
                stages.now = exports[message[1]][1]
                worker.begin(LIMITS.seconds, "reading it")
            elif kind == "read":
                reading = None
                for platform, count in message[5].items():
                    found.counts[platform] = found.counts.get(platform, 0) + count
            elif kind == "refused":
                reading = None
                found.errors.append((message[1], ExportError(*message[2:])))
            elif kind == "comparing":
                reading, stages.now = None, matching
                worker.begin(MATCHING_LIMITS.seconds, "comparing them")
            elif kind == "matches":
                found.matches += [
                    Match(
                        connection=connection_of(row),
                        service_user=service_users[user],
                        score=score,
                        confidence=Confidence(confidence),
                        reason=MatchReason(reason),
                    )
                    for row, user, score, confidence, reason in message[1]
                ]
            elif kind == "cannot compare":
                raise MatchingError(message[1])
            elif kind == "done":
                return found
        raise AssertionError("unreachable: the messages end only by raising")
    except WorkerStoppedError as stopped:
        if reading is not None:
            raise _ExportStoppedError(reading, stopped.reason) from None
        raise MatchingError(f"The names could not be compared: {stopped.reason}.") from None


def _send(
    worker: WorkerProcess, service_users: Sequence[ServiceUser], people: Sequence[Row]
) -> None:
    """The service users (name and handles, if any) and the people read before, in batches."""
    for start in range(0, len(service_users), BATCH):
        chunk = service_users[start : start + BATCH]
        worker.send(("users", [(u.name, u.handles or None) for u in chunk]))
    for start in range(0, len(people), BATCH):
        worker.send(("people", list(people[start : start + BATCH])))
