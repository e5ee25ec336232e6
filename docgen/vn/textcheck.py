"""Text rules of `docgen check`: what office staff's pasted text gets wrong, found in plain text.

Every finding carries its span in the given text, the excerpt (that span, shortened if long),
a message (:class:`docgen.i18n.Message`, shown in the reader's language), and, where one is certain,
the replacement for the span.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from docgen.i18n import N_, Message
from docgen.vn.syllable import HOI, HUYEN, NANG, NGA, SAC, has_marks, is_syllable, unknown_words
from docgen.vn.text import TONE_STYLES, apply_tone_style, nfc, normalize, tone_styles_in

SEVERITY = {
    "nfd-text": "error",
    "legacy-encoding": "error",
    "glued-word": "error",
    "invalid-syllable": "warning",
    "space-after-punctuation": "error",
    "outline-number-space": "error",
    "letter-digit-glued": "error",
    "double-space": "warning",
    "mixed-tone-style": "warning",
}

@dataclass(frozen=True)
class TextFinding:
    rule: str
    severity: str  # "error" | "warning" | "info"
    start: int
    end: int
    excerpt: str
    message: Message
    fix: str | None = None  # replaces text[start:end]


class _Hit(NamedTuple):
    """A finding with offsets into the NFC text, before they are mapped back."""

    rule: str
    start: int
    end: int
    message: Message
    fix: str | None = None


def check_text(text: str, allow: Iterable[str] = (), tone_style: str | None = None) -> list[TextFinding]:
    """All findings of the text rules, in text order.

    `allow` holds the organisation's own abbreviations and units; `tone_style` ("old": ủy,
    "new": uỷ) is the organisation's setting, else the text's majority style is the target.
    """
    if tone_style not in (None, *TONE_STYLES):
        raise ValueError(f"tone_style must be one of {TONE_STYLES} or None, not {tone_style!r}")
    allow = tuple(allow)
    nfc, where = _nfc_with_offsets(text)
    legacy = list(_legacy_encoding(nfc))
    shielded = _Spans([*_addresses(nfc), *((h.start, h.end) for h in legacy)])
    rules = (
        _unknown_words(nfc, allow),
        _missing_space(nfc),
        _outline_space(nfc),
        _letter_digit(nfc),
        _double_space(nfc),
        _tone_style(nfc, tone_style),
    )
    hits = legacy + [h for rule in rules for h in rule if not shielded.overlap(h.start, h.end)]
    findings = [*_nfd_text(text)]
    for hit in hits:
        start, end = where[hit.start], where[hit.end]
        findings.append(
            TextFinding(
                hit.rule, SEVERITY[hit.rule], start, end, _shorten(text[start:end]), hit.message, hit.fix,
            )
        )
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of one character with the combining marks after it."""
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        yield i, j
        i = j


def _nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its offsets (end included) the offset in `text`.

    Normalising one letter with its combining marks at a time keeps the two aligned.
    """
    if nfc(text) == text:
        return text, list(range(len(text) + 1))
    parts: list[str] = []
    where: list[int] = []
    for i, j in _clusters(text):
        cluster = nfc(text[i:j])
        parts.append(cluster)
        where.extend([i] * len(cluster))
    where.append(len(text))
    return "".join(parts), where


def _shorten(excerpt: str, limit: int = 60) -> str:
    return excerpt if len(excerpt) <= limit else excerpt[: limit - 1] + "…"


class _Spans:
    """Spans of a text, asked whether any overlaps a range in a logarithmic time: a text of many
    addresses and many hits stays linear."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max, initial=0))  # furthest end so far

    def overlap(self, start: int, end: int) -> bool:
        return self.reach[bisect_left(self.starts, end)] > start


# Each alternative starts where its address does and never backtracks: linear on any text.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+[^\s.,;:!?)\]”’\"']"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.-])[a-z0-9-]++(?:\.[a-z0-9-]++)++"
    + "(?:" + "|".join(rf"(?<=\.{tld})" for tld in ("vn", "com", "net", "org", "gov", "edu", "info", "int")) + r")\b",
    re.IGNORECASE,
)


