"""A short guide to the method SalesDesk follows, in the app's language."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from salesdesk.domain.stages import (
    DEFAULT_CADENCE,
    PHASE_LABELS,
    PHASES,
    STAGE_CHECKLISTS,
    STAGE_LABELS,
    Stage,
)
from salesdesk.i18n import _


class GuideDialog(QDialog):
    """The relationship path, the maturity phases and their cadence, the positions and the
    BATNA (MESORE), and trading every concession."""

    def __init__(
        self, cadence: Sequence[int] = DEFAULT_CADENCE, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The method in short"))
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(self.html(cadence))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def html(self, cadence: Sequence[int]) -> str:
        def p(text: str) -> str:
            return f"<p>{escape(text)}</p>"

        def h(level: int, text: str) -> str:
            return f"<h{level}>{escape(text)}</h{level}>"

        parts = [h(2, self.tr("Preparing a negotiation with SalesDesk"))]
        parts.append(h(3, self.tr("1. The relationship path: eight stages")))
        parts.append(
            p(
                self.tr(
                    "Every deal sits at one stage of the relationship, in this order. "
                    "The Overview tab shows the stage and what to do there."
                )
            )
        )
        stages = "".join(
            f"<li><b>{escape(_(STAGE_LABELS[stage]))}</b> — "
            f"{escape(' · '.join(_(item) for item in STAGE_CHECKLISTS[stage]))}</li>"
            for stage in Stage
        )
        parts.append(f"<ol>{stages}</ol>")
        parts.append(h(3, self.tr("2. Five maturity phases and the contact cadence")))
        parts.append(
            p(
                self.tr(
                    "Place the prospect's project on its maturity phase. The more mature "
                    "the project, the more often you must be in touch: a deal whose next "
                    "contact is past is overdue, and shows on Today."
                )
            )
        )

        def every(days: int) -> str:
            return self.tr("a contact every %n day(s)", "", days)

        phases = "".join(
            f"<li>{escape(_(PHASE_LABELS[phase]))} — {escape(every(cadence[phase - 1]))}</li>"
            for phase in PHASES
        )
        parts.append(f"<ol>{phases}</ol>")
        parts.append(h(3, self.tr("3. Opening, target, walk-away and the BATNA (MESORE)")))
        parts.append(
            p(
                self.tr(
                    "For every term negotiated (price, volume, payment terms…), write on the "
                    "Worksheet where you open, where you aim to land (target) and the point "
                    "past which you walk away, and estimate the same for the other side. "
                    "Where both walk-aways overlap lies the ZOPA, the zone where an "
                    "agreement is possible."
                )
            )
        )
        parts.append(
            p(
                self.tr(
                    "The BATNA (in French MESORE) is what you will do without an agreement. "
                    "Never accept less than it: a walk-away worse than your BATNA is flagged, "
                    "and so is an offer scoring below it."
                )
            )
        )
        parts.append(h(3, self.tr("4. Trade every concession “on condition that”")))
        parts.append(
            p(
                self.tr(
                    "Never give, always trade: “we give X on condition that you give Y”. "
                    "The Ledger records each concession with its counterpart, its cost to "
                    "us and its value to them; one given without a counterpart is flagged. "
                    "The Brief turns the plan into “If you…, then we…” for the meeting."
                )
            )
        )
        parts += self.loop_html()
        return "".join(parts)

    def loop_html(self) -> list[str]:
        """After the meeting: the loop that prepares the next round."""
        steps = [
            self.tr(
                "Debrief the meeting the same day (Meetings tab, “Debrief…”, or Today the "
                "day after): type their counter-offer, say which of your trades they took "
                "or refused and what you got, and date the next meeting. One save records "
                "it all, and Ctrl+Z takes it back."
            ),
            self.tr(
                "Read their side (tab “Their side”): from two offers of theirs, SalesDesk "
                "shows which terms they hold firm on — those matter most to them — and, "
                "when their concessions keep shrinking, where they are heading: their "
                "likely walk-away. Your own estimates stay until you adopt the reading."
            ),
            self.tr(
                "Prepare your next offer (Offers tab, “Propose next offer”): a smaller "
                "concession than your last one, never past a walk-away of yours nor below "
                "your BATNA, and as good for them as that allows — with the trade to ask "
                "in return. Change it as you like before you record it; the brief puts it "
                "on page one."
            ),
            self.tr(
                "Rehearse (tab “Rehearsal”): play the next rounds against a counterpart "
                "that holds then gives in late, gives in early, or answers like for like. "
                "Nothing of it is recorded as an offer; keep it as a note if it taught you "
                "something."
            ),
            self.tr(
                "When the deal is won or lost, the brief ends with a review for your "
                "manager: what was agreed against your target, what was left on the "
                "table, what you gave and got, and why it was lost."
            ),
        ]
        items = "".join(f"<li>{escape(step)}</li>" for step in steps)
        heading = self.tr("5. After the meeting: close the loop")
        return [f"<h3>{escape(heading)}</h3>", f"<ol>{items}</ol>"]


def show_guide(parent: QWidget | None, cadence: Sequence[int] = DEFAULT_CADENCE) -> GuideDialog:
    """Open the guide beside the window (not modal: the rep can read it while working)."""
    dialog = GuideDialog(cadence, parent)
    dialog.setModal(False)
    dialog.show()
    return dialog
