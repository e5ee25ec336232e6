"""A unit's own plan, worded for the unit: the seed plan for a units list of every sector and kind
(tests/data/units-all-sectors.csv), rendered to .docx and read back with python-docx; the office's
review (the derived text, what the rules changed, the warnings) and its edits; the office's own tables."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from docgen.batch import batch_warnings, write_batch
from docgen.derive import document_context, document_warnings, unit_plan_draft
from docgen.engine import Engine
from docgen.model import Plan, Unit
from docgen.units import read_units
from docgen.wording import DEFAULT_PHRASES, DEFAULT_SECTORS, load_table

from .conftest import EXAMPLES, assert_passes_check

UNITS_FILE = Path(__file__).parent / "data" / "units-all-sectors.csv"
UNITS = read_units(UNITS_FILE)
BY_CODE = {unit.code: unit for unit in UNITS}
COMPANIES = {"DB10", "DB11", "DB12", "CB07", "CB08", "CB11", "CB12", "CB15"}


def plain(text: str) -> str:
    """Text as read, its no-break spaces and hyphens (kept together on a line) as ordinary ones."""
    return text.replace("\xa0", " ").replace("\u2011", "-")


def paragraphs(data: bytes) -> list[str]:
    """Every paragraph of a .docx, the tables' (header, Nơi nhận, signature) after the body's, one line each."""
    document = Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [line for table in document.tables for cell in table._cells for line in cell.text.splitlines()]
    return [plain(text) for text in texts]


@pytest.fixture(scope="module")
def rendered(seed_plan) -> dict[str, bytes]:
    """Each unit's plan as the batch writes it."""
    engine = Engine()
    return {unit.code: engine.render("unit-plan", document_context("unit-plan", seed_plan, unit)) for unit in UNITS}


@pytest.fixture(scope="module")
def read(rendered) -> dict[str, list[str]]:
    return {code: paragraphs(data) for code, data in rendered.items()}


def test_every_unit_plan_passes_check(rendered):
    assert len(rendered) == 30
    for data in rendered.values():
        assert_passes_check(data)


