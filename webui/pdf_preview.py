"""A document's pages as they will print, for the preview: its .docx made into a PDF by one pool of
warm LibreOffice processes per app (started by the first preview, stopped when the server exits), the
pages drawn as PNG and kept in the storage under ``preview/<sha256 of the .docx>/``, so that a
document seen once is shown again without LibreOffice.

LibreOffice is optional: without it :func:`page_count` raises :class:`docgen.pdf.OfficeMissing` and
the preview shows its HTML draft alone.
"""

from __future__ import annotations

import atexit
import hashlib
import threading

from flask import Flask, current_app

from docgen import settings
from docgen.pdf import PdfPool
from docgen.pdf.pages import page_images
from webui.storage import storage

PREVIEW_DPI = 96


class Pool:
    """The app's :class:`PdfPool`, started on first use; ``PDF_WORKERS`` offices (empty: the setting)."""

    def __init__(self, workers: int | None):
        self.workers = workers
        self._pool: PdfPool | None = None
        self._lock = threading.Lock()

    def get(self) -> PdfPool:
        with self._lock:
            if self._pool is None:
                self._pool = PdfPool(self.workers)
                atexit.register(self._pool.close)
            return self._pool

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()


def init_app(app: Flask) -> None:
    app.config.setdefault("PDF_WORKERS", settings.current().pdf_workers)
    app.extensions["docgen.pdf"] = Pool(app.config["PDF_WORKERS"])


def pool() -> Pool:
    return current_app.extensions["docgen.pdf"]


def folder(docx: bytes) -> str:
    return f"preview/{hashlib.sha256(docx).hexdigest()}"


def page_count(docx: bytes) -> int:
    """How many pages ``docx`` prints on; drawn and kept on first sight. The count is stored after the
    pages, so that a count seen means every page is there."""
    count_key = f"{folder(docx)}/pages"
    try:
        return int(storage().read(count_key))
    except FileNotFoundError:
        pass
    images = page_images(pool().get().convert(docx), PREVIEW_DPI)
    for number, image in enumerate(images, start=1):
        storage().put(page_key(docx, number), image)
    storage().put(count_key, str(len(images)).encode())
    return len(images)


def page_key(docx: bytes, number: int) -> str:
    return f"{folder(docx)}/{number}.png"
