"""docgen serve: waitress by default, Werkzeug's server with --dev; the health check a load balancer
asks; several web servers sharing one database and one store of files, as on several machines."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.servers import LOOPBACK, free_port

from .conftest import demo_logins


class Server:
    """``docgen serve`` in a process of its own, on a free loopback port."""

    def __init__(self, data_dir: Path, *options: str, **env: str):
        self.port = free_port()
        self.address = f"http://{LOOPBACK}:{self.port}"
        environment = {**os.environ, "DOCGEN_DATA_DIR": str(data_dir), "DOCGEN_SECRET_KEY": "shared by the site", **env}
        self.process = subprocess.Popen([sys.executable, "-m", "docgen.cli", "serve", "--port", str(self.port), *options],
                                        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.banner = self.process.stderr.readline()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            return self.opener.open(self.address + path, body, timeout=30)
        except urllib.error.HTTPError as error:
            return error

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
        self.process.stderr.close()


@pytest.fixture
def servers():
    started: list[Server] = []
    yield lambda *args, **kwargs: started.append(Server(*args, **kwargs)) or started[-1]
    for server in started:
        server.stop()


def test_serve_runs_waitress_and_answers_the_health_check(tmp_path, servers):
    server = servers(tmp_path, "--threads", "3")
    assert server.banner == f"docgen: ứng dụng web ở địa chỉ {server.address}/ (Ctrl+C để dừng)\n"
    response = server.get("/suc-khoe")
    assert response.status == 200 and response.headers["Server"] == "docgen"
    assert response.headers["Content-Type"] == "application/json"
    assert json.load(response) == {"status": "ok", "checks": {"database": "ok", "storage": "ok", "disk": "ok"}}
    page = server.get("/")
    assert page.status == 200 and page.url.endswith("/dang-nhap?next=%2F")


def test_dev_runs_werkzeug(tmp_path, servers):
    server = servers(tmp_path, "--dev")
    response = server.get("/suc-khoe")
    assert response.status == 200 and response.headers["Server"].startswith("Werkzeug/")


def test_a_bad_setting_stops_serve_with_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "docgen.cli", "serve"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "DOCGEN_DATA_DIR": str(tmp_path), "DOCGEN_THREADS": "0"})
    assert result.returncode == 2
    assert result.stderr == "docgen: DOCGEN_THREADS: cần một số nguyên từ 1 đến 256, không phải “0”\n"


def sign_in(server: Server, name: str, password: str) -> None:
    page = server.get("/dang-nhap").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    response = server.get("/dang-nhap", {"name": name, "password": password, "csrf_token": token})
    assert response.url == server.address + "/", response.url


def test_two_web_servers_share_the_database_the_files_and_the_sessions(tmp_path, servers, s3_url):
    """Web × 2 as behind a proxy, each with a data folder of its own: a batch started on one is
    followed and downloaded on the other, its ZIP in the S3 store and in neither folder."""
    first = servers(tmp_path / "first", DOCGEN_STORAGE_URL=s3_url)
    second = servers(tmp_path / "second", DOCGEN_STORAGE_URL=s3_url)
    password = demo_logins(SimpleNamespace(config={"DATA_DIR": tmp_path / "first"}))["van-phong"]
    sign_in(first, "van-phong", password)
    second.opener = first.opener  # one browser, the proxy sending its requests to either
    page = first.get("/tao-van-ban/").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    started = second.get("/tao-van-ban/", {"csrf_token": token, "plan": "1", "kinds": "letter", "scope": "all"})
    generation = re.search(r"/tao-van-ban/lan/(\d+)$", started.url)[1]
    deadline = time.monotonic() + 120
    while not json.load(first.get(f"/tao-van-ban/lan/{generation}/trang-thai"))["finished"]:
        assert time.monotonic() < deadline, "the batch did not finish"
        time.sleep(0.2)
    download = first.get(f"/tao-van-ban/lan/{generation}/tai-ve")
    data = download.read()
    assert download.status == 200 and int(download.headers["Content-Length"]) == len(data)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert "manifest.csv" in archive.namelist() and len(archive.namelist()) == 22 + 1
    for folder in (tmp_path / "first", tmp_path / "second"):
        assert not (folder / "generations").exists()
