"""Form helpers shared by the blueprints."""

from __future__ import annotations

from collections.abc import Iterable

from wtforms import SelectChoice, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from docgen.model import expected
from webui.i18n import core_message


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