# What each unit's plan says of it: who carries its tasks, its core work (the purpose's last words),
# who posts news with whom, and its đoàn thể (section 3 and Nơi nhận).
WORDED = [
    ("DB01", "Đảng ủy Sở Tài chính", "nhiệm vụ chính trị của Sở", "Đảng ủy phối hợp với lãnh đạo Sở",
     "Công đoàn, Đoàn Thanh niên và Hội Cựu chiến binh Sở"),
    ("DB02", "Đảng ủy Cục Thuế tỉnh", "nhiệm vụ chính trị của Cục", "Đảng ủy phối hợp với lãnh đạo Cục",
     "Các đoàn thể trong Cục"),
    ("DB03", "Đảng ủy Kho bạc Nhà nước Hưng Yên", "nhiệm vụ chính trị của Kho bạc",
     "Đảng ủy phối hợp với lãnh đạo Kho bạc", "Công đoàn Kho bạc"),
    ("DB05", "Đảng ủy Bảo hiểm xã hội tỉnh", "nhiệm vụ chính trị của cơ quan", "Đảng ủy phối hợp với lãnh đạo cơ quan",
     "Các đoàn thể trong cơ quan"),
    ("DB06", "Đảng ủy Trường Đại học Sư phạm Kỹ thuật Hưng Yên", "nhiệm vụ chính trị, chuyên môn của Nhà trường",
     "Đảng ủy phối hợp với Ban Giám hiệu", "Công đoàn, Đoàn Thanh niên và Hội Sinh viên Nhà trường"),
    ("DB07", "Đảng ủy Bệnh viện Đa khoa tỉnh Hưng Yên", "nhiệm vụ chính trị, chuyên môn của Bệnh viện",
     "Đảng ủy phối hợp với Ban Giám đốc Bệnh viện", "Công đoàn, Đoàn Thanh niên và Hội Cựu chiến binh Bệnh viện"),
    ("DB08", "Đảng ủy Báo Hưng Yên", "nhiệm vụ chính trị của cơ quan Báo", "Đảng ủy phối hợp với Ban Biên tập",
     "Công đoàn và Chi đoàn Thanh niên cơ quan Báo"),
    ("DB09", "Đảng ủy Đài Phát thanh - Truyền hình tỉnh", "nhiệm vụ chính trị của Đài",
     "Đảng ủy phối hợp với Ban Giám đốc Đài", "Các đoàn thể trong Đài"),
    ("DB10", "Đảng ủy Công ty Điện lực Hưng Yên", "nhiệm vụ sản xuất, kinh doanh của Công ty",
     "Đảng ủy phối hợp với Ban Giám đốc Công ty", "Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh và Ban Nữ công Công ty"),
    ("DB12", "Đảng ủy Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh Hưng Yên",
     "nhiệm vụ kinh doanh của Ngân hàng", "Đảng ủy phối hợp với Ban Giám đốc Ngân hàng",
     "Công đoàn và Đoàn Thanh niên Ngân hàng"),
    ("DB13", "Đảng ủy Ngân hàng Nhà nước chi nhánh Hưng Yên", "nhiệm vụ chính trị của cơ quan",
     "Đảng ủy phối hợp với lãnh đạo cơ quan", "Các đoàn thể trong cơ quan"),
    ("DB14", "Đảng ủy Bộ Chỉ huy Quân sự tỉnh", "nhiệm vụ chính trị của đơn vị", "Đảng ủy phối hợp với Thủ trưởng đơn vị",
     "Các đoàn thể trong đơn vị"),
    # Chi bộ: with a chi ủy, with only a bí thư, not known (the neutral form).
    ("CB01", "Bí thư Chi bộ Sở Tư pháp", "nhiệm vụ chính trị của Sở", "Bí thư Chi bộ phối hợp với lãnh đạo Sở",
     "Các đoàn thể trong Sở"),
    ("CB02", "Chi ủy Chi bộ Sở Khoa học và Công nghệ", "nhiệm vụ chính trị của Sở", "Chi ủy Chi bộ phối hợp với lãnh đạo Sở",
     "Công đoàn và Đoàn Thanh niên Sở"),
    ("CB03", "Chi bộ Ban Quản lý các khu công nghiệp tỉnh", "nhiệm vụ chính trị của Ban", "Chi bộ phối hợp với lãnh đạo Ban",
     "Các đoàn thể trong Ban"),
    ("CB05", "Bí thư Chi bộ Hội Văn học - Nghệ thuật tỉnh", "nhiệm vụ chính trị, chuyên môn của Hội",
     "Bí thư Chi bộ phối hợp với Thường trực Hội", "Các đoàn thể trong Hội"),
    ("CB07", "Chi ủy Chi bộ Công ty TNHH MTV Khai thác công trình thủy lợi Hưng Yên",
     "nhiệm vụ sản xuất, kinh doanh của Công ty", "Chi ủy Chi bộ phối hợp với Ban Giám đốc Công ty",
     "Công đoàn và Đoàn Thanh niên Công ty"),
    ("CB08", "Bí thư Chi bộ Công ty Cổ phần Nước sạch Hưng Yên", "nhiệm vụ sản xuất, kinh doanh của Công ty",
     "Bí thư Chi bộ phối hợp với Ban Giám đốc Công ty", "Công đoàn Công ty"),
    ("CB09", "Chi ủy Chi bộ Trường Chính trị Nguyễn Văn Linh", "nhiệm vụ chính trị, chuyên môn của Nhà trường",
     "Chi ủy Chi bộ phối hợp với Ban Giám hiệu", "Công đoàn và Chi đoàn Thanh niên Nhà trường"),
    ("CB10", "Chi ủy Chi bộ Trung tâm Y tế Văn Giang", "nhiệm vụ chính trị, chuyên môn của Trung tâm",
     "Chi ủy Chi bộ phối hợp với Ban Giám đốc Trung tâm", "Các đoàn thể trong Trung tâm"),
    ("CB12", "Chi ủy Chi bộ Viễn thông Hưng Yên", "nhiệm vụ sản xuất, kinh doanh của VNPT Hưng Yên",
     "Chi ủy Chi bộ phối hợp với Ban Giám đốc VNPT Hưng Yên", "Các đoàn thể trong VNPT Hưng Yên"),
    ("CB15", "Bí thư Chi bộ Xí nghiệp Khai thác công trình thủy lợi Văn Lâm", "nhiệm vụ sản xuất, kinh doanh của Xí nghiệp",
     "Bí thư Chi bộ phối hợp với Ban Giám đốc Xí nghiệp", "Công đoàn Xí nghiệp"),
    ("CB16", "Chi bộ Liên đoàn Lao động tỉnh", "nhiệm vụ chính trị của cơ quan", "Chi bộ phối hợp với lãnh đạo cơ quan",
     "Các đoàn thể trong cơ quan"),
]


