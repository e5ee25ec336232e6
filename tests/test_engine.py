"""The compile-once engine against plain docxtpl: the same document, byte for byte."""

import io
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_TAB_LEADER
from lxml import etree

from docgen.derive import document_context
from docgen.engine import Engine, RenderError, render_reference
from docgen.engine.compiled import CompiledTemplate
from docgen.engine.rawzip import Entry, write_zip
from docgen.kinds import KINDS
from docgen.model import Plan, Unit
from docgen.units import read_units

from .conftest import EXAMPLES, assert_passes_check, paragraph_template
from .test_kinds import inputs

HOSTILE = 'Sở "Tài chính" & Kế hoạch <b>\'đầu tư\'</b> {{ 7*7 }} {% if %}'


def canonical(xml: bytes) -> list[bytes]:
    """The XML's top-level children, canonical and sorted: package listings have no set order."""
    return sorted(etree.tostring(child, method="c14n") for child in etree.fromstring(xml))


def part(docx: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(docx)).read(name)


@pytest.fixture(scope="module")
def engines():
    return Engine("compiled"), Engine("reference")


@pytest.fixture(scope="module")
def hostile_plan(seed_plan):
    data = seed_plan.model_dump()
    data["summary"] = HOSTILE
    data["body"] += f"\n- {HOSTILE}\n1. {HOSTILE}."
    data["recipients"].append(HOSTILE)
    data["report"]["indicators"].append({"name": HOSTILE, "unit": "cái"})
    return Plan.model_validate(data)


@pytest.fixture(scope="module")
def units():
    listed = read_units(EXAMPLES / "units.csv")
    nameless = Unit(code="Z9", name=HOSTILE, kind="chi-bo", secretary="")
    return [listed[0], listed[-1], nameless]


@pytest.mark.parametrize("kind", list(KINDS))
def test_document_xml_is_byte_identical_to_docxtpl(kind, engines, seed_plan, hostile_plan, units):
    compiled, reference = engines
    for plan in (seed_plan, hostile_plan):
        for unit in units if kind != "plan" else [None]:
            context = document_context(kind, plan, unit, **inputs(KINDS[kind], plan, units))
            ours, theirs = compiled.render(kind, context), reference.render(kind, context)
            assert part(ours, "word/document.xml") == part(theirs, "word/document.xml"), (kind, unit)
            if plan is seed_plan:
                assert_passes_check(ours)
            ours_props, theirs_props = Document(io.BytesIO(ours)).core_properties, Document(
                io.BytesIO(theirs)).core_properties
            assert (ours_props.title, ours_props.subject, ours_props.author) == (
                theirs_props.title, theirs_props.subject, theirs_props.author)


def test_every_member_of_the_package_is_there(engines, seed_plan):
    compiled, reference = engines
    context = document_context("plan", seed_plan)
    ours = zipfile.ZipFile(io.BytesIO(compiled.render("plan", context)))
    theirs = zipfile.ZipFile(io.BytesIO(reference.render("plan", context)))
    assert ours.testzip() is None
    assert sorted(ours.namelist()) == sorted(theirs.namelist())
    for name in theirs.namelist():
        if name.endswith((".xml", ".rels")) and name != "docProps/core.xml":
            assert canonical(ours.read(name)) == canonical(theirs.read(name)), name


def test_no_data_leaks_from_one_unit_to_the_next(engines, seed_plan, units):
    compiled, _ = engines
    first = compiled.render("unit-plan", document_context("unit-plan", seed_plan, units[0]))
    second = compiled.render("unit-plan", document_context("unit-plan", seed_plan, units[1]))
    assert units[0].name.upper().encode() in part(first, "word/document.xml")
    assert units[0].name.upper().encode() not in part(second, "word/document.xml")
    assert units[0].secretary.encode() not in part(second, "word/document.xml")
    assert Document(io.BytesIO(second)).core_properties.author == units[1].committee


