"""An uploaded template checked before it can be used, each problem shown where it is in Word.

In order: the file is a sound .docx within limits; nothing in it reads another file or a web address
when opened or converted (linked pictures, sub-documents, INCLUDETEXT fields …); only the body holds
tags; the body's Jinja parses; it keeps the sandbox's rules (:mod:`docgen.engine.sandbox`); it reads
only what its kind's context has; then it is rendered with the demo data (the seed plan and a
sample unit), and that document must pass ``docgen check`` with no error. The rendered document is
the preview.

Word keeps a paragraph's text in runs, and splits a tag typed over several edits into several of
them, with proofing marks and bookmarks between. docgen joins them as docxtpl does; when a tag's
error comes from what Word put between its runs rather than from what the tag says, the finding says
so, and how to type it again.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from pathlib import Path

from jinja2 import TemplateSyntaxError
from lxml import etree

from docgen.check import check_document
from docgen.check.properties import NS, VISIBLE_RUNS, run_text
from docgen.derive import document_context
from docgen.engine import RenderError
from docgen.engine.compiled import (
    DOCUMENT_PART,
    OUTSIDE_BODY,
    CompiledTemplate,
    literal_braces,
    tagged_outside_body,
)
from docgen.engine.sandbox import BoundedEnvironment, refusals
from docgen.errors import BadInput
from docgen.files import EXAMPLES, load_plan
from docgen.i18n import N_, Message
from docgen.kinds import get_kind
from docgen.model import Plan, Unit
from docgen.office_templates.names import unknown_names
from docgen.office_templates.shapes import shape_of
from docgen.units import read_units
from docgen.uploads import UnsafeFile, open_zip, size_text

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 60 * 1024 * 1024
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Field codes that pull in another file or address when Word or LibreOffice updates them.
_READING_FIELD = re.compile(r"^\s*(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDE|DDEAUTO|IMPORT|DATABASE)\b", re.IGNORECASE)
_PARAGRAPH_START = re.compile(r"(?=<w:p[ >])")
_VISIBLE_RUNS = etree.XPath(VISIBLE_RUNS, namespaces=NS)
_TAG_TEXT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)

NOT_DOCX = N_("không phải tệp Word .docx (thiếu word/document.xml)")
BROKEN_PART = N_("phần %(part)s của tệp bị hỏng: %(reason)s")
EXTERNAL = N_("tệp lấy nội dung từ ngoài (%(what)s: %(target)s): mẫu không được đọc tệp hay địa chỉ web khác; hãy "
              "chèn trực tiếp vào tệp")
READING_FIELD = N_("trường (field) “%(code)s” lấy nội dung từ tệp hay địa chỉ khác: hãy xóa trường này")
SYNTAX = N_("lỗi cú pháp của thẻ mẫu: %(error)s")
SPLIT_CAUSE = N_("đó là do Word đã tách thẻ %(tag)s thành %(runs)s phần định dạng (run) và phần ẩn giữa chúng làm "
                 "docgen đọc ra %(joined)s: hãy xóa cả thẻ rồi gõ lại liền một lần, không sửa từng chữ giữa chừng")
SPLIT_HARMLESS = N_("Word đã tách thẻ trong đoạn này thành %(runs)s phần định dạng (run); docgen đã ghép lại, nên "
                    "lỗi nằm ở chính nội dung thẻ")
RENDER = N_("không tạo được văn bản mẫu với dữ liệu mẫu: %(error)s")
CHECK = N_("văn bản tạo từ mẫu không đạt docgen check: %(finding)s (%(where)s)")


@dataclass(frozen=True)
class Finding:
    """A problem of the template, and the paragraph of Word it is in (its text as Word shows it)."""

    message: Message
    paragraph: str = ""
    note: Message | None = None


@dataclass
class Validation:
    findings: list[Finding] = field(default_factory=list)
    document: bytes | None = None
    """The template rendered with the demo data: the preview (None when it could not be made)."""

    @property
    def ok(self) -> bool:
        return not self.findings


def validate(kind: str, data: bytes) -> Validation:
    """Everything wrong with ``data`` as a template of ``kind``, and the preview when nothing is."""
    try:
        parts = _parts(data)
    except BadInput as error:
        return Validation([Finding(error.message)])
    result = Validation(_external(parts))
    result.findings += [Finding(Message(OUTSIDE_BODY, parts=name)) for name in tagged_outside_body(parts)]
    body = _Body(data)
    result.findings += body.problems(kind)
    if result.findings:
        return result
    try:
        result.document = render_demo(kind, data)
    except RenderError as error:
        result.findings.append(Finding(Message(RENDER, error=error.message)))
        return result
    checked = check_document(result.document)
    result.findings += [Finding(Message(CHECK, finding=finding.message, where=finding.location))
                        for finding in checked.errors]
    return result


def _parts(data: bytes) -> dict[str, bytes]:
    if len(data) > MAX_TEMPLATE_BYTES:
        raise UnsafeFile(N_("tệp quá lớn (tối đa %(max)s)"), max=size_text(MAX_TEMPLATE_BYTES))
    with open_zip(data, MAX_UNPACKED) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    if DOCUMENT_PART not in parts:
        raise UnsafeFile(NOT_DOCX)
    for name, content in parts.items():
        if name.endswith((".xml", ".rels")):
            try:
                etree.fromstring(content)
            except etree.XMLSyntaxError as error:
                raise UnsafeFile(BROKEN_PART, part=name, reason=str(error)) from None
    return parts


def _external(parts: dict[str, bytes]) -> list[Finding]:
    """What the package would read from elsewhere: external relationships other than links a reader
    clicks, and fields that include files."""
    found = []
    for name, content in parts.items():
        if name.endswith(".rels"):
            for relationship in etree.fromstring(content).iter(_RELATIONSHIP):
                if relationship.get("TargetMode") == "External" and relationship.get("Type") != HYPERLINK:
                    found.append(Finding(Message(EXTERNAL, what=relationship.get("Type", "").rsplit("/", 1)[-1],
                                                 target=relationship.get("Target", "")[:200])))
        elif name.startswith("word/") and name.endswith(".xml"):
            root = etree.fromstring(content)
            codes = root.xpath("//w:instrText/text() | //w:fldSimple/@w:instr", namespaces=NS)
            found += [Finding(Message(READING_FIELD, code=code.strip()[:200])) for code in codes
                      if _READING_FIELD.match(code)]
    return found


class _Body:
    """The body's Jinja source as docxtpl makes it, one line per paragraph of Word, so that an error's
    line is the paragraph it is in."""

    def __init__(self, data: bytes):
        from docxtpl import DocxTemplate

        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
        self.paragraphs = list(template.docx.element.body.iter(f"{{{NS['w']}}}p"))
        lined = _PARAGRAPH_START.sub("\n", template.get_xml())
        self.source = literal_braces(template.patch_xml(lined))
        self.lines = self.source.split("\n")

    def problems(self, kind: str) -> list[Finding]:
        environment = BoundedEnvironment()
        try:
            parsed = environment.parse(self.source)
        except TemplateSyntaxError as error:
            return [self.finding(error.lineno, Message(SYNTAX, error=error.message))]
        found = [(refusal.line, refusal.message) for refusal in refusals(parsed)]
        if not found:
            found = unknown_names(parsed, shape_of(get_kind(kind).context_type))
        return [self.finding(line, message) for line, message in found]

    def finding(self, line: int, message: Message) -> Finding:
        """``message`` with the paragraph of Word the source line comes from (the first line is before
        any), and what Word's runs have to do with it."""
        index = line - 2
        if not 0 <= index < len(self.paragraphs):
            return Finding(message)
        paragraph = self.paragraphs[index]
        return Finding(message, visible_text(paragraph), split_note(paragraph, self.lines[line - 1]))


