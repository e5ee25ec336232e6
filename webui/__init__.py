"""docgen's web app for the committee's office: plans, units, generation and checks, in Vietnamese.

``create_app()`` builds the app: settings, the database (migrated to the latest schema, demo data
on first start), translations, CSRF protection on every POST, friendly error pages and the
blueprints, one per menu entry.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

# Never inside the installed package: the folder the app is started in, unless set.
DATA_DIR = Path(os.environ.get("DOCGEN_DATA_DIR", "var"))
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

csrf = CSRFProtect()


def create_app(config: dict | None = None) -> Flask:
    config = dict(config or {})
    data_dir = Path(config.get("DATA_DIR", DATA_DIR)).resolve()
    app = Flask(__name__, instance_path=str(data_dir))
    app.config.update(
        DATA_DIR=data_dir,
        DATABASE_URL=None,
        GENERATIONS_DIR=data_dir / "generations",
        LOAD_DEMO_DATA=True,
        GENERATION_JOBS=None,
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        # Import previews carry the parsed units or plan back in a form field: allow a big list.
        MAX_FORM_MEMORY_SIZE=MAX_UPLOAD_BYTES,
        WTF_CSRF_TIME_LIMIT=None,
        BABEL_DEFAULT_LOCALE="vi",
        BABEL_DEFAULT_TIMEZONE=os.environ.get("DOCGEN_TIMEZONE", "Asia/Ho_Chi_Minh"),
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.config.update(config)
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or secret_key(data_dir)

    from webui import database, errors, i18n, jobs

    i18n.init_app(app)
    database.init_app(app)
    jobs.init_app(app)
    csrf.init_app(app)
    errors.init_app(app)
    register_blueprints(app)
    return app


def register_blueprints(app: Flask) -> None:
    from webui import check, generate, home, plans, units

    for module in (home, plans, units, generate, check):
        app.register_blueprint(module.blueprint)


def secret_key(data_dir: Path) -> str:
    """``DOCGEN_SECRET_KEY``, or one made on first start and kept in the data folder, so sessions
    and form tokens survive a restart."""
    if key := os.environ.get("DOCGEN_SECRET_KEY"):
        return key
    path = data_dir / "secret-key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
