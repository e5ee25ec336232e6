"""The reference for template authors comes from the declared context types, the demo data and the
sandbox: every variable docgen's own templates read is in it, with its type and an example."""

from __future__ import annotations

import io
import re
import zipfile

from docgen.engine.sandbox import SIZE_FILTERS
from docgen.kinds import KINDS
from docgen.office_templates.reference import filters, kind_reference, reference

from .word import shipped


def test_every_kind_lists_its_variables_with_a_type_and_an_example():
    lines = {line.path: line for line in kind_reference("letter")}
    assert list(reference()) == list(KINDS)
    assert lines["header.number"].shape.kind == "text"
    assert lines["header.number"].example == "Số       -CV/ĐUK"
    assert lines["body"].shape.kind == "list" and lines["body"].example == "[5]"
    assert lines["body[].kind"].shape.choices[:3] == ("roman", "number", "number2")
    assert lines["salutation"].example.startswith("Kính gửi: Đảng ủy ")
    assert lines["signature.name"].shape.holds == "the signer's name as the data spells it, empty to be written by hand"


def test_what_docgen_own_templates_read_is_in_the_reference():
    for kind in KINDS:
        with zipfile.ZipFile(io.BytesIO(shipped(kind))) as package:
            xml = package.read("word/document.xml").decode("utf-8")
        names = {name for name in re.findall(r"\{\{ ?(?:p |r )?(header|signature|annex|form)\.(\w+)", xml)}
        paths = {line.path for line in kind_reference(kind)}
        assert {f"{group}.{field}" for group, field in names} <= paths, kind


def test_the_filters_are_the_sandbox_ones_described_by_jinja():
    described = filters()
    assert set(described) == SIZE_FILTERS
    assert described["upper"] == "Convert a value to uppercase."
