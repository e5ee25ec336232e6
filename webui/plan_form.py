"""The plan form: every field of a :class:`~docgen.model.Plan` as staff type it.

Lists are textareas, one item a line, so a plan can be pasted from Word: basis citations and
recipients as they are, unit tasks as ``việc cần làm | hạn (dd/mm/yyyy)``, report indicators as
``nội dung | đơn vị tính | nhóm``. Dates are written the Vietnamese way, ``25/5/2021``.
Every problem is put next to its field, in Vietnamese, with the line it is on.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from pydantic import ValidationError
from wtforms import Field, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Regexp

from docgen.errors import BadInput
from docgen.model import Organisation, Plan
from docgen.vn.dates import date_or_none, short_date
from docgen.vn.text import normalize
from webui.fields import choices, model_error
from webui.i18n import core_message

DOC_TYPES = choices([("KH", _l("Kế hoạch")), ("HD", _l("Hướng dẫn")), ("CV", _l("Công văn")), ("BC", _l("Báo cáo"))])
TONE_STYLES = choices([("old", _l("ủy, hòa (kiểu cũ)")), ("new", _l("uỷ, hoà (kiểu mới)"))])
SEPARATOR = "|"
# The organisation's fields the form shows; the others are kept as they are.
ORG_FIELDS = ("superior", "name", "short_name", "symbol", "place", "collective", "office", "tone_style", "term")


class OrganisationForm(FlaskForm):
    """The organisation's fields: in the plan form, and on their own in the administrator's settings."""

    org_superior = StringField(_l("Cơ quan cấp trên"))
    org_name = StringField(_l("Cơ quan ban hành"), validators=[DataRequired(_l("Nhập tên cơ quan ban hành."))])
    org_short_name = StringField(_l("Tên gọi tắt trong câu"), validators=[DataRequired(_l("Nhập tên gọi tắt, ví dụ Đảng ủy Khối."))])
    org_symbol = StringField(_l("Ký hiệu cơ quan"), validators=[
        DataRequired(_l("Nhập ký hiệu, ví dụ ĐUK.")),
        Regexp(r"^[A-ZĐ][A-Za-zĐđ]*$", message=_l("Chỉ gồm chữ cái, viết hoa chữ đầu, ví dụ ĐUK."))])
    org_place = StringField(_l("Địa danh"), validators=[DataRequired(_l("Nhập địa danh, ví dụ Hưng Yên."))])
    org_collective = StringField(_l("Tập thể ký"), validators=[DataRequired(_l("Nhập tập thể ký, ví dụ Ban Thường vụ."))])
    org_office = StringField(_l("Nơi lưu"), validators=[DataRequired(_l("Nhập nơi lưu, ví dụ Văn phòng Đảng ủy."))])
    org_tone_style = SelectField(_l("Cách bỏ dấu"), choices=TONE_STYLES, validate_choice=False)
    org_term = StringField(_l("Nhiệm kỳ"))


class PlanForm(OrganisationForm):
    type = SelectField(_l("Loại văn bản"), choices=DOC_TYPES, validate_choice=False)
    number = StringField(_l("Số"))
    date = StringField(_l("Ngày ban hành"))
    summary = TextAreaField(_l("Trích yếu"), validators=[DataRequired(_l("Nhập trích yếu của văn bản."))])
    basis = TextAreaField(_l("Căn cứ"))
    body = TextAreaField(_l("Nội dung"), validators=[DataRequired(_l("Nhập nội dung văn bản."))])
    signature_authority = StringField(_l("Quyền hạn ký"), validators=[DataRequired(_l("Nhập quyền hạn ký, ví dụ T/M BAN THƯỜNG VỤ."))])
    signature_title = StringField(_l("Chức vụ người ký"), validators=[DataRequired(_l("Nhập chức vụ, ví dụ PHÓ BÍ THƯ."))])
    signature_name = StringField(_l("Họ tên người ký"))
    recipients = TextAreaField(_l("Nơi nhận"))
    unit_tasks = TextAreaField(_l("Việc các đơn vị phải làm"))
    report_title = StringField(_l("Trích yếu báo cáo"))
    report_period = StringField(_l("Kỳ báo cáo"))
    report_deadline = StringField(_l("Hạn gửi báo cáo"))
    report_indicators = TextAreaField(_l("Chỉ tiêu báo cáo"))

    preview = SubmitField(_l("Xem trước dàn ý"))
    save = SubmitField(_l("Lưu kế hoạch"))


def org_data(organisation: Organisation) -> dict[str, str]:
    """What the form's organisation fields show."""
    return {f"org_{name}": value
            for name, value in organisation.model_dump(mode="json", include=set(ORG_FIELDS)).items()}


def organisation_data(form: OrganisationForm, organisation: Organisation) -> dict:
    """The organisation the form's fields describe, ``organisation`` supplying what they do not show."""
    return {**organisation.model_dump(), **{name: getattr(form, f"org_{name}").data or "" for name in ORG_FIELDS}}