def test_tags_in_a_header_fall_back_to_docxtpl(tmp_path, engines):
    path = paragraph_template(tmp_path / "with-header.docx", "Xin chào {{ name }}")
    document = Document(path)
    document.sections[0].header.paragraphs[0].text = "Đầu trang {{ name }}"
    document.save(path)
    template = CompiledTemplate(path)
    assert template.fallback
    rendered = Document(io.BytesIO(template.render({"name": "Sở Y tế"})))
    assert rendered.paragraphs[0].text == "Xin chào Sở Y tế"
    assert rendered.sections[0].header.paragraphs[0].text == "Đầu trang Sở Y tế"


def test_control_characters_take_the_slow_path_and_still_match(tmp_path):
    path = paragraph_template(tmp_path / "plain.docx", "{{ text }}")
    context = {"text": "dòng\rhai"}
    ours = CompiledTemplate(path).render(context)
    assert part(ours, "word/document.xml") == part(render_reference(path, context), "word/document.xml")


def test_errors_name_the_template(tmp_path):
    path = paragraph_template(tmp_path / "broken.docx", "{{ missing.value }}")
    with pytest.raises(RenderError, match="broken.docx"):
        CompiledTemplate(path).render({})


def test_unknown_engine_is_refused():
    with pytest.raises(RenderError) as refused:
        Engine("turbo")
    assert str(refused.value) == "không có bộ dựng “turbo”; chọn một trong: compiled, reference"
    assert refused.value.translate("en") == "unknown engine “turbo”; expected one of: compiled, reference"


def test_raw_zip_writer():
    data = write_zip([Entry.deflate("a.xml", b"<a/>" * 50), Entry.deflate("thư mục/Kế hoạch.docx", b"x"),
                      Entry.store("docProps/core.xml", b"<b/>" * 50)])
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert archive.read("a.xml") == b"<a/>" * 50
    assert archive.getinfo("a.xml").compress_type == zipfile.ZIP_DEFLATED
    stored = archive.getinfo("docProps/core.xml")
    assert stored.compress_type == zipfile.ZIP_STORED and archive.read(stored) == b"<b/>" * 50
    info = archive.getinfo("thư mục/Kế hoạch.docx")
    assert info.flag_bits & 0x800 and archive.read(info) == b"x"
    assert write_zip([Entry.deflate("a", b"1")]) == write_zip([Entry.deflate("a", b"1")])


