"""Vietnamese text: normalisation, dates, numbers, sorting, tone style, syllables.

Imports nothing else from docgen but the error it raises (docgen.errors), so every other layer can
lean on it.
"""

from docgen.vn.collate import person_sort_key, sort_key
from docgen.vn.dates import long_date, parse_date, place_date, short_date
from docgen.vn.numbers import format_money, format_number, format_percent, from_roman, number_to_words, to_roman
from docgen.vn.text import apply_tone_style, collapse_spaces, fold, normalize, tone_styles_in, upper

__all__ = [
    "apply_tone_style",
    "collapse_spaces",
    "fold",
    "format_money",
    "format_number",
    "format_percent",
    "from_roman",
    "long_date",
    "normalize",
    "number_to_words",
    "parse_date",
    "person_sort_key",
    "place_date",
    "short_date",
    "sort_key",
    "to_roman",
    "tone_styles_in",
    "upper",
]
