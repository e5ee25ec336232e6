"""A unit's portal: its own documents, its report sent back and read, the office's answer; and the
audit log of it all."""

from __future__ import annotations

import datetime as dt
import inspect
import io

from docx import Document

from docgen.store import audit as audit_store
from docgen.store import returns
from docgen.store.schema import ReturnedReport

from ..reports.filling import fill, to_bytes
from .conftest import page_text, signed_in, upload

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_of(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_a_unit_sees_and_downloads_only_its_own_documents(app):
    unit = signed_in(app, "db01")
    page = page_text(unit.get("/cong-don-vi/"))
    assert "Đảng ủy Sở Tài chính" in page and "Sở Giáo dục và Đào tạo" not in page
    assert "/cong-don-vi/1/unit-plan.docx" in page and "/cong-don-vi/1/report.docx" in page
    letter = unit.get("/cong-don-vi/1/letter.docx")
    assert letter.mimetype == DOCX
    assert "Kính gửi: Đảng ủy Sở Tài chính" in text_of(letter.data)
    assert "HƯỚNG DẪN" in text_of(unit.get("/cong-don-vi/1/guidance.docx").data)
    assert unit.get("/cong-don-vi/1/plan.docx").status_code == 404  # the committee's own plan is not a unit's document
    assert unit.get("/cong-don-vi/1/khong-co.docx").status_code == 404
    assert unit.get("/cong-don-vi/2/letter.docx").status_code == 404


def test_a_unit_sends_its_report_sees_what_was_read_and_the_offices_answer(app):
    unit = signed_in(app, "db01")
    form = Document(io.BytesIO(unit.get("/cong-don-vi/1/report.docx").data))
    fill(form, meetings="3", people="120 người", news="")
    sent = to_bytes(form)  # once: a .docx saved twice differs in its ZIP timestamps
    response = unit.post("/cong-don-vi/1/bao-cao", data={"file": upload(sent, "Báo cáo STC.docx")})
    assert response.status_code == 302
    page = page_text(unit.get(response.location))
    assert "Báo cáo STC.docx" in page and "Đã gửi, chờ văn phòng xem" in page
    assert "<td>Hội nghị quán triệt, học tập, báo cáo viên</td>\n        <td>3</td>\n        <td class=\"number\">3</td>" in page
    assert '<td>120 người</td>\n        <td class="number">120</td>' in page
    assert unit.get(response.location + "/tep").data == sent

    office = signed_in(app, "van-phong")
    listing = page_text(office.get("/bao-cao/?plan=1"))
    assert "DB01 · Đảng ủy Sở Tài chính" in listing and "Đã gửi, chờ văn phòng xem" in listing
    report_id = int(response.location.rsplit("/", 1)[1])
    assert "Chọn chấp nhận hoặc trả lại." in page_text(office.post(f"/bao-cao/{report_id}", data={}))
    answer = office.post(f"/bao-cao/{report_id}", data={"decision": "return", "note": "Bổ sung số tin, bài."})
    assert answer.status_code == 302
    page = page_text(unit.get("/cong-don-vi/"))
    assert "Văn phòng trả lại" in page and "Bổ sung số tin, bài." in page
    office.post(f"/bao-cao/{report_id}", data={"decision": "accept", "note": ""})
    assert "Văn phòng đã chấp nhận" in page_text(unit.get("/cong-don-vi/"))

    log = page_text(office.get("/nhat-ky/"))
    for line in ("Tải lên", "Chấp nhận", "Trả lại", "DB01: Báo cáo STC.docx"):
        assert line in log


def test_a_file_that_is_not_the_units_form_is_refused_and_nothing_kept(app):
    unit = signed_in(app, "db01")
    other = signed_in(app, "db02")
    theirs = other.get("/cong-don-vi/1/report.docx").data
    for data, name, reason in ((theirs, "db02.docx", "mã đơn vị “DB02” ghi trong tệp không có trong danh sách đơn vị"),
                               (b"not a zip", "hong.docx", "Không nhận được tệp “hong.docx”"),
                               (b"x", "bao-cao.pdf", "Chỉ nhận tệp Word .docx.")):
        response = unit.post("/cong-don-vi/1/bao-cao", data={"file": upload(data, name)}, follow_redirects=True)
        assert reason in page_text(response), name
    with app.extensions["docgen.database"].session() as session:
        assert returns.of_organisation(session, 1) == []


def test_the_audit_log_names_who_did_what_and_filters(app, client):
    client.post("/don-vi/them", data={"code": "X1", "name": "Sở Nội vụ", "kind": "chi-bo"})
    client.post("/ke-hoach/1/xoa")
    client.get("/don-vi/danh-sach.csv")
    admin = signed_in(app, "quan-tri")
    page = page_text(admin.get("/nhat-ky/"))
    for text in ("X1 · Chi bộ Sở Nội vụ", "đẩy mạnh công tác tuyên truyền sau Đại hội", "Danh sách đơn vị.csv",
                 "Đăng nhập", "127.0.0.1", "van-phong", "quan-tri"):
        assert text in page, text
    deleted = page_text(admin.get("/nhat-ky/?action=delete"))
    assert "kế hoạch #1" in deleted and "X1 · Chi bộ Sở Nội vụ" not in deleted
    today = dt.date.today()
    assert "X1 · Chi bộ" in page_text(admin.get(f"/nhat-ky/?from={today - dt.timedelta(days=1):%d/%m/%Y}"))
    assert "Không có thao tác nào khớp bộ lọc." in page_text(admin.get(f"/nhat-ky/?to={today - dt.timedelta(days=2):%d/%m/%Y}"))
    assert "Ngày “31/02/2026” không có trên lịch" in page_text(admin.get("/nhat-ky/?from=31/02/2026"))


def test_nothing_deletes_or_changes_the_audit_log(app):
    assert all(methods <= {"GET", "HEAD", "OPTIONS"} for rule in app.url_map.iter_rules()
               if rule.endpoint.startswith("audit.") for methods in [rule.methods])
    public = {name for name, value in inspect.getmembers(audit_store, inspect.isfunction)
              if value.__module__ == audit_store.__name__ and not name.startswith("_")}
    assert public == {"record", "entries"}


def test_a_report_is_kept_with_its_unit_and_plan_names_when_they_are_deleted(app, client):
    unit = signed_in(app, "db01")
    form = Document(io.BytesIO(unit.get("/cong-don-vi/1/report.docx").data))
    fill(form, meetings="2")
    unit.post("/cong-don-vi/1/bao-cao", data={"file": upload(to_bytes(form), "bc.docx")})
    client.post("/ke-hoach/1/xoa")
    client.post("/don-vi/1/xoa")
    with app.extensions["docgen.database"].session() as session:
        [report] = returns.of_organisation(session, 1)
        assert (report.plan_id, report.unit_id, report.unit_code, report.status) == (None, None, "DB01",
                                                                                      ReturnedReport.SUBMITTED)
        assert report.plan_summary.startswith("đẩy mạnh công tác tuyên truyền")
    assert "DB01 · Đảng ủy Sở Tài chính" in page_text(client.get(f"/bao-cao/{report.id}"))
