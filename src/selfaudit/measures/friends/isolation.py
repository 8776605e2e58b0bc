"""The friend check's heavy work, each step in a worker process of its own, with a memory limit
and a time limit: reading an export (`read_export_in_worker`) and matching names
(`find_matches_in_worker`).

An export is a file from outside: whatever is in it, reading it must not take the app down
with the person's unsaved answers, fill the computer's memory or run for ever. A worker is a
fresh Python process (multiprocessing's "spawn": the same on every OS, safe beside Qt's
threads, and supported in a bundled app through `multiprocessing.freeze_support`, which
`cli.run` calls). It limits its own address space (RLIMIT_AS, where the OS has it) before it
reads a byte; the calling thread waits for it, passes its progress on, and kills it when the
person cancels or the time is up. Anything that goes wrong in it, even its death, is an
ExportError (or a MatchingError) with one line.

Working in another process also keeps the window's process light: people travel as tuples of
strings (`model.Row`), a batch at a time, so no single step holds the interpreter for long,
and nothing the window's process keeps gives Python's cyclic garbage collector work to do.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection as Pipe
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
    PeopleView,
    Row,
    ServiceUser,
    connection_of,
)

POLL_SECONDS = 0.05  # how often the waiting thread looks for news and for Cancel
PROGRESS_SECONDS = 0.05  # a worker reports progress no more often than this
BATCH = 20_000  # people sent at a time
STOP_SECONDS = 5.0  # how long a stopped worker is given to go

TRY_AGAIN = (
    "If this is the export you downloaded, download it again: it may be damaged. Or add the "
    "friends file on its own."
)


@dataclass(frozen=True)
class WorkerLimits:
    memory_bytes: int = 1536 * MB  # the worker's whole address space
    seconds: float = 120.0  # from its start to its last message


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


# the caller's side ----------------------------------------------------------------------------
class _Worker:
    """One worker process and the pipe between it and the calling thread."""

    def __init__(
        self,
        target: Callable[..., None],
        args: tuple[Any, ...],
        limits: WorkerLimits,
        doing: str,
    ) -> None:
        self._doing = doing  # "reading it": what the messages say took too long
        self._stopped = False
        context = multiprocessing.get_context("spawn")
        self._pipe, theirs = context.Pipe(duplex=True)
        self._limits = limits
        self._process = context.Process(
            target=target,
            args=(theirs, limits.memory_bytes, *args),
            name="selfaudit-worker",
            daemon=True,
        )
        self._process.start()
        theirs.close()  # the worker holds the only other end: its death ends the pipe
        self._deadline = time.monotonic() + limits.seconds

    def restart_clock(self) -> None:
        """The time limit counts from now (a worker started ahead of its work)."""
        self._deadline = time.monotonic() + self._limits.seconds

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
            if time.monotonic() > self._deadline:
                raise WorkerStoppedError(
                    f"{self._doing} took longer than the {self._limits.seconds:.0f} seconds "
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
            else:
                yield message

    def _died(self) -> WorkerStoppedError:
        self._process.join(STOP_SECONDS)
        code = self._process.exitcode
        return WorkerStoppedError(
            f"{self._doing} needed more than the {size_text(self._limits.memory_bytes)} of "
            f"memory selfaudit allows (the worker stopped{f' with code {code}' if code else ''})"
        )

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._pipe.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join(STOP_SECONDS)
        self._process.close()


def read_export_in_worker(
    path: Path, monitor: Monitor | None = None, limits: WorkerLimits = LIMITS
) -> ExportScan:
    """What `reader.read_export(path)` gives, read in a worker process. Raises ExportError
    (the worker refused the export, ran out of memory or time, or died) or
    model.CheckCancelledError (the person cancelled: the worker is killed at once)."""
    monitor = monitor or Monitor()
    label = path.name or str(path)
    worker = _Worker(_read, (str(path),), limits, "reading it")
    people: list[Row] = []
    try:
        for message in worker.messages(monitor):
            if message[0] == "people":
                people.extend(message[1])
            elif message[0] == "done":
                _, source, files, problems = message
                scan = ExportScan(source, tuple(people), tuple(files), tuple(problems))
                scan.counts()  # counted here, off the window's thread
                return scan
            else:  # "refused"
                _, source, reason, help_text = message
                raise ExportError(source, reason, help_text)
        raise AssertionError("unreachable: the messages end only by raising")
    except WorkerStoppedError as stopped:
        raise ExportError(label, f"could not be read: {stopped.reason}", TRY_AGAIN) from None
    finally:
        worker.stop()


class MatchingWorker:
    """A worker for matching, started ahead of its work so that starting it (Python, numpy,
    rapidfuzz, the nicknames) overlaps the reading of the exports. Use as a context manager."""

    def __init__(self, limits: WorkerLimits = MATCHING_LIMITS) -> None:
        self._worker = _Worker(_match, (), limits, "comparing them")

    def __enter__(self) -> MatchingWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self._worker.stop()

    def run(
        self,
        service_users: Sequence[ServiceUser],
        people: Sequence[Row],
        monitor: Monitor | None = None,
    ) -> list[Match]:
        """What `matcher.find_matches` gives for these people. Raises MatchingError (out of
        memory or time) or model.CheckCancelledError. Once only."""
        monitor = monitor or Monitor()
        worker = self._worker
        worker.restart_clock()
        try:
            for start in range(0, len(service_users), BATCH):
                chunk = service_users[start : start + BATCH]
                worker.send(("users", [(u.name, u.handles) for u in chunk]))
            for start in range(0, len(people), BATCH):
                worker.send(("people", list(people[start : start + BATCH])))
            worker.send(("go",))
            found: list[Match] = []
            for message in worker.messages(monitor):
                if message[0] == "matches":
                    found += [
                        Match(
                            connection=connection_of(people[row]),
                            service_user=service_users[user],
                            score=score,
                            confidence=Confidence(confidence),
                            reason=MatchReason(reason),
                        )
                        for row, user, score, confidence, reason in message[1]
                    ]
                elif message[0] == "done":
                    return found
                else:  # "refused"
                    raise MatchingError(message[1])
            raise AssertionError("unreachable: the messages end only by raising")
        except WorkerStoppedError as stopped:
            raise MatchingError(f"The names could not be compared: {stopped.reason}.") from None
        finally:
            worker.stop()


def find_matches_in_worker(
    service_users: Sequence[ServiceUser],
    people: Sequence[Row],
    monitor: Monitor | None = None,
    limits: WorkerLimits = MATCHING_LIMITS,
) -> list[Match]:
    """What `matcher.find_matches` gives for these people, worked out in a worker process."""
    with MatchingWorker(limits) as worker:
        return worker.run(service_users, people, monitor)


# the worker's side ----------------------------------------------------------------------------
def limit_memory(memory_bytes: int) -> None:
    """Caps this process's address space where the OS lets it (not on Windows); a larger
    allocation then fails with MemoryError instead of taking the computer's memory."""
    from selfaudit.bounded import allow_memory_caps

    allow_memory_caps()  # a worker runs nothing else: parsing may cap itself tighter still
    try:
        import resource
    except ImportError:
        return
    limit = getattr(resource, "RLIMIT_AS", None)
    if limit is None:
        return
    try:
        _, hard = resource.getrlimit(limit)
        wanted = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(limit, (wanted, hard))
    except (ValueError, OSError):  # not allowed here (macOS may refuse): the caps still hold
        pass


