"""Sổ văn bản đi: the outgoing register of a term — take a number (or hold several for documents to
come), give a held number its document, cancel a number (it stays, marked), download the book as the
XLSX offices keep on paper. Numbers run per type within the term the document's date falls in."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from docgen.errors import BadInput
from docgen.register import book, terms
from docgen.register.book import MAX_COPIES, MAX_LINE, MAX_TAKEN, MAX_TEXT, STATUS_NAMES, Issue, number_text
from docgen.register.export import workbook
from docgen.register.types import DOC_TYPES
from docgen.store import organisations
from docgen.store.schema import RegisterEntry
from docgen.vn.dates import parse_date, short_date
from webui import audit
from webui.access import OFFICE, Section, organisation_id
from webui.database import database, session
from webui.downloads import send_bytes
from webui.fields import choices
from webui.i18n import core_message

blueprint = Section("register", __name__, url_prefix="/so-van-ban-di", admits=OFFICE)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOO_LONG = _l("Dài tối đa %(max)d ký tự.")


class IssueForm(FlaskForm):
    doc_type = SelectField(_l("Loại văn bản"), default="CV", validate_choice=False,
                           choices=choices((abbreviation, f"{abbreviation} · {name}")
                                           for abbreviation, name in DOC_TYPES.items()))
    day = StringField(_l("Ngày văn bản"), validators=[Length(max=40, message=TOO_LONG)])
    summary = TextAreaField(_l("Trích yếu"), validators=[Length(max=MAX_TEXT, message=TOO_LONG)])
    recipients = TextAreaField(_l("Nơi nhận (mỗi dòng một nơi)"), validators=[Length(max=20_000, message=TOO_LONG)])
    signer = StringField(_l("Người ký"), validators=[Length(max=MAX_LINE, message=TOO_LONG)])
    keeper = StringField(_l("Đơn vị, người nhận bản lưu"), validators=[Length(max=MAX_LINE, message=TOO_LONG)])
    copies = IntegerField(_l("Số lượng bản"), validators=[
        Optional(), NumberRange(1, MAX_COPIES, message=_l("Từ %(min)s đến %(max)s."))])
    joint_with = StringField(_l("Liên tịch với"), validators=[Length(max=MAX_LINE, message=TOO_LONG)])
    congress = BooleanField(_l("Văn bản của đại hội (một dãy số chung cho mọi loại, …/ĐH)"))
    file = FileField(_l("Tệp văn bản (không bắt buộc)"))
    count = IntegerField(_l("Giữ bao nhiêu số"), default=1, validators=[
        Optional(), NumberRange(1, MAX_TAKEN, message=_l("Từ %(min)s đến %(max)s."))])

    def issue(self) -> Issue:
        """What the form says of the document; a date that cannot be read is refused with why."""
        upload = self.file.data
        data = upload.read() if upload else None
        day = (self.day.data or "").strip()
        return Issue(self.doc_type.data or "", parse_date(day) if day else terms.today(),
                     summary=self.summary.data or "", recipients=tuple((self.recipients.data or "").splitlines()),
                     signer=self.signer.data or "", keeper=self.keeper.data or "", copies=self.copies.data,
                     joint_with=self.joint_with.data or "", congress=self.congress.data,
                     file_name=upload.filename if data else "", file_data=data or None)


def chosen_term():
    """The term asked for (``nhiem-ky``), else today's, else the latest; None when there is none."""
    found = terms.all_terms(session(), organisation_id())
    wanted = request.args.get("nhiem-ky", "")
    by_id = {str(term.id): term for term in found}
    if wanted in by_id:
        return by_id[wanted], found
    today = terms.today()
    current = [term for term in found if not term.congress and term.starts_on <= today
               and (term.ends_on is None or today <= term.ends_on)]
    return (current or found or [None])[0], found


