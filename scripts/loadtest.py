#!/usr/bin/env python3
"""Load test: office users browsing and editing while batches run, against a docgen serve of its own.

Starts ``docgen serve`` (waitress) on a free port of 127.0.0.1 with a new data folder, fills its
database with the demo committee, ``--units`` units and one office account per simulated user, then
lets ``--users`` users sign in and browse (home, plans, the plan, units, a unit, the generation page)
and edit (save a unit's form with a new secretary's name) for ``--seconds``, with a second's thought
between requests, while ``--batches`` batches of every unit × the default kinds are started at once.
It stops when the time is up and every batch has finished, or after ``--limit`` seconds (a batch
unfinished then counts as an error; its documents made so far count in the throughput).

``--postgres`` runs the database on a throwaway PostgreSQL server, ``--workers N`` hands batches to a
Redis queue (a throwaway redis-server) and N ``docgen worker`` processes. Prints the request
latencies (p50, p95, max), errors, the batches' documents per second and the peak memory of the
server and its workers (PSS, as scripts/benchmark.py counts it), as a README table row.
Linux only (memory from /proc). Password hashes use argon2's cheapest profile, so that 50 sign-ins
at once measure the app, not argon2 (64 MiB and 0.3 s each in production).
"""

from __future__ import annotations

import argparse
import html.parser
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from benchmark import make_units, tree_memory_kb  # noqa: E402

from tests.servers import LOOPBACK, PostgresServer, free_port  # noqa: E402
from tests.jobs.conftest import RedisServer  # noqa: E402

DOCGEN = Path(sys.executable).with_name("docgen")
OFFICE_ROLE = "van-phong"
KINDS = ("unit-plan", "letter", "report")


class Form(html.parser.HTMLParser):
    """The fields of a page's first POST form other than the sign-out's, as the browser would send them."""

    def __init__(self, page: str):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.inside = self.done = False
        self.textarea: str | None = None
        self.select: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (attrs.get("method") or "").lower() == "post" \
                and "dang-xuat" not in (attrs.get("action") or ""):
            self.inside = True
        elif self.inside and tag == "input" and attrs.get("name"):
            if attrs.get("type") not in ("radio", "checkbox") or "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self.inside and tag == "textarea":
            self.textarea = attrs.get("name")
            self.fields[self.textarea] = ""
        elif self.inside and tag == "select":
            self.select = attrs.get("name")
        elif self.select and tag == "option" and (self.select not in self.fields or "selected" in attrs):
            self.fields[self.select] = attrs.get("value") or ""

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def request(self, session: requests.Session, method: str, url: str, **kwargs) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = session.request(method, url, timeout=60, allow_redirects=False, **kwargs)
        except requests.RequestException as error:
            with self.lock:
                self.errors.append(f"{method} {url}: {error}")
            return None
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies.append(elapsed)
            if response.status_code >= 400:
                self.errors.append(f"{method} {url}: {response.status_code}")
        return response


def prepare(database_url: str, data_dir: Path, users: int, unit_count: int) -> dict[str, str]:
    """The demo committee with ``unit_count`` units, and an office account for each user."""
    os.environ["DOCGEN_ARGON2_PROFILE"] = "CHEAPEST"
    from docgen.store import Database
    from docgen.store import units as unit_store
    from docgen.store import users as user_store
    from docgen.store.demo import load_demo_data

    database = Database(database_url)
    database.upgrade()
    with database.session() as session:
        load_demo_data(session)
        unit_store.save_all(session, 1, make_units(unit_count), replace=True)
        accounts = {f"office{number:02}": f"mat-khau-{number:02}-{random.randrange(10**9)}" for number in range(users)}
        for name, password in accounts.items():
            user_store.add(session, 1, name, OFFICE_ROLE, password)
    return accounts