def _addresses(text: str) -> list[tuple[int, int]]:
    """URLs, e-mail addresses and domain names: no Vietnamese rule applies inside them."""
    return [m.span() for m in _ADDRESS.finditer(text)]


def _nfd_text(text: str) -> Iterator[TextFinding]:
    """One finding over the words from the first to the last letter not in NFC (or the lookalike Ð)."""
    if nfc(text) == text:
        return
    changed = [(i, j) for i, j in _clusters(text) if nfc(text[i:j]) != text[i:j]]
    if not changed:
        return
    start, end = changed[0][0], changed[-1][1]
    while start and _in_word(text[start - 1]):
        start -= 1
    while end < len(text) and _in_word(text[end]):
        end += 1
    span = text[start:end]
    excerpt = _shorten(span)
    yield TextFinding(
        "nfd-text", SEVERITY["nfd-text"], start, end, excerpt,
        Message(N_('Chữ tiếng Việt trong "%(excerpt)s" chưa ở dạng Unicode dựng sẵn (NFC): chuẩn hóa về NFC.'),
                excerpt=nfc(excerpt)),
        nfc(span),
    )


def _in_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.combining(ch) > 0


def _unknown_words(text: str, allow: tuple[str, ...]) -> Iterator[_Hit]:
    """Glued words and non-syllables, from one pass over the words."""
    for start, end, word, split in unknown_words(text, allow):
        if split:
            suggestion = " ".join(split)
            yield _Hit(
                "glued-word", start, end,
                Message(N_('Hai từ dính liền "%(word)s": tách thành "%(fix)s".'), word=word, fix=suggestion),
                suggestion,
            )
        else:
            yield _Hit(
                "invalid-syllable", start, end,
                Message(N_('"%(word)s" không phải âm tiết tiếng Việt: lỗi gõ, hay từ nước ngoài cần thêm vào danh sách '
                           'cho phép.'), word=word),
            )


_MISSING_SPACE = re.compile(r"[,.;:](?=[^\W_]|[“‘(«])")
_OUTLINE = re.compile(r"^[ \t]*((?:\d+\.)+|[IVXLC]+\.)([^\W\d_]{2,})", re.MULTILINE)
_WORD_AFTER = re.compile(r"[“‘(«]?[^\W_]*")
_CLOSERS = frozenset(")]”’\"»")


def _is_abbreviation(before: str, after: str) -> bool:
    """v.v., a.m., U.S.A: a single letter before the dot; TP.HCM, PGS.TS, Tp.HCM: capitals
    without Vietnamese marks after it. (XIII.Tập is a sentence end.)"""
    single_letter = len(before) == 1 and before.isalpha()
    return single_letter or (after.isupper() and after.isalpha() and not has_marks(after))


def _missing_space(text: str) -> Iterator[_Hit]:
    """`Đảng,Ban`, `kế hoạch,tổ chức`, `năm 2021.Tập trung`: a space belongs after , . ; :

    Not inside numbers, dates and times (1.234,5; 19.5.2021; 7:30), abbreviations (v.v., TP.HCM),
    an ellipsis, nor an outline number at the start of a paragraph (its own rule).
    """
    outlines = [m.span() for m in _OUTLINE.finditer(text)]
    for m in _MISSING_SPACE.finditer(text):
        at, mark = m.start(), m.group()
        begin = at
        while begin and text[begin - 1].isalnum():
            begin -= 1
        before = text[begin:at]
        after = _WORD_AFTER.match(text, at + 1).group()
        if not before and text[at - 1 : at] not in _CLOSERS:
            continue
        if before[-1:].isdigit() and after[:1].isdigit():
            continue
        if mark == "." and (text[at - 1 : at] == "." or _is_abbreviation(before, after)):
            continue
        if any(start <= at < end for start, end in outlines):
            continue
        end = at + 1 + len(after)
        excerpt, fixed = text[begin:end], f"{before}{mark} {after}"
        yield _Hit(
            "space-after-punctuation", begin, end,
            Message(N_('Thiếu dấu cách sau "%(mark)s" trong "%(excerpt)s": viết "%(fix)s".'),
                    mark=mark, excerpt=excerpt, fix=fixed),
            fixed,
        )


