"""Importing the seed plan (Word text without its header), PDF-like text and .docx files."""

from __future__ import annotations

import datetime as dt
import io
import random
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from docgen import outline
from docgen.cli import main
from docgen.files import load_plan
from docgen.check.package import MAX_FILE_BYTES
from docgen.importer import PlanImportError, import_docx, import_text
from docgen.model import DocType, Organisation

from .pasted import corpus, header_of, import_pasted

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "ke-hoach-tuyen-truyen-sau-dai-hoi-XIII.txt"

BASIS = ("Kế hoạch số 20-KH/TU ngày 19/5/2021 của Ban Thường vụ Tỉnh ủy về đẩy mạnh công tác tuyên truyền"
         " sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng")
SUMMARY = "đẩy mạnh công tác tuyên truyền sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
GLUED = {"Khốixây", "cấpnhiệm", "hiệnnội", "Khốitruyền"}
HEADER = [
    "ĐẢNG BỘ TỈNH HƯNG YÊN",
    "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH",
    "*",
    "Số: 15-KH/ĐUK",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Hưng Yên, ngày 25 tháng 5 năm 2021",
]


@pytest.fixture(scope="module")
def organisation() -> Organisation:
    return Organisation(superior="Đảng bộ tỉnh Hưng Yên", name="Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh",
                        short_name="Đảng ủy Khối", symbol="ĐUK", place="Hưng Yên")


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def imported(seed, organisation):
    return import_text(seed, organisation)


def kinds(result, kind: str) -> list:
    return [suggestion for suggestion in result.suggestions if suggestion.kind == kind]


def test_seed_gives_type_summary_basis_and_recipients(imported, organisation):
    plan = imported.plan
    assert plan.type is DocType.KE_HOACH
    assert plan.organisation == organisation
    assert plan.summary == SUMMARY
    assert plan.basis == [BASIS]
    assert len(plan.recipients) == 6
    assert plan.recipients[0] == "Ban Tuyên giáo Tỉnh ủy (để b/c)"
    assert plan.recipients[1] == "Các đồng chí UVBTV ĐUK"
    assert plan.recipients[-1] == "Lưu VP"


def test_seed_lacks_its_header_and_says_so(imported):
    assert (imported.plan.number, imported.plan.date) == (None, None)
    messages = " ".join(suggestion.message for suggestion in kinds(imported, "missing"))
    assert "số văn bản" in messages and "ngày ban hành" in messages and "chữ ký" in messages
    assert [s.original for s in kinds(imported, "normalised")] == [SUMMARY.replace("đẩy", "Đẩy", 1)]


def test_body_is_the_outline_with_markers_normalised(imported, seed):
    body = imported.plan.body.splitlines()
    assert body[0].startswith("Thực hiện Kế hoạch số 20-KH/TU")
    assert "1. Mục đích" in body and "- Các hoạt động tuyên truyền" in imported.plan.body
    assert body[-1].startswith("Căn cứ vào Kế hoạch này")
    lines = seed.splitlines()
    seed_body = "\n".join(lines[lines.index("-----") + 1:next(i for i, l in enumerate(lines) if "Nơi nhận" in l)])
    assert outline.parse(imported.plan.body) == outline.parse(seed_body)


def test_glued_words_are_reported_at_every_occurrence(imported):
    glued = [s for s in kinds(imported, "glued-word") if "," not in s.original]
    assert {s.original for s in glued} == GLUED
    assert len(glued) == 8 and sum(s.original == "cấpnhiệm" for s in glued) == 5
    first = glued[0]
    assert (first.where, first.original, first.replacement) == ("đoạn 1", "Khốixây", "Khối xây")
    commas = [(s.original, s.replacement) for s in kinds(imported, "glued-word") if "," in s.original]
    assert commas == [("Đảng,Ban", "Đảng, Ban"), ("hoạch,tổ", "hoạch, tổ")]


def test_without_fix_no_word_is_changed(imported):
    assert not imported.fixed
    for word in [*GLUED, "Đảng,Ban", "hoạch,tổ"]:
        assert word in imported.plan.body


def test_fix_splits_glued_words(seed, organisation, imported):
    fixed = import_text(seed, organisation, fix=True)
    assert fixed.fixed
    body = fixed.plan.body
    assert "Khốixây" not in body and "Khối xây dựng" in body
    assert "cấpnhiệm" not in body and "Đảng, Ban Thường vụ" in body and "kế hoạch, tổ chức" in body
    assert fixed.suggestions == imported.suggestions
    assert fixed.plan.basis == [BASIS]


def pdf_like(seed: str, header: list[str]) -> str:
    """The seed as a PDF reader gives it: header back in place, every paragraph wrapped at 75 columns."""
    return "\n".join(header + [textwrap.fill(line, 75) for line in seed.splitlines()])


def test_pdf_like_text_with_header(seed, organisation, imported):
    result = import_text(pdf_like(seed, HEADER), organisation)
    plan = result.plan
    assert (plan.number, plan.date) == (15, dt.date(2021, 5, 25))
    assert (plan.summary, plan.basis) == (imported.plan.summary, [BASIS])
    assert plan.recipients == imported.plan.recipients
    assert outline.parse(plan.body) == outline.parse(imported.plan.body)
    assert not [s for s in result.suggestions if s.where == "tiêu đề"]