@pytest.mark.parametrize("code, executive, work, posting, unions", WORDED, ids=[row[0] for row in WORDED])
def test_each_sector_and_kind_is_written_for(read, code, executive, work, posting, unions):
    text = read[code]
    unit = BY_CODE[code]
    assert text[text.index("III. TỔ CHỨC THỰC HIỆN") + 1] == f"1. {executive}"
    purpose = next(line for line in text if line.startswith("- Tiếp tục tạo sự thống nhất"))
    assert purpose.endswith(f"; góp phần thực hiện thắng lợi {work}.")
    assert any(line.startswith(f"+ {posting} tổ chức đăng tải các tin, bài viết") for line in text)
    assert f"3. {unions}" in text
    recipients = text.index("Nơi nhận:")
    assert text[recipients:recipients + 6] == [
        "Nơi nhận:",
        "- Ban Thường vụ Đảng ủy Khối (để báo cáo),",
        "- Ban Tuyên giáo Đảng ủy Khối (để báo cáo),",
        f"- {'Các chi bộ trực thuộc' if unit.is_dang_bo else 'Các đồng chí đảng viên'} (để thực hiện),",
        f"- {unions} (để phối hợp),",
        f"- Lưu {'Đảng ủy' if unit.is_dang_bo else 'Chi bộ'}.",
    ]
    members = "các chi bộ trực thuộc" if unit.is_dang_bo else "các đồng chí đảng viên"
    assert text[text.index("III. TỔ CHỨC THỰC HIỆN") + 1:].count(
        "Trên đây là Kế hoạch thực hiện Kế hoạch số 15-KH/ĐUK ngày 25/5/2021 của Ban Thường vụ Đảng ủy Khối; "
        f"đề nghị {members}, {unions.replace('Các', 'các', 1)} nghiêm túc triển khai thực hiện.") == 1


def test_the_opening_cites_the_plan_and_names_the_unit(read):
    assert next(line for line in read["CB01"] if line.startswith("Thực hiện")) == (
        "Thực hiện Kế hoạch số 15-KH/ĐUK ngày 25/5/2021 của Ban Thường vụ Đảng ủy Khối về đẩy mạnh công tác tuyên "
        "truyền sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, Chi bộ Sở Tư pháp xây dựng Kế hoạch thực hiện "
        "như sau:")