def _outline_space(text: str) -> Iterator[_Hit]:
    """`1.Mục đích`, `1.1.Trước`, `I.MỤC TIÊU`: a space follows the number of a heading."""
    for m in _OUTLINE.finditer(text):
        number, word = m.groups()
        excerpt, fixed = text[m.start(1) : m.end()], f"{number} {word}"
        yield _Hit(
            "outline-number-space", m.start(1), m.end(),
            Message(N_('Thiếu dấu cách sau số đề mục trong "%(excerpt)s": viết "%(fix)s".'), excerpt=excerpt, fix=fixed),
            fixed,
        )


_PIECE = re.compile(r"[^\W\d_]+|\d+")
_UNITS = frozenset(("ha",))  # units that happen to be syllables: 20ha is not a lost space


def _letter_digit(text: str) -> Iterator[_Hit]:
    """`số31-QĐ/TW`, `ngày19/5`, `2021của`: a Vietnamese word glued to a number.

    Only words of two letters or more that are syllables count, so Covid-19, F0, 4.0, H5N1,
    km2 and 5G pass.
    """
    for run in re.finditer(r"[^\W_]+", text):
        pieces = list(_PIECE.finditer(run.group()))
        for left, right in zip(pieces, pieces[1:]):
            word = right.group() if left.group().isdigit() else left.group()
            if len(word) < 2 or not is_syllable(word) or (left.group().isdigit() and word.lower() in _UNITS):
                continue
            start, end = run.start() + left.start(), run.start() + right.end()
            excerpt, fixed = text[start:end], f"{left.group()} {right.group()}"
            yield _Hit(
                "letter-digit-glued", start, end,
                Message(N_('Chữ dính liền số trong "%(excerpt)s": viết "%(fix)s".'), excerpt=excerpt, fix=fixed),
                fixed,
            )


_DOUBLE_SPACE = re.compile(r"(?<!\S)(\S++)[ \u00a0]{2,}(?=(\S+))")  # from a word's start: linear


def _double_space(text: str) -> Iterator[_Hit]:
    """`Tỉnh ủy  (để b/c)`: two spaces between words (indentation at a line start is not)."""
    for m in _DOUBLE_SPACE.finditer(text):
        before, after = m.groups()
        end = m.end() + len(after)
        excerpt, fixed = text[m.start() : end], f"{before} {after}"
        yield _Hit(
            "double-space", m.start(), end,
            Message(N_('Thừa dấu cách trong "%(excerpt)s": viết "%(fix)s".'), excerpt=excerpt, fix=fixed),
            fixed,
        )


_STYLE_NAMES = {"old": Message(N_("cũ")), "new": Message(N_("mới"))}


def _style_of(word: str) -> str | None:
    """ "old" for hòa, khỏe, ủy; "new" for hoà, khoẻ, uỷ; None where both styles agree."""
    return next(iter(tone_styles_in(word)), None) if is_syllable(word) else None


def _tone_style(text: str, tone_style: str | None) -> Iterator[_Hit]:
    """`Tỉnh ủy` beside `Cấp uỷ`: one tone-mark style per text, the organisation's or the majority's."""
    styled = [(m, style) for m in re.finditer(r"[^\W\d_]+", text) if (style := _style_of(m.group()))]
    counts = {style: sum(s == style for _, s in styled) for style in TONE_STYLES}
    chosen = tone_style is not None
    if not chosen:
        if not all(counts.values()):
            return
        tone_style = "new" if counts["new"] > counts["old"] else "old"  # a tie keeps the default
    tally = Message(N_("kiểu cũ %(old)s từ, kiểu mới %(new)s từ"), old=counts["old"], new=counts["new"])
    for m, style in styled:
        if style == tone_style:
            continue
        word, fixed = m.group(), apply_tone_style(m.group(), tone_style)
        if counts[style] < counts[tone_style]:
            why = N_("chiếm thiểu số")
        elif chosen:
            why = N_("khác kiểu đã chọn")
        else:
            why = N_("khác kiểu mặc định")
        yield _Hit(
            "mixed-tone-style", m.start(), m.end(),
            Message(N_('"%(word)s" bỏ dấu kiểu %(style)s, %(why)s (%(tally)s): viết "%(fix)s" theo kiểu %(target)s.'),
                    word=word, style=_STYLE_NAMES[style], why=Message(why), tally=tally, fix=fixed,
                    target=_STYLE_NAMES[tone_style]),
            fixed,
        )


