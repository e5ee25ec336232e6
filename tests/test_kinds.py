"""One registry of kinds: every context has its declared shape, and a kind added in one place is
made by the command line, the batch and the web app."""

import csv
import io
import subprocess
import sys
import typing
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from pydantic import TypeAdapter, ValidationError

from docgen import context_types
from docgen.batch import check_kinds
from docgen.builder import BODY_STYLES
from docgen.cli import main
from docgen.context import plan_context
from docgen.derive import document_context
from docgen.errors import BadInput
from docgen.kinds import KINDS, Kind
from docgen.model import DocType
from docgen.reports.collect import Collection
from docgen.units import read_units

from .conftest import EXAMPLES, paragraph_template
from .web.conftest import make_app, page_text, signed_in, wait_for_generation

UNITS = EXAMPLES / "units.csv"


@pytest.fixture(scope="module")
def units():
    return read_units(UNITS)


def inputs(kind: Kind, plan, units) -> dict:
    """What a kind takes besides the plan: a round of reports where no unit has reported yet."""
    return {"reports": Collection(plan, units, {}, [])} if "reports" in kind.inputs else {}


def contexts(kind: Kind, plan, units):
    """The kind's context for the plan and every unit (and without one, when it can be made so)."""
    if kind.per_unit != "required":
        yield document_context(kind.id, plan, **inputs(kind, plan, units))
    if kind.per_unit != "never":
        for unit in units:
            yield document_context(kind.id, plan, unit)


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_every_context_has_its_declared_shape(kind, seed_plan, units):
    adapter = TypeAdapter(kind.context_type)
    made = list(contexts(kind, seed_plan, units))
    assert len(made) == {"never": 1, "optional": 23, "required": 22}[kind.per_unit]
    for context in made:
        adapter.validate_python(context, strict=True)


def test_a_context_with_an_undeclared_key_or_a_wrong_value_is_refused(seed_plan, units):
    adapter = TypeAdapter(context_types.Letter)
    context = document_context("letter", seed_plan, units[0])
    adapter.validate_python(context, strict=True)
    broken = [
        {**context, "extra": "x"},
        {**context, "header": {**context["header"], "seal": "x"}},
        {**context, "body": [{**context["body"][0], "style": "x"}]},
        {**context, "body": [{**context["body"][0], "kind": "heading"}]},
        {**context, "signature": {**context["signature"], "name": None}},
        {key: value for key, value in context.items() if key != "salutation"},
        {**context, "header": {k: v for k, v in context["header"].items() if k != "letter_summary"}},
    ]
    for wrong in broken:
        with pytest.raises(ValidationError):
            adapter.validate_python(wrong, strict=True)


def test_every_field_says_what_it_holds():
    """Each field has a description (or a type that has one), for the variable reference of template authors."""
    undescribed = []
    for name, declared in vars(context_types).items():
        if not typing.is_typeddict(declared):
            continue
        for field, hint in typing.get_type_hints(declared, include_extras=True).items():
            annotated = typing.get_origin(hint) is typing.Annotated and isinstance(hint.__metadata__[0], str)
            if not (annotated or typing.is_typeddict(hint) and hint.__doc__):
                undescribed.append(f"{name}.{field}")
    assert undescribed == []


def test_templates_style_every_paragraph_kind_the_contexts_declare():
    declared = typing.get_args(typing.get_type_hints(context_types.Paragraph)["kind"])
    assert set(declared) == set(BODY_STYLES) | {"fill", "runin"}


def test_each_kind_prints_its_document_type(seed_plan, units):
    for kind in KINDS.values():
        context = document_context(kind.id, seed_plan, units[0], **inputs(kind, seed_plan, units))
        doc_type = kind.doc_type or seed_plan.type.value
        assert doc_type in {member.value for member in DocType}, kind.id
        assert f"-{doc_type}/" in context["header"]["number"], kind.id


