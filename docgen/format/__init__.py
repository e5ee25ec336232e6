"""The format profile: every number of the Party document format, read from a data file.

The template builder lays documents out from it and the checker judges documents against
it, so the two can never disagree.  A new guide (say ``hd05-2026``) is a new YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from docgen.format.metrics import balanced

PROFILE_DIR = Path(__file__).parent
DEFAULT_PROFILE = "hd36-2018"
MM_TO_TWIPS = 1440 / 25.4


@dataclass(frozen=True)
class Element:
    """How one element of a document looks; ``None`` means "inherit / not prescribed"."""

    key: str
    style: str
    size: float | None = None
    sizes: tuple[float, ...] = ()
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    align: str | None = None
    text: str | None = None
    based_on: str | None = None
    first_line_indent_mm: float | None = None
    space_before: float | None = None
    space_after: float | None = None
    line: float | None = None
    line_exact: float | None = None
    keep_with_next: bool | None = None
    tab_right_dots: bool | None = None
    conf: str = "M"
    severity: str | None = None

    @property
    def check_severity(self) -> str:
        """What the checker reports a breach as: ``severity`` when the spec's §12.1 sets one
        apart from the confidence tag, else error for certain rules and warning for the rest."""
        return self.severity or ("error" if self.certain else "warning")

    @property
    def allowed_sizes(self) -> tuple[float, ...]:
        return self.sizes or ((self.size,) if self.size else ())

    @property
    def certain(self) -> bool:
        """Primary or corroborated rules are errors when broken; the rest are warnings."""
        return self.conf in ("P", "C")


@dataclass(frozen=True)
class Page:
    width_mm: float
    height_mm: float
    margins_mm: dict[str, float]
    margin_tolerance_mm: float
    header_distance_mm: float
    page_number_from: int
    paper_tolerance_mm: float = 1


@dataclass(frozen=True)
class Checks:
    """What the checker matches a document's text against: the patterns and word lists of the format."""

    number: str
    number_blank: str
    place_date: str
    place_date_blank: str
    doc_titles: tuple[str, ...]
    letter_symbol: str
    state_symbols: dict[str, str]
    authority: dict[str, str]  # collective / deputy / delegated → T/M, K/T, T/L
    state_authority: dict[str, str]
    committees: tuple[str, ...]  # issuers whose documents are signed T/M, whoever signs
    collectives: tuple[str, ...]  # the other bodies signed for with T/M
    state_heading: str
    state_motto: str
    salutation: str
    state_letter_prefix: str
    legacy_fonts: tuple[str, ...]


@dataclass(frozen=True)
class Columns:
    left_mm: float
    right_mm: float


@dataclass(frozen=True)
class Hanging:
    """Lines starting ``left_mm`` in, the first of them ``hanging_mm`` further left than the others."""

    left_mm: float
    hanging_mm: float


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    page: Page
    font: str
    header: Columns
    heading_line_mm: float
    heading_line_tolerance: float
    cell_margin_mm: float
    signature_table: Columns
    signature_blank_lines: int
    addressees: Hanging
    """Kính gửi: and its addressees, when they are several."""
    checks: Checks
    roman_separator: str
    """What follows a part's Roman numeral in the outline docgen writes: ``.`` (``I.``) or ``-``."""
    elements: dict[str, Element] = field(default_factory=dict)

    @property
    def text_width_mm(self) -> float:
        margins = self.page.margins_mm
        return self.page.width_mm - margins["left"] - margins["right"]

    def lines(self, key: str, text: str, width_mm: float) -> str:
        """``text`` as element ``key`` prints it within ``width_mm``: in balanced lines (see
        :func:`docgen.format.metrics.balanced`), joined by "\\n"."""
        element = self.resolved(key)
        return balanced(text, width_mm * 72 / 25.4, element.size, bold=bool(element.bold),
                        italic=bool(element.italic))

    def resolved(self, key: str) -> Element:
        """The element with the values it inherits through ``based_on`` filled in."""
        element = self.elements[key]
        if not element.based_on:
            return element
        parent = self.resolved(element.based_on)
        merged = {name: getattr(parent, name) for name in parent.__dataclass_fields__}
        merged.update(
            {
                name: getattr(element, name)
                for name in element.__dataclass_fields__
                if getattr(element, name) is not None and getattr(element, name) != ()
            }
        )
        return Element(**merged)


def mm_to_twips(mm: float) -> int:
    return round(mm * MM_TO_TWIPS)


@cache
def load_profile(profile_id: str = DEFAULT_PROFILE) -> Profile:
    """Read ``<profile_id>.yaml`` beside this module."""
    path = PROFILE_DIR / f"{profile_id}.yaml"
    if not path.is_file():
        raise ValueError(f"unknown format profile {profile_id!r}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    header = data["header"]
    signature = data["signature_table"]
    elements = {}
    for key, values in data["elements"].items():
        values = dict(values)
        values["sizes"] = tuple(values.get("sizes", ()))
        elements[key] = Element(key=key, **values)
    return Profile(
        id=data["id"],
        name=data["name"],
        page=Page(**data["page"]),
        font=data["font"]["name"],
        header=Columns(header["left_mm"], header["right_mm"]),
        heading_line_mm=header["heading_line_mm"],
        heading_line_tolerance=header["heading_line_tolerance"],
        cell_margin_mm=header["cell_margin_mm"],
        signature_table=Columns(signature["left_mm"], signature["right_mm"]),
        signature_blank_lines=signature["signature_blank_lines"],
        addressees=Hanging(data["addressees"]["left_mm"], data["addressees"]["hanging_mm"]),
        elements=elements,
        checks=_checks(data["checks"]),
        roman_separator=data["outline"]["roman_separator"],
    )


def _checks(values: dict) -> Checks:
    values = {key: tuple(value) if isinstance(value, list) else value for key, value in values.items()}
    return Checks(**values)
