"""Who may open what: accounts signed in with Flask-Login, and one rule per blueprint.

Every blueprint is a :class:`Section` declaring the roles it admits; :func:`init_app` refuses to
start an app holding any other blueprint, and before each request the rule of the page's section is
applied: someone not signed in is sent to the sign-in page, an account whose role is not admitted
gets 403. A route outside every section is refused to all (static files aside). What a section's
pages show is then scoped to the account's organisation (:func:`organisation_id`) and, for a unit's
account, to its unit (:func:`own_unit`).

A session is the account's id and its session token (:meth:`User.get_id`): a new password, or the
account deactivated, signs out every session it had. Sessions last ``SESSION_MINUTES`` from the
last request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, request
from flask import session as cookie
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from docgen.store import units, users
from docgen.store.schema import UnitRecord, User
from webui.database import session

ANONYMOUS = "anonymous"
ADMIN = frozenset({User.ADMIN})
# The administrator does the office's work too.
OFFICE = frozenset({User.OFFICE, User.ADMIN})
UNIT = frozenset({User.UNIT})
SIGNED_IN = frozenset(User.ROLES)
PUBLIC = SIGNED_IN | {ANONYMOUS}


class Section(Blueprint):
    """A blueprint with the roles it admits (one of the sets above)."""

    def __init__(self, name: str, import_name: str, *, admits: frozenset[str], **options):
        if not admits or not admits <= PUBLIC:
            raise ValueError(f"{name}: admits must be a non-empty set of {sorted(PUBLIC)}")
        super().__init__(name, import_name, **options)
        self.admits = admits


def init_app(app: Flask) -> None:
    manager = LoginManager(app)
    manager.login_view = "login.index"
    manager.login_message = _l("Hãy đăng nhập để tiếp tục.")
    manager.login_message_category = "info"
    manager.user_loader(lambda session_id: users.by_session(session(), session_id))
    app.before_request(check_access)


def check_sections(app: Flask) -> None:
    """Every blueprint must say whom it admits: one that does not stops the app from starting."""
    undeclared = sorted(name for name, blueprint in app.blueprints.items() if not isinstance(blueprint, Section))
    if undeclared:
        raise RuntimeError(f"blueprints without the roles they admit (webui.access.Section): {', '.join(undeclared)}")


def role() -> str:
    return current_user.role if current_user.is_authenticated else ANONYMOUS


def check_access():
    if request.routing_exception is not None or request.endpoint == "static":
        return None  # an unknown address or method gets its 404 or 405 page; static files are public
    section = current_app.blueprints.get(request.blueprint or "")
    if isinstance(section, Section) and role() in section.admits:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    abort(403)


def organisation_id() -> int:
    """The signed-in account's organisation: the only one whose records its pages see."""
    return current_user.organisation_id


def own_unit() -> UnitRecord:
    """A unit's account's unit (the unit portal admits no other account)."""
    return units.get(session(), current_user.organisation_id, current_user.unit_id) or abort(403)


def new_session() -> None:
    """Forget all the session held (its account above all) but the language chosen."""
    language = cookie.get("language")
    cookie.clear()
    if language:
        cookie["language"] = language


def local_target(target: str | None) -> str:
    """A path on this site to go back to, or ``/``: never another site (``//host``, ``/\\host``), never
    a character that would break the header it goes in."""
    if (not target or not target.startswith("/") or target.startswith(("//", "/\\"))
            or any(ord(char) < 32 or ord(char) == 127 for char in target)):
        return "/"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc else target
