"""Units: the list in Vietnamese order, the form's errors, import with a preview, export."""

import csv
import html
import io

from openpyxl import load_workbook

from docgen.model import Unit
from docgen.store import units as unit_store
from docgen.units import units_to_xlsx

from ..unitlists import write_nasty_units
from .conftest import page_text, upload

GOOD = {"code": "CB99", "name": "Sở Nội vụ", "kind": "chi-bo", "secretary": "Lê Văn Tám", "place": "Hưng Yên"}


def test_list_is_sorted_the_vietnamese_way(client):
    text = page_text(client.get("/don-vi/"))
    order = ["Ban Quản lý các khu công nghiệp tỉnh", "Báo Hưng Yên", "Cục Thuế tỉnh", "Đài Phát thanh"]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)


def test_add_edit_and_delete_a_unit(app, client):
    assert client.post("/don-vi/them", data=GOOD).status_code == 302
    text = page_text(client.get("/don-vi/"))
    assert "Sở Nội vụ" in text and "CB99" in text
    with app.extensions["docgen.database"].session() as session:
        unit_id = unit_store.by_code(session, 1, "CB99").id
    form = page_text(client.get(f"/don-vi/{unit_id}"))
    assert 'value="CB99"' in form
    assert client.post(f"/don-vi/{unit_id}", data={**GOOD, "secretary": "Lê Thị Hoa"}).status_code == 302
    assert "Lê Thị Hoa" in page_text(client.get("/don-vi/"))
    assert "Xóa Chi bộ Sở Nội vụ?" in page_text(client.get(f"/don-vi/{unit_id}/xoa"))
    assert client.post(f"/don-vi/{unit_id}/xoa").status_code == 302
    text = page_text(client.get("/don-vi/"))
    assert "Đã xóa đơn vị Chi bộ Sở Nội vụ." in text and ">Sở Nội vụ</a>" not in text


def test_kind_prefix_in_the_name_is_dropped_and_the_symbol_defaults(client):
    client.post("/don-vi/them", data={**GOOD, "name": "Chi bộ Sở Nội vụ"})
    text = page_text(client.get("/don-vi/"))
    assert ">Sở Nội vụ</a>" in text
    assert "<td>CB</td>" in text


def error_page(client, **changes):
    response = client.post("/don-vi/them", data={**GOOD, **changes})
    assert response.status_code == 200, "a bad form is shown again, not saved"
    return page_text(response)


def test_each_form_error_is_in_vietnamese_next_to_its_field(client):
    assert "Nhập mã đơn vị, ví dụ DB01." in error_page(client, code="")
    assert "Nhập tên đơn vị, ví dụ Sở Tài chính." in error_page(client, name="")
    assert "Chọn Đảng bộ cơ sở hoặc Chi bộ cơ sở." in error_page(client, kind="")
    assert "Chọn Đảng bộ cơ sở hoặc Chi bộ cơ sở." in error_page(client, kind="ban")
    assert "Chỉ gồm chữ cái, viết hoa chữ đầu" in error_page(client, symbol="cb-1")
    assert "Địa chỉ email chưa đúng" in error_page(client, email="vanphong")
    assert "Mã dài tối đa 64 ký tự." in error_page(client, code="X" * 65)
    assert "Mã “DB01” đã dùng cho Đảng ủy Sở Tài chính." in error_page(client, code="DB01")
    assert "Tên ghi “Đảng bộ cơ sở” nhưng loại đã chọn là “Chi bộ cơ sở”." in error_page(client, name="Đảng bộ Sở Nội vụ")
    text = error_page(client, code="")
    assert 'class="field  has-error"' in text or "has-error" in text
    assert "Biểu mẫu còn lỗi" in text


def test_import_preview_then_save(client, tmp_path):
    path = write_nasty_units(tmp_path / "84.csv")
    response = client.post("/don-vi/nhap", data={"file": upload(path.read_bytes(), "Danh sách 84.csv"), "replace": "y"})
    text = page_text(response)
    assert "Xem trước: 84 đơn vị trong “Danh sách 84.csv”" in text
    assert "thêm 72, cập nhật 12, giữ nguyên 0, xóa 10 đơn vị" in text
    assert "DB01" in page_text(client.get("/don-vi/")) and "CB84" not in page_text(client.get("/don-vi/"))
    units_json = text.split('name="units" type="hidden" value="')[1].split('"')[0]
    response = client.post("/don-vi/nhap/luu", data={"units": html.unescape(units_json), "replace": "1"})
    assert response.status_code == 302
    listing = page_text(client.get("/don-vi/"))
    assert "CB84" in listing and listing.count('class="code"') == 84
    assert "Đảng bộ Sở Kế hoạch" not in listing and "Sở Kế hoạch &amp; Đầu tư" in listing


