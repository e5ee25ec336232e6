"""What every storage does (:class:`Storage`), and what a key may be."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO

# Relative paths of plain names: no "..", no empty part, nothing a disk or a URL reads otherwise.
KEY = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")


def checked(key: str) -> str:
    if not KEY.fullmatch(key) or len(key) > 512:
        raise ValueError(f"not a storage key: {key!r}")
    return key


class Storage(ABC):
    """Files by key. Writing goes through a local file (:meth:`writing`), so that what makes a file
    (a batch's ZIP writer, say) writes to a disk at full speed whatever the storage is."""

    @abstractmethod
    def writing(self, key: str) -> AbstractContextManager[Path]:
        """A new local file to fill: stored under ``key`` (in place of any before it) when the block
        ends, and forgotten if it raises."""

    def put(self, key: str, data: bytes) -> None:
        with self.writing(key) as path:
            path.write_bytes(data)

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """The file for reading, seekable (a ZIP can be read member by member); FileNotFoundError
        when there is none."""

    def read(self, key: str) -> bytes:
        with self.open(key) as file:
            return file.read()

    @abstractmethod
    def size(self, key: str) -> int | None:
        """The file's size in bytes, or None when there is none."""

    def exists(self, key: str) -> bool:
        return self.size(key) is not None

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the file; nothing happens when there is none."""

    @abstractmethod
    def keys(self, prefix: str) -> Iterator[str]:
        """The keys under the folder ``prefix`` (``generations``), in no set order."""

    def forget_unfinished(self, prefix: str) -> None:
        """Remove what writes stopped midway (a server killed mid-batch) left under ``prefix``: nothing
        here, for a store that keeps a file only once it is complete."""

    @abstractmethod
    def check(self) -> None:
        """Raise an error when the storage cannot be reached or written to."""
