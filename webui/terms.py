"""Nhiệm kỳ: the administrator sets the committee's terms (and congresses), within which the outgoing
register numbers each type of document from 01: a term added, a term's end (or name) set before the
next one is added."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from docgen.errors import BadInput
from docgen.register import terms
from docgen.register.terms import MAX_NAME
from docgen.store.schema import RegisterEntry
from docgen.vn.dates import parse_date, short_date
from webui import audit
from webui.access import ADMIN, Section, organisation_id
from webui.database import session
from webui.i18n import core_message

blueprint = Section("terms", __name__, url_prefix="/nhiem-ky", admits=ADMIN)


class TermForm(FlaskForm):
    name = StringField(_l("Tên"), validators=[DataRequired(_l("Nhập tên, ví dụ 2025 - 2030.")),
                                              Length(max=MAX_NAME, message=_l("Dài tối đa %(max)d ký tự."))])
    starts_on = StringField(_l("Từ ngày"), validators=[DataRequired(_l("Nhập ngày bắt đầu, ví dụ 01/7/2025.")),
                                                       Length(max=40)])
    ends_on = StringField(_l("Đến ngày"), validators=[Length(max=40)])
    congress = BooleanField(_l("Đại hội (văn bản của đại hội dùng một dãy số chung)"))

    def dates(self):
        """(start, end or None); a date that cannot be read is put next to its field and None returned."""
        found = []
        for field in (self.starts_on, self.ends_on):
            try:
                found.append(parse_date(field.data) if (field.data or "").strip() else None)
            except BadInput as error:
                field.errors.append(core_message(error))
        return tuple(found) if not (self.starts_on.errors or self.ends_on.errors) else None


def numbered() -> dict[int, int]:
    """How many numbers each term's register holds."""
    query = (select(RegisterEntry.term_id, func.count(RegisterEntry.id))
             .where(RegisterEntry.organisation_id == organisation_id()).group_by(RegisterEntry.term_id))
    return dict(session().execute(query).all())


@blueprint.route("/", methods=["GET", "POST"])
def index():
    form = TermForm()
    if form.validate_on_submit() and (dates := form.dates()):
        try:
            term = terms.add(session(), organisation_id(), form.name.data, *dates, congress=form.congress.data)
        except BadInput as error:
            form.name.errors.append(core_message(error))
        else:
            audit.record("create", "term", term.id, f"{term.name} ({terms.span(term)})")
            session().commit()
            flash(_("Đã thêm %(name)s.", name=term.name), "success")
            return redirect(url_for(".index"))
    return render_template("terms/index.html", form=form, terms=terms.all_terms(session(), organisation_id()),
                           numbered=numbered(), span=terms.span), 400 if form.errors else 200


@blueprint.route("/<int:term_id>", methods=["GET", "POST"])
def edit(term_id: int):
    term = terms.get(session(), organisation_id(), term_id) or abort(404)
    form = TermForm(name=term.name, starts_on=short_date(term.starts_on),
                    ends_on=short_date(term.ends_on) if term.ends_on else "")
    if form.validate_on_submit() and (dates := form.dates()):
        try:
            terms.update(session(), term, form.name.data, *dates)
        except BadInput as error:
            session().rollback()
            form.ends_on.errors.append(core_message(error))
        else:
            audit.record("update", "term", term.id, f"{term.name} ({terms.span(term)})")
            session().commit()
            flash(_("Đã lưu %(name)s.", name=term.name), "success")
            return redirect(url_for(".index"))
    return render_template("terms/edit.html", form=form, term=term), 400 if form.errors else 200