def test_import_with_bad_rows_marks_them_and_saves_nothing(client):
    rows = ("Mã,Tên đơn vị,Loại,Bí thư\nX1,Sở Nội vụ,Chi bộ cơ sở,A\nX2,,Đảng bộ cơ sở,B\n"
            "X3,Sở Y tế,ban,C\nX1,Sở Xây dựng,chi bộ,D\n")
    response = client.post("/don-vi/nhap", data={"file": upload(rows, "đơn vị.csv")})
    text = page_text(response)
    assert "Tệp “đơn vị.csv” có 3 lỗi; chưa lưu gì." in text
    assert "dòng 3, cột “Tên đơn vị”: không được để trống" in text
    assert "dòng 4, cột “Loại”: “ban” không phải loại đơn vị" in text
    assert "dòng 5, cột “Mã”: mã “X1” trùng với dòng 2" in text
    assert text.count('<tr class="bad">') == 3
    assert "Sở Nội vụ" not in page_text(client.get("/don-vi/"))
    client.get("/ngon-ngu/en")
    text = page_text(client.post("/don-vi/nhap", data={"file": upload(rows, "đơn vị.csv")}))
    assert "row 4, column “Loại”: “ban” is not a kind of unit; write “Đảng bộ cơ sở” or “Chi bộ cơ sở”" in text
    assert "Mã: code “X1” is the same as on row 2" in text
    text = page_text(client.post("/don-vi/nhap", data={"file": upload("Tên\nA\n", "a.csv")}))
    assert "header, column “Mã”: missing column “Mã” (or “code”)" in text


def test_import_refuses_what_is_not_a_units_file(client):
    assert "Chỉ nhận tệp .xlsx hoặc .csv." in page_text(client.post("/don-vi/nhap", data={"file": upload("x", "a.pdf")}))
    assert "Chọn tệp Excel (.xlsx) hoặc CSV." in page_text(client.post("/don-vi/nhap", data={}))
    text = page_text(client.post("/don-vi/nhap", data={"file": upload(b"PK\x03\x04 broken", "a.xlsx")}))
    assert "không phải tệp Office hợp lệ" in text or "không phải tệp Excel" in text
    assert "thiếu cột “Mã”" in page_text(client.post("/don-vi/nhap", data={"file": upload("Tên\nA\n", "a.csv")}))


def test_import_of_xlsx(client):
    data = units_to_xlsx([Unit(code="N1", name="Sở Ngoại vụ", kind="chi-bo", symbol="CB")])
    text = page_text(client.post("/don-vi/nhap", data={"file": upload(data, "don-vi.xlsx")}))
    assert "Xem trước: 1 đơn vị" in text and "thêm 1," in text


def test_tampered_preview_saves_nothing(client):
    response = client.post("/don-vi/nhap/luu", data={"units": '[{"code": ""}]'}, follow_redirects=True)
    assert "Dữ liệu xem trước không hợp lệ" in page_text(response)
    duplicated = '[{"code":"A","name":"B","kind":"chi-bo"},{"code":"A","name":"C","kind":"chi-bo"}]'
    response = client.post("/don-vi/nhap/luu", data={"units": duplicated}, follow_redirects=True)
    assert "Dữ liệu xem trước không hợp lệ" in page_text(response)


def test_export_xlsx_and_csv_with_vietnamese_headers(client):
    response = client.get("/don-vi/danh-sach.xlsx")
    assert "filename*=UTF-8''Danh%20s%C3%A1ch%20%C4%91%C6%A1n%20v%E1%BB%8B.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [cell.value for cell in sheet[1]][:4] == ["Mã", "Tên đơn vị", "Loại", "Bí thư"]
    assert sheet.max_row == 23
    rows = list(csv.reader(io.StringIO(client.get("/don-vi/danh-sach.csv").data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã", "Tên đơn vị", "Loại"] and len(rows) == 23


def test_a_code_typed_with_extra_spaces_is_the_code_it_will_be_stored_as(client):
    assert client.post("/don-vi/them", data={**GOOD, "code": "CB 99"}).status_code == 302
    response = client.post("/don-vi/them", data={**GOOD, "code": "CB   99", "name": "Sở Tư pháp"})
    assert response.status_code == 200
    assert "Mã “CB 99” đã dùng cho Chi bộ Sở Nội vụ." in page_text(response)
