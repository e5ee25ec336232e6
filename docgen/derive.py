"""From the committee's plan and one unit to the context of each of that unit's documents.

Derived documents are written as outline text and rendered through the same path as the
plan itself, so they get the same styles, numbering and checks.  Wording that depends on the
unit (who it is, what it calls itself, whom it has under it) is decided here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docgen import outline
from docgen.context import (
    HouseStyle,
    body_paragraphs,
    house_style,
    in_house_style,
    in_tone_style,
    number_line,
    paragraphs_of,
    recipient_lines,
    text_paragraph,
)
from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.kinds import get_kind
from docgen.model import DocType, Plan, Unit
from docgen.reports.identity import form_properties
from docgen.vn.dates import place_date, short_date
from docgen.vn.numbers import to_roman
from docgen.vn.text import fold, upper


# How a unit's body refers to itself, by the first words of its name (longest first).
SELF_NAMES = (
    ("tổng công ty", "Tổng công ty"),
    ("công ty", "Công ty"),
    ("chi cục", "Chi cục"),
    ("cục", "Cục"),
    ("sở", "Sở"),
    ("ban", "Ban"),
    ("văn phòng", "Văn phòng"),
    ("trường", "Nhà trường"),
    ("bệnh viện", "Bệnh viện"),
    ("ngân hàng", "Ngân hàng"),
    ("kho bạc", "Kho bạc"),
    ("bảo hiểm", "cơ quan"),
    ("báo", "Báo"),
    ("đài", "Đài"),
    ("hội", "Hội"),
    ("liên đoàn", "Liên đoàn"),
    ("trung tâm", "Trung tâm"),
    ("viện", "Viện"),
    ("quỹ", "Quỹ"),
    ("thanh tra", "cơ quan"),
)


def self_name(unit: Unit) -> str:
    """``Công ty``, ``Sở``, ``Nhà trường`` …; ``đơn vị`` when the name says nothing."""
    lowered = unit.name.lower()
    for prefix, name in SELF_NAMES:
        if lowered == prefix or lowered.startswith(prefix + " "):
            return name
    return "đơn vị"


@dataclass(frozen=True)
class Citation:
    """How documents cite the committee's plan."""

    plan: Plan

    @property
    def numbered(self) -> str:
        """``Kế hoạch số 15-KH/ĐUK``, as a summary cites it."""
        plan = self.plan
        symbol = number_line(plan.number, plan.type, plan.organisation.symbol).removeprefix("Số ").strip()
        return f"{plan.type.noun} số {symbol}"

    @property
    def reference(self) -> str:
        """``Kế hoạch số 15-KH/ĐUK ngày 25/5/2021``."""
        dated = f" ngày {short_date(self.plan.date)}" if self.plan.date else ""
        return f"{self.numbered}{dated}"

    @property
    def issuer(self) -> str:
        """``Ban Thường vụ Đảng ủy Khối``."""
        org = self.plan.organisation
        return f"{org.collective} {org.short_name}"

    @property
    def board(self) -> str:
        """``Ban Tuyên giáo Đảng ủy Khối``: who follows the plan up."""
        org = self.plan.organisation
        return f"{org.lead_board} {org.short_name}"

    @property
    def report_to(self) -> str:
        """Where units send their reports."""
        return f"{self.issuer} (qua {self.board})"

    @property
    def report_title(self) -> str:
        """What the units report, as their form's trích yếu: ``kết quả tuyên truyền sau Đại hội …``."""
        return self.plan.report.title or f"kết quả thực hiện {self.numbered} của {self.issuer}"

    @property
    def full(self) -> str:
        """``Kế hoạch số 15-KH/ĐUK ngày 25/5/2021 của Ban Thường vụ Đảng ủy Khối về …``."""
        return f"{self.reference} của {self.issuer} về {self.plan.summary}"


# -- reading the committee's plan ---------------------------------------------------------


@lru_cache(maxsize=16)
def _split_sections(body: str) -> tuple[list[outline.Node], list[outline.Node]]:
    """The plan's Roman sections that units carry out, and its "tổ chức thực hiện" section's items.

    Parsed once per plan text and shared by every unit: callers must not change the nodes."""
    carried, organisation = [], []
    for node in outline.parse(body):
        if node.kind != "roman":
            continue
        if "to chuc thuc hien" in fold(node.text):
            organisation = node.children
        else:
            carried.append(node)
    return carried, organisation


def _grassroots_duties(organisation: list[outline.Node]) -> list[str]:
    """What the plan asks of grassroots committees: the items under "Cấp ủy cơ sở"."""
    for node in organisation:
        if re.search(r"cap uy co so|dang bo, chi bo co so|co so dang", fold(node.text)):
            return [child.text for child in node.children if child.kind in ("dash", "plus", "text")]
    return []


