"""Each unit's documents worded for the unit: header, basis sentence, duties, signature, addressee."""

import pytest

from docgen.derive import Citation, document_context
from docgen.errors import BadInput
from docgen.kinds import KINDS
from docgen.model import Plan, Unit


def unit(kind="dang-bo", name="Công ty Cổ phần May Hưng Yên", secretary="Hoàng Thị Mai", **extra):
    return Unit(code="X1", name=name, kind=kind, symbol="ĐU" if kind == "dang-bo" else "CB",
                secretary=secretary, **extra)


def texts(context, key="body"):
    return [paragraph["text"] for paragraph in context[key]]


def test_citation_of_the_committee_plan(seed_plan):
    citation = Citation(seed_plan)
    assert citation.reference == "Kế hoạch số 15-KH/ĐUK ngày 25/5/2021"
    assert citation.issuer == "Ban Thường vụ Đảng ủy Khối"
    assert citation.full.startswith("Kế hoạch số 15-KH/ĐUK ngày 25/5/2021 của Ban Thường vụ Đảng ủy Khối về "
                                    "đẩy mạnh công tác tuyên truyền")


def test_letter_to_a_unit(seed_plan):
    context = document_context("letter", seed_plan, unit())
    assert context["header"]["number"] == "Số       -CV/ĐUK"
    assert context["header"]["letter_summary"] == "Về việc triển khai thực hiện Kế hoạch số 15-KH/ĐUK"
    assert context["header"]["issuer"] == "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH"
    assert context["salutation"] == "Kính gửi: Đảng ủy Công ty Cổ phần May Hưng Yên"
    body = texts(context)
    assert body[0].startswith("Thực hiện Kế hoạch số 15-KH/ĐUK ngày 25/5/2021 của Ban Thường vụ Đảng ủy Khối")
    assert [paragraph["kind"] for paragraph in context["body"][1:4]] == ["runin"] * 3
    assert "trước ngày 10/12/2021" in context["body"][3]["text"]
    assert context["signature"]["authority"] == "T/M BAN THƯỜNG VỤ"
    assert context["recipients"][0] == "- Như trên,"
    assert "title" not in context


def test_guidance_from_the_committee(seed_plan):
    context = document_context("guidance", seed_plan)
    assert context["title"] == "HƯỚNG DẪN"
    assert context["header"]["number"] == "Số       -HD/ĐUK"
    body = texts(context)
    assert ["I- MỤC ĐÍCH, YÊU CẦU", "II- NỘI DUNG", "III- TỔ CHỨC THỰC HIỆN"] == [
        text for text in body if text.split(" ")[0] in ("I-", "II-", "III-")
    ]
    addressed = document_context("guidance", seed_plan, unit())
    assert addressed["recipients"][0] == "- Đảng ủy Công ty Cổ phần May Hưng Yên (để thực hiện),"


def test_report_form(seed_plan):
    context = document_context("report", seed_plan, unit("chi-bo", name="Sở Tư pháp"))
    assert context["title"] == "BÁO CÁO"
    assert context["period"] == "(từ ngày 25/5/2021 đến ngày 30/11/2021)"
    assert context["header"]["number"] == "Số       -BC/CB"
    body = texts(context)
    forms = [text for text in body if text.startswith("2.") and text[2].isdigit()]
    assert forms == [
        "2.1. Tổ chức tuyên truyền trên các phương tiện thông tin đại chúng",
        "2.2. Tuyên truyền miệng",
        "2.3. Tuyên truyền cổ động trực quan",
        "2.4. Tuyên truyền và sáng tác, quảng bá các tác phẩm văn học - nghệ thuật",
        "2.5. Phát động các phong trào thi đua yêu nước",
    ]
    assert {paragraph["kind"] for paragraph in context["body"]} >= {"fill", "roman", "number2"}
    rows = context["indicators"]
    assert [row["number"] for row in rows] == [str(n) for n in range(1, 9)]
    assert rows[2] == {"number": "3", "name": "Hội nghị quán triệt, học tập, báo cáo viên", "unit": "cuộc",
                       "value": "", "note": ""}
    closing = texts(context, "closing")
    assert closing[0] == "II- ĐÁNH GIÁ CHUNG" and "III- ĐỀ XUẤT, KIẾN NGHỊ" in closing
    assert closing[-1].endswith("trước ngày 10/12/2021.)")


def test_unit_kinds_need_a_unit(seed_plan):
    with pytest.raises(BadInput) as refused:
        document_context("letter", seed_plan)
    assert refused.value.translate("en") == "--kind letter is made for one unit: give --unit CODE and --units FILE"
    with pytest.raises(BadInput) as refused:
        document_context("memo", seed_plan)
    assert refused.value.translate("en") == \
        f"unknown document kind “memo”; expected one of: {', '.join(KINDS)}"


def test_new_tone_style_everywhere(seed_plan):
    plan = Plan.model_validate({**seed_plan.model_dump(), "organisation": {
        **seed_plan.organisation.model_dump(), "tone_style": "new"}})
    context = document_context("unit-plan", plan, unit())
    flat = str(context)
    assert "uỷ" in flat and "ủy" not in flat
