from datetime import date, timedelta
from decimal import Decimal

from salesdesk.domain.deal import DealSheet, Interaction, Meeting
from salesdesk.domain.listing import DealQuery, SortKey
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.interop.demo import add_samples
from salesdesk.store import contacts, deal_list, deal_load, deals

TODAY = date(2026, 11, 29)


def titles(db, **kw):
    return [d.title for d in deal_list.query_deals(db, DealQuery(**kw), TODAY)]


def test_search_ignores_case_and_accents(db):
    add_samples(db, TODAY)
    assert titles(db, text="societe") == ["Renouvellement cartons 2027"]
    assert titles(db, text="ÉNERGÉTIQUE") == ["Audit énergétique des bâtiments"]
    assert titles(db, text="lodzkie") == ["Warehouse scanners and support"]
    assert titles(db, text="100%_") == []  # LIKE wildcards are literal


def test_filters(db):
    add_samples(db, TODAY)
    assert sorted(titles(db, stage=Stage.CONTRACT)) == [
        "Bicycle components, 2027 supply",
        "Renouvellement cartons 2027",
    ]
    assert titles(db, status=DealStatus.WON) == ["Warehouse scanners and support"]
    assert titles(db, phase=3) == ["Fleet telematics roll-out, 240 vehicles"]
    assert titles(db, overdue_only=True) == ["Fleet telematics roll-out, 240 vehicles"]
    assert deal_list.count_deals(db, DealQuery(status=DealStatus.OPEN), TODAY) == 4


def test_sorting_is_done_by_the_database(db):
    add_samples(db, TODAY)
    deals.save_deal(db, DealSheet("Zero value", "Acme"), today=TODAY)
    by_value = titles(db, sort=SortKey.VALUE, descending=True)
    assert by_value[0] == "Renouvellement cartons 2027" and by_value[-1] == "Zero value"
    by_stage = titles(db, sort=SortKey.STAGE)
    assert by_stage[0] == "Zero value"  # qualification comes first on the path
    assert by_stage[-1] == "Warehouse scanners and support"
    assert titles(db, sort=SortKey.ACCOUNT)[0] == "Zero value"  # Acme


def test_paging(db):
    for i in range(25):
        deals.save_deal(db, DealSheet(f"Deal {i:02d}", "Acme"), today=TODAY)
    first = deal_list.query_deals(db, DealQuery(sort=SortKey.TITLE), TODAY, 0, 10)
    second = deal_list.query_deals(db, DealQuery(sort=SortKey.TITLE), TODAY, 10, 10)
    assert [d.title for d in first + second] == [f"Deal {i:02d}" for i in range(20)]


def _varied_deals(db) -> None:
    """Ties, empty values and several accounts, so every order has something to decide."""
    add_samples(db, TODAY)
    for i in range(23):
        sheet = DealSheet(f"Deal {i % 9:02d}", f"Account {i % 4}")
        sheet.stage = list(Stage)[i % 5]
        sheet.phase = 1 + i % 3
        if i % 3:
            sheet.value = Decimal(1000 * (i % 5))
        deals.save_deal(db, sheet, today=TODAY)


def test_deep_pages_and_positions_agree_with_the_whole_list(db):
    _varied_deals(db)
    queries = [DealQuery(sort=key, descending=d) for key in SortKey for d in (False, True)]
    queries += [DealQuery(text="deal 0"), DealQuery(phase=2, sort=SortKey.ACCOUNT)]
    for query in queries:
        whole = [d.id for d in deal_list.query_deals(db, query, TODAY, 0, 1000)]
        paged = []
        for offset in range(0, len(whole), 4):
            paged += [d.id for d in deal_list.query_deals(db, query, TODAY, offset, 4)]
        assert paged == whole, query
        for row, deal_id in enumerate(whole):
            assert deal_list.deal_position(db, query, TODAY, deal_id) == row, query
    outside = deal_list.query_deals(db, DealQuery(text="societe"), TODAY)[0].id
    assert deal_list.deal_position(db, DealQuery(text="deal"), TODAY, outside) is None


def test_stored_next_contact_follows_saves_and_passing_days(db):
    sheet = DealSheet(
        "Deal",
        "Acme",
        phase=3,
        last_contact=TODAY - timedelta(days=1),
        meetings=[Meeting(TODAY + timedelta(days=2), "Next")],
    )
    deal_id = deals.save_deal(db, sheet, today=TODAY)
    [row] = deal_list.query_deals(db, DealQuery(), TODAY)
    assert row.next_contact_due == TODAY + timedelta(days=2) and not row.overdue
    # four days later the meeting has happened: it is the last contact
    later = TODAY + timedelta(days=4)
    assert contacts.refresh_contact_dates(db, later, (7, 5, 3, 2, 1)) == 1
    assert contacts.refresh_contact_dates(db, later, (7, 5, 3, 2, 1)) == 0  # once a day
    [row] = deal_list.query_deals(db, DealQuery(), later)
    assert row.next_contact_due == TODAY + timedelta(days=5)
    sheet.id = deal_id
    sheet.interactions.append(Interaction(later))
    deals.save_deal(db, sheet, today=later)
    [row] = deal_list.query_deals(db, DealQuery(), later)
    assert row.next_contact_due == later + timedelta(days=3)