def test_none_of_the_defects_of_issue_11_remain(read):
    """Bloc wording, tasks that are not the unit's, the circular task, "Chi ủy Chi bộ" for every chi bộ,
    Nơi nhận mixing "(để b/c)" and the committee's office."""
    for code, text in read.items():
        unit, joined = BY_CODE[code], "\n".join(text)
        for words in ("cơ quan, đơn vị", "trong Khối", "của doanh nghiệp", "Mặt trận Tổ quốc", "hội nghị báo cáo viên",
                      "Hội nghị báo cáo viên", "báo chí, các website", "Xây dựng kế hoạch tuyên truyền",
                      "Định hướng công tác tuyên truyền",  # the Ban Tuyên giáo's task
                      "Trang thông tin điện tử Đảng ủy Khối", "Đoàn Khối", "Cấp uỷ các cơ quan", "Căn cứ vào Kế hoạch này",
                      "(để b/c)", "Lưu Văn phòng", "Báo Hưng Yên,"):
            assert words not in joined, (code, words)
        assert ("sản xuất, kinh doanh" in joined) == (code in COMPANIES and code != "DB12"), code
        assert ("lao động sản xuất" in joined) == (code in COMPANIES), code
        assert ("Chi ủy Chi bộ" in joined) == (unit.chi_uy is True), code
        assert text.count("- Gửi Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021.") == 1, code
    paper = "\n".join(read["DB08"])
    assert "người lao động trong cơ quan Báo" in paper and "trong Báo " not in paper


def test_a_section_that_names_the_unit_gives_it_the_task(read):
    """Section 4 of the seed's "Tổ chức thực hiện" names Báo Hưng Yên, the Đài, Hội VH-NT and Hội Nhà báo:
    their plans carry its task, without the list of names it opens with."""
    task = ("- Bám sát thực hiện nội dung chỉ đạo, lãnh đạo cán bộ, đảng viên tích cực tham mưu thực hiện tốt nhiệm vụ "
            "của cơ quan được giao trong Kế hoạch số 20-KH/TU ngày 19/5/2021 của Ban Thường vụ Tỉnh ủy.")
    assert {code for code, text in read.items() if task in text} == {"DB08", "DB09", "CB05", "CB06"}


def test_the_review_draft_is_what_the_document_says(seed_plan):
    unit = BY_CODE["DB08"]
    draft = unit_plan_draft(seed_plan, unit)
    context = document_context("unit-plan", seed_plan, unit)
    assert [plain(paragraph["text"]) for paragraph in context["body"]] == [plain(line) for line in draft.lines]
    assert document_context("unit-plan", seed_plan, unit, edited=draft.text) == context
    assert Counter(change.rule for change in draft.changes) == {
        "nguoi-lao-dong": 10, "danh-xung": 8, "nhiem-vu-cua-don-vi": 2, "trong-khoi": 1, "thi-dua-cong-tac": 1,
        "van-dong-nguoi-lao-dong": 1, "trang-thong-tin-bao": 1, "dang-tai-tin-bai": 1, "sinh-hoat-doan-the": 1,
        "xay-dung-ke-hoach-to-chuc": 1, "cua-don-vi": 1, "gui-ke-hoach-nay": 1}
    for change in draft.changes:
        (line,) = change.path
        assert draft.lines[line][change.start:change.end] == change.after
    newspaper = [change for change in draft.changes if change.rule == "trang-thong-tin-bao"]
    assert [(change.before, change.after) for change in newspaper] == [(
        "Trên báo chí, các website, trang thông tin, cổng thông tin điện tử của các cơ quan, đơn vị, doanh nghiệp",
        "Trên các ấn phẩm và báo điện tử của cơ quan Báo")]
    circular = next(change for change in draft.changes if change.rule == "gui-ke-hoach-nay")
    assert draft.lines[circular.path[0]] == "- Gửi Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021."


ELECTION = "bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026, ngày 23/5/2021"