def sign_in(recorder: Recorder, base: str, name: str, password: str) -> requests.Session:
    session = requests.Session()
    form = Form(recorder.request(session, "GET", f"{base}/dang-nhap").text).fields
    form.update(name=name, password=password)
    response = recorder.request(session, "POST", f"{base}/dang-nhap", data=form)
    if response is None or response.status_code != 302:
        raise SystemExit(f"{name} could not sign in")
    return session


def browse(recorder: Recorder, base: str, session: requests.Session, unit_ids: list[int], stop: threading.Event,
           rng: random.Random) -> None:
    """Look at pages and now and then save a unit, with a second's thought between requests."""
    pages = ["/", "/ke-hoach/", "/ke-hoach/1", "/don-vi/", "/tao-van-ban/"]
    while not stop.is_set():
        choice = rng.random()
        if choice < 0.15:
            url = f"{base}/don-vi/{rng.choice(unit_ids)}"
            page = recorder.request(session, "GET", url)
            if page is not None and page.status_code == 200:
                fields = Form(page.text).fields
                fields["secretary"] = f"Nguyễn Văn Thử {rng.randrange(1000)}"
                saved = recorder.request(session, "POST", url, data=fields)
                if saved is not None and saved.status_code != 302:
                    with recorder.lock:
                        recorder.errors.append(f"POST {url}: the unit was not saved ({saved.status_code})")
        elif choice < 0.25:
            recorder.request(session, "GET", f"{base}/don-vi/{rng.choice(unit_ids)}")
        else:
            recorder.request(session, "GET", base + rng.choice(pages))
        stop.wait(rng.uniform(0.5, 1.5))


