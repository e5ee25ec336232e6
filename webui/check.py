"""Kiểm tra: upload a .docx and see what ``docgen check`` finds, grouped by severity."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired

from docgen.vn.text import normalize
from webui.access import OFFICE, Section
from webui.i18n import core_message, select_locale

blueprint = Section("check", __name__, url_prefix="/kiem-tra", admits=OFFICE)

SEVERITY_NAMES = {"error": _l("Lỗi"), "warning": _l("Cảnh báo"), "info": _l("Ghi chú")}


class CheckForm(FlaskForm):
    file = FileField(_l("Văn bản cần kiểm tra (.docx)"), validators=[
        FileRequired(_l("Chọn một tệp Word .docx.")), FileAllowed(["docx"], _l("Chỉ nhận tệp Word .docx."))])


@blueprint.route("/", methods=["GET", "POST"])
def index():
    form = CheckForm()
    result = refused = None
    if form.validate_on_submit():
        result = check(form)
        refused = result is None
    groups = {}
    if result is not None:
        groups = {severity: [f for f in result.findings if f.severity == severity] for severity in SEVERITY_NAMES}
    return render_template("check/index.html", form=form, result=result, groups=groups,
                           file_name=normalize(form.file.data.filename or "") if result else "",
                           severity_names=SEVERITY_NAMES), 400 if refused else 200


def check(form: CheckForm):
    """The check result, or None with the reason next to the file field."""
    from docgen.check import UnreadableDocument, check_document

    data = form.file.data.read()
    try:
        return check_document(data, language=select_locale())
    except UnreadableDocument as error:
        form.file.errors.append(_("Không đọc được tệp: %(reason)s", reason=core_message(error)))
        return None
