"""Imports go one way: web → services → engine → text and format helpers."""

import ast
from pathlib import Path

import pytest

from .conftest import REPO

# What each lower layer may import from the project, besides its own modules.
ALLOWED = {
    "docgen.i18n": set(),
    "docgen.errors": {"docgen.i18n"},
    "docgen.atomic": set(),
    "docgen.vn": {"docgen.errors", "docgen.i18n"},
    "docgen.format": set(),
    "docgen.context_types": set(),
    "docgen.kinds": {"docgen.errors", "docgen.i18n", "docgen.context_types"},
    "docgen.uploads": {"docgen.errors", "docgen.i18n"},
    "docgen.engine": {"docgen.errors", "docgen.i18n", "docgen.atomic", "docgen.kinds"},
    "docgen.outline": {"docgen.vn"},
    "docgen.model": {"docgen.errors", "docgen.i18n", "docgen.vn", "docgen.uploads"},
    "docgen.check": {"docgen.errors", "docgen.i18n", "docgen.format", "docgen.vn", "docgen.uploads"},
    "docgen.builder": {"docgen.format", "docgen.kinds"},
}


def imports(package: str) -> dict[str, set[str]]:
    """Modules of ``package`` (a module or a package) and every module each imports."""
    path = REPO / Path(*package.split("."))
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    found = {}
    for file in files:
        imported = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            imported |= set([node.module] if isinstance(node, ast.ImportFrom) and node.module else (
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []))
        found[str(file.relative_to(REPO))] = imported
    return found


def project_imports(package: str) -> dict[str, set[str]]:
    """Modules of ``package`` and the project modules each imports."""
    return {file: {name for name in imported if name.split(".")[0] in ("docgen", "webui")}
            for file, imported in imports(package).items()}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_lower_layers_import_only_what_is_below_them(layer):
    def within(name: str, package: str) -> bool:
        return name == package or name.startswith(package + ".")

    for file, imported in project_imports(layer).items():
        wrong = {name for name in imported
                 if not within(name, layer) and not any(within(name, allowed) for allowed in ALLOWED[layer])}
        assert not wrong, f"{file} imports {sorted(wrong)}"


def test_only_the_serve_command_reaches_the_web_app():
    for file, imported in project_imports("docgen").items():
        if any(name.startswith("webui") for name in imported):
            assert file == "docgen/cli.py", file


def test_the_core_translates_its_messages_without_flask():
    """docgen.i18n reads the catalog with gettext; Flask and Flask-Babel are the web app's."""
    for file, imported in imports("docgen").items():
        assert not {name.split(".")[0] for name in imported} & {"flask", "flask_babel"}, file
