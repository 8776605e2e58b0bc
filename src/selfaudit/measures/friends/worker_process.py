"""Friend-check worker processes from the caller's side: one worker (`WorkerProcess`) and the
one kept started ahead of its work (`ReadyWorkers`). What runs inside a worker is in
worker_jobs.py; the jobs it is given, in isolation.py.

A worker is a fresh Python process (multiprocessing's "spawn": the same on every OS, safe
beside Qt's threads, and supported in a bundled app through `multiprocessing.freeze_support`,
which `cli.run` calls). It caps its own address space before it loads anything, says "ready",
and waits on its pipe for one job. The calling thread reads its messages, passes its progress
on, and kills it when the person cancels or the time is up.

A worker may be started ahead of its work: the friend check's window has one started as it
opens, so Python, numpy, rapidfuzz and the nicknames are loaded before the person asks for
anything. Each worker does one job and is gone; the next is started when the job is over.
None is ever used twice: a worker that has read an export may hold what the export made of
it. A worker ends with the program that started it: when that returns, multiprocessing stops
its workers; when it dies, the pipe closes and the worker, waiting on it or sending progress,
ends.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from selfaudit.bounded import MB, size_text
from selfaudit.measures.friends.model import Monitor
from selfaudit.measures.friends.worker_jobs import serve

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


class WorkerStoppedError(Exception):
    """A worker was stopped, or stopped by itself, before it finished. `reason` is one line
    that finishes "… could not be …"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