class _Progress(Monitor):
    """A worker's monitor: sends progress to the waiting thread, now and then."""

    def __init__(self, pipe: Pipe) -> None:
        super().__init__()
        self._pipe = pipe
        self._last = 0.0

    def report(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_SECONDS or fraction >= 1.0:
            self._last = now
            self._pipe.send(("progress", fraction, message))


def _said(exc: BaseException) -> str:
    """An unforeseen exception in one short line: its type and the start of its message."""
    what = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {what[:150]}" if what else type(exc).__name__


def _read(pipe: Pipe, memory_bytes: int, path: str) -> None:
    """Reads the export and sends what it found, or why not."""
    limit_memory(memory_bytes)
    label = Path(path).name or path
    try:
        from selfaudit.measures.friends.reader import read_export

        scan = read_export(Path(path), _Progress(pipe))
        for start in range(0, len(scan.people), BATCH):
            pipe.send(("people", scan.people[start : start + BATCH]))
        pipe.send(("done", scan.source, scan.files, scan.problems))
    except ExportError as error:
        pipe.send(("refused", error.source, error.reason, error.help))
    except MemoryError:
        reason = f"reading it needed more than the {size_text(memory_bytes)} of memory"
        pipe.send(("refused", label, f"could not be read: {reason} selfaudit allows", TRY_AGAIN))
    except Exception as exc:  # a bug, or a file no importer foresaw: one line, not a traceback
        pipe.send(("refused", label, f"could not be read ({_said(exc)})", TRY_AGAIN))
    finally:
        pipe.close()


def _match(pipe: Pipe, memory_bytes: int) -> None:
    """Receives the service users and the people, matches them, sends the matches."""
    limit_memory(memory_bytes)
    try:
        from selfaudit.measures.friends.matcher import find_matches, warm_up

        warm_up()  # while the caller reads the exports and sends the names
        users: list[ServiceUser] = []
        rows: list[Row] = []
        while (message := pipe.recv())[0] != "go":
            if message[0] == "users":
                users += [ServiceUser(name, handles) for name, handles in message[1]]
            else:
                rows += message[1]
        connections = list(PeopleView(rows))
        index = {id(connection): number for number, connection in enumerate(connections)}
        user_index = {id(user): number for number, user in enumerate(users)}
        matches = find_matches(users, connections, _Progress(pipe))
        found = [
            (
                index[id(m.connection)],
                user_index[id(m.service_user)],
                m.score,
                m.confidence.value,
                m.reason.value,
            )
            for m in matches
        ]
        for start in range(0, len(found), BATCH):
            pipe.send(("matches", found[start : start + BATCH]))
        pipe.send(("done",))
    except MemoryError:
        pipe.send(
            (
                "refused",
                "The names could not be compared: comparing them needed more than the "
                f"{size_text(memory_bytes)} of memory selfaudit allows. Try a shorter list.",
            )
        )
    except Exception as exc:  # a bug: one line, not a traceback
        pipe.send(("refused", f"The names could not be compared ({_said(exc)})."))
    finally:
        pipe.close()
