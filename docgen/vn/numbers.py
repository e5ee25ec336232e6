"""Numbers in Vietnamese: grouping with Babel; words and Roman numerals are ours.

Never pass years or document numbers through the Babel formatters: 2021 would become `2.021`.
"""

import decimal
import operator
import re

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn"))
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def _format(x, pattern: str | None) -> str:
    """Babel in the vi locale, rounding half up as readers expect (Babel's default is half even: 2,5 -> 2)."""
    from babel.numbers import format_decimal  # Babel's locale data costs start-up to commands that never format

    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return format_decimal(x, format=pattern, locale="vi")


def _pattern(decimals: int) -> str:
    return f"#,##0.{'0' * decimals}" if decimals else "#,##0"


def format_number(x, decimals: int | None = None) -> str:
    """`1.234,5`; with `decimals`, exactly that many digits after the comma."""
    return _format(x, None if decimals is None else _pattern(decimals))


def format_percent(x, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.125 -> `12,5%`; a fixed number of decimals keeps table columns even."""
    return _format(x, _pattern(decimals) + "%")


def format_money(x) -> str:
    """`1.234.000 đồng`, rounded to the đồng."""
    return _format(x, "#,##0 đồng")


def _unit(tens: int, unit: int) -> str:
    """The last digit as read after its tens: hai mươi mốt, hai mươi tư, mười lăm (but linh năm)."""
    if unit == 1 and tens >= 2:
        return "mốt"
    if unit == 4 and tens >= 2:
        return "tư"
    if unit == 5 and tens >= 1:
        return "lăm"
    return _DIGITS[unit]


def _hundreds(n: int, full: bool) -> list[str]:
    """Words for 1..999; `full` reads a zero hundreds digit (không trăm) as groups after the first must."""
    hundreds, tens, unit = n // 100, n // 10 % 10, n % 10
    words = [_DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0 and unit and words:
        words.append("linh")
    elif tens == 1:
        words.append("mười")
    elif tens >= 2:
        words += [_DIGITS[tens], "mươi"]
    if unit:
        words.append(_unit(tens, unit))
    return words


def _words(n: int, full: bool) -> list[str]:
    """Words for n > 0, group by group; all-zero groups are skipped (một triệu, not một triệu không nghìn)."""
    for size, name in _GROUPS:
        if n >= size:
            head, rest = divmod(n, size)
            return _words(head, full) + [name] + (_words(rest, True) if rest else [])
    return _hundreds(n, full)


def number_to_words(n: int) -> str:
    """2021 -> `hai nghìn không trăm hai mươi mốt`, as amounts are spelt out (num2words gets this wrong)."""
    n = operator.index(n)
    if n < 0:
        return "âm " + number_to_words(-n)
    return " ".join(_words(n, False)) if n else _DIGITS[0]


def to_roman(n: int) -> str:
    """13 -> `XIII`, for congresses and terms (Đại hội XIII, khóa XV)."""
    if not 1 <= n <= 3999:
        raise ValueError(f"Roman numerals cover 1..3999, not {n!r}")
    numeral = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        numeral += letters * count
    return numeral


_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def from_roman(text: str) -> int:
    """`XIII` -> 13; only the canonical form (not IIII or VX), any case."""
    numeral = text.strip().upper()
    if re.fullmatch("[MDCLXVI]+", numeral):
        values = [_ROMAN_VALUES[letter] for letter in numeral]
        n = sum(-value if value < after else value for value, after in zip(values, values[1:] + [0]))
        if 1 <= n <= 3999 and to_roman(n) == numeral:
            return n
    raise ValueError(f"not a Roman numeral in 1..3999: {text!r}")
