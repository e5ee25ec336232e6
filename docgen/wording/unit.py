"""Who a document is written for: a unit described well enough to write for it, and the committee's names.

A unit's sector, noun, people, work and leadership are inferred from its name by the table
(``sectors.yaml``); what the units list says (sector, noun, chi ủy, đoàn thể) wins over the inference.
The helpers ``parse_*`` read those columns of the units list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.vn.text import collapse_spaces, fold, normalize
from docgen.wording.table import CHI_UY_STATES, ORG_FIELDS, Table, UnitType, default_table, fill, name_key

MAX_NOUN_CHARS = 60
MAX_UNIONS = 10
MAX_UNION_CHARS = 100
# A name abbreviated in plans has a few words after its type's (Hội VH-NT, Văn phòng UBND).
_MAX_INITIALS = 4

# How the units list may say whether a chi bộ has a chi ủy, folded (lower case, no marks).
_CHI_UY_SPELLINGS = {
    True: {"co", "co chi uy", "x", "yes", "true", "1"},
    False: {"khong", "khong co", "khong co chi uy", "no", "false", "0"},
    None: {"", "chua ro"},
}


@dataclass(frozen=True)
class OrgNames:
    """The committee's names as its plans write them. Rules say ``{org}``, ``{board}`` … and never the
    names themselves, which change when the Party reorganises its committees."""

    org: str
    """The short name used in sentences: ``Đảng ủy Khối``."""
    symbol: str
    """``ĐUK``."""
    bloc: str
    """What its plans call all its units together, as in "trong Khối": ``Khối`` (see :func:`bloc_of`)."""
    board: str
    """The board that follows plans up: ``Ban Tuyên giáo Đảng ủy Khối``."""
    issuer: str
    """Who issues its plans: ``Ban Thường vụ Đảng ủy Khối``."""
    office: str
    """``Văn phòng Đảng ủy Khối``."""

    def placeholders(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in ORG_FIELDS}


def bloc_of(short_name: str) -> str:
    """``Khối`` from ``Đảng ủy Khối``; "" when the short name is no more than ``Đảng ủy`` (rules that
    need it then do not apply)."""
    committee = "đảng ủy "
    return short_name[len(committee):].strip() if name_key(short_name).startswith(committee) else ""


@dataclass(frozen=True)
class UnitProfile:
    """A grassroots unit as its documents speak of it (see :func:`describe`); hashable, so derived
    text can be cached by it."""

    name: str
    kind: str
    """``dang-bo`` or ``chi-bo``."""
    sector: str
    """A sector id of the table: ``hanh-chinh``, ``su-nghiep``, ``doanh-nghiep``, ``vu-trang``, ``khac``."""
    type: str
    """The id of the type its name shows (``so``, ``truong``, ``bao`` …); "" when it shows none."""
    noun: str
    """What it calls itself: ``Sở``, ``Nhà trường``, ``cơ quan Báo``, ``Công ty``."""
    people: str
    work: str
    head: str
    """The leadership (chuyên môn) its party organisation works with: ``lãnh đạo Sở``, ``Ban Giám hiệu``."""
    chi_uy: bool | None
    """Whether a chi bộ has a chi ủy; None when not known."""
    unions: tuple[str, ...]
    """Its đoàn thể as the units list names them; () when not known."""
    executive: str
    """Who carries its party tasks: ``Đảng ủy``, ``Chi ủy Chi bộ``, ``Bí thư Chi bộ``, ``Chi bộ`` (neutral)."""
    unions_phrase: str
    """Its đoàn thể in a sentence: ``Công đoàn và Đoàn Thanh niên``; ``các đoàn thể`` when not known."""
    name_forms: tuple[str, ...]
    """How plans name it: ``Hội Văn học - Nghệ thuật tỉnh``, ``Hội Văn học - Nghệ thuật``, ``Hội VH-NT``."""

    @property
    def executive_name(self) -> str:
        """``Chi ủy Chi bộ Sở Tư pháp``, ``Bí thư Chi bộ Sở Tư pháp``, ``Đảng ủy Sở Tài chính`` …"""
        return f"{self.executive} {self.name}"

    def placeholders(self) -> dict[str, str]:
        return {"name": self.name, "noun": self.noun, "people": self.people, "work": self.work,
                "head": self.head, "executive": self.executive, "executive_name": self.executive_name,
                "unions": self.unions_phrase}


def describe(name: str, kind: str, *, sector: str = "", noun: str = "", chi_uy: bool | None = None,
             unions: Iterable[str] = (), table: Table | None = None) -> UnitProfile:
    """The unit called ``name`` (without ``Đảng bộ``/``Chi bộ`` in front) of ``kind`` (``dang-bo``,
    ``chi-bo``); ``sector`` (an id), ``noun``, ``chi_uy`` and ``unions`` as the units list gives them,
    kept exactly, else inferred from the name."""
    table = table or default_table()
    name = collapse_spaces(normalize(name))
    if not name:
        raise BadInput(N_("tên đơn vị không được để trống"))
    if kind not in table.executive:
        raise BadInput(N_("loại đơn vị “%(kind)s” không có; có: %(kinds)s"), kind=kind, kinds=", ".join(table.executive))
    if sector and sector not in table.sectors:
        raise BadInput(N_("khối/lĩnh vực “%(sector)s” không có; có: %(sectors)s"), sector=sector,
                       sectors=", ".join(table.sectors))
    noun = parse_noun(noun)
    unit_type, start = _type_of(name, table)
    sector = sector or (unit_type.sector if unit_type else table.other)
    base = table.sectors[sector]
    own = unit_type if unit_type and unit_type.sector == sector else None
    noun = noun or (unit_type.noun if unit_type else base.noun)
    unions = tuple(filter(None, (collapse_spaces(normalize(union)) for union in unions)))
    return UnitProfile(
        name=name, kind=kind, sector=sector, type=unit_type.id if unit_type else "", noun=noun,
        people=(own and own.people) or base.people,
        work=fill((own and own.work) or base.work, {"noun": noun}),
        head=fill((own and own.head) or base.head, {"noun": noun}),
        chi_uy=chi_uy, unions=unions, executive=table.executive[kind][CHI_UY_STATES[chi_uy]],
        unions_phrase=_listed(unions) or table.unions_unknown, name_forms=_name_forms(name, start),
    )


def _type_of(name: str, table: Table) -> tuple[UnitType | None, str]:
    """The type whose longest first words the name starts with, and those words as the name writes them."""
    key = name_key(name)
    for start, type_id in table.starts:
        if key == start or key.startswith(start + " "):
            return table.types[type_id], name[:len(start)]
    return None, ""


def _listed(items: tuple[str, ...]) -> str:
    """``A``, ``A và B``, ``A, B và C``."""
    return " và ".join(filter(None, (", ".join(items[:-1]), items[-1]))) if items else ""


def _name_forms(name: str, start: str) -> tuple[str, ...]:
    """The name; without a last ``tỉnh``; and, when the rest is short, its type's words with the
    initials of the rest, as plans abbreviate (``Hội VH-NT``, ``Đài PT-TH``, ``Văn phòng UBND``)."""
    forms = [name]
    core = name.removesuffix(" tỉnh")
    if core != name and len(core) > len(start):
        forms.append(core)
    groups = [[word for word in group.split() if word[0].isalpha() and word != "và"]
              for group in core[len(start):].split(" - ")] if start else []
    if 2 <= sum(map(len, groups)) <= _MAX_INITIALS:
        forms.append(f"{start} " + "-".join("".join(map(_initial, group)) for group in groups if group))
    return tuple(forms)


def _initial(word: str) -> str:
    """``U`` for ``Ủy``, ``Đ`` for ``Đài``: abbreviations keep đ and drop the other marks."""
    return unicodedata.normalize("NFD", word[0])[0].upper()


# -- the columns of the units list ----------------------------------------------------------


def parse_sector(value: str, table: Table | None = None) -> str:
    """A sector id from what the units list says (its label, id or an alias); "" for a blank cell."""
    table = table or default_table()
    folded = fold(value).replace("-", " ")
    if not folded:
        return ""
    for sector in table.sectors.values():
        if folded in {fold(spelling).replace("-", " ") for spelling in (sector.id, sector.label, *sector.aliases)}:
            return sector.id
    labels = ", ".join(f"“{sector.label}”" for sector in table.sectors.values())
    raise BadInput(N_("“%(value)s” không phải khối/lĩnh vực; ghi một trong: %(labels)s, hoặc để trống để nhận ra "
                      "từ tên đơn vị"), value=value, labels=labels)


def parse_noun(value: str) -> str:
    """What the unit calls itself, as the units list writes it ("" when it says nothing)."""
    noun = collapse_spaces(normalize(value))
    if len(noun) > MAX_NOUN_CHARS:
        raise BadInput(N_("danh xưng dài tối đa %(max)s ký tự"), max=MAX_NOUN_CHARS)
    return noun


def parse_chi_uy(value: str) -> bool | None:
    """Whether a chi bộ has a chi ủy, from ``Có``/``Không``; None for a blank cell (not known)."""
    folded = fold(value)
    for state, spellings in _CHI_UY_SPELLINGS.items():
        if folded in spellings:
            return state
    raise BadInput(N_("“%(value)s”: ghi “Có” (chi bộ có chi ủy), “Không” (chỉ có bí thư) hoặc để trống (chưa rõ)"),
                   value=value)


def chi_uy_label(state: bool | None) -> str:
    """What the units list writes back: ``Có``, ``Không``, or a blank when not known."""
    return "" if state is None else CHI_UY_STATES[state].capitalize()


def parse_unions(value: str) -> tuple[str, ...]:
    """The đoàn thể of a unit, separated by ``,`` or ``;``: ``Công đoàn, Đoàn Thanh niên``."""
    unions = tuple(filter(None, (collapse_spaces(normalize(part)) for part in value.replace(";", ",").split(","))))
    if len(unions) > MAX_UNIONS:
        raise BadInput(N_("tối đa %(max)s đoàn thể, cách nhau bằng dấu phẩy"), max=MAX_UNIONS)
    for union in unions:
        if len(union) > MAX_UNION_CHARS:
            raise BadInput(N_("tên đoàn thể “%(union)s…” dài quá %(max)s ký tự"), union=union[:40], max=MAX_UNION_CHARS)
    return unions


def unions_cell(unions: Iterable[str]) -> str:
    """What the units list writes back: ``Công đoàn, Đoàn Thanh niên``."""
    return ", ".join(unions)
