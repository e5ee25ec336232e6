"""Lời văn: the office's wording tables, read and changed in the app, and what its documents are made with.

The two tables (:mod:`docgen.wording`: ``sectors.yaml``, how units are described; ``phrases.yaml``, how
the committee's words become a unit's) are shown as the office would edit the files, checked as a whole
before anything is saved (every problem named with its rule and field), and kept for the organisation;
without its own, docgen's are shown and used.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from docgen.store import wording as wording_store
from docgen.vn.text import normalize
from docgen.wording import DEFAULT_PHRASES, DEFAULT_SECTORS, Table, WordingError, load_table
from docgen.wording.table import MAX_YAML_BYTES
from webui import audit
from webui.access import OFFICE, Section, organisation_id
from webui.database import session

blueprint = Section("wording", __name__, url_prefix="/loi-van", admits=OFFICE)

# A character is at least a byte: the tables' own check counts the bytes.
AS_A_TABLE = Length(max=MAX_YAML_BYTES, message=_l("Dài tối đa %(max)d ký tự."))


def office_table() -> Table | None:
    """The signed-in office's wording tables; None: docgen's own."""
    return wording_store.table(session(), organisation_id())


class TablesForm(FlaskForm):
    sectors = TextAreaField(_l("Khối/lĩnh vực, loại hình và danh xưng của đơn vị (sectors.yaml)"), validators=[AS_A_TABLE])
    phrases = TextAreaField(_l("Quy tắc lời văn, nơi nhận nhiệm vụ, sự kiện đã có ngày (phrases.yaml)"),
                            validators=[AS_A_TABLE])


class ResetForm(FlaskForm):
    pass


@blueprint.route("/", methods=["GET", "POST"])
def index():
    record = wording_store.tables(session(), organisation_id())
    shown = ({"sectors": record.sectors, "phrases": record.phrases} if record else
             {"sectors": DEFAULT_SECTORS.read_text(encoding="utf-8"),
              "phrases": DEFAULT_PHRASES.read_text(encoding="utf-8")})
    form = TablesForm() if request.method == "POST" else TablesForm(data=shown)
    refused = None
    if form.validate_on_submit():
        sectors, phrases = normalize(form.sectors.data or ""), normalize(form.phrases.data or "")
        try:
            load_table(sectors, phrases)
        except WordingError as error:
            refused = error
        else:
            wording_store.save_tables(session(), organisation_id(), sectors, phrases, current_user.id)
            audit.record("update", "wording")
            session().commit()
            flash(_("Đã lưu quy tắc lời văn: các văn bản tạo từ nay dùng quy tắc mới."), "success")
            return redirect(url_for(".index"))
    return render_template("wording/index.html", form=form, record=record, refused=refused, reset=ResetForm())


@blueprint.post("/mac-dinh")
def reset():
    """Back to docgen's own tables."""
    if ResetForm().validate_on_submit():
        wording_store.drop_tables(session(), organisation_id())
        audit.record("delete", "wording")
        session().commit()
        flash(_("Đã trở lại quy tắc lời văn mặc định của docgen."), "success")
    return redirect(url_for(".index"))
