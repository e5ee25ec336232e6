"""The kinds of document docgen makes, in one registry that every layer reads.

The command line, the batch, the engine, the template builder and the web app all learn here what
kinds there are and how each is made, named and filed; adding a kind is one entry below, its
template and its context function.  This module stays cheap to import (``docgen --help`` reads
it): a kind names its context function as ``"module:function"``, imported when first called.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from docgen.context_types import Letter, Reminder, ReportForm, SummaryReport, TypedDocument
from docgen.errors import BadInput
from docgen.i18n import N_

PerUnit = Literal["required", "optional", "never"]


@dataclass(frozen=True)
class Kind:
    """One kind of document."""

    id: str
    """How commands, forms, URLs and a batch's manifest name it: ``unit-plan``."""
    per_unit: PerUnit
    """Whether it is made for one unit: ``required``; ``optional`` (addressed to the unit when one is
    given); ``never`` (the committee's own document)."""
    doc_type: str | None
    """Its Party document type (:class:`docgen.model.DocType`: KH, CV, HD, BC); None: the plan's own."""
    title: str
    """The document's name, the title property of its template: ``Kế hoạch thực hiện``."""
    label: str
    """What the web app offers it as (translated there): ``Kế hoạch thực hiện của đơn vị``."""
    file_name: str
    """Its file in a batch ZIP after the unit's code (``A01 - Báo cáo (mẫu).docx``), and its name
    where the unit is already said."""
    template: str
    """Its template's file name in the templates folder (an absolute path is taken as it is)."""
    context: str
    """``module:function`` making its context from the plan, the unit when it takes one, and its inputs."""
    context_type: type
    """The declared shape of that context (:mod:`docgen.context_types`)."""
    batch: bool = False
    """Offered in batches: one document for each unit, or one for all of them (:attr:`for_all_units`)."""
    default: bool = False
    """Chosen when a batch names no kinds."""
    inputs: tuple[str, ...] = ()
    """Further inputs its context function takes by keyword, beyond the plan and the unit: a
    committee's summary report and its reminder take the units' returned reports (``reports``, a
    :class:`~docgen.reports.collect.Collection`)."""
    options: tuple[str, ...] = ()
    """Keywords its context function also takes when the caller has them, never required: ``wording``,
    the office's wording table (:mod:`docgen.wording`); ``edited``, the unit's text as the office edited it;
    ``deadline``, a reminder's new deadline; ``issued``, the number and date the outgoing register gave
    the committee's document (:class:`docgen.derive.Issued`)."""

    def __post_init__(self) -> None:
        if self.batch and (self.per_unit == "never" or self.inputs):
            raise ValueError(f"kind {self.id}: a batch makes one document per unit from the plan alone")
        if self.default and not self.batch:
            raise ValueError(f"kind {self.id}: a default batch kind must be offered in batches")

    @property
    def for_all_units(self) -> bool:
        """Made once in a batch, for all the units, rather than once for each: a kind addressed to a
        unit only when asked (``optional``, the guidance)."""
        return self.per_unit == "optional"

    @property
    def context_function(self) -> Callable[..., dict[str, Any]]:
        module, _, name = self.context.partition(":")
        return getattr(importlib.import_module(module), name)


KINDS: dict[str, Kind] = {kind.id: kind for kind in (
    Kind("plan", per_unit="never", doc_type=None, title="Kế hoạch",
         label=N_("Kế hoạch (văn bản gốc của cấp ủy)"), file_name=N_("Kế hoạch"), template="plan.docx",
         context="docgen.context:plan_context", context_type=TypedDocument),
    Kind("unit-plan", per_unit="required", doc_type="KH", title="Kế hoạch thực hiện",
         label=N_("Kế hoạch thực hiện của đơn vị"), file_name=N_("Kế hoạch thực hiện"), template="unit-plan.docx",
         context="docgen.derive:unit_plan_context", context_type=TypedDocument, batch=True, default=True,
         options=("wording", "edited")),
    Kind("letter", per_unit="required", doc_type="CV", title="Công văn",
         label=N_("Công văn gửi đơn vị"), file_name=N_("Công văn"), template="letter.docx",
         context="docgen.derive:letter_context", context_type=Letter, batch=True, default=True, options=("issued",)),
    Kind("letter-all", per_unit="never", doc_type="CV", title="Công văn",
         label=N_("Công văn gửi các đảng bộ, chi bộ cơ sở (một văn bản)"), file_name=N_("Công văn gửi các đơn vị"),
         template="letter.docx", context="docgen.derive:letter_context", context_type=Letter, options=("issued",)),
    Kind("guidance", per_unit="optional", doc_type="HD", title="Hướng dẫn",
         label=N_("Hướng dẫn"), file_name=N_("Hướng dẫn"), template="guidance.docx",
         context="docgen.derive:guidance_context", context_type=TypedDocument, batch=True, options=("issued",)),
    Kind("report", per_unit="required", doc_type="BC", title="Báo cáo",
         label=N_("Báo cáo (mẫu) của đơn vị"), file_name=N_("Báo cáo (mẫu)"), template="report.docx",
         context="docgen.derive:report_context", context_type=ReportForm, batch=True, default=True),
    Kind("summary", per_unit="never", doc_type="BC", title="Báo cáo tổng hợp",
         label=N_("Báo cáo tổng hợp kết quả (gửi cấp trên)"), file_name=N_("Báo cáo tổng hợp"), template="summary.docx",
         context="docgen.reports.documents:summary_context", context_type=SummaryReport, inputs=("reports",)),
    Kind("reminder", per_unit="never", doc_type="CV", title="Công văn đôn đốc",
         label=N_("Công văn đôn đốc đơn vị chưa báo cáo"), file_name=N_("Công văn đôn đốc"), template="reminder.docx",
         context="docgen.reports.documents:reminder_context", context_type=Reminder, inputs=("reports",),
         options=("deadline",)),
)}


def get_kind(kind: str) -> Kind:
    """The kind of that id; bad input names the kinds there are."""
    try:
        return KINDS[kind]
    except KeyError:
        raise BadInput(N_("không có loại văn bản “%(kind)s”; chọn một trong: %(kinds)s"), kind=kind,
                       kinds=", ".join(KINDS)) from None


def batch_kinds() -> tuple[str, ...]:
    return tuple(kind.id for kind in KINDS.values() if kind.batch)


def default_kinds() -> tuple[str, ...]:
    return tuple(kind.id for kind in KINDS.values() if kind.default)
