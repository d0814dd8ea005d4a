"""Fill a SalesDesk database (a SQLite file or a PostgreSQL URL) with many generated
deals shaped like a rep's, fast: terms, a give-and-get ledger, our offer and theirs,
a person at the account on each deal, calls, meetings behind and ahead, and the
next-contact dates the app computes from them (some overdue, as in any rep's list).

This is a benchmark helper, not the product's write path (the run times that one on
its own, see `save_through_app`); the dates alone are the product's own computation
(`refresh_contact_dates`), so Today and the overdue filter find what a rep's would.

Rows go through the DB-API's executemany with values already in their stored form
(integer money, ISO dates): building 200,000 rows through SQLAlchemy's parameter
machinery costs more than the inserts themselves. On PostgreSQL the id sequences are
moved past the ids written, so the app's next insert gets a fresh one.

    python benchmarks/fill.py PATH|URL --deals 10000 --entries 20
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table

from salesdesk.domain.stages import DEFAULT_CADENCE, Stage
from salesdesk.domain.text import search_key
from salesdesk.store import contacts
from salesdesk.store import tables as t
from salesdesk.store.engine import open_database
from salesdesk.store.types import to_stored

WORDS = (
    "Renouvellement",
    "Extension",
    "Fleet",
    "Packaging",
    "Audit",
    "Scanners",
    "Support",
    "Maintenance",
    "Licences",
    "Société",
    "Logistique",
    "Énergie",
    "Cloud",
    "Formation",
)


PEOPLE = ("Claire Martin", "Hugo Bernard", "Ana Souza", "Jonas Weber", "Maeve O'Brien")


def _converter(sample: Any) -> Callable[[Any], Any] | None:
    """How a column's Python values become what the store keeps (None: as they are)."""
    if isinstance(sample, Decimal):
        return to_stored
    if isinstance(sample, datetime):
        return lambda v: v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(sample, date):
        return date.isoformat
    return None


