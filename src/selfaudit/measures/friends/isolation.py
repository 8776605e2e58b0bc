"""The friend check's heavy work in worker processes, with a memory limit and a time limit:
reading an export (`read_export_in_worker`), and reading exports and matching names in one go
(`check_in_worker`).

An export is a file from outside: whatever is in it, reading it must not take the app down
with the person's unsaved answers, fill the computer's memory or run for ever. A worker is a
fresh Python process (multiprocessing's "spawn": the same on every OS, safe beside Qt's
threads, and supported in a bundled app through `multiprocessing.freeze_support`, which
`cli.run` calls). It limits its own address space (RLIMIT_AS, where the OS has it) before it
loads anything (worker_jobs.py); the calling thread waits for it, passes its progress on, and
kills it when the person cancels or the time is up. Anything that goes wrong in it, even its
death, is an ExportError (or a MatchingError) with one line.

A worker may be started ahead of its work (`ReadyWorkers`): the friend check's window starts
one as it opens, so Python, numpy, rapidfuzz and the nicknames are loaded before the person
asks for anything. Each worker does one job and is gone; the next is started when the job is
over. None is ever used twice: a worker that has read an export may hold what the export made
of it.

Working in another process also keeps the window's process light: people travel as tuples of
strings (`model.Row`), a batch at a time, so no single step holds the interpreter for long,
and nothing the window's process keeps gives Python's cyclic garbage collector work to do.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfaudit.bounded import MB, size_text
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
from selfaudit.measures.friends.worker_jobs import BATCH, TRY_AGAIN, serve

POLL_SECONDS = 0.05  # how often the waiting thread looks for news and for Cancel
STOP_SECONDS = 5.0  # how long a stopped worker is given to go
START_SECONDS = 60.0  # for a worker's imports (about half a second on a slow computer)
WORKING = "selfaudit-worker"  # the name of a worker process with a job
WAITING = "selfaudit-worker-ready"  # started ahead, waiting for its job


@dataclass(frozen=True)
class WorkerLimits:
    memory_bytes: int = 1536 * MB  # the worker's whole address space
    seconds: float = 120.0  # for one step: reading one export, or matching


LIMITS = WorkerLimits()
MATCHING_LIMITS = WorkerLimits(seconds=900.0)  # a very long list against a very long one


class WorkerStoppedError(Exception):
    """A worker was stopped, or stopped by itself, before it finished. `reason` is one line
    that finishes "… could not be …"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MatchingError(Exception):
    """Matching names could not be finished: the message is one line, fit to show."""


