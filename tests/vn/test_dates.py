import unicodedata
from datetime import date, datetime

import pytest

from docgen.errors import BadInput
from docgen.vn.dates import (MAX_DATE_CHARS, date_or_none, long_date, padded_day, padded_month, parse_date,
                             place_date, short_date)

# (date, long form, short form): every vector of the spec, plus the edges of the padding rule.
VECTORS = [
    (date(2021, 5, 19), "ngày 19 tháng 5 năm 2021", "19/5/2021"),
    (date(2021, 2, 5), "ngày 05 tháng 02 năm 2021", "05/02/2021"),
    (date(2021, 2, 24), "ngày 24 tháng 02 năm 2021", "24/02/2021"),
    (date(2018, 4, 3), "ngày 03 tháng 4 năm 2018", "03/4/2018"),
    (date(2021, 1, 10), "ngày 10 tháng 01 năm 2021", "10/01/2021"),
    (date(2021, 11, 1), "ngày 01 tháng 11 năm 2021", "01/11/2021"),
    (date(2021, 3, 9), "ngày 09 tháng 3 năm 2021", "09/3/2021"),
    (date(2021, 5, 25), "ngày 25 tháng 5 năm 2021", "25/5/2021"),
    (date(1997, 10, 1), "ngày 01 tháng 10 năm 1997", "01/10/1997"),
    (date(2020, 12, 31), "ngày 31 tháng 12 năm 2020", "31/12/2020"),
    (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024", "29/02/2024"),
]


@pytest.mark.parametrize(("d", "long", "short"), VECTORS)
def test_long_and_short_date(d, long, short):
    assert long_date(d) == long
    assert short_date(d) == short


@pytest.mark.parametrize(("d", "long", "short"), VECTORS)
def test_parse_reads_what_we_write(d, long, short):
    assert parse_date(long) == d
    assert parse_date(short) == d
    assert parse_date(short.replace("/", "-")) == d
    assert parse_date(short.replace("/", ".")) == d
    assert parse_date(d.isoformat()) == d


@pytest.mark.parametrize(
    ("place", "d", "year", "expected"),
    [
        ("Hưng Yên", date(2021, 5, 25), None, "Hưng Yên, ngày 25 tháng 5 năm 2021"),
        ("Hà Nội", date(2021, 2, 5), None, "Hà Nội, ngày 05 tháng 02 năm 2021"),
        ("Hưng Yên", date(2021, 5, 25), 2026, "Hưng Yên, ngày 25 tháng 5 năm 2021"),
        ("Hưng Yên", None, 2026, "Hưng Yên, ngày    tháng    năm 2026"),
        ("Hưng Yên", None, None, "Hưng Yên, ngày    tháng    năm     "),
        (unicodedata.normalize("NFD", "Hưng Yên"), date(2018, 4, 3), None, "Hưng Yên, ngày 03 tháng 4 năm 2018"),
    ],
)
def test_place_date(place, d, year, expected):
    assert place_date(place, d, year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19/5/2021", date(2021, 5, 19)),
        ("19-5-2021", date(2021, 5, 19)),
        ("01-10-1997", date(1997, 10, 1)),
        ("19.5.2021", date(2021, 5, 19)),
        ("ngày 19 tháng 5 năm 2021", date(2021, 5, 19)),
        ("Ngày 19 tháng 5 năm 2021", date(2021, 5, 19)),
        ("NGÀY 19 THÁNG 5 NĂM 2021", date(2021, 5, 19)),
        ("ngày  19  tháng 05\u00a0năm 2021", date(2021, 5, 19)),
        (unicodedata.normalize("NFD", "ngày 19 tháng 5 năm 2021"), date(2021, 5, 19)),
        ("2021-05-19", date(2021, 5, 19)),
        ("  19/5/2021 ", date(2021, 5, 19)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


WRITE_AS = "hãy viết ngày/tháng/năm, ví dụ 25/5/2021, 25-5-2021, 25.5.2021, ngày 25 tháng 5 năm 2021 hoặc 2021-05-25"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/2/2021", "Ngày “31/2/2021” không có trên lịch: tháng 2 năm 2021 chỉ có 28 ngày"),
        ("29/02/2021", "Ngày “29/02/2021” không có trên lịch: tháng 2 năm 2021 chỉ có 28 ngày"),
        ("31.4.2021", "Ngày “31.4.2021” không có trên lịch: tháng 4 năm 2021 chỉ có 30 ngày"),
        ("19/13/2021", "Ngày “19/13/2021” không có trên lịch: tháng 13 không có, tháng chỉ từ 1 đến 12"),
        ("00/5/2021", "Ngày “00/5/2021” không có trên lịch: tháng 5 năm 2021 chỉ có 31 ngày"),
        ("ngày 32 tháng 1 năm 2021", "Ngày “ngày 32 tháng 1 năm 2021” không có trên lịch: tháng 1 năm 2021 chỉ có 31 ngày"),
        ("2021-02-30", "Ngày “2021-02-30” không có trên lịch: tháng 2 năm 2021 chỉ có 28 ngày"),
        ("19/5-2021", f"Không đọc được ngày “19/5-2021”: {WRITE_AS}"),
        ("19/5/21", f"Không đọc được ngày “19/5/21”: {WRITE_AS}"),
        ("2021/05/19", f"Không đọc được ngày “2021/05/19”: {WRITE_AS}"),
        ("19 tháng 5, 2021", f"Không đọc được ngày “19 tháng 5, 2021”: {WRITE_AS}"),
        ("19/5/0000", f"Không đọc được ngày “19/5/0000”: {WRITE_AS}"),
        ("hôm  nay", f"Không đọc được ngày “hôm nay”: {WRITE_AS}"),
        ("", f"Không đọc được ngày “”: {WRITE_AS}"),
        ("1" * 10_000, f"Không đọc được ngày “{'1' * MAX_DATE_CHARS}…”: {WRITE_AS}"),
    ],
)
def test_parse_date_says_in_vietnamese_what_is_wrong(text, message):
    with pytest.raises(BadInput) as refused:
        parse_date(text)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25/5/2021", date(2021, 5, 25)),
        (" ngày 25 tháng 5 năm 2021 ", date(2021, 5, 25)),
        (date(2021, 5, 25), date(2021, 5, 25)),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_a_date_field_reads_text_dates_and_blanks(value, expected):
    assert date_or_none(value) == expected


@pytest.mark.parametrize("value", [20210525, 25.5, datetime(2021, 5, 25, 10, 0), ["25/5/2021"]])
def test_a_date_field_refuses_what_is_not_a_date(value):
    with pytest.raises(BadInput) as refused:
        date_or_none(value)
    assert str(refused.value) == f"Không đọc được ngày “{value}”: {WRITE_AS}"


@pytest.mark.parametrize(("number", "day", "month"), [
    (1, "01", "01"), (2, "02", "02"), (3, "03", "3"), (9, "09", "9"), (10, "10", "10"), (12, "12", "12"),
])
def test_the_padding_rule(number, day, month):
    assert (padded_day(number), padded_month(number)) == (day, month)
