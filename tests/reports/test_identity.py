"""The forms docgen makes say whose they are and of which plan, and keep saying it once edited."""

import subprocess

import pytest

from docgen.derive import document_context
from docgen.engine import Engine
from docgen.reports.document import read_document
from docgen.reports.identity import FormIdentity, identity_of, plan_key
from docgen.reports.read import FormReader

from ..conftest import assert_passes_check
from .filling import SEED, fill, open_form, save

SEED_KEY = "e28d3cee9f0d599f"


@pytest.mark.parametrize("engine", ["compiled", "reference"])
def test_both_engines_write_the_identity(engine, plan, units):
    unit = units[12]
    data = Engine(engine).render("report", document_context("report", plan, unit))
    assert identity_of(read_document(data).properties) == FormIdentity("CB01", SEED_KEY,
                                                                        "Kế hoạch số 15-KH/ĐUK ngày 25/5/2021")
    assert_passes_check(data)


def test_only_the_report_form_carries_it(plan, units):
    data = Engine().render("letter", document_context("letter", plan, units[0]))
    assert read_document(data).properties == {}


def test_the_plan_key_tells_plans_apart_but_not_their_spelling(plan):
    assert plan_key(plan) == SEED_KEY
    restyled = plan.model_copy(update={"summary": plan.summary.upper()})
    assert plan_key(restyled) == SEED_KEY
    assert plan_key(plan.model_copy(update={"number": 16})) != SEED_KEY
    assert plan_key(plan.model_copy(update={"date": None})) != SEED_KEY


def test_the_identity_survives_an_edit_in_libreoffice(tmp_path, blank_forms, plan, units, office):
    form = open_form(blank_forms("DB05"))
    fill(form, pages="1", news="8", meetings="2", people="140", banners="3", works="0", movements="1", models="2")
    (tmp_path / "sent").mkdir()
    sent = save(form, tmp_path / "sent" / "DB05.docx")
    subprocess.run([office.soffice, f"-env:UserInstallation={office.profile}", "--headless", "--norestore",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "back"), str(sent)],
                   check=True, capture_output=True, timeout=240)
    back = (tmp_path / "back" / "DB05.docx").read_bytes()
    assert identity_of(read_document(back).properties) == FormIdentity("DB05", SEED_KEY,
                                                                        "Kế hoạch số 15-KH/ĐUK ngày 25/5/2021")
    read = FormReader(plan, units).read(back, "DB05.docx")
    assert read.unit.code == "DB05"
    assert read.values == dict(zip(SEED.values(), [1, 8, 2, 140, 3, 0, 1, 2]))
    assert read.problems == []
