"""docgen serve as real processes, attacked as issue 13 found: a second server on the same data
folder, and a server killed while its batch runs.

Before: the second server, refused for its port, still ran its start-up, marked the running batch
failed and deleted its ZIP (60,126 documents lost); after ``kill -9`` the fork server and two
workers (~220 MB) stayed alive.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest

from docgen.model import Unit
from docgen.store import organisations
from docgen.store import units as unit_store
from webui import create_app

from ..hostile import descendants
from .conftest import demo_logins
from .test_serve import Server, servers, sign_in  # noqa: F401 (servers: a fixture)

UNITS = 1_500  # × 3 kinds: a batch of several seconds on two cores
# What is tested here is the processes', whatever the database: SQLite only.
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A data folder with the demo committee and 1,500 units more, as a first start leaves it."""
    folder = tmp_path / "data"
    app = create_app({"DATA_DIR": folder, "TESTING": True})
    with app.extensions["docgen.database"].session() as session:
        organisation_id = organisations.all_organisations(session)[0].id
        unit_store.save_all(session, organisation_id, [Unit(code=f"X{n:04d}", name=f"Công ty số {n}", kind="chi-bo")
                                                       for n in range(UNITS)])
    app.extensions["docgen.database"].engine.dispose()
    return folder


def start_batch(server: Server, folder: Path) -> str:
    """Sign in as the office and start the batch of every unit's documents; its status address."""
    sign_in(server, "van-phong", demo_logins(SimpleNamespace(config={"DATA_DIR": folder}))["van-phong"])
    page = server.get("/tao-van-ban/").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    started = server.get("/tao-van-ban/", [("csrf_token", token), ("plan", "1"), ("scope", "all"),
                                           *(("kinds", kind) for kind in ("unit-plan", "letter", "report"))])
    return re.search(r"/tao-van-ban/lan/\d+$", started.url)[0]


def status(server: Server, generation: str) -> dict:
    return json.load(server.get(f"{generation}/trang-thai"))


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        assert time.monotonic() < deadline, what
        time.sleep(0.1)
    return found


def test_a_second_server_on_the_same_folder_refuses_before_touching_the_running_batch(data_dir, servers):
    first = servers(data_dir, DOCGEN_BATCH_JOBS="2")
    generation = start_batch(first, data_dir)
    wait_until(lambda: status(first, generation)["done"] > 0, 60, "the batch did not start")
    for port in (first.port, first.port + 1):  # the port in use, as in the attack, and a free one
        second = subprocess.run([sys.executable, "-m", "docgen.cli", "serve", "--port", str(port)], timeout=60,
                                capture_output=True, text=True, env={**os.environ, "DOCGEN_DATA_DIR": str(data_dir)})
        assert second.returncode == 2
        assert second.stderr == (f"docgen: thư mục dữ liệu {data_dir} đang được một docgen serve khác dùng (tiến trình "
                                 f"{first.process.pid}): dừng nó trước, hoặc đặt DOCGEN_DATA_DIR khác\n")
    assert not status(first, generation)["finished"]
    final = wait_until(lambda: (found := status(first, generation))["finished"] and found, 300, "the batch did not end")
    assert final["status"] == "done", final
    with zipfile.ZipFile(BytesIO(first.get(f"{generation}/tai-ve").read())) as archive:
        assert len(archive.namelist()) == (UNITS + 22) * 3 + 1


def alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (a zombie is not)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def test_the_batch_processes_end_with_a_server_killed_mid_batch(data_dir, servers):
    server = servers(data_dir, DOCGEN_BATCH_JOBS="2")
    generation = start_batch(server, data_dir)
    wait_until(lambda: status(server, generation)["done"] > 0, 60, "the batch did not start")
    # The fork server and the batch's workers (and multiprocessing's resource tracker).
    helpers = wait_until(lambda: (found := descendants(server.process.pid)) and len(found) >= 3 and found, 30,
                         "no fork server with two workers")
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait(10)
    assert wait_until(lambda: not alive(helpers), 10, "the fork server or a worker outlived the server by 10 s")
    again = servers(data_dir)  # and the next start finds the batch interrupted, as before
    assert again.process.poll() is None
