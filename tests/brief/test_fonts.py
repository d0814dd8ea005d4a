"""Every name prints: characters outside DejaVu Sans take a TrueType font found on the
machine, embedded; right-to-left names read in their order; a character no font has
is named on stderr and the brief is written all the same.

Needs the Debian fonts tools/bootstrap.sh installs (fonts-wqy-microhei,
fonts-droid-fallback) and fontconfig's fc-list.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest

NAMES = {
    "zh": "王小明",
    "ja": "田中さくら",
    "ko": "김민준",
    "ar": "محمد علي",
    "he": "דוד כהן",
}
NO_FONT = "\U00013000"  # EGYPTIAN HIEROGLYPH A001: no font Debian's bootstrap installs

pytestmark = pytest.mark.skipif(shutil.which("fc-list") is None, reason="needs fontconfig")


def _font_has(char: str) -> bool:
    found = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "file"], capture_output=True, text=True
    ).stdout
    return bool(found.strip())


@pytest.fixture
def international_deal(cli, tmp_path):
    """The warehouse deal, its account Chinese and its people from five scripts."""
    assert cli("demo").returncode == 0
    package = tmp_path / "deal.json"
    assert cli("export-deal", "4", "-o", str(package)).returncode == 0
    data = json.loads(package.read_text(encoding="utf-8"))
    data["account"] = "北京星辰物流有限公司"
    people = [
        {"name": name, "side": "theirs", "role": None, "stance": None, "introduced_by": None}
        for name in NAMES.values()
    ]
    data["stakeholders"] = people
    for meeting in data["meetings"]:
        meeting["attendees"] = list(NAMES.values())
    package.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = cli("import-deal", str(package))
    assert result.returncode == 0, result.stderr
    return cli, data


def _text(path) -> str:
    raw = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Arabic is drawn in its joined (presentation) forms; NFKC reads them as letters.
    return unicodedata.normalize("NFKC", raw)


def _fonts(path) -> list[list[str]]:
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [line.split() for line in lines]


def test_names_in_five_scripts_print_with_an_embedded_fallback(international_deal, tmp_path):
    cli, data = international_deal
    if not all(_font_has(c) for c in "王さ김"):
        pytest.skip("no TrueType CJK font on this machine (tools/bootstrap.sh installs one)")
    out = tmp_path / "brief.pdf"
    result = cli("brief", "4", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # every character found a font
    text = _text(out)
    assert data["account"] in text
    for name in NAMES.values():
        assert name in text, name  # poppler gives RTL back in reading order
    fonts = _fonts(out)
    assert all(row[-5] == "yes" for row in fonts), fonts  # every font embedded
    names = [row[0] for row in fonts]
    assert any("DejaVuSans" in n for n in names)
    # A font other than ours drew the Chinese, Japanese and Korean names.
    assert any("DejaVu" not in n for n in names), names
    # The customer copy prints the attendees too.
    redacted = tmp_path / "redacted.pdf"
    assert cli("brief", "4", "-o", str(redacted), "--variant", "redacted").returncode == 0
    assert all(name in _text(redacted) for name in NAMES.values())


def test_a_character_no_font_has_is_named_and_the_brief_still_written(cli, tmp_path):
    if _font_has(NO_FONT):
        pytest.skip("this machine has a font for Egyptian hieroglyphs")
    assert cli("demo").returncode == 0
    package = tmp_path / "deal.json"
    assert cli("export-deal", "4", "-o", str(package)).returncode == 0
    data = json.loads(package.read_text(encoding="utf-8"))
    data["account"] = f"Ankh {NO_FONT} Trading"
    package.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli("import-deal", str(package)).returncode == 0
    out = tmp_path / "brief.pdf"
    result = cli("brief", "4", "-o", str(out))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert NO_FONT in lines[0] and "U+13000" in lines[0]
    assert out.stat().st_size > 0 and "Ankh" in _text(out)


def test_the_font_folders_are_searched_where_fontconfig_is_not(monkeypatch):
    """Windows and macOS: the folders' TrueType files, read by their character maps."""
    from pathlib import Path

    from salesdesk.brief import fonts

    if not _font_has("김"):
        pytest.skip("no Korean TrueType font on this machine")
    monkeypatch.setattr(fonts, "_font_folders", lambda: [Path("/usr/share/fonts")])
    fonts._folder_fonts.cache_clear()
    try:
        found = fonts._folder_candidates("김")
        assert found and all(p.lower().endswith((".ttf", ".ttc")) for p, _i in found)
        assert not any(p.lower().endswith(".otf") for p, _i in fonts._folder_fonts())
        assert fonts._folder_candidates(NO_FONT) == []
        # The one found can be embedded.
        name = fonts._register_fallback(*found[0])
        assert name is not None and ord("김") in name[1]
    finally:
        fonts._folder_fonts.cache_clear()


def test_a_pack_built_in_several_processes_names_what_no_font_has():
    from datetime import date

    from salesdesk.brief.choose import meeting_for
    from salesdesk.brief.document import BriefRequest
    from salesdesk.brief.fonts import take_missing
    from salesdesk.brief.pack import build_pack
    from salesdesk.domain.analysis import analyse
    from salesdesk.domain.profile import Profile
    from salesdesk.interop.demo import sample_sheets

    if _font_has(NO_FONT):
        pytest.skip("this machine has a font for Egyptian hieroglyphs")
    today = date(2026, 11, 29)
    requests = []
    for key in ("scanners-en", "telematics-en"):
        sheet = sample_sheets(today)[key]
        sheet.stakeholders[0].name = f"Ankh {NO_FONT}"  # in a worker's brief, not in the contents
        requests.append(
            BriefRequest(sheet, analyse(sheet, today), Profile(), meeting_for(sheet, today))
        )
    take_missing()
    build_pack(requests, date(2026, 1, 1), date(2027, 12, 31), workers=2)
    assert take_missing() == [NO_FONT]
