"""Work off the UI thread: run a function on a worker thread and get its result back on the UI
thread, so the window never waits for a probe or an estimate.

Results come back by polling futures from a timer on the UI thread, not by emitting a Qt signal
from the worker, so no Qt object is shared between threads. The workers are Qt's own threads
(QThreadPool), because some work (laying out and writing a PDF) needs a Qt event dispatcher on
the thread it runs on, which a plain Python thread lacks.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer

POLL_MS = 20  # how often finished work is looked for, only while some is running


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], future: Future[Any]) -> None:
        super().__init__()
        self.work = work
        self.future = future

    def run(self) -> None:
        try:
            self.future.set_result(self.work())
        except BaseException as exc:  # handed to the UI thread, which decides what to show
            self.future.set_exception(exc)


class Background(QObject):
    """Runs functions on its own small pool of threads. Each result (or the exception raised) is
    handed to its callback on the UI thread, unless the call was cancelled first."""

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._tokens = itertools.count(1)
        self._waiting: dict[int, tuple[Future[Any], Callable[[Any], None]]] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> int:
        token = next(self._tokens)
        future: Future[Any] = Future()
        self._pool.start(_Job(work, future))
        self._waiting[token] = (future, on_done)
        self._timer.start()
        return token

    def cancel(self, token: int) -> None:
        """The result is dropped when it comes; the work itself cannot be interrupted."""
        self._waiting.pop(token, None)

    def busy(self) -> bool:
        return bool(self._waiting)

    def _poll(self) -> None:
        for token, (future, on_done) in list(self._waiting.items()):
            if not future.done() or self._waiting.pop(token, None) is None:
                continue
            error = future.exception()
            on_done(error if error is not None else future.result())
        if not self._waiting:
            self._timer.stop()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    owner: QObject,
) -> None:
    """A one-off job for `owner` (a widget waiting for a file write, a status check): `on_done`
    gets the result, `on_failed` the exception. Both run on the UI thread, and not at all once
    the owner is gone (the owner's Background goes with it)."""
    background = owner.findChild(Background, "", Qt.FindChildOption.FindDirectChildrenOnly)
    if background is None:
        background = Background(owner)

    def settle(outcome: Any) -> None:
        if isinstance(outcome, BaseException):
            on_failed(outcome)
        else:
            on_done(outcome)

    background.run(work, settle)
