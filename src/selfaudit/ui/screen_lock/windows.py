"""The screen locking on Windows: WTS session notifications. A native window of our own (a
QWindow, never shown) is registered with WTSRegisterSessionNotification for this session; when
the person locks the computer (Windows+L, or the screen saver's lock) Windows sends it
WM_WTSSESSION_CHANGE with WTS_SESSION_LOCK, which a native event filter picks out of Qt's
message stream. The Win32 calls are type-checked as Windows sees them (`mypy --platform
win32`) and only run there; the message decoding is tested from recorded messages.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject
from PySide6.QtGui import QWindow

from selfaudit.ui.screen_lock import ScreenLockWatch

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
NOTIFY_FOR_THIS_SESSION = 0
NATIVE_MESSAGE_TYPES = (b"windows_generic_MSG", b"windows_dispatcher_MSG")


class MSG(ctypes.Structure):
    """winuser.h's MSG, with sizes spelt out so it reads the same everywhere."""

    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint32),
        ("wParam", ctypes.c_size_t),  # WPARAM: UINT_PTR
        ("lParam", ctypes.c_ssize_t),  # LPARAM: LONG_PTR
        ("time", ctypes.c_uint32),
        ("pt_x", ctypes.c_int32),
        ("pt_y", ctypes.c_int32),
    )


def means_locked(message: int, wparam: int) -> bool:
    return message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK


class SessionChangeFilter(QAbstractNativeEventFilter):
    """Calls `on_lock` for a WTS_SESSION_LOCK message; lets every message through."""

    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self.on_lock = on_lock

    def nativeEventFilter(  # Qt's names
        self,
        eventType: QByteArray | bytes | bytearray | memoryview,  # noqa: N803
        message: int,
    ) -> object:
        if QByteArray(eventType).data() in NATIVE_MESSAGE_TYPES and message:
            msg = MSG.from_address(int(message))
            if means_locked(msg.message, msg.wParam):
                self.on_lock()
        return False, 0


class WindowsScreenLockWatch(ScreenLockWatch):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filter = SessionChangeFilter(self.locked.emit)
        self._window: QWindow | None = None

    def start(self) -> None:
        app = QCoreApplication.instance()
        if self._window is not None or app is None:
            return
        window = QWindow()
        window.create()
        if not _register(int(window.winId())):
            window.destroy()
            return
        app.installNativeEventFilter(self.filter)
        self._window = window
        self.available = True

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if self._window is None:
            return
        _unregister(int(self._window.winId()))
        if app is not None:
            app.removeNativeEventFilter(self.filter)
        self._window.destroy()
        self._window = None


if sys.platform == "win32":  # the Win32 calls; type-checked only as Windows sees them

    def _register(hwnd: int) -> bool:
        register = ctypes.windll.wtsapi32.WTSRegisterSessionNotification
        register.argtypes = (ctypes.c_void_p, ctypes.c_uint32)  # HWND, DWORD
        return bool(register(hwnd, NOTIFY_FOR_THIS_SESSION))

    def _unregister(hwnd: int) -> None:
        unregister = ctypes.windll.wtsapi32.WTSUnRegisterSessionNotification
        unregister.argtypes = (ctypes.c_void_p,)
        unregister(hwnd)

else:

    def _register(hwnd: int) -> bool:
        return False  # only Windows sends session notifications

    def _unregister(hwnd: int) -> None:
        pass
