"""Quản trị: the administrator's pages — the organisation's accounts and its profile.

Accounts are added, given a new password, locked and unlocked; none is deleted (the audit log keeps
naming them). The administrator cannot lock their own account.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from pydantic import ValidationError
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from docgen.errors import BadInput
from docgen.model import Organisation
from docgen.store import organisations, users
from docgen.store import units as unit_store
from docgen.store.schema import User
from webui import audit
from webui.access import ADMIN, Section, organisation_id
from webui.account import NEW_PASSWORD, set_password
from webui.database import session
from webui.fields import choices, model_error, record_id
from webui.i18n import core_message
from webui.plan_form import OrganisationForm, org_data, organisation_data

blueprint = Section("admin", __name__, url_prefix="/quan-tri", admits=ADMIN)

ROLE_NAMES = {User.ADMIN: _l("Quản trị"), User.OFFICE: _l("Văn phòng"), User.UNIT: _l("Đơn vị")}


class UserForm(FlaskForm):
    name = StringField(_l("Tên đăng nhập"), validators=[
        DataRequired(_l("Nhập tên đăng nhập, ví dụ van-phong-2.")), Length(max=64, message=_l("Dài tối đa %(max)d ký tự."))])
    role = SelectField(_l("Vai trò"), choices=choices(ROLE_NAMES.items()), default=User.OFFICE)
    unit = SelectField(_l("Đơn vị (chỉ với vai trò Đơn vị)"), validate_choice=False)
    password = PasswordField(_l("Mật khẩu ban đầu"), validators=NEW_PASSWORD)


class ResetForm(FlaskForm):
    password = PasswordField(_l("Mật khẩu mới"), validators=NEW_PASSWORD)


@blueprint.route("/", methods=["GET", "POST"])
def index():
    form = UserForm()
    records = unit_store.all_units(session(), organisation_id())
    form.unit.choices = choices([("", _("— không —"))] + [(str(unit.id), f"{unit.code} · {unit.unit.committee}")
                                                          for unit in records])
    if form.validate_on_submit() and (user := add_user(form)):
        flash(_("Đã tạo tài khoản %(name)s.", name=user.name), "success")
        return redirect(url_for(".index"))
    accounts = users.all_users(session(), organisation_id())
    unit_names = {unit.id: f"{unit.code} · {unit.unit.committee}" for unit in records}
    return render_template("admin/index.html", form=form, accounts=accounts, unit_names=unit_names,
                           role_names=ROLE_NAMES)


def add_user(form: UserForm) -> User | None:
    """The account the form describes, saved; or None with the problem next to its field."""
    unit = None
    if form.role.data == User.UNIT:
        number = record_id(form.unit.data)
        unit = None if number is None else unit_store.get(session(), organisation_id(), number)
        if unit is None:
            form.unit.errors.append(_("Chọn đơn vị của tài khoản này."))
            return None
    try:
        user = users.add(session(), organisation_id(), form.name.data.strip(), form.role.data, form.password.data, unit)
    except BadInput as error:
        form.name.errors.append(core_message(error))
        return None
    audit.record("create", "user", user.id, f"{user.name} ({user.role})")
    session().commit()
    return user


@blueprint.route("/nguoi-dung/<int:user_id>", methods=["GET", "POST"])
def user(user_id: int):
    account = users.get(session(), organisation_id(), user_id) or abort(404)
    form = ResetForm()
    if form.validate_on_submit() and set_password(account, form.password):
        audit.record("password", "user", account.id, account.name)
        session().commit()
        flash(_("Đã đặt mật khẩu mới cho %(name)s; các phiên đăng nhập của tài khoản này đã bị đăng xuất.",
                name=account.name), "success")
        return redirect(url_for(".index"))
    return render_template("admin/user.html", form=form, account=account, role_names=ROLE_NAMES)


@blueprint.post("/nguoi-dung/<int:user_id>/khoa")
def lock(user_id: int):
    """Lock an account (signing out its sessions) or unlock it."""
    account = users.get(session(), organisation_id(), user_id) or abort(404)
    if account.id == current_user.id:
        flash(_("Không thể tự khóa tài khoản của mình."), "error")
        return redirect(url_for(".user", user_id=account.id))
    locking = request.form.get("active") != "1"
    users.set_active(account, not locking)
    audit.record("update", "user", account.id, f"{account.name}: {'khóa' if locking else 'mở khóa'}")
    session().commit()
    flash(_("Đã khóa tài khoản %(name)s.", name=account.name) if locking
          else _("Đã mở khóa tài khoản %(name)s.", name=account.name), "success")
    return redirect(url_for(".index"))


@blueprint.route("/to-chuc", methods=["GET", "POST"])
def organisation():
    """The organisation's profile: what new plans and imports start from."""
    record = organisations.get(session(), organisation_id())
    form = OrganisationForm(data=None if request.method == "POST" else org_data(record.organisation))
    if form.validate_on_submit():
        try:
            record.organisation = Organisation.model_validate(organisation_data(form, record.organisation))
        except ValidationError as error:
            for item in error.errors():
                getattr(form, f"org_{item['loc'][0]}", form.org_name).errors.append(model_error(item))
        else:
            audit.record("update", "organisation", record.id, record.organisation.name)
            session().commit()
            flash(_("Đã lưu thông tin tổ chức."), "success")
            return redirect(url_for(".organisation"))
    return render_template("admin/organisation.html", form=form)
