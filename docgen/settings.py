"""docgen's settings, all declared here: each with its type, default and what it does.

A setting comes from its environment variable (``DOCGEN_`` and its name in capitals), else from the
optional TOML file ``DOCGEN_CONFIG`` names (its name as the key, e.g. ``database_url = "…"``), else
its default. Both are read once (:func:`current`) and every value is checked then: a bad one is
refused with the variable (or the file and key) named and what is expected. The README's table of
settings is made from :data:`SETTINGS` (:func:`markdown_table`; a test keeps it in step).
"""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import BadInput
from docgen.i18n import N_, Message

PREFIX = "DOCGEN_"
CONFIG = "DOCGEN_CONFIG"
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    """str, Path, int, bool or tuple (of str)."""
    default: Any
    description: str
    minimum: int = 1
    maximum: int | None = None
    choices: tuple[str, ...] = ()

    @property
    def variable(self) -> str:
        return PREFIX + self.name.upper()

    def shown_type(self) -> str:
        if self.choices:
            return " or ".join(self.choices)
        if self.type is int:
            return f"integer {self.minimum}–{self.maximum}"
        return {str: "text", Path: "path", bool: "1 or 0", tuple: "list, comma-separated"}[self.type]

    def expected(self) -> Message:
        if self.choices:
            return Message(N_("một trong %(choices)s"), choices=", ".join(self.choices))
        if self.type is int:
            return Message(N_("một số nguyên từ %(min)s đến %(max)s"), min=self.minimum, max=self.maximum)
        if self.type is bool:
            return Message(N_("1 hoặc 0 (true hoặc false)"))
        if self.type is tuple:
            return Message(N_("một danh sách, các mục cách nhau bằng dấu phẩy"))
        return Message(N_("một chuỗi"))

    def parse(self, value: Any, where: str) -> Any:
        """The value given as text (an environment variable) or as TOML gives it, checked; ``where``
        names it in the message when it is refused."""
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return self.default
        if self.type is tuple and isinstance(value, (str, list)):
            items = value.split(",") if isinstance(value, str) else value
            if all(isinstance(item, str) for item in items):
                return tuple(item.strip() for item in items if item.strip())
        elif self.type is bool and isinstance(value, (str, bool)):
            if isinstance(value, bool) or value.lower() in TRUE + FALSE:
                return value if isinstance(value, bool) else value.lower() in TRUE
        elif self.type is int and isinstance(value, (str, int)) and not isinstance(value, bool):
            if str(value).isdigit() and self.minimum <= int(value) <= self.maximum:
                return int(value)
        elif isinstance(value, str) and (not self.choices or value in self.choices):
            return Path(value) if self.type is Path else value
        raise BadInput(N_("%(name)s: cần %(expected)s, không phải “%(value)s”"), name=where,
                       expected=self.expected(), value=value)


