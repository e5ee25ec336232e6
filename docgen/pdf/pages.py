"""A PDF's pages as PNG images (poppler's ``pdftoppm``): the page that will print, for a preview."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docgen.errors import BadInput

MAX_RESOLUTION = 300  # dots per inch; an A4 page at 300 dpi is 2480 × 3508 pixels


def page_images(pdf: bytes, resolution: int = 96) -> list[bytes]:
    """Every page of ``pdf`` as a PNG at ``resolution`` dots per inch, in order."""
    if not 10 <= resolution <= MAX_RESOLUTION:
        raise BadInput(f"resolution: expected 10 to {MAX_RESOLUTION} dots per inch, got {resolution}")
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise BadInput("page images need poppler's pdftoppm, which is not installed: install poppler-utils")
    with tempfile.TemporaryDirectory(prefix="docgen-pages-") as folder:
        result = subprocess.run([pdftoppm, "-png", "-r", str(resolution), "-", f"{folder}/page"],
                                input=pdf, capture_output=True)
        if result.returncode:
            raise BadInput(f"not a PDF that poppler can read: {result.stderr.decode(errors='replace').strip()}")
        # pdftoppm pads the page numbers to one width, so the names sort in page order.
        return [path.read_bytes() for path in sorted(Path(folder).glob("page-*.png"))]
