"""The home page: where things stand and the three steps from a plan to every unit's documents."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from docgen.store import generations, plans
from docgen.store.schema import UnitRecord
from webui.database import session

blueprint = Blueprint("home", __name__)


@blueprint.get("/")
def index():
    db = session()
    return render_template(
        "home.html",
        plans=plans.all_plans(db, limit=5),
        unit_count=db.scalar(select(func.count(UnitRecord.id))),
        generations=generations.recent(db, limit=5),
    )
