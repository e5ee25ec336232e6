"""Batches with PDF: the ZIP's files and manifest, and the print file for duplex printing."""

from __future__ import annotations

import csv
import io
import zipfile

from pypdf import PdfReader

from docgen.pdf.batch import write_pdf_batch

from .conftest import poppler

KINDS = ("unit-plan", "letter", "report")


def manifest_paths(archive) -> list[str]:
    with zipfile.ZipFile(archive) as opened:
        return [row["path"] for row in csv.DictReader(io.StringIO(opened.read("manifest.csv").decode("utf-8-sig")))]


def test_zip_with_docx_and_pdf_then_pdf_only(pool, seed_plan, units, tmp_path):
    both, only = tmp_path / "both.zip", tmp_path / "only.zip"
    assert write_pdf_batch(seed_plan, units[:2], KINDS, pool, archive=both) == []
    assert write_pdf_batch(seed_plan, units[:2], KINDS, pool, archive=only, formats=("pdf",)) == []
    docx = ["DB01 - Đảng ủy Sở Tài chính/DB01 - Kế hoạch thực hiện.docx",
            "DB01 - Đảng ủy Sở Tài chính/DB01 - Công văn.docx",
            "DB01 - Đảng ủy Sở Tài chính/DB01 - Báo cáo (mẫu).docx",
            "DB02 - Đảng ủy Sở Giáo dục và Đào tạo/DB02 - Kế hoạch thực hiện.docx",
            "DB02 - Đảng ủy Sở Giáo dục và Đào tạo/DB02 - Công văn.docx",
            "DB02 - Đảng ủy Sở Giáo dục và Đào tạo/DB02 - Báo cáo (mẫu).docx"]
    pdf = [path.removesuffix(".docx") + ".pdf" for path in docx]
    assert manifest_paths(both) == [path for pair in zip(docx, pdf) for path in pair]
    assert manifest_paths(only) == pdf
    for archive, paths in ((both, [*docx, *pdf]), (only, pdf)):
        with zipfile.ZipFile(archive) as opened:
            assert sorted(opened.namelist()) == sorted([*paths, "manifest.csv"])
            assert all(opened.read(path).startswith(b"%PDF-") for path in pdf)


def test_print_file_starts_every_document_on_an_odd_page(pool, seed_plan, units, tmp_path):
    chosen = units[:3]
    failures = write_pdf_batch(seed_plan, chosen, KINDS, pool, archive=tmp_path / "b.zip",
                               print_file=tmp_path / "print.pdf")
    assert failures == []
    with zipfile.ZipFile(tmp_path / "b.zip") as opened:
        pages = [len(PdfReader(io.BytesIO(opened.read(path))).pages)
                 for path in manifest_paths(tmp_path / "b.zip") if path.endswith(".pdf")]
    assert pages[:3] == [6, 1, 3]  # a unit's plan, letter and report form
    merged = PdfReader(tmp_path / "print.pdf")
    padded = [count + count % 2 for count in pages]
    assert len(merged.pages) == sum(padded)
    starts = [sum(padded[:n]) for n in range(len(padded))]
    bookmarks = [(item.title, merged.get_destination_page_number(item)) for item in merged.outline]
    assert [page for _, page in bookmarks] == starts  # 0-based: page 1, 7, 9 … all odd
    assert [title for title, _ in bookmarks][:3] == [
        "DB01 - Đảng ủy Sở Tài chính/DB01 - Kế hoạch thực hiện",
        "DB01 - Đảng ủy Sở Tài chính/DB01 - Công văn",
        "DB01 - Đảng ủy Sở Tài chính/DB01 - Báo cáo (mẫu)"]
    blanks = [start + count for start, count in zip(starts, pages) if count % 2]
    for page in range(len(merged.pages)):
        text = poppler("pdftotext", "-f", str(page + 1), "-l", str(page + 1), tmp_path / "print.pdf", "-")
        assert (text.strip() == "") == (page in blanks), page
    assert merged.pages[blanks[0]].mediabox == merged.pages[0].mediabox
