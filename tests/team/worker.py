"""A rep's process in the concurrency tests: N rounds, each started at the same moment
as the other rep's (a file barrier), each printing one line of what happened.

    python -m tests.team.worker URL NAME ACTION ROUNDS FOLDER [DEAL]

ACTION: new-deal (a deal for the round's new account), profile (save the profile),
edit-term (load DEAL, change term NAME's target, save; on conflict merge and retry).
Any exception other than the store's own clear errors leaves a traceback on stderr.
"""

from __future__ import annotations

import copy
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from salesdesk.domain.deal import DealSheet, Stakeholder
from salesdesk.domain.merge import merge
from salesdesk.domain.profile import Profile
from salesdesk.store import deal_load, deals, team
from salesdesk.store.engine import open_database
from salesdesk.store.errors import Conflict, StoreError

TODAY = date(2026, 11, 30)


def barrier(folder: Path, step: str, name: str, others: int = 2) -> None:
    (folder / f"{step}.{name}").touch()
    deadline = time.monotonic() + 30
    while len(list(folder.glob(f"{step}.*"))) < others:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{step}: the other rep never came")
        time.sleep(0.002)


def main() -> None:
    url, name, action, rounds, folder = sys.argv[1:6]
    deal_id = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    db = open_database(url)
    for i in range(int(rounds)):
        if action == "edit-term":
            # Both start the round with the last one finished, read the same version…
            barrier(Path(folder), f"{i}-start", name)
            base = deal_load.load_deal(db, deal_id)
        # … and save at the same moment.
        barrier(Path(folder), f"{i}-save", name)
        try:
            if action == "new-deal":
                sheet = DealSheet(title=f"{name} {i}", account=f"New account {i}")
                sheet.stakeholders = [Stakeholder(f"Buyer {i}")]
                deals.save_deal(db, sheet, today=TODAY)
                print("saved", flush=True)
            elif action == "profile":
                profile = Profile()
                profile.name = f"{name} {i}"
                team.save_profile(db, profile)
                print("saved", flush=True)
            elif action == "edit-term":
                mine = copy.deepcopy(base)
                term = 0 if name == "a" else 1
                mine.terms[term].target = Decimal(1000 + i)
                try:
                    deals.save_deal(db, copy.deepcopy(mine), today=TODAY)
                    print("saved", flush=True)
                except Conflict as exc:
                    print(f"conflict {exc.mine} {exc.theirs}", flush=True)
                    theirs = deal_load.load_deal(db, deal_id)
                    merged, clashes = merge(base, mine, theirs)
                    assert not clashes
                    deals.save_deal(db, merged, today=TODAY)
                    print("merged", flush=True)
        except StoreError as exc:
            print(f"error {exc}", flush=True)
    db.close()


if __name__ == "__main__":
    main()
