"""One window per database: a second launch brings the first window forward."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCryptographicHash,
    QDir,
    QElapsedTimer,
    QLockFile,
    QObject,
    QThread,
    Signal,
)

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger(__name__)


class SingleInstance(QObject):
    """Holds a lock per database; the holder listens for "raise" requests."""

    activated = Signal()

    def __init__(self, database: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Qt's hash: hashlib would be one more import before the window shows.
        sha = QCryptographicHash.hash(database.encode("utf-8"), QCryptographicHash.Algorithm.Sha256)
        digest = bytes(sha.toHex().data()).decode("ascii")[:16]
        self.name = f"salesdesk-{digest}"
        self.lock = QLockFile(QDir.temp().filePath(f"{self.name}.lock"))
        self.lock.setStaleLockTime(0)  # a crashed holder's lock is detected by its PID
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the database's lock; `listen()` then answers later launches."""
        return bool(self.lock.tryLock(100))

    def listen(self) -> None:
        # QtNetwork is imported here, once the window is on screen.
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)
        if not self.server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, self.server.errorString())

    def notify_running(self, timeout_ms: int = 3000) -> bool:
        """Ask the running instance to come forward; False when it did not answer."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        clock = QElapsedTimer()
        clock.start()
        # The first window starts listening just after it is shown: try for a while.
        while True:
            socket.connectToServer(self.name)
            if socket.waitForConnected(200):
                break
            if clock.elapsed() > timeout_ms:
                return False
            QThread.msleep(100)
        written = socket.write(b"raise\n")
        # flush() may already have sent everything; waiting is only for what is left.
        if socket.bytesToWrite() > 0:
            socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return written > 0

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: s.readAll())
            socket.disconnected.connect(socket.deleteLater)
        log.info("another launch asked this window to come forward")
        self.activated.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()
