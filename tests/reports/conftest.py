"""Real report forms, rendered by `docgen render --kind report` for the sample units."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.files import load_plan
from docgen.units import read_units

from ..conftest import EXAMPLES

PLAN = EXAMPLES / "seed-plan.yaml"
UNITS = EXAMPLES / "units.csv"


def render_form(code: str, target: Path, plan: Path = PLAN) -> Path:
    result = CliRunner().invoke(main, ["render", str(plan), "--kind", "report", "--unit", code,
                                       "--units", str(UNITS), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="session")
def blank_forms(tmp_path_factory):
    """The blank form of each sample unit, rendered once: ``blank_forms("DB01")`` is its path."""
    folder = tmp_path_factory.mktemp("blank-forms")
    rendered: dict[str, Path] = {}

    def blank(code: str) -> Path:
        if code not in rendered:
            rendered[code] = render_form(code, folder / f"{code}.docx")
        return rendered[code]

    return blank


@pytest.fixture(scope="session")
def plan():
    return load_plan(PLAN)


@pytest.fixture(scope="session")
def units():
    return read_units(UNITS)
