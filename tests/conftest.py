"""Shared fixtures: the seed plan, the demo data, and LibreOffice to open and render documents."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEED_TEXT = EXAMPLES / "ke-hoach-tuyen-truyen-sau-dai-hoi-XIII.txt"

# PostgreSQL and S3 servers of the test run: database_url, postgres_url, s3_url.
pytest_plugins = ["tests.servers"]


@pytest.fixture(scope="session", autouse=True)
def template_cache(tmp_path_factory) -> Path:
    """Prepared templates go to a folder of the test run's own (commands run by tests inherit it),
    never to the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["DOCGEN_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> None:
    """Accounts made by tests (and by the commands they run) are hashed with argon2's cheapest
    parameters: a real argon2id hash, without 0.3 s of work for each account and sign-in."""
    os.environ["DOCGEN_ARGON2_PROFILE"] = "CHEAPEST"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def organisation():
    from docgen.files import load_organisation

    return load_organisation(EXAMPLES / "organisation.yaml")


@pytest.fixture(scope="session")
def seed_plan():
    from docgen.files import load_plan

    return load_plan(EXAMPLES / "seed-plan.yaml")


def paragraph_template(path: Path, text: str) -> Path:
    """A bare .docx template holding one paragraph of Jinja."""
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    document.save(path)
    return path


def assert_passes_check(document: Path | bytes) -> None:
    """docgen's own output must pass `docgen check` with zero errors."""
    from docgen.check import check_document

    errors = check_document(document).errors
    assert not errors, "\n".join(f"[{f.rule}] {f.location}: {f.message}" for f in errors)


class Office:
    """LibreOffice headless with a profile of its own (two soffice sharing one can silently
    produce nothing), plus poppler to read what it made."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.profile = (workdir / "profile").as_uri()
        self.soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not self.soffice:
            raise RuntimeError("LibreOffice is not installed: run scripts/setup --system")

    def to_pdf(self, *documents: Path) -> list[Path]:
        outdir = self.workdir / "pdf"
        subprocess.run(
            [self.soffice, f"-env:UserInstallation={self.profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)],
            check=True, capture_output=True, timeout=240,
        )
        pdfs = [outdir / (document.stem + ".pdf") for document in documents]
        missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
        assert not missing, f"LibreOffice produced no PDF for {missing}"
        return pdfs

    @staticmethod
    def text(pdf: Path) -> str:
        return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout

    @staticmethod
    def pages(pdf: Path) -> int:
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))

    @staticmethod
    def fonts(pdf: Path) -> list[str]:
        listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        return [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]

    @staticmethod
    def page_png(pdf: Path, out_prefix: Path, page: int = 1) -> Path:
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(out_prefix)], check=True)
        return out_prefix.with_suffix(".png")


@pytest.fixture(scope="session")
def office(tmp_path_factory) -> Office:
    return Office(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests leave pictures for people to look at (rendered pages, screenshots)."""
    path = REPO / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
