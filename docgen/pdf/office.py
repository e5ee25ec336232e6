"""Where LibreOffice is: the office program and a Python that can drive it."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import BadInput

INSTALL = "install libreoffice-writer-nogui and python3-uno (Debian), or set DOCGEN_SOFFICE to LibreOffice's soffice"


class OfficeMissing(BadInput):
    """PDF needs LibreOffice (and its Python bridge), which is not installed."""


@dataclass(frozen=True)
class Office:
    program: Path  # soffice.bin itself: the soffice launcher would put a process between us and it
    python: Path  # LibreOffice's own Python where it has one, else the system's (Debian's python3-uno)


def find_office() -> Office:
    """``$DOCGEN_SOFFICE``, else ``soffice`` (or ``libreoffice``) on the PATH."""
    soffice = os.environ.get("DOCGEN_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise OfficeMissing(f"PDF needs LibreOffice, which is not installed: {INSTALL}")
    folder = Path(soffice).resolve().parent
    program = folder / "soffice.bin"
    if not program.is_file():
        raise OfficeMissing(f"{soffice}: no soffice.bin beside it, so not LibreOffice: {INSTALL}")
    bundled = folder / "python"
    system = shutil.which("python3", path=os.defpath)
    python = bundled if bundled.is_file() else Path(system or "/usr/bin/python3")
    return Office(program, python)
