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


NBSP, NBH = "\u00a0", "\u2011"  # a number and a date are kept on one line with them
CITED = f"Kế hoạch số{NBSP}15{NBH}KH/ĐUK ngày{NBSP}25/5/2021 của Ban Thường vụ Đảng ủy Khối"
REPORT_BACK = (f"Báo cáo kết quả thực hiện từ ngày{NBSP}25/5/2021 đến ngày{NBSP}30/11/2021 theo Mẫu số 01 gửi kèm "
               f"Công văn này về Ban Thường vụ Đảng ủy Khối (qua Ban Tuyên giáo Đảng ủy Khối) "
               f"trước ngày{NBSP}10/12/2021.")


def test_letter_to_a_dang_bo(seed_plan):
    context = document_context("letter", seed_plan, unit())
    assert context["header"]["number"] == "Số       -CV/ĐUK"
    assert context["header"]["letter_summary"] == f"Về việc triển khai thực hiện\nKế hoạch số{NBSP}15{NBH}KH/ĐUK"
    assert context["header"]["issuer"] == "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH"
    assert context["salutation"] == "Kính gửi: Đảng ủy Công ty Cổ phần May Hưng Yên"
    body = texts(context)
    # The committee does not "carry out" its own plan: it has it carried out.
    assert body[0] == (f"Để triển khai thực hiện {CITED} về đẩy mạnh công tác tuyên truyền sau Đại hội đại biểu toàn "
                       "quốc lần thứ XIII của Đảng, Ban Thường vụ Đảng ủy Khối đề nghị Đảng ủy Công ty Cổ phần May "
                       "Hưng Yên triển khai thực hiện một số nội dung sau:")
    assert [paragraph["kind"] for paragraph in context["body"][1:4]] == ["runin"] * 3
    assert body[3] == REPORT_BACK  # where and by when the form goes back: the letter says it
    # A đảng bộ directs its chi bộ trực thuộc; nobody is asked to "quan tâm" downwards.
    assert body[-1] == ("Đề nghị Đảng ủy Công ty Cổ phần May Hưng Yên lãnh đạo, chỉ đạo các chi bộ trực thuộc "
                        "nghiêm túc triển khai thực hiện./.")
    assert context["signature"]["authority"] == "T/M BAN THƯỜNG VỤ"
    assert context["recipients"] == ["- Như trên,", "- Ban Tuyên giáo Đảng ủy Khối,", "- Lưu Văn phòng Đảng ủy Khối."]
    assert context["properties"]["subject"] == "Về việc triển khai thực hiện Kế hoạch số 15-KH/ĐUK"
    assert "title" not in context


def test_letter_to_a_chi_bo_directs_nothing_below_it(seed_plan):
    body = texts(document_context("letter", seed_plan, unit("chi-bo", name="Sở Tư pháp")))
    assert body[-1] == "Đề nghị Chi bộ Sở Tư pháp nghiêm túc triển khai thực hiện./."
    assert not any("chỉ đạo" in text or "quan tâm" in text for text in body)


def test_the_guidance_is_one_document_for_all_units(seed_plan):
    context = document_context("guidance", seed_plan)
    assert context["title"] == "HƯỚNG DẪN"
    assert context["header"]["number"] == "Số       -HD/ĐUK"
    assert context["summary"] == f"triển khai thực hiện Kế hoạch số{NBSP}15{NBH}KH/ĐUK\ncủa Ban Thường vụ Đảng ủy Khối"
    body = texts(context)
    assert body[0].startswith(f"Để triển khai thực hiện {CITED} về đẩy mạnh")
    assert body[0].endswith("Ban Thường vụ Đảng ủy Khối hướng dẫn các đảng bộ, chi bộ cơ sở tổ chức thực hiện như sau:")
    assert [text for text in body if text[:3].rstrip(". ") in ("I", "II", "III", "IV", "V")] == [
        "I. NỘI DUNG", "II. HÌNH THỨC", "III. THỜI GIAN THỰC HIỆN", "IV. CHẾ ĐỘ BÁO CÁO", "V. TỔ CHỨC THỰC HIỆN"]
    # The plan cited, not copied: its periods (the one the plan's date has overtaken left out) and forms.
    content = body.index("I. NỘI DUNG")
    assert body[content + 1:content + 4] == [
        f"Bám sát các nội dung nêu tại điểm 1, mục II Kế hoạch số{NBSP}15{NBH}KH/ĐUK, tập trung theo từng thời gian:",
        "- Từ sau ngày bầu cử Đại biểu Quốc hội khóa XV và đại biểu hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026 "
        "đến hết năm 2021;",
        "- Năm 2022 và các năm tiếp theo.",
    ]
    assert "- Tuyên truyền cổ động trực quan;" in body
    assert f"- Tổ chức hội nghị quán triệt, tuyên truyền kết quả Đại hội XIII của Đảng, Đại hội XIX Đảng bộ tỉnh đến " \
           f"toàn thể cán bộ, đảng viên và người lao động trước ngày{NBSP}30/6/2021." in body
    assert (f"- Các đảng bộ, chi bộ cơ sở báo cáo kết quả thực hiện từ ngày{NBSP}25/5/2021 đến ngày{NBSP}30/11/2021 "
            f"theo Mẫu số 01, gửi về Ban Thường vụ Đảng ủy Khối (qua Ban Tuyên giáo Đảng ủy Khối) trước "
            f"ngày{NBSP}10/12/2021.") in body
    plan_bullets = {line.lstrip("- ") for line in seed_plan.body.splitlines() if line.startswith("- ")}
    assert not plan_bullets & {text.lstrip("- ").rstrip(";.") for text in body}
    assert context["recipients"] == ["- Các đảng bộ, chi bộ cơ sở trực thuộc,", "- Ban Tuyên giáo Đảng ủy Khối,",
                                     "- Lưu Văn phòng Đảng ủy Khối."]
    addressed = document_context("guidance", seed_plan, unit())
    assert addressed["body"] == context["body"]
    assert addressed["recipients"][0] == "- Đảng ủy Công ty Cổ phần May Hưng Yên (để thực hiện),"