def test_today_lists(db):
    add_samples(db, TODAY)
    due = [d.title for d in contacts.contacts_due(db, TODAY)]
    assert due == ["Fleet telematics roll-out, 240 vehicles", "Renouvellement cartons 2027"]
    assert [d.title for d in contacts.contacts_due(db, TODAY, limit=1)] == due[:1]
    assert contacts.count_contacts_due(db, TODAY) == 2
    assert contacts.count_contacts_due(db, TODAY - timedelta(days=30)) == 0
    meetings = [(m.deal_title, m.date) for m in contacts.upcoming_meetings(db, TODAY)]
    assert meetings == [
        ("Fleet telematics roll-out, 240 vehicles", TODAY + timedelta(days=3)),
        ("Renouvellement cartons 2027", TODAY + timedelta(days=6)),
    ]


def test_change_token_moves_on_every_save(db):
    before = contacts.change_token(db)
    deal_id = deals.save_deal(db, DealSheet("x", "y"), today=TODAY)
    middle = contacts.change_token(db)
    sheet = deal_load.load_deal(db, deal_id)
    sheet.title = "x2"
    deals.save_deal(db, sheet, today=TODAY)
    assert len({before, middle, contacts.change_token(db)}) == 3


def test_no_change_is_missed_between_two_quick_saves(db, db_target):
    """Two other connections save one after the other, well within a millisecond of
    the same clock reading: the poll counts every one, each only once it is committed
    (the change counter of migration 0012, not the latest updated_at)."""
    from sqlalchemy import text

    from salesdesk.store.engine import open_database

    one, two = open_database(db_target), open_database(db_target)
    try:
        ids = [deals.save_deal(w, DealSheet(f"t{i}", "acc"), today=TODAY) for i, w in
               enumerate((one, two))]  # fmt: skip
        sheets = [deal_load.load_deal(one, ids[0]), deal_load.load_deal(two, ids[1])]
        for n in range(20):
            seen = contacts.change_token(db)
            for writer, sheet in zip((one, two), sheets, strict=True):
                sheet.title = f"round {n}"
                deals.save_deal(writer, sheet, today=TODAY)
            assert contacts.change_token(db) == seen + 2
        # writes that leave updated_at as it was (no clock at all): each one seen
        marks = [contacts.change_token(db)]
        with one.transaction() as session:
            session.execute(text("UPDATE deal SET version = version + 1"))
        marks.append(contacts.change_token(db))
        with two.transaction() as session:
            session.execute(text(f"DELETE FROM deal WHERE id = {ids[1]}"))
        marks.append(contacts.change_token(db))
        # an uncommitted save is not a change yet; committed, it is
        with one.transaction() as session:
            session.execute(text("UPDATE deal SET version = version + 1"))
            marks.append(contacts.change_token(db))
        marks.append(contacts.change_token(db))
        assert marks[0] < marks[1] < marks[2] == marks[3] < marks[4]
    finally:
        one.close()
        two.close()


def test_the_owner_column_filters_and_sorts(db):
    from sqlalchemy import text

    add_samples(db, date(2026, 11, 29))
    ids = [d.id for d in deal_list.list_deals(db, date.today())]
    with db.engine.begin() as conn:
        for i, deal_id in enumerate(ids):
            conn.execute(
                text("UPDATE deal SET owner_role = :o WHERE id = :id"),
                {"o": "alice" if i % 2 == 0 else "bob", "id": deal_id},
            )
    today = date.today()
    assert deal_list.deal_owners(db) == ["alice", "bob"]
    alices = deal_list.query_deals(db, DealQuery(owner="alice"), today)
    assert {d.owner for d in alices} == {"alice"} and len(alices) == (len(ids) + 1) // 2
    assert deal_list.count_deals(db, DealQuery(owner="bob"), today) == len(ids) // 2
    ordered = deal_list.query_deals(db, DealQuery(sort=SortKey.OWNER, descending=True), today)
    assert [d.owner for d in ordered] == sorted((d.owner for d in ordered), reverse=True)


