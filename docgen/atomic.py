"""Files that appear only when complete: a failed write leaves nothing, not half a document."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A new empty file beside ``path`` as ``.name.….part``, renamed to it when the block ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file written beside ``path`` as ``.name.….part`` and renamed to it when the block ends."""
    with atomic_path(path) as temporary, open(temporary, "wb") as out:
        yield out


def remove_leftovers(folder: Path) -> None:
    """The files :func:`atomic_output` was writing in ``folder`` when its process was stopped."""
    for partial in folder.glob(".*.part"):
        partial.unlink(missing_ok=True)
