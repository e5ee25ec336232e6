"""Batches as jobs, on a real Redis queue consumed by real ``docgen worker`` processes, and in the
process (its batch workers spawned, as on Windows): made, cancelled, and finished by another worker
when the one making it is killed; in both modes the Generation row tells how it went."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from rq import Worker

from docgen.jobs import InProcess, Job, queue, run
from docgen.storage import FolderStorage
from docgen.store import Database, generations
from docgen.store.demo import load_demo_data
from docgen.store.schema import Generation
from docgen.units import read_units

from ..conftest import EXAMPLES

KINDS = ("letter", "report", "unit-plan")
DOCGEN = Path(sys.executable).with_name("docgen")
LOST_SECONDS = 3


@dataclass
class Site:
    """A data folder and a database holding the demo organisation, as a web server would leave them."""

    database: Database
    data_dir: Path

    def job(self, plan, units, kinds=KINDS, processes=1) -> Job:
        with self.database.session() as session:
            record = Generation(organisation_id=1, plan_summary="kế hoạch", kinds=",".join(kinds), unit_count=len(units))
            session.add(record)
            session.flush()
            record.path = f"{record.id}.zip"
            key = generations.zip_key(record)
        return Job(record.id, plan, tuple(units), tuple(kinds), key, processes=processes)

    def row(self, generation_id: int) -> Generation:
        with self.database.session() as session:
            return generations.get(session, 1, generation_id)

    def wait(self, generation_id: int, until, timeout: float = 120) -> Generation:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if until(record := self.row(generation_id)):
                return record
            time.sleep(0.05)
        raise AssertionError(f"generation {generation_id}: still {record.status} {record.done}/{record.total}")

    def files(self) -> list[str]:
        return sorted(self.storage.keys(generations.FOLDER))

    @property
    def storage(self) -> FolderStorage:
        return FolderStorage(self.data_dir)


@pytest.fixture
def site(database_url, tmp_path) -> Site:
    database = Database(database_url)
    database.upgrade()
    with database.session() as session:
        load_demo_data(session)
    return Site(database, tmp_path / "data")


def many_units(count: int) -> list:
    """``count`` units, copies of the example's under codes of their own."""
    examples = read_units(EXAMPLES / "units.csv")
    return [examples[i % len(examples)].model_copy(update={"code": f"{examples[i % len(examples)].code}-{i}"})
            for i in range(count)]


def assert_whole_batch(site: Site, job: Job) -> None:
    """The ZIP holds every unit × kind, listed in its manifest as the units are, and the documents
    open, each addressed to its unit."""
    with zipfile.ZipFile(site.data_dir / job.target) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
        assert [(row["code"], row["name"], row["kind"]) for row in rows] == [
            (unit.code, unit.name, kind) for unit in job.units for kind in job.kinds]
        assert sorted(archive.namelist()) == sorted([row["path"] for row in rows] + ["manifest.csv"])
        letters = {row["code"]: row["path"] for row in rows if row["kind"] == "letter"}
        for unit in (job.units[0], job.units[-1]):
            letter = Document(io.BytesIO(archive.read(letters[unit.code])))
            assert letter.paragraphs[0].text == f"Kính gửi: {unit.committee}"
    record = site.row(job.generation_id)
    assert (record.status, record.done, record.total, record.error) == (
        Generation.DONE, len(job.units) * len(job.kinds), len(job.units) * len(job.kinds), "")


