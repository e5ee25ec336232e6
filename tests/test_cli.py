"""The command line: bad input gets one clear line and exit status 2, never a traceback."""

import subprocess
import sys

import pytest
from click.testing import CliRunner
from docx import Document

from docgen.cli import main
from docgen.kinds import batch_kinds

from .conftest import EXAMPLES, SEED_TEXT

PLAN = str(EXAMPLES / "seed-plan.yaml")
UNITS = str(EXAMPLES / "units.csv")


def run(*arguments, env=None):
    return CliRunner().invoke(main, [str(argument) for argument in arguments], env=env)


def one_line_failure(result, *expected):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("docgen: "), result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in lines[0], lines[0]


@pytest.mark.parametrize(
    "content, vi, en",
    [
        ("summary: [unclosed", "không đọc được: cần tệp YAML mã UTF-8 (ParserError)",
         "cannot read it: a UTF-8 YAML file is expected (ParserError)"),
        ("- just\n- a list\n", "cần các mục của dữ liệu, mỗi dòng “tên mục: giá trị”",
         "expected the data's fields, one “name: value” a line"),
        ("summary: x\n", "organisation: bắt buộc, chưa có; body: bắt buộc, chưa có",
         "organisation: required, missing; body: required, missing"),
    ],
)
def test_bad_plan_files(tmp_path, content, vi, en):
    plan = tmp_path / "plan.yaml"
    plan.write_text(content, encoding="utf-8")
    one_line_failure(run("render", plan, "-o", tmp_path / "out.docx"), f"docgen: {plan}: {vi}")
    one_line_failure(run("--lang", "en", "render", plan, "-o", tmp_path / "out.docx"), f"docgen: {plan}: {en}")
    assert not (tmp_path / "out.docx").exists()


def test_invalid_fields_are_named(tmp_path):
    text = (EXAMPLES / "seed-plan.yaml").read_text(encoding="utf-8")
    text = text.replace("number: 15", "number: -3").replace("symbol: ĐUK", "symbol: đuk 1")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run("render", plan, "-o", tmp_path / "out.docx")
    one_line_failure(result, f"docgen: {plan}: organisation.symbol: chỉ gồm chữ in hoa, không dấu cách, ví dụ ĐUK; "
                             "number: phải từ 1 trở lên")
    one_line_failure(run("--lang", "en", "render", plan, "-o", tmp_path / "out.docx"),
                     f"docgen: {plan}: organisation.symbol: capital letters only, no spaces, e.g. ĐUK; number: must be 1 or more")


def test_plan_dates_are_read_as_staff_write_them(tmp_path):
    text = (EXAMPLES / "seed-plan.yaml").read_text(encoding="utf-8")
    text = text.replace("date: '2021-05-25'", "date: 25/5/2021").replace("deadline: '2021-06-10'",
                                                                         "deadline: ngày 10 tháng 6 năm 2021")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("deadline: '2021-06-30'", "deadline: 30.6.2021"), encoding="utf-8")
    assert run("render", plan, "--kind", "unit-plan", "--unit", "CB01", "--units", UNITS,
               "-o", tmp_path / "unit.docx").exit_code == 0
    body = "\n".join(paragraph.text for paragraph in Document(tmp_path / "unit.docx").paragraphs)
    body = body.translate({0xA0: " ", 0x2011: "-"})  # as a reader sees the no-break space and hyphen
    assert "Kế hoạch số 15-KH/ĐUK ngày 25/5/2021" in body
    assert "trước ngày 10/6/2021" in body and "trước ngày 30/6/2021" in body
    plan.write_text(text.replace("date: 25/5/2021", "date: 31/2/2021"), encoding="utf-8")
    one_line_failure(run("render", plan, "-o", tmp_path / "out.docx"),
                     f"docgen: {plan}: date: Ngày “31/2/2021” không có trên lịch: tháng 2 năm 2021 chỉ có 28 ngày")
    one_line_failure(run("--lang", "en", "render", plan, "-o", tmp_path / "out.docx"),
                     f"docgen: {plan}: date: The date “31/2/2021” is not on the calendar: month 2 of 2021 has only 28 days")


def test_missing_plan_file(tmp_path):
    one_line_failure(run("render", tmp_path / "nope.yaml", "-o", tmp_path / "o.docx"),
                     f"docgen: {tmp_path / 'nope.yaml'}: không có tệp này")


def test_unit_kinds_need_a_unit(tmp_path):
    one_line_failure(run("render", PLAN, "--kind", "letter", "-o", tmp_path / "o.docx"),
                     "docgen: --kind letter làm riêng cho từng đơn vị: hãy cho --unit MÃ và --units TỆP")
    one_line_failure(run("render", PLAN, "--kind", "letter", "--unit", "DB01", "-o", tmp_path / "o.docx"),
                     "docgen: --unit và --units đi cùng nhau: mã của đơn vị và tệp có đơn vị đó")
    one_line_failure(run("render", PLAN, "--kind", "letter", "--unit", "XX", "--units", UNITS,
                         "-o", tmp_path / "o.docx"), f"docgen: {UNITS}: không có đơn vị mã “XX”")


