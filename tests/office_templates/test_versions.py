"""Template versions: kept once they validate, one live per kind and organisation, any earlier one live
again, docgen's own as version 0; the live ones written as files for the engine."""

from __future__ import annotations

import hashlib

import pytest

from docgen.engine import template_path
from docgen.errors import BadInput
from docgen.files import load_organisation
from docgen.office_templates import versions
from docgen.office_templates.versions import OWN
from docgen.store import organisations

from .word import edited_in_word, shipped, with_body


def test_versions_are_kept_one_is_live_and_any_can_be_made_live_again(database, organisation_id, tmp_path):
    first = edited_in_word("letter")
    second = with_body(first, lambda xml: xml.replace("sẽ liên hệ trực tiếp", "sẽ gọi điện"))
    with database.session() as session:
        record, validation = versions.add(session, organisation_id, "letter", "Công văn (sửa).docx", first, note=" mới ")
        assert (record.version, record.note, validation.ok) == (1, "mới", True)
        assert versions.live_numbers(session, organisation_id, ["letter", "report"]) == {"letter": OWN, "report": OWN}
        versions.use(session, organisation_id, "letter", 1)
        assert versions.add(session, organisation_id, "letter", "v2.docx", second)[0].version == 2
        versions.use(session, organisation_id, "letter", 2)
    with database.session() as session:
        assert versions.live_numbers(session, organisation_id, ["letter"]) == {"letter": 2}
        assert versions.template_data(session, organisation_id, "letter") == ("v2.docx", second)
        assert versions.template_data(session, organisation_id, "letter", 1) == ("Công văn (sửa).docx", first)
        assert versions.template_data(session, organisation_id, "letter", OWN) == (
            "letter.docx", template_path("letter").read_bytes())
        versions.use(session, organisation_id, "letter", 1)
    with database.session() as session:
        assert versions.live_numbers(session, organisation_id, ["letter"]) == {"letter": 1}
        files = versions.template_files(session, organisation_id, {"letter": 1, "report": OWN}, tmp_path)
        assert list(files) == ["letter"] and files["letter"].read_bytes() == first
        assert files["letter"].name == f"letter-1-{hashlib.sha256(first).hexdigest()[:16]}.docx"
        versions.use(session, organisation_id, "letter", OWN)
    with database.session() as session:
        assert versions.live(session, organisation_id) == {}
        assert [record.version for record in versions.versions(session, organisation_id, "letter")] == [2, 1]


def test_a_template_that_does_not_validate_is_not_kept(database, organisation_id):
    broken = with_body(shipped("letter"), lambda xml: xml.replace("{{ salutation }}", "{{ salutation.__class__ }}"))
    with database.session() as session:
        record, validation = versions.add(session, organisation_id, "letter", "x.docx", broken)
        assert record is None and not validation.ok
        assert versions.versions(session, organisation_id, "letter") == []
        with pytest.raises(BadInput, match="mẫu “letter” không có phiên bản 3"):
            versions.use(session, organisation_id, "letter", 3)
        with pytest.raises(BadInput, match="không có loại văn bản “thư”"):
            versions.use(session, organisation_id, "thư", 1)


def test_an_organisation_sees_and_uses_only_its_own_versions(database, organisation_id):
    with database.session() as session:
        other = organisations.add(session, load_organisation()).id
        versions.add(session, other, "letter", "theirs.docx", edited_in_word("letter"))
        versions.use(session, other, "letter", 1)
    with database.session() as session:
        assert versions.live_numbers(session, organisation_id, ["letter"]) == {"letter": OWN}
        with pytest.raises(BadInput, match="mẫu “letter” không có phiên bản 1"):
            versions.use(session, organisation_id, "letter", 1)
        assert versions.add(session, organisation_id, "letter", "ours.docx", edited_in_word("letter"))[0].version == 1
