"""Real servers for the tests, on the loopback address only: PostgreSQL (Debian's ``postgresql``
binaries, run from a temporary folder) and an S3-compatible store (moto's server mode).

A pytest plugin (``pytest_plugins`` in ``tests/conftest.py``). Fixtures:

- ``database_url``: a new, empty database, once on SQLite and once on PostgreSQL (the test runs
  twice); the web suite runs all its tests on it. Use it for anything that writes concurrently.
- ``postgres_url``: a new, empty PostgreSQL database.
- ``s3_url``: a new, empty bucket on the local S3 server, as a ``DOCGEN_STORAGE_URL``.

``DOCGEN_TEST_POSTGRES_URL`` (a SQLAlchemy URL of a database whose account may create databases)
uses that server instead of starting one.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

LOOPBACK = "127.0.0.1"
BACKENDS = ("sqlite", "postgresql")
STARTUP_SECONDS = 60
S3_REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def die_with_parent() -> None:
    """Run in the child before it starts the server: a test run killed outright leaves no server
    behind (Linux ends the child when the process that started it is gone)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGINT)


def postgres_bin() -> Path:
    """The folder of the newest PostgreSQL server Debian installed (``scripts/setup --system``)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda path: int(path.parts[-3]))
    if found:
        return found[-1].parent
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL is not installed: run scripts/setup --system (or set DOCGEN_TEST_POSTGRES_URL)")


class PostgresServer:
    """A throwaway cluster: ``initdb`` in a temporary folder, ``postgres`` listening on a free
    loopback port (no Unix socket), trusting local connections, with durability off for speed.

    PostgreSQL refuses to run as root: as root, it runs as Debian's ``postgres`` account."""

    def __init__(self):
        self.bin = postgres_bin()
        self.user = "postgres" if os.geteuid() == 0 else None
        self.folder = Path(tempfile.mkdtemp(prefix="docgen-postgres-"))
        if self.user:
            account = pwd.getpwnam(self.user)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self.process: subprocess.Popen | None = None
        self.port = 0

    def run(self, *command: str) -> None:
        subprocess.run(command, user=self.user, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        data = self.folder / "data"
        self.run(str(self.bin / "initdb"), "-D", str(data), "-U", "docgen", "--auth=trust", "--no-sync",
                 "--encoding=UTF8", "--locale=C.UTF-8")
        for _attempt in range(3):  # another program may take the free port first
            self.port = free_port()
            self.process = subprocess.Popen(
                [str(self.bin / "postgres"), "-D", str(data), "-p", str(self.port), "-c", f"listen_addresses={LOOPBACK}",
                 "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "synchronous_commit=off",
                 "-c", "full_page_writes=off", "-c", "max_connections=200"],
                user=self.user, preexec_fn=die_with_parent, stdout=subprocess.DEVNULL,
                stderr=open(self.folder / "server.log", "ab"))
            if self.wait_ready():
                return
        raise RuntimeError(f"PostgreSQL did not start: {(self.folder / 'server.log').read_text()[-2000:]}")

    def wait_ready(self) -> bool:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None:
            with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, self.port), timeout=1):
                return True
            time.sleep(0.05)
        return False

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://docgen@{LOOPBACK}:{self.port}/postgres"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown: clients disconnected
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class Databases:
    """New databases on one PostgreSQL server, dropped (whoever is still connected) when done."""

    def __init__(self, url: str):
        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")

    @contextlib.contextmanager
    def new(self) -> Iterator[str]:
        name = f"docgen_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield self.url.set(database=name).render_as_string(hide_password=False)
        finally:
            with self.admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[Databases]:
    """The PostgreSQL server of the test run: ``DOCGEN_TEST_POSTGRES_URL``'s, else one of its own."""
    if configured := os.environ.get("DOCGEN_TEST_POSTGRES_URL"):
        yield Databases(configured)
        return
    server = PostgresServer()
    try:
        server.start()
        databases = Databases(server.url)
        yield databases
        databases.admin.dispose()
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_databases: Databases) -> Iterator[str]:
    with postgres_databases.new() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> Iterator[str]:
    """A new, empty database: SQLite in the test's folder, then PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'docgen.sqlite'}"
        return
    with request.getfixturevalue("postgres_databases").new() as url:
        yield url


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server, in a thread of the test run, on a free loopback port."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address=LOOPBACK, port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_url(s3_endpoint, monkeypatch) -> str:
    """A new bucket on the local S3 server, as ``DOCGEN_STORAGE_URL`` names it (with a prefix), and
    the credentials to reach it in the environment."""
    import boto3

    for name, value in {"AWS_ACCESS_KEY_ID": "docgen-test", "AWS_SECRET_ACCESS_KEY": "docgen-test",
                        "AWS_DEFAULT_REGION": S3_REGION}.items():
        monkeypatch.setenv(name, value)
    bucket = f"docgen-test-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name=S3_REGION).create_bucket(Bucket=bucket)
    return f"s3://{bucket}/site?endpoint={s3_endpoint}&region={S3_REGION}"