def test_help_reads_the_kinds_without_loading_what_makes_them():
    code = ("import sys, docgen.cli; print(sorted(m for m in ('docgen.derive', 'docgen.context', 'docgen.engine', "
            "'docgen.model', 'jinja2') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
    help_text = CliRunner().invoke(main, ["render", "--help"]).output
    assert f"Document kind: {', '.join(KINDS)}." in " ".join(help_text.split()).replace("- ", "-")  # wrapped at a hyphen


# -- a kind added in one place ------------------------------------------------------------


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """A toy kind: a letter's context in a one-line template, registered and nowhere else."""
    template = paragraph_template(tmp_path / "toy.docx", "{{ salutation }} | {{ header.number }}")
    kind = Kind("toy", per_unit="required", doc_type="CV", title="Thư thử", label="Thư thử gửi đơn vị",
                file_name="Thư thử", template=str(template), context="docgen.derive:letter_context",
                context_type=context_types.Letter, batch=True)
    monkeypatch.setitem(KINDS, "toy", kind)
    return kind


TOY_TEXT = "Kính gửi: Đảng ủy Sở Tài chính | Số       -CV/ĐUK"


def text_of(docx: bytes) -> str:
    return Document(io.BytesIO(docx)).paragraphs[0].text


def test_the_command_line_renders_and_batches_a_new_kind(toy, tmp_path):
    out = tmp_path / "toy.docx"
    rendered = CliRunner().invoke(main, ["render", str(EXAMPLES / "seed-plan.yaml"), "--kind", "toy",
                                         "--unit", "DB01", "--units", str(UNITS), "-o", str(out)])
    assert rendered.exit_code == 0, rendered.output
    assert text_of(out.read_bytes()) == TOY_TEXT

    target = tmp_path / "toy.zip"
    batched = CliRunner().invoke(main, ["batch", str(EXAMPLES / "seed-plan.yaml"), "--units", str(UNITS),
                                        "--kinds", "toy,letter", "-o", str(target)])
    assert batched.exit_code == 0, batched.output
    archive = zipfile.ZipFile(target)
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert [(row["kind"], row["path"]) for row in rows[:2]] == [
        ("toy", "DB01 - Đảng ủy Sở Tài chính/DB01 - Thư thử.docx"),
        ("letter", "DB01 - Đảng ủy Sở Tài chính/DB01 - Công văn.docx"),
    ]
    assert len(rows) == 44
    assert text_of(archive.read("DB01 - Đảng ủy Sở Tài chính/DB01 - Thư thử.docx")) == TOY_TEXT


def test_the_web_app_offers_and_renders_a_new_kind(toy, tmp_path):
    client = signed_in(make_app(tmp_path))
    page = page_text(client.get("/tao-van-ban/"))
    assert page.count('value="toy"') == 2  # among the batch's kinds and the preview's
    query = "plan=1&kind=toy&unit=1"
    preview = page_text(client.get(f"/tao-van-ban/xem-truoc?{query}"))
    assert "trang-1.png?" in preview and "kind=toy" in preview  # its printed pages, drawn from its PDF
    response = client.get(f"/tao-van-ban/van-ban.docx?{query}")
    assert response.status_code == 200 and text_of(response.data) == TOY_TEXT
    assert "DB01%20-%20Th%C6%B0%20th%E1%BB%AD.docx" in response.headers["Content-Disposition"]

    started = client.post("/tao-van-ban/", data={"plan": "1", "scope": "some", "units": ["1"], "kinds": ["toy"]})
    generation_id = int(started.location.rstrip("/").rsplit("/", 1)[1])
    assert wait_for_generation(client, generation_id)["status"] == "done"
    assert "Thư thử" in page_text(client.get(f"/tao-van-ban/lan/{generation_id}"))
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve").data))
    assert text_of(archive.read("DB01 - Đảng ủy Sở Tài chính/DB01 - Thư thử.docx")) == TOY_TEXT


# -- a committee's kind that needs more than the plan ---------------------------------------


def tally_context(plan, *, reports):
    """A toy committee document made from the plan and the units' returned reports."""
    return {**plan_context(plan), "summary": f"tổng hợp {len(reports)} báo cáo"}


@pytest.fixture
def tally(monkeypatch):
    kind = Kind("tally", per_unit="never", doc_type="BC", title="Báo cáo tổng hợp", label="Báo cáo tổng hợp",
                file_name="Báo cáo tổng hợp", template="plan.docx", context=f"{__name__}:tally_context",
                context_type=context_types.TypedDocument, inputs=("reports",))
    monkeypatch.setitem(KINDS, "tally", kind)
    return kind


def test_a_committee_kind_with_inputs_is_made_only_with_them(tally, seed_plan, units, tmp_path):
    with pytest.raises(BadInput, match=r"^--kind tally cần nhiều hơn kế hoạch \(reports\): không làm ở đây$"):
        document_context("tally", seed_plan, units[0])
    context = document_context("tally", seed_plan, reports=["DB01", "DB02"])
    assert context["summary"] == "tổng hợp 2 báo cáo"
    TypeAdapter(tally.context_type).validate_python(context, strict=True)
    for committee_kind in ("tally", "plan"):
        with pytest.raises(BadInput, match=f"^không có loại văn bản {committee_kind}; chọn trong: "):
            check_kinds([committee_kind])
    result = CliRunner().invoke(main, ["render", str(EXAMPLES / "seed-plan.yaml"), "--kind", "tally",
                                       "-o", str(tmp_path / "t.docx")])
    assert result.exit_code == 2 and "--kind tally cần --units TỆP và --reports THƯ_MỤC" in result.output
    page = page_text(signed_in(make_app(tmp_path)).get("/tao-van-ban/"))
    assert 'value="tally"' not in page


@pytest.mark.parametrize("changes", [{"batch": True}, {"default": True}])
def test_a_batch_kind_is_made_per_unit_from_the_plan_alone(tally, changes):
    fields = {name: getattr(tally, name) for name in Kind.__dataclass_fields__}
    with pytest.raises(ValueError, match="kind tally"):
        Kind(**{**fields, **changes})
