"""Messages for people: the Vietnamese text is the message id, and one catalog holds the English.

A message is written in Vietnamese, marked with :func:`N_` so that ``pybabel extract`` finds it
(``babel.cfg``), and kept apart from its parameters (:class:`Message`) until it is shown: the id is
looked up first, then filled in. The command line shows messages in ``--lang`` / ``DOCGEN_LANG``
(Vietnamese by default), the web app in the page's language, from the same catalog
(``docgen/locale``, which holds the web app's own messages too). Vietnamese needs no catalog, so a
missing one can never show office staff anything but Vietnamese.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

LANGUAGES = ("vi", "en")
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a message for the catalog; it is translated where it is shown."""
    return message


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The translations into ``language`` (none for Vietnamese, the ids themselves); an unknown
    language is refused."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    if language == "vi":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


def translate(message: str, language: str = "vi", **params) -> str:
    """``message`` in ``language``, filled in with ``params`` (%-style); a parameter that is itself a
    :class:`Message` is translated too, and a list of them is joined with ``; ``."""
    text = catalog(language).gettext(message)
    if not params:
        return text
    return text % {name: _shown(value, language) for name, value in params.items()}


def ngettext(singular: str, plural: str, count: int, language: str = "vi", **params) -> str:
    """The form for ``count`` (English has two, Vietnamese one), filled in with ``count`` and ``params``."""
    return catalog(language).ngettext(singular, plural, count) % {"count": count, **params}


def _shown(value, language: str):
    if isinstance(value, Message):
        return value.translate(language)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_shown(item, language)) for item in value)
    return value


class Message(str):
    """A message id with its parameters, translated when it is shown.

    It is also the Vietnamese text itself (a ``str``), so code that joins or prints messages keeps
    working; :meth:`translate` gives it in another language.
    """

    def __new__(cls, message: str, **params):
        text = super().__new__(cls, translate(message, "vi", **params))
        text.id, text.params = message, params
        return text

    def translate(self, language: str = "vi") -> str:
        return translate(self.id, language, **self.params)

    def __repr__(self) -> str:
        return f"Message({self.id!r}, **{self.params!r})"

    def to_data(self) -> dict:
        """The message as JSON holds it, to be stored and shown later in any language (:meth:`from_data`);
        a parameter that is not a message, a list, a number or text is kept as its text."""
        return {"id": self.id, "params": {name: _as_data(value) for name, value in self.params.items()}}

    @classmethod
    def from_data(cls, data: dict) -> Message:
        return cls(data["id"], **{name: _from_data(value) for name, value in data["params"].items()})


def _as_data(value):
    if isinstance(value, Message):
        return {"message": value.to_data()}
    if isinstance(value, (list, tuple)):
        return [_as_data(item) for item in value]
    return value if isinstance(value, (int, float)) else str(value)


def _from_data(value):
    if isinstance(value, dict):
        return Message.from_data(value["message"])
    if isinstance(value, list):
        return [_from_data(item) for item in value]
    return value
