import unicodedata
from collections import Counter

import pytest

from docgen.i18n import Message

from docgen.vn.textcheck import SEVERITY, TextFinding, check_text


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def found(text: str, **kwargs) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.excerpt, f.fix) for f in check_text(text, **kwargs)]


SEED_FINDINGS = Counter(
    {
        ("space-after-punctuation", "Đảng,Ban", "Đảng, Ban"): 1,
        ("glued-word", "Khốixây", "Khối xây"): 1,
        ("outline-number-space", "1.Mục", "1. Mục"): 1,
        ("outline-number-space", "1.Thời", "1. Thời"): 1,
        ("outline-number-space", "1.1.Trước", "1.1. Trước"): 1,
        ("glued-word", "cấpnhiệm", "cấp nhiệm"): 5,
        ("glued-word", "Khốitruyền", "Khối truyền"): 1,
        ("space-after-punctuation", "hoạch,tổ", "hoạch, tổ"): 1,
        ("invalid-syllable", "bookmark", None): 1,  # "[bookmark: _GoBack]", debris of the Word export
        ("mixed-tone-style", "uỷ", "ủy"): 1,  # "Cấp uỷ" among 26 "ủy"
        ("glued-word", "hiệnnội", "hiện nội"): 1,
        ("outline-number-space", "5.Đoàn", "5. Đoàn"): 1,
        ("double-space", "ủy  (để", "ủy (để"): 1,
    }
)


def test_seed_findings_exactly(seed_text):
    assert Counter(found(seed_text)) == SEED_FINDINGS