def _bulk(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    names = list(rows[0])
    columns = []
    for name in names:
        values = [row[name] for row in rows]
        convert = _converter(values[0])
        columns.append(list(map(convert, values)) if convert else values)
    # The driver's own placeholders: sqlite3's "?", psycopg's "%s".
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(mark for _ in names)})"
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.executemany(sql, list(zip(*columns, strict=True)))


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def fill(target: str | Path, deals: int, entries: int, seed: int = 7) -> float:
    """Add `deals` deals with 3 terms, `entries` ledger entries, 2 offers with a value per
    term, a person at the account, 2 calls and 2 meetings each (one past, one ahead), then
    have the store compute the next-contact dates; returns the seconds it took."""
    rng = random.Random(seed)
    db = open_database(str(target))
    start = time.perf_counter()
    now = datetime.now(UTC)
    today = date.today()
    stages = [s.value for s in Stage]
    with db.engine.begin() as conn:

        def next_id(table: str) -> int:
            return int(conn.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0) + 1

        accounts = max(1, deals // 4)
        first_account, first_deal = next_id("account"), next_id("deal")
        first_term, first_offer = next_id("term"), next_id("offer")
        first_person, first_meeting = next_id("stakeholder"), next_id("meeting")
        names = [f"{rng.choice(WORDS)} {first_account + i:06d}" for i in range(accounts)]
        _bulk(
            conn,
            t.metadata.tables["account"],
            [
                {"id": first_account + i, "name": name, "name_key": search_key(name)}
                for i, name in enumerate(names)
            ],
        )
        rows: list[dict[str, Any]] = []
        gaps: list[int] = []  # days since each deal's last call
        for i in range(deals):
            title = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
            gaps.append(_since_contact(rng))
            account = names[i % accounts]
            rows.append(
                {
                    "id": first_deal + i,
                    "uid": _uid(rng),
                    "account_id": first_account + i % accounts,
                    "title": title,
                    # what the app's search reads (title and account, folded)
                    "search_key": search_key(f"{title} {account}"),
                    "currency": "EUR",
                    "value": Decimal(rng.randrange(1000, 5_000_000)),
                    "status": "open",
                    "stage": rng.choice(stages),
                    "phase": rng.randint(1, 5),
                    "close_date": today + timedelta(days=rng.randint(-30, 180)),
                    "probability": rng.randint(0, 100),
                    "owner": "Camille Durand",
                    "last_contact": today - timedelta(days=gaps[-1]),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        _bulk(conn, t.metadata.tables["deal"], rows)
        term_rows, ledger_rows, interaction_rows = [], [], []
        offer_rows, value_rows, meeting_rows = [], [], []
        person_rows, link_rows = [], []
        for i in range(accounts):
            person_rows.append(
                {
                    "id": first_person + i,
                    "uid": _uid(rng),
                    "account_id": first_account + i,
                    "name": f"{rng.choice(PEOPLE)} {i}",
                    "side": "theirs",
                }
            )
        for i in range(deals):
            deal_id = first_deal + i
            link_rows.append(
                {
                    "deal_id": deal_id,
                    "stakeholder_id": first_person + i % accounts,
                    "position": 0,
                    "role": "decision_maker",
                }
            )
            for position, name in enumerate(("Price", "Volume", "Payment days")):
                term_rows.append(
                    {
                        "id": first_term + 3 * i + position,
                        "deal_id": deal_id,
                        "uid": _uid(rng),
                        "position": position,
                        "name": name,
                        "unit": "",
                        "direction": "lower_is_better" if position == 2 else "higher_is_better",
                        "weight": Decimal((50, 30, 20)[position]),
                        "opening": Decimal((120, 400000, 30)[position]),
                        "target": Decimal((110, 350000, 45)[position]),
                        "walk_away": Decimal((100, 300000, 60)[position]),
                    }
                )
            for position in range(entries):
                ledger_rows.append(
                    {
                        "deal_id": deal_id,
                        "uid": _uid(rng),
                        "position": position,
                        "giver": "us" if position % 2 == 0 else "them",
                        "what": f"Concession {position}",
                        "cost": Decimal(100 + position * 37 % 9000),
                        "value": Decimal(150 + position * 53 % 9000),
                        "counterpart": "" if position % 7 == 0 else "Counterpart",
                        "status": ("planned", "offered", "accepted")[(i + position) % 3],
                        "round": position // 4 + 1,
                        "needs_approval": False,
                        "approved": False,
                        "approved_by": "",
                    }
                )
            since = gaps[i]
            for k in range(2):
                interaction_rows.append(
                    {
                        "deal_id": deal_id,
                        "uid": _uid(rng),
                        "date": today - timedelta(days=since + 9 * k),
                        "channel": "call",
                        "summary": "Call",
                    }
                )
            for k, (side, values) in enumerate(
                (("us", (115, 380000, 40)), ("them", (104, 320000, 60)))
            ):
                offer_id = first_offer + 2 * i + k
                offer_rows.append(
                    {"id": offer_id, "uid": _uid(rng), "deal_id": deal_id, "side": side, "round": 1}
                )
                for position, value in enumerate(values):
                    value_rows.append(
                        {
                            "offer_id": offer_id,
                            "term_id": first_term + 3 * i + position,
                            "value": Decimal(value),
                        }
                    )
            for k, days in enumerate((-since - 20, rng.randint(1, 30))):
                meeting_rows.append(
                    {
                        "id": first_meeting + 2 * i + k,
                        "uid": _uid(rng),
                        "deal_id": deal_id,
                        "date": today + timedelta(days=days),
                        "round": k + 1,
                        "title": ("Discovery", "Negotiation")[k],
                        "objectives": "",
                        "agenda": "",
                        "outcome": "",
                        "next_steps": "",
                        "customer_note": "",
                    }
                )
        for table, data in (
            ("stakeholder", person_rows),
            ("deal_stakeholder", link_rows),
            ("term", term_rows),
            ("ledger_entry", ledger_rows),
            ("interaction", interaction_rows),
            ("offer", offer_rows),
            ("offer_value", value_rows),
            ("meeting", meeting_rows),
        ):
            _bulk(conn, t.metadata.tables[table], data)
        if conn.dialect.name == "postgresql":
            for table in (
                "account",
                "deal",
                "term",
                "ledger_entry",
                "interaction",
                "offer",
                "offer_value",
                "stakeholder",
                "meeting",
            ):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
    # The next-contact dates as the app computes them on a day's first start.
    contacts.refresh_contact_dates(db, today, DEFAULT_CADENCE)
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def _since_contact(rng: random.Random) -> int:
    """Days since a deal's last call: most within their cadence, one in six overdue."""
    return rng.randint(8, 40) if rng.random() < 1 / 6 else rng.randint(0, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", help="a SQLite file or a PostgreSQL URL")
    parser.add_argument("--deals", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=20)
    args = parser.parse_args()
    seconds = fill(args.path, args.deals, args.entries)
    print(f"{args.deals} deals × {args.entries} ledger entries in {seconds:.2f} s")


if __name__ == "__main__":
    main()
