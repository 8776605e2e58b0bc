"""Knowing when a window has really been drawn: the hidden --exit-after-show (the bundle's smoke
test and the start-up benchmark) reports the first frame of the audit window, not merely that
a window exists.

A window's first frame is painted when the window system exposes it (Qt paints a widget
synchronously while it handles the expose). So each new top-level window gets an event filter,
and once its first paint has been handled and the event loop is free again, it counts as shown.
New windows are looked for every millisecond: an application-wide event filter would call
Python for every event of every widget and slow down the very start-up it measures.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

LOOK_MS = 1


class FirstFrames(QObject):
    """Calls `on_painted(window)` once for each top-level window, after its first frame."""

    def __init__(self, app: QApplication, on_painted: Callable[[QWidget], None]) -> None:
        super().__init__(app)
        self.app = app
        self.on_painted = on_painted
        self._painted: list[QWidget] = []
        self._watched: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(LOOK_MS)
        self._timer.timeout.connect(self.look)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        for window in self._alive(self._watched):
            window.removeEventFilter(self)

    def painted(self) -> list[QWidget]:
        """Windows whose first frame is done, in that order."""
        return self._alive(self._painted)

    def unpainted(self) -> list[QWidget]:
        """Windows on screen whose first frame is still to come."""
        return [w for w in self._alive(self._watched) if w not in self._painted and w.isVisible()]

    @staticmethod
    def _alive(windows: list[QWidget]) -> list[QWidget]:
        return [w for w in windows if shiboken6.isValid(w)]  # a closed dialog may be deleted

    def look(self) -> None:
        for window in self.app.topLevelWidgets():
            if window in self._watched or not window.isVisible():
                continue
            self._watched.append(window)
            handle = window.windowHandle()
            if handle is not None and handle.isExposed():
                self._first_frame(window)  # exposed since the last look: painted then
            else:
                window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched in self._watched
            and watched not in self._painted
        ):
            watched.removeEventFilter(self)
            # the rest of the frame (children, then the flush) is drawn before this runs
            QTimer.singleShot(0, lambda: self._first_frame(watched))
        return False

    def _first_frame(self, window: QWidget) -> None:
        if window not in self._painted and shiboken6.isValid(window):
            self._painted.append(window)
            self.on_painted(window)


class _AfterFirstFrame(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(window)
        self.then = then
        self.done = False
        window.installEventFilter(self)
        # a window never exposed (minimised at once, say) must not hold up the rest
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if not self.done:
            self.done = True
            self.then()


def after_first_frame(window: QWidget, then: Callable[[], None], fallback_ms: int = 500) -> None:
    """Calls `then` once `window` (just shown) has drawn its first frame, or after
    `fallback_ms` if it is not drawn by then: work that would hold up that frame waits."""
    _AfterFirstFrame(window, then, fallback_ms)
