"""One PDF to print a whole batch on both sides of the paper."""

from __future__ import annotations

import io
from typing import BinaryIO

from pypdf import PdfReader, PdfWriter


class PrintFile:
    """Documents one after another, each starting on an odd page (a front side): a document with an
    odd number of pages is followed by a blank one of the size of its last.  Each document is a
    bookmark, so the printer's dialog or a reader can go straight to it."""

    def __init__(self) -> None:
        self._writer = PdfWriter()
        self.documents = 0

    def add(self, pdf: bytes, title: str) -> None:
        reader = PdfReader(io.BytesIO(pdf))
        self._writer.append(reader, outline_item=title)
        if len(reader.pages) % 2:
            last = reader.pages[-1].mediabox
            self._writer.add_blank_page(last.width, last.height)
        self.documents += 1

    def write(self, out: BinaryIO) -> None:
        self._writer.write(out)
