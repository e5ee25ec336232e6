from decimal import Decimal

import pytest

from docgen.vn.numbers import format_money, format_number, format_percent, from_roman, number_to_words, to_roman


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (1234.5, None, "1.234,5"),
        (1234567, None, "1.234.567"),
        (-1234.5, None, "-1.234,5"),
        (0, None, "0"),
        (Decimal("1234.5"), None, "1.234,5"),
        (1234.5, 2, "1.234,50"),
        (1234.5, 0, "1.235"),
        (2.5, 0, "3"),
        (0.125, 2, "0,13"),
        (12, 1, "12,0"),
    ],
)
def test_format_number(x, decimals, expected):
    assert format_number(x, decimals) == expected


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (0.125, 1, "12,5%"),
        (1, 1, "100,0%"),
        (0.98765, 2, "98,77%"),
        (0.5, 0, "50%"),
        (12.345, 1, "1.234,5%"),
    ],
)
def test_format_percent(x, decimals, expected):
    assert format_percent(x, decimals) == expected


def test_format_percent_default_has_one_decimal():
    assert format_percent(0.125) == "12,5%"


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (1234000, "1.234.000 đồng"),
        (500, "500 đồng"),
        (1500000.5, "1.500.001 đồng"),
        (Decimal("2000000000"), "2.000.000.000 đồng"),
    ],
)
def test_format_money(x, expected):
    assert format_money(x) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (105, "một trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (200050000, "hai trăm triệu không trăm năm mươi nghìn"),
        (0, "không"),
        (1, "một"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (999, "chín trăm chín mươi chín"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1100, "một nghìn một trăm"),
        (15000, "mười lăm nghìn"),
        (1_000_000, "một triệu"),
        (1_000_005, "một triệu không trăm linh năm"),
        (2_500_000, "hai triệu năm trăm nghìn"),
        (1_000_000_000, "một tỷ"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (3_005_000_000, "ba tỷ không trăm linh năm triệu"),
        (-5, "âm năm"),
        (-2021, "âm hai nghìn không trăm hai mươi mốt"),
    ],
)
def test_number_to_words(n, expected):
    assert number_to_words(n) == expected


def test_number_to_words_rejects_non_integers():
    with pytest.raises(TypeError):
        number_to_words(1.5)


@pytest.mark.parametrize(
    ("n", "numeral"),
    [(1, "I"), (4, "IV"), (9, "IX"), (13, "XIII"), (15, "XV"), (19, "XIX"), (40, "XL"), (1997, "MCMXCVII"),
     (2021, "MMXXI"), (3999, "MMMCMXCIX")],
)
def test_roman_round_trip(n, numeral):
    assert to_roman(n) == numeral
    assert from_roman(numeral) == n


@pytest.mark.parametrize(("text", "n"), [("xiii", 13), (" XV ", 15), ("Xix", 19)])
def test_from_roman_is_lenient_on_case_and_spaces(text, n):
    assert from_roman(text) == n


def test_roman_covers_every_number_once():
    assert all(from_roman(to_roman(n)) == n for n in range(1, 4000))


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_to_roman_rejects_out_of_range(n):
    with pytest.raises(ValueError, match=rf"^Roman numerals cover 1\.\.3999, not {n}$"):
        to_roman(n)


@pytest.mark.parametrize("text", ["", "IIII", "VX", "IC", "MMMM", "XIIV", "ABC", "13"])
def test_from_roman_rejects_invalid(text):
    with pytest.raises(ValueError, match=r"^not a Roman numeral in 1\.\.3999: "):
        from_roman(text)
