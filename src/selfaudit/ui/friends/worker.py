"""Runs a slow step of the friend check (reading an export, matching) in the background with
progress and cancel, so the window never waits for it. Built on `ui.background`: the step's
progress is noted by the worker and passed on from the UI thread, like its result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from selfaudit.measures.friends.model import CheckCancelledError, Monitor
from selfaudit.ui.background import run_in_background

PROGRESS_MS = 50  # how often the progress bar follows the worker


class TaskSignals(QObject):
    """All emitted on the UI thread."""

    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(object)  # an exception the step did not expect: shown, never swallowed
    cancelled = Signal()


class BackgroundTask:
    """`step(monitor)` run in the background. Keep a reference until `done`, `failed` or
    `cancelled` is emitted; `cancel()` asks the step to stop at its next progress report."""

    def __init__(self, step: Callable[[Monitor], Any]) -> None:
        self.signals = TaskSignals()
        self._step = step
        self._latest: tuple[float, str] | None = None  # written by the worker, read here
        self.monitor = Monitor(self._note)
        self.finished = False
        self._timer = QTimer(self.signals)
        self._timer.setInterval(PROGRESS_MS)
        self._timer.timeout.connect(self._pass_on_progress)

    def start(self) -> None:
        self._timer.start()
        run_in_background(
            lambda: self._step(self.monitor), self._succeeded, self._stopped, self.signals
        )

    def cancel(self) -> None:
        self.monitor.cancel()

    def _note(self, fraction: float, message: str) -> None:
        self._latest = (fraction, message)

    def _pass_on_progress(self) -> None:
        latest, self._latest = self._latest, None
        if latest is not None:
            self.signals.progress.emit(*latest)

    def _end(self) -> None:
        self._timer.stop()
        self._pass_on_progress()
        self.finished = True

    def _succeeded(self, result: object) -> None:
        self._end()
        self.signals.done.emit(result)

    def _stopped(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, CheckCancelledError):
            self.signals.cancelled.emit()
        else:
            self.signals.failed.emit(error)
