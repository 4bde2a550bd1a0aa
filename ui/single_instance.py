"""One running copy per database: a second start brings the first window forward and exits."""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 500


def server_name(database: str) -> str:
    """A name per user and database, so two databases (or two users) can each have their copy open."""
    key = f"{getpass.getuser()}\0{database}".encode()
    return "customers-for-life-" + hashlib.sha256(key).hexdigest()[:16]


def ask_running_copy_to_show(database: str) -> bool:
    """True when another copy has this database open (and was asked to come forward)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(database))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(b"show\n")
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class SingleInstance(QObject):
    """Listens for later starts on the same database; `show_requested` brings the window forward."""

    show_requested = Signal()

    def __init__(self, database: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(database)
        if not self._server.listen(name):
            # A copy that crashed leaves its socket file behind on Linux; clear it and listen again.
            QLocalServer.removeServer(name)
            self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self.show_requested.emit)
            socket.disconnected.connect(socket.deleteLater)
