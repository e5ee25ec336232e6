"""Kế hoạch: the committee's plans, typed in the form or imported from Word or text."""

from __future__ import annotations

import io
import json

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from pydantic import ValidationError
from wtforms import HiddenField

from docgen import outline
from docgen.importer import PlanImportError, decode_text, import_docx, import_text
from docgen.model import Organisation, Plan, Signature
from docgen.store import organisations
from docgen.store import plans as plan_store
from webui.access import OFFICE, Section, organisation_id
from webui import audit
from webui.database import session
from webui.i18n import core_message
from webui.plan_form import PlanForm, form_data, org_data, plan_from_form
from webui.plan_import import apply_choices, glued_words

blueprint = Section("plans", __name__, url_prefix="/ke-hoach", admits=OFFICE)

MAX_OUTLINE_CHARS = 500_000


class ImportForm(FlaskForm):
    file = FileField(_l("Tệp kế hoạch (.docx hoặc .txt)"), validators=[
        FileRequired(_l("Chọn tệp Word (.docx) hoặc văn bản (.txt).")),
        FileAllowed(["docx", "txt"], _l("Chỉ nhận tệp .docx hoặc .txt."))])


class ReviewImportForm(FlaskForm):
    plan = HiddenField()
    suggestions = HiddenField()


def current_organisation() -> Organisation:
    """The signed-in account's committee, as its profile says (the administrator keeps it)."""
    return organisations.get(session(), organisation_id()).organisation


def outline_tree(text: str) -> list[dict]:
    """The outline as nested dicts, for the live preview and its no-JavaScript twin."""
    def node(item: outline.Node) -> dict:
        return {"kind": item.kind, "marker": item.marker, "text": item.text,
                "children": [node(child) for child in item.children]}

    return [node(item) for item in outline.parse(text[:MAX_OUTLINE_CHARS])]


@blueprint.get("/")
def index():
    return render_template("plans/list.html", plans=plan_store.all_plans(session(), organisation_id()))


@blueprint.route("/moi", methods=["GET", "POST"])
def create():
    organisation = current_organisation()
    form = PlanForm(data=None if request.method == "POST" else new_plan_data(organisation))
    return edit_page(form, None, organisation)


@blueprint.route("/<int:plan_id>", methods=["GET", "POST"])
def edit(plan_id: int):
    record = plan_store.get(session(), organisation_id(), plan_id) or abort(404)
    plan = record.plan
    form = PlanForm(data=None if request.method == "POST" else form_data(plan))
    return edit_page(form, record, plan.organisation)


def new_plan_data(organisation: Organisation) -> dict:
    signature = Signature()
    return {**org_data(organisation), "type": "KH", "signature_authority": signature.authority,
            "signature_title": signature.title}


def edit_page(form: PlanForm, record, organisation: Organisation):
    """Save, or show the form again: with its errors, or with the outline preview asked for."""
    tree = None
    if form.is_submitted() and form.preview.data:
        tree = outline_tree(form.body.data or "")
    elif form.is_submitted():
        valid = form.validate()
        plan = plan_from_form(form, organisation)
        if valid and plan:
            if record is None:
                record = plan_store.add(session(), organisation_id(), plan)
                action = "create"
            else:
                plan_store.update(record, plan)
                action = "update"
            audit.record(action, "plan", record.id, plan.summary)
            session().commit()
            flash(_("Đã lưu kế hoạch."), "success")
            return redirect(url_for(".edit", plan_id=record.id))
    return render_template("plans/edit.html", form=form, record=record, tree=tree)


@blueprint.post("/dan-y")
def outline_preview():
    """The tree of the body outline as JSON, for the live preview beside the textarea."""
    text = request.get_json(silent=True, force=True) or {}
    body = text.get("text", "") if isinstance(text, dict) else ""
    return jsonify(nodes=outline_tree(body if isinstance(body, str) else ""))


@blueprint.route("/<int:plan_id>/xoa", methods=["GET", "POST"])
def delete(plan_id: int):
    record = plan_store.get(session(), organisation_id(), plan_id) or abort(404)
    if request.method == "POST":
        audit.record("delete", "plan", record.id, record.summary)
        plan_store.delete(session(), record)
        session().commit()
        flash(_("Đã xóa kế hoạch."), "success")
        return redirect(url_for(".index"))
    return render_template("confirm_delete.html", what=_("kế hoạch “%(summary)s”", summary=record.summary),
                           back=url_for(".index"))


@blueprint.route("/nhap", methods=["GET", "POST"])
def import_file():
    """Upload a .docx or .txt; the plan found is shown with its suspected glued words, not saved yet."""
    form = ImportForm()
    if not form.validate_on_submit():
        return render_template("plans/import.html", form=form)
    upload = form.file.data
    try:
        result = read_plan(upload.filename or "", upload.read(), current_organisation())
    except PlanImportError as error:
        form.file.errors.append(core_message(error))
        return render_template("plans/import.html", form=form), 400
    suggestions = glued_words(result.suggestions, result.plan)
    review = ReviewImportForm(plan=result.plan.model_dump_json(), suggestions=json.dumps(suggestions, ensure_ascii=False))
    notes = [item for item in result.suggestions if item.kind != "glued-word"]
    return render_template("plans/review_import.html", review=review, plan=result.plan, suggestions=suggestions,
                           notes=notes, tree=outline_tree(result.plan.body))


def read_plan(name: str, data: bytes, organisation: Organisation):
    if name.lower().endswith(".docx"):
        return import_docx(io.BytesIO(data), organisation)
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        raise PlanImportError(_("Tệp .txt không phải mã UTF-8: mở tệp, lưu lại với mã UTF-8 rồi tải lên lại.")) from None
    return import_text(text, organisation)


@blueprint.post("/nhap/luu")
def save_import():
    """Save the imported plan with the glued-word splits the user accepted."""
    review = ReviewImportForm()
    try:
        if not review.validate_on_submit():
            raise ValueError
        plan = Plan.model_validate_json(review.plan.data)
        suggestions = json.loads(review.suggestions.data or "[]")
        accepted = {index for index in range(len(suggestions)) if request.form.get(f"choice-{index}") == "accept"}
        plan = apply_choices(plan, suggestions, accepted)
    except (ValueError, ValidationError):
        flash(_("Dữ liệu nhập không còn hợp lệ; hãy tải tệp lên lại."), "error")
        return redirect(url_for(".import_file"))
    record = plan_store.add(session(), organisation_id(), plan)
    audit.record("import", "plan", record.id, plan.summary)
    session().commit()
    flash(_("Đã lưu kế hoạch nhập từ tệp (%(count)s chỗ đã tách từ). Kiểm tra lại các ô bên dưới.",
            count=len(accepted)), "success")
    return redirect(url_for(".edit", plan_id=record.id))