def test_warnings_name_what_the_office_should_look_at(seed_plan):
    warnings = [plain(warning) for warning in unit_plan_draft(seed_plan, BY_CODE["CB01"]).warnings]
    assert warnings == [
        f"Nội dung đã qua: “Trước và trong ngày bầu cử Đại biểu Quốc hội khóa XV” ({ELECTION}) trước ngày 25/5/2021 "
        "của kế hoạch",
        f"Nội dung đã qua: “tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XV” ({ELECTION}) trước ngày 25/5/2021 "
        "của kế hoạch",
        f"Nội dung đã qua: “tuyên truyền về bầu cử Đại biểu Quốc hội khóa XV” ({ELECTION}) trước ngày 25/5/2021 "
        "của kế hoạch",
        "Hạn 10/6/2021 giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy",
        "Hạn 30/6/2021 giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy",
        "Hạn 10/12/2021 giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy",
        "Quy tắc lời văn “chi-uy-chi-bo” không khớp câu nào của kế hoạch: xem lại quy tắc",
    ]
    assert "chi-uy-chi-bo" not in " ".join(unit_plan_draft(seed_plan, BY_CODE["CB02"]).warnings)  # has a chi ủy
    assert document_warnings("letter", seed_plan, BY_CODE["CB01"]) == ()


def changed(plan: Plan, **fields) -> Plan:
    return Plan.model_validate({**plan.model_dump(), **fields})


def test_sections_no_rule_knows_and_headings_without_a_task_are_warned_of(seed_plan):
    body = seed_plan.body.replace(
        "5. Đoàn Khối Cơ quan - Doanh nghiệp tỉnh",
        "5. Các sở, ngành liên quan phối hợp triển khai Kế hoạch.\n"
        "6. Báo Hưng Yên và Đài Phát thanh - Truyền hình tỉnh: mỗi tuần một chuyên mục.\n"
        "7. Đoàn Khối Cơ quan - Doanh nghiệp tỉnh")
    plan = changed(seed_plan, body=body, date="2021-05-20")
    draft = unit_plan_draft(plan, BY_CODE["DB08"])
    assert draft.warnings[:2] == (
        "Chưa rõ mục “Các sở, ngành liên quan phối hợp triển khai Kế hoạch.” (phần tổ chức thực hiện) có phải việc "
        "của đơn vị: đã để ra ngoài",
        "Mục “Báo Hưng Yên và Đài Phát thanh - Truyền hình tỉnh: mỗi tuần một chuyên mục.” giao cho đơn vị nhưng "
        "không tách được phần việc: đã giữ cả câu",
    )
    assert "- Báo Hưng Yên và Đài Phát thanh - Truyền hình tỉnh: mỗi tuần một chuyên mục." in draft.lines
    assert "Các sở, ngành" not in draft.text
    assert not any(warning.startswith("Nội dung đã qua") for warning in draft.warnings)  # dated before the election


def test_an_edited_text_is_the_units_body_and_its_own_warnings(seed_plan):
    unit = BY_CODE["CB01"]
    draft = unit_plan_draft(seed_plan, unit)
    edited = "\n".join(line for line in draft.lines if "bầu cử" not in line)
    edited = edited.replace("III. TỔ CHỨC THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN\n1. Chi bộ họp trước ngày 1/6/2021")
    context = document_context("unit-plan", seed_plan, unit, edited=edited)
    texts = [plain(paragraph["text"]) for paragraph in context["body"]]
    assert "1. Chi bộ họp trước ngày 1/6/2021" in texts and not any("bầu cử" in text for text in texts)
    assert document_warnings("unit-plan", seed_plan, unit, edited=edited) == (
        "Hạn 10/6/2021 giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy",
        "Hạn 30/6/2021 giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy",
        "Hạn 10/12/2021 giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy",
    )
    later = changed(seed_plan, date="2021-06-05")
    assert document_warnings("unit-plan", later, unit, edited=edited)[0] == (
        "Ngày đã qua: “1/6/2021” trước ngày 05/6/2021 của kế hoạch")


