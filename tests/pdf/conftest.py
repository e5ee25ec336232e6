"""A pool of real LibreOffice processes, every kind of document as PDF, and poppler to read them."""

from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.batch import DocumentRenderer
from docgen.pdf import PdfPool
from docgen.units import read_units

from ..conftest import EXAMPLES

KINDS = ("plan", "unit-plan", "letter", "guidance", "report")
MM = 72 / 25.4  # PDF points in a millimetre


@pytest.fixture(scope="session")
def pool():
    with PdfPool(2) as pool:
        yield pool


@pytest.fixture(scope="session")
def units():
    return read_units(EXAMPLES / "units.csv")


@pytest.fixture(scope="session")
def docx(seed_plan, units) -> dict[str, bytes]:
    """Each kind for the seed plan, made for the first unit of the examples (the plan for none)."""
    render = DocumentRenderer(seed_plan)
    return {kind: render(None if kind == "plan" else units[0], kind) for kind in KINDS}


@pytest.fixture(scope="session")
def pdf(pool, docx, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    paths = {}
    for kind, (_, converted) in zip(docx, pool.convert_all(docx.values())):
        paths[kind] = folder / f"{kind}.pdf"
        paths[kind].write_bytes(converted)
    return paths


def poppler(tool: str, *arguments: str | Path, data: bytes | None = None) -> str:
    return subprocess.run([tool, *map(str, arguments)], input=data, check=True, capture_output=True).stdout.decode()


@dataclass(frozen=True)
class Word:
    page: int
    left: float
    top: float
    width: float
    text: str


def words(pdf: Path) -> list[Word]:
    """Every word with its box, in points from the top left corner of its page."""
    rows = csv.DictReader(io.StringIO(poppler("pdftotext", "-tsv", pdf, "-")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
    return [Word(int(row["page_num"]), float(row["left"]), float(row["top"]), float(row["width"]), row["text"])
            for row in rows if row["level"] == "5"]


def fonts(pdf: Path | bytes) -> list[tuple[str, bool]]:
    """(font name without its subset tag, embedded?) for every font of the PDF."""
    listing = poppler("pdffonts", "-", data=pdf) if isinstance(pdf, bytes) else poppler("pdffonts", pdf)
    found = []
    for line in listing.splitlines()[2:]:
        columns = line.split()
        found.append((columns[0].split("+")[-1], columns[-5] == "yes"))
    return found
