import random
import unicodedata

import pytest

from docgen.vn.collate import person_sort_key, sort_key

SPEC_ORDER = [
    "An", "Ánh", "Ăn", "Âu", "Bình", "Chi", "Cường", "Dũng", "Dương", "Đào", "Đức", "Giang",
    "Hà", "Hả", "Hã", "Há", "Hạ", "Hà Nội", "Ngọc", "Nguyễn", "Nhung", "Oanh", "Ông", "Ơn", "Thảo",
    "Trang", "Tú", "Tuấn", "Tư", "Từ", "Tử", "Tữ", "Tự", "Uyên", "Ưng", "Yến",
]
SPEC_PEOPLE = ["Nguyễn Văn An", "Nguyễn Thị Anh", "Trần Thị Ánh", "Đỗ Thị Ân", "Hoàng Văn Ân", "Lê Văn Bình"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def shuffled(items: list[str], seed: int) -> list[str]:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


@pytest.mark.parametrize("seed", range(5))
def test_spec_order(seed):
    assert sorted(shuffled(SPEC_ORDER, seed), key=sort_key) == SPEC_ORDER


def test_spec_order_from_nfd():
    assert sorted(map(nfd, reversed(SPEC_ORDER)), key=sort_key) == [nfd(s) for s in SPEC_ORDER]


def test_python_sorted_is_wrong():
    assert sorted(SPEC_ORDER) != SPEC_ORDER


# Each pair sorts first < second; the comment names the level that decides.
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("a", "ă"), ("ă", "â"), ("â", "b"), ("d", "đ"), ("đ", "e"), ("e", "ê"), ("ê", "g"),  # alphabet
        ("o", "ô"), ("ô", "ơ"), ("ơ", "p"), ("u", "ư"), ("ư", "v"), ("x", "y"),
        ("Ánh", "Ăn"), ("Dũng", "Dương"), ("Tuấn", "Tư"),
        ("ha", "hà"), ("hà", "hả"), ("hả", "hã"), ("hã", "há"), ("há", "hạ"),  # tones
        ("hoà", "hòa"),  # tone on a later letter weighs less
        ("an", "An"), ("hà nội", "Hà Nội"), ("Hà Nội", "HÀ NỘI"),  # case
        ("Hà", "Hà Nội"), ("Há", "Hà Nội"), ("Hạ", "Hà Nội"),  # letters before tones, as in the spec list
        ("Hà Nội", "Hài"), ("Hà Nam", "Hàm"), ("Lê Văn", "Lêa"),  # spaces before letters
        ("Tổ 1", "Tổ A"), ("Tổ 1", "Tổ 2"), ("Tổ 1a", "Tổ-1"),  # digits and punctuation
        ("", "a"), ("", " "), ("!", "1"), ("9", "a"), ("z", "ø"), ("Zoe", "Zoë"),
    ],
)
def test_pairs(first, second):
    assert sort_key(first) < sort_key(second)
    assert sort_key(nfd(first)) < sort_key(nfd(second))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Đào", "\u00d0ào"), ("Đức", nfd("Đức")), ("Tự", nfd("\u0054\u01b0\u0323")), ("đỗ", "\u00f0ỗ")],
)
def test_equivalent_spellings_share_a_key(a, b):
    assert sort_key(a) == sort_key(b)


@pytest.mark.parametrize(
    "text",
    ["", " ", "2021", "20-KH/TU", "số 31-QĐ/TW", "(Ban)", "\u0301", "a\u0301\u0301", "日本", "ß", "😀", "\t\n"],
)
def test_any_text_has_a_key(text):
    assert sort_key(text) == sort_key(text)


def test_mixed_text_sorts_deterministically():
    items = ["Tổ 10", "Tổ 9", "tổ 9", "Tổ-9", "20-KH/TU", "(Ban)", "", " ", "日本", "😀", "Đảng ủy", "Dang uy"]
    orders = {tuple(sorted(shuffled(items, seed), key=sort_key)) for seed in range(20)}
    assert len(orders) == 1


@pytest.mark.parametrize("seed", range(5))
def test_people_by_given_name(seed):
    assert sorted(shuffled(SPEC_PEOPLE, seed), key=person_sort_key) == SPEC_PEOPLE


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Trần Văn An", "Lê Thị Bình"),  # given name first
        ("Lê Thị An", "Trần Thị An"),  # then family name
        ("Lê An", "Lê Thị An"),  # then middle names
        ("Lê Thị An", "Lê Văn An"),
        ("Lê Thị Hồng An", "Lê Văn An"),
        ("An", "Lê An"),  # one word is a given name without family name
        ("", "An"),
    ],
)
def test_person_pairs(first, second):
    assert person_sort_key(first) < person_sort_key(second)
    assert person_sort_key(nfd(first)) < person_sort_key(nfd(second))


def test_person_key_ignores_extra_spaces_and_lookalikes():
    assert person_sort_key("  \u00d0ỗ  Thị Ân ")[:3] == person_sort_key("Đỗ Thị Ân")[:3]
