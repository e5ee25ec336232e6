"""Checking an uploaded template: docgen's own pass; one edited in Word (tags split over runs, proofing
marks and bookmarks inside) validates, previews and renders; each problem is shown with the paragraph
it is in, and Word's runs are named when they are the cause."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from docgen.engine import Engine
from docgen.files import EXAMPLES, load_plan
from docgen.kinds import KINDS
from docgen.office_templates.validate import demo_context, validate
from docgen.units import read_units

from ..conftest import assert_passes_check
from .word import edited_in_word, save, shipped, split_runs, with_body


def texts(document: bytes) -> list[str]:
    opened = Document(io.BytesIO(document))
    cells = [cell.text for table in opened.tables for row in table.rows for cell in row.cells]
    return [paragraph.text for paragraph in opened.paragraphs] + cells


@pytest.mark.parametrize("kind", KINDS)
def test_docgen_own_template_of_every_kind_validates(kind):
    result = validate(kind, shipped(kind))
    assert result.findings == []
    assert_passes_check(result.document)


def test_a_template_edited_in_word_validates_previews_and_renders(tmp_path):
    data = edited_in_word("letter")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert ('{{ he</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="90" w:name="_GoBack"/><w:r><w:rPr>'
            '<w:lang w:val="vi-VN"/></w:rPr><w:t xml:space="preserve">ader.nu</w:t></w:r>') in xml
    result = validate("letter", data)
    assert result.findings == []
    preview = texts(result.document)
    assert "Văn phòng Đảng ủy Khối sẽ liên hệ trực tiếp khi cần." in preview
    assert "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH" in " ".join(preview)
    assert not any("{{" in text or "{%" in text for text in preview)

    plan = load_plan(EXAMPLES / "seed-plan.yaml")
    unit = next(unit for unit in read_units(EXAMPLES / "units.csv") if unit.code == "CB01")
    from docgen.derive import document_context

    rendered = Engine(templates={"letter": save(data, tmp_path / "letter-v1.docx")}).render(
        "letter", document_context("letter", plan, unit))
    written = texts(rendered)
    assert f"Kính gửi: {unit.committee}" in written
    assert "Văn phòng Đảng ủy Khối sẽ liên hệ trực tiếp khi cần." in written
    assert_passes_check(rendered)


def test_a_syntax_error_names_its_paragraph_and_that_the_runs_were_joined():
    broken = with_body(shipped("letter"), lambda xml: split_runs(
        xml.replace("{{ header.number }}", "{{ header.number | }}"), "{{ header.number | }}", (5, 12)))
    [finding] = validate("letter", broken).findings
    assert str(finding.message).startswith("lỗi cú pháp của thẻ mẫu: ")
    assert finding.paragraph == "{{ header.number | }}"
    assert str(finding.note) == ("Word đã tách thẻ trong đoạn này thành 3 phần định dạng (run); docgen đã ghép lại, "
                                 "nên lỗi nằm ở chính nội dung thẻ")


def test_a_tag_word_split_around_a_hidden_move_says_that_the_runs_are_the_cause():
    """A tracked move leaves the moved-away text in the runs, unseen: the tag the reader sees is right,
    the one docgen joins is not."""
    moved = ('<w:moveFrom w:id="5" w:author="Văn phòng" w:date="2026-01-05T09:00:00Z"><w:r>'
             '<w:t>num</w:t></w:r></w:moveFrom>')
    data = with_body(shipped("letter"), lambda xml: split_runs(xml, "{{ header.number }}", (10, 16), between=moved))
    [finding] = validate("letter", data).findings
    assert finding.paragraph == "{{ header.number }}"
    assert str(finding.message).startswith("“header.numbernum” không có trong dữ liệu của loại văn bản này; ở đây có: "
                                           "superior, issuer, number, place_date, letter_summary")
    assert str(finding.note).startswith("đó là do Word đã tách thẻ {{ header.number }} thành 3 phần định dạng (run) "
                                        "và phần ẩn giữa chúng làm docgen đọc ra {{ header.numbernum }}")


def test_a_variable_the_kind_does_not_have_is_named_with_those_it_has(tmp_path):
    data = with_body(shipped("report"), lambda xml: xml.replace("{{ period }}", "{{ periode }} {{ form.attached.x }}"))
    messages = [str(finding.message) for finding in validate("report", data).findings]
    assert messages[0].startswith("“periode” không có trong dữ liệu của loại văn bản này; ở đây có: signature, "
                                  "recipients, properties, header, form, title, summary, period, body, indicators")
    assert messages[1] == "“form.attached.x” không có trong dữ liệu của loại văn bản này; ở đây có: –"


def test_loops_sets_and_loop_are_read_as_the_context_declares_them():
    """A loop's item has its list's fields, a set name its value's, ``loop`` its own; a misspelt field
    of an item is found."""
    body = "{% for row in indicators %}{{ loop.index }} {{ row.nme }}{% endfor %}"
    data = with_body(shipped("report"), lambda xml: xml.replace("{{ period }}", body))
    [finding] = validate("report", data).findings
    assert str(finding.message).startswith("“row.nme” không có trong dữ liệu của loại văn bản này; ở đây có: group, "
                                           "number, name, unit, value, note")


def test_a_body_that_no_longer_passes_docgen_check_is_refused():
    """The State's number form in a Party document: docgen check's error, from the demo document."""
    data = with_body(shipped("letter"), lambda xml: xml.replace("{{ header.number }}", "Số: 15/CV-ĐUK"))
    messages = [str(finding.message) for finding in validate("letter", data).findings]
    assert messages and all(message.startswith("văn bản tạo từ mẫu không đạt docgen check: ") for message in messages)
    assert any("Số và ký hiệu" in message for message in messages), messages


@pytest.mark.parametrize(("data", "message"), [
    (b"not a zip", "không phải tệp Office hợp lệ (không đọc được gói zip)"),
    (b"PK" + b"\0" * 20, "không phải tệp Office hợp lệ (không đọc được gói zip)"),
    (b"x" * (10 * 1024 * 1024 + 1), "tệp quá lớn (tối đa 10 MB)"),
])
def test_a_file_that_is_not_a_template_says_why(data, message):
    assert [str(finding.message) for finding in validate("letter", data).findings] == [message]


def test_the_demo_context_is_the_seed_plan_and_the_first_sample_unit():
    context = demo_context("letter")
    assert context["salutation"] == "Kính gửi: " + read_units(EXAMPLES / "units.csv")[0].committee
