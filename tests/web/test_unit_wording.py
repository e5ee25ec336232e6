"""Wording for each unit in the web app: the unit form and list, the office's wording tables, the
review of one unit's plan with its edit, and what generation makes with them."""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile

from docx import Document

from docgen.store import units as unit_store
from docgen.store import wording as wording_store
from docgen.wording import DEFAULT_PHRASES, DEFAULT_SECTORS

from ..test_unit_plan import UNITS_FILE, paragraphs, plain
from .conftest import page_text, upload, wait_for_generation

NEW = {"code": "CB99", "name": "Xí nghiệp Thủy nông Kim Động", "kind": "chi-bo", "secretary": "Lê Văn Tám",
       "sector": "Doanh nghiệp", "noun": "Xí nghiệp", "chi_uy": "Không", "unions": "Công đoàn;  Đoàn Thanh niên"}


def unit_id(app, code: str) -> int:
    with app.extensions["docgen.database"].session() as session:
        return unit_store.by_code(session, 1, code).id


def text_of(response) -> str:
    return plain(html.unescape(page_text(response)))


def test_the_unit_form_and_list_carry_how_documents_speak_of_a_unit(app, client):
    assert client.post("/don-vi/them", data=NEW).status_code == 302
    with app.extensions["docgen.database"].session() as session:
        unit = unit_store.by_code(session, 1, "CB99").unit
    assert (unit.sector, unit.noun, unit.chi_uy, unit.unions) == (
        "Doanh nghiệp", "Xí nghiệp", False, ("Công đoàn", "Đoàn Thanh niên"))
    form = page_text(client.get(f"/don-vi/{unit_id(app, 'CB99')}"))
    assert re.search(r'<option selected value="Doanh nghiệp">', form) or '<option value="Doanh nghiệp" selected' in form
    assert re.search(r'checked[^>]*value="Không"|value="Không"[^>]*checked', form)
    assert 'value="Công đoàn, Đoàn Thanh niên"' in form
    listed = text_of(client.get("/don-vi/"))
    assert "Công đoàn, Đoàn Thanh niên" in listed
    finance = listed[listed.index("Sở Tài chính"):]
    assert re.match(r"Sở Tài chính.*?Cơ quan hành chính</span>.*?>Sở</span>", finance, re.S)  # inferred from the name


def test_a_bad_wording_value_is_shown_under_its_field(client):
    bad = {**NEW, "sector": "Trường học", "unions": ", ".join(f"Hội {number}" for number in range(11))}
    text = text_of(client.post("/don-vi/them", data=bad))
    assert "“Trường học” không phải khối/lĩnh vực; ghi một trong: “Cơ quan hành chính”" in text
    assert "Tối đa 10 đoàn thể, cách nhau bằng dấu phẩy." in text
    assert "CB99" not in text_of(client.get("/don-vi/"))


def test_the_wording_columns_are_imported_and_exported(app, client):
    page = page_text(client.post("/don-vi/nhap", data={"file": upload(UNITS_FILE.read_bytes(), "all.csv")}))
    assert "VNPT Hưng Yên" in page
    units = re.search(r'name="units" type="hidden" value="([^"]*)"', page)[1]
    assert client.post("/don-vi/nhap/luu", data={"units": html.unescape(units), "replace": "1"}).status_code == 302
    exported = list(csv.DictReader(io.StringIO(client.get("/don-vi/danh-sach.csv").data.decode("utf-8-sig"))))
    assert {row["Mã"]: (row["Khối/Lĩnh vực"], row["Danh xưng"], row["Có chi ủy"], row["Đoàn thể"])
            for row in exported if row["Mã"] in ("CB12", "CB15", "DB07")} == {
        "CB12": ("", "VNPT Hưng Yên", "Có", ""),
        "CB15": ("Doanh nghiệp", "Xí nghiệp", "Không", "Công đoàn"),
        "DB07": ("", "", "", "Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh"),
    }


SECTORS = DEFAULT_SECTORS.read_text(encoding="utf-8")
PHRASES = DEFAULT_PHRASES.read_text(encoding="utf-8")


def document_text(client, unit: int, kind: str = "unit-plan") -> list[str]:
    response = client.get(f"/tao-van-ban/van-ban.docx?plan=1&kind={kind}&unit={unit}")
    assert response.status_code == 200
    return paragraphs(response.data)


