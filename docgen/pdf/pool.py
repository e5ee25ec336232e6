"""A pool of warm LibreOffice processes converting .docx to PDF.

    with PdfPool() as pool:
        pdf = pool.convert(docx)                        # one document, from any thread
        for docx, pdf in pool.convert_all(documents):   # many, in order; pdf may be a ConversionFailed

A warm office converts one of docgen's documents in 0.05–0.3 s, where starting one costs about a
second.  A conversion that hangs is killed after ``timeout`` seconds and its office replaced; an
office that crashes is replaced and the document tried once more; either way only that document
fails.
"""

from __future__ import annotations

import os
import queue
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.pdf.office import find_office
from docgen.pdf.worker import ConversionFailed, ConversionTimedOut, OfficeCrashed, Worker

MAX_WORKERS = 32
DEFAULT_TIMEOUT = 60.0


def pool_size(workers: int | None = None) -> int:
    """``workers``, else ``$DOCGEN_PDF_WORKERS``, else the number of cores (and no more than MAX_WORKERS)."""
    if workers is not None:
        if not 1 <= workers <= MAX_WORKERS:
            raise BadInput(N_("Số tiến trình LibreOffice phải từ 1 đến %(max)s, không phải %(value)s"),
                           max=MAX_WORKERS, value=workers)
        return workers
    configured = os.environ.get("DOCGEN_PDF_WORKERS", "").strip()
    if not configured:
        return min(os.cpu_count() or 1, MAX_WORKERS)
    if not configured.isdigit() or not 1 <= int(configured) <= MAX_WORKERS:
        raise BadInput(N_("DOCGEN_PDF_WORKERS: cần một số nguyên từ 1 đến %(max)s, không phải “%(value)s”"),
                       max=MAX_WORKERS, value=configured)
    return int(configured)


@dataclass
class Stats:
    conversions: int = 0
    retries: int = 0  # documents tried again after their office crashed
    restarts: int = 0  # offices replaced
    office_seconds: float = 0.0  # inside LibreOffice: loading the .docx and writing the PDF


class PdfPool:
    def __init__(self, workers: int | None = None, timeout: float = DEFAULT_TIMEOUT):
        """Start ``workers`` offices (see :func:`pool_size`) side by side and wait for them."""
        self.size = pool_size(workers)
        self.office = find_office()
        self.timeout = timeout
        self.stats = Stats()
        self._lock = threading.Lock()
        self._closed = False
        self._idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        self._workers: set[Worker] = set()
        try:
            for _ in range(self.size):
                self._workers.add(Worker(self.office))
            for worker in self._workers:
                worker.wait_ready()
        except BaseException:
            self.close()
            raise
        for worker in self._workers:
            self._idle.put(worker)

    def __enter__(self) -> PdfPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def processes(self) -> list[tuple[int, int | None]]:
        """(bridge, office) process ids of each worker; the office's is None while it starts."""
        with self._lock:
            return [(worker.process.pid, worker.office_pid) for worker in self._workers]

    def convert(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        """The PDF (PDF/A-2b with ``pdfa``) of one .docx; raises :class:`ConversionFailed`."""
        worker = self._idle.get()
        try:
            for attempt in range(2):
                try:
                    pdf, seconds = worker.convert(docx, pdfa, self.timeout)
                except ConversionTimedOut:
                    worker = self._replace(worker)
                    raise
                except OfficeCrashed:
                    worker = self._replace(worker)
                    if attempt:
                        raise
                    self._count(retries=1)
                else:
                    self._count(conversions=1, office_seconds=seconds)
                    return pdf
        finally:
            self._idle.put(worker)

    def convert_all(self, documents: Iterable[bytes], *, pdfa: bool = False
                    ) -> Iterator[tuple[bytes, bytes | ConversionFailed]]:
        """(docx, its PDF or why it has none) for each document, in order, converted side by side;
        at most twice as many documents as offices are held at a time."""
        threads = ThreadPoolExecutor(self.size, thread_name_prefix="docgen-pdf")

        def convert(docx: bytes) -> tuple[bytes, bytes | ConversionFailed]:
            try:
                return docx, self.convert(docx, pdfa=pdfa)
            except ConversionFailed as error:
                return docx, error

        try:
            pending: deque = deque()
            for docx in documents:
                pending.append(threads.submit(convert, docx))
                if len(pending) >= 2 * self.size:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            threads.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop every office; documents still converting fail."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        for worker in workers:
            worker.stop()

    def _replace(self, worker: Worker) -> Worker:
        """A fresh office in place of ``worker``'s; one that cannot start fails its next document at once
        (and is replaced in turn)."""
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return worker
            new = Worker(self.office)
            self._workers.add(new)
            self.stats.restarts += 1
        try:
            new.wait_ready()
        except ConversionFailed:
            pass
        return new

    def _count(self, **amounts) -> None:
        with self._lock:
            for name, amount in amounts.items():
                setattr(self.stats, name, getattr(self.stats, name) + amount)
