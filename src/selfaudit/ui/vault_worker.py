"""Running vault work (keyring calls, key derivation, encryption, disk) off the UI thread.

A plain daemon thread, not QThreadPool: a keyring call blocked on an unanswered unlock prompt
cannot be cancelled, only abandoned, and an abandoned pool thread would hold up the app's exit.
The result comes back to the UI thread through a queued signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

T = TypeVar("T")

_running: set[Background[Any]] = set()  # keeps each relay alive until it has delivered


class Background(QObject, Generic[T]):
    """One call in the background. `cancel()` makes the UI ignore its result (the thread runs on
    to the end, since a blocked OS call cannot be interrupted)."""

    _finished = Signal(object, object)

    def __init__(
        self,
        action: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self._action = action
        self._on_done = on_done
        self._on_error = on_error
        self.cancelled = False
        self.finished = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(self) -> Background[T]:
        _running.add(self)
        threading.Thread(target=self._run, name="selfaudit-vault", daemon=True).start()
        return self

    def cancel(self) -> None:
        self.cancelled = True

    def _run(self) -> None:
        try:
            result = self._action()
        except BaseException as exc:
            self._finished.emit(None, exc)
        else:
            self._finished.emit(result, None)

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self.finished = True
        _running.discard(self)
        if self.cancelled:
            return
        if error is not None:
            self._on_error(error)
        else:
            self._on_done(result)


def run_in_background(
    action: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
) -> Background[T]:
    return Background(action, on_done, on_error).start()
