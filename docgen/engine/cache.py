"""A per-user cache of prepared templates, so a command does not prepare them again.

Preparing a template means opening it with docxtpl and python-docx and compiling its Jinja
source: about 90 ms for docgen's templates, a third of a batch command's start-up.  The result
is stored under a key made of everything it depends on (the template's bytes, the versions of
Python, docxtpl and Jinja, and the code that prepares it), so a changed template or upgrade is
simply a miss.  The cache is best-effort: a folder that cannot be written, or a damaged entry,
costs only the preparation.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import time
from pathlib import Path
from typing import Any

from docgen.atomic import atomic_output


def cache_dir() -> Path:
    """``$DOCGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/docgen``, else ``~/.cache/docgen``."""
    if configured := os.environ.get("DOCGEN_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "docgen"


def key(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.hexdigest()


def installed(module: str) -> bytes:
    """Which copy of a module is installed: its file, size and time, known without importing it
    (docxtpl's import alone costs more than reading a cached template)."""
    origin = importlib.util.find_spec(module).origin
    stat = os.stat(origin)
    return f"{sys.version}|{origin}|{stat.st_size}|{stat.st_mtime_ns}".encode()


# Entries not used for this long are removed when a new one is written (templates that were
# changed or replaced leave their old entries behind).
UNUSED_DAYS = 30


def _entry(key: str) -> Path:
    return cache_dir() / f"{key}.marshal"


def load(key: str) -> Any | None:
    path = _entry(key)
    try:
        value = marshal.loads(path.read_bytes())
        os.utime(path)  # used now: see UNUSED_DAYS
        return value
    except (OSError, ValueError, EOFError, TypeError):
        return None


def store(key: str, value: Any) -> None:
    """Write ``value`` (marshal-able: bytes, str, numbers, tuples, lists, dicts, code) atomically,
    and remove the entries nobody has used for :data:`UNUSED_DAYS`."""
    data, path = marshal.dumps(value), _entry(key)
    try:
        with atomic_output(path) as out:
            out.write(data)
        unused_since = time.time() - UNUSED_DAYS * 86400
        for entry in path.parent.glob("*.marshal"):
            if entry.stat().st_mtime < unused_since:
                entry.unlink(missing_ok=True)
    except OSError:
        return
