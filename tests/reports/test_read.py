"""Reading one returned form: real forms rendered by docgen, filled the ways unit offices fill them."""

import io
import zipfile

import pytest

from docgen.reports import document as returned
from docgen.reports.document import FormError
from docgen.reports.read import FormReader, Note, Problem

from .conftest import PLAN, render_form
from .filling import (
    SEED,
    VALUE,
    add_row,
    fill,
    indicator_table,
    move_row,
    open_form,
    retyped,
    row_of,
    to_bytes,
    write_under,
)

ALL_EMPTY = dict.fromkeys(SEED.values())


def values(**by_short_name):
    return {**ALL_EMPTY, **{SEED[short]: value for short, value in by_short_name.items()}}


@pytest.fixture(scope="module")
def reader(plan, units):
    return FormReader(plan, units)


def test_numbers_written_as_offices_write_them(reader, blank_forms):
    form = open_form(blank_forms("DB01"))
    fill(form, pages="12", news=" 1.234 ", meetings="12 buổi", people="1 250 lượt", banners="5 (trong đó 2 trực tuyến)",
         works="không", movements="01", models="")
    read = reader.read(to_bytes(form), "DB01.docx")
    assert read.unit.code == "DB01" and read.file == "DB01.docx"
    assert read.values == values(pages=12, news=1234, meetings=12, people=1250, banners=5, works=0, movements=1)
    assert read.problems == [] and read.notes == []
    assert read.cells[SEED["banners"]] == "5 (trong đó 2 trực tuyến)"


def test_what_is_not_a_count_is_refused_naming_the_unit_the_indicator_and_the_cell(reader, blank_forms):
    form = open_form(blank_forms("CB01"))
    fill(form, pages="2", works="1,5", movements="nhiều", models="1.5")
    read = reader.read(to_bytes(form), "CB01.docx")
    assert read.values == values(pages=2)
    assert read.problems == [
        Problem(SEED["works"], "Chi bộ Sở Tư pháp, “Tác phẩm văn học - nghệ thuật sáng tác, quảng bá”: ô số lượng "
                               "“1,5” là số thập phân; số lượng phải là số nguyên (dấu chấm chỉ để tách hàng nghìn: 1.500)"),
        Problem(SEED["movements"], "Chi bộ Sở Tư pháp, “Phong trào thi đua được phát động”: ô số lượng “nhiều” không "
                                   "phải số lượng; ghi số nguyên, ví dụ “12”, hoặc “không” nếu không có"),
        Problem(SEED["models"], "Chi bộ Sở Tư pháp, “Mô hình hay, điển hình tiên tiến được biểu dương, tôn vinh”: ô số "
                                "lượng “1.5” là số thập phân; số lượng phải là số nguyên (dấu chấm chỉ để tách hàng "
                                "nghìn: 1.500)"),
    ]


def test_rows_added_and_reordered_are_matched_by_their_text(reader, blank_forms):
    form = open_form(blank_forms("DB02"))
    fill(form, pages="1", news="40", meetings="3", people="310", banners="6", works="0", movements="2", models="4")
    move_row(form, "models", before="pages")
    move_row(form, "people", before="news")
    add_row(form, "meetings", "3a", "Hội nghị trực tuyến", "cuộc", "2", "")
    add_row(form, "models", "", "Tổng cộng", "", "368", "")
    add_row(form, "banners", "STT", "Nội dung", "Đơn vị tính", "Số lượng", "Ghi chú")  # the header typed again
    add_row(form, "banners", "(1)", "(2)", "(3)", "(4)", "(5)")  # and the row numbering the columns
    news = row_of(indicator_table(form), "news")
    news.cells[1].text = "Tin, bài đăng trên trang thông tin điện tử và mạng xã hội"  # reworded
    news.cells[4].text = "trong đó 25 tin trên Facebook"
    read = reader.read(to_bytes(form), "DB02.docx")
    assert read.values == values(pages=1, news=40, meetings=3, people=310, banners=6, works=0, movements=2, models=4)
    assert read.notes == [Note("Tổng cộng", "", "368"), Note("Hội nghị trực tuyến", "cuộc", "2")]
    assert read.remarks == {SEED["news"]: "trong đó 25 tin trên Facebook"}
    assert read.problems == []


