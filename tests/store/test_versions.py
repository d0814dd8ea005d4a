"""Versions, conflicts and stable rows: nobody's change is lost without a word."""

import copy
import sqlite3
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from salesdesk.domain.deal import Stakeholder
from salesdesk.interop.demo import sample_sheets
from salesdesk.store import approvals as store_approvals
from salesdesk.store import contacts, deal_load, deals, people, settings, team
from salesdesk.store.errors import Conflict

TODAY = date(2026, 11, 30)


def _ids(db, table, deal_id):
    with db.engine.connect() as conn:
        return dict(
            conn.execute(
                text(f"SELECT uid, id FROM {table} WHERE deal_id = :d"), {"d": deal_id}
            ).all()
        )


def _saved(db, key="telematics-en"):
    sheet = sample_sheets(TODAY)[key]
    deal_id = deals.save_deal(db, sheet, today=TODAY)
    return deal_id


def test_every_save_advances_the_version_and_a_stale_save_is_refused(db):
    deal_id = _saved(db)
    a = deal_load.load_deal(db, deal_id)
    b = deal_load.load_deal(db, deal_id)
    assert a.version == b.version == 1
    a.terms[0].target = D("111")
    deals.save_deal(db, a, today=TODAY)
    assert a.version == 2 and deal_load.current_version(db, deal_id) == 2
    b.terms[1].target = D("7")
    with pytest.raises(Conflict) as info:
        deals.save_deal(db, b, today=TODAY)
    assert (info.value.mine, info.value.theirs) == (1, 2)
    assert "changed by someone else" in str(info.value) and "version 2" in str(info.value)
    # nothing of b was written; a's change is there
    now = deal_load.load_deal(db, deal_id)
    assert now.terms[0].target == D("111") and now.terms[1].target != D("7")
    assert now.version == 2


def test_derived_columns_do_not_advance_the_version(db):
    deal_id = _saved(db)
    contacts.refresh_contact_dates(db, date(2027, 3, 1), (1, 1, 1, 1, 1))
    assert deal_load.current_version(db, deal_id) == 1


def test_a_save_writes_what_changed_and_rows_keep_their_ids(db):
    deal_id = _saved(db)
    before = {table: _ids(db, table, deal_id) for table in ("term", "ledger_entry", "meeting")}
    assert all(before.values())
    sheet = deal_load.load_deal(db, deal_id)
    old_name = sheet.terms[0].name
    sheet.terms[0].name = "Price per unit"  # renamed, same row
    for offer in sheet.offers:
        if old_name in offer.values:
            offer.values["Price per unit"] = offer.values.pop(old_name)
    for entry in sheet.ledger:
        entry.term = "Price per unit" if entry.term == old_name else entry.term
    for batna in (sheet.batna_ours, sheet.batna_theirs):
        batna.term = "Price per unit" if batna.term == old_name else batna.term
    removed = sheet.ledger.pop()
    deals.save_deal(db, sheet, today=TODAY)
    after = {table: _ids(db, table, deal_id) for table in ("term", "ledger_entry", "meeting")}
    assert after["term"] == before["term"]
    assert after["meeting"] == before["meeting"]
    expected = dict(before["ledger_entry"])
    del expected[removed.uid]
    assert after["ledger_entry"] == expected
    again = deal_load.load_deal(db, deal_id)
    assert again.terms[0].name == "Price per unit"
    assert [t.uid for t in again.terms] == [t.uid for t in sheet.terms]


