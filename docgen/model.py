"""The data docgen works from: an organisation, its plans, its grassroots units.

Every text field is NFC-normalised on the way in (``Ð`` becomes ``Đ``), so the rest of
the code can compare and search Vietnamese text without thinking about it.  Validation
errors are turned into messages that name the field and say what is expected
(:func:`describe_errors`).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.uploads import MAX_DOCUMENT_CHARS
from docgen.vn.dates import date_or_none
from docgen.vn.text import collapse_spaces, normalize


def _clean(value: object) -> object:
    """NFC, one space between words, no stray spaces at the ends; done before the value is read as a
    string, so that what XML cannot hold is dropped (pydantic would refuse a lone surrogate) and an
    empty text is one once cleaned."""
    return collapse_spaces(normalize(value)) if isinstance(value, str) else value


def _normalized(value: object) -> object:
    return normalize(value) if isinstance(value, str) else value


MAX_TEXT_CHARS = 2_000  # a name, a title, a line of a list: a trích yếu or a task is a few hundred
MAX_ITEMS = 500  # lines of a list: citations, recipients, tasks, indicators

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS), BeforeValidator(_clean)]
NonEmptyText = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS), BeforeValidator(_clean), Field(min_length=1)]
LongText = Annotated[str, StringConstraints(max_length=MAX_DOCUMENT_CHARS), BeforeValidator(_normalized)]
Date = Annotated[dt.date | None, BeforeValidator(date_or_none)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class ToneStyle(str, Enum):
    """Where the tone mark sits on ``oa``, ``oe``, ``uy``: ``ủy`` (old) or ``uỷ`` (new)."""

    OLD = "old"
    NEW = "new"


class DocType(str, Enum):
    """Party document types docgen produces, valued by their symbol abbreviation."""

    KE_HOACH = "KH"
    HUONG_DAN = "HD"
    CONG_VAN = "CV"
    BAO_CAO = "BC"

    @property
    def title(self) -> str:
        """The type name printed above the summary (a công văn has none)."""
        return {"KH": "KẾ HOẠCH", "HD": "HƯỚNG DẪN", "CV": "", "BC": "BÁO CÁO"}[self.value]

    @property
    def noun(self) -> str:
        """The type as it is named in a sentence: "Kế hoạch số 15-KH/ĐUK"."""
        return {"KH": "Kế hoạch", "HD": "Hướng dẫn", "CV": "Công văn", "BC": "Báo cáo"}[self.value]


class Organisation(_Model):
    """The issuing committee: what the header, signature and sentences say about it."""

    superior: Text = Field(description="cơ quan cấp trên trực tiếp, e.g. Đảng bộ tỉnh Hưng Yên")
    name: NonEmptyText = Field(description="full name, e.g. Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh")
    short_name: NonEmptyText = Field(description="name used in sentences, e.g. Đảng ủy Khối")
    symbol: NonEmptyText = Field(pattern=r"^[A-ZĐ][A-Za-zĐđ]*$", description="e.g. ĐUK")
    place: NonEmptyText = Field(description="địa danh in the date line, e.g. Hưng Yên")
    collective: NonEmptyText = Field(default="Ban Thường vụ", description="who signs: Ban Thường vụ")
    office: NonEmptyText = Field(default="Văn phòng Đảng ủy", description="for 'Lưu Văn phòng Đảng ủy'")
    lead_board: NonEmptyText = Field(default="Ban Tuyên giáo", description="the board that follows the plan "
                                     "up and receives the units' reports")
    dang_bo: Text = Field(default="", description="the đảng bộ the committee leads, its units' superior "
                          "line; default: the name with Đảng ủy → Đảng bộ")
    tone_style: ToneStyle = ToneStyle.OLD
    term: Text = Field(default="", description="nhiệm kỳ, e.g. 2020 - 2025")

    @property
    def party_organisation(self) -> str:
        """``Đảng bộ Khối Cơ quan - Doanh nghiệp tỉnh``: what its units write above their name."""
        if self.dang_bo:
            return self.dang_bo
        for committee in ("Đảng ủy", "Đảng uỷ"):
            if self.name.startswith(committee):
                return "Đảng bộ" + self.name[len(committee):]
        return self.name


class Signature(_Model):
    """Signature block: ``T/M BAN THƯỜNG VỤ`` / ``PHÓ BÍ THƯ`` / name."""

    authority: NonEmptyText = Field(default="T/M BAN THƯỜNG VỤ")
    title: NonEmptyText = Field(default="BÍ THƯ")
    name: Text = ""


class Indicator(_Model):
    """One row of a unit's report table."""

    name: NonEmptyText
    unit: NonEmptyText = Field(description="đơn vị tính, e.g. cuộc, lượt người, tin bài")
    group: Text = Field(default="", description="the plan's form of work it belongs to")


class UnitTask(_Model):
    """Something every unit must do, with its deadline when there is one."""

    text: NonEmptyText
    deadline: Date = None


class Report(_Model):
    """What units report back: the period, the indicators, the deadline."""

    title: Text = Field(default="", description="trích yếu of the report form")
    period: Text = Field(default="", description="e.g. từ tháng 6/2021 đến tháng 12/2021")
    deadline: Date = None
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_ITEMS)

    def groups(self) -> list[tuple[str, list[Indicator]]]:
        """The indicators by their group (its form of work), groups in the order they first appear."""
        grouped: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            grouped.setdefault(indicator.group, []).append(indicator)
        return list(grouped.items())


MAX_NUMBER = 999_999  # a document's number: far more than a committee issues in a term, and what any database holds


