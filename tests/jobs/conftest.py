"""A real Redis server for the queue's tests (Debian's ``redis-server``), on a free loopback port,
keeping nothing on disk; scripts/loadtest.py starts its own the same way."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import LOOPBACK, STARTUP_SECONDS, die_with_parent, free_port


class RedisServer:
    def __init__(self, folder: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("Redis is not installed: run scripts/setup --system")
        self.port = free_port()
        self.process = subprocess.Popen([binary, "--bind", LOOPBACK, "--port", str(self.port), "--save", "",
                                         "--appendonly", "no", "--dir", str(folder)],
                                        preexec_fn=die_with_parent, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, self.port), timeout=1):
                break
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    server = RedisServer(tmp_path)
    yield server.url
    server.stop()
