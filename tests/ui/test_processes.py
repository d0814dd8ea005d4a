"""The app as separate processes: killed mid-work, and launched twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from salesdesk.domain.listing import DealQuery
from salesdesk.store.deal_list import query_deals
from salesdesk.store.engine import open_database
from tests.conftest import ROOT
from tests.ui.conftest import TODAY

EDIT_THEN_WAIT = r"""
import sys
from datetime import date
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([])
from salesdesk.ui.main_window import MainWindow

window = MainWindow()
window.show()
assert window.open_database(sys.argv[1])
deal = next(window.model.deal_at(r) for r in range(window.model.rowCount())
            if window.model.deal_at(r).title.startswith("Renouvellement"))
window.open_deal(deal.id)
window.editor.overview.title.setText("Edited just before the crash")
window.editor.overview.title.editingFinished.emit()
# the edit must be in the database within a second, with no Save button
QTimer.singleShot(1000, lambda: print("edited", flush=True))
app.exec()
"""


def test_an_edit_survives_a_kill(cli_env, tmp_path):
    db_path = tmp_path / "killed.db"
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen(
        [sys.executable, "-c", EDIT_THEN_WAIT, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    ) as proc:
        try:
            line = proc.stdout.readline() if proc.stdout else ""
            assert line.strip() == "edited", proc.stderr.read() if proc.stderr else ""
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
    db = open_database(str(db_path))
    try:
        titles = [d.title for d in query_deals(db, DealQuery(), TODAY)]
    finally:
        db.close()
    assert "Edited just before the crash" in titles


def test_a_second_launch_brings_the_first_window_forward(cli_env, tmp_path):
    db_path = tmp_path / "shared.db"
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"))
    argv = [sys.executable, "-m", "salesdesk", "--db", str(db_path)]
    first = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    log = tmp_path / "state" / "SalesDesk" / "log" / "salesdesk.log"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
            log.exists() and db_path.exists() and "starting" in log.read_text()
        ):
            time.sleep(0.2)
        time.sleep(1.0)  # the window is up and listening
        second = subprocess.run(
            argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=30, check=False
        )
        assert second.returncode == 0, second.stderr
        assert "already open on this database" in second.stderr
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "come forward" not in log.read_text():
            time.sleep(0.2)
        assert "asked this window to come forward" in log.read_text()
        assert first.poll() is None  # the first window is still there
    finally:
        first.terminate()
        first.wait(10)


def test_after_the_first_window_is_gone_a_launch_opens_normally(cli_env, tmp_path):
    """A lock left by a killed process does not keep the rep out."""
    db_path = tmp_path / "stale.db"
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"))
    argv = [sys.executable, "-m", "salesdesk", "--db", str(db_path)]
    log = Path(tmp_path / "state" / "SalesDesk" / "log" / "salesdesk.log")
    first = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (log.exists() and db_path.exists()):
        time.sleep(0.2)
    time.sleep(1.0)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    with subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    ) as second:
        try:
            time.sleep(3)
            assert second.poll() is None, second.stderr.read() if second.stderr else ""
        finally:
            second.terminate()
            second.wait(10)
