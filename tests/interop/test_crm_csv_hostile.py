"""CRM files that cannot be read unambiguously are refused, naming the line."""

from __future__ import annotations

import pytest

from salesdesk.interop.crm_csv import ImportRejected, parse_file

HEADER = "Id,Name,Account.Name,Amount,CloseDate,StageName"


def rows(*lines: str, end: str = "\n") -> bytes:
    return end.join([HEADER, *lines, ""]).encode()


def refused(raw: bytes) -> list[str]:
    with pytest.raises(ImportRejected) as info:
        parse_file(raw)
    assert info.value.lines, str(info.value)
    return info.value.lines


def test_the_same_record_twice_is_refused_naming_both_lines():
    lines = refused(
        rows(
            "R1,A,X,10,2026-12-01,Qualification",
            "R2,B,X,5,,Qualification",
            "R1,A again,X,20,2026-12-01,Qualification",
        )
    )
    assert lines == ["line 4, column 1: record id 'R1' is also on line 2: one row per record"]


def test_an_unbalanced_quote_is_refused_naming_its_line():
    raw = rows(
        'R1,"Fleet renewal,X,10,2026-12-01,Qualification',
        "R2,Scanners,X,5,2026-12-01,Qualification",
        'R3,"Audit" 2026,X,5,2026-12-01,Qualification',
    )
    [line] = refused(raw)
    assert line.startswith("line 2, column ")


def test_a_quote_never_closed_is_refused():
    [line] = refused(rows("R1,Fine,X,10,,Qualification", 'R2,"Broken,X,5,,Qualification'))
    assert line.startswith("line 3, column 1: the quotes do not pair up")


def test_a_lone_cr_in_an_unquoted_field_of_an_lf_file_is_refused():
    [line] = refused(rows("R1,Fine,X,10,,Qualification", "R2,Half\rway,X,5,,Qualification"))
    assert line.startswith("line 3, column 2: a carriage return (CR) alone")


def test_a_lone_cr_in_a_crlf_file_is_refused_too():
    raw = rows("R1,Fine,X,10,,Qualification", "R2,Half\rway,X,5,,Qualification", end="\r\n")
    [line] = refused(raw)
    assert line.startswith("line 3, column 2:")


def test_old_mac_cr_only_files_are_read():
    crm = parse_file(
        rows("R1,Fleet,X,10,,Qualification", "R2,Scanners,Y,5,,Qualification", end="\r")
    )
    assert [(d.line, d.title) for d in crm.deals] == [(2, "Fleet"), (3, "Scanners")]


def test_one_cp1252_byte_in_a_utf8_file_is_refused_not_turned_to_mojibake():
    raw = rows("R1,Société,X,10,,Qualification", "R2,Caf\xe9,X,5,,Qualification").replace(
        "Caf\xe9".encode(), b"Caf\xe9"
    )
    [line] = refused(raw)
    assert line.startswith("line 3, column 1: byte 0xE9 is not UTF-8")


def test_a_cp1252_file_is_read_in_cp1252():
    crm = parse_file(rows("R1,Société,X,10,,Qualification").decode().encode("cp1252"))
    assert crm.deals[0].title == "Société"


def test_a_huge_field_is_refused_with_line_and_column():
    [line] = refused(rows("R1,Fine,X,10,,Qualification", "R2," + "x" * 50_000_000 + ",X,5,,Q"))
    assert line == (
        "line 3, column 2: the title is 50,000,000 characters long; at most 200 are allowed"
    )


@pytest.mark.parametrize(
    ("amount", "reason"),
    [("12.12345", "has more than 4 decimal places"), ("99999999999999999999", "is too large")],
)
def test_amounts_the_store_cannot_keep_are_refused_with_line_and_column(amount, reason):
    [line] = refused(rows(f"R1,Fine,X,{amount},,Qualification"))
    assert line.startswith("line 2, column 4:") and reason in line


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\t"])
def test_control_characters_in_imported_fields_are_refused(char):
    [line] = refused(rows(f'R1,"Ti{char}tle",X,10,,Qualification'))
    assert line.startswith("line 2, column 2: the title holds the control character U+")


def test_a_line_break_in_a_title_is_refused_but_allowed_in_other_columns():
    [line] = refused(rows('R1,"Two\nlines",X,10,,Qualification'))
    assert line.startswith("line 2, column 2: the title holds the control character U+000A")
    crm = parse_file(
        b"Opportunity Name,Account Name,Amount,Stage,Next Step\n"
        b'Fleet,X,10,Qualification,"Call back\nnext week"\n'
    )
    assert crm.deals[0].title == "Fleet"


def test_the_cli_says_line_and_column_and_exits_2_even_on_a_dry_run(cli, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(rows("R1,Fine,X,12.12345,,Qualification"))
    for extra in ([], ["--dry-run"]):
        result = cli("import", str(path), *extra)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "line 2, column 4: 12.12345 has more than 4 decimal places" in result.stderr
