"""The home page: where things stand and the three steps from a plan to every unit's documents.
A unit's account has its own home, the unit portal."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from docgen.store import generations, plans
from docgen.store.schema import UnitRecord, User
from webui.access import SIGNED_IN, Section, organisation_id
from webui.database import session

blueprint = Section("home", __name__, admits=SIGNED_IN)


@blueprint.get("/")
def index():
    if current_user.role == User.UNIT:
        return redirect(url_for("portal.index"))
    db = session()
    return render_template(
        "home.html",
        plans=plans.all_plans(db, organisation_id(), limit=5),
        unit_count=db.scalar(select(func.count(UnitRecord.id)).where(UnitRecord.organisation_id == organisation_id())),
        generations=generations.recent(db, organisation_id(), limit=5),
    )
