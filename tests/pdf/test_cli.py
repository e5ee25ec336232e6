"""PDF from the command line: render, batch and print file; LibreOffice missing; the command killed."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from docgen.cli import main

from ..conftest import EXAMPLES
from ..test_cli import one_line_failure
from .test_pool import alive

PLAN = str(EXAMPLES / "seed-plan.yaml")
UNITS = str(EXAMPLES / "units.csv")
DOCGEN = str(Path(sys.executable).with_name("docgen"))


def run(*arguments):
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


def test_render_to_pdf_by_extension_or_format(tmp_path):
    result = run("render", PLAN, "--kind", "letter", "--unit", "DB01", "--units", UNITS, "-o", tmp_path / "cv.pdf")
    assert result.exit_code == 0, result.output
    assert len(PdfReader(tmp_path / "cv.pdf").pages) == 1
    result = run("render", PLAN, "--kind", "guidance", "--format", "pdf", "--pdfa", "-o", tmp_path / "hd.bin")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "hd.bin").read_bytes().startswith(b"%PDF-")
    assert PdfReader(tmp_path / "hd.bin").metadata.title == "Hướng dẫn"


def test_pdf_options_that_do_not_go_together(tmp_path):
    one_line_failure(run("render", PLAN, "--pdfa", "-o", tmp_path / "kh.docx"), "--pdfa chỉ dùng khi ghi PDF")
    one_line_failure(run("batch", PLAN, "--units", UNITS, "--pdf", "--pdf-only", "-o", tmp_path / "b.zip"),
                     "--pdf hoặc --pdf-only, không cả hai")
    one_line_failure(run("batch", PLAN, "--units", UNITS, "--pdfa", "-o", tmp_path / "b.zip"),
                     "--pdfa cần --pdf hoặc --pdf-only")
    one_line_failure(run("print-file", PLAN, "--units", UNITS, "--unit", "DB01", "--unit", "ZZ9", "-o",
                         tmp_path / "in.pdf"), "không có đơn vị mã “ZZ9”")
    assert list(tmp_path.iterdir()) == []


def test_batch_with_pdf_and_a_print_file_of_chosen_units(tmp_path):
    result = run("batch", PLAN, "--units", UNITS, "--kinds", "letter", "--pdf", "-o", tmp_path / "b.zip",
                 "--pdf-workers", "2")
    assert result.exit_code == 0, result.output
    assert "b.zip: 22 văn bản cho 22 đơn vị" in result.output
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        names = archive.namelist()
        assert len([name for name in names if name.endswith(".pdf")]) == 22
        assert len([name for name in names if name.endswith(".docx")]) == 22
        assert all(len(PdfReader(io.BytesIO(archive.read(name))).pages) == 1 for name in names if name.endswith(".pdf"))
    result = run("print-file", PLAN, "--units", UNITS, "--unit", "CB10", "--unit", "DB01", "--kinds", "letter",
                 "-o", tmp_path / "in.pdf")
    assert result.exit_code == 0, result.output
    merged = PdfReader(tmp_path / "in.pdf")
    assert [(item.title, merged.get_destination_page_number(item)) for item in merged.outline] == [
        ("DB01 - Đảng ủy Sở Tài chính/DB01 - Công văn", 0),
        ("CB10 - Chi bộ Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh/CB10 - Công văn", 2)]
    assert len(merged.pages) == 4  # each one-page letter and its blank back, in the list's order


def test_without_libreoffice_pdf_fails_in_one_line_and_docx_still_works(tmp_path):
    environment = {**os.environ, "PATH": str(Path(DOCGEN).parent)}
    environment.pop("DOCGEN_SOFFICE", None)
    result = subprocess.run([DOCGEN, "--lang", "en", "render", PLAN, "-o", tmp_path / "kh.pdf"],
                            capture_output=True, text=True, env=environment)
    assert result.returncode == 2
    assert result.stderr == ("docgen: PDF needs LibreOffice, which is not installed: install libreoffice-writer-nogui "
                             "and python3-uno (Debian), or set DOCGEN_SOFFICE to LibreOffice's soffice\n")
    result = subprocess.run([DOCGEN, "render", PLAN, "-o", tmp_path / "kh.docx"], capture_output=True, env=environment)
    assert result.returncode == 0 and (tmp_path / "kh.docx").stat().st_size > 10_000
    assert not (tmp_path / "kh.pdf").exists()


def descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        for task in Path(f"/proc/{stack.pop()}/task").glob("*"):
            try:
                children = [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            stack += children
    return found


def test_killing_the_command_ends_its_offices(tmp_path):
    command = subprocess.Popen([DOCGEN, "batch", PLAN, "--units", UNITS, "--pdf", "--pdf-workers", "2",
                                "-o", tmp_path / "b.zip"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    # The ZIP being written has documents once the offices are up and converting.
    while not any(part.stat().st_size for part in tmp_path.glob(".b.zip.*.part")) and time.monotonic() < deadline:
        time.sleep(0.1)
    pool = descendants(command.pid)  # two bridges and their two offices
    offices = {pid: Path(f"/proc/{pid}/cmdline").read_text() for pid in pool}
    profiles = [Path(found[1]) for found in (re.search(r"UserInstallation=file://([^\x00]+)", line)
                                             for line in offices.values()) if found]
    assert len(pool) == 4 and len(profiles) == 2, offices
    command.send_signal(signal.SIGKILL)
    command.wait()
    deadline = time.monotonic() + 10
    while any(map(alive, pool)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(alive, pool))
    assert not any(profile.parent.exists() for profile in profiles)
