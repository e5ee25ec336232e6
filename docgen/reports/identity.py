"""Which plan and which unit a report form belongs to.

docgen writes both into every form it makes as custom document properties, which Word and
LibreOffice keep through editing and saving; a form retyped in a new document has none, and its
unit is then found by its header (:mod:`docgen.reports.read`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from docgen.model import Plan, Unit
from docgen.vn.text import fold

UNIT = "docgen.unit"
PLAN = "docgen.plan"
PLAN_KEY = "docgen.plan-key"


def plan_key(plan: Plan) -> str:
    """What tells one plan from another: its type, number, symbol, date and summary (folded, so that
    the same plan in another ủy/uỷ style or spacing has the same key)."""
    return _key(plan.type.value, str(plan.number or ""), plan.organisation.symbol,
                plan.date.isoformat() if plan.date else "", plan.summary)


@lru_cache(maxsize=64)
def _key(doc_type: str, number: str, symbol: str, date: str, summary: str) -> str:
    """Worked out once per plan: every form of a batch carries it."""
    text = "\n".join((doc_type, number, symbol, date, fold(summary)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def form_properties(plan: Plan, unit: Unit, reference: str) -> dict[str, str]:
    """The custom properties of a unit's report form; ``reference`` names the plan for people
    (``Kế hoạch số 15-KH/ĐUK ngày 25/5/2021``), as a form of another plan is reported."""
    return {PLAN_KEY: plan_key(plan), PLAN: reference, UNIT: unit.code}


@dataclass(frozen=True)
class FormIdentity:
    """What a form docgen made says about itself."""

    unit_code: str
    plan_key: str
    plan: str


def identity_of(properties: dict[str, str]) -> FormIdentity | None:
    """The identity in a document's custom properties; None for a document docgen did not make."""
    if not properties.get(UNIT) or not properties.get(PLAN_KEY):
        return None
    return FormIdentity(properties[UNIT], properties[PLAN_KEY], properties.get(PLAN, ""))