def test_the_batch_uses_an_edit_for_its_unit_only(seed_plan, tmp_path):
    units = [BY_CODE["CB01"], BY_CODE["CB02"]]
    edited = unit_plan_draft(seed_plan, units[0]).text.replace("Gửi Kế hoạch này về", "Gửi ngay Kế hoạch này về")
    target = tmp_path / "batch.zip"
    write_batch(seed_plan, units, ["unit-plan", "letter"], target, jobs=1, edits={"CB01": edited, "CB02x": "x"})
    with zipfile.ZipFile(target) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
        text = {(row["code"], row["kind"]): "\n".join(paragraphs(archive.read(row["path"]))) for row in rows}
    assert "- Gửi ngay Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021." in text["CB01", "unit-plan"]
    assert "- Gửi Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021." in text["CB02", "unit-plan"]
    assert "Gửi ngay" not in text["CB01", "letter"]


def test_units_worded_alike_share_the_plans_sections(seed_plan):
    """The sections carried over are worded once for units worded alike, whatever their names."""
    first = document_context("unit-plan", seed_plan, Unit(code="A", name="Sở Y tế", kind="chi-bo"))
    second = document_context("unit-plan", seed_plan, Unit(code="B", name="Sở Nội vụ", kind="chi-bo"))
    sections = slice(1, 40)
    assert first["body"][sections] == second["body"][sections]
    assert all(a is b for a, b in zip(first["body"][sections], second["body"][sections]))


# -- the office's own tables ------------------------------------------------------------------

SECTORS = DEFAULT_SECTORS.read_text(encoding="utf-8")
PHRASES = DEFAULT_PHRASES.read_text(encoding="utf-8")
OFFICE_PHRASES = PHRASES.replace("    replace: 'Gửi Kế hoạch này về '", "    replace: 'Gửi bản Kế hoạch này về '")
OFFICE_SECTORS = SECTORS.replace("unions_unknown: các đoàn thể", "unions_unknown: Công đoàn và các đoàn thể khác")


def test_the_offices_table_words_the_plan(seed_plan):
    table = load_table(OFFICE_SECTORS, OFFICE_PHRASES)
    unit = BY_CODE["CB03"]
    context = document_context("unit-plan", seed_plan, unit, wording=table)
    texts = [plain(paragraph["text"]) for paragraph in context["body"]]
    assert "- Gửi bản Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021." in texts
    assert "3. Công đoàn và các đoàn thể khác trong Ban" in texts