def test_the_office_edits_its_wording_tables(app, client):
    page = text_of(client.get("/loi-van/"))
    assert "Đang dùng bảng mặc định của docgen." in page and "id: gui-ke-hoach-nay" in page
    bad = PHRASES.replace("replace: trong {noun}", "replace: trong {don_vi}")
    refused = text_of(client.post("/loi-van/", data={"sectors": SECTORS, "phrases": bad}))
    assert "Chưa lưu: tệp phrases.yaml có 1 lỗi." in refused
    assert "phrases thứ 10 (“trong-khoi”), mục “replace”: không có chỗ trống {don_vi}; dùng được: {org}" in refused
    with app.extensions["docgen.database"].session() as session:
        assert wording_store.tables(session, 1) is None
    own = PHRASES.replace("    replace: 'Gửi Kế hoạch này về '", "    replace: 'Gửi bản Kế hoạch này về '")
    assert client.post("/loi-van/", data={"sectors": SECTORS, "phrases": own}).status_code == 302
    assert "Đang dùng bảng riêng của văn phòng" in text_of(client.get("/loi-van/"))
    unit = unit_id(app, "CB01")
    assert "- Gửi bản Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021." in document_text(client, unit)
    assert client.post("/loi-van/mac-dinh").status_code == 302
    assert "- Gửi Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021." in document_text(client, unit)


def test_review_a_units_plan_edit_it_and_generate_with_the_edit(app, client):
    unit = unit_id(app, "CB01")  # Chi bộ Sở Tư pháp
    page = page_text(client.get(f"/ra-soat/1/{unit}"))
    assert '<mark title="gui-ke-hoach-nay: Xây dựng kế hoạch tuyên truyền sau Đại hội XIII của Đảng phù hợp với tình ' \
           'hình thực tiễn của đơn vị, gửi về ">Gửi Kế hoạch này về </mark>' in page
    shown = plain(html.unescape(page))
    assert "Cần xem lại (7)" in shown and "Nội dung đã qua: “Trước và trong ngày bầu cử" in shown
    draft = re.search(r'<textarea[^>]*name="text"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)[1]
    edited = html.unescape(draft).replace("Gửi Kế hoạch này về", "Gửi ngay Kế hoạch này về")
    assert client.post(f"/ra-soat/1/{unit}", data={"text": edited.replace("\n", "\r\n")}).status_code == 302
    shown = text_of(client.get(f"/ra-soat/1/{unit}"))
    assert "Đang dùng nội dung sửa riêng" in shown and "Gửi ngay Kế hoạch này về" in shown
    assert "- Gửi ngay Kế hoạch này về Ban Tuyên giáo Đảng ủy Khối trước ngày 10/6/2021." in document_text(client, unit)

    other = unit_id(app, "CB02")
    response = client.post("/tao-van-ban/", data={"plan": "1", "kinds": ["unit-plan"], "scope": "some",
                                                  "units": [str(unit), str(other)]})
    generation = int(response.headers["Location"].rsplit("/", 1)[1])
    assert wait_for_generation(client, generation)["status"] == "done"
    assert "Nội dung sửa riêng đã dùng: CB01." in text_of(client.get(f"/tao-van-ban/lan/{generation}"))
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/tao-van-ban/lan/{generation}/tai-ve").data))
    texts = {name.split(" - ")[0]: "\n".join(paragraphs(archive.read(name)))
             for name in archive.namelist() if name.endswith(".docx")}
    assert "Gửi ngay Kế hoạch này về" in texts["CB01"] and "Gửi ngay" not in texts["CB02"]
    with app.extensions["docgen.database"].session() as session:
        assert wording_store.used(session, generation) == {"CB01": edited}

    assert client.post(f"/don-vi/{unit}", data={
        "code": "CB01", "name": "Sở Tư pháp", "kind": "chi-bo", "noun": "cơ quan Sở"}).status_code == 302
    assert "Văn bản suy ra đã đổi từ khi sửa" in text_of(client.get(f"/ra-soat/1/{unit}"))
    assert client.post(f"/ra-soat/1/{unit}/bo").status_code == 302
    shown = text_of(client.get(f"/ra-soat/1/{unit}"))
    assert "Đang dùng văn bản docgen suy ra" in shown and "Gửi ngay" not in shown


def test_the_generate_page_lists_what_to_look_at_with_the_units_it_concerns(app, client):
    text = text_of(client.get("/tao-van-ban/?plan=1"))
    assert "Hạn 10/6/2021 giao cho các đơn vị không có trong văn bản kế hoạch của cấp ủy" in text
    assert "0 trong 22 đơn vị có nội dung sửa riêng." in text
    rule = text[text.index("Quy tắc lời văn “chi-uy-chi-bo”"):]
    assert rule.index("CB01") < rule.index("</li>")
