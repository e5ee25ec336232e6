"""Plans: the form and its errors, the outline preview, import from text with glued words to judge."""

import html
import re

from docgen.files import EXAMPLES, load_plan
from docgen.store import plans as plan_store

from ..conftest import SEED_TEXT
from .conftest import page_text, upload


def saved_plan(app, plan_id=1):
    with app.extensions["docgen.database"].session() as session:
        return plan_store.get(session, 1, plan_id).plan


def form_of(client, path="/ke-hoach/1") -> dict[str, str]:
    """The values the edit page shows, as the browser would send them back."""
    text = page_text(client.get(path))
    values = {name: html.unescape(value) for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', text)}
    values |= {name: html.unescape(value.removeprefix("\n"))
               for name, value in re.findall(r'<textarea[^>]*name="(\w+)"[^>]*>(.*?)</textarea>', text, re.S)}
    values |= dict(re.findall(r'<select[^>]*name="(\w+)".*?<option selected value="([^"]*)"', text, re.S))
    values.pop("preview", None)
    return values


def test_the_form_round_trips_the_seed_plan(app, client):
    data = form_of(client)
    assert data["date"] == "25/5/2021" and data["number"] == "15" and data["type"] == "KH"
    assert "Xây dựng kế hoạch tuyên truyền" in data["unit_tasks"] and "| 10/6/2021" in data["unit_tasks"]
    assert "Số chuyên mục, chuyên trang" in data["report_indicators"] or " | chuyên mục | " in data["report_indicators"]
    response = client.post("/ke-hoach/1", data=data)
    assert response.status_code == 302 and response.location.endswith("/ke-hoach/1")
    assert saved_plan(app) == load_plan(EXAMPLES / "seed-plan.yaml")


def test_edits_are_saved(app, client):
    data = form_of(client) | {"number": "16", "date": "1/6/2021", "unit_tasks": "Họp chi bộ | 15/06/2021",
                              "report_indicators": "Số cuộc họp | cuộc | Tuyên truyền miệng\nSố tin | tin"}
    assert client.post("/ke-hoach/1", data=data).status_code == 302
    plan = saved_plan(app)
    assert plan.number == 16 and str(plan.date) == "2021-06-01"
    assert [(task.text, str(task.deadline)) for task in plan.unit_tasks] == [("Họp chi bộ", "2021-06-15")]
    assert [(item.name, item.unit, item.group) for item in plan.report.indicators] == [
        ("Số cuộc họp", "cuộc", "Tuyên truyền miệng"), ("Số tin", "tin", "")]


def errors_for(client, **changes) -> str:
    response = client.post("/ke-hoach/1", data=form_of(client) | changes)
    assert response.status_code == 200, "a bad form is shown again, not saved"
    return page_text(response)


def test_each_form_error_is_in_vietnamese_next_to_its_field(app, client):
    assert "Nhập trích yếu của văn bản." in errors_for(client, summary="")
    assert "Nhập nội dung văn bản." in errors_for(client, body="  ")
    assert "Số văn bản là số nguyên dương" in errors_for(client, number="15a")
    assert "Số văn bản là số nguyên dương" in errors_for(client, number="0")
    assert "Ngày “31/2/2021” không có trên lịch: tháng 2 năm 2021 chỉ có 28 ngày." in errors_for(client, date="31/2/2021")
    assert ("Không đọc được ngày “mai”: hãy viết ngày/tháng/năm, ví dụ 25/5/2021, 25-5-2021, 25.5.2021, "
            "ngày 25 tháng 5 năm 2021 hoặc 2021-05-25.") in errors_for(client, report_deadline="mai")
    assert ("Dòng 2: Ngày “10-13-2021” không có trên lịch: tháng 13 không có, tháng chỉ từ 1 đến 12."
            in errors_for(client, unit_tasks="Họp | 1/6/2021\nBáo cáo | 10-13-2021"))
    assert "Dòng 1: thiếu đơn vị tính" in errors_for(client, report_indicators="Số cuộc họp")
    assert "Dòng 1: có quá 3 phần" in errors_for(client, report_indicators="a | b | c | d")
    assert "Dòng 1: thiếu nội dung trước dấu “|”." in errors_for(client, unit_tasks=" | 1/6/2021")
    assert "Chỉ gồm chữ cái, viết hoa chữ đầu, ví dụ ĐUK." in errors_for(client, org_symbol="đuk1")
    assert "Nhập quyền hạn ký" in errors_for(client, signature_authority="")
    assert "Không có trong danh sách được chọn." in errors_for(client, type="XX")
    assert saved_plan(app) == load_plan(EXAMPLES / "seed-plan.yaml"), "nothing saved"


def test_date_errors_follow_the_page_language(client):
    client.get("/ngon-ngu/en")
    assert "The date “31/2/2021” is not on the calendar: month 2 of 2021 has only 28 days." \
        in errors_for(client, date="31/2/2021")
    assert "Line 2: The date “10-13-2021” is not on the calendar: there is no month 13, months go from 1 to 12." \
        in errors_for(client, unit_tasks="Họp | 1/6/2021\nBáo cáo | 10-13-2021")
    assert "Not in the list of choices." in errors_for(client, type="XX")


def test_new_plan_starts_from_the_committee_and_is_created(app, client):
    text = page_text(client.get("/ke-hoach/moi"))
    assert "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh" in text
    data = form_of(client, "/ke-hoach/moi") | {"summary": "tổ chức Tháng hành động", "body": "I. MỤC ĐÍCH\n- Một"}
    response = client.post("/ke-hoach/moi", data=data)
    assert response.status_code == 302 and response.location.endswith("/ke-hoach/2")
    assert saved_plan(app, 2).summary == "tổ chức Tháng hành động"


def test_preview_button_shows_the_outline_without_javascript_and_saves_nothing(app, client):
    data = form_of(client) | {"body": "I. MỤC ĐÍCH\n1.Mục đích\n- Tuyên truyền\n+ Chi tiết", "preview": "Xem"}
    text = page_text(client.post("/ke-hoach/1", data=data))
    tree = text.split("data-outline-preview")[1]
    assert '<span class="marker">1.</span> Mục đích' in tree
    assert tree.index("MỤC ĐÍCH") < tree.index("Mục đích") < tree.index("Tuyên truyền") < tree.index("Chi tiết")
    assert saved_plan(app).body == load_plan(EXAMPLES / "seed-plan.yaml").body


def test_outline_endpoint_returns_the_tree(client):
    nodes = client.post("/ke-hoach/dan-y", json={"text": "I. MỤC ĐÍCH\n1. Mục đích\n- Một\nII. NỘI DUNG"}).get_json()["nodes"]
    assert [(node["kind"], node["marker"]) for node in nodes] == [("roman", "I."), ("roman", "II.")]
    assert nodes[0]["children"][0]["children"][0] == {"kind": "dash", "marker": "-", "text": "Một", "children": []}
    assert client.post("/ke-hoach/dan-y", data="not json").get_json() == {"nodes": []}


def test_import_seed_text_shows_glued_words_and_saves_the_accepted_ones(app, client):
    response = client.post("/ke-hoach/nhap", data={"file": upload(SEED_TEXT.read_bytes(), SEED_TEXT.name)})
    text = page_text(response)
    assert "Nghi dính chữ (10)" in text
    assert "«Khốixây» → «Khối xây»" in text and "«Đảng,Ban» → «Đảng, Ban»" in text
    assert "Không tìm thấy số văn bản: để trống" in text
    assert "đẩy mạnh công tác tuyên truyền sau Đại hội" in text
    fields = dict(re.findall(r'name="(plan|suggestions)" type="hidden" value="([^"]*)"', text))
    choices = {f"choice-{index}": "accept" for index in range(10)} | {"choice-1": "reject"}
    response = client.post("/ke-hoach/nhap/luu", data={key: html.unescape(value) for key, value in fields.items()} | choices)
    assert response.status_code == 302 and response.location.endswith("/ke-hoach/2")
    plan = saved_plan(app, 2)
    assert "Khối xây dựng" in plan.body and "Khốixây" not in plan.body
    assert "Đảng,Ban" in plan.body, "a rejected split is left as it was"
    assert "cấpnhiệm" not in plan.body and "hoạch, tổ" in plan.body
    assert plan.basis[0].startswith("Kế hoạch số 20-KH/TU ngày 19/5/2021")


def test_import_errors_are_shown_next_to_the_file(client):
    assert "Chỉ nhận tệp .docx hoặc .txt." in page_text(client.post("/ke-hoach/nhap", data={"file": upload("x", "a.pdf")}))
    assert "Chọn tệp Word (.docx) hoặc văn bản (.txt)." in page_text(client.post("/ke-hoach/nhap", data={}))
    assert "Không tìm thấy tên loại văn bản" in page_text(client.post("/ke-hoach/nhap", data={"file": upload("xin chào", "a.txt")}))
    assert "Văn bản trống" in page_text(client.post("/ke-hoach/nhap", data={"file": upload("  ", "a.txt")}))
    assert "không phải mã UTF-8" in page_text(client.post("/ke-hoach/nhap", data={"file": upload(b"\xff\xfe\x00\xd8", "a.txt")}))
    assert "Không đọc được tệp .docx" in page_text(client.post("/ke-hoach/nhap", data={"file": upload(b"PK..", "a.docx")}))
    response = client.post("/ke-hoach/nhap/luu", data={"plan": "{}", "suggestions": "[]"}, follow_redirects=True)
    assert "Dữ liệu nhập không còn hợp lệ" in page_text(response)


def test_import_docx(client):
    docx_bytes = client.get("/tao-van-ban/van-ban.docx?plan=1&kind=plan").data
    text = page_text(client.post("/ke-hoach/nhap", data={"file": upload(docx_bytes, "kế hoạch.docx")}))
    assert "Xem lại trước khi lưu" in text and "đẩy mạnh công tác tuyên truyền" in text


def test_delete_a_plan(client):
    assert "Xóa kế hoạch “đẩy mạnh" in page_text(client.get("/ke-hoach/1/xoa"))
    assert client.post("/ke-hoach/1/xoa").status_code == 302
    assert "Chưa có kế hoạch nào" in page_text(client.get("/ke-hoach/"))
    assert client.get("/ke-hoach/1").status_code == 404
