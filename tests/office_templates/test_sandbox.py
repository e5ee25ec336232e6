"""An uploaded template is code: each way of doing harm is refused at upload with the reason, or
cannot do harm when it runs (its work and its text are bounded)."""

from __future__ import annotations

import time

import pytest

from docgen.engine import RenderError
from docgen.engine.compiled import CompiledTemplate
from docgen.engine.sandbox import MAX_OUTPUT, MAX_WORK
from docgen.office_templates.validate import demo_context, validate

from ..conftest import paragraph_template
from .word import shipped, split_runs, with_body

HOSTILE = {
    "{{ ''.__class__.__mro__ }}": "không được đọc thuộc tính “__mro__”",
    "{{ cycler.__init__.__globals__ }}": "không được đọc thuộc tính “__globals__”",
    "{{ self._TemplateReference__context }}": "không được đọc thuộc tính “_TemplateReference__context”",
    "{{ self }}": "không được dùng “self”",
    "{% include '/etc/passwd' %}": "không được dùng {% include %}",
    "{% import 'macros.html' as m %}": "không được dùng {% import %}",
    "{% from 'x' import y %}": "không được dùng {% from … import %}",
    "{% extends 'base.docx' %}": "không được dùng {% extends %}",
    "{% for i in range(10**9) %}x{% endfor %}": "không được dùng gọi hàm",
    "{% for i in range %}x{% endfor %}": "“range” không có trong dữ liệu của loại văn bản này",
    "{{ 'x' * 1000000000 }}": "chỉ được nhân một số với một thuộc tính của loop",
    "{{ 9 ** 9 ** 9 }}": "không được dùng **",
    "{{ '%999999999s' % 'a' }}": "không được dùng %",
    "{{ title|center(1000000000) }}": "không được dùng bộ lọc “center”",
    "{{ title|attr('__class__') }}": "không được dùng bộ lọc “attr”",
    "{{ title|safe }}": "không được dùng bộ lọc “safe”",
    "{% autoescape false %}{{ title }}{% endautoescape %}": "không được dùng {% autoescape %}",
    "{% set t = title ~ title %}{{ t }}": "{% set %} / {% with %} chỉ được đặt tên cho một giá trị có sẵn",
    "{% macro f(x) %}{{ f(x ~ x) }}{% endmacro %}": "không được dùng {% macro %}",
    "{{ lipsum(1000000) }}": "không được dùng gọi hàm",
    "{{ namespace }}": "“namespace” không có trong dữ liệu",
    "{% if body == body %}x{% endif %}": "phép so sánh phải có một giá trị cố định ở một vế",
    "{{ InlineImage(tpl, '/etc/passwd') }}": "không được dùng gọi hàm",
    "{{p subdoc }}": "“subdoc” không có trong dữ liệu",
    "{{ tpl.new_subdoc }}": "“tpl” không có trong dữ liệu",
}


@pytest.mark.parametrize("tag", HOSTILE)
def test_a_hostile_template_is_refused_at_upload_with_the_reason(tmp_path, tag):
    data = paragraph_template(tmp_path / "hostile.docx", f"Trước {tag} sau").read_bytes()
    result = validate("plan", data)
    assert not result.ok and result.document is None
    assert HOSTILE[tag] in str(result.findings[0].message), [str(finding.message) for finding in result.findings]
    assert result.findings[0].paragraph == f"Trước {tag} sau"


def _nested(depth: int, inner: str) -> str:
    loops = "".join(f"{{% for x{level} in body %}}" for level in range(depth))
    return loops + inner + "{% endfor %}" * depth


@pytest.mark.parametrize(("template", "limit"), [
    (_nested(5, "{% if x4.kind == 'fill' %}.{% endif %}"), f"quá {MAX_WORK} bước"),
    (_nested(4, "{{ x0.text }}"), f"quá {MAX_OUTPUT} ký tự"),
])
def test_a_template_that_would_run_for_hours_or_write_gigabytes_stops_at_its_bounds(tmp_path, template, limit):
    """59 paragraphs of the seed plan looped over five deep is 715 million steps; four deep, printing a
    paragraph each time, several gigabytes: both pass the rules and stop, with the reason, in seconds."""
    path = paragraph_template(tmp_path / "costly.docx", template)
    started = time.perf_counter()
    with pytest.raises(RenderError) as stopped:
        CompiledTemplate(path, untrusted=True).render(demo_context("plan"))
    assert limit in str(stopped.value)
    assert time.perf_counter() - started < 30
    result = validate("plan", path.read_bytes())
    assert limit in str(result.findings[0].message) and result.document is None


def test_tags_outside_the_body_are_refused_and_the_engine_will_not_fill_them(tmp_path):
    """docxtpl would fill a footer's tags outside the sandbox's bounds: an office's template may not have any."""
    from docx import Document

    path = tmp_path / "footer.docx"
    document = Document()
    document.add_paragraph("{{ title }}")
    document.sections[0].footer.paragraphs[0].text = "{{ header.issuer }}"
    document.save(path)
    result = validate("plan", path.read_bytes())
    assert [str(finding.message) for finding in result.findings] == [
        "chỉ phần thân văn bản được điền: đầu trang, chân trang và chú thích không được có thẻ mẫu ({{ … }}, {% … %}); "
        "hãy chuyển thẻ trong word/footer1.xml vào thân văn bản"]
    with pytest.raises(RenderError, match="word/footer1.xml"):
        CompiledTemplate(path, untrusted=True)


LINKED_PICTURE = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                  'image" Target="file:///etc/passwd" TargetMode="External"/>')


def test_what_reads_another_file_or_address_is_refused(tmp_path):
    """A linked picture, or a field including a file, would be fetched by Word or LibreOffice."""
    import io
    import zipfile

    def changed(name: str, data: bytes) -> bytes:
        if name == "word/_rels/document.xml.rels":
            return data.replace(b"</Relationships>", LINKED_PICTURE.encode() + b"</Relationships>")
        if name == "word/document.xml":
            return data.replace(b"<w:body>", b'<w:body><w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;/etc/passwd&quot; ">'
                                             b"<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>", 1)
        return data

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(shipped("letter"))) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, changed(item.filename, source.read(item)))
    messages = sorted(str(finding.message) for finding in validate("letter", out.getvalue()).findings)
    assert messages == [
        "trường (field) “INCLUDETEXT \"/etc/passwd\"” lấy nội dung từ tệp hay địa chỉ khác: hãy xóa trường này",
        "tệp lấy nội dung từ ngoài (image: file:///etc/passwd): mẫu không được đọc tệp hay địa chỉ web khác; hãy "
        "chèn trực tiếp vào tệp"]


def test_a_refused_tag_split_by_word_is_still_found():
    """Word's runs do not hide a tag from the rules: docgen reads the tag joined, as it renders it."""
    data = with_body(shipped("letter"), lambda xml: split_runs(
        xml.replace("{{ header.number }}", "{{ header.number.__class__ }}"), "{{ header.number.__class__ }}", (4, 20)))
    finding = validate("letter", data).findings[0]
    assert str(finding.message).startswith("không được đọc thuộc tính “__class__”")
    assert finding.paragraph == "{{ header.number.__class__ }}"