def test_merged_cells(reader, blank_forms):
    form = open_form(blank_forms("DB03"))
    fill(form, pages="1", news="2", meetings="3", people="120", banners="6", works="0", movements="2", models="1")
    table = indicator_table(form)
    row_of(table, "meetings").cells[VALUE].merge(row_of(table, "people").cells[VALUE])  # one figure for two rows
    heading = add_row(form, "news", "", "", "", "", "")
    heading.cells[0].merge(heading.cells[4]).text = "II. TUYÊN TRUYỀN MIỆNG"  # a group row across the table
    banners = row_of(table, "banners")
    banners.cells[1].merge(banners.cells[2])  # the label over the unit column
    read = reader.read(to_bytes(form), "DB03.docx")
    assert read.values == values(pages=1, news=2, banners=6, works=0, movements=2, models=1)
    merged = ("ô số lượng “3 / 120” được gộp chung cho các dòng “Hội nghị quán triệt, học tập, báo cáo viên”, "
              "“Cán bộ, đảng viên, người lao động tham gia hội nghị”; không tách được, chưa tính")
    assert read.problems == [
        Problem(SEED["meetings"], f"Đảng ủy Sở Y tế, “{SEED['meetings']}”: {merged}"),
        Problem(SEED["people"], f"Đảng ủy Sở Y tế, “{SEED['people']}”: {merged}"),
    ]
    assert read.notes == []


def test_a_row_written_twice_is_left_for_a_person(reader, blank_forms):
    form = open_form(blank_forms("DB04"))
    fill(form, pages="1", news="2", meetings="3", people="90", banners="4", works="0", movements="1", models="1")
    add_row(form, "meetings", "", SEED["meetings"], "cuộc", "2", "")
    read = reader.read(to_bytes(form), "DB04.docx")
    assert read.values == values(pages=1, news=2, people=90, banners=4, works=0, movements=1, models=1)
    assert read.problems == [Problem(SEED["meetings"], f"Đảng ủy Bệnh viện Đa khoa tỉnh Hưng Yên, “{SEED['meetings']}”: "
                                                       f"bảng có 2 dòng cho chỉ tiêu này (“{SEED['meetings']}”: “3”; "
                                                       f"“{SEED['meetings']}”: “2”); chưa tính, đề nghị xem lại")]


def test_the_narrative_is_read_under_its_headings(reader, blank_forms):
    form = open_form(blank_forms("CB02"))
    fill(form, pages="1", news="2", meetings="1", people="15", banners="2", works="0", movements="1", models="0")
    write_under(form, "1. Công tác lãnh đạo, chỉ đạo, triển khai thực hiện", "Chi bộ ban hành Kế hoạch số 05-KH/CB.")
    write_under(form, "2.2. Tuyên truyền miệng", "Tổ chức 01 hội nghị quán triệt cho 15 đảng viên.")
    write_under(form, "1. Ưu điểm", "Đảng viên tích cực tham gia.", "Nội dung tuyên truyền phong phú.")
    write_under(form, "2. Hạn chế, nguyên nhân", "Tuyên truyền trên mạng xã hội còn ít.")
    write_under(form, "3. Bài học kinh nghiệm", "Gắn tuyên truyền với nhiệm vụ chuyên môn.")
    write_under(form, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "Tiếp tục tuyên truyền trên trang thông tin của Sở.")
    write_under(form, "IV. ĐỀ XUẤT, KIẾN NGHỊ", "Đề nghị Đảng ủy Khối cung cấp thêm tài liệu.")
    read = reader.read(to_bytes(form), "CB02.docx")
    assert read.narrative == {
        "ket_qua": ["1. Công tác lãnh đạo, chỉ đạo, triển khai thực hiện", "Chi bộ ban hành Kế hoạch số 05-KH/CB.",
                    "2.2. Tuyên truyền miệng", "Tổ chức 01 hội nghị quán triệt cho 15 đảng viên."],
        "uu_diem": ["Đảng viên tích cực tham gia.", "Nội dung tuyên truyền phong phú."],
        "han_che": ["Tuyên truyền trên mạng xã hội còn ít."],
        "bai_hoc": ["Gắn tuyên truyền với nhiệm vụ chuyên môn."],
        "phuong_huong": ["Tiếp tục tuyên truyền trên trang thông tin của Sở."],
        "kien_nghi": ["Đề nghị Đảng ủy Khối cung cấp thêm tài liệu."],
    }


