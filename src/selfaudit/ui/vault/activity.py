"""The person's use of the app, for locking: how long since they last pressed a key, clicked,
scrolled or moved the mouse in any of its windows (`idle` once that reaches the idle time), and
the lock key, Ctrl+L (Cmd+L on a Mac), from any window, dialogs included.

One event filter on the application sees every window's input. It is installed only while the
checklist asks for a passphrase (nothing to lock otherwise). The clock is injectable, and
`check()` is what the timer calls, so tests move time on instead of waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

CHECK_MS = 5000  # how often the idle time is looked at: the lock comes within 5 s of it
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


def is_lock_key(event: QKeyEvent) -> bool:
    # Qt reads the Mac's Command key as Control, so this is Cmd+L there
    return event.key() == Qt.Key.Key_L and event.modifiers() == Qt.KeyboardModifier.ControlModifier


class ActivityWatch(QObject):
    idle = Signal()
    lock_key = Signal()

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.last_input = clock()
        self.idle_seconds: float | None = None  # None: never idle-locked
        self.watching = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self, idle_minutes: int | None) -> None:
        """Watches from now; `idle_minutes` None: only the lock key."""
        app = QCoreApplication.instance()
        if app is not None and not self.watching:
            app.installEventFilter(self)
            self.watching = True
        self.last_input = self.clock()
        self.set_idle_minutes(idle_minutes)

    def set_idle_minutes(self, minutes: int | None) -> None:
        self.idle_seconds = None if minutes is None else minutes * 60.0
        if self.idle_seconds is None or not self.watching:
            self.timer.stop()
        else:
            self.timer.start()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self.watching:
            app.removeEventFilter(self)
        self.watching = False
        self.timer.stop()

    def idle_for(self) -> float:
        return self.clock() - self.last_input

    def check(self) -> None:
        if self.idle_seconds is not None and self.idle_for() >= self.idle_seconds:
            self.timer.stop()  # once: the owner locks, then starts watching again on unlock
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT:
            self.last_input = self.clock()
            if isinstance(event, QKeyEvent) and kind == QEvent.Type.KeyPress and is_lock_key(event):
                self.lock_key.emit()
                return True
        return False  # every event of the app passes here: nothing more than needed
