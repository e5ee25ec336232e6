"""Batch speed: the compiled engine against plain docxtpl and against the floor, in one run.

    .venv/bin/python scripts/benchmark.py [--sizes 84,1000,10000] [--jobs N] [--reference-sample 60]

Each engine runs as the real command (``docgen batch`` as a whole process, start-up included)
for every size, the fastest of ``--repeat`` runs up to 1,000 units; the reference engine, at about 50 ms a document, is run whole only up to
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

from docgen.batch import DEFAULT_KINDS, Entry  # noqa: E402
from docgen.derive import document_context  # noqa: E402
from docgen.engine import Engine  # noqa: E402
from docgen.engine.compiled import CORE_PART, DOCUMENT_PART  # noqa: E402
from docgen.engine.rawzip import Entry as ZipEntry  # noqa: E402
from docgen.engine.rawzip import write_zip  # noqa: E402
from docgen.files import load_plan  # noqa: E402
from docgen.model import Unit  # noqa: E402
from docgen.units import units_to_csv  # noqa: E402

PLAN = REPO / "examples" / "seed-plan.yaml"
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
    entries = [Entry(unit, kind) for unit in units for kind in DEFAULT_KINDS][:sample]
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
    for unit in units[:28]:
        for kind in DEFAULT_KINDS:
            docx = zipfile.ZipFile(io.BytesIO(engine.render(kind, document_context(kind, plan, unit))))
            parts = [(name, docx.read(name)) for name in docx.namelist()]
            fixed = {name: ZipEntry.deflate(name, data, smallest=True) for name, data in parts
                     if name not in (DOCUMENT_PART, CORE_PART)}
            prepared.append((Entry(unit, kind).path, parts, fixed))
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
    rows = []
    # ZIPs go to memory where it can (/dev/shm): a gigabyte still being written back to disk from
    # one run would slow the next one down.
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as work:
        work = Path(work)
        cache = work / "cache"

        def batch(size: int, engine: str) -> tuple[float, float]:
            """The fastest wall time of a few runs (one for big batches), and the peak memory of
            one more.  The fastest, as timeit does: on a shared machine noise only ever adds time."""
            units_csv = work / f"units-{size}.csv"
            if not units_csv.exists():
                units_csv.write_bytes(units_to_csv(make_units(size)))
            zip_path = work / f"{engine}.zip"
            command = batch_command(units_csv, zip_path, engine, options.jobs)
            wall = min(run_command(command, cache)[0] for _ in range(options.repeat if size <= 1000 else 1))
            _, peak = run_command(command, cache, sample_memory=True)
            zip_path.unlink()
            return wall, peak

        # Start-up: the whole command for one unit (interpreter, imports, templates, pool); the
        # first run prepares the templates into the empty cache, as after installing or upgrading.
        one_unit = work / "units-1.csv"
        one_unit.write_bytes(units_to_csv(make_units(1)))
        cold, _ = run_command(batch_command(one_unit, work / "cold.zip", "compiled", options.jobs), cache)
        # Measured again beside every size: this machine has slow spells of a few seconds, and a
        # start-up caught in one would make every "after start-up" figure wrong.
        starts, ref_starts = [], []

        def sample_start_up() -> None:
            starts.append(batch(1, "compiled")[0])
            ref_starts.append(batch(1, "reference")[0])

        sample_start_up()
        for size in map(int, options.sizes.split(",")):
            sample_start_up()
            ref_start = min(ref_starts)
            units = make_units(size)
            documents = size * len(DEFAULT_KINDS)
            floor = min(floor_ms(plan, units, documents, work / "floor.zip")
                        for _ in range(options.repeat if size <= 1000 else 1))
            (work / "floor.zip").unlink()
            wall, peak = batch(size, "compiled")
            if size <= options.reference_full:
                ref_wall, ref_peak = batch(size, "reference")
                ref_note = ""
            else:
                per_doc = reference_sample_ms(plan, units, options.reference_sample)
                ref_wall = ref_start + per_doc * documents / 1000 / options.jobs
                ref_peak, ref_note = float("nan"), f" (start-up + sample of {options.reference_sample})"
            rows.append((size, documents, wall, peak, ref_wall, ref_peak, ref_note, floor))
            print(f"{size} units done", file=sys.stderr)
    start, ref_start = min(starts), min(ref_starts)
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
