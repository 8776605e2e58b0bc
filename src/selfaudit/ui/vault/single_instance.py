"""One running app per person: the vault's lock decides, and a second launch asks the first,
over a local socket (QLocalServer, this user only), to bring its window forward.

The lock is taken before any window is shown; the socket may be opened a moment later
(`listen`), once the first window is drawn: a second launch keeps trying to reach it for a
while, so it finds the first even in that moment."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from selfaudit.ui.foreground import let_running_app_come_forward
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock import InstanceLock

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

_WAKE = b"show\n"


def server_name(layout: VaultLayout) -> str:
    """Per data folder, so two people (or two test runs) never reach each other's app."""
    import hashlib

    digest = hashlib.sha256(str(layout.root.resolve()).encode()).hexdigest()[:16]
    return f"selfaudit-{digest}"


class SingleInstance(QObject):
    """`claim()` takes the lock and (unless told to wait: `listen()`) starts listening;
    `show_requested` fires when a second launch asks for the window."""

    show_requested = Signal()

    def __init__(self, layout: VaultLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layout = layout
        self.lock = InstanceLock(layout.lock)
        self.server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []

    @property
    def name(self) -> str:
        return server_name(self.layout)

    def claim(self, listen: bool = True) -> bool:
        """True: this is the only instance. False: another holds the lock. Raises VaultError
        when the lock cannot be made at all (disk full, no permission)."""
        if not self.lock.acquire():
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Lets a second launch reach this one (once; only while holding the lock)."""
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None or not self.lock.held:
            return
        # only the lock holder may clear a socket left by a crashed instance
        QLocalServer.removeServer(self.name)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)
        self.server.listen(self.name)

    def _connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.setParent(self)  # the server's children die with close(); ours with us
            self._sockets.append(socket)
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(self._forget)

    @Slot()
    def _read(self) -> None:
        for socket in list(self._sockets):
            if socket.bytesAvailable() and bytes(socket.readAll().data()).startswith(_WAKE.strip()):
                self.show_requested.emit()

    @Slot()
    def _forget(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        for socket in [
            s for s in self._sockets if s.state() == QLocalSocket.LocalSocketState.UnconnectedState
        ]:
            self._sockets.remove(socket)
            socket.deleteLater()

    def wake_running(self, timeout_ms: int = 1500) -> bool:
        """From a second launch: asks the running app to show itself. False if it did not
        answer (hung, or still starting) within `timeout_ms`."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            socket.connectToServer(self.name)
            if socket.waitForConnected(timeout_ms):
                break
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)  # the first may not be listening yet: it has only just started
        let_running_app_come_forward(int(socket.socketDescriptor()))  # Windows: see foreground.py
        socket.write(_WAKE)
        sent = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        for socket in self._sockets:
            socket.abort()
        self._sockets.clear()
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.release()
