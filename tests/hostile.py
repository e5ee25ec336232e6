"""Hostile files and a harness that measures what replaying them costs.

The files are built as an attacker builds them: zips whose headers understate what a member
inflates to, documents with too much in them. :func:`run_measured` runs a command, and
:func:`peak_rss` Python code, in a process of its own and report the most memory it ever held, so
a test can say what an attack costs.
"""

from __future__ import annotations

import io
import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .conftest import REPO

MB = 1024 * 1024


def zeros_deflated(size_mb: int) -> bytes:
    """A raw deflate stream of ``size_mb`` megabytes of zeros: one megabyte's block, repeated
    (a full flush makes each block stand alone), about a thousandth of the size."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflater.compress(bytes(MB)) + deflater.flush(zlib.Z_FULL_FLUSH)
    return block * size_mb + b"\x03\x00"  # an empty final block


def lying_zip(parts: dict[str, bytes], name: str, inflated_mb: int, declared: int = 1000) -> bytes:
    """A zip of ``parts`` (deflated as usual) and a member ``name`` whose compressed data inflates
    to ``inflated_mb`` MB of zeros while both its headers declare ``declared`` bytes, with the
    checksum of those bytes, so that zipfile reads it without complaint."""
    entries = [(path, zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS), data) for path, data in parts.items()]
    members = [(path, z.compress(data) + z.flush(), len(data), zlib.crc32(data)) for path, z, data in entries]
    members.append((name, zeros_deflated(inflated_mb), declared, zlib.crc32(bytes(declared))))
    out, directory = io.BytesIO(), io.BytesIO()
    for path, data, size, crc in members:
        encoded = path.encode()
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        directory.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                    len(encoded), 0, 0, 0, 0, 0, offset))
        directory.write(encoded)
    start = out.tell()
    out.write(directory.getvalue())
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory.getvalue()),
                          start, 0))
    return out.getvalue()


def docx_parts(document_xml: bytes) -> dict[str, bytes]:
    """The parts of a minimal .docx around ``document_xml``."""
    return {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                               b'package.relationships+xml"/><Override PartName="/word/document.xml" ContentType='
                               b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                               b'</Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                      b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                      b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": document_xml,
    }


def body_xml(paragraphs: list[str]) -> bytes:
    """A document.xml holding these paragraphs."""
    runs = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body>{runs}</w:body></w:document>').encode()


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal .docx of these paragraphs, deflated as Word does."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for path, data in docx_parts(body_xml(paragraphs)).items():
            package.writestr(path, data)
    return out.getvalue()


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str
    peak_mb: float
    """The most memory the process (and the children it waited for) ever held."""
    seconds: float


# Forks the command from a small process and reports its status and peak memory: a child forked
# from the test run itself would count the test run's memory as its own.
_LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_maxrss], report)
"""


def run_measured(command: list, timeout: float = 300, **options) -> Run:
    """Run a command (its first item a path) to its end, killed after ``timeout`` seconds, measuring
    its peak memory; the small process it is forked from adds about 10 MB to that."""
    with tempfile.TemporaryDirectory() as folder:
        out, err, report = (Path(folder) / name for name in ("out", "err", "report"))
        started = time.monotonic()
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen([sys.executable, "-c", _LAUNCHER, report, *map(str, command)],
                                       stdout=stdout, stderr=stderr, start_new_session=True, **options)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise AssertionError(f"{command} did not finish in {timeout} s") from None
        status, peak_kb = json.loads(report.read_text())
        return Run(status, out.read_text(), err.read_text(), peak_kb / 1024, time.monotonic() - started)


def peak_rss(code: str, timeout: float = 300, **values) -> tuple[dict, Run]:
    """Run ``code`` in a fresh Python process (``values`` given to it as variables, JSON), and return
    what it left in the variable ``result`` with the run (its peak memory, its time)."""
    program = "\n".join([
        "import json",
        *(f"{name} = json.loads({json.dumps(json.dumps(value))})" for name, value in values.items()),
        "result = {}",
        textwrap.dedent(code),
        "print(json.dumps(result))",
    ])
    run = run_measured([sys.executable, "-c", program], timeout, cwd=REPO)
    assert run.status == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1]), run


def descendants(pid: int) -> set[int]:
    """The processes ``pid`` started, and theirs, as /proc tells them now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):  # ended meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, pending = set(), [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.add(child)
            pending.append(child)
    return found
