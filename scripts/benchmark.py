"""Batch speed: the compiled engine against plain docxtpl and against the floor, in one run.

    .venv/bin/python scripts/benchmark.py [--sizes 84,1000,10000] [--jobs N] [--reference-sample 60]

Each engine runs as the real command (``docgen batch`` as a whole process, start-up included)
for every size, the fastest of ``--repeat`` runs (taken in rounds) up to 1,000 units, one run
above; the reference engine, at about 10 ms a document, is run whole only up to
``--reference-full`` units and measured in-process on a sample above that.  The floor is
writing the same ZIP from parts rendered beforehand: deflating each document part, assembling
each .docx and storing it in the batch ZIP, and nothing else.  Peak memory is the largest sum
of proportional set sizes (PSS) over the process and its workers, sampled every 20 ms in a run
of its own (sampling slows a command down, so timed runs are not sampled).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from docgen.batch import batch_entries  # noqa: E402
from docgen.derive import document_context  # noqa: E402
from docgen.engine import Engine  # noqa: E402
from docgen.engine.compiled import CORE_PART, DOCUMENT_PART  # noqa: E402
from docgen.engine.rawzip import Entry as ZipEntry  # noqa: E402
from docgen.engine.rawzip import write_zip  # noqa: E402
from docgen.files import load_plan  # noqa: E402
from docgen.kinds import default_kinds  # noqa: E402
from docgen.model import Unit  # noqa: E402
from docgen.units import units_to_csv  # noqa: E402

PLAN = REPO / "examples" / "seed-plan.yaml"
DEFAULT_KINDS = default_kinds()
DOCGEN = Path(sys.executable).with_name("docgen")
BODIES = ["Sở Tài chính", "Công ty Cổ phần May Hưng Yên", "Trường Chính trị tỉnh", "Bệnh viện Đa khoa tỉnh",
          "Cục Thuế tỉnh", "Báo Hưng Yên", "Ngân hàng Nông nghiệp chi nhánh tỉnh", "Hội Nhà báo tỉnh"]


def make_units(count: int) -> list[Unit]:
    return [
        Unit(code=f"U{n:05d}", name=f"{BODIES[n % len(BODIES)]} số {n}", kind="dang-bo" if n % 2 else "chi-bo",
             symbol="ĐU" if n % 2 else "CB", secretary=f"Nguyễn Văn {n}")
        for n in range(count)
    ]


def tree_memory_kb(root: int) -> int:
    """Memory of a process and all its descendants, from /proc: proportional set size, so pages
    that forked workers share with their parent are counted once, not once per process."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
        stack += map(int, children)
    return total


def run_command(arguments: list[str], cache: Path, sample_memory: bool = False) -> tuple[float, float]:
    """Wall seconds of a command, with ``cache`` as the folder of prepared templates; with
    ``sample_memory``, its peak memory (MB, with its workers) instead of a time, since reading
    /proc every 20 ms slows the command down and delays noticing its end."""
    started = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "DOCGEN_CACHE_DIR": str(cache)})
    peak = 0
    if sample_memory:
        while process.poll() is None:
            peak = max(peak, tree_memory_kb(process.pid))
            time.sleep(0.02)
    else:
        process.wait()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed: {process.stderr.read().decode()}")
    return elapsed, peak / 1024


def batch_command(units_csv: Path, out: Path, engine: str, jobs: int) -> list[str]:
    return [str(DOCGEN), "batch", str(PLAN), "--units", str(units_csv), "--kinds", ",".join(DEFAULT_KINDS),
            "-o", str(out), "--engine", engine, "--jobs", str(jobs)]


def reference_sample_ms(plan, units: list[Unit], sample: int) -> float:
    """Milliseconds per document of plain docxtpl, rendered in this process on a sample."""
    engine = Engine("reference")
    entries = batch_entries(units[:sample], DEFAULT_KINDS)[:sample]
    started = time.perf_counter()
    for entry in entries:
        engine.render(entry.kind, document_context(entry.kind, plan, entry.unit))
    return (time.perf_counter() - started) / len(entries) * 1000


