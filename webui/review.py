"""Rà soát: one unit's plan before it is generated, as the office reviews it.

For a plan and a unit: the body docgen derives for the unit, the words the wording rules put in it
marked (what they replaced shown on hover), what the office should look at before signing, and the
text to edit. An edit is kept in the database for that plan and unit, used by every document made
of them from then on (a batch keeps the texts it used), and can be dropped to go back to the
derived text; the page says when the derived text has changed since the edit was made.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from docgen.derive import UnitPlanDraft, document_warnings, unit_plan_draft
from docgen.store import plans as plan_store
from docgen.store import units as unit_store
from docgen.store import wording as wording_store
from docgen.vn.text import normalize
from docgen.wording import Table
from webui import audit
from webui.access import OFFICE, Section, organisation_id
from webui.database import session
from webui.fields import choices, record_id
from webui.plans import MAX_OUTLINE_CHARS
from webui.wording import office_table

blueprint = Section("review", __name__, url_prefix="/ra-soat", admits=OFFICE)


class ChooseForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it changes nothing

    plan = SelectField(_l("Kế hoạch"), validate_choice=False)
    unit = SelectField(_l("Đơn vị"), validate_choice=False)


class EditForm(FlaskForm):
    text = TextAreaField(_l("Nội dung kế hoạch thực hiện của đơn vị"), validators=[
        DataRequired(_l("Nhập nội dung, hoặc bỏ bản đã sửa để dùng lại văn bản suy ra.")),
        Length(max=MAX_OUTLINE_CHARS, message=_l("Dài tối đa %(max)d ký tự."))])


class DropForm(FlaskForm):
    pass


@blueprint.get("/")
def index():
    """Choose a plan and a unit."""
    form = ChooseForm(request.args)
    records = unit_store.all_units(session(), organisation_id())
    form.plan.choices = choices((str(record.id), record.summary)
                                for record in plan_store.all_plans(session(), organisation_id()))
    form.unit.choices = choices((str(record.id), f"{record.code} · {record.unit.committee}") for record in records)
    plan, unit = (chosen(store, value) for store, value in ((plan_store, form.plan.data), (unit_store, form.unit.data)))
    if plan and unit:
        return redirect(url_for(".unit", plan_id=plan.id, unit_id=unit.id))
    return render_template("review/index.html", form=form)


def chosen(store, value: str | None):
    return None if (number := record_id(value)) is None else store.get(session(), organisation_id(), number)


@blueprint.route("/<int:plan_id>/<int:unit_id>", methods=["GET", "POST"])
def unit(plan_id: int, unit_id: int):
    plan = plan_store.get(session(), organisation_id(), plan_id) or abort(404)
    record = unit_store.get(session(), organisation_id(), unit_id) or abort(404)
    table = office_table()
    draft = unit_plan_draft(plan.plan, record.unit, table)
    edit = wording_store.edit(session(), organisation_id(), plan_id, unit_id)
    form = EditForm() if request.method == "POST" else EditForm(data={"text": edit.text if edit else draft.text})
    if form.validate_on_submit():
        text = normalize(form.text.data).strip("\n")
        if text == draft.text:
            wording_store.drop_edit(session(), organisation_id(), plan_id, unit_id)
            flash(_("Nội dung như văn bản suy ra: dùng văn bản suy ra."), "info")
        else:
            wording_store.save_edit(session(), organisation_id(), plan_id, unit_id, text, draft.text, current_user.id)
            flash(_("Đã lưu nội dung sửa riêng cho %(name)s: các văn bản tạo từ nay dùng nội dung này.",
                    name=record.unit.committee), "success")
        audit.record("update", "unit-text", unit_id, f"{record.code} · {plan.summary}")
        session().commit()
        return redirect(url_for(".unit", plan_id=plan_id, unit_id=unit_id))
    warnings = (document_warnings("unit-plan", plan.plan, record.unit, table, edit.text) if edit
                else draft.warnings)
    everyone = [other.id for other in unit_store.all_units(session(), organisation_id())]
    place = everyone.index(unit_id)
    return render_template("review/unit.html", plan=plan, record=record, form=form, drop=DropForm(), edit=edit,
                           stale=edit is not None and edit.derived != draft.text, warnings=warnings,
                           lines=marked(draft), previous=everyone[place - 1] if place else None,
                           next=everyone[place + 1] if place + 1 < len(everyone) else None)


def marked(draft: UnitPlanDraft) -> list[list[tuple[str, object]]]:
    """Each line of the derived text as its pieces: (text, None), or (new words, the change that put them)."""
    changes: dict[int, list] = {}
    for change in draft.changes:
        changes.setdefault(change.path[0], []).append(change)
    lines = []
    for number, line in enumerate(draft.lines):
        pieces, done = [], 0
        for change in changes.get(number, ()):
            pieces += [(line[done:change.start], None), (line[change.start:change.end], change)]
            done = change.end
        pieces.append((line[done:], None))
        lines.append([piece for piece in pieces if piece[0]])
    return lines


@blueprint.post("/<int:plan_id>/<int:unit_id>/bo")
def drop(plan_id: int, unit_id: int):
    """Back to the derived text."""
    plan = plan_store.get(session(), organisation_id(), plan_id) or abort(404)
    record = unit_store.get(session(), organisation_id(), unit_id) or abort(404)
    if DropForm().validate_on_submit():
        wording_store.drop_edit(session(), organisation_id(), plan_id, unit_id)
        audit.record("delete", "unit-text", unit_id, f"{record.code} · {plan.summary}")
        session().commit()
        flash(_("Đã bỏ nội dung sửa riêng: %(name)s dùng lại văn bản suy ra.", name=record.unit.committee), "success")
    return redirect(url_for(".unit", plan_id=plan_id, unit_id=unit_id))


def made_with(plan_id: int, records: list) -> tuple[Table | None, dict[str, str]]:
    """What the office's documents of a plan are made with: its wording tables (None: docgen's), and the
    texts it edited for the units among ``records`` (UnitRecords), by unit code."""
    found = wording_store.edits(session(), organisation_id(), plan_id)
    return office_table(), {record.code: found[record.id].text for record in records if record.id in found}