class Plan(_Model):
    """A committee's document held as data; ``body`` is the outline as staff type it."""

    organisation: Organisation
    type: DocType = DocType.KE_HOACH
    number: int | None = Field(default=None, ge=1, le=MAX_NUMBER, description="None leaves the number blank")
    date: Date = None
    summary: NonEmptyText = Field(description="trích yếu, e.g. đẩy mạnh công tác tuyên truyền …")
    basis: list[NonEmptyText] = Field(default_factory=list, max_length=MAX_ITEMS, description="căn cứ: cited documents")
    body: LongText = Field(description="the body as Vietnamese outline text")
    signature: Signature = Field(default_factory=Signature)
    recipients: list[NonEmptyText] = Field(default_factory=list, max_length=MAX_ITEMS)
    unit_tasks: list[UnitTask] = Field(default_factory=list, max_length=MAX_ITEMS)
    report: Report = Field(default_factory=Report)


DEFAULT_SYMBOLS = {"dang-bo": "ĐU", "chi-bo": "CB"}
# A units list writes a unit's đoàn thể in one cell, apart by "," or ";".
UnionName = Annotated[str, BeforeValidator(_clean), Field(min_length=1, pattern=r"^[^,;]+$")]


class Unit(_Model):
    """A grassroots party organisation (đảng bộ cơ sở or chi bộ cơ sở).

    ``name`` is the body it is the party organisation of (``Sở Tài chính``), without the
    ``Đảng bộ`` / ``Chi bộ`` in front: the documents put the right word there.
    """

    code: NonEmptyText
    name: NonEmptyText
    kind: Annotated[str, Field(pattern=r"^(dang-bo|chi-bo)$")]
    symbol: Text = ""
    secretary: Text = ""
    deputy: Text = ""
    place: Text = ""
    email: Text = ""
    # How its documents speak of it (docgen.wording): as the units list says, inferred from the
    # name only where it says nothing.
    sector: Text = Field(default="", description="khối/lĩnh vực as typed: Doanh nghiệp, Cơ quan hành chính …")
    noun: Text = Field(default="", description="what it calls itself: Sở, Nhà trường, cơ quan Báo …")
    chi_uy: bool | None = Field(default=None, description="whether a chi bộ has a chi ủy; None: not known")
    unions: tuple[UnionName, ...] = Field(default=(), description="its đoàn thể: Công đoàn, Đoàn Thanh niên …")

    @model_validator(mode="after")
    def _default_symbol(self) -> Unit:
        """The symbol most units use, when none is given: ĐU for a đảng ủy, CB for a chi bộ."""
        if not self.symbol:
            self.symbol = DEFAULT_SYMBOLS[self.kind]
        return self

    @property
    def is_dang_bo(self) -> bool:
        return self.kind == "dang-bo"

    @property
    def committee(self) -> str:
        """Who issues its documents: ``Đảng ủy Sở Tài chính`` or ``Chi bộ Sở Tư pháp``."""
        return f"{'Đảng ủy' if self.is_dang_bo else 'Chi bộ'} {self.name}"


# What a field expects, for the error kinds a person can cause.
_EXPECTED = {
    "missing": N_("bắt buộc, chưa có"),
    "string_too_short": N_("không được để trống"),
    "string_type": N_("phải là chữ"),
    "int_parsing": N_("phải là số nguyên"),
    "int_type": N_("phải là số nguyên"),
    "greater_than_equal": N_("phải từ %(ge)s trở lên"),
    "less_than_equal": N_("phải từ %(le)s trở xuống"),
    "string_too_long": N_("dài tối đa %(max_length)s ký tự"),
    "too_long": N_("nhiều nhất %(max_length)s mục"),
    "date_parsing": N_("phải là ngày (ngày/tháng/năm)"),
    "date_from_datetime_parsing": N_("phải là ngày (ngày/tháng/năm)"),
    "date_type": N_("phải là ngày (ngày/tháng/năm)"),
    "enum": N_("không có trong danh sách được chọn"),
    "extra_forbidden": N_("không có mục này"),
    "list_type": N_("phải là danh sách"),
    "dict_type": N_("phải là một nhóm mục"),
}
_PATTERN_HINTS = {
    "symbol": N_("chỉ gồm chữ in hoa, không dấu cách, ví dụ ĐUK"),
    "kind": N_("“Đảng bộ cơ sở” hoặc “Chi bộ cơ sở”"),
}


def expected(item: dict) -> Message:
    """What a pydantic error item's field expects (for the web app, units and plan files); a
    validator's own refusal (a date not on the calendar) says it itself."""
    context = item.get("ctx", {})
    if isinstance(context.get("error"), BadInput):
        return context["error"].message
    if item["type"] == "string_pattern_mismatch":
        field = str(item["loc"][-1]) if item["loc"] else ""
        return Message(_PATTERN_HINTS.get(field, N_("không đúng dạng")))
    return Message(_EXPECTED.get(item["type"], N_("giá trị không hợp lệ")), **context)


def describe_errors(error: ValidationError) -> list[Message]:
    """One line per problem: the field's dotted path, then what is expected."""
    return [Message("%(field)s: %(problem)s", field=".".join(str(part) for part in item["loc"]) or "–",
                    problem=expected(item)) for item in error.errors()]


class InvalidData(BadInput):
    """Data that does not fit the model; ``problems`` holds one line per bad field."""

    def __init__(self, source: str, problems: list[Message]):
        self.source = source
        self.problems = problems
        super().__init__("%(source)s: %(problems)s", source=source, problems=problems)