def visible_text(paragraph) -> str:
    """A paragraph's text as Word shows it (:data:`~docgen.check.properties.VISIBLE_RUNS`)."""
    return "".join(run_text(run) for run in _VISIBLE_RUNS(paragraph))


def split_note(paragraph, source_line: str) -> Message | None:
    """What Word's runs have to do with an error in this paragraph: nothing (no tag is split over
    runs), only the look of it (docgen joined the runs; the tag itself is wrong), or the cause (the
    tag docgen got from the runs is not the one the reader sees)."""
    texts = [run_text(run) for run in _VISIBLE_RUNS(paragraph)]
    ends = list(accumulate(map(len, texts)))
    joined = [_plain(tag.group()) for tag in _TAG_TEXT.finditer(source_line)]
    split = []
    for index, tag in enumerate(_TAG_TEXT.finditer("".join(texts))):
        runs = sum(1 for text, end in zip(texts, ends) if text and end - len(text) < tag.end() and end > tag.start())
        if runs < 2:
            continue
        got = joined[index] if index < len(joined) else ""
        if _plain(tag.group()) != got:
            return Message(SPLIT_CAUSE, tag=tag.group(), runs=runs, joined=got)
        split.append(runs)
    return Message(SPLIT_HARMLESS, runs=max(split)) if split else None


def _plain(tag: str) -> str:
    """A tag as docxtpl leaves it to Jinja: straight quotes, no paragraph/row/cell/run marker, one space."""
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        tag = tag.replace(curly, straight)
    return " ".join(re.sub(r"^(\{[{%#])(?:p|tr|tc|r) ", r"\1 ", tag).split())


@cache
def _demo_data() -> tuple[Plan, tuple[Unit, ...]]:
    return load_plan(EXAMPLES / "seed-plan.yaml"), tuple(read_units(EXAMPLES / "units.csv"))


def demo_context(kind: str, plan: Plan | None = None, units: Sequence[Unit] = ()) -> dict:
    """A kind's context made from ``plan`` and the first of ``units`` (and, for the committee's documents
    made from returned reports, none returned yet); without them, from the demo data: the seed plan and
    the sample units."""
    from docgen.reports.collect import Collection

    if plan is None or not units:
        plan, units = _demo_data()
    inputs = {"reports": Collection(plan, list(units), {}, [])} if "reports" in get_kind(kind).inputs else {}
    return document_context(kind, plan, units[0], **inputs)


def render_demo(kind: str, data: bytes) -> bytes:
    """The template rendered, in the sandbox, with the demo data."""
    with tempfile.TemporaryDirectory(prefix="docgen-template-") as folder:
        path = Path(folder) / f"{kind}.docx"
        path.write_bytes(data)
        return CompiledTemplate(path, untrusted=True).render(demo_context(kind))
