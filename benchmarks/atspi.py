"""A small AT-SPI client: what a screen reader reads of a running program, over the accessibility
bus, from outside the program. Plain D-Bus calls through jeepney (installed with keyring's Secret
Service support), no pyatspi.

The accessibility bus is the one the session bus names (`org.a11y.Bus.GetAddress`, which starts
at-spi-bus-launcher when needed). Programs register there with the AT-SPI registry; each
accessible object answers `org.a11y.atspi.Accessible` (`GetChildren`, and the `Name` property).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, MessageType, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

REGISTRY = "org.a11y.atspi.Registry"
ROOT = "/org/a11y/atspi/accessible/root"
ACCESSIBLE = "org.a11y.atspi.Accessible"
# what a screen reader such as Orca listens to: with a listener registered, a toolkit sends
# these events as its widgets change (and does the work of describing them)
SCREEN_READER_EVENTS = ("object:", "window:", "focus:")


class AccessibilityError(Exception):
    pass


@dataclass(frozen=True)
class Found:
    names: dict[str, str]  # each text looked for: the accessible name that contained it
    walked: int  # accessible objects asked for their name and children on the last walk


class AccessibilityBus:
    """A connection to the accessibility bus of the current D-Bus session."""

    def __init__(self, timeout: float = 5.0) -> None:
        self.timeout = timeout
        with open_dbus_connection("SESSION") as session:
            address = self._call(
                session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress"
            )[0]
        self.connection: DBusConnection = open_dbus_connection(address)
        self.children(REGISTRY, ROOT)  # the registry answers: it has started

    def close(self) -> None:
        self.connection.close()

    def _call(
        self,
        connection: DBusConnection,
        bus: str,
        path: str,
        interface: str,
        method: str,
        signature: str | None = None,
        body: tuple[Any, ...] = (),
    ) -> tuple[Any, ...]:
        message = new_method_call(DBusAddress(path, bus, interface), method, signature, body)
        reply = connection.send_and_get_reply(message, timeout=self.timeout)
        if reply.header.message_type == MessageType.error:
            raise AccessibilityError(f"{method} on {bus} {path}: {reply.body}")
        return tuple(reply.body)

    def call(
        self,
        bus: str,
        path: str,
        interface: str,
        method: str,
        signature: str | None = None,
        body: tuple[Any, ...] = (),
    ) -> tuple[Any, ...]:
        return self._call(self.connection, bus, path, interface, method, signature, body)

    def listen_like_a_screen_reader(self) -> None:
        for event in SCREEN_READER_EVENTS:
            self.call(
                REGISTRY,
                "/org/a11y/atspi/registry",
                "org.a11y.atspi.Registry",
                "RegisterEvent",
                "s",
                (event,),
            )

    def children(self, bus: str, path: str) -> list[tuple[str, str]]:
        return [tuple(child) for child in self.call(bus, path, ACCESSIBLE, "GetChildren")[0]]

    def name(self, bus: str, path: str) -> str:
        variant = self.call(
            bus, path, "org.freedesktop.DBus.Properties", "Get", "ss", (ACCESSIBLE, "Name")
        )[0]
        return str(variant[1])

    def application(self, pid: int) -> tuple[str, str] | None:
        """The registered application of process `pid`, if it has registered."""
        for bus, path in self.children(REGISTRY, ROOT):
            try:
                owner = self.call(
                    "org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus",
                    "GetConnectionUnixProcessID",
                    "s",
                    (bus,),
                )[0]
            except AccessibilityError:
                continue  # gone since the registry listed it
            if owner == pid:
                return bus, path
        return None

    def find(self, application: tuple[str, str], texts: Sequence[str]) -> Found:
        """Walks the application's accessible objects breadth first, as far as needed to find
        each of `texts` in an object's name."""
        bus, root = application
        names: dict[str, str] = {}
        queue = deque([root])
        walked = 0
        while queue and len(names) < len(texts):
            path = queue.popleft()
            walked += 1
            try:
                name = self.name(bus, path)
                children = self.children(bus, path)
            except AccessibilityError:
                continue  # an object gone (or not yet there) since its parent listed it
            for text in texts:
                if text not in names and text in name:
                    names[text] = name
            queue.extend(child_path for _, child_path in children)
        return Found(names, walked)

    def wait_for(
        self,
        pid: int,
        texts: Sequence[str],
        alive: Any,
        timeout: float = 30.0,
        pause: float = 0.005,
    ) -> tuple[float, Found]:
        """Polls until every one of `texts` can be read in the application of process `pid`;
        returns when (time.perf_counter()) and what was found. `alive()` says whether the
        process still runs."""
        deadline = time.perf_counter() + timeout
        application = None
        found = Found({}, 0)
        while time.perf_counter() < deadline:
            if not alive():
                raise AccessibilityError(f"the program ended before {texts} could be read")
            if application is None:
                application = self.application(pid)
            if application is not None:
                found = self.find(application, texts)
                if len(found.names) == len(texts):
                    return time.perf_counter(), found
            time.sleep(pause)
        raise AccessibilityError(f"{texts} not readable after {timeout:.0f} s: {found}")
