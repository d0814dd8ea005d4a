"""A short guide to the method SalesDesk follows, in the app's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    BATNA (MESORE), trading every concession, what each term is worth (options, shaped
    scores), the BATNA's score, the frontier and the Nash package."""

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
        parts += self._preferences(h, p)
        parts += self.loop_html()
        return "".join(parts)

    def _preferences(self, h: Callable[[int, str], str], p: Callable[[str], str]) -> list[str]:
        """Options, shaped scores, BATNA scores, the frontier and the Nash package."""
        return [
            h(3, self.tr("5. What each term is worth: options and shaped scores")),
            p(
                self.tr(
                    "Every value of a term is worth a score from 0 to 100, to you and, as "
                    "you estimate it, to them; the weights say which terms matter most (two "
                    "decimals allowed), and a package's score is the weighted average."
                )
            ),
            p(
                self.tr(
                    "A term is a number (a price, days) or a choice among options (payment "
                    "on delivery, at 30 days, at 60 days). For options, choose “options” as "
                    "the term's kind and list them under “Scores of the term”, each with what "
                    "it is worth to you and to them; positions and offers then pick one."
                )
            ),
            p(
                self.tr(
                    "A number scores in a straight line by default: 100 at your opening, 0 "
                    "at your walk-away. When a preference rises and falls (delivery best at "
                    "45 days, worse sooner and worse later), give score points: a value and "
                    "what it is worth. Between two points the score runs straight, beyond "
                    "them it stays flat; the range chart draws the curve."
                )
            ),
            h(3, self.tr("6. The BATNA's score")),
            p(
                self.tr(
                    "Your BATNA is worth a score on the same scale as a package: type it, or "
                    "fill its package (a value per term) and it is computed. A value on one "
                    "term (“another buyer pays 1.12”) describes the alternative and checks "
                    "your walk-away on that term, but it is no package score: when that is "
                    "all there is, the Worksheet asks for a score. An offer scoring below "
                    "your BATNA is flagged, and so is one scoring below their BATNA for "
                    "them: they would rather walk away."
                )
            ),
            h(3, self.tr("7. The frontier, the deal zone and the Nash package")),
            p(
                self.tr(
                    "The efficient frontier holds the packages no other package beats: none "
                    "is at least as good for both sides and better for one. An offer below "
                    "it leaves something on the table, and the Offers tab says how much "
                    "(“a package exists that is as good for us and 14.20 points better for "
                    "them”): find that package, and trade what it gives them."
                )
            ),
            p(
                self.tr(
                    "The deal zone holds the packages both sides prefer to their BATNAs. "
                    "When there is none, the app says so: improve your alternative, test "
                    "your estimate of theirs, or find something else to trade. Within the "
                    "zone, the Nash package shares the gains over both BATNAs best (it "
                    "makes the product of both gains the largest): a fair point to steer to."
                )
            ),
            p(
                self.tr(
                    "The negotiation dance on the Offers tab draws your score against "
                    "theirs: the frontier, both BATNAs, every offer round by round (yours "
                    "filled, theirs hollow) and the Nash package. Equivalent packages (MESO) "
                    "come from the frontier: worth the same to you, as good as possible for "
                    "them."
                )
            ),
        ]

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
        heading = self.tr("8. After the meeting: close the loop")
        return [f"<h3>{escape(heading)}</h3>", f"<ol>{items}</ol>"]


def show_guide(parent: QWidget | None, cadence: Sequence[int] = DEFAULT_CADENCE) -> GuideDialog:
    """Open the guide beside the window (not modal: the rep can read it while working)."""
    dialog = GuideDialog(cadence, parent)
    dialog.setModal(False)
    dialog.show()
    return dialog
