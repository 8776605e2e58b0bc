"""Whether Caps Lock is on, told from the keys a password field receives, so the field can warn
before a passphrase is typed in capitals without the person knowing.

Qt has no call for the Caps Lock state. Each platform's key events carry it in their native
modifiers (X11's LockMask, the Windows key mapper's CapsLock bit, macOS's
NSEventModifierFlagCapsLock); elsewhere (Wayland, and the offscreen platform of the tests) the
letter typed tells: a capital without Shift, or a small letter with it, means Caps Lock is on.
Until a key is typed the state is unknown and no warning shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent

# the Caps Lock bit in QKeyEvent.nativeModifiers(), by Qt platform plugin
NATIVE_CAPS_LOCK_BITS = {
    "xcb": 0x2,  # X11 LockMask in the key event's state
    "windows": 0x100,  # qwindowskeymapper's CapsLock
    "cocoa": 1 << 16,  # NSEventModifierFlagCapsLock
}


def caps_lock_state(
    platform: str, native_modifiers: int, key: int, text: str, shift: bool, before: bool | None
) -> bool | None:
    """Caps Lock after this key press, or None when it cannot be told (`before`: what was known
    before it). Pure, so each platform is tested from recorded key events."""
    if key == Qt.Key.Key_CapsLock:
        return None if before is None else not before  # this press turns it over
    bit = NATIVE_CAPS_LOCK_BITS.get(platform)
    if bit is not None:
        return bool(native_modifiers & bit)
    if len(text) == 1 and text.lower() != text.upper():
        return text.isupper() != shift
    return before


class CapsLockWatch(QObject):
    """Watches a field's key presses; `changed(bool)` when Caps Lock is found on or off."""

    changed = Signal(bool)

    def __init__(self, field: QObject) -> None:
        super().__init__(field)
        self.state: bool | None = None
        self.platform = QGuiApplication.platformName()
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            found = caps_lock_state(
                self.platform, event.nativeModifiers(), event.key(), event.text(), shift, self.state
            )
            if found is not None and found != self.state:
                self.state = found
                self.changed.emit(found)
        return super().eventFilter(watched, event)