def form_data(plan: Plan) -> dict[str, str]:
    """What the form shows for a plan."""
    report = plan.report
    data = org_data(plan.organisation)
    data.update(
        type=plan.type.value,
        number=str(plan.number or ""),
        date=date_text(plan.date),
        summary=plan.summary,
        basis="\n".join(plan.basis),
        body=plan.body,
        signature_authority=plan.signature.authority,
        signature_title=plan.signature.title,
        signature_name=plan.signature.name,
        recipients="\n".join(plan.recipients),
        unit_tasks="\n".join(joined(task.text, date_text(task.deadline)) for task in plan.unit_tasks),
        report_title=report.title,
        report_period=report.period,
        report_deadline=date_text(report.deadline),
        report_indicators="\n".join(joined(item.name, item.unit, item.group) for item in report.indicators),
    )
    return data


def date_text(date: dt.date | None) -> str:
    return short_date(date) if date else ""


def joined(*parts: str) -> str:
    return f" {SEPARATOR} ".join(part for part in parts if part)


def plan_from_form(form: PlanForm, organisation: Organisation) -> Plan | None:
    """The plan the form describes, or None with each problem put next to its field.

    ``organisation`` supplies what the form does not show (the đảng bộ line).
    """
    problems: list[tuple[Field, str]] = []
    number = read_number(form.number, problems)
    tasks = [{"text": text, "deadline": read_date(form.unit_tasks, deadline, problems, line)}
             for line, (text, deadline) in split_lines(form.unit_tasks, 2, problems)]
    indicators = [{"name": name, "unit": unit, "group": group}
                  for _line, (name, unit, group) in split_lines(form.report_indicators, 3, problems)]
    data = {
        "organisation": organisation_data(form, organisation),
        "type": form.type.data,
        "number": number,
        "date": read_date(form.date, form.date.data, problems),
        "summary": form.summary.data,
        "basis": lines(form.basis.data),
        "body": form.body.data,
        "signature": {"authority": form.signature_authority.data, "title": form.signature_title.data,
                      "name": form.signature_name.data or ""},
        "recipients": [line.lstrip("-–+ ").rstrip(",;.") for line in lines(form.recipients.data)],
        "unit_tasks": tasks,
        "report": {"title": form.report_title.data or "", "period": form.report_period.data or "",
                   "deadline": read_date(form.report_deadline, form.report_deadline.data, problems),
                   "indicators": indicators},
    }
    if not problems and not any(field.errors for field in form):
        try:
            return Plan.model_validate(data)
        except ValidationError as error:
            problems += [(field_of(form, item["loc"]), model_error(item)) for item in error.errors()]
    for field, message in problems:
        field.errors.append(message)
    return None


def field_of(form: PlanForm, location: tuple) -> Field:
    """The form field a validation error of the plan model belongs to."""
    names = [str(part) for part in location if not isinstance(part, int)]
    if names[0] == "report" and len(names) > 1:
        return getattr(form, f"report_{names[1]}", form.report_indicators)
    prefixes = {"organisation": "org_", "signature": "signature_"}
    if names[0] in prefixes and len(names) > 1:
        return getattr(form, prefixes[names[0]] + names[1], form.org_name)
    return getattr(form, names[0], form.summary)


def lines(text: str | None) -> list[str]:
    return [line.strip() for line in normalize(text or "").splitlines() if line.strip()]


def split_lines(field: Field, parts: int, problems: list) -> list[tuple[int, list[str]]]:
    """Lines of ``a | b | c``, padded to ``parts`` items; the first item must be there."""
    result = []
    for number, line in enumerate(normalize(field.data or "").splitlines(), start=1):
        if not line.strip():
            continue
        items = [item.strip() for item in line.split(SEPARATOR)]
        if len(items) > parts:
            problems.append((field, _("Dòng %(line)s: có quá %(parts)s phần ngăn bởi dấu “|”.", line=number, parts=parts)))
        elif not items[0]:
            problems.append((field, _("Dòng %(line)s: thiếu nội dung trước dấu “|”.", line=number)))
        else:
            result.append((number, items + [""] * (parts - len(items))))
    if parts == 3:
        for number, items in result:
            if not items[1]:
                problems.append((field, _("Dòng %(line)s: thiếu đơn vị tính; ghi “nội dung | đơn vị tính | nhóm”.",
                                          line=number)))
    return result


def read_date(field: Field, text: str | None, problems: list, line: int | None = None) -> dt.date | None:
    try:
        return date_or_none(text)
    except BadInput as error:
        problem = core_message(error)
        problems.append((field, _("Dòng %(line)s: %(problem)s.", line=line, problem=problem) if line else f"{problem}."))
        return None


def read_number(field: Field, problems: list) -> int | None:
    text = (field.data or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) < 1:  # "²".isdigit() is true
        problems.append((field, _("Số văn bản là số nguyên dương, ví dụ 15; để trống nếu chưa có số.")))
        return None
    return int(text)
