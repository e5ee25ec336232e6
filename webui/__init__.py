"""docgen's web app for a committee's office and its units: plans, units, generation, checks, the
units' portal and the audit log, in Vietnamese.

``create_app()`` builds the app: settings, the database (migrated to the latest schema, demo data
and demo accounts on first start), translations, sign-in and the role each blueprint admits
(:mod:`webui.access`), CSRF protection on every POST, security headers, friendly error pages and
the blueprints, one per menu entry.

Settings come from :mod:`docgen.settings` (environment variables and the ``DOCGEN_CONFIG`` file),
read when the app is made; ``config`` overrides the Flask configuration they give.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from docgen import settings

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

csrf = CSRFProtect()


def create_app(config: dict | None = None) -> Flask:
    config = dict(config or {})
    chosen = settings.current()
    data_dir = Path(config.get("DATA_DIR") or chosen.data_dir).resolve()
    app = Flask(__name__, instance_path=str(data_dir))
    app.config.update(
        DATA_DIR=data_dir,
        DATABASE_URL=chosen.database_url or None,
        STORAGE_URL=chosen.storage_url,
        LOAD_DEMO_DATA=chosen.demo_data,
        GENERATION_JOBS=chosen.batch_jobs,
        QUEUE_URL=chosen.queue_url,
        START_METHOD=chosen.start_method,
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        # Import previews carry the parsed units or plan back in a form field: allow a big list.
        MAX_FORM_MEMORY_SIZE=MAX_UPLOAD_BYTES,
        WTF_CSRF_TIME_LIMIT=None,
        BABEL_DEFAULT_LOCALE="vi",
        BABEL_DEFAULT_TIMEZONE=chosen.timezone,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=chosen.https,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(minutes=chosen.session_minutes),
        TRUSTED_HOSTS=list(chosen.trusted_hosts) or None,
        RATELIMIT_STORAGE_URI=chosen.ratelimit_storage_uri,
        # Failed sign-ins only: from one address, and for one account name from anywhere.
        LOGIN_LIMIT_PER_ADDRESS="30 per 10 minutes",
        LOGIN_LIMIT_PER_NAME="10 per 10 minutes",
    )
    app.config.update(config)
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or chosen.secret_key or secret_key(data_dir)

    from webui import access, database, errors, i18n, jobs, pdf_preview, security, storage

    i18n.init_app(app)
    database.init_app(app)
    storage.init_app(app)
    jobs.init_app(app)
    pdf_preview.init_app(app)
    access.init_app(app)  # before CSRF: a request not signed in goes to the sign-in page first
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    register_blueprints(app)
    access.check_sections(app)
    return app


def register_blueprints(app: Flask) -> None:
    from webui import (account, admin, audit, board, check, generate, health, home, login, office_templates, plans, portal,
                       register, reports, review, terms, units, wording)

    for module in (login, account, home, plans, units, wording, office_templates, generate, register, review, reports,
                   board, check, audit, admin, terms, portal, health):
        app.register_blueprint(module.blueprint)


def secret_key(data_dir: Path) -> str:
    """One made on first start and kept in the data folder, so sessions and form tokens survive a
    restart."""
    path = data_dir / "secret-key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