# one worker -----------------------------------------------------------------------------------
@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C in a terminal reaches every process of the command, a worker too, and a worker
    that gets it before it ignores it prints a traceback. A signal held back (blocked) stays held
    back across the start of a program: the worker starts with Ctrl-C held, ignores it, then
    lets it in (`worker_jobs.serve`). Only this thread holds it, and only while it starts one."""
    hold = getattr(signal, "pthread_sigmask", None)
    if hold is None:  # Windows: the worker ignores Ctrl-C as its first step
        yield
        return
    from multiprocessing import resource_tracker

    # multiprocessing's helper process lets Ctrl-C in again once it is started: first, then
    resource_tracker.ensure_running()
    before = hold(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        hold(signal.SIG_SETMASK, before)


class WorkerProcess:
    """One worker process (`worker_jobs.serve`) and the pipe between it and the calling thread.
    It starts at once, with its memory limit; its time limit counts from `begin`. Raises
    WorkerStoppedError if it cannot be started."""

    def __init__(self, memory_bytes: int = LIMITS.memory_bytes) -> None:
        self.memory_bytes = memory_bytes
        self._stopped = False
        self._ready = False  # its imports are done
        self._taken = False  # a job has begun with it
        self._early: list[tuple[Any, ...]] = []  # read while waiting for "ready", for the job
        self._reading = threading.Lock()  # before its job: one thread at a time reads the pipe
        context = multiprocessing.get_context("spawn")
        self._pipe, theirs = context.Pipe(duplex=True)
        self._process = context.Process(
            target=serve, args=(theirs, memory_bytes), name=WAITING, daemon=True
        )
        try:
            with _ctrl_c_held():
                self._process.start()
        except OSError as exc:  # too many processes, say
            self._stopped = True
            self._pipe.close()
            raise WorkerStoppedError(
                f"its worker process could not be started ({exc.strerror or exc})"
            ) from None
        finally:
            theirs.close()  # the worker holds the only other end: its death ends the pipe
        self._seconds, self._doing = LIMITS.seconds, "reading it"
        self._deadline = time.monotonic() + self._seconds

    def begin(self, seconds: float, doing: str) -> None:
        """A step of its job starts: it has `seconds` for it. `doing` ("reading it") is what
        the messages say took too long or too much memory."""
        with self._reading:
            self._taken = True
        self._process.name = WORKING
        self._seconds, self._doing = seconds, doing
        self._deadline = time.monotonic() + seconds

    def alive(self) -> bool:
        return not self._stopped and self._process.is_alive()

    def wait_until_ready(self, timeout: float) -> bool:
        """Whether its imports are done, waiting at most `timeout` seconds (before its job)."""
        with self._reading:
            if self._taken or self._stopped:
                return self._ready
            end = time.monotonic() + timeout
            while not self._ready:
                if not self._pipe.poll(max(0.0, end - time.monotonic())):
                    return False
                try:
                    message = self._pipe.recv()
                except (EOFError, OSError):
                    return False
                if message == ("ready",):
                    self._ready = True
                else:  # "cannot start": the job hears it
                    self._early.append(message)
                    return False
            return True

    def await_start(self, monitor: Monitor, seconds: float = START_SECONDS) -> None:
        """Waits until its imports are done, at most `seconds` (Cancel heard): what is sent
        before then would wait in the pipe, and the sender with it."""
        if self._ready:
            return
        step = (self._seconds, self._deadline)
        if self._deadline > time.monotonic() + seconds:
            self._seconds, self._deadline = seconds, time.monotonic() + seconds
        for message in self.messages(monitor):
            if message[0] == "ready":
                break
        self._seconds, self._deadline = step

    def send(self, message: tuple[Any, ...]) -> None:
        try:
            self._pipe.send(message)
        except OSError:  # the worker is gone
            raise self._died() from None

    def messages(self, monitor: Monitor) -> Iterator[tuple[Any, ...]]:
        """The worker's messages but its progress, which goes to `monitor`. Raises
        CheckCancelledError when the person cancels, WorkerStoppedError when the worker dies
        or runs out of time."""
        while True:
            monitor.check()
            if self._early:
                message = self._early.pop(0)
            else:
                if time.monotonic() > self._deadline:
                    raise WorkerStoppedError(
                        f"{self._doing} took longer than the {self._seconds:.0f} seconds "
                        "selfaudit allows, so it was stopped"
                    )
                if not self._pipe.poll(POLL_SECONDS):
                    continue
                try:
                    message = self._pipe.recv()
                except (EOFError, OSError):
                    raise self._died() from None
            if message[0] == "progress":
                monitor.report(message[1], message[2])
                continue
            if message[0] == "ready":
                self._ready = True
            elif message[0] == "cannot start":
                raise WorkerStoppedError(f"{self._doing} could not start ({message[1]})")
            yield message

    def _died(self) -> WorkerStoppedError:
        self._process.join(STOP_SECONDS)
        code = self._process.exitcode
        return WorkerStoppedError(
            f"{self._doing} needed more than the {size_text(self.memory_bytes)} of "
            f"memory selfaudit allows (the worker stopped{f' with code {code}' if code else ''})"
        )

    def stop(self, wait: bool = True) -> None:
        """Kills it (at once), then waits for it to be gone, here or, if not `wait`, on a
        thread of its own (the window's thread never waits)."""
        if self._stopped:
            return
        self._stopped = True
        self._pipe.close()
        self._process.kill()  # nothing if it has ended
        if wait:
            self._reap()
        else:
            threading.Thread(target=self._reap, name="selfaudit-worker-stop", daemon=True).start()

    def _reap(self) -> None:
        self._process.join(STOP_SECONDS)
        with suppress(ValueError):  # still not gone: it is reaped when selfaudit ends
            self._process.close()


class ReadyWorkers:
    """Keeps one worker process started ahead of its work, its imports done and its memory
    limit set, waiting on its pipe. `take` hands it over for one job (or starts one, if none is
    waiting); `start` has the next one started when the person may want it, `stop` stops it.
    Thread-safe, and `start` and `stop` return at once: the window calls them, its background
    threads take workers."""

    def __init__(self, memory_bytes: int = LIMITS.memory_bytes) -> None:
        self.memory_bytes = memory_bytes
        self._changed = threading.Condition()
        self._waiting: WorkerProcess | None = None
        self._starting = False  # a thread is starting one
        self._wanted = False  # one should wait: `start` was called since the last `stop`

    def __enter__(self) -> ReadyWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        with self._changed:
            self._changed.wait_for(lambda: not self._starting, START_SECONDS)
        self.stop(wait=True)

    def start(self) -> None:
        """Has a worker started to wait for the next job, unless one is waiting or starting.
        The process is started on a thread of its own."""
        with self._changed:
            self._wanted = True
            if self._starting or (self._waiting is not None and self._waiting.alive()):
                return
            gone, self._waiting = self._waiting, None
            self._starting = True
        if gone is not None:
            gone.stop(wait=False)
        threading.Thread(target=self._start_one, name="selfaudit-worker-start", daemon=True).start()

    def _start_one(self) -> None:
        while True:
            worker: WorkerProcess | None = None
            with suppress(WorkerStoppedError):  # none waits: a job starts its own, or says why
                worker = WorkerProcess(self.memory_bytes)
            with self._changed:
                if worker is None or (self._wanted and self._waiting is None):
                    self._waiting = worker if self._wanted else None
                    self._starting = False
                    self._changed.notify_all()
                    return
            worker.stop()  # stopped while it was starting; `_starting` until it is gone
            with self._changed:
                if not self._wanted or self._waiting is not None:
                    self._starting = False
                    self._changed.notify_all()
                    return
            # started again meanwhile: start another

    def take(self, memory_bytes: int) -> WorkerProcess:
        """The waiting worker (or the one starting), or a new one if none is waiting with this
        memory limit. Not for the window's thread: it may wait for a worker to be started."""
        with self._changed:
            self._changed.wait_for(lambda: not self._starting, START_SECONDS)
            waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting.memory_bytes == memory_bytes and waiting.alive():
            return waiting
        if waiting is not None:
            waiting.stop()
        return WorkerProcess(memory_bytes)

    def wait_until_ready(self, timeout: float) -> bool:
        """Whether a worker is waiting with its imports done (at most `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._starting, timeout)
            waiting = self._waiting
        return waiting is not None and waiting.wait_until_ready(timeout)

    def stop(self, wait: bool = False) -> None:
        """Stops the waiting worker, if any, and one being started (a worker at work is
        stopped by its job)."""
        with self._changed:
            self._wanted = False
            waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting.stop(wait)


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
