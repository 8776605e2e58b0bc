"""One running app per person: the vault's lock decides, and a second launch asks the first,
over a local socket (QLocalServer, this user only), to bring its window forward."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock import InstanceLock

_WAKE = b"show\n"


def server_name(layout: VaultLayout) -> str:
    """Per data folder, so two people (or two test runs) never reach each other's app."""
    digest = hashlib.sha256(str(layout.root.resolve()).encode()).hexdigest()[:16]
    return f"selfaudit-{digest}"


class SingleInstance(QObject):
    """`claim()` takes the lock and starts listening; `show_requested` fires when a second
    launch asks for the window."""

    show_requested = Signal()

    def __init__(self, layout: VaultLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = InstanceLock(layout.lock)
        self.name = server_name(layout)
        self.server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []

    def claim(self) -> bool:
        """True: this is the only instance. False: another holds the lock. Raises VaultError
        when the lock cannot be made at all (disk full, no permission)."""
        if not self.lock.acquire():
            return False
        # only the lock holder may clear a socket left by a crashed instance
        QLocalServer.removeServer(self.name)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)
        self.server.listen(self.name)
        return True

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
        for socket in [
            s for s in self._sockets if s.state() == QLocalSocket.LocalSocketState.UnconnectedState
        ]:
            self._sockets.remove(socket)
            socket.deleteLater()

    def wake_running(self, timeout_ms: int = 1500) -> bool:
        """From a second launch: asks the running app to show itself. False if it did not
        answer (hung, or still starting)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
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
