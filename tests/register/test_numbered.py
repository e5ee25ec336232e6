"""The committee's documents numbered by the register: the number and date in the header, and the one
letter to all units (letter-all), addressed to "Các đảng bộ, chi bộ cơ sở trực thuộc"."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from docgen.derive import Issued, document_context
from docgen.engine import Engine
from docgen.files import EXAMPLES, load_plan

from ..conftest import assert_passes_check

ISSUED = Issued(16, dt.date(2026, 2, 5))


def test_a_numbered_document_prints_its_number_and_date():
    plan = load_plan(EXAMPLES / "seed-plan.yaml")
    for kind, number in (("letter-all", "Số 16-CV/ĐUK"), ("guidance", "Số 16-HD/ĐUK")):
        header = document_context(kind, plan, issued=ISSUED)["header"]
        assert (header["number"], header["place_date"]) == (number, "Hưng Yên, ngày 05 tháng 02 năm 2026")
    assert document_context("letter-all", plan)["header"]["number"] == "Số       -CV/ĐUK"


def test_one_letter_is_addressed_to_every_unit_and_passes_the_check():
    plan = load_plan(EXAMPLES / "seed-plan.yaml")
    data = Engine().render("letter-all", document_context("letter-all", plan, issued=ISSUED))
    texts = [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs if paragraph.text]
    assert "Kính gửi: Các đảng bộ, chi bộ cơ sở trực thuộc" in texts
    assert texts[-1] == "Đề nghị các đảng bộ, chi bộ cơ sở trực thuộc nghiêm túc triển khai thực hiện./."
    assert any(text.startswith("Để triển khai thực hiện Kế hoạch") and "đề nghị các đảng bộ, chi bộ cơ sở trực "
               "thuộc triển khai thực hiện" in text for text in texts)
    assert_passes_check(data)