def start_batches(recorder: Recorder, base: str, session: requests.Session, count: int) -> list[str]:
    """``count`` batches of every unit × the default kinds, started at once; their status URLs."""
    form = Form(recorder.request(session, "GET", f"{base}/tao-van-ban/").text).fields
    data = {"csrf_token": form["csrf_token"], "plan": "1", "scope": "all", "kinds": list(KINDS)}
    found = []
    for _ in range(count):
        response = recorder.request(session, "POST", f"{base}/tao-van-ban/", data=data)
        if response is None or response.status_code != 302:
            raise SystemExit(f"a batch did not start: {response and response.status_code}")
        found.append(base + response.headers["Location"].removeprefix(base) + "/trang-thai")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, choices=range(1, 201), metavar="1-200")
    parser.add_argument("--batches", type=int, default=5, choices=range(0, 21), metavar="0-20")
    parser.add_argument("--units", type=int, default=1000, choices=range(1, 5001), metavar="1-5000")
    parser.add_argument("--seconds", type=int, default=60, choices=range(5, 601), metavar="5-600",
                        help="How long users browse at least (default 60).")
    parser.add_argument("--limit", type=int, default=600, choices=range(10, 1801), metavar="10-1800",
                        help="When to stop whatever happens (default 600 s).")
    parser.add_argument("--postgres", action="store_true", help="A PostgreSQL database instead of SQLite.")
    parser.add_argument("--workers", type=int, default=0, choices=range(0, 9), metavar="0-8",
                        help="Batches on a Redis queue for this many docgen workers (default 0: in the server).")
    parser.add_argument("--threads", type=int, default=16, choices=range(1, 257), metavar="1-256")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="docgen-loadtest-"))
    postgres = redis = None
    processes: list[subprocess.Popen] = []
    try:
        database_url = f"sqlite:///{folder / 'docgen.sqlite'}"
        if options.postgres:
            postgres = PostgresServer()
            postgres.start()
            database_url = postgres.url
        environment = dict(os.environ, DOCGEN_DATA_DIR=str(folder), DOCGEN_DATABASE_URL=database_url,
                           DOCGEN_ARGON2_PROFILE="CHEAPEST", DOCGEN_THREADS=str(options.threads))
        if options.workers:
            redis = RedisServer(folder)
            environment["DOCGEN_QUEUE_URL"] = redis.url
        accounts = prepare(database_url, folder, options.users, options.units)
        port = free_port()
        base = f"http://{LOOPBACK}:{port}"
        server = subprocess.Popen([str(DOCGEN), "serve", "--host", LOOPBACK, "--port", str(port)], env=environment,
                                  stderr=subprocess.DEVNULL)
        processes.append(server)
        processes += [subprocess.Popen([str(DOCGEN), "worker"], env=environment, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
                      for _ in range(options.workers)]
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{base}/dang-nhap", timeout=5)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise SystemExit("docgen serve did not start")
                time.sleep(0.2)

        peak = [0]
        stop_sampling = threading.Event()

        def sample() -> None:
            while not stop_sampling.wait(0.2):
                peak[0] = max(peak[0], sum(tree_memory_kb(process.pid) for process in processes))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        recorder = Recorder()
        sessions = [sign_in(recorder, base, name, password) for name, password in accounts.items()]
        from docgen.store import Database
        from docgen.store import units as unit_store

        with Database(database_url).session() as session:
            unit_ids = [record.id for record in unit_store.all_units(session, 1)]
        recorder.latencies.clear()  # sign-ins aside: the figures are browsing and editing

        stop = threading.Event()
        users = [threading.Thread(target=browse, args=(recorder, base, session, unit_ids, stop, random.Random(number)))
                 for number, session in enumerate(sessions)]
        for user in users:
            user.start()
        time.sleep(2)
        batch_started = time.monotonic()
        status_urls = start_batches(Recorder(), base, sessions[0], options.batches)
        finished: dict[str, float] = {}
        made = dict.fromkeys(status_urls, 0)  # documents each batch has made
        limit = time.monotonic() + options.limit
        while time.monotonic() < limit:
            for url in status_urls:
                if url not in finished:
                    status = sessions[0].get(url, timeout=60).json()
                    made[url] = status["total"] if status["status"] == "done" else status["done"]
                    if status["finished"]:
                        finished[url] = time.monotonic() - batch_started
                        if status["status"] != "done":
                            recorder.errors.append(f"batch {url}: {status['status']} {status['error']}")
            if len(finished) == len(status_urls) and time.monotonic() - batch_started >= options.seconds:
                break
            time.sleep(0.5)
        all_done = len(finished) == len(status_urls)
        batch_seconds = max(finished.values(), default=0) if all_done else time.monotonic() - batch_started
        stop.set()
        for user in users:
            user.join()
        stop_sampling.set()
        sampler.join()
        unfinished = len(status_urls) - len(finished)
        if unfinished:
            recorder.errors.append(f"{unfinished} batches unfinished after {options.limit} s")

        latencies = sorted(recorder.latencies)
        p50 = statistics.median(latencies) * 1000
        p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
        setup = f"{'PostgreSQL' if options.postgres else 'SQLite'} + " + (
            f"queue, {options.workers} workers" if options.workers else "in-process")
        print(f"{len(latencies)} requests by {options.users} users, {options.batches} batches of "
              f"{options.units} units × {len(KINDS)} kinds on {os.cpu_count()} cores", file=sys.stderr)
        for error in recorder.errors[:20]:
            print(f"error: {error}", file=sys.stderr)
        documents = sum(made.values())
        print("| setup | requests | p50 ms | p95 ms | max ms | errors | documents made | in | documents/s | "
              "peak memory |")
        print(f"| {setup} | {len(latencies)} | {p50:.0f} | {p95:.0f} | {latencies[-1] * 1000:.0f} | "
              f"{len(recorder.errors)} | {documents} of {len(status_urls) * options.units * len(KINDS)} | "
              f"{batch_seconds:.0f} s | {documents / batch_seconds if batch_seconds else 0:.0f} | "
              f"{peak[0] / 1024:.0f} MiB |")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        if redis:
            redis.stop()
        if postgres:
            postgres.stop()


if __name__ == "__main__":
    main()