def floor_ms(plan, units: list[Unit], count: int, out: Path) -> float:
    """Milliseconds per document to write the batch ZIP from parts rendered beforehand: each
    document part deflated (core properties stored, as the engine does), each .docx assembled and
    stored in the batch ZIP, and nothing else."""
    engine = Engine("compiled")
    prepared = []
    for entry in batch_entries(units[:28], DEFAULT_KINDS):
        docx = zipfile.ZipFile(io.BytesIO(engine.render(entry.kind, document_context(entry.kind, plan, entry.unit))))
        parts = [(name, docx.read(name)) for name in docx.namelist()]
        fixed = {name: ZipEntry.deflate(name, data, smallest=True) for name, data in parts
                 if name not in (DOCUMENT_PART, CORE_PART)}
        prepared.append((entry.path, parts, fixed))
    started = time.perf_counter()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(count):
            path, parts, fixed = prepared[n % len(prepared)]
            members = [fixed.get(name) or (ZipEntry.store if name == CORE_PART else ZipEntry.deflate)(name, data)
                       for name, data in parts]
            archive.writestr(f"{n:06d}/{path}", write_zip(members), compress_type=zipfile.ZIP_STORED)
    return (time.perf_counter() - started) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="84,200,1000,10000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--reference-full", type=int, default=200, help="largest size run whole with docxtpl")
    parser.add_argument("--reference-sample", type=int, default=60, help="documents sampled above that")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement up to 1,000 units (fastest)")
    options = parser.parse_args()
    plan = load_plan(PLAN)
    sizes = [int(size) for size in options.sizes.split(",")]
    # ZIPs go to memory where it can (/dev/shm): a gigabyte still being written back to disk from
    # one run would slow the next one down.
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as work:
        work = Path(work)
        cache = work / "cache"

        def command(size: int, engine: str) -> list[str]:
            units_csv = work / f"units-{size}.csv"
            if not units_csv.exists():
                units_csv.write_bytes(units_to_csv(make_units(size)))
            return batch_command(units_csv, work / f"{engine}.zip", engine, options.jobs)

        # The first run prepares the templates into the empty cache, as after installing or upgrading.
        cold, _ = run_command(command(1, "compiled"), cache)
        # Every measurement is the fastest of its runs, as timeit does (noise only ever adds time),
        # and its runs are spread over rounds: this machine has slow spells of several seconds,
        # which would otherwise catch all the runs of one measurement.  Start-up is the whole
        # command for one unit (interpreter, imports, templates).
        measured = [(1, "compiled"), (1, "reference")]
        measured += [(size, engine) for size in sizes if size <= 1000 for engine in ("compiled", "reference")
                     if engine == "compiled" or size <= options.reference_full]
        walls: dict[tuple[int, str], float] = {}
        floors: dict[int, float] = {}
        for _ in range(options.repeat):
            for key in measured:
                walls[key] = min(walls.get(key, float("inf")), run_command(command(*key), cache)[0])
            for size in sizes:
                if size <= 1000:
                    floor = floor_ms(plan, make_units(size), size * len(DEFAULT_KINDS), work / "floor.zip")
                    floors[size] = min(floors.get(size, float("inf")), floor)
        start, ref_start = walls[1, "compiled"], walls[1, "reference"]
        rows = []
        for size in sizes:
            documents = size * len(DEFAULT_KINDS)
            if size > 1000:
                walls[size, "compiled"] = run_command(command(size, "compiled"), cache)[0]
                floors[size] = floor_ms(plan, make_units(size), documents, work / "floor.zip")
            peak = run_command(command(size, "compiled"), cache, sample_memory=True)[1]
            if size <= options.reference_full:
                ref_wall, ref_note = walls[size, "reference"], ""
                ref_peak = run_command(command(size, "reference"), cache, sample_memory=True)[1]
            else:
                per_doc = reference_sample_ms(plan, make_units(size), options.reference_sample)
                ref_wall = ref_start + per_doc * documents / 1000 / options.jobs
                ref_peak, ref_note = float("nan"), f" (start-up + sample of {options.reference_sample})"
            rows.append((size, documents, walls[size, "compiled"], peak, ref_wall, ref_peak, ref_note, floors[size]))
            print(f"{size} units done", file=sys.stderr)
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; --jobs {options.jobs}; kinds {', '.join(DEFAULT_KINDS)}; "
          f"start-up (one unit, whole command): compiled {start:.2f} s (first run, templates not yet prepared: "
          f"{cold:.2f} s), reference {ref_start:.2f} s\n")
    print("| units | documents | compiled wall s | docs/s | ms/doc | ms/doc after start-up | peak MB "
          "| reference wall s | ms/doc after start-up | peak MB | speed-up | speed-up after start-up "
          "| floor ms/doc | compiled ÷ floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, documents, wall, peak, ref_wall, ref_peak, ref_note, floor in rows:
        marginal = (wall - start) / documents * 1000
        ref_marginal = (ref_wall - ref_start) / documents * 1000
        ref_peak_text = "—" if ref_peak != ref_peak else f"{ref_peak:.0f}"
        print(f"| {size:,} | {documents:,} | {wall:.2f} | {documents / wall:,.0f} | {wall / documents * 1000:.2f} "
              f"| {marginal:.2f} | {peak:.0f} | {ref_wall:.1f}{ref_note} | {ref_marginal:.1f} | {ref_peak_text} "
              f"| {ref_wall / wall:.0f}× | {ref_marginal / marginal:.0f}× | {floor:.2f} | {marginal / floor:.1f}× |")


if __name__ == "__main__":
    main()
