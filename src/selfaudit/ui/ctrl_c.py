"""Ctrl-C in the terminal the app was started from closes it as its windows' close buttons do:
what was answered is saved first, then it quits, with one line in the terminal.

Python runs its own signal handlers only between bytecodes, and Qt's event loop waits in C++
for as long as nothing happens, so Ctrl-C would wait for the next mouse move (or be taken as
an error in whatever ran next). The signal's wake-up byte is written to a socket Qt watches,
which brings the loop back into Python at once.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication


def close_on_ctrl_c(app: QApplication) -> Callable[[], bool]:
    """From now on Ctrl-C closes every window (a second one quits at once). Returns whether it
    has been pressed. Left as it is where Ctrl-C is ignored (started in the background) or
    the signal cannot be watched."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: False
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        return lambda: False
    try:
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except (OSError, ValueError):
        return lambda: False
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    pressed: list[int] = []

    def drain() -> None:
        try:
            while reader.recv(64):
                pass
        except OSError:  # nothing more to read: the handler has run on the way here
            pass

    def handler(signum: int, _frame: object) -> None:
        pressed.append(signum)
        if len(pressed) == 1:
            QTimer.singleShot(0, app.closeAllWindows)  # each window saves as it closes
        else:
            app.quit()

    notifier.activated.connect(drain)
    signal.signal(signal.SIGINT, handler)

    def was_pressed() -> bool:
        return bool(pressed)

    # the sockets close when collected: held for as long as the app may be interrupted
    app.setProperty("selfaudit-ctrl-c-sockets", (reader, writer))
    return was_pressed