SETTINGS = (
    # Where the data is.
    Setting("data_dir", Path, Path("var"), "The web app's data folder: its SQLite database, its files, its secret key "
            "(relative to the folder docgen starts in)."),
    Setting("database_url", str, "", "SQLAlchemy URL of the database, e.g. postgresql+psycopg://docgen@db/docgen; "
            "empty: the SQLite file docgen.sqlite in the data folder."),
    Setting("storage_url", str, "", "Where generated ZIPs and PDFs, returned reports and templates are kept: a folder, or "
            "s3://bucket/prefix?endpoint=https://host (an S3-compatible store); empty: the data folder."),
    # The web server.
    Setting("host", str, "127.0.0.1", "The address docgen serve listens on (0.0.0.0: every network of the machine)."),
    Setting("port", int, 5000, "The port docgen serve listens on.", maximum=65535),
    Setting("threads", int, 8, "Requests docgen serve handles at once (its threads).", maximum=256),
    Setting("trusted_proxy", str, "", "The address of the reverse proxy in front of docgen serve, whose X-Forwarded-For, "
            "-Proto and -Host headers are believed ('*': any); empty: none."),
    Setting("batch_jobs", int, None, "Processes making each batch of the web app; empty: the number of cores.",
            maximum=64),
    # Batches.
    Setting("queue_url", str, "", "redis://host:6379/0: batches go to this Redis queue and docgen worker processes "
            "make them, on any machine; empty: the web server makes them itself."),
    Setting("worker_lost_seconds", int, 30, "A batch whose docgen worker gave no sign of life this long is put back "
            "on the queue.", minimum=3, maximum=3600),
    Setting("retention_days", int, 90, "Days a batch's ZIP is kept after the batch finished (the batch stays listed); "
            "0: kept for ever. Looked over at start and once a day.", minimum=0, maximum=36_500),
    Setting("start_method", str, "auto", "How the web server starts a batch's processes; auto: forkserver where "
            "there is one, spawn on Windows.", choices=("auto", "forkserver", "spawn")),
    # The web app.
    Setting("demo_data", bool, True, "1: an empty database gets the demo committee, its plan, units and accounts on "
            "first start; 0 for a real site."),
    Setting("secret_key", str, "", "Signs sessions and forms; the same on every web server of one site. Empty: one "
            "made on first start, kept in the data folder."),
    Setting("session_minutes", int, 480, "How long a session lasts after its last request.", maximum=525_600),
    Setting("https", bool, False, "1: cookies are sent over HTTPS only (behind a proxy that serves HTTPS)."),
    Setting("trusted_hosts", tuple, (), "The host names the web app answers to (an IP address always is); empty: "
            "localhost and this machine's own names."),
    Setting("ratelimit_storage_uri", str, "memory://", "Where sign-in attempts are counted: memory:// for one "
            "server, redis://host:6379 when several serve."),
    Setting("timezone", str, "Asia/Ho_Chi_Minh", "The office's time zone: dates of the register, times shown."),
    # Every command.
    Setting("lang", str, "vi", "Language of the command line's messages.", choices=("vi", "en")),
    Setting("pdf_workers", int, None, "LibreOffice processes making PDFs; empty: the number of cores.", maximum=32),
    Setting("soffice", Path, None, "LibreOffice's soffice, when it is not on the PATH."),
    Setting("templates", Path, None, "A folder of .docx templates to use instead of docgen's own."),
    Setting("cache_dir", Path, None, "Where prepared templates are cached; empty: $XDG_CACHE_HOME/docgen, "
            "else ~/.cache/docgen."),
    Setting("argon2_profile", str, "RFC_9106_LOW_MEMORY", "The cost of password hashes (argon2id).",
            choices=("RFC_9106_LOW_MEMORY", "RFC_9106_HIGH_MEMORY", "CHEAPEST")),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


class Settings:
    """The values of every setting, as attributes (``settings.database_url``)."""

    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"Settings({self.__dict__!r})"


def load(environ: dict[str, str] | None = None) -> Settings:
    """Every setting from ``environ`` (the process's environment) and the file ``DOCGEN_CONFIG`` names."""
    environ = os.environ if environ is None else environ
    found = read_config(Path(environ[CONFIG])) if environ.get(CONFIG) else {}
    values = {}
    for setting in SETTINGS:
        if setting.variable in environ:
            values[setting.name] = setting.parse(environ[setting.variable], setting.variable)
        elif setting.name in found:
            values[setting.name] = setting.parse(found[setting.name], f"{environ[CONFIG]}: {setting.name}")
        else:
            values[setting.name] = setting.default
    return Settings(values)


def read_config(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as file:
            found = tomllib.load(file)
    except OSError as error:
        raise BadInput(N_("%(name)s: không đọc được tệp %(file)s: %(error)s"), name=CONFIG, file=path,
                       error=error.strerror) from None
    except tomllib.TOMLDecodeError as error:
        raise BadInput(N_("%(file)s: không phải TOML: %(error)s"), file=path, error=str(error)) from None
    if unknown := sorted(set(found) - set(BY_NAME)):
        raise BadInput(N_("%(file)s: không có thiết lập “%(name)s” (các thiết lập: xem README, mục Triển khai)"),
                       file=path, name=unknown[0])
    return found


def current() -> Settings:
    """The settings of this process, read once (and again only when a ``DOCGEN_`` variable changes,
    as tests do)."""
    return _load_once(tuple(sorted((name, value) for name, value in os.environ.items() if name.startswith(PREFIX))))


@functools.lru_cache(maxsize=8)
def _load_once(environment: tuple[tuple[str, str], ...]) -> Settings:
    return load(dict(environment))


def markdown_table() -> str:
    """The README's table of settings."""
    rows = ["| variable | in the config file | type | default | what |", "| --- | --- | --- | --- | --- |",
            f"| `{CONFIG}` | — | path | — | A TOML file with any of the settings below (environment variables win). |"]
    for setting in SETTINGS:
        default = "" if setting.default in (None, "", ()) else f"`{int(setting.default)}`" if setting.type is bool \
            else f"`{setting.default}`"
        rows.append(f"| `{setting.variable}` | `{setting.name}` | {setting.shown_type()} | {default} | "
                    f"{setting.description} |")
    return "\n".join(rows) + "\n"
