"""Batches with PDF: each document's PDF beside (or instead of) its .docx in the ZIP, and a print file.

Composed over :mod:`docgen.batch` (its entries, names, renderer and manifest), so a batch without
PDF does not change.  The .docx are rendered in this process while the pool converts the ones
before: a few milliseconds each, beside the 50–300 ms of a conversion.  A document LibreOffice
fails on is left out of what it would have been in (its .docx stays) and reported; the rest goes on.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import fields
from pathlib import Path, PurePosixPath

from docgen.atomic import atomic_output
from docgen.batch import DocumentRenderer, Entry, batch_entries, check_kinds, manifest
from docgen.model import Plan, Unit
from docgen.pdf.pool import PdfPool
from docgen.pdf.printfile import PrintFile
from docgen.pdf.worker import ConversionFailed
from docgen.wording import Table

FORMATS = ("docx", "pdf")


class PdfEntry(Entry):
    """The PDF of a document: beside its .docx, with the same name."""

    @classmethod
    def of(cls, entry: Entry) -> PdfEntry:
        return cls(**{field.name: getattr(entry, field.name) for field in fields(entry)})

    @property
    def path(self) -> str:
        return str(PurePosixPath(super().path).with_suffix(".pdf"))


Failures = list[tuple[Entry, ConversionFailed]]


def write_pdf_batch(plan: Plan, units: Sequence[Unit], kinds: Sequence[str], pool: PdfPool, *,
                    archive: Path | None = None, formats: Sequence[str] = FORMATS, print_file: Path | None = None,
                    pdfa: bool = False, engine: str = "compiled", wording: Table | None = None,
                    progress: Callable[[int, int], None] | None = None) -> Failures:
    """Every unit × kind converted by ``pool`` (worded by the office's ``wording`` table): into the ZIP
    ``archive`` as ``formats`` (with a manifest of the files it holds), and/or merged into ``print_file``
    in the same order.  Returns the documents that have no PDF, each with the reason."""
    kinds = check_kinds(kinds)
    entries = batch_entries(units, kinds)
    render = DocumentRenderer(plan, engine, wording)
    documents = pool.convert_all((render(entry.unit, entry.kind) for entry in entries), pdfa=pdfa)
    failures: Failures = []
    listed: list[Entry] = []
    printing = PrintFile() if print_file else None
    with ExitStack() as stack:
        zipped = (stack.enter_context(zipfile.ZipFile(stack.enter_context(atomic_output(archive)), "w",
                                                      zipfile.ZIP_DEFLATED)) if archive else None)
        for done, (entry, (docx, pdf)) in enumerate(zip(entries, documents), start=1):
            files = []
            if "docx" in formats:
                files.append((entry, docx))
            if isinstance(pdf, ConversionFailed):
                failures.append((entry, pdf))
            else:
                if "pdf" in formats:
                    files.append((PdfEntry.of(entry), pdf))
                if printing:
                    printing.add(pdf, str(PurePosixPath(entry.path).with_suffix("")))
            if zipped:
                for listing, data in files:
                    # .docx and PDF are compressed already: stored as they are.
                    zipped.writestr(listing.path, data, compress_type=zipfile.ZIP_STORED)
                    listed.append(listing)
            if progress:
                progress(done, len(entries))
        if zipped:
            zipped.writestr("manifest.csv", manifest(listed))
        if printing:
            with atomic_output(print_file) as out:
                printing.write(out)
    return failures
