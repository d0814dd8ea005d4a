"""French: every string translated and current, the UI in French, amounts and dates the
French way."""

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from salesdesk.domain.display import format_date
from salesdesk.domain.money import format_money
from salesdesk.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_every_string_is_translated_and_the_catalogues_are_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_interface_in_french(french, qtbot, tmp_path):
    from salesdesk.ui.main_window import MainWindow

    window = MainWindow(today=lambda: date(2026, 11, 29))
    qtbot.addWidget(window)
    assert window.open_database(str(tmp_path / "fr.db"))
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Fichier", "&Édition", "A&ffichage", "Ai&de"]
    ids = {window.model.deal_at(r).title: window.model.deal_at(r).id for r in range(4)}
    window.open_deal(ids["Renouvellement cartons 2027"])
    editor = window.editor
    assert [editor.tabText(i) for i in range(editor.count())][:4] == [
        "&Synthèse",
        "&Personnes",
        "&Rendez-vous",
        "&Feuille de préparation",
    ]
    # The domain's labels come from the gettext catalogue.
    assert window.model.index(0, 2).data() in {
        "Suivi du déploiement",
        "Proposition et ajustement",
        "Contrat",
        "Définition du besoin",
    }
    ledger = editor.ledger
    assert ledger.balance.text().startswith("Solde : ")
    assert ledger.balance.text().endswith("\u00a0€")
    window.close()


def test_amounts_and_dates_the_french_way():
    assert format_money(Decimal("1234.56"), "EUR", "fr") == "1\u202f234,56\u00a0€"
    assert format_date(date(2026, 11, 29), "fr") == "29/11/2026"


@pytest.mark.parametrize(
    ("lang", "one", "many", "over"),
    [
        ("en", "1 deal", "100,000 deals", "More than 1,000 deals"),
        ("fr", "1 affaire", "100\u202f000 affaires", "Plus de 1\u202f000 affaires"),
    ],
)
def test_counts_read_naturally(qapp, lang, one, many, over):
    """English has its own catalogue, of plural forms only: no "1 deal(s)"."""
    from PySide6.QtCore import QLocale

    translator = QTranslator()
    assert translator.load(f"salesdesk_{lang}", str(resource_path("i18n")))
    QCoreApplication.installTranslator(translator)
    previous = QLocale()
    QLocale.setDefault(
        QLocale(QLocale.Language.French if lang == "fr" else QLocale.Language.English)
    )
    try:
        count = [
            QCoreApplication.translate("MainWindow", "%Ln deal(s)", None, n) for n in (1, 100_000)
        ]
        # A broad search's count, past the cap (the same on both engines).
        capped = QCoreApplication.translate("MainWindow", "More than %Ln deal(s)", None, 1000)
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(previous)
    assert count == [one, many]
    assert capped == over


def test_the_guide_to_the_method_in_french(french, qtbot):
    from salesdesk.ui.guide import GuideDialog

    dialog = GuideDialog((7, 5, 3, 2, 1))
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert dialog.windowTitle() == "La méthode en bref"
    for words in (
        "huit étapes",
        "Fidélisation",
        "un contact tous les 7 jours",
        "un contact chaque jour",  # the last phase's one day, not "tous les 1 jour"
        "MESORE",
        "à condition que",
        "point de rupture",
    ):
        assert words in text
