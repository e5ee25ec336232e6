"""The pool under trouble: an office killed or hung mid-batch, a pool closed, LibreOffice missing."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from docgen.pdf import OfficeMissing, PdfPool
from docgen.pdf.batch import write_pdf_batch
from docgen.pdf.worker import ConversionTimedOut

BATCH_KINDS = ("unit-plan", "letter", "report")


def alive(pid: int) -> bool:
    """Running, not merely waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def office_pids(pool: PdfPool) -> list[int]:
    return [office for _, office in pool.processes()]


def pdfs_in(archive: Path) -> dict[str, int]:
    """The pages of each PDF in a batch ZIP."""
    with zipfile.ZipFile(archive) as opened:
        return {name: len(PdfReader(io.BytesIO(opened.read(name))).pages)
                for name in opened.namelist() if name.endswith(".pdf")}


class SignalAnOffice:
    """A batch's progress callback that sends ``signum`` to one office of ``pool`` when ``at``
    documents are done."""

    def __init__(self, pool: PdfPool, signum: int, at: int):
        self.pool, self.signum, self.at = pool, signum, at
        self.pid = 0

    def __call__(self, done: int, total: int) -> None:
        if done == self.at:
            self.pid = office_pids(self.pool)[0]
            os.kill(self.pid, self.signum)


def test_an_office_killed_mid_batch_costs_one_retry(seed_plan, units, tmp_path):
    with PdfPool(2) as pool:
        kill = SignalAnOffice(pool, signal.SIGKILL, at=5)
        failures = write_pdf_batch(seed_plan, units[:10], BATCH_KINDS, pool, archive=tmp_path / "b.zip", progress=kill)
        assert failures == []
        assert (pool.stats.retries, pool.stats.restarts) == (1, 1)
        assert not alive(kill.pid) and kill.pid not in office_pids(pool)
    pages = pdfs_in(tmp_path / "b.zip")
    assert len(pages) == 10 * len(BATCH_KINDS)
    assert all(count >= 1 for count in pages.values())


def test_a_hung_office_is_killed_after_the_timeout_and_only_its_document_fails(seed_plan, units, tmp_path):
    with PdfPool(2, timeout=6) as pool:
        stop = SignalAnOffice(pool, signal.SIGSTOP, at=2)
        failures = write_pdf_batch(seed_plan, units[:4], BATCH_KINDS, pool, archive=tmp_path / "b.zip", progress=stop)
        assert not alive(stop.pid) and stop.pid not in office_pids(pool)
        assert pool.stats.restarts == 1 and pool.stats.retries == 0
    assert len(failures) == 1
    entry, error = failures[0]
    assert isinstance(error, ConversionTimedOut)
    assert str(error) == "LibreOffice không trả lời sau 6 giây nên đã bị dừng"
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        names = set(archive.namelist())
    assert entry.path in names  # its .docx is there; its PDF is not
    assert len(pdfs_in(tmp_path / "b.zip")) == 11 and len(names) == 12 + 11 + 1


def test_closing_the_pool_leaves_no_process_and_no_profile(docx):
    pool = PdfPool(2)
    pids = [pid for pair in pool.processes() for pid in pair]
    profiles = [Path(re.search(r"UserInstallation=file://(\S+?)\x00", Path(f"/proc/{pid}/cmdline").read_text())[1])
                for pid in office_pids(pool)]
    folders = [profile.parent for profile in profiles]
    assert len(pids) == 4 and all(map(alive, pids)) and all(profile.is_dir() for profile in profiles)
    pool.close()
    assert not any(map(alive, pids))
    assert not any(folder.exists() for folder in folders)


def test_without_libreoffice_pdf_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)
    with pytest.raises(OfficeMissing) as raised:
        PdfPool(1)
    assert raised.value.translate("en") == ("PDF needs LibreOffice, which is not installed: install "
                                            "libreoffice-writer-nogui and python3-uno (Debian), or set "
                                            "DOCGEN_SOFFICE to LibreOffice's soffice")
    assert str(raised.value).startswith("Tạo PDF cần LibreOffice nhưng máy chưa cài: hãy cài libreoffice-writer-nogui")


def test_without_the_python_bridge_pdf_says_what_to_install(monkeypatch, tmp_path):
    """An office whose Python cannot import uno: docgen's own Python stands in for one."""
    program = tmp_path / "program"
    program.mkdir()
    (program / "soffice").write_text("")
    (program / "soffice.bin").write_text("")
    (program / "python").symlink_to(sys.executable)
    monkeypatch.setenv("DOCGEN_SOFFICE", str(program / "soffice"))
    with pytest.raises(OfficeMissing, match=r"^Tạo PDF cần cầu nối Python của LibreOffice \(.*No module named 'uno'\)"):
        PdfPool(1)
