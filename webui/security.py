"""What every response carries to keep the browser on the app's side, and the sign-in rate limit.

- Security headers: a Content-Security-Policy with no inline script or style (the pages have none),
  no framing, no MIME sniffing, no referrer to other sites.
- An id in a URL is a number a database holds: a larger one finds no page (404).
- The host a request names is one the app answers to: ``DOCGEN_TRUSTED_HOSTS``, else localhost and
  this machine's own names; an IP address always is. Any other gets a 400.
- Sign-in attempts are rate-limited (Flask-Limiter) per address and per account name; only failed
  attempts count. The counts live in memory by default, or in the storage ``RATELIMIT_STORAGE_URI``
  names (``DOCGEN_RATELIMIT_STORAGE_URI``, e.g. ``redis://…`` when several processes serve).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import SecurityError

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
    # Checked here rather than by Flask, which would refuse an IP address not listed.
    app.config["HOST_NAMES"] = frozenset(name.lower() for name in app.config["TRUSTED_HOSTS"] or machine_names())
    app.config["TRUSTED_HOSTS"] = None
    app.before_request_funcs.setdefault(None, []).insert(0, check_host)  # before sign-in sends anyone anywhere


def machine_names() -> tuple[str, ...]:
    """The names this machine answers to by default: localhost and its own host names."""
    return "localhost", socket.gethostname(), socket.getfqdn()


def check_host() -> None:
    """Refuse a request for a host name the app does not answer to (a DNS rebinding makes a browser
    send another site's name); an IP address is always one, as no rebinding can make it."""
    try:
        name = urlsplit("//" + request.host).hostname or ""
    except ValueError:
        name = ""
    if name not in current_app.config["HOST_NAMES"] and not _is_address(name):
        raise SecurityError(f"host not trusted: {request.host!r}")


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


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