# Legacy 8-bit Vietnamese read as Latin-1 / Windows-1252, the way Word shows a .Vn* or VNI-* font
# run once the font is gone. TCVN3 (ABC) gives one byte per letter (§¶ng ñy = Đảng ủy);
# VNI gives a base letter and mark bytes after it (Ñaûng uûy = Đảng ủy).
_TCVN3 = dict(
    zip(
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉËÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ®§¡¢£¤¥¦",
        "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐĂÂÊÔƠƯ",
        strict=True,
    )
)
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_MARKS = {
    "ù": SAC, "ø": HUYEN, "û": HOI, "õ": NGA, "ï": NANG,
    "â": _CIRCUMFLEX, "á": _CIRCUMFLEX + SAC, "à": _CIRCUMFLEX + HUYEN,
    "å": _CIRCUMFLEX + HOI, "ã": _CIRCUMFLEX + NGA, "ä": _CIRCUMFLEX + NANG,
    "ê": _BREVE, "é": _BREVE + SAC, "è": _BREVE + HUYEN,
    "ú": _BREVE + HOI, "ü": _BREVE + NGA, "ë": _BREVE + NANG,
}
_VNI = {
    **dict(zip("ôöñæóòîÔÖÑÆÓÒÎ", "ơưđỉĩịỵƠƯĐỈĨỊỴ", strict=True)),
    **_VNI_MARKS,
    **{mark.upper(): combining for mark, combining in _VNI_MARKS.items()},
}
_ENCODINGS = {"TCVN3 (ABC)": _TCVN3, "VNI": _VNI}
_LEGACY_WORD = re.compile(r"(?<!\w)[A-Za-z\u00a1-\u00ff]*[\u00a1-\u00ff][A-Za-z\u00a1-\u00ff]*(?!\w)")


def _decode(text: str, table: dict[str, str]) -> str:
    return normalize("".join(table.get(ch, ch) for ch in text))


def _legacy_words(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Words that are no syllable as they stand but one once decoded, with the encoding."""
    for m in _LEGACY_WORD.finditer(text):
        if is_syllable(m.group()):
            continue
        for name, table in _ENCODINGS.items():
            if is_syllable(_decode(m.group(), table)):
                yield m, name
                break


def _legacy_encoding(text: str) -> Iterator[_Hit]:
    """`§¶ng ñy` (TCVN3), `Ñaûng uûy` (VNI): text in a pre-Unicode encoding, one finding a line.

    A word counts when it is not a syllable but decodes to one; a line counts when it has two
    such words, since one odd word (µm, a rare syllable like giê) is not an encoding.
    """
    lines: dict[int, list[tuple[re.Match[str], str]]] = {}
    for m, name in _legacy_words(text):
        lines.setdefault(text.rfind("\n", 0, m.start()), []).append((m, name))
    for words in lines.values():
        if len(words) < 2:
            continue
        start, end = words[0][0].start(), words[-1][0].end()
        name = Counter(name for _, name in words).most_common(1)[0][0]
        span = text[start:end]
        decoded = _decode(span, _ENCODINGS[name])
        fix = decoded if all(ord(ch) < 256 for ch in span) else None
        excerpt, reads = _shorten(span), _shorten(decoded)
        yield _Hit(
            "legacy-encoding", start, end,
            Message(N_('Chữ gõ bằng bảng mã cũ %(encoding)s, không phải Unicode: "%(excerpt)s" đọc là "%(reads)s".'),
                    encoding=name, excerpt=excerpt, reads=reads),
            fix,
        )
