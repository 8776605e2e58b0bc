"""Work off the UI thread: run a function on a worker thread and get its result back on the UI
thread, so the window never waits for a probe or an estimate.

Results come back by polling the futures from a timer on the UI thread, not by emitting a Qt
signal from the worker: the worker runs plain Python and never touches a Qt object, so there is
no question of which thread owns what.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer

POLL_MS = 20  # how often finished work is looked for, only while some is running


class Background(QObject):
    """Runs functions on its own small pool of threads. Each result (or the exception raised) is
    handed to its callback on the UI thread, unless the call was cancelled first."""

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="selfaudit")
        self._tokens = itertools.count(1)
        self._waiting: dict[int, tuple[Future[Any], Callable[[Any], None]]] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> int:
        token = next(self._tokens)
        self._waiting[token] = (self._pool.submit(work), on_done)
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
