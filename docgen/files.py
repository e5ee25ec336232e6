"""Plans and organisations as YAML files, for the command line and the demo data.

YAML keeps the body outline readable (a literal block, one paragraph a line), so staff who
use the CLI can edit a plan in any text editor.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from docgen.i18n import N_, Message
from docgen.model import InvalidData, Organisation, Plan, describe_errors
from docgen.uploads import UnsafeFile, read_file

# The examples ship inside the package (``docgen/examples`` links to the top-level folder in a checkout).
EXAMPLES = Path(str(files("docgen") / "examples"))
DEMO_ORGANISATION = EXAMPLES / "organisation.yaml"

Model = TypeVar("Model", bound=BaseModel)
MAX_YAML_BYTES = 2 * 1024 * 1024  # a plan or an organisation; the seed plan is 22 KB
# libyaml's loader (in PyYAML's wheels) reads the seed plan in 1 ms instead of 10; same results.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> object:
    """A regular file's YAML, read no further than :data:`MAX_YAML_BYTES`."""
    try:
        return yaml.load(read_file(path, MAX_YAML_BYTES).decode("utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise InvalidData(str(path), [Message(N_("không có tệp này"))]) from None
    except UnsafeFile as error:
        raise InvalidData(str(path), [error.message]) from None
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise InvalidData(str(path), [Message(N_("không đọc được: cần tệp YAML mã UTF-8 (%(error)s)"),
                                              error=error.__class__.__name__)]) from None


def parse_model(model: type[Model], data: object, source: str) -> Model:
    if not isinstance(data, dict):
        raise InvalidData(source, [Message(N_("cần các mục của dữ liệu, mỗi dòng “tên mục: giá trị”"))])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidData(source, describe_errors(error)) from None


def load_plan(path: Path) -> Plan:
    return parse_model(Plan, load_yaml(path), str(path))


def load_organisation(path: Path = DEMO_ORGANISATION) -> Organisation:
    return parse_model(Organisation, load_yaml(path), str(path))


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_plan(plan: Plan) -> str:
    data = plan.model_dump(mode="json")
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
