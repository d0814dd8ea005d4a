"""Sync timings on loopback: a laptop's first sync of 1,000 deals from the team server
(target ≤ 30 s), then a sync with 10 deals changed here and 10 on the server (≤ 2 s each).

    python benchmarks/bench_sync.py postgresql://postgres@127.0.0.1:PORT/postgres [--deals 1000]

A fresh database is made on that server (and dropped after); the deals are the sample
deals' full worksheets (terms, offers, ledger, people, meetings) under new uids.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from salesdesk.interop import sync
from salesdesk.interop.demo import sample_sheets
from salesdesk.store import deal_load, deals
from salesdesk.store import sync_state as st
from salesdesk.store.engine import open_database


def _admin(url: str, sql: str) -> None:
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--deals", type=int, default=1000)
    args = parser.parse_args()
    name = f"bench_sync_{uuid.uuid4().hex[:8]}"
    _admin(args.url, f'CREATE DATABASE "{name}"')
    url = make_url(args.url).set(database=name).render_as_string(hide_password=False)
    try:
        server = open_database(url)
        today = date.today()
        sheets = list(sample_sheets(today).values())
        start = time.perf_counter()
        for i in range(args.deals):
            sheet = sheets[i % len(sheets)]
            deals.save_deal(
                server, replace(sheet, uid=None, title=f"{sheet.title} {i}"), today=today
            )
        print(f"server filled with {args.deals} deals in {time.perf_counter() - start:.1f} s")
        with tempfile.TemporaryDirectory() as folder:
            laptop = open_database(str(Path(folder) / "laptop.db"))
            start = time.perf_counter()
            report = sync.sync(laptop, url)
            first = time.perf_counter() - start
            assert report.ok and report.received == args.deals, report.summary()
            print(f"first sync, {report.received} deals received: {first:.2f} s (target 30 s)")
            start = time.perf_counter()
            report = sync.sync(laptop)
            idle = time.perf_counter() - start
            print(f"sync with nothing changed: {idle:.2f} s, moved {report.moved}")
            uids = sorted(st.deals(laptop))
            for uid in uids[:10]:
                sheet = deal_load.load_deal(laptop, st.deals(laptop)[uid].id)
                sheet.title += " (laptop)"
                deals.save_deal(laptop, sheet, today=today)
            for uid in uids[10:20]:
                sheet = deal_load.load_deal(server, st.deals(server)[uid].id)
                sheet.title += " (server)"
                deals.save_deal(server, sheet, today=today)
            start = time.perf_counter()
            report = sync.sync(laptop)
            both = time.perf_counter() - start
            assert report.ok and report.sent == 10 and report.received == 10, report.summary()
            print(f"sync, 10 sent and 10 received: {both:.2f} s (target 2 s)")
            for uid in uids[20:30]:
                sheet = deal_load.load_deal(laptop, st.deals(laptop)[uid].id)
                sheet.title += " (laptop)"
                deals.save_deal(laptop, sheet, today=today)
            start = time.perf_counter()
            report = sync.sync(laptop)
            sent = time.perf_counter() - start
            assert report.ok and report.sent == 10, report.summary()
            print(f"sync, 10 sent: {sent:.2f} s (target 2 s)")
            laptop.close()
        server.close()
    finally:
        _admin(args.url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