def test_counts_are_the_true_number_or_say_more_than_the_cap(db, db_target):
    """The status bar's count, on either engine: the true number of matches up to the
    cap, `cap + 1` (more than the cap) past it; without a cap always the true number.
    One and two letters, three and more, words, with other filters and without."""
    from benchmarks.fill import fill
    from salesdesk.domain.text import search_key

    fill(db_target, 240, 0)
    everything = deal_list.list_deals(db, TODAY)
    cap = 25
    for text in ("a", "q", "in", "zq", "aud", "cloud", "audit cloud", "acme", "12", "000012"):
        for extra in ({}, {"phase": 3}, {"stage": Stage.NEEDS}):
            query = DealQuery(text=text, **extra)
            true = len(
                [
                    d
                    for d in everything
                    if search_key(text) in search_key(f"{d.title} {d.account}")
                    and all(getattr(d, name) == value for name, value in extra.items())
                ]
            )
            assert deal_list.count_deals(db, query, TODAY) == true, query
            assert deal_list.count_deals(db, query, TODAY, cap) == min(true, cap + 1), query
    assert deal_list.count_deals(db, DealQuery(text="a"), TODAY, cap) == cap + 1  # a broad one
    assert deal_list.count_deals(db, DealQuery(text="audit cloud"), TODAY, cap) <= cap  # narrow


def test_every_search_pages_its_matches_in_the_lists_order(db, db_target, monkeypatch):
    """However a search is answered — its few matches collected first, or its many found
    by walking the list in order — a page holds its matches in the list's order, on
    either engine; the count agrees. Wildcards and backslashes are literal, and a deal
    whose key is very long (characters that unfold into many, four-byte ones) is saved
    and found."""
    from benchmarks.fill import fill
    from salesdesk.domain.text import deal_search_key, search_key

    fill(db_target, 240, 0)
    odd = [("100%_off \\ sale", "Acme"), ("\ufdfa" * 300, "Acme"), ("😀" * 300, "🙂" * 300)]
    for title, account in odd:
        deals.save_deal(db, DealSheet(title, account), today=TODAY)
    # Every way of answering within 240 deals: more than 30 matches is a broad search,
    # and a server looks for a short search's first page among the first 40 deals.
    monkeypatch.setattr(deal_list, "BROAD_MATCHES", 30)
    monkeypatch.setattr(deal_list, "FIRST_PAGE_WALK", 40)
    texts = ("a", "q", "in", "zq", "aud", "cloud", "audit cloud", "12", "%_", "\\", "😀😀")
    texts += ("🙂", "😀 🙂", "\ufdfa", "e sale")
    orders = (
        DealQuery(),
        DealQuery(sort=SortKey.TITLE, descending=True),
        DealQuery(sort=SortKey.STAGE),
    )
    for order in orders:
        whole = deal_list.query_deals(db, order, TODAY, 0, 10_000)
        for text in texts:
            query = DealQuery(text=text, sort=order.sort, descending=order.descending)
            key = search_key(text)
            truth = [d.id for d in whole if key in deal_search_key(d.title, d.account)]
            assert [d.id for d in deal_list.query_deals(db, query, TODAY, 0, 1000)] == truth, query
            paged = []
            for offset in range(0, len(truth) + 7, 7):
                paged += [d.id for d in deal_list.query_deals(db, query, TODAY, offset, 7)]
            assert paged == truth, query
            assert deal_list.count_deals(db, query, TODAY) == len(truth), query
    found = {d.title for d in deal_list.query_deals(db, DealQuery(text="%_off \\"), TODAY)}
    assert found == {odd[0][0]}
    long_one = deal_list.query_deals(db, DealQuery(text="😀 🙂"), TODAY)
    assert [d.title for d in long_one] == [odd[2][0]]


def test_a_page_deep_in_the_overdue_list_follows_the_day(db):
    """The statement of a page deep in the list is kept for the next pages (the list's
    thread reads one at each page scrolled to): a day later it lists that day's overdue
    deals, not the day before's."""
    for i in range(12):
        sheet = DealSheet(f"Deal {i:02d}", "Acme", last_contact=TODAY - timedelta(days=i))
        deals.save_deal(db, sheet, today=TODAY)  # next contact due a week after the last
    query = DealQuery(overdue_only=True, descending=True)
    pages = []
    for day in (TODAY + timedelta(days=5), TODAY + timedelta(days=10), TODAY + timedelta(days=5)):
        whole = [d.title for d in deal_list.query_deals(db, query, day, 0, 100)]
        page = [d.title for d in deal_list.query_deals(db, query, day, 2, 3)]
        assert len(page) == 3 and page == whole[2:5], day
        pages.append(page)
    assert pages[0] != pages[1] and pages[2] == pages[0]
