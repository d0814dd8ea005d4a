"""Password protection of a finished PDF: which passwords every reader opens the same
way, and AES-256 encryption that lets the reader print but not change the document.

PDF 2.0 readers (Acrobat, pdf.js, pypdf) prepare an AES-256 password with SASLprep
(RFC 4013: NFKC, spaces and soft hyphens mapped) before hashing it; qpdf and poppler
(Evince, Okular, pdftotext) hash the bytes as typed. A password that SASLprep changes —
a decomposed "é", the ligature "ﬁ", full-width letters — therefore opens in some
readers and not in others: it is refused with the reason, never written.
"""

from __future__ import annotations

import secrets
import stringprep
import unicodedata
from typing import TYPE_CHECKING

from salesdesk.domain.errors import InputError
from salesdesk.i18n import _

if TYPE_CHECKING:
    from pypdf import PdfWriter

MAX_PASSWORD_BYTES = 127  # the PDF format cuts longer passwords

# RFC 4013 §2.3: what SASLprep refuses outright (its table C.1.2 is mapped, not refused).
_PROHIBITED = (
    stringprep.in_table_c12,
    stringprep.in_table_c21,
    stringprep.in_table_c22,
    stringprep.in_table_c3,
    stringprep.in_table_c4,
    stringprep.in_table_c5,
    stringprep.in_table_c6,
    stringprep.in_table_c7,
    stringprep.in_table_c8,
    stringprep.in_table_c9,
)


def saslprep(text: str) -> str | None:
    """The password as a PDF 2.0 reader prepares it (RFC 4013), or None when SASLprep
    refuses it (a control character, a private-use one, mixed directions…)."""
    mapped = "".join(
        " " if stringprep.in_table_c12(c) else c for c in text if not stringprep.in_table_b1(c)
    )
    prepared = unicodedata.normalize("NFKC", mapped)
    if any(check(c) for c in prepared for check in _PROHIBITED):
        return None
    if any(stringprep.in_table_a1(c) for c in prepared):  # unassigned in Unicode 3.2
        return None
    right_to_left = [stringprep.in_table_d1(c) for c in prepared]
    if any(right_to_left):
        if any(stringprep.in_table_d2(c) for c in prepared):
            return None
        if not (right_to_left[0] and right_to_left[-1]):
            return None
    return prepared


def check_password(password: str | None) -> None:
    """Refuse a password that would not protect the file as the rep expects: an empty
    one (the file would go out unencrypted), one the PDF format would cut, or one that
    readers would not all take as typed."""
    if password is None:
        return
    if password == "":
        raise InputError(_("the password is empty: give one, or leave --password out"))
    size = len(password.encode("utf-8", errors="surrogatepass"))
    if size > MAX_PASSWORD_BYTES:
        raise InputError(
            _(
                "the password is {n} bytes long; a PDF password is at most {limit} bytes "
                "(longer ones are cut)"
            ).format(n=size, limit=MAX_PASSWORD_BYTES)
        )
    if saslprep(password) != password:
        # The characters are not named: a message must not show part of a password.
        raise InputError(
            _(
                "the password has characters that PDF readers do not all read as typed "
                "(an accent typed as a separate mark, a ligature such as ﬁ, full-width "
                "letters, control characters): retype it with plain letters, digits and signs"
            )
        )


# Bits 7–8 and 13–32 of the permissions are reserved and set (ISO 32000-2, table 22).
_RESERVED = 0xFFFFF0C0


def protect(writer: PdfWriter, password: str) -> None:
    """Encrypt what `writer` will write with AES-256 (revision 6) and an owner password
    nobody knows: the reader prints and copies text, and may not change the document.
    The header says PDF 1.7 with Adobe's extension level 8, where AES-256 belongs.

    reportlab's own 256-bit encryption writes files poppler cannot open.
    """
    from pypdf.constants import UserAccessPermissions as Allow
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    check_password(password)
    allowed = Allow(
        _RESERVED
        | Allow.PRINT
        | Allow.PRINT_TO_REPRESENTATION
        | Allow.EXTRACT
        | Allow.EXTRACT_TEXT_AND_GRAPHICS
    )
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_urlsafe(32),
        permissions_flag=allowed,
        algorithm="AES-256",
    )
    writer.root_object[NameObject("/Extensions")] = DictionaryObject(
        {
            NameObject("/ADBE"): DictionaryObject(
                {
                    NameObject("/BaseVersion"): NameObject("/1.7"),
                    NameObject("/ExtensionLevel"): NumberObject(8),
                }
            )
        }
    )
    writer.pdf_header = "%PDF-1.7"
