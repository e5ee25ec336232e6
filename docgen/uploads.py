"""Limits for files people upload or hand to the command line: size and zip bombs.

A .docx or .xlsx is a zip; a few kilobytes can declare gigabytes of XML. Everything that
opens such a package first asks :func:`check_zip`.
"""

from __future__ import annotations

import io
import zipfile

from docgen.errors import BadInput
from docgen.i18n import N_

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2_000


class UnsafeFile(BadInput):
    """A package that is not a zip, or would expand beyond reason."""


def check_zip(data: bytes, max_unpacked: int = MAX_UNCOMPRESSED) -> None:
    """Refuse a package that is not a zip or whose declared contents are too large."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise UnsafeFile(N_("không phải tệp Office hợp lệ (không đọc được gói zip)")) from None
    if len(members) > MAX_MEMBERS:
        raise UnsafeFile(N_("gói có quá nhiều phần (%(count)s)"), count=len(members))
    total = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members) or 1
    if total > max_unpacked or total / compressed > MAX_RATIO:
        raise UnsafeFile(N_("gói giải nén ra quá lớn (%(size)s MB): có thể là zip bomb"), size=total // (1024 * 1024))
