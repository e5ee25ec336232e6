"""PDF through a pool of warm LibreOffice processes: single documents, batches, print files.

    with PdfPool(workers=2) as pool:
        pdf = pool.convert(docx_bytes)
    images = page_images(pdf)   # a true preview: the pages as PNG

LibreOffice is optional: without it, :class:`PdfPool` raises :class:`OfficeMissing` (a one-line
message saying what to install) and everything else in docgen works.
"""

from docgen.pdf.office import OfficeMissing
from docgen.pdf.pool import PdfPool
from docgen.pdf.worker import ConversionFailed

__all__ = ["ConversionFailed", "OfficeMissing", "PdfPool"]