def _adapt(text: str, own: str, dang_bo: bool) -> str:
    """Reword a committee sentence for a unit that calls itself ``own``: "trong Khối" → "trong Công ty"."""
    text = re.sub(r"\bCác cơ quan, đơn vị trong Khối\b",
                  "Các chi bộ trực thuộc, các đoàn thể" if dang_bo else "Chi bộ và các đoàn thể", text)
    return re.sub(r"\btrong Khối\b", f"trong {own}", text)


def _copy_adapted(nodes: list[outline.Node], own: str, dang_bo: bool) -> list[outline.Node]:
    return [
        outline.Node(node.kind, node.marker, _adapt(node.text, own, dang_bo),
                     _copy_adapted(node.children, own, dang_bo))
        for node in nodes
    ]


@lru_cache(maxsize=64)
def _carried_paragraphs(body: str, own: str, dang_bo: bool, style: HouseStyle) -> tuple[dict[str, str], ...]:
    """The plan's sections as a unit carries them out: shared by all units alike in kind and name."""
    carried, _ = _split_sections(body)
    return tuple(in_tone_style(paragraphs_of(_copy_adapted(carried, own, dang_bo)), style))


# -- the documents ------------------------------------------------------------------------


def _unit_header(plan: Plan, unit: Unit, doc_type: DocType) -> dict[str, str]:
    org = plan.organisation
    year = (plan.date or dt.date.today()).year
    return {
        "superior": upper(org.party_organisation),
        "issuer": upper(unit.committee),
        "number": number_line(None, doc_type, unit.symbol),
        "place_date": place_date(unit.place or org.place, None, year),
    }


def committee_header(plan: Plan, doc_type: DocType, letter_summary: str = "") -> dict[str, str]:
    org = plan.organisation
    year = (plan.date or dt.date.today()).year
    header = {
        "superior": upper(org.superior),
        "issuer": upper(org.name),
        "number": number_line(None, doc_type, org.symbol),
        "place_date": place_date(org.place, None, year),
    }
    if letter_summary:
        header["letter_summary"] = letter_summary
    return header


def _unit_signature(unit: Unit) -> dict[str, str]:
    return {
        "authority": "T/M ĐẢNG ỦY" if unit.is_dang_bo else "T/M CHI BỘ",
        "title": "BÍ THƯ",
        "name": unit.secretary,
    }


def by_deadline(date) -> str:
    return f" trước ngày {short_date(date)}" if date else ""


def _task_lines(plan: Plan) -> list[str]:
    """What every unit must do, one sentence each, with its deadline."""
    return [f"{task.text}{by_deadline(task.deadline)}." for task in plan.unit_tasks]


def finish(context: dict[str, Any], style: HouseStyle, subject: str, author: str) -> dict[str, Any]:
    """Document properties, then the house style over every string."""
    context["properties"] = {"subject": subject, "author": author}
    return in_house_style(context, style)


