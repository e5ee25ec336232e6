"""What every response carries to keep the browser on the app's side, and the sign-in rate limit.

- Security headers: a Content-Security-Policy with no inline script or style (the pages have none),
  no framing, no MIME sniffing, no referrer to other sites.
- An id in a URL is a number a database holds: a larger one finds no page (404).
- Sign-in attempts are rate-limited (Flask-Limiter) per address and per account name; only failed
  attempts count. The counts live in memory by default, or in the storage ``RATELIMIT_STORAGE_URI``
  names (``DOCGEN_RATELIMIT_STORAGE_URI``, e.g. ``redis://…`` when several processes serve).
"""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from webui.fields import RecordId

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}

limiter = Limiter(get_remote_address)


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    app.after_request(add_headers)
    app.url_map.converters["int"] = RecordId  # before the blueprints' routes are added


def add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def failed(response) -> bool:
    """A sign-in refused: the form shown again (a success redirects; an attempt turned away by the
    limit is not one more)."""
    return response.status_code == 200


def login_name() -> str:
    return "login:" + request.form.get("name", "").strip().lower()[:64]


def address_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


def name_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_NAME"]


def limit_login(view):
    """The sign-in view, limited per address and per account name."""
    view = limiter.limit(address_limit, methods=["POST"], deduct_when=failed)(view)
    return limiter.limit(name_limit, key_func=login_name, methods=["POST"], deduct_when=failed)(view)
