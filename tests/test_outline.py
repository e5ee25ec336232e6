"""The outline parser on the seed plan as Word gave it, hard-wrapped, and on what staff paste."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from docgen.outline import Node, clean_lines, paragraphs, parse, to_text, walk

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "ke-hoach-tuyen-truyen-sau-dai-hoi-XIII.txt"


@pytest.fixture(scope="module")
def body_lines() -> list[str]:
    """The seed's body: between the ``-----`` under the summary and ``Nơi nhận:``."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index("-----") + 1
    end = next(i for i, line in enumerate(lines) if "Nơi nhận" in line)
    return lines[start:end]


@pytest.fixture(scope="module")
def tree(body_lines) -> list[Node]:
    return parse("\n".join(body_lines))


def titles(nodes: list[Node]) -> list[tuple[str, str]]:
    return [(node.marker, node.text) for node in nodes]


def test_three_roman_sections_after_the_opening_sentence(tree):
    assert tree[0].kind == "text" and tree[0].text.startswith("Thực hiện Kế hoạch số 20-KH/TU")
    assert titles(tree[1:]) == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("II.", "THỜI GIAN, NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN"),
        ("III.", "TỔ CHỨC THỰC HIỆN"),
    ]
    assert {node.kind for node in tree[1:]} == {"roman"}


def test_glued_markers_are_split(tree):
    purpose, requirements = tree[1].children
    assert (purpose.marker, purpose.text) == ("1.", "Mục đích")
    assert requirements.children[0].text.startswith("Các hoạt động tuyên truyền")
    assert tree[2].children[0].children[0].text.startswith("Trước và trong ngày bầu cử")
    assert tree[3].children[4].text == "Đoàn Khối Cơ quan - Doanh nghiệp tỉnh"


def test_section_two_nests_numbers_then_sub_numbers_then_dashes(tree):
    section = tree[2]
    assert titles(section.children) == [("1.", "Thời gian và nội dung tuyên truyền"), ("2.", "Hình thức tuyên truyền")]
    periods = section.children[0].children
    assert [(node.kind, node.marker) for node in periods] == [
        ("number2", "1.1."), ("number2", "1.2."), ("number2", "1.3."),
    ]
    assert [node.kind for node in periods[0].children] == ["dash"] * 6
    assert all(not node.children for node in periods[0].children)


def test_plus_items_under_their_dash(tree):
    media = tree[2].children[1].children[0]
    assert media.marker == "2.1."
    internet = media.children[1]
    assert (internet.kind, internet.text) == ("dash", "Trên Internet, mạng xã hội:")
    assert [node.kind for node in internet.children] == ["plus", "plus"]
    assert internet.children[0].text.startswith("Các cơ quan, đơn vị trong Khối")


def test_plain_paragraph_belongs_to_the_heading_above(tree):
    visual = tree[2].children[1].children[2]
    assert visual.text == "Tuyên truyền cổ động trực quan"
    assert [(node.kind, node.marker) for node in visual.children] == [("text", "")]
    assert visual.children[0].text.startswith("Tăng cường tuyên truyền các khẩu hiệu")


def test_bookmark_debris_is_dropped(tree):
    website = tree[3].children[2]
    assert website.marker == "3."
    assert website.text.startswith("Trang thông tin điện tử Đảng ủy Khối")


def test_every_line_of_the_seed_is_one_paragraph(tree, body_lines):
    assert len(list(walk(tree))) == sum(1 for line in body_lines if line.strip())


def test_round_trip_keeps_every_paragraph(tree, body_lines):
    def normalised(line: str) -> str:
        line = " ".join(re.sub(r"\[bookmark:[^\]]*\]", "", line).split())
        return re.sub(r"^((?:\d+\.)+|-)(?=[^\W\d_])", r"\1 ", line)

    text = to_text(tree)
    assert text.splitlines() == [normalised(line) for line in body_lines if line.strip()]
    assert parse(text) == tree


