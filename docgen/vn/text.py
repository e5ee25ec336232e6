"""Normalisation, case, spacing and tone-mark style for Vietnamese text."""

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple


# The five tone marks (huyền, sắc, ngã, hỏi, nặng); breve, circumflex and horn belong to the letter.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OPEN_PAIRS = {"oa", "oe", "uy"}
TONE_STYLES = ("old", "new")
# Two letters ending a word that may be an open oa/oe/uy pair with its tone on one of them: the
# only letters a style can change (which ones are is looked up per pair, see _pair_site).  One
# character set first, capitals spelt out, is what keeps restyling a whole document cheap: an
# alternation or IGNORECASE makes the regex several times slower.
_PAIR_AT_WORD_END = re.compile(
    "[oOòóỏõọÒÓỎÕỌuUùúủũụÙÚỦŨỤ][aeAEyYàáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?![^\\W\\d_])"
)
# What XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE, U+FFFF), DEL, and
# carriage returns.
_CONTROL_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


_CONTROL = re.compile("\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def nfc(text: str) -> str:
    """NFC, with the Icelandic eth (Ð, ð) that some keyboards produce mapped to Đ, đ: the letters
    alone, as a checker compares them."""
    # str.replace is many times faster than str.translate with a mapping on long texts.
    return unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def normalize(text: str) -> str:
    """:func:`nfc`, with line ends as ``\\n`` and without the characters XML cannot hold (control
    characters, lone surrogates, U+FFFE, U+FFFF): Word refuses a file with one, and no one types
    them; they come from broken conversions and are dropped wherever text comes in."""
    text = nfc(text)
    if not _CONTROL_CHAR.search(text):  # one character class scans far faster than the alternation
        return text
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
    """An open pair's letters without tone, the tone, and the style its tone placement is."""

    first: str
    second: str
    tone: str
    style: str

    def placed(self, style: str) -> str:
        """The pair with its tone where ``style`` puts it."""
        letters = self.first + self.tone + self.second if style == "old" else self.first + self.second + self.tone
        return unicodedata.normalize("NFC", letters)


@lru_cache(maxsize=None)
def _pair_site(pair: str) -> _Site | None:
    """Where the tone sits if a word-final pair is a toned open oa/oe/uy, else None; there are a
    few hundred pairs, each worked out once."""
    (first, first_tone), (second, second_tone) = _split_tone(pair[0]), _split_tone(pair[1])
    if (first + second).lower() not in _OPEN_PAIRS or bool(first_tone) == bool(second_tone):
        return None
    return _Site(first, second, first_tone or second_tone, "old" if first_tone else "new")


def _sites(text: str) -> Iterator[tuple[re.Match, _Site]]:
    """Every word-final open pair whose tone a style places, with where the tone sits."""
    for match in _PAIR_AT_WORD_END.finditer(text):
        start = match.start()
        # After q the u belongs to the onset (quý), so qu + y is not the pair.
        if (site := _pair_site(match.group())) and not (start and text[start - 1] in "qQ"):
            yield match, site


def apply_tone_style(text: str, style: str, keep: tuple[str, ...] = ()) -> str:
    """Put the tone of open oa/oe/uy on the first vowel ("old": hòa, thủy) or the last ("new": hoà, thuỷ).

    An organisation writes one style everywhere; every other syllable (quý, ngoài, hoàn, hoạt) is left
    alone, and so is every occurrence of a text in ``keep``: names, which are printed as they are spelt.
    """
    if style not in TONE_STYLES:
        raise ValueError(f"tone style must be 'old' or 'new', not {style!r}")
    text = normalize(text)
    parts, done, kept = [], 0, None
    for match, site in _sites(text):
        if site.style == style:
            continue
        if keep:
            kept = _occurrences(text, keep) if kept is None else kept
            if any(start <= match.start() < end for start, end in kept):
                continue
        parts += (text[done:match.start()], site.placed(style))
        done = match.end()
    return "".join(parts) + text[done:] if parts else text


def _occurrences(text: str, wanted: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each of ``wanted`` occurs in ``text``, as (start, end)."""
    found = []
    for item in filter(None, wanted):
        start = text.find(item)
        while start >= 0:
            found.append((start, start + len(item)))
            start = text.find(item, start + 1)
    return found


def tone_styles_in(text: str) -> set[str]:
    """The tone styles ("old", "new") that occur, so a checker can warn when a text mixes them."""
    return {site.style for _, site in _sites(normalize(text))}


def fold(text: str) -> str:
    """Lower case with every mark removed (đ → d), single-spaced: for matching what people type."""
    decomposed = unicodedata.normalize("NFD", normalize(text).replace("đ", "d").replace("Đ", "D"))
    return collapse_spaces("".join(c for c in decomposed if not unicodedata.combining(c)).lower())
