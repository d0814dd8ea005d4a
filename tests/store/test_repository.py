import sqlite3
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy.exc import StatementError

from salesdesk.domain.deal import DealSheet, Offer, PartySide, Stakeholder
from salesdesk.domain.listing import DealQuery
from salesdesk.domain.profile import Profile
from salesdesk.domain.terms import Side, Term
from salesdesk.interop.demo import add_samples, remove_samples, sample_sheets
from salesdesk.store import contacts, deal_list, deal_load, deals, people, settings, team
from salesdesk.store.errors import NotFound

TODAY = date(2026, 11, 29)


def test_every_sample_reads_back_exactly_as_written(db):
    for sheet in sample_sheets(TODAY).values():
        deal_id = deals.save_deal(db, sheet, today=TODAY)
        loaded = deal_load.load_deal(db, deal_id)
        assert loaded == sheet


@pytest.mark.sqlite_file
def test_money_is_exact_on_sqlite(db, db_path):
    sheet = DealSheet(
        "Big",
        "Acme",
        value=D("1234567890123.45"),
        terms=[Term("Price", opening=D("0.015"), target=D("97.1234"), walk_away=D("-5.5"))],
    )
    deal_id = deals.save_deal(db, sheet, today=TODAY)
    loaded = deal_load.load_deal(db, deal_id)
    assert loaded.value == D("1234567890123.45")
    assert (loaded.terms[0].opening, loaded.terms[0].target) == (D("0.015"), D("97.1234"))
    raw = sqlite3.connect(db_path).execute("SELECT typeof(value), value FROM deal").fetchone()
    assert raw == ("integer", 12345678901234500)


def test_more_decimals_than_stored_is_refused_not_rounded(db):
    sheet = DealSheet("Tiny", "Acme", value=D("0.00001"))
    # The UI and the importers check the scale first; the store is the last guard.
    with pytest.raises(StatementError, match="decimal places"):
        deals.save_deal(db, sheet, today=TODAY)
    assert deal_list.list_deals(db, TODAY) == []  # the failed transaction left nothing


