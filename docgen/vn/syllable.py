"""Vietnamese syllable validator: finds glued words and typos by structure alone.

No library does this (underthesea and pyvi only tokenise), so the rules of
docs/vietnamese-text.md, "Syllable check", are written out here as tables:
a syllable is an onset, a rhyme from the table, at most one tone mark on the
right vowel, and the spelling rules that tie them together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from docgen.vn.text import normalize

HUYEN, SAC, HOI, NGA, NANG = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
TONES = frozenset((HUYEN, SAC, HOI, NGA, NANG))

_ALPHABET = frozenset("aăâbcdđeêghiklmnoôơpqrstuưvxy")
_VOWELS = frozenset("aăâeêioôơuưy")
_BASE_VOWELS = frozenset("aeiouy")  # what a vowel letter decomposes to
_ONSETS = "ngh ng nh ch gh gi kh ph th tr qu b c d đ g h k l m n p r s t v x".split()  # longest first
_FRONT = frozenset("ieêy")  # c g ng never before these; k gh ngh only before them
_STOPS = ("p", "t", "c", "ch")  # take only sắc or nặng

# Nucleus -> codas ("-": open syllable), exactly the table of the spec.
_NUCLEI = {
    "a": "- c ch i m n ng nh o p t u y",
    "ă": "c m n ng p t",
    "â": "c m n ng p t u y",
    "e": "- c m n ng o p t",
    "ê": "- ch m n nh p t u",
    "i": "- a ch m n nh p t u",
    "iê": "c m n ng p t u",
    "y": "-",
    "yê": "m n ng t u",
    "o": "- c i m n ng p t",
    "oo": "c ng",
    "ô": "- c i m n ng p t",
    "ơ": "- i m n p t",
    "u": "- a c i m n ng p t",
    "uô": "c i m n ng t",
    "ư": "- a c i m n ng t u",
    "ươ": "c i m n ng p t u",
}
_GLIDES = {"o": "a ă e", "u": "â ê y yê ơ"}
# After the glide u, y behaves as i and takes codas the spec's "y: -" leaves out:
# huỳnh, quýt, tuýp, huých, khuya, khuỷu.
_Y_AFTER_GLIDE_U = "- a ch nh p t u"
_OPEN_EITHER_STYLE = frozenset(("oa", "oe", "uy"))  # hòa/hoà, khỏe/khoẻ, ủy/uỷ

# Words of Party prose that are no syllable, or would split into two, written out: everyday
# loanwords in lower case, and foreign names in Vietnamese spelling (the unmarked ones, like
# Campuchia or Cuba, are skipped as foreign names anyway). Kept tiny on purpose: the `allow`
# argument holds an organisation's own.
LOANWORDS = frozenset(
    "camera clip covid email facebook fanpage game internet livestream logo mail online"
    " smartphone tivi vaccine video virus web website wifi youtube zalo"
    " lênin ăngghen mátxcơva inđônêxia philíppin brunây đắk lắk".split()
)


def _rhyme_table() -> dict[str, frozenset[int]]:
    """Every rhyme (glide + nucleus + coda) -> the indexes where its tone mark may stand."""

    def codas(spec: str) -> list[str]:
        return ["" if c == "-" else c for c in spec.split()]

    table = {n + c: frozenset({len(n) - 1}) for n, spec in _NUCLEI.items() for c in codas(spec)}
    for glide, nuclei in _GLIDES.items():
        for nucleus in nuclei.split():
            spec = _Y_AFTER_GLIDE_U if glide + nucleus == "uy" else _NUCLEI[nucleus]
            for coda in codas(spec):
                places = {len(nucleus)}
                if not coda and glide + nucleus in _OPEN_EITHER_STYLE:
                    places.add(0)
                table[glide + nucleus + coda] = frozenset(places)
    return table


_RHYMES = _rhyme_table()
_LONGEST = max(map(len, _ONSETS)) + max(map(len, _RHYMES))  # letters a syllable can have


def _letters(word: str) -> tuple[str, list[tuple[str, int]]] | None:
    """The word's letters without tone marks, and each tone mark with the letter it sits on."""
    letters: list[str] = []
    tones: list[tuple[str, int]] = []
    for ch in unicodedata.normalize("NFD", normalize(word).lower()):
        if unicodedata.combining(ch):
            if not letters:
                return None
            if ch in TONES:
                tones.append((ch, len(letters) - 1))
            else:
                letters[-1] += ch
        else:
            letters.append(ch)
    letters = [unicodedata.normalize("NFC", letter) for letter in letters]
    if not all(letter in _ALPHABET for letter in letters):
        return None
    return "".join(letters), tones


def _split_onset(plain: str) -> tuple[str, int]:
    """Onset and where the rhyme starts, longest match first."""
    onset = next((o for o in _ONSETS if plain.startswith(o)), "")
    if onset == "gi":
        # gi is one consonant before a vowel (gia, giữ); before a consonant, at the end,
        # or before ê its i is also the vowel (gì, gìn, giếng).
        rest = plain[2:]
        return ("gi", 2) if rest[:1] in _VOWELS - {"i", "ê"} else ("gi", 1)
    return onset, len(onset)