def unit_plan_context(plan: Plan, unit: Unit) -> dict[str, Any]:
    """The unit's own Kế hoạch thực hiện."""
    citation = Citation(plan)
    carried, organisation = _split_sections(plan.body)
    own = self_name(unit)
    opening = f"Thực hiện {citation.full}, {unit.committee} xây dựng kế hoạch thực hiện như sau:"
    separator = carried[0].marker[-1] if carried else "."
    lines = [f"{to_roman(len(carried) + 1)}{separator} TỔ CHỨC THỰC HIỆN"]
    lines.append(f"1. {unit.committee if unit.is_dang_bo else f'Chi ủy {unit.committee}'}")
    for duty in _grassroots_duties(organisation):
        lines.append(f"- {_adapt(duty, own, unit.is_dang_bo)}")
    lines += [f"- {line}" for line in _task_lines(plan)]
    lines.append(f"- Theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này; báo cáo kết quả về "
                 f"{citation.report_to}{by_deadline(plan.report.deadline)}.")
    if unit.is_dang_bo:
        lines += [
            "2. Các chi bộ trực thuộc",
            "- Căn cứ Kế hoạch này, xây dựng kế hoạch tuyên truyền phù hợp với nhiệm vụ của chi bộ; "
            "phổ biến đến toàn thể đảng viên và người lao động.",
            f"- Báo cáo kết quả thực hiện về {unit.committee} theo quy định.",
        ]
    else:
        lines += [
            "2. Đảng viên trong Chi bộ",
            "- Gương mẫu học tập, tuyên truyền Nghị quyết; tích cực đăng tải, chia sẻ thông tin tích cực "
            "trên các trang mạng cá nhân; đấu tranh, phản bác các quan điểm sai trái, thù địch.",
        ]
    addressees = "các chi bộ trực thuộc, các đoàn thể" if unit.is_dang_bo else "các đồng chí đảng viên, các đoàn thể"
    lines += [
        f"3. Công đoàn, Đoàn Thanh niên và các đoàn thể trong {own}",
        f"- Phối hợp tổ chức tuyên truyền, vận động đoàn viên, hội viên và người lao động thực hiện tốt "
        f"Kế hoạch này, gắn với các phong trào thi đua yêu nước của {own}.",
        f"Trên đây là Kế hoạch thực hiện {citation.reference} của {citation.issuer}; đề nghị {addressees} "
        f"nghiêm túc triển khai thực hiện.",
    ]
    recipients = [f"{citation.issuer} (để b/c)", citation.board]
    if unit.is_dang_bo:
        recipients += ["Các chi bộ trực thuộc (để thực hiện)", "Lưu Văn phòng Đảng ủy"]
    else:
        recipients += ["Các đồng chí đảng viên (để thực hiện)", "Lưu Chi bộ"]
    style = house_style(plan, unit)
    # The plan's own sections are the committee's text, in its style: shared by all units alike.
    carried = _carried_paragraphs(plan.body, own, unit.is_dang_bo, house_style(plan))
    body = [text_paragraph(opening, style), *carried,
            *body_paragraphs("\n".join(lines), style)]
    context = {
        "header": _unit_header(plan, unit, DocType.KE_HOACH),
        "title": DocType.KE_HOACH.title,
        "summary": plan.summary,
        "body": body,
        "signature": _unit_signature(unit),
        "recipients": recipient_lines(recipients),
    }
    return finish(context, style, f"Kế hoạch {plan.summary}", unit.committee)


def letter_context(plan: Plan, unit: Unit) -> dict[str, Any]:
    """The committee's Công văn asking one unit to carry the plan out, with deadlines."""
    citation = Citation(plan)
    summary = f"Về việc triển khai thực hiện {citation.numbered}"
    lines = [
        f"Thực hiện {citation.full}, {citation.issuer} đề nghị {unit.committee} "
        f"triển khai thực hiện một số nội dung sau:",
    ]
    tasks = _task_lines(plan)
    tasks.append(
        f"Báo cáo kết quả thực hiện (theo mẫu gửi kèm) về {citation.report_to}{by_deadline(plan.report.deadline)}."
    )
    lines += [f"{number}. {task}" for number, task in enumerate(tasks, start=1)]
    lines.append(f"Đề nghị {unit.committee} quan tâm, chỉ đạo thực hiện./.")
    org, style = plan.organisation, house_style(plan, unit)
    context = {
        "header": committee_header(plan, DocType.CONG_VAN, summary),
        "salutation": f"Kính gửi: {unit.committee}",
        "body": body_paragraphs("\n".join(lines), style),
        "signature": plan.signature.model_dump(),
        "recipients": recipient_lines(["Như trên", citation.board, f"Lưu {org.office}"]),
    }
    return finish(context, style, summary, org.name)


def guidance_context(plan: Plan, unit: Unit | None = None) -> dict[str, Any]:
    """The committee's Hướng dẫn on carrying the plan out; addressed to one unit when given."""
    citation = Citation(plan)
    carried, organisation = _split_sections(plan.body)
    purpose = next((node for node in carried if "muc dich" in fold(node.text)), None)
    lines = [f"Thực hiện {citation.full}, {citation.issuer} hướng dẫn các đảng bộ, chi bộ cơ sở "
             f"triển khai thực hiện như sau:"]
    sections = []
    if purpose:
        sections.append(("MỤC ĐÍCH, YÊU CẦU", outline.to_text(purpose.children)))
    contents = [f"- {duty}" for duty in _grassroots_duties(organisation)]
    contents += [f"- {line}" for line in _task_lines(plan)]
    sections.append(("NỘI DUNG", "\n".join(contents)))
    report = [
        f"- Các đảng bộ, chi bộ cơ sở báo cáo kết quả thực hiện (theo mẫu gửi kèm) về {citation.report_to}"
        f"{by_deadline(plan.report.deadline)}.",
        f"- {citation.board} theo dõi, đôn đốc, tổng hợp kết quả, báo cáo {citation.issuer}.",
    ]
    sections.append(("TỔ CHỨC THỰC HIỆN", "\n".join(report)))
    for number, (title, text) in enumerate(sections, start=1):
        lines += [f"{to_roman(number)}- {title}", text]
    org = plan.organisation
    recipients = ["Các đảng bộ, chi bộ cơ sở" if unit is None else f"{unit.committee} (để thực hiện)",
                  citation.board, f"Lưu {org.office}"]
    summary = f"thực hiện {citation.numbered} của {citation.issuer}"
    style = house_style(plan, unit)
    context = {
        "header": committee_header(plan, DocType.HUONG_DAN),
        "title": DocType.HUONG_DAN.title,
        "summary": summary,
        "body": body_paragraphs("\n".join(lines), style),
        "signature": plan.signature.model_dump(),
        "recipients": recipient_lines(recipients),
    }
    return finish(context, style, f"Hướng dẫn {summary}", org.name)


