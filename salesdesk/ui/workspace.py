"""The application's state without a widget: the open database and what is done with it.

A `Workspace` opens (and, when damaged, recovers) the database, holds the rep's
profile and the deal being edited, answers the deal list's questions, takes the
backups (its part in `ui/backups.py`), watches for changes made outside this window
and carries out the deal actions that are not about widgets. It never shows anything:
a question for the rep goes to the `choose_database` callback it is given, and
everything else it has to say leaves as a signal.

The store is imported on first use, so that creating a workspace costs nothing before
the window shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal

from salesdesk.ui.backups import Backups, Choice, OpenProblem, Recover, restorable

if TYPE_CHECKING:
    import threading
    from datetime import date

    from salesdesk.domain.deal import DealSheet, Stakeholder
    from salesdesk.domain.listing import DealQuery, DealSummary, UpcomingMeeting
    from salesdesk.domain.profile import Profile
    from salesdesk.interop.templates import Template
    from salesdesk.store.engine import Database
    from salesdesk.ui.background import Job
    from salesdesk.ui.models.deals import DealSource
    from salesdesk.ui.session import DealSession

log = logging.getLogger(__name__)
POLL_MS = 2000
CONTACTS_SHOWN = 500  # on Today; beyond, the title says how many more are due


class TodayItems(NamedTuple):
    """What Today shows: the contacts due (at most CONTACTS_SHOWN), their full count,
    and the coming meetings; on a team's server, whose deals they are (`owners`: the
    display name of each role that has one), None on a rep's own file."""

    due: list[DealSummary]
    due_count: int
    meetings: list[UpcomingMeeting]
    owners: dict[str, str] | None = None
    # Meetings held and not debriefed yet (no outcome written), the most recent first.
    to_debrief: list[UpcomingMeeting] | None = None


