"""Work off the UI thread: run a function on a worker thread and get its result (or the exception
it raised) back on the UI thread, so the window never waits for a probe, a keyring, a file or an
estimate. The one way the app does this.

Results come back by polling futures on the UI thread, not by emitting a Qt signal from the
worker, so no Qt object is shared between threads: a finished job wakes the poll at once by
writing a byte to a socket pair whose other end a QSocketNotifier watches (a handover takes a
moment, not a timer's interval), and a timer polls as well, in case a wake-up is lost.

Workers are Qt's own threads (QThreadPool), because some work (laying out and writing a PDF) needs
a Qt event dispatcher on its thread, which a plain Python thread lacks. `detached` work (a keyring
call that may sit on an unanswered unlock prompt for ever) runs on a daemon Python thread
instead: it can be abandoned, and an abandoned pool thread would hold up the app's exit.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QSocketNotifier,
    Qt,
    QThreadPool,
    QTimer,
)

T = TypeVar("T")
POLL_MS = 20  # how often finished work is looked for, only while some is running


class Job:
    """One piece of work under way. `cancel()` drops its result when it comes (the work itself
    cannot be interrupted); `finished` once it has been handed over or dropped."""

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        wake: Callable[[], None] = lambda: None,
    ) -> None:
        self.future: Future[Any] = Future()
        self.on_done = on_done
        self.on_failed = on_failed
        self.wake = wake  # called on the worker once the result is in
        self.cancelled = False
        self.finished = False

    def cancel(self) -> None:
        self.cancelled = True

    def execute(self, work: Callable[[], Any]) -> None:
        try:
            self.future.set_result(work())
        except BaseException as exc:  # handed to the UI thread, which decides what to show
            self.future.set_exception(exc)
        self.wake()


class _Runnable(QRunnable):
    def __init__(self, job: Job, work: Callable[[], Any]) -> None:
        super().__init__()
        self.job = job
        self.work = work

    def run(self) -> None:
        self.job.execute(self.work)


class Background(QObject):
    """Runs functions on its own pool of `threads` threads (one: in the order given). Each
    result is handed to its callback on the UI thread, unless cancelled first, and never once
    this object (and the widget owning it) is gone."""

    def __init__(
        self, parent: QObject | None = None, threads: int = 1, detached: bool = False
    ) -> None:
        super().__init__(parent)
        self.detached = detached
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._waiting: list[Job] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        # the workers' way to wake the poll, while work is under way
        self._wake_up = _WakeUp()
        self._notifier: QSocketNotifier | None = None

    def _open_wake_up(self) -> None:
        if self._notifier is None:
            self._notifier = QSocketNotifier(self._wake_up.open(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._woken)

    def _woken(self, *_: object) -> None:
        self._wake_up.drain()
        self._poll()

    def _close_wake_up(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._wake_up.close()

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[BaseException], None],
    ) -> Job:
        job = Job(on_done, on_failed, self._wake_up.send)
        self._open_wake_up()
        if self.detached:
            thread = threading.Thread(target=job.execute, args=(work,), daemon=True)
            thread.name = "selfaudit-detached"
            thread.start()
        else:
            self._pool.start(_Runnable(job, work))
        self._waiting.append(job)
        self._timer.start()
        return job

    def busy(self) -> bool:
        return any(not job.cancelled for job in self._waiting)

    def wait(self) -> None:
        """Waits for the pool's work already started (before a window that owns it closes)."""
        self._pool.waitForDone()

    def _poll(self) -> None:
        for job in [j for j in self._waiting if j.future.done() or j.cancelled]:
            self._waiting.remove(job)
            job.finished = True
            if job.cancelled:
                continue
            error = job.future.exception()
            if error is not None:
                job.on_failed(error)
            else:
                job.on_done(job.future.result())
        if not self._waiting:
            self._timer.stop()
            self._close_wake_up()


class _WakeUp:
    """A socket pair: a worker writes a byte to one end (`send`), the UI thread's notifier sees
    the other end readable. Only bytes cross threads."""

    def __init__(self) -> None:
        self._ends: tuple[socket.socket, socket.socket] | None = None

    def open(self) -> int:
        """The descriptor to watch."""
        if self._ends is None:
            woken, waker = socket.socketpair()
            woken.setblocking(False)
            waker.setblocking(False)
            self._ends = (woken, waker)
        return self._ends[0].fileno()

    def send(self) -> None:
        ends = self._ends
        if ends is not None:
            with contextlib.suppress(OSError):  # full (a wake-up is due anyway), or closed
                ends[1].send(b"\0")

    def drain(self) -> None:
        ends = self._ends
        if ends is not None:
            with contextlib.suppress(OSError):
                ends[0].recv(4096)

    def close(self, *_: object) -> None:
        ends, self._ends = self._ends, None
        for end in ends or ():
            end.close()

    def __del__(self) -> None:  # its owner went with work under way
        self.close()


def run_in_background(
    work: Callable[[], T],
    on_done: Callable[[T], None],
    on_failed: Callable[[BaseException], None],
    owner: QObject | None = None,
    detached: bool = False,
) -> Job:
    """A one-off job: for `owner` (a widget waiting for a file write, a status check), whose
    Background it shares, or for the whole app when there is no owner."""
    owner = owner or QCoreApplication.instance()
    assert owner is not None, "a QApplication must exist"
    name = "background-detached" if detached else "background"
    background = owner.findChild(Background, name, Qt.FindChildOption.FindDirectChildrenOnly)
    if background is None:
        background = Background(owner, detached=detached)
        background.setObjectName(name)
    return background.run(work, on_done, on_failed)
