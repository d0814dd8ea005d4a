"""The brief of a deal with two "Sophie Martin" (issue 23, section 6): page one's "In the
room" lists the one attending, ours, with her own role and stance, told apart from the
customer's namesake; the appendix says which Sophie introduced Karim; the customer copy
names the attendees and nothing else of them. Read from the PDF by poppler."""

from __future__ import annotations

import subprocess
from datetime import date, datetime

from salesdesk.brief.document import BriefRequest, Variant, build_pdf
from salesdesk.domain.analysis import analyse
from salesdesk.domain.profile import Profile
from salesdesk.store import deals
from tests.homonyms import OURS_LABEL, THEIRS_LABEL, two_sophies

TODAY = date(2026, 12, 6)


def _pages(tmp_path, variant: Variant) -> list[str]:
    sheet = two_sophies(date(2026, 12, 8))
    req = BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=Profile(name="Camille Durand", company="Durand Solutions"),
        meeting=sheet.meetings[0],
        variant=variant,
        generated_at=datetime(2026, 12, 6, 8, 30),
    )
    path = tmp_path / f"{variant.value}.pdf"
    path.write_bytes(build_pdf(req))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def _section(page: str, heading: str) -> list[str]:
    """The lines of a page from `heading` to the next blank line after its table."""
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == heading)
    out: list[str] = []
    for line in lines[start + 1 :]:
        if not line.strip() and len(out) > 1:
            break
        if line.strip():
            out.append(" ".join(line.split()))
    return out


def test_in_the_room_is_the_sophie_who_attends_with_her_role(tmp_path):
    pages = _pages(tmp_path, Variant.FULL)
    room = _section(pages[0], "In the room")
    assert room == [
        "Name Side Role Stance",
        f"{OURS_LABEL} ours influencer champion",
        "Karim Benali theirs technical buyer supporter",
    ]
    whole = "\n".join(" ".join(line.split()) for page in pages for line in page.splitlines())
    # The appendix's people: both, told apart, and Karim introduced by the customer's.
    assert f"{THEIRS_LABEL} theirs economic buyer skeptic" in whole
    assert f"Karim Benali theirs technical buyer supporter {THEIRS_LABEL}" in whole


def test_the_customer_copy_names_the_attendees_only(tmp_path):
    text = "\n".join(_pages(tmp_path, Variant.REDACTED))
    flat = " ".join(text.split())
    assert "Attending Sophie Martin, Karim Benali" in flat
    for internal in ("(ours)", "influencer", "champion", "skeptic", "economic buyer"):
        assert internal not in flat, internal


def test_the_brief_from_the_shell_says_which_sophie_is_in_the_room(db, cli, tmp_path):
    """`salesdesk brief` reads a SQLite file with its own quick reader: same people."""
    deal_id = deals.save_deal(db, two_sophies(date(2026, 12, 8)), today=TODAY)
    path = tmp_path / "shell.pdf"
    made = cli("brief", str(deal_id), "-o", str(path), "--meeting", "2026-12-08")
    assert made.returncode == 0, made.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    room = _section(text.split("\f")[0], "In the room")
    assert room[1:] == [
        f"{OURS_LABEL} ours influencer champion",
        "Karim Benali theirs technical buyer supporter",
    ]
