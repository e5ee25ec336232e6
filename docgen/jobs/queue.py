"""Jobs on a Redis queue (RQ), consumed by ``docgen worker`` processes on any machine that reaches
the queue, the database and the shared files.

A worker beats every :data:`HEARTBEAT` seconds while it runs a job; a job whose worker missed its beats
for ``lost`` seconds (its machine died, it was killed) is put back on the queue by any other worker,
which looks for such jobs as often, and runs again from the start (:func:`docgen.jobs.run` is
idempotent). A batch is given :data:`TIMEOUT` seconds at most.
"""

from __future__ import annotations

import functools

from redis import Redis
from rq import Queue, Retry, Worker

from docgen import settings
from docgen.jobs import Job, run
from docgen.storage import Storage, open_storage
from docgen.store import Database, data_dir, default_url

QUEUE = "docgen"
HEARTBEAT = 2
TIMEOUT = 6 * 3600
RETRIES = 3
"""How many times a job is put back after its worker died."""


def connect(url: str) -> Redis:
    return Redis.from_url(url, health_check_interval=30)


class QueueRunner:
    def __init__(self, url: str):
        self.queue = Queue(QUEUE, connection=connect(url))

    def submit(self, job: Job) -> None:
        self.queue.enqueue(perform, job, job_id=f"generation-{job.generation_id}", job_timeout=TIMEOUT,
                           retry=Retry(max=RETRIES), result_ttl=3600, failure_ttl=7 * 86400)

    def check(self) -> None:
        self.queue.connection.ping()


@functools.cache
def places() -> tuple[Database, Storage]:
    """The database and shared files of this worker's settings, opened once per process."""
    chosen = settings.current()
    return Database(default_url(data_dir())), open_storage(chosen.storage_url, data_dir())


def perform(job: Job) -> None:
    """The job, in a worker."""
    run(job, *places())


class BatchWorker(Worker):
    """An RQ worker whose job is taken for lost after ``lost`` seconds without a beat, not RQ's
    fixed minute and more."""

    def __init__(self, *args, lost: int, **kwargs):
        super().__init__(*args, job_monitoring_interval=HEARTBEAT, maintenance_interval=lost,
                         worker_ttl=lost + 15, **kwargs)
        self.lost = lost

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
        return self.lost


def work(url: str, lost: int, burst: bool = False) -> None:
    """Take jobs off the queue until stopped (``burst``: until it is empty)."""
    connection = connect(url)
    BatchWorker([Queue(QUEUE, connection=connection)], connection=connection, lost=lost).work(burst=burst)
