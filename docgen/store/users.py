"""Accounts: who may sign in, with which role, and their passwords as argon2id hashes.

Names are global (one sign-in form for every organisation): 3 to 64 lower-case letters without
tones, digits, ``.``, ``_`` or ``-``. Passwords are 10 to 256 characters and are never stored,
logged or shown. The hashing cost is argon2-cffi's RFC 9106 low-memory profile (about 0.3 s on
an office PC), or another named profile through ``DOCGEN_ARGON2_PROFILE`` (``CHEAPEST`` is for
tests only); a hash made with other parameters is made again at the next sign-in.
"""

from __future__ import annotations

import os
import re
import secrets
from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.store.schema import UnitRecord, User, now

NAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
MIN_PASSWORD, MAX_PASSWORD = 10, 256


@cache
def _hasher(profile: str) -> PasswordHasher:
    parameters = getattr(profiles, profile, None)
    if not isinstance(parameters, profiles.Parameters):
        raise BadInput(N_("DOCGEN_ARGON2_PROFILE: không có cấu hình “%(name)s”; dùng RFC_9106_LOW_MEMORY "
                          "hoặc RFC_9106_HIGH_MEMORY"), name=profile)
    return PasswordHasher.from_parameters(parameters)


@cache
def _decoy(profile: str) -> str:
    """A hash verified against when the name is unknown, so that a wrong name takes as long as a
    wrong password."""
    return _hasher(profile).hash(secrets.token_hex(16))


def _profile() -> str:
    return os.environ.get("DOCGEN_ARGON2_PROFILE", "RFC_9106_LOW_MEMORY")


def hasher() -> PasswordHasher:
    return _hasher(_profile())


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise BadInput(N_("tên đăng nhập “%(name)s” không dùng được: cần 3 đến 64 ký tự gồm chữ thường "
                          "không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang, ví dụ van-phong"), name=name)
    return name


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise BadInput(N_("mật khẩu cần từ %(min)s đến %(max)s ký tự"), min=MIN_PASSWORD, max=MAX_PASSWORD)
    return password


def add(session: Session, organisation_id: int, name: str, role: str, password: str,
        unit: UnitRecord | None = None) -> User:
    """A new account; a unit's account (``don-vi``) is bound to one unit of the same organisation."""
    if role not in User.ROLES:
        raise BadInput(N_("vai trò “%(role)s” không có; chọn một trong: %(roles)s"), role=role,
                       roles=", ".join(User.ROLES))
    if (role == User.UNIT) != (unit is not None):
        raise BadInput(N_("chỉ tài khoản đơn vị (don-vi) gắn với một đơn vị, và nó phải gắn với một đơn vị"))
    if unit is not None and unit.organisation_id != organisation_id:
        raise BadInput(N_("đơn vị này không thuộc tổ chức của tài khoản"))
    if by_name(session, check_name(name)) is not None:
        raise BadInput(N_("tên đăng nhập “%(name)s” đã có người dùng"), name=name)
    user = User(organisation_id=organisation_id, name=name, role=role, unit_id=unit.id if unit else None,
                password_hash="", session_token="")
    set_password(user, password)
    session.add(user)
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    """A new password; every session the account had is signed out."""
    user.password_hash = hasher().hash(check_password(password))
    user.session_token = secrets.token_hex(16)


def set_active(user: User, active: bool) -> None:
    user.active = active
    user.session_token = secrets.token_hex(16)


def by_name(session: Session, name: str) -> User | None:
    return session.scalars(select(User).where(User.name == name)).first()


def get(session: Session, organisation_id: int, user_id: int) -> User | None:
    """The account, when it is the organisation's."""
    return session.scalars(select(User).where(User.id == user_id, User.organisation_id == organisation_id)).first()


def by_session(session: Session, session_id: str) -> User | None:
    """The account a signed-in session names (:meth:`User.get_id`), while that session is still valid."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token or len(user_id) > 18:
        return None
    user = session.get(User, int(user_id))
    if user is None or not secrets.compare_digest(user.session_token, token) or not user.is_active:
        return None
    return user


def all_users(session: Session, organisation_id: int) -> list[User]:
    return list(session.scalars(select(User).where(User.organisation_id == organisation_id).order_by(User.name)))


def any_user(session: Session) -> bool:
    return session.scalars(select(User.id).limit(1)).first() is not None


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The active account of that name and password, or None; the time taken does not tell which was wrong."""
    user = by_name(session, name) if NAME.fullmatch(name) and len(password) <= MAX_PASSWORD else None
    if user is None:
        _verify(_decoy(_profile()), password[:MAX_PASSWORD])
        return None
    if not check(user, password) or not user.is_active:
        return None
    if hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hasher().hash(password)
    user.last_login_at = now()
    return user


def check(user: User, password: str) -> bool:
    """Whether ``password`` is the account's."""
    return len(password) <= MAX_PASSWORD and _verify(user.password_hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
