"""Nothing a deal holds drives the terminal: every line the command line prints, on
stdout and stderr, shows control characters (ESC sequences, C1, a lone CR, bidirectional
overrides) instead of obeying them, and JSON still reads back the data unchanged.

The texts are planted in the database directly, as a record from an older version or
from another program would hold them: every entrance of ours refuses C0 and C1 controls.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest
from sqlalchemy import text

from salesdesk.store.engine import open_database
from tests.cli.test_cli import _deal_id

# Retitles the window, clears the screen, CSI in its one-byte C1 form, a right-to-left
# override hiding what follows, a lone CR that would overwrite the line.
TITLE = "Renouvellement \x1b]0;pwned\x07\x1b[2J\x9b31m\u202etxe.exe\u202c\rfake"
ACCOUNT = "Acme \x1b[31m\x85\u2066red\u2069"
TERM = "Prix \x9b2J\u202e"
UNIT = "€ \x1b[5m"

# What a terminal would obey (CRLF, a CSV's line end, is not among them).
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def assert_shown_not_obeyed(result: subprocess.CompletedProcess[str]) -> None:
    for stream, out in (("stdout", result.stdout), ("stderr", result.stderr)):
        found = UNSAFE.search(out)
        assert found is None, f"{stream} carries {found.group()!r}: {out[:400]!r}"
    assert "Traceback" not in result.stderr


@pytest.fixture
def hostile(demo_db, db_target):
    """The demo, with control characters in one deal's title, account, a term and its unit."""
    deal = int(_deal_id(demo_db, "Renouvellement"))
    db = open_database(db_target)
    try:
        with db.transaction() as session:
            account_id = session.execute(
                text("SELECT account_id FROM deal WHERE id = :d"), {"d": deal}
            ).scalar_one()
            session.execute(
                text("UPDATE deal SET title = :t WHERE id = :d"), {"t": TITLE, "d": deal}
            )
            session.execute(
                text("UPDATE account SET name = :n WHERE id = :a"), {"n": ACCOUNT, "a": account_id}
            )
            term_id = session.execute(
                text("SELECT id FROM term WHERE deal_id = :d ORDER BY position LIMIT 1"),
                {"d": deal},
            ).scalar_one()
            session.execute(
                text("UPDATE term SET name = :n, unit = :u WHERE id = :t"),
                {"n": TERM, "u": UNIT, "t": term_id},
            )
    finally:
        db.close()
    return demo_db, str(deal)


def run_clean(cli, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    result = cli(*args, input=input)
    assert_shown_not_obeyed(result)
    return result


def test_the_deal_list_shows_the_controls_in_a_title_and_account(hostile):
    cli, _deal = hostile
    listed = run_clean(cli, "deals")
    assert listed.returncode == 0, listed.stderr
    # Shown as text the user can read, not dropped.
    assert "\\x1b]0;pwned\\x07" in listed.stdout
    assert "Acme \\x1b[31m\\x85\\u2066red\\u2069" in listed.stdout


def test_json_escapes_the_controls_and_reads_back_the_same_title(hostile):
    cli, deal = hostile
    listed = run_clean(cli, "deals", "--json")
    assert listed.returncode == 0, listed.stderr
    by_id = {str(d["id"]): d for d in json.loads(listed.stdout)}
    assert by_id[deal]["title"] == TITLE
    assert by_id[deal]["account"] == ACCOUNT
    shown = run_clean(cli, "show", deal, "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["title"] == TITLE


def test_the_csv_keeps_its_line_ends_and_shows_the_controls(hostile):
    cli, _deal = hostile
    exported = run_clean(cli, "deals", "--csv")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.reader(io.StringIO(exported.stdout, newline="")))
    assert any("pwned" in cell for row in rows for cell in row)  # the text kept, readable


def test_every_command_that_prints_a_deal_shows_the_controls(hostile):
    cli, deal = hostile
    for args in (
        ("show", deal),
        ("counterpart", deal),
        ("counterpart", deal, "--json"),
        ("next-offer", deal),
        ("next-offer", deal, "--json"),
        ("packages", deal),
        ("packages", deal, "--json"),
        ("frontier", deal),
        ("frontier", deal, "--json"),
    ):
        result = run_clean(cli, *args)
        assert result.returncode in (0, 2), (args, result.stderr)
    shown = run_clean(cli, "show", deal)
    assert "\\x9b2J" in shown.stdout  # the term's name, shown
    replies = run_clean(
        cli, "rehearse", deal, "--tactic", "boulware", "--rounds", "2", input='{"values": {}}\n' * 2
    )
    assert replies.returncode == 0, replies.stderr
    assert TERM in json.loads(replies.stdout.splitlines()[0])["values"]


def test_import_summaries_and_errors_show_the_controls(hostile, tmp_path):
    cli, deal = hostile
    package = tmp_path / "deal.json"
    exported = run_clean(cli, "export-deal", deal, "-o", str(package))
    assert exported.returncode == 0, exported.stderr
    # Our entrance refuses the planted title: the refusal names it without obeying it.
    run_clean(cli, "import-deal", str(package), "--as-new")
    crm = tmp_path / "export.csv"
    crm.write_text(
        "Deal Name,Account Name,Stage,Amount\n"
        "Renewal \u202etxe.exe,Acme \u2066Corp\u2069,Prospecting,1000\n",
        encoding="utf-8",
    )
    for args in (("import", str(crm), "--dry-run"), ("import", str(crm))):
        result = run_clean(cli, *args)
        assert result.returncode == 0, result.stderr


def test_argparse_error_lines_show_what_was_typed(demo_db):
    result = run_clean(demo_db, "deals", "\x1b]0;pwned\x07\u202e")
    assert result.returncode == 2
    assert "\\x1b]0;pwned\\x07\\u202e" in result.stderr