def test_seed_findings_point_into_the_text(seed_text):
    findings = check_text(seed_text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert seed_text[f.start : f.end] == f.excerpt
        assert f.severity == SEVERITY[f.rule]
        assert f.excerpt in f.message.translate("vi") and f.excerpt in f.message.translate("en")


def test_seed_after_fixes_keeps_only_the_debris(seed_text):
    text = seed_text
    for f in sorted(check_text(seed_text), key=lambda f: f.start, reverse=True):
        if f.fix is not None:
            text = text[: f.start] + f.fix + text[f.end :]
    assert found(text) == [("invalid-syllable", "bookmark", None)]


def test_seed_lines_without_a_defect_are_clean(seed_text):
    defects = {excerpt for _, excerpt, _ in SEED_FINDINGS}
    clean = [line for line in seed_text.splitlines() if not any(d in line for d in defects)]
    assert len(clean) > 50
    assert [line for line in clean if check_text(line)] == []


CLEAN_PROSE = """\
KẾ HOẠCH
thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị năm 2022

Thực hiện Kế hoạch số 15-KH/ĐUK ngày 03/02/2022 của Ban Thường vụ Đảng ủy Khối, Ban Thường vụ Đảng ủy \
xây dựng kế hoạch đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức của cán bộ, đảng viên về chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh; xác định việc \
học tập và làm theo Bác là nhiệm vụ thường xuyên, lâu dài của mỗi tổ chức đảng, cơ quan, đơn vị.
- Gắn việc thực hiện Chỉ thị với công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết \
đấu tranh phòng, chống tham nhũng, lãng phí, tiêu cực, những biểu hiện “tự diễn biến”, “tự chuyển hóa”.
2. Yêu cầu
- Các cấp ủy, tổ chức đảng bám sát nội dung, triển khai nghiêm túc, thiết thực, hiệu quả, tránh hình thức; \
khuyến khích cách làm hay, mô hình mới gắn với công nghiệp hóa, hiện đại hóa và chuyển đổi số 4.0.
II. NỘI DUNG
1.1. Tuyên truyền trên trang web, mạng xã hội Facebook, Zalo; gửi thư điện tử (email) về ban@hungyen.gov.vn, \
đăng tải tại www.hungyen.dcs.vn, TP.HCM, v.v.
1.2. Tăng trưởng kinh tế đạt 6,5%, thu ngân sách 1.234,5 tỷ đồng; hội nghị khai mạc lúc 7:30 ngày 19.5.2022, \
phòng, chống dịch Covid-19, quản lý F0 tại nhà; Quỹ khuyến học của huyện, xã, phường, thị trấn.
III. TỔ CHỨC THỰC HIỆN
Căn cứ Kế hoạch này, các đảng bộ, chi bộ cơ sở xây dựng kế hoạch cụ thể, báo cáo kết quả về Ban Thường vụ \
Đảng ủy Khối (qua Ban Tuyên giáo) trước ngày 30/11/2022.
\tNơi nhận:
- Ban Tuyên giáo Tỉnh ủy (để b/c),
- Các đồng chí Ủy viên BTV Đảng ủy Khối,
- Lưu VP.
"""


def test_clean_party_prose_has_no_finding():
    assert found(CLEAN_PROSE) == []


PLANTED = [
    ("glued-word", "Ban Thường vụ Đảng ủy Khốixây dựng", "Khốixây", "Khối xây"),
    ("invalid-syllable", "Quan điểm sai tráii, thù địch", "tráii", None),
    ("space-after-punctuation", "của Đảng,Ban Thường vụ", "Đảng,Ban", "Đảng, Ban"),
    ("space-after-punctuation", "trong năm 2021.Tập trung", "2021.Tập", "2021. Tập"),
    ("space-after-punctuation", "lãnh đạo;chỉ đạo", "đạo;chỉ", "đạo; chỉ"),
    ("space-after-punctuation", "Kính gửi:Ban Tuyên giáo", "gửi:Ban", "gửi: Ban"),
    ("space-after-punctuation", "khóa XIII.Tập trung", "XIII.Tập", "XIII. Tập"),
    ("space-after-punctuation", "như sau,“Dân là gốc”", "sau,“Dân", "sau, “Dân"),
    ("outline-number-space", "1.Mục đích", "1.Mục", "1. Mục"),
    ("outline-number-space", "1.1.Trước ngày bầu cử", "1.1.Trước", "1.1. Trước"),
    ("outline-number-space", "Căn cứ\n5.Đoàn Khối", "5.Đoàn", "5. Đoàn"),
    ("outline-number-space", "I.MỤC ĐÍCH, YÊU CẦU", "I.MỤC", "I. MỤC"),
    ("letter-digit-glued", "Quyết định số31-QĐ/TW", "số31", "số 31"),
    ("letter-digit-glued", "ngày19/5/2021", "ngày19", "ngày 19"),
    ("letter-digit-glued", "năm 2021của Ban", "2021của", "2021 của"),
    ("double-space", "Ban  Thường vụ", "Ban  Thường", "Ban Thường"),
    ("mixed-tone-style", "Tỉnh ủy, Đảng ủy và Cấp uỷ", "uỷ", "ủy"),
    ("mixed-tone-style", "hoà bình, hoà hợp, khỏe mạnh", "khỏe", "khoẻ"),
    ("legacy-encoding", "Ban Th\u00adêng vô §¶ng ñy Khèi", "Th\u00adêng vô §¶ng ñy Khèi", "Thường vụ Đảng ủy Khối"),
    ("legacy-encoding", "Ñaûng uûy Khoái", "Ñaûng uûy", "Đảng ủy"),
    ("legacy-encoding", "Ban Thöôøng vuï Tænh uûy", "Thöôøng vuï Tænh uûy", "Thường vụ Tỉnh ủy"),
]


@pytest.mark.parametrize(("rule", "text", "excerpt", "fix"), PLANTED, ids=[p[1] for p in PLANTED])
def test_planted_defect(rule, text, excerpt, fix):
    assert found(text) == [(rule, excerpt, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "1.234,5 tỷ đồng; 6,5%; lúc 7:30; ngày 19.5.2021",  # numbers, times, dates
        "Kế hoạch số 15-KH/ĐUK, 20-KH/TU, (để b/c)",  # document symbols, abbreviations
        "v.v. và TP.HCM, PGS.TS Nguyễn Văn A, V.I. Lênin",  # abbreviations with dots
        "www.hungyen.dcs.vn, https://dangcongsan.vn/a.b, ban@hungyen.gov.vn",  # addresses
        "trực quan... tiếp theo…tiếp",  # ellipsis
        "(xem trên), “Đoàn kết”, như sau: “Dân là gốc”.",  # closing quote and parenthesis
        "Covid-19, F0, F1, 4.0, H5N1, 5G, 10km, 20ha, km2",  # letters and digits that belong together
        "  Thụt đầu dòng không phải thừa dấu cách",  # indentation
    ],
)
def test_no_false_alarm(text):
    assert found(text) == []


def test_nfd_text_is_one_finding_with_offsets_into_the_input():
    text = nfd("Ban Thường vụ Đảng ủy Khốixây dựng")
    findings = check_text(text)
    assert [f.rule for f in findings] == ["nfd-text", "glued-word"]
    whole, glued = findings
    assert text[whole.start : whole.end] == whole.excerpt
    assert whole.fix == "Thường vụ Đảng ủy Khốixây dựng"
    assert unicodedata.normalize("NFC", text[glued.start : glued.end]) == "Khốixây"
    assert glued.fix == "Khối xây"


def test_lookalike_eth_is_not_nfc_text():
    assert found("\u00d0ảng ủy") == [("nfd-text", "\u00d0ảng", "Đảng")]


@pytest.mark.parametrize(
    ("tone_style", "expected"),
    [
        (None, [("mixed-tone-style", "hoà", "hòa")]),
        ("old", [("mixed-tone-style", "hoà", "hòa")]),
        ("new", [("mixed-tone-style", "ủy", "uỷ"), ("mixed-tone-style", "Ủy", "Uỷ"), ("mixed-tone-style", "khỏe", "khoẻ")]),
    ],
)
def test_tone_style_target(tone_style, expected):
    assert found("Đảng ủy, Ủy ban, hoà bình, khỏe mạnh, quý, ngoài", tone_style=tone_style) == expected


def test_tone_style_of_the_organisation_applies_to_a_consistent_text():
    assert found("Tỉnh ủy", tone_style="new") == [("mixed-tone-style", "ủy", "uỷ")]
    assert found("Tỉnh ủy") == []


def test_tone_style_message_names_the_minority():
    (finding,) = check_text("Tỉnh ủy, Đảng ủy và Cấp uỷ")
    assert str(finding.message) == '"uỷ" bỏ dấu kiểu mới, chiếm thiểu số (kiểu cũ 2 từ, kiểu mới 1 từ): viết "ủy" theo kiểu cũ.'
    assert finding.message.translate("en") == \
        '"uỷ" uses the new tone-mark style, the minority (2 old, 1 new): write "ủy" (old style).'


def test_unknown_tone_style_is_refused():
    with pytest.raises(ValueError, match="old"):
        check_text("", tone_style="modern")


def test_legacy_needs_two_decoded_words_on_a_line():
    assert found("µm") == []
    assert [f for f in check_text("«Tôi» gặp Müller, Peña ở café São Paulo") if f.rule == "legacy-encoding"] == []


def test_allow_is_passed_on():
    assert found("Huyện Krông Pắc", allow=["Krông"]) == []


def test_finding_is_frozen():
    finding = TextFinding("double-space", "warning", 0, 1, " ", Message("Thừa dấu cách"), None)
    with pytest.raises(AttributeError):
        finding.rule = "x"


@pytest.mark.parametrize("text", ["Đảng bộ tỉnh\r\nBan Tuyên giáo", "Đảng\x0bbộ tỉnh"])
def test_line_ends_and_control_characters_are_not_taken_for_unnormalised_letters(text):
    assert [f.rule for f in check_text(text)] == []