def _rhyme_places(onset: str, rhyme: str) -> frozenset[int] | None:
    """Where the tone mark may stand in this rhyme after this onset, or None if it cannot follow."""
    if onset == "qu":
        # the u of qu is the glide: quân, quê, quý, quyết, quỳnh, quơ; also qua, quen, quốc, qui
        if rhyme[:1] in set("âêyơ"):
            glided = _RHYMES.get("u" + rhyme)
            return None if glided is None else frozenset(p - 1 for p in glided if p)
        return _RHYMES.get(rhyme) if rhyme[:1] in set("aăeiô") else None
    places = _RHYMES.get(rhyme)
    if places is None:
        return None
    if (rhyme.startswith("iê") and not onset) or (rhyme.startswith("yê") and onset):
        return None  # yên, yêu stand alone; tiên, biết have an onset
    if onset in ("c", "g", "ng") and rhyme[0] in _FRONT:
        return None
    if onset in ("k", "gh", "ngh") and rhyme[0] not in _FRONT:
        return None
    return places


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True if `word` is one well-formed Vietnamese syllable (any case, NFC or NFD)."""
    parsed = _letters(word)
    if parsed is None:
        return False
    plain, tones = parsed
    if len(tones) > 1:
        return False
    onset, at = _split_onset(plain)
    rhyme = plain[at:]
    places = _rhyme_places(onset, rhyme) if rhyme else None
    if places is None:
        return False
    tone, where = tones[0] if tones else ("", -1)
    if rhyme.endswith(_STOPS) and tone not in (SAC, NANG):
        return False
    return not tone or where - at in places


def _tone_count(word: str) -> int:
    return sum(ch in TONES for ch in unicodedata.normalize("NFD", word))


def _starts_with_consonant(word: str) -> bool:
    return unicodedata.normalize("NFD", word[:1].lower())[:1] not in _BASE_VOWELS


def split_glued(word: str) -> tuple[str, str] | None:
    """Two syllables whose separating space was lost (`Khốixây` -> `Khối`, `xây`), else None.

    The right part must start with a consonant unless the word carries two tone marks, so a
    syllable is not cut at a vowel, and each part must be cased as a word is (`BácHồ` is not
    `Bá cHồ`). When several cuts work the leftmost wins: it gives the right part the longest
    onset, which is right more often on real text (`cónhiều` is `có nhiều`, not `cón hiều`;
    `thựchiện` comes out `thự chiện`: only a word list could tell).
    """
    word = normalize(word)
    if len(word) > 2 * _LONGEST or is_syllable(word):  # too long for two: not tried cut by cut
        return None
    two_tones = _tone_count(word) >= 2
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if (
            (two_tones or _starts_with_consonant(right))
            and _cased(left)
            and _cased(right)
            and is_syllable(left)
            and is_syllable(right)
        ):
            return left, right
    return None


def _cased(word: str) -> bool:
    """lower, Capitalised or UPPER, as a word is written."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


@dataclass(frozen=True)
class GluedWord:
    """Two syllables glued by a lost space, with offsets into the checked text."""

    start: int
    end: int
    word: str
    left: str
    right: str

    @property
    def suggestion(self) -> str:
        return f"{self.left} {self.right}"


_RUN = re.compile(r"[^\W_]+(?:[-/–][^\W_]+)*")
_WORD = re.compile(r"[^\W_]+")


def has_marks(word: str) -> bool:
    """Tone marks, breve, circumflex or horn: đ alone does not make an abbreviation Vietnamese."""
    return len(unicodedata.normalize("NFD", word)) != len(word)


def _skipped(word: str, allow: frozenset[str]) -> bool:
    """Words the validator must not judge: the organisation's own, loanwords, abbreviations
    (b/c, đ/c, ĐUK, UVBTV, Roman numerals) and foreign or proper names (Covid, Zalo, Internet)."""
    folded = word.casefold()
    if folded in allow or folded in LOANWORDS:
        return True
    if not any(ch in _BASE_VOWELS for ch in unicodedata.normalize("NFD", folded)):
        return True
    return word != word.lower() and not has_marks(word)


def checked_words(text: str, allow: Iterable[str] = ()) -> Iterator[tuple[int, int, str]]:
    """The words of an NFC `text` that the validator judges, with their offsets.

    Tokens run over letters and digits joined by `-`, `/`, `–`; a token with a digit
    (Covid-19, 20-KH/TU, 19/5/2021) is skipped whole, the others are split at the joiners.
    """
    allowed = frozenset(a.casefold() for a in allow)
    for run in _RUN.finditer(text):
        if any(ch.isdigit() for ch in run.group()):
            continue
        for m in _WORD.finditer(run.group()):
            if not _skipped(m.group(), allowed):
                yield run.start() + m.start(), run.start() + m.end(), m.group()


def unknown_words(text: str, allow: Iterable[str] = ()) -> Iterator[tuple[int, int, str, tuple[str, str] | None]]:
    """(start, end, word, split) for each checked word of an NFC `text` that is not a syllable;
    `split` is its two syllables when it is two words glued together, else None."""
    for start, end, word in checked_words(text, allow):
        if not is_syllable(word):
            yield start, end, word, split_glued(word)


def find_glued_words(text: str, allow: Iterable[str] = ()) -> list[GluedWord]:
    """Glued words of an NFC `text` (`Khốixây dựng`, `các cấpnhiệm kỳ`), in order."""
    return [GluedWord(s, e, w, *split) for s, e, w, split in unknown_words(text, allow) if split]


def invalid_syllables(text: str, allow: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """Words of an NFC `text` that are neither syllables, nor glued pairs, nor skipped."""
    return [(s, e, w) for s, e, w, split in unknown_words(text, allow) if not split]
