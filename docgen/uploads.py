"""Limits for files people upload or hand to the command line: size, kind of file, zip bombs.

A file named on the command line is read by :func:`read_file`: a regular file, read no further
than its limit (``/dev/zero`` says its size is 0). A .docx or .xlsx is a zip, and a few kilobytes
can inflate to gigabytes, whatever its headers declare: everything that opens such a package
opens it with :func:`open_zip`, which inflates every member in small chunks and counts what comes
out before anyone reads it.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path

from docgen.errors import BadInput
from docgen.i18n import N_

MAX_DOCUMENT_CHARS = 500_000  # the text of a document (a .docx read, a plan's body): about 150 pages
MAX_UNPACKED = 200 * 1024 * 1024  # all members, inflated
MAX_MEMBERS = 2_000
MAX_DIRECTORY_BYTES = 1024 * 1024  # the central directory, parsed before anything else (2,000 members: 200 KB)
MAX_RATIO = 100  # XML deflates about 10:1; a member a hundred times its compressed size is a bomb …
RATIO_FROM = 1024 * 1024  # … once it is over a megabyte
_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length


class UnsafeFile(BadInput):
    """A file that is not what it should be, or would take more than its limits to read."""


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (not a device, a pipe or a folder), at most ``limit``
    of them: one byte more is refused, whatever the file system says the size is. The messages do
    not name the file: the caller does."""
    # Non-blocking, so that opening a named pipe with no writer does not wait for one.
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise UnsafeFile(N_("không phải tệp thường (là thiết bị, ống dẫn hoặc thư mục)"))
        data = file.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFile(N_("tệp quá lớn (tối đa %(max)s)"), max=size_text(limit))
    return data


def size_text(size: int) -> str:
    """``20 MB``, ``512 KB``: a limit as people read it."""
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def open_zip(data: bytes, max_unpacked: int = MAX_UNPACKED) -> zipfile.ZipFile:
    """The zip in ``data``, once its members have been counted and each inflated in chunks and
    measured, so that whatever reads it next (zipfile, python-docx, openpyxl) gets no more than
    was measured: a member holding more than its headers declare is refused, as are more than
    :data:`MAX_MEMBERS` members, more than ``max_unpacked`` bytes in all, a member over a megabyte
    inflating a hundredfold, encryption and compression other than deflate."""
    archive = _archive(data)
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UnsafeFile(N_("gói có quá nhiều phần (%(count)s; tối đa %(max)s)"), count=len(members), max=MAX_MEMBERS)
    declared = sum(member.file_size for member in members)
    if declared > max_unpacked:
        raise _too_large(declared, max_unpacked)
    unpacked = 0
    for member in members:
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UnsafeFile(N_("tệp bất thường (bom nén, zip bomb): phần %(part)s nở ra %(ratio)s lần"),
                             part=member.filename, ratio=member.file_size // max(member.compress_size, 1))
        unpacked += _inflated_size(data, member)
        if unpacked > max_unpacked:
            raise _too_large(unpacked, max_unpacked)
    return archive


def _archive(data: bytes) -> zipfile.ZipFile:
    """The archive, its central directory judged by size before zipfile parses it."""
    try:
        end = zipfile._EndRecData(io.BytesIO(data))  # the end record ZipFile itself will follow (zip64's if any)
    except (OSError, struct.error):
        end = None
    if end is not None and end[zipfile._ECD_SIZE] > MAX_DIRECTORY_BYTES:
        raise UnsafeFile(N_("gói có quá nhiều phần (mục lục của gói hơn %(max)s)"), max=size_text(MAX_DIRECTORY_BYTES))
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error):
        raise UnsafeFile(N_("không phải tệp Office hợp lệ (không đọc được gói zip)")) from None


def _inflated_size(data: bytes, member: zipfile.ZipInfo) -> int:
    """What the member's compressed bytes really inflate to, counted a chunk at a time and never
    past what its headers declare (the most zipfile returns; more means the headers lie)."""
    if member.flag_bits & 0x1:
        raise UnsafeFile(N_("phần %(part)s có mật khẩu: hãy lưu lại tệp không đặt mật khẩu"), part=member.filename)
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UnsafeFile(N_("phần %(part)s nén theo cách không được hỗ trợ"), part=member.filename)
    try:
        signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, member.header_offset)
    except struct.error:
        signature = b""
    if signature != b"PK\x03\x04":
        raise UnsafeFile(N_("không phải tệp Office hợp lệ (không đọc được gói zip)"))
    start = member.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    compressed = memoryview(data)[start:start + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        size = len(compressed)
    else:
        inflater, size = zlib.decompressobj(-zlib.MAX_WBITS), 0
        try:
            # Input a chunk at a time too: each call copies the input it leaves over.
            for offset in range(0, len(compressed), _CHUNK):
                pending = compressed[offset:offset + _CHUNK]
                while pending and size <= member.file_size:
                    size += len(inflater.decompress(pending, _CHUNK))
                    pending = inflater.unconsumed_tail
                if pending:  # past the declared size: no more is inflated
                    break
            else:
                size += len(inflater.flush())  # a few bytes at most: all the input is in
        except zlib.error:
            raise UnsafeFile(N_("tệp hỏng: phần %(part)s không giải nén được"), part=member.filename) from None
    if size > member.file_size:
        raise UnsafeFile(N_("tệp bất thường (bom nén, zip bomb): phần %(part)s chứa nhiều hơn kích thước khai báo"),
                         part=member.filename)
    return size


def _too_large(size: int, limit: int) -> UnsafeFile:
    return UnsafeFile(N_("tệp bất thường (bom nén, zip bomb): giải nén ra hơn %(size)s MB (tối đa %(max)s MB)"),
                      size=size // (1024 * 1024), max=limit // (1024 * 1024))