def test_messages_in_english_with_lang_or_docgen_lang(tmp_path):
    english = "docgen: --kind letter is made for one unit: give --unit CODE and --units FILE"
    one_line_failure(run("--lang", "en", "render", PLAN, "--kind", "letter", "-o", tmp_path / "o.docx"), english)
    one_line_failure(run("render", PLAN, "--kind", "letter", "-o", tmp_path / "o.docx", env={"DOCGEN_LANG": "en"}),
                     english)
    one_line_failure(run("--lang", "en", "batch", PLAN, "--units", UNITS, "--kinds", "memo", "-o", tmp_path / "b.zip"),
                     f"docgen: --kinds: unknown kind(s) memo; expected some of: {', '.join(batch_kinds())}")
    one_line_failure(run("batch", PLAN, "--units", UNITS, "--kinds", "memo", "-o", tmp_path / "b.zip"),
                     f"docgen: --kinds: không có loại văn bản memo; chọn trong: {', '.join(batch_kinds())}")
    result = run("render", PLAN, "-o", tmp_path / "o.docx", env={"DOCGEN_LANG": "fr"})
    assert result.exit_code == 2 and "Invalid value for '--lang'" in result.output


def test_render_one_unit_document(tmp_path):
    result = run("render", PLAN, "--kind", "report", "--unit", "CB01", "--units", UNITS, "-o", tmp_path / "r.docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.docx").stat().st_size > 10_000


def test_unknown_kind_is_a_usage_error(tmp_path):
    result = run("render", PLAN, "--kind", "memo", "-o", tmp_path / "o.docx")
    assert result.exit_code == 2 and "memo" in result.output


@pytest.mark.parametrize("name, content", [("plan.pdf", b"%PDF"), ("plan.docx", b"not a zip"),
                                           ("plan.txt", b"\xff\xfe\xfa\x00\x00\xd8")])
def test_import_refuses_what_it_cannot_read(tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    result = run("import-plan", source, "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "plan.yaml").exists()


def test_import_reports_glued_words_and_fix_applies_them(tmp_path):
    kept = run("import-plan", SEED_TEXT, "-o", tmp_path / "kept.yaml")
    assert kept.exit_code == 0
    assert "Khốixây" in kept.output and "Khối xây" in kept.output
    assert "Khốixây" in (tmp_path / "kept.yaml").read_text(encoding="utf-8")
    fixed = run("import-plan", SEED_TEXT, "--fix", "-o", tmp_path / "fixed.yaml")
    *suggestions, summary = fixed.output.splitlines()
    assert fixed.exit_code == 0 and summary == f"{tmp_path / 'fixed.yaml'}: {len(suggestions)} gợi ý (đã áp dụng)"
    english = run("--lang", "en", "import-plan", SEED_TEXT, "--fix", "-o", tmp_path / "fixed.yaml")
    assert english.output.splitlines()[-1] == f"{tmp_path / 'fixed.yaml'}: {len(suggestions)} suggestions (applied)"
    text = (tmp_path / "fixed.yaml").read_text(encoding="utf-8")
    assert "Khốixây" not in text and "Khối xây dựng" in text


def test_check_exit_codes(tmp_path):
    good = tmp_path / "good.docx"
    assert run("render", PLAN, "-o", good).exit_code == 0
    result = run("check", good)
    assert result.exit_code == 0 and result.output == "văn bản của Đảng: 0 lỗi, 0 cảnh báo\n"
    result = run("check", good, "--json")
    assert result.exit_code == 0 and '"findings": []' in result.output
    (tmp_path / "bad.docx").write_bytes(b"plain text")
    one_line_failure(run("check", tmp_path / "bad.docx"),
                     f"docgen: {tmp_path / 'bad.docx'}: không phải tệp .docx (không phải tệp ZIP)")
    one_line_failure(run("check", tmp_path / "bad.docx", "--lang", "en"),
                     f"docgen: {tmp_path / 'bad.docx'}: not a .docx file (not a ZIP archive)")


def test_check_speaks_its_own_lang_or_docgen_s(tmp_path):
    good = tmp_path / "good.docx"
    assert run("render", PLAN, "-o", good).exit_code == 0
    english = "Party document: 0 errors, 0 warnings\n"
    assert run("check", good, "--lang", "en").output == english
    assert run("--lang", "en", "check", good).output == english
    assert run("check", good, env={"DOCGEN_LANG": "en"}).output == english
    assert run("check", good, "--lang", "vi", env={"DOCGEN_LANG": "en"}).output == "văn bản của Đảng: 0 lỗi, 0 cảnh báo\n"


def test_help_starts_fast_without_heavy_imports():
    code = "import sys, docgen.cli; print(sorted(m for m in ('docx', 'docxtpl', 'lxml', 'pydantic') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_the_command_line_offers_the_engines_there_are():
    """The choices are spelt out in the CLI so that ``--help`` need not import the engine."""
    from docgen import engine
    from docgen.cli import ENGINE_CHOICE

    assert tuple(ENGINE_CHOICE.choices) == engine.ENGINES
