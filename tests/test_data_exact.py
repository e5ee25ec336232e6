"""Data kept exactly: what a user typed comes out in every document as typed (NFC aside), whatever
it holds, and every document of a batch has a path of its own."""

import csv
import io
import unicodedata
import zipfile

import pytest
from docx import Document
from lxml import etree

from docgen.batch import write_batch
from docgen.derive import document_context
from docgen.engine import ENGINES, Engine
from docgen.kinds import KINDS
from docgen.model import Plan, Unit
from docgen.units import file_rows, units_from_rows
from docgen.vn.text import normalize

# Kinds made from the plan (and a unit) alone.
KINDS_FROM_A_PLAN = [kind.id for kind in KINDS.values() if not kind.inputs]


def all_text(data: bytes) -> str:
    """Every paragraph of a .docx, tables included, opened with python-docx."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    return "\n".join(parts)


def changed(plan: Plan, organisation: dict | None = None, **fields) -> Plan:
    data = {**plan.model_dump(), **fields}
    data["organisation"].update(organisation or {})
    return Plan.model_validate(data)


def render(kind: str, plan: Plan, unit: Unit, engine: str = "compiled") -> str:
    made_for = unit if KINDS[kind].per_unit != "never" else None
    return all_text(Engine(engine).render(kind, document_context(kind, plan, made_for)))


# -- people's and units' names are printed as spelt, whatever the organisation's ủy/uỷ style ---


@pytest.mark.parametrize("kind", KINDS_FROM_A_PLAN)
def test_names_are_printed_as_spelt_in_every_kind(seed_plan, kind):
    """The organisation writes the new style (uỷ); its wording follows it, names do not."""
    plan = changed(seed_plan, {"tone_style": "new"}, signature={
        "authority": "T/M BAN THƯỜNG VỤ", "title": "PHÓ BÍ THƯ", "name": "Lê Thị Hòa"})
    unit = Unit(code="T1", name="Công ty Thủy lợi Bắc Hưng Hải", kind="dang-bo", secretary="Nguyễn Thị Thủy",
                place="Thủy Nguyên")
    shown = render(kind, plan, unit)
    people = {"plan": "Lê Thị Hòa", "letter": "Lê Thị Hòa", "letter-all": "Lê Thị Hòa", "guidance": "Lê Thị Hòa",
              "unit-plan": "Nguyễn Thị Thủy", "report": "Nguyễn Thị Thủy"}
    assert people[kind] in shown.splitlines()
    if kind in ("unit-plan", "report"):
        assert "ĐẢNG UỶ CÔNG TY THỦY LỢI BẮC HƯNG HẢI" in shown  # the header: the name upper case, as spelt
        assert "Thủy Nguyên, ngày" in shown
        assert "Đảng uỷ Công ty Thủy lợi Bắc Hưng Hải" in shown  # a sentence: the wording restyled, not the name
    if kind == "letter":
        assert "Kính gửi: Đảng uỷ Công ty Thủy lợi Bắc Hưng Hải" in shown
    assert "ủy" not in shown.replace("Thủy", "")  # the organisation's own text is all in its style


@pytest.mark.parametrize("kind", ["unit-plan", "report"])
def test_a_name_in_the_other_style_is_kept_in_an_old_style_organisation(seed_plan, kind):
    unit = Unit(code="T2", name="Sở Văn hoá", kind="chi-bo", secretary="Trần Thị Thuỷ")
    assert seed_plan.organisation.tone_style.value == "old"
    lines = render(kind, seed_plan, unit).splitlines()
    assert "Trần Thị Thuỷ" in lines and "CHI BỘ SỞ VĂN HOÁ" in lines


# -- docxtpl's brace escapes in data --------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_braces_in_data_are_printed_as_typed(seed_plan, engine):
    unit = Unit(code="B1", name="{_{ 7*7 }_} và {_% if 1 %_}", kind="chi-bo", secretary="A_b {{ x }}")
    plan = changed(seed_plan, summary="về {_{ summary }_}")
    letter = render("letter", plan, unit, engine)
    assert "Kính gửi: Chi bộ {_{ 7*7 }_} và {_% if 1 %_}" in letter
    assert "về {_{ summary }_}" in letter
    assert "A_b {{ x }}" in render("report", plan, unit, engine).splitlines()


# -- characters XML cannot hold -------------------------------------------------------------

ILLEGAL = "\ufffe\uffff\ud800\x01\x1b"


def test_characters_xml_cannot_hold_are_dropped_where_text_comes_in(seed_plan, tmp_path):
    assert normalize(f"Sở{ILLEGAL} Y tế") == "Sở Y tế"
    unit = Unit(code="X1", name=f"Sở Y{ILLEGAL} tế", kind="chi-bo", secretary=f"Lê\ufffe Văn\uffff An")
    assert (unit.name, unit.secretary) == ("Sở Y tế", "Lê Văn An")
    plan = changed(seed_plan, summary=f"về việc\uffff {ILLEGAL}tuyên truyền")
    assert plan.summary == "về việc tuyên truyền"
    rows = file_rows(f"Mã,Tên đơn vị,Loại\r\nX2,Sở\ufffe Nội vụ\uffff,chi bộ\r\n".encode(), "u.csv")
    (imported,) = units_from_rows(rows, "u.csv")
    assert imported.name == "Sở Nội vụ"
    target = tmp_path / "batch.zip"
    write_batch(plan, [unit, imported], ["unit-plan", "letter", "report"], target, jobs=1)
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.endswith(".docx"):
                document = zipfile.ZipFile(io.BytesIO(archive.read(name)))
                for part in document.namelist():
                    if part.endswith((".xml", ".rels")):
                        etree.fromstring(document.read(part))


# -- every document of a batch has a path of its own -----------------------------------------


def test_codes_a_file_name_cannot_tell_apart_get_folders_of_their_own(seed_plan, tmp_path):
    codes = ["K/1", "K:1", "K?1", "k/1", "K*1", "Q" * 70 + "1", "Q" * 70 + "2"]
    # One name, so that the folders differ only by the code.
    units = [Unit(code=code, name="Sở Tư pháp", kind="chi-bo", secretary=f"Người số {number}")
             for number, code in enumerate(codes)]
    target = tmp_path / "batch.zip"
    write_batch(seed_plan, units, ["letter", "report"], target, jobs=1)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
        assert len(names) == len({name.casefold() for name in names}) == 2 * len(codes) + 1
        assert [row["path"] for row in rows] == names[:-1]
        for row, unit in zip(rows[1::2], units):  # the reports, which the secretary signs
            assert row["code"] == unit.code
            assert unit.secretary in all_text(archive.read(row["path"])).splitlines()
    assert rows[0]["path"] == "K - 1 - Chi bộ Sở Tư pháp/K - 1 - Công văn.docx"
    assert rows[2]["path"] == "K - 1 - Chi bộ Sở Tư pháp (2)/K - 1 - Công văn.docx"
    assert rows[6]["path"] == "k - 1 - Chi bộ Sở Tư pháp (4)/k - 1 - Công văn.docx"
    assert all(row["path"].endswith(("- Công văn.docx", "- Báo cáo (mẫu).docx")) for row in rows)


def test_names_are_nfc_and_nothing_else_changes(seed_plan):
    nfd = unicodedata.normalize("NFD", "Nguyễn  Thị Ánh")
    unit = Unit(code="N1", name="Sở Y tế", kind="chi-bo", secretary=nfd)
    assert unit.secretary == "Nguyễn Thị Ánh"
    assert "Nguyễn Thị Ánh" in render("report", seed_plan, unit).splitlines()
