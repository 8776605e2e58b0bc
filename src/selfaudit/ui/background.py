"""Running a small job (a file write, a status check) off the UI thread.

The result comes back as a Qt signal, delivered on the UI thread because the receiving slot is
a method of a QObject living there. Connect only QObject methods, never lambdas: a lambda has
no thread of its own and would run on the worker thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobSignals(QObject):
    done = Signal(object)  # the job's return value
    failed = Signal(object)  # the exception it raised


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: JobSignals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the UI, which shows it; never lost
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        # the waiting widget may have been closed meanwhile: then nobody needs the answer
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Any], None],
    owner: QObject,
) -> JobSignals:
    """Runs `work` on the global thread pool. The signals object is parented to `owner` so it
    lives as long as the widget waiting for it."""
    signals = JobSignals(owner)
    signals.done.connect(on_done)
    signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(_Job(work, signals))
    return signals
