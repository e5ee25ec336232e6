import unicodedata

import pytest

from docgen.vn.text import apply_tone_style, collapse_spaces, normalize, tone_styles_in, upper


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đảng ủy", "Đảng ủy"),
        (nfd("Đảng ủy Khối"), "Đảng ủy Khối"),
        ("\u00d0ảng", "\u0110ảng"),
        ("\u00f0oàn", "\u0111oàn"),
        (nfd("\u00d0ỗ Thị Ân"), "\u0110ỗ Thị Ân"),
        ("", ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected
    assert unicodedata.is_normalized("NFC", normalize(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ban Chấp hành Trung ương", "BAN CHẤP HÀNH TRUNG ƯƠNG"),
        ("đảng ủy khối", "ĐẢNG ỦY KHỐI"),
        (nfd("nghị quyết"), "NGHỊ QUYẾT"),
        ("\u00f0ại hội", "\u0110ẠI HỘI"),
        ("ă â ê ô ơ ư đ ỹ ự ặ", "Ă Â Ê Ô Ơ Ư Đ Ỹ Ự Ặ"),
    ],
)
def test_upper(raw, expected):
    assert upper(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ban  Thường\tvụ", "Ban Thường vụ"),
        ("  Tỉnh ủy\u00a0Hưng Yên \n", "Tỉnh ủy Hưng Yên"),
        ("Kế hoạch\r\nsố 20", "Kế hoạch số 20"),
        ("   ", ""),
        ("", ""),
    ],
)
def test_collapse_spaces(raw, expected):
    assert collapse_spaces(raw) == expected


TONE_PAIRS = [
    ("hòa", "hoà"),
    ("thủy", "thuỷ"),
    ("ủy", "uỷ"),
    ("Ủy", "Uỷ"),
    ("ỦY", "UỶ"),
    ("khỏe", "khoẻ"),
    ("xòe", "xoè"),
    ("Hòa", "Hoà"),
    ("HÒA", "HOÀ"),
    ("họa", "hoạ"),
    ("lũy", "luỹ"),
    ("khóa", "khoá"),
    ("òa", "oà"),
    ("Tỉnh ủy Hưng Yên", "Tỉnh uỷ Hưng Yên"),
    ("Đảng ủy Khối, Ủy ban, hòa bình, khỏe mạnh", "Đảng uỷ Khối, Uỷ ban, hoà bình, khoẻ mạnh"),
    ("thủy-lợi/hòa", "thuỷ-lợi/hoà"),
    ("ủy_ban", "uỷ_ban"),  # a syllable ends at any non-letter
    ("hòa2", "hoà2"),
]


@pytest.mark.parametrize(("old", "new"), TONE_PAIRS)
def test_apply_tone_style_moves_open_syllables(old, new):
    assert apply_tone_style(old, "new") == new
    assert apply_tone_style(new, "old") == old
    assert apply_tone_style(old, "old") == old
    assert apply_tone_style(new, "new") == new


@pytest.mark.parametrize("old,new", TONE_PAIRS)
def test_apply_tone_style_nfd_in_nfc_out(old, new):
    assert apply_tone_style(nfd(old), "new") == new
    assert apply_tone_style(nfd(new), "old") == old


@pytest.mark.parametrize(
    "word",
    [
        "quý", "Quý", "QUÝ", "quỳnh", "ngoài", "hoàn", "người", "thuyền", "khuya", "hoạt", "khuỷu",
        "ngoẹo", "thuế", "hoa", "uy", "Goa", "", "2021",
    ],
)
@pytest.mark.parametrize("style", ["old", "new"])
def test_apply_tone_style_leaves_other_syllables(word, style):
    assert apply_tone_style(word, style) == word


def test_apply_tone_style_rejects_unknown_style():
    with pytest.raises(ValueError, match="old"):
        apply_tone_style("hòa", "modern")


@pytest.mark.parametrize(
    ("text", "styles"),
    [
        ("Tỉnh ủy, hòa bình", {"old"}),
        ("Tỉnh uỷ, hoà bình", {"new"}),
        ("Tỉnh ủy, hoà bình", {"old", "new"}),
        (nfd("Tỉnh ủy, hoà bình"), {"old", "new"}),
        ("quý, ngoài, hoàn, người, thuyền, khuya, quỳnh, hoạt", set()),
        ("hoa uy", set()),
        ("", set()),
    ],
)
def test_tone_styles_in(text, styles):
    assert tone_styles_in(text) == styles