@pytest.mark.parametrize("show", [True, False])
def test_elements_a_render_leaves_empty_are_closed_like_lxml_does(tmp_path, show):
    path = paragraph_template(tmp_path / "conditional.docx", "giữ lại")
    document = Document(path)
    document.add_paragraph("có thể bỏ")
    document.save(path)
    package = zipfile.ZipFile(path)
    members = {name: package.read(name) for name in package.namelist()}
    xml = members["word/document.xml"].decode()
    last = xml.rindex("<w:p>")
    xml = xml[:last] + "<w:p>{% if show %}" + xml[last + 5:].replace("</w:p>", "{% endif %}</w:p>", 1)
    members["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as rebuilt:
        for name, data in members.items():
            rebuilt.writestr(name, data)
    template = CompiledTemplate(path)
    assert template._other_empties
    context = {"show": show}
    ours = part(template.render(context), "word/document.xml")
    assert ours == part(render_reference(path, context), "word/document.xml")
    assert (b"<w:p/>" in ours) is not show


def test_a_prepared_template_is_reused_without_docxtpl(tmp_path, seed_plan):
    """A second command finds its templates in the cache and never imports docxtpl or python-docx."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from docgen.derive import document_context\n"
        "from docgen.engine import Engine\n"
        "from docgen.files import load_plan\n"
        "from pathlib import Path\n"
        "plan = load_plan(Path(sys.argv[1]))\n"
        "docx = Engine().render('plan', document_context('plan', plan))\n"
        "print(json.dumps({'size': len(docx), 'modules': sorted({'docxtpl', 'docx'} & set(sys.modules))}))\n"
    )
    environment = {**os.environ, "DOCGEN_CACHE_DIR": str(tmp_path / "cache")}
    runs = [json.loads(subprocess.run([sys.executable, "-c", script, str(EXAMPLES / "seed-plan.yaml")], env=environment,
                                      capture_output=True, text=True, check=True).stdout) for _ in range(2)]
    assert runs[0]["modules"] == ["docx", "docxtpl"]
    assert runs[1] == {"size": runs[0]["size"], "modules": []}
    assert len(list((tmp_path / "cache").glob("*.marshal"))) == 1


def test_a_changed_template_is_prepared_again(tmp_path):
    path = paragraph_template(tmp_path / "changing.docx", "Trước: {{ name }}")
    assert b"Tr\xc6\xb0\xe1\xbb\x9bc: Hoa" in part(CompiledTemplate(path).render({"name": "Hoa"}), "word/document.xml")
    paragraph_template(path, "Sau: {{ name }}")
    assert b"Sau: Hoa" in part(CompiledTemplate(path).render({"name": "Hoa"}), "word/document.xml")


def test_a_damaged_or_unwritable_cache_costs_only_time(tmp_path, monkeypatch):
    path = paragraph_template(tmp_path / "plain.docx", "Xin chào {{ name }}")
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    expected = part(render_reference(path, {"name": "Hoa"}), "word/document.xml")
    CompiledTemplate(path)
    (entry,) = (tmp_path / "cache").glob("*.marshal")
    entry.write_bytes(b"\x00 not a prepared template")
    assert part(CompiledTemplate(path).render({"name": "Hoa"}), "word/document.xml") == expected
    assert entry.read_bytes() != b"\x00 not a prepared template"
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(blocker / "cache"))
    assert part(CompiledTemplate(path).render({"name": "Hoa"}), "word/document.xml") == expected


@pytest.mark.parametrize("engine", ["compiled", "reference"])
def test_properties_longer_than_word_allows_are_cut_at_a_word(engine, seed_plan):
    plan = seed_plan.model_copy(update={"summary": "đẩy mạnh công tác tuyên truyền " * 12})
    docx = Engine(engine).render("plan", document_context("plan", plan))
    subject = Document(io.BytesIO(docx)).core_properties.subject
    full = f"Kế hoạch {plan.summary}".strip()
    assert len(subject) <= 255 and subject.endswith("…")
    assert full.startswith(subject[:-1]) and full[len(subject) - 1] == " "


def test_cache_entries_unused_for_a_month_go_when_a_new_one_is_written(tmp_path, monkeypatch):
    import os
    import time

    from docgen.engine import cache

    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path))
    cache.store("old", {"a": 1})
    cache.store("recent", {"b": 2})
    month_ago = time.time() - (cache.UNUSED_DAYS + 1) * 86400
    os.utime(tmp_path / "old.marshal", (month_ago, month_ago))
    os.utime(tmp_path / "recent.marshal", (month_ago, month_ago))
    assert cache.load("recent") == {"b": 2}  # reading it counts as a use
    cache.store("new", {"c": 3})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.marshal", "recent.marshal"]


def test_a_line_break_or_tab_in_the_data_is_resolved_as_docxtpl_does(tmp_path):
    """docgen's own contexts carry no listing characters; data that does takes docxtpl's own pass."""
    path = paragraph_template(tmp_path / "listing.docx", "{{ text }}")
    context = {"text": "dòng một\ndòng hai\tcột"}
    ours = part(CompiledTemplate(path).render(context), "word/document.xml")
    assert ours == part(render_reference(path, context), "word/document.xml")
    assert b"<w:br/>" in ours and b"<w:tab/>" in ours


def test_the_report_has_dotted_lines_to_write_on(engines, seed_plan, units):
    compiled, _ = engines
    context = document_context("report", seed_plan, units[0])
    document = Document(io.BytesIO(compiled.render("report", context)))
    lines = [paragraph for paragraph in document.paragraphs if paragraph.style.name == "Party Fill Line"]
    # Two lines under each heading that asks for an account: 6 of the form's own and the seed's 5 forms of work.
    assert len(lines) == sum(item["kind"] == "fill" for item in [*context["body"], *context["closing"]]) == 2 * (6 + 5)
    assert all(paragraph.text == "\t" for paragraph in lines)
    tab_stops = lines[0].style.paragraph_format.tab_stops
    assert [stop.leader for stop in tab_stops] == [WD_TAB_LEADER.DOTS]