@pytest.fixture
def start_workers(redis_url, site):
    """``docgen worker`` processes, each in a process group of its own (its work horse and batch
    processes with it), as on machines of their own; all stopped at the end."""
    started: list[subprocess.Popen] = []

    def start(count: int) -> list[subprocess.Popen]:
        environment = dict(os.environ, DOCGEN_QUEUE_URL=redis_url, DOCGEN_DATA_DIR=str(site.data_dir),
                           DOCGEN_DATABASE_URL=site.database.url, DOCGEN_WORKER_LOST_SECONDS=str(LOST_SECONDS))
        new = [subprocess.Popen([str(DOCGEN), "worker"], env=environment, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(count)]
        started.extend(new)
        return new

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_batches_go_through_the_queue_to_two_workers(site, seed_plan, redis_url, start_workers):
    start_workers(2)
    runner = queue.QueueRunner(redis_url)
    runner.check()
    jobs = [site.job(seed_plan, many_units(count)) for count in (300, 200, 84)]
    for job in jobs:
        runner.submit(job)
    for job in jobs:
        site.wait(job.generation_id, lambda record: record.finished)
        assert_whole_batch(site, job)
    assert site.files() == [f"generations/{job.generation_id}.zip" for job in jobs]
    makers = {queue.Queue(queue.QUEUE, connection=runner.queue.connection).fetch_job(f"generation-{job.generation_id}")
              .worker_name for job in jobs}
    assert len(makers) == 2, "both workers took batches"


def test_a_cancelled_batch_stops_and_leaves_no_zip(site, seed_plan, redis_url, start_workers):
    start_workers(1)
    job = site.job(seed_plan, many_units(1000))
    queue.QueueRunner(redis_url).submit(job)
    site.wait(job.generation_id, lambda record: record.done > 0)
    command = [str(DOCGEN), "--lang", "en", "generation"]
    environment = dict(os.environ, DOCGEN_DATA_DIR=str(site.data_dir), DOCGEN_DATABASE_URL=site.database.url)
    cancelled = subprocess.run([*command, "cancel", str(job.generation_id)], env=environment, capture_output=True,
                               text=True, check=True)
    assert cancelled.stdout == f"Generation {job.generation_id} cancelled\n"
    listed = subprocess.run([*command, "list"], env=environment, capture_output=True, text=True, check=True)
    assert listed.stdout.splitlines()[0].split("\t")[:3] == [str(job.generation_id), "1", "cancelled"]
    again = subprocess.run([*command, "cancel", str(job.generation_id)], env=environment, capture_output=True,
                           text=True)
    assert (again.returncode, again.stderr) == (
        2, f"docgen: Generation {job.generation_id} does not exist or has finished\n")
    rq_job = queue.Queue(queue.QUEUE, connection=queue.connect(redis_url)).fetch_job(f"generation-{job.generation_id}")
    deadline = time.monotonic() + 60
    while not rq_job.get_status(refresh=True) == "finished":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    record = site.row(job.generation_id)
    assert record.status == Generation.CANCELLED and 0 < record.done < record.total
    assert site.files() == []
    run(job, site.database, site.storage)  # a cancelled job is not redone
    assert site.row(job.generation_id).status == Generation.CANCELLED and site.files() == []


def test_a_batch_whose_worker_is_killed_finishes_on_another(site, seed_plan, redis_url, start_workers):
    first = start_workers(1)[0]
    job = site.job(seed_plan, many_units(1000))
    runner = queue.QueueRunner(redis_url)
    runner.submit(job)
    site.wait(job.generation_id, lambda record: record.done > 0)
    second = start_workers(1)[0]
    # The machine dies: the worker, its work horse (a process group of its own) and the batch's processes.
    horses = (Path("/proc") / str(first.pid) / "task" / str(first.pid) / "children").read_text().split()
    for group in (first.pid, *map(int, horses)):
        os.killpg(group, signal.SIGKILL)
    first.wait()
    before = site.row(job.generation_id).done
    record = site.wait(job.generation_id, lambda record: record.finished, timeout=180)
    assert record.status == Generation.DONE and 0 < before < record.total
    assert_whole_batch(site, job)
    assert site.files() == [job.target]
    workers = {worker.name: worker.pid for worker in Worker.all(connection=runner.queue.connection)}
    made_by = runner.queue.fetch_job(f"generation-{job.generation_id}").worker_name
    assert workers[made_by] == second.pid


def test_a_finished_job_is_not_redone_and_a_rerun_rewrites_the_same_zip(site, seed_plan):
    job = site.job(seed_plan, many_units(30), kinds=("letter",))
    run(job, site.database, site.storage)
    assert_whole_batch(site, job)
    made = (site.data_dir / job.target).stat().st_mtime_ns
    run(job, site.database, site.storage)
    assert (site.data_dir / job.target).stat().st_mtime_ns == made
    with site.database.session() as session:  # as when its worker died mid-batch and it was put back
        record = session.get(Generation, job.generation_id)
        record.status, record.done, record.finished_at = Generation.RUNNING, 7, None
    (site.data_dir / job.target).write_bytes(b"an older ZIP")
    run(job, site.database, site.storage)
    assert_whole_batch(site, job)


def test_the_in_process_runner_spawns_its_workers_where_there_is_no_fork(site, seed_plan):
    runner = InProcess(site.database, site.storage, "spawn")
    assert runner.method == "spawn"
    job = site.job(seed_plan, many_units(60), processes=2)  # 180 documents: more than a chunk each
    runner.submit(job)
    site.wait(job.generation_id, lambda record: record.finished)
    assert_whole_batch(site, job)
