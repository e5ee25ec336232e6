"""docgen as users get it: built into a wheel, installed into a fresh virtualenv, run from
another folder with no source tree in reach."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

SOURCES = ("pyproject.toml", "README.md", "docgen", "webui", "templates", "examples")


def run(*command, cwd: Path, env: dict | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, input=input,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the project's files (links kept as links), as pip builds it."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, source, cwd=source)
    return next(out.glob("docgen-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel and its dependencies; returns its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", venv, cwd=venv)
    run(venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel, cwd=venv)
    return venv / "bin"


def test_the_wheel_holds_every_module_template_and_example(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {str(path.relative_to(REPO)) for package in ("docgen", "webui")
                for path in (REPO / package).rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    expected |= {f"docgen/templates/{path.name}" for path in (REPO / "templates").glob("*.docx")}
    expected |= {f"docgen/examples/{path.name}" for path in (REPO / "examples").iterdir()}
    assert {"docgen/format/hd36-2018.yaml", "docgen/examples/seed-plan.yaml", "docgen/templates/plan.docx"} <= expected
    assert expected - names == set()
    assert not any(name.startswith(("templates/", "examples/", "tests/")) for name in names)


def test_installed_docgen_renders_batches_and_checks_from_another_folder(installed, tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    docgen = installed / "docgen"
    listed = run(docgen, "example", "work", cwd=tmp_path, env=env).stdout.split()
    work = tmp_path / "work"
    assert sorted(Path(line).name for line in listed) == sorted(path.name for path in (REPO / "examples").iterdir())

    run(docgen, "render", "seed-plan.yaml", "--kind", "plan", "-o", "plan.docx", cwd=work, env=env)
    run(docgen, "render", "seed-plan.yaml", "--kind", "letter", "--unit", "DB01", "--units", "units.csv",
        "-o", "letter.docx", cwd=work, env=env)
    batch = run(docgen, "batch", "seed-plan.yaml", "--units", "units.csv", "-o", "all.zip", "--jobs", "2",
                cwd=work, env=env)
    assert "66 văn bản cho 22 đơn vị" in batch.stdout
    english = run(docgen, "--lang", "en", "batch", "seed-plan.yaml", "--units", "units.csv", "-o", "all.zip",
                  cwd=work, env=env)
    assert "66 documents for 22 units" in english.stdout, "the English catalog travels in the wheel"
    with zipfile.ZipFile(work / "all.zip") as archive:
        assert len([name for name in archive.namelist() if name.endswith(".docx")]) == 66
    checked = subprocess.run([docgen, "check", "plan.docx"], cwd=work, env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    imported = run(docgen, "import-plan", "ke-hoach-tuyen-truyen-sau-dai-hoi-XIII.txt", "-o", "again.yaml",
                   cwd=work, env=env)
    assert "again.yaml" in imported.stderr

    # Nothing was read from, or written into, the source tree or the installed package's folder.
    site = Path(run(installed / "python", "-c", "import docgen; print(docgen.__file__)", cwd=work, env=env)
                .stdout.strip()).parent
    assert REPO not in site.parents
    assert not (site.parent / "var").exists()


def test_installed_web_app_starts_with_its_pages_and_migrations(installed, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "DOCGEN_DATA_DIR")}
    run(installed / "docgen", "user", "add", "quan-tri", "--role", "quan-tri", "--password-stdin", cwd=tmp_path, env=env,
        input="mật khẩu quản trị\n")
    script = (
        "from webui import create_app\n"
        "app = create_app({'TESTING': True, 'WTF_CSRF_ENABLED': False})\n"
        "client = app.test_client()\n"
        "assert client.get('/').status_code == 302\n"
        "login = client.post('/dang-nhap', data={'name': 'quan-tri', 'password': 'mật khẩu quản trị'})\n"
        "assert login.status_code == 302, login.status_code\n"
        "page = client.get('/')\n"
        "assert page.status_code == 200, page.status_code\n"
        "assert 'static/' in page.get_data(as_text=True)\n"
        "print(client.get('/don-vi/').status_code)\n"
    )
    result = run(installed / "python", "-c", script, cwd=tmp_path, env=env)
    assert result.stdout.split() == ["200"]
    assert (tmp_path / "var" / "docgen.sqlite").is_file()
