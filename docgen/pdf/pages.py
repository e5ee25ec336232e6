"""A PDF's pages as PNG images (poppler's ``pdftoppm``): the page that will print, for a preview."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docgen.errors import BadInput
from docgen.i18n import N_


def page_images(pdf: bytes, resolution: int = 96) -> list[bytes]:
    """Every page of ``pdf`` as a PNG at ``resolution`` dots per inch, in order."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise BadInput(N_("Vẽ trang cần pdftoppm của poppler nhưng máy chưa cài: hãy cài poppler-utils"))
    with tempfile.TemporaryDirectory(prefix="docgen-pages-") as folder:
        result = subprocess.run([pdftoppm, "-png", "-r", str(resolution), "-", f"{folder}/page"],
                                input=pdf, capture_output=True)
        if result.returncode:
            raise BadInput(N_("poppler không đọc được tệp PDF: %(reason)s"),
                           reason=result.stderr.decode(errors="replace").strip())
        # pdftoppm pads the page numbers to one width, so the names sort in page order.
        return [path.read_bytes() for path in sorted(Path(folder).glob("page-*.png"))]