def test_renaming_a_person_renames_them(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    old = sheet.stakeholders[0].name
    sheet.stakeholders[0].name = "Renamed Person"  # meetings point at the person's uid
    deals.save_deal(db, sheet, today=TODAY)
    known = [p.name for p in people.account_people(db, sheet.account)]
    assert "Renamed Person" in known and old not in known
    again = deal_load.load_deal(db, deal_id)
    assert again.stakeholders[0].name == "Renamed Person"
    assert again.stakeholders[0].uid == sheet.stakeholders[0].uid


def test_a_known_person_picked_again_is_the_same_person(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    other = copy.deepcopy(sheet)
    other.id, other.uid, other.version = None, None, 0
    other.title = "Second deal"
    other.stakeholders = [copy.deepcopy(people.account_people(db, sheet.account)[0])]
    other.meetings = []
    deals.save_deal(db, other, today=TODAY)
    assert len(people.account_people(db, sheet.account)) == len(
        [p for p in sheet.stakeholders if p.side.value == "theirs"]
    )


def test_each_database_has_its_own_id(db, tmp_path):
    from salesdesk.store.engine import open_database

    first = settings.database_id(db)
    assert first and settings.database_id(db) == first
    other = open_database(str(tmp_path / "other.db"))
    try:
        assert settings.database_id(other) != first
    finally:
        other.close()


@pytest.mark.sqlite_file
def test_a_database_made_before_versions_gets_them_by_migration(tmp_path):
    from salesdesk.store.engine import open_database
    from salesdesk.store.migrate import upgrade

    path = tmp_path / "old.db"
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0006")
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO account (name, name_key) VALUES ('Acme', 'acme')")
    raw.execute(
        "INSERT INTO deal (uid, account_id, title, currency, status, stage, phase, owner,"
        " search_key, created_at, updated_at) VALUES ('d1', 1, 'Old deal', 'EUR', 'open',"
        " 'qualification', 1, '', 'old deal acme', '2026-01-01', '2026-01-01')"
    )
    raw.execute(
        "INSERT INTO term (deal_id, position, name, unit, direction)"
        " VALUES (1, 0, 'Price', '', 'higher_is_better')"
    )
    raw.commit()
    raw.close()
    db = open_database(str(path))
    try:
        sheet = deal_load.load_deal(db, 1)
        assert sheet.version == 1 and sheet.terms[0].uid
        assert settings.database_id(db)
        sheet.terms[0].target = D("5")
        deals.save_deal(db, sheet, today=TODAY)
        assert _ids(db, "term", 1) == {sheet.terms[0].uid: 1}
    finally:
        db.close()


def test_people_added_by_two_deals_at_once_are_not_doubled_by_name(db):
    deal_id = _saved(db)
    sheet = deal_load.load_deal(db, deal_id)
    sheet.stakeholders.append(Stakeholder("New Person"))
    deals.save_deal(db, sheet, today=TODAY)
    assert [p.name for p in people.account_people(db, sheet.account)].count("New Person") == 1


def test_a_manager_approves_or_declines_with_who_and_when(db):
    import json

    from salesdesk.domain.analysis import analyse
    from salesdesk.interop.package_read import load_package
    from salesdesk.interop.package_write import deal_to_package

    sheet = sample_sheets(TODAY)["telematics-en"]
    for entry in sheet.ledger[:2]:
        entry.needs_approval, entry.approved, entry.approved_by = True, False, ""
        entry.status = entry.status.__class__("offered")
    deal_id = deals.save_deal(db, sheet, today=TODAY)
    waiting = store_approvals.approvals_waiting(db)
    assert [w.entry_uid for w in waiting] == [e.uid for e in sheet.ledger[:2]]
    assert waiting[0].deal_title == sheet.title
    profile = settings.load_profile(db)
    profile.name = "Carol Manager"
    team.save_profile(db, profile)
    store_approvals.decide_approval(db, deal_id, sheet.ledger[0].uid, True)
    store_approvals.decide_approval(db, deal_id, sheet.ledger[1].uid, False)
    assert store_approvals.approvals_waiting(db) == []
    again = deal_load.load_deal(db, deal_id)
    assert again.version == 3
    first, second = again.ledger[:2]
    # who: the connected role on a server, the profile's name on a rep's own file
    who = "Carol Manager" if db.is_sqlite else "postgres"
    assert first.approved and not first.declined and first.approved_by == who
    assert second.declined and not second.approved and second.approved_at is not None
    package = deal_to_package(again, analyse(again, TODAY), "db-1")
    approvals = [e["approval"] for e in package["ledger"]["entries"]]
    assert approvals[0]["state"] == "approved" and approvals[0]["by"] == who
    assert approvals[1]["state"] == "declined" and approvals[1]["at"]
    assert all(a is None for a in approvals[2:])
    back = load_package(json.dumps(package), "p.json")
    assert back.ledger[1].declined and back.ledger[1].approved_by == who
