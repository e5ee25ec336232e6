"""Normalisation, case, spacing and tone-mark style for Vietnamese text."""

import re
import unicodedata
from typing import NamedTuple


# The five tone marks (huyền, sắc, ngã, hỏi, nặng); breve, circumflex and horn belong to the letter.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OPEN_PAIRS = {"oa", "oe", "uy"}
_STYLES = ("old", "new")
# Whole words ending in an open oa/oe/uy pair in any tone form: the only words a style can change.
# Matching these alone (not every word) keeps restyling a whole document cheap.
_CANDIDATE = re.compile(
    r"(?<![^\W\d_])[^\W\d_]*(?:[oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])(?![^\W\d_])", re.IGNORECASE
)


_CONTROL = re.compile(r"\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize(text: str) -> str:
    """NFC, with the Icelandic eth (Ð, ð) that some keyboards produce mapped to Đ, đ, line ends
    as ``\\n`` and no control characters (XML cannot hold them; Word refuses such a file)."""
    # str.replace is many times faster than str.translate with a mapping on long texts.
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return _CONTROL.sub(lambda match: "\n" if match.group().startswith("\r") else "", text)


def upper(text: str) -> str:
    """Upper case after normalize: str.upper() is right for every Vietnamese letter."""
    return normalize(text).upper()


def collapse_spaces(text: str) -> str:
    """One plain space between words, none at the ends: pasted Word text carries tabs, NBSP and line breaks."""
    return " ".join(text.split())


def _split_tone(char: str) -> tuple[str, str]:
    """An NFC letter as (letter without tone mark, tone mark or "")."""
    marks = unicodedata.normalize("NFD", char)
    tone = "".join(m for m in marks if m in _TONES)
    bare = "".join(m for m in marks if m not in _TONES)
    return unicodedata.normalize("NFC", bare), tone


class _Site(NamedTuple):
    stem: str
    first: str
    second: str
    tone: str
    style: str


def _open_syllable(word: str) -> _Site | None:
    """Where the tone sits if word ends in a toned open oa/oe/uy, else None.

    After q the u is part of the onset (quý), so qu + y is not the pair.
    """
    if len(word) < 2 or word[-3:-2].lower() == "q":
        return None
    (first, first_tone), (second, second_tone) = _split_tone(word[-2]), _split_tone(word[-1])
    if (first + second).lower() not in _OPEN_PAIRS or bool(first_tone) == bool(second_tone):
        return None
    style = "old" if first_tone else "new"
    return _Site(word[:-2], first, second, first_tone or second_tone, style)


def _restyle(word: str, style: str) -> str:
    site = _open_syllable(word)
    if site is None:
        return word
    if style == "old":
        return unicodedata.normalize("NFC", site.stem + site.first + site.tone + site.second)
    return unicodedata.normalize("NFC", site.stem + site.first + site.second + site.tone)


def apply_tone_style(text: str, style: str) -> str:
    """Put the tone of open oa/oe/uy on the first vowel ("old": hòa, thủy) or the last ("new": hoà, thuỷ).

    An organisation writes one style everywhere; every other syllable (quý, ngoài, hoàn, hoạt) is left alone.
    """
    if style not in _STYLES:
        raise ValueError(f"Kiểu bỏ dấu không hợp lệ: {style!r} (tone style must be 'old' or 'new')")
    return _CANDIDATE.sub(lambda m: _restyle(m.group(), style), normalize(text))


def tone_styles_in(text: str) -> set[str]:
    """The tone styles ("old", "new") that occur, so a checker can warn when a text mixes them."""
    return {site.style for word in _CANDIDATE.findall(normalize(text)) if (site := _open_syllable(word))}


def fold(text: str) -> str:
    """Lower case with every mark removed (đ → d), single-spaced: for matching what people type."""
    decomposed = unicodedata.normalize("NFD", normalize(text).replace("đ", "d").replace("Đ", "D"))
    return collapse_spaces("".join(c for c in decomposed if not unicodedata.combining(c)).lower())
