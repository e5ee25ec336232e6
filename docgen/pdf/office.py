"""Where LibreOffice is: the office program and a Python that can drive it."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import BadInput
from docgen.i18n import N_, Message


class OfficeMissing(BadInput):
    """PDF needs LibreOffice (and its Python bridge), which is not installed."""

    def __init__(self, message: str, **params):
        install = Message(N_("hãy cài libreoffice-writer-nogui và python3-uno (Debian), hoặc đặt DOCGEN_SOFFICE "
                             "là đường dẫn tới soffice của LibreOffice"))
        super().__init__(message, install=install, **params)


@dataclass(frozen=True)
class Office:
    program: Path  # soffice.bin itself: the soffice launcher would put a process between us and it
    python: Path  # LibreOffice's own Python where it has one, else the system's (Debian's python3-uno)


def find_office() -> Office:
    """``$DOCGEN_SOFFICE``, else ``soffice`` (or ``libreoffice``) on the PATH."""
    soffice = os.environ.get("DOCGEN_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise OfficeMissing(N_("Tạo PDF cần LibreOffice nhưng máy chưa cài: %(install)s"))
    folder = Path(soffice).resolve().parent
    program = folder / "soffice.bin"
    if not program.is_file():
        raise OfficeMissing(N_("%(file)s: không có soffice.bin bên cạnh, nên không phải LibreOffice: %(install)s"),
                            file=soffice)
    bundled = folder / "python"
    system = shutil.which("python3", path=os.defpath)
    python = bundled if bundled.is_file() else Path(system or "/usr/bin/python3")
    return Office(program, python)
