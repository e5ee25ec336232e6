import unicodedata
from collections import Counter

import pytest

from docgen.vn.syllable import (
    GluedWord,
    checked_words,
    find_glued_words,
    invalid_syllables,
    is_syllable,
    split_glued,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


VALID = {
    "open syllables": "a ba mẹ đi ở vợ thu thư cô ý kỳ mỹ",
    "codas": "các sách mai năm lan làng anh cao tập mát sau tay",
    "ă â ê ô ơ ư": "ăn bắt cần đất đâu đầy đêm ếch bệnh kênh chồng tối mới lớp người ừ",
    "diphthongs": "tiên biết yêu yến muốn cuộc người được mía của mưa",
    "glide o": "hoa ngoài hoàn hoạch khoắn ngoặt xoay khoe ngoẹo",
    "glide u": "tuần xuân thuế khuếch thuở huơ thuyền khuyên uyên",
    "glide u before y": "thủy thuỷ huỳnh huých khuya khuỷu tuýp suýt",
    "qu": "qua quá quân quốc quê quen quyết quý quỳnh quơ qui",
    "gi": "gì gìn gia già giữ giữa giếng giường giỏi giục",
    "k gh ngh": "kế kỳ kiểm kênh ghế ghi ghe nghe nghề nghiêm nghĩ",
    "stop codas take sắc or nặng": "các học thích tập mặt bắt tốt lạc",
    "oo": "xoong moóc",
    "old and new tone style": "hòa hoà khỏe khoẻ ủy uỷ thủy thuỷ họa hoạ lũy luỹ",
    "case and normal forms": "ĐẢNG Đảng ỦY Uỷ NGHIÊM Quyết",
}


@pytest.mark.parametrize(
    "word", [pytest.param(w, id=f"{category}: {w}") for category, words in VALID.items() for w in words.split()]
)
def test_valid_syllables(word):
    assert is_syllable(word)
    assert is_syllable(nfd(word))


def test_lookalike_eth_is_read_as_d_stroke():
    assert is_syllable("\u00d0ảng")


INVALID = {
    "two tone marks": "hóà ngườì",
    "no vowel or no rhyme": "b ng q qu",
    "c g ng before i e ê y": "ci ce cê cy ge gê ngi nge",
    "k gh ngh elsewhere": "ka ko ku gha gho ngha nghu kuy",
    "stop coda without sắc or nặng": "cac hoc tàp bảt mãt",
    "tone on the wrong vowel": "ngòai qúy múon ngừơi tíên",
    "not a rhyme": "ăa êng oơ iêu tyên ya",
    "letters Vietnamese does not have": "fan zalo wow jet bookmark",
    "glued": "Khốixây cấpnhiệm hiệnnội Khốitruyền",
}


@pytest.mark.parametrize(
    "word", [pytest.param(w, id=f"{category}: {w}") for category, words in INVALID.items() for w in words.split()]
)
def test_invalid_syllables(word):
    assert not is_syllable(word)


def test_empty_is_not_a_syllable():
    assert not is_syllable("")


@pytest.mark.parametrize(
    ("word", "split"),
    [
        ("Khốixây", ("Khối", "xây")),
        ("cấpnhiệm", ("cấp", "nhiệm")),
        ("hiệnnội", ("hiện", "nội")),
        ("Khốitruyền", ("Khối", "truyền")),
        ("CẤPNHIỆM", ("CẤP", "NHIỆM")),
        ("cónhiều", ("có", "nhiều")),  # the leftmost cut: the longest onset on the right
        ("BácHồ", ("Bác", "Hồ")),  # not "Bá cHồ": each part is cased as a word
        ("ngàyấy", ("ngày", "ấy")),  # a vowel may start the right part when there are two tones
        (nfd("Khốixây"), ("Khối", "xây")),
    ],
)
def test_split_glued(word, split):
    assert split_glued(word) == split


@pytest.mark.parametrize("word", ["người", "xyz", "website", "thuỷ", "ăa", ""])
def test_split_glued_none(word):
    assert split_glued(word) is None


def test_suggestion():
    assert GluedWord(0, 7, "Khốixây", "Khối", "xây").suggestion == "Khối xây"


@pytest.mark.parametrize(
    "text",
    [
        "Covid-19, Kế hoạch số 20-KH/TU ngày 19/5/2021, khóa XIII",  # digits, Roman numerals
        "UVBTV ĐUK, Hội VH-NT, Đoàn Khối CQ - DN, BTG, HĐND, UBND",  # abbreviations, with or without Đ
        "Facebook, Zalo, Youtube, Gapo, Lotus, VCNET, Internet, GoBack",  # foreign and proper names
        "(để b/c), đ/c Bí thư, v.v.",  # abbreviations without a vowel
        "các website, video, email, e-mail, online, trang web",  # loanwords
        "chủ nghĩa Mác - Lênin, Ăngghen, Đắk Lắk",  # foreign names in Vietnamese spelling
    ],
)
def test_skipped_words_are_neither_glued_nor_invalid(text):
    assert find_glued_words(text) == []
    assert invalid_syllables(text) == []


def test_allow_holds_the_organisations_own_words():
    text = "Huyện Krông Pắc, xã Ea Kly"
    assert [w for _, _, w in invalid_syllables(text)] == ["Krông"]
    assert invalid_syllables(text, allow=["krông"]) == []


def test_checked_words_offsets():
    text = "Đảng ủy Khối, 20-KH/TU, VH-NT, cấp-ủy"
    assert [(text[s:e], w) for s, e, w in checked_words(text)] == [
        ("Đảng", "Đảng"), ("ủy", "ủy"), ("Khối", "Khối"), ("cấp", "cấp"), ("ủy", "ủy"),
    ]


def test_seed_glued_words(seed_text):
    glued = find_glued_words(seed_text)
    assert all(seed_text[g.start : g.end] == g.word for g in glued)
    assert Counter((g.word, g.suggestion) for g in glued) == {
        ("Khốixây", "Khối xây"): 1,
        ("cấpnhiệm", "cấp nhiệm"): 5,
        ("hiệnnội", "hiện nội"): 1,
        ("Khốitruyền", "Khối truyền"): 1,
    }


def test_seed_has_no_other_invalid_syllable(seed_text):
    # only the debris of the Word export, "[bookmark: _GoBack]"
    assert [w for _, _, w in invalid_syllables(seed_text)] == ["bookmark"]


def test_every_seed_syllable_glued_to_another_is_found(seed_text):
    """Lost spaces between any two syllables of the seed: all found, nearly all cut right
    (the rest are cuts like lớ|phướng for lớp|hướng that only a word list could settle)."""
    vocab = sorted({w.lower() for _, _, w in checked_words(seed_text) if is_syllable(w)})
    pairs = [(a, b) for a in vocab[::5] for b in vocab if nfd(b)[0] not in "aeiouy"]
    splits = [split_glued(a + b) for a, b in pairs]
    assert None not in splits
    assert sum(split == pair for split, pair in zip(splits, pairs)) / len(pairs) > 0.98
