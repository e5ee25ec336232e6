"""From data to the context a template renders: every line of the document, worded and cased.

Templates only place values; all wording decisions (upper case of names, the number line,
the date line, recipients' punctuation, the ủy/uỷ style) are made here, in one place.  The
organisation's ủy/uỷ style is its own writing's: the names of people and units are printed as
spelt (:class:`HouseStyle`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from docgen import outline
from docgen.format import load_profile
from docgen.model import DocType, Plan, Unit
from docgen.vn.dates import place_date
from docgen.vn.text import apply_tone_style, tone_styles_in, upper

# A numbered paragraph is a sentence, not a title, when it ends like one, or when it has nothing
# under it and runs longer than this: its number is bold and its text in the body face.
RUNIN_MIN_CHARS = 120
BLANK_NUMBER = "      "
# A paragraph of dots alone is a line to write on (report forms).
FILL_LINE = re.compile(r"^[.…]{5,}$")
# What a line never breaks inside: a document's number after its "số" (số 15-KH/ĐUK) and a date after
# its "ngày" (ngày 25/5/2021).
_CITED_NUMBER = re.compile(r"\b(số) ([\d…]+)-(?=[A-ZĐ]\w*/\w)")
_DATED = re.compile(r"\b(ngày) (?=[\d…]{1,2}/[\d…]{1,2}/\d{4})")
NO_BREAK_SPACE, NO_BREAK_HYPHEN = "\u00a0", "\u2011"


class HouseStyle(NamedTuple):
    """How a document is written: the organisation's ủy/uỷ style (``tone``), except in the names
    it prints as spelt (``verbatim``, each also as a header prints it, upper case)."""

    tone: str
    verbatim: tuple[str, ...] = ()


def house_style(plan: Plan, unit: Unit | None = None, others: Iterable[Unit] = ()) -> HouseStyle:
    """The style of the committee's documents, or of those about ``unit`` (and ``others``): people's
    names (the signer, a unit's secretary and deputy) and a unit's name and place are kept as spelt.
    Only names the style would change are listed, so most units share the committee's style."""
    tone = plan.organisation.tone_style.value
    names = [plan.signature.name]
    for named in filter(None, (unit, *others)):
        names += [named.name, named.secretary, named.deputy, named.place]
    changed = [name for name in names if tone_styles_in(name) - {tone}]
    return HouseStyle(tone, tuple(dict.fromkeys([*changed, *map(upper, changed)])))


@lru_cache(maxsize=8192)
def _restyled(text: str, tone: str) -> str:
    """Most paragraphs are the same in every unit's documents: restyle each once."""
    return apply_tone_style(text, tone)


def _styled(text: str, style: HouseStyle) -> str:
    """The text in the house style; the names to keep are looked for only where the style changes
    something, so that a unit whose names are kept still shares the others' restyled texts."""
    restyled = _restyled(text, style.tone)
    if restyled == text or not style.verbatim:
        return restyled
    return apply_tone_style(text, style.tone, style.verbatim)


def number_line(number: int | None, doc_type: DocType | str, symbol: str) -> str:
    """``Số 15-KH/ĐUK``; at least two digits; a blank for the registry to fill. ``doc_type`` is docgen's
    own or any Party type's abbreviation (the register's, :mod:`docgen.register.types`)."""
    shown = f"{number:02d}" if number is not None else BLANK_NUMBER
    return f"Số {shown}-{getattr(doc_type, 'value', doc_type)}/{symbol}"


def unbroken(text: str) -> str:
    """``text`` with a no-break space after "số" and "ngày" and a no-break hyphen in the numbers they
    introduce, which Word and LibreOffice both keep on one line: "số 15-KH/ĐUK" is not split as
    "số 15-" / "KH/ĐUK"."""
    if "số " not in text and "ngày " not in text:
        return text
    text = _CITED_NUMBER.sub(lambda match: f"{match[1]}{NO_BREAK_SPACE}{match[2]}{NO_BREAK_HYPHEN}", text)
    return _DATED.sub(lambda match: f"{match[1]}{NO_BREAK_SPACE}", text)


def summary_lines(text: str, key: str = "summary") -> str:
    """A trích yếu as printed under the type name (or another centred line of the title block, the
    element ``key``): centred lines of nearly equal width."""
    profile = load_profile()
    return profile.lines(key, unbroken(text), profile.text_width_mm)


def letter_summary_lines(text: str) -> str:
    """A công văn's trích yếu as printed under its number, in the header's left column."""
    profile = load_profile()
    return profile.lines("letter_summary", unbroken(text), profile.header.left_mm - 2 * profile.cell_margin_mm)


def recipient_lines(recipients: Iterable[str], between: str = ",") -> list[str]:
    """``- Ban …,`` for each recipient and a full stop after the last, as Party documents end (under
    Kính gửi, ``between`` is ``;``)."""
    items = [item.rstrip(" ,;.") for item in recipients]
    return [f"- {item}{'.' if i == len(items) - 1 else between}" for i, item in enumerate(items)]


@lru_cache(maxsize=256)
def body_paragraphs(text: str, style: HouseStyle) -> tuple[dict[str, str], ...]:
    """The outline text as a flat list of paragraphs, each with the kind its style is chosen by,
    written in the organisation's ủy/uỷ style.

    Cached: every unit's documents repeat the same sections, so callers must not change them."""
    return tuple(in_tone_style(paragraphs_of(outline.parse(text)), style))


def text_paragraph(text: str, style: HouseStyle) -> dict[str, str]:
    """One plain body paragraph (an opening sentence), in the organisation's ủy/uỷ style."""
    return {"kind": "text", "marker": "", "text": _styled(unbroken(text), style)}


def paragraphs_of(nodes: list[outline.Node]) -> list[dict[str, str]]:
    """An outline tree as a flat list of paragraphs (see :func:`body_paragraphs`), numbers and dates
    kept on one line (:func:`unbroken`)."""
    paragraphs = []
    for _, node in outline.walk(nodes):
        text = unbroken(node.text)
        if node.kind == "text" and FILL_LINE.match(text):
            paragraphs.append({"kind": "fill", "marker": "", "text": ""})
        elif node.kind == "text":
            paragraphs.append({"kind": "text", "marker": "", "text": text})
        elif node.kind == "roman":
            paragraphs.append({"kind": "roman", "marker": node.marker, "text": f"{node.marker} {upper(text)}"})
        elif node.kind in ("dash", "plus"):
            paragraphs.append({"kind": node.kind, "marker": node.marker, "text": f"{node.marker} {text}"})
        elif text.endswith((".", ";")) or (not node.children and len(text) > RUNIN_MIN_CHARS):
            paragraphs.append({"kind": "runin", "marker": node.marker, "text": text})
        else:
            paragraphs.append({"kind": node.kind, "marker": node.marker, "text": f"{node.marker} {text}"})
    return paragraphs


def plan_context(plan: Plan) -> dict[str, Any]:
    """The context of the committee's own document (``--kind plan``)."""
    org = plan.organisation
    style = house_style(plan)
    context = {
        "header": {
            "superior": upper(org.superior),
            "issuer": upper(org.name),
            "number": number_line(plan.number, plan.type, org.symbol),
            # An undated draft is dated by hand, in the year it is issued.
            "place_date": place_date(org.place, plan.date, dt.date.today().year),
        },
        "title": plan.type.title,
        "summary": summary_lines(plan.summary),
        "body": body_paragraphs(plan.body, style),
        "signature": plan.signature.model_dump(),
        "recipients": recipient_lines(plan.recipients),
        "properties": {"subject": f"{plan.type.noun} {plan.summary}", "author": org.name},
    }
    return in_house_style(context, style)


# Context parts built from body_paragraphs and text_paragraph (and a report form's rows, made once for
# all units): already in the organisation's style.
STYLED_PARTS = ("body", "closing", "indicators")


def in_house_style(context: dict[str, Any], style: HouseStyle) -> dict[str, Any]:
    """The context with every string in the house style (the body parts already are)."""
    return {key: value if key in STYLED_PARTS else in_tone_style(value, style) for key, value in context.items()}


def in_tone_style(value: Any, style: HouseStyle) -> Any:
    """Every string of the context written in the house style."""
    if isinstance(value, str):
        return _styled(value, style)
    if isinstance(value, dict):
        return {key: in_tone_style(item, style) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [in_tone_style(item, style) for item in value]
    return value
