"""Runs a slow step of the friend check (reading an export, matching) on a worker thread, with
progress and cancel, so the window never waits for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from selfaudit.measures.friends.model import CheckCancelledError, Monitor


class TaskSignals(QObject):
    """Emitted from the worker thread; Qt delivers them to receivers on the window's thread."""

    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(object)  # an exception the step did not expect: shown, never swallowed
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.run()


class BackgroundTask:
    """`step(monitor)` run on Qt's thread pool. Keep a reference until `done`, `failed` or
    `cancelled` is emitted; `cancel()` asks the step to stop at its next progress report."""

    def __init__(self, step: Callable[[Monitor], Any]) -> None:
        self.signals = TaskSignals()
        self._step = step
        self.monitor = Monitor(self.signals.progress.emit)
        self.finished = False

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def cancel(self) -> None:
        self.monitor.cancel()

    def run(self) -> None:
        try:
            result = self._step(self.monitor)
        except CheckCancelledError:
            self.finished = True
            self.signals.cancelled.emit()
        except Exception as exc:  # reported to the person by the receiver, with what to do
            self.finished = True
            self.signals.failed.emit(exc)
        else:
            self.finished = True
            self.signals.done.emit(result)
