"""A cell's text as a count, read as a clerk reads it."""

import pytest

from docgen.reports.values import NotACount, is_unfilled, parse_count


@pytest.mark.parametrize("text, expected", [
    ("12", 12),
    (" 12 ", 12),
    ("01", 1),
    ("1.234", 1234),
    ("12.000.000", 12_000_000),
    ("1 234", 1234),
    ("1\u00a0234 lượt", 1234),
    ("12 buổi", 12),
    ("12 buổi.", 12),
    ("250 lượt người", 250),
    ("5 (trong đó 2 trực tuyến)", 5),
    ("5 cuộc (trong đó 2 trực tuyến)", 5),
    ("12\n(trong đó 3 trực tuyến)", 12),
    ("2 nghìn lượt", 2000),
    ("3 triệu", 3_000_000),
    ("0", 0),
    ("không", 0),
    ("Không có.", 0),
    ("chưa", 0),
    ("-", 0),
    ("", None),
    ("   ", None),
    ("\t", None),
    ("……………", None),
    ("...", None),
])
def test_what_a_clerk_reads_as_a_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("1,5", "là số thập phân"),
    ("1.5", "là số thập phân"),
    ("1.2345", "là số thập phân"),
    ("1.234,5", "là số thập phân"),
    ("nhiều", "không phải số lượng"),
    ("x", "không phải số lượng"),
    ("khoảng 10", "có chữ trước số"),
    ("trên 200", "có chữ trước số"),
    ("3 cuộc, 250 lượt", "có nhiều số"),
    ("10 - 15", "có nhiều số"),
    ("80%", "là tỷ lệ phần trăm"),
    ("-3", "là số âm"),
    ("10+", "không phải một số lượng rõ ràng"),
    ("1000000000", "quá lớn (tối đa 999.999.999)"),
])
def test_what_is_not_a_count_is_refused_with_the_reason(text, reason):
    with pytest.raises(NotACount) as refused:
        parse_count(text)
    assert str(refused.value).startswith(reason)


def test_the_dotted_line_of_the_form_is_unfilled():
    assert is_unfilled("…" * 40) and is_unfilled("\t") and not is_unfilled("0") and not is_unfilled("không")