@pytest.mark.sqlite_file
def test_sqlite_connections_are_tuned(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_a_failure_mid_save_rolls_everything_back(db):
    sheet = DealSheet(
        "Broken", "Acme", terms=[Term("Price")], offers=[Offer(Side.US, 1, {"Unknown term": D(1)})]
    )
    with pytest.raises(KeyError):
        deals.save_deal(db, sheet, today=TODAY)
    assert deal_list.list_deals(db, TODAY) == []


def test_saving_again_replaces_the_worksheet(db):
    sheet = sample_sheets(TODAY)["packaging-fr"]
    deal_id = deals.save_deal(db, sheet, today=TODAY)
    sheet.terms = sheet.terms[:1]
    sheet.offers = [Offer(Side.US, 1, {sheet.terms[0].name: D("1.30")})]
    sheet.ledger = []
    sheet.batna_ours.term = sheet.terms[0].name
    deals.save_deal(db, sheet, today=TODAY)
    loaded = deal_load.load_deal(db, deal_id)
    assert [t.name for t in loaded.terms] == ["Prix unitaire"]
    assert loaded.offers == sheet.offers and loaded.ledger == []
    assert len(deal_list.list_deals(db, TODAY)) == 1


def test_people_belong_to_the_account(db):
    first = DealSheet(
        "First",
        "Société Générale",
        stakeholders=[Stakeholder("Anne", PartySide.THEIRS), Stakeholder("Bob", PartySide.OURS)],
    )
    deals.save_deal(db, first, today=TODAY)
    # another spelling of the same account finds the same people
    assert [p.name for p in people.account_people(db, "SOCIETE GENERALE")] == ["Anne"]
    # picked from the people known there, she is the same person (her uid) ...
    known = people.account_people(db, "Société Générale")[0]
    second = DealSheet("Second", "société générale", stakeholders=[known])
    second_id = deals.save_deal(db, second, today=TODAY)
    assert deal_load.load_deal(db, second_id).account == "Société Générale"
    assert len(people.account_people(db, "Société Générale")) == 1
    # ... a namesake typed anew is another Anne at the account
    third = DealSheet("Third", "Société Générale", stakeholders=[Stakeholder("Anne")])
    deals.save_deal(db, third, today=TODAY)
    assert [p.name for p in people.account_people(db, "Société Générale")] == ["Anne", "Anne"]


def test_listing_computes_contact_state(db):
    ids = add_samples(db, TODAY)
    rows = {r.id: r for r in deal_list.list_deals(db, TODAY)}
    assert set(rows) == set(ids)
    telematics = next(r for r in rows.values() if r.currency == "GBP")
    assert telematics.overdue and telematics.next_contact_due == date(2026, 11, 26)
    won = next(r for r in rows.values() if r.status.value == "won")
    assert not won.overdue


def test_samples_are_added_once_and_removed(db):
    assert len(add_samples(db, TODAY)) == 5
    assert add_samples(db, TODAY) == []
    mine = deals.save_deal(db, DealSheet("Mine", "Société Lyonnaise d'Emballage"), today=TODAY)
    assert remove_samples(db) == 5
    assert [r.id for r in deal_list.list_deals(db, TODAY)] == [mine]


def test_delete_and_not_found(db):
    deal_id = deals.save_deal(db, sample_sheets(TODAY)["scanners-en"], today=TODAY)
    deals.delete_deal(db, deal_id)
    with pytest.raises(NotFound, match=f"no deal {deal_id}"):
        deal_load.load_deal(db, deal_id)
    with pytest.raises(NotFound):
        deals.delete_deal(db, deal_id)
    with db.engine.connect() as conn:  # the cascade took every child row
        for table in (
            "term",
            "offer",
            "offer_value",
            "ledger_entry",
            "meeting",
            "meeting_attendee",
            "interaction",
            "deal_stakeholder",
            "account",
        ):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0


def test_profile_round_trip(db):
    assert settings.load_profile(db) == Profile()
    profile = Profile("Camille", "Durand SA", "GBP", (14, 7, 3, 2, 1), D("5000"), D("7.5"))
    team.save_profile(db, profile)
    team.save_profile(db, profile)
    assert settings.load_profile(db) == profile


def test_a_save_during_the_daily_refresh_keeps_its_own_next_contact(db, monkeypatch):
    from datetime import timedelta

    from sqlalchemy import text

    deal_id = deals.save_deal(
        db,
        DealSheet("Racks", "Acme", phase=1, last_contact=TODAY - timedelta(days=30)),
        today=TODAY,
    )
    with db.transaction() as session:  # yesterday's dates, to be recomputed today
        session.execute(text("UPDATE deal SET next_contact_due = NULL"))
    computed = deal_list.list_deals

    def meanwhile(*args, **kwargs):
        rows = computed(*args, **kwargs)
        sheet = deal_load.load_deal(db, deal_id)  # the rep logs a contact while it computes
        sheet.last_contact = TODAY
        deals.save_deal(db, sheet, today=TODAY)
        return rows

    monkeypatch.setattr(deal_list, "list_deals", meanwhile)
    assert contacts.refresh_contact_dates(db, TODAY, (7, 5, 3, 2, 1)) == 1
    row = deal_list.query_deals(db, DealQuery(), TODAY)[0]
    assert row.next_contact_due == TODAY + timedelta(days=7)  # the save's, not the refresh's


def test_names_that_unfold_past_their_columns_are_saved_and_kept_apart(db):
    """A few characters fold into many (“ﷺ” into 18): an account or a title of allowed
    length can fold past the column of its key. Such deals are saved on either engine
    (a server refused them with a traceback), two such accounts stay two, and both
    are found by a search."""
    from sqlalchemy import text

    first, second = "\ufdfa" * 17 + " Nord", "\ufdfa" * 17 + " Sud"
    ids = [
        deals.save_deal(db, DealSheet("\ufdfa" * 200, first), today=TODAY),
        deals.save_deal(db, DealSheet("Scanners", second), today=TODAY),
        deals.save_deal(db, DealSheet("Renewal", first), today=TODAY),
    ]
    assert [deal_load.load_deal(db, i).account for i in ids] == [first, second, first]
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM account")).scalar() == 2
    found = deal_list.query_deals(db, DealQuery(text="sud"), TODAY)
    assert [d.id for d in found] == [ids[1]]
    assert len(deal_list.query_deals(db, DealQuery(text="\ufdfa"), TODAY)) == 3
