"""Search on a team's server: a trigram index for three letters or more, as on SQLite."""

from datetime import date

import pytest
from sqlalchemy import select, text

from benchmarks.fill import fill
from salesdesk.domain.listing import DealQuery
from salesdesk.store import deal_list
from salesdesk.store import tables as t
from salesdesk.store.search_index import TRIGRAM_INDEX

pytestmark = pytest.mark.server


def _plan(db, query):
    stmt = select(t.Deal.id).where(*deal_list._conditions(query, date.today(), False))
    compiled = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as conn:
        # A small table: tell the planner to use an index whenever one can serve.
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_indexscan = off")
        return "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {compiled}")))


def test_the_trigram_index_serves_longer_searches_only(db, db_target):
    fill(db_target, 300, 0)
    with db.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM pg_indexes WHERE indexname = :n"), {"n": TRIGRAM_INDEX}
            ).scalar()
            == 1
        )
    assert TRIGRAM_INDEX in _plan(db, DealQuery(text="audit"))
    assert TRIGRAM_INDEX not in _plan(db, DealQuery(text="au"))
    today = date.today()
    assert deal_list.count_deals(db, DealQuery(text="AUDIT"), today) == len(
        [
            d
            for d in deal_list.list_deals(db, today)
            if "audit" in d.title.lower() + " " + d.account.lower()
        ]
    )
