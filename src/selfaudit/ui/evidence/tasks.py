"""Work that must not block the window (reading, checking, encrypting and decrypting files,
making a report) runs here, one job at a time on one worker thread, and reports back on the UI
thread. One at a time keeps the blob store from being used by two threads at once."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")


class _Finished(QObject):
    # job number, whether it worked, and its result or the exception it raised
    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, number: int, work: Callable[[], Any], signal: _Finished) -> None:
        super().__init__()
        self.number = number
        self.work = work
        self.signal = signal

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the window, never lost on the worker thread
            self.signal.finished.emit(self.number, False, exc)
        else:
            self.signal.finished.emit(self.number, True, result)


class BackgroundJobs(QObject):
    """Runs jobs in order on one worker thread, each reporting back on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # created on the UI thread, so its signal is delivered here, queued
        self._signal = _Finished(self)
        self._signal.finished.connect(self._finished)
        self._numbers = itertools.count()
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        number = next(self._numbers)
        self._callbacks[number] = (on_done, on_error)
        self._pool.start(_Job(number, work, self._signal))

    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self) -> None:
        """Waits for the jobs already started (before the window closes)."""
        self._pool.waitForDone()

    @Slot(int, bool, object)
    def _finished(self, number: int, ok: bool, result: object) -> None:
        on_done, on_error = self._callbacks.pop(number)
        if ok:
            on_done(result)
        else:
            assert isinstance(result, Exception)
            on_error(result)