class Workspace(QObject, Backups):
    # A database is open: at start, and again after a restore or a recovery.
    database_opened = Signal()
    # Deals were written through this window (created, duplicated, deleted, imported,
    # saved, their contact dates updated): the lists show them again.
    deals_changed = Signal()
    # The database changed outside this window (the command line, a colleague, a sync).
    outside_change = Signal()
    # The rep's profile was saved (the new Profile).
    profile_changed = Signal(object)
    # The start-up backup was written and checked (its Path).
    backup_finished = Signal(object)
    # Something the rep should know, in one translated line, and for how long (ms; 0:
    # until something else is said).
    notice = Signal(str, int)
    # Something that failed, in one translated line.
    failed = Signal(str)

    def __init__(
        self,
        today: Callable[[], date],
        choose_database: Callable[[OpenProblem], Choice],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self._choose = choose_database
        # Read them; they change through the methods below.
        self.db: Database | None = None
        self.profile: Profile | None = None
        self.session: DealSession | None = None  # the deal being edited, once a database is open
        # The database's change token as last seen here: another one is an outside change.
        self._token: object = None
        # The start-up backup and the day's contact dates, each on a thread of its own.
        self.backup_job: Job | None = None
        self._backup_cancel: threading.Event | None = None
        self.contacts_job: Job | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check_outside_changes)

    # ------------------------------------------------------------ opening

    @property
    def sheet(self) -> DealSheet | None:
        """The deal being edited, if any."""
        return None if self.session is None else self.session.sheet

    def open(self, target: str | None, first_page: DealQuery | None = None) -> bool:
        """Open `target` (the default database when None); on failure ask for another
        file or the latest backup. False: the rep gave up.

        `first_page`: the list's first page is read here, so that damage met there gets
        the same offer as any other."""
        from salesdesk.domain.listing import DealQuery
        from salesdesk.interop.demo import add_samples
        from salesdesk.store import contacts, deal_list, settings
        from salesdesk.store.engine import open_database
        from salesdesk.store.errors import StoreError
        from salesdesk.ui.models.deals import PAGE

        while True:
            try:
                db = open_database(target)
                if db.created:
                    add_samples(db, self.today())
                profile = settings.load_profile(db)
                # The first start of the day recomputes every deal's next contact: on a
                # thread, once the list and Today are on screen (4.5 s at 100,000 deals).
                if db.created:  # the samples alone: at once
                    contacts.refresh_contact_dates(db, self.today(), profile.cadence)
                stale = not contacts.contact_dates_fresh(db, self.today(), profile.cadence)
                deal_list.query_deals(db, first_page or DealQuery(), self.today(), 0, PAGE)
                break
            except StoreError as exc:
                log.warning("cannot open %s: %s", target, exc)
                target = self._ask(OpenProblem(str(exc), *restorable(exc)))
                if target is None:
                    self.failed.emit(str(exc))
                    return False
        self._attach(db, profile)
        if stale:
            self._refresh_contacts_in_background()
        return True

    def _ask(self, problem: OpenProblem) -> str | None:
        """The rep's answer to `problem` as a target to open; None: give up."""
        from salesdesk.interop.backup import restore_backup
        from salesdesk.store.errors import StoreError

        answer = self._choose(problem)
        if not isinstance(answer, Recover):
            return answer or None
        if problem.database is None or problem.backup is None:
            return None
        try:
            kept = restore_backup(problem.backup, problem.database)
        except StoreError as exc:
            self.failed.emit(str(exc))
            return None
        log.info("restored %s; the damaged database was kept at %s", problem.backup, kept)
        self.notice.emit(
            self.tr("Backup restored; the damaged file was kept at {path}").format(path=kept), 0
        )
        return str(problem.database)

    def _attach(self, db: Database, profile: Profile) -> None:
        from salesdesk.store import contacts
        from salesdesk.ui.session import DealSession

        self.db = db
        self.profile = profile
        if self.session is None:
            self.session = DealSession(db, self.today, self)
            self.session.saved.connect(self._saved_here)
        self._token = contacts.change_token(db)
        self.database_opened.emit()
        self._poll.start()
        if db.path is not None:
            QTimer.singleShot(0, self._automatic_backup)

    def _replace_database(self, db: Database) -> None:
        """Carry on with another database (after a restore or a recovery)."""
        from salesdesk.store import contacts, settings

        old, self.db = self.db, db
        if self.session is not None:
            self.session.db = db
        self.profile = settings.load_profile(db)
        self._token = contacts.change_token(db)
        if old is not None and old is not db:
            old.close()
        self.database_opened.emit()

    def close(self) -> None:
        """Quitting: stop the poll, let the background work end, close the database."""
        self._poll.stop()
        if self.backup_job is not None:
            # A quit in the first seconds: the integrity check of the copy stops (the
            # copy is dropped) and the job ends while Qt can still hear of it.
            if self._backup_cancel is not None:
                self._backup_cancel.set()
            self.backup_job.wait(60)
        if self.contacts_job is not None:
            self.contacts_job.wait(60)
        if self.db is not None:
            self.db.close()

    # ------------------------------------------------------------ the lists

    def deal_source(self) -> DealSource:
        """What the deal list's model asks the database through."""
        from salesdesk.ui.models.deals import DealSource

        return DealSource(self.fetch_deals, self.count_deals, self.locate_deal, self.shown_count)

    def fetch_deals(self, query: DealQuery, offset: int, limit: int) -> list[DealSummary]:
        from salesdesk.store import deal_list

        if self.db is None:
            return []
        return deal_list.query_deals(self.db, query, self.today(), offset, limit)

    def count_deals(self, query: DealQuery, cap: int | None = None) -> int:
        """The list's length for `query`; with `cap`, `cap + 1` means more than `cap`."""
        from salesdesk.store import deal_list

        return 0 if self.db is None else deal_list.count_deals(self.db, query, self.today(), cap)

    def shown_count(self, query: DealQuery) -> int:
        """The status bar's count: a search's matches up to COUNT_CAP (more: COUNT_CAP + 1)."""
        from salesdesk.store.deal_list import COUNT_CAP

        return self.count_deals(query, COUNT_CAP if query.text else None)

    def locate_deal(self, query: DealQuery, deal_id: int) -> int | None:
        from salesdesk.store import deal_list

        if self.db is None:
            return None
        return deal_list.deal_position(self.db, query, self.today(), deal_id)

    def owners(self) -> list[str]:
        """The owners to filter the list by: on a team's server only."""
        from salesdesk.store import deal_list

        if self.db is None or self.db.is_sqlite:
            return []
        return deal_list.deal_owners(self.db)

    def today_items(self) -> TodayItems:
        from salesdesk.store import contacts

        if self.db is None:
            return TodayItems([], 0, [])
        today = self.today()
        due = contacts.contacts_due(self.db, today, CONTACTS_SHOWN)
        count = (
            len(due) if len(due) < CONTACTS_SHOWN else contacts.count_contacts_due(self.db, today)
        )
        meetings = contacts.upcoming_meetings(self.db, today)
        held = contacts.meetings_to_debrief(self.db, today)
        if self.db.is_sqlite:
            return TodayItems(due, count, meetings, to_debrief=held)
        from salesdesk.store import team

        return TodayItems(due, count, meetings, team.display_names(self.db), held)

    def account_people(self, account: str) -> list[Stakeholder]:
        """The people already known at `account`."""
        from salesdesk.store import people

        return [] if self.db is None else people.account_people(self.db, account)

    # ------------------------------------------------------------ changes

    def mark_changed(self) -> None:
        """Deals were written through this window: the lists show them, and the poll
        does not take them for someone else's change."""
        from salesdesk.store import contacts

        if self.db is not None:
            self._token = contacts.change_token(self.db)
        self.deals_changed.emit()

    def _saved_here(self, _when: object) -> None:
        self.mark_changed()

    def check_outside_changes(self) -> bool:
        """Take in what changed outside this window meanwhile (an import from the command
        line, a restore, a sync); True when something had. Waits while the open deal has
        edits not yet saved."""
        if self.db is None or (self.session is not None and self.session.dirty):
            return False
        from salesdesk.store import contacts
        from salesdesk.store.errors import StoreError

        try:
            token = contacts.change_token(self.db)
            if token == self._token:
                return False
            log.info("the database changed outside this window; refreshing")
            if self.session is not None:
                self.session.reload_if_unchanged_here()
            self._token = token
        except StoreError as exc:
            self.failed.emit(str(exc))
            return False
        self.outside_change.emit()
        return True

    def _refresh_contacts_in_background(self) -> None:
        from salesdesk.store import contacts
        from salesdesk.ui.background import Job

        if self.db is None or self.profile is None:
            return
        db, today, cadence = self.db, self.today(), self.profile.cadence
        self.notice.emit(self.tr("Updating the next contact dates for today…"), 0)
        job = self.contacts_job = Job(
            lambda: contacts.refresh_contact_dates(db, today, cadence), "contact dates"
        )
        job.done.connect(self._contacts_refreshed)
        job.failed.connect(self._contacts_failed)
        job.start()

    def _contacts_refreshed(self, changed: object) -> None:
        log.info("next contact dates updated for today: %s changed", changed)
        if changed:
            self.mark_changed()
        self.notice.emit(self.tr("Next contact dates up to date"), 3000)

    def _contacts_failed(self, exc: object) -> None:
        from salesdesk.store.errors import StoreError

        if not isinstance(exc, StoreError):
            raise exc if isinstance(exc, BaseException) else RuntimeError(exc)  # our bug
        log.warning("next contact dates not updated: %s", exc)
        self.failed.emit(str(exc))

    # ------------------------------------------------------------ deals

    def new_deal(self) -> int:
        """A new, empty deal in the rep's currency; its id."""
        from salesdesk.domain.deal import DealSheet

        assert self.profile is not None
        return self._create(
            DealSheet(
                title=self.tr("New deal"),
                account=self.tr("New account"),
                currency=self.profile.currency,
                owner=self.profile.name,
            )
        )

    def templates_folder(self) -> Path:
        from salesdesk.interop.templates import template_dir
        from salesdesk.paths import data_dir

        if self.db is not None and self.db.path is not None:
            return template_dir(self.db.path)
        return data_dir() / "templates"

    def templates(self) -> list[Template]:
        from salesdesk.interop.templates import list_templates

        return list_templates(self.templates_folder())

    def new_deal_from(self, template: Template) -> int:
        """A new deal from a saved worksheet; its id. Raises PackageError or OSError."""
        from salesdesk.interop.templates import new_sheet_from

        assert self.profile is not None
        sheet = new_sheet_from(template.path, self.tr("New deal"), self.tr("New account"))
        sheet.owner = self.profile.name
        return self._create(sheet)

    def duplicate_deal(self) -> int | None:
        """A copy of the open deal (saved first), under a new title; its id. It takes the
        worksheet and the people, not the calendar: the meetings stay the original's."""
        import copy

        if self.session is None or self.session.sheet is None:
            return None
        self.session.save_now()
        sheet = copy.deepcopy(self.session.sheet)
        sheet.id = None
        sheet.uid = None
        sheet.source = None
        sheet.meetings = []
        sheet.title = self.tr("{title} (copy)").format(title=sheet.title)
        return self._create(sheet)

    def _create(self, sheet: DealSheet) -> int:
        """Write `sheet` as a new deal; its id."""
        from salesdesk.store import deals

        assert self.db is not None
        deal_id = deals.save_deal(self.db, sheet, today=self.today())
        self.mark_changed()
        return deal_id

    def delete_open_deal(self) -> bool:
        """Delete the deal being edited, with its history; False when none is open."""
        from salesdesk.store import deals

        if self.db is None or self.session is None or self.session.sheet is None:
            return False
        deal_id = self.session.sheet.id
        if deal_id is None:
            return False
        self.session.close()
        self.session.forget(deal_id)
        deals.delete_deal(self.db, deal_id)
        self.mark_changed()
        return True

    def save_profile(self, profile: Profile) -> None:
        """Store the rep's profile; the deals' next contacts follow its cadence. Raises
        StoreError."""
        from salesdesk.store import contacts, team

        assert self.db is not None
        team.save_profile(self.db, profile)
        cadence_changed = self.profile is None or self.profile.cadence != profile.cadence
        self.profile = profile
        if cadence_changed:
            contacts.refresh_contact_dates(self.db, self.today(), profile.cadence)
        self.profile_changed.emit(profile)
        self.mark_changed()

    def save_name(self, name: str, company: str) -> None:
        """The rep's name and company, the rest of the profile kept."""
        from dataclasses import replace

        assert self.profile is not None
        self.save_profile(replace(self.profile, name=name, company=company))
