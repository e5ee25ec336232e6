"""The register, terms and templates from the command line, over the web app's database: an empty one
is given the demo committee and its current term, as `docgen serve` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from docgen.store import Database
from docgen.store.schema import AuditEntry

from ..office_templates.word import edited_in_word, shipped, with_body

DOCGEN = [sys.executable, "-m", "docgen.cli"]


def docgen(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DOCGEN_DATA_DIR": str(data_dir)}
    environment.pop("DOCGEN_DATABASE_URL", None)
    return subprocess.run([*DOCGEN, *args], capture_output=True, text=True, env=environment, timeout=120)


def test_taking_listing_cancelling_and_exporting_numbers(tmp_path):
    taken = docgen(tmp_path, "register", "take", "KH", "--summary", "tuyên truyền", "--date", "02/3/2026",
                   "--recipient", "Các đảng bộ cơ sở", "--signer", "Trần Quốc Toản")
    assert (taken.returncode, taken.stdout) == (0, "01-KH/ĐUK\n"), taken.stderr
    assert (tmp_path / "docgen.sqlite").is_file() and (tmp_path / "demo-logins.txt").is_file()
    assert docgen(tmp_path, "register", "take", "cv", "--count", "3", "--reserve").stdout == \
        "01-CV/ĐUK\n02-CV/ĐUK\n03-CV/ĐUK\n"
    cancelled = docgen(tmp_path, "register", "cancel", "Số 02-CV/ĐUK", "--reason", "in sai")
    assert (cancelled.returncode, cancelled.stderr) == (0, "đã hủy số 02-CV/ĐUK\n")
    assert docgen(tmp_path, "register", "take", "CV").stdout == "04-CV/ĐUK\n"
    listed = json.loads(docgen(tmp_path, "register", "list", "--type", "CV", "--json").stdout)
    assert [(line["number"], line["status"], line["note"]) for line in listed] == [
        ("01-CV/ĐUK", "reserved", ""), ("02-CV/ĐUK", "cancelled", "in sai"), ("03-CV/ĐUK", "reserved", ""),
        ("04-CV/ĐUK", "issued", "")]
    first = json.loads(docgen(tmp_path, "register", "list", "--json").stdout)[0]
    assert (first["summary"], first["recipients"], first["signer"], first["date"], first["term"]) == (
        "tuyên truyền", ["Các đảng bộ cơ sở"], "Trần Quốc Toản", "2026-03-02", "2025 - 2030")
    exported = docgen(tmp_path, "register", "export", "-o", str(tmp_path / "so.xlsx"))
    assert exported.returncode == 0, exported.stderr
    sheet = load_workbook(tmp_path / "so.xlsx").active
    assert [sheet.cell(row, 1).value for row in range(9, 14)] == [
        "01-KH/ĐUK", "01-CV/ĐUK", "02-CV/ĐUK", "03-CV/ĐUK", "04-CV/ĐUK"]
    with Database(f"sqlite:///{tmp_path / 'docgen.sqlite'}").session() as session:
        logged = [entry.action for entry in session.scalars(select(AuditEntry).where(AuditEntry.target == "number",
                                                                                      AuditEntry.user_id.is_(None)))]
    assert sorted(logged) == ["issue", "issue", "reserve", "reserve", "reserve", "void"]


def test_bad_input_is_one_line_and_status_2(tmp_path):
    for args, message in [
        (("register", "take", "QyĐ"), "docgen: không có loại văn bản “QyĐ” trong sổ; chọn một trong: NQ, QĐ,"),
        (("register", "take", "KH", "--date", "31/2/2026"), "docgen: Ngày “31/2/2026” không có trên lịch"),
        (("register", "take", "KH", "--date", "01/01/2019"), "docgen: chưa có nhiệm kỳ nào chứa ngày 01/01/2019"),
        (("register", "cancel", "16/KH-ĐUK"), "docgen: “16/KH-ĐUK” không phải số văn bản dạng 16-KH/ĐUK"),
        (("register", "list", "--term", "9"), "docgen: không có nhiệm kỳ số 9"),
        (("template", "use", "letter", "4"), "docgen: mẫu “letter” không có phiên bản 4"),
    ]:
        result = docgen(tmp_path, *args)
        assert result.returncode == 2 and result.stderr.startswith(message) and result.stderr.count("\n") == 1, \
            (args, result.stderr)


def test_terms_are_added_ended_and_listed(tmp_path):
    assert docgen(tmp_path, "term", "list").stdout == (
        "2\t2025 - 2030\t01/7/2025 – nay\tnhiệm kỳ\n1\t2020 - 2025\t01/7/2020 – 30/6/2025\tnhiệm kỳ\n")
    refused = docgen(tmp_path, "term", "add", "2030 - 2035", "--start", "01/7/2030")
    assert refused.returncode == 2 and "trùng thời gian với “2025 - 2030”" in refused.stderr
    assert docgen(tmp_path, "term", "end", "2", "30/6/2030").stdout == "2\t2025 - 2030\t01/7/2025 – 30/6/2030\n"
    assert docgen(tmp_path, "term", "add", "2030 - 2035", "--start", "01/7/2030").returncode == 0
    assert docgen(tmp_path, "term", "add", "Đại hội XVII", "--start", "28/6/2030", "--end", "30/6/2030",
                  "--congress").returncode == 0
    assert docgen(tmp_path, "register", "take", "NQ", "--congress", "--date", "29/6/2030").stdout == "01-NQ/ĐH\n"
    assert docgen(tmp_path, "register", "take", "KH", "--date", "01/7/2030").stdout == "01-KH/ĐUK\n"


def test_clerks_taking_numbers_at_once_from_the_command_line_never_share_one(tmp_path):
    docgen(tmp_path, "term", "list")  # the database made, not raced for
    environment = {**os.environ, "DOCGEN_DATA_DIR": str(tmp_path)}
    clerks = [subprocess.Popen([*DOCGEN, "register", "take", "TB"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=environment) for _ in range(8)]
    numbers = [clerk.communicate(timeout=120)[0] for clerk in clerks]
    assert all(clerk.returncode == 0 for clerk in clerks)
    assert sorted(numbers) == [f"0{number}-TB/ĐUK\n" for number in range(1, 9)]


def test_templates_are_added_used_listed_shown_and_reverted(tmp_path):
    edited = tmp_path / "cong-van.docx"
    edited.write_bytes(edited_in_word("letter"))
    added = docgen(tmp_path, "template", "add", "letter", str(edited), "--note", "thêm câu cuối", "--use")
    assert (added.returncode, added.stdout) == (0, "letter: phiên bản 1\n"), added.stderr
    assert "letter\t1\t1\n" in docgen(tmp_path, "template", "list").stdout
    shown = docgen(tmp_path, "template", "show", "letter", "-o", str(tmp_path / "in-use.docx"))
    assert "header.number\tchữ\tSố       -CV/ĐUK\n" in shown.stdout
    assert "* 1\t" in shown.stdout and "thêm câu cuối" in shown.stdout
    assert (tmp_path / "in-use.docx").read_bytes() == edited.read_bytes()
    assert docgen(tmp_path, "template", "use", "letter", "0").returncode == 0
    assert "letter\t0\t1\n" in docgen(tmp_path, "template", "list").stdout

    broken = tmp_path / "broken.docx"
    broken.write_bytes(with_body(shipped("letter"), lambda xml: xml.replace("{{ salutation }}", "{{ salutaton }}")))
    refused = docgen(tmp_path, "template", "add", "letter", str(broken))
    assert refused.returncode == 2
    assert f"{broken}: [{{{{ salutaton }}}}] “salutaton” không có trong dữ liệu" in refused.stderr
    assert refused.stderr.endswith("mẫu không dùng được (1 lỗi); chưa lưu\n")
    assert "letter\t0\t1\n" in docgen(tmp_path, "template", "list").stdout


def test_a_time_zone_that_does_not_exist_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_TIMEZONE", "Mars/Base")
    result = docgen(tmp_path, "register", "take", "KH")
    assert (result.returncode, result.stderr) == (
        2, "docgen: DOCGEN_TIMEZONE: không có múi giờ “Mars/Base”; cần tên như Asia/Ho_Chi_Minh\n")