def test_hard_wrapped_seed_parses_to_the_same_tree(tree, body_lines):
    wrapped = "\n".join(textwrap.fill(line, 70) for line in body_lines)
    assert len(wrapped.splitlines()) > 3 * len(body_lines)
    assert parse(wrapped) == tree


def test_word_text_is_never_joined(body_lines):
    text = "\n".join(body_lines)
    assert paragraphs(text) == paragraphs(text, wrapped=False)
    assert paragraphs(text, wrapped=True) == paragraphs(text, wrapped=False)


def test_wrapped_can_be_forced_either_way():
    text = "- Các hoạt động tuyên truyền phải bám sát sự chỉ đạo\nhướng dẫn của Trung ương."
    assert paragraphs(text, wrapped=False) == text.splitlines()
    assert paragraphs(text, wrapped=True) == [text.replace("\n", " ")]


def test_wrapped_text_keeps_headings_and_items_apart():
    text = (
        "2.3. Tuyên truyền cổ động trực quan\n"
        "Tăng cường tuyên truyền các khẩu hiệu về phát triển kinh tế\n"
        "- xã hội trên pa nô, áp phích của các cơ quan phòng chống dịch Covid-\n"
        "19 tại trụ sở làm việc.\n"
        "- Tổ chức thông tin, tuyên truyền rộng rãi đến cán bộ."
    )
    assert [node.text for _, node in walk(parse(text, wrapped=True))] == [
        "Tuyên truyền cổ động trực quan",
        "Tăng cường tuyên truyền các khẩu hiệu về phát triển kinh tế - xã hội trên pa nô, áp phích của các"
        " cơ quan phòng chống dịch Covid-19 tại trụ sở làm việc.",
        "Tổ chức thông tin, tuyên truyền rộng rãi đến cán bộ.",
    ]


@pytest.mark.parametrize(
    ("line", "kind", "marker", "text"),
    [
        ("I- TÌNH HÌNH VÀ KẾT QUẢ", "roman", "I-", "TÌNH HÌNH VÀ KẾT QUẢ"),
        ("IV. NHIỆM VỤ", "roman", "IV.", "NHIỆM VỤ"),
        ("XIX.KẾT LUẬN", "roman", "XIX.", "KẾT LUẬN"),
        ("1- Ưu điểm", "number", "1-", "Ưu điểm"),
        ("12.Nội dung", "number", "12.", "Nội dung"),
        ("1.1 Trước", "number2", "1.1.", "Trước"),
        ("1.1.1. Hội nghị", "number3", "1.1.1.", "Hội nghị"),
        ("a) Cấp ủy", "letter", "a)", "Cấp ủy"),
        ("đ. Cấp ủy", "letter", "đ)", "Cấp ủy"),
        ("– Tổ chức", "dash", "-", "Tổ chức"),
        ("•\tTổ chức", "dash", "-", "Tổ chức"),
        ("+Vận động", "plus", "+", "Vận động"),
        ("[bookmark: _GoBack]3.\tTrang  thông\u00a0tin ", "number", "3.", "Trang thông tin"),
    ],
)
def test_markers(line, kind, marker, text):
    assert parse(line) == [Node(kind, marker, text)]


@pytest.mark.parametrize(
    "line",
    [
        "2021 là năm đầu tiên thực hiện Nghị quyết.",
        "12 nội dung định hướng phát triển đất nước.",
        "03 khâu đột phá chiến lược.",
        "1.234 người tham gia.",
        "19/5/2021 tổ chức hội nghị.",
        "20-KH/TU ngày 19/5/2021.",
        "XIII. của Đảng",
        "v.v. và các nội dung khác",
        "-----",
    ],
)
def test_numbers_that_are_not_markers(line):
    assert parse(line) == [Node("text", "", line)]


def test_a_heading_closes_open_lists():
    tree = parse("- Căn cứ Điều lệ Đảng;\nI. MỤC ĐÍCH\n- Nâng cao nhận thức.\nNội dung chung.\nII. YÊU CẦU")
    assert [(depth, node.kind) for depth, node in walk(tree)] == [
        (0, "dash"), (0, "roman"), (1, "dash"), (1, "text"), (0, "roman"),
    ]


