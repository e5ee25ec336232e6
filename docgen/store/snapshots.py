"""What a generation was made from, kept with it so that an old ZIP can be explained and made again the
same: the plan and the units as they were, the office's wording tables then (their text, or none:
docgen's), the template version of each kind (0: docgen's own) and the numbers the register gave its
documents. The texts the office edited for units are kept beside it (:func:`docgen.store.wording.used`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from docgen.derive import Issued
from docgen.model import Plan, Unit
from docgen.office_templates import versions
from docgen.store import wording
from docgen.store.schema import Generation
from docgen.wording import Table, load_table


@dataclass(frozen=True)
class Snapshot:
    plan: Plan
    units: tuple[Unit, ...]
    templates: dict[str, int]
    """Each kind's template version (0: docgen's own)."""
    wording: tuple[str, str] | None = None
    """The office's wording tables as written (sectors.yaml, phrases.yaml); None: docgen's own."""
    issued: dict[tuple[str, str], Issued] = field(default_factory=dict)
    """The register's number and date of each document, by unit code ("" for one for all units) and kind."""


def keep(generation: Generation, snapshot: Snapshot) -> None:
    generation.template_versions = json.dumps(snapshot.templates, sort_keys=True)
    generation.snapshot = json.dumps({
        "plan": snapshot.plan.model_dump(mode="json"),
        "units": [unit.model_dump(mode="json") for unit in snapshot.units],
        "wording": list(snapshot.wording) if snapshot.wording else None,
        "issued": [[code, kind, issued.number, issued.date.isoformat()]
                   for (code, kind), issued in snapshot.issued.items()],
    }, ensure_ascii=False)


def made_from(generation: Generation) -> Snapshot | None:
    """The generation's snapshot; None for one made before snapshots were kept."""
    if not generation.snapshot:
        return None
    data = json.loads(generation.snapshot)
    return Snapshot(Plan.model_validate(data["plan"]), tuple(Unit.model_validate(unit) for unit in data["units"]),
                    json.loads(generation.template_versions), tuple(data["wording"]) if data["wording"] else None,
                    {(code, kind): Issued(number, dt.date.fromisoformat(day))
                     for code, kind, number, day in data["issued"]})


def current(session: Session, organisation_id: int, plan: Plan, units: Sequence[Unit],
            kinds: Sequence[str]) -> Snapshot:
    """What a batch of ``kinds`` made now is made from: the templates in use, the wording tables in use."""
    tables = wording.tables(session, organisation_id)
    return Snapshot(plan, tuple(units), versions.live_numbers(session, organisation_id, kinds),
                    (tables.sectors, tables.phrases) if tables else None)


def template_data(session: Session, organisation_id: int, snapshot: Snapshot) -> dict[str, bytes]:
    """The office's own templates the snapshot names, by kind (docgen's own are left out)."""
    return {kind: versions.template_data(session, organisation_id, kind, number)[1]
            for kind, number in snapshot.templates.items() if number != versions.OWN}


def wording_table(snapshot: Snapshot) -> Table | None:
    """The wording tables the snapshot was made with; None: docgen's own."""
    return load_table(*snapshot.wording) if snapshot.wording else None
