"""Đăng nhập: the one page, with the language switch and static files, open to everyone.

Failed attempts are rate-limited (:mod:`webui.security`); a failure says only that the name or the
password is wrong, and takes as long either way. Signing in starts a new session (keeping only the
language chosen), which lasts ``SESSION_MINUTES`` from the last request.
"""

from __future__ import annotations

from flask import redirect, render_template, request
from flask import session as cookie
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from docgen.store import users
from docgen.vn.text import normalize
from webui.access import PUBLIC, Section, local_target, new_session
from webui import audit
from webui.database import session
from webui.security import limit_login

blueprint = Section("login", __name__, admits=PUBLIC)


class LoginForm(FlaskForm):
    name = StringField(_l("Tên đăng nhập"), validators=[
        DataRequired(_l("Nhập tên đăng nhập.")), Length(max=64, message=_l("Dài tối đa %(max)d ký tự."))])
    password = PasswordField(_l("Mật khẩu"), validators=[
        DataRequired(_l("Nhập mật khẩu.")), Length(max=users.MAX_PASSWORD, message=_l("Dài tối đa %(max)d ký tự."))])


@blueprint.route("/dang-nhap", methods=["GET", "POST"])
@limit_login
def index():
    target = local_target(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    if form.validate_on_submit():
        name = normalize(form.name.data).strip().lower()
        user = users.authenticate(session(), name, form.password.data)
        if user is not None:
            start_session(user)
            audit.record("login", "user", user.id, user=user)
            session().commit()
            return redirect(target)
        if (known := users.by_name(session(), name)) is not None:
            audit.record("login-failed", "user", known.id, user=known)
            session().commit()
        form.password.errors.append(_("Tên đăng nhập hoặc mật khẩu không đúng."))
    return render_template("login.html", form=form, first_run=not users.any_user(session()))


def start_session(user) -> None:
    """A fresh session for the account: nothing of the one before it is kept but its language."""
    new_session()
    cookie.permanent = True
    login_user(user)