@blueprint.route("/", methods=["GET", "POST"])
def index():
    form = IssueForm()
    if request.method == "GET":
        form.day.data = short_date(terms.today())
    errors = []
    if form.validate_on_submit():
        reserve = request.form.get("action") == "reserve"
        try:
            issue = form.issue()
            taken = book.take(database(), organisation_id(), [issue] * ((form.count.data or 1) if reserve else 1),
                              user_id=current_user.id, reserve=reserve, address=request.remote_addr or "")
        except BadInput as error:
            errors.append(core_message(error))
        else:
            numbers = ", ".join(number_text(entry) for entry in taken)
            flash(_("Đã giữ số %(numbers)s.", numbers=numbers) if reserve
                  else _("Đã cấp số %(numbers)s.", numbers=numbers), "success")
            return redirect(url_for(".index", **{"nhiem-ky": taken[0].term_id}))
    term, all_terms = chosen_term()
    doc_type = request.args.get("loai", "")
    lines = book.entries(session(), organisation_id(), term.id, doc_type or None) if term else []
    return render_template("register/index.html", form=form, errors=errors, term=term, terms=all_terms,
                           doc_type=doc_type, lines=lines, doc_types=DOC_TYPES, status_names=STATUS_NAMES,
                           number_text=number_text, span=terms.span), 400 if errors or form.errors else 200


def entry_or_404(entry_id: int) -> RegisterEntry:
    return book.get(session(), organisation_id(), entry_id) or abort(404)


@blueprint.post("/<int:entry_id>/huy")
def cancel(entry_id: int):
    entry = entry_or_404(entry_id)
    try:
        book.cancel(entry, request.form.get("reason", "")[:MAX_TEXT * 4])
    except BadInput as error:
        flash(core_message(error), "error")
    else:
        audit.record("void", "number", entry.id, f"{number_text(entry)} {entry.note}".rstrip())
        session().commit()
        flash(_("Đã hủy số %(number)s: số vẫn ở trong sổ và không được cấp lại.", number=number_text(entry)), "success")
    return redirect(url_for(".index", **{"nhiem-ky": entry.term_id}))


@blueprint.route("/<int:entry_id>/cap-so", methods=["GET", "POST"])
def fill(entry_id: int):
    """A held number given its document."""
    entry = entry_or_404(entry_id)
    if entry.status != RegisterEntry.RESERVED:
        abort(404)
    form = IssueForm(doc_type=entry.doc_type)
    if request.method == "GET":
        form.day.data, form.summary.data = short_date(entry.issued_on), entry.summary
    errors = []
    if form.validate_on_submit():
        try:
            book.fill(session(), entry, form.issue())
        except BadInput as error:
            errors.append(core_message(error))
        else:
            audit.record("issue", "number", entry.id, f"{number_text(entry)} {entry.summary}".rstrip())
            session().commit()
            flash(_("Đã cấp số %(numbers)s.", numbers=number_text(entry)), "success")
            return redirect(url_for(".index", **{"nhiem-ky": entry.term_id}))
    return render_template("register/fill.html", form=form, errors=errors, entry=entry,
                           number=number_text(entry)), 400 if errors or form.errors else 200


@blueprint.get("/<int:entry_id>/tep")
def document(entry_id: int):
    entry = entry_or_404(entry_id)
    if entry.file_data is None:
        abort(404)
    audit.record_now("download", "number", entry.id, entry.file_name)
    return send_bytes(entry.file_data, entry.file_name, "application/octet-stream")


@blueprint.get("/so-van-ban-di.xlsx")
def export():
    term, _terms = chosen_term()
    if term is None:
        abort(404)
    doc_type = request.args.get("loai", "")
    lines = book.entries(session(), organisation_id(), term.id, doc_type or None)
    organisation = organisations.get(session(), organisation_id()).organisation
    name = f"Sổ văn bản đi - {term.name}{f' - {doc_type}' if doc_type else ''}.xlsx"
    audit.record_now("download", "number", None, name)
    return send_bytes(workbook(organisation, term, lines), name, XLSX)
