"""What a sync says when it stops: one sentence of ours, in the app's language, whatever
the server or the driver said (the third attack on the team server, issue 23, read
"try again in a moment.. Nothing was lost" and psycopg's own English "consuming input
failed: server closed the connection unexpectedly")."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from salesdesk.interop import sync
from salesdesk.store import engine as engine_module
from salesdesk.store.engine import open_database
from tests.conftest import server_url
from tests.team.test_sync import add_deals, by_uid

pytestmark = [pytest.mark.server]


class CuttingProxy:
    """A TCP relay to the server that drops both ends, once, the first time the client
    sends a message holding `marker` (a network cut in the middle of a sync)."""

    def __init__(self, port: int, marker: bytes) -> None:
        self.upstream = port
        self.marker = marker
        self.cut = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _addr = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.upstream))
            ends = (client, server)
            threading.Thread(target=self._pump, args=(client, server, ends), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, ends), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, ends: tuple) -> None:
        try:
            while data := source.recv(65536):
                if source is ends[0] and not self.cut and self.marker in data:
                    self.cut = True
                    break
                sink.sendall(data)
        except OSError:
            pass
        for end in ends:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def url(server) -> str:
    return server_url(server.new_database())


@pytest.fixture
def laptop(tmp_path) -> Iterator:
    db = open_database(str(tmp_path / "laptop.db"))
    yield db
    db.close()


def test_a_connection_cut_mid_sync_is_said_in_the_apps_words(laptop, url):
    add_deals(laptop, 2)
    open_database(url).close()  # the schema made: the cut comes in the sync itself
    proxy = CuttingProxy(make_url(url).port or 5432, b"deal_tombstone")
    try:
        through = make_url(url).set(port=proxy.port).render_as_string(hide_password=False)
        report = sync.sync(laptop, through)
    finally:
        proxy.close()
    assert proxy.cut
    assert report.errors == [
        "The sync stopped: the connection to the team server was lost (a network cut, or a "
        "restart). Nothing was lost; the next sync goes on."
    ]
    report = sync.sync(laptop, url)  # the next sync finishes the job
    assert report.ok and report.sent == 2
    there = open_database(url)
    try:
        assert by_uid(there) == by_uid(laptop)
    finally:
        there.close()


def test_a_sync_kept_waiting_by_a_lock_says_so_in_one_sentence(laptop, url, monkeypatch):
    monkeypatch.setattr(engine_module, "LOCK_TIMEOUT_MS", 300)
    add_deals(laptop, 1)
    assert sync.sync(laptop, url).ok
    plain = url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(plain) as holder:
        holder.execute("LOCK TABLE deal IN ACCESS EXCLUSIVE MODE")
        report = sync.sync(laptop, url)
    assert report.errors == [
        "The sync stopped: The database is busy with someone else's change; try again in a "
        "moment. Nothing was lost; the next sync goes on."
    ]
