"""The declared shape of each kind's context: what a template may read, and nothing more.

Each field says in a line what it holds, with an example from the seed plan, so that a reference of
the variables for template authors can be made from these types.  Validation (pydantic) refuses keys
a type does not declare (``closed``, PEP 728).  Typing only: the command line reads the kinds, and
so these types, before it knows whether it will render anything.
"""

from collections.abc import Sequence
from typing import Annotated, Literal, NotRequired

from typing_extensions import TypedDict


class _HeaderLines(TypedDict):
    superior: Annotated[str, "the body above the issuer, upper case: ĐẢNG BỘ TỈNH HƯNG YÊN"]
    issuer: Annotated[str, "who issues the document, upper case: ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH"]
    number: Annotated[str, "the number line, blank for the registry when unnumbered: Số 15-KH/ĐUK, Số       -KH/ĐU"]
    place_date: Annotated[str, "the place and date line: Hưng Yên, ngày 25 tháng 5 năm 2021"]


class Header(_HeaderLines, closed=True):
    """The two-column header: issuer and number on the left, the place and date on the right."""


class LetterHeader(_HeaderLines, closed=True):
    """A công văn's header: the summary goes under the number, as there is no type name."""

    letter_summary: Annotated[str, "trích yếu under the number: Về việc triển khai thực hiện Kế hoạch số 15-KH/ĐUK"]


class Paragraph(TypedDict, closed=True):
    """One paragraph of the body, styled by its kind."""

    kind: Annotated[
        Literal["roman", "number", "number2", "number3", "letter", "dash", "plus", "text", "runin", "fill"],
        "its style: an outline level (roman I., number 1., number2 1.1., number3 1.1.1., letter a), dash -, "
        "plus +), text (a plain paragraph), runin (a numbered sentence: the marker bold, the text plain) or "
        "fill (a dotted line to write on, with no text)",
    ]
    marker: Annotated[str, "the outline marker as typed, empty for text and fill: I., 1., a), -"]
    text: Annotated[str, "the paragraph as printed, its marker first except for runin: 1. Mục đích"]


class Signature(TypedDict, closed=True):
    """The signer's block on the right, under the body."""

    authority: Annotated[str, "on whose behalf: T/M BAN THƯỜNG VỤ, T/M ĐẢNG ỦY, T/M CHI BỘ"]
    title: Annotated[str, "the signer's position: PHÓ BÍ THƯ"]
    name: Annotated[str, "the signer's name as the data spells it, empty to be written by hand: Trần Quốc Toản"]


class Properties(TypedDict, closed=True):
    """The .docx file's own properties (not printed)."""

    subject: Annotated[str, "the document's type and summary: Kế hoạch đẩy mạnh công tác tuyên truyền …"]
    author: Annotated[str, "who issues it: Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh"]
    custom: NotRequired[Annotated[dict[str, str], "custom properties naming what a returned document belongs to "
                                  "(a report form's plan and unit): docgen.unit: DB01"]]


class _IndicatorRow(TypedDict):
    """A row of a table of the plan's indicators: a group of them (its name across the table), or one."""

    group: Annotated[bool, "a group's row: its Roman number and its name across the table"]
    number: Annotated[str, "STT: I for a group, 3 for an indicator (counted across the groups)"]
    name: Annotated[str, "nội dung, the group's or the indicator's: Hội nghị quán triệt, học tập, báo cáo viên"]
    unit: Annotated[str, "đơn vị tính, empty for a group: cuộc"]


class Indicator(_IndicatorRow, closed=True):
    """One row of a report form's table: an indicator for the unit to fill in, or the group of those below it."""

    value: Annotated[str, "số lượng, empty on the form"]
    note: Annotated[str, "ghi chú, empty on the form"]


class FormMark(TypedDict, closed=True):
    """What marks a report form as the form sent with a letter, above its title."""

    number: Annotated[str, "the form's number: Mẫu số 01"]
    attached: Annotated[str, "what it is sent with, in brackets: (Kèm theo Công văn số       -CV/ĐUK ngày …)"]


Body = Annotated[Sequence[Paragraph], "the body paragraphs in order"]
Recipients = Annotated[Sequence[str], "Nơi nhận, one line each, punctuated: - Ban Tuyên giáo Tỉnh ủy (để b/c),"]


class _Document(TypedDict):
    signature: Signature
    recipients: Recipients
    properties: Properties


class TypedDocument(_Document, closed=True):
    """A typed document (Kế hoạch, Hướng dẫn): header, type name and summary, body, signature."""

    header: Header
    title: Annotated[str, "the type name, upper case: KẾ HOẠCH"]
    summary: Annotated[str, "trích yếu under the type name: đẩy mạnh công tác tuyên truyền sau Đại hội …"]
    body: Body


