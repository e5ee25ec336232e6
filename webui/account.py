"""The signed-in account's own pages: change its password, sign out."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from docgen.errors import BadInput
from docgen.store import users
from webui.access import SIGNED_IN, Section, new_session
from webui import audit
from webui.database import session
from webui.i18n import core_message

blueprint = Section("account", __name__, url_prefix="/tai-khoan", admits=SIGNED_IN)

NEW_PASSWORD = [DataRequired(_l("Nhập mật khẩu mới.")),
                Length(min=users.MIN_PASSWORD, max=users.MAX_PASSWORD,
                       message=_l("Mật khẩu cần từ %(min)d đến %(max)d ký tự."))]


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Mật khẩu đang dùng"), validators=[DataRequired(_l("Nhập mật khẩu đang dùng."))])
    new = PasswordField(_l("Mật khẩu mới"), validators=NEW_PASSWORD)
    again = PasswordField(_l("Nhập lại mật khẩu mới"), validators=[
        EqualTo("new", _l("Hai lần nhập mật khẩu mới không giống nhau."))])


@blueprint.route("/mat-khau", methods=["GET", "POST"])
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        if not users.check(current_user, form.current.data):
            form.current.errors.append(_("Mật khẩu đang dùng không đúng."))
        elif set_password(current_user, form.new):
            audit.record("password", "user", current_user.id)
            session().commit()
            login_user(current_user._get_current_object())  # this session goes on under the new token; the others are signed out
            flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã bị đăng xuất."), "success")
            return redirect(url_for("home.index"))
    return render_template("account/password.html", form=form)


def set_password(user, field) -> bool:
    """Give the account the password typed in ``field``, or put why not next to it."""
    try:
        users.set_password(user, field.data)
    except BadInput as error:
        field.errors.append(core_message(error))
        return False
    return True


@blueprint.post("/dang-xuat")
def logout():
    audit.record("logout", "user", current_user.id)
    session().commit()
    logout_user()
    new_session()
    flash(_("Đã đăng xuất."), "success")
    return redirect(url_for("login.index"))