def test_report_form(seed_plan):
    context = document_context("report", seed_plan, unit("chi-bo", name="Sở Tư pháp"))
    assert context["form"] == {"number": "Mẫu số 01",
                               "attached": f"(Kèm theo Công văn số{NBSP}…{NBH}CV/ĐUK\n"
                                           f"ngày{NBSP}…/…/2021 của Ban Thường vụ Đảng ủy Khối)"}
    assert context["title"] == "BÁO CÁO"
    assert context["summary"] == ("kết quả tuyên truyền sau Đại hội đại biểu\ntoàn quốc lần thứ XIII của Đảng năm 2021")
    assert context["period"] == "(từ ngày 25/5/2021 đến ngày 30/11/2021)"
    assert context["header"]["number"] == "Số       -BC/CB"
    body = texts(context)
    assert body[0] == (f"Thực hiện {CITED} về đẩy mạnh công tác tuyên truyền sau Đại hội đại biểu toàn quốc lần thứ "
                       "XIII của Đảng, Chi bộ Sở Tư pháp báo cáo kết quả thực hiện như sau:")
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
    assert [(row["group"], row["number"]) for row in rows] == [
        (True, "I"), (False, "1"), (False, "2"), (True, "II"), (False, "3"), (False, "4"), (True, "III"),
        (False, "5"), (True, "IV"), (False, "6"), (True, "V"), (False, "7"), (False, "8")]
    assert rows[3] == {"group": True, "number": "II", "name": "Tuyên truyền miệng", "unit": "", "value": "", "note": ""}
    assert rows[4] == {"group": False, "number": "3", "name": "Hội nghị quán triệt, học tập, báo cáo viên",
                       "unit": "cuộc", "value": "", "note": ""}
    closing = [text for text in texts(context, "closing") if text]
    assert [text for text in closing if text[:4].rstrip(". ") in ("II", "III", "IV")] == [
        "II. ĐÁNH GIÁ CHUNG", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert "3. Bài học kinh nghiệm" in closing
    # Nothing in the body the unit signs tells it where to send the form.
    assert not any("gửi về" in text or text.startswith("(") for text in body + closing)
    assert context["recipients"] == ["- Ban Thường vụ Đảng ủy Khối (để báo cáo),",
                                     "- Ban Tuyên giáo Đảng ủy Khối (để báo cáo),", "- Lưu Chi bộ."]
    assert context["properties"]["custom"]["docgen.plan"] == "Kế hoạch số 15-KH/ĐUK ngày 25/5/2021"


def test_ungrouped_indicators_are_numbered_without_group_rows(seed_plan):
    report = {**seed_plan.report.model_dump(), "indicators": [{"name": "Hội nghị", "unit": "cuộc"},
                                                               {"name": "Tin, bài", "unit": "tin"}]}
    plan = Plan.model_validate({**seed_plan.model_dump(), "report": report})
    rows = document_context("report", plan, unit())["indicators"]
    assert [(row["group"], row["number"], row["name"]) for row in rows] == [(False, "1", "Hội nghị"),
                                                                            (False, "2", "Tin, bài")]


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
