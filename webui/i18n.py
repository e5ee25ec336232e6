"""Vietnamese by default, English on request.

Message ids are the Vietnamese texts themselves and docgen's one catalog (:mod:`docgen.i18n`,
``docgen/locale``) holds the English of docgen's messages and the web app's: the default language
needs no catalog at all, so a missing or stale catalog can never show office staff anything but
Vietnamese, and a message stored as data (a generation's error) is translated when shown simply by
passing it to ``_()``.
"""

from __future__ import annotations

from flask import Flask, redirect, request, session
from flask_babel import Babel, format_datetime

from docgen.errors import BadInput
from docgen.i18n import LOCALE_DIR, N_, Message  # noqa: F401 (N_ marks the web app's messages too)
from docgen.vn.dates import short_date
from webui.access import PUBLIC, Section, local_target

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

blueprint = Section("language", __name__, admits=PUBLIC)


def select_locale() -> str:
    return session.get("language", "vi")


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale, default_translation_directories=str(LOCALE_DIR))
    app.register_blueprint(blueprint)
    app.add_template_filter(local_time)
    app.add_template_filter(core_message, "core")
    app.add_template_filter(short_date, "vn_date")

    @app.context_processor
    def languages():
        return {"languages": LANGUAGES, "language": select_locale()}


def core_message(message: BadInput | Message) -> str:
    """A message of docgen's core (an error it raised, a problem it found) in the page's language."""
    return message.translate(select_locale())


def local_time(value) -> str:
    """A time stored in UTC, as the office's clock shows it (``BABEL_DEFAULT_TIMEZONE``)."""
    return format_datetime(value, "dd/MM/yyyy HH:mm")


@blueprint.get("/ngon-ngu/<code>")
def choose(code: str):
    """Remember the language in the session and go back to the page the link was on."""
    if code in LANGUAGES:
        session["language"] = code
    return redirect(local_target(request.args.get("next")))
