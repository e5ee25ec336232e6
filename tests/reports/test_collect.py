"""Collecting a folder of returned forms: `docgen collect`, its JSON, its summary and its workbook."""

import io
import json
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from docgen.cli import main
from docgen.reports.collect import FileError, collect

from .conftest import PLAN, UNITS, render_form
from .filling import SEED, add_row, fill, open_form, retyped, save, to_bytes, write_under

FIGURES = {  # unit → what its office typed, by indicator
    "DB01": dict(pages="2", news="10", meetings="1", people="45", banners="3", works="0", movements="1", models="1"),
    "DB02": dict(pages="1", news="1,5", meetings="2 cuộc", people="60", banners="2", works="1", movements="1",
                 models="không"),
    "CB01": dict(pages="0", news="5", meetings="01", people="12 lượt", banners="1", works="0", movements="1", models="1"),
}
TOTALS = {SEED["pages"]: 3, SEED["news"]: 52, SEED["meetings"]: 8, SEED["people"]: 1367, SEED["banners"]: 18,
          SEED["works"]: 1, SEED["movements"]: 3, SEED["models"]: 2}


def run(*arguments):
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


@pytest.fixture(scope="module")
def folder(tmp_path_factory, blank_forms):
    """What a committee office's folder of returned files looks like after a reporting round."""
    folder = tmp_path_factory.mktemp("returned")
    forms = {}
    for code, figures in FIGURES.items():
        forms[code] = open_form(blank_forms(code))
        fill(forms[code], **figures)
    add_row(forms["CB01"], "meetings", "", "Hội nghị trực tuyến", "cuộc", "2", "")
    write_under(forms["DB01"], "IV. ĐỀ XUẤT, KIẾN NGHỊ", "Đề nghị mở lớp bồi dưỡng báo cáo viên.")
    save(forms["DB01"], folder / "01 DB01 Sở Tài chính.docx")
    shutil.copy(folder / "01 DB01 Sở Tài chính.docx", folder / "~$01 DB01 Sở Tài chính.docx")  # Word's lock file
    fill(forms["DB01"], pages="20")
    save(forms["DB01"], folder / "02 DB01 bản sửa.docx")
    save(forms["DB02"], folder / "03 DB02.docx")
    save(forms["CB01"], folder / "04 CB01.docx")
    (folder / "05 So Y te go lai.docx").write_bytes(retyped("ĐẢNG UỶ SỞ Y TẾ", [
        ("Hội nghị quán triệt, học tập", "4", "cuộc"), ("Số cán bộ, đảng viên, người lao động dự hội nghị", "1.250", "lượt"),
        ("Tin bài đăng trên trang thông tin điện tử và mạng xã hội", "37 tin", ""),
        ("Pano, áp phích, băng rôn, khẩu hiệu treo tại trụ sở", "12", "cái")]))
    other_plan = folder.parent / "plan-16.yaml"
    other_plan.write_text(PLAN.read_text(encoding="utf-8").replace("number: 15", "number: 16"), encoding="utf-8")
    render_form("DB05", folder / "06 DB05 ke hoach 16.docx", plan=other_plan)
    cut = to_bytes(open_form(blank_forms("CB02")))
    (folder / "07 CB02 bi cat.docx").write_bytes(cut[:len(cut) // 2])
    (folder / "08 CB04.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return folder


def test_a_folder_of_returned_forms(folder, plan, units):
    collection = collect(plan, units, [folder])
    assert sorted(collection.forms) == ["CB01", "DB01", "DB02", "DB03"]
    assert collection.forms["DB01"].file == str(folder / "01 DB01 Sở Tài chính.docx")
    assert [unit.code for unit in collection.missing] == [
        unit.code for unit in units if unit.code not in ("CB01", "DB01", "DB02", "DB03")]
    assert collection.files[0] == FileError(
        str(folder / "02 DB01 bản sửa.docx"), "DB01",
        f"đã có báo cáo của Đảng ủy Sở Tài chính (DB01) trong tệp {folder / '01 DB01 Sở Tài chính.docx'}; "
        f"tệp này không được tính")
    assert collection.files[1] == FileError(str(folder / "06 DB05 ke hoach 16.docx"), "DB05",
                                            "biểu mẫu của Kế hoạch số 16-KH/ĐUK ngày 25/5/2021, không phải của kế "
                                            "hoạch đang tổng hợp")
    assert (collection.files[2].file, collection.files[2].unit) == (str(folder / "07 CB02 bi cat.docx"), None)
    assert collection.files[2].error.startswith("tệp bị cắt cụt")
    assert collection.files[3] == FileError(str(folder / "08 CB04.pdf"), None, "không phải tệp .docx (không phải tệp ZIP)")
    assert len(collection.files) == 4
    assert collection.totals() == TOTALS
    assert collection.totals_by_kind() == {
        "dang-bo": {**TOTALS, SEED["pages"]: 3, SEED["news"]: 47, SEED["meetings"]: 7, SEED["people"]: 1355,
                    SEED["banners"]: 17, SEED["works"]: 1, SEED["movements"]: 2, SEED["models"]: 1},
        "chi-bo": {SEED["pages"]: 0, SEED["news"]: 5, SEED["meetings"]: 1, SEED["people"]: 12, SEED["banners"]: 1,
                   SEED["works"]: 0, SEED["movements"]: 1, SEED["models"]: 1},
    }
    assert [(group, [i.name for i in indicators]) for group, indicators in collection.groups()][1] == (
        "Tuyên truyền miệng", [SEED["meetings"], SEED["people"]])
    assert [(unit.code, text) for unit, text in collection.narrative("kien_nghi")] == [
        ("DB01", ["Đề nghị mở lớp bồi dưỡng báo cáo viên."]), ("DB03", ["Không."])]
    assert collection.forms["CB01"].notes[0].text == "Hội nghị trực tuyến"
    assert collection.needs_review


def test_collect_json_on_a_folder(folder, units):
    result = run("collect", PLAN, folder, "--units", UNITS, "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["indicators", "units", "files", "totals"]
    assert data["indicators"] == list(SEED.values())
    assert data["totals"] == TOTALS
    assert [unit["code"] for unit in data["units"]] == [unit.code for unit in units]
    by_code = {unit["code"]: unit for unit in data["units"]}
    assert by_code["DB02"] == {
        "code": "DB02", "name": "Sở Giáo dục và Đào tạo", "status": "received", "file": str(folder / "03 DB02.docx"),
        "values": {SEED["pages"]: 1, SEED["news"]: None, SEED["meetings"]: 2, SEED["people"]: 60, SEED["banners"]: 2,
                   SEED["works"]: 1, SEED["movements"]: 1, SEED["models"]: 0},
        "problems": [{"indicator": SEED["news"],
                      "message": f"Đảng ủy Sở Giáo dục và Đào tạo, “{SEED['news']}”: ô số lượng “1,5” là số thập phân; "
                                 f"số lượng phải là số nguyên (dấu chấm chỉ để tách hàng nghìn: 1.500)"}],
    }
    assert by_code["CB05"] == {"code": "CB05", "name": "Hội Văn học - Nghệ thuật tỉnh", "status": "missing",
                               "file": None, "values": dict.fromkeys(SEED.values()), "problems": []}
    assert by_code["DB03"]["file"] == str(folder / "05 So Y te go lai.docx")
    assert len(by_code["DB03"]["problems"]) == 4
    assert [(entry["file"], entry["unit"]) for entry in data["files"]] == [
        (str(folder / "02 DB01 bản sửa.docx"), "DB01"), (str(folder / "06 DB05 ke hoach 16.docx"), "DB05"),
        (str(folder / "07 CB02 bi cat.docx"), None), (str(folder / "08 CB04.pdf"), None)]
    assert all(set(entry) == {"file", "unit", "error"} and entry["error"] for entry in data["files"])


def test_clean_forms_exit_0_with_a_summary_in_vietnamese(folder, tmp_path):
    clean = tmp_path / "clean"
    clean.mkdir()
    shutil.copy(folder / "01 DB01 Sở Tài chính.docx", clean)
    shutil.copy(folder / "04 CB01.docx", tmp_path)
    result = run("collect", PLAN, clean, tmp_path / "04 CB01.docx", "--units", UNITS)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Tổng hợp báo cáo: kết quả tuyên truyền sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng năm 2021",
        "Đã nhận 2/22 đơn vị; 20 chưa gửi; 0 tệp không được tính; 0 vấn đề cần xem lại.",
        "",
        "Tổng số liệu (2 đơn vị đã gửi):",
    ]
    assert f"  4. {SEED['people']}: 57 lượt người" in lines
    assert "  - DB02 Đảng ủy Sở Giáo dục và Đào tạo" in lines
    assert lines[-2:] == ["Dòng các đơn vị thêm vào bảng (không tính vào tổng):", "  - CB01: Hội nghị trực tuyến: 2"]


def test_the_workbook(folder, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(UNITS.read_text(encoding="utf-8") + "CB99,=HYPERLINK(\"http://x\") Chi nhánh,Chi bộ cơ sở,,,,,\n",
                     encoding="utf-8")
    output = tmp_path / "tong-hop.xlsx"
    result = run("collect", PLAN, folder, "--units", units, "-o", output)
    assert result.exit_code == 1, result.output
    book = load_workbook(output)
    assert book.sheetnames == ["Tổng hợp", "Cần xem lại", "Dòng thêm"]
    figures = [[cell.value for cell in row] for row in book["Tổng hợp"].iter_rows()]
    assert figures[0][:5] == ["Mã", "Đơn vị", "Loại", "Trạng thái", f"{SEED['pages']} (chuyên mục)"]
    assert figures[1] == ["DB01", "Sở Tài chính", "Đảng bộ cơ sở", "Đã nhận", 2, 10, 1, 45, 3, 0, 1, 1,
                          str(folder / "01 DB01 Sở Tài chính.docx")]
    assert figures[2][3:5] == ["Đã nhận, cần xem lại", 1]
    assert figures[23][:5] == ["CB99", "=HYPERLINK(\"http://x\") Chi nhánh", "Chi bộ cơ sở", "Chưa gửi", None]
    assert figures[-3][1:5] == ["Cộng đảng bộ cơ sở", None, None, 3]
    assert figures[-1] == [None, "Tổng cộng", None, None, *TOTALS.values(), None]
    sheet_xml = zipfile.ZipFile(io.BytesIO(output.read_bytes())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"=HYPERLINK" in sheet_xml  # stored as text, never a formula
    review = [[cell.value for cell in row] for row in book["Cần xem lại"].iter_rows()]
    assert review[1][:4] == ["DB02", "Sở Giáo dục và Đào tạo", SEED["news"], "1,5"]
    assert review[-1][4] == "không phải tệp .docx (không phải tệp ZIP)"
    added = [[cell.value for cell in row] for row in book["Dòng thêm"].iter_rows()]
    assert added[1][:5] == ["CB01", "Sở Tư pháp", "Hội nghị trực tuyến", "cuộc", "2"]


@pytest.mark.parametrize("arguments, message", [
    (["collect", PLAN, "no-such-folder", "--units", UNITS], "no-such-folder: không có tệp hoặc thư mục này"),
    (["collect", PLAN, "--units", UNITS], "Missing argument 'FILE_OR_DIR...'"),
])
def test_bad_arguments_exit_2(arguments, message):
    result = run(*arguments)
    assert result.exit_code == 2 and message in result.output, result.output


def test_a_plan_without_indicators_is_a_bad_argument(tmp_path, folder):
    text = PLAN.read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text[:text.index("  indicators:")], encoding="utf-8")
    result = run("collect", plan, folder, "--units", UNITS)
    assert result.exit_code == 2
    assert result.output == ("docgen: kế hoạch không có chỉ tiêu báo cáo (report.indicators): không có gì để tổng "
                             "hợp\n")