def test_blank_lines_separate_and_vanish():
    assert to_text(parse("\n\n1. Mục đích\n\n\n- Một.\n  \n")) == "1. Mục đích\n- Một."
    assert parse("") == []


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("ĐẢNG BỘ TỈNH HƯNG YÊN\tĐẢNG CỘNG SẢN VIỆT NAM", ["ĐẢNG BỘ TỈNH HƯNG YÊN", "ĐẢNG CỘNG SẢN VIỆT NAM"]),
        ("   HUYỆN ỦY VĂN LÂM           Văn Lâm, ngày 24", ["HUYỆN ỦY VĂN LÂM", "Văn Lâm, ngày 24"]),
        ("| TỈNH ỦY QUẢNG NINH | ĐẢNG CỘNG SẢN VIỆT NAM |\n|---|:---|\n| * |  |",
         ["TỈNH ỦY QUẢNG NINH", "ĐẢNG CỘNG SẢN VIỆT NAM", "", "*"]),
        ("1.\tKiểm điểm\n•\tKết quả\n\uf0b7\tTrên báo\n|", ["1. Kiểm điểm", "• Kết quả", "\uf0b7 Trên báo", ""]),
    ],
    ids=["tab", "layout-gap", "markdown", "marker-tab-and-lone-bar"],
)
def test_table_rows_pasted_as_lines_give_their_cells(text, lines):
    assert clean_lines(text, cells=True) == lines
    assert len(clean_lines(text)) == text.count("\n") + 1, "a body typed in a form keeps its lines"


def test_soft_breaks_and_soft_hyphens():
    assert clean_lines("Nơi nhận:\x0b- Như trên,\u2028- Lưu VP.\f2\u2029") == ["Nơi nhận:", "- Như trên,", "- Lưu VP.", "2"]
    assert clean_lines("tuyên truyền trên fan\u00ad\npage, Face\u00adbook") == ["tuyên truyền trên fanpage, Facebook"]


def test_a_wrapped_heading_in_capitals_keeps_its_last_words():
    text = ("II. NỘI DUNG CHUYÊN ĐỀ NĂM 2024 VÀ VIỆC ĐĂNG KÝ LÀM THEO CỦA TẬP\n"
            "THỂ, CÁ NHÂN\n"
            "Chuyên đề năm 2024 được học tập trong các chi bộ trước ngày 30/5/2024 và\n"
            "được sơ kết vào cuối năm.")
    assert [node.text for _, node in walk(parse(text, wrapped=True))] == [
        "NỘI DUNG CHUYÊN ĐỀ NĂM 2024 VÀ VIỆC ĐĂNG KÝ LÀM THEO CỦA TẬP THỂ, CÁ NHÂN",
        "Chuyên đề năm 2024 được học tập trong các chi bộ trước ngày 30/5/2024 và được sơ kết vào cuối năm.",
    ]


def test_a_line_break_in_a_paragraph_of_a_web_page():
    """Paragraphs apart by blank lines, one of them broken (``<br>``) after a semicolon."""
    paragraphs_of_page = [f"- Nội dung thứ {n} của kế hoạch được triển khai đầy đủ." for n in range(1, 8)]
    text = "\n\n".join([*paragraphs_of_page, "- Kết nạp 57 đảng viên mới, đạt 57% chỉ tiêu năm;\nchuyển đảng chính thức."])
    assert paragraphs(text)[-1] == "- Kết nạp 57 đảng viên mới, đạt 57% chỉ tiêu năm; chuyển đảng chính thức."


def test_first_lines_of_a_pdf_are_shorter_by_their_indent(body_lines):
    """A PDF indents a paragraph's first line: a first line is full at a shorter length than the others,
    so an upper-case word after a full first line goes on, and a new paragraph after a last line of
    the same length does not."""
    wrapped = "\n".join(textwrap.fill(line, 75, initial_indent=" " * 8) for line in body_lines)
    assert parse(wrapped) == parse("\n".join(body_lines))
