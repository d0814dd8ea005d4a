"""Regenerate docs/screenshots/*.png: the app on the sample deals, one picture per view.

xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def dark_palette(app: object) -> None:
    """A dark desktop theme, as a rep's system may set it."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#2f2f2f"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#2f65ca"),
        (role.HighlightedText, "#ffffff"),
        (role.ToolTipBase, "#353535"),
        (role.ToolTipText, "#e6e6e6"),
        (role.PlaceholderText, "#8a8a8a"),
    ):
        palette.setColor(which, QColor(colour))
    app.setPalette(palette)


def main() -> None:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="salesdesk-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("SalesDesk-screenshots")
    from salesdesk.ui.main_window import MainWindow
    from salesdesk.ui.translation import apply_language

    french = apply_language(app) == "fr"
    dark = os.environ.get("SALESDESK_SCREENSHOT_PALETTE") == "dark"
    if dark:
        dark_palette(app)

    window = MainWindow(today=date.today)
    window.resize(1500, 940)
    window.splitter.setSizes([360, 1140])
    window.show()
    assert window.open_database(str(folder / "samples.db"))
    if window.profile_banner is not None:  # the rep of the pictures answers the question
        window.profile_banner.name.setText("Camille Durand")
        window.profile_banner.company.setText("Durand Solutions")
        window.profile_banner.save.click()
    OUT.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        name = f"fr-{name}" if french else f"dark-{name}" if dark else name
        window.grab().save(str(OUT / f"{name}.png"))
        print(OUT / f"{name}.png")

    shot("today")
    rows = (window.model.deal_at(r) for r in range(window.model.rowCount()))
    deals = {d.title: d.id for d in rows if d is not None}

    def preferences() -> None:
        """The Itex–Cypress sample: an option term selected (its options beside the grid)
        and shaped terms drawn as their curves; then the Offers tab's negotiation dance."""
        window.open_deal(deals["Bicycle components, 2027 supply"])
        assert window.editor is not None
        sheet_tab = window.editor.worksheet
        window.editor.setCurrentWidget(sheet_tab)
        sheet_tab.table.setCurrentIndex(sheet_tab.model.index(2, 0))  # Payment: options
        sheet_tab.details.setCurrentWidget(sheet_tab.scores)
        for _ in range(4):
            time.sleep(0.15)
            app.processEvents()
        shot("worksheet-preferences")
        window.editor.setCurrentWidget(window.editor.offers)
        for _ in range(6):  # the frontier is mapped off the GUI thread, then drawn
            time.sleep(0.15)
            app.processEvents()
        window.editor.offers.propose()  # MESO packages, each with its own scores
        for _ in range(2):
            time.sleep(0.15)
            app.processEvents()
        shot("offers-dance")

    if french or dark:
        # A few views in French (SALESDESK_LANG=fr) or in a dark palette.
        window.open_deal(deals["Renouvellement cartons 2027"])
        for index, name in ((0, "overview"), (3, "worksheet"), (5, "ledger")):
            window.editor.setCurrentIndex(index)
            for _ in range(3):
                time.sleep(0.15)
                app.processEvents()
            shot(name)
        if french:
            preferences()
        window.close()
        return
    window.open_deal(deals["Renouvellement cartons 2027"])
    assert window.editor is not None
    for index, name in ((0, "overview"), (1, "people"), (2, "meetings")):
        window.editor.setCurrentIndex(index)
        shot(name)

    def settle() -> None:
        # Charts are drawn a moment after the tab shows.
        for _ in range(3):
            time.sleep(0.15)
            app.processEvents()

    for index, name in ((3, "worksheet"), (4, "offers"), (5, "ledger"), (6, "brief")):
        window.editor.setCurrentIndex(index)
        settle()
        shot(name)
    # Four terms: three packages at our latest offer's score, each moving other terms.
    window.open_deal(deals["Renouvellement cartons 2027"])
    window.editor.setCurrentIndex(4)
    window.editor.offers.propose()
    settle()
    shot("offers-meso")
    preferences()
    window.open_deal(deals["Fleet telematics roll-out, 240 vehicles"])
    window.editor.setCurrentIndex(0)
    shot("overview-overdue")
    # the CRM import, previewing a HubSpot export
    from salesdesk.ui.import_dialog import ImportDialog

    csv_path = folder / "hubspot-export.csv"
    csv_path.write_bytes(
        "Record ID;Deal Name;Deal Stage;Close Date;Amount;Associated Company;Deal owner\n"
        "101;Grand contrat 2027;Contract sent;27/11/2026;25 000,00 €;Société X;Camille\n"
        "102;Extension entrepôt;Presentation scheduled;15/12/2026;48 500,00 €;Société Y;"
        "Camille\n103;Maintenance;Closed won;02/11/2026;9 900,00 €;Société Z;Camille\n".encode(
            "cp1252"
        )
    )
    assert window.workspace.db is not None
    dialog = ImportDialog(window.workspace.db, csv_path, "EUR", window)
    dialog.show()
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(OUT / "import.png"))
    print(OUT / "import.png")
    dialog.close()
    window.close()


if __name__ == "__main__":
    main()
