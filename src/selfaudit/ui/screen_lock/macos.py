"""The screen locking on macOS: the `com.apple.screenIsLocked` distributed notification, which
the system posts when the screen locks (the lock screen, the screen saver or display sleep with
"require password"). Heard through CoreFoundation's distributed notification centre, by ctypes:
the callback arrives on the main run loop, which Qt's event loop runs. Only the name is read;
the decision is tested from recorded notification names.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

from PySide6.QtCore import QObject

from selfaudit.ui.screen_lock import ScreenLockWatch

SCREEN_LOCKED = "com.apple.screenIsLocked"
_UTF8 = 0x08000100  # kCFStringEncodingUTF8
_DELIVER_IMMEDIATELY = 4  # CFNotificationSuspensionBehaviorDeliverImmediately
_CALLBACK = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
)  # center, observer, name, object, userInfo


def means_locked(name: str) -> bool:
    return name == SCREEN_LOCKED


class MacScreenLockWatch(ScreenLockWatch):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cf: Any = None
        self._center: int | None = None
        self._observer = ctypes.c_char(b"o")  # any unique address names the observer
        self._callback = _CALLBACK(self._called)  # kept: CoreFoundation holds only a pointer

    def start(self) -> None:
        if self._center is not None:
            return
        found = ctypes.util.find_library("CoreFoundation")
        if not found:
            return
        try:
            cf = ctypes.cdll.LoadLibrary(found)
            cf.CFNotificationCenterGetDistributedCenter.restype = ctypes.c_void_p
            cf.CFStringCreateWithCString.restype = ctypes.c_void_p
            cf.CFStringCreateWithCString.argtypes = (
                ctypes.c_void_p,
                ctypes.c_char_p,
                ctypes.c_uint32,
            )
            cf.CFNotificationCenterAddObserver.argtypes = (
                ctypes.c_void_p,
                ctypes.c_void_p,
                _CALLBACK,
                ctypes.c_void_p,
                ctypes.c_void_p,
                ctypes.c_long,
            )
            cf.CFNotificationCenterRemoveEveryObserver.argtypes = (ctypes.c_void_p, ctypes.c_void_p)
            cf.CFStringGetCString.argtypes = (
                ctypes.c_void_p,
                ctypes.c_char_p,
                ctypes.c_long,
                ctypes.c_uint32,
            )
            center = cf.CFNotificationCenterGetDistributedCenter()
            name = cf.CFStringCreateWithCString(None, SCREEN_LOCKED.encode(), _UTF8)
            cf.CFNotificationCenterAddObserver(
                center, ctypes.addressof(self._observer), self._callback, name, None,
                _DELIVER_IMMEDIATELY,
            )  # fmt: skip
        except (OSError, AttributeError):
            return
        self._cf, self._center = cf, center
        self.available = True

    def stop(self) -> None:
        if self._cf is not None and self._center is not None:
            self._cf.CFNotificationCenterRemoveEveryObserver(
                self._center, ctypes.addressof(self._observer)
            )
        self._center = None

    def _called(
        self, _center: int | None, _observer: int | None, name: int | None, *_rest: object
    ) -> None:
        buffer = ctypes.create_string_buffer(256)
        if name and self._cf.CFStringGetCString(name, buffer, len(buffer), _UTF8):
            self.notified(buffer.value.decode("utf-8", "replace"))

    def notified(self, name: str) -> None:
        """A distributed notification we listen for arrived, by name."""
        if means_locked(name):
            self.locked.emit()
