"""Form helpers shared by the blueprints."""

from __future__ import annotations

from collections.abc import Iterable

from werkzeug.routing import IntegerConverter
from wtforms import SelectChoice, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from docgen.model import expected
from webui.i18n import core_message


MAX_RECORD_ID = 2**31 - 1  # the largest id the databases hold (the id columns are PostgreSQL INTEGER)


def record_id(value: str | None) -> int | None:
    """The id of a record as a form or a query string gives it, or None when it is none: ASCII digits
    (``"²".isdigit()`` is true, and ``int("²")`` fails), no larger than a database holds."""
    if value and value.isascii() and value.isdigit() and int(value) <= MAX_RECORD_ID:
        return int(value)
    return None


class RecordId(IntegerConverter):
    """``<int:…>`` in a route: a number larger than a record id names no page (404) rather than failing."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *args, **{"max": MAX_RECORD_ID, **kwargs})


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes: usable without JavaScript, unlike a multi-select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def model_error(item: dict) -> str:
    """A pydantic error of the data model as the sentence shown under its form field."""
    return field_error(expected(item))


def field_error(message) -> str:
    """A message of docgen's core (:class:`~docgen.i18n.Message`) as the sentence shown under a form field."""
    text = core_message(message)
    return text[:1].upper() + text[1:] + "."
