"""Templates as an office gets them back from Word: tags split over runs, with proofing marks, bookmarks
and a change of language between the pieces, and text of its own typed in."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docgen.kinds import KINDS
from tests.conftest import REPO

TEMPLATES = REPO / "templates"
DOCUMENT = "word/document.xml"


def shipped(kind: str) -> bytes:
    return (TEMPLATES / KINDS[kind].template).read_bytes()


def with_body(template: bytes, change) -> bytes:
    """The template with its document.xml passed through ``change``, everything else as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, change(data.decode("utf-8")).encode("utf-8") if item.filename == DOCUMENT else data)
    return out.getvalue()


def split_runs(xml: str, tag: str, at: tuple[int, ...], between: str = "") -> str:
    """The run holding ``tag`` cut into pieces at the offsets ``at`` of the tag, as Word leaves a tag
    typed over several edits: a proofing mark, a bookmark and another language between the pieces (and
    ``between``, Word's own markup, in the middle)."""
    found = re.search(r"<w:r>(<w:rPr>.*?</w:rPr>)?<w:t(?: [^>]*)?>([^<]*)" + re.escape(tag) + r"([^<]*)</w:t></w:r>", xml)
    assert found, f"{tag} is not in a run of its own"
    properties, before, after = found.group(1) or "", found.group(2), found.group(3)
    text = before + tag + after
    cuts = [0, *(len(before) + offset for offset in at), len(text)]
    pieces = [text[start:end] for start, end in zip(cuts, cuts[1:])]
    marks = ['<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="90" w:name="_GoBack"/>',
             '<w:bookmarkEnd w:id="90"/><w:proofErr w:type="spellEnd"/>' + between]
    runs = []
    for number, piece in enumerate(pieces):
        language = '<w:lang w:val="vi-VN"/>' if number % 2 else ""
        rpr = properties.replace("</w:rPr>", language + "</w:rPr>") if properties else (
            f"<w:rPr>{language}</w:rPr>" if language else "")
        runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{piece}</w:t></w:r>')
        if number < len(pieces) - 1:
            runs.append(marks[number % 2])
    return xml[:found.start()] + "".join(runs) + xml[found.end():]


def edited_in_word(kind: str = "letter") -> bytes:
    """The shipped template with every tag of its header split over three runs, the body's loop tag
    split too, and a sentence of the office's own after the body."""
    def change(xml: str) -> str:
        for tag in ("{{ header.superior }}", "{{ header.issuer }}", "{{ header.number }}", "{{ header.place_date }}"):
            xml = split_runs(xml, tag, (5, 12))
        xml = split_runs(xml, "{%p for b in body %}", (9, 15))
        own = '<w:p><w:r><w:t xml:space="preserve">Văn phòng Đảng ủy Khối sẽ liên hệ trực tiếp khi cần.</w:t></w:r></w:p>'
        body_ends = xml.index("</w:p>", xml.index("{%p endfor %}")) + len("</w:p>")
        return xml[:body_ends] + own + xml[body_ends:]
    return with_body(shipped(kind), change)


def save(data: bytes, path: Path) -> Path:
    path.write_bytes(data)
    return path
