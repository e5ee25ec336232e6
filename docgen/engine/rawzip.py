"""A minimal ZIP writer for parts that are already compressed.

A .docx made from a template differs from the template in one or two parts; the rest can be
copied as compressed bytes, never inflated or deflated again.  ``zipfile`` cannot take
compressed data, so this writes the few records a ZIP needs (PKWARE APPNOTE §4.3) itself.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

STORED, DEFLATED = 0, 8
_DOS_TIME, _DOS_DATE = 0, (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01 00:00, reproducible
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class Entry:
    """One member: its name and its data as stored (deflated)."""

    name: str
    crc: int
    size: int
    compressed: bytes
    method: int = DEFLATED

    @classmethod
    def deflate(cls, name: str, data: bytes, smallest: bool = False) -> Entry:
        """Parts written for every document are deflated fast (level 1: a third of the time of the
        default level, a fifth larger); parts compressed once per template can afford the smallest."""
        compressed = zlib.compress(data, 9 if smallest else 1, wbits=-zlib.MAX_WBITS)
        return cls(name, zlib.crc32(data), len(data), compressed)

    @classmethod
    def store(cls, name: str, data: bytes) -> Entry:
        """A member kept as it is: for a part of a kilobyte, setting up deflate costs more than the
        few hundred bytes it would save."""
        return cls(name, zlib.crc32(data), len(data), data, STORED)

    @cached_property
    def _records(self) -> tuple[bytes, bytes, bytes]:
        """The local header with the data, and the central directory record around its offset:
        made once for a member that every document of a template shares."""
        name = self.name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_FLAG
        fixed = (20, flags, self.method, _DOS_TIME, _DOS_DATE, self.crc, len(self.compressed), self.size, len(name))
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fixed, 0) + name + self.compressed
        central = struct.pack("<IHHHHHHIIIHHHHHI", 0x02014B50, 20, *fixed, 0, 0, 0, 0, 0)
        return local, central, name


def write_zip(entries: Iterable[Entry]) -> bytes:
    """The bytes of a ZIP archive holding ``entries`` in order."""
    body, directory = [], []
    offset = 0
    for entry in entries:
        local, central, name = entry._records
        directory += (central, struct.pack("<I", offset), name)
        body.append(local)
        offset += len(local)
    count = len(body)
    central = b"".join(directory)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), offset, 0)
    return b"".join(body) + central + end