def test_a_form_retyped_in_a_new_document(reader):
    data = retyped("ĐẢNG UỶ SỞ Y TẾ", [  # the other ủy/uỷ style; columns reordered and renamed
        ("Hội nghị quán triệt, học tập", "4", "cuộc"),
        ("Số cán bộ, đảng viên, người lao động dự hội nghị", "1.250", "lượt"),
        ("Tin bài đăng trên trang thông tin điện tử và mạng xã hội", "37 tin", ""),
        ("Pano, áp phích, băng rôn, khẩu hiệu treo tại trụ sở", "12", "cái"),
        ("Tổng cộng", "1.303", ""),
    ])
    read = reader.read(data, "so-y-te.docx")
    assert read.unit.code == "DB03"
    assert read.values == values(meetings=4, people=1250, news=37, banners=12)
    assert read.notes == [Note("Tổng cộng", "", "1.303")]
    assert read.problems == [Problem(SEED[short], f"Đảng ủy Sở Y tế, “{SEED[short]}”: bảng không có dòng của chỉ "
                                                  f"tiêu này") for short in ("pages", "works", "movements", "models")]
    assert read.narrative == {
        "ket_qua": ["Đảng uỷ đã ban hành kế hoạch, quán triệt đến 100% chi bộ trực thuộc."],
        "uu_diem": ["Các chi bộ triển khai kịp thời."],
        "han_che": ["Một số chi bộ báo cáo chậm."],
        "phuong_huong": ["Tiếp tục tuyên truyền sâu rộng."],
        "kien_nghi": ["Không."],
    }


def test_a_long_unit_name_wrapped_onto_two_header_lines(reader):
    data = retyped("ĐẢNG ỦY NGÂN HÀNG NÔNG NGHIỆP VÀ PHÁT TRIỂN\nNÔNG THÔN CHI NHÁNH TỈNH HƯNG YÊN",
                   [("Hội nghị quán triệt, học tập, báo cáo viên", "2", "cuộc")])
    assert reader.read(data, "agribank.docx").unit.code == "DB12"


def test_a_unit_name_with_a_small_edit_is_still_found(reader):
    data = retyped("CHI BỘ SỞ KHOA HỌC - CÔNG NGHỆ", [("Hội nghị quán triệt, học tập, báo cáo viên", "1", "cuộc")])
    assert reader.read(data, "khcn.docx").unit.code == "CB02"


def test_a_retyped_form_of_no_listed_unit_is_refused(reader):
    data = retyped("ĐẢNG ỦY SỞ NGOẠI VỤ", [("Hội nghị quán triệt, học tập, báo cáo viên", "1", "cuộc")])
    with pytest.raises(FormError, match="không xác định được đơn vị"):
        reader.read(data, "ngoai-vu.docx")


def test_a_retyped_form_citing_another_plan_is_refused(reader):
    data = retyped("ĐẢNG ỦY SỞ Y TẾ", [("Hội nghị quán triệt, học tập, báo cáo viên", "1", "cuộc")], cited="16-KH/ĐUK")
    with pytest.raises(FormError) as refused:
        reader.read(data, "so-y-te.docx")
    assert str(refused.value) == ("biểu mẫu trích dẫn Kế hoạch số 16-KH/ĐUK, không phải kế hoạch đang tổng hợp "
                                  "(số 15-KH/ĐUK)")


def test_a_form_of_another_plan_is_refused(reader, tmp_path):
    other = tmp_path / "plan-16.yaml"
    other.write_text(PLAN.read_text(encoding="utf-8").replace("number: 15", "number: 16"), encoding="utf-8")
    form = open_form(render_form("DB01", tmp_path / "DB01.docx", plan=other))
    fill(form, pages="3")
    with pytest.raises(FormError) as refused:
        reader.read(to_bytes(form), "DB01.docx")
    assert str(refused.value) == ("biểu mẫu của Kế hoạch số 16-KH/ĐUK ngày 25/5/2021, không phải của kế hoạch "
                                  "đang tổng hợp")
    assert refused.value.unit == "DB01"


