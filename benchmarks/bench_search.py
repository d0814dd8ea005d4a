"""The deal list's search at scale on both engines: what the status bar's count and the
first page cost for a fixed set of searches, on SQLite and on a PostgreSQL server, there
as its superuser and as a rep (row-level security applies to a rep only).

    .venv/bin/python benchmarks/bench_search.py [URL] [--deals 100000] [--runs 7]
        [--sqlite PATH] [--app]

With --app, the same databases are also opened in the app (offscreen Qt, a process
each) and a search is measured as the rep waits for it: a keystroke answered (the
first page shown and counted: bench_app's "search keystroke"), and words typed at a
typist's pace until the list and then the status bar's count are shown.

URL: a PostgreSQL database to fill (or reuse, when it holds enough deals) — a
throwaway server's, since the team is set up on it (`team init`, a rep role
`bench_search_rep`, connecting without a password as the test server allows). Without a
URL only SQLite is measured. The SQLite file is kept (default: in the temporary folder)
and reused the same way. Prints median and worst, in milliseconds, of the status bar's
count (`count_deals` up to `COUNT_CAP`, as the app asks it after each search), of
`query_deals` for the first page (200 rows), and of the exact count (asked when the
rep scrolls past the first page of a broad search).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fill import fill
from sqlalchemy.engine import make_url

from salesdesk.domain.listing import DealQuery
from salesdesk.store import deal_list, team
from salesdesk.store.deal_list import COUNT_CAP
from salesdesk.store.engine import Database, open_database

# One, two, three letters and more; broad (most deals) and narrow (a few or none).
SEARCHES = (
    ("a", "1 letter, broad"),
    ("q", "1 letter, rare"),
    ("in", "2 letters, broad"),
    ("zq", "2 letters, none"),
    ("aud", "3 letters, broad"),
    ("cloud", "word, broad"),
    ("audit cloud", "two words, narrow"),
    ("acme", "word, none"),
    ("12345", "digits, narrow"),
    ("000123", "account number, narrow"),
)
PAGE = 200
REP = "bench_search_rep"


def _times(work: Callable[[], object], runs: int) -> tuple[float, float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(out), max(out)


def _filled(target: str, deals: int) -> Database:
    db = open_database(target)
    have = deal_list.count_deals(db, DealQuery(), date.today())
    if have < deals:
        db.close()
        print(f"filling {target}: {deals - have} deals …", file=sys.stderr)
        fill(target, deals - have, 2)
        db = open_database(target)
    return db


def _measure(label: str, db: Database, runs: int) -> None:
    today = date.today()
    total = deal_list.count_deals(db, DealQuery(), today)
    print(f"\n{label} — {total:,} deals visible")
    print(
        f"{'search':<14}{'what':<24}{'matches':>9}{'status bar':>12}"
        f"{'count ms':>16}{'page ms':>16}{'exact ms':>16}"
    )
    for text, what in SEARCHES:
        query = DealQuery(text=text)
        found = deal_list.count_deals(db, query, today)
        shown = deal_list.count_deals(db, query, today, COUNT_CAP)
        bar = f"> {COUNT_CAP:,}" if shown > COUNT_CAP else f"{shown:,}"
        count = _times(partial(deal_list.count_deals, db, query, today, COUNT_CAP), runs)
        page = _times(partial(deal_list.query_deals, db, query, today, 0, PAGE), runs)
        exact = _times(partial(deal_list.count_deals, db, query, today), runs)
        print(
            f"{text!r:<14}{what:<24}{found:>9,}{bar:>12}"
            f"{count[0]:>9.1f} /{count[1]:>5.1f}{page[0]:>9.1f} /{page[1]:>5.1f}"
            f"{exact[0]:>9.1f} /{exact[1]:>5.1f}"
        )


def _in_the_app(label: str, target: str, rows: list[str]) -> None:
    """What the rep waits for in the app on `target`, in its own processes."""
    from bench_app import KEYSTROKES, TYPING, run_script

    with tempfile.TemporaryDirectory(prefix="bench-search-app-") as folder:
        median, worst = run_script(KEYSTROKES, target, Path(folder) / "keys")
        answered, counted = run_script(TYPING, target, Path(folder) / "typing")
    rows.append(f"{label:<28}{median:>10.0f} /{worst:>5.0f}{answered:>14.0f}{counted:>14.0f}")


def _print_app(rows: list[str]) -> None:
    print("\nIn the app, ms: search keystroke median / worst (target ≤ 50 ms median); words")
    print("typed at a typist's pace: list answered, count shown (both incl. the typing pause)")
    print(f"{'database':<28}{'keystroke':>17}{'list':>14}{'count':>14}")
    for row in rows:
        print(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url", nargs="?", help="a PostgreSQL URL (a throwaway server's)")
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sqlite", default=str(Path(tempfile.gettempdir()) / "bench_search.db"))
    parser.add_argument("--app", action="store_true", help="also measure it in the app")
    args = parser.parse_args()
    app_rows: list[str] = []
    print("median / worst of", args.runs, "runs, milliseconds")
    sqlite = _filled(args.sqlite, args.deals)
    _measure(f"SQLite {args.sqlite}", sqlite, args.runs)
    sqlite.close()
    if args.app:
        _in_the_app("SQLite", args.sqlite, app_rows)
    if not args.url:
        if args.app:
            _print_app(app_rows)
        return
    owner = _filled(args.url, args.deals)
    team.init(owner)
    team.add_member(owner, REP, manager=False)
    _hand_over(owner, REP)
    team.set_visibility(owner, "team")
    _measure("PostgreSQL, the superuser", owner, args.runs)
    rep_url = make_url(args.url).set(username=REP).render_as_string(hide_password=False)
    rep = open_database(rep_url)
    _measure(f"PostgreSQL, a rep ({REP}), team visibility: every deal", rep, args.runs)
    if args.app:
        _in_the_app("PostgreSQL, the superuser", args.url, app_rows)
        _in_the_app("PostgreSQL, a rep, team", rep_url, app_rows)
    # Private visibility: the row rules leave the rep his own deals out of all of them.
    team.set_visibility(owner, "private")
    _measure(f"PostgreSQL, a rep ({REP}), private visibility: his own deals", rep, args.runs)
    rep.close()
    owner.close()
    if args.app:
        _in_the_app("PostgreSQL, a rep, private", rep_url, app_rows)
        _print_app(app_rows)


def _hand_over(db: Database, role: str) -> None:
    """One deal in ten (with its account and the people there) to the rep, as a team's
    lead hands a territory over: under private visibility those are what he sees."""
    with db.engine.begin() as conn:
        for sql in (
            "UPDATE account SET owner_role = %(r)s WHERE id IN "
            "(SELECT account_id FROM deal WHERE id %% 10 = 0)",
            "UPDATE stakeholder SET owner_role = %(r)s WHERE account_id IN "
            "(SELECT account_id FROM deal WHERE id %% 10 = 0)",
            "UPDATE deal SET owner_role = %(r)s WHERE id %% 10 = 0",
        ):
            conn.exec_driver_sql(sql, {"r": role})


if __name__ == "__main__":
    main()