class Letter(_Document, closed=True):
    """A công văn: the summary in the header, no type name, a Kính gửi line before the body."""

    header: LetterHeader
    salutation: Annotated[str, "the addressee line: Kính gửi: Đảng ủy Sở Tài chính"]
    body: Body


class ReportForm(_Document, closed=True):
    """A unit's report form: a typed document with its period and a table between two parts of the body."""

    header: Header
    form: FormMark
    title: Annotated[str, "the type name: BÁO CÁO"]
    summary: Annotated[str, "what is reported: kết quả tuyên truyền sau Đại hội … năm 2021"]
    period: Annotated[str, "the period reported, in brackets, or empty: (từ ngày 25/5/2021 đến ngày 30/11/2021)"]
    body: Annotated[Sequence[Paragraph], "the paragraphs before the table"]
    indicators: Annotated[Sequence[Indicator], "the table's rows: each group of the plan's indicators, then its "
                          "indicators"]
    closing: Annotated[Sequence[Paragraph], "the paragraphs after the table"]


class TotalRow(_IndicatorRow, closed=True):
    """One row of a summary report's totals: a group of indicators (its name across the table), or an
    indicator with the totals of the đảng bộ cơ sở, of the chi bộ cơ sở and of both."""

    dang_bo: Annotated[str, "the đảng bộ cơ sở's total, as printed: 1.250"]
    chi_bo: Annotated[str, "the chi bộ cơ sở's total: 37"]
    total: Annotated[str, "all units' total: 1.287"]


class AnnexRow(TypedDict, closed=True):
    """One row of an annexed table of figures."""

    emphasis: Annotated[bool, "a row in bold: a kind of unit's heading, its subtotal, the grand total"]
    number: Annotated[str, "STT: 1; I for a kind of unit; empty for a total"]
    name: Annotated[str, "a unit's name, or what the row heads or sums: Sở Tài chính; Cộng"]
    figures: Annotated[Sequence[str], "one figure per column, as printed, empty when not reported: 1.250"]


class _AnnexTitle(TypedDict):
    heading: Annotated[str, "the annex's heading: Phụ lục"]
    attached: Annotated[str, "the document it goes with, in brackets: (Kèm theo Báo cáo số       -BC/ĐUK của …)"]
    title: Annotated[str, "what it holds, upper case: SỐ LIỆU BÁO CÁO CỦA CÁC ĐẢNG BỘ, CHI BỘ CƠ SỞ"]
    name_title: Annotated[str, "the title of the units' column: Đảng bộ, chi bộ cơ sở"]


class FiguresAnnex(_AnnexTitle, closed=True):
    """A wide table of figures after the signature, on landscape pages: a row per unit, a column per
    indicator."""

    columns: Annotated[Sequence[str], "each figure column's title: Hội nghị quán triệt, học tập, báo cáo viên (cuộc)"]
    rows: Annotated[Sequence[AnnexRow], "the rows, in order"]


class ListedUnit(TypedDict, closed=True):
    """One line of an annexed list of units."""

    number: Annotated[str, "STT: 1"]
    name: Annotated[str, "the unit as addressed: Đảng ủy Sở Nội vụ"]


class ListAnnex(_AnnexTitle, closed=True):
    """A list of units after the signature, on a page of its own; no rows, no annex."""

    rows: Annotated[Sequence[ListedUnit], "the units listed, in the units list's order"]


class SummaryReport(_Document, closed=True):
    """The committee's report to the level above, made from its units' returned reports: the totals
    table between two parts of the body, every unit's figures annexed."""

    header: Header
    title: Annotated[str, "the type name: BÁO CÁO"]
    summary: Annotated[str, "what is reported: tổng hợp kết quả tuyên truyền sau Đại hội … năm 2021"]
    period: Annotated[str, "the period reported, in brackets, or empty: (từ ngày 25/5/2021 đến ngày 30/11/2021)"]
    body: Annotated[Sequence[Paragraph], "the paragraphs before the totals table"]
    totals: Annotated[Sequence[TotalRow], "the totals table's rows: each group, then its indicators"]
    closing: Annotated[Sequence[Paragraph], "the paragraphs after the table: the units' narrative, attributed"]
    annex: FiguresAnnex


class Reminder(_Document, closed=True):
    """A công văn đôn đốc to the units that have not reported: named under Kính gửi when they are few,
    else listed in an annex."""

    header: LetterHeader
    salutation: Annotated[str, "the addressee line: Kính gửi: Đảng ủy Sở Nội vụ; Kính gửi:"]
    addressees: Annotated[Sequence[str], "the addressees under a bare Kính gửi:, one line each: - Chi bộ Báo Hưng Yên;"]
    body: Body
    annex: ListAnnex