def test_the_header_says_whose_form_it_is_when_it_disagrees_with_the_properties(reader, blank_forms):
    form = open_form(blank_forms("DB01"))  # a unit that took another unit's file and retyped the header
    form.tables[0].cell(0, 0).paragraphs[1].text = "CHI BỘ SỞ TƯ PHÁP"
    fill(form, pages="1")
    read = reader.read(to_bytes(form), "DB01.docx")
    assert read.unit.code == "CB01"
    assert read.problems[0] == Problem(None, "tệp được tạo cho Đảng ủy Sở Tài chính (DB01) nhưng tiêu đề ghi Chi bộ "
                                             "Sở Tư pháp: đã tính cho Chi bộ Sở Tư pháp (CB01)")


def test_a_form_without_the_indicator_table_needs_a_look(reader):
    data = retyped("CHI BỘ HỘI NHÀ BÁO TỈNH", [("Số buổi sinh hoạt chuyên đề", "3", "buổi")])
    read = reader.read(data, "hoi-nha-bao.docx")
    assert (read.unit.code, read.values, read.notes) == ("CB06", ALL_EMPTY, [])
    assert read.problems == [Problem(None, "Chi bộ Hội Nhà báo tỉnh: không tìm thấy bảng số liệu (không bảng nào có "
                                           "dòng ghi tên một chỉ tiêu của kế hoạch)")]


def test_a_form_sent_back_blank_needs_a_look(reader, blank_forms):
    read = reader.read(blank_forms("CB03").read_bytes(), "CB03.docx")
    assert read.values == ALL_EMPTY
    assert read.problems == [Problem(None, "Chi bộ Ban Quản lý các khu công nghiệp tỉnh: bảng số liệu còn để trống, "
                                           "chưa có số liệu nào")]


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7\n1 0 obj <<>> endobj\n", "không phải tệp .docx (không phải tệp ZIP)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "tệp Word 97-2003 (.doc) hoặc có mật khẩu: hãy lưu lại dạng .docx"),
    (b"", "tệp rỗng"),
])
def test_what_is_not_a_docx_is_refused(reader, data, message):
    with pytest.raises(FormError) as refused:
        reader.read(data, "x.docx")
    assert str(refused.value) == message


def test_a_file_cut_short_is_refused(reader, blank_forms):
    data = blank_forms("DB01").read_bytes()
    with pytest.raises(FormError) as refused:
        reader.read(data[:len(data) * 2 // 3], "DB01.docx")
    assert str(refused.value).startswith("tệp bị cắt cụt")


def test_a_zip_bomb_is_refused_before_it_is_inflated(reader):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b" " * (3 * 1024 * 1024))
    with pytest.raises(FormError, match="bom nén"):
        reader.read(out.getvalue(), "bomb.docx")


def test_paragraphs_are_counted_as_they_are_read(reader, blank_forms, monkeypatch):
    monkeypatch.setattr(returned, "MAX_PARAGRAPHS", 30)  # the form has about 60
    with pytest.raises(FormError) as refused:
        reader.read(blank_forms("DB01").read_bytes(), "DB01.docx")
    assert str(refused.value) == "tệp có quá nhiều đoạn văn (hơn 30): không phải một báo cáo theo mẫu"


def test_a_part_larger_than_a_form_can_be_is_refused_before_it_is_parsed(reader, blank_forms, monkeypatch):
    monkeypatch.setattr(returned, "MAX_XML_BYTES", 10_000)  # the form's body is about 30 KB
    with pytest.raises(FormError, match=r"^phần word/document.xml của tệp quá lớn"):
        reader.read(blank_forms("DB01").read_bytes(), "DB01.docx")


def test_a_cell_spanning_a_million_columns_is_refused_not_laid_out(reader, blank_forms):
    form = open_form(blank_forms("DB01"))
    span = indicator_table(form).rows[1].cells[VALUE]._tc.get_or_add_tcPr().get_or_add_gridSpan()
    span.set(span.tag.replace("gridSpan", "val"), "1000000")
    with pytest.raises(FormError) as refused:
        reader.read(to_bytes(form), "DB01.docx")
    assert str(refused.value) == "tệp có quá nhiều cột trong một bảng (hơn 63): không phải một báo cáo theo mẫu"