# Two dotted lines to write on (see context.FILL_LINE).
BLANK_LINE = "\n".join(["…" * 40] * 2)


def report_context(plan: Plan, unit: Unit) -> dict[str, Any]:
    """The unit's Báo cáo form: sections mirroring the plan's forms of work, a table to fill."""
    citation = Citation(plan)
    forms = _forms_of_work(plan.body)
    style = house_style(plan, unit)
    opening = f"Thực hiện {citation.full}, {unit.committee} báo cáo kết quả thực hiện như sau:"
    lines = ["I- KẾT QUẢ THỰC HIỆN",
             "1. Công tác lãnh đạo, chỉ đạo, xây dựng kế hoạch",
             BLANK_LINE]
    if forms:
        lines.append("2. Kết quả thực hiện các hình thức tuyên truyền")
        for number, form in enumerate(forms, start=1):
            lines += [f"2.{number}. {form}", BLANK_LINE]
    lines.append(f"{3 if forms else 2}. Kết quả cụ thể (số liệu)")
    after = [
        "II- ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm", BLANK_LINE,
        "2. Hạn chế, nguyên nhân", BLANK_LINE,
        "III- ĐỀ XUẤT, KIẾN NGHỊ", BLANK_LINE,
    ]
    if plan.report.deadline:
        after.append(f"(Báo cáo gửi về {citation.report_to}{by_deadline(plan.report.deadline)}.)")
    indicators = [
        {"number": str(number), "name": item.name, "unit": item.unit, "value": "", "note": ""}
        for number, item in enumerate(plan.report.indicators, start=1)
    ]
    title = citation.report_title
    recipients = [f"{citation.issuer} (để b/c)", citation.board,
                  "Lưu Văn phòng Đảng ủy" if unit.is_dang_bo else "Lưu Chi bộ"]
    context = {
        "header": _unit_header(plan, unit, DocType.BAO_CAO),
        "title": DocType.BAO_CAO.title,
        "summary": title,
        "period": f"({plan.report.period})" if plan.report.period else "",
        "body": [text_paragraph(opening, style), *body_paragraphs("\n".join(lines), style)],
        "indicators": indicators,
        "closing": body_paragraphs("\n".join(after), style),
        "signature": _unit_signature(unit),
        "recipients": recipient_lines(recipients),
    }
    context = finish(context, style, f"Báo cáo {title}", unit.committee)
    # Added after the house style: the identity stays as the data spells it.
    context["properties"]["custom"] = form_properties(plan, unit, citation.reference)
    return context


@lru_cache(maxsize=16)
def _forms_of_work(body: str) -> tuple[str, ...]:
    """Titles of the plan's "hình thức" items (2.1 … 2.5 of the seed)."""
    carried, _ = _split_sections(body)
    for _, node in outline.walk(carried):
        if node.kind != "roman" and "hinh thuc" in fold(node.text) and node.children:
            return tuple(child.text for child in node.children if child.kind.startswith("number"))
    return ()


def document_context(kind: str, plan: Plan, unit: Unit | None = None, **inputs: Any) -> dict[str, Any]:
    """The context of one document of a kind (:mod:`docgen.kinds`): ``unit`` is required for the
    kinds made per unit and ignored by those never made for one; ``inputs`` are the kind's own."""
    entry = get_kind(kind)
    if unit is None and entry.per_unit == "required":
        raise BadInput(N_("--kind %(kind)s làm riêng cho từng đơn vị: hãy cho --unit MÃ và --units TỆP"), kind=kind)
    missing = [name for name in entry.inputs if name not in inputs]
    if missing:
        raise BadInput(N_("--kind %(kind)s cần nhiều hơn kế hoạch (%(missing)s): không làm ở đây"), kind=kind,
                       missing=", ".join(missing))
    if unit is None or entry.per_unit == "never":
        return entry.context_function(plan, **inputs)
    return entry.context_function(plan, unit, **inputs)