def docgen(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen.cli", *arguments], capture_output=True, text=True, cwd=cwd)


def test_the_command_line_takes_the_offices_tables_and_prints_warnings(tmp_path):
    wording = tmp_path / "loi-van"
    wording.mkdir()
    (wording / "sectors.yaml").write_text(OFFICE_SECTORS, encoding="utf-8")
    (wording / "phrases.yaml").write_text(OFFICE_PHRASES, encoding="utf-8")
    plan, units = str(EXAMPLES / "seed-plan.yaml"), str(UNITS_FILE)
    done = docgen("render", plan, "--kind", "unit-plan", "--unit", "CB03", "--units", units, "--wording", str(wording),
                  "-o", "cb03.docx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "- Gửi bản Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021." in paragraphs(
        (tmp_path / "cb03.docx").read_bytes())
    warnings = [plain(line) for line in done.stderr.splitlines()]
    assert warnings[0].startswith("docgen: cảnh báo: Nội dung đã qua: “Trước và trong ngày bầu cử")
    assert warnings[-2:] == [
        "docgen: cảnh báo: Hạn 10/12/2021 giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy",
        "docgen: cảnh báo: Quy tắc lời văn “chi-uy-chi-bo” không khớp câu nào của kế hoạch: xem lại quy tắc"]
    assert len(warnings) == 7

    done = docgen("batch", plan, "--units", units, "--kinds", "unit-plan,report", "-o", "all.zip", "--jobs", "1",
                  cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [plain(line) for line in done.stderr.splitlines()]
    assert lines[3] == ("docgen: cảnh báo: Hạn 10/6/2021 giao cho các đơn vị không có trong văn bản kế hoạch của "
                        "cấp ủy (mọi đơn vị)")
    assert lines[-1] == ("docgen: cảnh báo: Quy tắc lời văn “chi-uy-chi-bo” không khớp câu nào của kế hoạch: xem lại "
                         "quy tắc (11 đơn vị: CB01, CB03, CB04, CB05, CB06, …)")
    english = docgen("--lang", "en", "batch", plan, "--units", units, "--kinds", "unit-plan", "-o", "en.zip",
                     "--jobs", "1", cwd=tmp_path)
    assert plain(english.stderr.splitlines()[3]) == (
        "docgen: warning: deadline 10/6/2021 for the units is not in the text of the committee's plan (every unit)")


def test_a_bad_table_is_refused_naming_the_rule(tmp_path):
    wording = tmp_path / "loi-van"
    wording.mkdir()
    (wording / "sectors.yaml").write_text(SECTORS, encoding="utf-8")
    (wording / "phrases.yaml").write_text(PHRASES.replace("replace: trong {noun}", "replace: trong {don_vi}"),
                                          encoding="utf-8")
    done = docgen("batch", str(EXAMPLES / "seed-plan.yaml"), "--units", str(UNITS_FILE), "--wording", str(wording),
                  "-o", "all.zip", cwd=tmp_path)
    assert done.returncode == 2 and not (tmp_path / "all.zip").exists()
    assert done.stderr.startswith("docgen: phrases.yaml: phrases thứ 10 (“trong-khoi”), mục “replace”: không có chỗ "
                                  "trống {don_vi}; dùng được: {org}")
    missing = docgen("render", str(EXAMPLES / "seed-plan.yaml"), "--wording", str(tmp_path / "none"), "-o", "x.docx",
                     cwd=tmp_path)
    assert missing.returncode == 2 and "sectors.yaml: không đọc được tệp" in missing.stderr


def test_batch_warnings_say_which_units(seed_plan):
    found = batch_warnings(seed_plan, UNITS, ["unit-plan", "letter"])
    rule = next(warning for warning in found if "chi-uy-chi-bo" in warning)
    assert [unit.code for unit in found[rule]] == [
        "CB01", "CB03", "CB04", "CB05", "CB06", "CB08", "CB11", "CB13", "CB14", "CB15", "CB16"]


# One unit of each sector, a chi bộ of each chi ủy state among them.
ONE_PER_SECTOR = {"DB01": "hanh-chinh", "DB08": "su-nghiep", "CB07": "doanh-nghiep", "DB14": "vu-trang", "CB16": "khac"}


def test_one_unit_plan_per_sector_as_libreoffice_prints_it(rendered, office, artifacts, tmp_path):
    """Read as printed: each page's text, and the page with the unit's "Tổ chức thực hiện" left as a
    picture for people to read (test-artifacts/unit-plan-*.png)."""
    paths = []
    for code in ONE_PER_SECTOR:
        paths.append(tmp_path / f"{code}.docx")
        paths[-1].write_bytes(rendered[code])
    for path, pdf in zip(paths, office.to_pdf(*paths)):
        unit = BY_CODE[path.stem]
        pages = [plain(" ".join(office_text(pdf, page).split())) for page in range(1, office.pages(pdf) + 1)]
        assert 5 <= len(pages) <= 7
        tasks = next(page for page, text in enumerate(pages, start=1) if "III. TỔ CHỨC THỰC HIỆN" in text)
        assert f"{unit.committee} xây dựng Kế hoạch thực hiện như sau" in pages[0]
        assert "Gửi Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021." in " ".join(pages[tasks - 1:])
        assert "cơ quan, đơn vị" not in " ".join(pages)
        office.page_png(pdf, artifacts / f"unit-plan-{ONE_PER_SECTOR[unit.code]}-{unit.code}", page=tasks)


def office_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
