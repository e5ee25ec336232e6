"""A batch's committee documents numbered in its order, made from the office's template, and what a
generation keeps to be made again."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document

from docgen.batch import write_batch
from docgen.derive import Issued
from docgen.files import EXAMPLES, load_plan
from docgen.register import book, terms
from docgen.register.issuing import number_batch
from docgen.store import snapshots
from docgen.store.schema import Generation
from docgen.units import read_units

from ..office_templates.word import edited_in_word


def test_a_batch_s_letters_and_its_guidance_are_numbered_in_its_order(database, organisation_id):
    plan = load_plan(EXAMPLES / "seed-plan.yaml")
    units = read_units(EXAMPLES / "units.csv")[:3]
    issued = number_batch(database, organisation_id, plan, units, ["unit-plan", "letter", "guidance", "report"], None)
    today = terms.today()
    assert issued == {("", "guidance"): Issued(1, today), (units[0].code, "letter"): Issued(1, today),
                      (units[1].code, "letter"): Issued(2, today), (units[2].code, "letter"): Issued(3, today)}
    with database.session() as session:
        lines = book.entries(session, organisation_id, terms.term_on(session, organisation_id, today).id)
    assert [book.number_text(line) for line in lines] == ["01-HD/ĐUK", "01-CV/ĐUK", "02-CV/ĐUK", "03-CV/ĐUK"]
    letter = lines[1]
    assert letter.summary == "Về việc triển khai thực hiện Kế hoạch số 15-KH/ĐUK"
    assert letter.recipients.splitlines() == [units[0].committee, "Ban Tuyên giáo Đảng ủy Khối",
                                              "Lưu Văn phòng Đảng ủy Khối"]
    assert (letter.signer, letter.file_name) == ("Trần Quốc Toản", f"{units[0].code} - {units[0].committee}/"
                                                                   f"{units[0].code} - Công văn.docx")
    assert number_batch(database, organisation_id, plan, units, ["unit-plan"], None) == {}


def test_a_batch_is_made_from_the_office_s_template_with_its_numbers(tmp_path):
    plan = load_plan(EXAMPLES / "seed-plan.yaml")
    units = read_units(EXAMPLES / "units.csv")[:2]
    template = tmp_path / "letter.docx"
    template.write_bytes(edited_in_word("letter"))
    issued = {(units[1].code, "letter"): Issued(7, dt.date(2026, 2, 5))}
    target = tmp_path / "batch.zip"
    write_batch(plan, units, ["letter"], target, jobs=1, templates={"letter": template}, issued=issued)
    with zipfile.ZipFile(target) as archive:
        first, second = (Document(io.BytesIO(archive.read(name))) for name in archive.namelist() if name.endswith(".docx"))
    header = " ".join(cell.text for table in second.tables for row in table.rows for cell in row.cells)
    assert "Số 07-CV/ĐUK" in header and "Hưng Yên, ngày 05 tháng 02 năm 2026" in header
    assert "Văn phòng Đảng ủy Khối sẽ liên hệ trực tiếp khi cần." in [paragraph.text for paragraph in first.paragraphs]


def test_a_generation_keeps_what_it_was_made_from(database, organisation_id):
    plan = load_plan(EXAMPLES / "seed-plan.yaml")
    units = read_units(EXAMPLES / "units.csv")[:2]
    with database.session() as session:
        made = snapshots.current(session, organisation_id, plan, units, ["letter", "report"])
    issued = {(units[0].code, "letter"): Issued(3, dt.date(2026, 2, 5))}
    generation = Generation(organisation_id=organisation_id, kinds="letter,report", unit_count=2)
    snapshots.keep(generation, snapshots.Snapshot(made.plan, made.units, made.templates, ("a: 1", "b: 2"), issued))
    kept = snapshots.made_from(generation)
    assert (kept.plan, kept.units, kept.templates, kept.wording, kept.issued) == (
        plan, tuple(units), {"letter": 0, "report": 0}, ("a: 1", "b: 2"), issued)
    assert snapshots.made_from(Generation(snapshot="")) is None
