"""Knowing when the screen locks, per OS: Linux from D-Bus signals (recorded, and sent for real
over private D-Bus daemons standing in for the session and system buses), Windows from recorded
WTS messages through the native event filter, macOS from recorded notification names."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from selfaudit.ui.screen_lock import NOT_WATCHED_NOTE, WATCHED_NOTE, ScreenLockWatch
from selfaudit.ui.screen_lock.linux import (
    LOGIN1_SESSION,
    PROPERTIES,
    SCREEN_SAVERS,
    BusSignal,
    LinuxScreenLockWatch,
    means_locked,
    session_path,
)
from selfaudit.ui.screen_lock.macos import MacScreenLockWatch
from selfaudit.ui.screen_lock.macos import means_locked as mac_means_locked
from selfaudit.ui.screen_lock.windows import (
    MSG,
    WM_WTSSESSION_CHANGE,
    SessionChangeFilter,
)
from selfaudit.ui.screen_lock.windows import means_locked as windows_means_locked

OWN = "/org/freedesktop/login1/session/_32"  # logind's path for XDG_SESSION_ID=2


@pytest.mark.parametrize(
    ("session_id", "path"),
    [
        ("2", "/org/freedesktop/login1/session/_32"),
        ("c1", "/org/freedesktop/login1/session/c1"),
        ("12", "/org/freedesktop/login1/session/_312"),
        ("3-x", "/org/freedesktop/login1/session/_33_2dx"),
        ("", "/org/freedesktop/login1/session/_"),
    ],
)
def test_the_session_path_is_encoded_as_logind_encodes_it(session_id: str, path: str) -> None:
    assert session_path(session_id) == path


# signals as dbus-monitor shows them on GNOME, KDE Plasma, Cinnamon and with loginctl
LOCKING_SIGNALS = [
    BusSignal("org.gnome.ScreenSaver", "ActiveChanged", "/org/gnome/ScreenSaver", (True,)),
    BusSignal(
        "org.freedesktop.ScreenSaver", "ActiveChanged", "/org/freedesktop/ScreenSaver", (True,)
    ),
    BusSignal("org.freedesktop.ScreenSaver", "ActiveChanged", "/ScreenSaver", (True,)),
    BusSignal("org.cinnamon.ScreenSaver", "ActiveChanged", "/org/cinnamon/ScreenSaver", (True,)),
    BusSignal(LOGIN1_SESSION, "Lock", OWN),
    BusSignal(PROPERTIES, "PropertiesChanged", OWN, (LOGIN1_SESSION, {"LockedHint": True}, [])),
]
OTHER_SIGNALS = [
    BusSignal("org.gnome.ScreenSaver", "ActiveChanged", "/org/gnome/ScreenSaver", (False,)),
    BusSignal("org.gnome.ScreenSaver", "WakeUpScreen", "/org/gnome/ScreenSaver"),
    BusSignal(LOGIN1_SESSION, "Unlock", OWN),
    BusSignal(LOGIN1_SESSION, "Lock", "/org/freedesktop/login1/session/_33"),  # someone else
    BusSignal(PROPERTIES, "PropertiesChanged", OWN, (LOGIN1_SESSION, {"LockedHint": False}, [])),
    BusSignal(PROPERTIES, "PropertiesChanged", OWN, (LOGIN1_SESSION, {"IdleHint": True}, [])),
    BusSignal(
        PROPERTIES, "PropertiesChanged", OWN, ("org.freedesktop.login1.User", {"X": True}, [])
    ),
    BusSignal("org.example.Other", "ActiveChanged", "/", (True,)),
]


@pytest.mark.parametrize("signal", LOCKING_SIGNALS, ids=lambda s: f"{s.interface}.{s.member}")
def test_linux_signals_that_mean_the_screen_locked(signal: BusSignal) -> None:
    assert means_locked(signal, OWN)


@pytest.mark.parametrize("signal", OTHER_SIGNALS, ids=lambda s: f"{s.interface}.{s.member}")
def test_linux_signals_that_do_not(signal: BusSignal) -> None:
    assert not means_locked(signal, OWN)


def test_without_a_session_id_only_the_screen_saver_counts() -> None:
    assert not means_locked(BusSignal(LOGIN1_SESSION, "Lock", OWN), None)
    assert means_locked(LOCKING_SIGNALS[0], None)


class PrivateBus:
    """A dbus-daemon of our own, so nothing reaches the person's real buses."""

    def __init__(self, name: str) -> None:
        daemon = shutil.which("dbus-daemon")
        assert daemon, "these tests need dbus-daemon (sudo apt-get install dbus)"
        self.process = subprocess.Popen(
            [daemon, "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().strip()
        self.name = name

    def connect(self, suffix: str) -> QDBusConnection:
        bus = QDBusConnection.connectToBus(self.address, f"{self.name}-{suffix}")
        assert bus.isConnected(), bus.lastError().message()
        return bus

    def close(self) -> None:
        for suffix in ("app", "desktop"):
            QDBusConnection.disconnectFromBus(f"{self.name}-{suffix}")
        self.process.terminate()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def buses() -> Iterator[tuple[PrivateBus, PrivateBus]]:
    session, system = PrivateBus("session"), PrivateBus("system")
    yield session, system
    session.close()
    system.close()


def send(bus: QDBusConnection, path: str, interface: str, member: str, *args: object) -> None:
    message = QDBusMessage.createSignal(path, interface, member)
    message.setArguments(list(args))
    assert bus.send(message)


def test_the_linux_watch_hears_the_screen_saver_and_logind_over_d_bus(
    qtbot: QtBot, buses: tuple[PrivateBus, PrivateBus]
) -> None:
    session, system = buses
    watch = LinuxScreenLockWatch(
        session_bus=session.connect("app"), system_bus=system.connect("app"), session_id="2"
    )
    heard: list[bool] = []
    watch.locked.connect(lambda: heard.append(True))
    watch.start()
    assert watch.available and watch.note == WATCHED_NOTE
    desktop = session.connect("desktop")
    login1 = system.connect("desktop")
    assert login1.registerService("org.freedesktop.login1")

    send(desktop, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", False)
    send(desktop, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: heard == [True])
    send(login1, "/org/freedesktop/login1/session/_33", LOGIN1_SESSION, "Lock")  # another user
    send(login1, OWN, LOGIN1_SESSION, "Lock")
    qtbot.waitUntil(lambda: heard == [True, True])

    watch.stop()  # the checklist opens with the keyring now: nothing more is heard
    send(desktop, "/org/freedesktop/ScreenSaver", SCREEN_SAVERS[0], "ActiveChanged", True)
    send(login1, OWN, LOGIN1_SESSION, "Lock")
    marker: list[bool] = []
    probe = LinuxScreenLockWatch(session_bus=session.connect("app"), session_id="")
    probe.locked.connect(lambda: marker.append(True))
    probe.start()  # a watch that is still listening, to know the signals have gone by
    send(desktop, "/org/freedesktop/ScreenSaver", SCREEN_SAVERS[0], "ActiveChanged", True)
    qtbot.waitUntil(lambda: marker == [True])
    assert heard == [True, True]
    probe.stop()


def test_without_any_bus_the_linux_watch_says_it_cannot_tell(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    from selfaudit.ui.screen_lock import linux

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("DBUS_SYSTEM_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setattr(linux, "SYSTEM_BUS_SOCKET", linux.Path(str(tmp_path), "no-socket"))
    watch = LinuxScreenLockWatch(session_id="2")
    watch.start()
    assert not watch.available and watch.note == NOT_WATCHED_NOTE
    assert not ScreenLockWatch().available  # where no OS module applies


def windows_message(message: int, wparam: int) -> MSG:
    # as Windows delivers them: hwnd, message, wParam, lParam (the session id), time, point
    return MSG(0x000A0B2C, message, wparam, 1, 0x0123ABCD, 640, 400)


@pytest.mark.parametrize(
    ("message", "wparam", "locked"),
    [
        (WM_WTSSESSION_CHANGE, 0x7, True),  # WTS_SESSION_LOCK
        (WM_WTSSESSION_CHANGE, 0x8, False),  # WTS_SESSION_UNLOCK
        (WM_WTSSESSION_CHANGE, 0x5, False),  # WTS_SESSION_LOGON
        (WM_WTSSESSION_CHANGE, 0x2, False),  # WTS_CONSOLE_DISCONNECT
        (0x0218, 0x7, False),  # WM_POWERBROADCAST, whatever its wParam
        (0x0100, 0x7, False),  # WM_KEYDOWN
    ],
)
def test_windows_session_messages_through_the_native_filter(
    message: int, wparam: int, locked: bool
) -> None:
    assert windows_means_locked(message, wparam) is locked
    heard: list[bool] = []
    session_filter = SessionChangeFilter(lambda: heard.append(True))
    msg = windows_message(message, wparam)
    result = session_filter.nativeEventFilter(
        QByteArray(b"windows_generic_MSG"), ctypes.addressof(msg)
    )
    assert result == (False, 0)  # every message goes on to Qt
    assert heard == ([True] if locked else [])
    session_filter.nativeEventFilter(QByteArray(b"xcb_generic_event_t"), ctypes.addressof(msg))
    assert heard == ([True] if locked else [])  # other platforms' events are left alone


@pytest.mark.parametrize(
    ("name", "locked"),
    [
        ("com.apple.screenIsLocked", True),
        ("com.apple.screenIsUnlocked", False),
        ("com.apple.screensaver.didstart", False),
        ("com.apple.screensaver.didstop", False),
    ],
)
def test_macos_notifications_by_name(qtbot: QtBot, name: str, locked: bool) -> None:
    assert mac_means_locked(name) is locked
    watch = MacScreenLockWatch()
    heard: list[bool] = []
    watch.locked.connect(lambda: heard.append(True))
    watch.notified(name)
    assert heard == ([True] if locked else [])
