"""One clock, the server's: a laptop whose clock is more than five minutes off the
server's is told so at sync (as Anki does), in the command line and in the app; the
last-sync mark is the server's time, never the laptop's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from salesdesk.interop import sync
from salesdesk.store.engine import open_database
from tests.conftest import server_url
from tests.team.test_sync import add_deals, run_cli

pytestmark = [pytest.mark.server]


@pytest.mark.parametrize(
    ("shift", "said"), [("+1y", "365 days ahead of"), ("-2h", "2 hours behind")]
)
def test_a_laptop_clock_far_from_the_servers_is_warned_at_sync(
    server, tmp_path, cli_env, shift, said
):
    url = server_url(server.new_database())
    laptop = open_database(str(tmp_path / "laptop.db"))
    add_deals(laptop, 1)
    laptop.close()
    done = run_cli(
        {**cli_env, "FAKETIME": shift, "LD_PRELOAD": _libfaketime()},
        "--db",
        str(tmp_path / "laptop.db"),
        "sync",
        "--server",
        url,
    )
    assert done.returncode == 0, done.stderr
    assert "1 sent" in done.stdout
    warning = [line for line in done.stderr.splitlines() if "clock" in line]
    assert len(warning) == 1 and f"clock is {said} the team server's" in warning[0], warning
    laptop = open_database(str(tmp_path / "laptop.db"))
    try:
        last = sync.last_sync(laptop)
        assert last is not None and abs(last - datetime.now(UTC)) < timedelta(minutes=5)
    finally:
        laptop.close()
    # A clock set right: not a word about it.
    again = run_cli(cli_env, "--db", str(tmp_path / "laptop.db"), "sync")
    assert again.returncode == 0 and "clock" not in again.stderr


def test_four_minutes_off_is_within_the_tolerance_on_a_server_fourteen_hours_east(server, tmp_path):
    name = server.new_database()
    server.admin(f"ALTER DATABASE \"{name}\" SET timezone TO 'Pacific/Kiritimati'")
    url = server_url(name)
    laptop = open_database(str(tmp_path / "laptop.db"))
    try:
        near = sync.sync(laptop, url, clock=lambda: datetime.now(UTC) + timedelta(minutes=4))
        assert near.ok and near.clock_off is None and near.clock_warning() is None
        last = sync.last_sync(laptop)  # the server's time, whatever its time zone
        assert last is not None and abs(last - datetime.now(UTC)) < timedelta(minutes=1)
        far = sync.sync(laptop, clock=lambda: datetime.now(UTC) - timedelta(minutes=7))
        assert far.clock_off is not None and far.clock_off < -timedelta(minutes=6)
        assert "7 minutes behind" in str(far.clock_warning())
    finally:
        laptop.close()


def _libfaketime() -> str:
    import glob
    import shutil

    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed")
    found = glob.glob("/usr/lib/*/faketime/libfaketime.so.1") + glob.glob(
        "/usr/lib/faketime/libfaketime.so.1"
    )
    if not found:
        pytest.skip("libfaketime is not installed")
    return found[0]
