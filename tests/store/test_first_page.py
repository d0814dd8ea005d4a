"""The list's first page read at start without the store: the same rows the store reads,
or nothing when it cannot be sure."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.fill import fill
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.listing import DealQuery, SortKey
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.interop.demo import add_samples
from salesdesk.store import deal_list, deals
from salesdesk.store.engine import open_database
from salesdesk.store.first_page import first_page

pytestmark = pytest.mark.sqlite_file
TODAY = date(2026, 11, 29)


@pytest.fixture
def filled(db_path: Path) -> Path:
    db = open_database(str(db_path))
    add_samples(db, TODAY)
    # Values with decimals, empty values and dates, sample marks, owners, ties.
    deals.save_deal(db, DealSheet("Zero value", "Acme", value=Decimal("0.0001")), today=TODAY)
    deals.save_deal(db, DealSheet("No value", "acme"), today=TODAY)
    db.close()
    fill(str(db_path), 250, 0)
    return db_path


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SortKey))
def test_the_first_page_is_the_stores_in_every_order(filled, sort, descending):
    query = DealQuery(sort=sort, descending=descending)
    db = open_database(str(filled))
    for today in (TODAY, TODAY + timedelta(days=40)):  # overdue as of the day asked
        expected = deal_list.query_deals(db, query, today, 0, 200)
        assert first_page(filled, query, today, 200) == expected
    db.close()


def test_a_search_or_a_filter_is_left_to_the_store(filled):
    for query in (
        DealQuery(text="audit"),
        DealQuery(stage=Stage.CONTRACT),
        DealQuery(status=DealStatus.OPEN),
        DealQuery(phase=2),
        DealQuery(overdue_only=True),
        DealQuery(owner="alice"),
    ):
        assert first_page(filled, query, TODAY, 200) is None


def test_a_file_the_store_must_migrate_or_refuse_is_not_read(filled, tmp_path):
    import sqlite3

    with sqlite3.connect(filled) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0020'")
    connection.close()
    assert first_page(filled, DealQuery(), TODAY, 200) is None  # migrations to run first
    foreign = tmp_path / "foreign.db"
    foreign.write_text("not ours")
    assert first_page(foreign, DealQuery(), TODAY, 200) is None
    assert first_page(tmp_path / "missing.db", DealQuery(), TODAY, 200) is None
    assert not (tmp_path / "missing.db").exists()  # not created either
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert first_page(other, DealQuery(), TODAY, 200) is None


def test_a_value_the_list_could_not_show_is_left_to_the_store(filled):
    import sqlite3

    with sqlite3.connect(filled) as connection:
        connection.execute("UPDATE deal SET stage = 'nonsense' WHERE id = 1")
    connection.close()
    assert first_page(filled, DealQuery(sort=SortKey.TITLE), TODAY, 500) is None