@pytest.mark.parametrize(
    ("header", "number", "date"),
    [
        (["ĐẢNG BỘ TỈNH HƯNG YÊN ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH",
          "* Số 15-KH/ĐUK Hưng Yên, ngày 25 tháng 5 năm 2021"], 15, dt.date(2021, 5, 25)),
        ([*HEADER[:3], "Số       -KH/ĐUK", HEADER[4], "Hưng Yên, ngày    tháng    năm"], None, None),
        (HEADER[1:], 15, dt.date(2021, 5, 25)),
    ],
    ids=["columns-run-together", "left-blank", "superior-line-lost"],
)
def test_header_forms(header, number, date, seed, organisation):
    result = import_text("\n".join([*header, seed]), organisation)
    assert (result.plan.number, result.plan.date) == (number, date)
    assert result.plan.organisation == organisation
    assert not [s for s in result.suggestions if s.where == "tiêu đề"]


def test_a_date_the_calendar_lacks_is_left_blank_with_the_reason(seed, organisation):
    header = [line.replace("ngày 25 tháng 5", "ngày 29 tháng 02") for line in HEADER]
    result = import_text("\n".join([*header, seed]), organisation)
    assert result.plan.date is None
    assert [(s.kind, s.message, s.original) for s in result.suggestions if s.where == "tiêu đề"] == [
        ("missing", "Để trống ngày ban hành: Ngày “29/02/2021” không có trên lịch: tháng 2 năm 2021 chỉ có 28 ngày",
         "ngày 29 tháng 02 năm 2021")]


OTHER_HEADER = ["ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH", "ĐẢNG ỦY CÔNG TY MAY", "*", "Số 03-KH/ĐU"]
OTHER_ISSUER = "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH / ĐẢNG ỦY CÔNG TY MAY"


def test_the_documents_own_issuer_wins_over_the_default(seed, organisation):
    tail = ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "(Đã ký)", "Nguyễn Văn An"]
    result = import_text("\n".join([*OTHER_HEADER, seed, *tail]), organisation)
    assert result.plan.signature.model_dump() == {"authority": "T/M BAN THƯỜNG VỤ", "title": "PHÓ BÍ THƯ",
                                                  "name": "Nguyễn Văn An"}
    assert result.plan.number == 3
    org = result.plan.organisation
    assert (org.superior, org.name, org.symbol) == ("ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH", "ĐẢNG ỦY CÔNG TY MAY", "ĐU")
    assert org.short_name == "Đảng ủy", "the longest beginning of the name the text writes"
    assert (org.place, org.collective, org.office) == ("Hưng Yên", "Ban Thường vụ", "Văn phòng Đảng ủy")
    assert [(s.kind, s.original) for s in result.suggestions if s.where == "tiêu đề"] == [
        ("missing", ""), ("normalised", OTHER_ISSUER),
    ]


def test_a_chosen_organisation_is_kept_and_what_differs_reported(seed, organisation):
    header = [*OTHER_HEADER, "Mỹ Hào, ngày 05 tháng 6 năm 2021"]
    result = import_text("\n".join([*header, seed]), organisation, keep_organisation=True)
    assert result.plan.organisation == organisation
    assert (result.plan.number, result.plan.date) == (3, dt.date(2021, 6, 5))
    assert [(s.original, s.replacement) for s in result.suggestions if s.where == "tiêu đề"] == [
        (OTHER_ISSUER, "Đảng bộ tỉnh Hưng Yên / Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh"), ("Mỹ Hào", "Hưng Yên"),
        ("ĐU", "ĐUK"),
    ]


