"""The screen locking on Linux (and the BSDs), heard over D-Bus with QtDBus:

- the desktop's screen saver says `ActiveChanged(true)` on the session bus when the lock screen
  comes up: org.freedesktop.ScreenSaver (KDE Plasma, Xfce, LXQt), org.gnome.ScreenSaver (GNOME),
  org.cinnamon.ScreenSaver, org.mate.ScreenSaver, org.xfce.ScreenSaver;
- logind sends `Lock` to this login session on the system bus (`loginctl lock-session`, and
  desktops that lock through it), and sets its `LockedHint` property when the screen is locked.

The session's object path comes from XDG_SESSION_ID (encoded as sd-bus encodes it), so another
user's lock never locks this app. Without a session bus address the session bus is left alone
(it would otherwise try to start one); without either bus the watch is not available.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from selfaudit.ui.screen_lock import ScreenLockWatch

SCREEN_SAVERS = (
    "org.freedesktop.ScreenSaver",
    "org.gnome.ScreenSaver",
    "org.cinnamon.ScreenSaver",
    "org.mate.ScreenSaver",
    "org.xfce.ScreenSaver",
)
LOGIN1 = "org.freedesktop.login1"
LOGIN1_SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
SESSIONS = "/org/freedesktop/login1/session"
SYSTEM_BUS_SOCKET = Path("/run/dbus/system_bus_socket")
# PySide6 takes the slot as the str SLOT() makes; its type stubs say bytes, which it refuses
_SLOT: Any = SLOT("signalled(QDBusMessage)")


@dataclass(frozen=True)
class BusSignal:
    """What a D-Bus signal said, as recorded: who, what, and its arguments."""

    interface: str
    member: str
    path: str
    arguments: Sequence[object] = ()


def means_locked(signal: BusSignal, own_session: str | None) -> bool:
    """Whether this signal says the screen (of this login session) has just locked."""
    args = list(signal.arguments)
    if signal.member == "ActiveChanged" and signal.interface in SCREEN_SAVERS:
        return bool(args) and args[0] is True
    if own_session is None or signal.path != own_session:
        return False
    if signal.interface == LOGIN1_SESSION and signal.member == "Lock":
        return True
    if signal.interface == PROPERTIES and signal.member == "PropertiesChanged" and len(args) >= 2:
        changed = args[1]
        if args[0] == LOGIN1_SESSION and isinstance(changed, Mapping):
            return _plain(changed.get("LockedHint")) is True
    return False


def _plain(value: object) -> object:
    """A D-Bus variant's value (QtDBus may hand a QDBusVariant inside a dictionary)."""
    variant = getattr(value, "variant", None)
    return variant() if callable(variant) else value


def session_path(session_id: str) -> str:
    """logind's object path for a session id, encoded as sd_bus_path_encode does: letters and
    digits kept (a leading digit escaped), everything else as _xx."""
    if not session_id:
        return f"{SESSIONS}/_"
    encoded = "".join(
        char
        if char.isascii() and char.isalnum() and not (i == 0 and char.isdigit())
        else "".join(f"_{byte:02x}" for byte in char.encode("utf-8"))
        for i, char in enumerate(session_id)
    )
    return f"{SESSIONS}/{encoded}"


def _session_bus_known() -> bool:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")) or (
        bool(runtime) and Path(runtime, "bus").exists()
    )


class LinuxScreenLockWatch(ScreenLockWatch):
    """Buses and the session id may be given (tests run their own D-Bus daemons)."""

    def __init__(
        self,
        parent: QObject | None = None,
        session_bus: QDBusConnection | None = None,
        system_bus: QDBusConnection | None = None,
        session_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._session_bus = session_bus
        self._system_bus = system_bus
        self.session_id = os.environ.get("XDG_SESSION_ID") if session_id is None else session_id
        self.own_session = session_path(self.session_id) if self.session_id else None
        self._hooked: list[tuple[QDBusConnection, str, str, str, str]] = []

    def start(self) -> None:
        if self._hooked:
            return
        session = self._session_bus
        if session is None and _session_bus_known():
            session = QDBusConnection.sessionBus()
        if session is not None and session.isConnected():
            for interface in SCREEN_SAVERS:
                self._hook(session, "", "", interface, "ActiveChanged")
        system = self._system_bus
        if system is None and (
            SYSTEM_BUS_SOCKET.exists() or os.environ.get("DBUS_SYSTEM_BUS_ADDRESS")
        ):
            system = QDBusConnection.systemBus()
        if system is not None and system.isConnected() and self.own_session:
            self._hook(system, LOGIN1, self.own_session, LOGIN1_SESSION, "Lock")
            self._hook(system, LOGIN1, self.own_session, PROPERTIES, "PropertiesChanged")
        self.available = bool(self._hooked)

    def _hook(
        self, bus: QDBusConnection, service: str, path: str, interface: str, member: str
    ) -> None:
        if bus.connect(service, path, interface, member, self, _SLOT):
            self._hooked.append((bus, service, path, interface, member))

    def stop(self) -> None:
        for bus, service, path, interface, member in self._hooked:
            bus.disconnect(service, path, interface, member, self, _SLOT)
        self._hooked = []

    @Slot(QDBusMessage)
    def signalled(self, message: QDBusMessage) -> None:
        heard = BusSignal(
            message.interface(), message.member(), message.path(), tuple(message.arguments())
        )
        if means_locked(heard, self.own_session):
            self.locked.emit()
