"""One ``docgen serve`` per data folder.

A server starting forgets the batches a previous one left unfinished (marks them failed, removes
their half-written files); a second server on a folder in use would do that to the batches the
first is making. So ``docgen serve`` locks the folder before anything else and holds the lock
until it ends; the system releases it when the process ends however it ends (``kill -9`` too).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docgen.errors import BadInput
from docgen.i18n import N_

LOCK_FILE = "serve.lock"


class FolderInUse(BadInput):
    """Another process holds the folder."""


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold ``folder`` for this process for the block (the lock file keeps the holder's process id)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            _lock(handle)
        except OSError:
            raise FolderInUse(N_("thư mục dữ liệu %(folder)s đang được một docgen serve khác dùng (tiến trình "
                                 "%(pid)s): dừng nó trước, hoặc đặt DOCGEN_DATA_DIR khác"),
                              folder=folder, pid=_holder(handle)) from None
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(handle)


def _holder(handle: int) -> str:
    try:
        return os.read(handle, 32).decode("ascii", "replace").strip() or "?"
    except OSError:  # Windows keeps the locked byte from other processes
        return "?"


if os.name == "nt":
    import msvcrt

    def _lock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
else:
    import fcntl

    def _lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