def test_import_plan_takes_the_text_s_issuer_unless_org_is_given(seed, organisation, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text("\n".join([*OTHER_HEADER, seed]), encoding="utf-8")
    org_file = tmp_path / "org.yaml"
    org_file.write_text(yaml.safe_dump(organisation.model_dump(mode="json"), allow_unicode=True), encoding="utf-8")
    taken = CliRunner().invoke(main, ["import-plan", str(source), "-o", str(tmp_path / "taken.yaml")])
    kept = CliRunner().invoke(main, ["import-plan", str(source), "--org", str(org_file), "-o", str(tmp_path / "kept.yaml")])
    assert (taken.exit_code, kept.exit_code) == (0, 0)
    assert load_plan(tmp_path / "taken.yaml").organisation.name == "ĐẢNG ỦY CÔNG TY MAY"
    assert load_plan(tmp_path / "kept.yaml").organisation == organisation
    assert "Cơ quan ban hành theo văn bản" in taken.output
    assert "Cơ quan ban hành trong văn bản khác với đơn vị đã chọn" in kept.output


@pytest.mark.parametrize("document", corpus(), ids=lambda document: document.name)
def test_every_pasted_document_imports_whole(document, organisation):
    """The corpus of tests/data/pasted: every header field and every body paragraph, in order."""
    plan = import_pasted(document, organisation)
    assert header_of(plan) == document.header
    assert plan.body.splitlines() == document.body


@pytest.mark.parametrize(
    ("name", "short_name", "tone_style"),
    [("02-ke-hoach-cong-ty-may-pdf", "Đảng ủy Công ty", "old"), ("05-bao-cao-chi-bo-in-tu-trinh-duyet", "Chi bộ Sở Tư pháp", "new"),
     ("06-ke-hoach-dang-uy-phuong-trang-web", "Đảng ủy phường Linh Trung", "old")],
)
def test_another_issuer_is_named_and_written_as_its_text_does(name, short_name, tone_style, organisation):
    plan = import_pasted(next(document for document in corpus() if document.name == name), organisation)
    assert (plan.organisation.short_name, plan.organisation.tone_style.value) == (short_name, tone_style)


def test_page_furniture_is_dropped_and_reported(organisation):
    document = next(document for document in corpus() if document.name.startswith("05-"))
    result = import_text(document.text, organisation)
    [dropped] = [s for s in result.suggestions if s.where == "toàn văn"]
    assert dropped.original.splitlines()[:3] == [
        "12/16/21, 8:05 AM", "Báo cáo số 03-BC/CB của Chi bộ Sở Tư pháp - Đảng bộ Khối các cơ quan tỉnh Bắc Ninh",
        "https://dangbokhoi.bacninh.gov.vn/van-ban/bao-cao-so-03-bc-cb-cua-chi-bo-so-tu-phap",
    ]
    assert len(dropped.original.splitlines()) == 12 and "Bỏ 12 dòng" in dropped.message


@pytest.mark.parametrize(
    "text",
    ["", "  \n\t\n", "I. MỤC ĐÍCH\n- Tuyên truyền.", "KẾ HOẠCH\n-----\nI. MỤC ĐÍCH", "KẾ HOẠCH\ntuyên truyền\n-----\n"],
)
def test_text_without_a_plan_is_refused(text, organisation):
    with pytest.raises(PlanImportError, match="cần"):
        import_text(text, organisation)


def docx_bytes(document) -> io.BytesIO:
    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    return stream


def two_cells(document, left: list[str], right: list[str]) -> None:
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    for cell, lines in zip(cells, (left, right)):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def test_docx_with_header_table_bullets_and_signature_table(organisation):
    document = docx.Document()
    two_cells(document, HEADER[:4], HEADER[4:])
    for line in ["KẾ HOẠCH", "Đẩy mạnh công tác tuyên truyền", "-----",
                 "Thực hiện Kế hoạch số 20-KH/TU ngày 19/5/2021 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy"
                 " Khối xây dựng kế hoạch như sau:", "I. MỤC ĐÍCH, YÊU CẦU"]:
        document.add_paragraph(line)
    document.add_paragraph("Mục đích", style="List Number")
    document.add_paragraph("Tiếp tục tạo sự thống nhất.", style="List Bullet")
    document.add_paragraph("Yêu cầu", style="List Number")
    two_cells(document, ["Nơi nhận:", "- Ban Tuyên giáo Tỉnh ủy (để b/c),", "- Lưu Văn phòng Đảng ủy."],
              ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Nguyễn Văn An"])
    result = import_docx(docx_bytes(document), organisation)
    plan = result.plan
    assert (plan.number, plan.date) == (15, dt.date(2021, 5, 25))
    assert plan.summary == "đẩy mạnh công tác tuyên truyền"
    assert plan.basis == ["Kế hoạch số 20-KH/TU ngày 19/5/2021 của Ban Thường vụ Tỉnh ủy"]
    assert plan.body.splitlines()[1:] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "- Tiếp tục tạo sự thống nhất.",
                                          "2. Yêu cầu"]
    assert plan.recipients == ["Ban Tuyên giáo Tỉnh ủy (để b/c)", "Lưu Văn phòng Đảng ủy"]
    assert (plan.signature.title, plan.signature.name) == ("PHÓ BÍ THƯ", "Nguyễn Văn An")
    assert not [s for s in result.suggestions if s.kind == "missing"]


def test_docx_of_the_seed_gives_the_same_plan(seed, organisation, imported, tmp_path):
    document = docx.Document()
    for line in seed.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    result = import_docx(path, organisation)
    assert result.plan == imported.plan
    assert result.suggestions == imported.suggestions
    fixed = import_docx(str(path), organisation, fix=True)
    assert fixed.plan.body == import_text(seed, organisation, fix=True).plan.body


def not_a_docx() -> list[bytes]:
    members = io.BytesIO()
    with zipfile.ZipFile(members, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return [b"KE HOACH\n-----\n", random.Random(36).randbytes(4096), members.getvalue()]


@pytest.mark.parametrize("data", not_a_docx(), ids=["text", "binary", "zip"])
def test_files_that_are_not_docx_are_refused(data, organisation, tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(data)
    with pytest.raises(PlanImportError, match=r"\.docx"):
        import_docx(path, organisation)


def test_docx_over_the_size_limit_is_refused(organisation):
    with pytest.raises(PlanImportError, match="20 MB"):
        import_docx(io.BytesIO(bytes(MAX_FILE_BYTES + 1)), organisation)
