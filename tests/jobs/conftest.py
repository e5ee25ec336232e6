"""A real Redis server for the queue's tests (Debian's ``redis-server``), on a free loopback port,
keeping nothing on disk."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.servers import LOOPBACK, STARTUP_SECONDS, die_with_parent, free_port


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("Redis is not installed: run scripts/setup --system")
    port = free_port()
    server = subprocess.Popen([binary, "--bind", LOOPBACK, "--port", str(port), "--save", "", "--appendonly", "no",
                               "--dir", str(tmp_path)], preexec_fn=die_with_parent, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), timeout=1):
            break
        if time.monotonic() > deadline or server.poll() is not None:
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
    yield f"redis://{LOOPBACK}:{port}/0"
    server.terminate()
    server.wait(30)
