"""Files in a folder of this machine (or one every server mounts)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO

from docgen.atomic import atomic_path, remove_leftovers
from docgen.storage.base import Storage, checked


class FolderStorage(Storage):
    """A key is a path under ``root``; a file is written beside its place and renamed into it."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    def __repr__(self) -> str:
        return f"FolderStorage({str(self.root)!r})"

    def path(self, key: str) -> Path:
        return self.root / checked(key)

    def writing(self, key: str) -> AbstractContextManager[Path]:
        return atomic_path(self.path(key))

    def open(self, key: str) -> BinaryIO:
        return open(self.path(key), "rb")

    def size(self, key: str) -> int | None:
        try:
            return self.path(key).stat().st_size
        except FileNotFoundError:
            return None

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self, prefix: str) -> Iterator[str]:
        folder = self.path(prefix)
        for path in folder.rglob("*") if folder.is_dir() else ():
            if path.is_file() and not path.name.startswith("."):
                yield path.relative_to(self.root).as_posix()

    def forget_unfinished(self, prefix: str) -> None:
        """Remove the files writes stopped midway left under ``prefix`` (a server killed mid-batch)."""
        if (folder := self.path(prefix)).is_dir():
            remove_leftovers(folder)

    def check(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if not os.access(self.root, os.W_OK):
            raise PermissionError(f"{self.root}: not writable")
