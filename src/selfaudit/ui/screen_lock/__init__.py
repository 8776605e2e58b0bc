"""Knowing when the person locks their screen, so selfaudit locks too: one interface, one
module per OS (linux.py: the screen saver's and logind's D-Bus signals; windows.py: WTS session
notifications; macos.py: the com.apple.screenIsLocked distributed notification). Each module
decides from what the OS sends in a plain function, tested from recorded values; the calls
into the OS are thin.

Where none of them can listen (no session bus, an unknown desktop, another OS) the watch says
so (`available` stays False) and selfaudit relies on its idle time instead; Settings says that
in one line (NOT_WATCHED_NOTE).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

WATCHED_NOTE = "selfaudit also locks when you lock your screen."
NOT_WATCHED_NOTE = (
    "selfaudit cannot tell when you lock your screen on this computer, so it relies on the "
    "time above: lock it yourself (Ctrl+L) when you step away."
)


class ScreenLockWatch(QObject):
    """`locked` when the screen locks. This base watches nothing: where the OS cannot tell."""

    locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = False

    def start(self) -> None:
        """Starts listening; `available` says whether it could."""

    def stop(self) -> None:
        """Stops listening (the checklist opens with the keyring, or the app is locked)."""

    @property
    def note(self) -> str:
        return WATCHED_NOTE if self.available else NOT_WATCHED_NOTE


def screen_lock_watch(parent: QObject | None = None) -> ScreenLockWatch:
    """The watch for this OS."""
    if sys.platform == "win32":
        from selfaudit.ui.screen_lock.windows import WindowsScreenLockWatch

        return WindowsScreenLockWatch(parent)
    if sys.platform == "darwin":
        from selfaudit.ui.screen_lock.macos import MacScreenLockWatch

        return MacScreenLockWatch(parent)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        from selfaudit.ui.screen_lock.linux import LinuxScreenLockWatch

        return LinuxScreenLockWatch(parent)
    return ScreenLockWatch(parent)
